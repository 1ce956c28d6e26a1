/*
 * cli — the command-line front end: one file per subcommand (cmd_<name>.c), after
 * git's builtin/. Front ends hold no domain logic: they parse flags, call an engine,
 * print. Only this layer prints to the terminal or decides exit codes.
 *
 * Exit codes: 0 success, 1 runtime failure (one clear message on stderr),
 * 2 usage error (a usage line on stderr).
 */
#ifndef BAGU_CLI_H
#define BAGU_CLI_H

#include <stdbool.h>
#include <stdio.h>

enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

/* A subcommand: argv[0] is the command name; returns the exit code. */
struct cli_command {
	const char *name;
	const char *summary; /* one line for `bagu --help` */
	const char *usage;   /* the full help text printed by `bagu help NAME` / `NAME --help` */
	int (*run)(int argc, char **argv);
	bool own_help; /* has sub-commands (gen json|sql ...) and handles --help itself */
};

int cmd_list(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_build(int argc, char **argv);
int cmd_gen(int argc, char **argv);
int cmd_stats(int argc, char **argv);
/* `bagu gen sql` (cmd_gen_sql.c); cmd_gen dispatches to it with argv[0] == "sql". */
int cmd_gen_sql(int argc, char **argv);
extern const char cmd_gen_sql_usage[];
int cmd_search(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_srs(int argc, char **argv);
extern const char cmd_srs_usage[];
int cmd_review(int argc, char **argv);
int cmd_export(int argc, char **argv);
extern const char cmd_review_usage[], cmd_export_usage[];
extern const char cmd_list_usage[], cmd_show_usage[], cmd_check_usage[], cmd_build_usage[],
	cmd_gen_usage[], cmd_stats_usage[], cmd_serve_usage[], cmd_search_usage[];

/* Prints "bagu: <message>" to stderr and returns EXIT_FAIL. */
int cli_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints "bagu CMD: <message>" and "usage: ..." (first line of the command's usage) to
 * stderr and returns EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* True when argv contains -h or --help before any "--". */
bool cli_wants_help(int argc, char **argv);
/* Prints the usage of the named command to out. */
void cli_print_usage(const char *cmd, FILE *out);

/* Where the content database is: --db, then $BAGU_DB, then build/content.db relative to
 * the current directory, then next to the executable (../content.db etc.). Returns a
 * malloc'd path; never NULL (falls back to "build/content.db"). */
char *cli_default_db(const char *flag_value);

/* Whether to colour stdout: a TTY and NO_COLOR unset or empty. */
bool cli_color(void);
/* Terminal width of stdout (COLUMNS, TIOCGWINSZ), 80 when unknown; clamped to 40..120. */
int cli_term_width(void);

#endif
