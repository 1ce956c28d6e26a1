/* snippet — the bagu_snippet FTS5 auxiliary function:
 *
 *   bagu_snippet(search_fts, SINGLE)
 *
 * returns about SNIPPET_BYTES of one column around the densest cluster of matches, with
 * every match wrapped in U+E000 … U+E001 and "…" where the text is cut. The column and
 * window are chosen from phrase positions alone (most distinct phrases in a window of
 * SNIPPET_SPAN token positions; ties go to 简答, then 详解, keypoints, code, 追问; the
 * title only when nothing else matched), and only that column is tokenized, only up
 * to the end of the window. FTS5's snippet() tokenizes every matching column twice,
 * which cost most of a query's time here. SINGLE has one character per phrase, '1'
 * when the phrase is a single CJK character: its hits are cut to that character
 * (inside a run the token at its position is a bigram). */
#include <stdlib.h>
#include <string.h>

#include "search/search.h"
#include "search/search_int.h"

#define SNIPPET_SPAN 30   /* token positions considered for one window */
#define SNIPPET_BYTES 150 /* text shown, roughly: 50 CJK characters or 25 words */
#define SNIPPET_LEAD 4    /* positions shown before the first match */
#define MAX_RANGES 64

static const int col_order[] = {SEARCH_COL_SHORT, SEARCH_COL_DETAIL, SEARCH_COL_KEYPOINTS, SEARCH_COL_CODE,
				SEARCH_COL_FOLLOWUP, SEARCH_COL_TITLE};

struct inst {
	int phrase, col, off, len; /* len: phrase size in tokens */
	bool single;               /* one CJK character */
};

struct range {
	int start, end; /* byte offsets */
};

/* Tokenizer callback state: maps token positions to byte offsets within one window. */
struct walk {
	const char *text;
	int ntext;
	int pos;        /* position of the current token */
	int first, last; /* window positions */
	int start_byte, end_byte;
	const struct inst *in; /* instances in the window */
	int nin;
	struct range r[MAX_RANGES];
	int nr;
	int open[MAX_RANGES]; /* start byte of each instance's highlight, -1 before it */
};

#define WALK_DONE 1000 /* private return code: stop tokenizing */

static int walk_cb(void *p, int tflags, const char *tok, int ntok, int start, int end)
{
	(void)tok, (void)ntok;
	struct walk *w = p;
	if (tflags & FTS5_TOKEN_COLOCATED)
		return SQLITE_OK;
	w->pos++;
	if (w->pos < w->first)
		return SQLITE_OK;
	if (w->pos == w->first)
		w->start_byte = start;
	if (w->pos > w->last || end - w->start_byte > SNIPPET_BYTES)
		return WALK_DONE;
	w->end_byte = end;
	for (int i = 0; i < w->nin; i++) {
		const struct inst *x = &w->in[i];
		if (w->pos == x->off)
			w->open[i] = start;
		if (w->pos == x->off + x->len - 1 && w->open[i] >= 0 && w->nr < MAX_RANGES) {
			int e = end;
			if (x->single) { /* just the character, not the bigram at its position */
				uint32_t cp;
				int l = utf8_decode((const unsigned char *)w->text + w->open[i],
						    (size_t)(w->ntext - w->open[i]), &cp);
				if (l > 0 && w->open[i] + l < e)
					e = w->open[i] + l;
			}
			w->r[w->nr++] = (struct range){w->open[i], e};
		}
	}
	return SQLITE_OK;
}

/* Appends text, replacing the marker characters U+E000/U+E001 should content ever
 * contain them, so markers in the result are always ours. */
static void add_text(struct strbuf *sb, const char *s, size_t n)
{
	size_t from = 0;
	for (size_t i = 0; i + 2 < n; i++) {
		if ((unsigned char)s[i] == 0xEE && (unsigned char)s[i + 1] == 0x80 &&
		    ((unsigned char)s[i + 2] == 0x80 || (unsigned char)s[i + 2] == 0x81)) {
			strbuf_add(sb, s + from, i - from);
			strbuf_addstr(sb, "\xef\xbf\xbd");
			from = i + 3;
			i += 2;
		}
	}
	strbuf_add(sb, s + from, n - from);
}

static int range_cmp(const void *a, const void *b)
{
	const struct range *x = a, *y = b;
	return x->start != y->start ? (x->start > y->start) - (x->start < y->start) : (x->end > y->end) - (x->end < y->end);
}

static int col_rank(int col)
{
	for (size_t i = 0; i < BAGU_ARRAY_LEN(col_order); i++)
		if (col_order[i] == col)
			return (int)i;
	return 99;
}

