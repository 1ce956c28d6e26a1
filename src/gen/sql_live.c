/*
 * gen/sql_live — fills the table model from a live MySQL or MariaDB server's
 * information_schema through libmariadb (the MySQL C API). Columns come from
 * COLUMNS, indexes from STATISTICS, comments from TABLES; COLUMN_TYPE and
 * COLUMN_DEFAULT are parsed back into the model in the server's own spelling
 * (MariaDB quotes string defaults and spells current_timestamp(); a MariaDB JSON
 * column is a longtext with a json_valid(`col`) CHECK). See docs/gen-sql.md.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "gen/sql_int.h"

#if __has_include(<mysql.h>)
#include <mysql.h>

struct dsn {
	char *user, *pass, *host, *db, *socket;
	unsigned port;
};

static void dsn_release(struct dsn *d)
{
	free(d->user);
	free(d->pass);
	free(d->host);
	free(d->db);
	free(d->socket);
}

static char *pct_decode(const char *s, size_t n)
{
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '%' && i + 2 < n + 0 && isxdigit((unsigned char)s[i + 1]) && isxdigit((unsigned char)s[i + 2])) {
			char h[3] = {s[i + 1], s[i + 2], 0};
			strbuf_addch(&sb, (int)strtol(h, NULL, 16));
			i += 2;
		} else {
			strbuf_addch(&sb, s[i]);
		}
	}
	return strbuf_detach(&sb, NULL);
}

/* mysql://user[:pass]@host[:port]/db[?socket=/path] */
static int dsn_parse(const char *s, struct dsn *d, struct bagu_err *err)
{
	memset(d, 0, sizeof(*d));
	if (strncmp(s, "mysql://", 8) && strncmp(s, "mariadb://", 10))
		return bagu_error(err, "--dsn must look like mysql://user:pass@host:port/db");
	s = strstr(s, "://") + 3;
	const char *at = strrchr(s, '@');
	const char *hp = s;
	if (at) {
		const char *colon = memchr(s, ':', (size_t)(at - s));
		d->user = pct_decode(s, (size_t)((colon ? colon : at) - s));
		if (colon)
			d->pass = pct_decode(colon + 1, (size_t)(at - colon - 1));
		hp = at + 1;
	}
	const char *slash = strchr(hp, '/');
	if (!slash)
		return bagu_error(err, "--dsn names no database: mysql://user:pass@host:port/db");
	const char *q = strchr(slash, '?');
	const char *colon = memchr(hp, ':', (size_t)(slash - hp));
	d->host = xstrndup(hp, (size_t)((colon ? colon : slash) - hp));
	if (colon) {
		char *end;
		long port = strtol(colon + 1, &end, 10);
		if (end != slash || port <= 0 || port > 65535)
			return bagu_error(err, "--dsn has an invalid port");
		d->port = (unsigned)port;
	}
	d->db = pct_decode(slash + 1, (size_t)((q ? q : slash + strlen(slash)) - slash - 1));
	if (!*d->db)
		return bagu_error(err, "--dsn names no database");
	if (q) {
		const char *sock = strstr(q, "socket=");
		if (sock) {
			const char *e = strchr(sock, '&');
			d->socket = pct_decode(sock + 7, e ? (size_t)(e - sock - 7) : strlen(sock + 7));
		}
	}
	return 0;
}

static MYSQL_RES *query(MYSQL *my, const char *sql, struct bagu_err *err)
{
	if (mysql_query(my, sql)) {
		bagu_error(err, "query failed: %s", mysql_error(my));
		return NULL;
	}
	MYSQL_RES *r = mysql_store_result(my);
	if (!r)
		bagu_error(err, "query failed: %s", mysql_error(my));
	return r;
}

