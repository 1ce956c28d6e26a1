/*
 * gen/sql_parse — a MySQL DDL lexer and parser: whole mysqldump files, SHOW CREATE
 * TABLE output, and hand-written DDL. See gen/sql.h for the contract and
 * docs/gen-sql.md for what is accepted.
 *
 * The lexer knows MySQL's comments (#, "-- ", C comments), executes conditional
 * comments (their text is code, as for a server of any version), strings with
 * backslash escapes and doubled quotes, `quoted` identifiers, hex and bit literals,
 * and the client's DELIMITER command. The parser collects one statement's tokens,
 * then dispatches on its first words.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "gen/sql_int.h"

enum tk { TK_EOF, TK_WORD, TK_QIDENT, TK_STRING, TK_NUMBER, TK_HEX, TK_BIT, TK_PUNCT, TK_DELIM };

struct tok {
	enum tk t;
	size_t off, len;   /* raw text */
	unsigned line, col;
	size_t voff, vlen; /* decoded value in the arena (words: the raw text) */
	char ch;           /* TK_PUNCT */
	bool nul;          /* the decoded value holds a NUL byte (fine in skipped INSERTs) */
};

struct parser {
	const char *file, *s;
	size_t n, pos;
	unsigned line;
	size_t bol;
	int cond;          /* open conditional comments */
	char delim[32];
	size_t dlen;
	struct strbuf arena;
	struct tok *toks;
	size_t ntoks, atoks;
	size_t i;          /* parse position in toks */
	struct sql_schema *schema;
	struct bagu_err *err;
};

BAGU_PRINTF(4, 5)
static int perr_at(struct parser *p, unsigned line, unsigned col, const char *fmt, ...)
{
	char msg[900];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return bagu_error(p->err, "%s:%u:%u: %s", p->file, line, col, msg);
}

/* ---- lexer ---- */

static unsigned cur_col(const struct parser *p)
{
	return (unsigned)(p->pos - p->bol + 1);
}

static void advance(struct parser *p, size_t k)
{
	for (size_t j = 0; j < k && p->pos < p->n; j++) {
		if (p->s[p->pos] == '\n') {
			p->line++;
			p->bol = p->pos + 1;
		}
		p->pos++;
	}
}

static bool is_word_byte(unsigned char c)
{
	return isalnum(c) || c == '_' || c == '$' || c >= 0x80;
}

/* Skips blanks and comments. Returns -1 on an unterminated comment. */
static int skip_space(struct parser *p)
{
	for (;;) {
		if (p->pos >= p->n)
			return 0;
		unsigned char c = (unsigned char)p->s[p->pos];
		const char *r = p->s + p->pos;
		size_t left = p->n - p->pos;
		if (isspace(c)) {
			advance(p, 1);
		} else if (c == '#' || (c == '-' && left >= 2 && r[1] == '-' &&
					(left == 2 || isspace((unsigned char)r[2]) || iscntrl((unsigned char)r[2])))) {
			while (p->pos < p->n && p->s[p->pos] != '\n')
				p->pos++;
		} else if (c == '/' && left >= 3 && r[1] == '*' && (r[2] == '!' || (r[2] == 'M' && left >= 4 && r[3] == '!')) &&
			   !(left >= 10 + (r[2] == 'M') && !memcmp(r + 3 + (r[2] == 'M'), "999999", 6))) {
			/* version 999999 is "no server": mariadb-dump's sandbox-mode line is a comment */
			advance(p, r[2] == '!' ? 3 : 4);
			while (p->pos < p->n && isdigit((unsigned char)p->s[p->pos]))
				p->pos++;
			p->cond++;
		} else if (c == '/' && left >= 2 && r[1] == '*') {
			unsigned line = p->line, col = cur_col(p);
			const char *end = NULL;
			for (size_t k = 2; k + 1 < left; k++)
				if (r[k] == '*' && r[k + 1] == '/') {
					end = r + k;
					break;
				}
			if (!end)
				return perr_at(p, line, col, "unterminated comment");
			advance(p, (size_t)(end - r) + 2);
		} else if (c == '*' && p->cond > 0 && left >= 2 && r[1] == '/') {
			p->cond--;
			advance(p, 2);
		} else {
			return 0;
		}
	}
}

/* Reads a quoted string or identifier body ending in q; decodes into the arena. */
static int lex_quoted(struct parser *p, char q, bool escapes, struct tok *t)
{
	unsigned line = p->line, col = cur_col(p);
	advance(p, 1);
	t->voff = p->arena.len;
	for (;;) {
		/* a run of plain bytes is copied at once */
		size_t st = p->pos;
		while (p->pos < p->n) {
			char c = p->s[p->pos];
			if (c == q || c == '\n' || c == '\0' || (c == '\\' && escapes))
				break;
			p->pos++;
		}
		strbuf_add(&p->arena, p->s + st, p->pos - st);
		if (p->pos >= p->n)
			return perr_at(p, line, col, q == '`' ? "unterminated quoted identifier" : "unterminated string");
		char c = p->s[p->pos];
		if (c == q) {
			if (p->pos + 1 < p->n && p->s[p->pos + 1] == q) {
				strbuf_addch(&p->arena, q);
				advance(p, 2);
				continue;
			}
			advance(p, 1);
			break;
		}
		if (c == '\\' && p->pos + 1 < p->n) {
			char e = p->s[p->pos + 1];
			switch (e) {
			case '0': strbuf_addch(&p->arena, '\0'); t->nul = true; break;
			case 'b': strbuf_addch(&p->arena, '\b'); break;
			case 'n': strbuf_addch(&p->arena, '\n'); break;
			case 'r': strbuf_addch(&p->arena, '\r'); break;
			case 't': strbuf_addch(&p->arena, '\t'); break;
			case 'Z': strbuf_addch(&p->arena, 26); break;
			case '%':
			case '_': strbuf_addch(&p->arena, '\\'); strbuf_addch(&p->arena, e); break;
			default: strbuf_addch(&p->arena, e); break;
			}
			advance(p, 2);
			continue;
		}
		if (c == '\0')
			t->nul = true;
		strbuf_addch(&p->arena, c);
		advance(p, 1);
	}
	t->vlen = p->arena.len - t->voff;
	strbuf_addch(&p->arena, '\0');
	return 0;
}

static bool at_delim(const struct parser *p)
{
	return p->n - p->pos >= p->dlen && !memcmp(p->s + p->pos, p->delim, p->dlen);
}

static int lex(struct parser *p, struct tok *t)
{
	if (skip_space(p))
		return -1;
	memset(t, 0, sizeof(*t));
	t->off = p->pos;
	t->line = p->line;
	t->col = cur_col(p);
	if (p->pos >= p->n) {
		t->t = TK_EOF;
		return 0;
	}
	const char *r = p->s + p->pos;
	size_t left = p->n - p->pos;
	unsigned char c = (unsigned char)r[0];
	if (at_delim(p)) {
		t->t = TK_DELIM;
		advance(p, p->dlen);
	} else if (c == '\'' || c == '"') {
		t->t = TK_STRING;
		if (lex_quoted(p, (char)c, true, t))
			return -1;
	} else if (c == '`') {
		t->t = TK_QIDENT;
		if (lex_quoted(p, '`', false, t))
			return -1;
	} else if ((c == 'x' || c == 'X' || c == 'b' || c == 'B') && left >= 2 && r[1] == '\'') {
		bool bit = c == 'b' || c == 'B';
		advance(p, 1);
		if (lex_quoted(p, '\'', false, t))
			return -1;
		t->t = bit ? TK_BIT : TK_HEX;
		for (size_t k = 0; k < t->vlen; k++) {
			char d = p->arena.buf[t->voff + k];
			if (bit ? (d != '0' && d != '1') : !isxdigit((unsigned char)d))
				return perr_at(p, t->line, t->col, "invalid %s literal", bit ? "bit" : "hexadecimal");
		}
	} else if ((c == 'n' || c == 'N') && left >= 2 && r[1] == '\'') {
		advance(p, 1);
		t->t = TK_STRING;
		if (lex_quoted(p, '\'', true, t))
			return -1;
	} else if (c == '_' && left >= 2 && is_word_byte((unsigned char)r[1])) {
		/* a charset introducer _utf8mb4'..' or a word starting with '_' */
		size_t k = 1;
		while (k < left && is_word_byte((unsigned char)r[k]))
			k++;
		if (k < left && r[k] == '\'') {
			advance(p, k);
			t->t = TK_STRING;
			if (lex_quoted(p, '\'', true, t))
				return -1;
		} else {
			t->t = TK_WORD;
			advance(p, k);
		}
	} else if (c == '0' && left >= 3 && (r[1] == 'x' || r[1] == 'b') &&
		   (r[1] == 'x' ? isxdigit((unsigned char)r[2]) : (r[2] == '0' || r[2] == '1'))) {
		bool bit = r[1] == 'b';
		size_t k = 2;
		while (k < left && (bit ? (r[k] == '0' || r[k] == '1') : isxdigit((unsigned char)r[k])))
			k++;
		if (k < left && is_word_byte((unsigned char)r[k])) {
			while (k < left && is_word_byte((unsigned char)r[k]))
				k++;
			t->t = TK_WORD;
			advance(p, k);
		} else {
			t->t = bit ? TK_BIT : TK_HEX;
			t->voff = p->arena.len;
			strbuf_add(&p->arena, r + 2, k - 2);
			t->vlen = k - 2;
			strbuf_addch(&p->arena, '\0');
			advance(p, k);
		}
	} else if (isdigit(c) || (c == '.' && left >= 2 && isdigit((unsigned char)r[1]))) {
		size_t k = 0;
		while (k < left && isdigit((unsigned char)r[k]))
			k++;
		bool word = false;
		if (k < left && r[k] == '.') {
			k++;
			while (k < left && isdigit((unsigned char)r[k]))
				k++;
		}
		if (k < left && (r[k] == 'e' || r[k] == 'E') &&
		    ((k + 1 < left && isdigit((unsigned char)r[k + 1])) ||
		     (k + 2 < left && (r[k + 1] == '+' || r[k + 1] == '-') && isdigit((unsigned char)r[k + 2])))) {
			k += 2;
			while (k < left && isdigit((unsigned char)r[k]))
				k++;
		}
		if (k < left && is_word_byte((unsigned char)r[k]) && c != '.') {
			/* identifiers may begin with digits: 1st_col */
			word = true;
			while (k < left && is_word_byte((unsigned char)r[k]))
				k++;
		}
		t->t = word ? TK_WORD : TK_NUMBER;
		advance(p, k);
	} else if (is_word_byte(c) || c == '@') {
		size_t k = 1;
		while (k < left && (is_word_byte((unsigned char)r[k]) || (c == '@' && (r[k] == '@' || r[k] == '.'))))
			k++;
		t->t = TK_WORD;
		advance(p, k);
	} else {
		t->t = TK_PUNCT;
		t->ch = (char)c;
		advance(p, 1);
	}
	t->len = p->pos - t->off;
	if (t->t == TK_WORD || t->t == TK_NUMBER || t->t == TK_PUNCT || t->t == TK_DELIM) {
		t->voff = p->arena.len;
		strbuf_add(&p->arena, r, t->len);
		t->vlen = t->len;
		strbuf_addch(&p->arena, '\0');
	}
	return 0;
}

/* ---- token helpers ---- */

static const char *val(const struct parser *p, const struct tok *t)
{
	return p->arena.buf + t->voff;
}

static struct tok *peek(struct parser *p, size_t ahead)
{
	size_t k = p->i + ahead;
	return &p->toks[k < p->ntoks ? k : p->ntoks - 1];
}

static bool kw(const struct parser *p, const struct tok *t, const char *word)
{
	return t->t == TK_WORD && !strcasecmp(val(p, t), word);
}

static bool pk(struct parser *p, size_t ahead, const char *word)
{
	return kw(p, peek(p, ahead), word);
}

