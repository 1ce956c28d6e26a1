/* pages — the site's HTML, server-rendered and usable without JavaScript. Every dynamic
 * value goes through escape.h; answer bodies are the safe HTML cmark-gfm rendered at
 * build time (raw HTML and unsafe links already dropped). */
#include <string.h>

#include "web/assets.h"
#include "web/escape.h"
#include "web/web_int.h"

#define ADD(sb, lit) strbuf_add((sb), (lit), sizeof(lit) - 1)

static const char *asset_version(const char *name)
{
	const struct web_asset *a = web_asset_find(name);
	return a ? a->version : "0";
}

static const char *topic_name(const struct web_topic *t, enum web_lang lang)
{
	return lang == LANG_EN && t->t.en && *t->t.en ? t->t.en : t->t.zh;
}

static void page_begin(struct strbuf *sb, enum web_lang lang, const char *title, const char *self,
		       const char *body_class)
{
	const struct web_ui *u = web_ui(lang);
	ADD(sb, "<!doctype html>\n<html lang=\"");
	strbuf_addstr(sb, u->html_lang);
	ADD(sb, "\">\n<head>\n<meta charset=\"utf-8\">\n"
		"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		"<meta name=\"color-scheme\" content=\"light dark\">\n<title>");
	if (title) {
		esc_html_str(sb, title);
		ADD(sb, " · ");
	}
	strbuf_addstr(sb, u->site_name);
	ADD(sb, "</title>\n<link rel=\"icon\" href=\"/static/favicon.svg?v=");
	strbuf_addstr(sb, asset_version("favicon.svg"));
	ADD(sb, "\" type=\"image/svg+xml\">\n<link rel=\"stylesheet\" href=\"/static/site.css?v=");
	strbuf_addstr(sb, asset_version("site.css"));
	ADD(sb, "\">\n<script src=\"/static/hl.js?v=");
	strbuf_addstr(sb, asset_version("hl.js"));
	ADD(sb, "\" defer></script>\n<script src=\"/static/app.js?v=");
	strbuf_addstr(sb, asset_version("app.js"));
	ADD(sb, "\" defer></script>\n</head>\n<body class=\"");
	esc_attr_str(sb, body_class);
	ADD(sb, "\" data-copy=\"");
	esc_attr_str(sb, u->copy);
	ADD(sb, "\" data-copied=\"");
	esc_attr_str(sb, u->copied);
	ADD(sb, "\">\n<a class=\"skip\" href=\"#main\">");
	esc_html_str(sb, u->skip);
	ADD(sb, "</a>\n<header class=\"top\"><div class=\"wrap\">\n<a class=\"brand\" href=\"/\">bagu <span>八股</span></a>\n"
		"<form class=\"search mini\" action=\"/search\" method=\"get\" role=\"search\">"
		"<input type=\"search\" name=\"q\" placeholder=\"");
	esc_attr_str(sb, u->search_placeholder);
	ADD(sb, "\" aria-label=\"");
	esc_attr_str(sb, u->nav_search);
	ADD(sb, "\"></form>\n<nav class=\"links\"><a href=\"/\">");
	esc_html_str(sb, u->nav_roadmap);
	ADD(sb, "</a><a href=\"/search\">");
	esc_html_str(sb, u->nav_search);
	ADD(sb, "</a><a href=\"/tools\">");
	esc_html_str(sb, u->nav_tools);
	ADD(sb, "</a><a class=\"lang\" hreflang=\"");
	strbuf_addstr(sb, u->other_lang_code);
	ADD(sb, "\" href=\"/lang?to=");
	strbuf_addstr(sb, u->other_lang_code);
	ADD(sb, "&amp;next=");
	esc_url_str(sb, self);
	ADD(sb, "\">");
	esc_html_str(sb, u->other_lang_name);
	ADD(sb, "</a></nav>\n</div></header>\n<main id=\"main\" class=\"wrap\">\n");
}

static void page_end(struct strbuf *sb, enum web_lang lang)
{
	const struct web_ui *u = web_ui(lang);
	ADD(sb, "</main>\n<footer class=\"wrap\"><p>");
	esc_html_str(sb, u->footer);
	ADD(sb, " · ");
	esc_html_str(sb, u->theme_note);
	ADD(sb, "</p></footer>\n</body>\n</html>\n");
}

