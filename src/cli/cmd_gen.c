/*
 * cmd_gen — `bagu gen json|yaml|toml|sql`: Go structs from data (front end of the gen
 * engine, src/gen). Parses flags, streams the input files into one gen_model, prints
 * the Go source. `sql` is handed to cmd_gen_sql (src/cli/cmd_gen_sql.c).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "gen/front.h"
#include "gen/model.h"
#include "gen/naming.h"
#include "gen/toml.h"
#include "util/util.h"

/* `bagu gen sql` lives in cmd_gen_sql.c (another part); weak so that this file links
 * before it lands (it is linked as an object, not from an archive, so a weak
 * reference resolves once it exists). */
int cmd_gen_sql(int argc, char **argv) __attribute__((weak));

const char cmd_gen_usage[] =
	"usage: bagu gen json|yaml|toml [options] [FILE...]\n"
	"       bagu gen toml --tagged-json [FILE]\n"
	"       bagu gen sql ...        (see bagu gen sql --help)\n"
	"\n"
	"Prints Go type declarations inferred from the input (stdin when no FILE; \"-\" is\n"
	"stdin). Every value is a sample: a JSON document, each NDJSON line or concatenated\n"
	"document, each YAML document, a TOML document; several files merge into one type.\n"
	"\n"
	"options:\n"
	"  --name ROOT           name of the root type (default Root)\n"
	"  --package PKG         package clause (default main)\n"
	"  --tags LIST           struct tags to emit, comma-separated: json,yaml,toml\n"
	"                        (default: the input format's own tag)\n"
	"  --inline              nest anonymous structs instead of named, shared types\n"
	"  --optional=omitempty  optional fields get ,omitempty (default)\n"
	"  --optional=pointer    optional fields become pointers with ,omitempty\n"
	"  --time=auto           date-times are time.Time only when every sample's text\n"
	"                        survives time.Time's encoding (\"...44.000Z\" would come back\n"
	"                        \"...44Z\"); else string with a comment saying why (default)\n"
	"  --time=always         date-times are always time.Time (the instant survives)\n"
	"  --time=never          date-times stay strings (not for toml)\n"
	"  -o, --output FILE     write to FILE (atomically; nothing is written on error)\n"
	"  --tagged-json         toml only: print the decoded document as toml-test tagged JSON\n"
	"  -h, --help            this help\n"
	"\n"
	"The inference rules are in docs/gen.md.\n";

enum {
	JSON_CHUNK = 1 << 20,
	MAX_JSON_INPUT_GB = 64,
	MAX_YAML_INPUT = 1 << 30,
	MAX_TOML_INPUT = 256 << 20,
};

struct progress {
	bool on;
	double start, last;
	size_t bytes;
};

static double now(void)
{
	struct timeval tv;
	gettimeofday(&tv, NULL);
	return (double)tv.tv_sec + (double)tv.tv_usec / 1e6;
}

static void progress_tick(struct progress *p, const char *name, size_t add)
{
	p->bytes += add;
	if (!p->on)
		return;
	double t = now();
	if (t - p->last < 0.5)
		return;
	p->last = t;
	double mb = (double)p->bytes / 1e6;
	fprintf(stderr, "\r\033[Kbagu gen: %s: %.0f MB (%.0f MB/s)", name, mb,
		t > p->start ? mb / (t - p->start) : 0.0);
	fflush(stderr);
}

static void progress_done(struct progress *p)
{
	if (p->on && p->last > 0) {
		fputs("\r\033[K", stderr);
		fflush(stderr);
	}
}

static int open_input(const char *path, int *fd, struct bagu_err *err)
{
	if (!strcmp(path, "-")) {
		*fd = STDIN_FILENO;
		return 0;
	}
	*fd = open(path, O_RDONLY | O_CLOEXEC);
	if (*fd < 0)
		return bagu_error(err, "%s: %s", path, strerror(errno));
	if (path_is_dir(path)) {
		close(*fd);
		return bagu_error(err, "%s: is a directory", path);
	}
	return 0;
}

