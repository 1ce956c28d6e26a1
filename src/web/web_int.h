/*
 * web_int — internals shared by site.c (loading, caches), pages.c (HTML), api.c (JSON),
 * router.c (web_handle) and ui.c (UI strings). Not part of the module's interface.
 */
#ifndef BAGU_WEB_INT_H
#define BAGU_WEB_INT_H

#include <pthread.h>

#include "kb/kb.h"
#include "store/store.h"
#include "web/web.h"

enum web_lang { LANG_ZH, LANG_EN, LANG_N };

/* A pre-rendered body with its ETag. */
struct web_page {
	char *body;
	size_t len;
	char etag[24];
};
void web_page_set(struct web_page *p, struct strbuf *sb); /* takes sb's buffer */
void web_page_release(struct web_page *p);
/* A quoted strong ETag of data (64-bit FNV-1a, hex). */
void web_etag(char out[24], const char *data, size_t len);

struct web_topic {
	struct store_topic t;
	int parent;          /* index or -1 */
	int depth;           /* 0 for an area root */
	int root;            /* index of the area root */
	size_t *children;    /* indices, in topics.yaml order */
	size_t nchildren;
	size_t *questions;   /* indices into site->qs, by level then -freq then id */
	size_t nquestions;
	size_t ntotal;       /* questions of this topic and all its descendants */
	char **prereq;       /* ids */
	size_t nprereq;
	struct web_page page[LANG_N];
};

struct web_question {
	struct store_question q;
	int topic;           /* index into site->topics */
	int level;           /* 0..2 */
	int *seed, *seed_also;
	size_t nseed, nseed_also;
	char **related;      /* ids that exist */
	size_t nrelated;
	int prev, next;      /* neighbours in the topic's order, or -1 */
	struct web_page page[LANG_N];
	struct web_page api; /* the full JSON object */
	struct web_page *svgs; /* q.ndiagrams standalone SVGs (/api/v1/questions/ID/diagrams/N.svg) */
};

struct web_search_cache_entry {
	char *key;
	int status;
	struct web_page json;
	uint64_t used;
};
#define WEB_SEARCH_CACHE 256

struct web_site {
	struct web_engines eng;
	bool have_search, have_gen;
	struct web_topic *topics;
	size_t ntopics;
	struct web_question *qs; /* in store_list order: topic order, level, -freq, id */
	size_t nqs;
	size_t *by_id;           /* indices of qs sorted by id */
	int seed_primary[KB_SEED_MAX + 1], seed_secondary[KB_SEED_MAX + 1];
	size_t *topic_by_id;     /* indices of topics sorted by id */
	struct store_stats stats;
	struct web_page home[LANG_N], notfound[LANG_N], tools[LANG_N];
	struct web_page api_topics, api_questions, healthz;
	pthread_mutex_t cache_lock;
	struct web_search_cache_entry cache[WEB_SEARCH_CACHE];
	uint64_t cache_clock;
};

/* Lookups (binary search). */
struct web_question *web_find_question(const struct web_site *s, const char *id);
/* By id or by seed number (primary claim first); NULL when neither. */
struct web_question *web_find_ref(const struct web_site *s, const char *ref);
struct web_topic *web_find_topic(const struct web_site *s, const char *id);
/* Whether topic index t is topic index anc or one of its descendants. */
bool web_topic_within(const struct web_site *s, int t, int anc);

/* ---- UI strings ---- */
struct web_ui {
	const char *html_lang, *other_lang_code, *other_lang_name, *site_name, *tagline;
	const char *nav_roadmap, *nav_tools, *nav_search, *search_placeholder, *search_button;
	const char *stage_title, *stage_intro[3], *level_name[3];
	const char *questions_n, *no_questions_yet, *subtopics, *prereqs, *in_topic, *freq, *seeds;
	const char *go_version, *related, *prev, *next, *copy, *copied, *download, *all_topics,
		*all_levels, *results_for, *no_results, *not_found_title, *not_found_text, *back_home,
		*unavailable_title, *search_unavailable, *gen_unavailable, *tools_title, *tools_intro,
		*input_label, *upload_label, *format_label, *convert, *output_label, *error_label,
		*error_title, *error_text, *footer, *tools_card, *stats_line, *skip, *bad_request,
		*method_not_allowed, *too_large, *theme_note;
};
const struct web_ui *web_ui(enum web_lang lang);
/* Section heading of enum kb_section s in lang. */
const char *web_section_title(enum web_lang lang, int s);

/* ---- pages (pages.c); each appends a whole document to sb ---- */
void page_home(const struct web_site *s, enum web_lang lang, struct strbuf *sb);
void page_topic(const struct web_site *s, const struct web_topic *t, enum web_lang lang, struct strbuf *sb);
void page_question(const struct web_site *s, const struct web_question *q, enum web_lang lang,
		   struct strbuf *sb);
/* An error page: status 404/405/413/500/503 etc. with a title and one message. */
void page_error(const struct web_site *s, enum web_lang lang, const char *self, const char *title,
		const char *message, struct strbuf *sb);
void page_search(const struct web_site *s, enum web_lang lang, const char *q, const char *topic,
		 const char *level, const struct web_search_hit *hits, size_t nhits, const char *error,
		 struct strbuf *sb);
/* The tools page; format/doc/opts echo the form; out is Go (or NULL), error a message
 * (or NULL) with line/col (0 when unknown). */
struct web_tools_state {
	const char *format;
	const char *doc;
	size_t doc_len;
	const struct web_request *req; /* for option values; may be NULL */
	const char *out;
	size_t out_len;
	const char *error;
	int line, col;
};
void page_tools(const struct web_site *s, enum web_lang lang, const struct web_tools_state *st,
		struct strbuf *sb);

/* ---- JSON (api.c) ---- */
void api_error(struct strbuf *sb, int status, const char *msg, int line, int col);

#endif
