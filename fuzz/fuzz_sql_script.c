/* Fuzz target: a checked SQL example script (kb/sqlscript.h), parsed and walked. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "kb/sqlscript.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sql_script s;
	struct bagu_err err;
	int line;
	if (sql_script_parse(&s, (const char *)data, size, &line, &err))
		return 0;
	for (size_t i = 0; i < s.nsteps; i++)
		for (size_t k = 0; k < s.steps[i].expect.nrows; k++) {
			size_t n;
			char **cells = sql_split_row(s.steps[i].expect.rows[k], &n);
			for (size_t j = 0; j < n; j++)
				free(cells[j]);
			free(cells);
		}
	sql_script_release(&s);
	return 0;
}
