/* query — the lexicon in memory and query parsing: segmentation against the lexicon,
 * stop words, alias expansion and the FTS5 MATCH expression. See search.h. */
#include <stdlib.h>
#include <string.h>

#include "search/search.h"
#include "search/search_int.h"

/* ---- small text helpers ---- */

static bool ascii_word(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* Unicode whitespace we collapse: ASCII blanks, NBSP, ideographic space. */
static bool is_space(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' ||
	       cp == 0xA0 || cp == 0x3000;
}

/* Punctuation and symbols that separate words (ASCII except word chars, general
 * punctuation, CJK symbols and punctuation, full-width forms' punctuation). */
static bool is_punct(uint32_t cp)
{
	if (cp < 0x80)
		return !ascii_word((unsigned char)cp);
	return (cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x3000 && cp <= 0x303F && cp != 0x3007) ||
	       (cp >= 0xFF00 && cp <= 0xFF0F) || (cp >= 0xFF1A && cp <= 0xFF20) ||
	       (cp >= 0xFF3B && cp <= 0xFF40) || (cp >= 0xFF5B && cp <= 0xFF65) || cp == 0xB7 ||
	       cp == 0xD7 || cp == 0xF7 || (cp >= 0x2190 && cp <= 0x2BFF) || cp == 0xFFFD;
}

static int dec(const char *s, size_t i, size_t n, uint32_t *cp)
{
	int l = utf8_decode((const unsigned char *)s + i, n - i, cp);
	if (!l)
		*cp = 0xFFFD, l = 1;
	return l;
}

char *search_fold(const char *s, size_t n)
{
	char *f = xmalloc(n + 1);
	for (size_t i = 0; i < n; i++)
		f[i] = (char)((s[i] >= 'A' && s[i] <= 'Z') ? s[i] - 'A' + 'a' : s[i]);
	f[n] = '\0';
	return f;
}

/* Folds case and collapses whitespace runs to one space, trimming both ends. */
static char *normalize(const char *s)
{
	struct strbuf sb;
	strbuf_init(&sb, 64);
	size_t n = strlen(s);
	bool space = false;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		int l = dec(s, i, n, &cp);
		if (is_space(cp)) {
			space = sb.len > 0;
		} else {
			if (space)
				strbuf_addch(&sb, ' ');
			space = false;
			if (cp >= 'A' && cp <= 'Z')
				strbuf_addch(&sb, (int)(cp - 'A' + 'a'));
			else
				strbuf_add(&sb, s + i, (size_t)l);
		}
		i += (size_t)l;
	}
	return strbuf_detach(&sb, NULL);
}

char *search_squash(const char *s)
{
	struct strbuf sb;
	strbuf_init(&sb, 64);
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		int l = dec(s, i, n, &cp);
		if (!is_space(cp) && !is_punct(cp)) {
			if (cp >= 'A' && cp <= 'Z')
				strbuf_addch(&sb, (int)(cp - 'A' + 'a'));
			else
				strbuf_add(&sb, s + i, (size_t)l);
		}
		i += (size_t)l;
	}
	return strbuf_detach(&sb, NULL);
}

/* ---- lexicon ---- */

static int alias_cmp(const void *a, const void *b)
{
	const struct lex_alias *x = a, *y = b;
	int c = strcmp(x->fold, y->fold);
	return c ? c : (x->concept > y->concept) - (x->concept < y->concept);
}

/* The blob of search_lexicon: "BLX1", u32 nconcepts, u32 nfolds, then per concept u32
 * naliases and its aliases, then per fold u32 concept and the fold; every string is
 * u32 length (with its NUL) and the bytes with the NUL. Little-endian as written. */
static bool get_u32(const char *b, size_t n, size_t *at, uint32_t *v)
{
	if (n - *at < 4)
		return false;
	memcpy(v, b + *at, 4);
	*at += 4;
	return true;
}

static bool get_str(char *b, size_t n, size_t *at, char **s)
{
	uint32_t l;
	if (!get_u32(b, n, at, &l) || !l || n - *at < l || b[*at + l - 1] != '\0')
		return false;
	*s = b + *at;
	*at += l;
	return true;
}

