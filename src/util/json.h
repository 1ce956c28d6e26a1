/*
 * json — a small streaming JSON writer into a strbuf, used for every `--json` output
 * and (later) the web API, so both print the same shapes. Hand-written rather than
 * yajl_gen because callers splice pre-built JSON fragments stored in content.db
 * (json_raw) and want compact output appended to an existing strbuf.
 *
 * The writer tracks commas itself: call json_key before each member's value inside an
 * object; values inside arrays need nothing extra. Strings must be UTF-8; control
 * characters, quotes and backslashes are escaped, and so are U+2028/U+2029 and
 * '<', '>', '&' (so the output is safe to embed in HTML).
 */
#ifndef BAGU_JSON_H
#define BAGU_JSON_H

#include "util/util.h"

struct json_writer {
	struct strbuf *out;
	int depth;        /* nesting depth; capped at 63 */
	int count[64];    /* members written at each depth */
	bool after_key;   /* the next value completes a member */
	bool pretty;
};

void json_init(struct json_writer *w, struct strbuf *out, bool pretty);
void json_obj_begin(struct json_writer *w);
void json_obj_end(struct json_writer *w);
void json_arr_begin(struct json_writer *w);
void json_arr_end(struct json_writer *w);
void json_key(struct json_writer *w, const char *key);
void json_str(struct json_writer *w, const char *s);   /* NULL prints null */
void json_strn(struct json_writer *w, const char *s, size_t n);
void json_int(struct json_writer *w, long long v);
void json_double(struct json_writer *w, double v);
void json_bool(struct json_writer *w, bool v);
void json_null(struct json_writer *w);
/* Inserts already-valid JSON text as one value (NULL or "" prints null). */
void json_raw(struct json_writer *w, const char *json);
/* Appends s as a JSON string literal (with quotes) to sb. */
void json_escape(struct strbuf *sb, const char *s, size_t n);

#endif