static void level_badge(struct strbuf *sb, enum web_lang lang, int level)
{
	strbuf_addf(sb, "<span class=\"level level-%d\">", level);
	esc_html_str(sb, web_ui(lang)->level_name[level]);
	ADD(sb, "</span>");
}

static void freq_stars(struct strbuf *sb, enum web_lang lang, int freq)
{
	if (freq < 0)
		freq = 0;
	if (freq > 5)
		freq = 5;
	strbuf_addf(sb, "<span class=\"freq\" title=\"%s %d/5\" aria-label=\"%s %d/5\">", web_ui(lang)->freq, freq,
		    web_ui(lang)->freq, freq);
	for (int i = 0; i < 5; i++)
		strbuf_addstr(sb, i < freq ? "★" : "☆");
	ADD(sb, "</span>");
}

static void topic_link(struct strbuf *sb, const struct web_topic *t, enum web_lang lang)
{
	ADD(sb, "<a href=\"/topics/");
	esc_url_str(sb, t->t.id);
	ADD(sb, "\">");
	esc_html_str(sb, topic_name(t, lang));
	ADD(sb, "</a>");
}

static void question_link(struct strbuf *sb, const struct web_question *q)
{
	ADD(sb, "<a href=\"/q/");
	esc_url_str(sb, q->q.id);
	ADD(sb, "\">");
	esc_html_str(sb, q->q.title);
	ADD(sb, "</a>");
}

static void crumbs(struct strbuf *sb, const struct web_site *s, int topic, enum web_lang lang, bool link_last)
{
	int chain[64], n = 0;
	for (int t = topic; t >= 0 && n < 64; t = s->topics[t].parent)
		chain[n++] = t;
	ADD(sb, "<nav class=\"crumbs\" aria-label=\"breadcrumb\"><a href=\"/\">");
	esc_html_str(sb, web_ui(lang)->nav_roadmap);
	ADD(sb, "</a>");
	for (int i = n - 1; i >= 0; i--) {
		ADD(sb, " <span aria-hidden=\"true\">›</span> ");
		if (i == 0 && !link_last) {
			ADD(sb, "<span aria-current=\"page\">");
			esc_html_str(sb, topic_name(&s->topics[chain[i]], lang));
			ADD(sb, "</span>");
		} else {
			topic_link(sb, &s->topics[chain[i]], lang);
		}
	}
	ADD(sb, "</nav>\n");
}

static void search_form(struct strbuf *sb, enum web_lang lang, const char *q, const char *cls)
{
	const struct web_ui *u = web_ui(lang);
	ADD(sb, "<form class=\"search ");
	esc_attr_str(sb, cls);
	ADD(sb, "\" action=\"/search\" method=\"get\" role=\"search\"><input type=\"search\" name=\"q\" value=\"");
	esc_attr_str(sb, q ? q : "");
	ADD(sb, "\" placeholder=\"");
	esc_attr_str(sb, u->search_placeholder);
	ADD(sb, "\" aria-label=\"");
	esc_attr_str(sb, u->nav_search);
	ADD(sb, "\"><button type=\"submit\">");
	esc_html_str(sb, u->search_button);
	ADD(sb, "</button></form>\n");
}

/* ---- home ---- */

