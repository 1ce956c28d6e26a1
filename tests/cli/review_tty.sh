#!/usr/bin/env bash
# review_tty — `bagu review` on a terminal (a pseudo-terminal from script(1)): single keys
# grade without Enter, colour is on without NO_COLOR, and the terminal's canonical mode and
# echo are restored after `q` and after Ctrl-C (SIGINT). Keys are sent with pauses, so a
# loaded machine only makes it slower.
. "$(dirname "$0")/lib.bash"
command -v script >/dev/null || { echo "script(1) not installed: skipped"; finish; exit 0; }

DB="$T_TMP/content.db"
run "$BAGU" build --content "$BAGU_SRC/tests/fixtures/content" --out "$DB"
expect_rc 0 "build fixture"
unset NO_COLOR
# keys KEY...: sends each key a second apart into a terminal running bagu review, then
# prints the exit status and whether the terminal has icanon and echo back
tty_review() {
	local k
	{ sleep 1; for k in "$@"; do printf '%b' "$k"; sleep 1; done; sleep 1; } |
		timeout 60 script -qec "bash -c 'trap \"echo\" INT; \"$BAGU\" review --db \"$DB\" --no-fuzz --now 2026-01-01T10:00:00Z; echo rc=\$?; stty -a'" /dev/null |
		tr -d '\r'
}
OUT=$(tty_review ' ' '3' 'd' '1' 'q')
expect_out "ok go.basics.alpha Good -> Learning" "space shows, 3 grades Good"
expect_out "ok go.basics.beta Again -> Learning" "d shows 详解, 1 grades Again"
expect_out "Beta 的详解。" "d at the title shows 详解"
expect_out $'\033[1m' "colour on a terminal"
expect_out "reviewed 2 · again 1 (50%)" "q ends with the summary"
expect_out "rc=0" "exit 0 after q"
grep -qw -- '-icanon' <<<"$OUT" && bad "icanon not restored after q" || ok
grep -qw -- '-echo' <<<"$OUT" && bad "echo not restored after q" || ok

OUT=$(tty_review ' ' '\003')
expect_out "rc=130" "Ctrl-C ends it by SIGINT"
grep -qw -- '-icanon' <<<"$OUT" && bad "icanon not restored after SIGINT" || ok
grep -qw -- '-echo' <<<"$OUT" && bad "echo not restored after SIGINT" || ok
grep -qw -- 'icanon' <<<"$OUT" && ok || bad "no stty output: $OUT"
finish
