/* test_web — the web front end without a network: escaping, and every route through
 * web_handle against a content.db built from tests/fixtures/content plus one question
 * with hostile text. (tests/cli/serve.sh runs the real server; tests/e2e a browser.) */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "kb/kb.h"
#include "store/store.h"
#include "web/escape.h"
#include "web/web.h"

static char tmpdir[256];
static char dbpath[512];
static struct web_site *site;

/* ---- escaping ---- */

static void test_escape_html(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	esc_html_str(&sb, "<script>alert('x') & \"y\"</script>");
	assert_string_equal(sb.buf, "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;");
	strbuf_reset(&sb);
	esc_attr_str(&sb, "a\" onmouseover=\"x");
	assert_string_equal(sb.buf, "a&quot; onmouseover=&quot;x");
	strbuf_reset(&sb);
	/* CJK passes through; an invalid byte and a NUL become U+FFFD */
	esc_html(&sb, "切片\xff\0!", 9);
	assert_string_equal(sb.buf, "切片\xEF\xBF\xBD\xEF\xBF\xBD!");
	strbuf_release(&sb);
}

static void test_escape_url(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	esc_url_str(&sb, "go.slice growth/../?a=1&b#c");
	assert_string_equal(sb.buf, "go.slice%20growth%2F..%2F%3Fa%3D1%26b%23c");
	strbuf_reset(&sb);
	esc_url_str(&sb, "javascript:alert(1)");
	assert_string_equal(sb.buf, "javascript%3Aalert%281%29");
	strbuf_reset(&sb);
	esc_url_str(&sb, "切");
	assert_string_equal(sb.buf, "%E5%88%87");
	strbuf_reset(&sb);
	esc_js(&sb, "</script>\"\n", 11);
	assert_null(strstr(sb.buf, "</script>"));
	assert_non_null(strstr(sb.buf, "\\\""));
	strbuf_reset(&sb);
	assert_int_equal(url_decode(&sb, "a%20b+c%E5%88%87", 16, true), 0);
	assert_string_equal(sb.buf, "a b c切");
	strbuf_reset(&sb);
	assert_int_equal(url_decode(&sb, "%2e%2E", 6, false), 0);
	assert_string_equal(sb.buf, "..");
	strbuf_reset(&sb);
	assert_int_equal(url_decode(&sb, "%zz", 3, false), -1);
	strbuf_reset(&sb);
	assert_int_equal(url_decode(&sb, "ab%2", 4, false), -1);
	strbuf_reset(&sb);
	assert_int_equal(url_decode(&sb, "a%00b", 5, false), -1);
	strbuf_release(&sb);
}

/* ---- the site ---- */

static const char hostile[] =
	"---\n"
	"id: go.basics.hostile\n"
	"title: \"<script>alert('t')</script> & 切片\"\n"
	"seed: [7]\n"
	"topic: go.basics\n"
	"level: 高级\n"
	"freq: 2\n"
	"keypoints:\n"
	"  - text: \"a\"\n    match: [a]\n"
	"  - text: \"b\"\n    match: [b]\n"
	"  - text: \"c\"\n    match: [c]\n"
	"---\n"
	"## 简答\n\n<script>alert('body')</script> 正文 [x](javascript:alert(1))。\n\n"
	"## 详解\n\n详解。\n\n"
	"## 追问\n\n- 一？\n- 二？\n";

