/* Fuzz target: the diagram module's text parsers — the fence info string, the DOT/msc
 * policy lint, and the SVG post-processor (which must never emit anything outside its
 * allow-list, whatever it is fed). Graphviz and mscgen themselves are not fuzzed here.
 * The first byte picks the parser. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diagram/diagram.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool listed(const char *const *list, const char *s, size_t n)
{
	for (size_t i = 0; list[i]; i++)
		if (strlen(list[i]) == n && !memcmp(list[i], s, n))
			return true;
	return false;
}

/* Re-reads the output: every element and attribute name must be one the post-processor
 * may write, every value double-quoted, no '<' outside tags; else abort. */
static void check_svg(const char *p)
{
	static const char *const elems[] = {"svg", "g", "polygon", "polyline", "path", "ellipse", "circle",
					    "rect", "line", "text", "tspan", "defs", "linearGradient",
					    "radialGradient", "stop", "clipPath", "title", "desc", NULL};
	static const char *const attrs[] = {
		"xmlns", "viewBox", "role", "aria-labelledby", "aria-describedby", "class", "id", "points", "d",
		"cx", "cy", "rx", "ry", "r", "x", "y", "x1", "y1", "x2", "y2", "dx", "dy", "width", "height",
		"transform", "fill", "stroke", "stroke-width", "stroke-dasharray", "stroke-linecap",
		"stroke-linejoin", "stroke-miterlimit", "stroke-opacity", "fill-opacity", "opacity", "font-family",
		"font-size", "font-weight", "font-style", "text-anchor", "text-decoration", "offset",
		"gradientUnits", "gradientTransform", "stop-color", "stop-opacity", "fx", "fy", "clip-path",
		"shape-rendering", "text-rendering", "dominant-baseline", "baseline-shift", NULL};
	if (strncmp(p, "<svg xmlns=", 11))
		abort();
	while ((p = strchr(p, '<'))) {
		p++;
		if (*p == '/')
			p++;
		size_t n = strcspn(p, " />");
		if (!listed(elems, p, n))
			abort();
		p += n;
		for (;;) {
			while (*p == ' ')
				p++;
			if (*p == '>' || (p[0] == '/' && p[1] == '>'))
				break;
			size_t a = strcspn(p, "=");
			if (!listed(attrs, p, a) || p[a] != '=' || p[a + 1] != '"')
				abort();
			const char *q = strchr(p + a + 2, '"');
			if (!q || memchr(p + a + 2, '<', (size_t)(q - (p + a + 2))))
				abort();
			p = q + 1;
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1 || size > DIAGRAM_MAX_SOURCE + 1)
		return 0;
	const char *s = (const char *)data + 1;
	size_t n = size - 1;
	struct bagu_err err;
	switch (data[0] % 4) {
	case 0: {
		struct diagram_info info;
		if (diagram_parse_info(s, n, &info, &err) == 0) {
			if (!info.title || !*info.title || !info.desc || !*info.desc)
				abort();
			diagram_info_release(&info);
		}
		break;
	}
	case 1:
	case 2: {
		int line;
		if (diagram_lint(data[0] % 4 == 1 ? DIAGRAM_DOT : DIAGRAM_MSC, s, n, &line, &err) && line < 0)
			abort();
		break;
	}
	case 3: {
		struct strbuf out = STRBUF_INIT;
		enum diagram_kind kind = data[0] & 4 ? DIAGRAM_MSC : DIAGRAM_DOT;
		if (diagram_svg_finish(kind, s, n, "fig-1", "t<", "d&", &out, &err) == 0)
			check_svg(out.buf);
		strbuf_release(&out);
		break;
	}
	}
	return 0;
}
