/*
 * test_gen_toml — gen/toml and the TOML front end beyond toml-test: exact tagged
 * JSON, error positions in characters, limits, redefinition rules, the value tree
 * (lengths, raw text, date/time fields, large tables) and the model feed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen/model.h"
#include "gen/toml.h"
#include "util/util.h"

static struct toml_value *parse_ok(const char *doc)
{
	struct toml_value *root = NULL;
	struct bagu_err err = {{0}};
	if (toml_parse(doc, strlen(doc), "t.toml", NULL, &root, &err))
		fail_msg("unexpected error: %s\n--- input:\n%s", err.msg, doc);
	return root;
}

/* Parses doc expecting failure; returns the message (static buffer). */
static const char *parse_err(const char *doc, size_t len, const struct toml_limits *lim)
{
	static struct bagu_err err;
	struct toml_value *root = NULL;
	memset(&err, 0, sizeof err);
	if (toml_parse(doc, len, "t.toml", lim, &root, &err) == 0) {
		toml_free(root);
		fail_msg("accepted invalid input:\n%s", doc);
	}
	assert_null(root);
	return err.msg;
}

static char *tagged(const char *doc)
{
	struct toml_value *root = parse_ok(doc);
	struct strbuf sb = STRBUF_INIT;
	strbuf_init(&sb, 0);
	toml_to_tagged_json(root, &sb);
	toml_free(root);
	return strbuf_detach(&sb, NULL);
}

#define ASSERT_TAGGED(doc, want)                      \
	do {                                          \
		char *got_ = tagged(doc);             \
		assert_string_equal(got_, want);      \
		free(got_);                           \
	} while (0)

static void test_tagged_json_exact(void **state)
{
	(void)state;
	/* keys keep first-appearance order, even when tables come back later */
	ASSERT_TAGGED("z = 1\n[b]\nx = 1\n[a]\ny = 2\n[b.c]\nw = 3\n",
		      "{\"z\":{\"type\":\"integer\",\"value\":\"1\"},"
		      "\"b\":{\"x\":{\"type\":\"integer\",\"value\":\"1\"},"
		      "\"c\":{\"w\":{\"type\":\"integer\",\"value\":\"3\"}}},"
		      "\"a\":{\"y\":{\"type\":\"integer\",\"value\":\"2\"}}}");
	/* integers in decimal; floats shortest; specials */
	ASSERT_TAGGED("a = 0xDEAD_beef\nb = 0o777\nc = 0b1010\nd = -9223372036854775808\ne = +17\n",
		      "{\"a\":{\"type\":\"integer\",\"value\":\"3735928559\"},"
		      "\"b\":{\"type\":\"integer\",\"value\":\"511\"},"
		      "\"c\":{\"type\":\"integer\",\"value\":\"10\"},"
		      "\"d\":{\"type\":\"integer\",\"value\":\"-9223372036854775808\"},"
		      "\"e\":{\"type\":\"integer\",\"value\":\"17\"}}");
	ASSERT_TAGGED("a = 0.1\nb = -inf\nc = -nan\nd = 1e1_0\ne = 6.626e-34\nf = -0.0\n",
		      "{\"a\":{\"type\":\"float\",\"value\":\"0.1\"},"
		      "\"b\":{\"type\":\"float\",\"value\":\"-inf\"},"
		      "\"c\":{\"type\":\"float\",\"value\":\"nan\"},"
		      "\"d\":{\"type\":\"float\",\"value\":\"1e+10\"},"
		      "\"e\":{\"type\":\"float\",\"value\":\"6.626e-34\"},"
		      "\"f\":{\"type\":\"float\",\"value\":\"-0\"}}");
	/* date/times normalised: T separator, upper-case Z, fraction as written */
	ASSERT_TAGGED("a = 1979-05-27 07:32:00.5z\nb = 1979-05-27t07:32:00-07:30\nc = 1979-05-27\n"
		      "d = 00:32:00.999999999999\n",
		      "{\"a\":{\"type\":\"datetime\",\"value\":\"1979-05-27T07:32:00.5Z\"},"
		      "\"b\":{\"type\":\"datetime\",\"value\":\"1979-05-27T07:32:00-07:30\"},"
		      "\"c\":{\"type\":\"date-local\",\"value\":\"1979-05-27\"},"
		      "\"d\":{\"type\":\"time-local\",\"value\":\"00:32:00.999999999\"}}");
	/* strings: escapes decoded and re-escaped for JSON; arrays of tables */
	ASSERT_TAGGED("s = \"a\\u0000b\\\"\\t\\u00e9\"\n[[t]]\n[[t]]\nk = '\\n'\n",
		      "{\"s\":{\"type\":\"string\",\"value\":\"a\\u0000b\\\"\\t\xC3\xA9\"},"
		      "\"t\":[{},{\"k\":{\"type\":\"string\",\"value\":\"\\\\n\"}}]}");
	ASSERT_TAGGED("", "{}");
	char *cli = NULL;
	struct strbuf sb = STRBUF_INIT;
	struct bagu_err err;
	strbuf_init(&sb, 0);
	assert_int_equal(toml_tagged_json("x", "a = [1, 'x']", 12, &sb, &err), 0);
	cli = strbuf_detach(&sb, NULL);
	assert_string_equal(cli, "{\"a\":[{\"type\":\"integer\",\"value\":\"1\"},"
				 "{\"type\":\"string\",\"value\":\"x\"}]}\n");
	free(cli);
	assert_int_equal(toml_tagged_json("x.toml", "a = ", 4, &sb, &err), -1);
	assert_string_equal(err.msg, "x.toml:1:5: expected a value, found end of input");
	strbuf_release(&sb);
}

