#!/usr/bin/env bash
# `bagu serve` end to end: starts the real binary on a free port against fixture content and
# checks every page and API route (status, content type, real content), security headers,
# 404/405/413/431, path traversal, conditional GET, HEAD, a slow client dropped on time, a
# burst of concurrent requests, the access log, and a clean stop that finishes a request in
# flight.
. "$(dirname "$0")/lib.bash"
DB="$T_TMP/content.db"
cp -r "$BAGU_SRC/tests/fixtures/content" "$T_TMP/content"
run "$BAGU" build --content "$T_TMP/content" --out "$DB"; expect_rc 0 "build fixture db"

SERVER_PID=
stop_server() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null; SERVER_PID=; }
trap 'stop_server; rm -rf "$T_TMP"' EXIT

# start_server NAME ARGS... : starts bagu serve on port 0, sets URL, PORT, SERVER_PID.
start_server() {
	local name=$1; shift
	"$BAGU" serve --db "$DB" --addr 127.0.0.1:0 "$@" >"$T_TMP/$name.out" 2>"$T_TMP/$name.err" &
	SERVER_PID=$!
	URL=
	for _ in $(seq 100); do
		URL=$(grep -o 'http://127.0.0.1:[0-9]*/' "$T_TMP/$name.out" 2>/dev/null) && break
		sleep 0.05
	done
	PORT=$(sed -E 's|.*:([0-9]+)/$|\1|' <<<"$URL")
	[ -n "$URL" ] && ok || bad "$name: server printed no URL ($(cat "$T_TMP/$name.err"))"
}

