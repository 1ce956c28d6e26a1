/* Fuzz target: the diagram module's text parsers — the fence info string, the DOT/msc
 * policy lint, and the SVG post-processor (which must never emit anything outside its
 * allow-list, whatever it is fed). Graphviz and mscgen themselves are not fuzzed here.
 * The first byte picks the parser. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diagram/diagram.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

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
		if (diagram_svg_finish(kind, s, n, "fig-1", "t<", "d&", &out, &err) == 0) {
			/* nothing scriptable or external survives */
			static const char *const banned[] = {"<script", "<a ", "href", "onload", "onclick",
							     "<foreignObject", "<image", "<!--", "<?", "style=", NULL};
			for (size_t i = 0; banned[i]; i++)
				if (strstr(out.buf, banned[i]))
					abort();
			if (strncmp(out.buf, "<svg xmlns=", 11))
				abort();
		}
		strbuf_release(&out);
		break;
	}
	}
	return 0;
}
