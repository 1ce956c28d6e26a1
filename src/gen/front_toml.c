/*
 * gen/front_toml.c — the TOML front end of `bagu gen`: parses a document with
 * gen/toml and replays its tree as sample events into a struct gen_model (see
 * toml.h for the entry point and model.h for the event grammar).
 *
 * A TOML document is one record whose root is an object. Tables, inline tables and
 * the elements of arrays of tables are objects, keys in the order they first appeared
 * in the document (TOML may define [a], [b], then [a.c]: the tree already holds a.c
 * under a). Arrays are arrays. Scalars map as BurntSushi/toml decodes them into Go:
 * integer → int64, float → float64 (inf and nan included), string, bool, and all four
 * date/time kinds → time.Time (kept apart as GEN_TIME_* so the model can tell them).
 */
#include "gen/model.h"
#include "gen/toml.h"

#include <string.h>

struct feed {
	struct gen_model *m;
	const char *name;
	const char *buf;
	size_t len;
	struct strbuf text; /* date/time text scratch */
	struct bagu_err *err;
};

/* Rewrites a model error (which has no position) as "name:line:col: message". */
static int model_error(struct feed *f, const struct toml_value *v)
{
	size_t off = v->offset < f->len ? v->offset : f->len;
	size_t ls = off;
	while (ls > 0 && f->buf[ls - 1] != '\n')
		ls--;
	unsigned col = 1;
	for (size_t i = ls; i < off; i++)
		if (((unsigned char)f->buf[i] & 0xC0) != 0x80)
			col++;
	char msg[sizeof f->err->msg];
	memcpy(msg, f->err->msg, sizeof msg);
	msg[sizeof msg - 1] = '\0';
	return bagu_error(f->err, "%s:%u:%u: %s", f->name, (unsigned)v->line, col, msg);
}

static enum gen_kind time_kind(enum toml_type type)
{
	switch (type) {
	case TOML_DATETIME_LOCAL: return GEN_TIME_LOCAL_DATETIME;
	case TOML_DATE_LOCAL: return GEN_TIME_LOCAL_DATE;
	case TOML_TIME_LOCAL: return GEN_TIME_LOCAL_TIME;
	default: return GEN_TIME_OFFSET;
	}
}

static int feed_value(struct feed *f, const struct toml_value *v)
{
	struct gen_value gv = {0};
	switch (v->type) {
	case TOML_TABLE:
		if (gen_begin_object(f->m, f->err))
			return model_error(f, v);
		for (size_t i = 0; i < v->u.table.len; i++) {
			const struct toml_keyval *kv = &v->u.table.items[i];
			if (gen_key(f->m, kv->key, kv->key_len, f->err))
				return model_error(f, kv->value);
			if (feed_value(f, kv->value))
				return -1;
		}
		if (gen_end_object(f->m, f->err))
			return model_error(f, v);
		return 0;
	case TOML_ARRAY:
		if (gen_begin_array(f->m, f->err))
			return model_error(f, v);
		for (size_t i = 0; i < v->u.array.len; i++)
			if (feed_value(f, v->u.array.items[i]))
				return -1;
		if (gen_end_array(f->m, f->err))
			return model_error(f, v);
		return 0;
	case TOML_STRING:
		gv.kind = GEN_STRING;
		gv.text = v->u.string.ptr;
		gv.len = v->u.string.len;
		break;
	case TOML_INTEGER:
		gv.kind = GEN_INT;
		gv.i = v->u.integer.value;
		gv.text = v->u.integer.text;
		gv.len = strlen(v->u.integer.text);
		break;
	case TOML_FLOAT:
		gv.kind = GEN_FLOAT;
		gv.f = v->u.fp.value;
		gv.text = v->u.fp.text;
		gv.len = strlen(v->u.fp.text);
		break;
	case TOML_BOOL:
		gv.kind = GEN_BOOL;
		gv.b = v->u.boolean;
		break;
	case TOML_DATETIME:
	case TOML_DATETIME_LOCAL:
	case TOML_DATE_LOCAL:
	case TOML_TIME_LOCAL:
		gv.kind = time_kind(v->type);
		strbuf_reset(&f->text);
		toml_datetime_format(v->type, &v->u.datetime, &f->text);
		gv.text = f->text.buf;
		gv.len = f->text.len;
		break;
	}
	if (gen_scalar(f->m, &gv, f->err))
		return model_error(f, v);
	return 0;
}

int gen_front_toml(struct gen_model *m, const char *name, const char *buf, size_t len,
		   const struct toml_limits *limits, struct bagu_err *err)
{
	struct toml_value *root = NULL;
	if (toml_parse(buf, len, name, limits, &root, err))
		return -1;
	struct bagu_err scratch;
	struct feed f = {m, name ? name : "<input>", buf, len, STRBUF_INIT, err ? err : &scratch};
	strbuf_init(&f.text, 48);
	int rc = feed_value(&f, root);
	strbuf_release(&f.text);
	toml_free(root);
	return rc;
}
