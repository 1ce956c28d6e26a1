/*
 * gen/sql_model — the table model: lifecycle, COLUMN_KEY, literal defaults, and
 * information_schema rendering in MySQL 8 or MariaDB spelling. See gen/sql.h and
 * docs/gen-sql.md ("information_schema").
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "gen/sql_int.h"
#include "util/json.h"

void sql_schema_init(struct sql_schema *s)
{
	memset(s, 0, sizeof(*s));
}

void sql_column_release(struct sql_column *c)
{
	free(c->name);
	free(c->type);
	for (size_t i = 0; i < c->nvalues; i++)
		free(c->values[i]);
	free(c->values);
	free(c->charset);
	free(c->collation);
	free(c->def);
	free(c->comment);
	free(c->generated);
	memset(c, 0, sizeof(*c));
}

void sql_table_release(struct sql_table *t)
{
	for (size_t i = 0; i < t->ncols; i++)
		sql_column_release(&t->cols[i]);
	free(t->cols);
	for (size_t i = 0; i < t->nidx; i++) {
		free(t->idx[i].name);
		free(t->idx[i].cols);
		free(t->idx[i].prefix);
	}
	free(t->idx);
	free(t->schema);
	free(t->name);
	free(t->comment);
	memset(t, 0, sizeof(*t));
}

void sql_schema_release(struct sql_schema *s)
{
	for (size_t i = 0; i < s->ntables; i++)
		sql_table_release(&s->tables[i]);
	free(s->tables);
	for (size_t i = 0; i < s->nwarnings; i++)
		free(s->warnings[i]);
	free(s->warnings);
	free(s->hslots);
	memset(s, 0, sizeof(*s));
}

static size_t name_hash(const char *s)
{
	size_t h = 1469598103934665603u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

static void rehash(struct sql_schema *s)
{
	free(s->hslots);
	s->hcap = 64;
	while (s->hcap < 2 * s->ntables + 2)
		s->hcap *= 2;
	s->hslots = xcalloc(s->hcap, sizeof(size_t));
	for (size_t i = 0; i < s->ntables; i++) {
		size_t k = name_hash(s->tables[i].name) & (s->hcap - 1);
		while (s->hslots[k])
			k = (k + 1) & (s->hcap - 1);
		s->hslots[k] = i + 1;
	}
	s->hashed = s->ntables;
}

struct sql_table *sql_schema_table(const struct sql_schema *s, const char *name)
{
	if (s->hashed == s->ntables && s->hslots) {
		for (size_t k = name_hash(name) & (s->hcap - 1); s->hslots[k]; k = (k + 1) & (s->hcap - 1))
			if (!strcmp(s->tables[s->hslots[k] - 1].name, name))
				return &s->tables[s->hslots[k] - 1];
		return NULL;
	}
	for (size_t i = 0; i < s->ntables; i++)
		if (!strcmp(s->tables[i].name, name))
			return &s->tables[i];
	return NULL;
}

void sql_schema_put(struct sql_schema *s, struct sql_table *t)
{
	struct sql_table *old = sql_schema_table(s, t->name);
	if (old) {
		sql_table_release(old);
		*old = *t;
	} else {
		XGROW(s->tables, s->atables, s->ntables + 1);
		s->tables[s->ntables++] = *t;
		if (s->hashed + 1 != s->ntables || 2 * s->ntables + 2 > s->hcap) {
			rehash(s);
		} else {
			size_t k = name_hash(t->name) & (s->hcap - 1);
			while (s->hslots[k])
				k = (k + 1) & (s->hcap - 1);
			s->hslots[k] = s->ntables;
			s->hashed = s->ntables;
		}
	}
	memset(t, 0, sizeof(*t));
}

void sql_schema_drop(struct sql_schema *s, const char *name)
{
	struct sql_table *t = sql_schema_table(s, name);
	if (!t)
		return;
	size_t i = (size_t)(t - s->tables);
	sql_table_release(t);
	memmove(&s->tables[i], &s->tables[i + 1], (s->ntables - i - 1) * sizeof(*t));
	s->ntables--;
	rehash(s);
}

void sql_schema_replace(struct sql_schema *s, struct sql_table *old, struct sql_table *t)
{
	bool renamed = strcmp(old->name, t->name) != 0;
	sql_table_release(old);
	*old = *t;
	memset(t, 0, sizeof(*t));
	if (renamed)
		rehash(s);
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

void sql_table_copy(struct sql_table *dst, const struct sql_table *src)
{
	memset(dst, 0, sizeof(*dst));
	dst->schema = dup_or_null(src->schema);
	dst->name = xstrdup(src->name);
	dst->comment = dup_or_null(src->comment);
	dst->line = src->line, dst->col = src->col;
	for (size_t i = 0; i < src->ncols; i++) {
		struct sql_column *c = sql_table_add_column(dst);
		const struct sql_column *o = &src->cols[i];
		*c = *o;
		c->name = xstrdup(o->name);
		c->type = xstrdup(o->type);
		c->values = o->nvalues ? xmalloc(o->nvalues * sizeof(char *)) : NULL;
		for (size_t k = 0; k < o->nvalues; k++)
			c->values[k] = xstrdup(o->values[k]);
		c->charset = dup_or_null(o->charset);
		c->collation = dup_or_null(o->collation);
		c->def = dup_or_null(o->def);
		c->comment = dup_or_null(o->comment);
		c->generated = dup_or_null(o->generated);
	}
	for (size_t i = 0; i < src->nidx; i++) {
		struct sql_index *x = sql_table_add_index(dst);
		const struct sql_index *o = &src->idx[i];
		*x = *o;
		x->name = dup_or_null(o->name);
		x->cols = xmalloc((o->ncols ? o->ncols : 1) * sizeof(size_t));
		x->prefix = xmalloc((o->ncols ? o->ncols : 1) * sizeof(*o->prefix));
		if (o->ncols) {
			memcpy(x->cols, o->cols, o->ncols * sizeof(size_t));
			memcpy(x->prefix, o->prefix, o->ncols * sizeof(*o->prefix));
		}
	}
}

void sql_schema_warn(struct sql_schema *s, const char *msg)
{
	s->warnings_total++;
	if (s->nwarnings >= SQL_MAX_WARNINGS)
		return;
	XGROW(s->warnings, s->awarnings, s->nwarnings + 1);
	s->warnings[s->nwarnings++] = xstrdup(msg);
}

struct sql_column *sql_table_add_column(struct sql_table *t)
{
	XGROW(t->cols, t->acols, t->ncols + 1);
	struct sql_column *c = &t->cols[t->ncols++];
	memset(c, 0, sizeof(*c));
	c->width = -1;
	c->scale = -1;
	return c;
}

struct sql_index *sql_table_add_index(struct sql_table *t)
{
	XGROW(t->idx, t->aidx, t->nidx + 1);
	struct sql_index *x = &t->idx[t->nidx++];
	memset(x, 0, sizeof(*x));
	return x;
}

size_t sql_table_column(const struct sql_table *t, const char *name)
{
	for (size_t i = 0; i < t->ncols; i++)
		if (!strcasecmp(t->cols[i].name, name))
			return i;
	return SIZE_MAX;
}

/* ---- types ---- */

