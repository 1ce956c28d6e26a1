#!/usr/bin/env bash
# The search relevance suite: every query of tests/search/queries*.tsv (queries.tsv for
# Go, queries-<area>.tsv for each further area) must find its
# expected question in the top 3 over the real content bank. Builds content/ into a
# temporary database, then runs `bagu search --json`. Prints MRR and hit@3 (over the
# top 10) per kind and overall, then "N passed, M failed".
. "$(dirname "$0")/lib.bash"
queries=("$BAGU_SRC"/tests/search/queries*.tsv)
db="$T_TMP/content.db"
run "$BAGU" build --quiet --content "$BAGU_SRC/content" --out "$db"
expect_rc 0 "build content/ for the relevance suite"
[ "$RC" -eq 0 ] || { finish; exit 1; }

declare -A kn kh kr
n=0 hits=0 rr=0
while IFS=$'\t' read -r kind query want; do
	case "$kind" in ''|'#'*) continue ;; esac
	if ! sqlite3 "$db" "SELECT 1 FROM questions WHERE id = '${want//\'/\'\'}'" | grep -q 1; then
		bad "'$query': expected question $want is not in the bank"
		continue
	fi
	run "$BAGU" search --db "$db" --json -n 10 "$query"
	if [ "$RC" -ne 0 ]; then
		bad "'$query': exit $RC: ${ERR:0:200}"
		continue
	fi
	rank=$(jq -r --arg w "$want" '[.[].id] | index($w) // -1' <<<"$OUT")
	n=$((n + 1)); kn[$kind]=$(( ${kn[$kind]:-0} + 1 ))
	if [ "$rank" -ge 0 ]; then
		r=$(awk -v k="$rank" 'BEGIN { printf "%.6f", 1 / (k + 1) }')
		rr=$(awk -v a="$rr" -v b="$r" 'BEGIN { printf "%.6f", a + b }')
		kr[$kind]=$(awk -v a="${kr[$kind]:-0}" -v b="$r" 'BEGIN { printf "%.6f", a + b }')
	fi
	if [ "$rank" -ge 0 ] && [ "$rank" -lt 3 ]; then
		ok; hits=$((hits + 1)); kh[$kind]=$(( ${kh[$kind]:-0} + 1 ))
	else
		top=$(jq -r '[.[0:3][].id] | join(", ")' <<<"$OUT")
		bad "[$kind] '$query': $want at rank $((rank + 1)) (0 = not in top 10); top 3: $top"
	fi
done < <(cat "${queries[@]}")

[ "$n" -ge 50 ] && ok || bad "the suite has $n queries, want at least 50"
for kind in $(printf '%s\n' "${!kn[@]}" | sort); do
	awk -v k="$kind" -v n="${kn[$kind]}" -v h="${kh[$kind]:-0}" -v r="${kr[$kind]:-0}" \
		'BEGIN { printf "  %-8s %3d queries  hit@3 %.3f  MRR %.3f\n", k, n, h / n, r / n }'
done
awk -v n="$n" -v h="$hits" -v r="$rr" 'BEGIN { if (n) printf "relevance: %d queries, hit@3 %.3f, MRR %.3f\n", n, h / n, r / n }'
finish
