/* info — the info string of a diagram's fence: `dot title="..." desc="..."`. See diagram.h. */
#include <stdlib.h>
#include <string.h>

#include "diagram/diagram.h"

const char *diagram_kind_name(enum diagram_kind kind)
{
	return kind == DIAGRAM_MSC ? "msc" : "dot";
}

void diagram_info_release(struct diagram_info *info)
{
	free(info->title);
	free(info->desc);
	info->title = info->desc = NULL;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

int diagram_parse_info(const char *s, size_t n, struct diagram_info *out, struct bagu_err *err)
{
	memset(out, 0, sizeof(*out));
	size_t i = 0;
	while (i < n && is_space(s[i]))
		i++;
	size_t w = i;
	while (w < n && !is_space(s[w]))
		w++;
	if (w - i == 3 && !memcmp(s + i, "dot", 3))
		out->kind = DIAGRAM_DOT;
	else if (w - i == 3 && !memcmp(s + i, "msc", 3))
		out->kind = DIAGRAM_MSC;
	else
		return 1;
	i = w;
	for (;;) {
		while (i < n && is_space(s[i]))
			i++;
		if (i >= n)
			break;
		size_t name = i;
		while (i < n && s[i] >= 'a' && s[i] <= 'z')
			i++;
		size_t nl = i - name;
		if (nl == 0 || (i < n && s[i] != '=' && !is_space(s[i]))) {
			size_t e = name;
			while (e < n && !is_space(s[e]) && e - name < 40)
				e++;
			bagu_error(err, "unexpected '%.*s' in the info string (expected title=\"...\" desc=\"...\")",
				   (int)(e - name), s + name);
			goto fail;
		}
		char **slot;
		const char *which;
		if (nl == 5 && !memcmp(s + name, "title", 5))
			slot = &out->title, which = "title";
		else if (nl == 4 && !memcmp(s + name, "desc", 4))
			slot = &out->desc, which = "desc";
		else {
			bagu_error(err, "unknown attribute '%.*s' (expected title, desc)", (int)nl, s + name);
			goto fail;
		}
		if (*slot) {
			bagu_error(err, "duplicate attribute '%s'", which);
			goto fail;
		}
		if (i >= n || s[i] != '=' || i + 1 >= n || s[i + 1] != '"') {
			bagu_error(err, "attribute '%s' needs a double-quoted value: %s=\"...\"", which, which);
			goto fail;
		}
		i += 2;
		const char *q = memchr(s + i, '"', n - i);
		if (!q) {
			bagu_error(err, "unterminated quote in %s=\"...\"", which);
			goto fail;
		}
		size_t vl = (size_t)(q - (s + i));
		size_t cap = slot == &out->title ? DIAGRAM_MAX_TITLE : DIAGRAM_MAX_DESC;
		if (vl > cap) {
			bagu_error(err, "%s is longer than %zu bytes", which, cap);
			goto fail;
		}
		for (size_t k = 0; k < vl; k++)
			if ((unsigned char)s[i + k] < 0x20) {
				bagu_error(err, "%s contains a control character", which);
				goto fail;
			}
		size_t a = i, b = i + vl;
		while (a < b && s[a] == ' ')
			a++;
		while (b > a && s[b - 1] == ' ')
			b--;
		if (a == b) {
			bagu_error(err, "empty %s=\"\"", which);
			goto fail;
		}
		*slot = xstrndup(s + a, b - a);
		i = (size_t)(q - s) + 1;
		if (i < n && !is_space(s[i])) {
			bagu_error(err, "expected a space after %s=\"...\"", which);
			goto fail;
		}
	}
	if (!out->title) {
		bagu_error(err, "missing title=\"...\"");
		goto fail;
	}
	if (!out->desc) {
		bagu_error(err, "missing desc=\"...\"");
		goto fail;
	}
	return 0;
fail:
	diagram_info_release(out);
	return -1;
}

void diagram_xml_escape(struct strbuf *sb, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': strbuf_addstr(sb, "&amp;"); break;
		case '<': strbuf_addstr(sb, "&lt;"); break;
		case '>': strbuf_addstr(sb, "&gt;"); break;
		case '"': strbuf_addstr(sb, "&quot;"); break;
		case '\'': strbuf_addstr(sb, "&#39;"); break;
		default: strbuf_addch(sb, *s); break;
		}
	}
}
