/* lazylib — shared libraries loaded on first use. See lazylib.h. */
#include "util/lazylib.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* pthread_once has no argument: the library being opened is passed through this. */
static __thread struct lazylib *opening;

static void open_lib(void)
{
	struct lazylib *lib = opening;
	lib->handle = dlopen(lib->soname, RTLD_NOW | RTLD_LOCAL);
	if (!lib->handle) {
		const char *e = dlerror();
		snprintf(lib->error, sizeof(lib->error), "%s", e ? e : lib->soname);
	}
}

void *lazylib_sym(struct lazylib *lib, const char *sym)
{
	opening = lib;
	pthread_once(&lib->once, open_lib);
	if (!lib->handle)
		return NULL;
	void *p = dlsym(lib->handle, sym);
	if (!p)
		snprintf(lib->error, sizeof(lib->error), "%s: no symbol %s", lib->soname, sym);
	return p;
}

const char *lazylib_error(const struct lazylib *lib)
{
	return lib->error;
}

void *lazylib_need(struct lazylib *lib, const char *sym)
{
	void *p = lazylib_sym(lib, sym);
	if (!p) {
		fprintf(stderr, "bagu: %s\n", lazylib_error(lib));
		abort();
	}
	return p;
}
