/* Unit tests: search (tokenizer, Markdown reduction, query parsing, ranking, snippets,
 * filters, suggestions) over the small bank in tests/search/fixture/content. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "search/search.h"
#include "search/search_int.h"

static char tmpdir[] = "/tmp/bagu-search-XXXXXX";
static char *db_path;

/* ---- tokenizer ---- */

struct toks {
	struct strbuf sb; /* "text@start-end" per token, "+" before colocated ones, space-separated */
	int n;
};

static int collect(void *ctx, int tflags, const char *tok, int ntok, int start, int end)
{
	struct toks *t = ctx;
	strbuf_addf(&t->sb, "%s%s%.*s@%d-%d", t->n ? " " : "", (tflags & FTS5_TOKEN_COLOCATED) ? "+" : "", ntok,
		    tok, start, end);
	t->n++;
	return SQLITE_OK;
}

static sqlite3 *mem_db(void)
{
	sqlite3 *db;
	struct bagu_err err;
	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	assert_int_equal(search_register(db, &err), 0);
	return db;
}

static void expect_tokens(sqlite3 *db, int flags, const char *text, const char *want)
{
	struct toks t = {STRBUF_INIT, 0};
	struct bagu_err err;
	strbuf_init(&t.sb, 64);
	assert_int_equal(search_tokenize(db, flags, text, (int)strlen(text), &t, collect, &err), 0);
	assert_string_equal(t.sb.buf, want);
	strbuf_release(&t.sb);
}

static void test_tokenizer_cjk(void **state)
{
	(void)state;
	sqlite3 *db = mem_db();
	/* one position per character: the bigram with the next one, the character itself
	 * colocated; the last character alone. Offsets are exact byte ranges. */
	expect_tokens(db, FTS5_TOKENIZE_DOCUMENT, "切片扩容",
		      "切片@0-6 +切@0-3 片扩@3-9 +片@3-6 扩容@6-12 +扩@6-9 容@9-12");
	expect_tokens(db, FTS5_TOKENIZE_AUX, "切片扩容",
		      "切片@0-6 +切@0-3 片扩@3-9 +片@3-6 扩容@6-12 +扩@6-9 容@9-12");
	/* a query string gives its bigrams at consecutive positions, or its one character */
	expect_tokens(db, FTS5_TOKENIZE_QUERY, "切片", "切片@0-6");
	expect_tokens(db, FTS5_TOKENIZE_QUERY, "切片扩", "切片@0-6 片扩@3-9");
	expect_tokens(db, FTS5_TOKENIZE_QUERY, "池", "池@0-3");
	/* mixed scripts, punctuation between runs, kana and traditional characters */
	expect_tokens(db, FTS5_TOKENIZE_DOCUMENT, "nil切片，協程", "nil@0-3 切片@3-9 +切@3-6 片@6-9 協程@12-18 +協@12-15 程@15-18");
	expect_tokens(db, FTS5_TOKENIZE_QUERY, "ゴルーチン", "ゴル@0-6 ルー@3-9 ーチ@6-12 チン@9-15");
	/* invalid UTF-8 is skipped, never read past the end */
	expect_tokens(db, FTS5_TOKENIZE_DOCUMENT, "\xff切\xe5", "切@1-4");
	expect_tokens(db, FTS5_TOKENIZE_DOCUMENT, "", "");
	sqlite3_close(db);
}

static void test_tokenizer_identifiers(void **state)
{
	(void)state;
	sqlite3 *db = mem_db();
	/* dotted names and underscores split into parts; case folded */
	expect_tokens(db, FTS5_TOKENIZE_QUERY, "sync.Pool TIME_WAIT GOMAXPROCS",
		      "sync@0-4 pool@5-9 time@10-14 wait@15-19 gomaxprocs@20-30");
	/* camelCase parts are colocated when indexing only */
	expect_tokens(db, FTS5_TOKENIZE_DOCUMENT, "sync.WaitGroup RWMutex",
		      "sync@0-4 waitgroup@5-14 +wait@5-9 +group@9-14 rwmutex@15-22 +rw@15-17 +mutex@17-22");
	expect_tokens(db, FTS5_TOKENIZE_QUERY, "WaitGroup", "waitgroup@0-9");
	/* unicode61 folds case and diacritics outside ASCII */
	expect_tokens(db, FTS5_TOKENIZE_QUERY, "Ünïcode", "unicode@0-9");
	sqlite3_close(db);
}

