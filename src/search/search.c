/* search — the search handle: runs parsed queries against search_fts, ranks, cuts
 * snippets and suggests corrections. See search.h. */
#include <stdlib.h>
#include <string.h>

#include "search/search.h"
#include "search/search_int.h"

struct search {
	sqlite3 *db;
	struct lexicon lex;
	sqlite3_stmt *find, *snip, *byid, *lead;
};

static const char find_sql[] =
	"WITH RECURSIVE sub(id) AS (SELECT id FROM topics WHERE id = ?3"
	" UNION SELECT t.id FROM topics t JOIN sub ON t.parent = sub.id)"
	" SELECT search_fts.rowid, q.id, q.title, q.level, q.topic, q.seed, q.freq,"
	" bagu_rank(search_fts, ?2)"
	" FROM search_fts JOIN questions q ON q.id = search_fts.qid"
	" WHERE search_fts MATCH ?1 AND (?3 IS NULL OR q.topic IN sub) AND (?4 IS NULL OR q.level = ?4)";

/* Highlight markers: U+E000 and U+E001 (private use; never in content). */
#define MARK_OPEN "\xee\x80\x80"
#define MARK_CLOSE "\xee\x80\x81"
/* A question named by its exact id (ids are not indexed words). */
static const char byid_sql[] =
	"WITH RECURSIVE sub(id) AS (SELECT id FROM topics WHERE id = ?2"
	" UNION SELECT t.id FROM topics t JOIN sub ON t.parent = sub.id)"
	" SELECT search_fts.rowid, q.id, q.title, q.level, q.topic, q.seed, q.freq"
	" FROM questions q JOIN search_fts ON search_fts.qid = q.id"
	" WHERE q.id = ?1 AND (?2 IS NULL OR q.topic IN sub) AND (?3 IS NULL OR q.level = ?3)";
static const char lead_sql[] = "SELECT substr(short, 1, 60) || '…' FROM search_fts WHERE rowid = ?1";
/* Snippets for the shown rows only, in one pass over the matches (a statement per row
 * would evaluate the expression again each time). ?2 is a JSON array of row ids. */
static const char snip_sql[] =
	"SELECT rowid, CASE WHEN rowid IN (SELECT value FROM json_each(?2))"
	" THEN bagu_snippet(search_fts, ?3) END FROM search_fts WHERE search_fts MATCH ?1";

int search_open(struct search **out, struct bagu_store *st, struct bagu_err *err)
{
	*out = NULL;
	sqlite3 *db = store_db(st);
	sqlite3_stmt *chk;
	bool have = false;
	if (sqlite3_prepare_v2(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'search_fts'", -1,
			       &chk, NULL) == SQLITE_OK) {
		have = sqlite3_step(chk) == SQLITE_ROW;
		sqlite3_finalize(chk);
	}
	if (!have) {
		const char *path = sqlite3_db_filename(db, "main");
		return bagu_error(err, "%s has no search index; rebuild it with `bagu build`", path && *path ? path : "the content database");
	}
	struct search *s = xcalloc(1, sizeof(*s));
	s->db = db;
	if (lexicon_load(&s->lex, db, err))
		goto fail;
	if (sqlite3_prepare_v2(db, find_sql, -1, &s->find, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, snip_sql, -1, &s->snip, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, byid_sql, -1, &s->byid, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, lead_sql, -1, &s->lead, NULL) != SQLITE_OK) {
		bagu_error(err, "preparing search: %s", sqlite3_errmsg(db));
		goto fail;
	}
	*out = s;
	return 0;
fail:
	search_free(s);
	return -1;
}

void search_free(struct search *s)
{
	if (!s)
		return;
	sqlite3_finalize(s->find);
	sqlite3_finalize(s->snip);
	sqlite3_finalize(s->byid);
	sqlite3_finalize(s->lead);
	lexicon_release(&s->lex);
	free(s);
}

int search_parse(struct search *s, const char *text, struct search_query *q, struct bagu_err *err)
{
	return search_parse_lex(&s->lex, text, q, err);
}

static void hit_release(struct search_hit *h)
{
	free(h->id), free(h->title), free(h->level), free(h->topic), free(h->seed_json);
	free(h->snippet), free(h->spans);
}

void search_results_release(struct search_results *r)
{
	for (size_t i = 0; i < r->nhits; i++)
		hit_release(&r->hits[i]);
	free(r->hits);
	memset(r, 0, sizeof(*r));
}

