/* cmd_build — `bagu build`: content/ → content.db (atomic). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "kb/kb.h"
#include "store/store.h"

const char cmd_build_usage[] =
	"usage: bagu build [--content DIR] [--out FILE] [--quiet]\n"
	"\n"
	"Validates the content tree and writes the content database atomically (a failed\n"
	"build leaves the old database untouched).\n"
	"\n"
	"  --content DIR   content tree (default: content)\n"
	"  --out FILE      database to write (default: build/content.db)\n"
	"  -q, --quiet     print nothing on success\n";

int cmd_build(int argc, char **argv)
{
	const char *content = "content", *out = "build/content.db";
	bool quiet = false;
	static const struct option opts[] = {
		{"content", required_argument, NULL, 'c'},
		{"out", required_argument, NULL, 'o'},
		{"quiet", no_argument, NULL, 'q'},
		{NULL, 0, NULL, 0},
	};
	int c;
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "+c:o:q", opts, NULL)) != -1) {
		switch (c) {
		case 'c': content = optarg; break;
		case 'o': out = optarg; break;
		case 'q': quiet = true; break;
		default: return cli_usage_error("build", "unknown or incomplete option '%s'", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage_error("build", "unexpected argument '%s'", argv[optind]);

	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	struct kb kb;
	struct bagu_err err;
	kb_init(&kb);
	if (kb_load(&kb, content, &err)) {
		kb_release(&kb);
		return cli_fail("%s", err.msg);
	}
	for (size_t i = 0; i < kb.ndiags; i++)
		fprintf(stderr, "%s\n", kb.diags[i].msg);
	if (kb.nerrors) {
		fprintf(stderr, "bagu: %zu error(s); %s not written\n", kb.nerrors, out);
		kb_release(&kb);
		return EXIT_FAIL;
	}
	int rc = store_build(&kb, out, &err);
	if (rc) {
		kb_release(&kb);
		return cli_fail("%s", err.msg);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
	if (!quiet)
		printf("built %s: %zu questions, %zu topics, %zu concepts, %zu diagrams in %.0f ms\n", out,
		       kb.nquestions, kb.ntopics, kb.nconcepts, kb.ndiagrams, ms);
	kb_release(&kb);
	return EXIT_OK;
}
