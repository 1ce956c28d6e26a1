/*
 * examples — the example checker: runs every checked ```go block of a loaded kb (one
 * ending in an `// Output:` comment) with the Go toolchain and compares its standard
 * output. Blocks whose `//go:build go1.N` asks for a newer Go than the toolchain are
 * skipped and counted. All programs are built in one temporary module (go.mod says
 * the toolchain's own `go 1.N`) with one `go build` so the toolchain compiles them in parallel; a block
 * that fails to build is rebuilt alone to attribute the error.
 *
 * Toolchain: $BAGU_GO, else /usr/lib/go-1.27/bin/go (Debian trixie-backports), else
 * `go` on PATH. Run with GOTOOLCHAIN=local, GOPROXY=off, GOFLAGS=-mod=mod: nothing is
 * downloaded.
 */
#ifndef BAGU_KB_EXAMPLES_H
#define BAGU_KB_EXAMPLES_H

#include "kb/kb.h"

enum ex_status { EX_PASS, EX_FAIL, EX_SKIP };

struct ex_result {
	const struct kb_question *q;
	const struct kb_example *ex; /* NULL for an SQL example */
	int line;                    /* file line: a Go block's fence, an SQL script's failing line */
	bool sql;
	enum ex_status status;
	char *detail; /* why it failed or was skipped; malloc'd */
};

struct ex_report {
	struct ex_result *results;
	size_t n, alloc;
	size_t passed, failed, skipped; /* Go examples */
	char *go_version;               /* e.g. "go1.27.4" */
	size_t sql_passed, sql_failed;  /* SQL examples */
	char *server_version;           /* of the MariaDB server, NULL if none was needed */
};

struct ex_options {
	const char *only_id; /* check only this question (NULL: all) */
	unsigned timeout_s;  /* per program; 0 means 20 */
	bool keep_dir;       /* leave the temporary module for inspection */
};

void ex_report_release(struct ex_report *r);
/* Runs the Go examples and, when the selection has any checked ```sql block or
 * ```go mysql block, starts a private MariaDB server for them (sqlrun.h) and runs the SQL
 * examples too, each in a fresh database. Returns -1 (err set) only when the toolchain
 * or the server cannot be found or started; per-example failures are in the report. */
int kb_check_examples(const struct kb *kb, const struct ex_options *o, struct ex_report *r,
		      struct bagu_err *err) BAGU_MUST_CHECK;
/* Path of the Go toolchain as described above (malloc'd), or NULL. */
char *ex_find_go(void);

#endif