static int setup(void **state)
{
	(void)state;
	const char *src = getenv("BAGU_SRC");
	assert_non_null(src);
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/bagu-test-web-XXXXXX");
	assert_non_null(mkdtemp(tmpdir));
	char cmd[1024];
	snprintf(cmd, sizeof(cmd), "cp -r '%s/tests/fixtures/content' '%s/content'", src, tmpdir);
	assert_int_equal(system(cmd), 0);
	char path[600];
	snprintf(path, sizeof(path), "%s/content/questions/go/basics/hostile.md", tmpdir);
	struct bagu_err err;
	assert_int_equal(write_file_atomic(path, hostile, strlen(hostile), &err), 0);
	struct kb kb;
	kb_init(&kb);
	snprintf(path, sizeof(path), "%s/content", tmpdir);
	assert_int_equal(kb_load(&kb, path, &err), 0);
	for (size_t i = 0; i < kb.ndiags; i++)
		fprintf(stderr, "%s\n", kb.diags[i].msg);
	assert_int_equal(kb.nerrors, 0);
	snprintf(dbpath, sizeof(dbpath), "%s/content.db", tmpdir);
	assert_int_equal(store_build(&kb, dbpath, &err), 0);
	kb_release(&kb);
	assert_int_equal(web_site_open(&site, dbpath, NULL, &err), 0);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	web_site_free(site);
	char cmd[512];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

/* Issues a request; params as "k=v" strings, NULL-terminated. */
struct call {
	struct web_response r;
	char *body; /* NUL-terminated copy */
};

static void do_req(struct call *c, const char *method, const char *cookie, const char *inm, const char *body,
		   size_t body_len, bool too_large, const char *path, ...)
{
	struct web_param params[16];
	char keys[16][64];
	size_t n = 0;
	va_list ap;
	va_start(ap, path);
	const char *kv;
	while ((kv = va_arg(ap, const char *)) != NULL && n < 16) {
		const char *eq = strchr(kv, '=');
		snprintf(keys[n], sizeof(keys[n]), "%.*s", (int)(eq - kv), kv);
		params[n].key = keys[n];
		params[n].value = eq + 1;
		params[n].value_len = strlen(eq + 1);
		n++;
	}
	va_end(ap);
	struct web_request req = {.method = method, .path = path, .params = params, .nparams = n,
				  .cookie = cookie, .if_none_match = inm, .body = body, .body_len = body_len,
				  .body_too_large = too_large, .max_body = 1000};
	web_handle(site, &req, &c->r);
	c->body = xstrndup(c->r.body, c->r.len);
}

static void done(struct call *c)
{
	web_response_release(&c->r);
	free(c->body);
}

#define GET(c, ...) do_req((c), "GET", NULL, NULL, NULL, 0, false, __VA_ARGS__, NULL)
#define HAS(c, s) assert_non_null(strstr((c)->body, (s)))
#define LACKS(c, s) assert_null(strstr((c)->body, (s)))

static void test_home(void **state)
{
	(void)state;
	struct call c;
	GET(&c, "/");
	assert_int_equal(c.r.status, 200);
	assert_string_equal(c.r.content_type, "text/html; charset=utf-8");
	HAS(&c, "<html lang=\"zh-CN\">");
	HAS(&c, "新手");
	HAS(&c, "进阶");
	HAS(&c, "高级");
	HAS(&c, "href=\"/topics/go.basics\"");   /* a 新手 topic */
	HAS(&c, "基础 <span class=\"count\">3</span>");
	HAS(&c, "href=\"/topics/go.runtime\"");  /* a 高级 topic */
	HAS(&c, "action=\"/search\"");
	HAS(&c, "href=\"/tools\"");
	LACKS(&c, "<script>alert");
	/* stage order: 新手 before 进阶 before 高级 */
	assert_true(strstr(c.body, "stage-0") < strstr(c.body, "stage-1"));
	assert_true(strstr(c.body, "stage-1") < strstr(c.body, "stage-2"));
	/* no inline script: every <script> has a src */
	for (const char *p = c.body; (p = strstr(p, "<script")); p++)
		assert_true(!strncmp(p, "<script src=\"/static/", 21));
	done(&c);
}

static void test_question(void **state)
{
	(void)state;
	struct call c;
	GET(&c, "/q/go.basics.alpha");
	assert_int_equal(c.r.status, 200);
	HAS(&c, "<h1>Alpha 问题？</h1>");
	HAS(&c, "Alpha 的简答");
	HAS(&c, "<span class=\"seed\">#1</span>");
	HAS(&c, "<span class=\"seed\">#2</span>");
	HAS(&c, "<pre lang=\"go\"><code>");
	HAS(&c, "href=\"/q/go.basics.beta\"");   /* related and next */
	HAS(&c, "rel=\"next\"");
	LACKS(&c, "rel=\"prev\"");               /* alpha (新手, freq 5) comes first in its topic */
	assert_true(strstr(c.body, "id=\"short\"") < strstr(c.body, "id=\"detail\""));
	assert_true(strstr(c.body, "id=\"detail\"") < strstr(c.body, "id=\"followup\""));
	assert_true(c.r.vary_cookie);
	assert_true(c.r.etag[0] == '"');
	char etag[24];
	memcpy(etag, c.r.etag, sizeof(etag));
	done(&c);
	/* conditional GET */
	do_req(&c, "GET", NULL, etag, NULL, 0, false, "/q/go.basics.alpha", NULL);
	assert_int_equal(c.r.status, 304);
	assert_int_equal(c.r.len, 0);
	done(&c);
	/* by seed number: a redirect to the id; 2 is alpha's (beta claims it only as seed_also) */
	GET(&c, "/q/2");
	assert_int_equal(c.r.status, 302);
	assert_string_equal(c.r.location, "/q/go.basics.alpha");
	done(&c);
	GET(&c, "/q/3");
	assert_string_equal(c.r.location, "/q/go.basics.beta");
	done(&c);
	GET(&c, "/q/nope.nope");
	assert_int_equal(c.r.status, 404);
	HAS(&c, "页面不存在");
	done(&c);
	GET(&c, "/q/999");
	assert_int_equal(c.r.status, 404);
	done(&c);
}

static void test_hostile_content(void **state)
{
	(void)state;
	struct call c;
	GET(&c, "/q/go.basics.hostile");
	assert_int_equal(c.r.status, 200);
	HAS(&c, "&lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt; &amp; 切片");
	LACKS(&c, "<script>alert");
	LACKS(&c, "javascript:");
	HAS(&c, "正文");
	done(&c);
	GET(&c, "/topics/go.basics");
	LACKS(&c, "<script>alert");
	HAS(&c, "&lt;script&gt;");
	done(&c);
	/* the API carries the title as JSON with < > escaped */
	GET(&c, "/api/v1/questions/7");
	assert_int_equal(c.r.status, 200);
	LACKS(&c, "<script>");
	HAS(&c, "\\u003cscript\\u003e");
	done(&c);
}

static void test_topic(void **state)
{
	(void)state;
	struct call c;
	GET(&c, "/topics/go.basics");
	assert_int_equal(c.r.status, 200);
	HAS(&c, "基础");
	HAS(&c, "Basics");
	/* by level then frequency: alpha (新手) < beta (进阶) < hostile (高级) */
	char *a = strstr(c.body, "/q/go.basics.alpha"), *b = strstr(c.body, "/q/go.basics.beta"),
	     *h = strstr(c.body, "/q/go.basics.hostile");
	assert_non_null(a);
	assert_non_null(b);
	assert_non_null(h);
	assert_true(a < b && b < h);
	done(&c);
	GET(&c, "/topics/go.runtime");
	HAS(&c, "先修");
	HAS(&c, "href=\"/topics/go.basics\"");
	HAS(&c, "Gamma 问题？");
	done(&c);
	GET(&c, "/topics/go");
	HAS(&c, "子主题");
	HAS(&c, "href=\"/topics/go.runtime\"");
	done(&c);
	GET(&c, "/topics/none");
	assert_int_equal(c.r.status, 404);
	done(&c);
}

static void test_api(void **state)
{
	(void)state;
	struct call c;
	GET(&c, "/api/v1/questions");
	assert_int_equal(c.r.status, 200);
	assert_string_equal(c.r.content_type, "application/json; charset=utf-8");
	assert_true(c.body[0] == '[');
	HAS(&c, "\"id\":\"go.basics.alpha\"");
	HAS(&c, "\"id\":\"go.runtime.gamma\"");
	HAS(&c, "\"seed_also\":[2]");
	LACKS(&c, "\"sections\""); /* the list shape, as `bagu list --json` */
	done(&c);
	GET(&c, "/api/v1/questions", "topic=go.runtime");
	HAS(&c, "go.runtime.gamma");
	LACKS(&c, "go.basics.alpha");
	done(&c);
	GET(&c, "/api/v1/questions", "topic=go", "level=新手");
	HAS(&c, "go.basics.alpha");
	LACKS(&c, "go.basics.beta");
	done(&c);
	GET(&c, "/api/v1/questions", "level=advanced");
	HAS(&c, "go.runtime.gamma");
	HAS(&c, "go.basics.hostile");
	LACKS(&c, "go.basics.alpha");
	done(&c);
	GET(&c, "/api/v1/questions", "level=expert");
	assert_int_equal(c.r.status, 400);
	HAS(&c, "\"status\":400");
	done(&c);
	GET(&c, "/api/v1/questions", "topic=nope");
	assert_int_equal(c.r.status, 404);
	HAS(&c, "\"error\":\"no topic 'nope'\"");
	done(&c);
	GET(&c, "/api/v1/questions/go.basics.beta");
	assert_int_equal(c.r.status, 200);
	HAS(&c, "\"sections\":{\"short\":{\"title\":\"简答\"");
	HAS(&c, "\"go\":\"1.24+\"");
	done(&c);
	GET(&c, "/api/v1/questions/1");
	HAS(&c, "\"id\":\"go.basics.alpha\"");
	done(&c);
	GET(&c, "/api/v1/questions/none");
	assert_int_equal(c.r.status, 404);
	HAS(&c, "\"error\":");
	done(&c);
	GET(&c, "/api/v1/topics");
	assert_int_equal(c.r.status, 200);
	HAS(&c, "\"id\":\"go.runtime\"");
	HAS(&c, "\"prereq\":[\"go.basics\"]");
	done(&c);
	GET(&c, "/healthz");
	assert_int_equal(c.r.status, 200);
	HAS(&c, "\"status\":\"ok\"");
	HAS(&c, "\"questions\":4");
	done(&c);
	GET(&c, "/api/v2/nothing");
	assert_int_equal(c.r.status, 404);
	assert_string_equal(c.r.content_type, "application/json; charset=utf-8");
	done(&c);
}

static void test_methods_and_paths(void **state)
{
	(void)state;
	struct call c;
	do_req(&c, "DELETE", NULL, NULL, NULL, 0, false, "/", NULL);
	assert_int_equal(c.r.status, 405);
	assert_string_equal(c.r.allow, "GET, HEAD, POST");
	done(&c);
	do_req(&c, "PUT", NULL, NULL, NULL, 0, false, "/api/v1/questions", NULL);
	assert_int_equal(c.r.status, 405);
	HAS(&c, "\"status\":405");
	done(&c);
	do_req(&c, "POST", NULL, NULL, "x", 1, false, "/q/go.basics.alpha", NULL);
	assert_int_equal(c.r.status, 405);
	assert_string_equal(c.r.allow, "GET, HEAD");
	done(&c);
	do_req(&c, "HEAD", NULL, NULL, NULL, 0, false, "/", NULL);
	assert_int_equal(c.r.status, 200);
	done(&c);
	/* traversal: decoded paths with dot segments, backslashes, empty segments */
	const char *bad[] = {"/static/../web.h", "/static/..", "/../etc/passwd", "/static/./site.css",
			     "/static//etc/passwd", "/static/..\\..\\x", "/q/../../etc/passwd"};
	for (size_t i = 0; i < BAGU_ARRAY_LEN(bad); i++) {
		GET(&c, bad[i]);
		assert_int_equal(c.r.status, 400);
		done(&c);
	}
	const char *missing[] = {"/static/", "/static/etc/passwd", "/static/site.css.bak", "/etc/passwd", "/web.h",
				 "/static/%2e%2e"};
	for (size_t i = 0; i < BAGU_ARRAY_LEN(missing); i++) {
		GET(&c, missing[i]);
		assert_int_equal(c.r.status, 404);
		done(&c);
	}
}

static void test_static(void **state)
{
	(void)state;
	struct call c;
	GET(&c, "/static/site.css");
	assert_int_equal(c.r.status, 200);
	assert_string_equal(c.r.content_type, "text/css; charset=utf-8");
	HAS(&c, "prefers-color-scheme: dark");
	assert_string_equal(c.r.cache_control, "public, max-age=3600");
	char etag[24];
	memcpy(etag, c.r.etag, sizeof(etag));
	done(&c);
	do_req(&c, "GET", NULL, etag, NULL, 0, false, "/static/site.css", NULL);
	assert_int_equal(c.r.status, 304);
	done(&c);
	GET(&c, "/static/app.js");
	assert_string_equal(c.r.content_type, "text/javascript; charset=utf-8");
	HAS(&c, "/api/v1/search");
	done(&c);
	GET(&c, "/static/hl.js");
	assert_int_equal(c.r.status, 200);
	HAS(&c, "window.hljs");
	done(&c);
	/* the versioned URL a page links is cached for a year */
	GET(&c, "/");
	char *v = strstr(c.body, "/static/site.css?v=");
	assert_non_null(v);
	char ver[64];
	snprintf(ver, sizeof(ver), "v=%.*s", (int)strcspn(v + 19, "\""), v + 19);
	done(&c);
	GET(&c, "/static/site.css", ver);
	assert_string_equal(c.r.cache_control, "public, max-age=31536000, immutable");
	done(&c);
}

static void test_lang(void **state)
{
	(void)state;
	struct call c;
	GET(&c, "/", "lang=en");
	HAS(&c, "<html lang=\"en\">");
	HAS(&c, "Beginner");
	done(&c);
	do_req(&c, "GET", "theme=x; bagu_lang=en", NULL, NULL, 0, false, "/q/go.basics.alpha", NULL);
	HAS(&c, "<html lang=\"en\">");
	HAS(&c, "Short answer");
	HAS(&c, "Alpha 问题？"); /* content is not translated */
	done(&c);
	do_req(&c, "GET", "xbagu_lang=en", NULL, NULL, 0, false, "/", NULL);
	HAS(&c, "<html lang=\"zh-CN\">");
	done(&c);
	GET(&c, "/lang", "to=en", "next=/q/go.basics.alpha");
	assert_int_equal(c.r.status, 303);
	assert_string_equal(c.r.location, "/q/go.basics.alpha");
	assert_non_null(strstr(c.r.set_cookie, "bagu_lang=en;"));
	done(&c);
	/* no open redirects */
	const char *evil[] = {"//evil.example/", "https://evil.example/", "/\\evil.example", "evil"};
	for (size_t i = 0; i < BAGU_ARRAY_LEN(evil); i++) {
		char p[128];
		snprintf(p, sizeof(p), "next=%s", evil[i]);
		GET(&c, "/lang", "to=zh", p);
		assert_string_equal(c.r.location, "/");
		done(&c);
	}
	GET(&c, "/lang", "to=zh", "next=/search?q=<x>\r\nSet-Cookie: a");
	assert_null(strpbrk(c.r.location, "\r\n<> "));
	done(&c);
}

static void test_unavailable_engines(void **state)
{
	(void)state;
	struct call c;
	GET(&c, "/search", "q=切片");
	assert_int_equal(c.r.status, 503);
	HAS(&c, "not available in this build");
	done(&c);
	GET(&c, "/api/v1/search", "q=切片");
	assert_int_equal(c.r.status, 503);
	HAS(&c, "search is not available in this build");
	done(&c);
	GET(&c, "/tools");
	assert_int_equal(c.r.status, 503);
	HAS(&c, "not available in this build");
	done(&c);
	do_req(&c, "POST", NULL, NULL, "{}", 2, false, "/api/v1/gen/json", NULL);
	assert_int_equal(c.r.status, 503);
	done(&c);
	do_req(&c, "POST", NULL, NULL, NULL, 0, true, "/api/v1/gen/json", NULL);
	assert_int_equal(c.r.status, 413);
	HAS(&c, "larger than 1000 bytes");
	done(&c);
	GET(&c, "/api/v1/gen/json");
	assert_int_equal(c.r.status, 405);
	assert_string_equal(c.r.allow, "POST");
	done(&c);
	do_req(&c, "POST", NULL, NULL, "x", 1, false, "/api/v1/gen/xml", NULL);
	assert_int_equal(c.r.status, 404);
	done(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape_html),
		cmocka_unit_test(test_escape_url),
		cmocka_unit_test(test_home),
		cmocka_unit_test(test_question),
		cmocka_unit_test(test_hostile_content),
		cmocka_unit_test(test_topic),
		cmocka_unit_test(test_api),
		cmocka_unit_test(test_methods_and_paths),
		cmocka_unit_test(test_static),
		cmocka_unit_test(test_lang),
		cmocka_unit_test(test_unavailable_engines),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
