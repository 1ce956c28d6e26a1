/*
 * web/assets — the static files bundled into the binary at build time
 * (web/assets/bundle.cmake generates the table from web/assets/ and node_modules).
 * Served under /static/NAME with an ETag and a long Cache-Control; pages link them as
 * /static/NAME?v=VERSION so a new build busts every cache.
 */
#ifndef BAGU_WEB_ASSETS_H
#define BAGU_WEB_ASSETS_H

#include <stddef.h>

struct web_asset {
	const char *name;  /* "site.css" */
	const char *type;  /* Content-Type */
	const unsigned char *data;
	size_t len;
	const char *etag;    /* quoted, for the ETag header */
	const char *version; /* unquoted hex, for ?v= */
};

extern const struct web_asset web_assets[];
extern const size_t web_nassets;

/* The asset called name (exact match, no paths), or NULL. */
const struct web_asset *web_asset_find(const char *name);

#endif
