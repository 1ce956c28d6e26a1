/*
 * gen/model_int — the model's node tree, shared by model.c (which builds it from
 * sample events) and emit_go.c (which resolves it to Go types). Not a public API:
 * front ends use gen/model.h only.
 *
 * One struct gen_node per schema position. A node records every kind of value
 * seen there (kinds, a GK_* bitmask), how many samples it had, and the facts the
 * inference rules need (a zero value seen, a negative integer seen, ...). An object
 * node keeps its fields in order of first appearance with presence counts; an
 * array node keeps one element node that every element of every sample feeds.
 *
 * It also holds the hot paths of the event functions as static inline functions
 * (gen_key_fast, gen_scalar_fast): the JSON front end calls them per token, which
 * lets the compiler specialise them per callback (on_string always sends a string)
 * and saves a call per token. They only take the common case and leave everything
 * else, errors included, to gen_key / gen_scalar.
 */
#ifndef BAGU_GEN_MODEL_INT_H
#define BAGU_GEN_MODEL_INT_H

#include <string.h>

#include "gen/model.h"

enum {
	GK_NULL = 1u << 0,
	GK_BOOL = 1u << 1,
	GK_INT = 1u << 2,
	GK_UINT = 1u << 3,
	GK_BIGNUM = 1u << 4,
	GK_FLOAT = 1u << 5,
	GK_STRING = 1u << 6,
	GK_TIME_OFFSET = 1u << 7,
	GK_TIME_LDT = 1u << 8,
	GK_TIME_LD = 1u << 9,
	GK_TIME_LT = 1u << 10,
	GK_OBJECT = 1u << 11,
	GK_ARRAY = 1u << 12,
};
#define GK_NUMBERS (GK_INT | GK_UINT | GK_BIGNUM | GK_FLOAT)
#define GK_TIMES (GK_TIME_OFFSET | GK_TIME_LDT | GK_TIME_LD | GK_TIME_LT)

/* flags */
enum {
	GF_ZERO = 1u << 0,         /* a sample equal to Go's zero value (false, 0, "", [], {}) */
	GF_NEG = 1u << 1,          /* a negative integer sample */
	GF_INEXACT = 1u << 2,      /* an integer sample beyond ±2^53 (float64 loses its digits) */
	GF_EMPTY_ARRAY = 1u << 3,  /* an empty array sample */
	GF_EMPTY_OBJECT = 1u << 4, /* an empty object sample */
	GF_TIME_LOSSY = 1u << 5,   /* a date/time sample whose text time.Time would re-encode
	                            * differently (node->time_note says how) */
};

struct gen_node;

struct gen_field {
	char *key; /* owned, NUL-terminated, may contain NUL (use len) */
	size_t len;
	char prefix[16]; /* the first min(len, 16) bytes: short keys compare without a pointer chase */
	uint32_t hash;
	struct gen_node *node;
	uint64_t present; /* object samples of the parent that had this key */
	uint64_t stamp;   /* last object instance that had it (duplicate-key check) */
};

struct gen_node {
	unsigned kinds;
	unsigned flags;
	uint64_t samples; /* values seen here, null included */
	uint64_t objects; /* object samples */
	struct gen_field *fields;
	size_t nfields, afields;
	uint32_t *index; /* open addressing: field index + 1, 0 = empty */
	size_t index_cap;
	struct gen_node *elem; /* element node of array samples, NULL until one element */
	char *time_note;       /* GF_TIME_LOSSY: the first such sample, "\"TEXT\" would
	                        * re-encode as \"OUT\"" (owned) */
};

/* One open object or array. */
struct gen_frame {
	struct gen_node *node;
	bool is_object;
	uint64_t stamp;
	size_t guess;              /* index of the field expected next (records repeat key order) */
	/* &node->fields[guess] while guess < node->nfields, else NULL (always NULL for an
	 * array), and the end of node->fields: only this frame adds fields to its node,
	 * so they stay valid while it is open (key_slow refreshes them) */
	struct gen_field *next, *end;
	struct gen_field *pending; /* field whose value comes next */
	uint64_t count;            /* keys or elements in this instance */
};

struct gen_model {
	enum gen_format format;
	struct gen_limits lim;
	struct gen_node *root;
	struct gen_frame *stack;
	size_t depth, astack;
	uint64_t stamp;
	uint64_t records;
	size_t nodes;
};