static bool punct(const struct tok *t, char c)
{
	return t->t == TK_PUNCT && t->ch == c;
}

static bool at_end(struct parser *p)
{
	enum tk t = peek(p, 0)->t;
	return t == TK_EOF || t == TK_DELIM;
}

static bool accept_kw(struct parser *p, const char *word)
{
	if (pk(p, 0, word)) {
		p->i++;
		return true;
	}
	return false;
}

static bool accept_punct(struct parser *p, char c)
{
	if (punct(peek(p, 0), c)) {
		p->i++;
		return true;
	}
	return false;
}

static void describe(struct parser *p, const struct tok *t, char *buf, size_t cap)
{
	switch (t->t) {
	case TK_EOF: snprintf(buf, cap, "end of input"); break;
	case TK_DELIM: snprintf(buf, cap, "end of statement"); break;
	case TK_STRING: snprintf(buf, cap, "a string"); break;
	default: snprintf(buf, cap, "'%.*s'", (int)(t->len > 40 ? 40 : t->len), p->s + t->off); break;
	}
}

/* The model keeps C strings: a used string or name must not hold NUL. */
static int no_nul(struct parser *p, const struct tok *t)
{
	if (t->nul)
		return perr_at(p, t->line, t->col, "NUL characters in names, comments and defaults are not supported");
	return 0;
}

static int expected(struct parser *p, const char *what)
{
	struct tok *t = peek(p, 0);
	char got[64];
	describe(p, t, got, sizeof(got));
	return perr_at(p, t->line, t->col, "expected %s, found %s", what, got);
}

static int expect_punct(struct parser *p, char c)
{
	if (accept_punct(p, c))
		return 0;
	char what[8];
	snprintf(what, sizeof(what), "'%c'", c);
	return expected(p, what);
}

static int expect_kw(struct parser *p, const char *word)
{
	if (accept_kw(p, word))
		return 0;
	char what[40];
	snprintf(what, sizeof(what), "%s", word);
	return expected(p, what);
}

/* A name: bare word, `quoted`, 'string' or "string". */
static int name(struct parser *p, const char **out)
{
	struct tok *t = peek(p, 0);
	if (t->t == TK_WORD || t->t == TK_QIDENT || t->t == TK_STRING) {
		if (t->t == TK_WORD && val(p, t)[0] == '@')
			return expected(p, "a name");
		if (no_nul(p, t))
			return -1;
		*out = val(p, t);
		p->i++;
		return 0;
	}
	return expected(p, "a name");
}

/* [schema.]name */
static int qualified_name(struct parser *p, const char **schema, const char **out)
{
	*schema = NULL;
	if (name(p, out))
		return -1;
	if (punct(peek(p, 0), '.')) {
		p->i++;
		*schema = *out;
		return name(p, out);
	}
	return 0;
}

static bool is_reserved_start(struct parser *p, const struct tok *t)
{
	static const char *const words[] = {"CONSTRAINT", "PRIMARY", "UNIQUE", "KEY", "INDEX",
					    "FULLTEXT", "SPATIAL", "FOREIGN", "CHECK"};
	for (size_t k = 0; k < BAGU_ARRAY_LEN(words); k++)
		if (kw(p, t, words[k]))
			return true;
	return false;
}

/* Skips a balanced ( ... ) group starting at the current '('. */
static int skip_group(struct parser *p)
{
	struct tok *open = peek(p, 0);
	unsigned depth = 0;
	do {
		struct tok *t = peek(p, 0);
		if (t->t == TK_EOF || t->t == TK_DELIM)
			return perr_at(p, open->line, open->col, "unbalanced '('");
		if (punct(t, '('))
			depth++;
		else if (punct(t, ')'))
			depth--;
		if (depth > SQL_MAX_DEPTH)
			return perr_at(p, t->line, t->col, "parentheses nested deeper than %d", SQL_MAX_DEPTH);
		p->i++;
	} while (depth > 0);
	return 0;
}

/* The text of tokens [from, to) normalised: words before '(' lower-cased, single
 * spaces except around parentheses and commas. */
static char *expr_text(struct parser *p, size_t from, size_t to)
{
	struct strbuf sb = STRBUF_INIT;
	for (size_t k = from; k < to; k++) {
		const struct tok *t = &p->toks[k];
		const struct tok *prev = k > from ? &p->toks[k - 1] : NULL;
		if (prev && !punct(prev, '(') && !punct(prev, ',') && !punct(t, ')') && !punct(t, ',') &&
		    !(punct(t, '(') && prev->t == TK_WORD))
			strbuf_addch(&sb, ' ');
		bool call = t->t == TK_WORD && k + 1 < to && punct(&p->toks[k + 1], '(');
		for (size_t j = 0; j < t->len; j++) {
			char c = p->s[t->off + j];
			strbuf_addch(&sb, call ? (char)tolower((unsigned char)c) : c);
		}
	}
	return strbuf_detach(&sb, NULL);
}

/* Parses a parenthesised expression; *text gets the inside (may be NULL). */
static int paren_expr(struct parser *p, char **text)
{
	if (!punct(peek(p, 0), '('))
		return expected(p, "'('");
	size_t from = p->i;
	if (skip_group(p))
		return -1;
	if (text)
		*text = expr_text(p, from + 1, p->i - 1);
	return 0;
}

/* ---- column types ---- */

struct type_alias {
	const char *word, *type;
};

static const struct type_alias type_words[] = {
	{"tinyint", "tinyint"}, {"int1", "tinyint"}, {"smallint", "smallint"}, {"int2", "smallint"},
	{"mediumint", "mediumint"}, {"int3", "mediumint"}, {"middleint", "mediumint"},
	{"int", "int"}, {"integer", "int"}, {"int4", "int"}, {"bigint", "bigint"}, {"int8", "bigint"},
	{"decimal", "decimal"}, {"dec", "decimal"}, {"numeric", "decimal"}, {"fixed", "decimal"},
	{"float", "float"}, {"float4", "float"}, {"double", "double"}, {"float8", "double"},
	{"real", "double"}, {"bit", "bit"}, {"bool", "tinyint"}, {"boolean", "tinyint"},
	{"serial", "bigint"}, {"date", "date"}, {"datetime", "datetime"}, {"timestamp", "timestamp"},
	{"time", "time"}, {"year", "year"}, {"char", "char"}, {"character", "char"},
	{"nchar", "char"}, {"varchar", "varchar"}, {"nvarchar", "varchar"},
	{"varcharacter", "varchar"}, {"binary", "binary"}, {"varbinary", "varbinary"},
	{"tinytext", "tinytext"}, {"text", "text"}, {"mediumtext", "mediumtext"},
	{"longtext", "longtext"}, {"tinyblob", "tinyblob"}, {"blob", "blob"},
	{"mediumblob", "mediumblob"}, {"longblob", "longblob"}, {"long", "mediumtext"},
	{"enum", "enum"}, {"set", "set"}, {"json", "json"}, {"geometry", "geometry"},
	{"point", "point"}, {"linestring", "linestring"}, {"polygon", "polygon"},
	{"multipoint", "multipoint"}, {"multilinestring", "multilinestring"},
	{"multipolygon", "multipolygon"}, {"geometrycollection", "geometrycollection"},
	{"geomcollection", "geometrycollection"},
};

static bool parse_long(const char *s, long *out)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (*end || end == s || v < 0 || v > 0x7fffffffL)
		return false;
	*out = v;
	return true;
}

/* ( number [, number] ) */
static int type_params(struct parser *p, long *a, long *b)
{
	*a = -1, *b = -1;
	if (!accept_punct(p, '('))
		return 0;
	struct tok *t = peek(p, 0);
	if (t->t != TK_NUMBER || !parse_long(val(p, t), a))
		return expected(p, "a length");
	p->i++;
	if (accept_punct(p, ',')) {
		t = peek(p, 0);
		if (t->t != TK_NUMBER || !parse_long(val(p, t), b))
			return expected(p, "a scale");
		p->i++;
	}
	return expect_punct(p, ')');
}

struct coldef_state {
	bool serial, is_bool, national, text_len_given;
	long text_len;
	bool float_p; /* FLOAT(p) */
};

static int column_type(struct parser *p, struct sql_column *c, struct coldef_state *st)
{
	struct tok *t = peek(p, 0);
	if (t->t != TK_WORD)
		return expected(p, "a column type");
	const char *w = val(p, t);
	const char *type = NULL;
	if (!strcasecmp(w, "national")) {
		p->i++;
		st->national = true;
		t = peek(p, 0);
		w = t->t == TK_WORD ? val(p, t) : "";
	}
	for (size_t k = 0; k < BAGU_ARRAY_LEN(type_words); k++)
		if (!strcasecmp(w, type_words[k].word))
			type = type_words[k].type;
	if (!type) {
		char got[64];
		describe(p, t, got, sizeof(got));
		return perr_at(p, t->line, t->col, "unknown column type %s", got);
	}
	p->i++;
	if (!strcasecmp(w, "nchar") || !strcasecmp(w, "nvarchar"))
		st->national = true;
	st->serial = !strcasecmp(w, "serial");
	st->is_bool = !strcasecmp(w, "bool") || !strcasecmp(w, "boolean");
	/* multi-word spellings */
	if (!strcasecmp(w, "double"))
		accept_kw(p, "precision");
	if (!strcmp(type, "char") && accept_kw(p, "varying"))
		type = "varchar";
	if (!strcmp(type, "char") && pk(p, 0, "byte")) {
		p->i++;
		type = "binary";
	}
	if (!strcasecmp(w, "long")) {
		if (accept_kw(p, "varbinary"))
			type = "mediumblob";
		else if (accept_kw(p, "varchar") || (pk(p, 0, "char") && pk(p, 1, "varying") && (p->i += 2)))
			type = "mediumtext";
	}
	c->type = xstrdup(type);
	enum sql_class cls = sql_type_class(type);
	long a = -1, b = -1;
	if (cls == SQLC_ENUM) {
		if (expect_punct(p, '('))
			return -1;
		do {
			struct tok *v = peek(p, 0);
			if (v->t != TK_STRING)
				return expected(p, "a quoted ENUM/SET member");
			if (no_nul(p, v))
				return -1;
			if (c->nvalues >= SQL_MAX_ENUM)
				return perr_at(p, v->line, v->col, "more than %d members", SQL_MAX_ENUM);
			c->values = xrealloc(c->values, (c->nvalues + 1) * sizeof(char *));
			c->values[c->nvalues++] = xstrndup(val(p, v), v->vlen);
			p->i++;
		} while (accept_punct(p, ','));
		if (expect_punct(p, ')'))
			return -1;
	} else if (cls != SQLC_GEOMETRY && cls != SQLC_JSON && cls != SQLC_DATE) {
		struct tok *at = peek(p, 0);
		if (type_params(p, &a, &b))
			return -1;
		if (b >= 0 && cls != SQLC_DECIMAL && cls != SQLC_FLOAT)
			return perr_at(p, at->line, at->col, "%s takes one length, not two", type);
		if (!strcmp(type, "float") && a >= 0 && b < 0) {
			/* FLOAT(p): precision in bits picks float or double */
			if (a > 53)
				return perr_at(p, at->line, at->col, "FLOAT precision %ld is above 53", a);
			if (a > 24) {
				free(c->type);
				c->type = xstrdup("double");
			}
			a = -1;
		}
		if (cls == SQLC_FLOAT && a >= 0 && b < 0)
			return perr_at(p, at->line, at->col, "%s(M) needs a scale: %s(M,D)", type, type);
		if (cls == SQLC_DECIMAL) {
			if (a > 65)
				return perr_at(p, at->line, at->col, "DECIMAL precision %ld is above 65", a);
			if (b > 30 || (a >= 0 && b > a))
				return perr_at(p, at->line, at->col, "DECIMAL scale %ld is out of range", b);
		}
		if (cls == SQLC_FLOAT && b >= 0 && (b > 30 || b > a || a > 255))
			return perr_at(p, at->line, at->col, "%s(%ld,%ld) is out of range", type, a, b);
		if ((cls == SQLC_DATETIME || cls == SQLC_TIME) && a > 6)
			return perr_at(p, at->line, at->col, "fractional seconds precision %ld is above 6", a);
		if (cls == SQLC_BIT && (a == 0 || a > 64))
			return perr_at(p, at->line, at->col, "BIT length %ld is out of range 1..64", a);
		if ((!strcmp(type, "varchar") || !strcmp(type, "varbinary")) && a < 0)
			return perr_at(p, t->line, t->col, "%s needs a length", type);
		if (!strcmp(type, "char") && a > 255)
			return perr_at(p, at->line, at->col, "CHAR length %ld is above 255", a);
		if (cls == SQLC_INT && a > 255)
			return perr_at(p, at->line, at->col, "display width %ld is above 255", a);
		if (cls == SQLC_DATETIME || cls == SQLC_TIME) {
			c->fsp = a > 0 ? (int)a : 0;
		} else if (!strcmp(type, "text") || !strcmp(type, "blob")) {
			st->text_len_given = a >= 0;
			st->text_len = a;
		} else if (cls == SQLC_YEAR) {
			if (a >= 0 && a != 4)
				return perr_at(p, at->line, at->col, "YEAR(%ld) is not supported; use YEAR", a);
		} else {
			c->width = a;
			c->scale = b;
		}
	}
	if (st->is_bool)
		c->width = 1;
	if (st->serial) {
		c->is_unsigned = true;
		c->not_null = true;
		c->auto_increment = true;
	}
	if (st->national && !c->charset)
		c->charset = xstrdup("utf8mb3");
	/* attributes that belong to the type */
	for (;;) {
		if (accept_kw(p, "unsigned")) {
			c->is_unsigned = true;
		} else if (accept_kw(p, "signed")) {
		} else if (accept_kw(p, "zerofill")) {
			c->zerofill = true;
			c->is_unsigned = true;
		} else if (accept_kw(p, "binary") || accept_kw(p, "ascii") || accept_kw(p, "unicode") ||
			   accept_kw(p, "byte")) {
		} else {
			break;
		}
	}
	return 0;
}

