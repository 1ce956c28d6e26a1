/* server — libmicrohttpd glue: limits, bodies, security headers, access log, clean stop
 * (see web.h, part 3). Routing and content are web_handle's. */
#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "web/web_int.h"

#define CSP                                                                                            \
	"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "                \
	"connect-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
#define MAX_FIELD_BYTES (1u << 20) /* one form field other than the document */

struct web_server {
	struct MHD_Daemon *d;
	struct web_site *site;
	struct web_server_config cfg;
	uint16_t port;
	atomic_int inflight;
};

struct form_field {
	char *key;
	struct strbuf value;
};

/* Per-request state, created on the handler's first call. */
struct req_ctx {
	struct web_server *srv;
	uint64_t start_us;
	char method[16];
	char path[256]; /* for the access log, control bytes replaced */
	bool post, api_body, form, too_large;
	size_t received;
	struct strbuf body;
	struct MHD_PostProcessor *pp;
	struct form_field *fields;
	size_t nfields, afields;
	int status;
	size_t bytes;
};

static uint64_t now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

static void ctx_free(struct req_ctx *ctx)
{
	if (ctx->pp)
		MHD_destroy_post_processor(ctx->pp);
	strbuf_release(&ctx->body);
	for (size_t i = 0; i < ctx->nfields; i++) {
		free(ctx->fields[i].key);
		strbuf_release(&ctx->fields[i].value);
	}
	free(ctx->fields);
	free(ctx);
}

/* Form fields (POST /tools): multipart or urlencoded, through MHD's post processor. */
static enum MHD_Result post_iter(void *cls, enum MHD_ValueKind kind, const char *key, const char *filename,
				 const char *content_type, const char *transfer_encoding, const char *data,
				 uint64_t off, size_t size)
{
	struct req_ctx *ctx = cls;
	(void)kind, (void)filename, (void)content_type, (void)transfer_encoding, (void)off;
	if (!key)
		return MHD_YES;
	struct form_field *f = NULL;
	for (size_t i = 0; i < ctx->nfields; i++)
		if (!strcmp(ctx->fields[i].key, key))
			f = &ctx->fields[i];
	if (!f) {
		if (ctx->nfields >= WEB_MAX_PARAMS)
			return MHD_YES; /* extra fields ignored */
		XGROW(ctx->fields, ctx->afields, ctx->nfields + 1);
		f = &ctx->fields[ctx->nfields++];
		f->key = xstrdup(key);
		strbuf_init(&f->value, 0);
	}
	bool doc = !strcmp(key, "doc") || !strcmp(key, "file");
	if (f->value.len + size > (doc ? ctx->srv->cfg.max_body : MAX_FIELD_BYTES)) {
		ctx->too_large = true;
		return MHD_YES;
	}
	strbuf_add(&f->value, data, size);
	return MHD_YES;
}

static void log_path(char *out, size_t cap, const char *url)
{
	size_t i = 0;
	for (; url[i] && i + 1 < cap; i++) {
		unsigned char c = (unsigned char)url[i];
		out[i] = c < 0x20 || c == 0x7f ? '?' : (char)c;
	}
	out[i] = '\0';
}

struct args {
	struct web_param p[WEB_MAX_PARAMS];
	size_t n;
};

static enum MHD_Result arg_iter(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	struct args *a = cls;
	(void)kind;
	if (a->n >= WEB_MAX_PARAMS)
		return MHD_NO;
	a->p[a->n].key = key ? key : "";
	a->p[a->n].value = value ? value : "";
	a->p[a->n].value_len = strlen(a->p[a->n].value);
	a->n++;
	return MHD_YES;
}

static void add_header(struct MHD_Response *r, const char *k, const char *v)
{
	if (v && *v)
		MHD_add_response_header(r, k, v);
}

static enum MHD_Result respond(struct MHD_Connection *c, struct req_ctx *ctx, const struct web_response *wr)
{
	struct MHD_Response *r;
	if (wr->owned) {
		/* copy: the response outlives web_response_release */
		r = MHD_create_response_from_buffer(wr->len, (void *)wr->body, MHD_RESPMEM_MUST_COPY);
	} else {
		r = MHD_create_response_from_buffer(wr->len, (void *)wr->body, MHD_RESPMEM_PERSISTENT);
	}
	if (!r)
		return MHD_NO;
	if (wr->status != 304)
		add_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, wr->content_type);
	add_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, wr->cache_control);
	add_header(r, MHD_HTTP_HEADER_ETAG, wr->etag);
	add_header(r, MHD_HTTP_HEADER_LOCATION, wr->location);
	add_header(r, MHD_HTTP_HEADER_SET_COOKIE, wr->set_cookie);
	add_header(r, MHD_HTTP_HEADER_ALLOW, wr->allow);
	add_header(r, "Content-Disposition", wr->disposition);
	if (wr->vary_cookie)
		add_header(r, MHD_HTTP_HEADER_VARY, "Cookie");
	add_header(r, "Content-Security-Policy", CSP);
	add_header(r, "X-Content-Type-Options", "nosniff");
	add_header(r, "X-Frame-Options", "DENY");
	add_header(r, "Referrer-Policy", "same-origin");
	add_header(r, "Cross-Origin-Opener-Policy", "same-origin");
	ctx->status = wr->status;
	ctx->bytes = wr->status == 304 || !strcmp(ctx->method, "HEAD") ? 0 : wr->len;
	enum MHD_Result ok = MHD_queue_response(c, (unsigned)wr->status, r);
	MHD_destroy_response(r);
	return ok;
}