static void test_multiline_strings(void **state)
{
	(void)state;
	ASSERT_TAGGED("a = \"\"\"\none\r\ntwo \\\n   \n  three\"\"\"\"\"\n",
		      "{\"a\":{\"type\":\"string\",\"value\":\"one\\ntwo three\\\"\\\"\"}}");
	ASSERT_TAGGED("a = '''\n\\no ''escape'''''\n",
		      "{\"a\":{\"type\":\"string\",\"value\":\"\\\\no ''escape''\"}}");
}

static void test_error_positions(void **state)
{
	(void)state;
	/* column counts characters, not bytes: 名字 is 2 characters, 6 bytes */
	const char *doc = "ok = 1\n\"名字\" = ?\n";
	assert_string_equal(parse_err(doc, strlen(doc), NULL),
			    "t.toml:2:8: invalid value starting with '?' (strings must be quoted)");
	doc = "[a]\nx = 1\n[a]\n";
	assert_string_equal(parse_err(doc, strlen(doc), NULL), "t.toml:3:2: table \"a\" is already defined");
	doc = "a = 1\na = 2\n";
	assert_string_equal(parse_err(doc, strlen(doc), NULL),
			    "t.toml:2:1: duplicate key \"a\" (already a value)");
	doc = "s = \"abc\xff\"\n";
	assert_string_equal(parse_err(doc, strlen(doc), NULL), "t.toml:1:9: invalid UTF-8 byte 0xFF");
	/* NUL bytes in the input are rejected (the buffer is not a C string) */
	const char nul[] = "a = 1\n\0";
	assert_string_equal(parse_err(nul, sizeof nul - 1, NULL),
			    "t.toml:2:1: expected a key, found control character U+0000");
	doc = "a = \"\"\"\nx\ny";
	assert_string_equal(parse_err(doc, strlen(doc), NULL), "t.toml:1:5: unterminated multi-line string");
	doc = "a = 99999999999999999999\n";
	assert_string_equal(parse_err(doc, strlen(doc), NULL),
			    "t.toml:1:5: integer '99999999999999999999' does not fit in a signed 64-bit integer");
	doc = "a = 1e999\n";
	assert_string_equal(parse_err(doc, strlen(doc), NULL), "t.toml:1:5: float '1e999' is out of range");
	doc = "a = {b = 1}\na.c = 2\n";
	assert_string_equal(parse_err(doc, strlen(doc), NULL),
			    "t.toml:2:1: cannot add keys to inline table \"a\"");
}

