/*
 * fuzz_gen_sql — libFuzzer target for gen/sql: parses the input as a DDL dump with
 * --keep-going, then renders the model (both information_schema flavors, checked to
 * be valid JSON with yajl) and emits Go under two option sets. Invariants checked:
 * a failed parse always carries a "fuzz:line:col: " message; the Go output always
 * starts with its package clause.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_tree.h>

#include "gen/sql.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > (1u << 20))
		return 0;
	struct sql_schema s;
	sql_schema_init(&s);
	struct sql_parse_options po = {.keep_going = true};
	struct strbuf errors = STRBUF_INIT;
	struct bagu_err err = {{0}};
	if (sql_parse(&s, "fuzz", (const char *)data, size, &po, &errors, &err)) {
		if (strncmp(err.msg, "fuzz:", 5) || !errors.len)
			abort();
	}
	strbuf_release(&errors);
	for (int f = 0; f < 2; f++) {
		struct strbuf sb = STRBUF_INIT;
		strbuf_init(&sb, 256);
		sql_dump_model(&s, f ? SQL_FLAVOR_MARIADB : SQL_FLAVOR_MYSQL, &sb);
		char ebuf[128];
		yajl_val v = yajl_tree_parse(sb.buf, ebuf, sizeof ebuf);
		/* names may hold invalid UTF-8, which yajl rejects; anything else is a bug */
		if (v)
			yajl_tree_free(v);
		else if (!strstr(ebuf, "UTF8") && !strstr(ebuf, "utf8") && !strstr(ebuf, "invalid"))
			abort();
		strbuf_release(&sb);
	}
	for (int k = 0; k < 2; k++) {
		struct sql_gen_options g;
		sql_gen_options_init(&g);
		if (k) {
			g.null = SQL_NULL_SQL;
			g.decimal = SQL_DECIMAL_SHOPSPRING;
			g.json_case = SQL_JSON_CAMEL;
			g.tags = SQL_TAG_GORM | SQL_TAG_JSON | SQL_TAG_DB;
			g.tinyint1_bool = true;
		}
		struct strbuf out = STRBUF_INIT;
		if (sql_emit_go(&s, &g, &out, &err) == 0 && strncmp(out.buf, "package ", 8))
			abort();
		strbuf_release(&out);
	}
	sql_schema_release(&s);
	return 0;
}
