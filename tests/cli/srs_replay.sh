#!/usr/bin/env bash
# srs_replay — `bagu srs replay` (FSRS-6) against ts-fsrs 5.4.2 itself on 1,200 generated
# review histories under nine parameter sets (tests/srs/compare.cjs), then the command's
# contract: output shape, bad lines as FILE:LINE: message with exit 1 and nothing printed
# for later lines, usage errors.
. "$(dirname "$0")/lib.bash"

[ -d "$BAGU_SRC/node_modules/ts-fsrs" ] || { bad "ts-fsrs is not installed (scripts/setup.sh runs npm ci)"; finish; exit 1; }
run env NODE_PATH="$BAGU_SRC/node_modules" node "$BAGU_SRC/tests/srs/compare.cjs" "$BAGU" "${SRS_HISTORIES:-1200}"
echo "$OUT" | head -20
expect_rc 0 "bagu srs replay agrees with ts-fsrs"
expect_out "passed, 0 failed" "every history agrees"

# ---- the output of a known history (values as ts-fsrs 5.4.2 prints them) ----
h="$T_TMP/h.txt"
printf '%s\n' '# a comment' '2026-01-01T10:00:00Z Good' '' '2026-01-01T10:10:00.000Z good' \
	'2026-01-04T09:00:00Z 3' '2026-01-20T09:00:00Z Again' >"$h"
run "$BAGU" srs replay "$h"
expect_rc 0 "replay a known history"
expect_out '{"rating":"Good","state":"Learning","elapsed_days":0,"scheduled_days":0,"due":"2026-01-01T10:10:00.000Z","stability":2.3065,"difficulty":2.11810397}' "first review: learning step 10m"
expect_out '{"rating":"Good","state":"Review","elapsed_days":0,"scheduled_days":2,"due":"2026-01-03T10:10:00.000Z","stability":2.3065,"difficulty":2.11121424}' "graduates to review"
expect_out '"rating":"Again","state":"Relearning","elapsed_days":16,"scheduled_days":0,"due":"2026-01-20T09:10:00.000Z"' "a lapse relearns for 10m"
[ "$(wc -l <<<"$OUT")" -eq 4 ] && ok || bad "want 4 lines, got: $OUT"
run "$BAGU" srs replay - <"$h"
expect_rc 0 "standard input"
run "$BAGU" srs replay --no-short-term --steps none --relearning-steps '' --retention 0.8 "$h"
expect_rc 0 "options"
expect_out '"state":"Review","elapsed_days":0,"scheduled_days":' "no short-term: reviewed in days"

# ---- bad lines ----
bad_line() { # content expected-message
	printf '%s\n' '2026-01-01T10:00:00Z Good' "$1" '2026-03-01T10:00:00Z Good' >"$T_TMP/b.txt"
	run "$BAGU" srs replay "$T_TMP/b.txt"
	expect_rc 1 "bad line: $1"
	expect_err "$T_TMP/b.txt:2: $2" "bad line: $1"
	[ "$(wc -l <<<"$OUT")" -eq 1 ] && ok || bad "bad line '$1': later lines were printed: $OUT"
}
bad_line '2026-01-02T10:00:00Z Meh' "rating must be Again, Hard, Good, Easy or 1-4"
bad_line '2026-01-02 10:00:00 Good' "time is not ISO-8601 UTC"
bad_line '2026-01-02T10:00:00+08:00 Good' "time is not ISO-8601 UTC"
bad_line '2026-02-30T10:00:00Z Good' "time is not ISO-8601 UTC"
bad_line '2025-12-31T10:00:00Z Good' "time goes backwards"
bad_line 'Good' "want \`TIME RATING\`"
bad_line "2026-01-02T10:00:00Z Good $(printf 'x%.0s' {1..300})" "line longer than 256 bytes"

# ---- usage ----
run "$BAGU" srs replay --retention 1.5 "$h"
expect_rc 2 "retention out of range"
expect_err "requested retention must be in (0, 1]" "retention message"
run "$BAGU" srs replay --steps 5x "$h"
expect_rc 2 "bad step"
expect_err "bad step unit in '5x'" "step message"
run "$BAGU" srs replay --w 1,2,3 "$h"
expect_rc 2 "too few weights"
expect_err "FSRS-6 needs 21 weights, got 3" "weights message"
run "$BAGU" srs replay
expect_rc 2 "no file"
run "$BAGU" srs replay "$T_TMP/nosuch"
expect_rc 1 "missing file"
run "$BAGU" srs nosuch
expect_rc 2 "unknown sub-command"
run "$BAGU" srs --help
expect_rc 0 "help"
expect_out "usage: bagu srs replay" "help text"
finish
