#!/usr/bin/env bash
# bench/serve/run.sh — wrk against `bagu serve` (keep-alive, 64 connections, 2 wrk threads):
# a question page, the search API (repeated query: served by the result cache), the search
# API with a new query every request (the engine itself), a question's JSON and a static
# asset. Target on the 2-core machine: ≥ 50k req/s for the page and API hits.
#   bench/serve/run.sh [SECONDS]     env: BAGU (default build/bagu), BAGU_DB (build/content.db)
set -euo pipefail
cd "$(dirname "$0")/../.."
secs=${1:-10}
bagu=${BAGU:-build/bagu}
db=${BAGU_DB:-build/content.db}
command -v wrk >/dev/null || { echo "wrk is not installed (scripts/setup.sh)" >&2; exit 1; }
out=$(mktemp)
"$bagu" serve --db "$db" --addr 127.0.0.1:0 --quiet >"$out" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -f "$out" "$lua"' EXIT
lua=$(mktemp --suffix=.lua)
cat >"$lua" <<'LUA'
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", "/api/v1/search?q=%E5%88%87%E7%89%87+" .. n)
end
LUA
url=
for _ in $(seq 100); do url=$(grep -o 'http://127.0.0.1:[0-9]*' "$out" || true); [ -n "$url" ] && break; sleep 0.05; done
[ -n "$url" ] || { cat "$out"; exit 1; }
id=$(curl -s "$url/api/v1/questions" | grep -o '"id":"[^"]*"' | head -1 | cut -d'"' -f4)
css=$(curl -s "$url/" | grep -o '/static/site.css?v=[0-9a-f]*' | head -1)
printf '%-44s %12s %10s %10s\n' target req/s p50 p99
one() { # label path [wrk args]
	local label=$1 path=$2; shift 2
	local r
	r=$(wrk -t2 -c64 -d"${secs}s" --latency "$@" "$url$path")
	printf '%-44s %12s %10s %10s\n' "$label" "$(awk '/Requests\/sec/ {print $2}' <<<"$r")" \
		"$(awk '$1 == "50%" {print $2}' <<<"$r")" "$(awk '$1 == "99%" {print $2}' <<<"$r")"
}
one "question page /q/$id" "/q/$id"
one "question JSON /api/v1/questions/$id" "/api/v1/questions/$id"
one "search API ?q=切片 (cached)" "/api/v1/search?q=%E5%88%87%E7%89%87"
one "search API, a new query each time" "/" -s "$lua"
one "static asset $css" "$css"
