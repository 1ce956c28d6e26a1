/* gen/model — builds the node tree from sample events. See model.h, model_int.h. */
#include "gen/model_int.h"

#include <stdlib.h>
#include <string.h>


void gen_limits_init(struct gen_limits *lim)
{
	lim->max_depth = 1000;
	lim->max_nodes = 200000;
	lim->max_key_bytes = 65536;
	lim->max_fields = 10000;
}

struct gen_node *gen_node_new(void)
{
	return xcalloc(1, sizeof(struct gen_node));
}

void gen_node_free(struct gen_node *n)
{
	if (!n)
		return;
	for (size_t i = 0; i < n->nfields; i++) {
		free(n->fields[i].key);
		gen_node_free(n->fields[i].node);
	}
	free(n->fields);
	free(n->index);
	gen_node_free(n->elem);
	free(n->time_note);
	free(n);
}

void gen_node_time_lossy(struct gen_node *n, const char *text, size_t len, const char *out)
{
	n->flags |= GF_TIME_LOSSY;
	if (!n->time_note)
		n->time_note = xasprintf("\"%.*s\" would re-encode as \"%s\"", (int)(len > 80 ? 80 : len), text, out);
}

static uint32_t hash_key(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

struct gen_field *gen_node_field(const struct gen_node *n, const char *key, size_t len)
{
	if (!n->index_cap)
		return NULL;
	uint32_t h = hash_key(key, len);
	size_t mask = n->index_cap - 1;
	for (size_t i = h & mask;; i = (i + 1) & mask) {
		uint32_t slot = n->index[i];
		if (!slot)
			return NULL;
		struct gen_field *f = &n->fields[slot - 1];
		if (f->hash == h && f->len == len && memcmp(f->key, key, len) == 0)
			return f;
	}
}

static void index_insert(struct gen_node *n, size_t idx)
{
	size_t mask = n->index_cap - 1;
	for (size_t i = n->fields[idx].hash & mask;; i = (i + 1) & mask) {
		if (!n->index[i]) {
			n->index[i] = (uint32_t)(idx + 1);
			return;
		}
	}
}

struct gen_field *gen_node_add_field(struct gen_node *n, const char *key, size_t len)
{
	XGROW(n->fields, n->afields, n->nfields + 1);
	struct gen_field *f = &n->fields[n->nfields];
	memset(f, 0, sizeof(*f));
	f->key = xstrndup(key, len);
	memcpy(f->prefix, key, len < sizeof(f->prefix) ? len : sizeof(f->prefix));
	f->len = len;
	f->hash = hash_key(key, len);
	f->node = gen_node_new();
	n->nfields++;
	if (n->nfields * 2 > n->index_cap) {
		size_t cap = n->index_cap ? n->index_cap * 2 : 16;
		while (cap < n->nfields * 2)
			cap *= 2;
		free(n->index);
		n->index = xcalloc(cap, sizeof(uint32_t));
		n->index_cap = cap;
		for (size_t i = 0; i < n->nfields; i++)
			index_insert(n, i);
	} else {
		index_insert(n, n->nfields - 1);
	}
	return f;
}

void gen_node_merge(struct gen_node *dst, const struct gen_node *src)
{
	dst->kinds |= src->kinds;
	dst->flags |= src->flags;
	dst->samples += src->samples;
	dst->objects += src->objects;
	if (src->time_note && !dst->time_note)
		dst->time_note = xstrdup(src->time_note);
	for (size_t i = 0; i < src->nfields; i++) {
		const struct gen_field *sf = &src->fields[i];
		struct gen_field *df = gen_node_field(dst, sf->key, sf->len);
		if (!df)
			df = gen_node_add_field(dst, sf->key, sf->len);
		df->present += sf->present;
		gen_node_merge(df->node, sf->node);
	}
	if (src->elem) {
		if (!dst->elem)
			dst->elem = gen_node_new();
		gen_node_merge(dst->elem, src->elem);
	}
}

struct gen_model *gen_model_new(enum gen_format format, const struct gen_limits *lim)
{
	struct gen_model *m = xcalloc(1, sizeof(*m));
	m->format = format;
	if (lim)
		m->lim = *lim;
	else
		gen_limits_init(&m->lim);
	return m;
}

void gen_model_free(struct gen_model *m)
{
	if (!m)
		return;
	gen_node_free(m->root);
	free(m->stack);
	free(m);
}

uint64_t gen_model_records(const struct gen_model *m)
{
	return m->records;
}

unsigned gen_model_depth(const struct gen_model *m)
{
	return (unsigned)m->depth;
}

size_t gen_model_nodes(const struct gen_model *m)
{
	return m->nodes;
}

static int new_node(struct gen_model *m, struct gen_node **slot, struct bagu_err *err)
{
	if (m->nodes >= m->lim.max_nodes)
		return bagu_error(err, "schema too large: more than %zu distinct positions",
				  m->lim.max_nodes);
	*slot = gen_node_new();
	m->nodes++;
	return 0;
}

/* The node that the next value belongs to. */
static int target(struct gen_model *m, struct gen_node **out, struct bagu_err *err)
{
	if (m->depth == 0) {
		if (!m->root && new_node(m, &m->root, err))
			return -1;
		*out = m->root;
		return 0;
	}
	struct gen_frame *top = &m->stack[m->depth - 1];
	if (top->is_object) {
		if (!top->pending)
			return bagu_error(err, "internal error: value without a key");
		*out = top->pending->node;
		top->pending = NULL;
		return 0;
	}
	if (!top->node->elem && new_node(m, &top->node->elem, err))
		return -1;
	top->count++;
	*out = top->node->elem;
	return 0;
}

static void value_done(struct gen_model *m)
{
	if (m->depth == 0)
		m->records++;
}

static int push(struct gen_model *m, struct gen_node *n, bool is_object, struct bagu_err *err)
{
	if (m->depth >= m->lim.max_depth)
		return bagu_error(err, "nesting deeper than %u levels", m->lim.max_depth);
	if (m->depth + 1 > m->astack)
		XGROW(m->stack, m->astack, m->depth + 1);
	struct gen_frame *f = &m->stack[m->depth++];
	*f = (struct gen_frame){.node = n, .is_object = is_object, .stamp = ++m->stamp};
	if (is_object && n->nfields) {
		f->next = n->fields;
		f->end = n->fields + n->nfields;
	}
	return 0;
}

int gen_begin_object(struct gen_model *m, struct bagu_err *err)
{
	struct gen_node *n = NULL;
	if (target(m, &n, err))
		return -1;
	n->kinds |= GK_OBJECT;
	n->samples++;
	n->objects++;
	return push(m, n, true, err);
}

static int __attribute__((noinline)) key_slow(struct gen_model *m, const char *key, size_t len,
					      struct bagu_err *err)
{
	if (m->depth == 0 || !m->stack[m->depth - 1].is_object)
		return bagu_error(err, "internal error: key outside an object");
	struct gen_frame *top = &m->stack[m->depth - 1];
	if (top->pending)
		return bagu_error(err, "internal error: key without a value");
	if (len > m->lim.max_key_bytes)
		return bagu_error(err, "key longer than %zu bytes", m->lim.max_key_bytes);
	struct gen_node *n = top->node;
	struct gen_field *f = NULL;
	if (top->guess < n->nfields) {
		struct gen_field *g = &n->fields[top->guess];
		if (gen_field_is(g, key, len))
			f = g;
	}
	if (!f)
		f = gen_node_field(n, key, len);
	if (!f) {
		if (n->nfields >= m->lim.max_fields)
			return bagu_error(err, "object with more than %zu distinct keys",
					  m->lim.max_fields);
		if (m->nodes >= m->lim.max_nodes)
			return bagu_error(err, "schema too large: more than %zu distinct positions",
					  m->lim.max_nodes);
		f = gen_node_add_field(n, key, len);
		m->nodes++;
		top->end = n->fields + n->nfields; /* the array may have moved */
	}
	gen_key_found(top, n, f);
	return 0;
}

int gen_key(struct gen_model *m, const char *key, size_t len, struct bagu_err *err)
{
	if (gen_key_fast(m, key, len))
		return 0;
	return key_slow(m, key, len, err);
}

int gen_end_object(struct gen_model *m, struct bagu_err *err)
{
	if (m->depth == 0 || !m->stack[m->depth - 1].is_object)
		return bagu_error(err, "internal error: unbalanced end of object");
	struct gen_frame *top = &m->stack[m->depth - 1];
	if (top->pending)
		return bagu_error(err, "internal error: key without a value");
	if (top->count == 0)
		top->node->flags |= GF_EMPTY_OBJECT | GF_ZERO;
	m->depth--;
	value_done(m);
	return 0;
}

int gen_begin_array(struct gen_model *m, struct bagu_err *err)
{
	struct gen_node *n = NULL;
	if (target(m, &n, err))
		return -1;
	n->kinds |= GK_ARRAY;
	n->samples++;
	return push(m, n, false, err);
}

int gen_end_array(struct gen_model *m, struct bagu_err *err)
{
	if (m->depth == 0 || m->stack[m->depth - 1].is_object)
		return bagu_error(err, "internal error: unbalanced end of array");
	struct gen_frame *top = &m->stack[m->depth - 1];
	if (top->count == 0)
		top->node->flags |= GF_EMPTY_ARRAY | GF_ZERO;
	m->depth--;
	value_done(m);
	return 0;
}

int gen_scalar(struct gen_model *m, const struct gen_value *v, struct bagu_err *err)
{
	struct gen_node *n = NULL;
	if (target(m, &n, err))
		return -1;
	if (!gen_node_sample(n, v))
		return bagu_error(err, "internal error: unknown scalar kind %d", (int)v->kind);
	value_done(m);
	return 0;
}
