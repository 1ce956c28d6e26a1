#!/usr/bin/env bash
# bench/gen/run.sh — throughput and peak memory of `bagu gen` on 1, 20 and 100 MB inputs,
# side by side with quicktype when it is installed (npm; node_modules/.bin/quicktype).
#
#   bench/gen/run.sh                    # all formats, sizes 1 20 100
#   SIZES="1 20" FORMATS="ndjson" bench/gen/run.sh
#   BAGU=path/to/bagu bench/gen/run.sh  # default: a Release build in build-bench/
#
# Inputs are generated once into $DATA (default /tmp/bagu-bench-gen) by gen_records.py.
# Each run: wall time from $EPOCHREALTIME (best of RUNS), max RSS from /usr/bin/time;
# MB/s = input MB / wall s.
# Numbers are for one core: bagu gen is single-threaded.
set -eu
SRC=$(cd "$(dirname "$0")/../.." && pwd)
DATA=${DATA:-/tmp/bagu-bench-gen}
SIZES=${SIZES:-1 20 100}
FORMATS=${FORMATS:-ndjson json yaml toml}
RUNS=${RUNS:-3}
mkdir -p "$DATA"

if [ -z "${BAGU:-}" ]; then
	BAGU=$SRC/build-bench/bagu
	if [ ! -x "$BAGU" ]; then
		cmake -S "$SRC" -B "$SRC/build-bench" -DCMAKE_BUILD_TYPE=Release >/dev/null
		cmake --build "$SRC/build-bench" --target bagu -j"$(nproc)" >/dev/null
	fi
fi
# quicktype, the peer measured side by side, is pinned in bench/gen/package-lock.json and
# installed from npm the first time the benchmark runs (NO_QUICKTYPE=1 skips it).
if [ -z "${NO_QUICKTYPE:-}" ] && [ ! -x "$SRC/bench/gen/node_modules/.bin/quicktype" ]; then
	(cd "$SRC/bench/gen" && npm ci --no-audit --no-fund --loglevel=error) >&2 ||
		echo "quicktype: npm ci failed; measuring bagu alone" >&2
fi
QT=""
[ -n "${NO_QUICKTYPE:-}" ] ||
for c in "$SRC/bench/gen/node_modules/.bin/quicktype" "$SRC/node_modules/.bin/quicktype" "$(command -v quicktype 2>/dev/null || true)"; do
	[ -n "$c" ] && [ -x "$c" ] && QT=$c && break
done

# measure LABEL CMD... → prints "best_wall_s max_rss_kb" of RUNS runs
measure() {
	shift # the label
	local best="" rss=0 i out
	for ((i = 0; i < RUNS; i++)); do
		local t0=$EPOCHREALTIME
		/usr/bin/time -o "$DATA/time.txt" -f "%M" "$@" >/dev/null 2>/dev/null || true
		local t1=$EPOCHREALTIME
		local m t
		m=$(tail -n 1 "$DATA/time.txt")
		t=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.3f", b-a}')
		if [ -z "$best" ] || awk -v a="$t" -v b="$best" 'BEGIN{exit !(a<b)}'; then best=$t; fi
		[ "$m" -gt "$rss" ] && rss=$m
	done
	echo "$best $rss"
}

printf '%-8s %6s  %-10s %9s %9s %11s\n' format MB tool seconds MB/s "peak RSS"
echo "(bagu: $BAGU)"
for fmt in $FORMATS; do
	ext=$fmt
	gfmt=$fmt
	case $fmt in ndjson) gfmt=json ;; esac
	for mb in $SIZES; do
		f=$DATA/records-${mb}MB.$ext
		[ -s "$f" ] || python3 "$SRC/bench/gen/gen_records.py" "$fmt" "$mb" "$f"
		real_mb=$(awk -v b="$(stat -c %s "$f")" 'BEGIN{printf "%.1f", b/1e6}')
		if ! "$BAGU" gen "$gfmt" "$f" >/dev/null 2>"$DATA/err.txt"; then
			echo "bagu gen $gfmt $f failed: $(cat "$DATA/err.txt")" >&2
			continue
		fi
		read -r t rss < <(measure bagu "$BAGU" gen "$gfmt" "$f")
		printf '%-8s %6s  %-10s %9s %9.0f %8.1f MB\n' "$fmt" "$real_mb" bagu "$t" \
			"$(awk -v m="$real_mb" -v t="$t" 'BEGIN{print (t>0? m/t : 0)}')" "$(awk -v k="$rss" 'BEGIN{print k/1024}')"
		if [ -n "$QT" ] && [ "$gfmt" = json ] && [ "$fmt" = json ]; then
			read -r t rss < <(RUNS=1 measure quicktype "$QT" --lang go --src-lang json "$f")
			printf '%-8s %6s  %-10s %9s %9.1f %8.1f MB\n' "$fmt" "$real_mb" quicktype "$t" \
				"$(awk -v m="$real_mb" -v t="$t" 'BEGIN{print (t>0? m/t : 0)}')" "$(awk -v k="$rss" 'BEGIN{print k/1024}')"
		fi
	done
done
[ -n "$QT" ] || echo "quicktype: not measured (NO_QUICKTYPE set or npm ci failed)"
