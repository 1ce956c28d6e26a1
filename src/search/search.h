/*
 * search — full-text search over content.db that understands Chinese, English and Go.
 *
 * Three pieces, all living inside content.db connections:
 *
 *   1. The FTS5 tokenizer "bagu" (tokenizer.c). A CJK run (Han, kana, Hangul) takes one
 *      position per character: its token is the bigram with the next character, the
 *      character itself colocated (indexing only), and the run's last character alone:
 *      切片扩容 → 切片(+切) 片扩(+片) 扩容(+扩) 容. A query string of two or more CJK
 *      characters gives just its bigrams at consecutive positions (切片扩 → 切片 片扩),
 *      so 2-character words match one bigram, longer words are phrases of bigrams, and
 *      one character matches the colocated singles. Token offsets cover exactly their
 *      characters, so a phrase's highlight (first token's start to last token's end)
 *      is exact; only a 1-character hit inside a run spans its bigram in FTS5's own
 *      highlight(), which bagu_snippet corrects. Everything else is
 *      passed to FTS5's unicode61 tokenizer (case folding, remove_diacritics 2), which
 *      splits at '.', '_' and punctuation: sync.Pool is the phrase "sync pool" (found
 *      whole as a phrase, and by "pool" alone), TIME_WAIT is "time wait". When indexing,
 *      camelCase words also get their parts as colocated tokens (WaitGroup → waitgroup
 *      + wait + group), so "group" finds sync.WaitGroup while "WaitGroup" stays exact.
 *
 *   2. The index (index.c): table search_fts(qid UNINDEXED, title, keypoints, short,
 *      detail, code, followup) built from the questions table by search_index_build,
 *      which store_build runs as a build hook. Markdown is reduced to plain text
 *      (fences, backticks, emphasis, link targets removed); fenced code blocks of every
 *      section and the whole 示例 section go to the code column.
 *
 *   3. Queries (query.c, rank.c, search.c). The query is segmented against the lexicon
 *      (longest alias match, ASCII words only at word boundaries); each segment becomes
 *      a term group: its own text plus every alias of every concept it belongs to
 *      (simplified ⇄ traditional, Chinese ⇄ English, abbreviations). Words and CJK runs
 *      the lexicon does not know are groups of their own, after dropping stop words
 *      (的, 什么, 如何, what, how ...). The FTS5 expression is the OR of all groups, each
 *      an OR of quoted phrases. A lexicon compound (struct 比较, 垃圾回收) also adds its
 *      parts as sub-groups, so answers that use the words apart still match. The
 *      auxiliary function bagu_rank scores a row by per-group field presence (title 10,
 *      keypoints 5, 简答 5, 详解 2, code 1, 追问 0.5) plus BM25 with the same column
 *      weights (an alias counts 0.8 of the literal term, a sub-group half), times the
 *      square of the fraction of top-level groups matched (a compound counts as matched
 *      when all its parts are), so rows matching every term come first. On top: the exact question id or exact title (ignoring case,
 *      spaces and punctuation) ranks first, then titles containing a queried Go
 *      identifier (sync.Pool, GOMAXPROCS, TIME_WAIT) as a whole word.
 *
 * Set-up: call search_init() once, before any store_build or store_open (the CLI's main
 * does). It registers search_register as a store connection hook (tokenizer + bagu_rank
 * on every content.db connection) and search_index_build as a store build hook.
 *
 * Layer: engine; uses store (and util). Never prints. Errors fill a struct bagu_err.
 */
#ifndef BAGU_SEARCH_H
#define BAGU_SEARCH_H

#include <sqlite3.h>

#include "store/store.h"
#include "util/util.h"

/* Limits on a query (hostile input). Longer queries are refused; more groups or
 * phrases than this are dropped from the end. */
#define SEARCH_MAX_QUERY_BYTES 1024
#define SEARCH_MAX_GROUPS 16
#define SEARCH_MAX_PHRASES 256
#define SEARCH_DEFAULT_LIMIT 10
#define SEARCH_MAX_LIMIT 1000

/* Registers the hooks below with store. Idempotent. */
void search_init(void);

/* Connection hook: registers the "bagu" FTS5 tokenizer and the bagu_rank auxiliary
 * function on db. */
int search_register(sqlite3 *db, struct bagu_err *err) BAGU_MUST_CHECK;

/* Build hook: (re)creates search_fts in db from its questions table. db must have had
 * search_register run on it. */
int search_index_build(sqlite3 *db, struct bagu_err *err) BAGU_MUST_CHECK;

