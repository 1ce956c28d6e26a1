/* Unit tests for the gen model and Go emitter: every inference rule, through the
 * JSON and YAML front ends, checked against the exact Go text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "gen/front.h"
#include "gen/model.h"
#include "gen/model_int.h"

static char *gen_with(enum gen_format f, const char *in, const struct gen_options *opt)
{
	struct gen_model *m = gen_model_new(f, NULL);
	struct bagu_err err = {{0}};
	int rc = f == GEN_FORMAT_JSON ? gen_front_json(m, "t.json", in, strlen(in), &err)
				      : gen_front_yaml(m, "t.yaml", in, strlen(in), NULL, &err);
	if (rc)
		fail_msg("front end failed: %s", err.msg);
	struct strbuf sb = STRBUF_INIT;
	struct gen_options def;
	gen_options_init(&def);
	if (gen_emit_go(m, opt ? opt : &def, &sb, &err))
		fail_msg("emit failed: %s", err.msg);
	gen_model_free(m);
	return strbuf_detach(&sb, NULL);
}

static void expect(enum gen_format f, const char *in, const struct gen_options *opt, const char *want)
{
	char *got = gen_with(f, in, opt);
	if (strcmp(got, want) != 0)
		fail_msg("input:\n%s\ngot:\n%s\nwant:\n%s", in, got, want);
	free(got);
}

#define J GEN_FORMAT_JSON
#define Y GEN_FORMAT_YAML

static void test_scalars(void **state)
{
	(void)state;
	expect(J, "{\"b\":true,\"i\":-3,\"u\":18446744073709551615,\"f\":1.5,\"s\":\"x\",\"n\":null}", NULL,
	       "package main\n\ntype Root struct {\n"
	       "\tB bool    `json:\"b\"`\n"
	       "\tI int64   `json:\"i\"`\n"
	       "\tU uint64  `json:\"u\"`\n"
	       "\tF float64 `json:\"f\"`\n"
	       "\tS string  `json:\"s\"`\n"
	       "\tN any     `json:\"n\"`\n"
	       "}\n");
}

static void test_numbers_merge(void **state)
{
	(void)state;
	/* [1, 2.5] is float64, never int */
	expect(J, "[1, 2.5]", NULL, "package main\n\ntype Root []float64\n");
	/* int64 max + 1 → uint64 */
	expect(J, "[1, 9223372036854775808]", NULL, "package main\n\ntype Root []uint64\n");
	/* negative and above int64: only json.Number holds both */
	expect(J, "[-1, 9223372036854775808]", NULL,
	       "package main\n\nimport \"encoding/json\"\n\ntype Root []json.Number\n");
	/* beyond uint64 */
	expect(J, "[1e2, 123456789012345678901234567890]", NULL,
	       "package main\n\nimport \"encoding/json\"\n\ntype Root []json.Number\n");
	/* an int float64 cannot hold exactly, mixed with a float */
	expect(J, "[9007199254740993, 0.5]", NULL,
	       "package main\n\nimport \"encoding/json\"\n\ntype Root []json.Number\n");
	expect(J, "[9007199254740992, 0.5]", NULL, "package main\n\ntype Root []float64\n");
	expect(J, "[-9223372036854775808]", NULL, "package main\n\ntype Root []int64\n");
	/* 2^63 is a float64, but prints back as 9223372036854776000 */
	expect(J, "[-9223372036854775808, 0.5]", NULL,
	       "package main\n\nimport \"encoding/json\"\n\ntype Root []json.Number\n");
	/* inside any, encoding/json would use float64: keep the text */
	expect(J, "[1, \"a\", 9007199254740993]", NULL,
	       "package main\n\nimport \"encoding/json\"\n\ntype Root []json.RawMessage\n");
	expect(J, "{\"a\":{\"b\":[18446744073709551615]}}\n{\"a\":1}\n", NULL,
	       "package main\n\nimport \"encoding/json\"\n\ntype Root struct {\n"
	       "\tA json.RawMessage `json:\"a\"`\n}\n");
	expect(Y, "- 1\n- a\n- 9007199254740993\n", NULL, "package main\n\ntype Root []any\n");
}