static void test_md_split(void **state)
{
	(void)state;
	struct strbuf prose = STRBUF_INIT, code = STRBUF_INIT;
	search_md_split("### 标题\n用 `sync.Pool` **复用**，见 [文档](https://go.dev)。\n\n```go\nx := 1\n```\n> 引用\n",
			&prose, &code);
	assert_string_equal(prose.buf, "标题\n用 sync.Pool 复用，见 文档。\n\n引用\n");
	assert_string_equal(code.buf, "x := 1\n");
	strbuf_release(&prose), strbuf_release(&code);
	/* an unclosed fence swallows the rest as code; a longer closing fence closes it */
	search_md_split("a\n````\n```\nb\n`````\nc", &prose, &code);
	assert_string_equal(prose.buf, "a\nc\n");
	assert_string_equal(code.buf, "```\nb\n");
	strbuf_release(&prose), strbuf_release(&code);
}

/* ---- over the fixture bank ---- */

static int setup(void **state)
{
	(void)state;
	if (!mkdtemp(tmpdir))
		return -1;
	search_init();
	const char *src = getenv("BAGU_SRC");
	char *dir = xasprintf("%s/tests/search/fixture/content", src ? src : ".");
	struct kb kb;
	struct bagu_err err;
	kb_init(&kb);
	int rc = kb_load(&kb, dir, &err);
	if (!rc && kb.nerrors) {
		for (size_t i = 0; i < kb.ndiags; i++)
			fprintf(stderr, "%s\n", kb.diags[i].msg);
		rc = -1;
	}
	db_path = xasprintf("%s/content.db", tmpdir);
	if (!rc && store_build(&kb, db_path, &err)) {
		fprintf(stderr, "%s\n", err.msg);
		rc = -1;
	}
	kb_release(&kb);
	free(dir);
	return rc;
}

static int teardown(void **state)
{
	(void)state;
	unlink(db_path);
	rmdir(tmpdir);
	free(db_path);
	return 0;
}

struct fx {
	struct bagu_store *st;
	struct search *s;
};

static void fx_open(struct fx *f)
{
	struct bagu_err err;
	assert_int_equal(store_open(&f->st, db_path, &err), 0);
	assert_int_equal(search_open(&f->s, f->st, &err), 0);
}

static void fx_close(struct fx *f)
{
	search_free(f->s);
	store_free(f->st);
}

/* Runs query and returns the id of hit k (or "" when fewer hits). */
static const char *top(struct fx *f, const char *query, const struct search_opts *o, struct search_results *r)
{
	struct bagu_err err;
	assert_int_equal(search_run(f->s, query, o, r, &err), 0);
	return r->nhits ? r->hits[0].id : "";
}

static void expect_top(struct fx *f, const char *query, const char *id)
{
	struct search_results r;
	const char *got = top(f, query, NULL, &r);
	if (strcmp(got, id))
		fail_msg("query '%s': top hit '%s', want '%s'", query, got, id);
	search_results_release(&r);
}

