/*
 * web — `bagu serve`: the web site and its JSON API. Layer: front end (like src/cli/);
 * reads content.db through store, holds no domain logic, and never prints or exits.
 *
 * Three parts, each usable on its own:
 *
 *   1. struct web_site (site.c) — everything the site serves, loaded once from a
 *      content.db: topics, questions with their sections, lookups by id and seed number.
 *      The database is read-only at run time, so the site pre-renders every page and
 *      every fixed API answer (in zh-CN and English) when it opens, and serves them from
 *      memory. After web_site_open returns, a site is immutable and safe to share
 *      between threads, except for the small search-result cache, which has its own lock.
 *
 *   2. web_handle (router.c) — one request in, one response out, with no network: the
 *      routes below, 404/405/400/413/503, conditional GET (ETag), the language switch.
 *      Unit tests drive the whole site through it.
 *
 *   3. struct web_server (server.c) — libmicrohttpd: an epoll internal thread with a
 *      thread pool; responds on the handler's second call (so keep-alive works); caps on
 *      per-connection memory (request line + headers), connection time and count, and
 *      request bodies; security headers on every response; an access-log line per
 *      request through a callback; web_server_stop quiesces (stops accepting), lets
 *      requests in flight finish, then stops.
 *
 * Routes (GET and HEAD; POST only where said; any other method → 405 with Allow):
 *
 *   /                         home: roadmap stages with topics and counts, search, tools
 *   /topics/{id}              a topic: its questions by level then frequency, sub-topics,
 *                             prerequisites
 *   /q/{id or seed}           a question; a seed number redirects (302) to its id
 *   /search?q=&topic=&level=  search results (GET); 503 when search is not in the build
 *   /tools                    the converters (GET form; POST renders the result, no JS)
 *   /lang?to=en|zh&next=PATH  sets the UI language cookie and redirects (303) to PATH
 *   /static/NAME              bundled assets (CSS, JS, highlight.js), cached, ETag
 *   /healthz                  "ok" and the counts, as JSON
 *   /api/v1/questions?topic=&level=        JSON array, as `bagu list --json`
 *   /api/v1/questions/{id or seed}         JSON object, as `bagu show --json`
 *   /api/v1/questions/{id or seed}/diagrams/{N}.svg   diagram N as image/svg+xml
 *   /api/v1/topics                         JSON array of topics
 *   /api/v1/search?q=&n=&topic=&level=     JSON, as `bagu search --json`
 *   POST /api/v1/gen/{json,yaml,toml,sql}  body = the document, query = the CLI options;
 *                                          200 text/plain Go source, or a JSON error
 *
 * API errors are JSON: {"error": "message", "status": N} plus "line"/"column" when the
 * engine reported a position. Pages choose their language from ?lang=, then the
 * bagu_lang cookie, then zh-CN.
 *
 * The search page and the converters are plug-ins (struct web_engines), filled in by
 * the CLI from src/search and src/gen, so this module depends on neither.
 */
#ifndef BAGU_WEB_H
#define BAGU_WEB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/util.h"

/* ---- plug-in engines ---- */

/* One search hit, as the page needs it. */
struct web_search_hit {
	char *id;           /* question id */
	char *snippet_html; /* already-safe HTML: escaped text with <mark> around matches */
	double score;
};

struct web_engines {
	void *ctx;
	/* Searches. Fills *hits (malloc'd array, freed by web with free() on every member
	 * and the array) and json (the API's answer, the same as `bagu search --json`).
	 * topic/level may be NULL. Returns 0 or -1 with err. Must be thread-safe. */
	int (*search)(void *ctx, const char *q, const char *topic, const char *level, size_t n,
		      struct web_search_hit **hits, size_t *nhits, struct strbuf *json,
		      struct bagu_err *err);
	/* Converts a document to Go. format is "json", "yaml", "toml" or "sql"; opts are
	 * the CLI's options as name/value pairs (names without "--"; value "" for flags).
	 * Returns 0 with Go source in out; 1 for a usage problem in opts (err says which);
	 * -1 for bad input (err "line:col: message" when known, *line and *col set, else 0).
	 * Must be thread-safe. */
	int (*gen)(void *ctx, const char *format, const char *const *names, const char *const *values,
		   size_t nopts, const char *doc, size_t len, struct strbuf *out, int *line, int *col,
		   struct bagu_err *err);
	/* The options the tools page offers for a format (NULL-terminated array of
	 * {name, help, takes_value}); may be NULL. */
	const struct web_gen_option *(*gen_options)(void *ctx, const char *format);
};