/* Runs the "bagu" tokenizer of db (search_register must have run on it) over text,
 * calling tok for each token as FTS5 would (flags: FTS5_TOKENIZE_DOCUMENT or _QUERY).
 * For tests and fuzzing. Returns 0, or -1 with err set. */
typedef int (*search_token_fn)(void *ctx, int tflags, const char *tok, int ntok, int start, int end);
int search_tokenize(sqlite3 *db, int flags, const char *text, int n, void *ctx, search_token_fn tok,
		    struct bagu_err *err) BAGU_MUST_CHECK;

/* ---- a parsed query ---- */

struct search_group {
	char *text;     /* the query text this group came from */
	bool prefix;    /* a loose group: its phrase "stem*" matches words starting with stem */
	char **phrases; /* phrases[0] is text itself (weight 1); the rest are aliases */
	size_t nphrases;
	bool ident; /* text is a Go identifier-like word (sync.Pool, GOMAXPROCS, TIME_WAIT) */
	int parent; /* for a part of a lexicon compound, the compound's group; else -1 */
};

struct search_query {
	struct search_group *groups;
	size_t ngroups;
	size_t nphrases; /* over all groups */
	char *match;     /* the FTS5 MATCH expression; NULL when there are no groups */
	char *rankspec;  /* the bagu_rank argument: "P,P,...|G,W;G,W;..." (see rank.c) */
	char *single;    /* the bagu_snippet argument: per phrase '1' if it is one CJK character */
};

struct search; /* an open search handle: a store, its lexicon, prepared statements */

/* Opens search over st (which must stay open until search_free). Fails with "PATH has
 * no search index; rebuild it with `bagu build`" when st lacks search_fts. */
int search_open(struct search **s, struct bagu_store *st, struct bagu_err *err) BAGU_MUST_CHECK;
void search_free(struct search *s);

/* Parses query text into groups and the MATCH expression. Fails only on a query longer
 * than SEARCH_MAX_QUERY_BYTES or not valid UTF-8. A query of stop words only yields
 * ngroups == 0. Release with search_query_release. */
int search_parse(struct search *s, const char *text, struct search_query *q,
		 struct bagu_err *err) BAGU_MUST_CHECK;
void search_query_release(struct search_query *q);
/* The looser form of q, for a query that matched nothing: every ASCII word of four or
 * more letters becomes a prefix of its stem ("comparison" → compari*, "leaks" → leak*),
 * each a group (CJK text is left out: its 2-character pieces were tried already, and
 * single characters match nearly everything). Returns -1 (out untouched) when nothing
 * looser can be said. */
int search_loosen(const struct search_query *q, struct search_query *out);

/* ---- results ---- */

struct search_span {
	size_t start, end; /* byte offsets of a highlighted match in the snippet */
};

struct search_hit {
	char *id, *title, *level, *topic;
	char *seed_json; /* JSON array text, e.g. "[31,57]" */
	int freq;
	double score;  /* higher is better */
	char *snippet; /* plain text, whitespace collapsed, "…" where cut */
	struct search_span *spans;
	size_t nspans;
};

struct search_opts {
	const char *topic; /* this topic and its descendants; NULL for all */
	const char *level; /* canonical level (新手/进阶/高级); NULL for all */
	size_t limit;      /* 0 means SEARCH_DEFAULT_LIMIT */
	bool exact;        /* no looser retry when nothing matches (see search_run) */
};

struct search_results {
	struct search_hit *hits; /* best first, at most limit */
	size_t nhits;
	size_t total; /* rows that matched */
	size_t ngroups; /* query terms after stop words (0: nothing to search for) */
	bool loose;     /* nothing matched the query as typed: these hits match its looser form */
};

/* Runs a query. When nothing matches it (and !o->exact), it runs the query's looser form
 * (search_loosen) and sets r->loose. Returns 0 (possibly with no hits) or -1 with err
 * set. Release the results with search_results_release. */
int search_run(struct search *s, const char *query, const struct search_opts *o,
	       struct search_results *r, struct bagu_err *err) BAGU_MUST_CHECK;
void search_results_release(struct search_results *r);

/* When a query has no results: a corrected query that replaces one term by the nearest
 * lexicon alias (edit distance 1, or 2 for terms of 5+ characters) and does have
 * results. Returns a malloc'd string or NULL. */
char *search_suggest(struct search *s, const char *query, const struct search_opts *o);

/* The JSON shape of results shared by `bagu search --json` and GET /api/v1/search:
 * [{id, title, seed, topic, level, score, snippet, highlights: [[start, end), ...]}]
 * with highlight offsets in code points of snippet; appends it and a newline to sb. */
void search_results_json(struct strbuf *sb, const struct search_results *r);

#endif
