/*
 * gen/sql_emit — the table model as Go: one struct and a TableName method per
 * table, printed through gen/tabwriter exactly as gofmt prints it. Type mapping
 * and tags are documented in docs/gen-sql.md.
 */
#include <stdlib.h>
#include <string.h>

#include "gen/model.h"
#include "gen/naming.h"
#include "gen/sql_int.h"
#include "gen/tabwriter.h"

enum {
	IMP_SQL = 1u << 0,
	IMP_JSON = 1u << 1,
	IMP_TIME = 1u << 2,
	IMP_DECIMAL = 1u << 3,
};

void sql_gen_options_init(struct sql_gen_options *o)
{
	memset(o, 0, sizeof(*o));
	o->package = "model";
	o->tags = SQL_TAG_GORM | SQL_TAG_JSON;
}

static const char *base_type(const struct sql_column *c, const struct sql_gen_options *o, unsigned *imp)
{
	bool u = c->is_unsigned;
	switch (sql_type_class(c->type)) {
	case SQLC_INT:
		if (!strcmp(c->type, "tinyint"))
			return o->tinyint1_bool && c->width == 1 ? "bool" : u ? "uint8" : "int8";
		if (!strcmp(c->type, "smallint"))
			return u ? "uint16" : "int16";
		if (!strcmp(c->type, "bigint"))
			return u ? "uint64" : "int64";
		return u ? "uint32" : "int32"; /* int, mediumint */
	case SQLC_DECIMAL:
		if (o->decimal == SQL_DECIMAL_SHOPSPRING) {
			*imp |= IMP_DECIMAL;
			return "decimal.Decimal";
		}
		return o->decimal == SQL_DECIMAL_FLOAT64 ? "float64" : "string";
	case SQLC_FLOAT:
		return !strcmp(c->type, "float") ? "float32" : "float64";
	case SQLC_BIT:
		return c->width <= 1 ? "bool" : "uint64";
	case SQLC_DATE:
	case SQLC_DATETIME:
		*imp |= IMP_TIME;
		return "time.Time";
	case SQLC_YEAR:
		return "int16";
	case SQLC_JSON:
		*imp |= IMP_JSON;
		return "json.RawMessage";
	case SQLC_BINARY:
	case SQLC_GEOMETRY:
		return "[]byte";
	case SQLC_TIME:
	case SQLC_STRING:
	case SQLC_ENUM:
	case SQLC_UNKNOWN:
		break;
	}
	return "string";
}

static void go_type(const struct sql_column *c, const struct sql_gen_options *o, unsigned *imp, struct strbuf *out)
{
	unsigned bimp = 0;
	const char *b = base_type(c, o, &bimp);
	if (sql_column_nullable(c) && o->null == SQL_NULL_SQL && !strcmp(b, "time.Time"))
		bimp &= ~IMP_TIME; /* sql.NullTime */
	*imp |= bimp;
	if (!sql_column_nullable(c) || !strcmp(b, "[]byte")) {
		strbuf_addstr(out, b);
		return;
	}
	if (o->null == SQL_NULL_POINTER) {
		strbuf_addf(out, "*%s", b);
		return;
	}
	static const struct {
		const char *go, *null;
	} named[] = {
		{"bool", "sql.NullBool"}, {"uint8", "sql.NullByte"}, {"int16", "sql.NullInt16"},
		{"int32", "sql.NullInt32"}, {"int64", "sql.NullInt64"}, {"float64", "sql.NullFloat64"},
		{"string", "sql.NullString"}, {"time.Time", "sql.NullTime"},
	};
	if (!strcmp(b, "decimal.Decimal")) {
		strbuf_addstr(out, "decimal.NullDecimal");
		return;
	}
	*imp |= IMP_SQL;
	for (size_t i = 0; i < BAGU_ARRAY_LEN(named); i++)
		if (!strcmp(named[i].go, b)) {
			strbuf_addstr(out, named[i].null);
			return;
		}
	strbuf_addf(out, "sql.Null[%s]", b);
}

