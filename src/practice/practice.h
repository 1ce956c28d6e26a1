/*
 * practice — the user's review state in user.db: FSRS cards, the review log, settings,
 * and today's review queue built against content.db. See docs/practice.md.
 *
 * Schema (PRAGMA user_version = PRACTICE_SCHEMA_VERSION):
 *   cards(question TEXT PRIMARY KEY, state, due, last_review, stability, difficulty,
 *         elapsed_days, scheduled_days, reps, lapses, learning_steps)   -- struct srs_card
 *   review_log(id INTEGER PRIMARY KEY, question, reviewed_at, rating, state_before,
 *         state_after, elapsed_days, scheduled_days, stability, difficulty, due)
 *   settings(key TEXT PRIMARY KEY, value TEXT)          -- retention, steps, new_per_day ...
 *   notes(question TEXT PRIMARY KEY, body, updated_at)  -- kept from version 1
 * Times are ms since the Unix epoch (UTC). Questions are referred to by their stable
 * string ids and never joined to content.db rows: a question removed from the content
 * keeps its card and history, it is simply not scheduled; rebuilding content.db never
 * touches user.db.
 *
 * Versions: 0 (a new, empty file) and 1 (the first store_user_open schema: reviews,
 * notes; nothing wrote reviews, its rows would move to review_log) are migrated forward
 * in one IMMEDIATE transaction; a newer version is refused ("written by a newer bagu").
 *
 * Concurrency: the CLI and the web server may write at once. Connections use WAL,
 * synchronous=FULL (a committed grade survives a crash of the process or the machine)
 * and busy_timeout 5 s; every write is one BEGIN IMMEDIATE transaction, so a writer
 * waits for the lock instead of failing on a read-to-write upgrade.
 *
 * Layer: above store (content queries) and srs (scheduling), below the front ends.
 */
#ifndef BAGU_PRACTICE_H
#define BAGU_PRACTICE_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "srs/srs.h"
#include "store/store.h"
#include "util/util.h"

#define PRACTICE_SCHEMA_VERSION 2
#define PRACTICE_NEW_PER_DAY 20 /* default daily limit of new cards */

struct practice;

/* Opens user.db at path (NULL: store_user_path(), i.e. $XDG_DATA_HOME/bagu/user.db),
 * creating directory and file, and migrates its schema. Fails with "PATH: schema
 * version N is newer than this bagu's (M)" for a newer file. */
int practice_open(struct practice **p, const char *path, struct bagu_err *err) BAGU_MUST_CHECK;
void practice_free(struct practice *p);
sqlite3 *practice_db(struct practice *p);

/* ---- settings ----
 * Keys: retention (requested retention, default 0.9), steps (learning steps, "1m,10m"),
 * relearning_steps ("10m"), maximum_interval (days, 36500), new_per_day (20). */
struct practice_settings {
	double retention;
	char steps[128], relearning_steps[128];
	int maximum_interval, new_per_day;
};
/* Reads the settings (defaults for keys not stored). */
int practice_settings_get(struct practice *p, struct practice_settings *s, struct bagu_err *err) BAGU_MUST_CHECK;
/* Validates and stores one setting ("retention", "0.85"). Unknown keys and bad values
 * fail without writing. */
int practice_setting_set(struct practice *p, const char *key, const char *value,
			 struct bagu_err *err) BAGU_MUST_CHECK;
/* The scheduler parameters of the settings (FSRS-6 default weights), prepared. */
int practice_params(const struct practice_settings *s, bool fuzz, struct srs_params *out,
		    struct bagu_err *err) BAGU_MUST_CHECK;

/* ---- cards and grades ---- */
/* Reads the card of question id: 0 and *c filled; 1 when it has none (never graded). */
int practice_card_get(struct practice *p, const char *id, struct srs_card *c, struct bagu_err *err) BAGU_MUST_CHECK;
/* Grades question id at now with rating g: reads its card (a new card due at now when
 * it has none), schedules it with srs_review, writes the card and appends the log row —
 * all in one transaction; either both are stored or neither. *out (may be NULL) gets
 * the new card. */
int practice_grade(struct practice *p, const struct srs_params *sp, const char *id, int64_t now,
		   enum srs_rating g, struct srs_card *out, struct bagu_err *err) BAGU_MUST_CHECK;

/* ---- the queue ---- */
struct practice_item {
	char *id;             /* question id (owned) */
	struct srs_card card; /* its card; a new card (state New, due now) for new items */
	bool is_new;
};
struct practice_queue {
	struct practice_item *items;
	size_t n, alloc;
	size_t ndue, nnew;     /* items[0..ndue) due, then nnew new ones */
	int new_today;         /* new cards already introduced today (UTC day of now) */
};
/* Builds today's queue at now: cards due at or before now whose question is still in
 * content (oldest due first, ties by id), then questions without a card, up to
 * new_limit minus the new cards introduced since 00:00 UTC today, in roadmap order
 * (practice_roadmap). limit > 0 caps the whole queue. */
int practice_queue_build(struct practice *p, struct bagu_store *content, int64_t now, int new_limit,
			 int limit, struct practice_queue *q, struct bagu_err *err) BAGU_MUST_CHECK;
void practice_queue_release(struct practice_queue *q);

/* The content's questions in roadmap order: topics in a topological order (a topic after
 * its parent and its prereq topics; among the topics ready at a step, the lowest ord
 * first; a cycle, if any, broken by ord), then within a topic `bagu list`'s order (level,
 * -freq, id). *ids is a malloc'd array of malloc'd ids; free with practice_ids_free. */
int practice_roadmap(struct bagu_store *content, char ***ids, size_t *n, struct bagu_err *err) BAGU_MUST_CHECK;
void practice_ids_free(char **ids, size_t n);

/* The earliest due time of a card whose question is in content: 0 and *due; 1 when
 * there is none. */
int practice_next_due(struct practice *p, struct bagu_store *content, int64_t *due, struct bagu_err *err) BAGU_MUST_CHECK;

/* The texts of a question's keypoints (store_question.keypoints_json, an array of
 * {"text", "match"}), read with content.db's JSON functions. Free with practice_ids_free. */
int practice_keypoints(struct bagu_store *content, const char *json, char ***texts, size_t *n,
		       struct bagu_err *err) BAGU_MUST_CHECK;

/* ---- statistics ---- */
#define PRACTICE_STATS_DAYS 30
#define PRACTICE_FORECAST_DAYS 7
struct practice_stats {
	int64_t day0;                           /* 00:00 UTC of now's day */
	int per_day[PRACTICE_STATS_DAYS];       /* reviews on day0 - (29 - i) days; [29] = today */
	int review_reviews, review_remembered; /* log rows graded in state Review; not Again */
	int cards[4];                          /* cards by enum srs_state */
	int forecast[PRACTICE_FORECAST_DAYS];  /* due by the end of day0 + i (overdue in [0]) */
	int total_reviews;
	int not_started; /* content questions without a card; -1 without content */
};
/* Statistics at now. The review counts cover the whole log; with content (may be NULL)
 * cards, forecast and not_started count only questions still in it, as the queue does. */
int practice_stats(struct practice *p, struct bagu_store *content, int64_t now, struct practice_stats *s,
		   struct bagu_err *err) BAGU_MUST_CHECK;

#endif
