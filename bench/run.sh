#!/usr/bin/env bash
# bench/run.sh — every benchmark, one after another (what `make bench` runs).
# Benchmarks compare side by side in one run and report ratios; they are never tests.
#   bench/run.sh              all of them
#   bench/run.sh search gen   only these (directories under bench/)
set -uo pipefail
cd "$(dirname "$0")"
names=("$@")
[ ${#names[@]} -gt 0 ] || names=(search gen gen-sql serve)
rc=0
for n in "${names[@]}"; do
	echo "=== bench/$n"
	bash "$n/run.sh" || { echo "bench/$n failed"; rc=1; }
done
exit $rc