static void test_queries(void **state)
{
	(void)state;
	struct fx f;
	fx_open(&f);
	expect_top(&f, "切片", "go.slice.growth");          /* 2-character word */
	expect_top(&f, "扩容", "go.slice.growth");
	expect_top(&f, "擴容", "go.slice.growth");          /* traditional, via the lexicon */
	expect_top(&f, "slice growth", "go.slice.growth");  /* English */
	expect_top(&f, "growslice", "go.slice.growth");     /* identifier inside `runtime.growslice` */
	expect_top(&f, "runtime.growslice", "go.slice.growth");
	expect_top(&f, "協程泄露", "go.leak.goroutine");     /* traditional + variant spelling */
	expect_top(&f, "goroutine leak", "go.leak.goroutine");
	expect_top(&f, "sync.Pool", "go.syncpool.pool");
	expect_top(&f, "对象池", "go.syncpool.pool");        /* synonym of sync.Pool */
	expect_top(&f, "Pool", "go.syncpool.pool");          /* part of a dotted name */
	expect_top(&f, "WaitGroup", "go.syncpool.pool");
	expect_top(&f, "group", "go.syncpool.pool");         /* camelCase part */
	expect_top(&f, "TIME_WAIT", "net.tcp.time-wait");
	expect_top(&f, "time_wait", "net.tcp.time-wait");
	expect_top(&f, "2MSL", "net.tcp.time-wait");
	expect_top(&f, "池", "go.syncpool.pool");            /* 1 character */
	expect_top(&f, "go.slice.growth", "go.slice.growth"); /* exact id */
	expect_top(&f, "slice 的扩容机制是什么", "go.slice.growth"); /* exact title */
	/* G, M and P of the scheduler are terms; "要有" is not (issue 16) */
	struct search_results r;
	struct search_query q;
	struct bagu_err err;
	assert_int_equal(search_parse(f.s, "为什么要有P", &q, &err), 0);
	assert_int_equal(q.ngroups, 1);
	assert_string_equal(q.groups[0].text, "P");
	assert_true(q.groups[0].ident);
	search_query_release(&q);
	/* nothing matches the words as typed: their stems do, and the results say so */
	assert_string_equal(top(&f, "goroutines leaking", NULL, &r), "go.leak.goroutine");
	assert_true(r.loose);
	search_results_release(&r);
	assert_int_equal(search_parse(f.s, "goroutines leaking", &q, &err), 0);
	struct search_query lq;
	assert_int_equal(search_loosen(&q, &lq), 0);
	assert_string_equal(lq.match, "(\"goroutin\" *) OR (\"leak\" *)");
	search_query_release(&lq);
	search_query_release(&q);
	struct search_opts exact = {NULL, NULL, 0, true};
	assert_string_equal(top(&f, "goroutines leaking", &exact, &r), "");
	assert_false(r.loose);
	search_results_release(&r);
	/* nothing */
	assert_string_equal(top(&f, "量子纠缠", NULL, &r), "");
	assert_int_equal(r.total, 0);
	assert_true(r.ngroups > 0);
	search_results_release(&r);
	assert_string_equal(top(&f, "什么 的 吗 how", NULL, &r), "");
	assert_int_equal(r.ngroups, 0);
	search_results_release(&r);
	fx_close(&f);
}

static void test_ranking_and_filters(void **state)
{
	(void)state;
	struct fx f;
	fx_open(&f);
	struct search_results r;
	/* "连接池" appears in two answers; the filter keeps one */
	top(&f, "连接池", NULL, &r);
	assert_int_equal(r.total, 2);
	assert_true(r.hits[0].score >= r.hits[1].score);
	search_results_release(&r);
	struct search_opts o = {"net", NULL, 0, false};
	assert_string_equal(top(&f, "连接池", &o, &r), "net.tcp.time-wait");
	assert_int_equal(r.total, 1);
	search_results_release(&r);
	o = (struct search_opts){NULL, "高级", 0, false};
	assert_string_equal(top(&f, "连接池", &o, &r), "go.syncpool.pool");
	assert_int_equal(r.total, 1);
	search_results_release(&r);
	o = (struct search_opts){"go.leak", NULL, 0, true}; /* exact: no looser retry */
	top(&f, "连接池", &o, &r);
	assert_int_equal(r.total, 0);
	search_results_release(&r);
	/* limit */
	o = (struct search_opts){NULL, NULL, 1, false};
	top(&f, "的", &o, &r); /* a stop word only */
	assert_int_equal(r.nhits, 0);
	search_results_release(&r);
	top(&f, "复用", &o, &r);
	assert_int_equal(r.nhits, 1);
	assert_int_equal(r.total, 2);
	search_results_release(&r);
	/* rows matching every term first: both answers mention 复用, one also GC */
	top(&f, "复用 GC", NULL, &r);
	assert_string_equal(r.hits[0].id, "go.syncpool.pool");
	assert_true(r.hits[0].score > r.hits[1].score);
	search_results_release(&r);
	fx_close(&f);
}

