#!/usr/bin/env bash
# `bagu search`: output, --json shape, filters, no results and suggestions, usage errors,
# over the small bank in tests/search/fixture/content.
. "$(dirname "$0")/lib.bash"
db="$T_TMP/content.db"
run "$BAGU" build --quiet --content "$BAGU_SRC/tests/search/fixture/content" --out "$db"
expect_rc 0 "build the fixture bank"
export BAGU_DB="$db"

# ranked text output: title, id · level · seeds, highlighted snippet
run "$BAGU" search 切片 扩容
expect_rc 0 "search"
expect_out " 1. slice 的扩容机制是什么？" "first result title"
expect_out "go.slice.growth · 进阶 · #1" "id, level, seeds"
expect_out "[切片]" "highlight without colour is [..]"
run "$BAGU" search -n 1 复用
expect_out "(1 of 2 results; -n N shows more)" "-n limits and says so"
run "$BAGU" search --db "$db" sync.Pool
expect_out "go.syncpool.pool" "--db and identifiers"
run "$BAGU" search go.slice.growth -n 1
expect_out " 1. slice 的扩容机制是什么？" "options after the query; exact id"
run "$BAGU" search -- -n
expect_rc 0 "a query after --"
run "$BAGU" search 協程泄露
expect_out "go.leak.goroutine" "traditional + variant via the lexicon"

# --json: an array of objects with id, title, seed, score, snippet, highlights
run "$BAGU" search --json 连接池
expect_rc 0 "--json"
n=$(jq 'length' <<<"$OUT" 2>/dev/null)
[ "$n" = 2 ] && ok || bad "--json: want 2 results, got '$n': $OUT"
jq -e 'all(.[]; (.id|type)=="string" and (.title|type)=="string" and (.seed|type)=="array"
	and (.score|type)=="number" and (.snippet|type)=="string" and (.level|type)=="string"
	and (.topic|type)=="string" and (.highlights|type)=="array")' <<<"$OUT" >/dev/null && ok ||
	bad "--json: object shape: $OUT"
jq -e '.[0].score >= .[1].score' <<<"$OUT" >/dev/null && ok || bad "--json: ranked by score"
# highlights are code-point offsets that cover the match
hl=$(jq -r '.[0] | .snippet as $s | .highlights[0] as $h | ($s | explode | .[$h[0]:$h[1]] | implode)' <<<"$OUT")
[ "$hl" = "连接池" ] && ok || bad "--json: highlight covers '$hl', want 连接池"

# filters
run "$BAGU" search --json --topic net 连接池
[ "$(jq -r 'map(.id) | join(",")' <<<"$OUT")" = "net.tcp.time-wait" ] && ok || bad "--topic: $OUT"
run "$BAGU" search --json --topic go 连接池
[ "$(jq -r 'map(.id) | join(",")' <<<"$OUT")" = "go.syncpool.pool" ] && ok || bad "--topic includes sub-topics: $OUT"
run "$BAGU" search --json --level advanced 连接池
[ "$(jq -r 'map(.id) | join(",")' <<<"$OUT")" = "go.syncpool.pool" ] && ok || bad "--level: $OUT"
run "$BAGU" search --topic nope 连接池
expect_rc 1 "unknown topic"
expect_err "no topic 'nope'" "unknown topic message"
run "$BAGU" search --level 大师 连接池
expect_rc 2 "bad level"

# no results: exit 0, a clear line, a suggestion when the lexicon knows a near term
run "$BAGU" search 量子纠缠
expect_rc 0 "no results exits 0"
expect_out 'no results for "量子纠缠"' "no results line"
expect_no_out "did you mean" "no suggestion without a near term"
run "$BAGU" search goroutnie
expect_rc 0 "misspelt"
expect_out 'no results for "goroutnie"; did you mean "goroutine"?' "suggestion"
run "$BAGU" search --topic net.tcp goroutine
expect_out "(with the filters given)" "no results under filters says so"
run "$BAGU" search --json 量子纠缠
[ "$OUT" = "[]" ] && ok || bad "--json no results prints []: $OUT"
run "$BAGU" search 的 吗
expect_rc 0 "stop words only"
expect_out "no results" "stop words only: no results"

# usage errors
run "$BAGU" search
expect_rc 2 "no query"
expect_err "empty query" "no query message"
run "$BAGU" search "   "
expect_rc 2 "blank query"
run "$BAGU" search -n 0 x
expect_rc 2 "-n 0"
run "$BAGU" search -n abc x
expect_rc 2 "-n abc"
run "$BAGU" search --bogus x
expect_rc 2 "unknown option"
run "$BAGU" search "$(printf 'a%.0s' {1..1100})"
expect_rc 2 "query too long"
expect_err "longer than 1024 bytes" "too long message"
run "$BAGU" search "$(printf '\xff\xfe')"
expect_rc 2 "invalid UTF-8"
run "$BAGU" search --help
expect_rc 0 "--help"
expect_out "usage: bagu search" "--help text"
run "$BAGU" help search
expect_out "--level L" "help search"

# a database without the index, or none at all
run "$BAGU" search --db "$T_TMP/none.db" x
expect_rc 1 "missing database"
sqlite3 "$T_TMP/old.db" "CREATE TABLE lexicon(concept, alias, ord); PRAGMA user_version = 2;"
run "$BAGU" search --db "$T_TMP/old.db" x
expect_rc 1 "database without an index"
expect_err "rebuild it with \`bagu build\`" "rebuild message"

# hostile queries never break the FTS5 expression
for q in '"' 'a" OR "b' 'NEAR(x y)' '*' 'title:x' '^x' '(((' 'x AND' '" OR 1=1 --'; do
	run "$BAGU" search --json -- "$q"
	[ "$RC" -eq 0 ] && jq -e 'type == "array"' <<<"$OUT" >/dev/null && ok || bad "query '$q': exit $RC, $ERR"
done
finish