/* Loads the prepared lexicon. Returns 1 when there is none usable (an older content.db). */
static int load_prepared(struct lexicon *lx, sqlite3 *db)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, "SELECT blob FROM search_lexicon", -1, &st, NULL))
		return 1;
	int rc = 1;
	if (sqlite3_step(st) != SQLITE_ROW)
		goto out;
	size_t n = (size_t)sqlite3_column_bytes(st, 0), at = 4;
	const void *raw = sqlite3_column_blob(st, 0);
	if (n < 12 || !raw || memcmp(raw, "BLX1", 4))
		goto out;
	char *b = lx->pool = xmalloc(n);
	memcpy(b, raw, n);
	uint32_t nc, nf;
	if (!get_u32(b, n, &at, &nc) || !get_u32(b, n, &at, &nf) || nc > n / 8 || nf > n / 8)
		goto bad;
	lx->concepts = xcalloc(nc ? nc : 1, sizeof(*lx->concepts));
	lx->nconcepts = nc;
	lx->ptrs = xmalloc((n / 8 + 1) * sizeof(char *));
	size_t np = 0;
	for (uint32_t c = 0; c < nc; c++) {
		uint32_t na;
		if (!get_u32(b, n, &at, &na) || na > n / 8 - np)
			goto bad;
		lx->concepts[c].aliases = lx->ptrs + np;
		lx->concepts[c].naliases = na;
		for (uint32_t k = 0; k < na; k++)
			if (!get_str(b, n, &at, &lx->ptrs[np++]))
				goto bad;
	}
	lx->aliases = xmalloc((nf ? nf : 1) * sizeof(*lx->aliases));
	for (uint32_t k = 0; k < nf; k++) {
		uint32_t c;
		char *fold;
		if (!get_u32(b, n, &at, &c) || c >= nc || !get_str(b, n, &at, &fold))
			goto bad;
		lx->aliases[k].fold = fold;
		lx->aliases[k].concept = (int)c;
		lx->naliases = k + 1;
		if (strlen(fold) > lx->maxlen)
			lx->maxlen = strlen(fold);
	}
	rc = at == n ? 0 : 1;
	if (rc)
		goto bad;
	goto out;
bad:
	lexicon_release(lx);
	rc = 1;
out:
	sqlite3_finalize(st);
	return rc;
}

int lexicon_load(struct lexicon *lx, sqlite3 *db, struct bagu_err *err)
{
	return lexicon_load_opt(lx, db, true, err);
}

int lexicon_load_opt(struct lexicon *lx, sqlite3 *db, bool prepared, struct bagu_err *err)
{
	memset(lx, 0, sizeof(*lx));
	if (prepared && load_prepared(lx, db) == 0)
		return 0;
	sqlite3_stmt *st;
	/* table order: store_build writes each concept's aliases together, in order (an
	 * ORDER BY here would sort ~2000 rows on every start) */
	if (sqlite3_prepare_v2(db, "SELECT concept, alias FROM lexicon", -1, &st, NULL))
		return bagu_error(err, "reading the lexicon: %s", sqlite3_errmsg(db));
	size_t aalias = 0, aconcept = 0, acur = 0;
	const char *last = NULL;
	char *lastbuf = NULL;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *concept = (const char *)sqlite3_column_text(st, 0);
		const char *alias = (const char *)sqlite3_column_text(st, 1);
		if (!concept || !alias)
			continue;
		if (!last || strcmp(last, concept)) {
			XGROW(lx->concepts, aconcept, lx->nconcepts + 1);
			memset(&lx->concepts[lx->nconcepts++], 0, sizeof(struct lex_concept));
			free(lastbuf);
			last = lastbuf = xstrdup(concept);
			acur = 0;
		}
		struct lex_concept *c = &lx->concepts[lx->nconcepts - 1];
		XGROW(c->aliases, acur, c->naliases + 1);
		c->aliases[c->naliases++] = xstrdup(alias);
		char *fold = normalize(alias);
		if (!*fold || strlen(fold) > 255) {
			free(fold);
			continue;
		}
		XGROW(lx->aliases, aalias, lx->naliases + 1);
		lx->aliases[lx->naliases].fold = fold;
		lx->aliases[lx->naliases++].concept = (int)lx->nconcepts - 1;
		if (strlen(fold) > lx->maxlen)
			lx->maxlen = strlen(fold);
	}
	free(lastbuf);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		lexicon_release(lx);
		return bagu_error(err, "reading the lexicon: %s", sqlite3_errmsg(db));
	}
	if (lx->naliases)
		qsort(lx->aliases, lx->naliases, sizeof(*lx->aliases), alias_cmp);
	return 0;
}