static enum MHD_Result handler(void *cls, struct MHD_Connection *c, const char *url, const char *method,
			       const char *version, const char *upload_data, size_t *upload_data_size,
			       void **con_cls)
{
	struct web_server *srv = cls;
	struct req_ctx *ctx = *con_cls;
	(void)version;
	if (!ctx) {
		/* first call: headers are in; set up, answer on the next call */
		ctx = xcalloc(1, sizeof(*ctx));
		ctx->srv = srv;
		ctx->start_us = now_us();
		snprintf(ctx->method, sizeof(ctx->method), "%s", method);
		log_path(ctx->path, sizeof(ctx->path), url);
		strbuf_init(&ctx->body, 0);
		ctx->status = 0;
		*con_cls = ctx;
		atomic_fetch_add(&srv->inflight, 1);
		ctx->post = !strcmp(method, MHD_HTTP_METHOD_POST);
		if (ctx->post) {
			const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
			if (cl && strtoull(cl, NULL, 10) > srv->cfg.max_body + (strcmp(url, "/tools") ? 0 : 65536)) {
				/* refuse before reading it; answering now closes the connection */
				struct web_request req = {.method = method, .path = url, .body_too_large = true,
							  .max_body = srv->cfg.max_body};
				struct web_response wr;
				web_handle(srv->site, &req, &wr);
				enum MHD_Result ok = respond(c, ctx, &wr);
				web_response_release(&wr);
				return ok;
			}
			if (!strcmp(url, "/tools"))
				ctx->pp = MHD_create_post_processor(c, 64 * 1024, post_iter, ctx);
			ctx->form = ctx->pp != NULL;
			ctx->api_body = !ctx->form;
		}
		return MHD_YES;
	}
	if (*upload_data_size) {
		size_t n = *upload_data_size;
		*upload_data_size = 0;
		ctx->received += n;
		if (ctx->too_large)
			return MHD_YES; /* drain */
		if (ctx->form) {
			if (ctx->received > srv->cfg.max_body + 65536)
				ctx->too_large = true;
			else if (MHD_post_process(ctx->pp, upload_data, n) != MHD_YES)
				ctx->too_large = ctx->too_large; /* malformed form: fields so far are kept */
		} else if (ctx->api_body) {
			if (ctx->body.len + n > srv->cfg.max_body) {
				ctx->too_large = true;
				strbuf_release(&ctx->body);
			} else {
				strbuf_add(&ctx->body, upload_data, n);
			}
		}
		return MHD_YES;
	}
	if (ctx->status)
		return MHD_YES; /* already answered (early 413) */
	/* the request is complete: answer it */
	struct args a = {.n = 0};
	MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, arg_iter, &a);
	for (size_t i = 0; i < ctx->nfields && a.n < WEB_MAX_PARAMS; i++, a.n++) {
		a.p[a.n].key = ctx->fields[i].key;
		a.p[a.n].value = ctx->fields[i].value.buf;
		a.p[a.n].value_len = ctx->fields[i].value.len;
	}
	struct web_request req = {
		.method = method,
		.path = url,
		.params = a.p,
		.nparams = a.n,
		.if_none_match = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_IF_NONE_MATCH),
		.cookie = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_COOKIE),
		.content_type = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE),
		.body = ctx->api_body && !ctx->too_large ? ctx->body.buf : NULL,
		.body_len = ctx->api_body && !ctx->too_large ? ctx->body.len : 0,
		.body_too_large = ctx->too_large,
		.max_body = srv->cfg.max_body,
	};
	struct web_response wr;
	web_handle(srv->site, &req, &wr);
	enum MHD_Result ok = respond(c, ctx, &wr);
	web_response_release(&wr);
	return ok;
}

