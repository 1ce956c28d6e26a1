/*
 * gen/front_json — JSON → sample events with yajl's streaming callbacks. See front.h.
 *
 * yajl reports no line or column, only yajl_get_bytes_consumed() (the offset in the
 * chunk being parsed, also valid inside callbacks). We count lines and the column of
 * the current line start per chunk, so an error at chunk offset k maps to a global
 * line/column without keeping old chunks.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_parse.h>

#include "gen/front.h"
#include "gen/model_int.h"

struct gen_json {
	struct gen_model *m;
	char *name;
	yajl_handle h;
	/* position of the current chunk's first byte */
	size_t base;      /* global byte offset */
	size_t line;      /* 1-based line */
	size_t col0;      /* code points between the line start and the chunk start */
	const unsigned char *chunk;
	size_t chunk_len;
	/* after a top-level value ends, whitespace with a newline must follow (or EOF) */
	bool ws_pending;    /* still scanning the separator */
	size_t ws_err_off;  /* chunk offset of a violation, or SIZE_MAX */
	uint64_t values;
	unsigned depth; /* open objects and arrays (mirrors the model's) */
	bool saw_text; /* any non-whitespace byte so far */
	struct bagu_err cb_err; /* an error raised inside a callback */
	bool cb_failed;
	size_t cb_off; /* chunk offset of that error */
	struct strbuf num;
	/* the span of the current chunk known to be valid UTF-8 (see utf8_ok) */
	const unsigned char *ok_lo, *ok_hi;
};

/* One strict UTF-8 sequence (no overlongs, no surrogates, at most U+10FFFF) at
 * s[0..n), s[0] >= 0x80: its length, or 0 when invalid or truncated. The same rules
 * as util's utf8_decode. */
static inline size_t utf8_seq(const unsigned char *s, size_t n)
{
	unsigned c = s[0];
	if (c >= 0xC2 && c <= 0xDF)
		return n >= 2 && (s[1] & 0xC0) == 0x80 ? 2 : 0;
	if (c >= 0xE0 && c <= 0xEF) {
		if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
			return 0;
		if (c == 0xE0 && s[1] < 0xA0) /* overlong */
			return 0;
		if (c == 0xED && s[1] >= 0xA0) /* surrogate */
			return 0;
		return 3;
	}
	if (c >= 0xF0 && c <= 0xF4) {
		if (n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 ||
		    (s[3] & 0xC0) != 0x80)
			return 0;
		if (c == 0xF0 && s[1] < 0x90) /* overlong */
			return 0;
		if (c == 0xF4 && s[1] >= 0x90) /* above U+10FFFF */
			return 0;
		return 4;
	}
	return 0;
}

/* Length of the longest valid UTF-8 prefix of s[0..n) that ends on a character
 * boundary (n when all of it is valid). ASCII is skipped 32 bytes at a time. */
static size_t utf8_prefix(const unsigned char *s, size_t n)
{
	const uint64_t hi = UINT64_C(0x8080808080808080);
	size_t i = 0;
	for (;;) {
		while (i + 32 <= n) {
			uint64_t a, b, c, d;
			memcpy(&a, s + i, 8);
			memcpy(&b, s + i + 8, 8);
			memcpy(&c, s + i + 16, 8);
			memcpy(&d, s + i + 24, 8);
			if ((a | b | c | d) & hi)
				break;
			i += 32;
		}
		while (i + 8 <= n) {
			uint64_t w;
			memcpy(&w, s + i, 8);
			if (w & hi) {
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
				i += (size_t)__builtin_ctzll(w & hi) >> 3;
#else
				while (s[i] < 0x80)
					i++;
#endif
				goto multi;
			}
			i += 8;
		}
		while (i < n && s[i] < 0x80)
			i++;
		if (i == n)
			return n;
	multi:
		/* s[i] is non-ASCII: validate a run of sequences */
		do {
			size_t l = utf8_seq(s + i, n - i);
			if (!l)
				return i;
			i += l;
		} while (i < n && s[i] >= 0x80);
	}
}

