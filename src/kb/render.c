/* render — Markdown → HTML with cmark-gfm in safe mode. See kb.h. */
#include "kb/kb.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static pthread_once_t ext_once = PTHREAD_ONCE_INIT;

static void register_extensions(void)
{
	cmark_gfm_core_extensions_ensure_registered();
}

char *kb_render_html(const char *md, size_t len)
{
	pthread_once(&ext_once, register_extensions);
	/* CMARK_OPT_DEFAULT is safe: raw HTML is replaced by a comment and javascript:,
	 * vbscript:, file: and most data: URLs are dropped (CMARK_OPT_UNSAFE is not set). */
	int opts = CMARK_OPT_DEFAULT | CMARK_OPT_GITHUB_PRE_LANG | CMARK_OPT_FOOTNOTES;
	cmark_parser *p = cmark_parser_new(opts);
	static const char *const exts[] = {"table", "strikethrough", "autolink", "tagfilter"};
	cmark_llist *list = NULL;
	for (size_t i = 0; i < BAGU_ARRAY_LEN(exts); i++) {
		cmark_syntax_extension *e = cmark_find_syntax_extension(exts[i]);
		if (e) {
			cmark_parser_attach_syntax_extension(p, e);
			list = cmark_llist_append(cmark_get_default_mem_allocator(), list, e);
		}
	}
	cmark_parser_feed(p, md, len);
	cmark_node *doc = cmark_parser_finish(p);
	char *html = cmark_render_html(doc, opts, list);
	char *out = xstrdup(html);
	free(html);
	cmark_llist_free(cmark_get_default_mem_allocator(), list);
	cmark_node_free(doc);
	cmark_parser_free(p);
	return out;
}
