/*
 * gen/emit_go — resolves the node tree to Go types and prints them as gofmt does.
 * The inference rules implemented here are documented in docs/gen.md.
 */
#include <stdlib.h>
#include <string.h>

#include "gen/model_int.h"
#include "gen/naming.h"
#include "gen/tabwriter.h"

enum gt_kind {
	T_ANY,
	T_BOOL,
	T_INT64,
	T_UINT64,
	T_FLOAT64,
	T_NUMBER,
	T_RAW, /* json.RawMessage */
	T_STRING,
	T_TIME,
	T_STRUCT,
	T_MAP,
	T_SLICE,
};

struct gtype;

struct gt_field {
	const char *goname; /* owned by the struct's nameset */
	const char *key;    /* the model's key */
	size_t keylen;
	struct gtype *type;
	bool omitempty;
	char *comment;      /* line comment (owned), or NULL */
};

struct gtype {
	enum gt_kind kind;
	bool ptr;
	struct gtype *elem; /* T_SLICE, T_MAP */
	struct gt_field *fields;
	size_t nfields;
	struct gen_nameset names; /* field names of a T_STRUCT */
	char *cand;               /* candidate type name of a T_STRUCT */
	struct gtype *canon;      /* the shared type with the same shape */
	char *sig;                /* shape signature */
	const char *name;         /* type name (canonical structs, not inline) */
	struct gtype *next_all;   /* every allocated gtype, for freeing */
};

struct emitter {
	const struct gen_model *m;
	const struct gen_options *opt;
	unsigned tags;
	struct gtype *all;
	struct gen_node **temps;
	size_t ntemps, atemps;
	/* shape interning */
	struct gtype **canon;
	size_t ncanon, acanon;
	/* named types in order of first appearance */
	struct gtype **order;
	size_t norder, aorder;
	struct gen_nameset typenames;
	bool use_json, use_time;
	unsigned toml_inline; /* > 0 under an array of arrays: BurntSushi/toml writes inline tables */
};

static struct gtype *gt_new(struct emitter *e, enum gt_kind kind)
{
	struct gtype *t = xcalloc(1, sizeof(*t));
	t->kind = kind;
	gen_nameset_init(&t->names);
	t->next_all = e->all;
	e->all = t;
	return t;
}

static bool null_needs_ptr(const struct emitter *e, enum gt_kind k)
{
	if (k == T_ANY || k == T_RAW)
		return false;
	/* encoding/json prints a nil slice or map as null; yaml.v3 prints [] and {}. */
	if (k == T_SLICE || k == T_MAP)
		return e->m->format != GEN_FORMAT_JSON;
	return true;
}

/* cand: the type name a struct found here would get; in_array: cand is already an
 * element name (nested arrays [][]T keep "Box", not "BoxItem"). */
static struct gtype *resolve(struct emitter *e, const struct gen_node *n, const char *cand,
			     bool in_array);

static char *elem_cand(const char *cand)
{
	struct strbuf sb = STRBUF_INIT;
	if (!gen_singular(cand, &sb))
		strbuf_addstr(&sb, "Item");
	return strbuf_detach(&sb, NULL);
}

static bool keys_fit_tags(const struct emitter *e, const struct gen_node *n)
{
	for (size_t i = 0; i < n->nfields; i++)
		for (unsigned tag = 1; tag <= GEN_TAG_TOML; tag <<= 1)
			if ((e->tags & tag) && !gen_tag_key_ok(tag, n->fields[i].key, n->fields[i].len))
				return false;
	return true;
}

/* Element type of a slice or map: nullable samples make pointers where needed. */
static struct gtype *resolve_elem(struct emitter *e, const struct gen_node *n, const char *cand,
				  bool in_array)
{
	struct gtype *t = resolve(e, n, cand, in_array);
	if (n && (n->kinds & GK_NULL) && null_needs_ptr(e, t->kind))
		t->ptr = true;
	return t;
}