/* UTF-8 validation of strings and keys: yajl's own check is slower than this one
 * and is not strict (overlongs, surrogates), so yajl's is turned off. Each fed chunk
 * is validated once (gen_json_feed sets ok_lo/ok_hi); a string yajl hands us from
 * inside that valid span needs no second look: it lies between two quotes, which
 * are ASCII and so character boundaries. Other strings (with escapes, split across
 * chunks, or near an invalid byte) are checked one by one. */
static inline bool utf8_in_span(const struct gen_json *j, const unsigned char *s, size_t n)
{
	uintptr_t a = (uintptr_t)s;
	return a >= (uintptr_t)j->ok_lo && a + n <= (uintptr_t)j->ok_hi;
}

static inline bool utf8_ok(const struct gen_json *j, const unsigned char *s, size_t n)
{
	return utf8_in_span(j, s, n) || utf8_prefix(s, n) == n;
}

static bool is_ws(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Code points in p[0..n): bytes that are not UTF-8 continuation bytes (so the
 * count does not depend on where chunks split a character). */
static size_t count_cols(const unsigned char *p, size_t n)
{
	size_t c = 0;
	for (size_t i = 0; i < n; i++)
		c += (p[i] & 0xC0) != 0x80;
	return c;
}

/* line/col of chunk offset off */
static void position(const struct gen_json *j, size_t off, size_t *line, size_t *col)
{
	size_t l = j->line, c = j->col0;
	const unsigned char *p = j->chunk, *end = j->chunk + off;
	const unsigned char *ls = p;
	bool nl = false;
	for (;;) {
		const unsigned char *q = memchr(p, '\n', (size_t)(end - p));
		if (!q)
			break;
		l++;
		nl = true;
		p = q + 1;
		ls = p;
	}
	size_t cp = count_cols(ls, (size_t)(end - ls));
	*line = l;
	*col = (nl ? 0 : c) + cp + 1;
}

static int fail_at(struct gen_json *j, size_t off, const char *msg, struct bagu_err *err)
{
	size_t line, col;
	position(j, off, &line, &col);
	return bagu_error(err, "%s:%zu:%zu: %s", j->name, line, col, msg);
}

/* advance line/col0 over a fully consumed chunk */
static void advance(struct gen_json *j, const unsigned char *p, size_t n)
{
	const unsigned char *end = p + n, *ls = NULL;
	for (;;) {
		const unsigned char *q = memchr(p, '\n', (size_t)(end - p));
		if (!q)
			break;
		j->line++;
		ls = q + 1;
		p = q + 1;
	}
	if (ls)
		j->col0 = count_cols(ls, (size_t)(end - ls));
	else
		j->col0 += count_cols(p, (size_t)(end - p));
	j->base += n;
}

/* ---- callbacks ---- */

static size_t cur_off(struct gen_json *j)
{
	size_t off = yajl_get_bytes_consumed(j->h);
	return off > j->chunk_len ? j->chunk_len : off;
}

/* Between top-level values only whitespace including a newline may appear (one
 * value per line as in NDJSON, or pretty-printed documents one after another). */
static void scan_separator(struct gen_json *j, size_t off)
{
	for (size_t i = off; i < j->chunk_len; i++) {
		unsigned char c = j->chunk[i];
		if (c == '\n') {
			j->ws_pending = false;
			return;
		}
		if (!is_ws(c)) {
			j->ws_pending = false;
			if (j->ws_err_off == SIZE_MAX)
				j->ws_err_off = i;
			return;
		}
	}
}

static int cb_check(struct gen_json *j, int rc)
{
	if (rc) {
		j->cb_failed = true;
		size_t off = cur_off(j);
		j->cb_off = off ? off - 1 : 0;
		return 0;
	}
	if (j->depth == 0) {
		/* a top-level value just ended */
		j->values++;
		j->ws_pending = true;
		scan_separator(j, cur_off(j));
	}
	return 1;
}

static int on_null(void *ctx)
{
	struct gen_json *j = ctx;
	struct gen_value v = {.kind = GEN_NULL};
	if (gen_scalar_fast(j->m, &v))
		return 1;
	return cb_check(j, gen_scalar(j->m, &v, &j->cb_err));
}

static int on_bool(void *ctx, int b)
{
	struct gen_json *j = ctx;
	struct gen_node *nd = gen_target_fast(j->m);
	if (nd) {
		struct gen_value fv = {.kind = GEN_BOOL, .b = b != 0};
		(void)gen_node_sample(nd, &fv);
		return 1;
	}
	struct gen_value v = {.kind = GEN_BOOL, .b = b != 0};
	return cb_check(j, gen_scalar(j->m, &v, &j->cb_err));
}

/* Classifies JSON number text (already validated by yajl) in one pass. */
static void classify_number_slow(const char *s, size_t n, struct gen_value *v)
{
	v->text = s;
	v->len = n;
	bool neg = n && s[0] == '-';
	uint64_t u = 0;
	bool big = false, nonzero = false;
	for (size_t i = neg; i < n; i++) {
		unsigned d = (unsigned)(s[i] - '0');
		if (d > 9) {
			/* '.', 'e' or 'E': a float. The model only tests it against zero,
			 * so the mantissa decides. */
			for (; i < n && s[i] != 'e' && s[i] != 'E'; i++)
				nonzero |= s[i] >= '1' && s[i] <= '9';
			v->kind = GEN_FLOAT;
			v->f = nonzero ? (neg ? -1.0 : 1.0) : 0.0;
			return;
		}
		nonzero |= d != 0;
		if (!big && u > (UINT64_MAX - d) / 10)
			big = true;
		else
			u = u * 10 + d;
	}
	if (big || (neg && u > (uint64_t)INT64_MAX + 1)) {
		v->kind = GEN_BIGNUM;
	} else if (neg) {
		v->kind = GEN_INT;
		v->i = u == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)u;
	} else if (u > (uint64_t)INT64_MAX) {
		v->kind = GEN_UINT;
		v->u = u;
	} else {
		v->kind = GEN_INT;
		v->i = (int64_t)u;
	}
}