/* ---- defaults ---- */

static bool now_word(struct parser *p, size_t ahead)
{
	return pk(p, ahead, "current_timestamp") || pk(p, ahead, "now") || pk(p, ahead, "localtime") ||
	       pk(p, ahead, "localtimestamp");
}

/* CURRENT_TIMESTAMP [ ( [n] ) ] and its synonyms; *fsp gets n. */
static int now_value(struct parser *p, int *fsp)
{
	bool needs_parens = pk(p, 0, "now");
	p->i++;
	*fsp = 0;
	if (accept_punct(p, '(')) {
		struct tok *t = peek(p, 0);
		if (t->t == TK_NUMBER) {
			long v;
			if (!parse_long(val(p, t), &v) || v > 6)
				return perr_at(p, t->line, t->col, "fractional seconds precision must be 0..6");
			*fsp = (int)v;
			p->i++;
		}
		return expect_punct(p, ')');
	}
	if (needs_parens)
		return expected(p, "'(' after NOW");
	return 0;
}

struct pending_default {
	bool set;
	int lit;
	const char *text;
	size_t len;
	char *num; /* signed number text (owned) */
	unsigned line, col;
};

static int default_clause(struct parser *p, struct sql_column *c, struct pending_default *pd)
{
	struct tok *t = peek(p, 0);
	free(pd->num);
	memset(pd, 0, sizeof(*pd));
	free(c->def);
	c->def = NULL;
	pd->line = t->line, pd->col = t->col;
	if (kw(p, t, "null")) {
		p->i++;
		c->def_kind = SQL_DEFAULT_NULL;
		return 0;
	}
	if (now_word(p, 0)) {
		c->def_kind = SQL_DEFAULT_NOW;
		return now_value(p, &c->def_fsp);
	}
	if (kw(p, t, "true") || kw(p, t, "false")) {
		p->i++;
		c->def_kind = SQL_DEFAULT_LITERAL;
		pd->set = true;
		pd->lit = SQL_LIT_BOOL;
		pd->text = kw(p, t, "true") ? "1" : "0";
		pd->len = 1;
		return 0;
	}
	/* typed literals DATE '...', TIME '...', TIMESTAMP '...' */
	if ((kw(p, t, "date") || kw(p, t, "time") || kw(p, t, "timestamp")) && peek(p, 1)->t == TK_STRING)
		t = &p->toks[++p->i];
	if (t->t == TK_STRING || t->t == TK_NUMBER || t->t == TK_HEX || t->t == TK_BIT) {
		if (no_nul(p, t))
			return -1;
		p->i++;
		c->def_kind = SQL_DEFAULT_LITERAL;
		pd->set = true;
		pd->lit = t->t == TK_STRING ? SQL_LIT_STRING : t->t == TK_NUMBER ? SQL_LIT_NUMBER
			: t->t == TK_HEX ? SQL_LIT_HEX : SQL_LIT_BIT;
		pd->text = val(p, t);
		pd->len = t->vlen;
		return 0;
	}
	if ((punct(t, '-') || punct(t, '+')) && peek(p, 1)->t == TK_NUMBER) {
		struct tok *n = peek(p, 1);
		p->i += 2;
		c->def_kind = SQL_DEFAULT_LITERAL;
		pd->set = true;
		pd->lit = SQL_LIT_NUMBER;
		pd->num = xasprintf("%c%s", t->ch, val(p, n));
		pd->text = pd->num;
		pd->len = strlen(pd->num);
		return 0;
	}
	if (punct(t, '(')) {
		c->def_kind = SQL_DEFAULT_EXPR;
		return paren_expr(p, &c->def);
	}
	if (t->t == TK_WORD && punct(peek(p, 1), '(')) {
		size_t from = p->i;
		p->i++;
		if (skip_group(p))
			return -1;
		c->def_kind = SQL_DEFAULT_EXPR;
		c->def = expr_text(p, from, p->i);
		return 0;
	}
	return expected(p, "a default value");
}

/* ---- indexes ---- */

/* Gives an unnamed index MySQL's name: its first column, then _2, _3 ... */
static char *index_name(const struct sql_table *t, const char *base)
{
	char *nm = xstrdup(base);
	for (int k = 2;; k++) {
		bool taken = false;
		for (size_t i = 0; i < t->nidx && !taken; i++)
			taken = t->idx[i].name && !strcasecmp(t->idx[i].name, nm);
		if (!taken)
			return nm;
		free(nm);
		nm = xasprintf("%s_%d", base, k);
	}
}

/* ( part, ... ) where part := name [(len)] [ASC|DESC] | (expr) [ASC|DESC] */
static int key_parts(struct parser *p, struct sql_table *t, struct sql_index *x)
{
	if (expect_punct(p, '('))
		return -1;
	do {
		struct tok *at = peek(p, 0);
		size_t col = SIZE_MAX;
		unsigned prefix = 0;
		if (punct(at, '(')) {
			if (paren_expr(p, NULL))
				return -1;
		} else {
			const char *nm;
			if (name(p, &nm))
				return -1;
			col = sql_table_column(t, nm);
			if (col == SIZE_MAX)
				return perr_at(p, at->line, at->col, "key column '%s' does not exist in table '%s'", nm, t->name);
			if (punct(peek(p, 0), '(')) {
				long a, b;
				struct tok *lt = peek(p, 1);
				if (type_params(p, &a, &b))
					return -1;
				if (a <= 0 || b >= 0)
					return perr_at(p, lt->line, lt->col, "a key prefix is one length above 0: col(n)");
				prefix = (unsigned)a;
			}
		}
		if (!accept_kw(p, "asc"))
			accept_kw(p, "desc");
		x->cols = xrealloc(x->cols, (x->ncols + 1) * sizeof(size_t));
		x->prefix = xrealloc(x->prefix, (x->ncols + 1) * sizeof(unsigned));
		x->cols[x->ncols] = col;
		x->prefix[x->ncols] = prefix;
		x->ncols++;
	} while (accept_punct(p, ','));
	return expect_punct(p, ')');
}

/* A value after an option word: word, number, string, `ident` or a group. */
static int option_value(struct parser *p)
{
	accept_punct(p, '=');
	struct tok *t = peek(p, 0);
	if (punct(t, '('))
		return skip_group(p);
	if (t->t == TK_WORD || t->t == TK_NUMBER || t->t == TK_STRING || t->t == TK_QIDENT)
		p->i++;
	else
		return expected(p, "an option value");
	return 0;
}

static int index_options(struct parser *p)
{
	for (;;) {
		if (accept_kw(p, "using") || accept_kw(p, "key_block_size") || accept_kw(p, "comment") ||
		    accept_kw(p, "engine_attribute") || accept_kw(p, "secondary_engine_attribute") ||
		    accept_kw(p, "clustering")) {
			if (option_value(p))
				return -1;
		} else if (pk(p, 0, "with") && pk(p, 1, "parser")) {
			p->i += 2;
			if (option_value(p))
				return -1;
		} else if (accept_kw(p, "visible") || accept_kw(p, "invisible") || accept_kw(p, "ignored")) {
		} else if (pk(p, 0, "not") && pk(p, 1, "ignored")) {
			p->i += 2;
		} else {
			return 0;
		}
	}
}

static void add_index(struct sql_table *t, enum sql_index_kind kind, const char *nm, size_t col)
{
	struct sql_index *x = sql_table_add_index(t);
	x->kind = kind;
	x->name = kind == SQL_INDEX_PRIMARY ? xstrdup("PRIMARY") : index_name(t, nm);
	x->cols = xmalloc(sizeof(size_t));
	x->prefix = xcalloc(1, sizeof(unsigned));
	x->cols[0] = col;
	x->ncols = 1;
}