/* Parses COLUMN_TYPE: name[(args)][ unsigned][ zerofill] */
static int parse_column_type(struct sql_column *c, const char *ct, const char *data_type, struct bagu_err *err)
{
	const char *p = ct;
	size_t n = 0;
	while (p[n] && p[n] != '(' && p[n] != ' ')
		n++;
	char *type = xstrndup(p, n);
	for (char *q = type; *q; q++)
		*q = (char)tolower((unsigned char)*q);
	c->type = type;
	(void)data_type; /* DATA_TYPE is COLUMN_TYPE's first word on both servers */
	p += n;
	enum sql_class cls = sql_type_class(type);
	if (cls == SQLC_UNKNOWN)
		return bagu_error(err, "column %s: unsupported type '%s'", c->name, ct);
	if (*p == '(') {
		p++;
		if (cls == SQLC_ENUM) {
			for (;;) {
				if (*p != '\'')
					return bagu_error(err, "column %s: cannot read '%s'", c->name, ct);
				p++;
				struct strbuf v = STRBUF_INIT;
				for (; *p; p++) {
					if (*p == '\'' && p[1] == '\'') {
						strbuf_addch(&v, '\'');
						p++;
					} else if (*p == '\'') {
						break;
					} else {
						strbuf_addch(&v, *p);
					}
				}
				if (*p != '\'') {
					strbuf_release(&v);
					return bagu_error(err, "column %s: cannot read '%s'", c->name, ct);
				}
				p++;
				c->values = xrealloc(c->values, (c->nvalues + 1) * sizeof(char *));
				c->values[c->nvalues++] = strbuf_detach(&v, NULL);
				if (*p == ',') {
					p++;
					continue;
				}
				break;
			}
		} else {
			char *end;
			long a = strtol(p, &end, 10), b = -1;
			p = end;
			if (*p == ',') {
				b = strtol(p + 1, &end, 10);
				p = end;
			}
			if (cls == SQLC_DATETIME || cls == SQLC_TIME)
				c->fsp = (int)a;
			else if (cls != SQLC_YEAR) {
				c->width = a;
				c->scale = b;
			}
		}
		if (*p != ')')
			return bagu_error(err, "column %s: cannot read '%s'", c->name, ct);
		p++;
	}
	c->is_unsigned = strstr(p, "unsigned") != NULL;
	c->zerofill = strstr(p, "zerofill") != NULL;
	/* canonical widths: the model keeps widths only where MySQL 8 shows them */
	if (cls == SQLC_INT && !c->zerofill && !(c->width == 1 && !strcmp(type, "tinyint")))
		c->width = -1;
	return 0;
}

/* Reads COLUMN_DEFAULT in the server's spelling into the model. */
static void parse_default(struct sql_column *c, const char *def, const char *extra, bool maria)
{
	if (!def)
		return;
	if (maria && !strcmp(def, "NULL")) {
		c->def_kind = SQL_DEFAULT_NULL;
		return;
	}
	if (!strncasecmp(def, "current_timestamp", 17)) {
		const char *p = def + 17;
		if (*p == '(' || *p == '\0') {
			c->def_kind = SQL_DEFAULT_NOW;
			c->def_fsp = *p == '(' ? atoi(p + 1) : 0;
			return;
		}
	}
	if (maria) {
		size_t n = strlen(def);
		if (n >= 2 && def[0] == '\'' && def[n - 1] == '\'') {
			struct strbuf v = STRBUF_INIT;
			for (size_t i = 1; i + 1 < n; i++) {
				char ch = def[i];
				if ((ch == '\'' || ch == '\\') && i + 2 < n) {
					ch = def[++i];
					if (def[i - 1] == '\\')
						ch = ch == 'n' ? '\n' : ch == 'r' ? '\r' : ch == '0' ? '\0' : ch;
				}
				strbuf_addch(&v, ch);
			}
			c->def_kind = SQL_DEFAULT_LITERAL;
			c->def = strbuf_detach(&v, NULL);
			return;
		}
		bool number = *def != '\0';
		for (const char *p = def; *p; p++)
			number &= isdigit((unsigned char)*p) || *p == '-' || *p == '.' || *p == 'e' || *p == '+';
		if (number || !strncmp(def, "b'", 2)) {
			c->def_kind = SQL_DEFAULT_LITERAL;
			c->def = xstrdup(def);
			return;
		}
		c->def_kind = SQL_DEFAULT_EXPR;
		c->def = xstrdup(def);
		return;
	}
	c->def_kind = strstr(extra, "DEFAULT_GENERATED") ? SQL_DEFAULT_EXPR : SQL_DEFAULT_LITERAL;
	c->def = xstrdup(def);
}

static char *escaped(MYSQL *my, const char *s)
{
	size_t n = strlen(s);
	char *out = xmalloc(2 * n + 1);
	mysql_real_escape_string(my, out, s, (unsigned long)n);
	return out;
}

