/*
 * store — the two databases.
 *
 * content.db: built from a loaded kb by store_build (atomically: a temporary file in the
 * same directory, then rename; a failed build leaves the old file untouched), opened
 * read-only at run time by store_open. Its schema version is PRAGMA user_version =
 * STORE_SCHEMA_VERSION; store_open refuses other versions with a "rebuild" message.
 * Questions are referred to by their string ids; list-valued fields (seed, keypoints,
 * related, prereq) are stored as compact JSON text so front ends can splice them.
 *
 * user.db: the user's own state (cards, review log, settings, notes), under
 * $XDG_DATA_HOME/bagu/ (default ~/.local/share/bagu/), created on first use by
 * store_user_open. Its schema and migrations belong to src/practice (practice.h).
 * Nothing writes content rows into it and rebuilding content.db never touches it.
 *
 * Layer: above kb (reads struct kb), below engines and front ends.
 */
#ifndef BAGU_STORE_H
#define BAGU_STORE_H

#include <sqlite3.h>

#include "kb/kb.h"
#include "util/util.h"

#define STORE_SCHEMA_VERSION 2
#define STORE_USER_BUSY_MS 5000 /* user.db busy_timeout: the CLI and the web server share it */

/* Writes kb (which must have no errors) to out_path atomically. */
int store_build(const struct kb *kb, const char *out_path, struct bagu_err *err) BAGU_MUST_CHECK;

/* Hooks run on every connection that opens content.db (e.g. the search module registers
 * its FTS5 tokenizer here). At most 8; not thread-safe: register before opening. */
typedef int (*store_conn_hook)(sqlite3 *db, struct bagu_err *err);
void store_add_conn_hook(store_conn_hook hook);
/* Runs the hooks on db (store_build and store_open call this). */
int store_run_conn_hooks(sqlite3 *db, struct bagu_err *err) BAGU_MUST_CHECK;
/* Build hooks run by store_build after the content tables are written, inside the same
 * transaction (e.g. the search module fills its FTS5 index). At most 8; register
 * before building. A failing hook fails the build. */
void store_add_build_hook(store_conn_hook hook);

struct bagu_store;
/* Opens content.db read-only. Fails with "PATH: no content database (run `make` or
 * `bagu build`)" when missing and "PATH: schema version N, expected M; rebuild it" on
 * a mismatch. */
int store_open(struct bagu_store **st, const char *path, struct bagu_err *err) BAGU_MUST_CHECK;
void store_free(struct bagu_store *st);
sqlite3 *store_db(struct bagu_store *st);

/* A diagram of a question (table diagrams). ord is N of its figure id "fig-N" (from 1);
 * svg is the cleaned SVG that the section HTML also holds inline. */
struct store_diagram {
	int ord, line;
	char *kind, *title, *desc, *svg;
};

/* A question row. Strings are owned by the struct; JSON fields hold JSON text. */
struct store_question {
	char *id, *title, *topic, *level, *go, *path;
	int freq;
	char *seed_json, *seed_also_json, *keypoints_json, *related_json;
	char *md[KB_NSECTIONS], *html[KB_NSECTIONS];
	int ord; /* order within the bank (by path) */
	struct store_diagram *diagrams; /* store_get only; in answer order */
	size_t ndiagrams;
};
void store_question_release(struct store_question *q);

/* Lists questions (without section bodies), filtered by topic (the topic or any of its
 * descendants) and level when non-NULL, in topic order, then level, then -freq, then id.
 * *out is a malloc'd array of *n rows; free with store_questions_free. */
int store_list(struct bagu_store *st, const char *topic, const char *level,
	       struct store_question **out, size_t *n, struct bagu_err *err) BAGU_MUST_CHECK;
void store_questions_free(struct store_question *qs, size_t n);

/* Finds one question by id or by seed number (primary claim first, then seed_also).
 * Returns 0 and fills q; 1 when not found (err set to a message); -1 on failure. */
int store_get(struct bagu_store *st, const char *ref, struct store_question *q,
	      struct bagu_err *err) BAGU_MUST_CHECK;

/* A topic row. */
struct store_topic {
	char *id, *zh, *en, *parent, *stage, *about, *prereq_json;
	int nquestions; /* questions whose topic is this one exactly */
};
int store_topics(struct bagu_store *st, struct store_topic **out, size_t *n,
		 struct bagu_err *err) BAGU_MUST_CHECK;
void store_topics_free(struct store_topic *ts, size_t n);

/* Counts for summaries. */
struct store_stats {
	int questions, topics, concepts, seeds_answered, examples, examples_checked, diagrams;
	char built_at[32];
};
int store_stats(struct bagu_store *st, struct store_stats *s, struct bagu_err *err) BAGU_MUST_CHECK;

/* The user database path: $XDG_DATA_HOME/bagu/user.db or ~/.local/share/bagu/user.db. */
char *store_user_path(void);
/* Opens (creating directory and file on first use) the user database with WAL,
 * synchronous=FULL and a 5 s busy_timeout. The schema is practice_open's. */
int store_user_open(sqlite3 **db, struct bagu_err *err) BAGU_MUST_CHECK;
/* The same for a given path (tests, --user-db). */
int store_user_open_path(sqlite3 **db, const char *path, struct bagu_err *err) BAGU_MUST_CHECK;

/* ---- JSON shapes shared by the CLI's --json and the web API ---- */
#include "util/json.h"
/* Writes a question object: id, title, seed, seed_also, topic, level, freq, go and, when
 * full, path, keypoints, related, sections {short,detail,example,followup: {markdown,
 * html}} (absent sections are null) and diagrams [{n, id ("fig-N", the figure's id in
 * the HTML), kind, title, desc, line, svg (its URL path on `bagu serve`)}]. */
void store_question_json(struct json_writer *w, const struct store_question *q, bool full);
void store_topic_json(struct json_writer *w, const struct store_topic *t);

#endif
