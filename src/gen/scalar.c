/*
 * gen/scalar — scalar recognisers shared by the front ends (see front.h): Go's
 * strict RFC 3339 parser, and gopkg.in/yaml.v3's resolution of plain scalars
 * (resolve.go), re-implemented so that the Go types we infer are the ones yaml.v3
 * will decode into.
 */
#include <errno.h>
#include <locale.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "gen/front.h"
#include "gen/model_int.h"

static bool dig(char c)
{
	return c >= '0' && c <= '9';
}

static bool num(const char *s, size_t n, int *out)
{
	int v = 0;
	for (size_t i = 0; i < n; i++) {
		if (!dig(s[i]))
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

static int days_in(int month, int year)
{
	static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0))
		return 29;
	return d[month - 1];
}

bool gen_is_rfc3339(const char *s, size_t n)
{
	int year, month, day, hour, min, sec;
	if (n < 20)
		return false;
	if (!num(s, 4, &year) || !num(s + 5, 2, &month) || !num(s + 8, 2, &day) ||
	    !num(s + 11, 2, &hour) || !num(s + 14, 2, &min) || !num(s + 17, 2, &sec))
		return false;
	if (s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':')
		return false;
	if (month < 1 || month > 12 || day < 1 || day > days_in(month, year) || hour > 23 ||
	    min > 59 || sec > 59)
		return false;
	size_t i = 19;
	if (i + 1 < n && s[i] == '.' && dig(s[i + 1])) {
		i += 2;
		while (i < n && dig(s[i]))
			i++;
	}
	if (n - i == 1)
		return s[i] == 'Z';
	if (n - i != 6)
		return false;
	int oh, om;
	return (s[i] == '+' || s[i] == '-') && s[i + 3] == ':' && num(s + i + 1, 2, &oh) &&
	       num(s + i + 4, 2, &om) && oh <= 23 && om <= 59;
}

/* Go time.Parse's getnum(s, false): one or two digits. */
static bool getnum(const char *s, size_t n, size_t *i, int *out)
{
	if (*i >= n || !dig(s[*i]))
		return false;
	int v = s[(*i)++] - '0';
	if (*i < n && dig(s[*i]))
		v = v * 10 + (s[(*i)++] - '0');
	*out = v;
	return true;
}

/* yaml.v3's parseTimestamp: layouts "2006-1-2T15:4:5.999999999Z07:00" (also 't'),
 * "2006-1-2 15:4:5.999999999" and "2006-1-2", with time.Parse's range checks. */
static enum gen_kind yaml_timestamp(const char *s, size_t n)
{
	int year, month, day, hour, min, sec;
	if (n < 8 || !num(s, 4, &year) || s[4] != '-')
		return GEN_NULL;
	size_t i = 5;
	if (!getnum(s, n, &i, &month) || i >= n || s[i++] != '-' || !getnum(s, n, &i, &day))
		return GEN_NULL;
	if (month < 1 || month > 12 || day < 1 || day > days_in(month, year))
		return GEN_NULL;
	if (i == n)
		return GEN_TIME_LOCAL_DATE;
	char sep = s[i++];
	if (sep != 'T' && sep != 't' && sep != ' ')
		return GEN_NULL;
	if (!getnum(s, n, &i, &hour) || i >= n || s[i++] != ':' || !getnum(s, n, &i, &min) ||
	    i >= n || s[i++] != ':' || !getnum(s, n, &i, &sec))
		return GEN_NULL;
	if (hour > 23 || min > 59 || sec > 59)
		return GEN_NULL;
	if (i + 1 < n && (s[i] == '.' || s[i] == ',') && dig(s[i + 1])) {
		i += 2;
		while (i < n && dig(s[i]))
			i++;
	}
	if (sep == ' ')
		return i == n ? GEN_TIME_LOCAL_DATETIME : GEN_NULL;
	if (i < n && s[i] == 'Z')
		return i + 1 == n ? GEN_TIME_OFFSET : GEN_NULL;
	int oh, om;
	if (n - i != 6 || (s[i] != '+' && s[i] != '-') || s[i + 3] != ':' ||
	    !num(s + i + 1, 2, &oh) || !num(s + i + 4, 2, &om) || oh > 23 || om > 59)
		return GEN_NULL;
	return GEN_TIME_OFFSET;
}

