/* router — web_handle: one request in, one response out (see web.h, part 2). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/json.h"
#include "web/assets.h"
#include "web/escape.h"
#include "web/web_int.h"

#define HTML "text/html; charset=utf-8"
#define JSON "application/json; charset=utf-8"
#define TEXT "text/plain; charset=utf-8"
#define MAX_QUERY_BYTES 256
#define MAX_SEARCH_N 100

const char *web_param(const struct web_request *req, const char *key)
{
	for (size_t i = 0; i < req->nparams; i++)
		if (!strcmp(req->params[i].key, key))
			return req->params[i].value;
	return NULL;
}

static const struct web_param *web_param_full(const struct web_request *req, const char *key)
{
	for (size_t i = 0; i < req->nparams; i++)
		if (!strcmp(req->params[i].key, key))
			return &req->params[i];
	return NULL;
}

void web_response_release(struct web_response *r)
{
	free(r->owned);
	free(r->location);
	free(r->set_cookie);
	r->owned = r->location = r->set_cookie = NULL;
	r->body = NULL;
	r->len = 0;
}

static void set_owned(struct web_response *r, int status, const char *type, struct strbuf *sb)
{
	r->status = status;
	r->content_type = type;
	r->owned = strbuf_detach(sb, &r->len);
	r->body = r->owned;
}

/* Serves a cached page, or 304 when the client has it. */
static void set_page(struct web_response *r, const struct web_request *req, const struct web_page *p,
		     const char *type)
{
	r->status = 200;
	r->content_type = type;
	memcpy(r->etag, p->etag, sizeof(r->etag));
	if (req->if_none_match && strstr(req->if_none_match, p->etag)) {
		r->status = 304;
		r->body = "";
		r->len = 0;
		return;
	}
	r->body = p->body;
	r->len = p->len;
}

void api_error(struct strbuf *sb, int status, const char *msg, int line, int col)
{
	struct json_writer w;
	json_init(&w, sb, false);
	json_obj_begin(&w);
	json_key(&w, "error");
	json_str(&w, msg);
	json_key(&w, "status");
	json_int(&w, status);
	if (line > 0) {
		json_key(&w, "line");
		json_int(&w, line);
		json_key(&w, "column");
		json_int(&w, col);
	}
	json_obj_end(&w);
	strbuf_addch(sb, '\n');
}

static void json_fail(struct web_response *r, int status, const char *msg)
{
	struct strbuf sb = STRBUF_INIT;
	api_error(&sb, status, msg, 0, 0);
	set_owned(r, status, JSON, &sb);
}

static void html_fail(struct web_site *s, struct web_response *r, enum web_lang lang, const char *self,
		      int status, const char *title, const char *msg)
{
	if (status == 404 && !strcmp(msg, web_ui(lang)->not_found_text)) {
		r->status = 404;
		r->content_type = HTML;
		r->body = s->notfound[lang].body;
		r->len = s->notfound[lang].len;
		return;
	}
	struct strbuf sb = STRBUF_INIT;
	strbuf_init(&sb, 4096);
	page_error(s, lang, self, title, msg, &sb);
	set_owned(r, status, HTML, &sb);
}

static void not_found(struct web_site *s, struct web_response *r, enum web_lang lang)
{
	html_fail(s, r, lang, "/", 404, web_ui(lang)->not_found_title, web_ui(lang)->not_found_text);
}

static enum web_lang pick_lang(const struct web_request *req)
{
	const char *l = web_param(req, "lang");
	if (l && !strcmp(l, "en"))
		return LANG_EN;
	if (l && !strcmp(l, "zh"))
		return LANG_ZH;
	const char *c = req->cookie;
	while (c && (c = strstr(c, "bagu_lang=")) != NULL) {
		if (c == req->cookie || c[-1] == ' ' || c[-1] == ';')
			return !strncmp(c + 10, "en", 2) && (c[12] == '\0' || c[12] == ';') ? LANG_EN : LANG_ZH;
		c += 10;
	}
	return LANG_ZH;
}

/* Path segments ".", ".." (also as %2e%2e, decoded before we see it), backslashes and
 * empty segments are refused: nothing outside the routes and the asset set is served. */
