/*
 * gen/toml — a TOML 1.0.0 parser of our own (nothing is packaged for C), used by the
 * TOML front end of `bagu gen` (front_toml.c) and by `bagu gen toml --tagged-json`.
 *
 * Layer: gen (engine). Uses util only. Never prints, never exits.
 *
 * What it does
 *   toml_parse() turns a buffer into a tree of struct toml_value. The whole of TOML 1.0.0
 *   is supported: bare/quoted/dotted keys, all string forms and escapes, decimal / hex /
 *   octal / binary integers (int64), floats incl. inf and nan, booleans, offset date-time,
 *   local date-time, local date, local time, arrays (mixed types allowed), inline
 *   tables, [tables], [[arrays of tables]] and every redefinition rule of the spec.
 *   It accepts every valid and rejects every invalid case of toml-test's 1.0.0 list
 *   (tests/unit/test_gen_toml_suite.c proves it).
 *
 * Input rules
 *   - The input must be valid UTF-8 (no overlongs, no surrogates); an optional UTF-8
 *     byte order mark at the start is skipped.
 *   - Control characters other than tab are rejected in comments and strings (they may
 *     be written as escapes in basic strings); a carriage return must be followed by a
 *     line feed.
 *   - Limits (struct toml_limits): the input size, and the nesting depth of tables and
 *     arrays counted from the root (in `a.b.c = [[1]]` the tables a and b and the two
 *     arrays nest 4 deep); a key may have at most max_depth dotted parts.
 *
 * Errors
 *   One line in err->msg: "NAME:LINE:COL: message", LINE and COL 1-based, COL counted
 *   in characters (code points) of the line. NAME is the name passed in ("<stdin>" etc.).
 *
 * Ownership
 *   The tree returned by toml_parse() belongs to the caller and is freed, all at once,
 *   with toml_free(root); it is read-only (nodes live in an arena). Every string in it is owned by the tree, NUL-terminated and also
 *   carries its length (TOML strings may contain U+0000 written as an escape).
 */
#ifndef BAGU_GEN_TOML_H
#define BAGU_GEN_TOML_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/util.h"

#define TOML_DEFAULT_MAX_INPUT ((size_t)256 << 20) /* 256 MiB */
#define TOML_DEFAULT_MAX_DEPTH 128u

struct toml_limits {
	size_t max_input;   /* bytes; 0 = TOML_DEFAULT_MAX_INPUT */
	unsigned max_depth; /* tables + arrays from the root; 0 = TOML_DEFAULT_MAX_DEPTH */
};

enum toml_type {
	TOML_TABLE,
	TOML_ARRAY,
	TOML_STRING,
	TOML_INTEGER,
	TOML_FLOAT,
	TOML_BOOL,
	TOML_DATETIME,       /* offset date-time: 1979-05-27T07:32:00Z, ...-07:00 */
	TOML_DATETIME_LOCAL, /* local date-time:  1979-05-27T07:32:00 */
	TOML_DATE_LOCAL,     /* local date:       1979-05-27 */
	TOML_TIME_LOCAL,     /* local time:       07:32:00.999 */
};

/* A date and/or time. Fields that the type does not have are 0. */
struct toml_datetime {
	int year, month, day;     /* absent for TOML_TIME_LOCAL */
	int hour, minute, second; /* absent for TOML_DATE_LOCAL; second may be 60 */
	uint32_t nanosecond;      /* fraction of a second, digits beyond 9 truncated */
	int frac_digits;          /* digits of the fraction as written (0 = none), at most 9 */
	int offset_minutes;       /* TOML_DATETIME only: offset east of UTC (-07:00 = -420) */
	bool offset_z;            /* TOML_DATETIME only: written as Z (offset 0) */
};

struct toml_value;

/* One entry of a table: the key (decoded, owned) and its value. */
struct toml_keyval {
	char *key;
	size_t key_len;
	struct toml_value *value;
};