void sql_go_type(const struct sql_column *c, const struct sql_gen_options *opt, struct strbuf *out)
{
	unsigned imp = 0;
	go_type(c, opt, &imp, out);
}

/* Appends text made safe for a // comment on one line: valid UTF-8, no control
 * characters, no byte-order mark, no trailing blanks. */
static void comment_text(const char *s, struct strbuf *out)
{
	size_t start = out->len, n = strlen(s);
	const unsigned char *p = (const unsigned char *)s;
	while (n) {
		uint32_t cp;
		int l = utf8_decode(p, n, &cp);
		if (l == 0) {
			strbuf_addstr(out, "\xEF\xBF\xBD");
			p++, n--;
			continue;
		}
		if (cp < 0x20 || cp == 0x7f || cp == 0xFEFF || (cp >= 0x80 && cp < 0xA0) || cp == 0x2028 || cp == 0x2029)
			strbuf_addch(out, ' ');
		else
			strbuf_add(out, p, (size_t)l);
		p += l, n -= (size_t)l;
	}
	while (out->len > start && out->buf[out->len - 1] == ' ')
		out->len--;
	out->buf[out->len] = '\0';
}

/* gorm tag values: ';' separates settings, so it is escaped as "\;". */
static void gorm_value(const char *s, struct strbuf *out)
{
	for (; *s; s++) {
		if (*s == ';')
			strbuf_addch(out, '\\');
		strbuf_addch(out, *s);
	}
}

static bool quoted_default(const struct sql_column *c)
{
	switch (sql_type_class(c->type)) {
	case SQLC_INT:
	case SQLC_DECIMAL:
	case SQLC_FLOAT:
	case SQLC_YEAR:
	case SQLC_BIT:
		return false;
	default:
		return true;
	}
}

static void gorm_tag(const struct sql_table *t, size_t ci, struct strbuf *g)
{
	const struct sql_column *c = &t->cols[ci];
	struct strbuf tmp = STRBUF_INIT;
	strbuf_addstr(g, "column:");
	gorm_value(c->name, g);
	strbuf_addstr(g, ";type:");
	sql_column_type(c, SQL_FLAVOR_MYSQL, &tmp);
	gorm_value(tmp.buf, g);
	for (size_t i = 0; i < t->nidx; i++)
		if (t->idx[i].kind == SQL_INDEX_PRIMARY)
			for (size_t k = 0; k < t->idx[i].ncols; k++)
				if (t->idx[i].cols[k] == ci)
					strbuf_addstr(g, ";primaryKey");
	if (c->auto_increment)
		strbuf_addstr(g, ";autoIncrement");
	if (!sql_column_nullable(c))
		strbuf_addstr(g, ";not null");
	if (c->generated)
		strbuf_addstr(g, ";->");
	if (c->def_kind == SQL_DEFAULT_LITERAL || c->def_kind == SQL_DEFAULT_NOW || c->def_kind == SQL_DEFAULT_EXPR) {
		strbuf_reset(&tmp);
		if (c->def_kind == SQL_DEFAULT_NOW) {
			strbuf_addstr(&tmp, "CURRENT_TIMESTAMP");
			if (c->def_fsp)
				strbuf_addf(&tmp, "(%d)", c->def_fsp);
		} else if (c->def_kind == SQL_DEFAULT_EXPR) {
			strbuf_addf(&tmp, "(%s)", c->def);
		} else if (quoted_default(c)) {
			strbuf_addch(&tmp, '\'');
			for (const char *p = c->def; *p; p++) {
				if (*p == '\'')
					strbuf_addch(&tmp, '\'');
				strbuf_addch(&tmp, *p);
			}
			strbuf_addch(&tmp, '\'');
		} else {
			strbuf_addstr(&tmp, c->def);
		}
		strbuf_addstr(g, ";default:");
		gorm_value(tmp.buf, g);
	}
	/* index tags in name order, so DDL and live schemas (whose index order is the
	 * server's) print the same */
	size_t *order = xmalloc((t->nidx ? t->nidx : 1) * sizeof(size_t));
	for (size_t i = 0; i < t->nidx; i++) {
		size_t j = i;
		for (; j > 0 && strcmp(t->idx[order[j - 1]].name, t->idx[i].name) > 0; j--)
			order[j] = order[j - 1];
		order[j] = i;
	}
	for (size_t oi = 0; oi < t->nidx; oi++) {
		size_t i = order[oi];
		const struct sql_index *x = &t->idx[i];
		if (x->kind == SQL_INDEX_PRIMARY || (x->kind == SQL_INDEX_FOREIGN && !sql_fk_has_own_index(t, i)))
			continue;
		for (size_t k = 0; k < x->ncols; k++) {
			if (x->cols[k] != ci)
				continue;
			strbuf_addstr(g, x->kind == SQL_INDEX_UNIQUE ? ";uniqueIndex:" : ";index:");
			gorm_value(x->name, g);
			if (x->kind == SQL_INDEX_FULLTEXT)
				strbuf_addstr(g, ",class:FULLTEXT");
			else if (x->kind == SQL_INDEX_SPATIAL)
				strbuf_addstr(g, ",class:SPATIAL");
			if (x->ncols > 1)
				strbuf_addf(g, ",priority:%zu", k + 1);
			if (x->prefix[k])
				strbuf_addf(g, ",length:%u", x->prefix[k]); /* gorm: the key part is col(n) */
		}
	}
	free(order);
	if (c->comment && *c->comment) {
		strbuf_addstr(g, ";comment:");
		gorm_value(c->comment, g);
	}
	strbuf_release(&tmp);
}

