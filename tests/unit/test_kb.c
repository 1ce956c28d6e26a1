/* Unit tests: kb (question parsing, sections, examples, rendering, the fixture tree). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "kb/kb.h"

static const char good[] =
	"---\n"
	"id: go.x.y\n"
	"title: 标题？\n"
	"seed: [5]\n"
	"topic: go.x\n"
	"level: advanced\n"
	"freq: 2\n"
	"keypoints:\n"
	"  - {text: a, match: [a]}\n"
	"  - {text: b, match: [b, bb]}\n"
	"  - {text: c, match: [c]}\n"
	"---\n"
	"## 简答\n"
	"\n"
	"短答 <script>alert(1)</script> [x](javascript:alert(1))\n"
	"\n"
	"## 详解\n"
	"\n"
	"```go\n"
	"## not a heading inside code\n"
	"```\n"
	"\n"
	"| a | b |\n|---|---|\n| 1 | 2 |\n"
	"\n"
	"## 示例\n"
	"\n"
	"```go\n"
	"//go:build go1.24\n"
	"\n"
	"package main\n"
	"\n"
	"func main() { println() }\n"
	"\n"
	"// Output:\n"
	"// line one\n"
	"//\n"
	"// line three\n"
	"```\n"
	"\n"
	"## 追问\n"
	"\n"
	"- one?\n"
	"- two?\n";

static void test_parse_good(void **state)
{
	(void)state;
	struct kb kb;
	kb_init(&kb);
	kb_parse_question(&kb, "q.md", good, strlen(good));
	for (size_t i = 0; i < kb.ndiags; i++)
		print_message("%s\n", kb.diags[i].msg);
	assert_int_equal(kb.nerrors, 0);
	assert_int_equal(kb.nquestions, 1);
	struct kb_question *q = &kb.questions[0];
	assert_string_equal(q->id, "go.x.y");
	assert_string_equal(q->level, "高级"); /* normalised */
	assert_int_equal(q->freq, 2);
	assert_int_equal(q->nseed, 1);
	assert_int_equal(q->seed[0], 5);
	assert_int_equal(q->nkeypoints, 3);
	assert_int_equal(q->keypoints[1].nmatch, 2);
	assert_int_equal(q->sec_line[KB_SHORT], 13);
	assert_int_equal(q->sec_line[KB_FOLLOWUP], 42);
	/* the ## inside a code fence is not a heading */
	assert_non_null(strstr(q->md[KB_DETAIL], "## not a heading"));
	/* safe rendering: raw HTML and javascript: links are dropped, tables rendered */
	assert_null(strstr(q->html[KB_SHORT], "<script>"));
	assert_null(strstr(q->html[KB_SHORT], "javascript:"));
	assert_non_null(strstr(q->html[KB_DETAIL], "<table>"));
	assert_non_null(strstr(q->html[KB_DETAIL], "<pre lang=\"go\"><code>"));
	/* examples: two blocks; the second is checked, needs go1.24, expected text parsed */
	assert_int_equal(q->nexamples, 2);
	assert_false(q->examples[0].checked);
	assert_int_equal(q->examples[0].line, 19);
	assert_true(q->examples[1].checked);
	assert_int_equal(q->examples[1].go_minor, 24);
	assert_int_equal(q->examples[1].line, 29);
	assert_string_equal(q->examples[1].expected, "line one\n\nline three\n");
	kb_release(&kb);
}

static void expect_error(const char *text, const char *want)
{
	struct kb kb;
	kb_init(&kb);
	kb_parse_question(&kb, "q.md", text, strlen(text));
	bool found = false;
	for (size_t i = 0; i < kb.ndiags; i++)
		found |= strstr(kb.diags[i].msg, want) != NULL;
	if (!found) {
		print_error("wanted '%s', got %zu diagnostics:\n", want, kb.ndiags);
		for (size_t i = 0; i < kb.ndiags; i++)
			print_error("  %s\n", kb.diags[i].msg);
	}
	assert_true(found);
	assert_int_equal(kb.nquestions, 0);
	kb_release(&kb);
}

static char *replace(const char *s, const char *from, const char *to)
{
	const char *p = strstr(s, from);
	assert_non_null(p);
	size_t n = strlen(s) - strlen(from) + strlen(to);
	char *out = malloc(n + 1);
	size_t pre = (size_t)(p - s);
	memcpy(out, s, pre);
	strcpy(out + pre, to);
	strcat(out, p + strlen(from));
	return out;
}