static void test_conflicts_and_empty(void **state)
{
	(void)state;
	expect(J, "[1, \"a\"]", NULL, "package main\n\ntype Root []any\n");
	expect(J, "[]", NULL, "package main\n\ntype Root []any\n");
	expect(J, "[[1, 2], [3]]", NULL, "package main\n\ntype Root [][]int64\n");
	expect(J, "[[[true]]]", NULL, "package main\n\ntype Root [][][]bool\n");
	expect(J, "[{\"a\":1}, [1]]", NULL, "package main\n\ntype Root []any\n");
	expect(J, "null", NULL, "package main\n\ntype Root any\n");
	expect(J, "[1, null]", NULL, "package main\n\ntype Root []*int64\n");
	expect(J, "[\"2024-01-02T03:04:05Z\", \"x\"]", NULL, "package main\n\ntype Root []string\n");
	expect(J, "[\"2024-01-02T03:04:05.123+08:00\"]", NULL,
	       "package main\n\nimport \"time\"\n\ntype Root []time.Time\n");
	expect(J, "[\"2024-02-30T03:04:05Z\"]", NULL, "package main\n\ntype Root []string\n");
	expect(J, "[\"2024-01-02t03:04:05Z\"]", NULL, "package main\n\ntype Root []string\n");
}

static void test_optional_nullable(void **state)
{
	(void)state;
	const char *in = "{\"a\":1,\"b\":\"x\",\"c\":null,\"d\":{\"x\":1},\"z\":5}\n"
			 "{\"a\":2,\"c\":3,\"z\":0}\n";
	expect(J, in, NULL,
	       "package main\n\ntype Root struct {\n"
	       "\tA int64  `json:\"a\"`\n"
	       "\tB string `json:\"b,omitempty\"`\n"
	       "\tC *int64 `json:\"c\"`\n"
	       "\tD *D     `json:\"d,omitempty\"`\n"
	       "\tZ int64  `json:\"z\"`\n"
	       "}\n\ntype D struct {\n"
	       "\tX int64 `json:\"x\"`\n"
	       "}\n");
	/* an optional field that was once zero keeps the zero with a pointer */
	expect(J, "{\"a\":0}\n{}\n", NULL,
	       "package main\n\ntype Root struct {\n\tA *int64 `json:\"a,omitempty\"`\n}\n");
	expect(J, "{\"a\":\"\"}\n{}\n", NULL,
	       "package main\n\ntype Root struct {\n\tA *string `json:\"a,omitempty\"`\n}\n");
	expect(J, "{\"a\":[]}\n{}\n", NULL,
	       "package main\n\ntype Root struct {\n\tA *[]any `json:\"a,omitempty\"`\n}\n");
	struct gen_options o;
	gen_options_init(&o);
	o.optional = GEN_OPTIONAL_POINTER;
	expect(J, "{\"a\":1,\"b\":\"x\"}\n{\"a\":2}\n", &o,
	       "package main\n\ntype Root struct {\n"
	       "\tA int64   `json:\"a\"`\n"
	       "\tB *string `json:\"b,omitempty\"`\n"
	       "}\n");
}

static void test_sharing_and_naming(void **state)
{
	(void)state;
	const char *in = "{\"home\":{\"city\":\"a\",\"zip\":\"1\"},\"work\":{\"city\":\"b\",\"zip\":\"2\"},"
			 "\"users\":[{\"id\":1,\"address\":{\"n\":1}}],"
			 "\"other\":{\"address\":{\"n\":\"x\"}}}";
	expect(J, in, NULL,
	       "package main\n\ntype Root struct {\n"
	       "\tHome  Home   `json:\"home\"`\n"
	       "\tWork  Home   `json:\"work\"`\n"
	       "\tUsers []User `json:\"users\"`\n"
	       "\tOther Other  `json:\"other\"`\n"
	       "}\n\ntype Home struct {\n"
	       "\tCity string `json:\"city\"`\n"
	       "\tZip  string `json:\"zip\"`\n"
	       "}\n\ntype User struct {\n"
	       "\tID      int64   `json:\"id\"`\n"
	       "\tAddress Address `json:\"address\"`\n"
	       "}\n\ntype Address struct {\n"
	       "\tN int64 `json:\"n\"`\n"
	       "}\n\ntype Other struct {\n"
	       "\tAddress OtherAddress `json:\"address\"`\n"
	       "}\n\ntype OtherAddress struct {\n"
	       "\tN string `json:\"n\"`\n"
	       "}\n");
	/* collisions: foo_bar, fooBar, FooBar */
	expect(J, "{\"foo_bar\":1,\"fooBar\":2,\"FooBar\":3}", NULL,
	       "package main\n\ntype Root struct {\n"
	       "\tFooBar  int64 `json:\"foo_bar\"`\n"
	       "\tFooBar2 int64 `json:\"fooBar\"`\n"
	       "\tFooBar3 int64 `json:\"FooBar\"`\n"
	       "}\n");
	/* a key no json tag can carry turns the object into a map */
	expect(J, "{\"a\\\"b\":1,\"c\":2}", NULL, "package main\n\ntype Root map[string]int64\n");
	expect(J, "{\"\":1}", NULL, "package main\n\ntype Root map[string]int64\n");
	expect(J, "{\"-\":1}", NULL,
	       "package main\n\ntype Root struct {\n\tX2D int64 `json:\"-,\"`\n}\n");
}

