/* store — content.db build/open and the user database. See store.h. */
#include "store/store.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "util/json.h"

static store_conn_hook hooks[8];
static size_t nhooks;

void store_add_conn_hook(store_conn_hook hook)
{
	for (size_t i = 0; i < nhooks; i++)
		if (hooks[i] == hook)
			return;
	if (nhooks < BAGU_ARRAY_LEN(hooks))
		hooks[nhooks++] = hook;
}

static store_conn_hook build_hooks[8];
static size_t nbuild_hooks;

void store_add_build_hook(store_conn_hook hook)
{
	for (size_t i = 0; i < nbuild_hooks; i++)
		if (build_hooks[i] == hook)
			return;
	if (nbuild_hooks < BAGU_ARRAY_LEN(build_hooks))
		build_hooks[nbuild_hooks++] = hook;
}

int store_run_conn_hooks(sqlite3 *db, struct bagu_err *err)
{
	for (size_t i = 0; i < nhooks; i++)
		if (hooks[i](db, err))
			return -1;
	return 0;
}

static const char schema[] =
	"CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
	"CREATE TABLE topics(id TEXT PRIMARY KEY, ord INTEGER NOT NULL, zh TEXT NOT NULL,"
	" en TEXT NOT NULL, parent TEXT, stage TEXT NOT NULL, about TEXT, prereq TEXT NOT NULL);"
	"CREATE TABLE questions(id TEXT PRIMARY KEY, ord INTEGER NOT NULL, path TEXT NOT NULL,"
	" title TEXT NOT NULL, topic TEXT NOT NULL REFERENCES topics(id), level TEXT NOT NULL,"
	" level_ord INTEGER NOT NULL, freq INTEGER NOT NULL, go TEXT, seed TEXT NOT NULL,"
	" seed_also TEXT NOT NULL, keypoints TEXT NOT NULL, related TEXT NOT NULL,"
	" short_md TEXT, short_html TEXT, detail_md TEXT, detail_html TEXT,"
	" example_md TEXT, example_html TEXT, followup_md TEXT, followup_html TEXT);"
	"CREATE TABLE question_seed(seed INTEGER NOT NULL, question TEXT NOT NULL, primary_claim INTEGER NOT NULL,"
	" PRIMARY KEY(seed, question));"
	"CREATE TABLE examples(question TEXT NOT NULL, line INTEGER NOT NULL, code TEXT NOT NULL,"
	" expected TEXT, go_minor INTEGER NOT NULL, PRIMARY KEY(question, line));"
	"CREATE TABLE diagrams(question TEXT NOT NULL, ord INTEGER NOT NULL, line INTEGER NOT NULL,"
	" kind TEXT NOT NULL, title TEXT NOT NULL, description TEXT NOT NULL, svg TEXT NOT NULL,"
	" PRIMARY KEY(question, ord));"
	"CREATE TABLE lexicon(concept TEXT NOT NULL, alias TEXT NOT NULL, ord INTEGER NOT NULL,"
	" PRIMARY KEY(concept, alias));"
	"CREATE INDEX lexicon_alias ON lexicon(alias);"
	"CREATE INDEX questions_topic ON questions(topic);";

static int sqlerr(struct bagu_err *err, sqlite3 *db, const char *what)
{
	return bagu_error(err, "%s: %s", what, db ? sqlite3_errmsg(db) : "out of memory");
}

static char *json_strv(char *const *v, size_t n)
{
	struct strbuf sb = STRBUF_INIT;
	struct json_writer w;
	json_init(&w, &sb, false);
	json_arr_begin(&w);
	for (size_t i = 0; i < n; i++)
		json_str(&w, v[i]);
	json_arr_end(&w);
	return strbuf_detach(&sb, NULL);
}