static char *colstr(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);
	return xstrdup(s ? (const char *)s : "");
}

static bool word_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* Whether folded title contains folded word as a whole word. */
static bool has_word(const char *title, const char *word)
{
	size_t n = strlen(word);
	for (const char *p = strstr(title, word); p; p = strstr(p + 1, word)) {
		bool before = p > title && (word_byte((unsigned char)p[-1]) || p[-1] == '.');
		bool after = word_byte((unsigned char)p[n]) || (p[n] == '.' && word_byte((unsigned char)p[n + 1]));
		if (!before && !after)
			return true;
	}
	return false;
}

/* Bonuses that put exact hits first: the question id or the whole title (1000), a
 * title containing the whole query (50), a queried identifier in the title (100). */
static double bonus(const struct search_query *q, const char *squery, const struct search_hit *h)
{
	double b = 0;
	char *stitle = search_squash(h->title), *sid = search_squash(h->id);
	if (*squery && (!strcmp(squery, stitle) || !strcmp(squery, sid)))
		b += 1000;
	else if (*squery && strlen(squery) >= 4 && strstr(stitle, squery))
		b += 50;
	char *ftitle = search_fold(h->title, strlen(h->title));
	for (size_t g = 0; g < q->ngroups; g++) {
		if (!q->groups[g].ident)
			continue;
		char *w = search_fold(q->groups[g].text, strlen(q->groups[g].text));
		if (has_word(ftitle, w))
			b += 100.0 / (double)q->ngroups;
		free(w);
	}
	free(ftitle), free(stitle), free(sid);
	return b;
}

static int hit_cmp(const void *a, const void *b)
{
	const struct search_hit *x = a, *y = b;
	if (x->score != y->score)
		return x->score < y->score ? 1 : -1;
	if (x->freq != y->freq)
		return x->freq < y->freq ? 1 : -1;
	return strcmp(x->id, y->id);
}

/* Turns FTS5 snippet text into plain text with spans, collapsing whitespace. */
static void parse_snippet(const char *raw, struct search_hit *h)
{
	struct strbuf sb;
	strbuf_init(&sb, strlen(raw) + 1);
	size_t aspans = 0, open = 0;
	bool space = false, in = false;
	for (const char *p = raw; *p;) {
		if (!strncmp(p, MARK_OPEN, 3)) {
			if (space && sb.len)
				strbuf_addch(&sb, ' ');
			space = false;
			open = sb.len, in = true;
			/* adjacent matches (底层 + 数组) make one highlight */
			if (h->nspans && h->spans[h->nspans - 1].end == sb.len)
				open = h->spans[--h->nspans].start;
			p += 3;
			continue;
		}
		if (!strncmp(p, MARK_CLOSE, 3)) {
			if (in && sb.len > open) {
				XGROW(h->spans, aspans, h->nspans + 1);
				h->spans[h->nspans].start = open;
				h->spans[h->nspans++].end = sb.len;
			}
			in = false;
			p += 3;
			continue;
		}
		if (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r') {
			space = true;
			p++;
			continue;
		}
		if (space && sb.len)
			strbuf_addch(&sb, ' ');
		space = false;
		strbuf_addch(&sb, *p++);
	}
	h->snippet = strbuf_detach(&sb, NULL);
}

struct cand {
	struct search_hit h;
	sqlite3_int64 rowid;
};

/* Cuts the snippets of hits[0..n) (row ids in c). */
static int snippets(struct search *s, const struct search_query *q, struct search_hit *hits, const struct cand *c,
		    size_t n)
{
	struct strbuf ids = STRBUF_INIT;
	strbuf_addch(&ids, '[');
	for (size_t i = 0; i < n; i++)
		strbuf_addf(&ids, "%s%lld", i ? "," : "", (long long)c[i].rowid);
	strbuf_addch(&ids, ']');
	sqlite3_stmt *st = s->snip;
	sqlite3_reset(st);
	sqlite3_bind_text(st, 1, q->match, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, ids.buf, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, q->single, -1, SQLITE_STATIC);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (sqlite3_column_type(st, 1) == SQLITE_NULL)
			continue;
		sqlite3_int64 rowid = sqlite3_column_int64(st, 0);
		for (size_t i = 0; i < n; i++)
			if (c[i].rowid == rowid && !hits[i].snippet)
				parse_snippet((const char *)sqlite3_column_text(st, 1), &hits[i]);
	}
	sqlite3_reset(st);
	strbuf_release(&ids);
	if (rc != SQLITE_DONE)
		return -1;
	/* rows found by id, not by the expression: the start of their 简答 */
	for (size_t i = 0; i < n; i++) {
		if (hits[i].snippet)
			continue;
		sqlite3_reset(s->lead);
		sqlite3_bind_int64(s->lead, 1, c[i].rowid);
		rc = sqlite3_step(s->lead);
		const unsigned char *t = rc == SQLITE_ROW ? sqlite3_column_text(s->lead, 0) : NULL;
		parse_snippet(t ? (const char *)t : "", &hits[i]);
		sqlite3_reset(s->lead);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return -1;
	}
	return 0;
}

