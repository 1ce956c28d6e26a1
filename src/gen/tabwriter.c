/* gen/tabwriter — go/printer's text/tabwriter + trimmer. See tabwriter.h. */
#include "gen/tabwriter.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

struct tw_cell {
	size_t size, width;
	bool htab;
};

struct tw_line {
	struct tw_cell *cells;
	size_t n, alloc;
};

struct tw {
	struct strbuf buf; /* collected text of all cells */
	size_t pos;        /* start of text whose width is not counted yet */
	struct tw_cell cell;
	struct tw_line *lines;
	size_t nlines, alines;
	size_t *widths;
	size_t nwidths, awidths;
	struct strbuf *out; /* untrimmed output */
};

enum { TABWIDTH = 8, PADDING = 1 };

static void add_line(struct tw *t)
{
	XGROW(t->lines, t->alines, t->nlines + 1);
	memset(&t->lines[t->nlines], 0, sizeof(struct tw_line));
	t->nlines++;
}

static void reset(struct tw *t)
{
	strbuf_reset(&t->buf);
	t->pos = 0;
	memset(&t->cell, 0, sizeof(t->cell));
	for (size_t i = 0; i < t->nlines; i++)
		free(t->lines[i].cells);
	t->nlines = 0;
	t->nwidths = 0;
	add_line(t);
}

static size_t terminate_cell(struct tw *t, bool htab)
{
	t->cell.htab = htab;
	struct tw_line *l = &t->lines[t->nlines - 1];
	XGROW(l->cells, l->alloc, l->n + 1);
	l->cells[l->n++] = t->cell;
	memset(&t->cell, 0, sizeof(t->cell));
	return l->n;
}

static void update_width(struct tw *t)
{
	t->cell.width += utf8_len(t->buf.buf + t->pos, t->buf.len - t->pos);
	t->pos = t->buf.len;
}

static void write_padding(struct tw *t, size_t textw, size_t cellw, bool use_tabs)
{
	if (use_tabs) {
		cellw = (cellw + TABWIDTH - 1) / TABWIDTH * TABWIDTH;
		size_t n = cellw - textw;
		for (size_t i = 0; i < (n + TABWIDTH - 1) / TABWIDTH; i++)
			strbuf_addch(t->out, '\t');
		return;
	}
	for (size_t i = textw; i < cellw; i++)
		strbuf_addch(t->out, ' ');
}

static size_t write_lines(struct tw *t, size_t pos, size_t line0, size_t line1)
{
	for (size_t i = line0; i < line1; i++) {
		struct tw_line *l = &t->lines[i];
		bool use_tabs = true;
		for (size_t j = 0; j < l->n; j++) {
			struct tw_cell *c = &l->cells[j];
			if (c->size == 0) {
				if (j < t->nwidths)
					write_padding(t, c->width, t->widths[j], use_tabs);
			} else {
				use_tabs = false;
				strbuf_add(t->out, t->buf.buf + pos, c->size);
				pos += c->size;
				if (j < t->nwidths)
					write_padding(t, c->width, t->widths[j], false);
			}
		}
		if (i + 1 == t->nlines) {
			strbuf_add(t->out, t->buf.buf + pos, t->cell.size);
			pos += t->cell.size;
		} else {
			strbuf_addch(t->out, '\n');
		}
	}
	return pos;
}

static bool no_cell(const struct tw_line *l, size_t column)
{
	/* Go: column >= len(line)-1 (the last cell of a line is not in a column) */
	return (long)column >= (long)l->n - 1;
}

static size_t format(struct tw *t, size_t pos, size_t line0, size_t line1)
{
	size_t column = t->nwidths;
	for (size_t this = line0; this < line1; this++) {
		if (no_cell(&t->lines[this], column))
			continue;
		pos = write_lines(t, pos, line0, this);
		line0 = this;
		size_t width = 0;
		bool discardable = true;
		for (; this < line1; this++) {
			struct tw_line *l = &t->lines[this];
			if (no_cell(l, column))
				break;
			struct tw_cell *c = &l->cells[column];
			if (c->width + PADDING > width)
				width = c->width + PADDING;
			if (c->width > 0 || c->htab)
				discardable = false;
		}
		if (discardable)
			width = 0;
		XGROW(t->widths, t->awidths, t->nwidths + 1);
		t->widths[t->nwidths++] = width;
		pos = format(t, pos, line0, this);
		t->nwidths--;
		line0 = this;
	}
	return write_lines(t, pos, line0, line1);
}

static void flush(struct tw *t)
{
	if (t->cell.size > 0)
		terminate_cell(t, false);
	format(t, 0, 0, t->nlines);
	reset(t);
}

void gen_tabwrite(const char *in, size_t n, struct strbuf *out)
{
	struct tw t;
	memset(&t, 0, sizeof(t));
	strbuf_init(&t.buf, 0);
	struct strbuf raw = STRBUF_INIT;
	t.out = &raw;
	reset(&t);
	size_t start = 0;
	for (size_t i = 0; i < n; i++) {
		char ch = in[i];
		if (ch != '\t' && ch != '\v' && ch != '\n' && ch != '\f')
			continue;
		strbuf_add(&t.buf, in + start, i - start);
		t.cell.size += i - start;
		start = i + 1;
		update_width(&t);
		size_t ncells = terminate_cell(&t, ch == '\t');
		if (ch == '\n' || ch == '\f') {
			add_line(&t);
			if (ch == '\f' || ncells == 1)
				flush(&t);
		}
	}
	strbuf_add(&t.buf, in + start, n - start);
	t.cell.size += n - start;
	update_width(&t);
	flush(&t);
	for (size_t i = 0; i < t.nlines; i++)
		free(t.lines[i].cells);
	free(t.lines);
	free(t.widths);
	strbuf_release(&t.buf);

	/* trimmer: drop blanks before every newline and at the end */
	size_t ls = 0;
	for (size_t i = 0; i <= raw.len; i++) {
		if (i == raw.len || raw.buf[i] == '\n') {
			size_t e = i;
			while (e > ls && (raw.buf[e - 1] == ' ' || raw.buf[e - 1] == '\t'))
				e--;
			strbuf_add(out, raw.buf + ls, e - ls);
			if (i < raw.len)
				strbuf_addch(out, '\n');
			ls = i + 1;
		}
	}
	strbuf_release(&raw);
}