static bool path_suspicious(const char *p)
{
	if (p[0] != '/' || strchr(p, '\\'))
		return true;
	for (const char *seg = p + 1;; ) {
		const char *end = strchr(seg, '/');
		size_t n = end ? (size_t)(end - seg) : strlen(seg);
		if ((n == 1 && seg[0] == '.') || (n == 2 && seg[0] == '.' && seg[1] == '.'))
			return true;
		if (!end)
			return false;
		if (n == 0)
			return true; /* "//" */
		seg = end + 1;
	}
}

/* Appends a path (already decoded) to sb for a Location header: bytes outside the
 * unreserved set and '/' are percent-encoded. */
static void location_path(struct strbuf *sb, const char *p)
{
	static const char hex[] = "0123456789ABCDEF";
	for (; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
		    c == '.' || c == '_' || c == '~' || c == '/')
			strbuf_addch(sb, c);
		else
			strbuf_addf(sb, "%%%c%c", hex[c >> 4], hex[c & 15]);
	}
}

static void redirect(struct web_response *r, int status, const char *prefix, const char *path)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_addstr(&sb, prefix);
	location_path(&sb, path);
	r->status = status;
	r->location = strbuf_detach(&sb, NULL);
	r->content_type = TEXT;
	r->body = "";
	r->len = 0;
}

/* ---- API ---- */

static void api_questions(struct web_site *s, const struct web_request *req, struct web_response *r)
{
	const char *topic = web_param(req, "topic"), *level = web_param(req, "level");
	if (topic && !*topic)
		topic = NULL;
	if (level && !*level)
		level = NULL;
	if (!topic && !level) {
		set_page(r, req, &s->api_questions, JSON);
		return;
	}
	int ti = -1, li = -1;
	if (topic) {
		struct web_topic *t = web_find_topic(s, topic);
		if (!t) {
			struct strbuf m = STRBUF_INIT;
			strbuf_addf(&m, "no topic '%.100s'", topic);
			json_fail(r, 404, m.buf);
			strbuf_release(&m);
			return;
		}
		ti = (int)(t - s->topics);
	}
	if (level && (li = kb_level_index(level)) < 0) {
		json_fail(r, 400, "level must be 新手, 进阶 or 高级 (or beginner, intermediate, advanced)");
		return;
	}
	struct strbuf sb = STRBUF_INIT;
	strbuf_init(&sb, 4096);
	struct json_writer w;
	json_init(&w, &sb, false);
	json_arr_begin(&w);
	for (size_t i = 0; i < s->nqs; i++) {
		const struct web_question *q = &s->qs[i];
		if ((ti < 0 || web_topic_within(s, q->topic, ti)) && (li < 0 || q->level == li))
			store_question_json(&w, &q->q, false);
	}
	json_arr_end(&w);
	strbuf_addch(&sb, '\n');
	set_owned(r, 200, JSON, &sb);
}

/* Runs a search (through the cache for the API's JSON). Returns 0, or an HTTP status
 * with msg filled. hits/nhits only when want_hits. */
static int run_search(struct web_site *s, const char *q, const char *topic, const char *level, size_t n,
		      struct web_search_hit **hits, size_t *nhits, struct strbuf *json, struct bagu_err *err)
{
	*hits = NULL;
	*nhits = 0;
	if (s->eng.search(s->eng.ctx, q, topic, level, n, hits, nhits, json, err))
		return 500;
	return 0;
}

static void free_hits(struct web_search_hit *hits, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(hits[i].id);
		free(hits[i].snippet_html);
	}
	free(hits);
}

/* Checks the search parameters; returns 0 or fills msg and returns 400. */
static int search_params(const struct web_request *req, const char **q, const char **topic, const char **level,
			 size_t *n, const struct web_site *s, struct strbuf *msg)
{
	*q = web_param(req, "q");
	*topic = web_param(req, "topic");
	*level = web_param(req, "level");
	if (*topic && !**topic)
		*topic = NULL;
	if (*level && !**level)
		*level = NULL;
	const char *ns = web_param(req, "n");
	*n = 10;
	if (ns && *ns) {
		char *end;
		long v = strtol(ns, &end, 10);
		if (*end || v < 1 || v > MAX_SEARCH_N) {
			strbuf_addf(msg, "n must be a number from 1 to %d", MAX_SEARCH_N);
			return 400;
		}
		*n = (size_t)v;
	}
	if (*q && strlen(*q) > MAX_QUERY_BYTES) {
		strbuf_addf(msg, "query longer than %d bytes", MAX_QUERY_BYTES);
		return 400;
	}
	if (*q && !utf8_valid(*q, strlen(*q))) {
		strbuf_addstr(msg, "query is not valid UTF-8");
		return 400;
	}
	if (*topic && !web_find_topic(s, *topic)) {
		strbuf_addf(msg, "no topic '%.100s'", *topic);
		return 400;
	}
	if (*level) {
		int li = kb_level_index(*level);
		if (li < 0) {
			strbuf_addstr(msg, "level must be 新手, 进阶 or 高级");
			return 400;
		}
		*level = kb_levels[li];
	}
	return 0;
}