static int cand_cmp(const void *a, const void *b)
{
	return hit_cmp(&((const struct cand *)a)->h, &((const struct cand *)b)->h);
}

/* Whether query could be a question id: [a-z0-9.-] with a dot. */
static bool id_like(const char *query)
{
	bool dot = false;
	for (const char *p = query; *p; p++) {
		if (*p == '.')
			dot = true;
		else if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-'))
			return false;
	}
	return dot;
}

/* Adds the question whose id is query when the expression did not find it. */
static int add_by_id(struct search *s, const char *query, const struct search_opts *o, struct cand **c,
		     size_t *nc, size_t *ac)
{
	for (size_t i = 0; i < *nc; i++)
		if (!strcmp((*c)[i].h.id, query))
			return 0;
	sqlite3_stmt *st = s->byid;
	sqlite3_reset(st);
	sqlite3_bind_text(st, 1, query, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, o ? o->topic : NULL, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, o ? o->level : NULL, -1, SQLITE_STATIC);
	int step = sqlite3_step(st);
	if (step == SQLITE_ROW) {
		XGROW(*c, *ac, *nc + 1);
		struct search_hit *h = &(*c)[*nc].h;
		memset(h, 0, sizeof(*h));
		(*c)[*nc].rowid = sqlite3_column_int64(st, 0);
		h->id = colstr(st, 1), h->title = colstr(st, 2), h->level = colstr(st, 3);
		h->topic = colstr(st, 4), h->seed_json = colstr(st, 5);
		h->freq = sqlite3_column_int(st, 6);
		h->score = 1000;
		(*nc)++;
		step = SQLITE_DONE;
	}
	sqlite3_reset(st);
	return step == SQLITE_DONE ? 0 : -1;
}

/* The rows matching q, scored, appended to c. Returns -1 on an SQLite error. */
static int find(struct search *s, const struct search_query *q, const char *squery, const struct search_opts *o,
		struct cand **c, size_t *nc, size_t *ac)
{
	sqlite3_stmt *st = s->find;
	sqlite3_reset(st);
	sqlite3_bind_text(st, 1, q->match, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, q->rankspec, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, o ? o->topic : NULL, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, o ? o->level : NULL, -1, SQLITE_STATIC);
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		XGROW(*c, *ac, *nc + 1);
		struct search_hit *h = &(*c)[*nc].h;
		memset(h, 0, sizeof(*h));
		(*c)[*nc].rowid = sqlite3_column_int64(st, 0);
		h->id = colstr(st, 1), h->title = colstr(st, 2), h->level = colstr(st, 3);
		h->topic = colstr(st, 4), h->seed_json = colstr(st, 5);
		h->freq = sqlite3_column_int(st, 6);
		h->score = sqlite3_column_double(st, 7) + bonus(q, squery, h);
		(*nc)++;
	}
	sqlite3_reset(st);
	return step == SQLITE_DONE ? 0 : -1;
}

