/*
 * fuzz_gen_toml — libFuzzer target for gen/toml and the TOML front end: parses the
 * input; when it parses, prints its tagged JSON (checking that it is valid JSON with
 * yajl), feeds it to the gen model as one record and emits Go.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_tree.h>

#include "gen/model.h"
#include "gen/toml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct toml_value *root = NULL;
	struct bagu_err err;
	struct toml_limits lim = {.max_input = 1 << 20, .max_depth = 64};
	if (toml_parse((const char *)data, size, "fuzz", &lim, &root, &err) == 0) {
		struct strbuf sb = STRBUF_INIT;
		strbuf_init(&sb, 256);
		toml_to_tagged_json(root, &sb);
		char ebuf[128];
		yajl_val v = yajl_tree_parse(sb.buf, ebuf, sizeof ebuf);
		if (!v)
			abort(); /* our tagged JSON must always be valid JSON */
		yajl_tree_free(v);
		strbuf_release(&sb);
		toml_free(root);

		struct gen_model *m = gen_model_new(GEN_FORMAT_TOML, NULL);
		if (gen_front_toml(m, "fuzz", (const char *)data, size, &lim, &err) == 0) {
			if (gen_model_records(m) != 1 || gen_model_depth(m) != 0)
				abort(); /* a document is exactly one complete record */
			struct gen_options opt;
			gen_options_init(&opt);
			struct strbuf go = STRBUF_INIT;
			strbuf_init(&go, 256);
			if (gen_emit_go(m, &opt, &go, &err) == 0 && go.len == 0)
				abort();
			strbuf_release(&go);
		}
		gen_model_free(m);
	} else if (strncmp(err.msg, "fuzz:", 5) != 0) {
		abort(); /* every parse error carries the name and a position */
	}
	return 0;
}
