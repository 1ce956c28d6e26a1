/* libFuzzer target: the YAML front end (libyaml events, aliases, merge keys,
 * core-schema resolution), the type model and the Go emitter. */
#include <stddef.h>
#include <stdint.h>

#include "gen/front.h"
#include "gen/model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct gen_limits lim;
	gen_limits_init(&lim);
	lim.max_depth = 200;
	lim.max_nodes = 20000;
	struct gen_yaml_limits ylim = {.max_events = 200000};
	struct gen_model *m = gen_model_new(GEN_FORMAT_YAML, &lim);
	struct bagu_err err;
	if (gen_front_yaml(m, "fuzz.yaml", (const char *)data, size, &ylim, &err) == 0) {
		struct gen_options opt;
		gen_options_init(&opt);
		struct strbuf sb = STRBUF_INIT;
		(void)gen_emit_go(m, &opt, &sb, &err);
		strbuf_reset(&sb);
		opt.inline_types = true;
		(void)gen_emit_go(m, &opt, &sb, &err);
		strbuf_release(&sb);
	}
	gen_model_free(m);
	return 0;
}
