/* term — terminal rendering of answer Markdown. See term.h. */
#include "cli/term.h"

#include <string.h>

/* Strips inline emphasis markers and renders `code` (coloured, or kept in backticks). */
static void inline_text(struct strbuf *out, const char *s, size_t n, bool color)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '`') {
			size_t j = i + 1;
			while (j < n && s[j] != '`')
				j++;
			if (j < n) {
				if (color)
					strbuf_addstr(out, TERM_CYAN);
				else
					strbuf_addch(out, '`');
				strbuf_add(out, s + i + 1, j - i - 1);
				if (color)
					strbuf_addstr(out, TERM_RESET);
				else
					strbuf_addch(out, '`');
				i = j;
				continue;
			}
		}
		if (s[i] == '*' && i + 1 < n && s[i + 1] == '*') {
			i++;
			continue;
		}
		if (s[i] == '\\' && i + 1 < n && strchr("\\`*_{}[]()#+-.!|<>", s[i + 1])) {
			strbuf_addch(out, s[++i]);
			continue;
		}
		strbuf_addch(out, s[i]);
	}
}

static bool is_cjk_break(uint32_t cp)
{
	return utf8_cpwidth(cp) == 2;
}

void term_wrap(struct strbuf *out, const char *text, size_t n, int indent, int hang,
	       const struct term_style *st)
{
	/* First render inline markup, then wrap the result, skipping ANSI escapes. */
	struct strbuf t = STRBUF_INIT;
	inline_text(&t, text, n, st->color);
	int width = st->width > indent + 10 ? st->width : indent + 10;
	const unsigned char *p = (const unsigned char *)t.buf, *end = p + t.len;
	int col = 0;
	bool line_start = true;
	int cur_indent = indent;
	while (p < end) {
		/* find the next break opportunity: a run of non-space Latin text, or one CJK char */
		const unsigned char *w = p;
		int ww = 0;
		uint32_t cp = 0;
		if (*p == ' ') {
			p++;
			if (!line_start && col < width) {
				strbuf_addch(out, ' ');
				col++;
			}
			continue;
		}
		while (w < end && *w != ' ') {
			if (*w == 0x1b) { /* ANSI escape: zero width */
				while (w < end && *w != 'm')
					w++;
				if (w < end)
					w++;
				continue;
			}
			int l = utf8_decode(w, (size_t)(end - w), &cp);
			if (l == 0)
				l = 1, cp = '?';
			if (is_cjk_break(cp) && w != p)
				break;
			ww += utf8_cpwidth(cp);
			w += l;
			if (is_cjk_break(cp))
				break;
		}
		if (!line_start && col + ww > width) {
			/* drop a trailing space before the break */
			if (out->len && out->buf[out->len - 1] == ' ')
				out->len--, out->buf[out->len] = '\0';
			strbuf_addch(out, '\n');
			line_start = true;
			cur_indent = hang;
		}
		if (line_start) {
			for (int i = 0; i < cur_indent; i++)
				strbuf_addch(out, ' ');
			col = cur_indent;
			line_start = false;
		}
		strbuf_add(out, p, (size_t)(w - p));
		col += ww;
		p = w;
	}
	strbuf_addch(out, '\n');
	strbuf_release(&t);
}

void term_render_markdown(struct strbuf *out, const char *md, const struct term_style *st)
{
	struct strbuf para = STRBUF_INIT;
	int para_indent = st->indent, para_hang = st->indent;
	const char *p = md;
	bool in_code = false;
	char fence[8] = "";
	bool pending_blank = false;
#define FLUSH()                                                                              \
	do {                                                                                 \
		if (para.len) {                                                              \
			term_wrap(out, para.buf, para.len, para_indent, para_hang, st);      \
			strbuf_reset(&para);                                                 \
		}                                                                            \
	} while (0)
	while (*p) {
		const char *eol = strchr(p, '\n');
		size_t l = eol ? (size_t)(eol - p) : strlen(p);
		const char *next = eol ? eol + 1 : p + l;
		if (!in_code && l >= 3 && (!strncmp(p, "```", 3) || !strncmp(p, "~~~", 3))) {
			FLUSH();
			if (pending_blank)
				strbuf_addch(out, '\n');
			pending_blank = false;
			in_code = true;
			size_t fl = 0;
			while (fl < l && fl < sizeof(fence) - 1 && p[fl] == p[0])
				fl++;
			memcpy(fence, p, fl);
			fence[fl] = '\0';
			p = next;
			continue;
		}
		if (in_code) {
			if (!strncmp(p, fence, strlen(fence))) {
				in_code = false;
				pending_blank = true;
			} else {
				for (int i = 0; i < st->indent; i++)
					strbuf_addch(out, ' ');
				strbuf_addstr(out, st->color ? TERM_DIM "│ " TERM_RESET TERM_CYAN : "  │ ");
				strbuf_add(out, p, l);
				if (st->color)
					strbuf_addstr(out, TERM_RESET);
				strbuf_addch(out, '\n');
			}
			p = next;
			continue;
		}
		if (l == 0) {
			FLUSH();
			pending_blank = true;
			p = next;
			continue;
		}
		if (pending_blank && out->len) {
			strbuf_addch(out, '\n');
		}
		pending_blank = false;
		const char *s = p;
		size_t sl = l;
		if (!strncmp(s, "#", 1)) {
			FLUSH();
			while (sl && *s == '#')
				s++, sl--;
			while (sl && *s == ' ')
				s++, sl--;
			for (int i = 0; i < st->indent; i++)
				strbuf_addch(out, ' ');
			if (st->color)
				strbuf_addstr(out, TERM_BOLD);
			strbuf_addstr(out, st->color ? "" : "▍");
			inline_text(out, s, sl, st->color);
			if (st->color)
				strbuf_addstr(out, TERM_RESET);
			strbuf_addch(out, '\n');
		} else if (*s == '|') {
			FLUSH();
			for (int i = 0; i < st->indent; i++)
				strbuf_addch(out, ' ');
			inline_text(out, s, sl, st->color);
			strbuf_addch(out, '\n');
		} else {
			size_t lead = 0;
			while (lead < sl && s[lead] == ' ')
				lead++;
			bool bullet = lead + 1 < sl && (s[lead] == '-' || s[lead] == '*') && s[lead + 1] == ' ';
			size_t num = 0;
			while (lead + num < sl && s[lead + num] >= '0' && s[lead + num] <= '9')
				num++;
			bool ordered = num && lead + num + 1 < sl && (s[lead + num] == '.' || s[lead + num] == ')') &&
				       s[lead + num + 1] == ' ';
			if (bullet || ordered) {
				FLUSH();
				int depth = (int)lead / 2;
				para_indent = st->indent + depth * 2;
				para_hang = para_indent + (bullet ? 2 : (int)num + 2);
				if (bullet) {
					strbuf_addstr(&para, "• ");
					strbuf_add(&para, s + lead + 2, sl - lead - 2);
				} else {
					strbuf_add(&para, s + lead, sl - lead);
				}
			} else {
				if (para.len) {
					/* continuation: join; no space between CJK runs */
					/* a soft line break is a space, except between two CJK characters */
					unsigned char last = (unsigned char)para.buf[para.len - 1];
					unsigned char first = (unsigned char)s[lead];
					if (last < 0x80 || first < 0x80)
						strbuf_addch(&para, ' ');
				} else {
					para_indent = para_hang = st->indent;
				}
				strbuf_add(&para, s + lead, sl - lead);
			}
		}
		p = next;
	}
	FLUSH();
	strbuf_release(&para);
#undef FLUSH
}