static void test_inline_and_options(void **state)
{
	(void)state;
	struct gen_options o;
	gen_options_init(&o);
	o.inline_types = true;
	o.package = "models";
	o.root_name = "config file";
	o.tags = GEN_TAG_JSON | GEN_TAG_YAML;
	expect(J, "{\"server\":{\"host\":\"h\",\"port\":1},\"x\":1}", &o,
	       "package models\n\ntype ConfigFile struct {\n"
	       "\tServer struct {\n"
	       "\t\tHost string `json:\"host\" yaml:\"host\"`\n"
	       "\t\tPort int64  `json:\"port\" yaml:\"port\"`\n"
	       "\t} `json:\"server\" yaml:\"server\"`\n"
	       "\tX int64 `json:\"x\" yaml:\"x\"`\n"
	       "}\n");
	expect(J, "{\"empty\":{}}", NULL,
	       "package main\n\ntype Root struct {\n\tEmpty Empty `json:\"empty\"`\n}\n\ntype Empty struct{}\n");
}

/* --time=auto keeps time.Time only for text that time.Time prints back unchanged
 * (RFC 3339 with nanoseconds, checked with Go 1.27's encoding/json). */
static void test_time_rule(void **state)
{
	(void)state;
	static const struct {
		enum gen_kind k;
		const char *in, *out;
		bool same;
	} cases[] = {
		{GEN_TIME_OFFSET, "2018-02-21T21:54:44Z", "2018-02-21T21:54:44Z", true},
		{GEN_TIME_OFFSET, "2018-02-21T21:54:44.000Z", "2018-02-21T21:54:44Z", false},
		{GEN_TIME_OFFSET, "2018-02-21T21:54:44.120Z", "2018-02-21T21:54:44.12Z", false},
		{GEN_TIME_OFFSET, "2018-02-21T21:54:44.12Z", "2018-02-21T21:54:44.12Z", true},
		{GEN_TIME_OFFSET, "2018-02-21T21:54:44+00:00", "2018-02-21T21:54:44Z", false},
		{GEN_TIME_OFFSET, "2018-02-21T21:54:44-00:00", "2018-02-21T21:54:44Z", false},
		{GEN_TIME_OFFSET, "2018-02-21T21:54:44+08:00", "2018-02-21T21:54:44+08:00", true},
		{GEN_TIME_OFFSET, "2018-02-21T21:54:44.1234567891Z", "2018-02-21T21:54:44.123456789Z", false},
		{GEN_TIME_OFFSET, "2018-02-21T21:54:44.123456789+05:30", "2018-02-21T21:54:44.123456789+05:30", true},
		{GEN_TIME_OFFSET, "2018-02-21t21:54:44z", "2018-02-21T21:54:44Z", false},
		{GEN_TIME_LOCAL_DATETIME, "1979-05-27T07:32:00.500", "1979-05-27T07:32:00.5Z", false},
		{GEN_TIME_LOCAL_DATETIME, "2001-12-14 21:59:43", "2001-12-14T21:59:43Z", false},
		{GEN_TIME_LOCAL_DATE, "1979-05-27", "1979-05-27T00:00:00Z", false},
		{GEN_TIME_LOCAL_TIME, "07:32:00", "0000-01-01T07:32:00Z", false},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char out[GEN_TIME_OUT];
		bool same = gen_time_survives(cases[i].k, cases[i].in, strlen(cases[i].in), out);
		if (same != cases[i].same || strcmp(out, cases[i].out))
			fail_msg("%s: got %d %s, want %d %s", cases[i].in, same, out, cases[i].same, cases[i].out);
	}
	/* one lossy sample among good ones makes the field a string; never/always */
	const char *in = "{\"a\":\"2018-02-21T21:54:44Z\",\"b\":\"2018-02-21T21:54:44Z\"}\n"
			 "{\"a\":\"2018-02-21T21:54:44.5Z\",\"b\":\"2018-02-21T21:54:44.000Z\"}\n";
	expect(GEN_FORMAT_JSON, in, NULL,
	       "package main\n\nimport \"time\"\n\ntype Root struct {\n"
	       "\tA time.Time `json:\"a\"`\n"
	       "\tB string    `json:\"b\"` // string: \"2018-02-21T21:54:44.000Z\" would re-encode as \"2018-02-21T21:54:44Z\"\n"
	       "}\n");
	struct gen_options o;
	gen_options_init(&o);
	struct bagu_err err;
	assert_int_equal(gen_options_set(&o, "time", "never", &err), 0);
	expect(GEN_FORMAT_JSON, in, &o,
	       "package main\n\ntype Root struct {\n"
	       "\tA string `json:\"a\"`\n"
	       "\tB string `json:\"b\"`\n"
	       "}\n");
	assert_int_equal(gen_options_set(&o, "time", "always", &err), 0);
	expect(GEN_FORMAT_JSON, in, &o,
	       "package main\n\nimport \"time\"\n\ntype Root struct {\n"
	       "\tA time.Time `json:\"a\"`\n"
	       "\tB time.Time `json:\"b\"`\n"
	       "}\n");
	assert_int_equal(gen_options_set(&o, "time", "sometimes", &err), -1);
	assert_non_null(strstr(err.msg, "auto, always or never"));
}