int search_run(struct search *s, const char *query, const struct search_opts *o, struct search_results *r,
	       struct bagu_err *err)
{
	memset(r, 0, sizeof(*r));
	struct search_query q;
	if (search_parse(s, query, &q, err))
		return -1;
	r->ngroups = q.ngroups;
	if (!q.ngroups) {
		search_query_release(&q);
		return 0;
	}
	size_t limit = o && o->limit ? o->limit : SEARCH_DEFAULT_LIMIT;
	if (limit > SEARCH_MAX_LIMIT)
		limit = SEARCH_MAX_LIMIT;
	struct cand *c = NULL;
	size_t nc = 0, ac = 0;
	int rc = -1;
	char *squery = search_squash(query);
	if (find(s, &q, squery, o, &c, &nc, &ac)) {
		bagu_error(err, "search: %s", sqlite3_errmsg(s->db));
		goto out;
	}
	struct search_query lq;
	if (!nc && !(o && o->exact) && !id_like(query) && !search_loosen(&q, &lq)) {
		/* nothing matched the words as typed: try their stems and single characters */
		search_query_release(&q);
		q = lq;
		r->loose = true;
		if (find(s, &q, squery, o, &c, &nc, &ac)) {
			bagu_error(err, "search: %s", sqlite3_errmsg(s->db));
			goto out;
		}
	}
	if (id_like(query) && add_by_id(s, query, o, &c, &nc, &ac)) {
		bagu_error(err, "search: %s", sqlite3_errmsg(s->db));
		goto out;
	}
	if (nc)
		qsort(c, nc, sizeof(*c), cand_cmp);
	r->total = nc;
	r->nhits = nc < limit ? nc : limit;
	r->hits = xcalloc(r->nhits ? r->nhits : 1, sizeof(*r->hits));
	for (size_t i = 0; i < r->nhits; i++) {
		struct search_hit *h = &r->hits[i];
		*h = c[i].h;
		memset(&c[i].h, 0, sizeof(c[i].h));
	}
	if (snippets(s, &q, r->hits, c, r->nhits)) {
		bagu_error(err, "search: %s", sqlite3_errmsg(s->db));
		goto out;
	}
	rc = 0;
out:
	for (size_t i = 0; i < nc; i++)
		hit_release(&c[i].h);
	free(c);
	if (rc)
		search_results_release(r);
	free(squery);
	search_query_release(&q);
	return rc;
}

/* ---- suggestions ---- */

/* Code points of s (at most max). */
static size_t cps(const char *s, uint32_t *out, size_t max)
{
	size_t n = strlen(s), k = 0;
	for (size_t i = 0; i < n && k < max;) {
		int l = utf8_decode((const unsigned char *)s + i, n - i, &out[k]);
		if (!l)
			l = 1, out[k] = 0xFFFD;
		k++;
		i += (size_t)l;
	}
	return k;
}

static size_t edit_distance(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
	size_t row[65];
	for (size_t j = 0; j <= nb; j++)
		row[j] = j;
	for (size_t i = 1; i <= na; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= nb; j++) {
			size_t up = row[j];
			size_t best = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[nb];
}

char *search_suggest(struct search *s, const char *query, const struct search_opts *o)
{
	struct search_query q;
	struct bagu_err err;
	if (search_parse(s, query, &q, &err))
		return NULL;
	char *best = NULL;
	int tries = 0;
	/* the whole query first (a misspelt multi-word alias), then each term */
	for (size_t g = 0; g <= q.ngroups && !best; g++) {
		uint32_t a[64], b[64];
		const char *term = g ? q.groups[g - 1].text : query;
		if (!g && q.ngroups < 2)
			continue;
		char *fold = search_fold(term, strlen(term));
		size_t na = cps(fold, a, 64);
		size_t maxd = na >= 5 ? 2 : 1;
		/* candidates by distance, nearest first; each is tried until one has results */
		for (size_t d = 1; d <= maxd && !best && na >= 2; d++) {
			for (size_t i = 0; i < s->lex.naliases && !best && tries < 8; i++) {
				const char *alias = s->lex.aliases[i].fold;
				size_t nb = cps(alias, b, 64);
				if (nb + d < na || na + d < nb || strlen(alias) >= 256)
					continue;
				if (edit_distance(a, na, b, nb) != d)
					continue;
				/* the original spelling of the alias, from its concept */
				const struct lex_concept *c = &s->lex.concepts[s->lex.aliases[i].concept];
				const char *shown = alias;
				for (size_t k = 0; k < c->naliases; k++) {
					char *f = search_fold(c->aliases[k], strlen(c->aliases[k]));
					if (!strcmp(f, alias))
						shown = c->aliases[k];
					free(f);
				}
				const char *at = strstr(query, term);
				if (!at)
					continue;
				size_t tl = strlen(term);
				struct strbuf sb = STRBUF_INIT;
				strbuf_add(&sb, query, (size_t)(at - query));
				strbuf_addstr(&sb, shown);
				strbuf_addstr(&sb, at + tl);
				struct search_results r;
				struct search_opts eo = o ? *o : (struct search_opts){0};
				eo.exact = true;
				tries++;
				if (!search_run(s, sb.buf, &eo, &r, &err) && r.total > 0)
					best = strbuf_detach(&sb, NULL);
				else
					strbuf_release(&sb);
				search_results_release(&r);
			}
		}
		free(fold);
	}
	search_query_release(&q);
	return best;
}