static enum gt_kind resolve_scalar(const struct emitter *e, unsigned k, unsigned flags)
{
	enum gen_format fmt = e->m->format;
	bool json = fmt == GEN_FORMAT_JSON;
	if ((k & ~GK_NUMBERS) == 0) {
		if (k & GK_BIGNUM)
			return json ? T_NUMBER : T_FLOAT64;
		if (k & GK_FLOAT) {
			if ((k & (GK_INT | GK_UINT)) && (flags & GF_INEXACT))
				return json ? T_NUMBER : T_ANY;
			return T_FLOAT64;
		}
		if (k & GK_UINT) {
			if (flags & GF_NEG)
				return json ? T_NUMBER : T_ANY;
			return T_UINT64;
		}
		return T_INT64;
	}
	if (k == GK_BOOL)
		return T_BOOL;
	if (k == GK_STRING)
		return T_STRING;
	if ((k & ~GK_TIMES) == 0) {
		/* TOML decodes a date-time only into time.Time (or any) */
		if (fmt == GEN_FORMAT_TOML || e->opt->time == GEN_TIME_ALWAYS)
			return T_TIME;
		if (e->opt->time == GEN_TIME_NEVER || (flags & GF_TIME_LOSSY))
			return T_STRING;
		return T_TIME;
	}
	if (fmt != GEN_FORMAT_TOML && (k & ~(GK_STRING | GK_TIMES)) == 0)
		return T_STRING;
	return T_ANY;
}

static void resolve_struct(struct emitter *e, struct gtype *t, const struct gen_node *n)
{
	t->nfields = n->nfields;
	t->fields = xcalloc(n->nfields ? n->nfields : 1, sizeof(struct gt_field));
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < n->nfields; i++) {
		const struct gen_field *f = &n->fields[i];
		struct gt_field *tf = &t->fields[i];
		strbuf_reset(&sb);
		gen_go_name(f->key, f->len, &sb);
		tf->goname = gen_nameset_claim(&t->names, sb.buf);
		tf->key = f->key;
		tf->keylen = f->len;
		struct gtype *ft = resolve(e, f->node, tf->goname, false);
		tf->type = ft;
		if ((f->node->flags & GF_TIME_LOSSY) && f->node->time_note && e->opt->time == GEN_TIME_AUTO &&
		    (f->node->kinds & ~(GK_TIMES | GK_NULL)) == 0)
			tf->comment = xasprintf("%s: %s", ft->kind == T_TIME ? "time.Time" : "string", f->node->time_note);
		bool nullable = (f->node->kinds & GK_NULL) != 0;
		bool optional = f->present < n->objects;
		tf->omitempty = optional;
		if (ft->kind == T_ANY || ft->kind == T_RAW)
			continue;
		if (e->opt->optional == GEN_OPTIONAL_POINTER)
			ft->ptr = optional || (nullable && null_needs_ptr(e, ft->kind));
		else if (optional)
			ft->ptr = ft->kind == T_STRUCT || ft->kind == T_TIME ||
				  (f->node->flags & GF_ZERO) || (nullable && null_needs_ptr(e, ft->kind));
		else
			ft->ptr = nullable && null_needs_ptr(e, ft->kind);
	}
	strbuf_release(&sb);
}

static bool subtree_inexact(const struct gen_node *n)
{
	if (!n)
		return false;
	if (n->flags & GF_INEXACT)
		return true;
	for (size_t i = 0; i < n->nfields; i++)
		if (subtree_inexact(n->fields[i].node))
			return true;
	return subtree_inexact(n->elem);
}

/* `any` for values of conflicting kinds. encoding/json decodes numbers inside
 * interfaces as float64, which loses integers beyond 2^53: json.RawMessage then
 * keeps the exact text. */
static struct gtype *any_type(struct emitter *e, const struct gen_node *n)
{
	if (e->m->format == GEN_FORMAT_JSON && subtree_inexact(n))
		return gt_new(e, T_RAW);
	return gt_new(e, T_ANY);
}

