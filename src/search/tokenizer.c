/* tokenizer — the "bagu" FTS5 tokenizer: CJK singles + bigrams, unicode61 for the rest.
 * See search.h for the token scheme. */
#include <stdlib.h>
#include <string.h>

#include "search/search.h"
#include "search/search_int.h"

struct bagu_tokenizer {
	fts5_tokenizer u61;   /* unicode61's methods */
	Fts5Tokenizer *u61tok; /* an instance of it */
};

bool search_is_cjk(uint32_t cp)
{
	return (cp >= 0x4E00 && cp <= 0x9FFF) ||   /* CJK unified ideographs */
	       (cp >= 0x3400 && cp <= 0x4DBF) ||   /* extension A */
	       (cp >= 0x20000 && cp <= 0x2FFFF) || /* extensions B.. and compatibility supplement */
	       (cp >= 0xF900 && cp <= 0xFAFF) ||   /* compatibility ideographs */
	       (cp >= 0x3040 && cp <= 0x30FF) ||   /* hiragana, katakana */
	       (cp >= 0x31F0 && cp <= 0x31FF) ||   /* katakana phonetic extensions */
	       (cp >= 0xAC00 && cp <= 0xD7AF) ||   /* hangul syllables */
	       cp == 0x3007;                       /* 〇 */
}

/* Decodes the code point at s[i] (n bytes); invalid bytes decode as length 1, cp 0xFFFD. */
static int decode(const char *s, int i, int n, uint32_t *cp)
{
	int l = utf8_decode((const unsigned char *)s + i, (size_t)(n - i), cp);
	if (!l) {
		*cp = 0xFFFD;
		l = 1;
	}
	return l;
}

static int tok_create(void *ctx, const char **argv, int argc, Fts5Tokenizer **out)
{
	fts5_api *api = ctx;
	struct bagu_tokenizer *t = calloc(1, sizeof(*t));
	void *uctx = NULL;
	if (!t)
		return SQLITE_NOMEM;
	int rc = api->xFindTokenizer(api, "unicode61", &uctx, &t->u61);
	if (rc == SQLITE_OK) {
		const char *args[] = {"remove_diacritics", "2"};
		rc = t->u61.xCreate(uctx, args, 2, &t->u61tok);
	}
	if (rc != SQLITE_OK) {
		free(t);
		return rc;
	}
	*out = (Fts5Tokenizer *)t;
	return SQLITE_OK;
}

static void tok_delete(Fts5Tokenizer *p)
{
	struct bagu_tokenizer *t = (struct bagu_tokenizer *)p;
	if (t) {
		t->u61.xDelete(t->u61tok);
		free(t);
	}
}

typedef int (*xtoken_fn)(void *, int, const char *, int, int, int);

/* Context for a non-CJK span handed to unicode61. */
struct span_ctx {
	void *ctx;
	xtoken_fn xtoken;
	const char *text; /* the whole input */
	int base;         /* offset of the span within text */
	bool document;
};

static bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
static bool is_lower(char c) { return c >= 'a' && c <= 'z'; }

/* Emits the camelCase parts of the ASCII word w[0..n) as colocated tokens. */
static int camel_parts(struct span_ctx *sc, const char *w, int n, int start)
{
	char part[64];
	int cuts[32], ncut = 0;
	if (n < 4 || n > 63)
		return SQLITE_OK;
	for (int i = 1; i < n && ncut < 30; i++) {
		if ((is_lower(w[i - 1]) && is_upper(w[i])) ||
		    (is_upper(w[i - 1]) && is_upper(w[i]) && i + 1 < n && is_lower(w[i + 1])))
			cuts[ncut++] = i;
	}
	if (!ncut)
		return SQLITE_OK;
	cuts[ncut] = n;
	int from = 0;
	for (int k = 0; k <= ncut; k++) {
		int to = cuts[k], len = to - from;
		if (len >= 2) {
			for (int j = 0; j < len; j++)
				part[j] = (char)(is_upper(w[from + j]) ? w[from + j] - 'A' + 'a' : w[from + j]);
			int rc = sc->xtoken(sc->ctx, FTS5_TOKEN_COLOCATED, part, len, start + from, start + to);
			if (rc != SQLITE_OK)
				return rc;
		}
		from = to;
	}
	return SQLITE_OK;
}

