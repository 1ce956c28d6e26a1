/* practice — cards, review log, settings and the review queue in user.db. See practice.h. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "practice/practice.h"

struct practice {
	sqlite3 *db;
};

static int sqlerr(struct bagu_err *err, sqlite3 *db, const char *what)
{
	return bagu_error(err, "user.db: %s: %s", what, sqlite3_errmsg(db));
}

static int exec(sqlite3 *db, const char *sql, struct bagu_err *err)
{
	char *msg = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		bagu_error(err, "user.db: %s", msg ? msg : sqlite3_errmsg(db));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

static int user_version(sqlite3 *db, int *v, struct bagu_err *err)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
		return sqlerr(err, db, "reading the schema version");
	int rc = sqlite3_step(st);
	*v = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : sqlerr(err, db, "reading the schema version");
}

/* Version 2: the practice tables. */
static const char schema_v2[] =
	"CREATE TABLE cards(question TEXT PRIMARY KEY, state INTEGER NOT NULL, due INTEGER NOT NULL,"
	" last_review INTEGER NOT NULL, stability REAL NOT NULL, difficulty REAL NOT NULL,"
	" elapsed_days INTEGER NOT NULL, scheduled_days INTEGER NOT NULL, reps INTEGER NOT NULL,"
	" lapses INTEGER NOT NULL, learning_steps INTEGER NOT NULL);"
	"CREATE INDEX cards_due ON cards(due);"
	"CREATE TABLE review_log(id INTEGER PRIMARY KEY, question TEXT NOT NULL,"
	" reviewed_at INTEGER NOT NULL, rating INTEGER NOT NULL, state_before INTEGER,"
	" state_after INTEGER, elapsed_days INTEGER, scheduled_days INTEGER, stability REAL,"
	" difficulty REAL, due INTEGER);"
	"CREATE INDEX review_log_question ON review_log(question, reviewed_at);"
	"CREATE INDEX review_log_time ON review_log(reviewed_at);"
	"CREATE TABLE settings(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
	"CREATE TABLE IF NOT EXISTS notes(question TEXT PRIMARY KEY, body TEXT NOT NULL,"
	" updated_at INTEGER NOT NULL);";

/* Version 1 (store_user_open's first schema) had reviews(question, reviewed_at, rating,
 * stability, difficulty, due_at) and notes; its review rows move to review_log with
 * unknown states. */
static const char migrate_v1[] =
	"INSERT INTO review_log(question, reviewed_at, rating, stability, difficulty, due)"
	" SELECT question, reviewed_at, rating, stability, difficulty, due_at FROM reviews"
	" ORDER BY reviewed_at;"
	"DROP TABLE reviews;";

