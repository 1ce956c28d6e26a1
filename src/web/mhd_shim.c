/*
 * mhd_shim — the libmicrohttpd functions bagu serve calls, loaded on first use
 * (util/lazylib.h), so that no other command loads libmicrohttpd and GnuTLS. Each has
 * the library's name and signature and forwards to the real function.
 */
#include <stdarg.h>
#include <stdint.h>
#include <sys/socket.h>
#include <microhttpd.h>

#include <string.h>

#include "util/lazylib.h"

#ifndef BAGU_SONAME_MHD
#define BAGU_SONAME_MHD "libmicrohttpd.so.12"
#endif

static struct lazylib lib = LAZYLIB_INIT(BAGU_SONAME_MHD);

const char *bagu_mhd_error(void)
{
	return lazylib_error(&lib);
}

#define FN(name)                                                                              \
	static __typeof__(&name) fn_;                                                         \
	__typeof__(&name) f_ = __atomic_load_n(&fn_, __ATOMIC_ACQUIRE);                       \
	if (!f_) {                                                                            \
		void *p_ = lazylib_need(&lib, #name);                                         \
		memcpy(&f_, &p_, sizeof(f_)); /* ISO C has no object-to-function cast */      \
		__atomic_store_n(&fn_, f_, __ATOMIC_RELEASE);                                 \
	}

struct MHD_Daemon *MHD_start_daemon(unsigned int flags, uint16_t port, MHD_AcceptPolicyCallback apc,
				    void *apc_cls, MHD_AccessHandlerCallback dh, void *dh_cls, ...)
{
	/* the entry point: a missing library makes it fail as a daemon that cannot start */
	if (!lazylib_sym(&lib, "MHD_start_daemon_va"))
		return NULL;
	FN(MHD_start_daemon_va)
	va_list ap;
	va_start(ap, dh_cls);
	struct MHD_Daemon *d = f_(flags, port, apc, apc_cls, dh, dh_cls, ap);
	va_end(ap);
	return d;
}

void MHD_stop_daemon(struct MHD_Daemon *d)
{
	FN(MHD_stop_daemon)
	f_(d);
}

MHD_socket MHD_quiesce_daemon(struct MHD_Daemon *d)
{
	FN(MHD_quiesce_daemon)
	return f_(d);
}

const union MHD_DaemonInfo *MHD_get_daemon_info(struct MHD_Daemon *d, enum MHD_DaemonInfoType t, ...)
{
	/* bagu asks only for information types that take no further argument */
	FN(MHD_get_daemon_info)
	return f_(d, t);
}

const char *MHD_lookup_connection_value(struct MHD_Connection *c, enum MHD_ValueKind kind, const char *key)
{
	FN(MHD_lookup_connection_value)
	return f_(c, kind, key);
}

int MHD_get_connection_values(struct MHD_Connection *c, enum MHD_ValueKind kind, MHD_KeyValueIterator it,
			      void *it_cls)
{
	FN(MHD_get_connection_values)
	return f_(c, kind, it, it_cls);
}

struct MHD_Response *MHD_create_response_from_buffer(size_t size, void *buffer, enum MHD_ResponseMemoryMode mode)
{
	FN(MHD_create_response_from_buffer)
	return f_(size, buffer, mode);
}

enum MHD_Result MHD_add_response_header(struct MHD_Response *r, const char *header, const char *content)
{
	FN(MHD_add_response_header)
	return f_(r, header, content);
}

enum MHD_Result MHD_queue_response(struct MHD_Connection *c, unsigned int status, struct MHD_Response *r)
{
	FN(MHD_queue_response)
	return f_(c, status, r);
}

void MHD_destroy_response(struct MHD_Response *r)
{
	FN(MHD_destroy_response)
	f_(r);
}

struct MHD_PostProcessor *MHD_create_post_processor(struct MHD_Connection *c, size_t buffer_size,
						    MHD_PostDataIterator iter, void *iter_cls)
{
	FN(MHD_create_post_processor)
	return f_(c, buffer_size, iter, iter_cls);
}

enum MHD_Result MHD_post_process(struct MHD_PostProcessor *pp, const char *data, size_t len)
{
	FN(MHD_post_process)
	return f_(pp, data, len);
}

enum MHD_Result MHD_destroy_post_processor(struct MHD_PostProcessor *pp)
{
	FN(MHD_destroy_post_processor)
	return f_(pp);
}
