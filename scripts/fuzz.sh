#!/usr/bin/env bash
# scripts/fuzz.sh [SECONDS] — builds every fuzz/fuzz_*.c with clang's libFuzzer + ASan/UBSan
# and runs each for SECONDS (default 60), seeding corpora from the repository's test data.
# Crashes are written to fuzz/crash-* and make the script exit 1.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-60}
CC=clang cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBAGU_FUZZ=ON >/dev/null
cmake --build build-fuzz -j"$(nproc)" >/dev/null
export BAGU_SRC=$PWD
shared=${BAGU_SHARED:-$PWD/../shared}
rc=0
for bin in build-fuzz/fuzz/fuzz_*; do
	[ -x "$bin" ] || continue
	name=$(basename "$bin")
	corpus="fuzz/corpus-$name"; mkdir -p "$corpus"
	seed="fuzz/seeds/$name"
	[ -d "$seed" ] && cp -n "$seed"/* "$corpus"/ 2>/dev/null || true
	case $name in
	fuzz_kb_question) find content tests/fixtures -name '*.md' -size -64k -exec cp -n {} "$corpus"/ \; ;;
	fuzz_gen_json) find "$shared/testdata/json-test-suite/test_parsing" -name 'y_*' -exec cp -n {} "$corpus"/ \; 2>/dev/null
		cp -n tests/cli/gen_cases/json/* "$corpus"/ 2>/dev/null ;;
	fuzz_gen_yaml) cp -n tests/cli/gen_cases/yaml/* "$corpus"/ 2>/dev/null ;;
	fuzz_gen_toml) find "$shared/testdata/toml-test/tests/valid" -name '*.toml' -size -4k -exec cp -n {} "$corpus"/ \; 2>/dev/null ;;
	fuzz_gen_sql) cp -n tests/fixtures/sql/* "$corpus"/ ;;
	fuzz_sql_script) find content -name "*.md" -size -64k -exec awk '/^```sql/{f=1;next} /^```/{f=0} f' {} + | head -c 60000 >"$corpus/content.sql" ;;
	fuzz_diagram) # raw renderer SVG for the post-processor (first byte 3: dot, 7: msc)
		{ printf '\x03'; echo 'digraph { a -> b [label="x"]; c [shape=box] }' | dot -Tsvg; } >"$corpus/svg-dot" 2>/dev/null || true
		{ printf '\x07'; echo 'msc { a, b; a => b [label="x"]; a box b [label="y"]; }' | mscgen -T svg -o - -i -; } >"$corpus/svg-msc" 2>/dev/null || true ;;
	fuzz_search_tokenizer) find content/questions -name '*.md' -size -16k | head -50 | xargs -I{} cp -n {} "$corpus"/ ;;
	esac
	[ -n "$(ls -A "$corpus")" ] || echo x > "$corpus/empty"
	echo "== $name ($secs s)"
	if ! "$bin" -max_total_time="$secs" -max_len=${FUZZ_MAX_LEN:-16384} -artifact_prefix=fuzz/ -print_final_stats=1 "$corpus" 2>"build-fuzz/$name.log"; then
		rc=1; tail -40 "build-fuzz/$name.log"
	fi
	grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "build-fuzz/$name.log" | sed 's/^/  /'
done
exit $rc