/* Whether time.Time, decoded from the date/time sample text[0..n) of kind k, is
 * encoded back to the same text. Go's encoders (encoding/json MarshalJSON,
 * yaml.v3, BurntSushi/toml for offset date-times) all print t.Format(RFC3339Nano):
 * the fraction loses trailing zeros (and digits past the ninth), a zero offset
 * prints as "Z", and TOML's local kinds come back as UTC offset date-times. out
 * gets the re-encoded text (NUL-terminated; "" when text is not a date/time). */
enum { GEN_TIME_OUT = 48 };
bool gen_time_survives(enum gen_kind k, const char *text, size_t n, char out[GEN_TIME_OUT]);
/* Records a date/time sample that does not survive (first one only). */
void gen_node_time_lossy(struct gen_node *n, const char *text, size_t len, const char *out);

/* Field lookup by key; NULL when absent. */
struct gen_field *gen_node_field(const struct gen_node *n, const char *key, size_t len);
/* Adds a field (the key must be absent); returns it. Its node is fresh. */
struct gen_field *gen_node_add_field(struct gen_node *n, const char *key, size_t len);
struct gen_node *gen_node_new(void);
void gen_node_free(struct gen_node *n);
/* Merges src into dst (kinds, flags, counts, fields recursively). Used for map values. */
void gen_node_merge(struct gen_node *dst, const struct gen_node *src);

/* Whether field f has key b (n bytes). Keys up to 16 bytes are compared with two
 * overlapping word loads against the prefix kept in the field: a libc call and a
 * heap access cost more than that. */
static inline bool gen_field_is(const struct gen_field *f, const char *b, size_t n)
{
	if (f->len != n)
		return false;
	if (n > sizeof(f->prefix))
		return memcmp(f->key, b, n) == 0;
	if (n >= 8) {
		uint64_t a0, a1, b0, b1;
		memcpy(&a0, f->prefix, 8);
		memcpy(&a1, f->prefix + n - 8, 8);
		memcpy(&b0, b, 8);
		memcpy(&b1, b + n - 8, 8);
		return ((a0 ^ b0) | (a1 ^ b1)) == 0;
	}
	if (n >= 4) {
		uint32_t a0, a1, b0, b1;
		memcpy(&a0, f->prefix, 4);
		memcpy(&a1, f->prefix + n - 4, 4);
		memcpy(&b0, b, 4);
		memcpy(&b1, b + n - 4, 4);
		return ((a0 ^ b0) | (a1 ^ b1)) == 0;
	}
	if (n == 0)
		return true;
	/* 1 to 3 bytes: first, middle, last */
	return f->prefix[0] == b[0] && f->prefix[n / 2] == b[n / 2] && f->prefix[n - 1] == b[n - 1];
}

/* A key of top's object was found as field f of node n: count it, expect its value. */
static inline void gen_key_found(struct gen_frame *top, struct gen_node *n, struct gen_field *f)
{
	if (f->stamp != top->stamp) {
		f->stamp = top->stamp;
		f->present++;
	}
	top->guess = (size_t)(f - n->fields) + 1;
	top->next = f + 1 < top->end ? f + 1 : NULL;
	top->pending = f;
	top->count++;
}

/* gen_key's common case: the key is the field after the previous one (records repeat
 * their key order) and at most 16 bytes long (compared without a call, so that the
 * caller's fast path needs no stack frame). A field that exists passed the length
 * limit when it was added. Returns false, having changed nothing, when gen_key must
 * be called instead. */
static inline bool gen_key_fast(struct gen_model *m, const char *key, size_t len)
{
	if (!m->depth || len > sizeof(((struct gen_field *)0)->prefix))
		return false;
	struct gen_frame *top = &m->stack[m->depth - 1];
	struct gen_field *f = top->next;
	if (!f || top->pending || !gen_field_is(f, key, len))
		return false;
	gen_key_found(top, top->node, f);
	return true;
}

/* Whether an integer of magnitude u survives a trip through float64 with its
 * decimal text intact: Go prints float64 with the fewest digits that read back, so
 * 2^63 comes back as 9223372036854776000 — only |u| <= 2^53 is safe. */
static inline bool gen_u64_exact_in_double(uint64_t u)
{
	return u <= (UINT64_C(1) << 53);
}