# fetch [curl args...] URL : sets CODE, TYPE, BODY, HDRS (headers lower-cased).
fetch() {
	local out
	rm -f "$T_TMP/b" "$T_TMP/h"
	out=$(curl -s --max-time 10 -D "$T_TMP/h" -o "$T_TMP/b" -w '%{http_code}\t%{content_type}' "$@") || true
	CODE=${out%%$'\t'*}; TYPE=${out#*$'\t'}
	BODY=$(cat "$T_TMP/b" 2>/dev/null); HDRS=$(tr 'A-Z' 'a-z' <"$T_TMP/h" 2>/dev/null | tr -d '\r')
}
is() { [ "$1" = "$2" ] && ok || bad "$3: got '$1', want '$2'"; }
has() { grep -qF -- "$2" <<<"$1" && ok || bad "$3: lacks '$2' (got: ${1:0:200})"; }
lacks() { grep -qF -- "$2" <<<"$1" && bad "$3: has '$2'" || ok; }
HTML="text/html; charset=utf-8" JSON="application/json; charset=utf-8"

# ---- usage errors and start-up failures
run "$BAGU" serve --addr nonsense:port; expect_rc 2 "bad --addr"; expect_err "usage: bagu serve" "bad --addr"
run "$BAGU" serve --max-body lots; expect_rc 2 "bad --max-body"
run "$BAGU" serve --db "$T_TMP/none.db" --addr 127.0.0.1:0; expect_rc 1 "missing db"; expect_err "no content database" "missing db"
run "$BAGU" help serve; expect_rc 0 "help serve"; expect_out "--addr HOST:PORT" "help serve"

start_server main --timeout 2 --max-body 1K
has "$(cat "$T_TMP/main.out")" "serving 3 questions at http://127.0.0.1:" "start-up line"
run "$BAGU" serve --db "$DB" --addr "127.0.0.1:$PORT"; expect_rc 1 "port in use"; expect_err "cannot listen" "port in use"

# ---- pages
fetch "$URL";                         is "$CODE" 200 home; is "$TYPE" "$HTML" home
has "$BODY" '<html lang="zh-CN">' home; has "$BODY" '新手' home; has "$BODY" 'href="/topics/go.basics"' home
has "$BODY" 'action="/search"' home; has "$BODY" 'href="/tools"' home
fetch "${URL}topics/go.basics";       is "$CODE" 200 topic; is "$TYPE" "$HTML" topic
has "$BODY" 'Alpha 问题？' topic; has "$BODY" 'Beta 问题？' topic
fetch "${URL}topics/go.runtime";      has "$BODY" '先修' "topic prereqs"
fetch "${URL}q/go.basics.alpha";      is "$CODE" 200 question; is "$TYPE" "$HTML" question
has "$BODY" '<h1>Alpha 问题？</h1>' question; has "$BODY" 'Alpha 的简答' question; has "$BODY" '<pre lang="go">' question
has "$BODY" 'href="/q/go.basics.beta"' "question related/next"
fetch "${URL}q/3";                    is "$CODE" 302 "seed redirect"; has "$HDRS" 'location: /q/go.basics.beta' "seed redirect"
fetch -L "${URL}q/3";                 is "$CODE" 200 "seed redirect followed"; has "$BODY" 'Beta 问题？' "seed redirect followed"
fetch "${URL}?lang=en";               has "$BODY" '<html lang="en">' "lang=en"; has "$BODY" 'Beginner' "lang=en"
fetch "${URL}lang?to=en&next=/q/go.basics.alpha"; is "$CODE" 303 "lang switch"
has "$HDRS" 'set-cookie: bagu_lang=en' "lang cookie"; has "$HDRS" 'location: /q/go.basics.alpha' "lang switch"
fetch -H 'Cookie: bagu_lang=en' "${URL}q/go.basics.alpha"; has "$BODY" 'Short answer' "lang from cookie"; has "$HDRS" 'vary: cookie' vary
fetch "${URL}search?q=Alpha";         is "$CODE" 200 "search page"; is "$TYPE" "$HTML" "search page"
has "$BODY" 'href="/q/go.basics.alpha"' "search page hit"; has "$BODY" '<mark>' "search page highlight"
fetch "${URL}search?q=Alpha&level=%E9%AB%98%E7%BA%A7"; lacks "$BODY" 'href="/q/go.basics.alpha"' "search level filter"
fetch "${URL}search";                 is "$CODE" 200 "empty search page"; has "$BODY" 'id="search-form"' "empty search page"
fetch "${URL}tools";                  is "$CODE" 200 "tools page"; has "$BODY" 'id="gen-form"' "tools page"
has "$BODY" '<option value="sql">' "tools formats"; has "$BODY" 'name="optional"' "tools options"
fetch -F format=json -F 'doc={"id": 1, "name": "x"}' -F name= "${URL}tools"
is "$CODE" 200 "tools form post"; has "$BODY" 'type Root struct' "tools form post"
fetch -F format=json -F 'doc={"id": 1,' "${URL}tools"
is "$CODE" 400 "tools form error"; has "$BODY" 'class="pos"' "tools error position"
printf 'id = 1\n' >"$T_TMP/up.toml"
fetch -F format=toml -F doc= -F "file=@$T_TMP/up.toml" -F download=1 "${URL}tools"
is "$CODE" 200 "tools upload + download"; has "$HDRS" 'content-disposition: attachment; filename="models.go"' "download"
has "$BODY" 'ID int64 `toml:"id"`' "tools upload"

# ---- API
fetch "${URL}api/v1/questions";       is "$CODE" 200 "api list"; is "$TYPE" "$JSON" "api list"
has "$BODY" '"id":"go.basics.alpha","title":"Alpha 问题？","seed":[1,2],"seed_also":[],"topic":"go.basics","level":"新手","freq":5' "api list shape = list --json"
[ "$BODY" = "$("$BAGU" list --json --db "$DB")" ] && ok || bad "api list differs from bagu list --json"
fetch "${URL}api/v1/questions?topic=go.runtime"; has "$BODY" go.runtime.gamma "api topic filter"; lacks "$BODY" go.basics.alpha "api topic filter"
[ "$BODY" = "$("$BAGU" list --json --topic go.runtime --db "$DB")" ] && ok || bad "api topic filter differs from the CLI"
fetch "${URL}api/v1/questions?level=%E8%BF%9B%E9%98%B6"; has "$BODY" go.basics.beta "api level filter"; lacks "$BODY" gamma "api level filter"
fetch "${URL}api/v1/questions?level=guru"; is "$CODE" 400 "api bad level"; is "$TYPE" "$JSON" "api bad level"; has "$BODY" '"status":400' "api bad level"
fetch "${URL}api/v1/questions/go.basics.beta"; is "$CODE" 200 "api get"; has "$BODY" '"sections":{' "api get"
[ "$BODY" = "$("$BAGU" show --json go.basics.beta --db "$DB")" ] && ok || bad "api get differs from bagu show --json"
fetch "${URL}api/v1/questions/1";     has "$BODY" '"id":"go.basics.alpha"' "api get by seed"
fetch "${URL}api/v1/questions/nope";  is "$CODE" 404 "api get missing"; is "$TYPE" "$JSON" "api get missing"
fetch "${URL}api/v1/topics";          is "$CODE" 200 "api topics"; has "$BODY" '"id":"go.runtime"' "api topics"
fetch "${URL}api/v1/search?q=Alpha&n=1"; is "$CODE" 200 "api search"; is "$TYPE" "$JSON" "api search"
has "$BODY" '"id":"go.basics.alpha"' "api search"; has "$BODY" '"highlights":[[' "api search"
[ "$BODY" = "$("$BAGU" search --json -n 1 --db "$DB" Alpha)" ] && ok || bad "api search differs from bagu search --json"
fetch "${URL}api/v1/search?q=";       is "$CODE" 400 "api search without q"
fetch "${URL}api/v1/search?q=x&n=0";  is "$CODE" 400 "api search bad n"
fetch "${URL}healthz";                is "$CODE" 200 healthz; has "$BODY" '"status":"ok"' healthz; has "$BODY" '"questions":3' healthz

# ---- converters: POST /api/v1/gen/FORMAT, body = document, query = the CLI's options
gen() { fetch -X POST --data-binary "$2" -H 'Content-Type: application/octet-stream' "${URL}api/v1/gen/$1"; }
gen json '{"id": 1, "tags": ["a"]}';  is "$CODE" 200 "gen json"; has "$BODY" 'type Root struct' "gen json"
[ "$BODY" = "$(printf '%s' '{"id": 1, "tags": ["a"]}' | "$BAGU" gen json)" ] && ok || bad "gen json differs from bagu gen json"
gen 'json?name=Resp&package=api&inline' '{"a": {"b": 1}}'; has "$BODY" 'package api' "gen options"; has "$BODY" 'type Resp struct' "gen --name"
[ "$BODY" = "$(printf '%s' '{"a": {"b": 1}}' | "$BAGU" gen json --name Resp --package api --inline)" ] && ok || bad "gen options differ from the CLI"
gen yaml $'name: x\nport: 1\n';        is "$CODE" 200 "gen yaml"; has "$BODY" 'yaml:"port"' "gen yaml"
gen toml $'[server]\nport = 1\n';      is "$CODE" 200 "gen toml"; has "$BODY" 'toml:"server"' "gen toml"
gen sql 'CREATE TABLE users (id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY, name VARCHAR(64) NOT NULL);'
is "$CODE" 200 "gen sql"; has "$BODY" 'TableName() string' "gen sql"
[ "$BODY" = "$(echo 'CREATE TABLE users (id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY, name VARCHAR(64) NOT NULL);' | "$BAGU" gen sql)" ] && ok || bad "gen sql differs from bagu gen sql"
gen json $'{"id": 1,\n  "name": }'; is "$CODE" 400 "gen bad json"; is "$TYPE" "$JSON" "gen bad json"
has "$BODY" '"line":2,"column":11' "gen error position"
gen 'json?frobnicate=1' '{}';          is "$CODE" 400 "gen unknown option"; has "$BODY" 'unknown option --frobnicate' "gen unknown option"
gen 'json?optional=maybe' '{}';        is "$CODE" 400 "gen bad option value"
gen 'json?time=never' '{"a":"2018-02-21T21:54:44Z"}'; is "$CODE" 200 "gen time=never"; has "$BODY" 'A string' "gen time=never"
gen 'json?time=maybe' '{}';            is "$CODE" 400 "gen bad time"; has "$BODY" 'auto, always or never' "gen bad time"
gen json '';                           is "$CODE" 400 "gen empty body"
gen xml '<a/>';                        is "$CODE" 404 "gen unknown format"

# ---- diagrams: inline figures on the page, listed by the API, each served as SVG
fetch "${URL}q/go.runtime.gamma";     is "$CODE" 200 "diagram page"
has "$BODY" '<figure class="diagram diagram-msc" id="fig-1"><svg xmlns="http://www.w3.org/2000/svg"' "figure 1 inline"
has "$BODY" 'role="img" aria-labelledby="fig-1-title" aria-describedby="fig-1-desc"' "figure 1 labelled"
has "$BODY" '<title id="fig-1-title">TCP 三次握手</title>' "figure 1 title"
has "$BODY" '<figcaption>TCP 三次握手</figcaption></figure>' "figure 1 caption"
has "$BODY" '<figure class="diagram diagram-dot" id="fig-2">' "figure 2 inline (in a list item)"
has "$BODY" '<figcaption>状态 &lt;A&gt; &amp; 转换</figcaption>' "figure 2 caption escaped"
lacks "$BODY" 'digraph g' "no diagram source on the page"
lacks "$BODY" '<?xml' "no XML prolog inline"
fetch "${URL}api/v1/questions/go.runtime.gamma"; is "$CODE" 200 "diagram api"
has "$BODY" '"diagrams":[{"n":1,"id":"fig-1","kind":"msc","title":"TCP 三次握手"' "api lists diagrams"
has "$BODY" '"svg":"/api/v1/questions/go.runtime.gamma/diagrams/2.svg"' "api svg url"
fetch "${URL}api/v1/questions/go.runtime.gamma/diagrams/2.svg"; is "$CODE" 200 "svg endpoint"
is "$TYPE" "image/svg+xml" "svg type"; has "$BODY" '<svg xmlns="http://www.w3.org/2000/svg"' "svg body"
has "$BODY" '<title id="fig-2-title">状态 &lt;A&gt; &amp; 转换</title>' "svg title"
has "$HDRS" "content-security-policy: default-src 'none'" "svg CSP"; has "$HDRS" 'x-content-type-options: nosniff' "svg nosniff"
etag=$(grep -i '^etag:' <<<"$HDRS" | cut -d' ' -f2)
fetch -H "If-None-Match: $etag" "${URL}api/v1/questions/go.runtime.gamma/diagrams/2.svg"; is "$CODE" 304 "svg 304"
fetch "${URL}api/v1/questions/go.runtime.gamma/diagrams/3.svg"; is "$CODE" 404 "svg no such diagram"; is "$TYPE" "$JSON" "svg 404 json"
fetch "${URL}api/v1/questions/go.runtime.gamma/diagrams/01.svg"; is "$CODE" 404 "svg leading zero"
fetch "${URL}api/v1/questions/go.basics.alpha/diagrams/1.svg"; is "$CODE" 404 "svg question without diagrams"
fetch "${URL}api/v1/questions/go.nope/diagrams/1.svg"; is "$CODE" 404 "svg no such question"
fetch "${URL}api/v1/questions/go.basics.alpha"; has "$BODY" '"diagrams":[]' "api empty diagrams"

# ---- security headers, on pages, API answers and errors alike
for u in "" "api/v1/topics" "no/such/page" "static/site.css"; do
	fetch "${URL}$u"
	has "$HDRS" "content-security-policy: default-src 'none'; script-src 'self'" "CSP /$u"
	has "$HDRS" "frame-ancestors 'none'" "frame-ancestors /$u"
	has "$HDRS" 'x-content-type-options: nosniff' "nosniff /$u"
	has "$HDRS" 'referrer-policy: same-origin' "referrer-policy /$u"
done
lacks "$(curl -s "$URL" "${URL}q/go.basics.alpha")" '<script>' "no inline script"

# ---- errors
fetch "${URL}no/such/page";           is "$CODE" 404 "404 page"; is "$TYPE" "$HTML" "404 page"; has "$BODY" '页面不存在' "404 page"
fetch "${URL}api/v1/nothing";         is "$CODE" 404 "404 api"; is "$TYPE" "$JSON" "404 api"
fetch -X DELETE "$URL";               is "$CODE" 405 "405 DELETE"; has "$HDRS" 'allow: get, head, post' "405 Allow"
fetch -X PUT "${URL}api/v1/topics";   is "$CODE" 405 "405 PUT api"; is "$TYPE" "$JSON" "405 PUT api"
fetch -X POST -d x "${URL}q/go.basics.alpha"; is "$CODE" 405 "405 POST page"
fetch -X OPTIONS "$URL";              is "$CODE" 405 "405 OPTIONS"
head -c 2048 /dev/zero | tr '\0' 'a' >"$T_TMP/big"
fetch -X POST --data-binary @"$T_TMP/big" "${URL}api/v1/gen/json"; is "$CODE" 413 "413 body"; is "$TYPE" "$JSON" "413 body"
has "$BODY" 'larger than 1024 bytes' "413 message"
fetch -X POST -H 'Transfer-Encoding: chunked' --data-binary @"$T_TMP/big" "${URL}api/v1/gen/json"; is "$CODE" 413 "413 chunked body"
fetch -H "X-Big: $(head -c 40000 /dev/zero | tr '\0' 'b')" "$URL"
[ "$CODE" -ge 400 ] && [ "$CODE" -lt 500 ] && ok || bad "oversized header: got $CODE"
fetch "${URL}$(head -c 40000 /dev/zero | tr '\0' 'c')"
[ "$CODE" -ge 400 ] && [ "$CODE" -lt 500 ] && ok || bad "oversized request line: got $CODE"
fetch "$URL"; is "$CODE" 200 "alive after oversized requests"

# ---- path traversal: nothing outside the routes and the asset set
for p in "static/../../../etc/passwd" "static/%2e%2e/%2e%2e/etc/passwd" "static/%2E%2E%2Fweb.h" \
	"static/..%5c..%5cetc%5cpasswd" "static/%2fetc%2fpasswd" "..%2f..%2fetc%2fpasswd" "q/..%2f..%2fetc%2fpasswd" \
	"static/./site.css" "static//etc/passwd"; do
	fetch --path-as-is "${URL}$p"
	[ "$CODE" = 400 ] || [ "$CODE" = 404 ] && ok || bad "traversal $p: got $CODE"
	lacks "$BODY" 'root:' "traversal $p"
done
for p in "etc/passwd" "static/web.h" "static/../src/web/web.h" "CMakeLists.txt" "static/site.css/"; do
	fetch --path-as-is "${URL}$p"
	[ "$CODE" = 400 ] || [ "$CODE" = 404 ] && ok || bad "outside the asset set $p: got $CODE"
done

# ---- static assets and caching
fetch "${URL}static/site.css";        is "$CODE" 200 css; is "$TYPE" "text/css; charset=utf-8" css
has "$HDRS" 'cache-control: public, max-age=3600' "css cache"
etag=$(grep '^etag:' <<<"$HDRS" | cut -d' ' -f2)
fetch -H "If-None-Match: $etag" "${URL}static/site.css"; is "$CODE" 304 "css 304"
fetch "${URL}static/hl.js";           is "$CODE" 200 hljs; has "$BODY" 'registerLanguage' hljs
ver=$(curl -s "$URL" | grep -o 'site.css?v=[0-9a-f]*' | head -1)
fetch "${URL}static/$ver";            has "$HDRS" 'immutable' "versioned asset cache"
fetch "${URL}q/go.basics.alpha";      etag=$(grep '^etag:' <<<"$HDRS" | cut -d' ' -f2)
fetch -H "If-None-Match: $etag" "${URL}q/go.basics.alpha"; is "$CODE" 304 "page 304"; is "$BODY" "" "304 body"
exec 3<>"/dev/tcp/127.0.0.1/$PORT"
printf 'HEAD /q/go.basics.alpha HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n' >&3
resp=$(timeout 5 cat <&3 | tr -d '\r')
exec 3<&- 3>&-
has "$resp" "HTTP/1.1 200 OK" HEAD; has "$resp" "Content-Length: " "HEAD length"; lacks "$resp" "<html" "HEAD has no body"

# ---- a slow client that never finishes its headers is dropped (--timeout 2)
start=$(date +%s.%N)
exec 3<>"/dev/tcp/127.0.0.1/$PORT"
printf 'GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ' >&3
timeout 10 cat <&3 >/dev/null
elapsed=$(echo "$(date +%s.%N) - $start" | bc)
exec 3<&- 3>&-
echo "$elapsed" | awk '{exit !($1 >= 1.5 && $1 < 5)}' && ok || bad "slow client dropped after ${elapsed}s, want about 2s"

# ---- a burst of concurrent requests, all answered
: >"$T_TMP/urls"
for i in $(seq 300); do
	case $((i % 4)) in
	0) echo "url = \"${URL}q/go.basics.alpha\"" ;; 1) echo "url = \"${URL}api/v1/questions\"" ;;
	2) echo "url = \"${URL}\"" ;; 3) echo "url = \"${URL}api/v1/search?q=Beta\"" ;;
	esac >>"$T_TMP/urls"
	echo 'output = "/dev/null"' >>"$T_TMP/urls"
	echo 'write-out = "%{http_code}\n"' >>"$T_TMP/urls"
