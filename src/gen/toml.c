/*
 * gen/toml.c — TOML 1.0.0 parser (see toml.h for the contract).
 *
 * A single-pass recursive-descent parser over the byte buffer. Tables remember how
 * they came to exist (flags below) so that the redefinition rules of the spec can be
 * checked where a header or a dotted key reaches an existing table:
 *   T_IMPLICIT  created as an intermediate of a [header] (may be defined once later)
 *   T_EXPLICIT  defined by a [header], or an element of an [[array of tables]]
 *   T_DOTTED    created (or extended) by dotted keys in section `section`; no header may
 *               define it and no later section may add to it with dotted keys
 *   T_FROZEN    an inline table: nothing may be added after its closing brace
 *   A_AOT       an array created by [[header]] (a static array `x = []` lacks it)
 */
#include "gen/toml.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
	T_IMPLICIT = 1u << 0,
	T_EXPLICIT = 1u << 1,
	T_DOTTED = 1u << 2,
	T_FROZEN = 1u << 3,
	A_AOT = 1u << 4,
};

#define INDEX_THRESHOLD 8

/* One component of a key: bytes in p->keybuf at [off, off+len), starting at input pos. */
struct key_part {
	size_t off, len;
	size_t pos;
};

/* Every node, key and string of a tree lives in its document's arena: parsing is
 * mostly pointer bumps, and toml_free releases a few large chunks. */
struct arena_chunk {
	struct arena_chunk *next;
	size_t cap, used;
	max_align_t data[];
};

struct toml_doc {
	struct toml_value root; /* first: a root pointer is a document pointer */
	struct arena_chunk *chunks;
};

struct parser {
	struct toml_doc *doc;
	const char *buf;
	size_t len, pos;
	const char *name;
	struct bagu_err *err;
	unsigned max_depth;
	uint32_t line;
	uint32_t section; /* id of the current [header] section or inline table */
	uint32_t next_section;
	struct toml_value *root, *cur;
	struct strbuf keybuf;
	struct key_part *keys;
	size_t nkeys, keys_alloc;
	struct strbuf str; /* scratch for string values */
};

/* ---------------------------------------------------------------- errors ---- */

static int perr(struct parser *p, size_t off, const char *fmt, ...) BAGU_PRINTF(3, 4);

static int perr(struct parser *p, size_t off, const char *fmt, ...)
{
	if (off > p->len)
		off = p->len;
	unsigned line = 1;
	size_t ls = 0;
	for (size_t i = 0; i < off; i++) {
		if (p->buf[i] == '\n') {
			line++;
			ls = i + 1;
		}
	}
	unsigned col = 1;
	for (size_t i = ls; i < off; i++) {
		if (((unsigned char)p->buf[i] & 0xC0) != 0x80)
			col++;
	}
	char msg[768];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return bagu_error(p->err, "%s:%u:%u: %s", p->name, line, col, msg);
}

/* A printable rendering of a key for messages (quoted, escaped, truncated). */
static const char *show_key(const char *k, size_t n, char *out, size_t cap)
{
	size_t o = 0;
	out[o++] = '"';
	for (size_t i = 0; i < n && o + 8 < cap; i++) {
		unsigned char c = (unsigned char)k[i];
		if (c < 0x20 || c == 0x7F || c == '"' || c == '\\') {
			o += (size_t)snprintf(out + o, cap - o, "\\x%02X", c);
		} else {
			out[o++] = (char)c;
		}
		if (i + 1 < n && o + 8 >= cap) {
			memcpy(out + o, "...", 3);
			o += 3;
			break;
		}
	}
	out[o++] = '"';
	out[o] = '\0';
	return out;
}

/* Describes the character at pos for "unexpected ..." messages. */
static const char *show_char(struct parser *p, size_t pos, char *out, size_t cap)
{
	if (pos >= p->len)
		return "end of input";
	unsigned char c = (unsigned char)p->buf[pos];
	if (c == '\n')
		return "newline";
	if (c == '\r')
		return "carriage return";
	if (c < 0x20 || c == 0x7F) {
		snprintf(out, cap, "control character U+%04X", c);
		return out;
	}
	if (c < 0x80) {
		snprintf(out, cap, "'%c'", c);
		return out;
	}
	uint32_t cp = 0;
	int l = utf8_decode((const unsigned char *)p->buf + pos, p->len - pos, &cp);
	snprintf(out, cap, "'%.*s' (U+%04X)", l > 0 ? l : 1, p->buf + pos, (unsigned)cp);
	return out;
}

/* ---------------------------------------------------------------- memory ---- */

#define ARENA_ALIGN ((size_t)8) /* nothing in a tree needs more */
#define ARENA_CHUNK ((size_t)64 << 10)

static void *arena_alloc(struct parser *p, size_t n)
{
	n = (n + ARENA_ALIGN - 1) & ~(ARENA_ALIGN - 1);
	struct arena_chunk *c = p->doc->chunks;
	if (!c || c->cap - c->used < n) {
		size_t cap = n > ARENA_CHUNK / 4 ? n : ARENA_CHUNK;
		struct arena_chunk *nc = xmalloc(sizeof *nc + cap);
		nc->cap = cap;
		nc->used = 0;
		if (c && cap != ARENA_CHUNK) {
			/* a big block: keep filling the current chunk afterwards */
			nc->next = c->next;
			c->next = nc;
		} else {
			nc->next = c;
			p->doc->chunks = nc;
		}
		c = nc;
	}
	void *r = (char *)c->data + c->used;
	c->used += n;
	return r;
}

static void *arena_zalloc(struct parser *p, size_t n)
{
	void *r = arena_alloc(p, n);
	memset(r, 0, n);
	return r;
}

static char *arena_strndup(struct parser *p, const char *s, size_t n)
{
	char *r = arena_alloc(p, n + 1);
	memcpy(r, s, n);
	r[n] = '\0';
	return r;
}

/* Grows an arena array *arr of *alloc elements of size elsz to hold need elements
 * (doubling; the old block is left behind in the arena). */
static void arena_grow(struct parser *p, void **arr, size_t elsz, size_t *alloc, size_t need)
{
	if (need <= *alloc)
		return;
	size_t n = *alloc ? *alloc * 2 : 4;
	while (n < need)
		n *= 2;
	void *r = arena_alloc(p, n * elsz);
	if (*alloc)
		memcpy(r, *arr, *alloc * elsz);
	*arr = r;
	*alloc = n;
}
#define AGROW(p, arr, alloc, need) arena_grow((p), (void **)&(arr), sizeof(*(arr)), &(alloc), (need))

/* ---------------------------------------------------------------- values ---- */

