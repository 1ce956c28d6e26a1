/* cmd_check — `bagu check`: validate a content tree; --examples runs its Go examples. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "kb/examples.h"
#include "kb/kb.h"

const char cmd_check_usage[] =
	"usage: bagu check [--examples] [--only ID] [--quiet] [CONTENT_DIR]\n"
	"\n"
	"Validates a content tree (default: content) and prints a summary: files, questions,\n"
	"seed coverage, topics, examples, diagrams, warnings. Every ```dot and ```msc diagram\n"
	"is rendered (mscgen must be installed). Every problem is printed as path:line: message.\n"
	"Exits 1 on any error.\n"
	"\n"
	"  --examples   also build and run every ```go block ending in an // Output: comment\n"
	"               with the Go toolchain and compare its output, and run every ```sql\n"
	"               block with expectations against a private MariaDB server\n"
	"  --only ID    with --examples: only this question's examples\n"
	"  -q, --quiet  print only problems and the summary line\n";

static int seed_coverage(const struct kb *kb, int *answered)
{
	bool seen[KB_SEED_MAX + 1] = {false};
	int n = 0;
	for (size_t i = 0; i < kb->nquestions; i++)
		for (size_t j = 0; j < kb->questions[i].nseed; j++)
			if (!seen[kb->questions[i].seed[j]]) {
				seen[kb->questions[i].seed[j]] = true;
				n++;
			}
	*answered = n;
	return KB_SEED_MAX - (KB_SEED_TOOLS_LAST - KB_SEED_TOOLS_FIRST + 1);
}

int cmd_check(int argc, char **argv)
{
	bool examples = false, quiet = false;
	const char *only = NULL;
	static const struct option opts[] = {
		{"examples", no_argument, NULL, 'e'},
		{"only", required_argument, NULL, 'o'},
		{"quiet", no_argument, NULL, 'q'},
		{NULL, 0, NULL, 0},
	};
	int c;
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "+eo:q", opts, NULL)) != -1) {
		switch (c) {
		case 'e': examples = true; break;
		case 'o': only = optarg; break;
		case 'q': quiet = true; break;
		default: return cli_usage_error("check", "unknown or incomplete option '%s'", argv[optind - 1]);
		}
	}
	if (argc - optind > 1)
		return cli_usage_error("check", "expected at most one CONTENT_DIR");
	const char *dir = optind < argc ? argv[optind] : "content";

	struct kb kb;
	struct bagu_err err;
	kb_init(&kb);
	if (kb_load(&kb, dir, &err)) {
		kb_release(&kb);
		return cli_fail("%s", err.msg);
	}
	for (size_t i = 0; i < kb.ndiags; i++)
		fprintf(stderr, "%s\n", kb.diags[i].msg);
	int answered, total = seed_coverage(&kb, &answered);
	size_t nex = 0, nchecked = 0;
	for (size_t i = 0; i < kb.nquestions; i++)
		for (size_t j = 0; j < kb.questions[i].nexamples; j++) {
			nex++;
			nchecked += kb.questions[i].examples[j].checked;
		}
	if (!quiet) {
		printf("content:    %s\n", dir);
		printf("files:      %zu\n", kb.nfiles);
		printf("questions:  %zu\n", kb.nquestions);
		printf("seed:       %d/%d questions answered\n", answered, total);
		printf("topics:     %zu\n", kb.ntopics);
		printf("concepts:   %zu\n", kb.nconcepts);
		printf("examples:   %zu go blocks, %zu checked\n", nex, nchecked);
		size_t ndia = 0;
		for (size_t i = 0; i < kb.nquestions; i++)
			ndia += kb.questions[i].ndiagrams;
		printf("diagrams:   %zu\n", ndia);
	}
	int rc = kb.nerrors ? EXIT_FAIL : EXIT_OK;
	if (examples && !kb.nerrors) {
		struct ex_report rep;
		struct ex_options eo = {.only_id = only};
		if (kb_check_examples(&kb, &eo, &rep, &err)) {
			kb_release(&kb);
			return cli_fail("%s", err.msg);
		}
		for (size_t i = 0; i < rep.n; i++) {
			struct ex_result *x = &rep.results[i];
			const char *kind = x->sql ? "sql example" : "example";
			if (x->status == EX_FAIL)
				fprintf(stderr, "%s:%d: %s %s\n", x->q->path, x->line, kind, x->detail);
			else if (x->status == EX_SKIP && !quiet)
				printf("%s:%d: %s skipped: %s\n", x->q->path, x->line, kind, x->detail);
		}
		printf("examples (%s): %zu passed, %zu failed, %zu skipped\n", rep.go_version, rep.passed,
		       rep.failed, rep.skipped);
		if (rep.server_version)
			printf("sql examples (MariaDB %s): %zu passed, %zu failed\n", rep.server_version,
			       rep.sql_passed, rep.sql_failed);
		if (rep.failed || rep.sql_failed)
			rc = EXIT_FAIL;
		ex_report_release(&rep);
	}
	printf("%s: %zu error(s), %zu warning(s)\n", kb.nerrors ? "FAIL" : "ok", kb.nerrors, kb.nwarnings);
	kb_release(&kb);
	return rc;
}
