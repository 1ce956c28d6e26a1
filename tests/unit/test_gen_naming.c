/* Unit tests for gen/naming: Go identifiers, singulars, tags, name sets. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "gen/model.h"
#include "gen/naming.h"

static void expect_name(const char *key, size_t len, const char *want)
{
	struct strbuf sb = STRBUF_INIT;
	gen_go_name(key, len, &sb);
	if (strcmp(sb.buf, want) != 0)
		fail_msg("gen_go_name(\"%.*s\") = \"%s\", want \"%s\"", (int)len, key, sb.buf, want);
	strbuf_release(&sb);
}

#define NAME(k, w) expect_name(k, sizeof(k) - 1, w)

static void test_words_and_case(void **state)
{
	(void)state;
	NAME("name", "Name");
	NAME("first_name", "FirstName");
	NAME("first-name", "FirstName");
	NAME("first name", "FirstName");
	NAME("first.name", "FirstName");
	NAME("firstName", "FirstName");
	NAME("FirstName", "FirstName");
	NAME("FIRST_NAME", "FirstName");
	NAME("HTTPServer", "HTTPServer");
	NAME("a", "A");
	NAME("x_y_z", "XYZ");
}

static void test_initialisms_whole_words(void **state)
{
	(void)state;
	NAME("id", "ID");
	NAME("user_id", "UserID");
	NAME("userId", "UserID");
	NAME("userid", "Userid");
	NAME("middlename", "Middlename");
	NAME("identity", "Identity");
	NAME("api_url", "APIURL");
	NAME("html_url", "HTMLURL");
	NAME("ids", "IDs");
	NAME("URLs", "URLs");
	NAME("user_ids", "UserIDs");
	NAME("utf8", "UTF8");
	NAME("id2", "ID2");
	NAME("json_api", "JSONAPI");
	NAME("uuid", "UUID");
	NAME("ip_address", "IPAddress");
	NAME("sql", "SQL");
	NAME("http2", "HTTP2");
	NAME("status", "Status");
}

static void test_odd_keys(void **state)
{
	(void)state;
	NAME("", "Empty");
	NAME("$ref", "Ref");
	NAME("@type", "Type");
	NAME("@id", "ID");
	NAME("_id", "ID");
	NAME("2fa", "X2Fa");
	NAME("123", "X123");
	NAME("v2", "V2");
	NAME("v2beta", "V2Beta");
	NAME("---", "X2D2D2D");
	NAME("$", "X24");
	NAME("名字", "X名字");
	NAME("用户id", "X用户ID");
	NAME("café", "Café");
	NAME("élan", "Élan");
	NAME("имя", "Имя");
	NAME("\xff\xfe", "XFFFE");
	NAME("a\0b", "AB");
	NAME("🚀", "XF09F9A80");
	NAME("🚀launch", "Launch");
	/* found by fuzzing: a word of letters and 30+ digits */
	NAME("e666666666666666666666666666666666666666666mm", "E666666666666666666666666666666666666666666Mm");
	NAME("id12345678901234567890123456789012", "ID12345678901234567890123456789012");
}

static void expect_singular(const char *in, const char *want, bool changed)
{
	struct strbuf sb = STRBUF_INIT;
	bool c = gen_singular(in, &sb);
	assert_string_equal(sb.buf, want);
	assert_int_equal(c, changed);
	strbuf_release(&sb);
}

static void test_singular(void **state)
{
	(void)state;
	expect_singular("Users", "User", true);
	expect_singular("Categories", "Category", true);
	expect_singular("Addresses", "Address", true);
	expect_singular("Boxes", "Box", true);
	expect_singular("Matches", "Match", true);
	expect_singular("Status", "Status", false);
	expect_singular("Class", "Class", false);
	expect_singular("Data", "Data", false);
	expect_singular("IDs", "ID", true);
	expect_singular("Root", "Root", false);
}

