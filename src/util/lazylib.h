/*
 * lazylib — shared libraries loaded on first use. bagu links libmicrohttpd (serve) and
 * libmariadb (gen sql --dsn, SQL examples) through small shims (web/mhd_shim.c,
 * util/mariadb_shim.c) whose functions have the libraries' own names and resolve the
 * real ones here with dlopen on their first call. A command that never calls them
 * never loads them — nor GnuTLS, OpenSSL and the dozen libraries they pull in, which
 * made every `bagu search` pay for relocating them at start-up.
 *
 * A library that cannot be loaded makes its entry points fail the way the library
 * reports failure (mysql_init and MHD_start_daemon return NULL); lazylib_error() then
 * says why. Thread-safe (pthread_once per library).
 */
#ifndef BAGU_UTIL_LAZYLIB_H
#define BAGU_UTIL_LAZYLIB_H

#include <pthread.h>

struct lazylib {
	const char *soname; /* e.g. "libmariadb.so.3" */
	pthread_once_t once;
	void *handle;
	char error[256];
};

#define LAZYLIB_INIT(soname) {(soname), PTHREAD_ONCE_INIT, NULL, ""}

/* The address of sym in lib, loading lib first; NULL if lib or sym is missing. */
void *lazylib_sym(struct lazylib *lib, const char *sym);
/* Why the last lazylib_sym on lib returned NULL ("" if it did not). */
const char *lazylib_error(const struct lazylib *lib);
/* For a shim whose library must be there by now (an entry point succeeded): aborts with
 * a message when sym is missing. */
void *lazylib_need(struct lazylib *lib, const char *sym);

#endif