static char *json_intv(const int *v, size_t n)
{
	struct strbuf sb = STRBUF_INIT;
	struct json_writer w;
	json_init(&w, &sb, false);
	json_arr_begin(&w);
	for (size_t i = 0; i < n; i++)
		json_int(&w, v[i]);
	json_arr_end(&w);
	return strbuf_detach(&sb, NULL);
}

static char *json_keypoints(const struct kb_question *q)
{
	struct strbuf sb = STRBUF_INIT;
	struct json_writer w;
	json_init(&w, &sb, false);
	json_arr_begin(&w);
	for (size_t i = 0; i < q->nkeypoints; i++) {
		json_obj_begin(&w);
		json_key(&w, "text");
		json_str(&w, q->keypoints[i].text);
		json_key(&w, "match");
		json_arr_begin(&w);
		for (size_t j = 0; j < q->keypoints[i].nmatch; j++)
			json_str(&w, q->keypoints[i].match[j]);
		json_arr_end(&w);
		json_obj_end(&w);
	}
	json_arr_end(&w);
	return strbuf_detach(&sb, NULL);
}

/* Binds a malloc'd string that SQLite frees. */
static int bind_own(sqlite3_stmt *st, int i, char *s)
{
	return sqlite3_bind_text(st, i, s, -1, free);
}