/* Appends s as a Go interpreted string literal for a struct tag value: printable
 * text (Chinese included) stays readable; quotes, backslashes, control characters,
 * U+FEFF and invalid UTF-8 are escaped (a Go source file must be valid UTF-8). */
static void tag_quote(const char *s, size_t n, struct strbuf *out)
{
	const unsigned char *p = (const unsigned char *)s;
	strbuf_addch(out, '"');
	while (n) {
		size_t run = 0;
		while (run < n && p[run] >= 0x20 && p[run] < 0x7f && p[run] != '"' && p[run] != '\\')
			run++;
		if (run) {
			strbuf_add(out, p, run);
			p += run, n -= run;
			continue;
		}
		uint32_t cp;
		int l = utf8_decode(p, n, &cp);
		if (l == 0) {
			strbuf_addf(out, "\\x%02x", *p);
			p++, n--;
			continue;
		}
		if (cp == '"' || cp == '\\')
			strbuf_addf(out, "\\%c", (char)cp);
		else if (cp == '\n')
			strbuf_addstr(out, "\\n");
		else if (cp == '\t')
			strbuf_addstr(out, "\\t");
		else if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0) || cp == 0xfeff)
			strbuf_addf(out, "\\u%04x", (unsigned)cp);
		else
			strbuf_add(out, p, (size_t)l);
		p += l, n -= (size_t)l;
	}
	strbuf_addch(out, '"');
}

static void camel(const char *s, struct strbuf *out)
{
	bool up = false, first = true;
	for (; *s; s++) {
		if (*s == '_' || *s == '-' || *s == ' ') {
			up = !first;
			continue;
		}
		char ch = *s;
		if (first && ch >= 'A' && ch <= 'Z')
			ch = (char)(ch - 'A' + 'a');
		else if (up && ch >= 'a' && ch <= 'z')
			ch = (char)(ch - 'a' + 'A');
		strbuf_addch(out, ch);
		up = first = false;
	}
}

