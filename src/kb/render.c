/* render — Markdown → HTML with cmark-gfm in safe mode. See kb.h. */
#include "kb/kb.h"
#include "kb/kb_internal.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static pthread_once_t ext_once = PTHREAD_ONCE_INIT;

static void register_extensions(void)
{
	cmark_gfm_core_extensions_ensure_registered();
}

char *kb_render_html(const char *md, size_t len)
{
	return kb_render_section(md, len, NULL, NULL);
}

char *kb_render_section(const char *md, size_t len, kb_code_hook hook, void *ctx)
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
	if (hook) {
		/* Fenced blocks the hook claims become a placeholder the caller replaces
		 * later: a custom block is written verbatim, and safe mode escapes every '<'
		 * of the content, so "<!--diagram:N-->" cannot come from the Markdown. */
		cmark_node **claimed = NULL;
		int *nums = NULL;
		size_t nclaimed = 0, alloc = 0, nalloc = 0;
		cmark_iter *it = cmark_iter_new(doc);
		cmark_event_type ev;
		while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
			cmark_node *n = cmark_iter_get_node(it);
			int flen, foff;
			char fch;
			if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(n) != CMARK_NODE_CODE_BLOCK ||
			    !cmark_node_get_fenced(n, &flen, &foff, &fch))
				continue;
			const char *lit = cmark_node_get_literal(n);
			int num = hook(ctx, cmark_node_get_start_line(n), lit ? lit : "");
			if (num < 0)
				continue;
			XGROW(claimed, alloc, nclaimed + 1);
			XGROW(nums, nalloc, nclaimed + 1);
			claimed[nclaimed] = n;
			nums[nclaimed++] = num;
		}
		cmark_iter_free(it);
		for (size_t i = 0; i < nclaimed; i++) {
			cmark_node *ph = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK);
			char buf[32];
			snprintf(buf, sizeof(buf), KB_DIAGRAM_PLACEHOLDER "%d-->", nums[i]);
			cmark_node_set_on_enter(ph, buf);
			if (cmark_node_replace(claimed[i], ph)) {
				cmark_node_free(claimed[i]);
			} else {
				cmark_node_free(ph);
			}
		}
		free(claimed);
		free(nums);
	}
	char *html = cmark_render_html(doc, opts, list);
	char *out = xstrdup(html);
	free(html);
	cmark_llist_free(cmark_get_default_mem_allocator(), list);
	cmark_node_free(doc);
	cmark_parser_free(p);
	return out;
}