static const struct {
	const char *name;
	enum sql_class cls;
} classes[] = {
	{"tinyint", SQLC_INT}, {"smallint", SQLC_INT}, {"mediumint", SQLC_INT}, {"int", SQLC_INT},
	{"bigint", SQLC_INT}, {"decimal", SQLC_DECIMAL}, {"float", SQLC_FLOAT}, {"double", SQLC_FLOAT},
	{"bit", SQLC_BIT}, {"date", SQLC_DATE}, {"datetime", SQLC_DATETIME},
	{"timestamp", SQLC_DATETIME}, {"time", SQLC_TIME}, {"year", SQLC_YEAR},
	{"char", SQLC_STRING}, {"varchar", SQLC_STRING}, {"tinytext", SQLC_STRING},
	{"text", SQLC_STRING}, {"mediumtext", SQLC_STRING}, {"longtext", SQLC_STRING},
	{"binary", SQLC_BINARY}, {"varbinary", SQLC_BINARY}, {"tinyblob", SQLC_BINARY},
	{"blob", SQLC_BINARY}, {"mediumblob", SQLC_BINARY}, {"longblob", SQLC_BINARY},
	{"enum", SQLC_ENUM}, {"set", SQLC_ENUM}, {"json", SQLC_JSON},
	{"geometry", SQLC_GEOMETRY}, {"point", SQLC_GEOMETRY}, {"linestring", SQLC_GEOMETRY},
	{"polygon", SQLC_GEOMETRY}, {"multipoint", SQLC_GEOMETRY},
	{"multilinestring", SQLC_GEOMETRY}, {"multipolygon", SQLC_GEOMETRY},
	{"geometrycollection", SQLC_GEOMETRY},
};

enum sql_class sql_type_class(const char *type)
{
	for (size_t i = 0; i < BAGU_ARRAY_LEN(classes); i++)
		if (!strcmp(classes[i].name, type))
			return classes[i].cls;
	return SQLC_UNKNOWN;
}