static void put_u32(struct strbuf *b, uint32_t v)
{
	strbuf_add(b, &v, 4);
}

static void put_str(struct strbuf *b, const char *s)
{
	size_t l = strlen(s) + 1;
	put_u32(b, (uint32_t)l);
	strbuf_add(b, s, l);
}

int search_lexicon_build(sqlite3 *db, struct bagu_err *err)
{
	struct lexicon lx;
	if (lexicon_load_opt(&lx, db, false, err))
		return -1;
	struct strbuf b = STRBUF_INIT;
	strbuf_add(&b, "BLX1", 4);
	put_u32(&b, (uint32_t)lx.nconcepts);
	put_u32(&b, (uint32_t)lx.naliases);
	for (size_t c = 0; c < lx.nconcepts; c++) {
		put_u32(&b, (uint32_t)lx.concepts[c].naliases);
		for (size_t k = 0; k < lx.concepts[c].naliases; k++)
			put_str(&b, lx.concepts[c].aliases[k]);
	}
	for (size_t i = 0; i < lx.naliases; i++) {
		put_u32(&b, (uint32_t)lx.aliases[i].concept);
		put_str(&b, lx.aliases[i].fold);
	}
	sqlite3_stmt *ins = NULL;
	int rc = -1;
	if (sqlite3_exec(db, "DROP TABLE IF EXISTS search_lexicon;"
			     "CREATE TABLE search_lexicon(blob BLOB NOT NULL);",
			 NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "INSERT INTO search_lexicon(blob) VALUES(?1)", -1, &ins, NULL)) {
		bagu_error(err, "building the lexicon index: %s", sqlite3_errmsg(db));
		goto out;
	}
	sqlite3_bind_blob(ins, 1, b.buf, (int)b.len, SQLITE_STATIC);
	if (sqlite3_step(ins) != SQLITE_DONE) {
		bagu_error(err, "building the lexicon index: %s", sqlite3_errmsg(db));
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(ins);
	strbuf_release(&b);
	lexicon_release(&lx);
	return rc;
}

void lexicon_release(struct lexicon *lx)
{
	if (lx->pool) { /* strings point into the pool */
		free(lx->pool), free(lx->ptrs), free(lx->aliases), free(lx->concepts);
		memset(lx, 0, sizeof(*lx));
		return;
	}
	for (size_t i = 0; i < lx->naliases; i++)
		free(lx->aliases[i].fold);
	for (size_t i = 0; i < lx->nconcepts; i++) {
		for (size_t j = 0; j < lx->concepts[i].naliases; j++)
			free(lx->concepts[i].aliases[j]);
		free(lx->concepts[i].aliases);
	}
	free(lx->aliases);
	free(lx->concepts);
	memset(lx, 0, sizeof(*lx));
}

long lexicon_find(const struct lexicon *lx, const char *fold, size_t n)
{
	size_t lo = 0, hi = lx->naliases;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strncmp(lx->aliases[mid].fold, fold, n);
		if (c == 0 && lx->aliases[mid].fold[n] != '\0')
			c = 1;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < lx->naliases && !strncmp(lx->aliases[lo].fold, fold, n) && lx->aliases[lo].fold[n] == '\0')
		return (long)lo;
	return -1;
}

/* ---- stop words ---- */

static const char *const cjk_stop_multi[] = {
	"为什么", "是不是", "有没有", "有哪些", "什么", "怎么", "怎样", "如何", "为何", "哪些",
	"哪个", "是否", "可以", "一下", "的话", "请问", "介绍", "要有", "需要", "中的", "里的",
};
static const char *const cjk_stop_single[] = {
	"的", "了", "吗", "呢", "么", "吧", "啊", "呀", "嘛", "和", "与", "及", "或", "是", "在", "请",
};
static const char *const en_stop[] = {
	"a", "about", "an", "and", "are", "as", "at", "be", "by", "can", "do", "does", "explain",
	"for", "from", "how", "in", "is", "it", "its", "of", "on", "or", "the", "this", "to",
	"what", "when", "where", "which", "why", "with",
};

