/* cmd_gen — placeholder until the generator lands (helper g1 replaces this file). */
#include "cli/cli.h"

const char cmd_gen_usage[] = "usage: bagu gen json|yaml|toml|sql [options] [FILE...]\n";

int cmd_gen(int argc, char **argv)
{
	(void)argc, (void)argv;
	return cli_fail("gen: not available in this build yet");
}
