/* Unit tests: diagram (info strings, policy lint with line numbers, limits, Graphviz and
 * mscgen rendering with error lines, the SVG post-processor) and kb's diagram blocks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diagram/diagram.h"
#include "kb/kb.h"

static int info(const char *s, struct diagram_info *di, struct bagu_err *e)
{
	return diagram_parse_info(s, strlen(s), di, e);
}

static void expect_info_error(const char *s, const char *msg)
{
	struct diagram_info di;
	struct bagu_err e;
	assert_int_equal(info(s, &di, &e), -1);
	if (!strstr(e.msg, msg))
		fail_msg("'%s': got '%s', want '%s'", s, e.msg, msg);
	assert_null(di.title);
}

static void test_info(void **state)
{
	(void)state;
	struct diagram_info di;
	struct bagu_err e;
	assert_int_equal(info("msc title=\"TCP 三次握手\" desc=\"a & b\"", &di, &e), 0);
	assert_int_equal(di.kind, DIAGRAM_MSC);
	assert_string_equal(di.title, "TCP 三次握手");
	assert_string_equal(di.desc, "a & b");
	diagram_info_release(&di);
	assert_int_equal(info("  dot desc=\" d \"  title='x'", &di, &e), -1); /* single quotes */
	assert_int_equal(info("dot desc=\" d \" title=\"t\" ", &di, &e), 0);
	assert_int_equal(di.kind, DIAGRAM_DOT);
	assert_string_equal(di.desc, "d");
	diagram_info_release(&di);
	/* not diagrams */
	assert_int_equal(info("go", &di, &e), 1);
	assert_int_equal(info("", &di, &e), 1);
	assert_int_equal(info("dotnet title=\"x\"", &di, &e), 1);
	assert_int_equal(info("DOT", &di, &e), 1);
	expect_info_error("dot", "missing title=\"...\"");
	expect_info_error("dot title=\"t\"", "missing desc=\"...\"");
	expect_info_error("msc desc=\"d\"", "missing title=\"...\"");
	expect_info_error("dot title=\"\" desc=\"d\"", "empty title=\"\"");
	expect_info_error("dot title=\"   \" desc=\"d\"", "empty title=\"\"");
	expect_info_error("dot title=\"t\" desc=\"d\" color=\"red\"", "unknown attribute 'color' (expected title, desc)");
	expect_info_error("dot title=\"t\" desc=\"d", "unterminated quote in desc=\"...\"");
	expect_info_error("dot title=\"t\" title=\"u\" desc=\"d\"", "duplicate attribute 'title'");
	expect_info_error("dot title=t desc=\"d\"", "attribute 'title' needs a double-quoted value");
	expect_info_error("dot title=\"t\"desc=\"d\"", "expected a space after title=");
	expect_info_error("dot title=\"t\" desc=\"d\" {", "unexpected '{'");
	char big[DIAGRAM_MAX_TITLE + 40];
	snprintf(big, sizeof(big), "dot desc=\"d\" title=\"%0*d\"", DIAGRAM_MAX_TITLE + 1, 0);
	expect_info_error(big, "title is longer than 200 bytes");
}

static void expect_lint(enum diagram_kind k, const char *src, int line, const char *msg)
{
	int l = -1;
	struct bagu_err e;
	int rc = diagram_lint(k, src, strlen(src), &l, &e);
	if (!msg) {
		if (rc)
			fail_msg("'%s': unexpected '%s'", src, e.msg);
		return;
	}
	assert_int_equal(rc, -1);
	if (!strstr(e.msg, msg))
		fail_msg("got '%s', want '%s'", e.msg, msg);
	assert_int_equal(l, line);
}