/* The same, fast for the common case of at most 18 integer digits (below 10^18,
 * so the value fits int64 either sign); longer integer parts take
 * classify_number_slow. */
static inline void classify_number(const char *s, size_t n, struct gen_value *v)
{
	bool neg = s[0] == '-';
	size_t i = neg;
	size_t lim = n - i > 18 ? i + 18 : n;
	uint64_t u = 0;
	for (; i < lim; i++) {
		unsigned d = (unsigned)(s[i] - '0');
		if (d > 9)
			break;
		u = u * 10 + d;
	}
	if (i == n) {
		v->text = s;
		v->len = n;
		v->kind = GEN_INT;
		v->i = neg ? -(int64_t)u : (int64_t)u;
		return;
	}
	unsigned char c = (unsigned char)s[i];
	if (c != '.' && c != 'e' && c != 'E') {
		classify_number_slow(s, n, v); /* 19 or more integer digits */
		return;
	}
	/* a float: the model only tests it against zero, so the mantissa decides */
	bool nonzero = u != 0;
	for (; !nonzero && i < n && s[i] != 'e' && s[i] != 'E'; i++)
		nonzero = s[i] >= '1' && s[i] <= '9';
	v->text = s;
	v->len = n;
	v->kind = GEN_FLOAT;
	v->f = nonzero ? (neg ? -1.0 : 1.0) : 0.0;
}

/* The callbacks below do the common case inline and leave the rest (a value that
 * needs a new node, a string outside the chunk's valid UTF-8 span, errors) to a
 * *_slow function, so that their fast path needs no stack frame. */

static int __attribute__((noinline)) number_slow(struct gen_json *j, const char *s, size_t n)
{
	struct gen_value v = {.kind = GEN_NULL};
	classify_number(s, n, &v);
	return cb_check(j, gen_scalar(j->m, &v, &j->cb_err));
}

static int on_number(void *ctx, const char *s, size_t n)
{
	struct gen_json *j = ctx;
	struct gen_node *nd = gen_target_fast(j->m);
	if (!nd)
		return number_slow(j, s, n);
	struct gen_value v = {.kind = GEN_NULL};
	classify_number(s, n, &v);
	(void)gen_node_sample(nd, &v);
	return 1;
}

static int bad_utf8(struct gen_json *j)
{
	bagu_error(&j->cb_err, "invalid UTF-8 in string");
	return cb_check(j, -1);
}