static void test_limits(void **state)
{
	(void)state;
	struct toml_limits lim = {.max_input = 16, .max_depth = 4};
	const char *doc = "a = 1\nb = 2\nc = 3\n";
	assert_string_equal(parse_err(doc, strlen(doc), &lim),
			    "t.toml: input is larger than the limit of 16 bytes");
	lim.max_input = 0;
	struct toml_value *root = NULL;
	struct bagu_err err;
	doc = "a = [[[[1]]]]"; /* four arrays: depth 4 */
	assert_int_equal(toml_parse(doc, strlen(doc), "t.toml", &lim, &root, &err), 0);
	toml_free(root);
	doc = "a = [[[[[1]]]]]";
	assert_string_equal(parse_err(doc, strlen(doc), &lim),
			    "t.toml:1:9: arrays and tables nested deeper than 4 levels");
	doc = "a.b.c.d = 1";
	assert_int_equal(toml_parse(doc, strlen(doc), "t.toml", &lim, &root, &err), 0);
	toml_free(root);
	doc = "a.b.c.d.e = 1";
	assert_string_equal(parse_err(doc, strlen(doc), &lim), "t.toml:1:9: key has more than 4 dotted parts");
	doc = "[a.b.c]\nd.e = 1"; /* tables a, b, c, d: depth 4 */
	assert_int_equal(toml_parse(doc, strlen(doc), "t.toml", &lim, &root, &err), 0);
	toml_free(root);
	doc = "[a.b.c]\nd.e.f = 1";
	assert_string_equal(parse_err(doc, strlen(doc), &lim),
			    "t.toml:2:3: tables nested deeper than 4 levels");
	doc = "a.b = {c = [[[1]]]}";
	assert_string_equal(parse_err(doc, strlen(doc), &lim),
			    "t.toml:1:14: arrays and tables nested deeper than 4 levels");
	/* the default depth stops a deeply nested hostile document without crashing */
	struct strbuf sb = STRBUF_INIT;
	strbuf_init(&sb, 0);
	strbuf_addstr(&sb, "a = ");
	for (int i = 0; i < 100000; i++)
		strbuf_addch(&sb, '[');
	assert_non_null(strstr(parse_err(sb.buf, sb.len, NULL), "nested deeper than 128 levels"));
	strbuf_reset(&sb);
	strbuf_addstr(&sb, "a = ");
	for (int i = 0; i < 100000; i++)
		strbuf_addstr(&sb, "{b=");
	assert_non_null(strstr(parse_err(sb.buf, sb.len, NULL), "nested deeper than 128 levels"));
	strbuf_release(&sb);
}

static void test_redefinition_rules(void **state)
{
	(void)state;
	static const char *valid[] = {
		"[a.b.c]\n[a]\nx = 1\n",             /* implicit table defined later */
		"[a.b.c]\n[a]\nb.d = 1\n",           /* implicit table extended with dotted keys */
		"[fruit]\napple.color = 'red'\napple.taste.sweet = true\n[fruit.apple.texture]\nsmooth = true\n",
		"[[a]]\nb.c = 1\n[[a]]\nb.c = 2\n",   /* each element is a fresh table */
		"[[a]]\n[a.b]\n[[a]]\n[a.b]\n",
		"a = {b.c = 1, b.d = 2}\n",
		"a.b = 1\na.c = 2\n[a.d]\n",          /* header below a dotted table */
		"'' = 1\n\"a\".'' = 2\n",             /* empty quoted keys are keys */
	};
	for (size_t i = 0; i < BAGU_ARRAY_LEN(valid); i++)
		toml_free(parse_ok(valid[i]));
	static const char *invalid[] = {
		"a.b = 1\n[a]\n",
		"[a]\nb.c = 1\n[a.b]\n",
		"[a]\nb.c = 1\n[x]\n[a]\n",
		"[a.b]\n[a]\nb.x = 1\n",
		"a = {}\n[a]\n",
		"a = {b = {}}\n[a.b]\n",
		"a = [{}]\n[[a]]\n",
		"a = {b = {c = 1}, b.d = 2}\n",
		"[[a]]\n[a]\n",
		"[a]\n[[a]]\n",
		"a = 1\n[a.b]\n",
		"a = {b = 1,}\n",
		"a = {\nb = 1}\n",
	};
	for (size_t i = 0; i < BAGU_ARRAY_LEN(invalid); i++) {
		const char *msg = parse_err(invalid[i], strlen(invalid[i]), NULL);
		assert_true(strncmp(msg, "t.toml:", 7) == 0);
	}
}

