/*
 * gen/sql — MySQL DDL and live MySQL/MariaDB schemas → Go models (`bagu gen sql`).
 *
 * Layer: engine (src/gen). Uses util and gen/naming, gen/tabwriter; the live
 * reader uses libmariadb. Never prints, never exits. The type mapping and the
 * information_schema rules are documented in docs/gen-sql.md.
 *
 * Three parts:
 *   - a parser of our own for what people paste and what mysqldump / SHOW CREATE
 *     TABLE print (sql_parse): a whole dump is read statement by statement; CREATE
 *     TABLE, CREATE INDEX, ALTER TABLE and RENAME TABLE build the table model (several
 *     files in a row: one schema, as migrations build it), dump noise (SET, DROP, LOCK,
 *     INSERT, views, routines under DELIMITER, ...) is parsed past, and any other
 *     statement is a warning with its position, never a silent skip;
 *   - a live reader (sql_read_dsn) that fills the same model from
 *     information_schema through libmariadb;
 *   - the Go emitter (sql_emit_go) and the model dump (sql_dump_model), which
 *     renders each column as information_schema.COLUMNS would show it.
 *
 * Typical use:
 *
 *     struct sql_schema s;
 *     sql_schema_init(&s);
 *     if (sql_parse(&s, "dump.sql", text, len, &popt, &err)) goto out;
 *     struct sql_gen_options g;
 *     sql_gen_options_init(&g);
 *     if (sql_emit_go(&s, &g, &out, &err)) goto out;
 *   out:
 *     sql_schema_release(&s);
 *
 * Errors follow util.h: 0 or -1 with a bagu_err, "file:line:col: message" for DDL.
 * Lines and columns are 1-based; columns count bytes.
 */
#ifndef BAGU_GEN_SQL_H
#define BAGU_GEN_SQL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/util.h"

/* Caps on hostile input. */
enum {
	SQL_MAX_INPUT = 512u << 20,  /* bytes of DDL per file */
	SQL_MAX_TABLES = 100000,     /* tables in one schema */
	SQL_MAX_COLUMNS = 4096,      /* columns in one table (MySQL allows 4096) */
	SQL_MAX_DEPTH = 256,         /* parentheses nesting inside one statement */
	SQL_MAX_ENUM = 65535,        /* ENUM/SET members */
	SQL_MAX_WARNINGS = 1000,     /* warnings kept (the count goes on) */
};

/* How a column's DEFAULT was given. */
enum sql_default {
	SQL_DEFAULT_NONE,    /* no DEFAULT clause */
	SQL_DEFAULT_NULL,    /* DEFAULT NULL */
	SQL_DEFAULT_LITERAL, /* a constant: .def is its value converted to the column type
	                      * ("0.00", "2020-01-01 00:00:00", "abc", "b'101'") */
	SQL_DEFAULT_NOW,     /* CURRENT_TIMESTAMP / NOW() / LOCALTIME[STAMP]: .def_fsp */
	SQL_DEFAULT_EXPR,    /* any other expression: .def is its text (outer parentheses
	                      * removed, function names lower-cased) */
};

/* How information_schema spells things: MySQL 8 (the reference) or MariaDB. */
enum sql_flavor {
	SQL_FLAVOR_MYSQL,
	SQL_FLAVOR_MARIADB,
};