static void test_yaml_rules(void **state)
{
	(void)state;
	const char *scalars = "on: yes\nn: ~\ni: 0x1F\no: 0o17\nf: .5\ninf: .inf\nd: 2001-12-14\nt: 2001-12-14t21:59:43.10-05:00\nq: \"12\"\n";
	/* --time=auto: neither date-time would be printed back as written */
	expect(Y, scalars, NULL,
	       "package main\n\ntype Root struct {\n"
	       "\tOn  string  `yaml:\"on\"`\n"
	       "\tN   any     `yaml:\"n\"`\n"
	       "\tI   int64   `yaml:\"i\"`\n"
	       "\tO   int64   `yaml:\"o\"`\n"
	       "\tF   float64 `yaml:\"f\"`\n"
	       "\tInf float64 `yaml:\"inf\"`\n"
	       "\tD   string  `yaml:\"d\"` // string: \"2001-12-14\" would re-encode as \"2001-12-14T00:00:00Z\"\n"
	       "\tT   string  `yaml:\"t\"` // string: \"2001-12-14t21:59:43.10-05:00\" would re-encode as \"2001-12-14T21:59:43.1-05:00\"\n"
	       "\tQ   string  `yaml:\"q\"`\n"
	       "}\n");
	struct gen_options always;
	gen_options_init(&always);
	always.time = GEN_TIME_ALWAYS;
	expect(Y, scalars, &always,
	       "package main\n\nimport \"time\"\n\ntype Root struct {\n"
	       "\tOn  string    `yaml:\"on\"`\n"
	       "\tN   any       `yaml:\"n\"`\n"
	       "\tI   int64     `yaml:\"i\"`\n"
	       "\tO   int64     `yaml:\"o\"`\n"
	       "\tF   float64   `yaml:\"f\"`\n"
	       "\tInf float64   `yaml:\"inf\"`\n"
	       "\tD   time.Time `yaml:\"d\"`\n"
	       "\tT   time.Time `yaml:\"t\"`\n"
	       "\tQ   string    `yaml:\"q\"`\n"
	       "}\n");
	/* anchors, aliases, merge keys (merged keys take the place of <<); explicit keys win */
	expect(Y, "base: &b {x: 1, y: 2}\nderived:\n  <<: *b\n  y: three\n  z: 4\n", NULL,
	       "package main\n\ntype Root struct {\n"
	       "\tBase    Base    `yaml:\"base\"`\n"
	       "\tDerived Derived `yaml:\"derived\"`\n"
	       "}\n\ntype Base struct {\n"
	       "\tX int64 `yaml:\"x\"`\n"
	       "\tY int64 `yaml:\"y\"`\n"
	       "}\n\ntype Derived struct {\n"
	       "\tX int64  `yaml:\"x\"`\n"
	       "\tY string `yaml:\"y\"`\n"
	       "\tZ int64  `yaml:\"z\"`\n"
	       "}\n");
	/* documents are records; a null document makes nothing optional */
	expect(Y, "a: 1\n---\na: 2\nb: x\n", NULL,
	       "package main\n\ntype Root struct {\n"
	       "\tA int64  `yaml:\"a\"`\n"
	       "\tB string `yaml:\"b,omitempty\"`\n"
	       "}\n");
	/* yaml.v3 prints nil slices as [], so nullable slices are pointers */
	expect(Y, "- [1]\n- null\n", NULL, "package main\n\ntype Root []*[]int64\n");
}

