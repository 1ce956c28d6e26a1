/* Unit tests: util (strbuf, UTF-8, files) and util/json. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/json.h"
#include "util/util.h"

static void test_strbuf(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	strbuf_init(&sb, 0);
	assert_string_equal(sb.buf, "");
	strbuf_addstr(&sb, "abc");
	strbuf_addch(&sb, '-');
	strbuf_addf(&sb, "%d/%s", 42, "x");
	assert_string_equal(sb.buf, "abc-42/x");
	assert_int_equal(sb.len, 8);
	for (int i = 0; i < 1000; i++)
		strbuf_addstr(&sb, "0123456789");
	assert_int_equal(sb.len, 10008);
	strbuf_reset(&sb);
	strbuf_addstr(&sb, "trail  \n\t");
	strbuf_rtrim(&sb);
	assert_string_equal(sb.buf, "trail");
	size_t n;
	char *d = strbuf_detach(&sb, &n);
	assert_string_equal(d, "trail");
	assert_int_equal(n, 5);
	assert_int_equal(sb.len, 0);
	free(d);
	strbuf_release(&sb);
}

static void test_utf8(void **state)
{
	(void)state;
	uint32_t cp;
	assert_int_equal(utf8_decode((const unsigned char *)"切", 3, &cp), 3);
	assert_int_equal(cp, 0x5207);
	assert_int_equal(utf8_cpwidth(cp), 2);
	assert_int_equal(utf8_cpwidth('a'), 1);
	assert_true(utf8_valid("hello 世界", strlen("hello 世界")));
	assert_false(utf8_valid("\xC0\xAF", 2));         /* overlong */
	assert_false(utf8_valid("\xED\xA0\x80", 3));     /* surrogate */
	assert_false(utf8_valid("\xE4\xB8", 2));         /* truncated */
	assert_false(utf8_valid("\xF4\x90\x80\x80", 4)); /* > U+10FFFF */
	assert_int_equal(utf8_len("a切b", strlen("a切b")), 3);
}

static void test_read_file_limit(void **state)
{
	(void)state;
	char path[] = "/tmp/bagu-test-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "0123456789", 10), 10);
	close(fd);
	struct strbuf sb = STRBUF_INIT;
	struct bagu_err err;
	assert_int_equal(read_file(path, 100, &sb, &err), 0);
	assert_string_equal(sb.buf, "0123456789");
	strbuf_reset(&sb);
	assert_int_equal(read_file(path, 5, &sb, &err), -1);
	assert_non_null(strstr(err.msg, "larger than the limit of 5 bytes"));
	assert_int_equal(sb.len, 0);
	assert_int_equal(read_file("/nonexistent/x", 5, &sb, &err), -1);
	assert_non_null(strstr(err.msg, "/nonexistent/x: No such file"));
	assert_int_equal(write_file_atomic(path, "new", 3, &err), 0);
	assert_int_equal(read_file(path, 100, &sb, &err), 0);
	assert_string_equal(sb.buf, "new");
	unlink(path);
	strbuf_release(&sb);
}

static void test_json_writer(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	struct json_writer w;
	json_init(&w, &sb, false);
	json_obj_begin(&w);
	json_key(&w, "a");
	json_int(&w, -3);
	json_key(&w, "s");
	json_str(&w, "q\"\\\n<\x01 切");
	json_key(&w, "arr");
	json_arr_begin(&w);
	json_bool(&w, true);
	json_null(&w);
	json_raw(&w, "[1,2]");
	json_obj_begin(&w);
	json_obj_end(&w);
	json_arr_end(&w);
	json_key(&w, "e");
	json_arr_begin(&w);
	json_arr_end(&w);
	json_key(&w, "n");
	json_str(&w, NULL);
	json_obj_end(&w);
	assert_string_equal(sb.buf, "{\"a\":-3,\"s\":\"q\\\"\\\\\\n\\u003c\\u0001 切\",\"arr\":[true,null,[1,2],{}],"
				    "\"e\":[],\"n\":null}");
	strbuf_reset(&sb);
	json_init(&w, &sb, true);
	json_arr_begin(&w);
	json_int(&w, 1);
	json_int(&w, 2);
	json_arr_end(&w);
	assert_string_equal(sb.buf, "[\n  1,\n  2\n]");
	strbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_strbuf),
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_read_file_limit),
		cmocka_unit_test(test_json_writer),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