/* Every highlighted span must be exactly one of the strings in want (ASCII case-folded). */
static void expect_spans(struct fx *f, const char *query, const char *const *want, size_t nwant)
{
	struct search_results r;
	top(f, query, NULL, &r);
	assert_true(r.nhits > 0);
	const struct search_hit *h = &r.hits[0];
	if (!h->nspans)
		fail_msg("query '%s': no highlight in '%s'", query, h->snippet);
	for (size_t k = 0; k < h->nspans; k++) {
		assert_true(h->spans[k].start < h->spans[k].end);
		assert_true(h->spans[k].end <= strlen(h->snippet));
		char *got = search_fold(h->snippet + h->spans[k].start, h->spans[k].end - h->spans[k].start);
		bool ok = false;
		for (size_t i = 0; i < nwant; i++)
			ok |= !strcmp(got, want[i]);
		if (!ok)
			fail_msg("query '%s': highlighted '%s' in '%s'", query, got, h->snippet);
		free(got);
	}
	assert_null(strchr(h->snippet, '\n'));
	search_results_release(&r);
}

static void test_snippets(void **state)
{
	(void)state;
	struct fx f;
	fx_open(&f);
	static const char *const a[] = {"底层数组"};
	expect_spans(&f, "底层数组", a, 1);
	static const char *const b[] = {"sync.pool", "对象池", "object pool", "對象池"};
	expect_spans(&f, "sync.Pool", b, 4);
	/* a camelCase part (Goroutine in NumGoroutine) highlights its whole word */
	static const char *const c[] = {"泄漏", "泄露", "洩漏", "leak", "goroutine", "协程", "協程", "go程", "numgoroutine"};
	expect_spans(&f, "协程泄露", c, 9);
	static const char *const d[] = {"池"};
	expect_spans(&f, "池", d, 1);
	static const char *const e[] = {"端口耗尽"};
	expect_spans(&f, "端口耗尽", e, 1);
	fx_close(&f);
}

