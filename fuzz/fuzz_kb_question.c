/* Fuzz target: one question file (front matter YAML + Markdown sections + examples). */
#include <stddef.h>
#include <stdint.h>

#include "kb/kb.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > KB_MAX_FILE_BYTES)
		return 0;
	struct kb kb;
	kb_init(&kb);
	kb_parse_question(&kb, "fuzz.md", (const char *)data, size);
	kb_release(&kb);
	return 0;
}
