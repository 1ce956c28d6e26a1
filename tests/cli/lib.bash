# tests/cli/lib.bash — tiny assertion helpers for CLI tests (sourced, not run).
# Each test script ends with `finish`, which prints "N passed, M failed" and sets the exit code.
set -u
: "${BAGU:?BAGU must point at the bagu binary}"
: "${BAGU_SRC:?BAGU_SRC must point at the repository}"
T_PASS=0 T_FAIL=0
T_TMP=$(mktemp -d)
trap 'rm -rf "$T_TMP"' EXIT
export NO_COLOR=1 XDG_DATA_HOME="$T_TMP/xdg" XDG_CACHE_HOME="$T_TMP/cache"
unset BAGU_DB

ok() { T_PASS=$((T_PASS + 1)); }
bad() { T_FAIL=$((T_FAIL + 1)); echo "FAIL: $*" >&2; }

# run CMD... : runs it, capturing $OUT, $ERR and $RC.
run() {
	OUT=$("$@" 2>"$T_TMP/stderr") && RC=0 || RC=$?
	ERR=$(cat "$T_TMP/stderr")
}
expect_rc() { [ "$RC" -eq "$1" ] && ok || bad "$2: exit $RC, want $1 (stderr: ${ERR:0:300})"; }
expect_out() { grep -qF -- "$1" <<<"$OUT" && ok || bad "$2: stdout lacks '$1' (got: ${OUT:0:300})"; }
expect_err() { grep -qF -- "$1" <<<"$ERR" && ok || bad "$2: stderr lacks '$1' (got: ${ERR:0:300})"; }
expect_no_out() { grep -qF -- "$1" <<<"$OUT" && bad "$2: stdout has '$1'" || ok; }
finish() {
	echo "$T_PASS passed, $T_FAIL failed"
	[ "$T_FAIL" -eq 0 ]
}