static void snippet_fn(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, int nval,
		       sqlite3_value **val)
{
	const char *single = nval > 0 ? (const char *)sqlite3_value_text(val[0]) : NULL;
	int nsingle = single ? (int)strlen(single) : 0;
	int ninst = 0;
	if (api->xInstCount(fts, &ninst) != SQLITE_OK) {
		sqlite3_result_error(ctx, "bagu_snippet: cannot read phrase instances", -1);
		return;
	}
	struct inst *in = sqlite3_malloc64((sqlite3_uint64)(ninst ? ninst : 1) * sizeof(*in));
	if (!in) {
		sqlite3_result_error_nomem(ctx);
		return;
	}
	int n = 0;
	for (int i = 0; i < ninst; i++) {
		int ip, ic, io;
		if (api->xInst(fts, i, &ip, &ic, &io) != SQLITE_OK || ic <= SEARCH_COL_QID || ic >= SEARCH_NCOLS)
			continue;
		in[n++] = (struct inst){ip, ic, io, api->xPhraseSize(fts, ip), ip < nsingle && single[ip] == '1'};
	}
	/* the best window: most distinct phrases starting within SNIPPET_SPAN positions of
	 * an instance (instances come sorted by column, then offset) */
	int best = -1, best_score = -1;
	for (int i = 0; i < n; i++) {
		int distinct = 0;
		for (int j = i; j < n && in[j].col == in[i].col && in[j].off < in[i].off + SNIPPET_SPAN; j++) {
			bool seen = false;
			for (int k = i; k < j && !seen; k++)
				seen = in[k].phrase == in[j].phrase;
			distinct += !seen;
		}
		int score = in[i].col == SEARCH_COL_TITLE ? 0 : distinct * 100 + (99 - col_rank(in[i].col));
		if (score > best_score)
			best_score = score, best = i;
	}
	int col = best >= 0 ? in[best].col : SEARCH_COL_SHORT;
	const char *text = NULL;
	int ntext = 0;
	if (api->xColumnText(fts, col, &text, &ntext) != SQLITE_OK || !text) {
		sqlite3_free(in);
		sqlite3_result_text(ctx, "", 0, SQLITE_STATIC);
		return;
	}
	struct walk w = {.text = text, .ntext = ntext, .pos = -1, .first = 0, .last = SNIPPET_SPAN * 4};
	if (best >= 0) {
		w.first = in[best].off > SNIPPET_LEAD ? in[best].off - SNIPPET_LEAD : 0;
		w.last = w.first + SNIPPET_SPAN * 4;
		int k = best;
		while (k < n && in[k].col == col && w.nin < MAX_RANGES)
			k++, w.nin++;
		w.in = in + best;
	}
	for (int i = 0; i < MAX_RANGES; i++)
		w.open[i] = -1;
	int rc = api->xTokenize(fts, text, ntext, &w, walk_cb);
	if (rc != SQLITE_OK && rc != WALK_DONE) {
		sqlite3_free(in);
		sqlite3_result_error_code(ctx, rc);
		return;
	}
	bool cut_end = rc == WALK_DONE;
	if (w.pos < w.first) /* no tokens at all */
		w.start_byte = 0, w.end_byte = 0;
	qsort(w.r, (size_t)w.nr, sizeof(w.r[0]), range_cmp);
	struct strbuf sb;
	strbuf_init(&sb, (size_t)(w.end_byte - w.start_byte) + 64);
	if (w.first > 0)
		strbuf_addstr(&sb, "…");
	int at = w.start_byte;
	for (int i = 0; i < w.nr; i++) {
		int s = w.r[i].start < at ? at : w.r[i].start, e = w.r[i].end;
		while (i + 1 < w.nr && w.r[i + 1].start <= e) /* overlapping matches: one highlight */
			e = w.r[i + 1].end > e ? w.r[i + 1].end : e, i++;
		if (e <= s)
			continue;
		add_text(&sb, text + at, (size_t)(s - at));
		strbuf_addstr(&sb, "\xee\x80\x80");
		add_text(&sb, text + s, (size_t)(e - s));
		strbuf_addstr(&sb, "\xee\x80\x81");
		at = e;
	}
	if (w.end_byte > at)
		add_text(&sb, text + at, (size_t)(w.end_byte - at));
	if (cut_end)
		strbuf_addstr(&sb, "…");
	sqlite3_free(in);
	sqlite3_result_text(ctx, sb.buf, (int)sb.len, SQLITE_TRANSIENT);
	strbuf_release(&sb);
}

int search_snippet_register(fts5_api *api)
{
	return api->xCreateFunction(api, "bagu_snippet", NULL, snippet_fn, NULL) == SQLITE_OK ? 0 : -1;
}