static void test_limits_and_errors(void **state)
{
	(void)state;
	struct gen_limits lim;
	gen_limits_init(&lim);
	lim.max_depth = 3;
	struct gen_model *m = gen_model_new(J, &lim);
	struct bagu_err err = {{0}};
	assert_int_equal(gen_front_json(m, "d.json", "[[[[1]]]]", 9, &err), -1);
	assert_string_equal(err.msg, "d.json:1:4: nesting deeper than 3 levels");
	gen_model_free(m);

	gen_limits_init(&lim);
	lim.max_fields = 2;
	m = gen_model_new(J, &lim);
	assert_int_equal(gen_front_json(m, "f.json", "{\"a\":1,\n\"b\":2,\n\"c\":3}", 20, &err), -1);
	assert_string_equal(err.msg, "f.json:3:3: object with more than 2 distinct keys");
	gen_model_free(m);

	m = gen_model_new(J, NULL);
	struct strbuf sb = STRBUF_INIT;
	assert_int_equal(gen_emit_go(m, &(struct gen_options){.package = "main"}, &sb, &err), -1);
	assert_string_equal(err.msg, "no values in input");
	struct gen_value v = {.kind = GEN_INT, .i = 1};
	assert_int_equal(gen_key(m, "a", 1, &err), -1);
	assert_int_equal(gen_begin_object(m, &err), 0);
	assert_int_equal(gen_scalar(m, &v, &err), -1);
	assert_int_equal(gen_key(m, "a", 1, &err), 0);
	assert_int_equal(gen_scalar(m, &v, &err), 0);
	assert_int_equal(gen_end_array(m, &err), -1);
	assert_int_equal(gen_end_object(m, &err), 0);
	assert_int_equal((int)gen_model_records(m), 1);
	struct gen_options o;
	gen_options_init(&o);
	o.package = "func";
	assert_int_equal(gen_emit_go(m, &o, &sb, &err), -1);
	assert_int_equal((int)sb.len, 0);
	gen_model_free(m);
	strbuf_release(&sb);
}

static void test_memory_flat(void **state)
{
	(void)state;
	/* 100k records of the same shape: the schema stays at 4 nodes */
	struct gen_model *m = gen_model_new(J, NULL);
	struct bagu_err err = {{0}};
	struct gen_json *j = gen_json_new(m, "r.json");
	const char *rec = "{\"id\":1,\"tags\":[\"a\",\"b\"],\"v\":0.5}\n";
	for (int i = 0; i < 100000; i++)
		assert_int_equal(gen_json_feed(j, rec, strlen(rec), &err), 0);
	assert_int_equal(gen_json_finish(j, &err), 0);
	gen_json_free(j);
	assert_int_equal((int)gen_model_records(m), 100000);
	assert_int_equal((int)gen_model_nodes(m), 5);
	gen_model_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scalars),
		cmocka_unit_test(test_numbers_merge),
		cmocka_unit_test(test_conflicts_and_empty),
		cmocka_unit_test(test_optional_nullable),
		cmocka_unit_test(test_sharing_and_naming),
		cmocka_unit_test(test_inline_and_options),
		cmocka_unit_test(test_yaml_rules),
		cmocka_unit_test(test_time_rule),
		cmocka_unit_test(test_limits_and_errors),
		cmocka_unit_test(test_memory_flat),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