static void test_lint(void **state)
{
	(void)state;
	expect_lint(DIAGRAM_DOT, "digraph { a -> b [label=\"URL=x\"]; }", 0, NULL);
	expect_lint(DIAGRAM_DOT, "digraph {\n a -> b;\n b [URL=\"http://x\"];\n}", 3, "attribute 'URL' is not allowed");
	expect_lint(DIAGRAM_DOT, "digraph {\n node [\n  \"href\" = \"x\"];\n}", 3, "attribute 'href' is not allowed");
	expect_lint(DIAGRAM_DOT, "digraph {\n\n a [shapefile=\"/etc/passwd\"];\n}", 3, "'shapefile'");
	expect_lint(DIAGRAM_DOT, "digraph {\n fontpath=\"/tmp\"\n}", 2, "'fontpath'");
	expect_lint(DIAGRAM_DOT, "digraph {\n /* URL=x */ // URL=y\n# URL=z\n a;\n}", 0, NULL);
	expect_lint(DIAGRAM_DOT, "digraph {\n layout=sfdp;\n}", 2, "layout 'sfdp' is not allowed");
	expect_lint(DIAGRAM_DOT, "digraph {\n graph [layout=\"neato\"];\n}", 0, NULL);
	expect_lint(DIAGRAM_DOT, "digraph {\n a [shape=epsf];\n}", 2, "shape 'epsf' reads a file");
	expect_lint(DIAGRAM_DOT, "digraph {\n a [peripheries=100000];\n}", 2, "peripheries=100000 is more than 4");
	expect_lint(DIAGRAM_DOT, "digraph {\n maxiter=1000000000;\n}", 2, "'maxiter'");
	expect_lint(DIAGRAM_DOT, "digraph {\n a [label=<<b>x</b>\n<IMG SRC=\"/etc/passwd\"/>>];\n}", 3, "<IMG>");
	expect_lint(DIAGRAM_DOT, "digraph {\n a [label=<<table><tr><td href=\"x\">y</td></tr></table>>];\n}", 2,
		    "'href' in an HTML-like label");
	expect_lint(DIAGRAM_MSC, "msc {\n a, b;\n a => b [label=\"x\", URL=\"http://x\"];\n}", 3, "attribute 'URL'");
	expect_lint(DIAGRAM_MSC, "msc {\n a [idurl=\"x\"];\n}", 2, "attribute 'idurl'");
	expect_lint(DIAGRAM_MSC, "msc {\n # url=x\n a, b;\n a => b [label=\"url=x\"];\n}", 0, NULL);
	/* size cap */
	size_t n = DIAGRAM_MAX_SOURCE + 1;
	char *big = malloc(n + 1);
	memset(big, ' ', n);
	big[n] = '\0';
	expect_lint(DIAGRAM_DOT, big, 0, "source is larger than 65536 bytes");
	free(big);
}

/* Renders one source; returns the job (release it). */
static struct diagram_job render1(enum diagram_kind k, const char *src)
{
	struct diagram_job j = {.kind = k, .src = src, .len = strlen(src)};
	diagram_render(&j, 1);
	return j;
}

static void expect_render_error(enum diagram_kind k, const char *src, int line, const char *msg)
{
	struct diagram_job j = render1(k, src);
	if (!j.error)
		fail_msg("'%s' rendered, want error '%s'", src, msg);
	if (!strstr(j.error, msg))
		fail_msg("got '%s', want '%s'", j.error, msg);
	if (j.line != line)
		fail_msg("'%s': line %d, want %d", j.error, j.line, line);
	diagram_job_release(&j);
}

