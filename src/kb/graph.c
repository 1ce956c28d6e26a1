/* graph — topics.yaml (the knowledge graph) and the lexicon (concept aliases): lexicon.yaml
 * and the .yaml files of lexicon/, one per area so that areas are edited independently. */
#include <stdlib.h>
#include <string.h>

#include "kb/kb_internal.h"
#include "kb/yamldoc.h"

static bool load_doc(struct kb *kb, const char *path, yaml_document_t *doc, struct strbuf *sb)
{
	struct bagu_err e;
	if (read_file(path, KB_MAX_FILE_BYTES, sb, &e)) {
		kb_diag(kb, false, path, 0, "cannot read: %s", strchr(e.msg, ':') ? strchr(e.msg, ':') + 2 : e.msg);
		return false;
	}
	if (!utf8_valid(sb->buf, sb->len)) {
		kb_diag(kb, false, path, 1, "file is not valid UTF-8");
		return false;
	}
	if (yamldoc_load(doc, sb->buf, sb->len, &e)) {
		kb_diag(kb, false, path, (int)strtol(e.msg, NULL, 10), "%s", strchr(e.msg, ' ') + 1);
		return false;
	}
	return true;
}

static char **strlist(struct kb *kb, const char *path, yaml_document_t *doc, yaml_node_t *v,
		      const char *what, size_t *n)
{
	*n = 0;
	if (v->type != YAML_SEQUENCE_NODE) {
		kb_diag(kb, false, path, yamldoc_line(v), "'%s' must be a list", what);
		return NULL;
	}
	char **out = NULL;
	size_t alloc = 0;
	for (yaml_node_item_t *it = v->data.sequence.items.start; it < v->data.sequence.items.top; it++) {
		yaml_node_t *e = yamldoc_node(doc, *it);
		const char *s = yamldoc_scalar(e);
		if (!s || !*s) {
			kb_diag(kb, false, path, yamldoc_line(e), "'%s' items must be non-empty strings", what);
			continue;
		}
		XGROW(out, alloc, *n + 1);
		out[(*n)++] = xstrdup(s);
	}
	return out;
}

static void check_topic_graph(struct kb *kb, const char *path)
{
	for (size_t i = 0; i < kb->ntopics; i++) {
		struct kb_topic *t = &kb->topics[i];
		for (size_t j = 0; j < i; j++)
			if (!strcmp(kb->topics[j].id, t->id))
				kb_diag(kb, false, path, t->line, "duplicate topic id '%s' (first at line %d)",
					t->id, kb->topics[j].line);
		if (t->parent && !kb_topic(kb, t->parent))
			kb_diag(kb, false, path, t->line, "topic '%s': parent '%s' is not defined", t->id, t->parent);
		for (size_t p = 0; p < t->nprereq; p++)
			if (!kb_topic(kb, t->prereq[p]))
				kb_diag(kb, false, path, t->line, "topic '%s': prerequisite '%s' is not defined",
					t->id, t->prereq[p]);
			else if (!strcmp(t->prereq[p], t->id))
				kb_diag(kb, false, path, t->line, "topic '%s' lists itself as a prerequisite", t->id);
		/* parent chain must end */
		const struct kb_topic *u = t;
		size_t steps = 0;
		while (u && u->parent && steps <= kb->ntopics) {
			u = kb_topic(kb, u->parent);
			steps++;
		}
		if (steps > kb->ntopics)
			kb_diag(kb, false, path, t->line, "topic '%s': parent chain has a cycle", t->id);
	}
	/* prerequisite cycles: iterative depth-first search with colours */
	size_t n = kb->ntopics;
	int *color = xcalloc(n ? n : 1, sizeof(int));
	size_t *stack = xmalloc((n + 1) * sizeof(size_t)), *edge = xmalloc((n + 1) * sizeof(size_t));
	for (size_t s = 0; s < n; s++) {
		if (color[s])
			continue;
		size_t sp = 0;
		stack[sp] = s, edge[sp] = 0, color[s] = 1;
		while (true) {
			size_t v = stack[sp];
			struct kb_topic *t = &kb->topics[v];
			if (edge[sp] < t->nprereq) {
				const struct kb_topic *w = kb_topic(kb, t->prereq[edge[sp]++]);
				if (!w)
					continue;
				size_t wi = (size_t)(w - kb->topics);
				if (color[wi] == 1)
					kb_diag(kb, false, path, t->line,
						"topic '%s': prerequisite cycle through '%s'", t->id, w->id);
				else if (color[wi] == 0 && sp + 1 < n + 1) {
					color[wi] = 1;
					stack[++sp] = wi, edge[sp] = 0;
				}
			} else {
				color[v] = 2;
				if (sp == 0)
					break;
				sp--;
			}
		}
	}
	free(color), free(stack), free(edge);
}