static inline enum gen_kind string_kind(const unsigned char *s, size_t n)
{
	/* gen_is_rfc3339 needs at least 20 bytes and '-' at [4], 'T' at [10] */
	if (n >= 20 && s[4] == '-' && s[10] == 'T' && gen_is_rfc3339((const char *)s, n))
		return GEN_TIME_OFFSET;
	return GEN_STRING;
}

static int __attribute__((noinline)) string_slow(struct gen_json *j, const unsigned char *s,
						 size_t n)
{
	if (!utf8_ok(j, s, n))
		return bad_utf8(j);
	struct gen_value v = {.kind = string_kind(s, n), .text = (const char *)s, .len = n};
	return cb_check(j, gen_scalar(j->m, &v, &j->cb_err));
}

static int on_string(void *ctx, const unsigned char *s, size_t n)
{
	struct gen_json *j = ctx;
	if (!utf8_in_span(j, s, n))
		return string_slow(j, s, n);
	struct gen_node *nd = gen_target_fast(j->m);
	if (!nd)
		return string_slow(j, s, n);
	struct gen_value v = {.kind = string_kind(s, n), .text = (const char *)s, .len = n};
	(void)gen_node_sample(nd, &v);
	return 1;
}

static int on_start_map(void *ctx)
{
	struct gen_json *j = ctx;
	j->depth++;
	if (gen_begin_fast(j->m, true))
		return 1;
	return cb_check(j, gen_begin_object(j->m, &j->cb_err));
}

static int __attribute__((noinline)) map_key_slow(struct gen_json *j, const unsigned char *s,
						  size_t n)
{
	if (!utf8_ok(j, s, n))
		return bad_utf8(j);
	return cb_check(j, gen_key(j->m, (const char *)s, n, &j->cb_err));
}

static int on_map_key(void *ctx, const unsigned char *s, size_t n)
{
	struct gen_json *j = ctx;
	if (utf8_in_span(j, s, n) && gen_key_fast(j->m, (const char *)s, n))
		return 1;
	return map_key_slow(j, s, n);
}

static int on_end_map(void *ctx)
{
	struct gen_json *j = ctx;
	j->depth--;
	if (gen_end_fast(j->m, true))
		return 1; /* still inside a record */
	return cb_check(j, gen_end_object(j->m, &j->cb_err));
}

static int on_start_array(void *ctx)
{
	struct gen_json *j = ctx;
	j->depth++;
	if (gen_begin_fast(j->m, false))
		return 1;
	return cb_check(j, gen_begin_array(j->m, &j->cb_err));
}

static int on_end_array(void *ctx)
{
	struct gen_json *j = ctx;
	j->depth--;
	if (gen_end_fast(j->m, false))
		return 1; /* still inside a record */
	return cb_check(j, gen_end_array(j->m, &j->cb_err));
}

static const yajl_callbacks callbacks = {
	.yajl_null = on_null,
	.yajl_boolean = on_bool,
	.yajl_number = on_number,
	.yajl_string = on_string,
	.yajl_start_map = on_start_map,
	.yajl_map_key = on_map_key,
	.yajl_end_map = on_end_map,
	.yajl_start_array = on_start_array,
	.yajl_end_array = on_end_array,
};

struct gen_json *gen_json_new(struct gen_model *m, const char *name)
{
	struct gen_json *j = xcalloc(1, sizeof(*j));
	j->m = m;
	j->name = xstrdup(name ? name : "<stdin>");
	j->line = 1;
	j->ws_err_off = SIZE_MAX;
	strbuf_init(&j->num, 0);
	j->h = yajl_alloc(&callbacks, NULL, j);
	yajl_config(j->h, yajl_allow_multiple_values, 1);
	yajl_config(j->h, yajl_dont_validate_strings, 1);
	return j;
}

void gen_json_free(struct gen_json *j)
{
	if (!j)
		return;
	yajl_free(j->h);
	free(j->name);
	strbuf_release(&j->num);
	free(j);
}

size_t gen_json_offset(const struct gen_json *j)
{
	return j->base;
}

/* yajl's message without its "parse error: " prefix and trailing newline. Returns
 * true for a parse (grammar) error: yajl has then consumed the offending token. */