/* Records scalar sample v at node n; false for an unknown kind (n untouched). */
static inline bool gen_node_sample(struct gen_node *n, const struct gen_value *v)
{
	switch (v->kind) {
	case GEN_NULL:
		n->kinds |= GK_NULL;
		break;
	case GEN_BOOL:
		n->kinds |= GK_BOOL;
		if (!v->b)
			n->flags |= GF_ZERO;
		break;
	case GEN_INT: {
		n->kinds |= GK_INT;
		uint64_t mag = v->i < 0 ? (uint64_t)0 - (uint64_t)v->i : (uint64_t)v->i;
		if (v->i == 0)
			n->flags |= GF_ZERO;
		if (v->i < 0)
			n->flags |= GF_NEG;
		if (!gen_u64_exact_in_double(mag))
			n->flags |= GF_INEXACT;
		break;
	}
	case GEN_UINT:
		n->kinds |= GK_UINT;
		if (v->u == 0)
			n->flags |= GF_ZERO;
		if (!gen_u64_exact_in_double(v->u))
			n->flags |= GF_INEXACT;
		break;
	case GEN_BIGNUM:
		n->kinds |= GK_BIGNUM;
		n->flags |= GF_INEXACT;
		break;
	case GEN_FLOAT:
		n->kinds |= GK_FLOAT;
		if (v->f == 0)
			n->flags |= GF_ZERO;
		break;
	case GEN_STRING:
		n->kinds |= GK_STRING;
		if (v->len == 0)
			n->flags |= GF_ZERO;
		break;
	case GEN_TIME_OFFSET:
	case GEN_TIME_LOCAL_DATETIME:
	case GEN_TIME_LOCAL_DATE:
	case GEN_TIME_LOCAL_TIME: {
		n->kinds |= v->kind == GEN_TIME_OFFSET ? GK_TIME_OFFSET : v->kind == GEN_TIME_LOCAL_DATETIME ? GK_TIME_LDT
			    : v->kind == GEN_TIME_LOCAL_DATE ? GK_TIME_LD : GK_TIME_LT;
		char out[GEN_TIME_OUT];
		if (v->text && !(n->flags & GF_TIME_LOSSY) && !gen_time_survives(v->kind, v->text, v->len, out))
			gen_node_time_lossy(n, v->text, v->len, out);
		break;
	}
	default:
		return false;
	}
	n->samples++;
	return true;
}

/* The node the next value goes to when that needs no new node and no error (inside
 * an object after its key, or an array whose element node exists); NULL, having
 * changed nothing, otherwise. */
static inline struct gen_node *gen_target_fast(struct gen_model *m)
{
	if (!m->depth)
		return NULL;
	struct gen_frame *top = &m->stack[m->depth - 1];
	struct gen_node *n;
	if (top->is_object) {
		if (!top->pending)
			return NULL;
		n = top->pending->node;
		top->pending = NULL;
	} else {
		n = top->node->elem;
		if (!n)
			return NULL;
		top->count++;
	}
	return n;
}

/* gen_begin_object / gen_begin_array's common case (see gen_target_fast; the stack
 * has room and the depth limit is not reached). False, having changed nothing, when
 * the full function must be called instead. */
static inline bool gen_begin_fast(struct gen_model *m, bool is_object)
{
	if (!m->depth || m->depth >= m->lim.max_depth || m->depth >= m->astack)
		return false;
	struct gen_node *n = gen_target_fast(m);
	if (!n)
		return false;
	n->kinds |= is_object ? GK_OBJECT : GK_ARRAY;
	n->samples++;
	if (is_object)
		n->objects++;
	struct gen_frame *f = &m->stack[m->depth++];
	*f = (struct gen_frame){.node = n, .is_object = is_object, .stamp = ++m->stamp};
	if (is_object && n->nfields) {
		f->next = n->fields;
		f->end = n->fields + n->nfields;
	}
	return true;
}

/* gen_end_object / gen_end_array's common case: the innermost open value is of that
 * kind (and an object has no key waiting), and it is not a record's root. False,
 * having changed nothing, when the full function must be called instead. */
static inline bool gen_end_fast(struct gen_model *m, bool is_object)
{
	if (m->depth < 2)
		return false;
	struct gen_frame *top = &m->stack[m->depth - 1];
	if (top->is_object != is_object || top->pending)
		return false;
	if (top->count == 0)
		top->node->flags |= is_object ? (unsigned)(GF_EMPTY_OBJECT | GF_ZERO)
					      : (unsigned)(GF_EMPTY_ARRAY | GF_ZERO);
	m->depth--;
	return true;
}

/* gen_scalar's common case: a value inside an open object (after its key) or array
 * (whose element node exists). Returns false, having changed nothing, when
 * gen_scalar must be called instead. */
static inline bool gen_scalar_fast(struct gen_model *m, const struct gen_value *v)
{
	if ((unsigned)v->kind > (unsigned)GEN_TIME_LOCAL_TIME)
		return false;
	struct gen_node *n = gen_target_fast(m);
	if (!n)
		return false;
	(void)gen_node_sample(n, v);
	return true;
}

#endif