static struct toml_value *new_value(struct parser *p, enum toml_type type, size_t off)
{
	struct toml_value *v = arena_zalloc(p, sizeof *v);
	v->type = type;
	v->line = p->line;
	v->offset = off;
	return v;
}

void toml_free(struct toml_value *v)
{
	if (!v)
		return;
	struct toml_doc *doc = (struct toml_doc *)v;
	struct arena_chunk *c = doc->chunks;
	while (c) {
		struct arena_chunk *next = c->next;
		free(c);
		c = next;
	}
	free(doc);
}

static uint64_t hash_key(const char *k, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ull;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)k[i];
		h *= 0x100000001b3ull;
	}
	return h ^ (h >> 29);
}

static void index_insert(struct toml_value *t, size_t item)
{
	size_t mask = t->u.table.index_cap - 1;
	const struct toml_keyval *kv = &t->u.table.items[item];
	size_t h = (size_t)hash_key(kv->key, kv->key_len) & mask;
	while (t->u.table.index[h])
		h = (h + 1) & mask;
	t->u.table.index[h] = (uint32_t)item + 1;
}

static void index_rebuild(struct parser *p, struct toml_value *t)
{
	size_t cap = 16;
	while (cap < t->u.table.len * 2 + 2)
		cap *= 2;
	t->u.table.index = arena_zalloc(p, cap * sizeof(uint32_t));
	t->u.table.index_cap = cap;
	for (size_t i = 0; i < t->u.table.len; i++)
		index_insert(t, i);
}

const struct toml_value *toml_table_get(const struct toml_value *t, const char *key, size_t key_len)
{
	if (!t || t->type != TOML_TABLE)
		return NULL;
	if (t->u.table.index) {
		size_t mask = t->u.table.index_cap - 1;
		size_t h = (size_t)hash_key(key, key_len) & mask;
		uint32_t slot;
		while ((slot = t->u.table.index[h]) != 0) {
			const struct toml_keyval *kv = &t->u.table.items[slot - 1];
			if (kv->key_len == key_len && memcmp(kv->key, key, key_len) == 0)
				return kv->value;
			h = (h + 1) & mask;
		}
		return NULL;
	}
	for (size_t i = 0; i < t->u.table.len; i++) {
		const struct toml_keyval *kv = &t->u.table.items[i];
		if (kv->key_len == key_len && memcmp(kv->key, key, key_len) == 0)
			return kv->value;
	}
	return NULL;
}

static struct toml_value *table_find(struct toml_value *t, const char *key, size_t key_len)
{
	return (struct toml_value *)toml_table_get(t, key, key_len);
}

static void table_add(struct parser *p, struct toml_value *t, const char *key, size_t key_len,
		      struct toml_value *v)
{
	AGROW(p, t->u.table.items, t->u.table.alloc, t->u.table.len + 1);
	struct toml_keyval *kv = &t->u.table.items[t->u.table.len++];
	kv->key = arena_strndup(p, key, key_len);
	kv->key_len = key_len;
	kv->value = v;
	if (t->u.table.len > INDEX_THRESHOLD) {
		if (!t->u.table.index || t->u.table.len * 2 + 2 > t->u.table.index_cap)
			index_rebuild(p, t);
		else
			index_insert(t, t->u.table.len - 1);
	}
}

static void array_add(struct parser *p, struct toml_value *a, struct toml_value *v)
{
	AGROW(p, a->u.array.items, a->u.array.alloc, a->u.array.len + 1);
	a->u.array.items[a->u.array.len++] = v;
}

static uint32_t depth_of(const struct toml_value *v)
{
	return v->type == TOML_TABLE ? v->u.table.depth : v->u.array.depth;
}

/* A new table as child number... of parent (a table or an array), depth-checked. */
static int new_table(struct parser *p, const struct toml_value *parent, size_t off, unsigned flags,
		     struct toml_value **out)
{
	uint32_t depth = depth_of(parent) + 1;
	if (depth > p->max_depth)
		return perr(p, off, "tables nested deeper than %u levels", p->max_depth);
	struct toml_value *t = new_value(p, TOML_TABLE, off);
	t->flags = flags;
	t->u.table.depth = depth;
	t->u.table.section = p->section;
	*out = t;
	return 0;
}

/* ----------------------------------------------------------- lexical bits ---- */

static inline int peek(const struct parser *p)
{
	return p->pos < p->len ? (unsigned char)p->buf[p->pos] : -1;
}

static inline int peek_at(const struct parser *p, size_t k)
{
	return p->pos + k < p->len ? (unsigned char)p->buf[p->pos + k] : -1;
}

static inline bool is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static inline bool is_bare(int c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || is_digit(c) || c == '_' || c == '-';
}

static inline bool is_ctrl(int c)
{
	return (c >= 0 && c < 0x20 && c != '\t') || c == 0x7F;
}

static void skip_ws(struct parser *p)
{
	while (p->pos < p->len && (p->buf[p->pos] == ' ' || p->buf[p->pos] == '\t'))
		p->pos++;
}

/* Length of the newline at pos (1 for LF, 2 for CRLF) or 0. */
static int newline_len(const struct parser *p)
{
	int c = peek(p);
	if (c == '\n')
		return 1;
	if (c == '\r' && peek_at(p, 1) == '\n')
		return 2;
	return 0;
}

static void eat_newline(struct parser *p, int n)
{
	p->pos += (size_t)n;
	p->line++;
}

/* At '#': consumes the comment up to (not including) the newline. */
static int skip_comment(struct parser *p)
{
	p->pos++;
	while (p->pos < p->len) {
		unsigned char c = (unsigned char)p->buf[p->pos];
		if (c == '\n')
			return 0;
		if (c == '\r') {
			if (peek_at(p, 1) == '\n')
				return 0;
			return perr(p, p->pos, "carriage return not followed by a line feed in a comment");
		}
		if (is_ctrl(c))
			return perr(p, p->pos, "control character U+%04X in a comment", c);
		p->pos++;
	}
	return 0;
}

/* Whitespace, newlines and comments (inside arrays). */
static int skip_ws_nl(struct parser *p)
{
	for (;;) {
		skip_ws(p);
		int c = peek(p);
		if (c == '#') {
			if (skip_comment(p))
				return -1;
			continue;
		}
		int n = newline_len(p);
		if (!n)
			return 0;
		eat_newline(p, n);
	}
}

/* After a key/value pair or a header: optional whitespace and comment, then a newline
 * or the end of input. */
