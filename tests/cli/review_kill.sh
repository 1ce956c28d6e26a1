#!/usr/bin/env bash
# review_kill — nothing acknowledged is lost: `bagu review` is driven from a pipe through
# many grades and killed with SIGKILL mid-way; every grade it acknowledged (an `ok` line is
# printed only after the grade's transaction commits) must be in user.db, in order, with at
# most the one grade whose commit raced the kill besides, and the database must pass
# PRAGMA integrity_check. Uses the real bank (132+ questions) for many cards.
. "$(dirname "$0")/lib.bash"

DB="${BAGU_BUILD:-$BAGU_SRC/build}/content.db"
if [ ! -f "$DB" ]; then
	DB="$T_TMP/content.db"
	"$BAGU" build --content "$BAGU_SRC/content" --out "$DB" >/dev/null || { bad "build content"; finish; exit 1; }
fi
N=$(sqlite3 "$DB" 'SELECT count(*) FROM questions')
[ "$N" -ge 60 ] && ok || bad "want at least 60 questions, have $N"

grades() { # COUNT: a repeatable mix of answers
	local a=(1 2 3 4 good again "" easy hard 3)
	for ((i = 0; i < $1; i++)); do printf '%s\n' "${a[i % 10]}"; done
}
acked() { awk '$1 == "ok" { print $2, $3 }' "$1"; }
stored() { sqlite3 "$1" "SELECT question || ' ' || CASE rating WHEN 1 THEN 'Again' WHEN 2 THEN 'Hard'
	WHEN 3 THEN 'Good' ELSE 'Easy' END FROM review_log ORDER BY id"; }
wait_acks() { # FILE COUNT: waits up to 30 s for COUNT ok lines
	for ((t = 0; t < 3000; t++)); do
		[ "$(grep -c '^ok ' "$1")" -ge "$2" ] && return 0
		sleep 0.01
	done
	return 1
}

# start_review NAME: bagu review reading the FIFO $T_TMP/NAME.in, fd 3 writes to it
start_review() {
	mkfifo "$T_TMP/$1.in"
	XDG_DATA_HOME="$T_TMP/$1" "$BAGU" review --db "$DB" --no-fuzz --now 2026-03-01T08:00:00Z --new 1000 \
		<"$T_TMP/$1.in" >"$T_TMP/$1.out" 2>"$T_TMP/$1.err" &
	PID=$!
	exec 3>"$T_TMP/$1.in"
}

# ---- 1. killed while waiting for input: exactly the acknowledged grades ----
start_review a
grades 37 >&3
wait_acks "$T_TMP/a.out" 37 && ok || bad "37 grades acknowledged (got $(grep -c '^ok ' "$T_TMP/a.out"))"
kill -KILL "$PID"; wait "$PID" 2>/dev/null; exec 3>&-
UDB="$T_TMP/a/bagu/user.db"
[ "$(sqlite3 "$UDB" 'PRAGMA integrity_check')" = ok ] && ok || bad "a: integrity_check"
[ "$(stored "$UDB")" = "$(acked "$T_TMP/a.out")" ] && ok || bad "a: stored grades = acknowledged grades"
[ "$(sqlite3 "$UDB" 'SELECT count(*) FROM cards')" -eq 37 ] && ok || bad "a: 37 cards"

# ---- 2. killed while grading: acknowledged ⊆ stored ⊆ acknowledged + 1 ----
for round in 1 2 3; do
	start_review "b$round"
	grades 30 >&3
	wait_acks "$T_TMP/b$round.out" 30 || bad "b$round: first 30 grades"
	grades $((N - 30)) >&3 &
	W=$!
	sleep "0.0$((round * 3))"
	kill -KILL "$PID"; wait "$PID" 2>/dev/null; exec 3>&-
	kill "$W" 2>/dev/null; wait "$W" 2>/dev/null
	UDB="$T_TMP/b$round/bagu/user.db"
	A=$(grep -c '^ok ' "$T_TMP/b$round.out"); R=$(sqlite3 "$UDB" 'SELECT count(*) FROM review_log')
	echo "round $round: $A acknowledged, $R stored (of $N sent)"
	[ "$(sqlite3 "$UDB" 'PRAGMA integrity_check')" = ok ] && ok || bad "b$round: integrity_check"
	[ "$R" -ge "$A" ] && [ "$R" -le $((A + 1)) ] && ok || bad "b$round: $A acknowledged but $R stored"
	[ "$(stored "$UDB" | head -n "$A")" = "$(acked "$T_TMP/b$round.out")" ] && ok || bad "b$round: acknowledged grades stored in order"
	# the card table agrees with the log: one card per graded question
	[ "$(sqlite3 "$UDB" 'SELECT count(*) FROM cards')" -eq "$R" ] && ok || bad "b$round: a card per stored grade"
	# and the killed database opens and reviews again
	run env XDG_DATA_HOME="$T_TMP/b$round" "$BAGU" review --db "$DB" --no-fuzz --now 2026-03-01T08:00:00Z --new 1000 --limit 1 <<<3
	expect_rc 0 "b$round: reopen after the kill"
	[ "$(sqlite3 "$UDB" 'SELECT count(*) FROM review_log')" -eq $((R + 1)) ] && ok || bad "b$round: grade after reopen stored"
done

# ---- 3. two writers at once (the CLI and, say, the web server): nobody fails, nothing lost ----
export XDG_DATA_HOME="$T_TMP/c"
for w in 1 2 3; do
	grades 40 | "$BAGU" review --db "$DB" --no-fuzz --now 2026-03-01T08:00:00Z --new 1000 \
		>"$T_TMP/c$w.out" 2>"$T_TMP/c$w.err" &
	eval "P$w=\$!"
done
for w in 1 2 3; do
	eval "wait \$P$w" && ok || bad "concurrent writer $w failed: $(cat "$T_TMP/c$w.err")"
done
A=$(cat "$T_TMP"/c?.out | grep -c '^ok ')
R=$(sqlite3 "$T_TMP/c/bagu/user.db" 'SELECT count(*) FROM review_log')
echo "concurrent: $A acknowledged, $R stored"
[ "$A" -eq 120 ] && [ "$R" -eq 120 ] && ok || bad "3 concurrent sessions: $A acknowledged, $R stored, want 120"
# each card's reps equals the number of its log rows: no lost update
[ "$(sqlite3 "$T_TMP/c/bagu/user.db" 'SELECT count(*) FROM cards c WHERE reps <> (SELECT count(*) FROM review_log l WHERE l.question = c.question)')" = 0 ] && ok || bad "a lost card update"
finish