static bool wanted(const char *const *tables, const char *name)
{
	if (!tables)
		return true;
	for (const char *const *p = tables; *p; p++)
		if (!strcmp(*p, name))
			return true;
	return false;
}

int sql_read_dsn(struct sql_schema *s, const char *dsn_text, const char *const *tables, struct bagu_err *err)
{
	struct dsn d;
	int rc = -1;
	MYSQL *my = NULL;
	MYSQL_RES *r = NULL;
	char *db = NULL, *sql = NULL;
	struct sql_schema tmp;
	sql_schema_init(&tmp);
	if (dsn_parse(dsn_text, &d, err))
		goto out;
	my = mysql_init(NULL);
	if (!my) {
		bagu_error(err, "libmariadb: out of memory");
		goto out;
	}
	mysql_options(my, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	unsigned timeout = 10;
	mysql_options(my, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
	if (!mysql_real_connect(my, d.socket ? NULL : d.host, d.user, d.pass, d.db, d.port, d.socket, 0)) {
		bagu_error(err, "cannot connect to %s: %s", d.socket ? d.socket : d.host, mysql_error(my));
		goto out;
	}
	bool maria = strstr(mysql_get_server_info(my), "MariaDB") != NULL;
	db = escaped(my, d.db);

	/* tables */
	sql = xasprintf("SELECT TABLE_NAME, TABLE_COMMENT FROM information_schema.TABLES "
			"WHERE TABLE_SCHEMA='%s' AND TABLE_TYPE IN ('BASE TABLE','SYSTEM VERSIONED') ORDER BY TABLE_NAME", db);
	if (!(r = query(my, sql, err)))
		goto out;
	MYSQL_ROW row;
	while ((row = mysql_fetch_row(r))) {
		if (!wanted(tables, row[0]))
			continue;
		struct sql_table t;
		memset(&t, 0, sizeof(t));
		t.name = xstrdup(row[0]);
		t.comment = row[1] && *row[1] ? xstrdup(row[1]) : NULL;
		sql_schema_put(&tmp, &t);
	}
	mysql_free_result(r);
	r = NULL;
	free(sql);
	sql = NULL;

	/* columns */
	sql = xasprintf("SELECT TABLE_NAME, COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, "
			"EXTRA, COLUMN_COMMENT, COLUMN_KEY, CHARACTER_SET_NAME, COLLATION_NAME, GENERATION_EXPRESSION "
			"FROM information_schema.COLUMNS WHERE TABLE_SCHEMA='%s' ORDER BY TABLE_NAME, ORDINAL_POSITION", db);
	if (!(r = query(my, sql, err)))
		goto out;
	while ((row = mysql_fetch_row(r))) {
		struct sql_table *t = sql_schema_table(&tmp, row[0]);
		if (!t)
			continue;
		struct sql_column *c = sql_table_add_column(t);
		c->name = xstrdup(row[1]);
		char *dt = xstrdup(row[2]);
		for (char *q = dt; *q; q++)
			*q = (char)tolower((unsigned char)*q);
		int prc = parse_column_type(c, row[3], dt, err);
		free(dt);
		if (prc)
			goto out;
		c->not_null = !strcmp(row[4], "NO");
		const char *extra = row[6] ? row[6] : "";
		c->auto_increment = strstr(extra, "auto_increment") != NULL;
		const char *ou = strcasestr(extra, "on update current_timestamp");
		if (ou) {
			c->on_update_now = true;
			const char *par = ou + strlen("on update current_timestamp");
			c->on_update_fsp = *par == '(' ? atoi(par + 1) : 0;
		}
		c->invisible = strstr(extra, "INVISIBLE") != NULL;
		if (row[11] && *row[11]) {
			c->generated = xstrdup(row[11]);
			c->stored = strstr(extra, "STORED") != NULL || strstr(extra, "PERSISTENT") != NULL;
		} else {
			parse_default(c, row[5], extra, maria);
		}
		c->comment = row[7] && *row[7] ? xstrdup(row[7]) : NULL;
		snprintf(c->key, sizeof(c->key), "%s", row[8] ? row[8] : "");
		c->charset = row[9] ? xstrdup(row[9]) : NULL;
		c->collation = row[10] ? xstrdup(row[10]) : NULL;
	}
	mysql_free_result(r);
	r = NULL;
	free(sql);
	sql = NULL;

	/* MariaDB: JSON is longtext with CHECK (json_valid(`col`)) */
	if (maria) {
		sql = xasprintf("SELECT TABLE_NAME, CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS "
				"WHERE CONSTRAINT_SCHEMA='%s'", db);
		if (!(r = query(my, sql, err)))
			goto out;
		while ((row = mysql_fetch_row(r))) {
			struct sql_table *t = sql_schema_table(&tmp, row[0]);
			const char *cl = row[1];
			if (!t || !cl || strncmp(cl, "json_valid(`", 12))
				continue;
			size_t n = strlen(cl);
			if (n < 14 || strcmp(cl + n - 2, "`)"))
				continue;
			char *col = xstrndup(cl + 12, n - 14);
			size_t ci = sql_table_column(t, col);
			free(col);
			if (ci != SIZE_MAX && !strcmp(t->cols[ci].type, "longtext")) {
				free(t->cols[ci].type);
				t->cols[ci].type = xstrdup("json");
				free(t->cols[ci].charset);
				free(t->cols[ci].collation);
				t->cols[ci].charset = t->cols[ci].collation = NULL;
			}
		}
		mysql_free_result(r);
		r = NULL;
		free(sql);
		sql = NULL;
	}

	/* indexes: one row per key part, in the server's key order */
	sql = xasprintf("SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME, SUB_PART, INDEX_TYPE "
			"FROM information_schema.STATISTICS WHERE TABLE_SCHEMA='%s' "
			"ORDER BY TABLE_NAME, INDEX_NAME = 'PRIMARY' DESC, NON_UNIQUE, INDEX_NAME, SEQ_IN_INDEX", db);
	if (!(r = query(my, sql, err)))
		goto out;
	while ((row = mysql_fetch_row(r))) {
		struct sql_table *t = sql_schema_table(&tmp, row[0]);
		if (!t)
			continue;
		struct sql_index *x = t->nidx ? &t->idx[t->nidx - 1] : NULL;
		if (!x || strcmp(x->name, row[1])) {
			x = sql_table_add_index(t);
			x->name = xstrdup(row[1]);
			x->kind = !strcmp(row[1], "PRIMARY")		  ? SQL_INDEX_PRIMARY
				  : row[5] && !strcmp(row[5], "FULLTEXT") ? SQL_INDEX_FULLTEXT
				  : row[5] && !strcmp(row[5], "SPATIAL")  ? SQL_INDEX_SPATIAL
				  : !strcmp(row[2], "0")		  ? SQL_INDEX_UNIQUE
									  : SQL_INDEX_PLAIN;
		}
		x->cols = xrealloc(x->cols, (x->ncols + 1) * sizeof(size_t));
		x->prefix = xrealloc(x->prefix, (x->ncols + 1) * sizeof(unsigned));
		x->cols[x->ncols] = row[3] ? sql_table_column(t, row[3]) : SIZE_MAX;
		/* SUB_PART; MariaDB reports 32 for every SPATIAL part, which no DDL wrote */
		x->prefix[x->ncols] = row[4] && x->kind != SQL_INDEX_SPATIAL ? (unsigned)strtoul(row[4], NULL, 10) : 0;
		x->ncols++;
	}
	mysql_free_result(r);
	r = NULL;

	if (tables)
		for (const char *const *p = tables; *p; p++)
			if (!sql_schema_table(&tmp, *p)) {
				bagu_error(err, "no table '%s' in database '%s'", *p, d.db);
				goto out;
			}
	for (size_t i = 0; i < tmp.ntables; i++)
		sql_schema_put(s, &tmp.tables[i]);
	tmp.ntables = 0;
	tmp.hashed = 0;
	rc = 0;
out:
	if (r)
		mysql_free_result(r);
	if (my)
		mysql_close(my);
	free(sql);
	free(db);
	dsn_release(&d);
	sql_schema_release(&tmp);
	return rc;
}

#else

int sql_read_dsn(struct sql_schema *s, const char *dsn, const char *const *tables, struct bagu_err *err)
{
	(void)s, (void)dsn, (void)tables;
	return bagu_error(err, "--dsn: this bagu was built without libmariadb");
}

#endif
