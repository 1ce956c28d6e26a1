/* site — loads content.db into memory and pre-renders every page (see web.h, part 1). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/json.h"
#include "web/web_int.h"

void web_etag(char out[24], const char *data, size_t len)
{
	uint64_t h = 1469598103934665603ull;
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)data[i];
		h *= 1099511628211ull;
	}
	snprintf(out, 24, "\"%016llx\"", (unsigned long long)h);
}

void web_page_set(struct web_page *p, struct strbuf *sb)
{
	web_etag(p->etag, sb->buf, sb->len);
	p->body = strbuf_detach(sb, &p->len);
}

void web_page_release(struct web_page *p)
{
	free(p->body);
	p->body = NULL;
	p->len = 0;
}

/* ---- the compact JSON arrays store writes: [1,2] and ["a","b"] ---- */

static void parse_ints(const char *json, int **out, size_t *n)
{
	size_t alloc = 0;
	*out = NULL;
	*n = 0;
	if (!json)
		return;
	for (const char *p = json; *p;) {
		if (*p >= '0' && *p <= '9') {
			char *end;
			long v = strtol(p, &end, 10);
			XGROW(*out, alloc, *n + 1);
			(*out)[(*n)++] = (int)v;
			p = end;
		} else {
			p++;
		}
	}
}

static void parse_strs(const char *json, char ***out, size_t *n)
{
	size_t alloc = 0;
	*out = NULL;
	*n = 0;
	if (!json)
		return;
	for (const char *p = json; *p; p++) {
		if (*p != '"')
			continue;
		struct strbuf sb = STRBUF_INIT;
		strbuf_init(&sb, 32);
		for (p++; *p && *p != '"'; p++) {
			if (*p == '\\' && p[1])
				p++;
			strbuf_addch(&sb, *p);
		}
		XGROW(*out, alloc, *n + 1);
		(*out)[(*n)++] = strbuf_detach(&sb, NULL);
		if (!*p)
			break;
	}
}

