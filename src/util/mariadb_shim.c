/*
 * mariadb_shim — the libmariadb functions bagu calls, loaded on first use (lazylib.h).
 * Each has the library's own name and signature and forwards to the real function, so
 * callers (gen/sql_live.c, kb/sqlrun.c) are written against <mysql.h> as usual.
 */
#if __has_include(<mysql.h>)
#include <mysql.h>

#include <string.h>

#include "util/lazylib.h"
#include "util/util.h"

#ifndef BAGU_SONAME_MARIADB
#define BAGU_SONAME_MARIADB "libmariadb.so.3"
#endif

static struct lazylib lib = LAZYLIB_INIT(BAGU_SONAME_MARIADB);

const char *bagu_mariadb_error(void)
{
	return lazylib_error(&lib);
}

/* FN(name): the real function, resolved once (the cached pointer is atomic). */
#define FN(name)                                                                              \
	static __typeof__(&name) fn_;                                                         \
	__typeof__(&name) f_ = __atomic_load_n(&fn_, __ATOMIC_ACQUIRE);                       \
	if (!f_) {                                                                            \
		void *p_ = lazylib_need(&lib, #name);                                         \
		memcpy(&f_, &p_, sizeof(f_)); /* ISO C has no object-to-function cast */      \
		__atomic_store_n(&fn_, f_, __ATOMIC_RELEASE);                                 \
	}

MYSQL *STDCALL mysql_init(MYSQL *m)
{
	/* the entry point: a missing library makes it fail like an out-of-memory init */
	if (!lazylib_sym(&lib, "mysql_init"))
		return NULL;
	FN(mysql_init)
	return f_(m);
}

const char *STDCALL mysql_error(MYSQL *m)
{
	FN(mysql_error)
	return f_(m);
}

unsigned int STDCALL mysql_errno(MYSQL *m)
{
	FN(mysql_errno)
	return f_(m);
}

void STDCALL mysql_close(MYSQL *m)
{
	FN(mysql_close)
	f_(m);
}

int STDCALL mysql_options(MYSQL *m, enum mysql_option option, const void *arg)
{
	FN(mysql_options)
	return f_(m, option, arg);
}

MYSQL *STDCALL mysql_real_connect(MYSQL *m, const char *host, const char *user, const char *passwd,
				  const char *db, unsigned int port, const char *unix_socket,
				  unsigned long clientflag)
{
	FN(mysql_real_connect)
	return f_(m, host, user, passwd, db, port, unix_socket, clientflag);
}

int STDCALL mysql_query(MYSQL *m, const char *q)
{
	FN(mysql_query)
	return f_(m, q);
}

int STDCALL mysql_real_query(MYSQL *m, const char *q, unsigned long length)
{
	FN(mysql_real_query)
	return f_(m, q, length);
}

MYSQL_RES *STDCALL mysql_store_result(MYSQL *m)
{
	FN(mysql_store_result)
	return f_(m);
}

void STDCALL mysql_free_result(MYSQL_RES *r)
{
	FN(mysql_free_result)
	f_(r);
}

MYSQL_ROW STDCALL mysql_fetch_row(MYSQL_RES *r)
{
	FN(mysql_fetch_row)
	return f_(r);
}

unsigned long *STDCALL mysql_fetch_lengths(MYSQL_RES *r)
{
	FN(mysql_fetch_lengths)
	return f_(r);
}

MYSQL_FIELD *STDCALL mysql_fetch_fields(MYSQL_RES *r)
{
	FN(mysql_fetch_fields)
	return f_(r);
}

unsigned int STDCALL mysql_num_fields(MYSQL_RES *r)
{
	FN(mysql_num_fields)
	return f_(r);
}

unsigned int STDCALL mysql_field_count(MYSQL *m)
{
	FN(mysql_field_count)
	return f_(m);
}

int STDCALL mysql_next_result(MYSQL *m)
{
	FN(mysql_next_result)
	return f_(m);
}

my_ulonglong STDCALL mysql_affected_rows(MYSQL *m)
{
	FN(mysql_affected_rows)
	return f_(m);
}

char *STDCALL mysql_get_server_info(MYSQL *m)
{
	FN(mysql_get_server_info)
	return f_(m);
}

unsigned long STDCALL mysql_thread_id(MYSQL *m)
{
	FN(mysql_thread_id)
	return f_(m);
}

unsigned long STDCALL mysql_real_escape_string(MYSQL *m, char *to, const char *from, unsigned long length)
{
	FN(mysql_real_escape_string)
	return f_(m, to, from, length);
}
#else
typedef int bagu_no_mariadb; /* an empty file is not valid C */
#endif
