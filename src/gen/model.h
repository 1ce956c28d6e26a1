/*
 * gen/model — the intermediate type model of `bagu gen` and its Go emitter.
 *
 * Layer: engine (src/gen). Uses util only; never prints, never exits.
 *
 * Every front end (JSON, YAML, TOML, later SQL DDL) turns its input into a stream
 * of *sample events* fed to one struct gen_model. Each complete top-level value
 * is one *record* (one sample of the root type): a JSON document, one NDJSON
 * line, one YAML document, one TOML document. The model merges every record
 * into a tree of nodes, one node per position in the schema (root, root.field,
 * root.field[], ...), recording which kinds of value were seen there and how
 * often. Memory therefore grows with the schema (number of distinct keys and
 * nesting), never with the number of records or the size of arrays.
 *
 * When the input is consumed, gen_emit_go() resolves every node to one Go type
 * (the inference rules are in docs/gen.md) and prints gofmt-identical Go source.
 *
 * Event grammar (one value):
 *
 *     value  := gen_scalar
 *             | gen_begin_object { gen_key value } gen_end_object
 *             | gen_begin_array { value } gen_end_array
 *
 * A record is one value sent while no object or array is open. Calls that break
 * the grammar (a key outside an object, a value inside an object without a key,
 * an unbalanced end) fail with "internal error: ..." — they are front-end bugs.
 *
 * Errors: every fallible function returns 0 or -1 and fills *err (may be NULL).
 * The model's messages carry no position ("nesting deeper than 1000 levels");
 * a front end knows where it is and prefixes "file:line:col: " itself. After a
 * failed event the model must not be fed further (gen_model_free is still fine).
 *
 * Typical use (this is what the JSON front end does per token):
 *
 *     struct gen_model *m = gen_model_new(GEN_FORMAT_JSON, NULL);
 *     if (gen_begin_object(m, err)) goto out;
 *     if (gen_key(m, "id", 2, err)) goto out;
 *     struct gen_value v = {.kind = GEN_INT, .i = 42, .text = "42", .len = 2};
 *     if (gen_scalar(m, &v, err)) goto out;
 *     if (gen_end_object(m, err)) goto out;      // record 1 complete
 *     struct gen_options opt;
 *     gen_options_init(&opt);
 *     if (gen_emit_go(m, &opt, &sb, err)) goto out;
 *   out:
 *     gen_model_free(m);
 *
 * ---- Notes for the TOML front end (src/gen/front_toml.c) -------------------
 *
 * The round trip goes through github.com/BurntSushi/toml (Debian 1.2.0). It has
 * no LocalDate/LocalTime Go types (those are pelletier/go-toml's): every TOML
 * date/time kind decodes into time.Time. Decoded into a time.Time *field*, a local
 * kind goes through time.Time.UnmarshalText and is encoded back as an offset
 * date-time: date and clock survive (compare under TZ=UTC), the TOML kind does
 * not; only an `any` field keeps the kind (docs/toml.md). So send:
 *     offset date-time  1979-05-27T07:32:00Z    -> GEN_TIME_OFFSET
 *     local date-time   1979-05-27T07:32:00     -> GEN_TIME_LOCAL_DATETIME
 *     local date        1979-05-27              -> GEN_TIME_LOCAL_DATE
 *     local time        07:32:00                -> GEN_TIME_LOCAL_TIME
 * and the emitter types any mix of the four as time.Time (a mix with strings or
 * numbers becomes any). Run round-trip harnesses with TZ=UTC: the encoder
 * converts local kinds with In(time.UTC) before formatting.
 * Integers: GEN_INT with .i (TOML integers are int64; 0x/0o/0b and '_' already
 * decoded by the parser). Floats: GEN_FLOAT with .f (inf and nan included).
 * Tables and inline tables: objects; arrays of tables and arrays: arrays. A TOML
 * document is one record whose root is an object. TOML defines tables out of
 * order ([a] [b] [a.c]), so build the document first, then replay it as events
 * in document order of first definition (keys in the order first seen).
 */
#ifndef BAGU_GEN_MODEL_H
#define BAGU_GEN_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/util.h"

/* Which input syntax fed the model. It selects the default struct tag and the
 * format-specific inference rules (json.Number exists only for JSON; a string
 * field accepts RFC 3339 samples in JSON/YAML but not TOML, ...). */
enum gen_format {
	GEN_FORMAT_JSON,
	GEN_FORMAT_YAML,
	GEN_FORMAT_TOML,
};

/* The kind of one scalar sample. */
enum gen_kind {
	GEN_NULL,                /* JSON null, YAML null/~/empty plain scalar */
	GEN_BOOL,                /* .b */
	GEN_INT,                 /* an integer that fits int64: .i */
	GEN_UINT,                /* an integer above INT64_MAX that fits uint64: .u */
	GEN_BIGNUM,              /* an integer beyond uint64 (either sign): .text is its spelling */
	GEN_FLOAT,               /* a number with a fraction or exponent, inf, nan: .f */
	GEN_STRING,              /* .text/.len is the decoded value (any bytes) */
	GEN_TIME_OFFSET,         /* RFC 3339 date-time with offset (JSON string, YAML
	                          * timestamp, TOML offset date-time) */
	GEN_TIME_LOCAL_DATETIME, /* TOML local date-time; YAML "2001-12-14 21:59:43" */
	GEN_TIME_LOCAL_DATE,     /* TOML local date; YAML "2002-12-14" */
	GEN_TIME_LOCAL_TIME,     /* TOML local time */
};