static int feed_json_file(struct gen_model *m, const char *path, struct progress *pg,
			  struct bagu_err *err)
{
	const char *name = strcmp(path, "-") ? path : "<stdin>";
	int fd;
	if (open_input(path, &fd, err))
		return -1;
	struct gen_json *j = gen_json_new(m, name);
	int rc = 0;
	size_t total = 0;
	/* A regular file is mapped and fed in place, chunk by chunk, saving the copy read()
	 * makes; pages already parsed are dropped at once so resident memory stays flat. */
	struct stat st;
	if (fd != STDIN_FILENO && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
	    (unsigned long long)st.st_size <= (unsigned long long)MAX_JSON_INPUT_GB << 30) {
		size_t size = (size_t)st.st_size;
		unsigned char *map = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
		if (map != MAP_FAILED) {
			madvise(map, size, MADV_SEQUENTIAL);
			for (size_t off = 0; off < size && !rc; off += JSON_CHUNK) {
				size_t n = size - off < JSON_CHUNK ? size - off : JSON_CHUNK;
#ifdef MADV_POPULATE_READ
				madvise(map + off, n, MADV_POPULATE_READ); /* fault the chunk in at once */
#endif
				rc = gen_json_feed(j, map + off, n, err);
				if (!rc) {
					madvise(map + off, n - n % 4096, MADV_DONTNEED);
					progress_tick(pg, name, n);
				}
			}
			if (!rc)
				rc = gen_json_finish(j, err);
			munmap(map, size);
			gen_json_free(j);
			close(fd);
			return rc;
		}
	}
	char *buf = xmalloc(JSON_CHUNK);
	for (;;) {
		ssize_t n = read(fd, buf, JSON_CHUNK);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			rc = bagu_error(err, "%s: %s", name, strerror(errno));
			break;
		}
		if (n == 0) {
			rc = gen_json_finish(j, err);
			break;
		}
		total += (size_t)n;
		if (total > (size_t)MAX_JSON_INPUT_GB << 30) {
			rc = bagu_error(err, "%s: input larger than %d GiB", name, MAX_JSON_INPUT_GB);
			break;
		}
		rc = gen_json_feed(j, buf, (size_t)n, err);
		if (rc)
			break;
		progress_tick(pg, name, (size_t)n);
	}
	free(buf);
	gen_json_free(j);
	if (fd != STDIN_FILENO)
		close(fd);
	return rc;
}

static int feed_yaml_file(struct gen_model *m, const char *path, struct bagu_err *err)
{
	const char *name = strcmp(path, "-") ? path : "<stdin>";
	FILE *f = stdin;
	if (strcmp(path, "-")) {
		if (path_is_dir(path))
			return bagu_error(err, "%s: is a directory", path);
		f = fopen(path, "rb");
		if (!f)
			return bagu_error(err, "%s: %s", path, strerror(errno));
	}
	int rc = gen_front_yaml_file(m, name, f, MAX_YAML_INPUT, NULL, err);
	if (f != stdin)
		fclose(f);
	return rc;
}

static int read_input(const char *path, size_t max, struct strbuf *sb, struct bagu_err *err)
{
	if (!strcmp(path, "-"))
		return read_file("-", max, sb, err);
	if (path_is_dir(path))
		return bagu_error(err, "%s: is a directory", path);
	return read_file(path, max, sb, err);
}

/* Matches --flag VALUE and --flag=VALUE; advances *i. 1 matched, 0 not, -1 missing value. */
static int flag_value(int argc, char **argv, int *i, const char *flag, const char **val)
{
	size_t n = strlen(flag);
	const char *a = argv[*i];
	if (strncmp(a, flag, n) != 0)
		return 0;
	if (a[n] == '=') {
		*val = a + n + 1;
		return 1;
	}
	if (a[n] != '\0')
		return 0;
	if (*i + 1 >= argc)
		return -1;
	*val = argv[++*i];
	return 1;
}