void page_home(const struct web_site *s, enum web_lang lang, struct strbuf *sb)
{
	const struct web_ui *u = web_ui(lang);
	page_begin(sb, lang, NULL, "/", "home");
	ADD(sb, "<section class=\"hero\"><h1>bagu <span>八股</span></h1>\n<p class=\"tagline\">");
	esc_html_str(sb, u->tagline);
	ADD(sb, "</p>\n");
	search_form(sb, lang, NULL, "big");
	strbuf_addf(sb, "<p class=\"stats\">%zu %s %d/%d</p>\n</section>\n", s->nqs, u->stats_line,
		    s->stats.seeds_answered, KB_SEED_MAX - (KB_SEED_TOOLS_LAST - KB_SEED_TOOLS_FIRST + 1));
	ADD(sb, "<section class=\"roadmap\" aria-labelledby=\"roadmap-h\"><h2 id=\"roadmap-h\">");
	esc_html_str(sb, u->stage_title);
	ADD(sb, "</h2>\n<ol class=\"stages\">\n");
	for (int st = 0; st < 3; st++) {
		strbuf_addf(sb, "<li class=\"stage stage-%d\" id=\"stage-%d\"><h3><span class=\"step\">%d</span> ", st,
			    st + 1, st + 1);
		esc_html_str(sb, u->level_name[st]);
		ADD(sb, "</h3>\n<p class=\"intro\">");
		esc_html_str(sb, u->stage_intro[st]);
		ADD(sb, "</p>\n");
		/* group by area root, in topics.yaml order */
		for (size_t r = 0; r < s->ntopics; r++) {
			if (s->topics[r].parent >= 0)
				continue;
			bool opened = false;
			for (size_t i = 0; i < s->ntopics; i++) {
				const struct web_topic *t = &s->topics[i];
				if (t->root != (int)r || t->parent < 0 || kb_level_index(t->t.stage) != st)
					continue;
				if (!opened) {
					ADD(sb, "<div class=\"area\"><h4>");
					topic_link(sb, &s->topics[r], lang);
					ADD(sb, "</h4><ul class=\"topics\">");
					opened = true;
				}
				ADD(sb, "<li");
				if (!t->nquestions)
					ADD(sb, " class=\"empty\"");
				ADD(sb, "><a href=\"/topics/");
				esc_url_str(sb, t->t.id);
				ADD(sb, "\">");
				esc_html_str(sb, topic_name(t, lang));
				strbuf_addf(sb, " <span class=\"count\">%zu</span></a></li>", t->nquestions);
			}
			if (opened)
				ADD(sb, "</ul></div>\n");
		}
		ADD(sb, "</li>\n");
	}
	ADD(sb, "</ol>\n</section>\n<section class=\"cards\"><a class=\"card\" href=\"/tools\"><h2>");
	esc_html_str(sb, u->tools_title);
	ADD(sb, "</h2><p>");
	esc_html_str(sb, u->tools_card);
	ADD(sb, "</p></a></section>\n");
	page_end(sb, lang);
}

/* ---- topic ---- */

static void question_row(struct strbuf *sb, const struct web_site *s, const struct web_question *q,
			 enum web_lang lang, bool show_topic)
{
	ADD(sb, "<li>");
	level_badge(sb, lang, q->level);
	ADD(sb, " ");
	question_link(sb, q);
	ADD(sb, " ");
	freq_stars(sb, lang, q->q.freq);
	if (show_topic && q->topic >= 0) {
		ADD(sb, " <span class=\"topic\">");
		topic_link(sb, &s->topics[q->topic], lang);
		ADD(sb, "</span>");
	}
	ADD(sb, "</li>\n");
}

