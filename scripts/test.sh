#!/usr/bin/env bash
# scripts/test.sh — every test, as `make test` runs it:
#   1. the normal build and its CTest suite (unit, CLI, end-to-end);
#   2. the same suite built with AddressSanitizer + UndefinedBehaviorSanitizer;
#   3. the answer examples: Go with Go 1.27, SQL against a private MariaDB server
#      (bagu check --examples).
# Ends with one line "tests: N passed, M failed" and exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)
passed=0 failed=0
log=$(mktemp -d)

suite() { # name builddir cmake-args...
	local name=$1 dir=$2; shift 2
	echo "== $name"
	if ! cmake -S . -B "$dir" "$@" >"$log/$name.cmake" 2>&1 || ! cmake --build "$dir" -j"$jobs" >"$log/$name.build" 2>&1; then
		cat "$log/$name.cmake" "$log/$name.build" | grep -E "error|Error" | head -40
		echo "$name: build failed"
		failed=$((failed + 1))
		return
	fi
	(cd "$dir" && ctest -j"$jobs" --output-on-failure --timeout 900) >"$log/$name.ctest" 2>&1
	grep -E "^ *[0-9]+/[0-9]+ Test|tests passed|Failed|\*\*\*" "$log/$name.ctest" | sed 's/^/  /'
	local summary
	summary=$(grep -E "tests passed, [0-9]+ tests failed out of [0-9]+" "$log/$name.ctest" | tail -1)
	if [ -z "$summary" ]; then
		echo "$name: ctest produced no summary"; cat "$log/$name.ctest" | tail -30
		failed=$((failed + 1)); return
	fi
	local f t
	f=$(sed -E 's/.* ([0-9]+) tests failed out of ([0-9]+).*/\1/' <<<"$summary")
	t=$(sed -E 's/.* ([0-9]+) tests failed out of ([0-9]+).*/\2/' <<<"$summary")
	passed=$((passed + t - f)); failed=$((failed + f))
	[ "$f" -eq 0 ] || sed -n '/The following tests FAILED/,$p' "$log/$name.ctest"
}

suite default build -DCMAKE_BUILD_TYPE=RelWithDebInfo
# tests/lsan.supp: leaks inside Graphviz and fontconfig only (see the file); full unwinding
# (fast_unwind_on_malloc=0) so its suppressions match named Graphviz frames
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:fast_unwind_on_malloc=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp suite asan build-asan -DCMAKE_BUILD_TYPE=Debug -DBAGU_SANITIZE=ON

echo "== examples"
if [ -x build/bagu ]; then
	out=$(./build/bagu check --examples --quiet content 2>&1); rc=$?
	printf '%s\n' "$out" | grep -vE '^(ok:|content:)' | sed 's/^/  /' | tail -60
	line=$(grep -E "^examples \(" <<<"$out" | tail -1)
	if [ -n "$line" ]; then
		p=$(sed -E 's/.*: ([0-9]+) passed.*/\1/' <<<"$line"); f=$(sed -E 's/.* ([0-9]+) failed.*/\1/' <<<"$line")
		passed=$((passed + p)); failed=$((failed + f))
	fi
	sline=$(grep -E "^sql examples \(" <<<"$out" | tail -1)
	sf=0
	if [ -n "$sline" ]; then
		sp=$(sed -E 's/.*: ([0-9]+) passed.*/\1/' <<<"$sline"); sf=$(sed -E 's/.* ([0-9]+) failed.*/\1/' <<<"$sline")
		passed=$((passed + sp)); failed=$((failed + sf))
	fi
	[ $rc -eq 0 ] || { [ -n "$line" ] && [ $(( ${f:-0} + sf )) -gt 0 ]; } || failed=$((failed + 1))
else
	echo "  no build/bagu"; failed=$((failed + 1))
fi
rm -rf "$log"
echo "tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
