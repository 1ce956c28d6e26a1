/* escape — output-context escaping for the web front end (see escape.h). */
#include <string.h>

#include "util/json.h"
#include "web/escape.h"

/* HTML text and attribute values share one escape set: the five characters that can
 * end a text run or either kind of quoted attribute. */
static void esc_markup(struct strbuf *sb, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;
	strbuf_grow(sb, n + n / 8);
	while (p < end) {
		const unsigned char *run = p;
		while (p < end && *p < 0x80 && *p != '&' && *p != '<' && *p != '>' && *p != '"' && *p != '\'' &&
		       *p != 0)
			p++;
		if (p > run)
			strbuf_add(sb, run, (size_t)(p - run));
		if (p >= end)
			break;
		switch (*p) {
		case '&': strbuf_add(sb, "&amp;", 5); p++; continue;
		case '<': strbuf_add(sb, "&lt;", 4); p++; continue;
		case '>': strbuf_add(sb, "&gt;", 4); p++; continue;
		case '"': strbuf_add(sb, "&quot;", 6); p++; continue;
		case '\'': strbuf_add(sb, "&#39;", 5); p++; continue;
		case 0: strbuf_add(sb, "\xEF\xBF\xBD", 3); p++; continue;
		default: break;
		}
		uint32_t cp;
		int l = utf8_decode(p, (size_t)(end - p), &cp);
		if (l == 0) {
			strbuf_add(sb, "\xEF\xBF\xBD", 3);
			p++;
		} else {
			strbuf_add(sb, p, (size_t)l);
			p += l;
		}
	}
}

void esc_html(struct strbuf *sb, const char *s, size_t n)
{
	esc_markup(sb, s, n);
}

void esc_attr(struct strbuf *sb, const char *s, size_t n)
{
	esc_markup(sb, s, n);
}

void esc_url(struct strbuf *sb, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	strbuf_grow(sb, n * 3);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
		    c == '.' || c == '_' || c == '~') {
			strbuf_addch(sb, c);
		} else {
			char e[3] = {'%', hex[c >> 4], hex[c & 15]};
			strbuf_add(sb, e, 3);
		}
	}
}

void esc_js(struct strbuf *sb, const char *s, size_t n)
{
	json_escape(sb, s, n);
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

int url_decode(struct strbuf *sb, const char *s, size_t n, bool plus_is_space)
{
	for (size_t i = 0; i < n; i++) {
		int c = (unsigned char)s[i];
		if (c == '%') {
			if (i + 2 >= n)
				return -1;
			int a = hexval((unsigned char)s[i + 1]), b = hexval((unsigned char)s[i + 2]);
			if (a < 0 || b < 0)
				return -1;
			c = a * 16 + b;
			i += 2;
		} else if (c == '+' && plus_is_space) {
			c = ' ';
		}
		if (c == 0)
			return -1;
		strbuf_addch(sb, c);
	}
	return 0;
}