void kb_load_topics(struct kb *kb, const char *path)
{
	struct strbuf sb = STRBUF_INIT;
	yaml_document_t doc;
	if (!load_doc(kb, path, &doc, &sb)) {
		strbuf_release(&sb);
		return;
	}
	yaml_node_t *root = yamldoc_root(&doc), *list = NULL;
	if (root && root->type == YAML_MAPPING_NODE) {
		for (yaml_node_pair_t *p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top; p++) {
			yaml_node_t *k = yamldoc_node(&doc, p->key);
			const char *ks = yamldoc_scalar(k);
			if (ks && !strcmp(ks, "topics"))
				list = yamldoc_node(&doc, p->value);
			else
				kb_diag(kb, false, path, yamldoc_line(k), "unknown key '%s' (expected 'topics')", ks ? ks : "?");
		}
	}
	if (!list || list->type != YAML_SEQUENCE_NODE) {
		kb_diag(kb, false, path, root ? yamldoc_line(root) : 1, "expected a mapping with a 'topics' list");
		goto out;
	}
	static const char *const keys[] = {"id", "zh", "en", "parent", "stage", "about", "prereq"};
	for (yaml_node_item_t *it = list->data.sequence.items.start; it < list->data.sequence.items.top; it++) {
		yaml_node_t *e = yamldoc_node(&doc, *it);
		if (e->type != YAML_MAPPING_NODE) {
			kb_diag(kb, false, path, yamldoc_line(e), "a topic must be a mapping");
			continue;
		}
		struct kb_topic t = {.line = yamldoc_line(e)};
		char **fields[] = {&t.id, &t.zh, &t.en, &t.parent, &t.stage, &t.about};
		bool bad = false;
		for (yaml_node_pair_t *p = e->data.mapping.pairs.start; p < e->data.mapping.pairs.top; p++) {
			yaml_node_t *k = yamldoc_node(&doc, p->key), *v = yamldoc_node(&doc, p->value);
			const char *ks = yamldoc_scalar(k);
			size_t ki = BAGU_ARRAY_LEN(keys);
			for (size_t i = 0; ks && i < BAGU_ARRAY_LEN(keys); i++)
				if (!strcmp(ks, keys[i]))
					ki = i;
			if (ki == BAGU_ARRAY_LEN(keys)) {
				kb_diag(kb, false, path, yamldoc_line(k), "unknown topic key '%s'", ks ? ks : "?");
				bad = true;
			} else if (ki == 6) {
				kb_free_strv(t.prereq, t.nprereq);
				t.prereq = strlist(kb, path, &doc, v, "prereq", &t.nprereq);
			} else {
				const char *s = yamldoc_scalar(v);
				if (!s || !*s) {
					kb_diag(kb, false, path, yamldoc_line(k), "topic key '%s' must be a non-empty string", ks);
					bad = true;
				} else {
					free(*fields[ki]);
					*fields[ki] = xstrdup(s);
				}
			}
		}
		const char *req[] = {t.id, t.zh, t.en, t.stage};
		const char *reqn[] = {"id", "zh", "en", "stage"};
		for (int i = 0; i < 4; i++)
			if (!req[i]) {
				kb_diag(kb, false, path, t.line, "topic is missing '%s'", reqn[i]);
				bad = true;
			}
		if (t.stage && kb_level_index(t.stage) < 0) {
			kb_diag(kb, false, path, t.line, "topic '%s': stage '%s' must be 新手, 进阶 or 高级",
				t.id ? t.id : "?", t.stage);
			bad = true;
		}
		if (bad) {
			free(t.id), free(t.zh), free(t.en), free(t.parent), free(t.stage), free(t.about);
			kb_free_strv(t.prereq, t.nprereq);
			continue;
		}
		XGROW(kb->topics, kb->atopics, kb->ntopics + 1);
		kb->topics[kb->ntopics++] = t;
	}
	check_topic_graph(kb, path);
out:
	yaml_document_delete(&doc);
	strbuf_release(&sb);
}

