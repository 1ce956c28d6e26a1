/*
 * gen/tabwriter — a port of Go's text/tabwriter as go/printer (gofmt) configures it:
 * minwidth 0, tabwidth 8, padding 1, padchar ' ', DiscardEmptyColumns | TabIndent,
 * followed by go/printer's trimmer (no trailing blanks). The Go emitter writes a
 * stream the way go/printer does ('\t' indentation, '\v' alignment separators,
 * '\f' section breaks) and this turns it into exactly what gofmt prints.
 *
 * Cell widths are counted in code points, as text/tabwriter does.
 */
#ifndef BAGU_GEN_TABWRITER_H
#define BAGU_GEN_TABWRITER_H

#include <stddef.h>

#include "util/util.h"

/* Formats the whole stream in[0..n) and appends the result to out. */
void gen_tabwrite(const char *in, size_t n, struct strbuf *out);

#endif