static void completed(void *cls, struct MHD_Connection *c, void **con_cls, enum MHD_RequestTerminationCode toe)
{
	struct web_server *srv = cls;
	struct req_ctx *ctx = *con_cls;
	(void)c;
	if (!ctx)
		return;
	*con_cls = NULL;
	if (srv->cfg.log) {
		char line[512];
		snprintf(line, sizeof(line), "%s %s %d %zuB %lluµs%s", ctx->method, ctx->path, ctx->status, ctx->bytes,
			 (unsigned long long)(now_us() - ctx->start_us),
			 toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? ""
			 : toe == MHD_REQUEST_TERMINATED_TIMEOUT_REACHED ? " (timed out)"
									: " (aborted)");
		srv->cfg.log(srv->cfg.log_ctx, line);
	}
	ctx_free(ctx);
	atomic_fetch_sub(&srv->inflight, 1);
}

int web_server_start(struct web_server **out, struct web_site *site, const struct web_server_config *cfg,
		     struct bagu_err *err)
{
	*out = NULL;
	struct web_server *srv = xcalloc(1, sizeof(*srv));
	srv->site = site;
	srv->cfg = *cfg;
	if (!srv->cfg.host || !*srv->cfg.host)
		srv->cfg.host = "127.0.0.1";
	if (!srv->cfg.threads) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);
		srv->cfg.threads = n > 0 && n < 64 ? (unsigned)n : 2;
	}
	if (!srv->cfg.conn_limit)
		srv->cfg.conn_limit = 1024;
	if (!srv->cfg.conn_timeout)
		srv->cfg.conn_timeout = 10;
	if (!srv->cfg.conn_memory)
		srv->cfg.conn_memory = 32 * 1024;
	if (!srv->cfg.max_body)
		srv->cfg.max_body = WEB_DEFAULT_MAX_BODY;
	atomic_init(&srv->inflight, 0);

	struct sockaddr_storage ss;
	memset(&ss, 0, sizeof(ss));
	unsigned flags = MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ITC | MHD_USE_TURBO;
	if (strchr(srv->cfg.host, ':')) {
		struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&ss;
		s6->sin6_family = AF_INET6;
		s6->sin6_port = htons(cfg->port);
		if (inet_pton(AF_INET6, srv->cfg.host, &s6->sin6_addr) != 1) {
			const char *h = srv->cfg.host;
			free(srv);
			return bagu_error(err, "%s: not a numeric IPv6 address", h);
		}
		flags |= MHD_USE_IPv6;
	} else {
		struct sockaddr_in *s4 = (struct sockaddr_in *)&ss;
		s4->sin_family = AF_INET;
		s4->sin_port = htons(cfg->port);
		if (inet_pton(AF_INET, srv->cfg.host, &s4->sin_addr) != 1) {
			const char *h = srv->cfg.host;
			free(srv);
			return bagu_error(err, "%s: not a numeric IPv4 address (use e.g. 127.0.0.1 or 0.0.0.0)", h);
		}
	}
	srv->d = MHD_start_daemon(flags, cfg->port, NULL, NULL, handler, srv,
				  MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
				  MHD_OPTION_THREAD_POOL_SIZE, srv->cfg.threads,
				  MHD_OPTION_CONNECTION_LIMIT, srv->cfg.conn_limit,
				  MHD_OPTION_CONNECTION_TIMEOUT, srv->cfg.conn_timeout,
				  MHD_OPTION_CONNECTION_MEMORY_LIMIT, srv->cfg.conn_memory,
				  MHD_OPTION_LISTEN_BACKLOG_SIZE, 1024u,
				  MHD_OPTION_NOTIFY_COMPLETED, completed, srv,
				  MHD_OPTION_END);
	if (!srv->d) {
		int e = errno;
		bagu_error(err, "cannot listen on %s:%u%s%s", srv->cfg.host, cfg->port, e ? ": " : "",
			   e ? strerror(e) : "");
		free(srv);
		return -1;
	}
	const union MHD_DaemonInfo *info = MHD_get_daemon_info(srv->d, MHD_DAEMON_INFO_BIND_PORT);
	srv->port = info && info->port ? info->port : cfg->port;
	*out = srv;
	return 0;
}

uint16_t web_server_port(const struct web_server *srv)
{
	return srv->port;
}

void web_server_stop(struct web_server *srv, unsigned grace_ms)
{
	if (!srv)
		return;
	MHD_socket lfd = MHD_quiesce_daemon(srv->d);
	uint64_t until = now_us() + (uint64_t)grace_ms * 1000u;
	while (atomic_load(&srv->inflight) > 0 && now_us() < until)
		usleep(10 * 1000);
	MHD_stop_daemon(srv->d);
	if (lfd != MHD_INVALID_SOCKET)
		close(lfd);
	free(srv);
}