static struct gtype *resolve(struct emitter *e, const struct gen_node *n, const char *cand,
			     bool in_array)
{
	unsigned k = n ? n->kinds & ~GK_NULL : 0;
	if (k == 0)
		return gt_new(e, T_ANY);
	if (k == GK_OBJECT) {
		bool as_map = !keys_fit_tags(e, n);
		struct gtype *st = NULL;
		if (!as_map) {
			st = gt_new(e, T_STRUCT);
			st->cand = xstrdup(cand);
			resolve_struct(e, st, n);
			/* BurntSushi/toml 1.2.0 writes "{a = 1, }" when it skips the last field of
			 * an inline table, which it then cannot read: no optional fields there */
			if (e->toml_inline && (e->tags & GEN_TAG_TOML))
				for (size_t i = 0; i < st->nfields; i++)
					if (st->fields[i].omitempty)
						as_map = true;
		}
		if (as_map) {
			/* a key no tag can carry: a map keeps every key */
			struct gen_node *merged = gen_node_new();
			XGROW(e->temps, e->atemps, e->ntemps + 1);
			e->temps[e->ntemps++] = merged;
			for (size_t i = 0; i < n->nfields; i++)
				gen_node_merge(merged, n->fields[i].node);
			struct gtype *t = gt_new(e, T_MAP);
			char *vc = xasprintf("%sValue", cand);
			t->elem = resolve_elem(e, merged->samples ? merged : NULL, vc, false);
			free(vc);
			return t;
		}
		return st;
	}
	if (k == GK_ARRAY) {
		struct gtype *t = gt_new(e, T_SLICE);
		char *ec = in_array ? xstrdup(cand) : elem_cand(cand);
		e->toml_inline += in_array;
		t->elem = resolve_elem(e, n->elem, ec, true);
		e->toml_inline -= in_array;
		free(ec);
		return t;
	}
	if (k & (GK_OBJECT | GK_ARRAY))
		return any_type(e, n);
	enum gt_kind sk = resolve_scalar(e, k, n->flags);
	return sk == T_ANY ? any_type(e, n) : gt_new(e, sk);
}

/* ---- shape signatures and sharing ---- */

static void sig_of(struct emitter *e, const struct gtype *t, struct strbuf *sb);

static void intern(struct emitter *e, struct gtype *t)
{
	for (size_t i = 0; i < t->nfields; i++)
		if (t->fields[i].type)
			sig_of(e, t->fields[i].type, NULL);
	struct strbuf sb = STRBUF_INIT;
	strbuf_addstr(&sb, "struct{");
	for (size_t i = 0; i < t->nfields; i++) {
		const struct gt_field *f = &t->fields[i];
		strbuf_addf(&sb, "%s %zu:", f->goname, f->keylen);
		strbuf_add(&sb, f->key, f->keylen);
		strbuf_addch(&sb, ' ');
		sig_of(e, f->type, &sb);
		strbuf_addstr(&sb, f->omitempty ? " o;" : ";");
	}
	strbuf_addch(&sb, '}');
	for (size_t i = 0; i < e->ncanon; i++) {
		if (strcmp(e->canon[i]->sig, sb.buf) == 0) {
			t->canon = e->canon[i];
			strbuf_release(&sb);
			return;
		}
	}
	t->sig = strbuf_detach(&sb, NULL);
	t->canon = t;
	XGROW(e->canon, e->acanon, e->ncanon + 1);
	e->canon[e->ncanon++] = t;
}

/* Appends t's signature to sb (if sb), interning structs first. */
static void sig_of(struct emitter *e, const struct gtype *t, struct strbuf *sb)
{
	if (t->kind == T_STRUCT && !t->canon)
		intern(e, (struct gtype *)t);
	if (!sb) {
		if (t->elem)
			sig_of(e, t->elem, NULL);
		return;
	}
	if (t->ptr)
		strbuf_addch(sb, '*');
	switch (t->kind) {
	case T_STRUCT: strbuf_addf(sb, "#%p", (void *)t->canon); break;
	case T_SLICE: strbuf_addstr(sb, "[]"); sig_of(e, t->elem, sb); break;
	case T_MAP: strbuf_addstr(sb, "map"); sig_of(e, t->elem, sb); break;
	default: strbuf_addf(sb, "%d", (int)t->kind); break;
	}
}

/* Names canonical structs in order of first appearance (depth first). */
static void name_types(struct emitter *e, struct gtype *t, const char *parent)
{
	if (t->kind == T_SLICE || t->kind == T_MAP) {
		name_types(e, t->elem, parent);
		return;
	}
	if (t->kind != T_STRUCT)
		return;
	struct gtype *c = t->canon;
	if (c->name)
		return;
	const char *cand = t->cand;
	if (!gen_nameset_has(&e->typenames, cand)) {
		c->name = gen_nameset_claim(&e->typenames, cand);
	} else {
		char *pc = xasprintf("%s%s", parent ? parent : "", cand);
		c->name = gen_nameset_claim(&e->typenames, pc);
		free(pc);
	}
	XGROW(e->order, e->aorder, e->norder + 1);
	e->order[e->norder++] = c;
	for (size_t i = 0; i < c->nfields; i++)
		name_types(e, c->fields[i].type, c->name);
}