struct sql_column {
	char *name;
	char *type;         /* DATA_TYPE: "int", "varchar", "decimal", "json", ... (canonical,
	                     * synonyms resolved: INTEGER -> int, BOOL -> tinyint, ...) */
	long width;         /* integer display width / char, binary, bit length; -1 none */
	long scale;         /* decimal/float scale D; -1 none */
	int fsp;            /* time, datetime, timestamp fractional digits; 0 none */
	bool is_unsigned, zerofill;
	char **values;      /* ENUM / SET members (decoded) */
	size_t nvalues;
	char *charset, *collation; /* as written, or NULL */
	bool not_null;      /* NOT NULL declared, or implied (primary key, SERIAL) */
	enum sql_default def_kind;
	char *def;          /* see enum sql_default; NULL for NONE, NULL and NOW */
	int def_fsp;        /* fractional digits of CURRENT_TIMESTAMP(n) */
	bool on_update_now; /* ON UPDATE CURRENT_TIMESTAMP[(n)] */
	int on_update_fsp;
	bool auto_increment;
	char *comment;      /* decoded COMMENT, or NULL */
	char *generated;    /* generation expression, or NULL */
	bool stored;        /* STORED / PERSISTENT generated column */
	bool invisible;
	bool without_versioning; /* MariaDB: WITHOUT SYSTEM VERSIONING (its changes keep no history) */
	char key[4];        /* COLUMN_KEY: "PRI", "UNI", "MUL" or "" (sql_schema_finish) */
	unsigned line, col; /* where the column is defined (0 for live schemas) */
};

enum sql_index_kind {
	SQL_INDEX_PRIMARY,
	SQL_INDEX_UNIQUE,
	SQL_INDEX_PLAIN,
	SQL_INDEX_FULLTEXT,
	SQL_INDEX_SPATIAL,
	SQL_INDEX_FOREIGN, /* FOREIGN KEY: InnoDB adds an index unless one leads with its columns */
};

struct sql_index {
	enum sql_index_kind kind;
	char *name;       /* "PRIMARY" for the primary key; generated as MySQL does when unnamed */
	size_t *cols;     /* column indexes into the table; SIZE_MAX for an expression part */
	size_t ncols;
	unsigned *prefix; /* per part: the prefix length n of col(n) (characters, bytes for
	                   * binary columns), or 0 for the whole column */
};

struct sql_table {
	char *schema;     /* schema qualifier as written, or NULL */
	char *name;
	char *comment;    /* table COMMENT, or NULL */
	struct sql_column *cols;
	size_t ncols, acols;
	struct sql_index *idx;
	size_t nidx, aidx;
	unsigned line, col;
};

struct sql_schema {
	struct sql_table *tables;
	size_t ntables, atables;
	char **warnings;  /* "file:line:col: message" for statements parsed past with a warning */
	size_t nwarnings, awarnings;
	size_t warnings_total;
	/* private: name index (slot = table index + 1) over the first `hashed` tables */
	size_t *hslots, hcap, hashed;
};

void sql_schema_init(struct sql_schema *s);
void sql_schema_release(struct sql_schema *s);
/* The table named name (exact, case-sensitive as MySQL on Linux), or NULL. */
struct sql_table *sql_schema_table(const struct sql_schema *s, const char *name);

struct sql_parse_options {
	bool keep_going; /* after an error in one statement, report it and go on */
};

/* Parses the DDL text[0..len) of file (used in messages) and appends its tables to
 * s (a table defined twice replaces the first: what DROP + CREATE does in a dump);
 * ALTER/RENAME TABLE change tables s already holds, so files parsed one after the
 * other into the same s form one schema.
 * Stops at the first error unless opt->keep_going, in which case every error is
 * appended to *errors (one "file:line:col: message" per line) and the good tables
 * are kept; the function then still returns -1 with the first error in *err.
 * errors may be NULL. */
int sql_parse(struct sql_schema *s, const char *file, const char *text, size_t len,
	      const struct sql_parse_options *opt, struct strbuf *errors,
	      struct bagu_err *err) BAGU_MUST_CHECK;

/* Reads the schema named by dsn ("mysql://user:pass@host:port/db", or with
 * ?socket=/path) from a live server through information_schema, appending its
 * base tables (in name order) to s. tables (NULL-terminated, may be NULL) limits it
 * to those names. Fails when libmariadb is not built in. */
int sql_read_dsn(struct sql_schema *s, const char *dsn, const char *const *tables,
		 struct bagu_err *err) BAGU_MUST_CHECK;

