/* diagram_int — what the diagram module's files share; not part of its API. */
#ifndef BAGU_DIAGRAM_INT_H
#define BAGU_DIAGRAM_INT_H

#include "diagram/diagram.h"

/* Whether a DOT attribute name is refused (case-insensitive). */
bool diagram_dot_attr_banned(const char *name);
/* Whether name is an allowed layout engine. */
bool diagram_dot_layout_ok(const char *name);
/* Value rules for DOT attributes (layout, shape, peripheries, sides): 0 or -1 with err. */
int diagram_check_value(const char *name, const char *value, struct bagu_err *err);
/* Refuses <IMG> and link attributes in an HTML-like label s[0..n); *line_off is the
 * number of newlines before the offending place. */
int diagram_check_html(const char *s, size_t n, int *line_off, struct bagu_err *err);

#endif
