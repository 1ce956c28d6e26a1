/* figures — renders every diagram of a loaded kb (diagram module) and puts each one's
 * <figure> where its placeholder is in the section HTML. See kb.h, struct kb_diagram. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kb/kb_internal.h"

/* Replaces each placeholder in html by its figure (when rendered); returns a new string. */
static char *place_figures(const char *html, const struct kb_question *q)
{
	struct strbuf out = STRBUF_INIT;
	const char *p = html;
	size_t pl = strlen(KB_DIAGRAM_PLACEHOLDER);
	for (;;) {
		const char *h = strstr(p, KB_DIAGRAM_PLACEHOLDER);
		if (!h) {
			strbuf_addstr(&out, p);
			break;
		}
		char *end;
		long n = strtol(h + pl, &end, 10);
		if (strncmp(end, "-->", 3) || n < 1 || (size_t)n > q->ndiagrams || !q->diagrams[n - 1].svg) {
			strbuf_add(&out, p, (size_t)(h + pl - p));
			p = h + pl;
			continue;
		}
		const struct kb_diagram *d = &q->diagrams[n - 1];
		strbuf_add(&out, p, (size_t)(h - p));
		strbuf_addf(&out, "<figure class=\"diagram diagram-%s\" id=\"fig-%ld\">", diagram_kind_name(d->kind), n);
		strbuf_addstr(&out, d->svg);
		strbuf_addstr(&out, "<figcaption>");
		diagram_xml_escape(&out, d->title);
		strbuf_addstr(&out, "</figcaption></figure>");
		p = end + 3;
	}
	return strbuf_detach(&out, NULL);
}

void kb_render_diagrams(struct kb *kb)
{
	size_t n = 0;
	for (size_t i = 0; i < kb->nquestions; i++)
		n += kb->questions[i].ndiagrams;
	if (!n)
		return;
	struct diagram_job *jobs = xcalloc(n, sizeof(*jobs));
	size_t k = 0;
	for (size_t i = 0; i < kb->nquestions; i++)
		for (size_t j = 0; j < kb->questions[i].ndiagrams; j++, k++) {
			const struct kb_diagram *d = &kb->questions[i].diagrams[j];
			jobs[k] = (struct diagram_job){.kind = d->kind, .src = d->source, .len = strlen(d->source)};
		}
	diagram_render(jobs, n);
	k = 0;
	for (size_t i = 0; i < kb->nquestions; i++) {
		struct kb_question *q = &kb->questions[i];
		for (size_t j = 0; j < q->ndiagrams; j++, k++) {
			struct kb_diagram *d = &q->diagrams[j];
			struct diagram_job *job = &jobs[k];
			struct bagu_err e;
			if (job->error) {
				kb_diag(kb, false, q->path, d->line + job->line, "diagram: %s", job->error);
			} else {
				struct strbuf svg = STRBUF_INIT;
				char id[32];
				snprintf(id, sizeof(id), "fig-%zu", j + 1);
				if (diagram_svg_finish(d->kind, job->svg.buf, job->svg.len, id, d->title, d->desc, &svg, &e)) {
					kb_diag(kb, false, q->path, d->line, "diagram: %s", e.msg);
					strbuf_release(&svg);
				} else {
					d->svg = strbuf_detach(&svg, NULL);
					kb->ndiagrams++;
				}
			}
			diagram_job_release(job);
		}
		for (int s = 0; s < KB_NSECTIONS; s++) {
			if (!q->html[s] || !strstr(q->html[s], KB_DIAGRAM_PLACEHOLDER))
				continue;
			char *html = place_figures(q->html[s], q);
			free(q->html[s]);
			q->html[s] = html;
		}
	}
	free(jobs);
}