/* ---- printing (a go/printer-like stream for gen_tabwrite) ---- */

static void indent(struct strbuf *sb, unsigned depth)
{
	for (unsigned i = 0; i < depth; i++)
		strbuf_addch(sb, '\t');
}

static void print_type(struct emitter *e, const struct gtype *t, unsigned depth, bool top,
		       struct strbuf *sb);

static void print_tag(struct emitter *e, const struct gt_field *f, struct strbuf *sb)
{
	static const char *const names[] = {"json", "yaml", "toml"};
	struct strbuf body = STRBUF_INIT, inner = STRBUF_INIT;
	for (unsigned i = 0; i < 3; i++) {
		if (!(e->tags & (1u << i)))
			continue;
		strbuf_reset(&inner);
		strbuf_add(&inner, f->key, f->keylen);
		const char *opts = f->omitempty ? ",omitempty" : "";
		if (f->omitempty && (1u << i) == GEN_TAG_TOML) {
			/* BurntSushi/toml skips nil pointers and interfaces by itself, looks
			 * through pointers for omitempty (so a present "" would be lost), and
			 * only drops zero numbers with omitzero */
			enum gt_kind k = f->type->kind;
			if (f->type->ptr || k == T_ANY || k == T_RAW)
				opts = "";
			else if (k == T_INT64 || k == T_UINT64 || k == T_FLOAT64)
				opts = ",omitzero";
		}
		strbuf_addstr(&inner, opts);
		if (!*opts && f->keylen == 1 && f->key[0] == '-')
			strbuf_addch(&inner, ',');
		if (body.len)
			strbuf_addch(&body, ' ');
		strbuf_addf(&body, "%s:", names[i]);
		gen_quote_go(inner.buf, inner.len, &body);
	}
	gen_tag_literal(body.buf, body.len, sb);
	strbuf_release(&body);
	strbuf_release(&inner);
}

static void print_struct(struct emitter *e, const struct gtype *t, unsigned depth, struct strbuf *sb)
{
	if (t->nfields == 0) {
		strbuf_addstr(sb, "struct{}");
		return;
	}
	strbuf_addstr(sb, "struct {\f");
	char sep = t->nfields > 1 ? '\v' : ' ';
	bool prev_multi = false;
	for (size_t i = 0; i < t->nfields; i++) {
		const struct gt_field *f = &t->fields[i];
		if (i > 0)
			strbuf_addch(sb, prev_multi ? '\f' : '\n');
		indent(sb, depth + 1);
		strbuf_addstr(sb, f->goname);
		strbuf_addch(sb, sep);
		size_t before = sb->len;
		print_type(e, f->type, depth + 1, false, sb);
		prev_multi = memchr(sb->buf + before, '\f', sb->len - before) != NULL;
		if (sep == '\v')
			strbuf_addch(sb, sep);
		strbuf_addch(sb, sep);
		print_tag(e, f, sb);
		if (f->comment) {
			strbuf_addstr(sb, "\t// ");
			strbuf_addstr(sb, f->comment);
		}
	}
	strbuf_addch(sb, '\f');
	indent(sb, depth);
	strbuf_addch(sb, '}');
}

static void print_type(struct emitter *e, const struct gtype *t, unsigned depth, bool top,
		       struct strbuf *sb)
{
	if (t->ptr)
		strbuf_addch(sb, '*');
	switch (t->kind) {
	case T_ANY: strbuf_addstr(sb, "any"); break;
	case T_BOOL: strbuf_addstr(sb, "bool"); break;
	case T_INT64: strbuf_addstr(sb, "int64"); break;
	case T_UINT64: strbuf_addstr(sb, "uint64"); break;
	case T_FLOAT64: strbuf_addstr(sb, "float64"); break;
	case T_NUMBER:
		strbuf_addstr(sb, "json.Number");
		e->use_json = true;
		break;
	case T_RAW:
		strbuf_addstr(sb, "json.RawMessage");
		e->use_json = true;
		break;
	case T_STRING: strbuf_addstr(sb, "string"); break;
	case T_TIME:
		strbuf_addstr(sb, "time.Time");
		e->use_time = true;
		break;
	case T_SLICE:
		strbuf_addstr(sb, "[]");
		print_type(e, t->elem, depth, false, sb);
		break;
	case T_MAP:
		strbuf_addstr(sb, "map[string]");
		print_type(e, t->elem, depth, false, sb);
		break;
	case T_STRUCT:
		if (!top && !e->opt->inline_types)
			strbuf_addstr(sb, t->canon->name);
		else
			print_struct(e, t, depth, sb);
		break;
	}
}

