#!/usr/bin/env bash
# export — `bagu export anki` (Anki's tab-separated import format with its header lines)
# and `bagu export markdown` (one study sheet per topic and an index, roadmap order),
# against the fixture content; then the real bank's Anki file is well-formed.
. "$(dirname "$0")/lib.bash"

FIX="$BAGU_SRC/tests/fixtures/content"
DB="$T_TMP/content.db"
run "$BAGU" build --content "$FIX" --out "$DB"
expect_rc 0 "build fixture"

# ---- anki ----
run "$BAGU" export anki --db "$DB"
expect_rc 0 "anki to stdout"
[ "$(head -3 <<<"$OUT")" = $'#separator:tab\n#html:true\n#tags column:3' ] && ok || bad "anki header lines: $(head -3 <<<"$OUT")"
[ "$(wc -l <<<"$OUT")" -eq 6 ] && ok || bad "3 header lines + 3 cards: $OUT"
line=$(sed -n 4p <<<"$OUT")
IFS=$'\t' read -r front back tags <<<"$line"
[ "$front" = "Alpha 问题？" ] && ok || bad "front is the title: $front"
[ "$back" = "<p>Alpha 的简答。<code>len</code> 和 <code>cap</code>。</p> <p><b>要点</b></p><ul><li>第一点</li><li>第二点</li><li>第三点</li></ul>" ] && ok || bad "back: $back"
[ "$tags" = "go.basics 新手" ] && ok || bad "tags: topic and level: $tags"
[ "$(sed -n 6p <<<"$OUT" | cut -f3)" = "go.runtime 高级" ] && ok || bad "roadmap order: gamma last"
awk -F'\t' 'NR > 3 && NF != 3 { bad = 1 } END { exit bad }' <<<"$OUT" && ok || bad "every card has exactly 3 fields"
run "$BAGU" export anki --db "$DB" -o "$T_TMP/deck.txt"
expect_rc 0 "anki -o FILE"
expect_err "3 cards written to $T_TMP/deck.txt" "anki -o message"
[ "$(sed -n 4p "$T_TMP/deck.txt")" = "$line" ] && ok || bad "file = stdout"
ls "$T_TMP" | grep -q '^\.deck\|tmp' && bad "temporary file left behind: $(ls -a "$T_TMP")" || ok

# ---- markdown ----
run "$BAGU" export markdown --db "$DB" -o "$T_TMP/sheets"
expect_rc 0 "markdown"
expect_err "2 topic sheets and index.md written to $T_TMP/sheets/" "markdown message"
[ "$(ls "$T_TMP/sheets" | tr '\n' ' ')" = "go.basics.md go.runtime.md index.md " ] && ok || bad "files: $(ls "$T_TMP/sheets")"
OUT=$(cat "$T_TMP/sheets/go.basics.md")
expect_out "# 基础 (Basics)" "sheet title"
expect_out "## 1. Alpha 问题？" "first question"
expect_out '`go.basics.alpha` · 新手 · 频率 5/5' "question line"
expect_out 'Alpha 的简答。`len` 和 `cap`。' "short answer Markdown"
expect_out "- 第一点" "key points"
expect_out "## 2. Beta 问题？" "second question"
expect_no_out "详解" "no 详解 on a study sheet"
OUT=$(cat "$T_TMP/sheets/go.runtime.md")
expect_out '`go.runtime` · 高级 · 前置 go.basics' "prereq listed"
OUT=$(cat "$T_TMP/sheets/index.md")
[ "$(grep -o '([a-z.]*\.md)' <<<"$OUT" | tr '\n' ' ')" = "(go.basics.md) (go.runtime.md) " ] && ok || bad "index order: $OUT"

# ---- the real bank ----
if [ -f "${BAGU_BUILD:-$BAGU_SRC/build}/content.db" ]; then
	run "$BAGU" export anki --db "${BAGU_BUILD:-$BAGU_SRC/build}/content.db"
	expect_rc 0 "anki: the real bank"
	n=$(sqlite3 "${BAGU_BUILD:-$BAGU_SRC/build}/content.db" 'SELECT count(*) FROM questions')
	[ "$(($(wc -l <<<"$OUT") - 3))" -eq "$n" ] && ok || bad "one line per question ($n)"
	awk -F'\t' 'NR > 3 && NF != 3 { bad = 1 } END { exit bad }' <<<"$OUT" && ok || bad "real bank: 3 fields a line"
	grep -q '"' <<<"$OUT" && bad "a double quote in the Anki file" || ok
fi

# ---- usage ----
run "$BAGU" export
expect_rc 2 "no format"
run "$BAGU" export pdf
expect_rc 2 "unknown format"
expect_err "unknown format 'pdf'" "unknown format message"
run "$BAGU" export anki --help
expect_rc 0 "help"
expect_out "usage: bagu export anki" "help text"
finish