/* [CONSTRAINT [sym]] PRIMARY KEY | UNIQUE | KEY | INDEX | FULLTEXT | SPATIAL | FOREIGN KEY | CHECK */
static int table_constraint(struct parser *p, struct sql_table *t)
{
	const char *symbol = NULL;
	if (accept_kw(p, "constraint")) {
		if (!pk(p, 0, "primary") && !pk(p, 0, "unique") && !pk(p, 0, "foreign") && !pk(p, 0, "check"))
			if (name(p, &symbol))
				return -1;
	}
	if (accept_kw(p, "check")) {
		if (paren_expr(p, NULL))
			return -1;
		if (pk(p, 0, "not") && pk(p, 1, "enforced"))
			p->i += 2;
		else
			accept_kw(p, "enforced");
		return 0;
	}
	if (accept_kw(p, "foreign")) {
		if (expect_kw(p, "key"))
			return -1;
		const char *iname = NULL;
		if (!punct(peek(p, 0), '(') && name(p, &iname))
			return -1;
		struct sql_index *x = sql_table_add_index(t);
		x->kind = SQL_INDEX_FOREIGN;
		size_t me = t->nidx - 1;
		if (key_parts(p, t, x))
			return -1;
		x = &t->idx[me];
		const char *base = symbol ? symbol : iname ? iname : x->cols[0] != SIZE_MAX ? t->cols[x->cols[0]].name : "fk";
		x->name = xstrdup(base);
		if (expect_kw(p, "references"))
			return -1;
		const char *rs, *rn;
		if (qualified_name(p, &rs, &rn))
			return -1;
		if (paren_expr(p, NULL))
			return -1;
		for (;;) {
			if (accept_kw(p, "match")) {
				if (!accept_kw(p, "full") && !accept_kw(p, "partial") && !accept_kw(p, "simple"))
					return expected(p, "FULL, PARTIAL or SIMPLE");
			} else if (accept_kw(p, "on")) {
				if (!accept_kw(p, "delete") && !accept_kw(p, "update"))
					return expected(p, "DELETE or UPDATE");
				if (accept_kw(p, "restrict") || accept_kw(p, "cascade")) {
				} else if (accept_kw(p, "set")) {
					if (!accept_kw(p, "null") && !accept_kw(p, "default"))
						return expected(p, "NULL or DEFAULT");
				} else if (accept_kw(p, "no")) {
					if (expect_kw(p, "action"))
						return -1;
				} else {
					return expected(p, "a referential action");
				}
			} else {
				return 0;
			}
		}
	}
	enum sql_index_kind kind;
	if (accept_kw(p, "primary")) {
		if (expect_kw(p, "key"))
			return -1;
		kind = SQL_INDEX_PRIMARY;
	} else if (accept_kw(p, "unique")) {
		if (!accept_kw(p, "key"))
			accept_kw(p, "index");
		kind = SQL_INDEX_UNIQUE;
	} else if (accept_kw(p, "fulltext") || accept_kw(p, "spatial")) {
		kind = pk(p, -1, "fulltext") ? SQL_INDEX_FULLTEXT : SQL_INDEX_SPATIAL;
		if (!accept_kw(p, "key"))
			accept_kw(p, "index");
	} else if (accept_kw(p, "key") || accept_kw(p, "index")) {
		if (symbol)
			return perr_at(p, peek(p, -1)->line, peek(p, -1)->col, "CONSTRAINT does not apply to a plain INDEX");
		kind = SQL_INDEX_PLAIN;
	} else {
		return expected(p, "PRIMARY KEY, UNIQUE, KEY, INDEX, FULLTEXT, SPATIAL, FOREIGN KEY or CHECK");
	}
	const char *iname = NULL;
	if (!punct(peek(p, 0), '(') && !pk(p, 0, "using") && name(p, &iname))
		return -1;
	if (index_options(p))
		return -1;
	struct sql_index *x = sql_table_add_index(t);
	size_t me = t->nidx - 1;
	x->kind = kind;
	struct tok *at = peek(p, 0);
	if (key_parts(p, t, x))
		return -1;
	x = &t->idx[me];
	if (kind == SQL_INDEX_PRIMARY) {
		for (size_t i = 0; i < me; i++)
			if (t->idx[i].kind == SQL_INDEX_PRIMARY)
				return perr_at(p, at->line, at->col, "multiple primary keys defined");
		x->name = xstrdup("PRIMARY");
	} else {
		const char *base = iname ? iname : symbol ? symbol : x->cols[0] != SIZE_MAX ? t->cols[x->cols[0]].name : "functional_index";
		if (iname) {
			for (size_t i = 0; i < me; i++)
				if (t->idx[i].kind != SQL_INDEX_FOREIGN && !strcasecmp(t->idx[i].name, iname))
					return perr_at(p, at->line, at->col, "duplicate key name '%s'", iname);
			x->name = xstrdup(iname);
		} else {
			x->name = index_name(t, base);
		}
	}
	return index_options(p);
}

/* ---- columns ---- */

static int column_def(struct parser *p, struct sql_table *t)
{
	struct tok *at = peek(p, 0);
	const char *nm;
	if (name(p, &nm))
		return -1;
	if (t->ncols >= SQL_MAX_COLUMNS)
		return perr_at(p, at->line, at->col, "more than %d columns", SQL_MAX_COLUMNS);
	if (sql_table_column(t, nm) != SIZE_MAX)
		return perr_at(p, at->line, at->col, "duplicate column name '%s'", nm);
	struct sql_column *c = sql_table_add_column(t);
	size_t ci = t->ncols - 1;
	c->name = xstrdup(nm);
	c->line = at->line, c->col = at->col;
	struct coldef_state st;
	memset(&st, 0, sizeof(st));
	struct pending_default pd;
	memset(&pd, 0, sizeof(pd));
	int rc = -1;
	struct tok *type_tok = peek(p, 0);
	if (column_type(p, c, &st))
		goto out;
	for (;;) {
		struct tok *a = peek(p, 0);
		if (at_end(p) || punct(a, ',') || punct(a, ')') || kw(p, a, "first") || kw(p, a, "after"))
			break; /* FIRST / AFTER col: ALTER TABLE's position */
		if (pk(p, 0, "not") && pk(p, 1, "null")) {
			p->i += 2;
			c->not_null = true;
		} else if (accept_kw(p, "null")) {
			c->not_null = false;
		} else if (accept_kw(p, "default")) {
			if (default_clause(p, c, &pd))
				goto out;
		} else if (pk(p, 0, "on") && pk(p, 1, "update")) {
			p->i += 2;
			if (!now_word(p, 0)) {
				expected(p, "CURRENT_TIMESTAMP after ON UPDATE");
				goto out;
			}
			c->on_update_now = true;
			if (now_value(p, &c->on_update_fsp))
				goto out;
		} else if (accept_kw(p, "auto_increment")) {
			c->auto_increment = true;
		} else if (accept_kw(p, "unique")) {
			accept_kw(p, "key");
			add_index(t, SQL_INDEX_UNIQUE, c->name, ci);
			c = &t->cols[ci];
		} else if (accept_kw(p, "primary") || pk(p, 0, "key")) {
			if (expect_kw(p, "key"))
				goto out;
			for (size_t i = 0; i < t->nidx; i++)
				if (t->idx[i].kind == SQL_INDEX_PRIMARY) {
					perr_at(p, a->line, a->col, "multiple primary keys defined");
					goto out;
				}
			add_index(t, SQL_INDEX_PRIMARY, "PRIMARY", ci);
			c = &t->cols[ci];
		} else if (accept_kw(p, "comment")) {
			struct tok *s = peek(p, 0);
			if (s->t != TK_STRING) {
				expected(p, "a quoted comment");
				goto out;
			}
			if (no_nul(p, s))
				goto out;
			free(c->comment);
			c->comment = xstrndup(val(p, s), s->vlen);
			p->i++;
		} else if (accept_kw(p, "collate")) {
			const char *v;
			accept_punct(p, '=');
			if (name(p, &v))
				goto out;
			free(c->collation);
			c->collation = xstrdup(v);
		} else if (accept_kw(p, "charset") || (pk(p, 0, "character") && pk(p, 1, "set") && (p->i += 2))) {
			const char *v;
			if (name(p, &v))
				goto out;
			free(c->charset);
			c->charset = xstrdup(v);
		} else if (accept_kw(p, "column_format") || accept_kw(p, "storage") || accept_kw(p, "srid") ||
			   accept_kw(p, "engine_attribute") || accept_kw(p, "secondary_engine_attribute")) {
			if (option_value(p))
				goto out;
		} else if (accept_kw(p, "compressed")) {
			if (punct(peek(p, 0), '=') && option_value(p))
				goto out;
		} else if (pk(p, 0, "generated") && pk(p, 1, "always") && pk(p, 2, "as") && pk(p, 3, "row") &&
			   (pk(p, 4, "start") || pk(p, 4, "end"))) {
			/* MariaDB system versioning: the row's validity period, set by the server */
			bool start = pk(p, 4, "start");
			p->i += 5;
			free(c->generated);
			c->generated = xstrdup(start ? "ROW START" : "ROW END");
			c->stored = true;
			c->not_null = true;
		} else if ((pk(p, 0, "generated") && pk(p, 1, "always") && pk(p, 2, "as")) || pk(p, 0, "as")) {
			if (pk(p, 0, "generated"))
				p->i += 2;
			p->i++;
			free(c->generated);
			c->generated = NULL;
			if (paren_expr(p, &c->generated))
				goto out;
		} else if (accept_kw(p, "virtual")) {
			c->stored = false;
		} else if (accept_kw(p, "stored") || accept_kw(p, "persistent")) {
			c->stored = true;
		} else if (accept_kw(p, "invisible")) {
			c->invisible = true;
		} else if (accept_kw(p, "visible")) {
			c->invisible = false;
		} else if (accept_kw(p, "references")) {
			const char *rs, *rn;
			if (qualified_name(p, &rs, &rn) || paren_expr(p, NULL))
				goto out;
			while (pk(p, 0, "on") || pk(p, 0, "match")) {
				p->i++;
				while (!at_end(p) && !punct(peek(p, 0), ',') && !punct(peek(p, 0), ')') &&
				       !pk(p, 0, "on") && !pk(p, 0, "match"))
					p->i++;
			}
		} else if (accept_kw(p, "check")) {
			if (paren_expr(p, NULL))
				goto out;
		} else if (accept_kw(p, "constraint")) {
			const char *v;
			if (!pk(p, 0, "check") && name(p, &v))
				goto out;
			if (expect_kw(p, "check") || paren_expr(p, NULL))
				goto out;
		} else if (pk(p, 0, "serial") && pk(p, 1, "default") && pk(p, 2, "value")) {
			p->i += 3;
			c->not_null = true;
			c->auto_increment = true;
			add_index(t, SQL_INDEX_UNIQUE, c->name, ci);
			c = &t->cols[ci];
		} else if ((pk(p, 0, "with") || pk(p, 0, "without")) && pk(p, 1, "system") && pk(p, 2, "versioning")) {
			c->without_versioning = pk(p, 0, "without");
			p->i += 3;
		} else {
			expected(p, "a column attribute");
			goto out;
		}
	}
	if (st.serial)
		add_index(t, SQL_INDEX_UNIQUE, c->name, ci);
	c = &t->cols[ci];
	if (c->auto_increment)
		c->not_null = true; /* as the server does */
	if (st.text_len_given) {
		/* TEXT(M)/BLOB(M): the smallest type holding M characters (bytes for BLOB) */
		bool blob = !strcmp(c->type, "blob");
		long mb = 1;
		const char *cs = c->charset;
		if (!blob)
			mb = !cs ? 4 : !strncasecmp(cs, "utf8mb4", 7) ? 4 : !strncasecmp(cs, "utf8", 4) ? 3
			     : !strcasecmp(cs, "utf16") || !strcasecmp(cs, "utf32") ? 4 : 1;
		double bytes = (double)st.text_len * (double)mb;
		const char *nt = bytes <= 255 ? (blob ? "tinyblob" : "tinytext")
				 : bytes <= 65535 ? (blob ? "blob" : "text")
				 : bytes <= 16777215 ? (blob ? "mediumblob" : "mediumtext")
						     : (blob ? "longblob" : "longtext");
		free(c->type);
		c->type = xstrdup(nt);
	}
	if (pd.set) {
		struct strbuf v = STRBUF_INIT;
		struct bagu_err e;
		if (sql_convert_default(c, pd.text, pd.len, pd.lit, &v, &e)) {
			strbuf_release(&v);
			perr_at(p, pd.line, pd.col, "%s", e.msg);
			goto out;
		}
		c->def = strbuf_detach(&v, NULL);
	}
	if (c->def_kind == SQL_DEFAULT_NOW || c->on_update_now) {
		enum sql_class cls = sql_type_class(c->type);
		if (cls != SQLC_DATETIME) {
			perr_at(p, pd.line ? pd.line : type_tok->line, pd.line ? pd.col : type_tok->col,
				"CURRENT_TIMESTAMP applies to DATETIME and TIMESTAMP columns only");
			goto out;
		}
	}
	if (c->auto_increment && (c->def_kind == SQL_DEFAULT_LITERAL || c->def_kind == SQL_DEFAULT_NOW)) {
		perr_at(p, pd.line, pd.col, "an AUTO_INCREMENT column cannot have a default");
		goto out;
	}
	if (c->not_null && c->def_kind == SQL_DEFAULT_NULL) {
		perr_at(p, pd.line, pd.col, "invalid default value NULL for NOT NULL column '%s'", c->name);
		goto out;
	}
	if (c->generated && c->def_kind != SQL_DEFAULT_NONE) {
		perr_at(p, pd.line, pd.col, "a generated column cannot have a default");
		goto out;
	}
	rc = 0;
out:
	free(pd.num);
	return rc;
}

/* ---- statements ---- */

