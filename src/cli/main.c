/* main — `bagu` entry point: global flags and dispatch to cmd_<name>.c. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "search/search.h"

static const char main_usage[] =
	"usage: bagu [--version] [--help] <command> [<args>]\n";

static const struct cli_command commands[] = {
	{"list", "list questions, by topic and level", cmd_list_usage, cmd_list, false},
	{"show", "show one question's answer", cmd_show_usage, cmd_show, false},
	{"search", "search questions and answers (Chinese, English, Go identifiers)", cmd_search_usage, cmd_search, false},
	{"check", "validate a content tree (and run its examples)", cmd_check_usage, cmd_check, false},
	{"build", "build the content database from content/", cmd_build_usage, cmd_build, false},
	{"stats", "the knowledge base at a glance", cmd_stats_usage, cmd_stats, false},
	{"gen", "generate Go structs from JSON, YAML, TOML or MySQL DDL", cmd_gen_usage, cmd_gen, true},
	{"serve", "serve the site and JSON API in a browser", cmd_serve_usage, cmd_serve, false},
	{"review", "today's spaced-repetition review (FSRS-6); --stats for progress", cmd_review_usage, cmd_review, false},
	{"export", "export the bank: an Anki import file or Markdown study sheets", cmd_export_usage, cmd_export, true},
	{"srs", "spaced repetition: replay a review history through FSRS-6", cmd_srs_usage, cmd_srs, true},
};

static const struct cli_command *find(const char *name)
{
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	return NULL;
}

static void print_help(FILE *out)
{
	fputs(main_usage, out);
	fputs("\nbagu — Go interview preparation: a verified knowledge base and Go struct generators.\n\n"
	      "commands:\n", out);
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(out, "  %-8s %s\n", commands[i].name, commands[i].summary);
	fputs("\nRun `bagu help <command>` or `bagu <command> --help` for a command's options.\n"
	      "The content database is found with --db FILE, $BAGU_DB, or build/content.db.\n", out);
}

void cli_print_usage(const char *cmd, FILE *out)
{
	const struct cli_command *c = find(cmd);
	if (c)
		fputs(c->usage, out);
	else
		fputs(main_usage, out);
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "bagu %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	const struct cli_command *c = find(cmd);
	const char *u = c ? c->usage : main_usage;
	const char *nl = strchr(u, '\n');
	fprintf(stderr, "%.*s\n", (int)(nl ? nl - u : (long)strlen(u)), u);
	return EXIT_USAGE;
}

int main(int argc, char **argv)
{
	search_init(); /* FTS5 tokenizer on every content.db connection; index built by `build` */
	if (argc < 2) {
		print_help(stderr);
		return EXIT_USAGE;
	}
	const char *a = argv[1];
	if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
		print_help(stdout);
		return EXIT_OK;
	}
	if (!strcmp(a, "--version") || !strcmp(a, "version")) {
		printf("bagu %s\n", BAGU_VERSION);
		return EXIT_OK;
	}
	if (!strcmp(a, "help")) {
		if (argc < 3) {
			print_help(stdout);
			return EXIT_OK;
		}
		const struct cli_command *c = find(argv[2]);
		if (!c) {
			fprintf(stderr, "bagu: unknown command '%s'\n%s", argv[2], main_usage);
			return EXIT_USAGE;
		}
		fputs(c->usage, stdout);
		return EXIT_OK;
	}
	const struct cli_command *c = find(a);
	if (!c) {
		fprintf(stderr, "bagu: unknown command '%s' (see `bagu --help`)\n%s", a, main_usage);
		return EXIT_USAGE;
	}
	if (!c->own_help && cli_wants_help(argc - 1, argv + 1)) {
		fputs(c->usage, stdout);
		return EXIT_OK;
	}
	int rc = c->run(argc - 1, argv + 1);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "bagu: error writing to standard output\n");
		return EXIT_FAIL;
	}
	return rc;
}
