#!/usr/bin/env bash
# sql_examples — checked ```sql blocks and ```go mysql blocks (docs/content-format.md)
# run by `bagu check --examples` against the private MariaDB server it starts itself:
# a two-session script with a lock wait, a blocked statement, DELIMITER, EXPLAIN checks
# and a Go program reaching its database through BAGU_MYSQL_DSN pass; every kind of
# failure is reported as path:line at the failing statement or expectation; malformed
# scripts are content errors of plain `bagu check` (no server needed).
. "$(dirname "$0")/lib.bash"

FX="$BAGU_SRC/tests/fixtures/sql-examples"
Q=questions/go/runtime/sql.md

# ---- the fixture passes ----
run "$BAGU" check --examples --quiet "$FX"
expect_rc 0 "fixture with SQL examples"
expect_out "sql examples (MariaDB 10." "server version in the summary"
expect_out "): 1 passed, 0 failed" "the SQL script passes"
expect_out "examples (go1." "Go summary"
grep -qE '^examples \(go1\.[0-9.]+\): 1 passed, 0 failed' <<<"$OUT" && ok || bad "the go mysql example did not pass: $OUT $ERR"

# ---- failures at run time, one question each, reported with their lines ----
T="$T_TMP/fail"
cp -r "$FX" "$T"
src="$T/$Q"
variant() { # name sed-expression
	sed -e "s/^id: go.runtime.sql/id: go.runtime.$1/" -e "$2" "$src" >"$T/questions/go/runtime/$1.md"
}
variant output 's/^-- 2  | 21$/-- 2  | 22/'
variant errno 's/^-- Error: 1205 Lock wait timeout exceeded$/-- Error: 1213/'
variant noblock 's/^UPDATE t SET v = 21 WHERE id = 2;$/UPDATE t SET v = 21 WHERE id = 2; -- blocks\n-- [A]\n-- [B]/'
variant check 's/^-- Check: type=const; key=PRIMARY; rows<10$/-- Check: type=ALL; key=PRIMARY/'
variant nocol 's/^-- Check: type=const; key=PRIMARY; rows<10$/-- Check: kind=const/'
variant fails 's/^INSERT INTO t VALUES (1, 10), (2, 20), (5, 50);$/INSERT INTO nosuch VALUES (1);/'
rm "$src"
run "$BAGU" check --examples --quiet "$T"
expect_rc 1 "failing SQL examples"
expect_out "): 0 passed, 6 failed" "six failing scripts"
expect_err "output.md:48: sql example output differs" "wrong row: line of the -- Output: block"
expect_err "--- want
id | v
1 | 12
2 | 22" "the wanted table is shown"
expect_err "errno.md:37: sql example error 1205 (Lock wait timeout exceeded; try restarting transaction), want error 1213" "wrong error number"
expect_err "noblock.md:38: sql example statement marked '-- blocks' finished within 300 ms" "a statement that does not block"
expect_err "check.md:54: sql example row 1: type is 'const', want = ALL" "a failed -- Check"
expect_err "nocol.md:54: sql example -- Check: the result has no column 'kind'" "a -- Check on a missing column"
expect_err "fails.md:26: sql example statement failed: error 1146:" "a statement without expectation must succeed"

# ---- malformed scripts: content errors with exact lines, no server ----
M="$T_TMP/malformed"
cp -r "$FX" "$M"
src="$T_TMP/sql.md"
mv "$M/$Q" "$src"
mal() { # name sed-expression expected-message
	sed -e "s/^id: go.runtime.sql/id: go.runtime.$1/" -e "$2" "$src" >"$M/questions/go/runtime/$1.md"
	run "$BAGU" check --quiet "$M"
	expect_rc 1 "malformed: $1"
	expect_err "$1.md:$3" "malformed: $1"
	rm "$M/questions/go/runtime/$1.md"
}
mal nosemi 's/^SELECT NULL AS n;$/SELECT NULL AS n/' "55: sql example: statement does not end with ';'"
mal orphan '42s/^-- \[A\]$/-- Output:/' "42: sql example: -- Output: belongs to no statement"
mal session 's/^-- \[B\]$/-- [B-2]/' "34: sql example: a session name is 1-16 letters, digits or '_' in [ ]"
mal neverwait '43s/^COMMIT;$/COMMIT; -- blocks/' "43: sql example: blocking statement is never waited for: no later -- [A] line"
mal stillblocked '42s/^-- \[A\]$/SELECT 1;\n-- [A]/' "42: sql example: session B sends a statement while its statement marked '-- blocks' is still waiting"
mal badcheck 's/^-- Check: type=const; key=PRIMARY; rows<10$/-- Check: rows<many/' "54: sql example: check on 'rows': 'many' is not a number"
mal twoerr 's/^-- Error: 1205 Lock wait timeout exceeded$/-- Error: 1205\n-- Affected: 0\n-- Error: 1213/' "38: sql example: -- Affected: belongs to no statement, or is given twice"
finish
