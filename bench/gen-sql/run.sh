#!/usr/bin/env bash
# bench/gen-sql/run.sh [BAGU] — parse + emit speed of `bagu gen sql` on a 5,000-table
# mysqldump (bench/gen-sql/gen_dump.sh: 16 columns, Chinese comments, keys, partitions
# and INSERT data per table; ~10 MB). Prints wall time (best of 5), MB/s, tables/s and
# peak RSS for Go output and for --dump-model, and checks the Go output is gofmt-clean.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bagu=${1:-$root/build/bagu}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bash "$here/gen_dump.sh" 5000 "$work/dump.sql"
bytes=$(stat -c %s "$work/dump.sql")
echo "input: 5000 tables, $bytes bytes ($(nproc) cores; $("$bagu" --version))"
measure() { # label args...
	local label=$1 best=999999 rss=0
	shift
	for _ in 1 2 3 4 5; do
		/usr/bin/time -f "%e %M" -o "$work/time" "$bagu" gen sql "$@" "$work/dump.sql" >"$work/out"
		read -r t m <"$work/time"
		best=$(awk -v a="$best" -v b="$t" 'BEGIN { print (b < a) ? b : a }')
		[ "$m" -gt "$rss" ] && rss=$m
	done
	awk -v l="$label" -v t="$best" -v b="$bytes" -v r="$rss" -v o="$(stat -c %s "$work/out")" 'BEGIN {
		printf "%-12s %6.3f s  %6.1f MB/s  %7.0f tables/s  peak RSS %5.1f MB  output %.1f MB\n",
			l, t, b / 1e6 / t, 5000 / t, r / 1024, o / 1e6 }'
}
measure "go" --package=bench
gofmt=/usr/lib/go-1.23/bin/gofmt
if [ -x "$gofmt" ]; then
	[ -z "$("$gofmt" -l "$work/out" 2>&1)" ] && echo "go output: gofmt-clean" || echo "go output: NOT gofmt-clean"
fi
measure "dump-model" --dump-model
