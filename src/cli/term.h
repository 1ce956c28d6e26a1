/*
 * term — renders an answer's Markdown for a terminal: paragraphs and list items wrapped
 * to a width by display columns (CJK counts two, breaks allowed between CJK characters),
 * ### headings in bold, code blocks set apart with a gutter and never wrapped, tables
 * printed as they are. Colour (ANSI) only when asked. Front-end helper; no domain logic.
 */
#ifndef BAGU_CLI_TERM_H
#define BAGU_CLI_TERM_H

#include <stdbool.h>

#include "util/util.h"

struct term_style {
	int width;
	bool color;
	int indent; /* left margin in columns */
};

void term_render_markdown(struct strbuf *out, const char *md, const struct term_style *st);
/* Appends text wrapped to st->width with the given first-line and continuation indents. */
void term_wrap(struct strbuf *out, const char *text, size_t n, int indent, int hang,
	       const struct term_style *st);

#define TERM_BOLD "\033[1m"
#define TERM_DIM "\033[2m"
#define TERM_CYAN "\033[36m"
#define TERM_GREEN "\033[32m"
#define TERM_YELLOW "\033[33m"
#define TERM_RESET "\033[0m"

#endif
