/* Unit tests: store (content.db build/open/list/get, user db, connection hooks). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store.h"

static char tmpdir[] = "/tmp/bagu-store-XXXXXX";
static int hook_calls;

static int count_hook(sqlite3 *db, struct bagu_err *err)
{
	(void)db, (void)err;
	hook_calls++;
	return 0;
}

static void build_fixture(char **db_path)
{
	const char *src = getenv("BAGU_SRC");
	char *dir = xasprintf("%s/tests/fixtures/content", src ? src : ".");
	struct kb kb;
	struct bagu_err err;
	kb_init(&kb);
	assert_int_equal(kb_load(&kb, dir, &err), 0);
	assert_int_equal(kb.nerrors, 0);
	*db_path = xasprintf("%s/content.db", tmpdir);
	assert_int_equal(store_build(&kb, *db_path, &err), 0);
	kb_release(&kb);
	free(dir);
}

static void test_build_and_query(void **state)
{
	(void)state;
	char *path;
	store_add_conn_hook(count_hook);
	hook_calls = 0;
	build_fixture(&path);
	assert_int_equal(hook_calls, 1);
	struct bagu_store *st;
	struct bagu_err err;
	assert_int_equal(store_open(&st, path, &err), 0);
	assert_int_equal(hook_calls, 2);

	struct store_question *qs;
	size_t n;
	assert_int_equal(store_list(st, NULL, NULL, &qs, &n, &err), 0);
	assert_int_equal(n, 3);
	assert_string_equal(qs[0].id, "go.basics.alpha"); /* topic order, then level */
	assert_string_equal(qs[0].seed_json, "[1,2]");
	assert_string_equal(qs[2].id, "go.runtime.gamma");
	store_questions_free(qs, n);
	assert_int_equal(store_list(st, "go.runtime", NULL, &qs, &n, &err), 0);
	assert_int_equal(n, 1);
	store_questions_free(qs, n);
	assert_int_equal(store_list(st, "go", "进阶", &qs, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(qs[0].id, "go.basics.beta");
	store_questions_free(qs, n);

	struct store_question q;
	assert_int_equal(store_get(st, "2", &q, &err), 0);
	assert_string_equal(q.id, "go.basics.alpha"); /* primary claim beats seed_also */
	assert_non_null(strstr(q.html[KB_DETAIL], "<pre lang=\"go\">"));
	assert_null(q.md[KB_EXAMPLE]);
	store_question_release(&q);
	assert_int_equal(store_get(st, "go.basics.beta", &q, &err), 0);
	assert_string_equal(q.go, "1.24+");
	assert_non_null(q.md[KB_EXAMPLE]);
	store_question_release(&q);
	assert_int_equal(store_get(st, "nope", &q, &err), 1);
	assert_non_null(strstr(err.msg, "no question"));

	struct store_stats s;
	assert_int_equal(store_stats(st, &s, &err), 0);
	assert_int_equal(s.questions, 3);
	assert_int_equal(s.seeds_answered, 3);
	assert_int_equal(s.examples_checked, 2);
	struct store_topic *ts;
	assert_int_equal(store_topics(st, &ts, &n, &err), 0);
	assert_int_equal(n, 3);
	assert_string_equal(ts[2].prereq_json, "[\"go.basics\"]");
	assert_int_equal(ts[1].nquestions, 2);
	store_topics_free(ts, n);
	store_free(st);
	unlink(path);
	free(path);
}

static void test_open_errors(void **state)
{
	(void)state;
	struct bagu_store *st;
	struct bagu_err err;
	assert_int_equal(store_open(&st, "/nonexistent/content.db", &err), -1);
	assert_non_null(strstr(err.msg, "no content database"));
	char *p = xasprintf("%s/garbage.db", tmpdir);
	assert_int_equal(write_file_atomic(p, "not sqlite at all, definitely not", 33, &err), 0);
	assert_int_equal(store_open(&st, p, &err), -1);
	unlink(p);
	free(p);
}

static void test_build_refuses_errors(void **state)
{
	(void)state;
	struct kb kb;
	struct bagu_err err;
	kb_init(&kb);
	kb_diag(&kb, false, "x.md", 3, "broken");
	char *p = xasprintf("%s/never.db", tmpdir);
	assert_int_equal(store_build(&kb, p, &err), -1);
	assert_false(path_exists(p));
	kb_release(&kb);
	free(p);
}

static void test_user_db(void **state)
{
	(void)state;
	char *xdg = xasprintf("%s/xdg", tmpdir);
	setenv("XDG_DATA_HOME", xdg, 1);
	char *path = store_user_path();
	char *want = xasprintf("%s/bagu/user.db", xdg);
	assert_string_equal(path, want);
	sqlite3 *db;
	struct bagu_err err;
	assert_int_equal(store_user_open(&db, &err), 0);
	assert_true(path_exists(path));
	assert_int_equal(sqlite3_exec(db, "CREATE TABLE notes(question TEXT, body TEXT, t INTEGER)", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "INSERT INTO notes VALUES('go.x','n',1)", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(store_user_open(&db, &err), 0); /* reopening keeps data */
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(*) FROM notes", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 1);
	sqlite3_finalize(st);
	/* no content tables in the user database */
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT * FROM questions", -1, &st, NULL), SQLITE_ERROR);
	sqlite3_close(db);
	free(path), free(want), free(xdg);
}

static int setup(void **state)
{
	(void)state;
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	char *cmd = xasprintf("rm -rf '%s'", tmpdir);
	int rc = system(cmd);
	free(cmd);
	return rc;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_build_and_query),
		cmocka_unit_test(test_open_errors),
		cmocka_unit_test(test_build_refuses_errors),
		cmocka_unit_test(test_user_db),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