static int exec(sqlite3 *db, const char *sql, struct bagu_err *err)
{
	char *msg = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		bagu_error(err, "sqlite: %s", msg ? msg : sqlite3_errmsg(db));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

static int write_content(sqlite3 *db, const struct kb *kb, struct bagu_err *err)
{
	sqlite3_stmt *st = NULL;
	int rc = -1;
	if (exec(db, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; BEGIN;", err) ||
	    exec(db, schema, err))
		return -1;

	if (sqlite3_prepare_v2(db, "INSERT INTO topics VALUES(?,?,?,?,?,?,?,?)", -1, &st, NULL))
		goto sql;
	for (size_t i = 0; i < kb->ntopics; i++) {
		const struct kb_topic *t = &kb->topics[i];
		sqlite3_bind_text(st, 1, t->id, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 2, (int)i);
		sqlite3_bind_text(st, 3, t->zh, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, t->en, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 5, t->parent, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 6, t->stage, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 7, t->about, -1, SQLITE_STATIC);
		bind_own(st, 8, json_strv(t->prereq, t->nprereq));
		if (sqlite3_step(st) != SQLITE_DONE)
			goto sql;
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);

	if (sqlite3_prepare_v2(db, "INSERT INTO questions VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
			       -1, &st, NULL))
		goto sql;
	for (size_t i = 0; i < kb->nquestions; i++) {
		const struct kb_question *q = &kb->questions[i];
		int c = 1;
		sqlite3_bind_text(st, c++, q->id, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, c++, (int)i);
		sqlite3_bind_text(st, c++, q->path, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, c++, q->title, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, c++, q->topic, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, c++, q->level, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, c++, kb_level_index(q->level));
		sqlite3_bind_int(st, c++, q->freq);
		sqlite3_bind_text(st, c++, q->go, -1, SQLITE_STATIC);
		bind_own(st, c++, json_intv(q->seed, q->nseed));
		bind_own(st, c++, json_intv(q->seed_also, q->nseed_also));
		bind_own(st, c++, json_keypoints(q));
		bind_own(st, c++, json_strv(q->related, q->nrelated));
		for (int s = 0; s < KB_NSECTIONS; s++) {
			sqlite3_bind_text(st, c++, q->md[s], -1, SQLITE_STATIC);
			sqlite3_bind_text(st, c++, q->html[s], -1, SQLITE_STATIC);
		}
		if (sqlite3_step(st) != SQLITE_DONE)
			goto sql;
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);

	if (sqlite3_prepare_v2(db, "INSERT INTO question_seed VALUES(?,?,?)", -1, &st, NULL))
		goto sql;
	for (size_t i = 0; i < kb->nquestions; i++) {
		const struct kb_question *q = &kb->questions[i];
		for (int pass = 0; pass < 2; pass++) {
			const int *v = pass ? q->seed_also : q->seed;
			size_t n = pass ? q->nseed_also : q->nseed;
			for (size_t j = 0; j < n; j++) {
				sqlite3_bind_int(st, 1, v[j]);
				sqlite3_bind_text(st, 2, q->id, -1, SQLITE_STATIC);
				sqlite3_bind_int(st, 3, !pass);
				if (sqlite3_step(st) != SQLITE_DONE)
					goto sql;
				sqlite3_reset(st);
			}
		}
	}
	sqlite3_finalize(st);

	if (sqlite3_prepare_v2(db, "INSERT INTO examples VALUES(?,?,?,?,?)", -1, &st, NULL))
		goto sql;
	for (size_t i = 0; i < kb->nquestions; i++) {
		const struct kb_question *q = &kb->questions[i];
		for (size_t j = 0; j < q->nexamples; j++) {
			sqlite3_bind_text(st, 1, q->id, -1, SQLITE_STATIC);
			sqlite3_bind_int(st, 2, q->examples[j].line);
			sqlite3_bind_text(st, 3, q->examples[j].code, -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 4, q->examples[j].expected, -1, SQLITE_STATIC);
			sqlite3_bind_int(st, 5, q->examples[j].go_minor);
			if (sqlite3_step(st) != SQLITE_DONE)
				goto sql;
			sqlite3_reset(st);
		}
	}
	sqlite3_finalize(st);

	if (sqlite3_prepare_v2(db, "INSERT INTO diagrams VALUES(?,?,?,?,?,?,?)", -1, &st, NULL))
		goto sql;
	for (size_t i = 0; i < kb->nquestions; i++) {
		const struct kb_question *q = &kb->questions[i];
		for (size_t j = 0; j < q->ndiagrams; j++) {
			const struct kb_diagram *d = &q->diagrams[j];
			if (!d->svg) {
				sqlite3_finalize(st);
				return bagu_error(err, "%s:%d: diagram was not rendered", q->path, d->line);
			}
			sqlite3_bind_text(st, 1, q->id, -1, SQLITE_STATIC);
			sqlite3_bind_int(st, 2, (int)j + 1);
			sqlite3_bind_int(st, 3, d->line);
			sqlite3_bind_text(st, 4, diagram_kind_name(d->kind), -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 5, d->title, -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 6, d->desc, -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 7, d->svg, -1, SQLITE_STATIC);
			if (sqlite3_step(st) != SQLITE_DONE)
				goto sql;
			sqlite3_reset(st);
		}
	}
	sqlite3_finalize(st);

	if (sqlite3_prepare_v2(db, "INSERT OR IGNORE INTO lexicon VALUES(?,?,?)", -1, &st, NULL))
		goto sql;
	for (size_t i = 0; i < kb->nconcepts; i++) {
		for (size_t j = 0; j < kb->concepts[i].naliases; j++) {
			sqlite3_bind_text(st, 1, kb->concepts[i].key, -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 2, kb->concepts[i].aliases[j], -1, SQLITE_STATIC);
			sqlite3_bind_int(st, 3, (int)j);
			if (sqlite3_step(st) != SQLITE_DONE)
				goto sql;
			sqlite3_reset(st);
		}
	}
	sqlite3_finalize(st);
	st = NULL;
	for (size_t i = 0; i < nbuild_hooks; i++)
		if (build_hooks[i](db, err))
			return -1;

	char when[32];
	time_t now = time(NULL);
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	if (sde && *sde)
		now = (time_t)strtoll(sde, NULL, 10);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
	char *meta = xasprintf("INSERT INTO meta VALUES('built_at','%s'),('bagu_version','%s');"
			       "PRAGMA user_version=%d; COMMIT;",
			       when, BAGU_VERSION, STORE_SCHEMA_VERSION);
	rc = exec(db, meta, err);
	free(meta);
	if (!rc)
		rc = exec(db, "VACUUM;", err);
	return rc;
sql:
	rc = sqlerr(err, db, "building content database");
	sqlite3_finalize(st);
	return rc;
}

int store_build(const struct kb *kb, const char *out_path, struct bagu_err *err)
{
	if (kb->nerrors)
		return bagu_error(err, "%s: content has %zu error(s); run `bagu check`", kb->dir, kb->nerrors);
	char *tmp = xasprintf("%s.tmp.%ld", out_path, (long)getpid());
	unlink(tmp);
	sqlite3 *db = NULL;
	int rc = -1;
	if (sqlite3_open_v2(tmp, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		rc = sqlerr(err, db, tmp);
		goto out;
	}
	if (store_run_conn_hooks(db, err) || write_content(db, kb, err))
		goto out;
	if (sqlite3_close(db) != SQLITE_OK) {
		rc = sqlerr(err, db, tmp);
		db = NULL;
		goto out;
	}
	db = NULL;
	if (rename(tmp, out_path) != 0) {
		rc = bagu_error(err, "%s: %s", out_path, strerror(errno));
		goto out;
	}
	rc = 0;
out:
	if (db)
		sqlite3_close(db);
	if (rc)
		unlink(tmp);
	free(tmp);
	return rc;
}

struct bagu_store {
	sqlite3 *db;
};

int store_open(struct bagu_store **out, const char *path, struct bagu_err *err)
{
	*out = NULL;
	if (!path_exists(path))
		return bagu_error(err, "%s: no content database (run `make` or `bagu build`)", path);
	sqlite3 *db = NULL;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		int rc = sqlerr(err, db, path);
		sqlite3_close(db);
		return rc;
	}
	sqlite3_stmt *st;
	int ver = -1;
	if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			ver = sqlite3_column_int(st, 0);
		sqlite3_finalize(st);
	}
	if (ver != STORE_SCHEMA_VERSION) {
		sqlite3_close(db);
		if (ver < 0)
			return bagu_error(err, "%s: not a bagu content database", path);
		return bagu_error(err, "%s: schema version %d, expected %d; rebuild it with `bagu build`",
				  path, ver, STORE_SCHEMA_VERSION);
	}
	if (store_run_conn_hooks(db, err)) {
		sqlite3_close(db);
		return -1;
	}
	*out = xcalloc(1, sizeof(**out));
	(*out)->db = db;
	return 0;
}

void store_free(struct bagu_store *st)
{
	if (!st)
		return;
	sqlite3_close(st->db);
	free(st);
}

sqlite3 *store_db(struct bagu_store *st)
{
	return st->db;
}

static char *col(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);
	return s ? xstrdup((const char *)s) : NULL;
}