static bool en_stopword(const char *fold, size_t n)
{
	for (size_t i = 0; i < BAGU_ARRAY_LEN(en_stop); i++)
		if (strlen(en_stop[i]) == n && !memcmp(en_stop[i], fold, n))
			return true;
	return false;
}

/* Length of a CJK stop word at s (n bytes left), 0 if none. */
static size_t cjk_stop(const char *s, size_t n)
{
	for (size_t i = 0; i < BAGU_ARRAY_LEN(cjk_stop_multi); i++) {
		size_t l = strlen(cjk_stop_multi[i]);
		if (l <= n && !memcmp(s, cjk_stop_multi[i], l))
			return l;
	}
	for (size_t i = 0; i < BAGU_ARRAY_LEN(cjk_stop_single); i++) {
		size_t l = strlen(cjk_stop_single[i]);
		if (l <= n && !memcmp(s, cjk_stop_single[i], l))
			return l;
	}
	return 0;
}

/* ---- building the query ---- */

/* Whether a phrase can match anything sensible: it has a CJK character or a letter
 * outside ASCII, or at least two ASCII letters/digits ("[]T" and "a" do not). */
static bool phrase_ok(const char *s)
{
	size_t n = strlen(s), alnum = 0;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		int l = dec(s, i, n, &cp);
		if (cp < 0x80) {
			if (ascii_word((unsigned char)cp) && cp != '_')
				alnum++;
		} else if (!is_punct(cp) && !is_space(cp)) {
			return true;
		}
		i += (size_t)l;
	}
	return alnum >= 2;
}

/* A lone upper-case Latin letter typed by the user: G, M and P of the scheduler, T of a
 * type parameter. Meaningful as the query's own text, never as an alias. */
static bool single_upper(const char *s)
{
	return s[0] >= 'A' && s[0] <= 'Z' && !s[1];
}

/* A Go identifier-like word: ASCII, with '.' or '_' between letters, or an upper-case
 * letter and at least three characters (GOMAXPROCS, WaitGroup). */
static bool ident_like(const char *s)
{
	size_t n = strlen(s);
	bool upper = false, joined = false;
	if (n < 3)
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 'A' && c <= 'Z')
			upper = true;
		else if ((c == '.' || c == '_') && i > 0 && i + 1 < n && ascii_word((unsigned char)s[i + 1]))
			joined = true;
		else if (!ascii_word(c))
			return false;
	}
	return upper || joined;
}

struct builder {
	struct search_query *q;
	size_t agroups;
	int parent; /* group new groups belong to (-1: top level) */
};

static bool has_phrase(const struct search_group *g, const char *p)
{
	char *f = normalize(p);
	bool found = false;
	for (size_t i = 0; i < g->nphrases && !found; i++) {
		char *h = normalize(g->phrases[i]);
		found = !strcmp(f, h);
		free(h);
	}
	free(f);
	return found;
}

/* A lone CJK character: as the query itself it is what the user asked for; as an alias
 * (集 for 集合, 锁 for 互斥锁) it would match far too much. */
static bool single_cjk(const char *s)
{
	uint32_t cp;
	size_t n = strlen(s);
	int l = n ? utf8_decode((const unsigned char *)s, n, &cp) : 0;
	return l && (size_t)l == n && search_is_cjk(cp);
}

static void add_phrase(struct builder *b, struct search_group *g, size_t *alloc, const char *p)
{
	if (b->q->nphrases >= SEARCH_MAX_PHRASES || !(phrase_ok(p) || (!g->nphrases && single_upper(p))) ||
	    has_phrase(g, p))
		return;
	if (g->nphrases && single_cjk(p))
		return;
	XGROW(g->phrases, *alloc, g->nphrases + 1);
	g->phrases[g->nphrases++] = xstrdup(p);
	b->q->nphrases++;
}

/* Adds a group for text[0..n) with the aliases of lexicon entries [first..] equal to it
 * (first < 0: none). Text whose phrase is unusable is dropped. */