/* One scalar sample. Only the member matching kind is read; .text/.len are the
 * source spelling for numbers and times (optional: NULL/0 is allowed except for
 * GEN_BIGNUM and GEN_STRING). The model copies nothing it does not need. Of a
 * number it uses its sign, whether it is zero and whether float64 holds it
 * exactly, so for GEN_FLOAT a front end that does not convert the text may pass
 * 0.0 for a zero and ±1.0 for anything else (the JSON front end does). */
struct gen_value {
	enum gen_kind kind;
	const char *text;
	size_t len;
	bool b;
	int64_t i;
	uint64_t u;
	double f;
};

/* Limits on what one model accepts (a hostile input must not exhaust memory). */
struct gen_limits {
	unsigned max_depth;    /* nesting of objects/arrays; default 1000 */
	size_t max_nodes;      /* distinct schema positions; default 200000 */
	size_t max_key_bytes;  /* bytes in one key; default 65536 */
	size_t max_fields;     /* distinct keys in one object node; default 10000 */
};

/* Fills *lim with the defaults above. */
void gen_limits_init(struct gen_limits *lim);

struct gen_model;

/* A new empty model for input of the given format; lim NULL means defaults. */
struct gen_model *gen_model_new(enum gen_format format, const struct gen_limits *lim);
/* Frees the model and everything it holds; NULL is a no-op. */
void gen_model_free(struct gen_model *m);

/* ---- sample events (see the grammar above) ---- */
int gen_begin_object(struct gen_model *m, struct bagu_err *err) BAGU_MUST_CHECK;
/* The next value belongs to this key of the innermost open object. The key is
 * copied (any bytes, including NUL, invalid UTF-8 is accepted and later escaped).
 * A key repeated inside one object counts once for presence; both values are
 * merged as samples. */
int gen_key(struct gen_model *m, const char *key, size_t len, struct bagu_err *err) BAGU_MUST_CHECK;
int gen_end_object(struct gen_model *m, struct bagu_err *err) BAGU_MUST_CHECK;
int gen_begin_array(struct gen_model *m, struct bagu_err *err) BAGU_MUST_CHECK;
int gen_end_array(struct gen_model *m, struct bagu_err *err) BAGU_MUST_CHECK;
int gen_scalar(struct gen_model *m, const struct gen_value *v, struct bagu_err *err) BAGU_MUST_CHECK;

/* Number of complete records merged so far. */
uint64_t gen_model_records(const struct gen_model *m);
/* Current nesting depth (0 between records): a front end checks it is 0 at EOF. */
unsigned gen_model_depth(const struct gen_model *m);
/* Distinct schema positions so far (for tests and memory accounting). */
size_t gen_model_nodes(const struct gen_model *m);

/* ---- emitting Go ---- */

enum gen_tag {
	GEN_TAG_JSON = 1u << 0,
	GEN_TAG_YAML = 1u << 1,
	GEN_TAG_TOML = 1u << 2,
};

enum gen_optional {
	GEN_OPTIONAL_OMITEMPTY, /* optional fields get ",omitempty" (pointers only where a
	                         * present zero value or a struct would otherwise be lost) */
	GEN_OPTIONAL_POINTER,   /* optional fields become pointers with ",omitempty" */
};

/* When a field of date/time samples is time.Time (--time). */
enum gen_time {
	GEN_TIME_AUTO,   /* only when every sample's text survives time.Time's own encoding
	                  * (RFC 3339 with nanoseconds: "…44.000Z" comes back "…44Z"); else
	                  * string, with a comment saying why. TOML cannot decode a date-time
	                  * into a string: it keeps time.Time and the comment. */
	GEN_TIME_ALWAYS, /* always time.Time (instants survive, spellings may not) */
	GEN_TIME_NEVER,  /* always string (not for TOML) */
};

struct gen_options {
	const char *package;    /* Go package name; default "main" */
	const char *root_name;  /* root type name; default "Root" (made a valid exported name) */
	unsigned tags;          /* GEN_TAG_* bits; 0 means the format's own tag */
	bool inline_types;      /* nest anonymous structs instead of named, shared types */
	enum gen_optional optional;
	enum gen_time time;
};

/* Defaults: package main, root Root, format's tag, named types, omitempty. */
void gen_options_init(struct gen_options *opt);
/* Sets one option of `bagu gen json|yaml|toml` by its long name without "--" (name,
 * package, tags, inline, optional, time) from its text, as the CLI and the web API receive
 * them; both use this one parser. An empty value keeps the default (and turns inline
 * on; "0"/"false" turn it off). Strings point into value, which must outlive opt.
 * Returns 0, or -1 with "--KEY ..." naming the accepted values; an unknown key fails
 * with "unknown option --KEY". */
int gen_options_set(struct gen_options *opt, const char *key, const char *value,
		    struct bagu_err *err) BAGU_MUST_CHECK;

/* Appends the Go source for the model to out: "package P", the imports it needs
 * ("encoding/json" for json.Number, "time" for time.Time, none otherwise), the
 * root type, then every named type in order of first appearance. The text is
 * exactly what gofmt prints for it. Fails when the model holds no record ("no
 * values in input"), when a record is still open, or when options are invalid
 * (package not a Go identifier). out is untouched on failure. */
int gen_emit_go(const struct gen_model *m, const struct gen_options *opt, struct strbuf *out,
		struct bagu_err *err) BAGU_MUST_CHECK;

#endif