static void test_identifier(void **state)
{
	(void)state;
	assert_true(gen_is_go_identifier("main"));
	assert_true(gen_is_go_identifier("models2"));
	assert_true(gen_is_go_identifier("_x"));
	assert_false(gen_is_go_identifier(""));
	assert_false(gen_is_go_identifier("2x"));
	assert_false(gen_is_go_identifier("type"));
	assert_false(gen_is_go_identifier("a-b"));
}

static void test_tag_keys(void **state)
{
	(void)state;
	assert_true(gen_tag_key_ok(GEN_TAG_JSON, "a b", 3));
	assert_true(gen_tag_key_ok(GEN_TAG_JSON, "$ref", 4));
	assert_true(gen_tag_key_ok(GEN_TAG_JSON, "名字", strlen("名字")));
	assert_false(gen_tag_key_ok(GEN_TAG_JSON, "", 0));
	assert_false(gen_tag_key_ok(GEN_TAG_JSON, "a,b", 3));
	assert_false(gen_tag_key_ok(GEN_TAG_JSON, "a\"b", 3));
	assert_false(gen_tag_key_ok(GEN_TAG_JSON, "a\\b", 3));
	assert_false(gen_tag_key_ok(GEN_TAG_JSON, "a'b", 3));
	assert_false(gen_tag_key_ok(GEN_TAG_JSON, "a\nb", 3));
	assert_false(gen_tag_key_ok(GEN_TAG_JSON, "🚀", 4));
	assert_true(gen_tag_key_ok(GEN_TAG_YAML, "a\"b", 3));
	assert_true(gen_tag_key_ok(GEN_TAG_YAML, "🚀", 4));
	assert_false(gen_tag_key_ok(GEN_TAG_YAML, "a,b", 3));
	assert_false(gen_tag_key_ok(GEN_TAG_TOML, "", 0));
	assert_true(gen_tag_key_ok(GEN_TAG_JSON, "-", 1));
	assert_false(gen_tag_key_ok(GEN_TAG_YAML, "-", 1));
	assert_true(gen_tag_key_ok(GEN_TAG_TOML, "-", 1));
}

static void test_quote_and_literal(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	gen_quote_go("a\"b\\c\n\t\x01\xff名", strlen("a\"b\\c\n\t\x01\xff名"), &sb);
	assert_string_equal(sb.buf, "\"a\\\"b\\\\c\\n\\t\\x01\\xff名\"");
	strbuf_reset(&sb);
	gen_tag_literal("json:\"a\"", 8, &sb);
	assert_string_equal(sb.buf, "`json:\"a\"`");
	strbuf_reset(&sb);
	gen_tag_literal("yaml:\"a`b\"", 10, &sb);
	assert_string_equal(sb.buf, "\"yaml:\\\"a`b\\\"\"");
	strbuf_release(&sb);
}

static void test_nameset(void **state)
{
	(void)state;
	struct gen_nameset s;
	gen_nameset_init(&s);
	assert_string_equal(gen_nameset_claim(&s, "FooBar"), "FooBar");
	assert_string_equal(gen_nameset_claim(&s, "FooBar"), "FooBar2");
	assert_string_equal(gen_nameset_claim(&s, "FooBar"), "FooBar3");
	assert_string_equal(gen_nameset_claim(&s, "V2"), "V2");
	assert_string_equal(gen_nameset_claim(&s, "V2"), "V2_2");
	for (int i = 0; i < 100; i++)
		(void)gen_nameset_claim(&s, "X");
	assert_true(gen_nameset_has(&s, "X100"));
	assert_false(gen_nameset_has(&s, "X101"));
	gen_nameset_release(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_words_and_case),
		cmocka_unit_test(test_initialisms_whole_words),
		cmocka_unit_test(test_odd_keys),
		cmocka_unit_test(test_singular),
		cmocka_unit_test(test_identifier),
		cmocka_unit_test(test_tag_keys),
		cmocka_unit_test(test_quote_and_literal),
		cmocka_unit_test(test_nameset),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