/* ---- statement boundaries without ';' ----
 *
 * Pasted DDL and hand-written migrations often lack a ';' between statements or at
 * the end. A statement also ends before a statement keyword that is the first token
 * on its line, when nothing makes it a continuation: the statement's parentheses are
 * balanced, the delimiter is the default ';' (bodies under DELIMITER hold statements
 * of their own), the previous token ends a phrase (not ',', '=', ... nor ON, KEY,
 * FOR, CHARACTER, ...: ON\nDELETE, DUPLICATE KEY\nUPDATE, CHARACTER\nSET) and the
 * keyword cannot continue the current statement (SET after UPDATE, DROP COLUMN in an
 * ALTER TABLE, LOCK IN SHARE MODE, USE INDEX, ...). Anything else stays one
 * statement, whose parser then reports the first token it cannot place. */
struct stmt_scan {
	char first[16];    /* the statement's first word (truncated), or "" */
	char prev[16];     /* the previous token when a word, else "" */
	enum tk prev_t;
	char prev_ch;
	unsigned prev_line;
	unsigned depth;
};

static void scan_start(const struct parser *p, struct stmt_scan *sc, const struct tok *first)
{
	memset(sc, 0, sizeof(*sc));
	if (first->t == TK_WORD)
		snprintf(sc->first, sizeof(sc->first), "%s", val(p, first));
	sc->prev_t = first->t;
	sc->prev_line = p->line; /* where the token ends: a string may span lines */
	if (first->t == TK_WORD)
		snprintf(sc->prev, sizeof(sc->prev), "%s", val(p, first));
}

static bool word_in(const char *w, const char *const *list, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (!strcasecmp(w, list[k]))
			return true;
	return false;
}
#define WORD_IN(w, ...) word_in((w), (const char *const[]){__VA_ARGS__}, \
				sizeof((const char *const[]){__VA_ARGS__}) / sizeof(const char *))

/* The word after the current position (lexed and put back), "" when none. */
static void peek_word(struct parser *p, char *buf, size_t cap)
{
	size_t pos = p->pos, bol = p->bol, alen = p->arena.len;
	unsigned line = p->line;
	int cond = p->cond;
	char msg0 = p->err->msg[0];
	struct tok t;
	buf[0] = '\0';
	if (lex(p, &t) == 0 && t.t == TK_WORD)
		snprintf(buf, cap, "%.*s", (int)t.len, p->s + t.off);
	p->pos = pos, p->bol = bol, p->line = line, p->cond = cond;
	p->arena.len = alen;
	if (p->arena.buf)
		p->arena.buf[alen] = '\0';
	p->err->msg[0] = msg0;
}

/* Whether token t (just lexed) begins a new statement; see above. */
static bool starts_statement(struct parser *p, const struct stmt_scan *sc, const struct tok *t)
{
	if (t->t != TK_WORD || sc->depth > 0 || t->line == sc->prev_line || p->dlen != 1 || p->delim[0] != ';')
		return false;
	if (sc->prev_t == TK_PUNCT && sc->prev_ch != ')')
		return false;
	if (sc->prev[0] && WORD_IN(sc->prev, "ON", "KEY", "FOR", "BEFORE", "AFTER", "OR", "AND", "NOT",
				   "CHARACTER", "AS", "THEN", "ELSE", "DO", "EACH", "ROW", "BY", "IGNORE"))
		return false;
	const char *w = val(p, t);
	char next[32];
	if (!strcasecmp(w, "create") || !strcasecmp(w, "insert") || !strcasecmp(w, "update") ||
	    !strcasecmp(w, "delete") || !strcasecmp(w, "truncate") || !strcasecmp(w, "grant") ||
	    !strcasecmp(w, "revoke") || !strcasecmp(w, "flush") || !strcasecmp(w, "commit") ||
	    !strcasecmp(w, "rollback") || !strcasecmp(w, "delimiter"))
		return true;
	if (!strcasecmp(w, "drop") || !strcasecmp(w, "alter")) {
		if (strcasecmp(sc->first, "alter"))
			return true;
		/* in ALTER TABLE, DROP/ALTER usually begin a specification */
		peek_word(p, next, sizeof(next));
		return WORD_IN(next, "TABLE", "TABLES", "DATABASE", "SCHEMA", "TRIGGER", "PROCEDURE");
	}
	if (!strcasecmp(w, "set"))
		return !WORD_IN(sc->first, "UPDATE", "INSERT", "REPLACE", "ALTER");
	if (!strcasecmp(w, "replace")) {
		peek_word(p, next, sizeof(next));
		return !WORD_IN(next, "SELECT", "AS");
	}
	if (!strcasecmp(w, "use")) {
		peek_word(p, next, sizeof(next));
		return !WORD_IN(next, "INDEX", "KEY");
	}
	if (!strcasecmp(w, "lock") || !strcasecmp(w, "unlock")) {
		peek_word(p, next, sizeof(next));
		return WORD_IN(next, "TABLE", "TABLES", "INSTANCE");
	}
	if (!strcasecmp(w, "start")) {
		peek_word(p, next, sizeof(next));
		return WORD_IN(next, "TRANSACTION");
	}
	if (!strcasecmp(w, "rename")) {
		peek_word(p, next, sizeof(next));
		return WORD_IN(next, "TABLE", "USER");
	}
	return false;
}

/* Lexes the next token of a statement; a token that begins a new statement is put
 * back and returned as an (empty) TK_DELIM at its position. */
static int lex_in_statement(struct parser *p, struct stmt_scan *sc, struct tok *t)
{
	if (lex(p, t))
		return -1;
	if (starts_statement(p, sc, t)) {
		p->pos = t->off;
		p->line = t->line;
		p->bol = t->off - (t->col - 1);
		t->t = TK_DELIM;
		t->len = 0;
		t->vlen = 0;
		return 0;
	}
	if (punct(t, '('))
		sc->depth++;
	else if (punct(t, ')') && sc->depth > 0)
		sc->depth--;
	sc->prev_t = t->t;
	sc->prev_ch = t->ch;
	sc->prev_line = p->line;
	if (t->t == TK_WORD)
		snprintf(sc->prev, sizeof(sc->prev), "%.*s", (int)t->len, p->s + t->off);
	else
		sc->prev[0] = '\0';
	return 0;
}

/* Collects the tokens of the current statement (through its delimiter). */
static int collect(struct parser *p, struct tok *first)
{
	p->ntoks = 0;
	p->i = 0;
	XGROW(p->toks, p->atoks, 1);
	p->toks[p->ntoks++] = *first;
	struct stmt_scan sc;
	scan_start(p, &sc, first);
	while (first->t != TK_DELIM && first->t != TK_EOF) {
		struct tok t;
		if (lex_in_statement(p, &sc, &t))
			return -1;
		XGROW(p->toks, p->atoks, p->ntoks + 1);
		p->toks[p->ntoks++] = t;
		if (t.t == TK_DELIM || t.t == TK_EOF)
			break;
	}
	return 0;
}

/* Table options and partitioning after the column list. */
static int table_options(struct parser *p, struct sql_table *t)
{
	while (!at_end(p)) {
		struct tok *a = peek(p, 0);
		if (accept_punct(p, ','))
			continue;
		if (accept_kw(p, "default"))
			continue;
		if (accept_kw(p, "comment")) {
			accept_punct(p, '=');
			struct tok *s = peek(p, 0);
			if (s->t != TK_STRING)
				return expected(p, "a quoted table comment");
			if (no_nul(p, s))
				return -1;
			free(t->comment);
			t->comment = xstrndup(val(p, s), s->vlen);
			p->i++;
		} else if (accept_kw(p, "partition")) {
			/* PARTITION BY ... (definitions): parsed past, it does not change columns */
			while (!at_end(p)) {
				if (punct(peek(p, 0), '(')) {
					if (skip_group(p))
						return -1;
				} else {
					p->i++;
				}
			}
		} else if (pk(p, 0, "as") || pk(p, 0, "select") || pk(p, 0, "ignore") || pk(p, 0, "replace")) {
			char msg[300];
			snprintf(msg, sizeof(msg), "%s:%u:%u: warning: CREATE TABLE %s ... SELECT: only the declared columns are known",
				 p->file, a->line, a->col, t->name);
			sql_schema_warn(p->schema, msg);
			while (!at_end(p))
				p->i++;
		} else if (punct(a, '(')) {
			if (skip_group(p))
				return -1;
		} else if (a->t == TK_WORD && WORD_IN(val(p, a), "CREATE", "DROP", "ALTER", "INSERT", "LOCK", "UNLOCK")) {
			return perr_at(p, a->line, a->col, "expected a table option, found '%s' (a missing ';' before it?)",
				       val(p, a));
		} else if (a->t == TK_WORD || a->t == TK_NUMBER || a->t == TK_STRING || a->t == TK_QIDENT ||
			   punct(a, '=')) {
			p->i++;
		} else {
			return expected(p, "a table option");
		}
	}
	return 0;
}

static int check_auto_increment(struct parser *p, const struct sql_table *t);

static int create_table(struct parser *p)
{
	struct sql_table t;
	memset(&t, 0, sizeof(t));
	int rc = -1;
	struct tok *at = peek(p, 0);
	if (pk(p, 0, "if")) {
		p->i++;
		if (expect_kw(p, "not") || expect_kw(p, "exists"))
			goto out;
	}
	const char *schema, *nm;
	at = peek(p, 0);
	if (qualified_name(p, &schema, &nm))
		goto out;
	t.name = xstrdup(nm);
	t.schema = schema ? xstrdup(schema) : NULL;
	t.line = at->line, t.col = at->col;
	if (accept_kw(p, "like") || (punct(peek(p, 0), '(') && pk(p, 1, "like") && ++p->i && ++p->i)) {
		const char *ls, *ln;
		struct tok *lt = peek(p, 0);
		if (qualified_name(p, &ls, &ln))
			goto out;
		struct sql_table *src = sql_schema_table(p->schema, ln);
		if (!src) {
			perr_at(p, lt->line, lt->col, "CREATE TABLE ... LIKE: table '%s' is not defined before", ln);
			goto out;
		}
		/* copy the source's columns and indexes */
		for (size_t i = 0; i < src->ncols; i++) {
			struct sql_column *c = sql_table_add_column(&t), *s = &src->cols[i];
			*c = *s;
			c->name = xstrdup(s->name);
			c->type = xstrdup(s->type);
			c->values = s->nvalues ? xmalloc(s->nvalues * sizeof(char *)) : NULL;
			for (size_t k = 0; k < s->nvalues; k++)
				c->values[k] = xstrdup(s->values[k]);
			c->charset = s->charset ? xstrdup(s->charset) : NULL;
			c->collation = s->collation ? xstrdup(s->collation) : NULL;
			c->def = s->def ? xstrdup(s->def) : NULL;
			c->comment = s->comment ? xstrdup(s->comment) : NULL;
			c->generated = s->generated ? xstrdup(s->generated) : NULL;
		}
		for (size_t i = 0; i < src->nidx; i++) {
			if (src->idx[i].kind == SQL_INDEX_FOREIGN)
				continue;
			struct sql_index *x = sql_table_add_index(&t), *s = &src->idx[i];
			*x = *s;
			x->name = xstrdup(s->name);
			x->cols = xmalloc(s->ncols * sizeof(size_t));
			memcpy(x->cols, s->cols, s->ncols * sizeof(size_t));
			x->prefix = xmalloc(s->ncols * sizeof(unsigned));
			memcpy(x->prefix, s->prefix, s->ncols * sizeof(unsigned));
		}
		t.comment = src->comment ? xstrdup(src->comment) : NULL;
		accept_punct(p, ')');
	} else {
		if (expect_punct(p, '('))
			goto out;
		do {
			struct tok *e = peek(p, 0);
			if (e->t == TK_WORD && is_reserved_start(p, e)) {
				if (table_constraint(p, &t))
					goto out;
			} else if (kw(p, e, "period") && pk(p, 1, "for")) {
				p->i += 2;
				const char *v;
				if (name(p, &v) || paren_expr(p, NULL))
					goto out;
			} else if (column_def(p, &t)) {
				goto out;
			}
		} while (accept_punct(p, ','));
		if (expect_punct(p, ')'))
			goto out;
		if (t.ncols == 0) {
			perr_at(p, at->line, at->col, "table '%s' has no columns", t.name);
			goto out;
		}
		if (table_options(p, &t))
			goto out;
	}
	if (!at_end(p)) {
		expected(p, "end of statement");
		goto out;
	}
	if (check_auto_increment(p, &t))
		goto out;
	sql_table_finish(&t);
	if (p->schema->ntables >= SQL_MAX_TABLES && !sql_schema_table(p->schema, t.name)) {
		perr_at(p, at->line, at->col, "more than %d tables", SQL_MAX_TABLES);
		goto out;
	}
	sql_schema_put(p->schema, &t);
	rc = 0;
out:
	sql_table_release(&t);
	return rc;
}