void page_topic(const struct web_site *s, const struct web_topic *t, enum web_lang lang, struct strbuf *sb)
{
	const struct web_ui *u = web_ui(lang);
	struct strbuf self = STRBUF_INIT;
	strbuf_addstr(&self, "/topics/");
	strbuf_addstr(&self, t->t.id);
	page_begin(sb, lang, topic_name(t, lang), self.buf, "topic");
	strbuf_release(&self);
	crumbs(sb, s, (int)(t - s->topics), lang, false);
	ADD(sb, "<h1>");
	esc_html_str(sb, t->t.zh);
	if (t->t.en && *t->t.en && strcmp(t->t.en, t->t.zh)) {
		ADD(sb, " <span class=\"en\">");
		esc_html_str(sb, t->t.en);
		ADD(sb, "</span>");
	}
	ADD(sb, "</h1>\n");
	if (t->t.about && *t->t.about) {
		ADD(sb, "<p class=\"about\">");
		esc_html_str(sb, t->t.about);
		ADD(sb, "</p>\n");
	}
	ADD(sb, "<p class=\"meta\">");
	int st = kb_level_index(t->t.stage);
	level_badge(sb, lang, st < 0 ? 0 : st);
	strbuf_addf(sb, " <span>%zu %s</span>", t->nquestions, u->questions_n);
	if (t->ntotal != t->nquestions)
		strbuf_addf(sb, " <span class=\"dim\">(%zu %s)</span>", t->ntotal,
			    lang == LANG_EN ? "with sub-topics" : "含子主题");
	ADD(sb, "</p>\n");
	if (t->nprereq) {
		ADD(sb, "<p class=\"prereqs\"><strong>");
		esc_html_str(sb, u->prereqs);
		ADD(sb, "</strong> ");
		for (size_t i = 0; i < t->nprereq; i++) {
			const struct web_topic *p = web_find_topic(s, t->prereq[i]);
			if (i)
				ADD(sb, " · ");
			if (p)
				topic_link(sb, p, lang);
			else
				esc_html_str(sb, t->prereq[i]);
		}
		ADD(sb, "</p>\n");
	}
	if (t->nquestions) {
		ADD(sb, "<section class=\"qs\"><h2>");
		strbuf_addstr(sb, lang == LANG_EN ? "Questions" : "题目");
		ADD(sb, "</h2>\n<ol class=\"qlist\">\n");
		for (size_t i = 0; i < t->nquestions; i++)
			question_row(sb, s, &s->qs[t->questions[i]], lang, false);
		ADD(sb, "</ol></section>\n");
	} else {
		ADD(sb, "<p class=\"empty\">");
		esc_html_str(sb, u->no_questions_yet);
		ADD(sb, "</p>\n");
	}
	if (t->nchildren) {
		ADD(sb, "<section class=\"subtopics\"><h2>");
		esc_html_str(sb, u->subtopics);
		ADD(sb, "</h2>\n<ul class=\"topics\">");
		for (size_t i = 0; i < t->nchildren; i++) {
			const struct web_topic *c = &s->topics[t->children[i]];
			ADD(sb, "<li");
			if (!c->ntotal)
				ADD(sb, " class=\"empty\"");
			ADD(sb, "><a href=\"/topics/");
			esc_url_str(sb, c->t.id);
			ADD(sb, "\">");
			esc_html_str(sb, topic_name(c, lang));
			strbuf_addf(sb, " <span class=\"count\">%zu</span></a></li>", c->ntotal);
		}
		ADD(sb, "</ul></section>\n");
	}
	page_end(sb, lang);
}

/* ---- question ---- */

void page_question(const struct web_site *s, const struct web_question *q, enum web_lang lang, struct strbuf *sb)
{
	const struct web_ui *u = web_ui(lang);
	struct strbuf self = STRBUF_INIT;
	strbuf_addstr(&self, "/q/");
	strbuf_addstr(&self, q->q.id);
	page_begin(sb, lang, q->q.title, self.buf, "question");
	strbuf_release(&self);
	if (q->topic >= 0)
		crumbs(sb, s, q->topic, lang, true);
	ADD(sb, "<article class=\"question\" data-id=\"");
	esc_attr_str(sb, q->q.id);
	ADD(sb, "\">\n<h1>");
	esc_html_str(sb, q->q.title);
	ADD(sb, "</h1>\n<p class=\"meta\">");
	level_badge(sb, lang, q->level);
	if (q->topic >= 0) {
		ADD(sb, " <span class=\"topic\">");
		topic_link(sb, &s->topics[q->topic], lang);
		ADD(sb, "</span>");
	}
	ADD(sb, " ");
	freq_stars(sb, lang, q->q.freq);
	if (q->q.go && *q->q.go) {
		ADD(sb, " <span class=\"go\">Go ");
		esc_html_str(sb, q->q.go);
		ADD(sb, "</span>");
	}
	if (q->nseed || q->nseed_also) {
		ADD(sb, " <span class=\"seeds\">");
		esc_html_str(sb, u->seeds);
		for (size_t i = 0; i < q->nseed; i++)
			strbuf_addf(sb, " <span class=\"seed\">#%d</span>", q->seed[i]);
		for (size_t i = 0; i < q->nseed_also; i++)
			strbuf_addf(sb, " <span class=\"seed also\">(#%d)</span>", q->seed_also[i]);
		ADD(sb, "</span>");
	}
	ADD(sb, "</p>\n");
	for (int sec = 0; sec < KB_NSECTIONS; sec++) {
		if (!q->q.html[sec])
			continue;
		strbuf_addf(sb, "<section class=\"sec sec-%s\" id=\"%s\"><h2>", kb_section_key[sec], kb_section_key[sec]);
		esc_html_str(sb, web_section_title(lang, sec));
		ADD(sb, "</h2>\n<div class=\"md\">");
		strbuf_addstr(sb, q->q.html[sec]); /* safe HTML rendered at build time */
		ADD(sb, "</div></section>\n");
	}
	ADD(sb, "</article>\n");
	if (q->nrelated) {
		ADD(sb, "<aside class=\"related\"><h2>");
		esc_html_str(sb, u->related);
		ADD(sb, "</h2><ul class=\"qlist\">\n");
		for (size_t i = 0; i < q->nrelated; i++) {
			const struct web_question *r = web_find_question(s, q->related[i]);
			if (r)
				question_row(sb, s, r, lang, true);
		}
		ADD(sb, "</ul></aside>\n");
	}
	if (q->prev >= 0 || q->next >= 0) {
		ADD(sb, "<nav class=\"prevnext\">");
		if (q->prev >= 0) {
			ADD(sb, "<a rel=\"prev\" href=\"/q/");
			esc_url_str(sb, s->qs[q->prev].q.id);
			ADD(sb, "\"><small>← ");
			esc_html_str(sb, u->prev);
			ADD(sb, "</small>");
			esc_html_str(sb, s->qs[q->prev].q.title);
			ADD(sb, "</a>");
		} else {
			ADD(sb, "<span></span>");
		}
		if (q->next >= 0) {
			ADD(sb, "<a rel=\"next\" href=\"/q/");
			esc_url_str(sb, s->qs[q->next].q.id);
			ADD(sb, "\"><small>");
			esc_html_str(sb, u->next);
			ADD(sb, " →</small>");
			esc_html_str(sb, s->qs[q->next].q.title);
			ADD(sb, "</a>");
		}
		ADD(sb, "</nav>\n");
	}
	page_end(sb, lang);
}

