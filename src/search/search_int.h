/* search_int — internals shared by the files of src/search/ (not part of the API). */
#ifndef BAGU_SEARCH_INT_H
#define BAGU_SEARCH_INT_H

#include <sqlite3.h>

#include "util/util.h"

/* search_fts columns. */
enum { SEARCH_COL_QID, SEARCH_COL_TITLE, SEARCH_COL_KEYPOINTS, SEARCH_COL_SHORT, SEARCH_COL_DETAIL,
       SEARCH_COL_CODE, SEARCH_COL_FOLLOWUP, SEARCH_NCOLS };
extern const double search_col_weight[SEARCH_NCOLS];

/* Weight of a lexicon alias relative to the literal query term. */
#define SEARCH_ALIAS_WEIGHT 0.8

bool search_is_cjk(uint32_t cp);
fts5_api *search_fts5_api(sqlite3 *db);
int search_rank_register(fts5_api *api);
int search_snippet_register(fts5_api *api);

/* The lexicon, loaded once per search handle. */
struct lex_alias {
	char *fold;  /* ASCII-lowercased alias */
	int concept; /* index into lexicon.concepts */
};
struct lex_concept {
	char **aliases; /* as written, key first */
	size_t naliases;
};
struct lexicon {
	struct lex_alias *aliases; /* sorted by fold (then concept) */
	size_t naliases;
	struct lex_concept *concepts;
	size_t nconcepts;
	size_t maxlen; /* longest fold in bytes */
	char *pool;    /* when loaded from search_lexicon: every string points into it */
	char **ptrs;   /* with pool: the concepts' alias arrays, one allocation */
};
/* Loads the lexicon table. The folded, sorted aliases come from search_lexicon when the
 * build stored it (no folding or sorting at start-up); otherwise they are computed. */
int lexicon_load(struct lexicon *lx, sqlite3 *db, struct bagu_err *err) BAGU_MUST_CHECK;
/* prepared = false: always fold and sort here (what the build stores). */
int lexicon_load_opt(struct lexicon *lx, sqlite3 *db, bool prepared, struct bagu_err *err) BAGU_MUST_CHECK;
/* Stores the lexicon prepared for start-up as table search_lexicon (a build hook): one
 * blob with the concepts' aliases and the folded aliases in sorted order, so that a
 * process reads one row and makes three allocations instead of folding, sorting and
 * copying thousands of strings. */
int search_lexicon_build(sqlite3 *db, struct bagu_err *err) BAGU_MUST_CHECK;
void lexicon_release(struct lexicon *lx);
/* Index of the first alias equal to fold[0..n), or -1. */
long lexicon_find(const struct lexicon *lx, const char *fold, size_t n);

/* Parses text against lx (see search.h); used by search_parse. */
struct search_query;
int search_parse_lex(const struct lexicon *lx, const char *text, struct search_query *q,
		     struct bagu_err *err) BAGU_MUST_CHECK;

/* Splits Markdown into plain prose and the contents of fenced code blocks (appending;
 * either may be NULL). */
void search_md_split(const char *md, struct strbuf *prose, struct strbuf *code);

/* Lowercases ASCII letters of s[0..n) into a new string. */
char *search_fold(const char *s, size_t n);
/* Removes whitespace and ASCII/CJK punctuation and folds ASCII case (for exact title
 * comparison). */
char *search_squash(const char *s);

#endif