static bool yajl_message(struct gen_json *j, const unsigned char *buf, size_t len, char *out,
			 size_t outlen)
{
	unsigned char *msg = yajl_get_error(j->h, 0, buf, len);
	const char *s = (const char *)msg;
	bool parse = false;
	if (strncmp(s, "parse error: ", 13) == 0) {
		s += 13;
		parse = true;
	} else if (strncmp(s, "lexical error: ", 15) == 0) {
		s += 15;
	}
	snprintf(out, outlen, "%s", s);
	size_t n = strlen(out);
	while (n && (out[n - 1] == '\n' || out[n - 1] == ' '))
		out[--n] = '\0';
	yajl_free_error(j->h, msg);
	return parse;
}

int gen_json_feed(struct gen_json *j, const void *buf, size_t len, struct bagu_err *err)
{
	const unsigned char *p = buf;
	j->chunk = p;
	j->chunk_len = len;
	if (j->ws_pending)
		scan_separator(j, 0); /* reported after yajl's own errors, as in one chunk */
	/* yajl takes \f and \v as whitespace; JSON does not (inside strings they are
	 * control characters, which yajl rejects anyway) */
	for (size_t i = 0; i < len && !j->saw_text; i++)
		j->saw_text = !is_ws(p[i]);
	const unsigned char *ff = memchr(p, '\f', len), *vt = memchr(p, '\v', len);
	size_t bad = SIZE_MAX;
	if (ff)
		bad = (size_t)(ff - p);
	if (vt && (size_t)(vt - p) < bad)
		bad = (size_t)(vt - p);
	size_t plen = bad == SIZE_MAX ? len : bad;
	/* the valid UTF-8 span: skip the tail of a character split by the previous
	 * chunk, stop at the first invalid or truncated sequence */
	size_t lo = 0;
	while (lo < plen && lo < 3 && (p[lo] & 0xC0) == 0x80)
		lo++;
	j->ok_lo = p + lo;
	j->ok_hi = p + lo + utf8_prefix(p + lo, plen - lo);
	yajl_status st = yajl_parse(j->h, p, plen);
	if (j->cb_failed)
		return fail_at(j, j->cb_off, j->cb_err.msg, err);
	if (st != yajl_status_ok) {
		char msg[512];
		size_t off = cur_off(j);
		(void)yajl_message(j, p, plen, msg, sizeof(msg));
		if (off > 0)
			off--; /* yajl consumed the offending byte: point at it, not past it */
		return fail_at(j, off, msg, err);
	}
	if (j->ws_err_off != SIZE_MAX)
		return fail_at(j, j->ws_err_off, "top-level values must be separated by a newline", err);
	if (bad != SIZE_MAX) {
		bool is_ff = ff && (size_t)(ff - p) == bad;
		return fail_at(j, bad,
			       is_ff ? "form feed is not JSON whitespace"
				     : "vertical tab is not JSON whitespace",
			       err);
	}
	advance(j, p, len);
	j->ok_lo = j->ok_hi = NULL;
	j->chunk = NULL;
	j->chunk_len = 0;
	return 0;
}

int gen_json_finish(struct gen_json *j, struct bagu_err *err)
{
	static const unsigned char empty[1];
	j->ok_lo = j->ok_hi = NULL;
	j->chunk = empty;
	j->chunk_len = 0;
	j->ws_pending = false;
	if (!j->saw_text)
		return fail_at(j, 0, "no JSON value in input", err);
	yajl_status st = yajl_complete_parse(j->h);
	if (j->cb_failed)
		return fail_at(j, 0, j->cb_err.msg, err);
	if (st != yajl_status_ok) {
		char msg[512];
		(void)yajl_message(j, empty, 0, msg, sizeof(msg));
		return fail_at(j, 0, msg, err);
	}
	if (gen_model_depth(j->m) != 0)
		return fail_at(j, 0, "unexpected end of input", err);
	if (j->values == 0)
		return fail_at(j, 0, "no JSON value in input", err);
	return 0;
}

int gen_front_json(struct gen_model *m, const char *name, const char *data, size_t len,
		   struct bagu_err *err)
{
	struct gen_json *j = gen_json_new(m, name);
	int rc = gen_json_feed(j, data, len, err);
	if (!rc)
		rc = gen_json_finish(j, err);
	gen_json_free(j);
	return rc;
}