static void free_strs(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* ---- lookups ---- */

static const struct web_site *sort_site; /* qsort has no context argument */
static int cmp_q_by_id(const void *a, const void *b)
{
	return strcmp(sort_site->qs[*(const size_t *)a].q.id, sort_site->qs[*(const size_t *)b].q.id);
}
static int cmp_t_by_id(const void *a, const void *b)
{
	return strcmp(sort_site->topics[*(const size_t *)a].t.id, sort_site->topics[*(const size_t *)b].t.id);
}

struct web_question *web_find_question(const struct web_site *s, const char *id)
{
	size_t lo = 0, hi = s->nqs;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(id, s->qs[s->by_id[mid]].q.id);
		if (!c)
			return &s->qs[s->by_id[mid]];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

struct web_question *web_find_ref(const struct web_site *s, const char *ref)
{
	size_t n = strlen(ref);
	if (n >= 1 && n <= 4 && strspn(ref, "0123456789") == n) {
		int seed = atoi(ref);
		if (seed < 1 || seed > KB_SEED_MAX)
			return NULL;
		int i = s->seed_primary[seed] >= 0 ? s->seed_primary[seed] : s->seed_secondary[seed];
		return i >= 0 ? &s->qs[i] : NULL;
	}
	return web_find_question(s, ref);
}

struct web_topic *web_find_topic(const struct web_site *s, const char *id)
{
	size_t lo = 0, hi = s->ntopics;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(id, s->topics[s->topic_by_id[mid]].t.id);
		if (!c)
			return &s->topics[s->topic_by_id[mid]];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

bool web_topic_within(const struct web_site *s, int t, int anc)
{
	for (int depth = 0; t >= 0 && depth < 64; depth++, t = s->topics[t].parent)
		if (t == anc)
			return true;
	return false;
}

/* ---- loading ---- */

static int load(struct web_site *s, struct bagu_store *st, struct bagu_err *err)
{
	struct store_topic *ts = NULL;
	size_t nt = 0;
	if (store_topics(st, &ts, &nt, err))
		return -1;
	s->ntopics = nt;
	s->topics = xcalloc(nt ? nt : 1, sizeof(*s->topics));
	for (size_t i = 0; i < nt; i++) {
		s->topics[i].t = ts[i]; /* takes the strings */
		s->topics[i].parent = -1;
		parse_strs(ts[i].prereq_json, &s->topics[i].prereq, &s->topics[i].nprereq);
	}
	free(ts); /* the array only: its strings moved */
	s->topic_by_id = xmalloc((nt ? nt : 1) * sizeof(size_t));
	for (size_t i = 0; i < nt; i++)
		s->topic_by_id[i] = i;
	sort_site = s;
	qsort(s->topic_by_id, nt, sizeof(size_t), cmp_t_by_id);
	for (size_t i = 0; i < nt; i++) {
		struct web_topic *t = &s->topics[i];
		if (t->t.parent) {
			struct web_topic *p = web_find_topic(s, t->t.parent);
			if (p) {
				t->parent = (int)(p - s->topics);
				p->children = xrealloc(p->children, (p->nchildren + 1) * sizeof(size_t));
				p->children[p->nchildren++] = i;
			}
		}
	}
	for (size_t i = 0; i < nt; i++) {
		int r = (int)i, d = 0;
		while (s->topics[r].parent >= 0 && d < 64)
			r = s->topics[r].parent, d++;
		s->topics[i].root = r;
		s->topics[i].depth = d;
	}

	struct store_question *list = NULL;
	size_t n = 0;
	if (store_list(st, NULL, NULL, &list, &n, err))
		return -1;
	s->nqs = n;
	s->qs = xcalloc(n ? n : 1, sizeof(*s->qs));
	size_t filled = 0;
	for (; filled < n; filled++) {
		int r = store_get(st, list[filled].id, &s->qs[filled].q, err);
		if (r) {
			if (r > 0)
				bagu_error(err, "question %s vanished while loading", list[filled].id);
			break;
		}
	}
	store_questions_free(list, n);
	if (filled < n) {
		s->nqs = filled; /* web_site_free releases the rows filled so far */
		return -1;
	}
	s->by_id = xmalloc((n ? n : 1) * sizeof(size_t));
	for (size_t i = 0; i < n; i++)
		s->by_id[i] = i;
	qsort(s->by_id, n, sizeof(size_t), cmp_q_by_id);
	for (int k = 0; k <= KB_SEED_MAX; k++)
		s->seed_primary[k] = s->seed_secondary[k] = -1;
	for (size_t i = 0; i < n; i++) {
		struct web_question *q = &s->qs[i];
		struct web_topic *t = web_find_topic(s, q->q.topic);
		q->topic = t ? (int)(t - s->topics) : -1;
		q->level = kb_level_index(q->q.level);
		if (q->level < 0)
			q->level = 0;
		parse_ints(q->q.seed_json, &q->seed, &q->nseed);
		parse_ints(q->q.seed_also_json, &q->seed_also, &q->nseed_also);
		for (size_t k = 0; k < q->nseed; k++)
			if (q->seed[k] >= 1 && q->seed[k] <= KB_SEED_MAX)
				s->seed_primary[q->seed[k]] = (int)i;
		for (size_t k = 0; k < q->nseed_also; k++)
			if (q->seed_also[k] >= 1 && q->seed_also[k] <= KB_SEED_MAX &&
			    s->seed_secondary[q->seed_also[k]] < 0)
				s->seed_secondary[q->seed_also[k]] = (int)i;
		char **rel;
		size_t nrel;
		parse_strs(q->q.related_json, &rel, &nrel);
		q->related = xcalloc(nrel ? nrel : 1, sizeof(char *));
		for (size_t k = 0; k < nrel; k++) {
			if (web_find_question(s, rel[k]))
				q->related[q->nrelated++] = rel[k];
			else
				free(rel[k]);
		}
		free(rel);
		q->prev = q->next = -1;
		if (t) {
			t->questions = xrealloc(t->questions, (t->nquestions + 1) * sizeof(size_t));
			t->questions[t->nquestions++] = i;
			for (int a = q->topic; a >= 0; a = s->topics[a].parent)
				s->topics[a].ntotal++;
		}
	}
	/* store_list orders by topic order, then level, -freq, id: within a topic the rows
	 * are consecutive in that order, so neighbours are the topic's previous/next. */
	for (size_t i = 0; i < nt; i++) {
		struct web_topic *t = &s->topics[i];
		for (size_t k = 0; k < t->nquestions; k++) {
			struct web_question *q = &s->qs[t->questions[k]];
			q->prev = k > 0 ? (int)t->questions[k - 1] : -1;
			q->next = k + 1 < t->nquestions ? (int)t->questions[k + 1] : -1;
		}
	}
	return store_stats(st, &s->stats, err);
}

static void render_all(struct web_site *s)
{
	struct strbuf sb = STRBUF_INIT;
	struct json_writer w;
	for (int l = 0; l < LANG_N; l++) {
		strbuf_init(&sb, 1 << 14);
		page_home(s, (enum web_lang)l, &sb);
		web_page_set(&s->home[l], &sb);
		strbuf_init(&sb, 4096);
		page_error(s, (enum web_lang)l, "/", web_ui((enum web_lang)l)->not_found_title,
			   web_ui((enum web_lang)l)->not_found_text, &sb);
		web_page_set(&s->notfound[l], &sb);
		if (s->have_gen) {
			strbuf_init(&sb, 8192);
			struct web_tools_state ts = {.format = "json"};
			page_tools(s, (enum web_lang)l, &ts, &sb);
			web_page_set(&s->tools[l], &sb);
		}
		for (size_t i = 0; i < s->ntopics; i++) {
			strbuf_init(&sb, 8192);
			page_topic(s, &s->topics[i], (enum web_lang)l, &sb);
			web_page_set(&s->topics[i].page[l], &sb);
		}
		for (size_t i = 0; i < s->nqs; i++) {
			strbuf_init(&sb, 16384);
			page_question(s, &s->qs[i], (enum web_lang)l, &sb);
			web_page_set(&s->qs[i].page[l], &sb);
		}
	}
	for (size_t i = 0; i < s->nqs; i++) {
		strbuf_init(&sb, 16384);
		json_init(&w, &sb, false);
		store_question_json(&w, &s->qs[i].q, true);
		strbuf_addch(&sb, '\n');
		web_page_set(&s->qs[i].api, &sb);
		struct web_question *q = &s->qs[i];
		q->svgs = xcalloc(q->q.ndiagrams ? q->q.ndiagrams : 1, sizeof(*q->svgs));
		for (size_t d = 0; d < q->q.ndiagrams; d++) {
			strbuf_init(&sb, strlen(q->q.diagrams[d].svg) + 1);
			strbuf_addstr(&sb, q->q.diagrams[d].svg);
			strbuf_addch(&sb, '\n');
			web_page_set(&q->svgs[d], &sb);
		}
	}
	strbuf_init(&sb, 1 << 14);
	json_init(&w, &sb, false);
	json_arr_begin(&w);
	for (size_t i = 0; i < s->nqs; i++)
		store_question_json(&w, &s->qs[i].q, false);
	json_arr_end(&w);
	strbuf_addch(&sb, '\n');
	web_page_set(&s->api_questions, &sb);
	strbuf_init(&sb, 1 << 14);
	json_init(&w, &sb, false);
	json_arr_begin(&w);
	for (size_t i = 0; i < s->ntopics; i++)
		store_topic_json(&w, &s->topics[i].t);
	json_arr_end(&w);
	strbuf_addch(&sb, '\n');
	web_page_set(&s->api_topics, &sb);
	strbuf_init(&sb, 256);
	json_init(&w, &sb, false);
	json_obj_begin(&w);
	json_key(&w, "status");
	json_str(&w, "ok");
	json_key(&w, "questions");
	json_int(&w, (long long)s->nqs);
	json_key(&w, "topics");
	json_int(&w, (long long)s->ntopics);
	json_key(&w, "built_at");
	json_str(&w, s->stats.built_at);
	json_key(&w, "search");
	json_bool(&w, s->have_search);
	json_key(&w, "gen");
	json_bool(&w, s->have_gen);
	json_obj_end(&w);
	strbuf_addch(&sb, '\n');
	web_page_set(&s->healthz, &sb);
}

int web_site_open(struct web_site **out, const char *db_path, const struct web_engines *engines,
		  struct bagu_err *err)
{
	*out = NULL;
	struct bagu_store *st;
	if (store_open(&st, db_path, err))
		return -1;
	struct web_site *s = xcalloc(1, sizeof(*s));
	pthread_mutex_init(&s->cache_lock, NULL);
	if (engines) {
		s->eng = *engines;
		s->have_search = engines->search != NULL;
		s->have_gen = engines->gen != NULL;
	}
	int rc = load(s, st, err);
	store_free(st);
	if (rc) {
		web_site_free(s);
		return -1;
	}
	render_all(s);
	*out = s;
	return 0;
}

void web_site_free(struct web_site *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->ntopics; i++) {
		struct web_topic *t = &s->topics[i];
		struct store_topic *st = &t->t;
		free(st->id), free(st->zh), free(st->en), free(st->parent), free(st->stage), free(st->about),
			free(st->prereq_json);
		free(t->children);
		free(t->questions);
		free_strs(t->prereq, t->nprereq);
		for (int l = 0; l < LANG_N; l++)
			web_page_release(&t->page[l]);
	}
	free(s->topics);
	for (size_t i = 0; i < s->nqs; i++) {
		struct web_question *q = &s->qs[i];
		for (size_t d = 0; q->svgs && d < q->q.ndiagrams; d++)
			web_page_release(&q->svgs[d]);
		free(q->svgs);
		store_question_release(&q->q);
		free(q->seed);
		free(q->seed_also);
		free_strs(q->related, q->nrelated);
		for (int l = 0; l < LANG_N; l++)
			web_page_release(&q->page[l]);
		web_page_release(&q->api);
	}
	free(s->qs);
	free(s->by_id);
	free(s->topic_by_id);
	for (int l = 0; l < LANG_N; l++) {
		web_page_release(&s->home[l]);
		web_page_release(&s->notfound[l]);
		web_page_release(&s->tools[l]);
	}
	web_page_release(&s->api_topics);
	web_page_release(&s->api_questions);
	web_page_release(&s->healthz);
	for (size_t i = 0; i < WEB_SEARCH_CACHE; i++) {
		free(s->cache[i].key);
		web_page_release(&s->cache[i].json);
	}
	pthread_mutex_destroy(&s->cache_lock);
	free(s);
}

size_t web_site_nquestions(const struct web_site *s)
{
	return s->nqs;
}

size_t web_site_ntopics(const struct web_site *s)
{
	return s->ntopics;
}