long sql_int_default_width(const char *type, bool is_unsigned)
{
	if (!strcmp(type, "tinyint"))
		return is_unsigned ? 3 : 4;
	if (!strcmp(type, "smallint"))
		return is_unsigned ? 5 : 6;
	if (!strcmp(type, "mediumint"))
		return is_unsigned ? 8 : 9;
	if (!strcmp(type, "int"))
		return is_unsigned ? 10 : 11;
	return 20;
}

/* ---- literal defaults ---- */

/* Splits a decimal number text into sign, integer digits, fraction digits. Accepts
 * leading/trailing spaces and an exponent (applied by shifting digits). */
static int parse_decimal(const char *s, size_t n, bool *neg, struct strbuf *ip, struct strbuf *fp)
{
	size_t i = 0;
	while (i < n && isspace((unsigned char)s[i]))
		i++;
	while (n > i && isspace((unsigned char)s[n - 1]))
		n--;
	*neg = false;
	if (i < n && (s[i] == '+' || s[i] == '-'))
		*neg = s[i++] == '-';
	size_t d0 = ip->len;
	while (i < n && isdigit((unsigned char)s[i]))
		strbuf_addch(ip, s[i++]);
	if (i < n && s[i] == '.') {
		i++;
		while (i < n && isdigit((unsigned char)s[i]))
			strbuf_addch(fp, s[i++]);
	}
	if (ip->len == d0 && fp->len == 0)
		return -1;
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		bool eneg = false;
		if (i < n && (s[i] == '+' || s[i] == '-'))
			eneg = s[i++] == '-';
		if (i >= n || !isdigit((unsigned char)s[i]))
			return -1;
		long e = 0;
		while (i < n && isdigit((unsigned char)s[i])) {
			if (e < 100000)
				e = e * 10 + (s[i] - '0');
			i++;
		}
		if (e > 400)
			return -1;
		struct strbuf all = STRBUF_INIT;
		strbuf_add(&all, ip->buf, ip->len);
		strbuf_add(&all, fp->buf, fp->len);
		long point = (long)ip->len + (eneg ? -e : e);
		strbuf_reset(ip);
		strbuf_reset(fp);
		for (long k = 0; k < point; k++)
			strbuf_addch(ip, k < (long)all.len ? all.buf[k] : '0');
		for (long k = point < 0 ? point : 0; k < (long)all.len; k++)
			if (k >= point)
				strbuf_addch(fp, k < 0 ? '0' : all.buf[k]);
		strbuf_release(&all);
	}
	return i == n ? 0 : -1;
}

/* Rounds to scale digits (half away from zero) and appends "[-]int[.frac]". */
static void format_decimal(bool neg, const char *ip, size_t ni, const char *fp, size_t nf, long scale,
			   struct strbuf *out)
{
	struct strbuf d = STRBUF_INIT;
	while (ni > 1 && ip[0] == '0')
		ip++, ni--;
	strbuf_add(&d, ni ? ip : "0", ni ? ni : 1);
	size_t intlen = d.len;
	for (long k = 0; k < scale; k++)
		strbuf_addch(&d, (size_t)k < nf ? fp[k] : '0');
	if ((size_t)scale < nf && fp[scale] >= '5') {
		long k = (long)d.len - 1;
		for (; k >= 0; k--) {
			if (d.buf[k] == '9') {
				d.buf[k] = '0';
				continue;
			}
			d.buf[k]++;
			break;
		}
		if (k < 0) {
			struct strbuf e = STRBUF_INIT;
			strbuf_addch(&e, '1');
			strbuf_add(&e, d.buf, d.len);
			strbuf_release(&d);
			d = e;
			intlen++;
		}
	}
	bool zero = true;
	for (size_t k = 0; k < d.len; k++)
		zero &= d.buf[k] == '0';
	if (neg && !zero)
		strbuf_addch(out, '-');
	strbuf_add(out, d.buf, intlen);
	if (scale > 0) {
		strbuf_addch(out, '.');
		strbuf_add(out, d.buf + intlen, d.len - intlen);
	}
	strbuf_release(&d);
}

static int number_of(const char *text, size_t len, int lit, bool *neg, struct strbuf *ip,
		     struct strbuf *fp, struct bagu_err *err)
{
	if (lit == SQL_LIT_HEX || lit == SQL_LIT_BIT) {
		unsigned long long v = 0;
		for (size_t i = 0; i < len; i++) {
			int d = lit == SQL_LIT_BIT ? text[i] - '0'
				: isdigit((unsigned char)text[i]) ? text[i] - '0'
								  : tolower((unsigned char)text[i]) - 'a' + 10;
			unsigned base = lit == SQL_LIT_BIT ? 2 : 16;
			if (v > (~0ULL - (unsigned)d) / base)
				return bagu_error(err, "default value out of range");
			v = v * base + (unsigned)d;
		}
		*neg = false;
		strbuf_addf(ip, "%llu", v);
		return 0;
	}
	if (parse_decimal(text, len, neg, ip, fp))
		return bagu_error(err, "invalid default value '%.*s' for a numeric column", (int)(len > 60 ? 60 : len), text);
	return 0;
}

