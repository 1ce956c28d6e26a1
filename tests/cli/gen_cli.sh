#!/usr/bin/env bash
# bagu gen: the command line — options, stdin, several files, -o without partial
# output, exit codes (0 ok, 1 failure with one file:line:col message, 2 usage).
set -u
: "${BAGU:?BAGU must point to the bagu binary}"
PASS=0
FAIL=0
T=$(mktemp -d "${TMPDIR:-/tmp}/bagu-gen-cli.XXXXXX")
trap 'rm -rf "$T"' EXIT

ok() { PASS=$((PASS + 1)); }
bad() { FAIL=$((FAIL + 1)); echo "FAIL: $*"; }

# expect NAME WANT_RC WANT_STDOUT_FILE -- CMD...   (stdin from $IN if set)
run() {
	"$@" >"$T/out" 2>"$T/err"
	echo $? >"$T/rc"
}
check_rc() { # name want
	local rc
	rc=$(cat "$T/rc")
	[ "$rc" = "$2" ] && ok || bad "$1: exit $rc, want $2 (stderr: $(head -c 300 "$T/err"))"
}
check_out() { # name expected-text
	if [ "$(cat "$T/out")" = "$2" ]; then ok; else
		bad "$1: stdout differs"
		diff <(printf '%s\n' "$2") "$T/out" | head -20
	fi
}
check_err_re() { # name regex
	if [ "$(wc -l <"$T/err")" -le 1 ] && grep -qE "$2" "$T/err"; then ok; else
		bad "$1: stderr $(cat "$T/err") does not match $2"
	fi
}

# ---- usage errors: exit 2 with a usage line ----
run "$BAGU" gen;                      check_rc "no format" 2; grep -q "usage" "$T/err" && ok || bad "no usage line"
run "$BAGU" gen xml x;                check_rc "unknown format" 2
run "$BAGU" gen json --bogus;         check_rc "unknown option" 2
run "$BAGU" gen json --optional=x;    check_rc "bad --optional" 2
run "$BAGU" gen json --tags json,xml; check_rc "bad --tags" 2
run "$BAGU" gen json --package 1x;    check_rc "bad --package" 2
run "$BAGU" gen json --package type;  check_rc "keyword --package" 2
run "$BAGU" gen json --name;          check_rc "--name without value" 2
run "$BAGU" gen json --tagged-json;   check_rc "--tagged-json on json" 2
run "$BAGU" gen json --help;          check_rc "--help" 0; grep -q -- "--optional" "$T/out" && ok || bad "--help text"

# ---- stdin, defaults ----
printf '{"user_id": 1, "name": "x"}\n' >"$T/a.json"
run "$BAGU" gen json <"$T/a.json"
check_rc "stdin" 0
check_out "stdin" 'package main

type Root struct {
	UserID int64  `json:"user_id"`
	Name   string `json:"name"`
}'
run "$BAGU" gen json - <"$T/a.json"; check_rc "dash is stdin" 0

# ---- options ----
printf '{"id": 1, "tags": ["a"], "owner": {"login": "x"}}\n{"id": 2}\n' >"$T/b.json"
run "$BAGU" gen json --name "api response" --package models --tags json,yaml,toml "$T/b.json"
check_rc "options" 0
check_out "options" 'package models

type APIResponse struct {
	ID    int64    `json:"id" yaml:"id" toml:"id"`
	Tags  []string `json:"tags,omitempty" yaml:"tags,omitempty" toml:"tags,omitempty"`
	Owner *Owner   `json:"owner,omitempty" yaml:"owner,omitempty" toml:"owner"`
}

type Owner struct {
	Login string `json:"login" yaml:"login" toml:"login"`
}'
run "$BAGU" gen json --inline --optional=pointer "$T/b.json"
check_rc "inline pointer" 0
check_out "inline pointer" 'package main

type Root struct {
	ID    int64     `json:"id"`
	Tags  *[]string `json:"tags,omitempty"`
	Owner *struct {
		Login string `json:"login"`
	} `json:"owner,omitempty"`
}'
run "$BAGU" gen json --name=Config --package=cfg --optional=omitempty "$T/a.json"
check_rc "--flag=value" 0; grep -q "^type Config struct" "$T/out" && grep -q "^package cfg" "$T/out" && ok || bad "--flag=value forms"

# ---- --time: time.Time only for text that survives re-encoding ----
printf '{"a": "2018-02-21T21:54:44.000Z", "b": "2018-02-21T21:54:44Z"}\n' >"$T/t.json"
run "$BAGU" gen json "$T/t.json"
check_rc "--time default" 0
check_out "--time=auto" 'package main

import "time"

type Root struct {
	A string    `json:"a"` // string: "2018-02-21T21:54:44.000Z" would re-encode as "2018-02-21T21:54:44Z"
	B time.Time `json:"b"`
}'
run "$BAGU" gen json --time=always "$T/t.json"
check_rc "--time=always" 0; [ "$(grep -c 'time.Time' "$T/out")" = 2 ] && ok || bad "--time=always: $(cat "$T/out")"
run "$BAGU" gen json --time never "$T/t.json"
check_rc "--time never" 0; grep -q "time" "$T/out" && bad "--time=never: $(cat "$T/out")" || ok
run "$BAGU" gen json --time=sometimes "$T/t.json"; check_rc "bad --time" 2; grep -q "auto, always or never" "$T/err" && ok || bad "bad --time message"
printf 'a = 1979-05-27\n' >"$T/t.toml"
run "$BAGU" gen toml "$T/t.toml"; check_rc "toml date" 0
grep -qF 'A time.Time `toml:"a"` // time.Time: "1979-05-27" would re-encode as "1979-05-27T00:00:00Z"' "$T/out" && ok || bad "toml time comment: $(cat "$T/out")"
run "$BAGU" gen toml --time=never "$T/t.toml"; check_rc "--time=never on toml" 1
check_err_re "--time=never on toml" "does not apply to TOML"

