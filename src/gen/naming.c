/* gen/naming — Go identifiers and struct tags from keys. See naming.h. */
#include "gen/naming.h"

#include <stdlib.h>
#include <string.h>

#include "gen/model.h"

enum cls { C_NONE, C_UPPER, C_LOWER, C_OTHER, C_DIGIT };

/* Classifies a code point with tables we are sure of (a subset of Unicode's
 * letters). Anything unknown is C_NONE: a separator in names, and not allowed in
 * a json tag (so such keys fall back to maps, which is always correct). */
static enum cls classify(uint32_t c)
{
	if (c < 0x80) {
		if (c >= 'A' && c <= 'Z')
			return C_UPPER;
		if (c >= 'a' && c <= 'z')
			return C_LOWER;
		if (c >= '0' && c <= '9')
			return C_DIGIT;
		return C_NONE;
	}
	if (c >= 0xC0 && c <= 0xDE && c != 0xD7)
		return C_UPPER;
	if (c >= 0xDF && c <= 0xFF && c != 0xF7)
		return C_LOWER;
	if (c >= 0x100 && c <= 0x17F) {
		if (c == 0x138 || c == 0x149 || c == 0x17F)
			return C_LOWER;
		if (c == 0x178)
			return C_UPPER;
		bool even = (c % 2) == 0;
		if (c <= 0x137 || (c >= 0x14A && c <= 0x177))
			return even ? C_UPPER : C_LOWER;
		return even ? C_LOWER : C_UPPER; /* 0139-0148, 0179-017E */
	}
	if (c == 0x386 || (c >= 0x388 && c <= 0x38A) || c == 0x38C || c == 0x38E || c == 0x38F ||
	    (c >= 0x391 && c <= 0x3A9 && c != 0x3A2))
		return C_UPPER;
	if ((c >= 0x3AC && c <= 0x3CE))
		return C_LOWER;
	if (c >= 0x400 && c <= 0x42F)
		return C_UPPER;
	if (c >= 0x430 && c <= 0x45F)
		return C_LOWER;
	if ((c >= 0x3041 && c <= 0x3096) || (c >= 0x309D && c <= 0x309F) ||
	    (c >= 0x30A1 && c <= 0x30FA) || (c >= 0x30FC && c <= 0x30FF) ||
	    (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
	    (c >= 0xAC00 && c <= 0xD7A3))
		return C_OTHER;
	return C_NONE;
}

static uint32_t to_upper(uint32_t c)
{
	if (c >= 'a' && c <= 'z')
		return c - 32;
	if (c >= 0xE0 && c <= 0xFE && c != 0xF7)
		return c - 0x20;
	if (c >= 0x100 && c <= 0x17F && classify(c) == C_LOWER && c != 0x138 && c != 0x149 &&
	    c != 0x17F)
		return c - 1;
	if (c >= 0x3B1 && c <= 0x3C9 && c != 0x3C2)
		return c - 0x20;
	if (c >= 0x430 && c <= 0x44F)
		return c - 0x20;
	if (c >= 0x450 && c <= 0x45F)
		return c - 0x50;
	return c;
}

static void put_cp(struct strbuf *out, uint32_t c)
{
	char b[4];
	size_t n;
	if (c < 0x80) {
		b[0] = (char)c;
		n = 1;
	} else if (c < 0x800) {
		b[0] = (char)(0xC0 | (c >> 6));
		b[1] = (char)(0x80 | (c & 0x3F));
		n = 2;
	} else if (c < 0x10000) {
		b[0] = (char)(0xE0 | (c >> 12));
		b[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		b[2] = (char)(0x80 | (c & 0x3F));
		n = 3;
	} else {
		b[0] = (char)(0xF0 | (c >> 18));
		b[1] = (char)(0x80 | ((c >> 12) & 0x3F));
		b[2] = (char)(0x80 | ((c >> 6) & 0x3F));
		b[3] = (char)(0x80 | (c & 0x3F));
		n = 4;
	}
	strbuf_add(out, b, n);
}

/* golint's common initialisms (lower case). */
static const char *const initialisms[] = {
	"acl",  "api",  "ascii", "cpu", "css",  "dns",  "eof",  "guid", "html", "http",
	"https", "id",  "ip",    "json", "lhs", "qps",  "ram",  "rhs",  "rpc",  "sla",
	"smtp", "sql",  "ssh",   "tcp", "tls",  "ttl",  "udp",  "ui",   "uid",  "uuid",
	"uri",  "url",  "utf8",  "vm",  "xml",  "xmpp", "xsrf", "xss",
};

static bool is_initialism(const char *lower, size_t n)
{
	for (size_t i = 0; i < BAGU_ARRAY_LEN(initialisms); i++)
		if (strlen(initialisms[i]) == n && memcmp(initialisms[i], lower, n) == 0)
			return true;
	return false;
}

struct cp {
	uint32_t c;
	enum cls k;
};

/* Appends one word (cps[a..b)) converted to Go style. */
static void put_word(const struct cp *w, size_t n, struct strbuf *out)
{
	/* ASCII letters followed by ASCII digits: the initialism rules apply. */
	size_t nl = 0;
	while (nl < n && (w[nl].k == C_UPPER || w[nl].k == C_LOWER) && w[nl].c < 0x80)
		nl++;
	size_t nd = nl;
	while (nd < n && w[nd].k == C_DIGIT)
		nd++;
	if (nl > 0 && nd == n) {
		char lowbuf[64];
		char *low = n <= sizeof(lowbuf) ? lowbuf : xmalloc(n);
		for (size_t i = 0; i < n; i++) {
			uint32_t c = w[i].c;
			low[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
		}
		if (is_initialism(low, n) || is_initialism(low, nl)) {
			for (size_t i = 0; i < n; i++)
				strbuf_addch(out, low[i] >= 'a' && low[i] <= 'z' ? low[i] - 32 : low[i]);
		} else if (nl > 2 && low[nl - 1] == 's' && is_initialism(low, nl - 1)) {
			for (size_t i = 0; i < nl - 1; i++)
				strbuf_addch(out, low[i] - 32);
			strbuf_addch(out, 's');
			strbuf_add(out, low + nl, n - nl);
		} else {
			bool all_upper = nl > 1;
			for (size_t i = 0; i < nl; i++)
				if (w[i].k != C_UPPER)
					all_upper = false;
			strbuf_addch(out, low[0] - 32);
			for (size_t i = 1; i < n; i++)
				strbuf_addch(out, all_upper ? low[i] : (char)w[i].c);
		}
		if (low != lowbuf)
			free(low);
		return;
	}
	put_cp(out, to_upper(w[0].c));
	for (size_t i = 1; i < n; i++)
		put_cp(out, w[i].c);
}

static bool starts_exported(const char *s, size_t n)
{
	uint32_t c;
	if (!n || !utf8_decode((const unsigned char *)s, n, &c))
		return false;
	return classify(c) == C_UPPER;
}

void gen_go_name(const char *key, size_t len, struct strbuf *out)
{
	if (len == 0) {
		strbuf_addstr(out, "Empty");
		return;
	}
	struct cp stackbuf[64];
	struct cp *cps = len <= 64 ? stackbuf : xmalloc(len * sizeof(*cps));
	size_t n = 0;
	for (size_t i = 0; i < len;) {
		uint32_t c;
		int l = utf8_decode((const unsigned char *)key + i, len - i, &c);
		if (l <= 0) {
			cps[n].c = (unsigned char)key[i];
			cps[n++].k = C_NONE;
			i++;
			continue;
		}
		cps[n].c = c;
		cps[n++].k = classify(c);
		i += (size_t)l;
	}
	struct strbuf name = STRBUF_INIT;
	size_t start = 0;
	bool open = false;
	for (size_t i = 0; i <= n; i++) {
		bool boundary = false, sep = false;
		if (i == n || cps[i].k == C_NONE) {
			sep = true;
		} else if (open && i > start) {
			enum cls p = cps[i - 1].k, c = cps[i].k;
			bool latin = c == C_UPPER || c == C_LOWER;
			bool platin = p == C_UPPER || p == C_LOWER;
			if (p == C_LOWER && c == C_UPPER)
				boundary = true;
			else if (p == C_DIGIT && (latin || c == C_OTHER))
				boundary = true;
			else if (p == C_UPPER && c == C_UPPER && i + 1 < n && cps[i + 1].k == C_LOWER &&
				 /* "URLs", "IDs": a plural s ends the word, it does not start one */
				 !(cps[i + 1].c == 's' && (i + 2 == n || cps[i + 2].k != C_LOWER)))
				boundary = true;
			else if ((p == C_OTHER && latin) || (platin && c == C_OTHER))
				boundary = true;
		}
		if ((sep || boundary) && open) {
			put_word(cps + start, i - start, &name);
			open = false;
		}
		if (!sep && !open) {
			open = true;
			start = i;
		}
	}
	if (cps != stackbuf)
		free(cps);
	if (name.len == 0) {
		strbuf_addch(out, 'X');
		for (size_t i = 0; i < len; i++)
			strbuf_addf(out, "%02X", (unsigned char)key[i]);
	} else {
		if (!starts_exported(name.buf, name.len))
			strbuf_addch(out, 'X');
		strbuf_add(out, name.buf, name.len);
	}
	strbuf_release(&name);
}

static bool ends_with(const char *s, size_t n, const char *suf)
{
	size_t k = strlen(suf);
	return n >= k && memcmp(s + n - k, suf, k) == 0;
}

bool gen_singular(const char *name, struct strbuf *out)
{
	size_t n = strlen(name);
	if (n > 4 && ends_with(name, n, "ies")) {
		strbuf_add(out, name, n - 3);
		strbuf_addch(out, 'y');
		return true;
	}
	if (n > 4 && (ends_with(name, n, "sses") || ends_with(name, n, "shes") ||
		      ends_with(name, n, "ches") || ends_with(name, n, "xes"))) {
		strbuf_add(out, name, n - 2);
		return true;
	}
	if (ends_with(name, n, "ss") || ends_with(name, n, "us") || ends_with(name, n, "is") ||
	    ends_with(name, n, "as")) {
		strbuf_addstr(out, name);
		return false;
	}
	if (n > 2 && name[n - 1] == 's' &&
	    ((name[n - 2] >= 'a' && name[n - 2] <= 'z') || (name[n - 2] >= 'A' && name[n - 2] <= 'Z'))) {
		strbuf_add(out, name, n - 1);
		return true;
	}
	strbuf_addstr(out, name);
	return false;
}

static const char *const go_keywords[] = {
	"break",  "case",   "chan",   "const", "continue", "default", "defer",
	"else",   "fallthrough", "for", "func", "go",      "goto",    "if",
	"import", "interface", "map", "package", "range",  "return",  "select",
	"struct", "switch", "type",   "var",
};

bool gen_is_go_identifier(const char *s)
{
	if (!*s)
		return false;
	for (size_t i = 0; s[i]; i++) {
		char c = s[i];
		bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
			  (i > 0 && c >= '0' && c <= '9');
		if (!ok)
			return false;
	}
	for (size_t i = 0; i < BAGU_ARRAY_LEN(go_keywords); i++)
		if (strcmp(s, go_keywords[i]) == 0)
			return false;
	return true;
}

bool gen_tag_key_ok(unsigned tag, const char *key, size_t len)
{
	if (len == 0 || memchr(key, ',', len))
		return false;
	/* "-" means "skip this field"; json and toml read "-," as the key "-", but
	 * yaml.v3 rejects the empty option */
	if (tag == GEN_TAG_YAML && len == 1 && key[0] == '-')
		return false;
	if (tag != GEN_TAG_JSON)
		return true;
	static const char punct[] = "!#$%&()*+-./:;<=>?@[]^_{|}~ ";
	for (size_t i = 0; i < len;) {
		uint32_t c;
		int l = utf8_decode((const unsigned char *)key + i, len - i, &c);
		if (l <= 0)
			return false;
		i += (size_t)l;
		if (c < 0x80 && c != 0 && strchr(punct, (int)c))
			continue;
		if (classify(c) == C_NONE)
			return false;
	}
	return true;
}

/* Characters we print raw inside a Go string literal: printable ASCII and the
 * letters we know. Everything else is escaped (strconv.Unquote reads both). */
static bool print_raw(uint32_t c)
{
	if (c >= 0x20 && c < 0x7F)
		return true;
	return c >= 0x80 && classify(c) != C_NONE;
}

void gen_quote_go(const char *s, size_t len, struct strbuf *out)
{
	strbuf_addch(out, '"');
	for (size_t i = 0; i < len;) {
		uint32_t c;
		int l = utf8_decode((const unsigned char *)s + i, len - i, &c);
		if (l <= 0) {
			strbuf_addf(out, "\\x%02x", (unsigned char)s[i]);
			i++;
			continue;
		}
		i += (size_t)l;
		switch (c) {
		case '"': strbuf_addstr(out, "\\\""); continue;
		case '\\': strbuf_addstr(out, "\\\\"); continue;
		case '\a': strbuf_addstr(out, "\\a"); continue;
		case '\b': strbuf_addstr(out, "\\b"); continue;
		case '\f': strbuf_addstr(out, "\\f"); continue;
		case '\n': strbuf_addstr(out, "\\n"); continue;
		case '\r': strbuf_addstr(out, "\\r"); continue;
		case '\t': strbuf_addstr(out, "\\t"); continue;
		case '\v': strbuf_addstr(out, "\\v"); continue;
		default: break;
		}
		if (print_raw(c))
			put_cp(out, c);
		else if (c < 0x80)
			strbuf_addf(out, "\\x%02x", (unsigned)c);
		else if (c < 0x10000)
			strbuf_addf(out, "\\u%04x", (unsigned)c);
		else
			strbuf_addf(out, "\\U%08x", (unsigned)c);
	}
	strbuf_addch(out, '"');
}

void gen_tag_literal(const char *body, size_t len, struct strbuf *out)
{
	if (!memchr(body, '`', len)) {
		strbuf_addch(out, '`');
		strbuf_add(out, body, len);
		strbuf_addch(out, '`');
		return;
	}
	gen_quote_go(body, len, out);
}

/* ---- name sets ---- */

static uint32_t hash_str(const char *s)
{
	uint32_t h = 2166136261u;
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 16777619u;
	}
	return h;
}

void gen_nameset_init(struct gen_nameset *s)
{
	memset(s, 0, sizeof(*s));
}

void gen_nameset_release(struct gen_nameset *s)
{
	for (size_t i = 0; i < s->cap; i++)
		free(s->slots[i]);
	free(s->slots);
	gen_nameset_init(s);
}

bool gen_nameset_has(const struct gen_nameset *s, const char *name)
{
	if (!s->cap)
		return false;
	size_t mask = s->cap - 1;
	for (size_t i = hash_str(name) & mask; s->slots[i]; i = (i + 1) & mask)
		if (strcmp(s->slots[i], name) == 0)
			return true;
	return false;
}

static const char *insert(struct gen_nameset *s, char *owned)
{
	size_t mask = s->cap - 1;
	size_t i = hash_str(owned) & mask;
	while (s->slots[i])
		i = (i + 1) & mask;
	s->slots[i] = owned;
	return owned;
}

static const char *add_owned(struct gen_nameset *s, char *owned)
{
	if ((s->n + 1) * 2 > s->cap) {
		size_t old = s->cap;
		char **slots = s->slots;
		s->cap = old ? old * 2 : 16;
		s->slots = xcalloc(s->cap, sizeof(char *));
		for (size_t i = 0; i < old; i++)
			if (slots[i])
				insert(s, slots[i]);
		free(slots);
	}
	s->n++;
	return insert(s, owned);
}

void gen_nameset_add(struct gen_nameset *s, const char *name)
{
	add_owned(s, xstrdup(name));
}

const char *gen_nameset_claim(struct gen_nameset *s, const char *base)
{
	if (!gen_nameset_has(s, base))
		return add_owned(s, xstrdup(base));
	size_t bl = strlen(base);
	bool digit_end = bl && base[bl - 1] >= '0' && base[bl - 1] <= '9';
	for (unsigned k = 2;; k++) {
		char *cand = xasprintf("%s%s%u", base, digit_end ? "_" : "", k);
		if (!gen_nameset_has(s, cand))
			return add_owned(s, cand);
		free(cand);
	}
}
