/* lint — the diagram policy checks that need no rendering (diagram.h, "Policy"): a small
 * DOT/msc tokenizer finds every `name = value` pair and HTML-like label with its line.
 * render.c checks the parsed graph again, so tricks the tokenizer misses (DOT's "a"+"b"
 * concatenation) are still refused there. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "diagram/diagram.h"
#include "diagram/diagram_int.h"

enum tok { T_ID, T_STR, T_HTML, T_PUNCT, T_EOF };

struct lexer {
	const char *s;
	size_t n, i;
	int line;
	bool dot;
	bool bol; /* at the start of a line (only blanks so far) */
};

struct token {
	enum tok t;
	size_t start, len; /* the raw text, quotes included */
	int line;
};

static bool id_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
	       c == '.' || c >= 0x80;
}

static void next(struct lexer *lx, struct token *tk)
{
	const char *s = lx->s;
	for (;;) {
		while (lx->i < lx->n && (s[lx->i] == ' ' || s[lx->i] == '\t' || s[lx->i] == '\r' || s[lx->i] == '\n')) {
			if (s[lx->i] == '\n')
				lx->line++, lx->bol = true;
			lx->i++;
		}
		if (lx->i >= lx->n) {
			tk->t = T_EOF;
			tk->start = lx->n, tk->len = 0, tk->line = lx->line;
			return;
		}
		char c = s[lx->i];
		bool line_comment = (c == '/' && lx->i + 1 < lx->n && s[lx->i + 1] == '/') ||
				    (c == '#' && (!lx->dot || lx->bol));
		if (line_comment) {
			while (lx->i < lx->n && s[lx->i] != '\n')
				lx->i++;
			continue;
		}
		if (c == '/' && lx->i + 1 < lx->n && s[lx->i + 1] == '*') {
			lx->i += 2;
			while (lx->i < lx->n && !(s[lx->i] == '*' && lx->i + 1 < lx->n && s[lx->i + 1] == '/')) {
				if (s[lx->i] == '\n')
					lx->line++;
				lx->i++;
			}
			lx->i = lx->i + 2 < lx->n ? lx->i + 2 : lx->n;
			continue;
		}
		break;
	}
	lx->bol = false;
	tk->start = lx->i;
	tk->line = lx->line;
	char c = s[lx->i];
	if (c == '"') {
		tk->t = T_STR;
		lx->i++;
		while (lx->i < lx->n && s[lx->i] != '"') {
			if (s[lx->i] == '\\' && lx->i + 1 < lx->n)
				lx->i++;
			if (s[lx->i] == '\n')
				lx->line++;
			lx->i++;
		}
		if (lx->i < lx->n)
			lx->i++;
	} else if (c == '<' && lx->dot) {
		tk->t = T_HTML;
		int depth = 0;
		while (lx->i < lx->n) {
			if (s[lx->i] == '<')
				depth++;
			else if (s[lx->i] == '>' && --depth == 0) {
				lx->i++;
				break;
			} else if (s[lx->i] == '\n')
				lx->line++;
			lx->i++;
		}
	} else if (id_char((unsigned char)c) || (c == '-' && lx->i + 1 < lx->n && s[lx->i + 1] >= '0' && s[lx->i + 1] <= '9')) {
		tk->t = T_ID;
		lx->i++;
		while (lx->i < lx->n && id_char((unsigned char)s[lx->i]))
			lx->i++;
	} else {
		tk->t = T_PUNCT;
		lx->i++;
	}
	tk->len = lx->i - tk->start;
}

/* The value of an ID or string token (quotes and escapes removed), truncated to cap-1. */
static void token_text(const struct lexer *lx, const struct token *tk, char *out, size_t cap)
{
	const char *p = lx->s + tk->start, *end = p + tk->len;
	size_t o = 0;
	if (tk->t == T_STR) {
		p++;
		if (end > p && end[-1] == '"')
			end--;
	}
	for (; p < end && o + 1 < cap; p++) {
		if (tk->t == T_STR && *p == '\\' && p + 1 < end) {
			p++;
			if (*p == '\n' || *p == '\r')
				continue;
		}
		out[o++] = *p;
	}
	out[o] = '\0';
}

static const char *const dot_banned[] = {
	"url", "href", "target", "tooltip", "edgeurl", "edgehref", "edgetarget", "edgetooltip",
	"headurl", "headhref", "headtarget", "headtooltip", "tailurl", "tailhref", "tailtarget",
	"tailtooltip", "labelurl", "labelhref", "labeltarget", "labeltooltip", "id", "class",
	"image", "imagepath", "imagescale", "shapefile", "fontpath", "fontnames", "stylesheet",
	"charset", "maxiter", "nslimit", "nslimit1", "mclimit", "searchsize", NULL};
static const char *const msc_banned[] = {"url", "idurl", "id", NULL};
static const char *const dot_layouts[] = {"dot", "neato", "circo", "fdp", "twopi", NULL};