static int migrate(sqlite3 *db, const char *path, struct bagu_err *err)
{
	int v;
	if (user_version(db, &v, err))
		return -1;
	if (v == PRACTICE_SCHEMA_VERSION)
		return 0;
	if (v > PRACTICE_SCHEMA_VERSION)
		return bagu_error(err, "%s: schema version %d is newer than this bagu's (%d); use a newer bagu",
				  path, v, PRACTICE_SCHEMA_VERSION);
	if (exec(db, "BEGIN IMMEDIATE", err))
		return -1;
	/* another process may have migrated while we waited for the lock */
	int rc = user_version(db, &v, err);
	if (!rc && v < PRACTICE_SCHEMA_VERSION) {
		rc = exec(db, schema_v2, err);
		if (!rc && v == 1)
			rc = exec(db, migrate_v1, err);
		if (!rc) {
			char sql[64];
			snprintf(sql, sizeof(sql), "PRAGMA user_version=%d", PRACTICE_SCHEMA_VERSION);
			rc = exec(db, sql, err);
		}
	} else if (!rc && v > PRACTICE_SCHEMA_VERSION) {
		rc = bagu_error(err, "%s: schema version %d is newer than this bagu's (%d); use a newer bagu",
				path, v, PRACTICE_SCHEMA_VERSION);
	}
	if (rc) {
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	return exec(db, "COMMIT", err);
}

int practice_open(struct practice **out, const char *path, struct bagu_err *err)
{
	*out = NULL;
	char *own = path ? NULL : store_user_path();
	const char *pth = path ? path : own;
	sqlite3 *db;
	int rc = store_user_open_path(&db, pth, err);
	if (!rc && migrate(db, pth, err)) {
		sqlite3_close(db);
		rc = -1;
	}
	free(own);
	if (rc)
		return -1;
	struct practice *p = xcalloc(1, sizeof(*p));
	p->db = db;
	*out = p;
	return 0;
}

void practice_free(struct practice *p)
{
	if (!p)
		return;
	sqlite3_close(p->db);
	free(p);
}

sqlite3 *practice_db(struct practice *p)
{
	return p->db;
}

/* ---- settings ---- */

static void settings_defaults(struct practice_settings *s)
{
	memset(s, 0, sizeof(*s));
	s->retention = 0.9;
	snprintf(s->steps, sizeof(s->steps), "1m,10m");
	snprintf(s->relearning_steps, sizeof(s->relearning_steps), "10m");
	s->maximum_interval = 36500;
	s->new_per_day = PRACTICE_NEW_PER_DAY;
}

static int parse_int(const char *v, int lo, int hi, int *out)
{
	char *end;
	errno = 0;
	long x = strtol(v, &end, 10);
	if (end == v || *end || errno || x < lo || x > hi)
		return -1;
	*out = (int)x;
	return 0;
}

/* Applies key=value to s; -1 with err for an unknown key or a bad value. */
static int setting_apply(struct practice_settings *s, const char *key, const char *value, struct bagu_err *err)
{
	if (!strcmp(key, "retention")) {
		char *end;
		errno = 0;
		double r = strtod(value, &end);
		if (end == value || *end || errno || !(r > 0 && r < 1))
			return bagu_error(err, "retention wants a number in (0, 1), not '%s'", value);
		s->retention = r;
	} else if (!strcmp(key, "steps") || !strcmp(key, "relearning_steps")) {
		int m[SRS_MAX_STEPS];
		size_t n;
		struct bagu_err e;
		if (srs_parse_steps(value, m, &n, &e))
			return bagu_error(err, "%s: %s", key, e.msg);
		char *dst = !strcmp(key, "steps") ? s->steps : s->relearning_steps;
		if (strlen(value) >= sizeof(s->steps))
			return bagu_error(err, "%s: too long", key);
		snprintf(dst, sizeof(s->steps), "%s", value);
	} else if (!strcmp(key, "maximum_interval")) {
		if (parse_int(value, 1, 36500, &s->maximum_interval))
			return bagu_error(err, "maximum_interval wants days in 1..36500, not '%s'", value);
	} else if (!strcmp(key, "new_per_day")) {
		if (parse_int(value, 0, 10000, &s->new_per_day))
			return bagu_error(err, "new_per_day wants 0..10000, not '%s'", value);
	} else {
		return bagu_error(err, "unknown setting '%s' (retention, steps, relearning_steps, "
				       "maximum_interval, new_per_day)", key);
	}
	return 0;
}

int practice_settings_get(struct practice *p, struct practice_settings *s, struct bagu_err *err)
{
	settings_defaults(s);
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(p->db, "SELECT key, value FROM settings ORDER BY key", -1, &st, NULL) != SQLITE_OK)
		return sqlerr(err, p->db, "reading settings");
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *k = (const char *)sqlite3_column_text(st, 0);
		const char *v = (const char *)sqlite3_column_text(st, 1);
		struct bagu_err e;
		if (k && v && setting_apply(s, k, v, &e)) { /* a bad stored value: say so */
			sqlite3_finalize(st);
			return bagu_error(err, "user.db: setting %s", e.msg);
		}
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : sqlerr(err, p->db, "reading settings");
}

int practice_setting_set(struct practice *p, const char *key, const char *value, struct bagu_err *err)
{
	struct practice_settings s;
	settings_defaults(&s);
	if (setting_apply(&s, key, value, err))
		return -1;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(p->db, "INSERT OR REPLACE INTO settings(key, value) VALUES(?1, ?2)", -1, &st,
			       NULL) != SQLITE_OK)
		return sqlerr(err, p->db, "writing a setting");
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : sqlerr(err, p->db, "writing a setting");
}