static void test_value_tree(void **state)
{
	(void)state;
	struct toml_value *root = parse_ok("s = \"a\\u0000b\"\ni = 1_000\nf = 1_0.5e-1\n"
					   "d = 2024-02-29T23:59:60.123456789123+05:45\nt = 12:34:56\n");
	const struct toml_value *s = toml_table_get(root, "s", 1);
	assert_non_null(s);
	assert_int_equal(s->type, TOML_STRING);
	assert_int_equal(s->u.string.len, 3);
	assert_memory_equal(s->u.string.ptr, "a\0b", 4);
	const struct toml_value *i = toml_table_get(root, "i", 1);
	assert_int_equal(i->u.integer.value, 1000);
	assert_string_equal(i->u.integer.text, "1_000");
	assert_int_equal(i->line, 2);
	const struct toml_value *f = toml_table_get(root, "f", 1);
	assert_true(f->u.fp.value == 1.05);
	assert_string_equal(f->u.fp.text, "1_0.5e-1");
	const struct toml_value *d = toml_table_get(root, "d", 1);
	assert_int_equal(d->type, TOML_DATETIME);
	assert_int_equal(d->u.datetime.year, 2024);
	assert_int_equal(d->u.datetime.second, 60);
	assert_int_equal(d->u.datetime.nanosecond, 123456789);
	assert_int_equal(d->u.datetime.frac_digits, 9);
	assert_int_equal(d->u.datetime.offset_minutes, 345);
	const struct toml_value *t = toml_table_get(root, "t", 1);
	assert_int_equal(t->type, TOML_TIME_LOCAL);
	assert_int_equal(t->u.datetime.hour, 12);
	assert_null(toml_table_get(root, "nope", 4));
	assert_null(toml_table_get(s, "s", 1));
	assert_string_equal(toml_type_name(TOML_DATETIME_LOCAL), "datetime-local");
	toml_free(root);

	/* a large table uses its hash index: every key found, duplicates still caught */
	struct strbuf sb = STRBUF_INIT;
	strbuf_init(&sb, 0);
	for (int k = 0; k < 5000; k++)
		strbuf_addf(&sb, "key%d = %d\n", k, k);
	root = parse_ok(sb.buf);
	assert_int_equal(root->u.table.len, 5000);
	for (int k = 0; k < 5000; k++) {
		char key[16];
		int n = snprintf(key, sizeof key, "key%d", k);
		const struct toml_value *v = toml_table_get(root, key, (size_t)n);
		assert_non_null(v);
		assert_int_equal(v->u.integer.value, k);
		assert_string_equal(root->u.table.items[k].key, key);
	}
	toml_free(root);
	strbuf_addstr(&sb, "key2500 = 1\n");
	assert_string_equal(parse_err(sb.buf, sb.len, NULL),
			    "t.toml:5001:1: duplicate key \"key2500\" (already a value)");
	strbuf_release(&sb);
}

static void test_front_end(void **state)
{
	(void)state;
	struct bagu_err err;
	struct gen_model *m = gen_model_new(GEN_FORMAT_TOML, NULL);
	const char *doc = "title = 'x'\n[owner]\ndob = 1979-05-27T07:32:00-08:00\n[[items]]\nn = 1\n"
			  "[[items]]\nn = 2\nd = 1979-05-27\nt = 07:32:00\nl = 1979-05-27T07:32:00\n"
			  "f = [1.5, inf]\nb = true\n";
	assert_int_equal(gen_front_toml(m, "t.toml", doc, strlen(doc), NULL, &err), 0);
	assert_int_equal(gen_model_records(m), 1);
	assert_int_equal(gen_model_depth(m), 0);
	assert_true(gen_model_nodes(m) >= 10);
	gen_model_free(m);

	/* parse errors come through unchanged */
	m = gen_model_new(GEN_FORMAT_TOML, NULL);
	assert_int_equal(gen_front_toml(m, "t.toml", "a = ", 4, NULL, &err), -1);
	assert_string_equal(err.msg, "t.toml:1:5: expected a value, found end of input");
	gen_model_free(m);

	/* model limits get the position of the value that broke them */
	struct gen_limits lim;
	gen_limits_init(&lim);
	lim.max_fields = 2;
	m = gen_model_new(GEN_FORMAT_TOML, &lim);
	doc = "a = 1\nb = 2\n  c = 3\n";
	assert_int_equal(gen_front_toml(m, "t.toml", doc, strlen(doc), NULL, &err), -1);
	assert_string_equal(err.msg, "t.toml:3:7: object with more than 2 distinct keys");
	gen_model_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tagged_json_exact), cmocka_unit_test(test_multiline_strings),
		cmocka_unit_test(test_error_positions),   cmocka_unit_test(test_limits),
		cmocka_unit_test(test_redefinition_rules), cmocka_unit_test(test_value_tree),
		cmocka_unit_test(test_front_end),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
