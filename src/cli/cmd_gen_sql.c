/* cmd_gen_sql — `bagu gen sql`: MySQL DDL or a live schema → Go models (gen/sql.h). */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "gen/sql.h"

const char cmd_gen_sql_usage[] =
	"usage: bagu gen sql [--tables A,B] [--package PKG] [options] [FILE...]\n"
	"       bagu gen sql --dsn 'mysql://user:pass@host:port/db' [options]\n"
	"\n"
	"Turns MySQL DDL (what you paste, SHOW CREATE TABLE, whole mysqldump files) or a live\n"
	"MySQL/MariaDB schema into Go structs with gorm and json tags. Reads stdin when no\n"
	"FILE is given. Several FILEs form one schema and are applied in name order (byte\n"
	"order of the arguments, as migration tools number their files: 0001_init.sql,\n"
	"0002_add_email.sql, ...), so CREATE, ALTER, RENAME and DROP TABLE build it up step\n"
	"by step. Type mapping and rules: docs/gen-sql.md.\n"
	"\n"
	"  --tables A,B         only these tables, in this order\n"
	"  --package PKG        Go package name (default model)\n"
	"  --tags LIST          struct tags among gorm,json,db (default gorm,json)\n"
	"  --json-case CASE     json tag names: snake (the column name, default) or camel\n"
	"  --decimal MODE       decimal columns as string (default), shopspring or float64\n"
	"  --null MODE          nullable columns as pointer (default) or sql (sql.NullX)\n"
	"  --tinyint1-bool      tinyint(1) as bool\n"
	"  --dsn URL            read the schema from a server (mysql://user:pass@host:port/db,\n"
	"                       ?socket=/path for a Unix socket)\n"
	"  --dump-model         print the parsed model as JSON instead of Go\n"
	"  --flavor F           --dump-model spells information_schema as mysql (default) or mariadb\n"
	"  --keep-going         report every bad statement and still print the good tables\n"
	"  -o FILE              write the Go file atomically instead of to stdout\n";

/* Usage errors name this subcommand and print its own usage line. */
static int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int usage_error(const char *fmt, ...)
{
	va_list ap;
	fputs("bagu gen sql: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	const char *nl = strchr(cmd_gen_sql_usage, '\n');
	fprintf(stderr, "%.*s\n", (int)(nl - cmd_gen_sql_usage), cmd_gen_sql_usage);
	return EXIT_USAGE;
}

static int cmp_path(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int cmd_gen_sql(int argc, char **argv)
{
	static const struct option opts[] = {
		{"tables", required_argument, NULL, 't'},
		{"package", required_argument, NULL, 'p'},
		{"tags", required_argument, NULL, 'g'},
		{"json-case", required_argument, NULL, 'j'},
		{"decimal", required_argument, NULL, 'd'},
		{"null", required_argument, NULL, 'n'},
		{"tinyint1-bool", no_argument, NULL, 'b'},
		{"dsn", required_argument, NULL, 'D'},
		{"dump-model", no_argument, NULL, 'm'},
		{"flavor", required_argument, NULL, 'f'},
		{"keep-going", no_argument, NULL, 'k'},
		{NULL, 0, NULL, 0},
	};
	struct sql_gen_options g;
	sql_gen_options_init(&g);
	const char *dsn = NULL, *outpath = NULL;
	bool dump = false, keep = false;
	enum sql_flavor flavor = SQL_FLAVOR_MYSQL;
	int c, rc = EXIT_OK;
	if (cli_wants_help(argc, argv)) {
		fputs(cmd_gen_sql_usage, stdout);
		return EXIT_OK;
	}
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "+o:", opts, NULL)) != -1) {
		switch (c) {
		case 't': case 'p': case 'g': case 'j': case 'd': case 'n': case 'b': {
			/* the option's long name, as sql_gen_options_set knows it */
			const char *name = NULL;
			for (const struct option *o = opts; o->name; o++)
				if (o->val == c)
					name = o->name;
			struct bagu_err e;
			if (sql_gen_options_set(&g, name, c == 'b' ? "" : optarg, &e)) {
				rc = usage_error("%s", e.msg);
				goto out;
			}
			break;
		}
		case 'D': dsn = optarg; break;
		case 'm': dump = true; break;
		case 'f':
			if (!strcmp(optarg, "mysql"))
				flavor = SQL_FLAVOR_MYSQL;
			else if (!strcmp(optarg, "mariadb"))
				flavor = SQL_FLAVOR_MARIADB;
			else {
				rc = usage_error("--flavor must be mysql or mariadb");
				goto out;
			}
			break;
		case 'k': keep = true; break;
		case 'o': outpath = optarg; break;
		default:
			rc = usage_error("unknown or incomplete option '%s'", argv[optind - 1]);
			goto out;
		}
	}
	if (dsn && optind < argc) {
		rc = usage_error("--dsn reads a server; do not also give files");
		goto out;
	}

	struct sql_schema s;
	sql_schema_init(&s);
	struct bagu_err err = {{0}};
	bool failed = false;
	if (dsn) {
		if (sql_read_dsn(&s, dsn, g.tables, &err)) {
			sql_schema_release(&s);
			rc = cli_fail("%s", err.msg);
			goto out;
		}
	} else {
		struct sql_parse_options po = {.keep_going = keep};
		int nfiles = argc - optind;
		/* migrations apply in name order, whatever order the shell gave */
		qsort(argv + optind, (size_t)nfiles, sizeof(char *), cmp_path);
		for (int i = 0; i < (nfiles ? nfiles : 1); i++) {
			const char *path = nfiles ? argv[optind + i] : "-";
			struct strbuf text = STRBUF_INIT, errors = STRBUF_INIT;
			if (read_file(path, SQL_MAX_INPUT, &text, &err)) {
				strbuf_release(&text);
				sql_schema_release(&s);
				rc = cli_fail("%s", err.msg);
				goto out;
			}
			const char *label = strcmp(path, "-") ? path : "<stdin>";
			if (sql_parse(&s, label, text.buf, text.len, &po, &errors, &err)) {
				failed = true;
				fputs(errors.buf, stderr);
			}
			strbuf_release(&text);
			strbuf_release(&errors);
			if (failed && !keep)
				break;
		}
	}
	for (size_t i = 0; i < s.nwarnings; i++)
		fprintf(stderr, "%s\n", s.warnings[i]);
	if (s.warnings_total > s.nwarnings)
		fprintf(stderr, "bagu: %zu more warnings\n", s.warnings_total - s.nwarnings);
	if (failed && !keep) {
		sql_schema_release(&s);
		rc = EXIT_FAIL;
		goto out;
	}
	struct strbuf out = STRBUF_INIT;
	if (dump) {
		sql_dump_model(&s, flavor, &out);
	} else {
		if (sql_emit_go(&s, &g, &out, &err)) {
			strbuf_release(&out);
			sql_schema_release(&s);
			rc = cli_fail("%s", err.msg);
			goto out;
		}
	}
	if (outpath) {
		if (write_file_atomic(outpath, out.buf, out.len, &err))
			failed = true, fprintf(stderr, "bagu: %s\n", err.msg);
	} else {
		fwrite(out.buf, 1, out.len, stdout);
	}
	strbuf_release(&out);
	sql_schema_release(&s);
	rc = failed ? EXIT_FAIL : EXIT_OK;
out:
	sql_gen_options_release(&g);
	return rc;
}
