#!/usr/bin/env bash
# bench/search/run.sh — search benchmarks (not timed tests):
#   1. in-process per-query latency (p50/p99) over the whole content bank, with the
#      relevance suite's queries (tests/search/queries.tsv);
#   2. `bagu search` process wall time (start to exit) with hyperfine.
# Targets (docs/search.md): < 2 ms per query in-process, < 20 ms per process.
# Uses the optimised build in $BUILD (default build/, as `make` makes it).
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
ROUNDS=${ROUNDS:-20}
[ -f "$BUILD/CMakeCache.txt" ] || cmake -S . -B "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$BUILD" -j"$(nproc)" --target bagu >/dev/null
db=$(mktemp -d)/content.db
"$BUILD/bagu" build --quiet --content content --out "$db"
bin="$BUILD/bench_search"
cc -std=c17 -O2 -D_GNU_SOURCE -Isrc bench/search/bench_search.c -o "$bin" \
	"$BUILD/libbagu_search.a" "$BUILD/libbagu_store.a" "$BUILD/libbagu_kb.a" "$BUILD/libbagu_util.a" \
	$(pkg-config --libs sqlite3 yaml-0.1 libcmark-gfm) -lcmark-gfm-extensions -lm -lpthread

echo "== search: in-process latency ($BUILD, $(grep -E '^CMAKE_BUILD_TYPE' "$BUILD/CMakeCache.txt" | cut -d= -f2))"
"$bin" "$db" tests/search/queries.tsv "$ROUNDS"

echo "== search: process wall time (bagu search -n 10, hyperfine)"
if command -v hyperfine >/dev/null; then
	hyperfine -N --warmup 5 --runs "${RUNS:-50}" --style basic \
		"$BUILD/bagu search --db $db -n 10 切片扩容" \
		"$BUILD/bagu search --db $db -n 10 sync.Pool" \
		"$BUILD/bagu search --db $db -n 10 escape analysis" \
		"$BUILD/bagu search --db $db -n 10 --json 協程洩漏" \
		"$BUILD/bagu search --db $db -n 10 goroutnie" 2>&1 | grep -E "^Benchmark|Time \(mean|Range"
else
	echo "hyperfine not installed (scripts/setup.sh installs it)"
fi
rm -rf "$(dirname "$db")"