void gen_options_init(struct gen_options *opt)
{
	memset(opt, 0, sizeof(*opt));
	opt->package = "main";
	opt->root_name = "Root";
	opt->optional = GEN_OPTIONAL_OMITEMPTY;
}

static void emitter_release(struct emitter *e)
{
	for (struct gtype *t = e->all, *next; t; t = next) {
		next = t->next_all;
		for (size_t i = 0; i < t->nfields; i++)
			free(t->fields[i].comment);
		free(t->fields);
		gen_nameset_release(&t->names);
		free(t->cand);
		free(t->sig);
		free(t);
	}
	for (size_t i = 0; i < e->ntemps; i++)
		gen_node_free(e->temps[i]);
	free(e->temps);
	free(e->canon);
	free(e->order);
	gen_nameset_release(&e->typenames);
}

int gen_emit_go(const struct gen_model *m, const struct gen_options *opt, struct strbuf *out,
		struct bagu_err *err)
{
	if (!m->root || m->records == 0)
		return bagu_error(err, "no values in input");
	if (m->depth)
		return bagu_error(err, "internal error: a record is still open");
	const char *pkg = opt->package ? opt->package : "main";
	if (!gen_is_go_identifier(pkg) || strcmp(pkg, "_") == 0)
		return bagu_error(err, "invalid package name \"%s\"", pkg);
	if (opt->time == GEN_TIME_NEVER && m->format == GEN_FORMAT_TOML)
		return bagu_error(err, "--time=never does not apply to TOML: a TOML date-time decodes only into time.Time");

	struct emitter e;
	memset(&e, 0, sizeof(e));
	e.m = m;
	e.opt = opt;
	e.tags = opt->tags;
	if (!e.tags)
		e.tags = m->format == GEN_FORMAT_JSON   ? GEN_TAG_JSON
			 : m->format == GEN_FORMAT_YAML ? GEN_TAG_YAML
							: GEN_TAG_TOML;
	gen_nameset_init(&e.typenames);

	struct strbuf rootname = STRBUF_INIT;
	const char *rn = opt->root_name && *opt->root_name ? opt->root_name : "Root";
	gen_go_name(rn, strlen(rn), &rootname);

	struct gtype *root = resolve(&e, m->root, rootname.buf, false);
	if (root->kind == T_STRUCT) {
		sig_of(&e, root, NULL);
		root->canon->name = gen_nameset_claim(&e.typenames, rootname.buf);
		XGROW(e.order, e.aorder, e.norder + 1);
		e.order[e.norder++] = root->canon;
		if (!opt->inline_types)
			for (size_t i = 0; i < root->nfields; i++)
				name_types(&e, root->fields[i].type, root->canon->name);
	} else {
		gen_nameset_add(&e.typenames, rootname.buf);
		if (!opt->inline_types) {
			sig_of(&e, root, NULL);
			name_types(&e, root, NULL);
		}
	}

	struct strbuf decls = STRBUF_INIT;
	if (root->kind != T_STRUCT) {
		strbuf_addf(&decls, "type %s ", rootname.buf);
		print_type(&e, root, 0, false, &decls);
		strbuf_addch(&decls, '\n');
	}
	for (size_t i = 0; i < e.norder; i++) {
		if (decls.len)
			strbuf_addch(&decls, '\n');
		strbuf_addf(&decls, "type %s ", e.order[i]->name);
		print_struct(&e, e.order[i], 0, &decls);
		strbuf_addch(&decls, '\n');
	}

	struct strbuf src = STRBUF_INIT;
	strbuf_addf(&src, "package %s\n\n", pkg);
	if (e.use_json && e.use_time)
		strbuf_addstr(&src, "import (\n\t\"encoding/json\"\n\t\"time\"\n)\n\n");
	else if (e.use_json)
		strbuf_addstr(&src, "import \"encoding/json\"\n\n");
	else if (e.use_time)
		strbuf_addstr(&src, "import \"time\"\n\n");
	strbuf_add(&src, decls.buf, decls.len);
	gen_tabwrite(src.buf, src.len, out);

	strbuf_release(&src);
	strbuf_release(&decls);
	strbuf_release(&rootname);
	emitter_release(&e);
	return 0;
}
