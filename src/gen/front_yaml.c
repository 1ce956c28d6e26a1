/*
 * gen/front_yaml — YAML → sample events with libyaml. See front.h.
 *
 * Each document is first built into a small tree (scalars already resolved), so
 * aliases can point at anchored nodes and `<<` merge keys can be applied, then the
 * tree is walked to feed the model. Scalar resolution follows gopkg.in/yaml.v3
 * (gen_yaml_resolve_plain), because the generated types are decoded with it.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "gen/front.h"

enum ykind { Y_SCALAR, Y_SEQ, Y_MAP };

struct ynode {
	enum ykind kind;
	struct gen_value v; /* Y_SCALAR: resolved; text points into str */
	char *str;
	size_t len;
	bool merge_key; /* a plain "<<" key */
	struct ynode **kids; /* Y_SEQ: items; Y_MAP: key, value, key, value, ... */
	size_t n, alloc;
	size_t line, col;
	bool visiting;
	struct ynode *next_all;
};

struct anchor {
	char *name;
	struct ynode *node;
};

/* Nodes and scalar text of one document live in an arena freed at its end. */
struct arena_block {
	struct arena_block *next;
	size_t used, cap;
	max_align_t data[];
};

struct yctx {
	struct gen_model *m;
	const char *name;
	struct ynode *all; /* collections (their kids arrays are malloc'd) */
	struct arena_block *arena;
	struct anchor *anchors;
	size_t nanchors, aanchors;
	size_t events, max_events;
	struct bagu_err *err;
};

static void *arena_alloc(struct yctx *y, size_t n)
{
	n = (n + sizeof(max_align_t) - 1) / sizeof(max_align_t) * sizeof(max_align_t);
	struct arena_block *b = y->arena;
	if (!b || b->cap - b->used < n) {
		size_t cap = n > (64u << 10) ? n : (64u << 10);
		b = xmalloc(sizeof(*b) + cap);
		b->next = y->arena;
		b->used = 0;
		b->cap = cap;
		y->arena = b;
	}
	void *p = (char *)b->data + b->used;
	b->used += n;
	return p;
}

static struct ynode *ynode_new(struct yctx *y, enum ykind kind, const yaml_mark_t *mark)
{
	struct ynode *n = arena_alloc(y, sizeof(*n));
	memset(n, 0, sizeof(*n));
	n->kind = kind;
	n->line = mark->line + 1;
	n->col = mark->column + 1;
	if (kind != Y_SCALAR) {
		n->next_all = y->all;
		y->all = n;
	}
	return n;
}

static void doc_release(struct yctx *y)
{
	for (struct ynode *n = y->all; n; n = n->next_all)
		free(n->kids);
	y->all = NULL;
	for (struct arena_block *b = y->arena, *next; b; b = next) {
		next = b->next;
		free(b);
	}
	y->arena = NULL;
	for (size_t i = 0; i < y->nanchors; i++)
		free(y->anchors[i].name);
	y->nanchors = 0;
}

static int fail_node(struct yctx *y, const struct ynode *n, const char *msg)
{
	return bagu_error(y->err, "%s:%zu:%zu: %s", y->name, n->line, n->col, msg);
}

static void add_anchor(struct yctx *y, const unsigned char *name, struct ynode *n)
{
	if (!name)
		return;
	XGROW(y->anchors, y->aanchors, y->nanchors + 1);
	y->anchors[y->nanchors].name = xstrdup((const char *)name);
	y->anchors[y->nanchors++].node = n;
}

static struct ynode *find_anchor(struct yctx *y, const unsigned char *name)
{
	for (size_t i = y->nanchors; i-- > 0;)
		if (strcmp(y->anchors[i].name, (const char *)name) == 0)
			return y->anchors[i].node;
	return NULL;
}

static bool tag_is(const unsigned char *tag, const char *suffix)
{
	static const char prefix[] = "tag:yaml.org,2002:";
	const char *t = (const char *)tag;
	return strncmp(t, prefix, sizeof(prefix) - 1) == 0 && strcmp(t + sizeof(prefix) - 1, suffix) == 0;
}

