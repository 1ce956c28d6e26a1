# Round-trip machinery shared by tests/cli/gen_*_roundtrip.sh (sourced, not run).
#
# rt_add NAME FORMAT INPUT [GEN-ARGS...]   queue a case
# rt_run                                    generate, gofmt -l, go vet, build, run
#
# Each case becomes its own Go package rt/cN (GOPATH mode, so that gopkg.in/yaml.v3
# from Debian's /usr/share/gocode is found); one harness imports them all, decodes
# every input strictly into the generated root type, re-encodes and compares.
# Counters PASS/FAIL are updated; failures are printed.
#
# Toolchains: the round trip (gofmt, vet, build, run) uses Go 1.27, the release users run;
# every generated package is also compiled with GO_OLD (Go 1.23, the oldest Go that
# docs/gen.md promises), so output that needs a newer language or library fails here.

: "${BAGU:?BAGU must point to the bagu binary}"
GO=${GO:-/usr/lib/go-1.27/bin/go}
GOFMT=${GOFMT:-/usr/lib/go-1.27/bin/gofmt}
GO_OLD=${GO_OLD:-/usr/lib/go-1.23/bin/go}
for t in "$GO" "$GOFMT" "$GO_OLD"; do
	[ -x "$t" ] || { echo "FAIL: $t not found (scripts/setup.sh installs Go 1.27 and 1.23)"; exit 1; }
done
RT_DIR=$(mktemp -d "${TMPDIR:-/tmp}/bagu-gen-rt.XXXXXX")
trap 'rm -rf "$RT_DIR"' EXIT
RT_SRC=$RT_DIR/gopath/src/rt
mkdir -p "$RT_SRC/harness"
RT_N=0
RT_NAMES=()
RT_FORMATS=()
RT_INPUTS=()
RT_ARGS=()
PASS=${PASS:-0}
FAIL=${FAIL:-0}

ok() { PASS=$((PASS + 1)); }
bad() { FAIL=$((FAIL + 1)); echo "FAIL: $*"; }

rt_add() {
	local name=$1 format=$2 input=$3
	shift 3
	RT_NAMES+=("$name")
	RT_FORMATS+=("$format")
	RT_INPUTS+=("$input")
	RT_ARGS+=("$*")
}

rt_goenv() {
	env GO111MODULE=off GOPATH="$RT_DIR/gopath:/usr/share/gocode" GOFLAGS= GOTOOLCHAIN=local \
		GOCACHE="${GOCACHE_DIR:-${BAGU_BUILD:-${TMPDIR:-/tmp}}/bagu-gocache}" TZ=UTC "$@"
}

rt_run() {
	local i pkgs=() live=()
	for i in "${!RT_NAMES[@]}"; do
		local pkg=c$i dir=$RT_SRC/c$i
		mkdir -p "$dir"
		# shellcheck disable=SC2086
		if ! "$BAGU" gen "${RT_FORMATS[$i]}" --package "$pkg" ${RT_ARGS[$i]} "${RT_INPUTS[$i]}" \
			>"$dir/gen.go" 2>"$dir/err.txt"; then
			bad "${RT_NAMES[$i]}: bagu gen failed: $(head -c 300 "$dir/err.txt")"
			rm -rf "$dir"
			continue
		fi
		local unformatted
		unformatted=$("$GOFMT" -l "$dir/gen.go")
		if [ -n "$unformatted" ]; then
			bad "${RT_NAMES[$i]}: gofmt -l reports the output: $("$GOFMT" -d "$dir/gen.go" | head -20)"
			continue
		fi
		pkgs+=("$i")
	done
	# vet each package (they compile independently); drop the ones that fail
	local vetlist=()
	for i in "${pkgs[@]}"; do vetlist+=("rt/c$i"); done
	if [ ${#vetlist[@]} -gt 0 ] && ! rt_goenv "$GO" vet "${vetlist[@]}" >"$RT_DIR/vet.txt" 2>&1; then
		for i in "${pkgs[@]}"; do
			if ! rt_goenv "$GO" vet "rt/c$i" >"$RT_DIR/vet1.txt" 2>&1; then
				bad "${RT_NAMES[$i]}: go vet: $(head -c 600 "$RT_DIR/vet1.txt")"
			else
				live+=("$i")
			fi
		done
	else
		live=("${pkgs[@]}")
	fi
	[ ${#live[@]} -gt 0 ] || return 0
	# the oldest supported Go must compile every package that vets on the newest
	local oldlist=()
	for i in "${live[@]}"; do oldlist+=("rt/c$i"); done
	if ! rt_goenv "$GO_OLD" build "${oldlist[@]}" >"$RT_DIR/old.txt" 2>&1; then
		for i in "${live[@]}"; do
			rt_goenv "$GO_OLD" build "rt/c$i" >"$RT_DIR/old1.txt" 2>&1 ||
				bad "${RT_NAMES[$i]}: does not build with $("$GO_OLD" env GOVERSION): $(head -c 600 "$RT_DIR/old1.txt")"
		done
	else
		ok
	fi
	local imports="" table=""
	for i in "${live[@]}"; do
		local esc_name esc_path
		esc_name=$(printf '%s' "${RT_NAMES[$i]}" | sed 's/\\/\\\\/g; s/"/\\"/g')
		esc_path=$(printf '%s' "$(realpath "${RT_INPUTS[$i]}")" | sed 's/\\/\\\\/g; s/"/\\"/g')
		imports+="	c$i \"rt/c$i\""$'\n'
		table+="	{\"$esc_name\", \"${RT_FORMATS[$i]}\", \"$esc_path\", func() any { var p *c$i.Root; return &p }},"$'\n'
	done
	awk -v imports="$imports" -v table="$table" '
		/\/\/@IMPORTS@/ { printf "%s", imports; next }
		/\/\/@CASES@/ { printf "%s", table; next }
		{ print }' "$BAGU_SRC/tests/cli/gen_cases/harness.go.in" >"$RT_SRC/harness/main.go"
	"$GOFMT" -w "$RT_SRC/harness/main.go"
	if ! rt_goenv "$GO" vet rt/harness >"$RT_DIR/hvet.txt" 2>&1; then
		bad "harness does not vet: $(head -c 2000 "$RT_DIR/hvet.txt")"
		return 0
	fi
	if ! rt_goenv "$GO" build -o "$RT_DIR/harness.bin" rt/harness >"$RT_DIR/hbuild.txt" 2>&1; then
		bad "harness does not build: $(head -c 2000 "$RT_DIR/hbuild.txt")"
		return 0
	fi
	TZ=UTC "$RT_DIR/harness.bin" >"$RT_DIR/run.txt" 2>&1
	local line
	while IFS= read -r line; do
		case $line in
		"ok   "*) ok ;;
		"FAIL "*) bad "round trip: ${line#FAIL }" ;;
		"   "*) echo "$line" ;;
		esac
	done <"$RT_DIR/run.txt"
	grep -q '^harness: ' "$RT_DIR/run.txt" || bad "harness crashed: $(tail -c 2000 "$RT_DIR/run.txt")"
}
