/* store_json — the JSON shapes of questions and topics (CLI --json and web API). */
#include <stdio.h>

#include "store/store.h"

void store_question_json(struct json_writer *w, const struct store_question *q, bool full)
{
	json_obj_begin(w);
	json_key(w, "id");
	json_str(w, q->id);
	json_key(w, "title");
	json_str(w, q->title);
	json_key(w, "seed");
	json_raw(w, q->seed_json);
	json_key(w, "seed_also");
	json_raw(w, q->seed_also_json);
	json_key(w, "topic");
	json_str(w, q->topic);
	json_key(w, "level");
	json_str(w, q->level);
	json_key(w, "freq");
	json_int(w, q->freq);
	json_key(w, "go");
	json_str(w, q->go);
	if (full) {
		json_key(w, "path");
		json_str(w, q->path);
		json_key(w, "keypoints");
		json_raw(w, q->keypoints_json);
		json_key(w, "related");
		json_raw(w, q->related_json);
		json_key(w, "sections");
		json_obj_begin(w);
		for (int s = 0; s < KB_NSECTIONS; s++) {
			json_key(w, kb_section_key[s]);
			if (!q->md[s]) {
				json_null(w);
				continue;
			}
			json_obj_begin(w);
			json_key(w, "title");
			json_str(w, kb_section_title[s]);
			json_key(w, "markdown");
			json_str(w, q->md[s]);
			json_key(w, "html");
			json_str(w, q->html[s]);
			json_obj_end(w);
		}
		json_obj_end(w);
		json_key(w, "diagrams");
		json_arr_begin(w);
		for (size_t i = 0; i < q->ndiagrams; i++) {
			const struct store_diagram *d = &q->diagrams[i];
			char buf[32];
			json_obj_begin(w);
			json_key(w, "n");
			json_int(w, d->ord);
			json_key(w, "id");
			snprintf(buf, sizeof(buf), "fig-%d", d->ord);
			json_str(w, buf);
			json_key(w, "kind");
			json_str(w, d->kind);
			json_key(w, "title");
			json_str(w, d->title);
			json_key(w, "desc");
			json_str(w, d->desc);
			json_key(w, "line");
			json_int(w, d->line);
			json_key(w, "svg");
			struct strbuf url = STRBUF_INIT;
			strbuf_addf(&url, "/api/v1/questions/%s/diagrams/%d.svg", q->id, d->ord);
			json_str(w, url.buf);
			strbuf_release(&url);
			json_obj_end(w);
		}
		json_arr_end(w);
	}
	json_obj_end(w);
}

void store_topic_json(struct json_writer *w, const struct store_topic *t)
{
	json_obj_begin(w);
	json_key(w, "id");
	json_str(w, t->id);
	json_key(w, "zh");
	json_str(w, t->zh);
	json_key(w, "en");
	json_str(w, t->en);
	json_key(w, "parent");
	json_str(w, t->parent);
	json_key(w, "stage");
	json_str(w, t->stage);
	json_key(w, "about");
	json_str(w, t->about);
	json_key(w, "prereq");
	json_raw(w, t->prereq_json);
	json_key(w, "questions");
	json_int(w, t->nquestions);
	json_obj_end(w);
}