static void api_search(struct web_site *s, const struct web_request *req, struct web_response *r)
{
	if (!s->have_search) {
		json_fail(r, 503, "search is not available in this build");
		return;
	}
	const char *q, *topic, *level;
	size_t n;
	struct strbuf msg = STRBUF_INIT;
	int st = search_params(req, &q, &topic, &level, &n, s, &msg);
	if (!st && (!q || !*q)) {
		strbuf_addstr(&msg, "missing q (the search words)");
		st = 400;
	}
	if (st) {
		json_fail(r, st, msg.buf);
		strbuf_release(&msg);
		return;
	}
	strbuf_release(&msg);
	/* cache key: the normalised parameters */
	struct strbuf key = STRBUF_INIT;
	strbuf_addf(&key, "%zu\x1f%s\x1f%s\x1f%s", n, topic ? topic : "", level ? level : "", q);
	pthread_mutex_lock(&s->cache_lock);
	for (size_t i = 0; i < WEB_SEARCH_CACHE; i++) {
		struct web_search_cache_entry *e = &s->cache[i];
		if (e->key && !strcmp(e->key, key.buf)) {
			e->used = ++s->cache_clock;
			r->status = 200;
			r->content_type = JSON;
			memcpy(r->etag, e->json.etag, sizeof(r->etag));
			r->owned = xmalloc(e->json.len + 1);
			memcpy(r->owned, e->json.body, e->json.len + 1);
			r->body = r->owned;
			r->len = e->json.len;
			pthread_mutex_unlock(&s->cache_lock);
			strbuf_release(&key);
			return;
		}
	}
	pthread_mutex_unlock(&s->cache_lock);
	struct web_search_hit *hits;
	size_t nhits;
	struct strbuf json = STRBUF_INIT;
	struct bagu_err err;
	if (run_search(s, q, topic, level, n, &hits, &nhits, &json, &err)) {
		json_fail(r, 500, err.msg);
		strbuf_release(&json);
		strbuf_release(&key);
		return;
	}
	free_hits(hits, nhits);
	/* store a copy in the least recently used slot */
	pthread_mutex_lock(&s->cache_lock);
	struct web_search_cache_entry *victim = &s->cache[0];
	for (size_t i = 0; i < WEB_SEARCH_CACHE; i++) {
		if (!s->cache[i].key) {
			victim = &s->cache[i];
			break;
		}
		if (s->cache[i].used < victim->used)
			victim = &s->cache[i];
	}
	free(victim->key);
	web_page_release(&victim->json);
	victim->key = strbuf_detach(&key, NULL);
	victim->used = ++s->cache_clock;
	victim->json.body = xmalloc(json.len + 1);
	memcpy(victim->json.body, json.buf, json.len + 1);
	victim->json.len = json.len;
	web_etag(victim->json.etag, json.buf, json.len);
	memcpy(r->etag, victim->json.etag, sizeof(r->etag));
	pthread_mutex_unlock(&s->cache_lock);
	set_owned(r, 200, JSON, &json);
}

static bool gen_format_ok(const char *f)
{
	return !strcmp(f, "json") || !strcmp(f, "yaml") || !strcmp(f, "toml") || !strcmp(f, "sql");
}

/* Collects the converter options from the request's parameters (all but the form's own
 * fields). In the API a flag may be given bare (?inline); the form sends every text box, so
 * there (skip_empty) an empty box means "the default". Returns the count. */