/* Shortest text that reads back as the same float/double: positional notation when
 * the decimal exponent is -15..14, "1.5e-20" / "1e15" beyond (the servers' my_gcvt
 * rule, with DBL_DIG = 15; checked against MariaDB by the oracle test). */
static void format_float(double v, bool single, struct strbuf *out)
{
	char buf[400];
	int prec = 1;
	for (; prec <= 17; prec++) {
		snprintf(buf, sizeof(buf), "%.*e", prec - 1, v);
		double back = strtod(buf, NULL);
		if (single ? (float)back == (float)v : back == v)
			break;
	}
	char *e = strchr(buf, 'e');
	int ex = e ? atoi(e + 1) : 0;
	if (ex >= -15 && ex < 15) {
		int decimals = prec - 1 - ex;
		snprintf(buf, sizeof(buf), "%.*f", decimals > 0 ? decimals : 0, v);
		strbuf_addstr(out, buf);
		return;
	}
	/* mantissa without trailing zeros, then e<exp> */
	snprintf(buf, sizeof(buf), "%.*e", prec - 1, v);
	e = strchr(buf, 'e');
	strbuf_add(out, buf, (size_t)(e - buf));
	strbuf_addf(out, "e%d", ex);
}

/* Parses "YYYY-MM-DD[ HH:MM:SS[.f]]" loosely (1- or 2-digit parts, 'T' or ' ',
 * other punctuation as MySQL accepts). Returns number of fields read. */
static int parse_datetime(const char *s, size_t n, long f[7], char *frac, size_t fcap)
{
	int k = 0;
	size_t i = 0;
	frac[0] = '\0';
	while (i < n && k < 6) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		long v = 0;
		size_t st = i;
		while (i < n && isdigit((unsigned char)s[i]) && i - st < 9)
			v = v * 10 + (s[i++] - '0');
		f[k++] = v;
		if (i >= n)
			break;
		if (k == 6 && s[i] == '.') {
			i++;
			size_t fl = 0;
			while (i < n && isdigit((unsigned char)s[i])) {
				if (fl + 1 < fcap)
					frac[fl++] = s[i];
				i++;
			}
			frac[fl] = '\0';
			break;
		}
		if (s[i] == ' ' || s[i] == 'T' || ispunct((unsigned char)s[i]))
			i++;
		else
			return -1;
	}
	return i == n ? k : -1;
}

static void add_frac(const char *frac, int fsp, struct strbuf *out)
{
	if (fsp <= 0)
		return;
	strbuf_addch(out, '.');
	size_t fl = strlen(frac);
	for (int k = 0; k < fsp; k++)
		strbuf_addch(out, (size_t)k < fl ? frac[k] : '0');
}

