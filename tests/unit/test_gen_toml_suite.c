/*
 * test_gen_toml_suite — runs toml-test's TOML 1.0.0 cases against gen/toml.
 *
 * The list is $BAGU_SHARED/testdata/toml-test/tests/files-toml-1.0.0. For every
 * valid/X.toml: parse, print tagged JSON, parse that and valid/X.json with yajl's tree
 * API and compare them the way toml-test does (json.go in toml-test):
 *   - tables: same key set, values equal recursively; arrays: same length, in order;
 *   - {"type","value"} leaves: same type; floats compared as doubles (nan only equals
 *     nan by text, so -nan/+nan must print "nan"); datetimes compared as instants
 *     (offset date-time) or field by field (local kinds), fractions to the nanosecond;
 *     everything else compared as strings.
 * For every invalid/X.toml: the parse must fail with "NAME:LINE:COL: message".
 * No case is skipped; the test fails unless every case passes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_tree.h>

#include "gen/toml.h"
#include "util/util.h"

static char *shared_dir(void)
{
	const char *s = getenv("BAGU_SHARED");
	if (s && *s)
		return xstrdup(s);
	const char *src = getenv("BAGU_SRC");
	return xasprintf("%s/../shared", src && *src ? src : ".");
}

/* ---- toml-test's value comparison ---- */

struct dt {
	int y, mo, d, h, mi, s;
	long ns;
	int off; /* minutes */
	bool has_off;
};

static int num(const char **p, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)**p))
			return -1;
		v = v * 10 + (**p - '0');
		(*p)++;
	}
	return v;
}

/* Parses date, time or date-time text (T, t or space separator; Z/z or offset). */
static bool parse_dt(const char *s, const char *kind, struct dt *o)
{
	memset(o, 0, sizeof *o);
	const char *p = s;
	bool has_date = strcmp(kind, "time-local") != 0;
	bool has_time = strcmp(kind, "date-local") != 0;
	if (has_date) {
		if ((o->y = num(&p, 4)) < 0 || *p++ != '-' || (o->mo = num(&p, 2)) < 0 || *p++ != '-' ||
		    (o->d = num(&p, 2)) < 0)
			return false;
		if (has_time) {
			if (*p != 'T' && *p != 't' && *p != ' ')
				return false;
			p++;
		}
	}
	if (has_time) {
		if ((o->h = num(&p, 2)) < 0 || *p++ != ':' || (o->mi = num(&p, 2)) < 0 || *p++ != ':' ||
		    (o->s = num(&p, 2)) < 0)
			return false;
		if (*p == '.') {
			p++;
			long scale = 100000000;
			if (!isdigit((unsigned char)*p))
				return false;
			while (isdigit((unsigned char)*p)) {
				o->ns += (*p - '0') * scale;
				scale /= 10;
				p++;
			}
		}
	}
	if (strcmp(kind, "datetime") == 0) {
		o->has_off = true;
		if (*p == 'Z' || *p == 'z') {
			p++;
		} else if (*p == '+' || *p == '-') {
			int sign = *p++ == '-' ? -1 : 1;
			int oh, om;
			if ((oh = num(&p, 2)) < 0 || *p++ != ':' || (om = num(&p, 2)) < 0)
				return false;
			o->off = sign * (oh * 60 + om);
		} else {
			return false;
		}
	}
	return *p == '\0';
}

static long long days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	long long era = (y >= 0 ? y : y - 399) / 400;
	long long yoe = y - era * 400;
	long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static bool dt_equal(const char *kind, const char *want, const char *have)
{
	struct dt a, b;
	if (!parse_dt(want, kind, &a) || !parse_dt(have, kind, &b))
		return false;
	if (strcmp(kind, "datetime") == 0) {
		long long sa = (days_from_civil(a.y, a.mo, a.d) * 86400 + a.h * 3600 + a.mi * 60 + a.s) -
			       a.off * 60LL;
		long long sb = (days_from_civil(b.y, b.mo, b.d) * 86400 + b.h * 3600 + b.mi * 60 + b.s) -
			       b.off * 60LL;
		return sa == sb && a.ns == b.ns;
	}
	return a.y == b.y && a.mo == b.mo && a.d == b.d && a.h == b.h && a.mi == b.mi && a.s == b.s &&
	       a.ns == b.ns;
}

