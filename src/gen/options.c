/* gen/options — the text form of the generators' options (CLI flags, web query
 * parameters) parsed in one place. See model.h and sql.h. */
#include <stdlib.h>
#include <string.h>

#include "gen/model.h"
#include "gen/sql.h"

/* Whether a list item [s, s+n) equals word. */
static bool item_is(const char *s, size_t n, const char *word)
{
	return strlen(word) == n && !memcmp(s, word, n);
}

/* Parses a comma-separated list of names into bits; names[i] maps to bits[i]. */
static int parse_bits(const char *key, const char *list, const char *const *names,
		      const unsigned *bits, size_t nnames, const char *accepted, unsigned *out,
		      struct bagu_err *err)
{
	unsigned v = 0;
	for (const char *p = list; *p;) {
		size_t n = strcspn(p, ",");
		size_t i;
		for (i = 0; i < nnames && !item_is(p, n, names[i]); i++)
			;
		if (n && i == nnames)
			return bagu_error(err, "--%s takes %s, not '%.*s'", key, accepted,
					  (int)(n < 50 ? n : 50), p);
		if (n)
			v |= bits[i];
		p += n + (p[n] == ',');
	}
	if (!v)
		return bagu_error(err, "--%s takes %s", key, accepted);
	*out = v;
	return 0;
}

/* Picks the index of value in words, or fails with "--key must be A, B or C". */
static int pick(const char *key, const char *value, const char *const *words, size_t n,
		const char *accepted, int *out, struct bagu_err *err)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(value, words[i])) {
			*out = (int)i;
			return 0;
		}
	return bagu_error(err, "--%s must be %s", key, accepted);
}

static bool flag_on(const char *v)
{
	return strcmp(v, "0") && strcmp(v, "false");
}

int gen_options_set(struct gen_options *o, const char *key, const char *value, struct bagu_err *err)
{
	if (!strcmp(key, "name")) {
		if (*value)
			o->root_name = value;
	} else if (!strcmp(key, "package")) {
		if (*value)
			o->package = value;
	} else if (!strcmp(key, "inline")) {
		o->inline_types = flag_on(value);
	} else if (!strcmp(key, "optional")) {
		static const char *const w[] = {"omitempty", "pointer"};
		static const enum gen_optional v[] = {GEN_OPTIONAL_OMITEMPTY, GEN_OPTIONAL_POINTER};
		int i = 0;
		if (*value) {
			if (pick(key, value, w, 2, "omitempty or pointer", &i, err))
				return -1;
			o->optional = v[i];
		}
	} else if (!strcmp(key, "time")) {
		static const char *const w[] = {"auto", "always", "never"};
		static const enum gen_time v[] = {GEN_TIME_AUTO, GEN_TIME_ALWAYS, GEN_TIME_NEVER};
		int i = 0;
		if (*value) {
			if (pick(key, value, w, 3, "auto, always or never", &i, err))
				return -1;
			o->time = v[i];
		}
	} else if (!strcmp(key, "tags")) {
		static const char *const w[] = {"json", "yaml", "toml"};
		static const unsigned b[] = {GEN_TAG_JSON, GEN_TAG_YAML, GEN_TAG_TOML};
		if (*value && parse_bits(key, value, w, b, 3, "a comma-separated list of json, yaml, toml",
					 &o->tags, err))
			return -1;
	} else {
		return bagu_error(err, "unknown option --%.50s", key);
	}
	return 0;
}

void sql_gen_options_release(struct sql_gen_options *o)
{
	for (size_t i = 0; o->owned_tables && o->owned_tables[i]; i++)
		free(o->owned_tables[i]);
	free(o->owned_tables);
	if (o->tables == (const char *const *)o->owned_tables)
		o->tables = NULL;
	o->owned_tables = NULL;
}

int sql_gen_options_set(struct sql_gen_options *o, const char *key, const char *value,
			struct bagu_err *err)
{
	int i = 0;
	if (!strcmp(key, "package")) {
		if (*value)
			o->package = value;
	} else if (!strcmp(key, "tables")) {
		if (!*value)
			return 0;
		size_t n = 1;
		for (const char *p = value; *p; p++)
			n += *p == ',';
		char **v = xcalloc(n + 1, sizeof(char *));
		size_t k = 0;
		for (const char *p = value; *p;) {
			size_t l = strcspn(p, ",");
			if (l)
				v[k++] = xstrndup(p, l);
			p += l + (p[l] == ',');
		}
		sql_gen_options_release(o);
		o->owned_tables = v;
		o->tables = (const char *const *)v;
	} else if (!strcmp(key, "tags")) {
		static const char *const w[] = {"gorm", "json", "db"};
		static const unsigned b[] = {SQL_TAG_GORM, SQL_TAG_JSON, SQL_TAG_DB};
		if (*value && parse_bits(key, value, w, b, 3, "gorm, json and db", &o->tags, err))
			return -1;
	} else if (!strcmp(key, "json-case")) {
		static const char *const w[] = {"snake", "camel"};
		static const enum sql_json_case v[] = {SQL_JSON_SNAKE, SQL_JSON_CAMEL};
		if (*value) {
			if (pick(key, value, w, 2, "snake or camel", &i, err))
				return -1;
			o->json_case = v[i];
		}
	} else if (!strcmp(key, "decimal")) {
		static const char *const w[] = {"string", "shopspring", "float64"};
		static const enum sql_decimal v[] = {SQL_DECIMAL_STRING, SQL_DECIMAL_SHOPSPRING,
						     SQL_DECIMAL_FLOAT64};
		if (*value) {
			if (pick(key, value, w, 3, "string, shopspring or float64", &i, err))
				return -1;
			o->decimal = v[i];
		}
	} else if (!strcmp(key, "null")) {
		static const char *const w[] = {"pointer", "sql"};
		static const enum sql_null v[] = {SQL_NULL_POINTER, SQL_NULL_SQL};
		if (*value) {
			if (pick(key, value, w, 2, "pointer or sql", &i, err))
				return -1;
			o->null = v[i];
		}
	} else if (!strcmp(key, "tinyint1-bool")) {
		o->tinyint1_bool = flag_on(value);
	} else {
		return bagu_error(err, "unknown option --%.50s", key);
	}
	return 0;
}