static void test_parse(void **state)
{
	(void)state;
	struct fx f;
	fx_open(&f);
	struct search_query q;
	struct bagu_err err;
	/* longest lexicon match, aliases of the concept, stop words dropped */
	assert_int_equal(search_parse(f.s, "協程 的 逃逸分析 是什么？", &q, &err), 0);
	assert_int_equal(q.ngroups, 3);
	assert_int_equal(q.groups[0].parent, -1);
	assert_string_equal(q.groups[0].text, "協程");
	assert_string_equal(q.groups[0].phrases[0], "協程");
	bool has_goroutine = false;
	for (size_t i = 0; i < q.groups[0].nphrases; i++)
		has_goroutine |= !strcmp(q.groups[0].phrases[i], "goroutine");
	assert_true(has_goroutine);
	assert_string_equal(q.groups[1].text, "逃逸分析");
	assert_non_null(strstr(q.match, "\"escape analysis\""));
	/* a compound's parts are groups under it (逃逸 is already one of its phrases) */
	assert_string_equal(q.groups[2].text, "分析");
	assert_int_equal(q.groups[2].parent, 1);
	assert_string_equal(q.rankspec, "-1,-1,1|0,1;0,0.8;0,0.8;0,0.8;1,1;1,0.8;1,0.8;2,1");
	search_query_release(&q);
	/* ASCII aliases only at word boundaries: "goroutines" is not "goroutine" */
	assert_int_equal(search_parse(f.s, "goroutines", &q, &err), 0);
	assert_int_equal(q.ngroups, 1);
	assert_int_equal(q.groups[0].nphrases, 1);
	search_query_release(&q);
	/* identifiers stay whole; quotes in the query cannot break the expression */
	assert_int_equal(search_parse(f.s, "sync.Pool \"x\" OR y*", &q, &err), 0);
	assert_int_equal(q.ngroups, 2); /* OR in capitals is a keyword (SQL), quoted like any term */
	assert_true(q.groups[0].ident);
	assert_non_null(strstr(q.match, ") OR (\"OR\")"));
	search_query_release(&q);
	/* a stop word in capitals is kept: EXPLAIN, IN (SQL); in lower case it is dropped */
	assert_int_equal(search_parse(f.s, "EXPLAIN", &q, &err), 0);
	assert_int_equal(q.ngroups, 1);
	search_query_release(&q);
	assert_int_equal(search_parse(f.s, "explain", &q, &err), 0);
	assert_int_equal(q.ngroups, 0);
	search_query_release(&q);
	assert_int_equal(search_parse(f.s, "ab\"cd NEAR(", &q, &err), 0);
	assert_int_equal(q.ngroups, 3);
	assert_string_equal(q.match, "(\"ab\") OR (\"cd\") OR (\"NEAR\")");
	search_query_release(&q);
	struct search_results r;
	assert_int_equal(search_run(f.s, "a\"b\"c NEAR( ) :", NULL, &r, &err), 0);
	search_results_release(&r);
	/* long CJK runs the lexicon does not know are cut into 2-character terms */
	assert_int_equal(search_parse(f.s, "主动关闭连接", &q, &err), 0);
	assert_int_equal(q.ngroups, 3);
	assert_string_equal(q.groups[2].text, "连接");
	search_query_release(&q);
	/* hostile input */
	char big[SEARCH_MAX_QUERY_BYTES + 2];
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_int_equal(search_parse(f.s, big, &q, &err), -1);
	assert_non_null(strstr(err.msg, "longer than"));
	assert_int_equal(search_parse(f.s, "\xff\xfe", &q, &err), -1);
	/* many terms are capped */
	struct strbuf many = STRBUF_INIT;
	for (int i = 0; i < 40; i++)
		strbuf_addf(&many, "w%02d ", i);
	assert_int_equal(search_parse(f.s, many.buf, &q, &err), 0);
	assert_int_equal(q.ngroups, SEARCH_MAX_GROUPS);
	search_query_release(&q);
	strbuf_release(&many);
	fx_close(&f);
}

static void test_suggest(void **state)
{
	(void)state;
	struct fx f;
	fx_open(&f);
	char *s = search_suggest(f.s, "goroutnie", NULL);
	assert_non_null(s);
	assert_string_equal(s, "goroutine");
	free(s);
	s = search_suggest(f.s, "goroutine leek", NULL); /* one term corrected */
	assert_non_null(s);
	assert_string_equal(s, "goroutine leak");
	free(s);
	s = search_suggest(f.s, "objcet pool", NULL); /* a multi-word alias */
	assert_non_null(s);
	assert_string_equal(s, "object pool");
	free(s);
	/* an alias whose concept has no answer here is not suggested */
	s = search_suggest(f.s, "escape analysys", NULL);
	assert_null(s);
	free(s);
	assert_null(search_suggest(f.s, "量子纠缠", NULL));
	fx_close(&f);
}

static void test_missing_index(void **state)
{
	(void)state;
	/* a database without search_fts is refused with a rebuild message */
	char *path = xasprintf("%s/plain.db", tmpdir);
	sqlite3 *db;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "CREATE TABLE lexicon(concept, alias, ord); PRAGMA user_version = 2;", NULL,
				      NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(db);
	struct bagu_store *st;
	struct search *s;
	struct bagu_err err;
	assert_int_equal(store_open(&st, path, &err), 0);
	assert_int_equal(search_open(&s, st, &err), -1);
	assert_non_null(strstr(err.msg, "rebuild"));
	store_free(st);
	unlink(path);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tokenizer_cjk),
		cmocka_unit_test(test_tokenizer_identifiers),
		cmocka_unit_test(test_md_split),
		cmocka_unit_test(test_queries),
		cmocka_unit_test(test_ranking_and_filters),
		cmocka_unit_test(test_snippets),
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_suggest),
		cmocka_unit_test(test_missing_index),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
