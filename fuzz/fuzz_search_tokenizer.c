/* Fuzz target: the search tokenizer and query path. Each input is
 *   1. tokenized as a document and as a query: every token must lie inside the input,
 *      be non-empty, and a query must have no colocated tokens;
 *   2. indexed as a question (title, keypoints, sections) next to a small fixed bank;
 *   3. parsed as a query against a lexicon, and the resulting MATCH expression run with
 *      bagu_rank and bagu_snippet: FTS5 must accept every expression we build, and
 *      every snippet highlight marker must be closed. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "search/search.h"
#include "search/search_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static sqlite3 *db;
static struct lexicon lex;

struct check {
	int n, query;
};

static int check_token(void *p, int tflags, const char *tok, int ntok, int start, int end)
{
	struct check *c = p;
	if (ntok <= 0 || !tok || start < 0 || end < start || end > c->n)
		abort();
	if (c->query && (tflags & FTS5_TOKEN_COLOCATED))
		abort();
	return SQLITE_OK;
}

static void die(const char *what)
{
	fprintf(stderr, "%s: %s\n", what, sqlite3_errmsg(db));
	abort();
}

static void setup(void)
{
	struct bagu_err err;
	if (sqlite3_open(":memory:", &db) != SQLITE_OK || search_register(db, &err))
		die("setup");
	const char *sql =
		"CREATE TABLE questions(id TEXT PRIMARY KEY, ord INTEGER, title TEXT, keypoints TEXT,"
		" short_md TEXT, detail_md TEXT, example_md TEXT, followup_md TEXT);"
		"CREATE TABLE lexicon(concept TEXT, alias TEXT, ord INTEGER);"
		"INSERT INTO lexicon VALUES('切片','切片',0),('切片','slice',1),('切片','[]T',2),"
		" ('协程','协程',0),('协程','goroutine',1),('协程','協程',2),('q','a \"quoted\" alias',0),"
		" ('sync.Pool','sync.Pool',0),('sync.Pool','对象池',1),('struct 比较','struct 比较',0);"
		"INSERT INTO questions VALUES('a.b',0,'slice 的扩容机制是什么？',"
		" '[{\"text\":\"翻倍\",\"match\":[\"两倍\"]}]','`append` 扩容，小切片翻倍。',"
		" '### 详解\n用 **growslice**。\n```go\nx := 1\n```\n','```go\nfmt.Println(1)\n```',"
		" '- 为什么？'),"
		" ('c.d',1,'goroutine 泄漏','[]','協程阻塞在 channel 上 sync.Pool WaitGroup TIME_WAIT。',"
		" '', NULL, '- x');";
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK || search_index_build(db, &err) ||
	    lexicon_load(&lex, db, &err))
		die("setup");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!db)
		setup();
	if (size > 4096)
		return 0;
	struct bagu_err err;
	const char *text = (const char *)data;
	int n = (int)size;
	struct check c = {n, 0};
	if (search_tokenize(db, FTS5_TOKENIZE_DOCUMENT, text, n, &c, check_token, &err))
		abort();
	c.query = 1;
	if (search_tokenize(db, FTS5_TOKENIZE_QUERY, text, n, &c, check_token, &err))
		abort();

	/* index the input as a question (then remove it again) */
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, "INSERT INTO search_fts(rowid, qid, title, keypoints, short, detail, code, followup)"
				   " VALUES(1000, 'fuzz', ?1, ?1, ?1, ?1, ?1, ?1)", -1, &st, NULL) != SQLITE_OK)
		die("prepare insert");
	sqlite3_bind_text(st, 1, text, n, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		die("insert");
	sqlite3_finalize(st);

	/* as a query: the expression we build must always be valid FTS5 */
	char *q0 = malloc(size + 1);
	if (!q0)
		abort();
	memcpy(q0, data, size);
	q0[size] = '\0';
	struct search_query q;
	if (search_parse_lex(&lex, q0, &q, &err) == 0 && q.ngroups) {
		if (sqlite3_prepare_v2(db, "SELECT bagu_rank(search_fts, ?2), bagu_snippet(search_fts, ?3)"
					   " FROM search_fts WHERE search_fts MATCH ?1", -1, &st, NULL) != SQLITE_OK)
			die("prepare query");
		sqlite3_bind_text(st, 1, q.match, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, q.rankspec, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, q.single, -1, SQLITE_STATIC);
		int rc;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			const char *snip = (const char *)sqlite3_column_text(st, 1);
			int open = 0;
			for (const char *p = snip; p && *p; p++) {
				if (!strncmp(p, "\xee\x80\x80", 3))
					open++;
				else if (!strncmp(p, "\xee\x80\x81", 3))
					open--;
				if (open < 0 || open > 1)
					abort();
			}
			if (open)
				abort();
		}
		if (rc != SQLITE_DONE) {
			fprintf(stderr, "MATCH %s\n", q.match);
			die("query");
		}
		sqlite3_finalize(st);
	}
	search_query_release(&q);
	free(q0);
	if (sqlite3_exec(db, "DELETE FROM search_fts WHERE rowid = 1000", NULL, NULL, NULL) != SQLITE_OK)
		die("delete");
	return 0;
}
