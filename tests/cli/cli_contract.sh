#!/usr/bin/env bash
# The CLI contract: help, version, exit codes, list/show/stats/build against fixture content.
. "$(dirname "$0")/lib.bash"
FIX="$BAGU_SRC/tests/fixtures/content"
DB="$T_TMP/content.db"

run "$BAGU" --version;            expect_rc 0 version; expect_out "bagu " version
run "$BAGU" --help;               expect_rc 0 help; expect_out "commands:" help; expect_out "show" help
run "$BAGU";                      expect_rc 2 "no command"
run "$BAGU" frobnicate;           expect_rc 2 "unknown command"; expect_err "unknown command 'frobnicate'" "unknown command"
for c in list show check build stats gen; do
	run "$BAGU" help "$c";        expect_rc 0 "help $c"; expect_out "usage: bagu $c" "help $c"
	run "$BAGU" "$c" --help;      expect_rc 0 "$c --help"; expect_out "usage: bagu $c" "$c --help"
done
run "$BAGU" list --bogus;         expect_rc 2 "bad flag"; expect_err "usage: bagu list" "bad flag"
run "$BAGU" show;                 expect_rc 2 "show without REF"
run "$BAGU" list --level 大师 --db "$DB"; expect_rc 2 "bad level"

# no database yet: runtime failure, exit 1, one clear message
run "$BAGU" list --db "$T_TMP/none.db"; expect_rc 1 "missing db"; expect_err "no content database" "missing db"

run "$BAGU" build --content "$FIX" --out "$DB"; expect_rc 0 build; expect_out "3 questions" build
[ -f "$DB" ] && ok || bad "build wrote no database"
[ "$(sqlite3 "$DB" 'PRAGMA user_version')" = 2 ] && ok || bad "schema version"

run "$BAGU" list --db "$DB";      expect_rc 0 list; expect_out go.basics.alpha list; expect_out go.runtime.gamma list
run "$BAGU" list --db "$DB" --json; expect_rc 0 "list --json"
expect_out '"id":"go.basics.alpha","title":"Alpha 问题？","seed":[1,2],"seed_also":[],"topic":"go.basics","level":"新手","freq":5' "list --json fields"
run "$BAGU" list --db "$DB" --topic go.runtime --json; expect_out go.runtime.gamma "list --topic"; expect_no_out go.basics.alpha "list --topic"
run "$BAGU" list --db "$DB" --topic go --json; expect_out go.runtime.gamma "list --topic parent"; expect_out go.basics.alpha "list --topic parent"
run "$BAGU" list --db "$DB" --level 进阶 --json; expect_out go.basics.beta "list --level"; expect_no_out go.basics.alpha "list --level"
run "$BAGU" list --db "$DB" --level advanced --json; expect_out go.runtime.gamma "list --level english"
run "$BAGU" list --db "$DB" --topic nope; expect_rc 1 "unknown topic"
BAGU_DB="$DB" run "$BAGU" list;   expect_rc 0 "BAGU_DB"; expect_out go.basics.alpha "BAGU_DB"

run "$BAGU" show --db "$DB" 1;    expect_rc 0 "show by seed"; expect_out "Alpha 问题？" "show by seed"
expect_out "简答" "show sections"; expect_out "追问" "show sections"; expect_out "│ package main" "code set apart"
[[ "$OUT" == *$'\033'* ]] && bad "colour with NO_COLOR" || ok
run "$BAGU" show --db "$DB" 2;    expect_out "Alpha 问题？" "seed 2 primary claim wins over seed_also"
run "$BAGU" show --db "$DB" go.basics.beta; expect_out "Beta 问题？" "show by id"
run "$BAGU" show go.basics.beta --json --db "$DB"; expect_rc 0 "show --json"
expect_out '"seed_also":[2]' "show --json seed_also"; expect_out '"keypoints":[{"text":"甲","match":["甲"]}' "show --json keypoints"
expect_out '"short":{"title":"简答","markdown":"Beta 的简答。","html":"\u003cp\u003eBeta 的简答。\u003c/p\u003e\n"}' "show --json sections"
# diagrams: one line each, with a link to the figure (default site address, or $BAGU_URL)
COLUMNS=200 run "$BAGU" show --db "$DB" go.runtime.gamma; expect_rc 0 "show diagrams"
expect_out "[图 1] TCP 三次握手 — 客户端发 SYN；服务端回 SYN+ACK；客户端回 ACK，连接建立" "show diagram line"
expect_out "(http://127.0.0.1:8080/q/go.runtime.gamma#fig-1)" "show diagram link (wrapped at 120 columns)"
expect_out "[图 2] 状态 <A> & 转换 — A 经 B 到 C (http://127.0.0.1:8080/q/go.runtime.gamma#fig-2)" "show diagram in a list"
expect_no_out "digraph" "show hides diagram source"; expect_no_out "msc {" "show hides msc source"
BAGU_URL=https://bagu.example/ COLUMNS=200 run "$BAGU" show --db "$DB" go.runtime.gamma
expect_out "(https://bagu.example/q/go.runtime.gamma#fig-1)" "show BAGU_URL"
run "$BAGU" stats --db "$DB"; expect_out "图 diagrams      2" "stats diagrams"
run "$BAGU" stats --json --db "$DB"; expect_out '"diagrams":2' "stats --json diagrams"
run "$BAGU" show --db "$DB" 999;  expect_rc 1 "show missing"; expect_err "no question" "show missing"
COLUMNS=40 run "$BAGU" show --db "$DB" 1; awk '{ if (length($0) > 60) exit 1 }' <<<"$OUT" && ok || bad "wrap at COLUMNS=40"

run "$BAGU" stats --db "$DB";     expect_rc 0 stats; expect_out "questions   3" stats
run "$BAGU" stats --db "$DB" --json; expect_out '"questions":3' "stats --json"; expect_out '"seed_answered":3' "stats --json"

# a failed build leaves the old database untouched
cp -r "$FIX" "$T_TMP/broken"; sed -i 's/^freq: 5/freq: 9/' "$T_TMP/broken/questions/go/basics/alpha.md"
before=$(sha256sum "$DB")
run "$BAGU" build --content "$T_TMP/broken" --out "$DB"; expect_rc 1 "broken build"
[ "$(sha256sum "$DB")" = "$before" ] && ok || bad "failed build changed the database"
ls "$T_TMP"/content.db.tmp.* >/dev/null 2>&1 && bad "temporary file left behind" || ok

# a stale schema is refused with a rebuild hint
cp "$DB" "$T_TMP/old.db"; sqlite3 "$T_TMP/old.db" 'PRAGMA user_version=0'
run "$BAGU" list --db "$T_TMP/old.db"; expect_rc 1 "old schema"; expect_err "expected 2; rebuild" "old schema"

finish
