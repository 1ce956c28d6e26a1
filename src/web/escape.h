/*
 * web/escape — the one place where dynamic values are escaped for their output context
 * (after cgit's html_txt / html_attr / html_url_arg). No page is built without it: every
 * value that did not come from a string literal in src/web/ goes through one of these.
 *
 *   esc_html     HTML text content:   & < > " '  →  &amp; &lt; &gt; &quot; &#39;
 *   esc_attr     a double- or single-quoted attribute value (same set: safe in both)
 *   esc_url      one URL component (a path segment or a query value): everything but
 *                RFC 3986 unreserved characters is percent-encoded, so '/', '?', '&',
 *                '#', ':' and spaces cannot change the URL's structure or scheme
 *   esc_js       a JavaScript/JSON string literal with its quotes (json_escape: also
 *                escapes < > & U+2028 U+2029, so it is safe inside HTML too)
 *
 * Invalid UTF-8 is replaced by U+FFFD in HTML contexts so a browser can never resync
 * on a stray byte. All functions append to sb; n is the length of s (or use the *_str
 * forms for NUL-terminated input; NULL appends nothing).
 *
 * url_decode is the inverse of esc_url for request parsing ('+' is a space only when
 * plus_is_space); it fails on malformed %XX and on decoded NUL bytes.
 *
 * Layer: web front end; uses util only.
 */
#ifndef BAGU_WEB_ESCAPE_H
#define BAGU_WEB_ESCAPE_H

#include "util/util.h"

void esc_html(struct strbuf *sb, const char *s, size_t n);
void esc_attr(struct strbuf *sb, const char *s, size_t n);
void esc_url(struct strbuf *sb, const char *s, size_t n);
void esc_js(struct strbuf *sb, const char *s, size_t n);

static inline void esc_html_str(struct strbuf *sb, const char *s)
{
	if (s)
		esc_html(sb, s, __builtin_strlen(s));
}
static inline void esc_attr_str(struct strbuf *sb, const char *s)
{
	if (s)
		esc_attr(sb, s, __builtin_strlen(s));
}
static inline void esc_url_str(struct strbuf *sb, const char *s)
{
	if (s)
		esc_url(sb, s, __builtin_strlen(s));
}

/* Decodes %XX (and '+' when plus_is_space) from s[0..n) into sb. Returns 0, or -1 for a
 * malformed escape or a decoded NUL byte (sb then holds a partial result). */
int url_decode(struct strbuf *sb, const char *s, size_t n, bool plus_is_space) BAGU_MUST_CHECK;

#endif
