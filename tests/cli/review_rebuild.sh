#!/usr/bin/env bash
# review_rebuild — content and user state stay apart: rebuilding content.db leaves
# user.db byte for byte as it was (and never creates it); a question removed from the
# content keeps its card and review history but is no longer scheduled; when it comes
# back, its history is there again.
. "$(dirname "$0")/lib.bash"

SRC="$T_TMP/content"
cp -r "$BAGU_SRC/tests/fixtures/content" "$SRC"
DB="$T_TMP/content.db"
run "$BAGU" build --content "$SRC" --out "$DB"
expect_rc 0 "build"
[ -e "$XDG_DATA_HOME" ] && bad "bagu build created the user data directory" || ok
UDB="$XDG_DATA_HOME/bagu/user.db"
run "$BAGU" review --db "$DB" --no-fuzz --now 2026-01-01T10:00:00Z <<<$'3\n3\nagain'
expect_out "reviewed 3 · again 1 (33%)" "three graded"
sums() { sha256sum "$UDB"* | awk '{ print $1 }'; }
before=$(sums)

# remove gamma (graded Again: due at 10:01) and rebuild
gamma="$SRC/questions/go/runtime/gamma.md"
mv "$gamma" "$T_TMP/gamma.md"
run "$BAGU" build --content "$SRC" --out "$DB"
expect_rc 0 "rebuild without gamma"
[ "$(sums)" = "$before" ] && ok || bad "rebuilding content.db changed user.db"

run "$BAGU" review --db "$DB" --no-fuzz --now 2026-01-01T12:00:00Z </dev/null
expect_rc 0 "review after removal"
expect_out "2 due, 0 new" "gamma not scheduled"
expect_no_out "go.runtime.gamma" "gamma not shown"
[ "$(sqlite3 "$UDB" "SELECT count(*) FROM review_log WHERE question='go.runtime.gamma'")" = 1 ] && ok || bad "gamma's history kept"
[ "$(sqlite3 "$UDB" "SELECT count(*) FROM cards WHERE question='go.runtime.gamma'")" = 1 ] && ok || bad "gamma's card kept"
run "$BAGU" review --stats --json --db "$DB" --now 2026-01-01T12:00:00Z
[ "$(jq -c '[.total_reviews, .cards.learning + .cards.review + .cards.relearning, .forecast[0].due, .cards.not_started]' <<<"$OUT")" = '[3,2,2,0]' ] && ok || bad "stats: gamma's review counted, its card not: $OUT"
run "$BAGU" review --db "$DB" --no-fuzz --now 2026-01-01T12:00:00Z <<<$'3\n3'
expect_out "reviewed 2" "the others reviewed"
expect_no_out "go.runtime.gamma" "gamma still not shown"
[ "$(sqlite3 "$UDB" "SELECT count(*) FROM review_log WHERE question='go.runtime.gamma'")" = 1 ] && ok || bad "gamma's history still there"

# it comes back: due again with its old card
mv "$T_TMP/gamma.md" "$gamma"
run "$BAGU" build --content "$SRC" --out "$DB"
run "$BAGU" review --db "$DB" --no-fuzz --now 2026-01-01T12:00:00Z <<<good
expect_out "1 due, 0 new" "gamma due again"
expect_out "[1/1] 学习中 · go.runtime.gamma" "with its learning card"
expect_out "ok go.runtime.gamma Good -> Learning" "graded from its old state"
finish