static void field_tag(const struct sql_table *t, size_t ci, const struct sql_gen_options *o,
		      const char *jsonname, struct strbuf *sb)
{
	const struct sql_column *c = &t->cols[ci];
	struct strbuf body = STRBUF_INIT, v = STRBUF_INIT;
	if (o->tags & SQL_TAG_GORM) {
		gorm_tag(t, ci, &v);
		strbuf_addstr(&body, "gorm:");
		tag_quote(v.buf, v.len, &body);
	}
	if (o->tags & SQL_TAG_JSON) {
		strbuf_reset(&v);
		strbuf_addstr(&v, jsonname);
		if (gen_tag_key_ok(GEN_TAG_JSON, v.buf, v.len)) {
			if (body.len)
				strbuf_addch(&body, ' ');
			strbuf_addstr(&body, "json:");
			tag_quote(v.buf, v.len, &body);
		}
	}
	if (o->tags & SQL_TAG_DB) {
		if (body.len)
			strbuf_addch(&body, ' ');
		strbuf_addstr(&body, "db:");
		tag_quote(c->name, strlen(c->name), &body);
	}
	if (body.len)
		gen_tag_literal(body.buf, body.len, sb);
	strbuf_release(&body);
	strbuf_release(&v);
}

static void print_table(const struct sql_table *t, const char *tname, const struct sql_gen_options *o,
			unsigned *imp, struct strbuf *sb)
{
	strbuf_addf(sb, "// %s ", tname);
	if (t->comment && *t->comment) {
		comment_text(t->comment, sb);
	} else {
		strbuf_addstr(sb, "maps the table ");
		comment_text(t->name, sb);
		strbuf_addch(sb, '.');
	}
	strbuf_addch(sb, '\n');
	strbuf_addf(sb, "type %s struct {\f", tname);
	struct gen_nameset names;
	gen_nameset_init(&names);
	gen_nameset_add(&names, "TableName");
	/* json names: the column name, or with --json-case=camel its camel case unless
	 * that equals another column's name or camel case (foo_bar and fooBar) */
	char **jn = xcalloc(t->ncols ? t->ncols : 1, sizeof(char *));
	for (size_t i = 0; i < t->ncols; i++) {
		struct strbuf cb = STRBUF_INIT;
		if (o->json_case == SQL_JSON_CAMEL)
			camel(t->cols[i].name, &cb);
		else
			strbuf_addstr(&cb, t->cols[i].name);
		jn[i] = strbuf_detach(&cb, NULL);
	}
	if (o->json_case == SQL_JSON_CAMEL) {
		bool *clash = xcalloc(t->ncols ? t->ncols : 1, sizeof(bool));
		for (size_t i = 0; i < t->ncols; i++)
			for (size_t j = 0; j < t->ncols && !clash[i]; j++)
				clash[i] = !*jn[i] || (j != i && (!strcmp(jn[i], jn[j]) || !strcmp(jn[i], t->cols[j].name)));
		for (size_t i = 0; i < t->ncols; i++)
			if (clash[i]) {
				free(jn[i]);
				jn[i] = xstrdup(t->cols[i].name);
			}
		free(clash);
	}
	struct strbuf nm = STRBUF_INIT;
	char sep = t->ncols > 1 ? '\v' : ' ';
	for (size_t i = 0; i < t->ncols; i++) {
		const struct sql_column *c = &t->cols[i];
		if (i > 0)
			strbuf_addch(sb, '\n');
		strbuf_reset(&nm);
		gen_go_name(c->name, strlen(c->name), &nm);
		strbuf_addch(sb, '\t');
		strbuf_addstr(sb, gen_nameset_claim(&names, nm.buf));
		strbuf_addch(sb, sep);
		go_type(c, o, imp, sb);
		size_t before = sb->len;
		bool tagged = o->tags != 0;
		if (tagged) {
			if (sep == '\v')
				strbuf_addch(sb, sep);
			strbuf_addch(sb, sep);
			field_tag(t, i, o, jn[i], sb);
			if (sb->len == before + (sep == '\v' ? 2 : 1)) {
				sb->len = before; /* no tag after all */
				sb->buf[sb->len] = '\0';
				tagged = false;
			}
		}
		if (c->comment && *c->comment) {
			struct strbuf ct = STRBUF_INIT;
			comment_text(c->comment, &ct);
			if (ct.len) {
				strbuf_addch(sb, tagged ? '\t' : sep);
				strbuf_addstr(sb, "// ");
				strbuf_add(sb, ct.buf, ct.len);
			}
			strbuf_release(&ct);
		}
	}
	strbuf_addstr(sb, "\f}\n\n");
	strbuf_addstr(sb, "// TableName returns the name of the table in the database.\n");
	strbuf_addf(sb, "func (%s) TableName() string {\n\treturn ", tname);
	gen_quote_go(t->name, strlen(t->name), sb);
	strbuf_addstr(sb, "\n}\n");
	strbuf_release(&nm);
	gen_nameset_release(&names);
	for (size_t i = 0; i < t->ncols; i++)
		free(jn[i]);
	free(jn);
}