static size_t gen_opts(const struct web_request *req, const char **names, const char **values, size_t cap,
		       bool skip_empty)
{
	size_t n = 0;
	for (size_t i = 0; i < req->nparams && n < cap; i++) {
		const char *k = req->params[i].key;
		if (!strcmp(k, "format") || !strcmp(k, "doc") || !strcmp(k, "file") || !strcmp(k, "download") ||
		    !strcmp(k, "lang") || (skip_empty && !*req->params[i].value))
			continue;
		names[n] = k;
		values[n] = req->params[i].value;
		n++;
	}
	return n;
}

static void api_gen(struct web_site *s, const struct web_request *req, const char *format, struct web_response *r)
{
	if (!gen_format_ok(format)) {
		json_fail(r, 404, "no converter for this format: use json, yaml, toml or sql");
		return;
	}
	if (strcmp(req->method, "POST")) {
		r->allow = "POST";
		json_fail(r, 405, "use POST with the document as the request body");
		return;
	}
	if (req->body_too_large) {
		struct strbuf m = STRBUF_INIT;
		strbuf_addf(&m, "request body larger than %zu bytes (the server's --max-body)", req->max_body);
		json_fail(r, 413, m.buf);
		strbuf_release(&m);
		return;
	}
	if (!s->have_gen) {
		json_fail(r, 503, "the converters are not available in this build");
		return;
	}
	if (!req->body || req->body_len == 0) {
		json_fail(r, 400, "empty request body: send the document to convert");
		return;
	}
	const char *names[WEB_MAX_PARAMS], *values[WEB_MAX_PARAMS];
	size_t nopts = gen_opts(req, names, values, WEB_MAX_PARAMS, false);
	struct strbuf out = STRBUF_INIT;
	struct bagu_err err;
	int line = 0, col = 0;
	int rc = s->eng.gen(s->eng.ctx, format, names, values, nopts, req->body, req->body_len, &out, &line, &col,
			    &err);
	if (rc) {
		struct strbuf sb = STRBUF_INIT;
		api_error(&sb, 400, err.msg, line, col);
		set_owned(r, 400, JSON, &sb);
		strbuf_release(&out);
		return;
	}
	set_owned(r, 200, TEXT, &out);
}

/* ---- pages needing work per request ---- */

static void search_page(struct web_site *s, const struct web_request *req, enum web_lang lang,
			struct web_response *r)
{
	const struct web_ui *u = web_ui(lang);
	if (!s->have_search) {
		html_fail(s, r, lang, "/search", 503, u->unavailable_title, u->search_unavailable);
		return;
	}
	const char *q, *topic, *level;
	size_t n;
	struct strbuf msg = STRBUF_INIT;
	struct strbuf sb = STRBUF_INIT;
	strbuf_init(&sb, 16384);
	int st = search_params(req, &q, &topic, &level, &n, s, &msg);
	if (st) {
		page_search(s, lang, q, NULL, NULL, NULL, 0, msg.buf, &sb);
		strbuf_release(&msg);
		set_owned(r, 400, HTML, &sb);
		return;
	}
	strbuf_release(&msg);
	struct web_search_hit *hits = NULL;
	size_t nhits = 0;
	if (q && *q) {
		struct strbuf json = STRBUF_INIT;
		struct bagu_err err;
		int rc = run_search(s, q, topic, level, 20, &hits, &nhits, &json, &err);
		strbuf_release(&json);
		if (rc) {
			page_search(s, lang, q, topic, level, NULL, 0, err.msg, &sb);
			set_owned(r, 500, HTML, &sb);
			return;
		}
	}
	page_search(s, lang, q, topic, level, hits, nhits, NULL, &sb);
	free_hits(hits, nhits);
	set_owned(r, 200, HTML, &sb);
}