struct web_gen_option {
	const char *name;    /* "root", "omitempty", ... (without "--") */
	const char *help;    /* one line */
	bool takes_value;    /* --name VALUE rather than a flag */
	const char *dflt;    /* default value shown in the form, or NULL */
};

/* ---- the site ---- */

struct web_site;

/* Opens db_path read-only, loads it and pre-renders the site. engines may be NULL (no
 * search page, no converters: those routes answer 503 "not available in this build");
 * it is copied. Returns 0 or -1 with err. */
int web_site_open(struct web_site **out, const char *db_path, const struct web_engines *engines,
		  struct bagu_err *err) BAGU_MUST_CHECK;
void web_site_free(struct web_site *site);
/* Numbers for the start-up line. */
size_t web_site_nquestions(const struct web_site *site);
size_t web_site_ntopics(const struct web_site *site);

/* ---- one request, one response ---- */

#define WEB_MAX_PARAMS 64
#define WEB_DEFAULT_MAX_BODY (8u << 20)

struct web_param {
	const char *key, *value; /* decoded, NUL-terminated */
	size_t value_len;        /* value may hold NUL bytes only for uploaded files */
};

struct web_request {
	const char *method;          /* "GET", "HEAD", "POST", ... */
	const char *path;            /* decoded path without the query, starts with '/' */
	const struct web_param *params; /* query arguments (and form fields for POST /tools) */
	size_t nparams;
	const char *if_none_match;   /* header value or NULL */
	const char *cookie;          /* header value or NULL */
	const char *content_type;    /* header value or NULL */
	const char *body;            /* raw body (API POST); NULL when none */
	size_t body_len;
	bool body_too_large;         /* the body passed the limit and was dropped */
	size_t max_body;             /* the limit, for the 413 message */
};

struct web_response {
	int status;
	const char *content_type;
	const char *body; /* points into the site's cache or at owned */
	size_t len;
	char *owned;      /* malloc'd body, freed by web_response_release */
	const char *cache_control;
	char etag[24];    /* "" when none; quoted */
	char *location;   /* malloc'd or NULL */
	char *set_cookie; /* malloc'd or NULL */
	const char *allow;
	const char *disposition; /* Content-Disposition or NULL */
	bool vary_cookie;
};

/* Answers req. Never fails: internal problems become 500/503 responses. resp is
 * filled completely (no web_response_init needed); release it with
 * web_response_release. */
void web_handle(struct web_site *site, const struct web_request *req, struct web_response *resp);
void web_response_release(struct web_response *resp);

/* The value of a parameter, or NULL. */
const char *web_param(const struct web_request *req, const char *key);

/* ---- the server ---- */

struct web_server_config {
	const char *host;          /* numeric IPv4 or IPv6 address; "127.0.0.1" by default */
	uint16_t port;             /* 0 picks a free port (see web_server_port) */
	unsigned threads;          /* thread pool size; 0 = number of CPUs */
	unsigned conn_limit;       /* simultaneous connections; 0 = 1024 */
	unsigned conn_timeout;     /* seconds of inactivity before a connection is dropped (a
	                              client that stops mid-headers included); 0 = 10 */
	size_t conn_memory;        /* per-connection memory: request line + headers; 0 = 32 KiB */
	size_t max_body;           /* request body cap; 0 = WEB_DEFAULT_MAX_BODY */
	/* Called once per finished request with one line (no newline): method, path,
	 * status, bytes, microseconds. NULL: no access log. May be called from any pool
	 * thread at once. */
	void (*log)(void *ctx, const char *line);
	void *log_ctx;
};

struct web_server;

/* Binds and starts serving site (which must outlive the server). */
int web_server_start(struct web_server **out, struct web_site *site, const struct web_server_config *cfg,
		     struct bagu_err *err) BAGU_MUST_CHECK;
/* The port actually bound. */
uint16_t web_server_port(const struct web_server *srv);
/* Stops accepting, waits up to grace_ms for requests in flight to finish, stops the
 * threads and frees srv. */
void web_server_stop(struct web_server *srv, unsigned grace_ms);

#endif