static bool msc_attr_banned(const char *name)
{
	for (size_t i = 0; msc_banned[i]; i++)
		if (!strcasecmp(name, msc_banned[i]))
			return true;
	return false;
}

bool diagram_dot_attr_banned(const char *name)
{
	for (size_t i = 0; dot_banned[i]; i++)
		if (!strcasecmp(name, dot_banned[i]))
			return true;
	return false;
}

bool diagram_dot_layout_ok(const char *name)
{
	for (size_t i = 0; dot_layouts[i]; i++)
		if (!strcmp(name, dot_layouts[i]))
			return true;
	return false;
}

int diagram_check_value(const char *name, const char *value, struct bagu_err *err)
{
	if (!strcasecmp(name, "layout") && !diagram_dot_layout_ok(value))
		return bagu_error(err, "layout '%s' is not allowed (use dot, neato, circo, fdp or twopi)", value);
	if (!strcasecmp(name, "shape") && (!strcasecmp(value, "custom") || !strcasecmp(value, "epsf")))
		return bagu_error(err, "shape '%s' reads a file; not allowed in diagrams", value);
	if (!strcasecmp(name, "peripheries") && atol(value) > 4)
		return bagu_error(err, "peripheries=%s is more than 4", value);
	if (!strcasecmp(name, "sides") && atol(value) > 32)
		return bagu_error(err, "sides=%s is more than 32", value);
	return 0;
}

int diagram_check_html(const char *s, size_t n, int *line_off, struct bagu_err *err)
{
	*line_off = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n')
			(*line_off)++;
		if (s[i] != '<')
			continue;
		size_t j = i + 1;
		if (j < n && s[j] == '/')
			j++;
		size_t name = j;
		while (j < n && ((s[j] | 0x20) >= 'a' && (s[j] | 0x20) <= 'z'))
			j++;
		if (j - name == 3 && !strncasecmp(s + name, "img", 3))
			return bagu_error(err, "<IMG> in an HTML-like label reads a file; not allowed in diagrams");
		/* attribute names inside the tag */
		while (j < n && s[j] != '>' && s[j] != '<') {
			if (s[j] == '"' || s[j] == '\'') {
				char q = s[j++];
				while (j < n && s[j] != q) {
					if (s[j] == '\n')
						(*line_off)++;
					j++;
				}
				j++;
				continue;
			}
			if (s[j] == '\n')
				(*line_off)++;
			size_t a = j;
			while (j < n && ((s[j] | 0x20) >= 'a' && (s[j] | 0x20) <= 'z'))
				j++;
			if (j > a) {
				static const char *const bad[] = {"href", "target", "title", "tooltip", "id", NULL};
				for (size_t k = 0; bad[k]; k++)
					if (strlen(bad[k]) == j - a && !strncasecmp(s + a, bad[k], j - a))
						return bagu_error(err, "'%s' in an HTML-like label makes a link; not allowed in diagrams",
								  bad[k]);
			} else {
				j++;
			}
		}
		i = j > i ? j - 1 : i;
	}
	return 0;
}

int diagram_lint(enum diagram_kind kind, const char *src, size_t len, int *line, struct bagu_err *err)
{
	*line = 0;
	if (len > DIAGRAM_MAX_SOURCE)
		return bagu_error(err, "source is larger than %u bytes", DIAGRAM_MAX_SOURCE);
	if (memchr(src, '\0', len))
		return bagu_error(err, "source contains a NUL byte");
	struct lexer lx = {.s = src, .n = len, .line = 1, .dot = kind == DIAGRAM_DOT, .bol = true};
	struct token prev2 = {.t = T_EOF}, prev = {.t = T_EOF}, tk;
	char name[64], value[64];
	for (;;) {
		next(&lx, &tk);
		if (tk.t == T_HTML) {
			int off;
			if (diagram_check_html(src + tk.start, tk.len, &off, err)) {
				*line = tk.line + off;
				return -1;
			}
		}
		/* prev2 '=' tk : an attribute assignment */
		if (prev.t == T_PUNCT && src[prev.start] == '=' && (prev2.t == T_ID || prev2.t == T_STR)) {
			token_text(&lx, &prev2, name, sizeof(name));
			if (kind == DIAGRAM_DOT ? diagram_dot_attr_banned(name) : msc_attr_banned(name)) {
				*line = prev2.line;
				return bagu_error(err, "attribute '%s' is not allowed in diagrams (%s)", name,
						  kind == DIAGRAM_DOT ? "it reads files, makes links or ids, or sets layout effort"
								      : "it makes links");
			}
			if (kind == DIAGRAM_DOT && (tk.t == T_ID || tk.t == T_STR)) {
				token_text(&lx, &tk, value, sizeof(value));
				if (diagram_check_value(name, value, err)) {
					*line = tk.line;
					return -1;
				}
			}
		}
		if (tk.t == T_EOF)
			break;
		prev2 = prev;
		prev = tk;
	}
	return 0;
}