void store_question_release(struct store_question *q)
{
	free(q->id), free(q->title), free(q->topic), free(q->level), free(q->go), free(q->path);
	free(q->seed_json), free(q->seed_also_json), free(q->keypoints_json), free(q->related_json);
	for (int s = 0; s < KB_NSECTIONS; s++)
		free(q->md[s]), free(q->html[s]);
	for (size_t i = 0; i < q->ndiagrams; i++) {
		struct store_diagram *d = &q->diagrams[i];
		free(d->kind), free(d->title), free(d->desc), free(d->svg);
	}
	free(q->diagrams);
	memset(q, 0, sizeof(*q));
}

void store_questions_free(struct store_question *qs, size_t n)
{
	for (size_t i = 0; i < n; i++)
		store_question_release(&qs[i]);
	free(qs);
}

#define Q_COLS "q.id, q.title, q.topic, q.level, q.go, q.path, q.freq, q.seed, q.seed_also, q.keypoints, q.related, q.ord"

static void row_to_question(sqlite3_stmt *st, struct store_question *q)
{
	memset(q, 0, sizeof(*q));
	q->id = col(st, 0), q->title = col(st, 1), q->topic = col(st, 2), q->level = col(st, 3);
	q->go = col(st, 4), q->path = col(st, 5), q->freq = sqlite3_column_int(st, 6);
	q->seed_json = col(st, 7), q->seed_also_json = col(st, 8), q->keypoints_json = col(st, 9);
	q->related_json = col(st, 10), q->ord = sqlite3_column_int(st, 11);
}

