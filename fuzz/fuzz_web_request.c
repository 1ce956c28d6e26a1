/* Fuzz target: the web router (web_handle) — path, query parameters, cookie, conditional
 * and body headers as a hostile client could send them, after libmicrohttpd's decoding.
 * The site is the e2e fixture bank (tests/e2e/content), built once into a temporary
 * content.db. Input layout: fields separated by '\n': method, path, cookie,
 * if-none-match, content-type, then key=value parameters; the rest after "\n\n" is
 * the body. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kb/kb.h"
#include "store/store.h"
#include "web/web.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct web_site *site;

static void open_site(void)
{
	const char *src = getenv("BAGU_SRC");
	char *dir = xasprintf("%s/tests/e2e/content", src ? src : ".");
	char *db = xasprintf("/tmp/bagu-fuzz-web-%ld.db", (long)getpid());
	struct kb kb;
	struct bagu_err err;
	kb_init(&kb);
	if (kb_load(&kb, dir, &err) || kb.nerrors || store_build(&kb, db, &err) ||
	    web_site_open(&site, db, NULL, &err)) {
		fprintf(stderr, "fuzz_web_request: cannot open the fixture site from %s (set BAGU_SRC)\n", dir);
		abort();
	}
	kb_release(&kb);
	unlink(db);
	free(dir);
	free(db);
}

/* Next '\n'-terminated field of [*p, end) as a NUL-terminated copy in buf. */
static char *field(const char **p, const char *end, char *buf, size_t cap)
{
	const char *nl = memchr(*p, '\n', (size_t)(end - *p));
	size_t n = (size_t)((nl ? nl : end) - *p);
	if (n >= cap)
		n = cap - 1;
	memcpy(buf, *p, n);
	buf[n] = '\0';
	*p = nl ? nl + 1 : end;
	return buf;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!site)
		open_site();
	if (size > 1 << 16)
		return 0;
	const char *p = (const char *)data, *end = p + size;
	const char *body = NULL;
	size_t body_len = 0;
	const char *sep = NULL;
	for (const char *s = p; s + 1 < end; s++)
		if (s[0] == '\n' && s[1] == '\n') {
			sep = s;
			break;
		}
	if (sep) {
		body = sep + 2;
		body_len = (size_t)(end - body);
		end = sep;
	}
	static const char *const methods[] = {"GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS"};
	char mbuf[16], path[2048], cookie[512], inm[64], ctype[128];
	field(&p, end, mbuf, sizeof(mbuf));
	const char *method = methods[(unsigned char)mbuf[0] % 6];
	field(&p, end, path, sizeof(path));
	if (path[0] != '/') {
		memmove(path + 1, path, strlen(path) + 1 < sizeof(path) - 1 ? strlen(path) + 1 : sizeof(path) - 2);
		path[0] = '/';
		path[sizeof(path) - 1] = '\0';
	}
	field(&p, end, cookie, sizeof(cookie));
	field(&p, end, inm, sizeof(inm));
	field(&p, end, ctype, sizeof(ctype));
	struct web_param params[8];
	char kv[8][256];
	size_t np = 0;
	while (p < end && np < 8) {
		field(&p, end, kv[np], sizeof(kv[np]));
		char *eq = strchr(kv[np], '=');
		if (!eq)
			continue;
		*eq = '\0';
		params[np].key = kv[np];
		params[np].value = eq + 1;
		params[np].value_len = strlen(eq + 1);
		np++;
	}
	struct web_request req = {
		.method = method,
		.path = path,
		.params = params,
		.nparams = np,
		.if_none_match = inm[0] ? inm : NULL,
		.cookie = cookie[0] ? cookie : NULL,
		.content_type = ctype[0] ? ctype : NULL,
		.body = body,
		.body_len = body_len,
		.max_body = WEB_DEFAULT_MAX_BODY,
	};
	struct web_response resp;
	web_handle(site, &req, &resp);
	if (resp.status < 100 || resp.status > 599 || (resp.len && !resp.body))
		abort();
	web_response_release(&resp);
	return 0;
}