static void tools_page(struct web_site *s, const struct web_request *req, enum web_lang lang,
		       struct web_response *r)
{
	const struct web_ui *u = web_ui(lang);
	if (!s->have_gen) {
		html_fail(s, r, lang, "/tools", 503, u->unavailable_title, u->gen_unavailable);
		return;
	}
	if (strcmp(req->method, "POST")) {
		set_page(r, req, &s->tools[lang], HTML);
		return;
	}
	struct web_tools_state st = {.req = req};
	st.format = web_param(req, "format");
	if (!st.format || !gen_format_ok(st.format))
		st.format = "json";
	const struct web_param *doc = web_param_full(req, "doc"), *file = web_param_full(req, "file");
	if (file && file->value_len) {
		st.doc = file->value;
		st.doc_len = file->value_len;
	} else if (doc) {
		st.doc = doc->value;
		st.doc_len = doc->value_len;
	}
	struct strbuf out = STRBUF_INIT;
	struct bagu_err err;
	int status = 200;
	if (req->body_too_large) {
		snprintf(err.msg, sizeof(err.msg), "%s (> %zu bytes)", u->too_large, req->max_body);
		st.error = err.msg;
		st.doc = NULL;
		status = 413;
	} else if (!st.doc || !st.doc_len) {
		st.error = lang == LANG_EN ? "paste or upload a document first" : "请先粘贴或上传文档";
		status = 400;
	} else {
		const char *names[WEB_MAX_PARAMS], *values[WEB_MAX_PARAMS];
		size_t nopts = gen_opts(req, names, values, WEB_MAX_PARAMS, true);
		int line = 0, col = 0;
		int rc = s->eng.gen(s->eng.ctx, st.format, names, values, nopts, st.doc, st.doc_len, &out, &line, &col,
				    &err);
		if (rc) {
			st.error = err.msg;
			st.line = line;
			st.col = col;
			status = 400;
		} else if (web_param(req, "download")) {
			r->disposition = "attachment; filename=\"models.go\"";
			set_owned(r, 200, "text/x-go; charset=utf-8", &out);
			return;
		} else {
			st.out = out.buf;
			st.out_len = out.len;
		}
	}
	struct strbuf sb = STRBUF_INIT;
	strbuf_init(&sb, 16384 + out.len * 2 + st.doc_len * 2);
	page_tools(s, lang, &st, &sb);
	strbuf_release(&out);
	set_owned(r, status, HTML, &sb);
}

static void lang_switch(const struct web_request *req, struct web_response *r)
{
	const char *to = web_param(req, "to");
	const char *next = web_param(req, "next");
	bool en = to && !strcmp(to, "en");
	/* only local absolute paths: no scheme, no "//host", no backslashes */
	if (!next || next[0] != '/' || next[1] == '/' || strchr(next, '\\') || strlen(next) > 512)
		next = "/";
	redirect(r, 303, "", next);
	r->set_cookie = xasprintf("bagu_lang=%s; Path=/; Max-Age=31536000; SameSite=Lax", en ? "en" : "zh");
}

static void static_asset(const struct web_request *req, const char *name, struct web_response *r)
{
	const struct web_asset *a = web_asset_find(name);
	if (!a) {
		json_fail(r, 404, "no such asset");
		return;
	}
	const char *v = web_param(req, "v");
	r->status = 200;
	r->content_type = a->type;
	r->cache_control = v && !strcmp(v, a->version) ? "public, max-age=31536000, immutable" : "public, max-age=3600";
	snprintf(r->etag, sizeof(r->etag), "%s", a->etag);
	if (req->if_none_match && strstr(req->if_none_match, a->etag)) {
		r->status = 304;
		r->body = "";
		r->len = 0;
		return;
	}
	r->body = (const char *)a->data;
	r->len = a->len;
}

static bool starts(const char *s, const char *prefix, const char **rest)
{
	size_t n = strlen(prefix);
	if (strncmp(s, prefix, n))
		return false;
	*rest = s + n;
	return true;
}

/* /api/v1/questions/{id or seed}/diagrams/{N}.svg: one diagram as a standalone SVG. */
static void api_diagram(struct web_site *s, const struct web_request *req, const char *rest,
			struct web_response *r)
{
	const char *d = strstr(rest, "/diagrams/");
	char ref[160];
	size_t rl = (size_t)(d - rest);
	const char *num = d + 10;
	char *end;
	long n = strtol(num, &end, 10);
	struct web_question *q = NULL;
	if (rl > 0 && rl < sizeof(ref) && num[0] >= '1' && num[0] <= '9' && !strcmp(end, ".svg")) {
		memcpy(ref, rest, rl);
		ref[rl] = '\0';
		q = web_find_ref(s, ref);
	}
	if (!q || n < 1 || (size_t)n > q->q.ndiagrams) {
		json_fail(r, 404, "no such diagram (GET /api/v1/questions/ID lists them)");
		return;
	}
	set_page(r, req, &q->svgs[n - 1], "image/svg+xml");
	r->cache_control = "no-cache";
}