int practice_params(const struct practice_settings *s, bool fuzz, struct srs_params *out, struct bagu_err *err)
{
	srs_params_init(out);
	out->request_retention = s->retention;
	out->maximum_interval = s->maximum_interval;
	out->fuzz = fuzz;
	if (srs_parse_steps(s->steps, out->learning, &out->nlearning, err) ||
	    srs_parse_steps(s->relearning_steps, out->relearning, &out->nrelearning, err))
		return -1;
	return srs_params_prepare(out, err);
}

/* ---- cards ---- */

#define CARD_COLS "state, due, last_review, stability, difficulty, elapsed_days, scheduled_days, reps, lapses, learning_steps"

static void card_from_row(sqlite3_stmt *st, int col, struct srs_card *c)
{
	c->state = (enum srs_state)sqlite3_column_int(st, col);
	c->due = sqlite3_column_int64(st, col + 1);
	c->last_review = sqlite3_column_int64(st, col + 2);
	c->stability = sqlite3_column_double(st, col + 3);
	c->difficulty = sqlite3_column_double(st, col + 4);
	c->elapsed_days = sqlite3_column_int(st, col + 5);
	c->scheduled_days = sqlite3_column_int(st, col + 6);
	c->reps = sqlite3_column_int(st, col + 7);
	c->lapses = sqlite3_column_int(st, col + 8);
	c->learning_steps = sqlite3_column_int(st, col + 9);
}

int practice_card_get(struct practice *p, const char *id, struct srs_card *c, struct bagu_err *err)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(p->db, "SELECT " CARD_COLS " FROM cards WHERE question = ?1", -1, &st, NULL) !=
	    SQLITE_OK)
		return sqlerr(err, p->db, "reading a card");
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		card_from_row(st, 0, c);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc == SQLITE_DONE)
		return bagu_error(err, "%s: no card", id), 1;
	return sqlerr(err, p->db, "reading a card");
}

static int grade_tx(struct practice *p, const struct srs_params *sp, const char *id, int64_t now,
		    enum srs_rating g, struct srs_card *out, struct bagu_err *err)
{
	struct srs_card before, after;
	int rc = practice_card_get(p, id, &before, err);
	if (rc < 0)
		return -1;
	if (rc == 1)
		srs_card_init(&before, now);
	if (srs_review(sp, &before, now, g, &after, err))
		return -1;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(p->db, "INSERT OR REPLACE INTO cards(question, " CARD_COLS
				      ") VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
			       -1, &st, NULL) != SQLITE_OK)
		return sqlerr(err, p->db, "writing a card");
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, after.state);
	sqlite3_bind_int64(st, 3, after.due);
	sqlite3_bind_int64(st, 4, after.last_review);
	sqlite3_bind_double(st, 5, after.stability);
	sqlite3_bind_double(st, 6, after.difficulty);
	sqlite3_bind_int(st, 7, after.elapsed_days);
	sqlite3_bind_int(st, 8, after.scheduled_days);
	sqlite3_bind_int(st, 9, after.reps);
	sqlite3_bind_int(st, 10, after.lapses);
	sqlite3_bind_int(st, 11, after.learning_steps);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return sqlerr(err, p->db, "writing a card");
	if (sqlite3_prepare_v2(p->db,
			       "INSERT INTO review_log(question, reviewed_at, rating, state_before, state_after,"
			       " elapsed_days, scheduled_days, stability, difficulty, due)"
			       " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
			       -1, &st, NULL) != SQLITE_OK)
		return sqlerr(err, p->db, "writing the review log");
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, now);
	sqlite3_bind_int(st, 3, g);
	sqlite3_bind_int(st, 4, before.state);
	sqlite3_bind_int(st, 5, after.state);
	sqlite3_bind_int(st, 6, after.elapsed_days);
	sqlite3_bind_int(st, 7, after.scheduled_days);
	sqlite3_bind_double(st, 8, after.stability);
	sqlite3_bind_double(st, 9, after.difficulty);
	sqlite3_bind_int64(st, 10, after.due);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return sqlerr(err, p->db, "writing the review log");
	if (out)
		*out = after;
	return 0;
}