int store_list(struct bagu_store *s, const char *topic, const char *level,
	       struct store_question **out, size_t *n, struct bagu_err *err)
{
	*out = NULL, *n = 0;
	sqlite3_stmt *st;
	const char *sql =
		"WITH RECURSIVE sub(id) AS (SELECT id FROM topics WHERE ?1 IS NULL OR id = ?1"
		" UNION SELECT t.id FROM topics t JOIN sub ON t.parent = sub.id)"
		" SELECT " Q_COLS " FROM questions q JOIN topics t ON t.id = q.topic"
		" WHERE q.topic IN (SELECT id FROM sub) AND (?2 IS NULL OR q.level = ?2)"
		" ORDER BY t.ord, q.level_ord, q.freq DESC, q.id";
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL))
		return sqlerr(err, s->db, "listing questions");
	sqlite3_bind_text(st, 1, topic, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, level, -1, SQLITE_STATIC);
	size_t alloc = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		XGROW(*out, alloc, *n + 1);
		row_to_question(st, &(*out)[(*n)++]);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return sqlerr(err, s->db, "listing questions");
	return 0;
}

static int get_diagrams(struct bagu_store *s, struct store_question *q, struct bagu_err *err)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, "SELECT ord, line, kind, title, description, svg FROM diagrams"
				      " WHERE question = ?1 ORDER BY ord", -1, &st, NULL))
		return sqlerr(err, s->db, "reading diagrams");
	sqlite3_bind_text(st, 1, q->id, -1, SQLITE_STATIC);
	size_t alloc = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		XGROW(q->diagrams, alloc, q->ndiagrams + 1);
		struct store_diagram *d = &q->diagrams[q->ndiagrams++];
		d->ord = sqlite3_column_int(st, 0);
		d->line = sqlite3_column_int(st, 1);
		d->kind = col(st, 2), d->title = col(st, 3), d->desc = col(st, 4), d->svg = col(st, 5);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return sqlerr(err, s->db, "reading diagrams");
	return 0;
}

int store_get(struct bagu_store *s, const char *ref, struct store_question *q, struct bagu_err *err)
{
	memset(q, 0, sizeof(*q));
	sqlite3_stmt *st;
	const char *sql =
		"SELECT " Q_COLS ", q.short_md, q.short_html, q.detail_md, q.detail_html,"
		" q.example_md, q.example_html, q.followup_md, q.followup_html FROM questions q"
		" WHERE q.id = ?1 UNION ALL SELECT * FROM (SELECT " Q_COLS
		", q.short_md, q.short_html, q.detail_md, q.detail_html, q.example_md,"
		" q.example_html, q.followup_md, q.followup_html FROM questions q JOIN question_seed s"
		" ON s.question = q.id WHERE CAST(s.seed AS TEXT) = ?1 ORDER BY s.primary_claim DESC, q.id)"
		" LIMIT 1";
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL))
		return sqlerr(err, s->db, "finding question");
	sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		row_to_question(st, q);
		for (int i = 0; i < KB_NSECTIONS; i++) {
			q->md[i] = col(st, 12 + 2 * i);
			q->html[i] = col(st, 13 + 2 * i);
		}
		sqlite3_finalize(st);
		return get_diagrams(s, q, err) ? -1 : 0;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return sqlerr(err, s->db, "finding question");
	bagu_error(err, "no question with id or seed number '%s'", ref);
	return 1;
}