int cmd_gen(int argc, char **argv)
{
	if (argc < 2 || !strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
		if (argc < 2)
			return cli_usage_error("gen", "missing input format (json, yaml, toml or sql)");
		fputs(cmd_gen_usage, stdout);
		return EXIT_OK;
	}
	const char *fmt = argv[1];
	if (!strcmp(fmt, "sql")) {
		if (!cmd_gen_sql)
			return cli_fail("gen sql: not yet available in this build");
		return cmd_gen_sql(argc - 1, argv + 1);
	}
	enum gen_format format;
	if (!strcmp(fmt, "json"))
		format = GEN_FORMAT_JSON;
	else if (!strcmp(fmt, "yaml") || !strcmp(fmt, "yml"))
		format = GEN_FORMAT_YAML;
	else if (!strcmp(fmt, "toml"))
		format = GEN_FORMAT_TOML;
	else
		return cli_usage_error("gen", "unknown input format \"%s\" (json, yaml, toml or sql)", fmt);

	struct gen_options opt;
	gen_options_init(&opt);
	const char *out_path = NULL;
	bool tagged_json = false, only_files = false;
	const char **files = xcalloc((size_t)argc + 1, sizeof(char *));
	size_t nfiles = 0;
	int rc = EXIT_OK;
	for (int i = 2; i < argc; i++) {
		const char *a = argv[i], *v = NULL;
		int r;
		if (only_files || a[0] != '-' || !strcmp(a, "-")) {
			files[nfiles++] = a;
			continue;
		}
		if (!strcmp(a, "--")) {
			only_files = true;
		} else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			fputs(cmd_gen_usage, stdout);
			goto out;
		} else if (!strcmp(a, "--inline")) {
			opt.inline_types = true;
		} else if (!strcmp(a, "--tagged-json")) {
			tagged_json = true;
		} else if ((r = flag_value(argc, argv, &i, "--name", &v)) != 0) {
			if (r < 0 || !*v) {
				rc = cli_usage_error("gen", "--name needs a type name");
				goto out;
			}
			opt.root_name = v;
		} else if ((r = flag_value(argc, argv, &i, "--package", &v)) != 0) {
			if (r < 0 || !*v) {
				rc = cli_usage_error("gen", "--package needs a package name");
				goto out;
			}
			opt.package = v;
		} else if ((r = flag_value(argc, argv, &i, "--tags", &v)) != 0 ||
			   (r = flag_value(argc, argv, &i, "--optional", &v)) != 0 ||
			   (r = flag_value(argc, argv, &i, "--time", &v)) != 0) {
			/* parsed by the engine, as the web API's query parameters are */
			struct bagu_err e;
			const char *key = !strncmp(a, "--tags", 6) ? "tags" : !strncmp(a, "--time", 6) ? "time" : "optional";
			if (r < 0 || !*v)
				rc = cli_usage_error("gen", "--%s needs a value", key);
			else if (gen_options_set(&opt, key, v, &e))
				rc = cli_usage_error("gen", "%s", e.msg);
			if (rc)
				goto out;
		} else if ((r = flag_value(argc, argv, &i, "--output", &v)) != 0 ||
			   (r = flag_value(argc, argv, &i, "-o", &v)) != 0) {
			if (r < 0 || !*v) {
				rc = cli_usage_error("gen", "-o needs a file name");
				goto out;
			}
			out_path = v;
		} else {
			rc = cli_usage_error("gen", "unknown option \"%s\"", a);
			goto out;
		}
	}
	if (!gen_is_go_identifier(opt.package) || !strcmp(opt.package, "_")) {
		rc = cli_usage_error("gen", "--package \"%s\" is not a Go package name", opt.package);
		goto out;
	}
	if (tagged_json && format != GEN_FORMAT_TOML) {
		rc = cli_usage_error("gen", "--tagged-json is only for toml");
		goto out;
	}
	if (tagged_json && nfiles > 1) {
		rc = cli_usage_error("gen", "--tagged-json takes one FILE");
		goto out;
	}
	if (nfiles == 0)
		files[nfiles++] = "-";

	struct bagu_err err = {{0}};
	struct strbuf out = STRBUF_INIT, in = STRBUF_INIT;
	struct gen_model *m = gen_model_new(format, NULL);
	struct progress pg = {.on = isatty(STDERR_FILENO) != 0, .start = now()};
	int frc = 0;
	for (size_t f = 0; f < nfiles && !frc; f++) {
		const char *path = files[f];
		const char *name = strcmp(path, "-") ? path : "<stdin>";
		if (format == GEN_FORMAT_JSON) {
			frc = feed_json_file(m, path, &pg, &err);
			continue;
		}
		if (format == GEN_FORMAT_YAML) {
			frc = feed_yaml_file(m, path, &err);
			progress_tick(&pg, name, 0);
			continue;
		}
		strbuf_reset(&in);
		frc = read_input(path, MAX_TOML_INPUT, &in, &err);
		if (frc)
			break;
		if (tagged_json)
			frc = toml_tagged_json(name, in.buf, in.len, &out, &err);
		else
			frc = gen_front_toml(m, name, in.buf, in.len, NULL, &err);
		progress_tick(&pg, name, in.len);
	}
	progress_done(&pg);
	if (!frc && !tagged_json)
		frc = gen_emit_go(m, &opt, &out, &err);
	if (frc) {
		rc = cli_fail("%s", err.msg);
	} else if (out_path) {
		if (write_file_atomic(out_path, out.buf, out.len, &err))
			rc = cli_fail("%s", err.msg);
	} else if (fwrite(out.buf, 1, out.len, stdout) != out.len || fflush(stdout) != 0) {
		rc = cli_fail("writing output: %s", strerror(errno));
	}
	gen_model_free(m);
	strbuf_release(&out);
	strbuf_release(&in);
out:
	free(files);
	return rc;
}