int sql_convert_default(const struct sql_column *c, const char *text, size_t len, int lit,
			struct strbuf *out, struct bagu_err *err)
{
	enum sql_class cls = sql_type_class(c->type);
	struct strbuf ip = STRBUF_INIT, fp = STRBUF_INIT;
	bool neg;
	int rc = 0;
	switch (cls) {
	case SQLC_INT:
	case SQLC_DECIMAL:
	case SQLC_YEAR:
	case SQLC_BIT:
		if (lit == SQL_LIT_BOOL) {
			strbuf_addstr(&ip, text[0] == '1' ? "1" : "0");
			neg = false;
		} else if ((rc = number_of(text, len, lit, &neg, &ip, &fp, err))) {
			break;
		}
		if (cls == SQLC_BIT) {
			unsigned long long v = strtoull(ip.buf, NULL, 10);
			if (neg) {
				rc = bagu_error(err, "negative default for a BIT column");
				break;
			}
			strbuf_addstr(out, "b'");
			int top = 63;
			while (top > 0 && !(v >> top))
				top--;
			for (int b = top; b >= 0; b--)
				strbuf_addch(out, (v >> b) & 1 ? '1' : '0');
			strbuf_addch(out, '\'');
		} else if (cls == SQLC_DECIMAL) {
			format_decimal(neg, ip.buf, ip.len, fp.buf, fp.len, c->scale < 0 ? 0 : c->scale, out);
		} else {
			if (neg && c->is_unsigned) {
				bool zero = true;
				for (size_t k = 0; k < ip.len; k++)
					zero &= ip.buf[k] == '0';
				if (!zero) {
					rc = bagu_error(err, "negative default for an UNSIGNED column");
					break;
				}
			}
			size_t at = out->len;
			format_decimal(neg, ip.buf, ip.len, fp.buf, fp.len, 0, out);
			/* ZEROFILL pads the value to the display width */
			long w = c->width >= 0 ? c->width : sql_int_default_width(c->type, true);
			if (c->zerofill && cls == SQLC_INT && (long)(out->len - at) < w) {
				size_t pad = (size_t)w - (out->len - at);
				strbuf_grow(out, pad);
				memmove(out->buf + at + pad, out->buf + at, out->len - at + 1);
				memset(out->buf + at, '0', pad);
				out->len += pad;
			}
		}
		break;
	case SQLC_FLOAT: {
		if (lit == SQL_LIT_BOOL) {
			strbuf_addstr(out, text[0] == '1' ? "1" : "0");
			break;
		}
		if ((rc = number_of(text, len, lit, &neg, &ip, &fp, err)))
			break;
		struct strbuf num = STRBUF_INIT;
		strbuf_addf(&num, "%s%s.%s", neg ? "-" : "", ip.len ? ip.buf : "0", fp.len ? fp.buf : "0");
		double v = strtod(num.buf, NULL);
		strbuf_release(&num);
		if (c->scale >= 0) {
			char buf[400];
			snprintf(buf, sizeof(buf), "%.*f", (int)c->scale, v);
			strbuf_addstr(out, buf);
		} else {
			format_float(v, !strcmp(c->type, "float"), out);
		}
		break;
	}
	case SQLC_DATE:
	case SQLC_DATETIME:
	case SQLC_TIME: {
		long f[7] = {0};
		char frac[16];
		if (lit != SQL_LIT_STRING && lit != SQL_LIT_NUMBER) {
			rc = bagu_error(err, "invalid default value for a %s column", c->type);
			break;
		}
		int k = parse_datetime(text, len, f, frac, sizeof(frac));
		if (cls == SQLC_TIME) {
			/* 'HH:MM:SS' or 'HH:MM' */
			if (k < 2 || k > 3) {
				rc = bagu_error(err, "invalid TIME default '%.*s'", (int)(len > 40 ? 40 : len), text);
				break;
			}
			if (k == 3) {
				/* parse_datetime put fractions only after 6 fields: redo for time */
				const char *dot = memchr(text, '.', len);
				frac[0] = '\0';
				if (dot) {
					size_t fl = 0;
					for (const char *p = dot + 1; p < text + len && fl + 1 < sizeof(frac); p++)
						frac[fl++] = *p;
					frac[fl] = '\0';
				}
			}
			strbuf_addf(out, "%02ld:%02ld:%02ld", f[0], f[1], k == 3 ? f[2] : 0);
			add_frac(frac, c->fsp, out);
			break;
		}
		if (k != 3 && k != 6 && !(k == 5)) {
			rc = bagu_error(err, "invalid %s default '%.*s'", c->type, (int)(len > 40 ? 40 : len), text);
			break;
		}
		if (f[1] > 12 || f[2] > 31 || f[3] > 23 || f[4] > 59 || f[5] > 59) {
			rc = bagu_error(err, "invalid %s default '%.*s'", c->type, (int)(len > 40 ? 40 : len), text);
			break;
		}
		strbuf_addf(out, "%04ld-%02ld-%02ld", f[0], f[1], f[2]);
		if (cls == SQLC_DATETIME) {
			strbuf_addf(out, " %02ld:%02ld:%02ld", f[3], f[4], f[5]);
			add_frac(frac, c->fsp, out);
		}
		break;
	}
	case SQLC_ENUM:
		if (lit != SQL_LIT_STRING) {
			/* MySQL rejects DEFAULT 2 for an ENUM in strict mode, as does MariaDB */
			rc = bagu_error(err, "invalid default value for a %s column: use a quoted member", c->type);
			break;
		}
		if (!strcmp(c->type, "enum")) {
			size_t k;
			for (k = 0; k < c->nvalues; k++)
				if (strlen(c->values[k]) == len && !strncasecmp(c->values[k], text, len))
					break;
			if (k == c->nvalues) {
				rc = bagu_error(err, "default '%.*s' is not a member of the ENUM", (int)(len > 40 ? 40 : len), text);
				break;
			}
			strbuf_addstr(out, c->values[k]);
			break;
		}
		strbuf_add(out, text, len);
		break;
	case SQLC_JSON:
	case SQLC_GEOMETRY:
		rc = bagu_error(err, "a %s column cannot have a literal default", c->type);
		break;
	default:
		if (lit == SQL_LIT_BOOL)
			strbuf_addstr(out, text[0] == '1' ? "1" : "0");
		else
			strbuf_add(out, text, len);
		break;
	}
	strbuf_release(&ip);
	strbuf_release(&fp);
	return rc;
}