int practice_grade(struct practice *p, const struct srs_params *sp, const char *id, int64_t now,
		   enum srs_rating g, struct srs_card *out, struct bagu_err *err)
{
	if (exec(p->db, "BEGIN IMMEDIATE", err))
		return -1;
	if (grade_tx(p, sp, id, now, g, out, err)) {
		sqlite3_exec(p->db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	return exec(p->db, "COMMIT", err);
}

/* ---- roadmap ---- */

void practice_ids_free(char **ids, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(ids[i]);
	free(ids);
}

static int topic_index(const struct store_topic *ts, size_t n, const char *id)
{
	if (!id)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (!strcmp(ts[i].id, id))
			return (int)i;
	return -1;
}

/* The prereq ids of one topic (its JSON array of strings), via SQLite's json_each. */
static int topic_prereqs(sqlite3 *db, const char *json, char ***out, size_t *n, struct bagu_err *err)
{
	*out = NULL;
	*n = 0;
	size_t alloc = 0;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, "SELECT value FROM json_each(?1)", -1, &st, NULL) != SQLITE_OK)
		return bagu_error(err, "content.db: %s", sqlite3_errmsg(db));
	sqlite3_bind_text(st, 1, json && *json ? json : "[]", -1, SQLITE_STATIC);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *v = (const char *)sqlite3_column_text(st, 0);
		XGROW(*out, alloc, *n + 1);
		(*out)[(*n)++] = xstrdup(v ? v : "");
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		practice_ids_free(*out, *n);
		*out = NULL, *n = 0;
		return bagu_error(err, "content.db: prereq: %s", sqlite3_errmsg(db));
	}
	return 0;
}

int practice_roadmap(struct bagu_store *content, char ***ids_out, size_t *n_out, struct bagu_err *err)
{
	*ids_out = NULL;
	*n_out = 0;
	struct store_topic *ts = NULL;
	size_t nt = 0;
	struct store_question *qs = NULL;
	size_t nq = 0;
	if (store_topics(content, &ts, &nt, err))
		return -1;
	if (store_list(content, NULL, NULL, &qs, &nq, err)) {
		store_topics_free(ts, nt);
		return -1;
	}
	/* edges: parent → topic, prereq → topic; indeg[i] counts unfinished predecessors */
	int *indeg = xcalloc(nt + 1, sizeof(int));
	bool **succ = xcalloc(nt + 1, sizeof(bool *));
	int rc = 0;
	for (size_t i = 0; i < nt; i++)
		succ[i] = xcalloc(nt + 1, sizeof(bool));
	for (size_t i = 0; i < nt && !rc; i++) {
		int par = topic_index(ts, nt, ts[i].parent);
		if (par >= 0 && !succ[par][i])
			succ[par][i] = true, indeg[i]++;
		char **pre;
		size_t np;
		if (topic_prereqs(store_db(content), ts[i].prereq_json, &pre, &np, err)) {
			rc = -1;
			break;
		}
		for (size_t k = 0; k < np; k++) {
			int j = topic_index(ts, nt, pre[k]);
			if (j >= 0 && j != (int)i && !succ[j][i])
				succ[j][i] = true, indeg[i]++;
		}
		practice_ids_free(pre, np);
	}
	/* Kahn's algorithm; store_topics returns topics by ord, so the lowest index is the
	 * lowest ord. A cycle is broken by taking the lowest-ord topic left. */
	size_t *order = xcalloc(nt + 1, sizeof(size_t));
	bool *done = xcalloc(nt + 1, sizeof(bool));
	for (size_t k = 0; k < nt && !rc; k++) {
		size_t pick = nt;
		for (size_t i = 0; i < nt; i++)
			if (!done[i] && indeg[i] == 0) {
				pick = i;
				break;
			}
		if (pick == nt)
			for (size_t i = 0; i < nt; i++)
				if (!done[i]) {
					pick = i;
					break;
				}
		done[pick] = true;
		order[k] = pick;
		for (size_t j = 0; j < nt; j++)
			if (succ[pick][j] && indeg[j] > 0)
				indeg[j]--;
	}
	if (!rc) {
		char **ids = xcalloc(nq + 1, sizeof(char *));
		size_t n = 0;
		bool *taken = xcalloc(nq + 1, sizeof(bool));
		for (size_t k = 0; k < nt; k++)
			for (size_t i = 0; i < nq; i++)
				if (!taken[i] && !strcmp(qs[i].topic, ts[order[k]].id))
					taken[i] = true, ids[n++] = xstrdup(qs[i].id);
		for (size_t i = 0; i < nq; i++) /* a question whose topic is unknown: last */
			if (!taken[i])
				ids[n++] = xstrdup(qs[i].id);
		free(taken);
		*ids_out = ids;
		*n_out = n;
	}
	free(order);
	free(done);
	for (size_t i = 0; i < nt; i++)
		free(succ[i]);
	free(succ);
	free(indeg);
	store_topics_free(ts, nt);
	store_questions_free(qs, nq);
	return rc;
}