int sql_emit_go(const struct sql_schema *s, const struct sql_gen_options *opt, struct strbuf *out,
		struct bagu_err *err)
{
	const char *pkg = opt->package ? opt->package : "model";
	if (!gen_is_go_identifier(pkg) || !strcmp(pkg, "_"))
		return bagu_error(err, "invalid package name \"%s\"", pkg);
	size_t n = 0;
	const struct sql_table **list = NULL;
	if (opt->tables) {
		for (const char *const *p = opt->tables; *p; p++)
			n++;
		list = xcalloc(n ? n : 1, sizeof(*list));
		for (size_t i = 0; i < n; i++) {
			list[i] = sql_schema_table(s, opt->tables[i]);
			if (!list[i]) {
				free(list);
				return bagu_error(err, "no table '%s' in the input", opt->tables[i]);
			}
		}
	} else {
		n = s->ntables;
		list = xcalloc(n ? n : 1, sizeof(*list));
		for (size_t i = 0; i < n; i++)
			list[i] = &s->tables[i];
	}
	if (n == 0) {
		free(list);
		return bagu_error(err, "no CREATE TABLE statement in the input");
	}
	struct gen_nameset types;
	gen_nameset_init(&types);
	struct strbuf decls = STRBUF_INIT, nm = STRBUF_INIT;
	unsigned imp = 0;
	for (size_t i = 0; i < n; i++) {
		strbuf_reset(&nm);
		gen_go_name(list[i]->name, strlen(list[i]->name), &nm);
		const char *tname = gen_nameset_claim(&types, nm.buf);
		strbuf_addch(&decls, '\n');
		print_table(list[i], tname, opt, &imp, &decls);
	}
	struct strbuf src = STRBUF_INIT;
	strbuf_addf(&src, "package %s\n", pkg);
	const char *std[3];
	size_t nstd = 0;
	if (imp & IMP_SQL)
		std[nstd++] = "database/sql";
	if (imp & IMP_JSON)
		std[nstd++] = "encoding/json";
	if (imp & IMP_TIME)
		std[nstd++] = "time";
	size_t nimp = nstd + ((imp & IMP_DECIMAL) != 0);
	if (nimp == 1) {
		strbuf_addf(&src, "\nimport \"%s\"\n", nstd ? std[0] : "github.com/shopspring/decimal");
	} else if (nimp > 1) {
		strbuf_addstr(&src, "\nimport (\n");
		for (size_t i = 0; i < nstd; i++)
			strbuf_addf(&src, "\t\"%s\"\n", std[i]);
		if (imp & IMP_DECIMAL)
			strbuf_addf(&src, "%s\t\"github.com/shopspring/decimal\"\n", nstd ? "\n" : "");
		strbuf_addstr(&src, ")\n");
	}
	strbuf_add(&src, decls.buf, decls.len);
	gen_tabwrite(src.buf, src.len, out);
	strbuf_release(&src);
	strbuf_release(&decls);
	strbuf_release(&nm);
	gen_nameset_release(&types);
	free(list);
	return 0;
}