static void test_parse_errors(void **state)
{
	(void)state;
	struct {
		const char *from, *to, *want;
	} cases[] = {
		{"freq: 2\n", "freq: two\n", "q.md:7: freq must be a whole number from 1 to 5"},
		{"freq: 2\n", "freq: 2\nextra: 1\n", "q.md:8: unknown front matter key 'extra'"},
		{"freq: 2\n", "freq: 2\nfreq: 3\n", "q.md:8: duplicate front matter key 'freq'"},
		{"seed: [5]\n", "seed: [5, x]\n", "q.md:4: 'seed' items must be numbers"},
		{"seed: [5]\n", "seed: 5\n", "q.md:4: 'seed' must be a flow list"},
		{"seed: [5]\n", "seed: [364]\n", "q.md:4: seed 364 is out of range 1-363"},
		{"  - {text: c, match: [c]}\n", "  - {text: c, match: [c]}\n  - just text\n",
		 "q.md:12: a keypoint must be a mapping"},
		{"  - {text: c, match: [c]}\n", "  - {text: c, match: [c], weight: 2}\n",
		 "q.md:11: unknown keypoint key 'weight'"},
		{"## 追问\n", "## Follow-up\n", "q.md:42: unknown section '## Follow-up'"},
		{"## 示例\n", "## 追问\n", "q.md:42: duplicate section '## 追问'"},
		{"## 简答\n\n短答 <script>alert(1)</script> [x](javascript:alert(1))\n", "## 简答\n\n",
		 "q.md:13: section '## 简答' is empty"},
		{"---\n## 简答", "---\nstray\n## 简答", "q.md:13: text before the first section heading"},
		{"title: 标题？\n", "title: \"a\\nb\"\n", "q.md:3: 'title' must be a single line"},
		{"id: go.x.y\n", "id: gox\n", "q.md:2: id 'gox' must be lowercase"},
		{"---\nid", "--\nid", "q.md:1: missing front matter"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *t = replace(good, cases[i].from, cases[i].to);
		expect_error(t, cases[i].want);
		free(t);
	}
	expect_error("---\nid: a.b\n", "q.md:1: front matter is not closed");
	expect_error("---\n\xff\n---\n", "q.md:1: file is not valid UTF-8 text");
	/* the "## 示例" → "## 追问" case also leaves the real 追问 as a duplicate; order errors */
	char *t = replace(good, "## 详解\n", "## 追问\n- a\n- b\n\n## 详解\n");
	expect_error(t, "section '## 详解' is out of order");
	free(t);
}

static void test_load_fixture(void **state)
{
	(void)state;
	const char *src = getenv("BAGU_SRC");
	char *dir = xasprintf("%s/tests/fixtures/content", src ? src : ".");
	struct kb kb;
	struct bagu_err err;
	kb_init(&kb);
	assert_int_equal(kb_load(&kb, dir, &err), 0);
	for (size_t i = 0; i < kb.ndiags; i++)
		print_message("%s\n", kb.diags[i].msg);
	assert_int_equal(kb.nerrors, 0);
	assert_int_equal(kb.nquestions, 3);
	assert_int_equal(kb.ntopics, 3);
	assert_int_equal(kb.nconcepts, 2);
	const struct kb_question *b = kb_question(&kb, "go.basics.beta");
	assert_non_null(b);
	assert_int_equal(b->nseed_also, 1);
	assert_string_equal(b->go, "1.24+");
	assert_non_null(kb_topic(&kb, "go.runtime"));
	assert_string_equal(kb.concepts[1].aliases[0], "协程"); /* key first */
	assert_int_equal(kb.concepts[1].naliases, 3);           /* duplicate alias folded */
	kb_release(&kb);
	assert_int_equal(kb_load(&kb, "/nonexistent", &err), -1);
	assert_non_null(strstr(err.msg, "not a content directory"));
	kb_release(&kb);
	free(dir);
}

static void test_levels(void **state)
{
	(void)state;
	assert_int_equal(kb_level_index("新手"), 0);
	assert_int_equal(kb_level_index("Intermediate"), 1);
	assert_int_equal(kb_level_index("3"), 2);
	assert_int_equal(kb_level_index("guru"), -1);
	assert_int_equal(kb_level_index(NULL), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_good),
		cmocka_unit_test(test_parse_errors),
		cmocka_unit_test(test_load_fixture),
		cmocka_unit_test(test_levels),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