# ---- several files merge into one type; output deterministic ----
printf '{"id": 3, "extra": true}\n' >"$T/c.json"
run "$BAGU" gen json "$T/b.json" "$T/c.json"
check_rc "two files" 0
grep -q 'Extra bool  *`json:"extra,omitempty"`' "$T/out" && ok || bad "merged field from the second file: $(cat "$T/out")"
cp "$T/out" "$T/first"
run "$BAGU" gen json "$T/b.json" "$T/c.json"
cmp -s "$T/out" "$T/first" && ok || bad "output not deterministic"

# ---- errors: exit 1, one line file:line:col ----
printf '{"a": 1,\n "b": tru}\n' >"$T/bad.json"
run "$BAGU" gen json "$T/bad.json"; check_rc "bad json" 1; check_err_re "bad json" "bad\.json:2:[0-9]+: "
run "$BAGU" gen json "$T/a.json" "$T/bad.json"; check_rc "bad second file" 1; check_err_re "bad second file" "bad\.json:2:[0-9]+: "
run "$BAGU" gen json "$T/missing.json"; check_rc "missing file" 1; check_err_re "missing file" "missing\.json: "
run "$BAGU" gen json "$T"; check_rc "directory" 1
printf '' >"$T/empty.json"
run "$BAGU" gen json "$T/empty.json"; check_rc "empty" 1; check_err_re "empty" "empty\.json:1:1: no JSON value"
printf 'a: 1\nb: [1, 2\n' >"$T/bad.yaml"
run "$BAGU" gen yaml "$T/bad.yaml"; check_rc "bad yaml" 1; check_err_re "bad yaml" "bad\.yaml:[0-9]+:[0-9]+: "
printf 'a: 1\na: 2\n' >"$T/dup.yaml"
run "$BAGU" gen yaml "$T/dup.yaml"; check_rc "duplicate yaml key" 1; check_err_re "duplicate yaml key" 'dup\.yaml:2:1: duplicate key "a"'
printf 'a: &x [*x]\n' >"$T/rec.yaml"
run "$BAGU" gen yaml "$T/rec.yaml"; check_rc "recursive alias" 1; check_err_re "recursive alias" 'rec\.yaml:[0-9]+:[0-9]+: '
python3 - "$T/laughs.yaml" <<'PY' || bad "writing the billion-laughs input"
import sys
lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]']
for i in range(1, 9):
    lines.append(f'a{i}: &a{i} [' + ', '.join([f'*a{i-1}'] * 10) + ']')
open(sys.argv[1], 'w').write('\n'.join(lines) + '\n')
PY
run timeout 20 "$BAGU" gen yaml "$T/laughs.yaml"; check_rc "billion laughs" 1; check_err_re "billion laughs" "after expanding aliases"
python3 -c 'print("[" * 5000 + "]" * 5000)' >"$T/deep.json"
run "$BAGU" gen json "$T/deep.json"; check_rc "too deep" 1; check_err_re "too deep" "deep\.json:1:1001: nesting deeper than 1000 levels"

# ---- -o: written atomically, never partially ----
run "$BAGU" gen json -o "$T/out.go" "$T/a.json"; check_rc "-o" 0
[ -s "$T/out.go" ] && [ ! -s "$T/out" ] && ok || bad "-o did not write the file"
echo "keep me" >"$T/keep.go"
run "$BAGU" gen json -o "$T/keep.go" "$T/bad.json"; check_rc "-o on error" 1
[ "$(cat "$T/keep.go")" = "keep me" ] && ok || bad "-o clobbered the file on error"
run "$BAGU" gen json --output "$T/new.go" "$T/bad.json"
[ ! -e "$T/new.go" ] && ok || bad "-o created a partial file on error"
ls "$T" | grep -q '\.tmp' && bad "temporary file left behind" || ok

# ---- yaml and toml through the same command ----
printf 'name: x\nport: 8080\non: yes\n' >"$T/c.yaml"
run "$BAGU" gen yaml "$T/c.yaml"; check_rc "yaml" 0
check_out "yaml" 'package main

type Root struct {
	Name string `yaml:"name"`
	Port int64  `yaml:"port"`
	On   string `yaml:"on"`
}'
printf 'title = "x"\n[owner]\nname = "n"\n' >"$T/c.toml"
run "$BAGU" gen toml "$T/c.toml"; check_rc "toml" 0; grep -q 'Owner Owner  `toml:"owner"`' "$T/out" && ok || bad "toml output: $(cat "$T/out")"

# ---- gofmt agrees with every output above (when Go is installed) ----
GOFMT=${GOFMT:-/usr/lib/go-1.27/bin/gofmt}
if [ -x "$GOFMT" ]; then
	"$BAGU" gen json --inline --tags json,yaml "$T/b.json" "$T/c.json" >"$T/fmt.go" &&
		[ -z "$("$GOFMT" -l "$T/fmt.go")" ] && ok || bad "gofmt -l reports output"
fi

echo "$PASS passed, $FAIL failed"
[ "$FAIL" -eq 0 ]
