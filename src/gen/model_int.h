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
 */
#ifndef BAGU_GEN_MODEL_INT_H
#define BAGU_GEN_MODEL_INT_H

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

/* Field lookup by key; NULL when absent. */
struct gen_field *gen_node_field(const struct gen_node *n, const char *key, size_t len);
/* Adds a field (the key must be absent); returns it. Its node is fresh. */
struct gen_field *gen_node_add_field(struct gen_node *n, const char *key, size_t len);
struct gen_node *gen_node_new(void);
void gen_node_free(struct gen_node *n);
/* Merges src into dst (kinds, flags, counts, fields recursively). Used for map values. */
void gen_node_merge(struct gen_node *dst, const struct gen_node *src);

#endif