void web_handle(struct web_site *s, const struct web_request *req, struct web_response *r)
{
	memset(r, 0, sizeof(*r));
	r->status = 500;
	r->content_type = HTML;
	r->body = "";
	r->cache_control = "no-cache";
	const char *m = req->method, *p = req->path, *rest;
	enum web_lang lang = pick_lang(req);
	bool is_api = !strncmp(p, "/api/", 5) || !strcmp(p, "/healthz");
	bool get = !strcmp(m, "GET") || !strcmp(m, "HEAD"), post = !strcmp(m, "POST");
	if (!get && !post) {
		r->allow = "GET, HEAD, POST";
		if (is_api)
			json_fail(r, 405, "method not allowed");
		else
			html_fail(s, r, lang, "/", 405, web_ui(lang)->method_not_allowed, m);
		return;
	}
	if (path_suspicious(p)) {
		if (is_api)
			json_fail(r, 400, "bad path");
		else
			html_fail(s, r, lang, "/", 400, web_ui(lang)->bad_request, web_ui(lang)->not_found_text);
		return;
	}
	/* POST goes to the converters only */
	if (post && strcmp(p, "/tools") && strncmp(p, "/api/v1/gen/", 12)) {
		r->allow = "GET, HEAD";
		if (is_api)
			json_fail(r, 405, "method not allowed");
		else
			html_fail(s, r, lang, "/", 405, web_ui(lang)->method_not_allowed, m);
		return;
	}
	if (is_api) {
		r->cache_control = "no-cache";
		if (!strcmp(p, "/healthz"))
			set_page(r, req, &s->healthz, JSON);
		else if (!strcmp(p, "/api/v1/questions"))
			api_questions(s, req, r);
		else if (starts(p, "/api/v1/questions/", &rest) && strstr(rest, "/diagrams/"))
			api_diagram(s, req, rest, r);
		else if (starts(p, "/api/v1/questions/", &rest) && *rest && !strchr(rest, '/')) {
			struct web_question *q = web_find_ref(s, rest);
			if (q)
				set_page(r, req, &q->api, JSON);
			else {
				struct strbuf msg = STRBUF_INIT;
				strbuf_addf(&msg, "no question '%.100s' (an id like go.slice.growth or a seed number)", rest);
				json_fail(r, 404, msg.buf);
				strbuf_release(&msg);
			}
		} else if (!strcmp(p, "/api/v1/topics"))
			set_page(r, req, &s->api_topics, JSON);
		else if (!strcmp(p, "/api/v1/search"))
			api_search(s, req, r);
		else if (starts(p, "/api/v1/gen/", &rest))
			api_gen(s, req, rest, r);
		else
			json_fail(r, 404, "no such API route");
		return;
	}
	r->vary_cookie = true;
	if (!strcmp(p, "/"))
		set_page(r, req, &s->home[lang], HTML);
	else if (starts(p, "/q/", &rest) && *rest && !strchr(rest, '/')) {
		struct web_question *q = web_find_ref(s, rest);
		if (!q)
			not_found(s, r, lang);
		else if (strcmp(rest, q->q.id))
			redirect(r, 302, "/q/", q->q.id);
		else
			set_page(r, req, &q->page[lang], HTML);
	} else if (starts(p, "/topics/", &rest) && *rest && !strchr(rest, '/')) {
		struct web_topic *t = web_find_topic(s, rest);
		if (t)
			set_page(r, req, &t->page[lang], HTML);
		else
			not_found(s, r, lang);
	} else if (!strcmp(p, "/topics"))
		redirect(r, 302, "", "/");
	else if (!strcmp(p, "/search"))
		search_page(s, req, lang, r);
	else if (!strcmp(p, "/tools"))
		tools_page(s, req, lang, r);
	else if (!strcmp(p, "/lang"))
		lang_switch(req, r);
	else if (starts(p, "/static/", &rest)) {
		r->vary_cookie = false;
		static_asset(req, rest, r);
	} else if (!strcmp(p, "/favicon.ico")) {
		r->vary_cookie = false;
		static_asset(req, "favicon.svg", r);
	} else
		not_found(s, r, lang);
}