static int add_group(struct builder *b, const struct lexicon *lx, const char *text, size_t n, long first)
{
	struct search_query *q = b->q;
	if (q->ngroups >= SEARCH_MAX_GROUPS)
		return -1;
	char *t = xstrndup(text, n);
	if ((!phrase_ok(t) && !single_upper(t) && first < 0) || q->nphrases >= SEARCH_MAX_PHRASES) {
		free(t);
		return -1;
	}
	for (size_t i = 0; i < q->ngroups; i++) /* a repeated term adds nothing */
		if (has_phrase(&q->groups[i], t)) {
			free(t);
			return -1;
		}
	XGROW(q->groups, b->agroups, q->ngroups + 1);
	struct search_group *g = &q->groups[q->ngroups++];
	memset(g, 0, sizeof(*g));
	size_t alloc = 0;
	g->text = t;
	g->ident = ident_like(t) || single_upper(t);
	g->parent = b->parent;
	add_phrase(b, g, &alloc, t);
	if (first >= 0) {
		const char *fold = lx->aliases[first].fold;
		for (size_t e = (size_t)first; e < lx->naliases && !strcmp(lx->aliases[e].fold, fold); e++) {
			const struct lex_concept *c = &lx->concepts[lx->aliases[e].concept];
			for (size_t k = 0; k < c->naliases; k++)
				add_phrase(b, g, &alloc, c->aliases[k]);
		}
	}
	if (!g->nphrases) {
		free(g->text), free(g->phrases);
		q->ngroups--;
		return -1;
	}
	return (int)q->ngroups - 1;
}

/* A run of CJK characters the lexicon did not match: drop stop words, then each piece
 * of up to 3 characters is a group; longer pieces are cut into 2-character groups (the
 * last one 3 when odd). */
static void add_cjk_run(struct builder *b, const struct lexicon *lx, const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		size_t stop = cjk_stop(s + i, n - i);
		if (stop) {
			i += stop;
			continue;
		}
		size_t start = i, chars = 0;
		size_t cuts[128];
		while (i < n && !cjk_stop(s + i, n - i) && chars < BAGU_ARRAY_LEN(cuts)) {
			uint32_t cp;
			cuts[chars++] = i;
			i += (size_t)dec(s, i, n, &cp);
		}
		if (chars <= 3) {
			add_group(b, lx, s + start, i - start, -1);
			continue;
		}
		for (size_t c = 0; c < chars;) {
			size_t take = (chars - c == 3) ? 3 : 2;
			size_t from = cuts[c], to = c + take < chars ? cuts[c + take] : i;
			add_group(b, lx, s + from, to - from, -1);
			c += take;
		}
	}
}

/* Whether position i of fold (n bytes) starts / ends a word for ASCII matching. */
static bool word_at(const char *f, size_t i, size_t n)
{
	if (i >= n)
		return false;
	unsigned char c = (unsigned char)f[i];
	if (ascii_word(c))
		return true;
	return (c == '.' || c == '-') && i + 1 < n && ascii_word((unsigned char)f[i + 1]) && i > 0 &&
	       ascii_word((unsigned char)f[i - 1]);
}

static size_t lex_match(const struct lexicon *lx, const char *f, size_t i, size_t n, long *entry)
{
	if (ascii_word((unsigned char)f[i]) && i > 0 && word_at(f, i - 1, n))
		return 0;
	size_t max = n - i < lx->maxlen ? n - i : lx->maxlen;
	for (size_t len = max; len > 0; len--) {
		size_t j = i + len;
		if (j < n && ((unsigned char)f[j] & 0xC0) == 0x80)
			continue;
		if (ascii_word((unsigned char)f[j - 1]) && word_at(f, j, n))
			continue;
		if (f[j - 1] == ' ')
			continue;
		long e = lexicon_find(lx, f + i, len);
		if (e >= 0) {
			*entry = e;
			return len;
		}
	}
	return 0;
}