static bool ends_with(const char *s, const char *suf)
{
	size_t n = strlen(s), m = strlen(suf);
	return n >= m && strcmp(s + n - m, suf) == 0;
}

static yajl_val member(yajl_val obj, const char *key)
{
	for (size_t i = 0; i < obj->u.object.len; i++)
		if (strcmp(obj->u.object.keys[i], key) == 0)
			return obj->u.object.values[i];
	return NULL;
}

static bool is_leaf(yajl_val v)
{
	return YAJL_IS_OBJECT(v) && v->u.object.len == 2 && member(v, "type") && member(v, "value");
}

/* Compares want (expected) with have (ours); on mismatch writes a reason into why. */
static bool cmp_json(yajl_val want, yajl_val have, struct strbuf *path, char *why, size_t cap)
{
	if (YAJL_IS_ARRAY(want)) {
		if (!YAJL_IS_ARRAY(have)) {
			snprintf(why, cap, "%s: expected an array", path->buf);
			return false;
		}
		if (want->u.array.len != have->u.array.len) {
			snprintf(why, cap, "%s: array length %zu, expected %zu", path->buf, have->u.array.len,
				 want->u.array.len);
			return false;
		}
		for (size_t i = 0; i < want->u.array.len; i++) {
			size_t l = path->len;
			strbuf_addf(path, "[%zu]", i);
			bool ok = cmp_json(want->u.array.values[i], have->u.array.values[i], path, why, cap);
			path->len = l;
			path->buf[l] = '\0';
			if (!ok)
				return false;
		}
		return true;
	}
	if (!YAJL_IS_OBJECT(want) || !YAJL_IS_OBJECT(have)) {
		snprintf(why, cap, "%s: expected an object", path->buf);
		return false;
	}
	if (is_leaf(want) != is_leaf(have)) {
		snprintf(why, cap, "%s: value/table mismatch", path->buf);
		return false;
	}
	if (is_leaf(want)) {
		yajl_val wt = member(want, "type"), ht = member(have, "type");
		yajl_val wv = member(want, "value"), hv = member(have, "value");
		if (!YAJL_IS_STRING(wt) || !YAJL_IS_STRING(ht) || !YAJL_IS_STRING(wv) || !YAJL_IS_STRING(hv)) {
			snprintf(why, cap, "%s: type and value must be strings", path->buf);
			return false;
		}
		const char *type = wt->u.string, *htype = ht->u.string, *w = wv->u.string, *h = hv->u.string;
		bool ok;
		if (strcmp(type, htype) != 0) {
			ok = false;
		} else if (strcmp(type, "float") == 0) {
			if (ends_with(w, "nan") || ends_with(h, "nan")) {
				ok = strcmp(w, h) == 0;
			} else {
				char *e1, *e2;
				double a = strtod(w, &e1), b = strtod(h, &e2);
				ok = *e1 == '\0' && *e2 == '\0' && a == b;
			}
		} else if (strcmp(type, "datetime") == 0 || strcmp(type, "datetime-local") == 0 ||
			   strcmp(type, "date-local") == 0 || strcmp(type, "time-local") == 0) {
			ok = dt_equal(type, w, h);
		} else {
			ok = strcmp(w, h) == 0;
		}
		if (!ok)
			snprintf(why, cap, "%s: got %s %s, expected %s %s", path->buf, htype, h,
				 type, w);
		return ok;
	}
	for (size_t i = 0; i < want->u.object.len; i++) {
		if (!member(have, want->u.object.keys[i])) {
			snprintf(why, cap, "%s: missing key '%s'", path->buf, want->u.object.keys[i]);
			return false;
		}
	}
	for (size_t i = 0; i < have->u.object.len; i++) {
		if (!member(want, have->u.object.keys[i])) {
			snprintf(why, cap, "%s: unexpected key '%s'", path->buf, have->u.object.keys[i]);
			return false;
		}
	}
	if (want->u.object.len != have->u.object.len) {
		snprintf(why, cap, "%s: duplicate keys", path->buf);
		return false;
	}
	for (size_t i = 0; i < want->u.object.len; i++) {
		size_t l = path->len;
		strbuf_addf(path, ".%s", want->u.object.keys[i]);
		bool ok = cmp_json(want->u.object.values[i], member(have, want->u.object.keys[i]), path, why,
				   cap);
		path->len = l;
		path->buf[l] = '\0';
		if (!ok)
			return false;
	}
	return true;
}