/* ---- queue ---- */

void practice_queue_release(struct practice_queue *q)
{
	for (size_t i = 0; i < q->n; i++)
		free(q->items[i].id);
	free(q->items);
	memset(q, 0, sizeof(*q));
}

static int64_t day_start(int64_t now)
{
	int64_t d = now / SRS_DAY_MS;
	if (now < 0 && now % SRS_DAY_MS)
		d--;
	return d * SRS_DAY_MS;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void queue_push(struct practice_queue *q, const char *id, const struct srs_card *c, bool is_new)
{
	XGROW(q->items, q->alloc, q->n + 1);
	struct practice_item *it = &q->items[q->n++];
	it->id = xstrdup(id);
	it->card = *c;
	it->is_new = is_new;
}

int practice_queue_build(struct practice *p, struct bagu_store *content, int64_t now, int new_limit, int limit,
			 struct practice_queue *q, struct bagu_err *err)
{
	memset(q, 0, sizeof(*q));
	char **road = NULL;
	size_t nroad = 0;
	if (practice_roadmap(content, &road, &nroad, err))
		return -1;
	/* sorted copy of the content's ids, to test membership */
	char **sorted = xcalloc(nroad + 1, sizeof(char *));
	memcpy(sorted, road, nroad * sizeof(char *));
	qsort(sorted, nroad, sizeof(char *), cmp_str);
	int rc = 0;
	sqlite3_stmt *st = NULL;
	/* a read transaction, so the cards and the log are one snapshot */
	if (exec(p->db, "BEGIN", err)) {
		rc = -1;
		goto out;
	}
	if (sqlite3_prepare_v2(p->db,
			       "SELECT question, " CARD_COLS " FROM cards WHERE due <= ?1 ORDER BY due, question",
			       -1, &st, NULL) != SQLITE_OK) {
		rc = sqlerr(err, p->db, "reading due cards");
		goto out;
	}
	sqlite3_bind_int64(st, 1, now);
	int s;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		const char *id = (const char *)sqlite3_column_text(st, 0);
		if (!id || !bsearch(&id, sorted, nroad, sizeof(char *), cmp_str))
			continue; /* removed from content: kept, not scheduled */
		struct srs_card c;
		card_from_row(st, 1, &c);
		if (limit > 0 && q->n >= (size_t)limit)
			break;
		queue_push(q, id, &c, false);
		q->ndue++;
	}
	sqlite3_finalize(st);
	st = NULL;
	if (s != SQLITE_ROW && s != SQLITE_DONE) {
		rc = sqlerr(err, p->db, "reading due cards");
		goto out;
	}
	/* new cards introduced today: questions whose first log row is today */
	if (sqlite3_prepare_v2(p->db,
			       "SELECT count(*) FROM (SELECT question FROM review_log GROUP BY question"
			       " HAVING min(reviewed_at) >= ?1 AND min(reviewed_at) <= ?2)",
			       -1, &st, NULL) != SQLITE_OK) {
		rc = sqlerr(err, p->db, "counting today's new cards");
		goto out;
	}
	sqlite3_bind_int64(st, 1, day_start(now));
	sqlite3_bind_int64(st, 2, now);
	if (sqlite3_step(st) != SQLITE_ROW) {
		rc = sqlerr(err, p->db, "counting today's new cards");
		goto out;
	}
	q->new_today = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	st = NULL;
	int room = new_limit - q->new_today;
	if (sqlite3_prepare_v2(p->db, "SELECT 1 FROM cards WHERE question = ?1", -1, &st, NULL) != SQLITE_OK) {
		rc = sqlerr(err, p->db, "reading cards");
		goto out;
	}
	for (size_t i = 0; i < nroad && room > 0; i++) {
		if (limit > 0 && q->n >= (size_t)limit)
			break;
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, road[i], -1, SQLITE_STATIC);
		s = sqlite3_step(st);
		if (s == SQLITE_ROW)
			continue;
		if (s != SQLITE_DONE) {
			rc = sqlerr(err, p->db, "reading cards");
			goto out;
		}
		struct srs_card c;
		srs_card_init(&c, now);
		queue_push(q, road[i], &c, true);
		q->nnew++;
		room--;
	}
