#!/usr/bin/env bash
# `bagu check`: every validation rule is reported as path:line: message with exit 1.
. "$(dirname "$0")/lib.bash"
FIX="$BAGU_SRC/tests/fixtures/content"

run "$BAGU" check "$FIX";          expect_rc 0 "valid tree"; expect_out "questions:  3" "summary"
expect_out "seed:       3/359" "summary seed"; expect_out "topics:     3" "summary topics"
expect_out "diagrams:   2" "summary diagrams"
run "$BAGU" check "$T_TMP/nope";   expect_rc 1 "missing dir"

# mutate FILE SED EXPECTED: copy the fixture, apply a sed script to one file, expect an error.
n=0
mutate() {
	local file=$1 script=$2 want=$3
	n=$((n + 1))
	local d="$T_TMP/m$n"
	cp -r "$FIX" "$d"
	sed -i -e "$script" "$d/$file"
	run "$BAGU" check -q "$d"
	expect_rc 1 "mutation $n ($want)"
	expect_err "$d/$file:$want" "mutation $n"
}
A=questions/go/basics/alpha.md B=questions/go/basics/beta.md G=questions/go/runtime/gamma.md
mutate $A 's/^freq: 5/freq: 9/'                   "7: freq must be a whole number from 1 to 5"
mutate $A 's/^freq: 5/frequency: 5/'              "7: unknown front matter key 'frequency'"
mutate $A '/^title:/d'                            "1: missing required front matter key 'title'"
mutate $A 's/^level: 新手/level: expert/'         "6: level 'expert' must be one of 新手, 进阶, 高级"
mutate $A 's/^topic: go.basics/topic: go.nope/'   "5: topic 'go.nope' is not defined in topics.yaml"
mutate $A 's/^related: .*/related: [go.basics.zeta]/' "15: related id 'go.basics.zeta' does not exist"
mutate $A 's/^seed: .*/seed: [0]/'                "4: seed 0 is out of range 1-363"
mutate $A 's/^seed: .*/seed: [116]/'              "4: seed 116 is a tool (115-118), not a question"
mutate $B 's/^seed: .*/seed: [3, 1]/'             "4: seed 1 is already claimed by go.basics.alpha"
mutate $A 's/^seed: .*/seed: [1, 1]/'             "4: seed 1 is listed twice"
mutate $A 's/^## 追问/## 其他/'                   "38: unknown section '## 其他'"
mutate $A '/^## 追问/,$d'                          "17: missing section '## 追问'"
mutate $A 's/^## 简答/## 详解/'                   "21: duplicate section '## 详解'"
mutate $A '11,14d'                                  "8: 'keypoints' must have 3 to 6 items, has 1"
mutate $A 's/^    match: \[一, one\]/    match: []/' "9: keypoint '第一点' has an empty 'match' list"
mutate $A 's/^id: .*/id: Go.Basics.Alpha/'         "2: id 'Go.Basics.Alpha' must be lowercase"
mutate $A '1d'                                      "1: missing front matter"
mutate $A 's/^title: .*/title: [unclosed/'          "4: front matter:"
mutate $B 's/^seed_also: .*/seed_also: [200]/'      "5: seed_also 200 is not claimed by any file's seed list"
mutate $G 's/^id: .*/id: go.basics.alpha/'          "2: duplicate id 'go.basics.alpha'"
mutate $G '/^1\. 第一个/d'                          "44: '## 追问' must list 2 to 4 follow-up questions, has 1"
# diagrams (gamma.md: ```msc at line 25, ```dot at line 36 inside a list item)
mutate $G 's/ desc="A 经 B 到 C"//'                  "36: diagram: missing desc=\"...\""
mutate $G 's/^```msc title="TCP 三次握手" /```msc /' "25: diagram: missing title=\"...\""
mutate $G 's/title="TCP 三次握手"/title=""/'         "25: diagram: empty title=\"\""
mutate $G 's/title="TCP 三次握手"/title="x" colour="red"/' "25: diagram: unknown attribute 'colour' (expected title, desc)"
mutate $G 's/desc="A 经 B 到 C"/desc="A 经 B 到 C/'   "36: diagram: unterminated quote in desc=\"...\""
mutate $G 's/    B -> C;/    B -> -> C;/'            "40: diagram: syntax error near '->'"
mutate $G 's/  c => s \[label="ACK ack=y+1"\];/  c => x;/' "30: diagram: Unknown destination entity 'x'"
mutate $G 's/  s => c \[label="SYN+ACK seq=y ack=x+1"\];/  s => c [URL="http:\/\/x"];/' "29: diagram: attribute 'URL' is not allowed in diagrams"
mutate $G 's/    rankdir=LR;/    layout=sfdp;/'       "38: diagram: layout 'sfdp' is not allowed (use dot, neato, circo, fdp or twopi)"
mutate $G 's/    A -> B \[label="开始"\];/    A [image="\/etc\/passwd"];/' "39: diagram: attribute 'image' is not allowed in diagrams"
mutate $G 's/    A -> B \[label="开始"\];/    A [label=<<IMG SRC="x.png"\/>>];/' "39: diagram: <IMG> in an HTML-like label reads a file"
mutate $G 's/^  }$/  }\n  digraph h { x }/'       "36: diagram: more than one graph in one diagram"
mutate topics.yaml 's/parent: go, stage: 高级/parent: go.missing, stage: 高级/' "4: topic 'go.runtime': parent 'go.missing' is not defined"
mutate topics.yaml 's/prereq: \[go.basics\]/prereq: [go.runtime]/' "4: topic 'go.runtime' lists itself as a prerequisite"
mutate topics.yaml 's/stage: 高级/stage: 专家/'     "4: topic 'go.runtime': stage '专家' must be 新手, 进阶 or 高级"
mutate lexicon.yaml '$a\  切片: [again]'          "4: concept '切片' is listed twice"

