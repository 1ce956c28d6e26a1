/* Unit tests for the JSON front end: streaming in any chunking, NDJSON and
 * concatenated documents, strictness, and file:line:col errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "gen/front.h"
#include "gen/model.h"

/* Feeds in with chunks of size step (0 = whole); returns 0 and the Go text, or -1 and err. */
static int run(const char *in, size_t len, size_t step, char **go, struct bagu_err *err)
{
	struct gen_model *m = gen_model_new(GEN_FORMAT_JSON, NULL);
	struct gen_json *j = gen_json_new(m, "in.json");
	int rc = 0;
	if (!step)
		step = len ? len : 1;
	for (size_t off = 0; off < len && !rc; off += step)
		rc = gen_json_feed(j, in + off, len - off < step ? len - off : step, err);
	if (!rc)
		rc = gen_json_finish(j, err);
	gen_json_free(j);
	*go = NULL;
	if (!rc) {
		struct strbuf sb = STRBUF_INIT;
		struct gen_options o;
		gen_options_init(&o);
		rc = gen_emit_go(m, &o, &sb, err);
		*go = strbuf_detach(&sb, NULL);
	}
	gen_model_free(m);
	return rc;
}

static void test_chunking_invariant(void **state)
{
	(void)state;
	const char *in = "{\"name\":\"名字\\u00e9\",\"n\":-12.5e3,\"list\":[1,2,{\"deep\":[true,null]}],"
			 "\"big\":123456789012345678901234567890,\"t\":\"2020-01-01T00:00:00Z\"}\n"
			 "{\"name\":\"x\",\"n\":7,\"extra\":false}\n";
	size_t len = strlen(in);
	struct bagu_err err = {{0}};
	char *whole;
	assert_int_equal(run(in, len, 0, &whole, &err), 0);
	for (size_t step = 1; step < 17; step++) {
		char *part;
		if (run(in, len, step, &part, &err))
			fail_msg("step %zu: %s", step, err.msg);
		assert_string_equal(part, whole);
		free(part);
	}
	free(whole);
}

static void expect_error(const char *in, size_t step, const char *want)
{
	struct bagu_err err = {{0}};
	char *go;
	int rc = run(in, strlen(in), step, &go, &err);
	free(go);
	if (rc == 0)
		fail_msg("accepted: %s", in);
	/* Whole input: exact. Tiny chunks: a token split across chunks may be reported
	 * at its end, so compare the line and the message only. */
	bool same;
	if (step == 0) {
		same = strcmp(err.msg, want) == 0;
	} else {
		const char *a = strchr(strchr(err.msg, ':') + 1, ':'), *b = strchr(strchr(want, ':') + 1, ':');
		same = (a - err.msg) == (b - want) && !strncmp(err.msg, want, (size_t)(a - err.msg)) &&
		       !strcmp(strchr(a + 1, ':'), strchr(b + 1, ':'));
	}
	if (!same)
		fail_msg("input %s (step %zu): got \"%s\", want \"%s\"", in, step, err.msg, want);
}

static void test_errors_with_positions(void **state)
{
	(void)state;
	for (size_t step = 0; step < 4; step++) {
		expect_error("{\"a\":1,\n \"b\":}", step, "in.json:2:6: unallowed token at this point in JSON text");
		expect_error("[1,2]\n[3] x", step, "in.json:2:5: invalid char in json text.");
		expect_error("[1,2]\n[3] 4", step, "in.json:2:5: top-level values must be separated by a newline");
		expect_error("{\"a\":1} {\"a\":2}", step, "in.json:1:9: top-level values must be separated by a newline");
		expect_error("[1,\f2]", step, "in.json:1:4: form feed is not JSON whitespace");
		expect_error("", step, "in.json:1:1: no JSON value in input");
		expect_error("  \n ", step, "in.json:2:2: no JSON value in input");
		expect_error("[\"名字\", 1", step, "in.json:1:9: premature EOF");
		expect_error("[\"名字\",, 1]", step, "in.json:1:7: unallowed token at this point in JSON text");
		expect_error("[01]", step, "in.json:1:3: after array element, I expect ',' or ']'");
		expect_error("// c\n{}", step, "in.json:1:1: probable comment found in input text, comments are not enabled.");
	}
}

static void test_streams(void **state)
{
	(void)state;
	struct bagu_err err = {{0}};
	char *go;
	/* NDJSON with CRLF, blank lines, no final newline; pretty-printed documents */
	const char *in = "{\"a\":1}\r\n\r\n{\"a\":2,\"b\":[]}\n{\n  \"a\": 3\n}";
	assert_int_equal(run(in, strlen(in), 0, &go, &err), 0);
	assert_string_equal(go, "package main\n\ntype Root struct {\n"
				"\tA int64  `json:\"a\"`\n"
				"\tB *[]any `json:\"b,omitempty\"`\n"
				"}\n");
	free(go);
	/* scalars as records */
	assert_int_equal(run("1\n2\n3.5\n", 8, 1, &go, &err), 0);
	assert_string_equal(go, "package main\n\ntype Root float64\n");
	free(go);
}

static void test_rfc3339(void **state)
{
	(void)state;
	assert_true(gen_is_rfc3339("2006-01-02T15:04:05Z", 20));
	assert_true(gen_is_rfc3339("2006-01-02T15:04:05.999999999-07:00", 35));
	assert_true(gen_is_rfc3339("2024-02-29T00:00:00+14:00", 25));
	assert_false(gen_is_rfc3339("2023-02-29T00:00:00Z", 20));
	assert_false(gen_is_rfc3339("2006-01-02 15:04:05Z", 20));
	assert_false(gen_is_rfc3339("2006-01-02T15:04:05z", 20));
	assert_false(gen_is_rfc3339("2006-01-02T24:00:00Z", 20));
	assert_false(gen_is_rfc3339("2006-01-02T15:04:60Z", 20));
	assert_false(gen_is_rfc3339("2006-01-02T15:04:05", 19));
	assert_false(gen_is_rfc3339("2006-01-02T15:04:05.Z", 21));
	assert_false(gen_is_rfc3339("2006-01-02T15:04:05+0700", 24));
	assert_false(gen_is_rfc3339("2006-01-02", 10));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_chunking_invariant),
		cmocka_unit_test(test_errors_with_positions),
		cmocka_unit_test(test_streams),
		cmocka_unit_test(test_rfc3339),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