struct toml_value {
	enum toml_type type;
	uint32_t line;  /* 1-based line where the value, table header or key starts */
	size_t offset;  /* byte offset of the same place in the input */
	unsigned flags; /* private to the parser */
	union {
		/* TOML_TABLE: entries in the order their keys first appeared in the input */
		struct {
			struct toml_keyval *items;
			size_t len, alloc;
			uint32_t *index; /* private: hash index once the table grows */
			size_t index_cap;
			uint32_t section; /* private */
			uint32_t depth;   /* private */
		} table;
		/* TOML_ARRAY: elements in order; an array of tables holds TOML_TABLE values */
		struct {
			struct toml_value **items;
			size_t len, alloc;
			uint32_t depth; /* private */
		} array;
		/* TOML_STRING */
		struct {
			char *ptr;
			size_t len;
		} string;
		/* TOML_INTEGER: the value and its text as written (e.g. "0xdead_beef") */
		struct {
			int64_t value;
			char *text;
		} integer;
		/* TOML_FLOAT: the value and its text as written (e.g. "6.626e-34", "-inf") */
		struct {
			double value;
			char *text;
		} fp;
		bool boolean; /* TOML_BOOL */
		/* TOML_DATETIME, TOML_DATETIME_LOCAL, TOML_DATE_LOCAL, TOML_TIME_LOCAL */
		struct toml_datetime datetime;
	} u;
};

/*
 * Parses buf[0..len) (need not be NUL-terminated) as a TOML 1.0.0 document. On success
 * sets *out to the root table and returns 0; on failure returns -1 with err filled
 * ("name:line:col: message") and *out NULL. limits may be NULL for the defaults.
 */
int toml_parse(const char *buf, size_t len, const char *name, const struct toml_limits *limits,
	       struct toml_value **out, struct bagu_err *err) BAGU_MUST_CHECK;

/* Frees a tree returned by toml_parse (NULL is fine). Only the root may be passed:
 * the whole tree lives in one arena owned by the root. */
void toml_free(struct toml_value *v);

/* Looks a key up in a table (by exact bytes). NULL when absent or t is not a table. */
const struct toml_value *toml_table_get(const struct toml_value *t, const char *key, size_t key_len);

/* "table", "array", "string", "integer", "float", "bool", "datetime", "datetime-local",
 * "date-local", "time-local" (the names toml-test uses). */
const char *toml_type_name(enum toml_type type);

/* Appends the RFC 3339 text of a date/time value of the given type to out (offset
 * date-times as "1979-05-27T07:32:00.5Z" / "...-07:00"). */
void toml_datetime_format(enum toml_type type, const struct toml_datetime *dt, struct strbuf *out);

/*
 * Appends v in toml-test's tagged JSON encoding to out: tables are JSON objects (keys in
 * input order), arrays JSON arrays, every other value {"type":"T","value":"TEXT"} where T
 * is toml_type_name() and TEXT is the canonical text: integers in decimal, floats as the
 * shortest text that reads back to the same double ("inf", "-inf", "nan"), date/times as
 * toml_datetime_format(), booleans "true"/"false", strings as decoded.
 */
void toml_to_tagged_json(const struct toml_value *v, struct strbuf *out);

/*
 * The whole of `bagu gen toml --tagged-json`: parses buf (named name in errors) with
 * the default limits and appends its tagged JSON plus a newline to out. 0 or -1 with err.
 */
int toml_tagged_json(const char *name, const char *buf, size_t len, struct strbuf *out,
		     struct bagu_err *err) BAGU_MUST_CHECK;

/* ---- the TOML front end of `bagu gen` (front_toml.c) ---- */

struct gen_model;

/*
 * Parses buf[0..len) as one TOML document (named name in errors; limits NULL for the
 * defaults) and feeds it to m (created with GEN_FORMAT_TOML) as one record: the root
 * table and every table, inline table and array-of-tables element as an object (keys
 * in the order they first appear), arrays as arrays, integers as GEN_INT (with their
 * text), floats as GEN_FLOAT, strings, booleans, and offset date-time / local
 * date-time / local date / local time as GEN_TIME_OFFSET / GEN_TIME_LOCAL_DATETIME /
 * GEN_TIME_LOCAL_DATE / GEN_TIME_LOCAL_TIME (all time.Time in Go, as BurntSushi/toml
 * decodes them). Returns 0, or -1 with err as "name:line:col: message" (parse errors
 * and model limits alike). After a failure m must not be fed further.
 */
int gen_front_toml(struct gen_model *m, const char *name, const char *buf, size_t len,
		   const struct toml_limits *limits, struct bagu_err *err) BAGU_MUST_CHECK;

#endif