static void test_render_dot(void **state)
{
	(void)state;
	struct diagram_job j = render1(DIAGRAM_DOT, "digraph g {\n a -> b [label=\"开始\"];\n}\n");
	assert_null(j.error);
	assert_non_null(strstr(j.svg.buf, "<svg"));
	assert_non_null(strstr(j.svg.buf, "开始"));
	diagram_job_release(&j);
	/* the second of two renders in a row still counts lines from 1 */
	expect_render_error(DIAGRAM_DOT, "digraph g {\n a -> b;\n\n c -> -> d;\n}\n", 4, "syntax error near '->'");
	expect_render_error(DIAGRAM_DOT, "digraph g {\n a -> b;\n c -> -> d;\n}\n", 3, "syntax error near '->'");
	expect_render_error(DIAGRAM_DOT, "digraph g {\n a -> b;\n} x\n", 3, "syntax error near 'x'");
	expect_render_error(DIAGRAM_DOT, "digraph g {\n a;\n}\ndigraph h { b }\n", 0, "more than one graph");
	expect_render_error(DIAGRAM_DOT, "digraph g {\n a [label=\"x\n}\n", 2, "missing endquote");
	expect_render_error(DIAGRAM_DOT, "digraph g {\n a;\n \"U\" + \"RL\" = \"http://x\";\n}\n", 0,
			    "attribute 'URL' is not allowed");
	expect_render_error(DIAGRAM_DOT, "digraph g {\n x;\n a [label=<<b>x</i>>];\n}\n", 3, "mismatched tag");
	expect_render_error(DIAGRAM_DOT, "digraph g {\n a -> 2x;\n}\n", 2, "badly delimited number");
	/* element limits */
	struct strbuf sb = STRBUF_INIT;
	strbuf_addstr(&sb, "digraph g {\n");
	for (int i = 0; i <= DIAGRAM_MAX_ELEMENTS; i++)
		strbuf_addf(&sb, "n%d;\n", i);
	strbuf_addstr(&sb, "}\n");
	expect_render_error(DIAGRAM_DOT, sb.buf, 0, "401 nodes; a diagram laid out with dot may have at most 400");
	strbuf_reset(&sb);
	strbuf_addstr(&sb, "digraph g {\n");
	for (int i = 0; i <= DIAGRAM_MAX_ELEMENTS; i++)
		strbuf_addstr(&sb, "a -> b;\n");
	strbuf_addstr(&sb, "}\n");
	expect_render_error(DIAGRAM_DOT, sb.buf, 0, "401 edges");
	strbuf_reset(&sb);
	strbuf_addstr(&sb, "graph g {\n layout=fdp;\n");
	for (int i = 0; i <= DIAGRAM_MAX_ELEMENTS_FDP; i++)
		strbuf_addf(&sb, "n%d;\n", i);
	strbuf_addstr(&sb, "}\n");
	expect_render_error(DIAGRAM_DOT, sb.buf, 0, "101 nodes; a diagram laid out with fdp may have at most 100");
	strbuf_release(&sb);
	/* pinned positions under neato (what `neato -n` does for plots) */
	j = render1(DIAGRAM_DOT, "graph { layout=neato; a [pos=\"0,0!\"]; b [pos=\"2,1!\"]; a -- b; }");
	assert_null(j.error);
	/* 2 and 1 inches apart: 144 and 72 points, as given */
	assert_non_null(strstr(j.svg.buf, "cx=\"27\" cy=\"-18\""));
	assert_non_null(strstr(j.svg.buf, "cx=\"171\" cy=\"-90\""));
	diagram_job_release(&j);
	for (const char *const *e = (const char *const[]){"circo", "fdp", "twopi", NULL}; *e; e++) {
		char src[128];
		snprintf(src, sizeof(src), "graph { layout=%s; a -- b -- c -- a; }", *e);
		j = render1(DIAGRAM_DOT, src);
		assert_null(j.error);
		diagram_job_release(&j);
	}
}

