/*
 * gen/sql_int — pieces shared by the sql_*.c files (not a public API).
 */
#ifndef BAGU_GEN_SQL_INT_H
#define BAGU_GEN_SQL_INT_H

#include "gen/sql.h"

/* Classes of DATA_TYPE values. */
enum sql_class {
	SQLC_INT,     /* tinyint .. bigint */
	SQLC_DECIMAL,
	SQLC_FLOAT,   /* float, double */
	SQLC_BIT,
	SQLC_DATE,    /* date */
	SQLC_DATETIME, /* datetime, timestamp */
	SQLC_TIME,
	SQLC_YEAR,
	SQLC_STRING,  /* char, varchar, *text */
	SQLC_BINARY,  /* binary, varbinary, *blob */
	SQLC_ENUM,    /* enum, set */
	SQLC_JSON,
	SQLC_GEOMETRY,
	SQLC_UNKNOWN,
};

enum sql_class sql_type_class(const char *type);
/* Default display width of an integer type as MariaDB / MySQL 5.7 print it. */
long sql_int_default_width(const char *type, bool is_unsigned);
/* Converts a literal default (its text, and whether it was a quoted string) to the
 * value information_schema shows for column c; fills out. Returns -1 with a message
 * (no position) when the value does not fit the type. */
int sql_convert_default(const struct sql_column *c, const char *text, size_t len, int lit_kind,
			struct strbuf *out, struct bagu_err *err);
enum { SQL_LIT_STRING, SQL_LIT_NUMBER, SQL_LIT_HEX, SQL_LIT_BIT, SQL_LIT_BOOL };

void sql_column_release(struct sql_column *c);
void sql_table_release(struct sql_table *t);
struct sql_column *sql_table_add_column(struct sql_table *t);
struct sql_index *sql_table_add_index(struct sql_table *t);
/* Appends t to s, replacing a table of the same name (takes ownership of t's contents). */
void sql_schema_put(struct sql_schema *s, struct sql_table *t);
/* Replaces *old (a table of s) by t, taking ownership of t's contents; t may carry a
 * new name (ALTER TABLE ... RENAME), which the caller has checked is free. */
void sql_schema_replace(struct sql_schema *s, struct sql_table *old, struct sql_table *t);
/* A deep copy of src into dst (which is overwritten). */
void sql_table_copy(struct sql_table *dst, const struct sql_table *src);
/* Removes the table named name, if any. */
void sql_schema_drop(struct sql_schema *s, const char *name);
/* Column index by name (case-insensitive, as MySQL compares column names), or SIZE_MAX. */
size_t sql_table_column(const struct sql_table *t, const char *name);
/* Whether foreign key idx[i] gets an index of its own (no index of t leads with its
 * columns, and no earlier foreign key has one). */
bool sql_fk_has_own_index(const struct sql_table *t, size_t i);
void sql_schema_warn(struct sql_schema *s, const char *msg);

#endif
