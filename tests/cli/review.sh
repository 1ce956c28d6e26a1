#!/usr/bin/env bash
# review — `bagu review` in plain (piped) mode against the fixture content with a fake
# clock and no fuzz: queue order, exact due dates after known grades (the values of
# `bagu srs replay`, i.e. ts-fsrs 5.4.2), the acknowledgement and summary lines, the
# daily new limit, --stats text and JSON, --set, a newer user.db refused, usage errors.
. "$(dirname "$0")/lib.bash"

FIX="$BAGU_SRC/tests/fixtures/content"
DB="$T_TMP/content.db"
run "$BAGU" build --content "$FIX" --out "$DB"
expect_rc 0 "build fixture"
UDB="$XDG_DATA_HOME/bagu/user.db"
R() { "$BAGU" review --db "$DB" --no-fuzz "$@"; }

# ---- day 1: three new cards in roadmap order ----
run R --now 2026-01-01T10:00:00Z <<<$'3\nd\nagain\n\n'
expect_rc 0 "first session"
expect_out "review 2026-01-01T10:00:00.000Z: 0 due, 3 new (0 new today, limit 20)" "header"
expect_out "[1/3] 新 · go.basics.alpha" "roadmap order: alpha first"
expect_out "[2/3] 新 · go.basics.beta" "then beta"
expect_out "[3/3] 新 · go.runtime.gamma" "runtime (prereq basics) last"
expect_out "要点" "key points shown"
expect_out "  - 第一点" "a key point"
expect_out "Beta 的详解。" "d shows 详解"
expect_no_out "Alpha 的详解" "详解 only on request"
expect_out "ok go.basics.alpha Good -> Learning due 2026-01-01T10:10:00.000Z (10m)" "Good: 10m step"
expect_out "ok go.basics.beta Again -> Learning due 2026-01-01T10:01:00.000Z (1m)" "Again: 1m step"
expect_out "ok go.runtime.gamma Good -> Learning due 2026-01-01T10:10:00.000Z (10m)" "empty line = Good"
expect_out "reviewed 3 · again 1 (33%) · next due 2026-01-01T10:01:00.000Z" "summary"
[ "$(sqlite3 "$UDB" 'SELECT count(*) FROM review_log')" = 3 ] && ok || bad "3 log rows"

# ---- 20 minutes later: the learning cards are due, oldest due first ----
run R --now 2026-01-01T10:20:00Z <<<$'good\n3\nq\n'
expect_rc 0 "second session"
expect_out "3 due, 0 new (3 new today, limit 20)" "header: all due"
expect_out "[1/3] 学习中 · go.basics.beta" "oldest due first"
expect_out "ok go.basics.beta Good -> Learning due 2026-01-01T10:30:00.000Z (10m)" "beta: second step"
expect_out "ok go.basics.alpha Good -> Review due 2026-01-03T10:20:00.000Z (2d)" "alpha graduates: 2 days"
expect_out "reviewed 2 · again 0 (0%) · next due 2026-01-01T10:10:00.000Z" "q quits; gamma still due"
[ "$(sqlite3 "$UDB" 'SELECT count(*) FROM review_log')" = 5 ] && ok || bad "5 log rows"

# ---- three days later: alpha (Review) remembered; true retention; no fuzz = exact ----
run R --now 2026-01-04T09:00:00Z --limit 1 <<<easy
expect_rc 0 "third session"
expect_out "[1/1] 学习中 · go.runtime.gamma" "--limit 1 (gamma was due first)"
# the values below are what `bagu srs replay` prints for the same histories
run R --now 2026-01-04T09:00:00Z <<<hard
expect_out "ok go.basics.beta Hard -> Learning due 2026-01-04T09:06:00.000Z (6m)" "beta: Hard, still learning"
run R --now 2026-01-04T09:00:00Z <<<4
expect_out "ok go.basics.alpha Easy -> Review due 2026-01-28T09:00:00.000Z (24d)" "alpha: Easy in Review"
printf '%s\n' '2026-01-01T10:00:00Z Good' '2026-01-01T10:20:00Z Good' '2026-01-04T09:00:00Z Easy' >"$T_TMP/alpha.txt"
want=$("$BAGU" srs replay "$T_TMP/alpha.txt" | tail -1 | jq -r '[.stability, .difficulty, .scheduled_days] | @tsv' | awk '{printf "%.8f|%.8f|%d", $1, $2, $3}')
got=$(sqlite3 "$UDB" "SELECT printf('%.8f|%.8f|%d', stability, difficulty, scheduled_days) FROM cards WHERE question='go.basics.alpha'")
[ "$want" = "$got" ] && ok || bad "stored card = srs replay: want $want, got $got"
run "$BAGU" review --stats --db "$DB" --now 2026-01-04T09:00:00Z
expect_rc 0 "stats"
expect_out "reviews, last 30 days (UTC, to 2026-01-04T09:00:00.000Z): 8 on 2 days (8 in all)" "stats: per day"
expect_out "  2026-01-01     5 " "stats: day 1"
expect_out "true retention: 100.0% (1 of 1 reviews in Review state not rated Again)" "stats: retention"
expect_out "cards: 1 learning, 2 review, 0 relearning, 0 not started" "stats: cards by state"
expect_out "due, next 7 days: 01-04 1 (with overdue), 01-05 0" "stats: forecast"
run "$BAGU" review --stats --json --db "$DB" --now 2026-01-04T09:00:00Z
expect_rc 0 "stats --json"
[ "$(jq -c '[.total_reviews, .retention.rate, .cards.review, (.reviews_per_day|length), (.forecast|length), .reviews_per_day[29].day]' <<<"$OUT")" = '[8,1,2,30,7,"2026-01-04"]' ] && ok || bad "stats json: $OUT"

# ---- the daily new limit; --new and the new_per_day setting ----
export XDG_DATA_HOME="$T_TMP/xdg2"
run R --now 2026-02-01T08:00:00Z --new 1 <<<3
expect_out "0 due, 1 new (0 new today, limit 1)" "--new 1"
run R --now 2026-02-01T08:05:00Z --new 1 </dev/null
expect_out "0 due, 0 new (1 new today, limit 1)" "limit reached today"
expect_out "reviewed 0 · again 0 · next due 2026-02-01T08:10:00.000Z" "summary with nothing reviewed"
run "$BAGU" review --set new_per_day=2 --set retention=0.85
expect_rc 0 "--set"
expect_out "new_per_day = 2" "--set echoes"
run R --now 2026-02-01T08:05:00Z </dev/null
expect_out "0 due, 1 new (1 new today, limit 2)" "new_per_day setting"
run "$BAGU" review --set colour=red
expect_rc 1 "unknown setting"
expect_err "unknown setting 'colour'" "unknown setting message"

# ---- a user.db from a newer bagu is refused, untouched ----
sqlite3 "$T_TMP/new.db" 'CREATE TABLE x(y); PRAGMA user_version=99;'
run "$BAGU" review --db "$DB" --user-db "$T_TMP/new.db" </dev/null
expect_rc 1 "newer user.db"
expect_err "schema version 99 is newer than this bagu's (2)" "newer user.db message"

# ---- usage ----
run "$BAGU" review --help
expect_rc 0 "--help"
expect_out "usage: bagu review" "help text"
run "$BAGU" review --now yesterday
expect_rc 2 "bad --now"
run "$BAGU" review --new -1
expect_rc 2 "bad --new"
run "$BAGU" review --json
expect_rc 2 "--json without --stats"
run "$BAGU" review extra
expect_rc 2 "extra argument"
finish