/* ---- COLUMN_KEY ---- */

/* Whether index a's columns start with b's columns (an index usable for a foreign key). */
static bool leads_with(const struct sql_index *a, const struct sql_index *b)
{
	if (a->ncols < b->ncols || a->kind == SQL_INDEX_FULLTEXT || a->kind == SQL_INDEX_SPATIAL)
		return false;
	for (size_t i = 0; i < b->ncols; i++)
		if (a->cols[i] != b->cols[i] || a->prefix[i])
			return false;
	return true;
}

bool sql_fk_has_own_index(const struct sql_table *t, size_t i)
{
	const struct sql_index *x = &t->idx[i];
	for (size_t j = 0; j < t->nidx; j++)
		if (t->idx[j].kind != SQL_INDEX_FOREIGN && leads_with(&t->idx[j], x))
			return false;
	for (size_t j = 0; j < i; j++)
		if (t->idx[j].kind == SQL_INDEX_FOREIGN && leads_with(&t->idx[j], x))
			return false;
	return true;
}

void sql_table_finish(struct sql_table *t)
{
	unsigned *flags = xcalloc(t->ncols ? t->ncols : 1, sizeof(unsigned));
	enum { PRI = 1, UNI = 2, MUL = 4 };
	/* the primary key: PRIMARY, else the first UNIQUE index whose parts are all
	 * NOT NULL columns (MySQL sorts unique NOT NULL keys first). */
	const struct sql_index *pk = NULL;
	for (size_t i = 0; i < t->nidx; i++)
		if (t->idx[i].kind == SQL_INDEX_PRIMARY)
			pk = &t->idx[i];
	if (pk) {
		for (size_t k = 0; k < pk->ncols; k++)
			if (pk->cols[k] != SIZE_MAX)
				t->cols[pk->cols[k]].not_null = true;
	} else {
		for (size_t i = 0; i < t->nidx && !pk; i++) {
			const struct sql_index *x = &t->idx[i];
			if (x->kind != SQL_INDEX_UNIQUE)
				continue;
			bool ok = x->ncols > 0;
			for (size_t k = 0; k < x->ncols; k++)
				ok &= x->cols[k] != SIZE_MAX && t->cols[x->cols[k]].not_null && !x->prefix[k];
			if (ok)
				pk = x;
		}
	}
	if (pk)
		for (size_t k = 0; k < pk->ncols; k++)
			if (pk->cols[k] != SIZE_MAX)
				flags[pk->cols[k]] |= PRI;
	for (size_t i = 0; i < t->nidx; i++) {
		const struct sql_index *x = &t->idx[i];
		if (x == pk || x->ncols == 0 || x->cols[0] == SIZE_MAX)
			continue;
		if (x->kind == SQL_INDEX_FOREIGN && !sql_fk_has_own_index(t, i))
			continue;
		bool unique = x->kind == SQL_INDEX_UNIQUE || x->kind == SQL_INDEX_PRIMARY;
		flags[x->cols[0]] |= unique && x->ncols == 1 ? UNI : MUL;
	}
	for (size_t i = 0; i < t->ncols; i++) {
		const char *k = flags[i] & PRI ? "PRI" : flags[i] & UNI ? "UNI" : flags[i] & MUL ? "MUL" : "";
		snprintf(t->cols[i].key, sizeof(t->cols[i].key), "%s", k);
	}
	free(flags);
}

/* ---- information_schema rendering ---- */

bool sql_column_nullable(const struct sql_column *c)
{
	return !c->not_null;
}

const char *sql_data_type(const struct sql_column *c, enum sql_flavor f)
{
	if (f == SQL_FLAVOR_MARIADB && !strcmp(c->type, "json"))
		return "longtext";
	return c->type;
}

static void quote_values(const struct sql_column *c, struct strbuf *out)
{
	strbuf_addch(out, '(');
	for (size_t i = 0; i < c->nvalues; i++) {
		if (i)
			strbuf_addch(out, ',');
		strbuf_addch(out, '\'');
		for (const char *p = c->values[i]; *p; p++) {
			if (*p == '\'')
				strbuf_addch(out, '\'');
			strbuf_addch(out, *p);
		}
		strbuf_addch(out, '\'');
	}
	strbuf_addch(out, ')');
}