/* CREATE [UNIQUE|FULLTEXT|SPATIAL] INDEX name [USING ..] ON tbl (parts) [options] */
static int create_index(struct parser *p)
{
	enum sql_index_kind kind = SQL_INDEX_PLAIN;
	if (accept_kw(p, "unique"))
		kind = SQL_INDEX_UNIQUE;
	else if (accept_kw(p, "fulltext"))
		kind = SQL_INDEX_FULLTEXT;
	else if (accept_kw(p, "spatial"))
		kind = SQL_INDEX_SPATIAL;
	if (expect_kw(p, "index"))
		return -1;
	const char *iname, *ts, *tn;
	if (name(p, &iname) || index_options(p) || expect_kw(p, "on"))
		return -1;
	struct tok *tt = peek(p, 0);
	if (qualified_name(p, &ts, &tn))
		return -1;
	struct sql_table *t = sql_schema_table(p->schema, tn);
	if (!t)
		return perr_at(p, tt->line, tt->col, "CREATE INDEX: table '%s' is not defined before", tn);
	/* parse into a scratch copy of the table so that a failure leaves t untouched */
	struct sql_index x;
	memset(&x, 0, sizeof(x));
	x.kind = kind;
	int rc = key_parts(p, t, &x) || index_options(p) ? -1 : 0;
	if (rc == 0 && !at_end(p))
		rc = expected(p, "end of statement");
	for (size_t i = 0; rc == 0 && i < t->nidx; i++)
		if (t->idx[i].kind != SQL_INDEX_FOREIGN && !strcasecmp(t->idx[i].name, iname))
			rc = perr_at(p, tt->line, tt->col, "duplicate key name '%s'", t->idx[i].name);
	if (rc) {
		free(x.cols);
		free(x.prefix);
		return -1;
	}
	x.name = xstrdup(iname);
	*sql_table_add_index(t) = x;
	sql_table_finish(t);
	return 0;
}

static int drop_table(struct parser *p)
{
	if (pk(p, 0, "if") && pk(p, 1, "exists"))
		p->i += 2;
	do {
		const char *s, *nm;
		if (qualified_name(p, &s, &nm))
			return -1;
		sql_schema_drop(p->schema, nm);
	} while (accept_punct(p, ','));
	return 0;
}

/* ---- ALTER TABLE, RENAME TABLE ---- */

/* As the server: one AUTO_INCREMENT column, and it must lead some index. */
static int check_auto_increment(struct parser *p, const struct sql_table *t)
{
	for (size_t i = 0, autos = 0; i < t->ncols; i++) {
		if (!t->cols[i].auto_increment)
			continue;
		if (++autos > 1)
			return perr_at(p, t->cols[i].line, t->cols[i].col, "there can be only one AUTO_INCREMENT column");
		bool keyed = false;
		for (size_t k = 0; k < t->nidx && !keyed; k++)
			keyed = t->idx[k].kind != SQL_INDEX_FOREIGN && t->idx[k].ncols && t->idx[k].cols[0] == i;
		if (!keyed)
			return perr_at(p, t->cols[i].line, t->cols[i].col, "AUTO_INCREMENT column '%s' must be the first column of a key",
				       t->cols[i].name);
	}
	return 0;
}

/* Moves column from to position to, renumbering the index parts. */
static void move_column(struct sql_table *t, size_t from, size_t to)
{
	if (from == to)
		return;
	struct sql_column c = t->cols[from];
	if (from < to)
		memmove(&t->cols[from], &t->cols[from + 1], (to - from) * sizeof(c));
	else
		memmove(&t->cols[to + 1], &t->cols[to], (from - to) * sizeof(c));
	t->cols[to] = c;
	for (size_t i = 0; i < t->nidx; i++)
		for (size_t k = 0; k < t->idx[i].ncols; k++) {
			size_t *v = &t->idx[i].cols[k];
			if (*v == SIZE_MAX)
				continue;
			if (*v == from)
				*v = to;
			else if (from < to && *v > from && *v <= to)
				(*v)--;
			else if (from > to && *v >= to && *v < from)
				(*v)++;
		}
}

static void remove_index(struct sql_table *t, size_t i)
{
	free(t->idx[i].name);
	free(t->idx[i].cols);
	free(t->idx[i].prefix);
	memmove(&t->idx[i], &t->idx[i + 1], (t->nidx - i - 1) * sizeof(t->idx[0]));
	t->nidx--;
}

/* [FIRST | AFTER col] after an added or redefined column (now at index ci). */
static int column_position(struct parser *p, struct sql_table *t, size_t ci)
{
	if (accept_kw(p, "first")) {
		move_column(t, ci, 0);
	} else if (accept_kw(p, "after")) {
		struct tok *at = peek(p, 0);
		const char *nm;
		if (name(p, &nm))
			return -1;
		size_t j = sql_table_column(t, nm);
		if (j == SIZE_MAX || j == ci)
			return perr_at(p, at->line, at->col, "unknown column '%s' in table '%s'", nm, t->name);
		move_column(t, ci, j < ci ? j + 1 : j);
	}
	return 0;
}

/* The column named by the next token, or an "unknown column" error. */
static int existing_column(struct parser *p, struct sql_table *t, size_t *ci)
{
	struct tok *at = peek(p, 0);
	const char *nm;
	if (name(p, &nm))
		return -1;
	*ci = sql_table_column(t, nm);
	if (*ci == SIZE_MAX)
		return perr_at(p, at->line, at->col, "unknown column '%s' in table '%s'", nm, t->name);
	return 0;
}

/* MODIFY/CHANGE: parses a new definition of column ci (name included) in its place. */
static int redefine_column(struct parser *p, struct sql_table *t, size_t ci)
{
	/* the old column must not count as a duplicate of its own new definition */
	free(t->cols[ci].name);
	t->cols[ci].name = xstrdup("\xff(column being redefined)");
	if (column_def(p, t))
		return -1;
	size_t n = t->ncols - 1;
	sql_column_release(&t->cols[ci]);
	t->cols[ci] = t->cols[n];
	t->ncols--;
	for (size_t i = 0; i < t->nidx; i++)
		for (size_t k = 0; k < t->idx[i].ncols; k++)
			if (t->idx[i].cols[k] == n)
				t->idx[i].cols[k] = ci;
	return column_position(p, t, ci);
}

/* Drops column ci: it leaves every plain index, an index left without columns goes
 * (as MariaDB does; a multi-column unique or primary key refuses). */
static int drop_column(struct parser *p, struct sql_table *t, size_t ci, const struct tok *at)
{
	if (t->ncols == 1)
		return perr_at(p, at->line, at->col, "cannot drop the only column of table '%s' (use DROP TABLE)", t->name);
	for (size_t i = 0; i < t->nidx; i++)
		for (size_t k = 0; k < t->idx[i].ncols; k++)
			if (t->idx[i].cols[k] == ci && t->idx[i].kind == SQL_INDEX_FOREIGN)
				return perr_at(p, at->line, at->col, "cannot drop column '%s': needed in foreign key '%s'",
					       t->cols[ci].name, t->idx[i].name);
			else if (t->idx[i].cols[k] == ci && t->idx[i].ncols > 1 &&
				 (t->idx[i].kind == SQL_INDEX_UNIQUE || t->idx[i].kind == SQL_INDEX_PRIMARY))
				/* MariaDB 10.11 refuses this (error 1072) rather than narrow the key */
				return perr_at(p, at->line, at->col, "cannot drop column '%s': it is part of the multi-column key '%s'",
					       t->cols[ci].name, t->idx[i].name);
	sql_column_release(&t->cols[ci]);
	memmove(&t->cols[ci], &t->cols[ci + 1], (t->ncols - ci - 1) * sizeof(t->cols[0]));
	t->ncols--;
	for (size_t i = t->nidx; i-- > 0;) {
		struct sql_index *x = &t->idx[i];
		size_t w = 0;
		for (size_t k = 0; k < x->ncols; k++) {
			if (x->cols[k] == ci)
				continue;
			x->cols[w] = x->cols[k] != SIZE_MAX && x->cols[k] > ci ? x->cols[k] - 1 : x->cols[k];
			x->prefix[w] = x->prefix[k];
			w++;
		}
		x->ncols = w;
		if (w == 0)
			remove_index(t, i);
	}
	return 0;
}

/* The index named nm (not a foreign key), or SIZE_MAX. */
static size_t find_index(const struct sql_table *t, const char *nm, bool foreign)
{
	for (size_t i = 0; i < t->nidx; i++)
		if ((t->idx[i].kind == SQL_INDEX_FOREIGN) == foreign && !strcasecmp(t->idx[i].name, nm))
			return i;
	return SIZE_MAX;
}

static int drop_index(struct parser *p, struct sql_table *t, size_t i, const struct tok *at)
{
	/* the server keeps an index a foreign key needs */
	struct sql_index gone = t->idx[i];
	memmove(&t->idx[i], &t->idx[i + 1], (t->nidx - i - 1) * sizeof(t->idx[0]));
	t->nidx--;
	int rc = 0;
	for (size_t k = 0; k < t->nidx && rc == 0; k++) {
		if (t->idx[k].kind != SQL_INDEX_FOREIGN || !sql_fk_has_own_index(t, k))
			continue;
		/* the foreign key was covered by the dropped index only */
		bool covered = gone.ncols >= t->idx[k].ncols && gone.kind != SQL_INDEX_FULLTEXT && gone.kind != SQL_INDEX_SPATIAL;
		for (size_t j = 0; covered && j < t->idx[k].ncols; j++)
			covered = gone.cols[j] == t->idx[k].cols[j] && !gone.prefix[j];
		if (covered)
			rc = perr_at(p, at->line, at->col, "cannot drop index '%s': needed in foreign key '%s'", gone.name,
				     t->idx[k].name);
	}
	free(gone.name);
	free(gone.cols);
	free(gone.prefix);
	return rc;
}