/* "NAME:LINE:COL: message" with LINE, COL >= 1. */
static bool has_position(const char *msg, const char *name)
{
	size_t n = strlen(name);
	if (strncmp(msg, name, n) != 0 || msg[n] != ':')
		return false;
	const char *p = msg + n + 1;
	for (int part = 0; part < 2; part++) {
		if (!isdigit((unsigned char)*p) || *p == '0')
			return false;
		while (isdigit((unsigned char)*p))
			p++;
		if (*p++ != ':')
			return false;
	}
	return *p == ' ' && p[1] != '\0';
}

static void test_toml_1_0_0_suite(void **state)
{
	(void)state;
	char *shared = shared_dir();
	char *base = xasprintf("%s/testdata/toml-test/tests", shared);
	char *list_path = xasprintf("%s/files-toml-1.0.0", base);
	struct strbuf list = STRBUF_INIT;
	struct bagu_err err;
	strbuf_init(&list, 0);
	if (read_file(list_path, 1 << 20, &list, &err))
		fail_msg("%s", err.msg);

	int valid_pass = 0, valid_fail = 0, invalid_pass = 0, invalid_fail = 0;
	char *save = NULL;
	for (char *line = strtok_r(list.buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		size_t ll = strlen(line);
		while (ll && (line[ll - 1] == '\r' || line[ll - 1] == ' '))
			line[--ll] = '\0';
		if (!ends_with(line, ".toml"))
			continue;
		bool valid = strncmp(line, "valid/", 6) == 0;
		char *path = xasprintf("%s/%s", base, line);
		struct strbuf in = STRBUF_INIT;
		strbuf_init(&in, 0);
		if (read_file(path, 1 << 24, &in, &err))
			fail_msg("%s", err.msg);
		struct toml_value *root = NULL;
		struct bagu_err perr = {{0}};
		int rc = toml_parse(in.buf, in.len, line, NULL, &root, &perr);
		if (!valid) {
			if (rc == 0) {
				printf("FAIL %s: accepted an invalid document\n", line);
				invalid_fail++;
			} else if (!has_position(perr.msg, line)) {
				printf("FAIL %s: error without position: %s\n", line, perr.msg);
				invalid_fail++;
			} else {
				invalid_pass++;
			}
			toml_free(root);
		} else if (rc) {
			printf("FAIL %s: rejected: %s\n", line, perr.msg);
			valid_fail++;
		} else {
			struct strbuf have = STRBUF_INIT, want = STRBUF_INIT, jpath = STRBUF_INIT;
			strbuf_init(&have, 0);
			strbuf_init(&want, 0);
			strbuf_init(&jpath, 0);
			toml_to_tagged_json(root, &have);
			toml_free(root);
			char *jp = xasprintf("%s/%.*s.json", base, (int)(ll - 5), line);
			if (read_file(jp, 1 << 24, &want, &err))
				fail_msg("%s", err.msg);
			char e1[256], e2[256], why[512] = "";
			yajl_val wv = yajl_tree_parse(want.buf, e1, sizeof e1);
			yajl_val hv = yajl_tree_parse(have.buf, e2, sizeof e2);
			if (!wv)
				fail_msg("%s: expected JSON does not parse: %s", jp, e1);
			if (!hv) {
				printf("FAIL %s: our JSON does not parse: %s\n%s\n", line, e2, have.buf);
				valid_fail++;
			} else if (!cmp_json(wv, hv, &jpath, why, sizeof why)) {
				printf("FAIL %s: %s\n  ours: %.2000s\n", line, why, have.buf);
				valid_fail++;
			} else {
				valid_pass++;
			}
			yajl_tree_free(wv);
			yajl_tree_free(hv);
			free(jp);
			strbuf_release(&have);
			strbuf_release(&want);
			strbuf_release(&jpath);
		}
		strbuf_release(&in);
		free(path);
	}
	printf("toml-test 1.0.0: valid %d passed, %d failed; invalid %d passed, %d failed\n", valid_pass,
	       valid_fail, invalid_pass, invalid_fail);
	assert_true(valid_pass > 200 && invalid_pass > 400);
	assert_int_equal(valid_fail, 0);
	assert_int_equal(invalid_fail, 0);
	strbuf_release(&list);
	free(list_path);
	free(base);
	free(shared);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_toml_1_0_0_suite),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
