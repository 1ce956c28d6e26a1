/* Unit tests: practice (user.db schema and migrations, one transaction per grade,
 * settings, roadmap and queue order, statistics). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "practice/practice.h"

static char tmpdir[] = "/tmp/bagu-practice-XXXXXX";
static char *content_path;  /* the fixture content */
static char *content2_path; /* the fixture with go.runtime ordered before its prereq go.basics */
static int64_t T0;          /* 2026-01-01T10:00:00Z */

static char *build_content(const char *name, const char *topics_yaml)
{
	const char *src = getenv("BAGU_SRC");
	char *dir = xasprintf("%s/%s-src", tmpdir, name);
	char *cmd = xasprintf("cp -r '%s/tests/fixtures/content' '%s'", src ? src : ".", dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	struct bagu_err err;
	if (topics_yaml) {
		char *t = xasprintf("%s/topics.yaml", dir);
		assert_int_equal(write_file_atomic(t, topics_yaml, strlen(topics_yaml), &err), 0);
		free(t);
	}
	struct kb kb;
	kb_init(&kb);
	assert_int_equal(kb_load(&kb, dir, &err), 0);
	assert_int_equal(kb.nerrors, 0);
	char *out = xasprintf("%s/%s.db", tmpdir, name);
	assert_int_equal(store_build(&kb, out, &err), 0);
	kb_release(&kb);
	free(dir);
	return out;
}

static struct practice *open_fresh(const char *name)
{
	char *path = xasprintf("%s/%s", tmpdir, name);
	unlink(path);
	struct practice *p;
	struct bagu_err err;
	assert_int_equal(practice_open(&p, path, &err), 0);
	free(path);
	return p;
}

static int count(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	int n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return n;
}

static void params(struct practice *p, struct srs_params *sp)
{
	struct practice_settings s;
	struct bagu_err err;
	assert_int_equal(practice_settings_get(p, &s, &err), 0);
	assert_int_equal(practice_params(&s, false, sp, &err), 0);
}

static void test_schema_and_migrations(void **state)
{
	(void)state;
	struct bagu_err err;
	/* a new file gets the current version */
	struct practice *p = open_fresh("new.db");
	assert_int_equal(count(practice_db(p), "PRAGMA user_version"), PRACTICE_SCHEMA_VERSION);
	assert_int_equal(count(practice_db(p), "SELECT count(*) FROM cards"), 0);
	char *mode = NULL;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(practice_db(p), "PRAGMA journal_mode", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	mode = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	assert_string_equal(mode, "wal");
	free(mode);
	practice_free(p);

	/* version 1 (the first store_user_open schema): reviews move to review_log, notes stay */
	char *v1 = xasprintf("%s/v1.db", tmpdir);
	sqlite3 *db;
	assert_int_equal(sqlite3_open(v1, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db,
				      "CREATE TABLE reviews(question TEXT NOT NULL, reviewed_at INTEGER NOT NULL,"
				      " rating INTEGER NOT NULL, stability REAL, difficulty REAL, due_at INTEGER,"
				      " PRIMARY KEY(question, reviewed_at));"
				      "CREATE TABLE notes(question TEXT PRIMARY KEY, body TEXT NOT NULL,"
				      " updated_at INTEGER NOT NULL);"
				      "INSERT INTO reviews VALUES('go.x', 5, 3, 2.3, 2.1, 99);"
				      "INSERT INTO notes VALUES('go.x', 'my note', 1);"
				      "PRAGMA user_version=1;",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(practice_open(&p, v1, &err), 0);
	assert_int_equal(count(practice_db(p), "PRAGMA user_version"), PRACTICE_SCHEMA_VERSION);
	assert_int_equal(count(practice_db(p), "SELECT count(*) FROM review_log WHERE question='go.x'"
					       " AND reviewed_at=5 AND rating=3 AND due=99 AND state_before IS NULL"),
			 1);
	assert_int_equal(count(practice_db(p), "SELECT count(*) FROM notes"), 1);
	assert_int_equal(count(practice_db(p), "SELECT count(*) FROM sqlite_master WHERE name='reviews'"), 0);
	practice_free(p);
	/* reopening changes nothing */
	assert_int_equal(practice_open(&p, v1, &err), 0);
	assert_int_equal(count(practice_db(p), "SELECT count(*) FROM review_log"), 1);
	practice_free(p);

	/* a newer version is refused and left alone */
	char *v9 = xasprintf("%s/v9.db", tmpdir);
	assert_int_equal(sqlite3_open(v9, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "CREATE TABLE future(x); PRAGMA user_version=9;", NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(practice_open(&p, v9, &err), -1);
	assert_non_null(strstr(err.msg, "schema version 9 is newer"));
	assert_int_equal(sqlite3_open(v9, &db), SQLITE_OK);
	assert_int_equal(count(db, "PRAGMA user_version"), 9);
	assert_int_equal(count(db, "SELECT count(*) FROM sqlite_master WHERE name='cards'"), 0);
	sqlite3_close(db);
	free(v1), free(v9);
}

static void card_equal(const struct srs_card *a, const struct srs_card *b)
{
	assert_int_equal(a->state, b->state);
	assert_int_equal(a->due, b->due);
	assert_int_equal(a->last_review, b->last_review);
	assert_true(a->stability == b->stability);
	assert_true(a->difficulty == b->difficulty);
	assert_int_equal(a->elapsed_days, b->elapsed_days);
	assert_int_equal(a->scheduled_days, b->scheduled_days);
	assert_int_equal(a->reps, b->reps);
	assert_int_equal(a->lapses, b->lapses);
	assert_int_equal(a->learning_steps, b->learning_steps);
}

static void test_grade_is_one_transaction(void **state)
{
	(void)state;
	struct bagu_err err;
	struct practice *p = open_fresh("grade.db");
	struct srs_params sp;
	params(p, &sp);
	struct srs_card c, c2;
	assert_int_equal(practice_card_get(p, "go.basics.alpha", &c, &err), 1);
	assert_int_equal(practice_grade(p, &sp, "go.basics.alpha", T0, SRS_GOOD, &c, &err), 0);
	assert_int_equal(c.state, SRS_LEARNING);
	assert_int_equal(c.due, T0 + 10 * 60000); /* the 10m learning step */
	assert_int_equal(practice_card_get(p, "go.basics.alpha", &c2, &err), 0);
	card_equal(&c, &c2);
	assert_int_equal(count(practice_db(p), "SELECT count(*) FROM review_log WHERE state_before=0 AND"
					       " state_after=1 AND rating=3"),
			 1);
	/* the second grade graduates the card, as `bagu srs replay` does */
	assert_int_equal(practice_grade(p, &sp, "go.basics.alpha", T0 + 10 * 60000, SRS_GOOD, &c, &err), 0);
	assert_int_equal(c.state, SRS_REVIEW);
	assert_int_equal(c.scheduled_days, 2);

	/* a failing log insert rolls the card update back */
	assert_int_equal(sqlite3_exec(practice_db(p),
				      "CREATE TRIGGER boom BEFORE INSERT ON review_log"
				      " BEGIN SELECT RAISE(ABORT, 'boom'); END;",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	assert_int_equal(practice_grade(p, &sp, "go.basics.alpha", T0 + SRS_DAY_MS * 3, SRS_AGAIN, NULL, &err), -1);
	assert_non_null(strstr(err.msg, "boom"));
	assert_int_equal(practice_card_get(p, "go.basics.alpha", &c2, &err), 0);
	card_equal(&c, &c2); /* unchanged */
	assert_int_equal(count(practice_db(p), "SELECT count(*) FROM review_log"), 2);
	assert_int_equal(practice_grade(p, &sp, "go.basics.beta", T0, SRS_GOOD, NULL, &err), -1);
	assert_int_equal(practice_card_get(p, "go.basics.beta", &c2, &err), 1); /* no card either */
	/* and the connection is usable afterwards */
	assert_int_equal(sqlite3_exec(practice_db(p), "DROP TRIGGER boom", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(practice_grade(p, &sp, "go.basics.beta", T0, SRS_EASY, NULL, &err), 0);
	assert_int_equal(count(practice_db(p), "SELECT count(*) FROM review_log"), 3);
	/* a time before the last review is refused without writing */
	assert_int_equal(practice_grade(p, &sp, "go.basics.beta", T0 - 1000, SRS_GOOD, NULL, &err), -1);
	assert_int_equal(count(practice_db(p), "SELECT count(*) FROM review_log"), 3);
	practice_free(p);
}

static void test_settings(void **state)
{
	(void)state;
	struct bagu_err err;
	struct practice *p = open_fresh("settings.db");
	struct practice_settings s;
	assert_int_equal(practice_settings_get(p, &s, &err), 0);
	assert_true(s.retention == 0.9);
	assert_int_equal(s.new_per_day, 20);
	assert_string_equal(s.steps, "1m,10m");
	assert_int_equal(practice_setting_set(p, "retention", "0.85", &err), 0);
	assert_int_equal(practice_setting_set(p, "new_per_day", "5", &err), 0);
	assert_int_equal(practice_setting_set(p, "steps", "5m", &err), 0);
	assert_int_equal(practice_setting_set(p, "retention", "1.5", &err), -1);
	assert_int_equal(practice_setting_set(p, "colour", "red", &err), -1);
	assert_non_null(strstr(err.msg, "unknown setting"));
	assert_int_equal(practice_settings_get(p, &s, &err), 0);
	assert_true(s.retention == 0.85);
	assert_int_equal(s.new_per_day, 5);
	struct srs_params sp;
	assert_int_equal(practice_params(&s, true, &sp, &err), 0);
	assert_int_equal(sp.nlearning, 1);
	assert_int_equal(sp.learning[0], 5);
	assert_true(sp.fuzz);
	practice_free(p);
}

static void ids_expect(char **ids, size_t n, const char *const *want, size_t nwant)
{
	assert_int_equal(n, nwant);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(ids[i], want[i]);
}

static void test_roadmap_and_queue(void **state)
{
	(void)state;
	struct bagu_err err;
	struct bagu_store *cs;
	char **ids;
	size_t n;
	/* a prereq listed later in ord comes first; within a topic: level, then -freq */
	assert_int_equal(store_open(&cs, content2_path, &err), 0);
	assert_int_equal(practice_roadmap(cs, &ids, &n, &err), 0);
	static const char *const want[] = {"go.basics.alpha", "go.basics.beta", "go.runtime.gamma"};
	ids_expect(ids, n, want, 3);
	practice_ids_free(ids, n);
	store_free(cs);

	assert_int_equal(store_open(&cs, content_path, &err), 0);
	struct practice *p = open_fresh("queue.db");
	struct srs_params sp;
	params(p, &sp);
	struct practice_queue q;
	/* nothing reviewed: new cards in roadmap order, up to the limit */
	assert_int_equal(practice_queue_build(p, cs, T0, 2, 0, &q, &err), 0);
	assert_int_equal(q.ndue, 0);
	assert_int_equal(q.nnew, 2);
	assert_string_equal(q.items[0].id, "go.basics.alpha");
	assert_true(q.items[0].is_new);
	assert_string_equal(q.items[1].id, "go.basics.beta");
	practice_queue_release(&q);
	/* grade gamma then alpha (Again: due in 1m, 10m ...): due ones first, oldest first */
	assert_int_equal(practice_grade(p, &sp, "go.runtime.gamma", T0, SRS_AGAIN, NULL, &err), 0);
	assert_int_equal(practice_grade(p, &sp, "go.basics.alpha", T0 + 1000, SRS_AGAIN, NULL, &err), 0);
	/* a card of a question that is not in content: kept, never scheduled */
	assert_int_equal(practice_grade(p, &sp, "go.gone", T0, SRS_AGAIN, NULL, &err), 0);
	int64_t later = T0 + 3600000;
	assert_int_equal(practice_queue_build(p, cs, later, 20, 0, &q, &err), 0);
	assert_int_equal(q.ndue, 2);
	assert_string_equal(q.items[0].id, "go.runtime.gamma");
	assert_false(q.items[0].is_new);
	assert_int_equal(q.items[0].card.state, SRS_LEARNING);
	assert_string_equal(q.items[1].id, "go.basics.alpha");
	assert_int_equal(q.new_today, 3); /* gamma, alpha and go.gone were new today */
	assert_int_equal(q.nnew, 1);
	assert_string_equal(q.items[2].id, "go.basics.beta");
	practice_queue_release(&q);
	/* the daily new limit counts today's new cards */
	assert_int_equal(practice_queue_build(p, cs, later, 3, 0, &q, &err), 0);
	assert_int_equal(q.nnew, 0);
	practice_queue_release(&q);
	/* the next day the budget is back; --limit caps the whole queue */
	assert_int_equal(practice_queue_build(p, cs, T0 + SRS_DAY_MS, 3, 1, &q, &err), 0);
	assert_int_equal(q.n, 1);
	assert_int_equal(q.new_today, 0);
	practice_queue_release(&q);
	/* not yet due: not in the queue */
	assert_int_equal(practice_queue_build(p, cs, T0 + 1000, 0, 0, &q, &err), 0);
	assert_int_equal(q.n, 0);
	practice_queue_release(&q);

	struct practice_stats s;
	assert_int_equal(practice_stats(p, NULL, later, &s, &err), 0);
	assert_int_equal(s.per_day[PRACTICE_STATS_DAYS - 1], 3);
	assert_int_equal(s.total_reviews, 3);
	assert_int_equal(s.cards[SRS_LEARNING], 3);
	assert_int_equal(s.forecast[0], 3);
	assert_int_equal(s.review_reviews, 0);
	assert_int_equal(s.not_started, -1);
	/* with content: go.gone's card is history only */
	assert_int_equal(practice_stats(p, cs, later, &s, &err), 0);
	assert_int_equal(s.total_reviews, 3);
	assert_int_equal(s.cards[SRS_LEARNING], 2);
	assert_int_equal(s.forecast[0], 2);
	assert_int_equal(s.not_started, 1);
	practice_free(p);
	store_free(cs);
}

static int setup(void **state)
{
	(void)state;
	if (!mkdtemp(tmpdir))
		return -1;
	assert_int_equal(srs_time_parse("2026-01-01T10:00:00Z", &T0), 0);
	content_path = build_content("content", NULL);
	content2_path = build_content("content2",
				      "topics:\n"
				      "  - {id: go, zh: Go 语言, en: Go language, stage: 新手}\n"
				      "  - {id: go.runtime, zh: 运行时, en: Runtime, parent: go, stage: 高级, prereq: [go.basics]}\n"
				      "  - {id: go.basics, zh: 基础, en: Basics, parent: go, stage: 新手}\n");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	free(content_path);
	free(content2_path);
	char *cmd = xasprintf("rm -rf '%s'", tmpdir);
	int rc = system(cmd);
	free(cmd);
	return rc;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_schema_and_migrations),
		cmocka_unit_test(test_grade_is_one_transaction),
		cmocka_unit_test(test_settings),
		cmocka_unit_test(test_roadmap_and_queue),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