/* A table option inside ALTER TABLE (ENGINE=..., COMMENT '...', DEFAULT CHARSET ...). */
static bool alter_table_option(struct parser *p, struct sql_table *t, int *rc)
{
	static const char *const opts[] = {
		"ENGINE", "AUTO_INCREMENT", "AVG_ROW_LENGTH", "CHARSET", "COLLATE", "CHECKSUM",
		"COMPRESSION", "CONNECTION", "DELAY_KEY_WRITE", "ENCRYPTION", "INSERT_METHOD",
		"KEY_BLOCK_SIZE", "MAX_ROWS", "MIN_ROWS", "PACK_KEYS", "PASSWORD", "ROW_FORMAT",
		"STATS_AUTO_RECALC", "STATS_PERSISTENT", "STATS_SAMPLE_PAGES", "TABLESPACE", "UNION",
		"PAGE_CHECKSUM", "PAGE_COMPRESSED", "PAGE_COMPRESSION_LEVEL", "TRANSACTIONAL",
		"ENCRYPTED", "ENCRYPTION_KEY_ID", "IETF_QUOTES", "SEQUENCE", "ALGORITHM", "LOCK",
		"SECONDARY_ENGINE", "ENGINE_ATTRIBUTE", "SECONDARY_ENGINE_ATTRIBUTE", "AUTOEXTEND_SIZE",
	};
	size_t save = p->i;
	*rc = 0;
	accept_kw(p, "default");
	struct tok *a = peek(p, 0);
	if (kw(p, a, "comment")) {
		p->i++;
		accept_punct(p, '=');
		struct tok *s = peek(p, 0);
		if (s->t != TK_STRING) {
			*rc = expected(p, "a quoted table comment");
		} else if (!(*rc = no_nul(p, s))) {
			free(t->comment);
			t->comment = xstrndup(val(p, s), s->vlen);
			p->i++;
		}
		return true;
	}
	if (pk(p, 0, "character") && pk(p, 1, "set")) {
		p->i += 2;
		*rc = option_value(p);
		return true;
	}
	if ((pk(p, 0, "data") || pk(p, 0, "index")) && pk(p, 1, "directory")) {
		p->i += 2;
		*rc = option_value(p);
		return true;
	}
	if (a->t == TK_WORD && (word_in(val(p, a), opts, BAGU_ARRAY_LEN(opts)) || punct(peek(p, 1), '='))) {
		p->i++;
		*rc = option_value(p);
		return true;
	}
	p->i = save;
	return false;
}

static void warn_spec(struct parser *p, const struct sql_table *t, const struct tok *at, const char *what)
{
	char msg[400];
	snprintf(msg, sizeof(msg), "%s:%u:%u: warning: ALTER TABLE %s: %s is not applied to the model", p->file,
		 at->line, at->col, t->name, what);
	sql_schema_warn(p->schema, msg);
}

/* Skips to the end of the current specification (the next ',' outside parentheses). */
static int skip_spec(struct parser *p)
{
	while (!at_end(p) && !punct(peek(p, 0), ',')) {
		if (punct(peek(p, 0), '(')) {
			if (skip_group(p))
				return -1;
		} else {
			p->i++;
		}
	}
	return 0;
}

static int alter_spec(struct parser *p, struct sql_table *t, char **new_name)
{
	struct tok *at = peek(p, 0);
	if (accept_kw(p, "add")) {
		bool column = accept_kw(p, "column");
		bool if_not_exists = false;
		if (pk(p, 0, "if") && pk(p, 1, "not") && pk(p, 2, "exists")) {
			p->i += 3;
			if_not_exists = true;
		}
		if (!column && ((pk(p, 0, "system") && pk(p, 1, "versioning")) || pk(p, 0, "period") || pk(p, 0, "partition"))) {
			warn_spec(p, t, at, pk(p, 0, "partition") ? "ADD PARTITION" : pk(p, 0, "period") ? "ADD PERIOD" : "ADD SYSTEM VERSIONING");
			return skip_spec(p);
		}
		if (!column && !if_not_exists && peek(p, 0)->t == TK_WORD && is_reserved_start(p, peek(p, 0)))
			return table_constraint(p, t);
		bool list = accept_punct(p, '(');
		do {
			struct tok *ct = peek(p, 0);
			if (if_not_exists && (ct->t == TK_WORD || ct->t == TK_QIDENT || ct->t == TK_STRING) &&
			    sql_table_column(t, val(p, ct)) != SIZE_MAX) {
				/* MariaDB: IF NOT EXISTS skips a column that exists */
				struct sql_table scratch;
				memset(&scratch, 0, sizeof(scratch));
				scratch.name = t->name;
				int rc = column_def(p, &scratch);
				scratch.name = NULL;
				sql_table_release(&scratch);
				if (rc)
					return -1;
				continue;
			}
			if (column_def(p, t))
				return -1;
			if (!list && column_position(p, t, t->ncols - 1))
				return -1;
		} while (list && accept_punct(p, ','));
		return list ? expect_punct(p, ')') : 0;
	}
	if (accept_kw(p, "drop")) {
		bool if_exists = false;
		if (accept_kw(p, "primary")) {
			if (expect_kw(p, "key"))
				return -1;
			size_t i = find_index(t, "PRIMARY", false);
			if (i == SIZE_MAX || t->idx[i].kind != SQL_INDEX_PRIMARY)
				return perr_at(p, at->line, at->col, "can't DROP PRIMARY KEY: table '%s' has none", t->name);
			return drop_index(p, t, i, at);
		}
		if (accept_kw(p, "index") || accept_kw(p, "key") || (pk(p, 0, "foreign") && pk(p, 1, "key")) ||
		    accept_kw(p, "constraint") || accept_kw(p, "check")) {
			bool foreign = pk(p, 0, "foreign");
			bool constraint = pk(p, -1, "constraint") || pk(p, -1, "check");
			if (foreign)
				p->i += 2;
			if (pk(p, 0, "if") && pk(p, 1, "exists")) {
				p->i += 2;
				if_exists = true;
			}
			struct tok *nt = peek(p, 0);
			const char *nm;
			if (name(p, &nm))
				return -1;
			size_t i = find_index(t, nm, foreign);
			if (i == SIZE_MAX && constraint) {
				/* a foreign key or unique key by that name, else a CHECK (not kept) */
				i = find_index(t, nm, true);
				if (i == SIZE_MAX)
					i = find_index(t, nm, false);
				if (i == SIZE_MAX || t->idx[i].kind == SQL_INDEX_PLAIN)
					return 0;
				foreign = t->idx[i].kind == SQL_INDEX_FOREIGN;
			}
			if (i == SIZE_MAX) {
				if (if_exists)
					return 0;
				return perr_at(p, nt->line, nt->col, "can't DROP %s '%s': no such %s in table '%s'",
					       foreign ? "FOREIGN KEY" : "INDEX", nm, foreign ? "foreign key" : "index", t->name);
			}
			if (foreign) {
				/* the index the server made for the foreign key stays */
				if (sql_fk_has_own_index(t, i))
					t->idx[i].kind = SQL_INDEX_PLAIN;
				else
					remove_index(t, i);
				return 0;
			}
			return drop_index(p, t, i, at);
		}
		if ((pk(p, 0, "system") && pk(p, 1, "versioning")) || pk(p, 0, "period") || pk(p, 0, "partition")) {
			warn_spec(p, t, at, "this DROP");
			return skip_spec(p);
		}
		accept_kw(p, "column");
		if (pk(p, 0, "if") && pk(p, 1, "exists")) {
			p->i += 2;
			if_exists = true;
		}
		struct tok *nt = peek(p, 0);
		size_t ci;
		if (if_exists && (nt->t == TK_WORD || nt->t == TK_QIDENT || nt->t == TK_STRING) &&
		    sql_table_column(t, val(p, nt)) == SIZE_MAX) {
			p->i++;
			return 0;
		}
		if (existing_column(p, t, &ci))
			return -1;
		if (!accept_kw(p, "restrict"))
			accept_kw(p, "cascade");
		return drop_column(p, t, ci, nt);
	}
	if (accept_kw(p, "modify")) {
		accept_kw(p, "column");
		if (pk(p, 0, "if") && pk(p, 1, "exists"))
			p->i += 2;
		struct tok *nt = peek(p, 0);
		size_t ci = nt->t == TK_WORD || nt->t == TK_QIDENT || nt->t == TK_STRING ? sql_table_column(t, val(p, nt)) : SIZE_MAX;
		if (ci == SIZE_MAX) {
			const char *nm;
			if (name(p, &nm))
				return -1;
			return perr_at(p, nt->line, nt->col, "unknown column '%s' in table '%s'", nm, t->name);
		}
		return redefine_column(p, t, ci);
	}
	if (accept_kw(p, "change")) {
		accept_kw(p, "column");
		if (pk(p, 0, "if") && pk(p, 1, "exists"))
			p->i += 2;
		size_t ci;
		if (existing_column(p, t, &ci))
			return -1;
		return redefine_column(p, t, ci);
	}
	if (accept_kw(p, "rename")) {
		if (accept_kw(p, "column")) {
			size_t ci;
			if (existing_column(p, t, &ci) || expect_kw(p, "to"))
				return -1;
			struct tok *nt = peek(p, 0);
			const char *nm;
			if (name(p, &nm))
				return -1;
			size_t other = sql_table_column(t, nm);
			if (other != SIZE_MAX && other != ci)
				return perr_at(p, nt->line, nt->col, "duplicate column name '%s'", nm);
			free(t->cols[ci].name);
			t->cols[ci].name = xstrdup(nm);
			return 0;
		}
		if (accept_kw(p, "index") || accept_kw(p, "key")) {
			struct tok *ot = peek(p, 0);
			const char *on, *nn;
			if (name(p, &on))
				return -1;
			size_t i = find_index(t, on, false);
			if (i == SIZE_MAX)
				return perr_at(p, ot->line, ot->col, "no index '%s' in table '%s'", on, t->name);
			char *old = xstrdup(on);
			struct tok *nt = peek(p, 0);
			int rc = expect_kw(p, "to") || name(p, &nn) ? -1 : 0;
			size_t j = rc ? SIZE_MAX : find_index(t, nn, false);
			if (j != SIZE_MAX && j != i)
				rc = perr_at(p, nt->line, nt->col, "duplicate key name '%s'", nn);
			if (rc == 0) {
				free(t->idx[i].name);
				t->idx[i].name = xstrdup(nn);
			}
			free(old);
			return rc;
		}
		if (!accept_kw(p, "to"))
			accept_kw(p, "as");
		const char *s, *nm;
		if (qualified_name(p, &s, &nm))
			return -1;
		free(*new_name);
		*new_name = xstrdup(nm);
		return 0;
	}
	if (accept_kw(p, "alter")) {
		if (accept_kw(p, "index") || accept_kw(p, "key") || accept_kw(p, "check") || accept_kw(p, "constraint"))
			return skip_spec(p); /* visibility, enforcement: no column changes */
		accept_kw(p, "column");
		if (pk(p, 0, "if") && pk(p, 1, "exists"))
			p->i += 2;
		size_t ci;
		if (existing_column(p, t, &ci))
			return -1;
		struct sql_column *c = &t->cols[ci];
		if (pk(p, 0, "drop") && pk(p, 1, "default")) {
			p->i += 2;
			free(c->def);
			c->def = NULL;
			c->def_kind = SQL_DEFAULT_NONE;
			return 0;
		}
		if (pk(p, 0, "set") && (pk(p, 1, "visible") || pk(p, 1, "invisible"))) {
			c->invisible = pk(p, 1, "invisible");
			p->i += 2;
			return 0;
		}
		if (expect_kw(p, "set") || expect_kw(p, "default"))
			return -1;
		struct pending_default pd;
		memset(&pd, 0, sizeof(pd));
		int rc = default_clause(p, c, &pd);
		if (rc == 0 && pd.set) {
			struct strbuf v = STRBUF_INIT;
			struct bagu_err e;
			if (sql_convert_default(c, pd.text, pd.len, pd.lit, &v, &e)) {
				strbuf_release(&v);
				rc = perr_at(p, pd.line, pd.col, "%s", e.msg);
			} else {
				c->def = strbuf_detach(&v, NULL);
			}
		}
		if (rc == 0 && c->def_kind == SQL_DEFAULT_NOW && sql_type_class(c->type) != SQLC_DATETIME)
			rc = perr_at(p, pd.line, pd.col, "CURRENT_TIMESTAMP applies to DATETIME and TIMESTAMP columns only");
		if (rc == 0 && c->not_null && c->def_kind == SQL_DEFAULT_NULL)
			rc = perr_at(p, pd.line, pd.col, "invalid default value NULL for NOT NULL column '%s'", c->name);
		if (rc == 0 && (c->generated || c->auto_increment) && c->def_kind != SQL_DEFAULT_NONE)
			rc = perr_at(p, pd.line, pd.col, "column '%s' cannot have a default", c->name);
		free(pd.num);
		return rc;
	}
	if ((accept_kw(p, "disable") || accept_kw(p, "enable")) && accept_kw(p, "keys"))
		return 0;
	if (accept_kw(p, "force") || accept_kw(p, "discard") || accept_kw(p, "import")) {
		accept_kw(p, "tablespace");
		return 0;
	}
	if ((pk(p, 0, "with") || pk(p, 0, "without")) && pk(p, 1, "validation")) {
		p->i += 2;
		return 0;
	}
	if (pk(p, 0, "order") && pk(p, 1, "by"))
		return skip_spec(p);
	if (pk(p, 0, "partition") || pk(p, 0, "remove") || pk(p, 0, "coalesce") || pk(p, 0, "reorganize") ||
	    pk(p, 0, "exchange") || pk(p, 0, "truncate") || pk(p, 0, "analyze") || pk(p, 0, "check") ||
	    pk(p, 0, "optimize") || pk(p, 0, "rebuild") || pk(p, 0, "repair")) {
		/* partition maintenance: no column changes */
		while (!at_end(p)) {
			if (punct(peek(p, 0), '(')) {
				if (skip_group(p))
					return -1;
			} else {
				p->i++;
			}
		}
		return 0;
	}
	if (pk(p, 0, "convert") && pk(p, 1, "to")) {
		warn_spec(p, t, at, "CONVERT TO CHARACTER SET (column types and character sets)");
		return skip_spec(p);
	}
	if ((pk(p, 0, "add") || pk(p, 0, "drop")) && pk(p, 1, "system")) {
		warn_spec(p, t, at, "system versioning");
		return skip_spec(p);
	}
	int rc;
	if (alter_table_option(p, t, &rc))
		return rc;
	return expected(p, "an ALTER TABLE specification");
}