/* strconv.ParseUint(s, 0, 64) after the sign: 0 ok, 1 syntax error, 2 out of range. */
static int parse_uint0(const char *s, size_t n, uint64_t *out)
{
	if (n == 0)
		return 1;
	unsigned base = 10;
	if (s[0] == '0') {
		char l = n >= 3 ? (char)(s[1] | 0x20) : 0;
		if (l == 'b' || l == 'o' || l == 'x') {
			base = l == 'b' ? 2 : l == 'o' ? 8 : 16;
			s += 2;
			n -= 2;
		} else {
			base = 8;
			s += 1;
			n -= 1;
		}
	}
	uint64_t v = 0;
	bool range = false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		unsigned d;
		if (dig(c))
			d = (unsigned)(c - '0');
		else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
			d = (unsigned)((c | 0x20) - 'a' + 10);
		else
			return 1;
		if (d >= base)
			return 1;
		if (!range) {
			if (v > (UINT64_MAX - d) / base)
				range = true;
			else
				v = v * base + d;
		}
	}
	*out = v;
	return range ? 2 : 0;
}

/* ^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$ */
static bool yaml_style_float(const char *s, size_t n)
{
	size_t i = 0;
	if (i < n && (s[i] == '-' || s[i] == '+'))
		i++;
	if (i < n && s[i] == '.') {
		i++;
		if (i >= n || !dig(s[i]))
			return false;
		while (i < n && dig(s[i]))
			i++;
	} else {
		if (i >= n || !dig(s[i]))
			return false;
		while (i < n && dig(s[i]))
			i++;
		if (i < n && s[i] == '.') {
			i++;
			while (i < n && dig(s[i]))
				i++;
		}
	}
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < n && (s[i] == '-' || s[i] == '+'))
			i++;
		if (i >= n || !dig(s[i]))
			return false;
		while (i < n && dig(s[i]))
			i++;
	}
	return i == n;
}

static pthread_once_t c_locale_once = PTHREAD_ONCE_INIT;
static locale_t c_locale;

static void make_c_locale(void)
{
	c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0);
}

/* ParseFloat of a decimal float: false on overflow (Go's ErrRange). */
static bool parse_float(const char *s, size_t n, double *out)
{
	pthread_once(&c_locale_once, make_c_locale);
	char buf[128];
	char *tmp = n < sizeof(buf) ? buf : xmalloc(n + 1);
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	errno = 0;
	double d = c_locale ? strtod_l(tmp, NULL, c_locale) : strtod(tmp, NULL);
	if (tmp != buf)
		free(tmp);
	*out = d;
	return !isinf(d);
}

static bool eq_any(const char *s, size_t n, const char *const *list)
{
	for (; *list; list++)
		if (strlen(*list) == n && memcmp(*list, s, n) == 0)
			return true;
	return false;
}