# a nested structure beyond the depth limit is refused, not a crash
d="$T_TMP/deep"; cp -r "$FIX" "$d"
python3 -c "print('---\nid: x.y\ntitle: ' + '['*200 + '\n---')" > "$d/questions/deep.md" 2>/dev/null ||
	printf -- '---\nid: x.y\ntitle: %s\n---\n' "$(printf '[%.0s' $(seq 200))" > "$d/questions/deep.md"
run "$BAGU" check -q "$d"; expect_rc 1 "deep nesting"; expect_err "nesting deeper than 64 levels" "deep nesting"

# a diagram over the size cap, and one with too many nodes
d="$T_TMP/bigdia"; cp -r "$FIX" "$d"
python3 - "$d/$G" <<'PY'
import sys
p = sys.argv[1]; s = open(p, encoding="utf-8").read()
big = "    // " + "x" * 70000 + "\n"
s = s.replace("    B -> C;\n", "    B -> C;\n" + big)
s = s.replace("  c => s [label=\"SYN seq=x\"];\n", "".join("  c => s;\n" for _ in range(3)) + "  c => s [label=\"SYN seq=x\"];\n")
open(p, "w", encoding="utf-8").write(s)
PY
run "$BAGU" check -q "$d"; expect_rc 1 "big diagram"; expect_err "$d/$G:39: diagram: source is larger than 65536 bytes" "big diagram"
d="$T_TMP/manynodes"; cp -r "$FIX" "$d"
python3 - "$d/$G" <<'PY'
import sys
p = sys.argv[1]; s = open(p, encoding="utf-8").read()
s = s.replace("    B -> C;\n", "    B -> C;\n" + "".join(f"    n{i};\n" for i in range(400)))
open(p, "w", encoding="utf-8").write(s)
PY
run "$BAGU" check -q "$d"; expect_rc 1 "many nodes"; expect_err "$d/$G:36: diagram: 403 nodes; a diagram laid out with dot may have at most 400" "many nodes"

# invalid UTF-8
d="$T_TMP/utf8"; cp -r "$FIX" "$d"; printf -- '---\nid: a.b\xff\n---\n' > "$d/questions/bad.md"
run "$BAGU" check -q "$d"; expect_rc 1 "bad utf-8"; expect_err "bad.md:1: file is not valid UTF-8" "bad utf-8"

# examples: a passing, a skipped and (mutated) a failing block, named by file and line
run "$BAGU" check --examples "$FIX"
expect_rc 0 "examples"; expect_out "1 passed, 0 failed, 1 skipped" "examples counts"
expect_out "beta.md:28: example skipped: needs go1.99" "skip reported"
d="$T_TMP/exfail"; cp -r "$FIX" "$d"; sed -i 's|^// alpha 2|// alpha 3|' "$d/$A"
run "$BAGU" check --examples "$d"; expect_rc 1 "failing example"
expect_err "$d/$A:25: example output differs" "failing example position"
d="$T_TMP/exbuild"; cp -r "$FIX" "$d"; sed -i 's|fmt.Println("alpha", 1+1)|fmt.Println(undefined)|' "$d/$A"
run "$BAGU" check --examples "$d"; expect_rc 1 "example compile error"; expect_err "example does not build" "compile error"

finish