void sql_column_type(const struct sql_column *c, enum sql_flavor f, struct strbuf *out)
{
	enum sql_class cls = sql_type_class(c->type);
	bool maria = f == SQL_FLAVOR_MARIADB;
	strbuf_addstr(out, sql_data_type(c, f));
	switch (cls) {
	case SQLC_INT:
		if (maria)
			strbuf_addf(out, "(%ld)", c->width >= 0 ? c->width : sql_int_default_width(c->type, c->is_unsigned));
		else if (c->zerofill || (c->width == 1 && !strcmp(c->type, "tinyint")))
			strbuf_addf(out, "(%ld)", c->width >= 0 ? c->width : sql_int_default_width(c->type, true));
		break;
	case SQLC_DECIMAL:
		strbuf_addf(out, "(%ld,%ld)", c->width >= 0 ? c->width : 10, c->scale >= 0 ? c->scale : 0);
		break;
	case SQLC_FLOAT:
		if (c->width >= 0 && c->scale >= 0)
			strbuf_addf(out, "(%ld,%ld)", c->width, c->scale);
		break;
	case SQLC_BIT:
	case SQLC_STRING:
	case SQLC_BINARY:
		if (!strcmp(c->type, "char") || !strcmp(c->type, "binary") || !strcmp(c->type, "bit") ||
		    !strcmp(c->type, "varchar") || !strcmp(c->type, "varbinary"))
			strbuf_addf(out, "(%ld)", c->width >= 0 ? c->width : 1);
		break;
	case SQLC_DATETIME:
	case SQLC_TIME:
		if (c->fsp > 0)
			strbuf_addf(out, "(%d)", c->fsp);
		break;
	case SQLC_YEAR:
		if (maria)
			strbuf_addstr(out, "(4)");
		break;
	case SQLC_ENUM:
		quote_values(c, out);
		break;
	default:
		break;
	}
	if (c->is_unsigned && (cls == SQLC_INT || cls == SQLC_DECIMAL || cls == SQLC_FLOAT))
		strbuf_addstr(out, " unsigned");
	if (c->zerofill && (cls == SQLC_INT || cls == SQLC_DECIMAL || cls == SQLC_FLOAT))
		strbuf_addstr(out, " zerofill");
}

static void now_text(enum sql_flavor f, int fsp, struct strbuf *out)
{
	if (f == SQL_FLAVOR_MARIADB)
		strbuf_addf(out, "current_timestamp(%s", "");
	else
		strbuf_addstr(out, "CURRENT_TIMESTAMP");
	if (f == SQL_FLAVOR_MARIADB) {
		if (fsp > 0)
			strbuf_addf(out, "%d", fsp);
		strbuf_addch(out, ')');
	} else if (fsp > 0) {
		strbuf_addf(out, "(%d)", fsp);
	}
}

/* Whether MariaDB prints this column's literal default quoted. */
static bool maria_quotes(const struct sql_column *c)
{
	switch (sql_type_class(c->type)) {
	case SQLC_INT:
	case SQLC_DECIMAL:
	case SQLC_FLOAT:
	case SQLC_YEAR:
	case SQLC_BIT:
		return false;
	default:
		return true;
	}
}

bool sql_column_default(const struct sql_column *c, enum sql_flavor f, struct strbuf *out)
{
	bool maria = f == SQL_FLAVOR_MARIADB;
	if (c->generated) {
		if (maria && !c->not_null) {
			strbuf_addstr(out, "NULL");
			return true;
		}
		return false;
	}
	switch (c->def_kind) {
	case SQL_DEFAULT_NONE:
	case SQL_DEFAULT_NULL:
		if (maria && !c->not_null && !c->auto_increment) {
			strbuf_addstr(out, "NULL");
			return true;
		}
		return false;
	case SQL_DEFAULT_NOW:
		now_text(f, c->def_fsp, out);
		return true;
	case SQL_DEFAULT_EXPR:
		strbuf_addstr(out, c->def);
		return true;
	case SQL_DEFAULT_LITERAL:
		if (maria && maria_quotes(c)) {
			strbuf_addch(out, '\'');
			for (const char *p = c->def; *p; p++) {
				switch (*p) {
				case '\'': strbuf_addstr(out, "''"); break;
				case '\\': strbuf_addstr(out, "\\\\"); break;
				case '\n': strbuf_addstr(out, "\\n"); break;
				case '\r': strbuf_addstr(out, "\\r"); break;
				default: strbuf_addch(out, *p); break;
				}
			}
			strbuf_addch(out, '\'');
		} else {
			strbuf_addstr(out, c->def);
		}
		return true;
	}
	return false;
}