out:
	sqlite3_finalize(st);
	sqlite3_exec(p->db, "COMMIT", NULL, NULL, NULL);
	free(sorted);
	practice_ids_free(road, nroad);
	if (rc)
		practice_queue_release(q);
	return rc;
}

static bool in_content(struct bagu_store *content, const char *id, int *rc, struct bagu_err *err)
{
	sqlite3 *db = store_db(content);
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, "SELECT 1 FROM questions WHERE id = ?1", -1, &st, NULL) != SQLITE_OK) {
		*rc = bagu_error(err, "content.db: %s", sqlite3_errmsg(db));
		return false;
	}
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	int s = sqlite3_step(st);
	sqlite3_finalize(st);
	if (s != SQLITE_ROW && s != SQLITE_DONE)
		*rc = bagu_error(err, "content.db: %s", sqlite3_errmsg(db));
	return s == SQLITE_ROW;
}

int practice_next_due(struct practice *p, struct bagu_store *content, int64_t *due, struct bagu_err *err)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(p->db, "SELECT question, due FROM cards ORDER BY due, question", -1, &st, NULL) !=
	    SQLITE_OK)
		return sqlerr(err, p->db, "reading cards");
	int rc = 1, s;
	while (rc == 1 && (s = sqlite3_step(st)) == SQLITE_ROW) {
		const char *id = (const char *)sqlite3_column_text(st, 0);
		if (id && in_content(content, id, &rc, err) && rc == 1) {
			*due = sqlite3_column_int64(st, 1);
			rc = 0;
		}
	}
	if (rc == 1 && s != SQLITE_DONE)
		rc = sqlerr(err, p->db, "reading cards");
	sqlite3_finalize(st);
	return rc;
}

int practice_keypoints(struct bagu_store *content, const char *json, char ***texts, size_t *n, struct bagu_err *err)
{
	*texts = NULL;
	*n = 0;
	size_t alloc = 0;
	sqlite3 *db = store_db(content);
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, "SELECT json_extract(value, '$.text') FROM json_each(?1)", -1, &st, NULL) !=
	    SQLITE_OK)
		return bagu_error(err, "content.db: %s", sqlite3_errmsg(db));
	sqlite3_bind_text(st, 1, json && *json ? json : "[]", -1, SQLITE_STATIC);
	int s;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		const char *v = (const char *)sqlite3_column_text(st, 0);
		if (!v)
			continue;
		XGROW(*texts, alloc, *n + 1);
		(*texts)[(*n)++] = xstrdup(v);
	}
	sqlite3_finalize(st);
	if (s != SQLITE_DONE) {
		practice_ids_free(*texts, *n);
		*texts = NULL, *n = 0;
		return bagu_error(err, "content.db: keypoints: %s", sqlite3_errmsg(db));
	}
	return 0;
}

/* ---- statistics ---- */

static int count_into(sqlite3 *db, const char *sql, int64_t a, int64_t b, int *out, struct bagu_err *err)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return sqlerr(err, db, "statistics");
	sqlite3_bind_int64(st, 1, a);
	sqlite3_bind_int64(st, 2, b);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : sqlerr(err, db, "statistics");
}