/* ---- information_schema rendering (sql_model.c) ---- */

/* COLUMN_TYPE as the flavor prints it ("int(10) unsigned", "varchar(64)"). */
void sql_column_type(const struct sql_column *c, enum sql_flavor f, struct strbuf *out);
/* DATA_TYPE as the flavor prints it (MariaDB has no json: longtext). */
const char *sql_data_type(const struct sql_column *c, enum sql_flavor f);
/* COLUMN_DEFAULT; returns false for SQL NULL. */
bool sql_column_default(const struct sql_column *c, enum sql_flavor f, struct strbuf *out);
/* EXTRA ("auto_increment", "DEFAULT_GENERATED on update CURRENT_TIMESTAMP", ...). */
void sql_column_extra(const struct sql_column *c, enum sql_flavor f, struct strbuf *out);
/* IS_NULLABLE as a bool. */
bool sql_column_nullable(const struct sql_column *c);

/* Computes COLUMN_KEY of every column of t from its indexes (after parsing). */
void sql_table_finish(struct sql_table *t);

/* Appends the model as JSON: {"tables":[{"name","comment","columns":[{"name",
 * "data_type","column_type","is_nullable","column_default","extra","comment",
 * "column_key", ...}],"indexes":[...]}]} rendered in flavor f. */
void sql_dump_model(const struct sql_schema *s, enum sql_flavor f, struct strbuf *out);

/* ---- Go output (sql_emit.c) ---- */

enum sql_tag {
	SQL_TAG_GORM = 1u << 0,
	SQL_TAG_JSON = 1u << 1,
	SQL_TAG_DB = 1u << 2,
};

enum sql_decimal { SQL_DECIMAL_STRING, SQL_DECIMAL_SHOPSPRING, SQL_DECIMAL_FLOAT64 };
enum sql_null { SQL_NULL_POINTER, SQL_NULL_SQL };
enum sql_json_case { SQL_JSON_SNAKE, SQL_JSON_CAMEL };

struct sql_gen_options {
	const char *package;      /* default "model" */
	unsigned tags;            /* SQL_TAG_* bits; default gorm|json */
	enum sql_decimal decimal; /* default string */
	enum sql_null null;       /* default pointer */
	enum sql_json_case json_case;
	bool tinyint1_bool;       /* tinyint(1) -> bool */
	const char *const *tables; /* NULL-terminated names to emit (in this order), or NULL: all */
	char **owned_tables;       /* internal: the list sql_gen_options_set made */
};

void sql_gen_options_init(struct sql_gen_options *o);
/* Sets one option of `bagu gen sql` by its long name without "--" (package, tables,
 * tags, json-case, decimal, null, tinyint1-bool) from its text, as the CLI and the web
 * API receive them; both use this one parser. An empty value keeps the default (and
 * turns tinyint1-bool on; "0"/"false" turn it off). o->package points into value, which
 * must outlive o. Returns 0, or -1 with "--KEY ..." naming the accepted values; an
 * unknown key fails with "unknown option --KEY". */
int sql_gen_options_set(struct sql_gen_options *o, const char *key, const char *value,
			struct bagu_err *err) BAGU_MUST_CHECK;
/* Frees what sql_gen_options_set allocated (the table list); o can be set again. */
void sql_gen_options_release(struct sql_gen_options *o);

/* Appends one gofmt-identical Go file with a struct and a TableName method per
 * table. Fails when a table of opt->tables does not exist, when there are no
 * tables, or the package name is not a Go identifier. out is untouched on failure. */
int sql_emit_go(const struct sql_schema *s, const struct sql_gen_options *opt, struct strbuf *out,
		struct bagu_err *err) BAGU_MUST_CHECK;

/* Go type of a column under opt, e.g. "uint64", "*time.Time", "sql.NullString". */
void sql_go_type(const struct sql_column *c, const struct sql_gen_options *opt, struct strbuf *out);

#endif
