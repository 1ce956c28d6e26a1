/* search_json — the JSON shape of search results (CLI --json and the web API). */
#include "search/search.h"

#include "util/json.h"

void search_results_json(struct strbuf *sb, const struct search_results *r)
{
	struct json_writer w;
	json_init(&w, sb, false);
	json_arr_begin(&w);
	for (size_t i = 0; i < r->nhits; i++) {
		const struct search_hit *h = &r->hits[i];
		json_obj_begin(&w);
		json_key(&w, "id");
		json_str(&w, h->id);
		json_key(&w, "title");
		json_str(&w, h->title);
		json_key(&w, "seed");
		json_raw(&w, h->seed_json);
		json_key(&w, "topic");
		json_str(&w, h->topic);
		json_key(&w, "level");
		json_str(&w, h->level);
		json_key(&w, "score");
		json_double(&w, h->score);
		json_key(&w, "snippet");
		json_str(&w, h->snippet);
		json_key(&w, "highlights");
		json_arr_begin(&w);
		for (size_t k = 0; k < h->nspans; k++) {
			json_arr_begin(&w);
			json_int(&w, (long long)utf8_len(h->snippet, h->spans[k].start));
			json_int(&w, (long long)utf8_len(h->snippet, h->spans[k].end));
			json_arr_end(&w);
		}
		json_arr_end(&w);
		json_obj_end(&w);
	}
	json_arr_end(&w);
	strbuf_addch(sb, '\n');
}