void sql_column_extra(const struct sql_column *c, enum sql_flavor f, struct strbuf *out)
{
	bool maria = f == SQL_FLAVOR_MARIADB;
	size_t start = out->len;
	/* MySQL separates the words with a space, MariaDB with ", " */
#define SEP() (out->len > start ? strbuf_addstr(out, maria ? ", " : " ") : (void)0)
	if (c->auto_increment) {
		SEP();
		strbuf_addstr(out, "auto_increment");
	}
	if (!maria && (c->def_kind == SQL_DEFAULT_NOW || c->def_kind == SQL_DEFAULT_EXPR)) {
		SEP();
		strbuf_addstr(out, "DEFAULT_GENERATED");
	}
	if (c->on_update_now) {
		SEP();
		strbuf_addstr(out, "on update ");
		now_text(f, c->on_update_fsp, out);
	}
	if (c->generated) {
		SEP();
		strbuf_addstr(out, c->stored ? "STORED GENERATED" : "VIRTUAL GENERATED");
	}
	if (c->invisible) {
		SEP();
		strbuf_addstr(out, "INVISIBLE");
	}
	if (maria && c->without_versioning) {
		SEP();
		strbuf_addstr(out, "WITHOUT SYSTEM VERSIONING");
	}
#undef SEP
}

/* ---- --dump-model ---- */

static const char *const index_kinds[] = {"primary", "unique", "index", "fulltext", "spatial", "foreign"};

void sql_dump_model(const struct sql_schema *s, enum sql_flavor f, struct strbuf *out)
{
	struct json_writer w;
	struct strbuf tmp = STRBUF_INIT;
	json_init(&w, out, true);
	json_obj_begin(&w);
	json_key(&w, "flavor");
	json_str(&w, f == SQL_FLAVOR_MARIADB ? "mariadb" : "mysql");
	json_key(&w, "tables");
	json_arr_begin(&w);
	for (size_t i = 0; i < s->ntables; i++) {
		const struct sql_table *t = &s->tables[i];
		json_obj_begin(&w);
		json_key(&w, "name");
		json_str(&w, t->name);
		json_key(&w, "comment");
		json_str(&w, t->comment ? t->comment : "");
		json_key(&w, "columns");
		json_arr_begin(&w);
		for (size_t j = 0; j < t->ncols; j++) {
			const struct sql_column *c = &t->cols[j];
			json_obj_begin(&w);
			json_key(&w, "name");
			json_str(&w, c->name);
			json_key(&w, "data_type");
			json_str(&w, sql_data_type(c, f));
			json_key(&w, "column_type");
			strbuf_reset(&tmp);
			sql_column_type(c, f, &tmp);
			json_str(&w, tmp.buf);
			json_key(&w, "is_nullable");
			json_str(&w, sql_column_nullable(c) ? "YES" : "NO");
			json_key(&w, "column_default");
			strbuf_reset(&tmp);
			if (sql_column_default(c, f, &tmp))
				json_strn(&w, tmp.buf, tmp.len);
			else
				json_null(&w);
			json_key(&w, "extra");
			strbuf_reset(&tmp);
			sql_column_extra(c, f, &tmp);
			json_str(&w, tmp.buf);
			json_key(&w, "comment");
			json_str(&w, c->comment ? c->comment : "");
			json_key(&w, "column_key");
			json_str(&w, c->key);
			if (c->charset) {
				json_key(&w, "charset");
				json_str(&w, c->charset);
			}
			if (c->collation) {
				json_key(&w, "collation");
				json_str(&w, c->collation);
			}
			if (c->generated) {
				json_key(&w, "generated");
				json_str(&w, c->generated);
			}
			if (c->line) {
				json_key(&w, "line");
				json_int(&w, c->line);
			}
			json_obj_end(&w);
		}
		json_arr_end(&w);
		json_key(&w, "indexes");
		json_arr_begin(&w);
		for (size_t j = 0; j < t->nidx; j++) {
			const struct sql_index *x = &t->idx[j];
			json_obj_begin(&w);
			json_key(&w, "kind");
			json_str(&w, index_kinds[x->kind]);
			json_key(&w, "name");
			json_str(&w, x->name);
			json_key(&w, "columns");
			json_arr_begin(&w);
			for (size_t k = 0; k < x->ncols; k++) {
				if (x->cols[k] == SIZE_MAX)
					json_null(&w);
				else
					json_str(&w, t->cols[x->cols[k]].name);
			}
			json_arr_end(&w);
			json_obj_end(&w);
		}
		json_arr_end(&w);
		json_obj_end(&w);
	}
	json_arr_end(&w);
	json_key(&w, "warnings");
	json_arr_begin(&w);
	for (size_t i = 0; i < s->nwarnings; i++)
		json_str(&w, s->warnings[i]);
	json_arr_end(&w);
	json_obj_end(&w);
	strbuf_addch(out, '\n');
	strbuf_release(&tmp);
}