static void resolve_scalar(struct ynode *n, const yaml_event_t *ev)
{
	const unsigned char *tag = ev->data.scalar.tag;
	bool plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
	struct gen_value *v = &n->v;
	if (tag && (tag_is(tag, "int") || tag_is(tag, "float") || tag_is(tag, "bool") ||
		    tag_is(tag, "null") || tag_is(tag, "timestamp"))) {
		gen_yaml_resolve_plain(n->str, n->len, v);
		if (tag_is(tag, "float") && v->kind == GEN_INT) {
			v->kind = GEN_FLOAT;
			v->f = (double)v->i;
		}
		return;
	}
	if (!tag && plain) {
		gen_yaml_resolve_plain(n->str, n->len, v);
		n->merge_key = n->len == 2 && memcmp(n->str, "<<", 2) == 0;
		return;
	}
	if (tag && tag_is(tag, "merge"))
		n->merge_key = n->len == 2 && memcmp(n->str, "<<", 2) == 0;
	/* quoted, block, !!str, !!binary, "!" or an application tag: a string */
	memset(v, 0, sizeof(*v));
	v->kind = gen_is_rfc3339(n->str, n->len) ? GEN_TIME_OFFSET : GEN_STRING;
	v->text = n->str;
	v->len = n->len;
}

/* ---- walking a document tree into model events ---- */

struct keyset {
	const struct ynode **slots;
	size_t cap, n;
};

