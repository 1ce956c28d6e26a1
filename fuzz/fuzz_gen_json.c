/* libFuzzer target: the JSON front end, the type model and the Go emitter.
 * The input is fed in two chunks (split point from the first byte) to exercise
 * streaming; on success the Go source is emitted (inline and named). */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "gen/front.h"
#include "gen/model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	size_t split = data[0] % (size + 1);
	data++;
	size--;
	if (split > size)
		split = size;
	struct gen_limits lim;
	gen_limits_init(&lim);
	lim.max_depth = 200;
	lim.max_nodes = 20000;
	struct gen_model *m = gen_model_new(GEN_FORMAT_JSON, &lim);
	struct gen_json *j = gen_json_new(m, "fuzz.json");
	struct bagu_err err;
	int rc = gen_json_feed(j, data, split, &err);
	if (!rc)
		rc = gen_json_feed(j, data + split, size - split, &err);
	if (!rc)
		rc = gen_json_finish(j, &err);
	gen_json_free(j);
	if (!rc) {
		struct gen_options opt;
		gen_options_init(&opt);
		struct strbuf sb = STRBUF_INIT;
		if (gen_emit_go(m, &opt, &sb, &err) == 0 && sb.len == 0)
			__builtin_trap();
		strbuf_reset(&sb);
		opt.inline_types = true;
		opt.optional = GEN_OPTIONAL_POINTER;
		opt.tags = GEN_TAG_JSON | GEN_TAG_YAML | GEN_TAG_TOML;
		(void)gen_emit_go(m, &opt, &sb, &err);
		strbuf_release(&sb);
	}
	gen_model_free(m);
	return 0;
}