/* ALTER [ONLINE] [IGNORE] TABLE [IF EXISTS] t spec [, spec]...: applied to a copy of
 * t, which replaces t only when the whole statement is good. */
static int alter_table(struct parser *p)
{
	bool if_exists = false;
	if (pk(p, 0, "if") && pk(p, 1, "exists")) {
		p->i += 2;
		if_exists = true;
	}
	struct tok *tt = peek(p, 0);
	const char *ts, *tn;
	if (qualified_name(p, &ts, &tn))
		return -1;
	struct sql_table *orig = sql_schema_table(p->schema, tn);
	if (!orig) {
		if (if_exists)
			return 0;
		return perr_at(p, tt->line, tt->col, "ALTER TABLE: table '%s' is not defined before", tn);
	}
	struct sql_table t;
	sql_table_copy(&t, orig);
	char *new_name = NULL;
	int rc = -1;
	if (!at_end(p)) {
		do {
			if (alter_spec(p, &t, &new_name))
				goto out;
		} while (accept_punct(p, ','));
	}
	if (!at_end(p)) {
		expected(p, "',' or the end of the ALTER TABLE statement");
		goto out;
	}
	if (check_auto_increment(p, &t))
		goto out;
	sql_table_finish(&t);
	if (new_name && strcmp(new_name, t.name)) {
		if (sql_schema_table(p->schema, new_name)) {
			perr_at(p, tt->line, tt->col, "ALTER TABLE ... RENAME: table '%s' already exists", new_name);
			goto out;
		}
		free(t.name);
		t.name = new_name;
		new_name = NULL;
	}
	sql_schema_replace(p->schema, orig, &t);
	rc = 0;
out:
	free(new_name);
	sql_table_release(&t);
	return rc;
}

/* RENAME TABLE a TO b [, c TO d]... */
static int rename_table(struct parser *p)
{
	do {
		struct tok *at = peek(p, 0);
		const char *s, *from, *to;
		if (qualified_name(p, &s, &from))
			return -1;
		struct sql_table *t = sql_schema_table(p->schema, from);
		if (!t)
			return perr_at(p, at->line, at->col, "RENAME TABLE: table '%s' is not defined before", from);
		char *old = xstrdup(from);
		struct tok *nt = (p->i++, peek(p, 0));
		p->i--;
		if (expect_kw(p, "to") || qualified_name(p, &s, &to)) {
			free(old);
			return -1;
		}
		if (sql_schema_table(p->schema, to)) {
			free(old);
			return perr_at(p, nt->line, nt->col, "RENAME TABLE: table '%s' already exists", to);
		}
		struct sql_table c;
		sql_table_copy(&c, sql_schema_table(p->schema, old));
		free(c.name);
		c.name = xstrdup(to);
		sql_schema_replace(p->schema, sql_schema_table(p->schema, old), &c);
		free(old);
	} while (accept_punct(p, ','));
	return at_end(p) ? 0 : expected(p, "end of statement");
}

static void warn_statement(struct parser *p, const struct tok *first)
{
	char msg[400];
	size_t k = 1;
	while (k < p->ntoks && k < 3 && p->toks[k].t == TK_WORD)
		k++;
	const struct tok *last = &p->toks[k - 1];
	size_t n = last->off + last->len - first->off;
	snprintf(msg, sizeof(msg), "%s:%u:%u: warning: unsupported statement '%.*s' parsed past (it changes no table here)",
		 p->file, first->line, first->col, (int)(n > 80 ? 80 : n), p->s + first->off);
	sql_schema_warn(p->schema, msg);
}

static const char *const silent_words[] = {
	"SET", "LOCK", "UNLOCK", "INSERT", "REPLACE", "USE", "START", "BEGIN", "COMMIT",
	"ROLLBACK", "UPDATE", "DELETE", "TRUNCATE", "GRANT", "REVOKE", "FLUSH", "ANALYZE",
	"OPTIMIZE", "SELECT", "SAVEPOINT", "RELEASE", "CALL", "DO", "SHOW", "EXPLAIN",
	"DESCRIBE", "DESC", "CHECKSUM", "PREPARE", "EXECUTE", "DEALLOCATE",
};

static const char *const create_silent[] = {
	"DATABASE", "SCHEMA", "VIEW", "ALGORITHM", "DEFINER", "SQL", "TRIGGER", "PROCEDURE",
	"FUNCTION", "EVENT", "USER", "ROLE", "SEQUENCE", "SERVER", "TABLESPACE", "AGGREGATE",
	"PACKAGE", "LOGFILE",
};

/* ALTER statements that change no table */
static const char *const alter_silent[] = {
	"DATABASE", "SCHEMA", "VIEW", "ALGORITHM", "DEFINER", "SQL", "USER", "ROLE", "EVENT",
	"FUNCTION", "PROCEDURE", "SERVER", "TABLESPACE", "LOGFILE", "INSTANCE", "SEQUENCE",
};

static bool is_silent(const struct parser *p, const struct tok *first)
{
	if (first->t != TK_WORD)
		return false;
	for (size_t k = 0; k < BAGU_ARRAY_LEN(silent_words); k++)
		if (kw(p, first, silent_words[k]))
			return true;
	return false;
}

static int statement(struct parser *p)
{
	struct tok *first = &p->toks[0];
	if (first->t == TK_DELIM)
		return 0;
	if (kw(p, first, "create")) {
		p->i = 1;
		if (pk(p, 0, "or") && pk(p, 1, "replace"))
			p->i += 2;
		accept_kw(p, "temporary");
		if (accept_kw(p, "table"))
			return create_table(p);
		if (pk(p, 0, "unique") || pk(p, 0, "fulltext") || pk(p, 0, "spatial") || pk(p, 0, "index"))
			return create_index(p);
		for (size_t k = 0; k < BAGU_ARRAY_LEN(create_silent); k++)
			if (pk(p, 0, create_silent[k]))
				return 0;
		warn_statement(p, first);
		return 0;
	}
	if (kw(p, first, "drop")) {
		p->i = 1;
		accept_kw(p, "temporary");
		if (accept_kw(p, "table") || accept_kw(p, "tables"))
			return drop_table(p);
		return 0;
	}
	if (kw(p, first, "alter")) {
		p->i = 1;
		accept_kw(p, "online");
		accept_kw(p, "ignore");
		if (accept_kw(p, "table"))
			return alter_table(p);
		for (size_t k = 0; k < BAGU_ARRAY_LEN(alter_silent); k++)
			if (pk(p, 0, alter_silent[k]))
				return 0;
	}
	if (kw(p, first, "rename") && pk(p, 1, "table")) {
		p->i = 2;
		return rename_table(p);
	}
	if (first->t == TK_WORD)
		for (size_t k = 0; k < BAGU_ARRAY_LEN(silent_words); k++)
			if (kw(p, first, silent_words[k]))
				return 0;
	warn_statement(p, first);
	return 0;
}

/* DELIMITER x at the start of a statement: a mysql client command. */
static bool delimiter_command(struct parser *p)
{
	size_t left = p->n - p->pos;
	if (left < 10 || strncasecmp(p->s + p->pos, "delimiter", 9) || !(p->s[p->pos + 9] == ' ' || p->s[p->pos + 9] == '\t'))
		return false;
	advance(p, 9);
	while (p->pos < p->n && (p->s[p->pos] == ' ' || p->s[p->pos] == '\t'))
		p->pos++;
	size_t st = p->pos;
	while (p->pos < p->n && !isspace((unsigned char)p->s[p->pos]))
		p->pos++;
	size_t n = p->pos - st;
	if (n > 0 && n < sizeof(p->delim)) {
		memcpy(p->delim, p->s + st, n);
		p->dlen = n;
	}
	while (p->pos < p->n && p->s[p->pos] != '\n')
		p->pos++;
	return true;
}

int sql_parse(struct sql_schema *s, const char *file, const char *text, size_t len,
	      const struct sql_parse_options *opt, struct strbuf *errors, struct bagu_err *err)
{
	struct parser p;
	memset(&p, 0, sizeof(p));
	p.file = file ? file : "<input>";
	p.s = text;
	p.n = len;
	p.line = 1;
	p.delim[0] = ';';
	p.dlen = 1;
	p.schema = s;
	strbuf_init(&p.arena, 256);
	bool keep = opt && opt->keep_going;
	int rc = 0;
	struct bagu_err local;
	local.msg[0] = '\0';
	p.err = &local;
	if (len > SQL_MAX_INPUT) {
		rc = bagu_error(err, "%s: input is larger than %u bytes", p.file, (unsigned)SQL_MAX_INPUT);
		goto out;
	}
	for (;;) {
		if (skip_space(&p)) {
			rc = -1;
			if (errors)
				strbuf_addf(errors, "%s\n", local.msg);
			if (err && err != &local)
				*err = local;
			break;
		}
		if (p.pos >= p.n)
			break;
		if (delimiter_command(&p))
			continue;
		strbuf_reset(&p.arena);
		local.msg[0] = '\0';
		struct tok first;
		if (lex(&p, &first) == 0 && is_silent(&p, &first)) {
			/* data and session statements: lexed to their end, nothing kept */
			struct tok t = first;
			struct stmt_scan sc;
			scan_start(&p, &sc, &first);
			int lrc = 0;
			while (t.t != TK_DELIM && t.t != TK_EOF && (lrc = lex_in_statement(&p, &sc, &t)) == 0)
				strbuf_reset(&p.arena);
			if (lrc == 0) {
				if (t.t == TK_EOF)
					break;
				continue;
			}
		}
		if (local.msg[0] || collect(&p, &first)) {
			/* a lexical error: the statement boundaries are lost, stop here */
			if (errors)
				strbuf_addf(errors, "%s\n", local.msg);
			if (rc == 0 && err)
				*err = local;
			rc = -1;
			break;
		}
		if (statement(&p)) {
			if (errors)
				strbuf_addf(errors, "%s\n", local.msg);
			if (rc == 0 && err)
				*err = local;
			rc = -1;
			if (!keep)
				break;
		}
		if (p.toks[p.ntoks - 1].t == TK_EOF)
			break;
	}
out:
	strbuf_release(&p.arena);
	free(p.toks);
	return rc;
}