static uint32_t khash(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

/* Adds key node k; returns false if an equal key is already there. */
static bool keyset_add(struct keyset *s, const struct ynode *k)
{
	if ((s->n + 1) * 2 > s->cap) {
		size_t old = s->cap;
		const struct ynode **slots = s->slots;
		s->cap = old ? old * 2 : 16;
		s->slots = xcalloc(s->cap, sizeof(*s->slots));
		s->n = 0;
		for (size_t i = 0; i < old; i++)
			if (slots[i])
				keyset_add(s, slots[i]);
		free(slots);
	}
	size_t mask = s->cap - 1;
	for (size_t i = khash(k->str, k->len) & mask;; i = (i + 1) & mask) {
		const struct ynode *o = s->slots[i];
		if (!o) {
			s->slots[i] = k;
			s->n++;
			return true;
		}
		if (o->len == k->len && memcmp(o->str, k->str, k->len) == 0)
			return false;
	}
}

static void keyset_release(struct keyset *s)
{
	free(s->slots);
	memset(s, 0, sizeof(*s));
}

static int walk(struct yctx *y, struct ynode *n);

static int count_event(struct yctx *y, const struct ynode *n)
{
	if (++y->events > y->max_events) {
		char msg[128];
		snprintf(msg, sizeof(msg), "more than %zu values after expanding aliases", y->max_events);
		return fail_node(y, n, msg);
	}
	return 0;
}

static int model_rc(struct yctx *y, const struct ynode *n, int rc)
{
	if (rc) {
		char msg[sizeof(y->err->msg)];
		snprintf(msg, sizeof(msg), "%s", y->err->msg);
		return fail_node(y, n, msg);
	}
	return 0;
}

static int emit_pair(struct yctx *y, struct ynode *k, struct ynode *v)
{
	if (model_rc(y, k, gen_key(y->m, k->str, k->len, y->err)))
		return -1;
	return walk(y, v);
}

/* Emits the pairs of a merged mapping src whose keys are not in seen. */
static int emit_merged(struct yctx *y, struct ynode *src, struct keyset *seen)
{
	if (src->kind != Y_MAP)
		return fail_node(y, src, "a merge key's value must be a mapping or a sequence of mappings");
	if (src->visiting)
		return fail_node(y, src, "recursive alias in merge");
	src->visiting = true;
	int rc = 0;
	for (size_t i = 0; i + 1 < src->n && !rc; i += 2) {
		struct ynode *k = src->kids[i];
		if (k->merge_key)
			continue;
		if (keyset_add(seen, k))
			rc = emit_pair(y, k, src->kids[i + 1]);
	}
	for (size_t i = 0; i + 1 < src->n && !rc; i += 2) {
		struct ynode *k = src->kids[i], *v = src->kids[i + 1];
		if (!k->merge_key)
			continue;
		if (v->kind == Y_SEQ) {
			for (size_t j = 0; j < v->n && !rc; j++)
				rc = emit_merged(y, v->kids[j], seen);
		} else {
			rc = emit_merged(y, v, seen);
		}
	}
	src->visiting = false;
	return rc;
}

static int walk_map(struct yctx *y, struct ynode *n)
{
	struct keyset seen = {0};
	int rc = 0;
	for (size_t i = 0; i + 1 < n->n; i += 2) {
		struct ynode *k = n->kids[i];
		if (k->merge_key)
			continue;
		if (!keyset_add(&seen, k)) {
			char msg[160];
			snprintf(msg, sizeof(msg), "duplicate key \"%.100s\"", k->str);
			rc = fail_node(y, k, msg);
			goto out;
		}
	}
	for (size_t i = 0; i + 1 < n->n && !rc; i += 2) {
		struct ynode *k = n->kids[i], *v = n->kids[i + 1];
		if (!k->merge_key) {
			rc = emit_pair(y, k, v);
		} else if (v->kind == Y_SEQ) {
			for (size_t j = 0; j < v->n && !rc; j++)
				rc = emit_merged(y, v->kids[j], &seen);
		} else {
			rc = emit_merged(y, v, &seen);
		}
	}
out:
	keyset_release(&seen);
	return rc;
}

static int walk(struct yctx *y, struct ynode *n)
{
	if (count_event(y, n))
		return -1;
	if (n->visiting)
		return fail_node(y, n, "recursive alias");
	int rc = 0;
	switch (n->kind) {
	case Y_SCALAR:
		return model_rc(y, n, gen_scalar(y->m, &n->v, y->err));
	case Y_SEQ:
		if (model_rc(y, n, gen_begin_array(y->m, y->err)))
			return -1;
		n->visiting = true;
		for (size_t i = 0; i < n->n && !rc; i++)
			rc = walk(y, n->kids[i]);
		n->visiting = false;
		if (rc)
			return rc;
		return model_rc(y, n, gen_end_array(y->m, y->err));
	case Y_MAP:
		if (model_rc(y, n, gen_begin_object(y->m, y->err)))
			return -1;
		n->visiting = true;
		rc = walk_map(y, n);
		n->visiting = false;
		if (rc)
			return rc;
		return model_rc(y, n, gen_end_object(y->m, y->err));
	}
	return 0;
}

/* ---- building document trees from events ---- */

static int parser_error(struct yctx *y, yaml_parser_t *p)
{
	const char *problem = p->problem ? p->problem : "invalid YAML";
	size_t line = p->problem_mark.line + 1, col = p->problem_mark.column + 1;
	if (p->error == YAML_MEMORY_ERROR)
		return bagu_error(y->err, "%s: out of memory while parsing YAML", y->name);
	if (p->context)
		return bagu_error(y->err, "%s:%zu:%zu: %s %s", y->name, line, col, problem, p->context);
	return bagu_error(y->err, "%s:%zu:%zu: %s", y->name, line, col, problem);
}

enum { YAML_MAX_DEPTH = 1000 };

struct yinput {
	const char *data; /* a buffer, or */
	size_t len;
	FILE *f;          /* a stream */
	size_t max, read; /* size cap on the stream */
	bool too_big;
};

static int read_handler(void *ctx, unsigned char *buf, size_t size, size_t *n)
{
	struct yinput *in = ctx;
	*n = fread(buf, 1, size, in->f);
	in->read += *n;
	if (in->max && in->read > in->max) {
		in->too_big = true;
		return 0;
	}
	return !ferror(in->f);
}

static int parse_yaml(struct gen_model *m, const char *name, struct yinput *in,
		      const struct gen_yaml_limits *lim, struct bagu_err *err)
{
	struct yctx y = {0};
	y.m = m;
	y.name = name ? name : "<stdin>";
	y.err = err;
	y.max_events = lim && lim->max_events ? lim->max_events : 10000000;
	yaml_parser_t p;
	if (!yaml_parser_initialize(&p))
		return bagu_error(err, "%s: cannot initialise the YAML parser", y.name);
	if (in->f)
		yaml_parser_set_input(&p, read_handler, in);
	else
		yaml_parser_set_input_string(&p, (const unsigned char *)in->data, in->len);

	struct ynode **stack = NULL;
	size_t depth = 0, astack = 0;
	struct ynode *root = NULL;
	uint64_t docs = 0;
	int rc = 0;
	for (bool done = false; !done && !rc;) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&p, &ev)) {
			if (in->too_big)
				rc = bagu_error(err, "%s: input larger than %zu bytes", y.name, in->max);
			else if (in->f && ferror(in->f))
				rc = bagu_error(err, "%s: read error", y.name);
			else
				rc = parser_error(&y, &p);
			break;
		}
		struct ynode *n = NULL;
		const unsigned char *anchor = NULL;
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = true;
			break;
		case YAML_DOCUMENT_START_EVENT:
			root = NULL;
			break;
		case YAML_DOCUMENT_END_EVENT:
			if (root) {
				y.events = 0;
				rc = walk(&y, root);
				docs++;
			}
			doc_release(&y);
			root = NULL;
			break;
		case YAML_ALIAS_EVENT:
			n = find_anchor(&y, ev.data.alias.anchor);
			if (!n)
				rc = bagu_error(err, "%s:%zu:%zu: unknown anchor \"%s\"", y.name,
						ev.start_mark.line + 1, ev.start_mark.column + 1,
						(const char *)ev.data.alias.anchor);
			break;
		case YAML_SCALAR_EVENT:
			n = ynode_new(&y, Y_SCALAR, &ev.start_mark);
			n->len = ev.data.scalar.length;
			n->str = arena_alloc(&y, n->len + 1);
			memcpy(n->str, ev.data.scalar.value, n->len);
			n->str[n->len] = '\0';
			resolve_scalar(n, &ev);
			anchor = ev.data.scalar.anchor;
			break;
		case YAML_SEQUENCE_START_EVENT:
			n = ynode_new(&y, Y_SEQ, &ev.start_mark);
			anchor = ev.data.sequence_start.anchor;
			break;
		case YAML_MAPPING_START_EVENT:
			n = ynode_new(&y, Y_MAP, &ev.start_mark);
			anchor = ev.data.mapping_start.anchor;
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			if (depth)
				depth--;
			break;
		default:
			break;
		}
		if (n && !rc) {
			add_anchor(&y, anchor, n);
			if (depth) {
				struct ynode *top = stack[depth - 1];
				if (top->kind == Y_MAP && top->n % 2 == 0 && n->kind != Y_SCALAR) {
					rc = bagu_error(err, "%s:%zu:%zu: only scalar mapping keys are supported",
							y.name, ev.start_mark.line + 1, ev.start_mark.column + 1);
				} else {
					XGROW(top->kids, top->alloc, top->n + 1);
					top->kids[top->n++] = n;
				}
			} else {
				root = n;
			}
			if (!rc && ev.type != YAML_ALIAS_EVENT &&
			    (n->kind == Y_SEQ || n->kind == Y_MAP)) {
				if (depth >= YAML_MAX_DEPTH) {
					rc = bagu_error(err, "%s:%zu:%zu: nesting deeper than %d levels", y.name,
							n->line, n->col, YAML_MAX_DEPTH);
				} else {
					XGROW(stack, astack, depth + 1);
					stack[depth++] = n;
				}
			}
		}
		yaml_event_delete(&ev);
	}
	doc_release(&y);
	free(y.anchors);
	free(stack);
	yaml_parser_delete(&p);
	if (!rc && docs == 0)
		rc = bagu_error(err, "%s:1:1: no YAML document in input", y.name);
	return rc;
}

int gen_front_yaml(struct gen_model *m, const char *name, const char *data, size_t len,
		   const struct gen_yaml_limits *lim, struct bagu_err *err)
{
	struct yinput in = {.data = data, .len = len};
	return parse_yaml(m, name, &in, lim, err);
}

int gen_front_yaml_file(struct gen_model *m, const char *name, FILE *f, size_t max_bytes,
			const struct gen_yaml_limits *lim, struct bagu_err *err)
{
	struct yinput in = {.f = f, .max = max_bytes};
	return parse_yaml(m, name, &in, lim, err);
}
