/*
 * gen/front — the JSON and YAML front ends of `bagu gen`: they read input and feed
 * sample events to a struct gen_model (gen/model.h). The TOML front end is
 * gen/toml.h.
 *
 * Layer: gen (engine). Never prints, never exits.
 *
 * Errors: one line "NAME:LINE:COL: message" in err->msg, LINE and COL 1-based, COL
 * counted in code points; NAME is the name given (a path, or "<stdin>"). Errors
 * raised by the model (depth, schema size) get the position of the token that
 * triggered them.
 *
 * JSON (yajl, streaming): a file holds one or more JSON values separated by
 * whitespace that contains a newline — a single document, NDJSON, or
 * pretty-printed documents one after another; each value is one record ("{} {}"
 * on one line is rejected, as JSONTestSuite's n_ cases require). Strict RFC 8259
 * otherwise: no comments, no \f or \v as whitespace, valid UTF-8 in strings.
 * Memory is bounded by the schema and by the longest single token, whatever the
 * input size. A token split across two fed chunks may be reported at its end.
 *
 * YAML (libyaml events): every document of a stream is one record. Each document
 * is built into a tree first (memory grows with the largest document), so that
 * aliases can be expanded (at most max_events values per document after
 * expansion, against "billion laughs"; a recursive alias is an error) and `<<`
 * merge keys applied (explicit keys win, earlier sources over later ones; merged
 * keys take the place of the `<<` key). Duplicate keys are an error, as in
 * gopkg.in/yaml.v3; keys must be scalars. Plain scalars are resolved the way
 * yaml.v3 resolves them (YAML 1.2 core schema: yes/on/y are strings), and its
 * timestamps become time.Time.
 */
#ifndef BAGU_GEN_FRONT_H
#define BAGU_GEN_FRONT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "gen/model.h"
#include "util/util.h"

/* ---- JSON ---- */

struct gen_json;

/* A streaming JSON reader feeding m; name is used in messages (copied). */
struct gen_json *gen_json_new(struct gen_model *m, const char *name);
void gen_json_free(struct gen_json *j);
/* Feeds the next len bytes of input. */
int gen_json_feed(struct gen_json *j, const void *buf, size_t len, struct bagu_err *err) BAGU_MUST_CHECK;
/* Signals end of input: fails on a truncated value or an input with no value. */
int gen_json_finish(struct gen_json *j, struct bagu_err *err) BAGU_MUST_CHECK;
/* Bytes fed so far. */
size_t gen_json_offset(const struct gen_json *j);

/* Convenience: the whole input in one buffer. */
int gen_front_json(struct gen_model *m, const char *name, const char *data, size_t len,
		   struct bagu_err *err) BAGU_MUST_CHECK;

/* ---- YAML ---- */

struct gen_yaml_limits {
	size_t max_events; /* events after alias expansion; default 10,000,000 */
};

/* Parses a YAML stream held in data[0..len) and feeds every document to m as
 * one record. lim NULL means defaults. */
int gen_front_yaml(struct gen_model *m, const char *name, const char *data, size_t len,
		   const struct gen_yaml_limits *lim, struct bagu_err *err) BAGU_MUST_CHECK;
/* The same, streaming from f (memory grows with the largest document, not the
 * stream); fails once more than max_bytes were read (0 = no cap). */
int gen_front_yaml_file(struct gen_model *m, const char *name, FILE *f, size_t max_bytes,
			const struct gen_yaml_limits *lim, struct bagu_err *err) BAGU_MUST_CHECK;

/* ---- scalar recognisers shared by the front ends (gen/scalar.c) ---- */

/* Whether s is an RFC 3339 date-time that Go's time.Time.UnmarshalJSON and
 * UnmarshalText accept ("2006-01-02T15:04:05Z", optional fraction, Z or ±hh:mm,
 * upper-case T and Z, fields in range). */
bool gen_is_rfc3339(const char *s, size_t n);

/* How gopkg.in/yaml.v3 resolves an untagged plain scalar (YAML 1.2 core schema as
 * yaml.v3 implements it). Fills v (kind and value; v->text/len point into s). */
void gen_yaml_resolve_plain(const char *s, size_t n, struct gen_value *v);

#endif