int store_topics(struct bagu_store *s, struct store_topic **out, size_t *n, struct bagu_err *err)
{
	*out = NULL, *n = 0;
	sqlite3_stmt *st;
	const char *sql = "SELECT t.id, t.zh, t.en, t.parent, t.stage, t.about, t.prereq,"
			  " (SELECT count(*) FROM questions q WHERE q.topic = t.id) FROM topics t ORDER BY t.ord";
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL))
		return sqlerr(err, s->db, "listing topics");
	size_t alloc = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		XGROW(*out, alloc, *n + 1);
		struct store_topic *t = &(*out)[(*n)++];
		t->id = col(st, 0), t->zh = col(st, 1), t->en = col(st, 2), t->parent = col(st, 3);
		t->stage = col(st, 4), t->about = col(st, 5), t->prereq_json = col(st, 6);
		t->nquestions = sqlite3_column_int(st, 7);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return sqlerr(err, s->db, "listing topics");
	return 0;
}

void store_topics_free(struct store_topic *ts, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct store_topic *t = &ts[i];
		free(t->id), free(t->zh), free(t->en), free(t->parent), free(t->stage), free(t->about),
			free(t->prereq_json);
	}
	free(ts);
}

int store_stats(struct bagu_store *s, struct store_stats *out, struct bagu_err *err)
{
	memset(out, 0, sizeof(*out));
	sqlite3_stmt *st;
	const char *sql =
		"SELECT (SELECT count(*) FROM questions), (SELECT count(*) FROM topics),"
		" (SELECT count(DISTINCT concept) FROM lexicon),"
		" (SELECT count(DISTINCT seed) FROM question_seed WHERE primary_claim),"
		" (SELECT count(*) FROM examples), (SELECT count(*) FROM examples WHERE expected IS NOT NULL),"
		" (SELECT value FROM meta WHERE key = 'built_at'), (SELECT count(*) FROM diagrams)";
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) || sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		return sqlerr(err, s->db, "reading statistics");
	}
	out->questions = sqlite3_column_int(st, 0);
	out->topics = sqlite3_column_int(st, 1);
	out->concepts = sqlite3_column_int(st, 2);
	out->seeds_answered = sqlite3_column_int(st, 3);
	out->examples = sqlite3_column_int(st, 4);
	out->examples_checked = sqlite3_column_int(st, 5);
	const unsigned char *b = sqlite3_column_text(st, 6);
	snprintf(out->built_at, sizeof(out->built_at), "%s", b ? (const char *)b : "");
	out->diagrams = sqlite3_column_int(st, 7);
	sqlite3_finalize(st);
	return 0;
}

char *store_user_path(void)
{
	const char *xdg = getenv("XDG_DATA_HOME");
	if (xdg && *xdg == '/')
		return xasprintf("%s/bagu/user.db", xdg);
	const char *home = getenv("HOME");
	return xasprintf("%s/.local/share/bagu/user.db", home && *home ? home : ".");
}

int store_user_open_path(sqlite3 **out, const char *path, struct bagu_err *err)
{
	*out = NULL;
	char *dir = xstrdup(path);
	char *slash = strrchr(dir, '/');
	int rc = 0;
	if (slash && slash != dir) {
		*slash = '\0';
		rc = mkdir_p(dir, err);
	}
	free(dir);
	sqlite3 *db = NULL;
	if (!rc && sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
		rc = sqlerr(err, db, path);
	if (!rc)
		sqlite3_busy_timeout(db, STORE_USER_BUSY_MS);
	/* journal_mode=WAL takes a lock when it converts the file: busy_timeout covers it. */
	if (!rc)
		rc = exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;", err);
	if (rc) {
		sqlite3_close(db);
		return -1;
	}
	*out = db;
	return 0;
}

int store_user_open(sqlite3 **out, struct bagu_err *err)
{
	char *path = store_user_path();
	int rc = store_user_open_path(out, path, err);
	free(path);
	return rc;
}