void gen_yaml_resolve_plain(const char *s, size_t n, struct gen_value *v)
{
	static const char *const trues[] = {"true", "True", "TRUE", NULL};
	static const char *const falses[] = {"false", "False", "FALSE", NULL};
	static const char *const nulls[] = {"~", "null", "Null", "NULL", NULL};
	static const char *const nans[] = {".nan", ".NaN", ".NAN", NULL};
	static const char *const infs[] = {".inf",  ".Inf",  ".INF",  "+.inf", "+.Inf",
					   "+.INF", "-.inf", "-.Inf", "-.INF", NULL};
	memset(v, 0, sizeof(*v));
	v->text = s;
	v->len = n;
	v->kind = GEN_STRING;
	if (n == 0) {
		v->kind = GEN_NULL;
		return;
	}
	char c = s[0];
	bool sign = c == '+' || c == '-', digit = dig(c), dot = c == '.';
	bool map = strchr("yYnNtTfFoO~", c) != NULL;
	if (!sign && !digit && !dot && !map)
		return;
	if (eq_any(s, n, trues) || eq_any(s, n, falses)) {
		v->kind = GEN_BOOL;
		v->b = c == 't' || c == 'T';
		return;
	}
	if (eq_any(s, n, nulls)) {
		v->kind = GEN_NULL;
		return;
	}
	if (eq_any(s, n, nans) || eq_any(s, n, infs)) {
		v->kind = GEN_FLOAT;
		v->f = eq_any(s, n, nans) ? NAN : (c == '-' ? -INFINITY : INFINITY);
		return;
	}
	if (map)
		return;
	if (dot) {
		/* strconv.ParseFloat of something starting with '.' */
		if (yaml_style_float(s, n)) {
			double d;
			if (parse_float(s, n, &d)) {
				v->kind = GEN_FLOAT;
				v->f = d;
			}
		}
		return;
	}
	enum gen_kind tk = yaml_timestamp(s, n);
	if (tk != GEN_NULL) {
		v->kind = tk;
		return;
	}
	/* plain := strings.Replace(in, "_", "", -1) */
	char sbuf[128];
	char *plain = n < sizeof(sbuf) ? sbuf : xmalloc(n + 1);
	size_t pn = 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] != '_')
			plain[pn++] = s[i];
	plain[pn] = '\0';
	bool neg = pn && plain[0] == '-';
	size_t off = pn && (plain[0] == '-' || plain[0] == '+') ? 1 : 0;
	uint64_t u;
	int rc = parse_uint0(plain + off, pn - off, &u);
	if (rc == 0) {
		/* ParseInt(plain, 0, 64) */
		if (!neg && u <= (uint64_t)INT64_MAX) {
			v->kind = GEN_INT;
			v->i = (int64_t)u;
			goto out;
		}
		if (neg && u <= (uint64_t)INT64_MAX + 1) {
			v->kind = GEN_INT;
			v->i = u == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)u;
			goto out;
		}
		/* ParseUint(plain, 0, 64): no sign allowed */
		if (off == 0) {
			v->kind = GEN_UINT;
			v->u = u;
			goto out;
		}
	}
	if (yaml_style_float(plain, pn)) {
		double d;
		if (parse_float(plain, pn, &d)) {
			v->kind = GEN_FLOAT;
			v->f = d;
		}
	}
out:
	if (plain != sbuf)
		free(plain);
}

/* ---- does a date/time survive time.Time? ---- */

bool gen_time_survives(enum gen_kind k, const char *s, size_t n, char out[GEN_TIME_OUT])
{
	char *o = out;
	size_t i = 0;
	memset(out, 0, GEN_TIME_OUT);
	if (k == GEN_TIME_LOCAL_TIME) {
		memcpy(o, "0000-01-01T", 11); /* BurntSushi/toml's date for a local time */
		o += 11;
	} else {
		if (n < 10)
			return false;
		memcpy(o, s, 10);
		o += 10;
		i = 10;
		if (k == GEN_TIME_LOCAL_DATE) {
			memcpy(o, "T00:00:00Z", 11);
			return false;
		}
		if (i >= n || (s[i] != 'T' && s[i] != 't' && s[i] != ' '))
			return false;
		*o++ = 'T';
		i++;
	}
	if (n - i < 8)
		return false;
	memcpy(o, s + i, 8); /* hh:mm:ss */
	o += 8;
	i += 8;
	if (i < n && s[i] == '.') {
		size_t st = ++i;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
		size_t digits = i - st > 9 ? 9 : i - st; /* time.Parse keeps nanoseconds */
		while (digits > 0 && s[st + digits - 1] == '0')
			digits--;
		if (digits) {
			*o++ = '.';
			memcpy(o, s + st, digits);
			o += digits;
		}
	}
	if (k != GEN_TIME_OFFSET) {
		*o++ = 'Z'; /* local kinds come back in UTC */
	} else if (i < n && (s[i] == 'Z' || s[i] == 'z')) {
		*o++ = 'Z';
		i++;
	} else if (n - i == 6 && (s[i] == '+' || s[i] == '-')) {
		if (!memcmp(s + i + 1, "00:00", 5)) {
			*o++ = 'Z';
		} else {
			memcpy(o, s + i, 6);
			o += 6;
		}
		i += 6;
	}
	*o = '\0';
	return k == GEN_TIME_OFFSET && i == n && (size_t)(o - out) == n && !memcmp(out, s, n);
}