/* ---- errors ---- */

void page_error(const struct web_site *s, enum web_lang lang, const char *self, const char *title,
		const char *message, struct strbuf *sb)
{
	const struct web_ui *u = web_ui(lang);
	(void)s;
	page_begin(sb, lang, title, self ? self : "/", "error");
	ADD(sb, "<section class=\"oops\"><h1>");
	esc_html_str(sb, title);
	ADD(sb, "</h1>\n<p>");
	esc_html_str(sb, message);
	ADD(sb, "</p>\n");
	search_form(sb, lang, NULL, "big");
	ADD(sb, "<p><a href=\"/\">");
	esc_html_str(sb, u->back_home);
	ADD(sb, "</a></p></section>\n");
	page_end(sb, lang);
}

/* ---- search ---- */

static void option(struct strbuf *sb, const char *value, const char *label, bool selected, int indent)
{
	ADD(sb, "<option value=\"");
	esc_attr_str(sb, value);
	ADD(sb, "\"");
	if (selected)
		ADD(sb, " selected");
	ADD(sb, ">");
	for (int i = 0; i < indent; i++)
		ADD(sb, "\xC2\xA0\xC2\xA0");
	esc_html_str(sb, label);
	ADD(sb, "</option>");
}

void page_search(const struct web_site *s, enum web_lang lang, const char *q, const char *topic,
		 const char *level, const struct web_search_hit *hits, size_t nhits, const char *error,
		 struct strbuf *sb)
{
	const struct web_ui *u = web_ui(lang);
	struct strbuf self = STRBUF_INIT;
	strbuf_addstr(&self, "/search");
	page_begin(sb, lang, q && *q ? q : u->nav_search, self.buf, "search");
	strbuf_release(&self);
	ADD(sb, "<h1>");
	esc_html_str(sb, u->nav_search);
	ADD(sb, "</h1>\n<form class=\"search big filters\" id=\"search-form\" action=\"/search\" method=\"get\" "
		"role=\"search\"><input type=\"search\" name=\"q\" id=\"q\" autocomplete=\"off\" value=\"");
	esc_attr_str(sb, q ? q : "");
	ADD(sb, "\" placeholder=\"");
	esc_attr_str(sb, u->search_placeholder);
	ADD(sb, "\" aria-label=\"");
	esc_attr_str(sb, u->nav_search);
	ADD(sb, "\"><select name=\"topic\" aria-label=\"");
	esc_attr_str(sb, u->in_topic);
	ADD(sb, "\">");
	option(sb, "", u->all_topics, !topic || !*topic, 0);
	for (size_t i = 0; i < s->ntopics; i++)
		option(sb, s->topics[i].t.id, topic_name(&s->topics[i], lang),
		       topic && !strcmp(topic, s->topics[i].t.id), s->topics[i].depth);
	ADD(sb, "</select><select name=\"level\" aria-label=\"level\">");
	option(sb, "", u->all_levels, !level || !*level, 0);
	for (int l = 0; l < 3; l++)
		option(sb, kb_levels[l], u->level_name[l], level && kb_level_index(level) == l, 0);
	ADD(sb, "</select><button type=\"submit\">");
	esc_html_str(sb, u->search_button);
	ADD(sb, "</button></form>\n<div id=\"results\" aria-live=\"polite\">\n");
	if (error) {
		ADD(sb, "<p class=\"error\">");
		esc_html_str(sb, error);
		ADD(sb, "</p>\n");
	} else if (q && *q) {
		strbuf_addf(sb, "<p class=\"count\">%s: %zu</p>\n", u->results_for, nhits);
		if (!nhits) {
			ADD(sb, "<p class=\"empty\">");
			esc_html_str(sb, u->no_results);
			ADD(sb, "</p>\n");
		}
		ADD(sb, "<ol class=\"hits\">\n");
		for (size_t i = 0; i < nhits; i++) {
			const struct web_question *wq = web_find_question(s, hits[i].id);
			if (!wq)
				continue;
			ADD(sb, "<li><h3>");
			question_link(sb, wq);
			ADD(sb, "</h3><p class=\"meta\">");
			level_badge(sb, lang, wq->level);
			if (wq->topic >= 0) {
				ADD(sb, " <span class=\"topic\">");
				topic_link(sb, &s->topics[wq->topic], lang);
				ADD(sb, "</span>");
			}
			ADD(sb, "</p>");
			if (hits[i].snippet_html && *hits[i].snippet_html) {
				ADD(sb, "<p class=\"snippet\">");
				strbuf_addstr(sb, hits[i].snippet_html); /* engine output: escaped + <mark> */
				ADD(sb, "</p>");
			}
			ADD(sb, "</li>\n");
		}
		ADD(sb, "</ol>\n");
	}
	ADD(sb, "</div>\n");
	page_end(sb, lang);
}