static void build_expr(struct search_query *q)
{
	struct strbuf m = STRBUF_INIT, r = STRBUF_INIT, one = STRBUF_INIT;
	for (size_t g = 0; g < q->ngroups; g++)
		strbuf_addf(&r, "%s%d", g ? "," : "", q->groups[g].parent);
	strbuf_addch(&r, '|');
	for (size_t g = 0; g < q->ngroups; g++) {
		const struct search_group *grp = &q->groups[g];
		if (g)
			strbuf_addstr(&m, " OR ");
		strbuf_addch(&m, '(');
		for (size_t p = 0; p < grp->nphrases; p++) {
			if (p)
				strbuf_addstr(&m, " OR ");
			/* a loose group's phrase may be a prefix: "stem*" (search_loosen) */
			const char *ph = grp->phrases[p];
			size_t pl = strlen(ph);
			bool prefix = grp->prefix && pl > 1 && ph[pl - 1] == '*';
			strbuf_addch(&m, '"');
			for (size_t k = 0; k < pl - prefix; k++) {
				if (ph[k] == '"')
					strbuf_addch(&m, '"');
				strbuf_addch(&m, ph[k]);
			}
			strbuf_addch(&m, '"');
			if (prefix)
				strbuf_addstr(&m, " *");
			if (r.buf[r.len - 1] != '|')
				strbuf_addch(&r, ';');
			strbuf_addf(&r, "%zu,%s", g, p ? "0.8" : "1");
			strbuf_addch(&one, single_cjk(grp->phrases[p]) ? '1' : '0');
		}
		strbuf_addch(&m, ')');
	}
	q->match = strbuf_detach(&m, NULL);
	q->rankspec = strbuf_detach(&r, NULL);
	q->single = strbuf_detach(&one, NULL);
}

/* Whether a lexicon match is a compound worth splitting into its parts as well: it has
 * a space, three or more CJK characters, or CJK and ASCII letters together. */
static bool compound(const char *s, size_t n)
{
	size_t cjk = 0, ascii = 0;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		int l = dec(s, i, n, &cp);
		if (cp == ' ')
			return true;
		if (search_is_cjk(cp))
			cjk++;
		else if (cp < 0x80 && ascii_word((unsigned char)cp))
			ascii++;
		i += (size_t)l;
	}
	return cjk >= 3 || (cjk && ascii);
}

/* Segments s[from..to) (f: its folded twin) into groups. A lexicon compound (struct 比较,
 * 切片扩容) is a group, and its parts are groups too, so answers that use the words
 * apart still match; depth bounds that recursion, and the part parse may not match the
 * whole compound again (maxfirst). */
static void parse_range(struct builder *b, const struct lexicon *lx, const char *s, const char *f, size_t from,
			size_t to, int depth)
{
	size_t run = 0, runlen = 0; /* pending CJK run */
	for (size_t i = from; i < to;) {
		long entry = -1;
		size_t m = lx->naliases ? lex_match(lx, f, i, to, &entry) : 0;
		if (m && depth && i == from && m == to - from) {
			/* inside a compound: look for a shorter match at its start */
			size_t k = m;
			m = 0;
			while (--k > 0 && !m) {
				if (((unsigned char)f[i + k] & 0xC0) == 0x80)
					continue;
				/* never inside an ASCII word: "unbuffered chan" is no prefix of "... channel" */
				if (ascii_word((unsigned char)f[i + k - 1]) && ascii_word((unsigned char)f[i + k]))
					continue;
				size_t got = lex_match(lx, f, i, i + k, &entry);
				if (got)
					m = got;
			}
		}
		uint32_t cp;
		int l = dec(s, i, to, &cp);
		if (m) {
			if (runlen)
				add_cjk_run(b, lx, s + run, runlen), runlen = 0;
			int g = add_group(b, lx, s + i, m, entry);
			if (g >= 0 && depth < 2 && compound(s + i, m)) {
				int outer = b->parent;
				b->parent = g;
				parse_range(b, lx, s, f, i, i + m, depth + 1);
				b->parent = outer;
			}
			i += m;
			continue;
		}
		if (search_is_cjk(cp)) {
			if (!runlen)
				run = i;
			runlen += (size_t)l;
			i += (size_t)l;
			continue;
		}
		if (runlen)
			add_cjk_run(b, lx, s + run, runlen), runlen = 0;
		if (is_space(cp) || is_punct(cp)) {
			i += (size_t)l;
			continue;
		}
		/* a word: ASCII word characters (joined by '.' or '-') or other letters */
		size_t j = i;
		while (j < to) {
			uint32_t c2;
			int l2 = dec(s, j, to, &c2);
			if (c2 < 0x80 ? !word_at(f, j, to) : (is_space(c2) || is_punct(c2) || search_is_cjk(c2)))
				break;
			j += (size_t)l2;
		}
		/* a stop word typed in capitals is a keyword: EXPLAIN, AND, OR, IN (SQL) */
		bool caps = j - i >= 2;
		for (size_t k = i; k < j && caps; k++)
			caps = !(s[k] >= 'a' && s[k] <= 'z');
		if (caps || !en_stopword(f + i, j - i))
			add_group(b, lx, s + i, j - i, -1);
		i = j;
	}
	if (runlen)
		add_cjk_run(b, lx, s + run, runlen);
}