done
codes=$(curl -s --no-progress-meter --parallel --parallel-max 100 --max-time 20 -K "$T_TMP/urls")
is "$(grep -c '^200$' <<<"$codes")" 300 "burst: 300 concurrent requests answered 200"

# ---- access log: method, path, status, bytes, µs
sleep 0.2
has "$(cat "$T_TMP/main.err")" "GET /q/go.basics.alpha 200 " "access log"
grep -qE '^GET /api/v1/topics 200 [0-9]+B [0-9]+µs$' "$T_TMP/main.err" && ok || bad "access log format"

# ---- SIGTERM: a request in flight is finished, then the server exits 0
exec 3<>"/dev/tcp/127.0.0.1/$PORT"
printf 'POST /api/v1/gen/json HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 10\r\n\r\n{"a":' >&3
sleep 0.3
kill -TERM "$SERVER_PID"
sleep 0.3
printf '1}   ' >&3
resp=$(timeout 5 cat <&3 | tr -d '\r')
exec 3<&- 3>&-
has "$resp" "HTTP/1.1 " "request in flight answered after SIGTERM"
wait "$SERVER_PID"; rc=$?; SERVER_PID=
is "$rc" 0 "exit status after SIGTERM"
has "$(cat "$T_TMP/main.err")" "SIGTERM: stopping" "stop message"

# ---- --quiet: no access log; SIGINT stops it too
start_server quiet --quiet
curl -s -o /dev/null "$URL"
kill -INT "$SERVER_PID"; wait "$SERVER_PID"; rc=$?; SERVER_PID=
is "$rc" 0 "exit status after SIGINT"
lacks "$(cat "$T_TMP/quiet.err")" "GET /" "--quiet silences the access log"

finish