/* ---- tools ---- */

static const char *const formats[] = {"json", "yaml", "toml", "sql"};
static const char *const format_names[] = {"JSON", "YAML", "TOML", "MySQL DDL"};

void page_tools(const struct web_site *s, enum web_lang lang, const struct web_tools_state *st, struct strbuf *sb)
{
	const struct web_ui *u = web_ui(lang);
	page_begin(sb, lang, u->tools_title, "/tools", "tools");
	ADD(sb, "<h1>");
	esc_html_str(sb, u->tools_title);
	ADD(sb, "</h1>\n<p class=\"intro\">");
	esc_html_str(sb, u->tools_intro);
	ADD(sb, "</p>\n<form class=\"gen\" id=\"gen-form\" action=\"/tools\" method=\"post\" "
		"enctype=\"multipart/form-data\">\n<div class=\"row\"><label for=\"format\">");
	esc_html_str(sb, u->format_label);
	ADD(sb, "</label> <select name=\"format\" id=\"format\">");
	for (size_t i = 0; i < BAGU_ARRAY_LEN(formats); i++)
		option(sb, formats[i], format_names[i], st->format && !strcmp(st->format, formats[i]), 0);
	ADD(sb, "</select> <label class=\"upload\">");
	esc_html_str(sb, u->upload_label);
	ADD(sb, " <input type=\"file\" name=\"file\" id=\"file\"></label></div>\n<label for=\"doc\">");
	esc_html_str(sb, u->input_label);
	ADD(sb, "</label>\n<textarea name=\"doc\" id=\"doc\" rows=\"14\" spellcheck=\"false\">");
	if (st->doc)
		esc_html(sb, st->doc, st->doc_len);
	ADD(sb, "</textarea>\n");
	/* options: the union over formats, each marked with the formats that take it */
	ADD(sb, "<fieldset class=\"opts\"><legend>");
	strbuf_addstr(sb, lang == LANG_EN ? "Options" : "选项");
	ADD(sb, "</legend>\n");
	const char *seen[64];
	size_t nseen = 0;
	for (size_t f = 0; f < BAGU_ARRAY_LEN(formats) && s->eng.gen_options; f++) {
		const struct web_gen_option *o = s->eng.gen_options(s->eng.ctx, formats[f]);
		for (; o && o->name; o++) {
			bool dup = false;
			for (size_t k = 0; k < nseen; k++)
				dup |= !strcmp(seen[k], o->name);
			if (dup || nseen == BAGU_ARRAY_LEN(seen))
				continue;
			seen[nseen++] = o->name;
			ADD(sb, "<div class=\"opt\" data-formats=\"");
			for (size_t g = 0; g < BAGU_ARRAY_LEN(formats); g++) {
				const struct web_gen_option *p = s->eng.gen_options(s->eng.ctx, formats[g]);
				for (; p && p->name; p++)
					if (!strcmp(p->name, o->name)) {
						strbuf_addstr(sb, formats[g]);
						strbuf_addch(sb, ' ');
						break;
					}
			}
			ADD(sb, "\"><label>");
			const char *val = st->req ? web_param(st->req, o->name) : NULL;
			if (o->takes_value) {
				ADD(sb, "<code>--");
				esc_html_str(sb, o->name);
				ADD(sb, "</code> <input type=\"text\" name=\"");
				esc_attr_str(sb, o->name);
				ADD(sb, "\" value=\"");
				esc_attr_str(sb, val ? val : (o->dflt ? o->dflt : ""));
				ADD(sb, "\">");
			} else {
				ADD(sb, "<input type=\"checkbox\" name=\"");
				esc_attr_str(sb, o->name);
				ADD(sb, "\" value=\"1\"");
				if (val && *val)
					ADD(sb, " checked");
				ADD(sb, "> <code>--");
				esc_html_str(sb, o->name);
				ADD(sb, "</code>");
			}
			ADD(sb, " <span class=\"help\">");
			esc_html_str(sb, o->help);
			ADD(sb, "</span></label></div>\n");
		}
	}
	ADD(sb, "</fieldset>\n<p><button type=\"submit\" class=\"primary\" id=\"convert\">");
	esc_html_str(sb, u->convert);
	ADD(sb, "</button> <button type=\"submit\" name=\"download\" value=\"1\">");
	esc_html_str(sb, u->download);
	ADD(sb, " .go</button></p>\n</form>\n<div id=\"gen-error\" class=\"error\" role=\"alert\"");
	if (!st->error)
		ADD(sb, " hidden");
	ADD(sb, ">");
	if (st->error) {
		ADD(sb, "<strong>");
		esc_html_str(sb, u->error_label);
		ADD(sb, "</strong> ");
		if (st->line > 0)
			strbuf_addf(sb, "<span class=\"pos\">%s %d, %s %d</span> ", lang == LANG_EN ? "line" : "行",
				    st->line, lang == LANG_EN ? "column" : "列", st->col);
		ADD(sb, "<span class=\"msg\">");
		esc_html_str(sb, st->error);
		ADD(sb, "</span>");
	}
	ADD(sb, "</div>\n<section class=\"output\" id=\"gen-output\"");
	if (!st->out)
		ADD(sb, " hidden");
	ADD(sb, "><h2>");
	esc_html_str(sb, u->output_label);
	ADD(sb, "</h2><div class=\"buttons\"><button type=\"button\" id=\"copy-out\">");
	esc_html_str(sb, u->copy);
	ADD(sb, "</button><button type=\"button\" id=\"download-out\">");
	esc_html_str(sb, u->download);
	ADD(sb, "</button></div>\n<pre><code class=\"language-go\" id=\"out\">");
	if (st->out)
		esc_html(sb, st->out, st->out_len);
	ADD(sb, "</code></pre></section>\n");
	page_end(sb, lang);
}
