/* Unit tests for kb/sqlscript: the checked SQL example grammar, without a server. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "kb/sqlscript.h"

static int parse(struct sql_script *s, const char *text, int *line, struct bagu_err *err)
{
	return sql_script_parse(s, text, strlen(text), line, err);
}

static void test_steps_and_sessions(void **state)
{
	(void)state;
	struct sql_script s;
	struct bagu_err err;
	int line;
	const char *text = "CREATE TABLE t (id INT);\n"
			   "-- a comment\n"
			   "INSERT INTO t\n  VALUES (1), (2);\n"
			   "-- Affected: 2\n"
			   "-- [B]\n"
			   "BEGIN;\n"
			   "UPDATE t SET id = 3 WHERE id = 1; -- blocks\n"
			   "-- [A]\n"
			   "SELECT id, NULL AS n FROM t ORDER BY id;\n"
			   "-- Output:\n-- id | n\n-- 1  | NULL\n-- 2|NULL\n"
			   "\n"
			   "-- [B]\n"
			   "-- Error: 1205 lock wait\n"
			   "EXPLAIN SELECT * FROM t;\n"
			   "-- Check: type=ALL; Extra~where; rows<10\n"
			   "-- Check row 2: rows>0\n";
	assert_int_equal(parse(&s, text, &line, &err), 0);
	assert_true(s.checked);
	assert_int_equal(s.nsessions, 2);
	assert_string_equal(s.sessions[0], "A");
	assert_string_equal(s.sessions[1], "B");
	assert_int_equal(s.nsteps, 6);
	assert_string_equal(s.steps[1].sql, "INSERT INTO t\nVALUES (1), (2)");
	assert_int_equal(s.steps[1].line, 3);
	assert_true(s.steps[1].expect.has_affected);
	assert_int_equal(s.steps[1].expect.affected, 2);
	assert_int_equal(s.steps[2].session, 1);
	/* the blocked UPDATE: waited for at the second -- [B], which carries its error */
	assert_true(s.steps[3].blocks);
	assert_string_equal(s.steps[3].sql, "UPDATE t SET id = 3 WHERE id = 1");
	assert_int_equal(s.steps[3].resume_line, 16);
	assert_true(s.steps[3].expect.has_error);
	assert_int_equal(s.steps[3].expect.error, 1205);
	assert_int_equal(s.steps[3].expect.line, 17);
	assert_int_equal(s.steps[4].session, 0);
	assert_true(s.steps[4].expect.has_output);
	assert_int_equal(s.steps[4].expect.nrows, 3);
	size_t n;
	char **cells = sql_split_row(s.steps[4].expect.rows[2], &n);
	assert_int_equal(n, 2);
	assert_string_equal(cells[0], "2");
	assert_string_equal(cells[1], "NULL");
	for (size_t i = 0; i < n; i++)
		free(cells[i]);
	free(cells);
	/* EXPLAIN runs in B (the session the script returned to) */
	assert_int_equal(s.steps[5].session, 1);
	assert_int_equal(s.steps[5].expect.nchecksets, 2);
	assert_int_equal(s.steps[5].expect.checks[0].nchecks, 3);
	assert_int_equal(s.steps[5].expect.checks[0].checks[1].op, SQL_CONTAINS);
	assert_string_equal(s.steps[5].expect.checks[0].checks[1].column, "Extra");
	assert_string_equal(s.steps[5].expect.checks[0].checks[1].value, "where");
	assert_int_equal(s.steps[5].expect.checks[1].row, 2);
	assert_int_equal(s.steps[5].expect.checks[1].checks[0].op, SQL_GT);
	sql_script_release(&s);
}

static void test_delimiter_and_unchecked(void **state)
{
	(void)state;
	struct sql_script s;
	struct bagu_err err;
	int line;
	const char *text = "DELIMITER //\n"
			   "CREATE PROCEDURE p()\nBEGIN\n  SELECT 1;\nEND//\n"
			   "DELIMITER ;\n"
			   "CALL p();\n";
	assert_int_equal(parse(&s, text, &line, &err), 0);
	assert_false(s.checked); /* no expectation: shown, not run */
	assert_int_equal(s.nsteps, 2);
	assert_string_equal(s.steps[0].sql, "CREATE PROCEDURE p()\nBEGIN\nSELECT 1;\nEND");
	assert_string_equal(s.steps[1].sql, "CALL p()");
	sql_script_release(&s);
	assert_int_equal(parse(&s, "", &line, &err), 0);
	assert_int_equal(s.nsteps, 0);
	sql_script_release(&s);
}

struct bad_case {
	const char *text;
	int line;
	const char *msg;
};

static void test_errors(void **state)
{
	(void)state;
	static const struct bad_case cases[] = {
		{"-- Output:\n-- x\n", 1, "-- Output: belongs to no statement"},
		{"SELECT 1\n-- Output:\n-- 1\n", 1, "statement does not end with ';'"},
		{"SELECT 1\n", 1, "statement does not end with ';'"},
		{"SELECT 1;\n-- Output: 1\n", 2, "followed by rows"},
		{"SELECT 1;\n-- Error: x\n", 2, "wants a server error number"},
		{"SELECT 1;\n-- Error: 1062\n-- Error: 1062\n", 3, "cannot be combined"},
		{"SELECT 1;\n-- Check: rows\n", 2, "is not name=value"},
		{"SELECT 1;\n-- Check row 0: a=b\n", 2, "wants a row number"},
		{"SELECT 1;\n-- Check: a<b\n", 2, "is not a number"},
		{"-- [A B]\n", 1, "a session name"},
		{"-- [A]\nSELECT 1; -- blocks\nSELECT 2;\n-- [B]\n", 3, "still waiting"},
		{"SELECT 1; -- blocks\n", 1, "never waited for"},
		{";\n", 1, "empty statement"},
		{"DELIMITER a b\n", 1, "DELIMITER wants"},
		{"-- [A]\n-- [B]\n-- [C]\n-- [D]\n-- [E]\n-- [F]\n-- [G]\n-- [H]\n-- [I]\n", 9, "more than 8 sessions"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct sql_script s;
		struct bagu_err err;
		int line;
		assert_int_equal(parse(&s, cases[i].text, &line, &err), -1);
		if (!strstr(err.msg, cases[i].msg) || line != cases[i].line)
			fail_msg("case %zu: got line %d '%s', want line %d '%s'", i, line, err.msg, cases[i].line,
				 cases[i].msg);
	}
}

static void test_limits(void **state)
{
	(void)state;
	struct sql_script s;
	struct bagu_err err;
	int line;
	struct strbuf sb = STRBUF_INIT;
	for (int i = 0; i <= SQL_MAX_STEPS; i++)
		strbuf_addstr(&sb, "SELECT 1;\n");
	assert_int_equal(sql_script_parse(&s, sb.buf, sb.len, &line, &err), -1);
	assert_non_null(strstr(err.msg, "statements"));
	strbuf_reset(&sb);
	while (sb.len <= SQL_MAX_SCRIPT)
		strbuf_addstr(&sb, "-- padding padding padding\n");
	assert_int_equal(sql_script_parse(&s, sb.buf, sb.len, &line, &err), -1);
	assert_non_null(strstr(err.msg, "longer than"));
	assert_int_equal(sql_script_parse(&s, "SELECT 1;\0", 10, &line, &err), -1);
	assert_non_null(strstr(err.msg, "NUL"));
	strbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_steps_and_sessions),
		cmocka_unit_test(test_delimiter_and_unchecked),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_limits),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