/* Fills the temporary table live(id) with the content's question ids. */
static int fill_live(struct practice *p, struct bagu_store *content, struct bagu_err *err)
{
	if (exec(p->db, "CREATE TEMP TABLE IF NOT EXISTS live(id TEXT PRIMARY KEY); DELETE FROM temp.live;", err))
		return -1;
	sqlite3 *cdb = store_db(content);
	sqlite3_stmt *q, *ins;
	if (sqlite3_prepare_v2(cdb, "SELECT id FROM questions", -1, &q, NULL) != SQLITE_OK)
		return bagu_error(err, "content.db: %s", sqlite3_errmsg(cdb));
	if (sqlite3_prepare_v2(p->db, "INSERT OR IGNORE INTO temp.live(id) VALUES(?1)", -1, &ins, NULL) != SQLITE_OK) {
		sqlite3_finalize(q);
		return sqlerr(err, p->db, "statistics");
	}
	int rc = 0, s;
	while (!rc && (s = sqlite3_step(q)) == SQLITE_ROW) {
		sqlite3_reset(ins);
		sqlite3_bind_text(ins, 1, (const char *)sqlite3_column_text(q, 0), -1, SQLITE_TRANSIENT);
		if (sqlite3_step(ins) != SQLITE_DONE)
			rc = sqlerr(err, p->db, "statistics");
	}
	if (!rc && s != SQLITE_DONE)
		rc = bagu_error(err, "content.db: %s", sqlite3_errmsg(cdb));
	sqlite3_finalize(q);
	sqlite3_finalize(ins);
	return rc;
}

int practice_stats(struct practice *p, struct bagu_store *content, int64_t now, struct practice_stats *s,
		   struct bagu_err *err)
{
	memset(s, 0, sizeof(*s));
	s->day0 = day_start(now);
	s->not_started = -1;
	int rc = exec(p->db, "BEGIN", err);
	if (!rc && content)
		rc = fill_live(p, content, err);
	/* the cards counted: all, or only those of questions in content */
	const char *cards = content ? "(SELECT * FROM cards WHERE question IN (SELECT id FROM temp.live))" : "cards";
	for (int i = 0; i < PRACTICE_STATS_DAYS && !rc; i++) {
		int64_t from = s->day0 - (int64_t)(PRACTICE_STATS_DAYS - 1 - i) * SRS_DAY_MS;
		rc = count_into(p->db, "SELECT count(*) FROM review_log WHERE reviewed_at >= ?1 AND reviewed_at < ?2",
				from, from + SRS_DAY_MS, &s->per_day[i], err);
	}
	if (!rc)
		rc = count_into(p->db, "SELECT count(*) FROM review_log WHERE state_before = 2 AND ?1 = ?2", 0, 0,
				&s->review_reviews, err);
	if (!rc)
		rc = count_into(p->db,
				"SELECT count(*) FROM review_log WHERE state_before = 2 AND rating <> 1 AND ?1 = ?2",
				0, 0, &s->review_remembered, err);
	if (!rc)
		rc = count_into(p->db, "SELECT count(*) FROM review_log WHERE ?1 = ?2", 0, 0, &s->total_reviews, err);
	for (int k = 0; k < 4 && !rc; k++) {
		char *sql = xasprintf("SELECT count(*) FROM %s WHERE state = ?1 AND ?2 = ?2", cards);
		rc = count_into(p->db, sql, k, 0, &s->cards[k], err);
		free(sql);
	}
	for (int i = 0; i < PRACTICE_FORECAST_DAYS && !rc; i++) {
		int64_t end = s->day0 + (int64_t)(i + 1) * SRS_DAY_MS;
		int64_t from = i ? end - SRS_DAY_MS : INT64_MIN;
		char *sql = xasprintf("SELECT count(*) FROM %s WHERE due >= ?1 AND due < ?2", cards);
		rc = count_into(p->db, sql, from, end, &s->forecast[i], err);
		free(sql);
	}
	if (!rc && content)
		rc = count_into(p->db,
				"SELECT count(*) FROM temp.live WHERE id NOT IN (SELECT question FROM cards) AND ?1 = ?2",
				0, 0, &s->not_started, err);
	sqlite3_exec(p->db, "COMMIT", NULL, NULL, NULL);
	return rc;
}
