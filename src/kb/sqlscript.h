/*
 * sqlscript — the text of a checked ```sql example (docs/content-format.md, "Checked SQL
 * examples") parsed into steps, without any server: statements with the session that
 * sends them, whether they are expected to block, and the expectations on their result.
 *
 * Grammar, line by line (leading/trailing white space ignored):
 *   -- [X]                 switch to session X ([A-Za-z0-9_], 1-16 characters), alone on
 *                          its line (inside an output block `-- [1, 2] | x` is a row)
 *   -- Output:             the result set follows as `-- ` lines: column names, then rows,
 *                          cells separated by `|`; `-- Output: (empty)` for no rows
 *   -- Error: N [text]     the statement fails with server error N
 *   -- Affected: N         the statement changes N rows
 *   -- Check: C; C...      C is name=value, name~text, name<N or name>N, on row 1;
 *   -- Check row K: ...    ... on row K
 *   -- anything else       a comment
 *   DELIMITER xx           statements end with xx instead of ';' (as in the mysql client)
 *   other lines            SQL; a statement ends with a line whose text ends with the
 *                          delimiter, optionally followed by `-- blocks` (sent without
 *                          waiting; must still run 300 ms later) or another `-- comment`
 * Expectations belong to the statement before them; right after the `-- [X]` line that
 * returns to a session whose statement blocked, they belong to that statement.
 *
 * Limits: SQL_MAX_SCRIPT bytes of text, SQL_MAX_STEPS statements, SQL_MAX_SESSIONS
 * sessions, SQL_MAX_ROWS expected rows per statement.
 */
#ifndef BAGU_KB_SQLSCRIPT_H
#define BAGU_KB_SQLSCRIPT_H

#include "util/util.h"

#define SQL_MAX_SCRIPT (64 * 1024)
#define SQL_MAX_STEPS 200
#define SQL_MAX_SESSIONS 8
#define SQL_MAX_ROWS 200

enum sql_check_op { SQL_EQ, SQL_CONTAINS, SQL_LT, SQL_GT };

struct sql_check {
	char *column;
	enum sql_check_op op;
	char *value;
};

struct sql_expect {
	int line; /* 1-based line in the script of the expectation */
	bool has_output, output_empty;
	char **rows; /* with has_output: header then rows, cells still joined by '|' */
	size_t nrows;
	bool has_error;
	unsigned error; /* server error number */
	bool has_affected;
	unsigned long long affected;
	struct {
		size_t row; /* 1-based */
		struct sql_check *checks;
		size_t nchecks;
	} *checks;
	size_t nchecksets, achecksets;
};

struct sql_step {
	int line;    /* 1-based line in the script where the statement starts */
	int session; /* index into sql_script.sessions */
	char *sql;   /* without the delimiter */
	bool blocks;
	int resume_line; /* line of the `-- [X]` that waits for it (blocks only), 0 if none */
	struct sql_expect expect;
};

struct sql_script {
	struct sql_step *steps;
	size_t nsteps, alloc;
	char *sessions[SQL_MAX_SESSIONS];
	size_t nsessions;
	bool checked; /* has at least one expectation */
};

/* Whether text has an expectation line (-- Output:, -- Error:, -- Affected:, -- Check),
 * i.e. is a checked example rather than SQL shown only. */
bool sql_script_has_expectations(const char *text, size_t len);

/* Parses text. On a malformed script returns -1 with *err_line (1-based, 0 if none) and
 * err set to the message (no position in it); the script is then released. */
int sql_script_parse(struct sql_script *s, const char *text, size_t len, int *err_line,
		     struct bagu_err *err) BAGU_MUST_CHECK;
void sql_script_release(struct sql_script *s);

/* Splits a row of an `-- Output:` block into trimmed cells (malloc'd array of malloc'd
 * strings); *n receives their count. */
char **sql_split_row(const char *row, size_t *n);

#endif