int search_parse_lex(const struct lexicon *lx, const char *text, struct search_query *q, struct bagu_err *err)
{
	memset(q, 0, sizeof(*q));
	size_t tn = strlen(text);
	if (tn > SEARCH_MAX_QUERY_BYTES)
		return bagu_error(err, "query is longer than %d bytes", SEARCH_MAX_QUERY_BYTES);
	if (!utf8_valid(text, tn))
		return bagu_error(err, "query is not valid UTF-8");
	/* Work on a whitespace-collapsed copy; f is its ASCII-folded twin (same offsets). */
	struct strbuf sb;
	strbuf_init(&sb, tn + 1);
	bool space = false;
	for (size_t i = 0; i < tn;) {
		uint32_t cp;
		int l = dec(text, i, tn, &cp);
		if (is_space(cp)) {
			space = sb.len > 0;
		} else {
			if (space)
				strbuf_addch(&sb, ' ');
			space = false;
			strbuf_add(&sb, text + i, (size_t)l);
		}
		i += (size_t)l;
	}
	const char *s = sb.buf;
	size_t n = sb.len;
	char *f = search_fold(s, n);
	struct builder b = {q, 0, -1};
	parse_range(&b, lx, s, f, 0, n, 0);
	free(f);
	strbuf_release(&sb);
	if (q->ngroups)
		build_expr(q);
	return 0;
}

int search_loosen(const struct search_query *q, struct search_query *out)
{
	struct search_query l;
	memset(&l, 0, sizeof(l));
	struct builder b = {&l, 0, -1};
	for (size_t g = 0; g < q->ngroups; g++) {
		const char *t = q->groups[g].text;
		size_t n = strlen(t);
		for (size_t i = 0; i < n;) {
			uint32_t cp;
			int len = dec(t, i, n, &cp);
			/* CJK text is already matched by 2-character pieces; single characters
			 * (子, 量) would match nearly every answer, so they are not tried */
			if (!(cp < 0x80 && ascii_word((unsigned char)cp))) {
				i += (size_t)len;
				continue;
			}
			size_t j = i;
			while (j < n && ascii_word((unsigned char)t[j]))
				j++;
			size_t wl = j - i;
			if (wl >= 4) {
				char *w = search_fold(t + i, wl);
				/* a crude stem: drop a plural or verb ending, keep at least 3 letters */
				static const char *const ends[] = {"ing", "ies", "es", "ed", "s"};
				size_t sl = wl;
				for (size_t k = 0; k < BAGU_ARRAY_LEN(ends); k++) {
					size_t el = strlen(ends[k]);
					if (wl > el + 3 && !strcmp(w + wl - el, ends[k])) {
						sl = wl - el;
						break;
					}
				}
				if (sl == wl && wl > 5)
					sl = wl - 2; /* comparison → compari*, compared → compar* */
				char *stem = xasprintf("%.*s*", (int)sl, w);
				int k = add_group(&b, NULL, stem, strlen(stem), -1);
				if (k >= 0)
					l.groups[k].prefix = true;
				free(stem);
				free(w);
			}
			i = j;
		}
	}
	if (!l.ngroups) {
		search_query_release(&l);
		return -1;
	}
	build_expr(&l);
	*out = l;
	return 0;
}

void search_query_release(struct search_query *q)
{
	for (size_t g = 0; g < q->ngroups; g++) {
		for (size_t p = 0; p < q->groups[g].nphrases; p++)
			free(q->groups[g].phrases[p]);
		free(q->groups[g].phrases);
		free(q->groups[g].text);
	}
	free(q->groups);
	free(q->match);
	free(q->rankspec);
	free(q->single);
	memset(q, 0, sizeof(*q));
}