static int span_token(void *p, int tflags, const char *tok, int ntok, int start, int end)
{
	struct span_ctx *sc = p;
	start += sc->base, end += sc->base;
	int rc = sc->xtoken(sc->ctx, tflags, tok, ntok, start, end);
	if (rc != SQLITE_OK || !sc->document || (tflags & FTS5_TOKEN_COLOCATED))
		return rc;
	const char *w = sc->text + start;
	for (int i = 0; i < end - start; i++)
		if (!((w[i] >= 'a' && w[i] <= 'z') || (w[i] >= 'A' && w[i] <= 'Z') || (w[i] >= '0' && w[i] <= '9')))
			return SQLITE_OK;
	return camel_parts(sc, w, end - start, start);
}

static int tok_tokenize(Fts5Tokenizer *p, void *ctx, int flags, const char *text, int n, xtoken_fn xtoken)
{
	struct bagu_tokenizer *t = (struct bagu_tokenizer *)p;
	struct span_ctx sc = {ctx, xtoken, text, 0, (flags & FTS5_TOKENIZE_DOCUMENT) != 0};
	int i = 0, span = 0, rc = SQLITE_OK;
	while (i < n && rc == SQLITE_OK) {
		if ((unsigned char)text[i] < 0x80) { /* ASCII is never CJK */
			i++;
			continue;
		}
		uint32_t cp;
		int l = decode(text, i, n, &cp);
		if (!search_is_cjk(cp)) {
			i += l;
			continue;
		}
		if (span < i) {
			sc.base = span;
			rc = t->u61.xTokenize(t->u61tok, &sc, flags, text + span, i - span, span_token);
			if (rc != SQLITE_OK)
				break;
		}
		/* the CJK run starting at i: one position per character; its token is the
		 * bigram with the next character (the single character colocated, when
		 * indexing), or the single character at the end of the run. A query string
		 * gives only its bigrams (or its one character). */
		bool query = (flags & FTS5_TOKENIZE_QUERY) != 0, first = true;
		while (i < n) {
			int j = i + l;
			uint32_t next;
			int l2 = j < n ? decode(text, j, n, &next) : 0;
			if (!l2 || !search_is_cjk(next)) {
				if (!query || first)
					rc = xtoken(ctx, 0, text + i, l, i, j);
				i = j;
				break;
			}
			rc = xtoken(ctx, 0, text + i, l + l2, i, j + l2);
			if (rc == SQLITE_OK && !query)
				rc = xtoken(ctx, FTS5_TOKEN_COLOCATED, text + i, l, i, j);
			if (rc != SQLITE_OK)
				break;
			i = j, l = l2, first = false;
		}
		span = i;
	}
	if (rc == SQLITE_OK && span < n) {
		sc.base = span;
		rc = t->u61.xTokenize(t->u61tok, &sc, flags, text + span, n - span, span_token);
	}
	return rc;
}

static fts5_tokenizer bagu_tokenizer_methods = {tok_create, tok_delete, tok_tokenize};

fts5_api *search_fts5_api(sqlite3 *db)
{
	fts5_api *api = NULL;
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	sqlite3_finalize(st);
	return api;
}

int search_register(sqlite3 *db, struct bagu_err *err)
{
	fts5_api *api = search_fts5_api(db);
	if (!api || api->iVersion < 2)
		return bagu_error(err, "search: this SQLite has no FTS5");
	if (api->xCreateTokenizer(api, "bagu", api, &bagu_tokenizer_methods, NULL) != SQLITE_OK)
		return bagu_error(err, "search: cannot register the FTS5 tokenizer");
	if (search_rank_register(api) || search_snippet_register(api))
		return bagu_error(err, "search: cannot register the ranking and snippet functions");
	return 0;
}

int search_tokenize(sqlite3 *db, int flags, const char *text, int n, void *ctx, search_token_fn tok,
		    struct bagu_err *err)
{
	fts5_api *api = search_fts5_api(db);
	void *tctx = NULL;
	fts5_tokenizer m;
	Fts5Tokenizer *t = NULL;
	if (!api || api->xFindTokenizer(api, "bagu", &tctx, &m) != SQLITE_OK)
		return bagu_error(err, "search: the bagu tokenizer is not registered on this connection");
	if (m.xCreate(tctx, NULL, 0, &t) != SQLITE_OK)
		return bagu_error(err, "search: cannot create a tokenizer");
	int rc = m.xTokenize(t, ctx, flags, text, n, tok);
	m.xDelete(t);
	if (rc != SQLITE_OK)
		return bagu_error(err, "search: tokenizer stopped: %s", sqlite3_errstr(rc));
	return 0;
}