static int expect_eol(struct parser *p, const char *after)
{
	char cb[48];
	skip_ws(p);
	if (peek(p) == '#' && skip_comment(p))
		return -1;
	if (p->pos >= p->len)
		return 0;
	int n = newline_len(p);
	if (!n)
		return perr(p, p->pos, "expected a newline after %s, found %s", after,
			    show_char(p, p->pos, cb, sizeof cb));
	eat_newline(p, n);
	return 0;
}

/* Appends code point cp as UTF-8. */
static void put_utf8(struct strbuf *sb, uint32_t cp)
{
	char b[4];
	size_t n;
	if (cp < 0x80) {
		b[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		b[0] = (char)(0xC0 | (cp >> 6));
		b[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		b[0] = (char)(0xE0 | (cp >> 12));
		b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		b[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		b[0] = (char)(0xF0 | (cp >> 18));
		b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		b[3] = (char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	strbuf_add(sb, b, n);
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* At '\\' in a basic string: decodes one escape into sb. */
static int parse_escape(struct parser *p, struct strbuf *sb)
{
	size_t start = p->pos;
	p->pos++;
	int c = peek(p);
	int ndig = 0;
	switch (c) {
	case 'b': strbuf_addch(sb, '\b'); break;
	case 't': strbuf_addch(sb, '\t'); break;
	case 'n': strbuf_addch(sb, '\n'); break;
	case 'f': strbuf_addch(sb, '\f'); break;
	case 'r': strbuf_addch(sb, '\r'); break;
	case '"': strbuf_addch(sb, '"'); break;
	case '\\': strbuf_addch(sb, '\\'); break;
	case 'u': ndig = 4; break;
	case 'U': ndig = 8; break;
	default: {
		char cb[48];
		return perr(p, start, "invalid escape sequence '\\' followed by %s",
			    show_char(p, p->pos, cb, sizeof cb));
	}
	}
	p->pos++;
	if (!ndig)
		return 0;
	uint32_t cp = 0;
	for (int i = 0; i < ndig; i++) {
		int h = hexval(peek(p));
		if (h < 0)
			return perr(p, start, "\\%c escape needs %d hexadecimal digits", c, ndig);
		cp = (cp << 4) | (uint32_t)h;
		p->pos++;
	}
	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return perr(p, start, "escape \\%c%.*s is not a Unicode scalar value", c, ndig,
			    p->buf + start + 2);
	put_utf8(sb, cp);
	return 0;
}

/* Copies one non-ASCII character (already validated UTF-8) at pos into sb. */
static void copy_char(struct parser *p, struct strbuf *sb)
{
	uint32_t cp;
	int l = utf8_decode((const unsigned char *)p->buf + p->pos, p->len - p->pos, &cp);
	if (l <= 0)
		l = 1; /* cannot happen: the input was validated */
	strbuf_add(sb, p->buf + p->pos, (size_t)l);
	p->pos += (size_t)l;
}

/* Single-line basic string at '"'. */
static int parse_basic(struct parser *p, struct strbuf *sb)
{
	size_t start = p->pos;
	p->pos++;
	for (;;) {
		int c = peek(p);
		if (c < 0)
			return perr(p, start, "unterminated string");
		if (c == '"') {
			p->pos++;
			return 0;
		}
		if (c == '\\') {
			if (parse_escape(p, sb))
				return -1;
			continue;
		}
		if (c == '\n' || c == '\r')
			return perr(p, p->pos, "newline in a single-line string");
		if (is_ctrl(c))
			return perr(p, p->pos, "control character U+%04X in a string (use an escape)", c);
		if (c >= 0x80) {
			copy_char(p, sb);
			continue;
		}
		strbuf_addch(sb, c);
		p->pos++;
	}
}

/* Single-line literal string at '\''. */
static int parse_literal(struct parser *p, struct strbuf *sb)
{
	size_t start = p->pos;
	p->pos++;
	size_t from = p->pos;
	for (;;) {
		int c = peek(p);
		if (c < 0)
			return perr(p, start, "unterminated string");
		if (c == '\'') {
			strbuf_add(sb, p->buf + from, p->pos - from);
			p->pos++;
			return 0;
		}
		if (c == '\n' || c == '\r')
			return perr(p, p->pos, "newline in a single-line string");
		if (is_ctrl(c))
			return perr(p, p->pos, "control character U+%04X in a literal string", c);
		p->pos++;
	}
}

/* Multi-line string at the opening triple quote q (""" or '''). */
static int parse_multiline(struct parser *p, struct strbuf *sb, char q)
{
	size_t start = p->pos;
	p->pos += 3;
	int n = newline_len(p);
	if (n)
		eat_newline(p, n);
	for (;;) {
		int c = peek(p);
		if (c < 0)
			return perr(p, start, "unterminated multi-line string");
		if (c == q) {
			size_t run = 0;
			while (peek_at(p, run) == q)
				run++;
			if (run < 3) {
				strbuf_add(sb, p->buf + p->pos, run);
				p->pos += run;
				continue;
			}
			if (run > 5)
				return perr(p, p->pos + 5, "too many quotes at the end of a multi-line string");
			strbuf_add(sb, p->buf + p->pos, run - 3);
			p->pos += run;
			return 0;
		}
		if (c == '\\' && q == '"') {
			/* line-ending backslash: \ [ws] newline, then all whitespace and newlines */
			size_t k = 1;
			while (peek_at(p, k) == ' ' || peek_at(p, k) == '\t')
				k++;
			int c2 = peek_at(p, k);
			if (c2 == '\n' || (c2 == '\r' && peek_at(p, k + 1) == '\n')) {
				p->pos += k;
				for (;;) {
					skip_ws(p);
					int nl = newline_len(p);
					if (!nl)
						break;
					eat_newline(p, nl);
				}
				continue;
			}
			if (parse_escape(p, sb))
				return -1;
			continue;
		}
		if (c == '\n') {
			strbuf_addch(sb, '\n');
			eat_newline(p, 1);
			continue;
		}
		if (c == '\r') {
			if (peek_at(p, 1) != '\n')
				return perr(p, p->pos, "carriage return not followed by a line feed in a string");
			strbuf_addch(sb, '\n');
			eat_newline(p, 2);
			continue;
		}
		if (is_ctrl(c))
			return perr(p, p->pos, "control character U+%04X in a string", c);
		if (c >= 0x80) {
			copy_char(p, sb);
			continue;
		}
		strbuf_addch(sb, c);
		p->pos++;
	}
}

/* ------------------------------------------------------------------- keys ---- */

/* Parses a (possibly dotted) key, pushing its parts onto p->keys / p->keybuf (a stack:
 * nested inline tables push above their parent's key, and every caller pops back to
 * its mark). *first is set to the index of the first part. Leaves pos after the key and
 * any whitespace following it. */
static int parse_key(struct parser *p, size_t *first)
{
	*first = p->nkeys;
	for (;;) {
		skip_ws(p);
		size_t kpos = p->pos;
		size_t off = p->keybuf.len;
		int c = peek(p);
		if (c == '"') {
			if (peek_at(p, 1) == '"' && peek_at(p, 2) == '"')
				return perr(p, kpos, "a multi-line string cannot be a key");
			if (parse_basic(p, &p->keybuf))
				return -1;
		} else if (c == '\'') {
			if (peek_at(p, 1) == '\'' && peek_at(p, 2) == '\'')
				return perr(p, kpos, "a multi-line string cannot be a key");
			if (parse_literal(p, &p->keybuf))
				return -1;
		} else if (is_bare(c)) {
			size_t s = p->pos;
			while (is_bare(peek(p)))
				p->pos++;
			strbuf_add(&p->keybuf, p->buf + s, p->pos - s);
		} else {
			char cb[48];
			return perr(p, kpos, "expected a key, found %s", show_char(p, kpos, cb, sizeof cb));
		}
		if (p->nkeys - *first >= p->max_depth)
			return perr(p, kpos, "key has more than %u dotted parts", p->max_depth);
		XGROW(p->keys, p->keys_alloc, p->nkeys + 1);
		p->keys[p->nkeys++] = (struct key_part){off, p->keybuf.len - off, kpos};
		skip_ws(p);
		if (peek(p) != '.')
			return 0;
		p->pos++;
	}
}

/* Pops the key stack back to a mark. */
static void key_pop(struct parser *p, size_t first)
{
	if (first < p->nkeys)
		p->keybuf.len = p->keys[first].off;
	if (p->keybuf.buf)
		p->keybuf.buf[p->keybuf.len] = '\0';
	p->nkeys = first;
}

#define KEY_STR(p, i) ((p)->keybuf.buf + (p)->keys[i].off)
#define KEY_LEN(p, i) ((p)->keys[i].len)

/* ----------------------------------------------------------------- values ---- */

static int parse_value(struct parser *p, uint32_t depth, struct toml_value **out);
static int parse_keyval(struct parser *p, struct toml_value *base, uint32_t depth);

static int digits2(struct parser *p, size_t at, int *v)
{
	if (at + 2 > p->len || !is_digit(p->buf[at]) || !is_digit(p->buf[at + 1]))
		return -1;
	*v = (p->buf[at] - '0') * 10 + (p->buf[at + 1] - '0');
	return 0;
}

static int days_in_month(int y, int m)
{
	static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return d[m - 1];
}

/* HH:MM:SS[.frac] at pos. */
static int parse_time(struct parser *p, struct toml_datetime *dt)
{
	size_t s = p->pos;
	if (digits2(p, s, &dt->hour) || peek_at(p, 2) != ':' || digits2(p, s + 3, &dt->minute))
		return perr(p, s, "invalid time: expected HH:MM:SS");
	if (peek_at(p, 5) != ':' || digits2(p, s + 6, &dt->second))
		return perr(p, s, "invalid time: seconds are required (HH:MM:SS)");
	if (dt->hour > 23)
		return perr(p, s, "invalid time: hour %02d is out of range", dt->hour);
	if (dt->minute > 59)
		return perr(p, s + 3, "invalid time: minute %02d is out of range", dt->minute);
	if (dt->second > 60)
		return perr(p, s + 6, "invalid time: second %02d is out of range", dt->second);
	p->pos = s + 8;
	if (peek(p) == '.') {
		p->pos++;
		if (!is_digit(peek(p)))
			return perr(p, p->pos - 1, "invalid time: a digit must follow the decimal point");
		uint32_t ns = 0;
		int nd = 0;
		while (is_digit(peek(p))) {
			if (nd < 9) {
				ns = ns * 10 + (uint32_t)(peek(p) - '0');
				nd++;
			}
			p->pos++;
		}
		dt->frac_digits = nd;
		for (int i = nd; i < 9; i++)
			ns *= 10;
		dt->nanosecond = ns;
	}
	return 0;
}

/* A date, date-time or local time at pos (the caller saw YYYY- or HH:). */
static int parse_datetime(struct parser *p, size_t start, struct toml_value **out)
{
	struct toml_datetime dt = {0};
	enum toml_type type;
	if (peek_at(p, 2) == ':') {
		if (parse_time(p, &dt))
			return -1;
		type = TOML_TIME_LOCAL;
	} else {
		size_t s = p->pos;
		int yh, yl;
		if (digits2(p, s, &yh) || digits2(p, s + 2, &yl) || peek_at(p, 4) != '-' ||
		    digits2(p, s + 5, &dt.month) || peek_at(p, 7) != '-' || digits2(p, s + 8, &dt.day))
			return perr(p, s, "invalid date: expected YYYY-MM-DD");
		dt.year = yh * 100 + yl;
		if (dt.month < 1 || dt.month > 12)
			return perr(p, s + 5, "invalid date: month %02d is out of range", dt.month);
		if (dt.day < 1 || dt.day > days_in_month(dt.year, dt.month))
			return perr(p, s + 8, "invalid date: day %02d is out of range for %04d-%02d",
				    dt.day, dt.year, dt.month);
		p->pos = s + 10;
		int c = peek(p);
		if (c == 'T' || c == 't' ||
		    (c == ' ' && is_digit(peek_at(p, 1)) && is_digit(peek_at(p, 2)) && peek_at(p, 3) == ':')) {
			p->pos++;
			if (parse_time(p, &dt))
				return -1;
			c = peek(p);
			if (c == 'Z' || c == 'z') {
				p->pos++;
				dt.offset_z = true;
				type = TOML_DATETIME;
			} else if (c == '+' || c == '-') {
				int oh, om;
				size_t o = p->pos + 1;
				if (digits2(p, o, &oh) || peek_at(p, 3) != ':' || digits2(p, o + 3, &om))
					return perr(p, p->pos, "invalid time offset: expected +HH:MM or -HH:MM");
				if (oh > 23 || om > 59)
					return perr(p, p->pos, "invalid time offset: out of range");
				dt.offset_minutes = (oh * 60 + om) * (c == '-' ? -1 : 1);
				p->pos += 6;
				type = TOML_DATETIME;
			} else {
				type = TOML_DATETIME_LOCAL;
			}
		} else {
			type = TOML_DATE_LOCAL;
		}
	}
	struct toml_value *v = new_value(p, type, start);
	v->u.datetime = dt;
	*out = v;
	return 0;
}

/* Checks digits with single underscores between them in [s, e) for the given base
 * predicate; returns false when empty, with a leading/trailing/double underscore, or a
 * foreign character. */
static bool valid_digits(const char *s, const char *e, int base)
{
	if (s >= e)
		return false;
	bool prev_digit = false;
	for (const char *q = s; q < e; q++) {
		int c = (unsigned char)*q;
		if (c == '_') {
			if (!prev_digit)
				return false;
			prev_digit = false;
			continue;
		}
		bool ok;
		switch (base) {
		case 16: ok = hexval(c) >= 0; break;
		case 8: ok = c >= '0' && c <= '7'; break;
		case 2: ok = c == '0' || c == '1'; break;
		default: ok = is_digit(c); break;
		}
		if (!ok)
			return false;
		prev_digit = true;
	}
	return prev_digit;
}

/* A number (integer or float, incl. inf/nan) at pos. */
static int parse_number(struct parser *p, size_t start, struct toml_value **out)
{
	size_t e = p->pos;
	while (e < p->len) {
		int c = (unsigned char)p->buf[e];
		if (is_bare(c) || c == '.' || c == '+')
			e++;
		else
			break;
	}
	const char *s = p->buf + p->pos, *end = p->buf + e;
	size_t n = (size_t)(end - s);
	char text[128];
	if (n == 0) {
		char cb[48];
		return perr(p, start, "expected a value, found %s", show_char(p, start, cb, sizeof cb));
	}
	if (n >= sizeof text)
		return perr(p, start, "number is too long (%zu characters)", n);
	memcpy(text, s, n);
	text[n] = '\0';

	const char *q = s;
	bool neg = false, sign = false;
	if (*q == '+' || *q == '-') {
		neg = *q == '-';
		sign = true;
		q++;
	}
	/* inf, nan */
	if ((size_t)(end - q) == 3 && (memcmp(q, "inf", 3) == 0 || memcmp(q, "nan", 3) == 0)) {
		struct toml_value *v = new_value(p, TOML_FLOAT, start);
		if (q[0] == 'i')
			v->u.fp.value = neg ? -INFINITY : INFINITY;
		else
			v->u.fp.value = neg ? -NAN : NAN;
		v->u.fp.text = arena_strndup(p, text, n);
		p->pos = e;
		*out = v;
		return 0;
	}
	/* prefixed integers: no sign allowed */
	if (end - q > 1 && q[0] == '0' && (q[1] == 'x' || q[1] == 'o' || q[1] == 'b')) {
		int base = q[1] == 'x' ? 16 : q[1] == 'o' ? 8 : 2;
		if (sign)
			return perr(p, start, "a sign is not allowed on a %s integer",
				    base == 16 ? "hexadecimal" : base == 8 ? "octal" : "binary");
		if (!valid_digits(q + 2, end, base))
			return perr(p, start, "invalid %s integer '%s'",
				    base == 16 ? "hexadecimal" : base == 8 ? "octal" : "binary", text);
		uint64_t u = 0;
		for (const char *d = q + 2; d < end; d++) {
			if (*d == '_')
				continue;
			uint64_t dv = (uint64_t)hexval((unsigned char)*d);
			if (u > (UINT64_MAX - dv) / (uint64_t)base)
				return perr(p, start, "integer '%s' does not fit in 64 bits", text);
			u = u * (uint64_t)base + dv;
		}
		if (u > (uint64_t)INT64_MAX)
			return perr(p, start, "integer '%s' does not fit in a signed 64-bit integer", text);
		struct toml_value *v = new_value(p, TOML_INTEGER, start);
		v->u.integer.value = (int64_t)u;
		v->u.integer.text = arena_strndup(p, text, n);
		p->pos = e;
		*out = v;
		return 0;
	}
	/* decimal integer part */
	const char *ip = q, *ie = q;
	while (ie < end && (is_digit((unsigned char)*ie) || *ie == '_'))
		ie++;
	if (!valid_digits(ip, ie, 10))
		return perr(p, start, "invalid number '%s'", text);
	if (ip[0] == '0' && ie - ip > 1)
		return perr(p, start, "leading zeros are not allowed in '%s'", text);
	const char *r = ie;
	bool is_float = false;
	if (r < end && *r == '.') {
		const char *fs = r + 1, *fe = fs;
		while (fe < end && (is_digit((unsigned char)*fe) || *fe == '_'))
			fe++;
		if (!valid_digits(fs, fe, 10))
			return perr(p, start, "invalid float '%s': digits must surround the decimal point",
				    text);
		r = fe;
		is_float = true;
	}
	if (r < end && (*r == 'e' || *r == 'E')) {
		const char *xs = r + 1;
		if (xs < end && (*xs == '+' || *xs == '-'))
			xs++;
		const char *xe = xs;
		while (xe < end && (is_digit((unsigned char)*xe) || *xe == '_'))
			xe++;
		if (!valid_digits(xs, xe, 10))
			return perr(p, start, "invalid float '%s': bad exponent", text);
		r = xe;
		is_float = true;
	}
	if (r != end)
		return perr(p, start, "invalid number '%s'", text);

	/* text without underscores */
	char clean[128];
	size_t cn = 0;
	for (size_t i = 0; i < n; i++)
		if (text[i] != '_')
			clean[cn++] = text[i];
	clean[cn] = '\0';
	struct toml_value *v;
	if (is_float) {
		errno = 0;
		char *ep;
		double d = strtod(clean, &ep);
		if (*ep != '\0')
			return perr(p, start, "invalid float '%s'", text);
		if (errno == ERANGE && isinf(d))
			return perr(p, start, "float '%s' is out of range", text);
		v = new_value(p, TOML_FLOAT, start);
		v->u.fp.value = d;
		v->u.fp.text = arena_strndup(p, text, n);
	} else {
		errno = 0;
		char *ep;
		long long ll = strtoll(clean, &ep, 10);
		if (*ep != '\0')
			return perr(p, start, "invalid integer '%s'", text);
		if (errno == ERANGE)
			return perr(p, start, "integer '%s' does not fit in a signed 64-bit integer", text);
		v = new_value(p, TOML_INTEGER, start);
		v->u.integer.value = (int64_t)ll;
		v->u.integer.text = arena_strndup(p, text, n);
	}
	p->pos = e;
	*out = v;
	return 0;
}

static int parse_array(struct parser *p, uint32_t depth, struct toml_value **out)
{
	size_t start = p->pos;
	if (depth > p->max_depth)
		return perr(p, start, "arrays and tables nested deeper than %u levels", p->max_depth);
	struct toml_value *a = new_value(p, TOML_ARRAY, start);
	a->u.array.depth = depth;
	p->pos++;
	int rc = 0;
	char cb[48];
	for (;;) {
		rc = skip_ws_nl(p);
		if (rc)
			goto out;
		if (peek(p) == ']') {
			p->pos++;
			break;
		}
		struct toml_value *v = NULL;
		rc = parse_value(p, depth + 1, &v);
		if (rc)
			goto out;
		array_add(p, a, v);
		rc = skip_ws_nl(p);
		if (rc)
			goto out;
		int c = peek(p);
		if (c == ',') {
			p->pos++;
			continue;
		}
		if (c == ']') {
			p->pos++;
			break;
		}
		rc = c < 0 ? perr(p, start, "unterminated array")
			   : perr(p, p->pos, "expected ',' or ']' in an array, found %s",
				  show_char(p, p->pos, cb, sizeof cb));
		goto out;
	}
out:
	if (rc)
		return rc; /* the arena reclaims a */
	*out = a;
	return 0;
}

static int parse_inline_table(struct parser *p, uint32_t depth, struct toml_value **out)
{
	size_t start = p->pos;
	if (depth > p->max_depth)
		return perr(p, start, "arrays and tables nested deeper than %u levels", p->max_depth);
	uint32_t saved_section = p->section;
	p->section = ++p->next_section;
	struct toml_value *t = new_value(p, TOML_TABLE, start);
	t->u.table.depth = depth;
	t->u.table.section = p->section;
	p->pos++;
	int rc = 0;
	char cb[48];
	skip_ws(p);
	if (peek(p) == '}') {
		p->pos++;
		goto out;
	}
	for (;;) {
		rc = parse_keyval(p, t, depth);
		if (rc)
			goto out;
		skip_ws(p);
		int c = peek(p);
		if (c == ',') {
			p->pos++;
			skip_ws(p);
			if (peek(p) == '}') {
				rc = perr(p, p->pos - 1, "trailing comma in an inline table");
				goto out;
			}
			continue;
		}
		if (c == '}') {
			p->pos++;
			break;
		}
		rc = c < 0 ? perr(p, start, "unterminated inline table")
			   : perr(p, p->pos, "expected ',' or '}' in an inline table, found %s",
				  show_char(p, p->pos, cb, sizeof cb));
		goto out;
	}
out:
	p->section = saved_section;
	if (rc)
		return rc; /* the arena reclaims t */
	t->flags = T_FROZEN;
	*out = t;
	return 0;
}

/* Any value at pos. depth is the nesting depth the value would have. */
static int parse_value(struct parser *p, uint32_t depth, struct toml_value **out)
{
	size_t start = p->pos;
	int c = peek(p);
	char cb[48];
	switch (c) {
	case '"':
	case '\'': {
		strbuf_reset(&p->str);
		int rc;
		if (peek_at(p, 1) == c && peek_at(p, 2) == c)
			rc = parse_multiline(p, &p->str, (char)c);
		else if (c == '"')
			rc = parse_basic(p, &p->str);
		else
			rc = parse_literal(p, &p->str);
		if (rc)
			return rc;
		struct toml_value *v = new_value(p, TOML_STRING, start);
		v->u.string.len = p->str.len;
		v->u.string.ptr = arena_strndup(p, p->str.buf, p->str.len);
		*out = v;
		return 0;
	}
	case 't':
	case 'f': {
		size_t n = c == 't' ? 4 : 5;
		if (p->len - p->pos >= n && memcmp(p->buf + p->pos, c == 't' ? "true" : "false", n) == 0 &&
		    !is_bare(peek_at(p, n))) {
			struct toml_value *v = new_value(p, TOML_BOOL, start);
			v->u.boolean = c == 't';
			p->pos += n;
			*out = v;
			return 0;
		}
		return perr(p, start, "invalid value (strings must be quoted; booleans are lower-case true and false)");
	}
	case '[':
		return parse_array(p, depth, out);
	case '{':
		return parse_inline_table(p, depth, out);
	default:
		break;
	}
	if (is_digit(c)) {
		if (is_digit(peek_at(p, 1)) && peek_at(p, 2) == ':')
			return parse_datetime(p, start, out);
		if (is_digit(peek_at(p, 1)) && is_digit(peek_at(p, 2)) && is_digit(peek_at(p, 3)) &&
		    peek_at(p, 4) == '-')
			return parse_datetime(p, start, out);
	}
	if (is_digit(c) || c == '+' || c == '-' || c == 'i' || c == 'n')
		return parse_number(p, start, out);
	if (c < 0 || c == '\n' || c == '\r' || c == '#')
		return perr(p, start, "expected a value, found %s", show_char(p, start, cb, sizeof cb));
	return perr(p, start, "invalid value starting with %s (strings must be quoted)",
		    show_char(p, start, cb, sizeof cb));
}

/* ------------------------------------------------------------ structure ---- */

static const char *kind_of(const struct toml_value *v)
{
	if (v->type == TOML_TABLE)
		return (v->flags & T_FROZEN) ? "an inline table" : "a table";
	if (v->type == TOML_ARRAY)
		return (v->flags & A_AOT) ? "an array of tables" : "an array";
	return "a value";
}

/* Inserts val at the dotted key in p->keys relative to base (a header table or an
 * inline table being built). val lives in the arena whatever happens. */
static int insert_dotted(struct parser *p, size_t first, struct toml_value *base,
			 struct toml_value *val)
{
	char kb[160];
	struct toml_value *t = base;
	for (size_t i = first; i + 1 < p->nkeys; i++) {
		const char *k = KEY_STR(p, i);
		size_t kl = KEY_LEN(p, i);
		struct toml_value *child = table_find(t, k, kl);
		if (!child) {
			if (new_table(p, t, p->keys[i].pos, T_DOTTED, &child))
				return -1;
			table_add(p, t, k, kl, child);
		} else if (child->type != TOML_TABLE) {
			return perr(p, p->keys[i].pos, "key %s is already %s and cannot hold dotted keys",
				    show_key(k, kl, kb, sizeof kb), kind_of(child));
		} else if (child->flags & T_FROZEN) {
			return perr(p, p->keys[i].pos, "cannot add keys to inline table %s",
				    show_key(k, kl, kb, sizeof kb));
		} else if (child->flags & T_EXPLICIT) {
			return perr(p, p->keys[i].pos,
				    "cannot add to table %s with dotted keys: it is defined by a [table] header",
				    show_key(k, kl, kb, sizeof kb));
		} else if ((child->flags & T_DOTTED) && child->u.table.section != p->section) {
			return perr(p, p->keys[i].pos,
				    "cannot add to table %s with dotted keys: it was defined in another section",
				    show_key(k, kl, kb, sizeof kb));
		} else {
			child->flags = T_DOTTED;
			child->u.table.section = p->section;
		}
		t = child;
	}
	size_t last = p->nkeys - 1;
	const char *k = KEY_STR(p, last);
	size_t kl = KEY_LEN(p, last);
	struct toml_value *old = table_find(t, k, kl);
	if (old)
		return perr(p, p->keys[last].pos, "duplicate key %s (already %s)",
			    show_key(k, kl, kb, sizeof kb), kind_of(old));
	table_add(p, t, k, kl, val);
	return 0;
}

/* A [table] or [[array of tables]] header at '['. */
static int parse_header(struct parser *p)
{
	size_t start = p->pos;
	bool aot = peek_at(p, 1) == '[';
	char kb[160], cb[48];
	p->pos += aot ? 2 : 1;
	size_t first;
	if (parse_key(p, &first))
		return -1;
	if (peek(p) != ']' || (aot && peek_at(p, 1) != ']'))
		return perr(p, p->pos, "expected '%s' to close the table header, found %s", aot ? "]]" : "]",
			    show_char(p, p->pos, cb, sizeof cb));
	p->pos += aot ? 2 : 1;
	p->section = ++p->next_section;

	struct toml_value *t = p->root;
	for (size_t i = first; i + 1 < p->nkeys; i++) {
		const char *k = KEY_STR(p, i);
		size_t kl = KEY_LEN(p, i);
		struct toml_value *child = table_find(t, k, kl);
		if (!child) {
			if (new_table(p, t, p->keys[i].pos, T_IMPLICIT, &child))
				return -1;
			table_add(p, t, k, kl, child);
		} else if (child->type == TOML_TABLE) {
			if (child->flags & T_FROZEN)
				return perr(p, p->keys[i].pos, "cannot extend inline table %s",
					    show_key(k, kl, kb, sizeof kb));
		} else if (child->type == TOML_ARRAY && (child->flags & A_AOT)) {
			child = child->u.array.items[child->u.array.len - 1];
		} else {
			return perr(p, p->keys[i].pos, "key %s is already %s, not a table",
				    show_key(k, kl, kb, sizeof kb), kind_of(child));
		}
		t = child;
	}
	size_t last = p->nkeys - 1;
	const char *k = KEY_STR(p, last);
	size_t kl = KEY_LEN(p, last);
	size_t kpos = p->keys[last].pos;
	struct toml_value *child = table_find(t, k, kl);
	if (!aot) {
		if (!child) {
			if (new_table(p, t, kpos, T_EXPLICIT, &child))
				return -1;
			child->offset = start;
			table_add(p, t, k, kl, child);
		} else if (child->type == TOML_TABLE && child->flags == T_IMPLICIT) {
			child->flags = T_EXPLICIT;
		} else if (child->type == TOML_TABLE) {
			return perr(p, kpos, "table %s is already defined%s", show_key(k, kl, kb, sizeof kb),
				    (child->flags & T_DOTTED)  ? " (by dotted keys)"
				    : (child->flags & T_FROZEN) ? " (as an inline table)"
								: "");
		} else {
			return perr(p, kpos, "key %s is already %s, not a table", show_key(k, kl, kb, sizeof kb),
				    kind_of(child));
		}
		p->cur = child;
		return 0;
	}
	struct toml_value *arr = child;
	if (!arr) {
		uint32_t depth = t->u.table.depth + 1;
		if (depth > p->max_depth)
			return perr(p, kpos, "tables nested deeper than %u levels", p->max_depth);
		arr = new_value(p, TOML_ARRAY, start);
		arr->flags = A_AOT;
		arr->u.array.depth = depth;
		table_add(p, t, k, kl, arr);
	} else if (arr->type != TOML_ARRAY || !(arr->flags & A_AOT)) {
		return perr(p, kpos, "key %s is already %s, not an array of tables",
			    show_key(k, kl, kb, sizeof kb), kind_of(arr));
	}
	struct toml_value *elem;
	if (new_table(p, arr, kpos, T_EXPLICIT, &elem))
		return -1;
	elem->offset = start;
	array_add(p, arr, elem);
	p->cur = elem;
	return 0;
}

/* A key/value pair (key = value) inserted into base, a [table] section's table or an
 * inline table being built at nesting depth `depth`. */
static int parse_keyval(struct parser *p, struct toml_value *base, uint32_t depth)
{
	char cb[48];
	size_t first;
	int rc = parse_key(p, &first);
	if (rc)
		goto out;
	if (peek(p) != '=') {
		rc = perr(p, p->pos, "expected '=' after a key, found %s", show_char(p, p->pos, cb, sizeof cb));
		goto out;
	}
	p->pos++;
	skip_ws(p);
	struct toml_value *v = NULL;
	rc = parse_value(p, depth + (uint32_t)(p->nkeys - first), &v);
	if (rc)
		goto out;
	rc = insert_dotted(p, first, base, v);
out:
	key_pop(p, first);
	return rc;
}

static int parse_document(struct parser *p)
{
	if (p->len >= 3 && memcmp(p->buf, "\xEF\xBB\xBF", 3) == 0)
		p->pos = 3;
	for (;;) {
		key_pop(p, 0);
		skip_ws(p);
		int c = peek(p);
		if (c < 0)
			return 0;
		if (c == '#') {
			if (skip_comment(p))
				return -1;
			continue;
		}
		int n = newline_len(p);
		if (n) {
			eat_newline(p, n);
			continue;
		}
		if (c == '[') {
			if (parse_header(p) || expect_eol(p, "a table header"))
				return -1;
			continue;
		}
		if (parse_keyval(p, p->cur, p->cur->u.table.depth) ||
		    expect_eol(p, "a key/value pair"))
			return -1;
	}
}

/* Rejects invalid UTF-8 anywhere in the input, with its position. */
static int check_utf8(struct parser *p)
{
	const unsigned char *s = (const unsigned char *)p->buf;
	size_t i = 0, n = p->len;
	while (i < n) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		uint32_t cp;
		int l = utf8_decode(s + i, n - i, &cp);
		if (l <= 0)
			return perr(p, i, "invalid UTF-8 byte 0x%02X", s[i]);
		i += (size_t)l;
	}
	return 0;
}

int toml_parse(const char *buf, size_t len, const char *name, const struct toml_limits *limits,
	       struct toml_value **out, struct bagu_err *err)
{
	*out = NULL;
	struct parser p = {0};
	p.buf = buf;
	p.len = len;
	p.name = name ? name : "<input>";
	p.err = err;
	p.line = 1;
	size_t max_input = limits && limits->max_input ? limits->max_input : TOML_DEFAULT_MAX_INPUT;
	p.max_depth = limits && limits->max_depth ? limits->max_depth : TOML_DEFAULT_MAX_DEPTH;
	if (len > max_input)
		return bagu_error(err, "%s: input is larger than the limit of %zu bytes", p.name, max_input);
	strbuf_init(&p.keybuf, 64);
	strbuf_init(&p.str, 64);
	int rc = check_utf8(&p);
	if (rc)
		goto out;
	p.doc = xcalloc(1, sizeof *p.doc);
	p.root = &p.doc->root;
	p.root->type = TOML_TABLE;
	p.root->line = 1;
	p.root->flags = T_EXPLICIT;
	p.cur = p.root;
	rc = parse_document(&p);
out:
	strbuf_release(&p.keybuf);
	strbuf_release(&p.str);
	free(p.keys);
	if (rc) {
		toml_free(p.root); /* NULL when the UTF-8 check failed */
		return -1;
	}
	p.root->u.table.section = 0;
	*out = p.root;
	return 0;
}

/* ------------------------------------------------------------ tagged JSON ---- */

const char *toml_type_name(enum toml_type type)
{
	switch (type) {
	case TOML_TABLE: return "table";
	case TOML_ARRAY: return "array";
	case TOML_STRING: return "string";
	case TOML_INTEGER: return "integer";
	case TOML_FLOAT: return "float";
	case TOML_BOOL: return "bool";
	case TOML_DATETIME: return "datetime";
	case TOML_DATETIME_LOCAL: return "datetime-local";
	case TOML_DATE_LOCAL: return "date-local";
	case TOML_TIME_LOCAL: return "time-local";
	}
	return "?";
}

void toml_datetime_format(enum toml_type type, const struct toml_datetime *dt, struct strbuf *out)
{
	if (type != TOML_TIME_LOCAL)
		strbuf_addf(out, "%04d-%02d-%02d", dt->year, dt->month, dt->day);
	if (type == TOML_DATE_LOCAL)
		return;
	if (type != TOML_TIME_LOCAL)
		strbuf_addch(out, 'T');
	strbuf_addf(out, "%02d:%02d:%02d", dt->hour, dt->minute, dt->second);
	if (dt->frac_digits > 0) {
		char frac[16];
		snprintf(frac, sizeof frac, "%09u", (unsigned)dt->nanosecond);
		strbuf_addf(out, ".%.*s", dt->frac_digits, frac);
	}
	if (type == TOML_DATETIME) {
		if (dt->offset_z) {
			strbuf_addch(out, 'Z');
		} else {
			int m = dt->offset_minutes;
			char sign = m < 0 ? '-' : '+';
			if (m < 0)
				m = -m;
			strbuf_addf(out, "%c%02d:%02d", sign, m / 60, m % 60);
		}
	}
}

static void json_string(struct strbuf *out, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	strbuf_addch(out, '"');
	size_t from = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		strbuf_add(out, s + from, i - from);
		from = i + 1;
		switch (c) {
		case '"': strbuf_addstr(out, "\\\""); break;
		case '\\': strbuf_addstr(out, "\\\\"); break;
		case '\n': strbuf_addstr(out, "\\n"); break;
		case '\t': strbuf_addstr(out, "\\t"); break;
		case '\r': strbuf_addstr(out, "\\r"); break;
		case '\b': strbuf_addstr(out, "\\b"); break;
		case '\f': strbuf_addstr(out, "\\f"); break;
		default: {
			char e[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
			strbuf_add(out, e, 6);
		}
		}
	}
	strbuf_add(out, s + from, n - from);
	strbuf_addch(out, '"');
}

/* The shortest %g text that reads back to d. */
static void format_float(double d, char *buf, size_t cap)
{
	if (isnan(d)) {
		snprintf(buf, cap, "nan");
		return;
	}
	if (isinf(d)) {
		snprintf(buf, cap, d < 0 ? "-inf" : "inf");
		return;
	}
	for (int prec = 1; prec <= 17; prec++) {
		snprintf(buf, cap, "%.*g", prec, d);
		if (strtod(buf, NULL) == d)
			return;
	}
}

static void tagged(struct strbuf *out, const char *type, const char *val, size_t n)
{
	strbuf_addstr(out, "{\"type\":\"");
	strbuf_addstr(out, type);
	strbuf_addstr(out, "\",\"value\":");
	json_string(out, val, n);
	strbuf_addch(out, '}');
}

void toml_to_tagged_json(const struct toml_value *v, struct strbuf *out)
{
	char buf[64];
	switch (v->type) {
	case TOML_TABLE:
		strbuf_addch(out, '{');
		for (size_t i = 0; i < v->u.table.len; i++) {
			if (i)
				strbuf_addch(out, ',');
			json_string(out, v->u.table.items[i].key, v->u.table.items[i].key_len);
			strbuf_addch(out, ':');
			toml_to_tagged_json(v->u.table.items[i].value, out);
		}
		strbuf_addch(out, '}');
		return;
	case TOML_ARRAY:
		strbuf_addch(out, '[');
		for (size_t i = 0; i < v->u.array.len; i++) {
			if (i)
				strbuf_addch(out, ',');
			toml_to_tagged_json(v->u.array.items[i], out);
		}
		strbuf_addch(out, ']');
		return;
	case TOML_STRING:
		tagged(out, "string", v->u.string.ptr, v->u.string.len);
		return;
	case TOML_INTEGER:
		snprintf(buf, sizeof buf, "%lld", (long long)v->u.integer.value);
		tagged(out, "integer", buf, strlen(buf));
		return;
	case TOML_FLOAT:
		format_float(v->u.fp.value, buf, sizeof buf);
		tagged(out, "float", buf, strlen(buf));
		return;
	case TOML_BOOL:
		tagged(out, "bool", v->u.boolean ? "true" : "false", v->u.boolean ? 4 : 5);
		return;
	case TOML_DATETIME:
	case TOML_DATETIME_LOCAL:
	case TOML_DATE_LOCAL:
	case TOML_TIME_LOCAL: {
		struct strbuf sb = STRBUF_INIT;
		strbuf_init(&sb, 40);
		toml_datetime_format(v->type, &v->u.datetime, &sb);
		tagged(out, toml_type_name(v->type), sb.buf, sb.len);
		strbuf_release(&sb);
		return;
	}
	}
}

int toml_tagged_json(const char *name, const char *buf, size_t len, struct strbuf *out,
		     struct bagu_err *err)
{
	struct toml_value *root = NULL;
	if (toml_parse(buf, len, name, NULL, &root, err))
		return -1;
	toml_to_tagged_json(root, out);
	strbuf_addch(out, '\n');
	toml_free(root);
	return 0;
}
