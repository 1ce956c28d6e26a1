#!/usr/bin/env bash
# bagu gen json: round trips through Go 1.27 (gofmt -l, go vet, strict decode,
# re-encode, compare) for our tricky cases and every y_ file of JSONTestSuite;
# every n_ file must be rejected with exit 1 and a file:line:col position.
set -u
BAGU_SRC=${BAGU_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
BAGU_SHARED=${BAGU_SHARED:-$BAGU_SRC/../shared}
source "$BAGU_SRC/tests/cli/gen_cases/roundtrip.bash"

SUITE=$BAGU_SHARED/testdata/json-test-suite/test_parsing
for f in "$BAGU_SRC"/tests/cli/gen_cases/json/*.json; do
	rt_add "$(basename "$f")" json "$f"
	rt_add "$(basename "$f") --inline" json "$f" --inline
	rt_add "$(basename "$f") --optional=pointer" json "$f" --optional=pointer
done
# seeded random documents: nesting, tricky keys, every scalar kind, optional fields
# (python3 is required and installed by scripts/setup.sh: no silent skip)
python3 "$BAGU_SRC/tests/cli/gen_cases/random_json.py" "$RT_DIR/random" "${GEN_RANDOM_CASES:-60}" 7 ||
	bad "random_json.py failed"
for f in "$RT_DIR"/random/*.json; do
	rt_add "$(basename "$f")" json "$f"
	rt_add "$(basename "$f") --inline --optional=pointer" json "$f" --inline --optional=pointer
done
if [ -d "$SUITE" ]; then
	for f in "$SUITE"/y_*.json; do
		rt_add "$(basename "$f")" json "$f"
	done
	for f in "$SUITE"/n_*.json; do
		err=$(timeout 20 "$BAGU" gen json "$f" 2>&1 >/dev/null)
		rc=$?
		if [ $rc -eq 1 ] && printf '%s' "$err" | grep -qE ":[0-9]+:[0-9]+: "; then
			ok
		else
			bad "$(basename "$f") not rejected with a position (exit $rc): $err"
		fi
	done
else
	bad "JSONTestSuite not found at $SUITE"
fi
rt_run
echo "$PASS passed, $FAIL failed"
[ "$FAIL" -eq 0 ]
