#!/usr/bin/env bash
# gen_toml_tagged — `bagu gen toml --tagged-json [FILE]`, the toml-test decoder interface:
#   - every valid case of toml-test's 1.0.0 list: exit 0, one JSON document on stdout
#     (checked with python3's json module), nothing on stderr;
#   - every invalid case: exit 1, nothing on stdout, one "FILE:LINE:COL: message" line;
#   - exact output for a small document, read from a file and from stdin.
# (Value-by-value comparison with the expected JSON is tests/unit/test_gen_toml_suite.c.)
# Env: BAGU, BAGU_SRC, BAGU_SHARED. Prints "N passed, M failed".
set -u
: "${BAGU:?set BAGU to the bagu binary}"
BAGU_SRC=${BAGU_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
SHARED=${BAGU_SHARED:-$BAGU_SRC/../shared}
SUITE=$SHARED/testdata/toml-test/tests
# The suite is required: a missing suite is a failure, never a silent pass.
[ -f "$SUITE/files-toml-1.0.0" ] || { echo "toml-test suite not found at $SUITE (set BAGU_SHARED)" >&2; echo "0 passed, 1 failed"; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/gen_toml_tagged.XXXXXX")
trap 'rm -rf "$work"' EXIT

pass=0
fail=0
failed() {
	fail=$((fail + 1))
	printf 'FAIL %s: %s\n' "$1" "$2"
}

valid=()
while IFS= read -r f; do
	case $f in
	valid/*.toml) valid+=("$SUITE/$f") ;;
	invalid/*.toml)
		out=$("$BAGU" gen toml --tagged-json "$SUITE/$f" 2>"$work/err")
		rc=$?
		lines=$(wc -l <"$work/err")
		if [ $rc -eq 1 ] && [ -z "$out" ] && [ "$lines" -eq 1 ] &&
			grep -Eq "$(printf '%s' "$SUITE/$f" | sed 's/[][\.*^$]/\\&/g'):[1-9][0-9]*:[1-9][0-9]*: " "$work/err"; then
			pass=$((pass + 1))
		else
			failed "$f" "rc=$rc stdout=[${out:0:200}] stderr=[$(head -c 300 "$work/err")]"
		fi
		;;
	esac
done <"$SUITE/files-toml-1.0.0"

# valid cases: exit 0, valid JSON, quiet stderr (python checks all outputs in one run)
for f in "${valid[@]}"; do
	n=$(basename "$(dirname "$f")")_$(basename "$f" .toml)
	if "$BAGU" gen toml --tagged-json "$f" >"$work/$n.json" 2>"$work/err" && [ ! -s "$work/err" ]; then
		echo "$work/$n.json" >>"$work/outputs"
	else
		failed "$f" "rc=$? stderr=[$(head -c 300 "$work/err")]"
	fi
done
if [ -s "$work/outputs" ]; then
	res=$(python3 - "$work/outputs" <<'EOF'
import json, sys
bad = 0
for path in open(sys.argv[1]).read().split():
    try:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        assert isinstance(doc, dict)
    except Exception as e:
        print("FAIL %s: not a JSON object: %s" % (path, e))
        bad += 1
print("BAD", bad)
EOF
)
	bad=$(printf '%s\n' "$res" | sed -n 's/^BAD //p')
	printf '%s\n' "$res" | grep '^FAIL' || true
	total=$(wc -l <"$work/outputs")
	pass=$((pass + total - ${bad:-$total}))
	fail=$((fail + ${bad:-$total}))
fi

# exact output, from a file and from stdin
printf 'b = 0x10\na = [1979-05-27, "s\\u00e9"]\n[t]\nf = -inf\n' >"$work/small.toml"
want='{"b":{"type":"integer","value":"16"},"a":[{"type":"date-local","value":"1979-05-27"},{"type":"string","value":"sé"}],"t":{"f":{"type":"float","value":"-inf"}}}'
got=$("$BAGU" gen toml --tagged-json "$work/small.toml" 2>&1)
[ "$got" = "$want" ] && pass=$((pass + 1)) || failed "exact output (file)" "$got"
got=$("$BAGU" gen toml --tagged-json <"$work/small.toml" 2>&1)
[ "$got" = "$want" ] && pass=$((pass + 1)) || failed "exact output (stdin)" "$got"

# stdin errors are named <stdin>
got=$(printf 'a = 1\na = 2\n' | "$BAGU" gen toml --tagged-json 2>&1 >/dev/null)
rc=$?
case $got in
*"<stdin>:2:1: duplicate key"*) pass=$((pass + 1)) ;;
*) failed "stdin error" "rc=$rc $got" ;;
esac

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