static void test_render_msc(void **state)
{
	(void)state;
	setenv("BAGU_DIAGRAM_CACHE", "off", 1);
	struct diagram_job jobs[3] = {
		{.kind = DIAGRAM_MSC, .src = "msc {\n a, b;\n a => b [label=\"SYN\"];\n}\n"},
		{.kind = DIAGRAM_MSC, .src = "msc {\n a, b;\n\n a => c;\n}\n"},
		{.kind = DIAGRAM_DOT, .src = "digraph { a -> b }"},
	};
	for (int i = 0; i < 3; i++)
		jobs[i].len = strlen(jobs[i].src);
	diagram_render(jobs, 3);
	assert_null(jobs[0].error);
	assert_non_null(strstr(jobs[0].svg.buf, "SYN"));
	assert_non_null(jobs[1].error);
	assert_string_equal(jobs[1].error, "Unknown destination entity 'c'");
	assert_int_equal(jobs[1].line, 4);
	assert_null(jobs[2].error);
	for (int i = 0; i < 3; i++)
		diagram_job_release(&jobs[i]);
	expect_render_error(DIAGRAM_MSC, "msc {\n a, b;\n a => b [label=\"x\"\n b => a;\n}\n", 4, "syntax error");

	/* the cache: a second render reads the file, not mscgen */
	char dir[] = "/tmp/bagu-diagram-XXXXXX";
	assert_non_null(mkdtemp(dir));
	setenv("BAGU_DIAGRAM_CACHE", dir, 1);
	struct diagram_job j = render1(DIAGRAM_MSC, "msc { a, b; a => b; }");
	assert_null(j.error);
	char *first = xstrdup(j.svg.buf);
	diagram_job_release(&j);
	setenv("BAGU_MSCGEN", "/bin/false", 1); /* a miss would now fail */
	j = render1(DIAGRAM_MSC, "msc { a, b; a => b; }");
	/* the binary's identity is part of the key: /bin/false is another binary, a miss */
	assert_non_null(j.error);
	diagram_job_release(&j);
	unsetenv("BAGU_MSCGEN");
	j = render1(DIAGRAM_MSC, "msc { a, b; a => b; }");
	assert_null(j.error);
	assert_string_equal(j.svg.buf, first);
	diagram_job_release(&j);
	free(first);
	char *cmd = xasprintf("rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);

	/* the time limit: a stand-in mscgen that never answers is killed */
	char script[] = "/tmp/bagu-fake-mscgen-XXXXXX";
	int fd = mkstemp(script);
	assert_true(fd >= 0);
	const char body[] = "#!/bin/sh\nexec sleep 30\n";
	assert_int_equal(write(fd, body, sizeof(body) - 1), (ssize_t)(sizeof(body) - 1));
	close(fd);
	chmod(script, 0755);
	setenv("BAGU_DIAGRAM_CACHE", "off", 1);
	setenv("BAGU_MSCGEN", script, 1);
	setenv("BAGU_DIAGRAM_TIMEOUT_MS", "300", 1);
	expect_render_error(DIAGRAM_MSC, "msc { a; }", 0, "mscgen took too long");
	setenv("BAGU_MSCGEN", "/nonexistent/mscgen", 1);
	expect_render_error(DIAGRAM_MSC, "msc { a; }", 0, "cannot run /nonexistent/mscgen");
	unsetenv("BAGU_MSCGEN");
	unsetenv("BAGU_DIAGRAM_TIMEOUT_MS");
	unlink(script);
}

static char *finish(enum diagram_kind k, const char *svg, int *rc)
{
	struct strbuf out = STRBUF_INIT;
	struct bagu_err e;
	*rc = diagram_svg_finish(k, svg, strlen(svg), "fig-3", "T <&> \"q\"", "D & d", &out, &e);
	return strbuf_detach(&out, NULL);
}

static void test_svg_finish(void **state)
{
	(void)state;
	int rc;
	char *s = finish(DIAGRAM_DOT,
			 "<?xml version=\"1.0\"?>\n<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\"\n"
			 " \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n<!-- c -->\n"
			 "<svg width=\"64pt\" height=\"20pt\" viewBox=\"0.00 0.00 64.00 20.00\" xmlns=\"http://www.w3.org/2000/svg\""
			 " onload=\"alert(1)\">\n<g id=\"graph0\" class=\"graph\"><title>g</title>"
			 "<polygon fill=\"white\" stroke=\"transparent\" points=\"0,0 1,1\"/>"
			 "<a xlink:href=\"javascript:alert(1)\"><text fill=\"black\" onclick=\"x()\">a&amp;b & c</text></a>"
			 "<script>alert(1)</script><foreignObject><div>x</div></foreignObject>"
			 "<defs><linearGradient id=\"l_0\"><stop offset=\"0\" stop-color=\"#000000\"/></linearGradient></defs>"
			 "<ellipse fill=\"url(#l_0)\" stroke=\"url(http://evil/x)\" style=\"x\" cx=\"1\"/>"
			 "<image href=\"/etc/passwd\"/></g>\n</svg>\n",
			 &rc);
	assert_int_equal(rc, 0);
	assert_null(strstr(s, "<?xml"));
	assert_null(strstr(s, "DOCTYPE"));
	assert_null(strstr(s, "<!--"));
	assert_null(strstr(s, "script"));
	assert_null(strstr(s, "onload"));
	assert_null(strstr(s, "onclick"));
	assert_null(strstr(s, "href"));
	assert_null(strstr(s, "<a"));
	assert_null(strstr(s, "foreignObject"));
	assert_null(strstr(s, "<image"));
	assert_null(strstr(s, "style="));
	assert_null(strstr(s, "pt\""));
	assert_null(strstr(s, "class=\"graph\""));
	assert_null(strstr(s, "evil"));
	assert_non_null(strstr(s, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 64 20\" width=\"64\" height=\"20\""));
	assert_non_null(strstr(s, "role=\"img\" aria-labelledby=\"fig-3-title\" aria-describedby=\"fig-3-desc\""));
	assert_non_null(strstr(s, "<title id=\"fig-3-title\">T &lt;&amp;&gt; &quot;q&quot;</title>"));
	assert_non_null(strstr(s, "<desc id=\"fig-3-desc\">D &amp; d</desc>"));
	assert_non_null(strstr(s, "<polygon fill=\"white\" stroke=\"transparent\" points=\"0,0 1,1\" class=\"bg\"/>"));
	assert_non_null(strstr(s, "<text fill=\"currentColor\">a&amp;b &amp; c</text>"));
	assert_non_null(strstr(s, "<linearGradient id=\"fig-3-l_0\"><stop offset=\"0\" stop-color=\"currentColor\"/>"));
	assert_non_null(strstr(s, "<ellipse fill=\"url(#fig-3-l_0)\" cx=\"1\"/>"));
	assert_null(strstr(s, "<title>g</title>")); /* Graphviz's own titles go */
	free(s);

	/* mscgen: labels centred on their background box, textLength dropped */
	s = finish(DIAGRAM_MSC,
		   "<svg viewBox=\"0 0 600 40\"><polygon fill=\"white\" points=\"268,23 330,23 330,32 268,32\"/>"
		   "<text x=\"269\" y=\"32\" textLength=\"60\" fill=\"black\">SYN</text></svg>",
		   &rc);
	assert_int_equal(rc, 0);
	assert_non_null(strstr(s, "<text x=\"299\" text-anchor=\"middle\" y=\"29\" fill=\"currentColor\">SYN</text>"));
	free(s);

	/* not SVG as the renderers write it */
	const char *bad[] = {"", "<g></g>", "<svg>", "<svg viewBox=\"0 0 1 1\"><g></svg>",
			     "<svg viewBox=\"0 0 1 1\"><![CDATA[x]]></svg>", "<!DOCTYPE svg [<!ENTITY x \"y\">]><svg/>",
			     "<svg width=\"1\"></svg>", "<svg viewBox=\"0 0 1 1\" x></svg>",
			     "<svg viewBox=\"0 0 1 1\"></svg><svg viewBox=\"0 0 1 1\"></svg>"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		s = finish(DIAGRAM_DOT, bad[i], &rc);
		if (rc != -1)
			fail_msg("accepted '%s'", bad[i]);
		assert_string_equal(s, "");
		free(s);
	}
	/* nesting beyond the limit is refused, not a crash */
	struct strbuf deep = STRBUF_INIT;
	strbuf_addstr(&deep, "<svg viewBox=\"0 0 1 1\">");
	for (int i = 0; i < 200; i++)
		strbuf_addstr(&deep, "<g>");
	s = finish(DIAGRAM_DOT, deep.buf, &rc);
	assert_int_equal(rc, -1);
	free(s);
	strbuf_release(&deep);
}

static const char question[] =
	"---\n"
	"id: go.x.y\n"
	"title: 标题？\n"
	"seed: []\n"
	"topic: go.x\n"
	"level: 新手\n"
	"freq: 2\n"
	"keypoints:\n"
	"  - {text: a, match: [a]}\n"
	"  - {text: b, match: [b]}\n"
	"  - {text: c, match: [c]}\n"
	"---\n"
	"## 简答\n"
	"\n"
	"短答。\n"
	"\n"
	"## 详解\n"
	"\n"
	"```dot title=\"图一\" desc=\"说明\"\n" /* line 19 */
	"digraph { a -> b }\n"
	"```\n"
	"\n"
	"> ~~~msc title=\"图二\" desc=\"说明二\"\n" /* line 23, in a quote */
	"> msc { a, b; a => b; }\n"
	"> ~~~\n"
	"\n"
	"````text\n"
	"```dot not a diagram: inside another block\n"
	"````\n"
	"\n"
	"## 追问\n"
	"\n"
	"1. 一？\n"
	"2. 二？\n";

static void test_kb_blocks(void **state)
{
	(void)state;
	struct kb kb;
	kb_init(&kb);
	kb_parse_question(&kb, "q.md", question, strlen(question));
	for (size_t i = 0; i < kb.ndiags; i++)
		fprintf(stderr, "%s\n", kb.diags[i].msg);
	assert_int_equal(kb.nerrors, 0);
	assert_int_equal(kb.nquestions, 1);
	struct kb_question *q = &kb.questions[0];
	assert_int_equal(q->ndiagrams, 2);
	assert_int_equal(q->diagrams[0].line, 19);
	assert_int_equal(q->diagrams[0].kind, DIAGRAM_DOT);
	assert_string_equal(q->diagrams[0].title, "图一");
	assert_string_equal(q->diagrams[0].source, "digraph { a -> b }\n");
	assert_int_equal(q->diagrams[1].line, 23);
	assert_int_equal(q->diagrams[1].kind, DIAGRAM_MSC);
	assert_string_equal(q->diagrams[1].source, "msc { a, b; a => b; }\n");
	/* placeholders until kb_load renders; the nested fence stays code */
	assert_non_null(strstr(q->html[KB_DETAIL], "<!--diagram:1-->"));
	assert_non_null(strstr(q->html[KB_DETAIL], "<!--diagram:2-->"));
	assert_non_null(strstr(q->html[KB_DETAIL], "```dot not a diagram"));
	kb_release(&kb);

	/* errors at the fence line; more than the per-file limit */
	struct strbuf sb = STRBUF_INIT;
	strbuf_addstr(&sb, question);
	char *p = strstr(sb.buf, "desc=\"说明\"");
	memcpy(p, "dusc", 4);
	kb_init(&kb);
	kb_parse_question(&kb, "q.md", sb.buf, sb.len);
	assert_int_equal(kb.nerrors, 1);
	assert_string_equal(kb.diags[0].msg, "q.md:19: diagram: unknown attribute 'dusc' (expected title, desc)");
	kb_release(&kb);
	strbuf_reset(&sb);
	strbuf_add(&sb, question, (size_t)(strstr(question, "## 追问") - question));
	for (int i = 0; i < DIAGRAM_MAX_PER_FILE - 1; i++) /* with the two above: one too many */
		strbuf_addstr(&sb, "```dot title=\"t\" desc=\"d\"\ndigraph { a }\n```\n\n");
	strbuf_addstr(&sb, "## 追问\n\n1. 一？\n2. 二？\n");
	kb_init(&kb);
	kb_parse_question(&kb, "q.md", sb.buf, sb.len);
	assert_int_equal(kb.nerrors, 1);
	assert_non_null(strstr(kb.diags[0].msg, "diagram: more than 16 diagrams in one file"));
	kb_release(&kb);
	strbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_info),        cmocka_unit_test(test_lint),
		cmocka_unit_test(test_render_dot),  cmocka_unit_test(test_render_msc),
		cmocka_unit_test(test_svg_finish),  cmocka_unit_test(test_kb_blocks),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	diagram_shutdown();
	return rc;
}
