/* kb — content loading, lifecycle and cross-file validation. See kb.h. */
#include "kb/kb.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kb/kb_internal.h"

const char *const kb_section_title[KB_NSECTIONS] = {"简答", "详解", "示例", "追问"};
const char *const kb_section_key[KB_NSECTIONS] = {"short", "detail", "example", "followup"};
const char *const kb_levels[3] = {"新手", "进阶", "高级"};

int kb_level_index(const char *s)
{
	static const char *const en[] = {"beginner", "intermediate", "advanced"};
	static const char *const num[] = {"1", "2", "3"};
	if (!s)
		return -1;
	for (int i = 0; i < 3; i++)
		if (!strcmp(s, kb_levels[i]) || !strcasecmp(s, en[i]) || !strcmp(s, num[i]))
			return i;
	return -1;
}

void kb_init(struct kb *kb)
{
	memset(kb, 0, sizeof(*kb));
}

void kb_free_strv(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void kb_question_release(struct kb_question *q)
{
	free(q->path);
	free(q->id);
	free(q->title);
	free(q->topic);
	free(q->level);
	free(q->go);
	free(q->seed);
	free(q->seed_also);
	for (size_t i = 0; i < q->nkeypoints; i++) {
		free(q->keypoints[i].text);
		kb_free_strv(q->keypoints[i].match, q->keypoints[i].nmatch);
	}
	free(q->keypoints);
	kb_free_strv(q->related, q->nrelated);
	for (int s = 0; s < KB_NSECTIONS; s++) {
		free(q->md[s]);
		free(q->html[s]);
	}
	for (size_t i = 0; i < q->nexamples; i++) {
		free(q->examples[i].code);
		free(q->examples[i].expected);
	}
	free(q->examples);
	for (size_t i = 0; i < q->nsqls; i++)
		free(q->sqls[i].code);
	free(q->sqls);
	for (size_t i = 0; i < q->ndiagrams; i++) {
		struct kb_diagram *d = &q->diagrams[i];
		free(d->title), free(d->desc), free(d->source), free(d->svg);
	}
	free(q->diagrams);
	memset(q, 0, sizeof(*q));
}

void kb_release(struct kb *kb)
{
	for (size_t i = 0; i < kb->nquestions; i++)
		kb_question_release(&kb->questions[i]);
	free(kb->questions);
	for (size_t i = 0; i < kb->ntopics; i++) {
		struct kb_topic *t = &kb->topics[i];
		free(t->id), free(t->zh), free(t->en), free(t->parent), free(t->stage), free(t->about);
		kb_free_strv(t->prereq, t->nprereq);
	}
	free(kb->topics);
	for (size_t i = 0; i < kb->nconcepts; i++) {
		free(kb->concepts[i].key);
		kb_free_strv(kb->concepts[i].aliases, kb->concepts[i].naliases);
	}
	kb_free_strv(kb->lexicon_files, kb->nlexicon_files);
	free(kb->concepts);
	for (size_t i = 0; i < kb->ndiags; i++)
		free(kb->diags[i].msg);
	free(kb->diags);
	free(kb->dir);
	kb_init(kb);
}

void kb_diag(struct kb *kb, bool warning, const char *path, int line, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	if (line > 0)
		strbuf_addf(&sb, "%s:%d: ", path, line);
	else
		strbuf_addf(&sb, "%s: ", path);
	if (warning)
		strbuf_addstr(&sb, "warning: ");
	va_list ap;
	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	XGROW(kb->diags, kb->adiags, kb->ndiags + 1);
	kb->diags[kb->ndiags].msg = strbuf_detach(&sb, NULL);
	kb->diags[kb->ndiags].warning = warning;
	kb->ndiags++;
	if (warning)
		kb->nwarnings++;
	else
		kb->nerrors++;
}

const struct kb_topic *kb_topic(const struct kb *kb, const char *id)
{
	for (size_t i = 0; i < kb->ntopics; i++)
		if (!strcmp(kb->topics[i].id, id))
			return &kb->topics[i];
	return NULL;
}

const struct kb_question *kb_question(const struct kb *kb, const char *id)
{
	for (size_t i = 0; i < kb->nquestions; i++)
		if (!strcmp(kb->questions[i].id, id))
			return &kb->questions[i];
	return NULL;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Collects *.md below dir (sorted, depth-limited) into paths. */
static void walk(struct kb *kb, const char *dir, int depth, char ***paths, size_t *n, size_t *alloc)
{
	if (depth > KB_MAX_DEPTH) {
		kb_diag(kb, false, dir, 0, "directories nested deeper than %d levels", KB_MAX_DEPTH);
		return;
	}
	DIR *d = opendir(dir);
	if (!d) {
		kb_diag(kb, false, dir, 0, "cannot read directory");
		return;
	}
	char **names = NULL;
	size_t nn = 0, an = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		XGROW(names, an, nn + 1);
		names[nn++] = xstrdup(e->d_name);
	}
	closedir(d);
	if (nn > 1)
		qsort(names, nn, sizeof(*names), cmp_str);
	for (size_t i = 0; i < nn; i++) {
		char *p = xasprintf("%s/%s", dir, names[i]);
		size_t l = strlen(names[i]);
		if (path_is_dir(p)) {
			walk(kb, p, depth + 1, paths, n, alloc);
			free(p);
		} else if (l > 3 && !strcmp(names[i] + l - 3, ".md")) {
			if (*n >= KB_MAX_QUESTIONS) {
				kb_diag(kb, false, p, 0, "more than %d question files", KB_MAX_QUESTIONS);
				free(p);
			} else {
				XGROW(*paths, *alloc, *n + 1);
				(*paths)[(*n)++] = p;
			}
		} else {
			free(p);
		}
		free(names[i]);
	}
	free(names);
}

static bool seed_is_question(long n)
{
	return n >= 1 && n <= KB_SEED_MAX && !(n >= KB_SEED_TOOLS_FIRST && n <= KB_SEED_TOOLS_LAST);
}

/* Cross-file rules: duplicate ids, dangling topic/related ids, seed claims. */
static void validate_links(struct kb *kb)
{
	int *owner = xcalloc(KB_SEED_MAX + 1, sizeof(int)); /* seed → question index + 1 */
	for (size_t i = 0; i < kb->nquestions; i++) {
		struct kb_question *q = &kb->questions[i];
		for (size_t j = 0; j < i; j++)
			if (!strcmp(kb->questions[j].id, q->id))
				kb_diag(kb, false, q->path, kb_fm_line(q, "id"),
					"duplicate id '%s' (also in %s)", q->id, kb->questions[j].path);
		if (!kb_topic(kb, q->topic))
			kb_diag(kb, false, q->path, kb_fm_line(q, "topic"),
				"topic '%s' is not defined in topics.yaml", q->topic);
		for (size_t r = 0; r < q->nrelated; r++) {
			if (!kb_question(kb, q->related[r]))
				kb_diag(kb, false, q->path, kb_fm_line(q, "related"),
					"related id '%s' does not exist", q->related[r]);
			else if (!strcmp(q->related[r], q->id))
				kb_diag(kb, false, q->path, kb_fm_line(q, "related"),
					"a question cannot be related to itself");
		}
		for (size_t s = 0; s < q->nseed; s++) {
			int n = q->seed[s];
			if (!seed_is_question(n))
				continue; /* reported while parsing */
			if (owner[n]) {
				const struct kb_question *o = &kb->questions[owner[n] - 1];
				kb_diag(kb, false, q->path, kb_fm_line(q, "seed"),
					"seed %d is already claimed by %s (%s); list it under seed_also "
					"to answer it here too", n, o->id, o->path);
			} else {
				owner[n] = (int)i + 1;
			}
		}
	}
	for (size_t i = 0; i < kb->nquestions; i++) {
		struct kb_question *q = &kb->questions[i];
		for (size_t s = 0; s < q->nseed_also; s++) {
			int n = q->seed_also[s];
			if (seed_is_question(n) && !owner[n])
				kb_diag(kb, false, q->path, kb_fm_line(q, "seed_also"),
					"seed_also %d is not claimed by any file's seed list", n);
			else if (seed_is_question(n) && owner[n] == (int)i + 1)
				kb_diag(kb, false, q->path, kb_fm_line(q, "seed_also"),
					"seed %d is listed in both seed and seed_also", n);
		}
	}
	free(owner);
}

/* The .yaml files of content/lexicon/, in name order: one file per area (net.yaml, db.yaml, ...). */
static void load_lexicon_dir(struct kb *kb, const char *content_dir)
{
	char *dir = xasprintf("%s/lexicon", content_dir);
	DIR *d = path_is_dir(dir) ? opendir(dir) : NULL;
	char **names = NULL;
	size_t n = 0, alloc = 0;
	struct dirent *e;
	while (d && (e = readdir(d))) {
		size_t len = strlen(e->d_name);
		if (e->d_name[0] == '.' || len < 6 || strcmp(e->d_name + len - 5, ".yaml"))
			continue;
		if (n >= KB_MAX_QUESTIONS) {
			kb_diag(kb, false, dir, 0, "too many lexicon files (limit %d)", KB_MAX_QUESTIONS);
			break;
		}
		XGROW(names, alloc, n + 1);
		names[n++] = xasprintf("%s/%s", dir, e->d_name);
	}
	if (d)
		closedir(d);
	if (n > 1)
		qsort(names, n, sizeof(*names), cmp_str);
	for (size_t i = 0; i < n; i++) {
		kb_load_lexicon(kb, names[i]);
		free(names[i]);
	}
	free(names);
	free(dir);
}

static int cmp_question(const void *a, const void *b)
{
	return strcmp(((const struct kb_question *)a)->path, ((const struct kb_question *)b)->path);
}

int kb_load(struct kb *kb, const char *content_dir, struct bagu_err *err)
{
	if (!path_is_dir(content_dir))
		return bagu_error(err, "%s: not a content directory", content_dir);
	kb->dir = xstrdup(content_dir);

	char *topics = xasprintf("%s/topics.yaml", content_dir);
	kb_load_topics(kb, topics);
	free(topics);
	char *lexicon = xasprintf("%s/lexicon.yaml", content_dir);
	kb_load_lexicon(kb, lexicon);
	free(lexicon);
	load_lexicon_dir(kb, content_dir);

	char *qdir = xasprintf("%s/questions", content_dir);
	char **paths = NULL;
	size_t n = 0, alloc = 0;
	if (path_is_dir(qdir))
		walk(kb, qdir, 0, &paths, &n, &alloc);
	else
		kb_diag(kb, false, qdir, 0, "missing questions directory");
	free(qdir);
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < n; i++) {
		struct bagu_err e;
		strbuf_reset(&sb);
		kb->nfiles++;
		if (read_file(paths[i], KB_MAX_FILE_BYTES, &sb, &e))
			kb_diag(kb, false, paths[i], 0, "%s", strchr(e.msg, ':') ? strchr(e.msg, ':') + 2 : e.msg);
		else
			kb_parse_question(kb, paths[i], sb.buf, sb.len);
		free(paths[i]);
	}
	free(paths);
	strbuf_release(&sb);
	if (kb->nquestions > 1)
		qsort(kb->questions, kb->nquestions, sizeof(*kb->questions), cmp_question);
	validate_links(kb);
	kb_render_diagrams(kb);
	return 0;
}