void kb_load_lexicon(struct kb *kb, const char *path)
{
	kb->lexicon_files = xrealloc(kb->lexicon_files, (kb->nlexicon_files + 1) * sizeof(char *));
	const char *file = kb->lexicon_files[kb->nlexicon_files++] = xstrdup(path);
	struct strbuf sb = STRBUF_INIT;
	yaml_document_t doc;
	if (!load_doc(kb, path, &doc, &sb)) {
		strbuf_release(&sb);
		return;
	}
	yaml_node_t *root = yamldoc_root(&doc), *map = NULL;
	if (root && root->type == YAML_MAPPING_NODE) {
		for (yaml_node_pair_t *p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top; p++) {
			yaml_node_t *k = yamldoc_node(&doc, p->key);
			const char *ks = yamldoc_scalar(k);
			if (ks && !strcmp(ks, "concepts"))
				map = yamldoc_node(&doc, p->value);
			else
				kb_diag(kb, false, path, yamldoc_line(k), "unknown key '%s' (expected 'concepts')", ks ? ks : "?");
		}
	}
	if (!map || map->type != YAML_MAPPING_NODE) {
		kb_diag(kb, false, path, root ? yamldoc_line(root) : 1, "expected a mapping with a 'concepts' mapping");
		goto out;
	}
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yamldoc_node(&doc, p->key), *v = yamldoc_node(&doc, p->value);
		const char *ks = yamldoc_scalar(k);
		if (!ks || !*ks) {
			kb_diag(kb, false, path, yamldoc_line(k), "concept keys must be non-empty strings");
			continue;
		}
		bool dup = false;
		for (size_t i = 0; i < kb->nconcepts; i++)
			if (!strcmp(kb->concepts[i].key, ks)) {
				if (!strcmp(kb->concepts[i].file, path))
					kb_diag(kb, false, path, yamldoc_line(k),
						"concept '%s' is listed twice (first at line %d)", ks, kb->concepts[i].line);
				else
					kb_diag(kb, false, path, yamldoc_line(k), "concept '%s' is listed twice (first at %s:%d)",
						ks, kb->concepts[i].file, kb->concepts[i].line);
				dup = true;
			}
		if (dup)
			continue;
		size_t n;
		char **al = strlist(kb, path, &doc, v, ks, &n);
		struct kb_concept c = {.key = xstrdup(ks), .file = file, .line = yamldoc_line(k)};
		c.aliases = xmalloc((n + 1) * sizeof(char *));
		c.aliases[c.naliases++] = xstrdup(ks);
		for (size_t i = 0; i < n; i++) {
			bool seen = false;
			for (size_t j = 0; j < c.naliases; j++)
				seen |= !strcmp(c.aliases[j], al[i]);
			if (seen)
				free(al[i]);
			else
				c.aliases[c.naliases++] = al[i];
		}
		free(al);
		XGROW(kb->concepts, kb->aconcepts, kb->nconcepts + 1);
		kb->concepts[kb->nconcepts++] = c;
	}
out:
	yaml_document_delete(&doc);
	strbuf_release(&sb);
}
