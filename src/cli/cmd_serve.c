/* cmd_serve — `bagu serve`: the web site and JSON API (src/web) on one address. */
#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "gen/front.h"
#include "gen/model.h"
#include "gen/sql.h"
#include "gen/toml.h"
#include "search/search.h"
#include "store/store.h"
#include "util/json.h"
#include "web/escape.h"
#include "web/web.h"

const char cmd_serve_usage[] =
	"usage: bagu serve [--addr HOST:PORT] [--db FILE] [--quiet] [--max-body BYTES]\n"
	"                  [--threads N] [--timeout SECONDS] [--max-conns N]\n"
	"\n"
	"Serves the knowledge base as a web site with a JSON API under /api/v1 (see docs/web.md).\n"
	"Prints its URL, then one access-log line per request on stderr (method, path, status,\n"
	"bytes, µs). SIGINT (Ctrl-C) or SIGTERM stops it, after finishing requests in flight.\n"
	"\n"
	"  --addr HOST:PORT   where to listen (default 127.0.0.1:8080; port 0 picks a free one;\n"
	"                     [::1]:8080 for IPv6; 0.0.0.0:8080 for every interface)\n"
	"  --db FILE          content database (default: $BAGU_DB or build/content.db)\n"
	"  --quiet            no access log\n"
	"  --max-body BYTES   largest request body, e.g. 8M (default), 512K, 100000\n"
	"  --threads N        worker threads (default: one per CPU)\n"
	"  --timeout SECONDS  drop a connection idle this long, mid-request too (default 10)\n"
	"  --max-conns N      simultaneous connections (default 1024)\n";

static void access_log(void *ctx, const char *line)
{
	(void)ctx;
	fprintf(stderr, "%s\n", line);
}

/* "8M", "512K", "100000" → bytes; 0 on error. */
static size_t parse_size(const char *s)
{
	char *end;
	unsigned long long v = strtoull(s, &end, 10);
	if (end == s)
		return 0;
	if (*end == 'K' || *end == 'k')
		v <<= 10, end++;
	else if (*end == 'M' || *end == 'm')
		v <<= 20, end++;
	else if (*end == 'G' || *end == 'g')
		v <<= 30, end++;
	if (*end == 'B' || *end == 'b')
		end++;
	if (*end || v == 0 || v > (1ull << 32))
		return 0;
	return (size_t)v;
}

/* HOST:PORT, [V6]:PORT, :PORT or PORT. host is written into buf. */
static int parse_addr(const char *a, char *buf, size_t cap, unsigned *port)
{
	const char *p;
	if (a[0] == '[') {
		const char *close = strchr(a, ']');
		if (!close || close[1] != ':' || (size_t)(close - a - 1) >= cap)
			return -1;
		snprintf(buf, cap, "%.*s", (int)(close - a - 1), a + 1);
		p = close + 2;
	} else if ((p = strrchr(a, ':')) != NULL) {
		if ((size_t)(p - a) >= cap)
			return -1;
		snprintf(buf, cap, "%.*s", (int)(p - a), a);
		if (!*buf)
			snprintf(buf, cap, "127.0.0.1");
		p++;
	} else {
		snprintf(buf, cap, "127.0.0.1");
		p = a;
	}
	char *end;
	unsigned long v = strtoul(p, &end, 10);
	if (!*p || *end || v > 65535)
		return -1;
	*port = (unsigned)v;
	return 0;
}

static unsigned parse_uint(const char *s, unsigned max)
{
	char *end;
	unsigned long v = strtoul(s, &end, 10);
	return *s && !*end && v >= 1 && v <= max ? (unsigned)v : 0;
}

/* ---- engines for the site: search (per-thread handles) ---- */

struct serve_engines {
	const char *db_path;
	pthread_key_t key; /* struct thread_search * of the calling pool thread */
};

struct thread_search {
	struct bagu_store *st;
	struct search *s;
};

static void thread_search_free(void *p)
{
	struct thread_search *ts = p;
	if (!ts)
		return;
	search_free(ts->s);
	store_free(ts->st);
	free(ts);
}

static int thread_search_open(struct thread_search **out, const char *db_path, struct bagu_err *err)
{
	struct thread_search *ts = xcalloc(1, sizeof(*ts));
	if (store_open(&ts->st, db_path, err) || search_open(&ts->s, ts->st, err)) {
		if (ts->st)
			store_free(ts->st);
		free(ts);
		return -1;
	}
	*out = ts;
	return 0;
}


static int serve_search(void *ctx, const char *q, const char *topic, const char *level, size_t n,
			struct web_search_hit **hits, size_t *nhits, struct strbuf *json, struct bagu_err *err)
{
	struct serve_engines *e = ctx;
	struct thread_search *ts = pthread_getspecific(e->key);
	if (!ts) {
		if (thread_search_open(&ts, e->db_path, err))
			return -1;
		pthread_setspecific(e->key, ts);
	}
	struct search_opts o = {.topic = topic, .level = level, .limit = n};
	struct search_results r;
	if (search_run(ts->s, q, &o, &r, err))
		return -1;
	search_results_json(json, &r);
	*hits = xcalloc(r.nhits ? r.nhits : 1, sizeof(**hits));
	*nhits = r.nhits;
	for (size_t i = 0; i < r.nhits; i++) {
		const struct search_hit *h = &r.hits[i];
		struct strbuf sn = STRBUF_INIT;
		size_t at = 0;
		for (size_t k = 0; k < h->nspans; k++) {
			if (h->spans[k].start < at || h->spans[k].end < h->spans[k].start)
				continue;
			esc_html(&sn, h->snippet + at, h->spans[k].start - at);
			strbuf_addstr(&sn, "<mark>");
			esc_html(&sn, h->snippet + h->spans[k].start, h->spans[k].end - h->spans[k].start);
			strbuf_addstr(&sn, "</mark>");
			at = h->spans[k].end;
		}
		esc_html_str(&sn, h->snippet + at);
		(*hits)[i].id = xstrdup(h->id);
		(*hits)[i].snippet_html = strbuf_detach(&sn, NULL);
		(*hits)[i].score = h->score;
	}
	search_results_release(&r);
	return 0;
}

/* ---- engines for the site: the converters ----
 * The web form and POST /api/v1/gen/FORMAT take the CLI's options by name (see
 * `bagu gen --help` and `bagu gen sql --help`); reading files, -o, --dsn (a server
 * connection) and --dump-model are the CLI's alone. */

static const struct web_gen_option gen_data_opts[] = {
	{"name", "name of the root type (default Root)", true, NULL},
	{"package", "package clause (default main; model for SQL)", true, NULL},
	{"tags", "struct tags, comma-separated: json,yaml,toml (SQL: gorm,json,db)", true, NULL},
	{"inline", "nest anonymous structs instead of named, shared types", false, NULL},
	{"optional", "optional fields: omitempty (default) or pointer", true, NULL},
	{"time", "date-times as time.Time: auto (default: only when their text survives re-encoding), always or never", true, NULL},
	{NULL, NULL, false, NULL},
};
static const struct web_gen_option gen_sql_opts[] = {
	{"package", "package clause (default main; model for SQL)", true, NULL},
	{"tags", "struct tags, comma-separated: json,yaml,toml (SQL: gorm,json,db)", true, NULL},
	{"tables", "only these tables, in this order: A,B", true, NULL},
	{"json-case", "json tag names: snake (default) or camel", true, NULL},
	{"decimal", "decimal columns as string (default), shopspring or float64", true, NULL},
	{"null", "nullable columns as pointer (default) or sql (sql.NullX)", true, NULL},
	{"tinyint1-bool", "tinyint(1) as bool", false, NULL},
	{NULL, NULL, false, NULL},
};

static const struct web_gen_option *serve_gen_options(void *ctx, const char *format)
{
	(void)ctx;
	return !strcmp(format, "sql") ? gen_sql_opts : gen_data_opts;
}

/* "input:LINE:COL: message" → line, col and the message alone in err. */
static void split_position(struct bagu_err *err, const char *name, int *line, int *col)
{
	size_t n = strlen(name);
	int l = 0, c = 0, used = 0;
	if (!strncmp(err->msg, name, n) && err->msg[n] == ':' &&
	    sscanf(err->msg + n + 1, "%d:%d: %n", &l, &c, &used) == 2 && used > 0) {
		*line = l, *col = c;
		memmove(err->msg, err->msg + n + 1 + used, strlen(err->msg + n + 1 + used) + 1);
	}
}

static int gen_sql(const char *const *names, const char *const *values, size_t nopts, const char *doc,
		   size_t len, struct strbuf *out, int *line, int *col, struct bagu_err *err)
{
	struct sql_gen_options g;
	sql_gen_options_init(&g);
	int rc = 0;
	for (size_t i = 0; i < nopts && !rc; i++)
		if (sql_gen_options_set(&g, names[i], values[i], err))
			rc = 1;
	if (!rc) {
		struct sql_schema s;
		sql_schema_init(&s);
		if (sql_parse(&s, "input", doc, len, NULL, NULL, err) || sql_emit_go(&s, &g, out, err)) {
			split_position(err, "input", line, col);
			rc = -1;
		}
		sql_schema_release(&s);
	}
	sql_gen_options_release(&g);
	return rc;
}

static int serve_gen(void *ctx, const char *format, const char *const *names, const char *const *values,
		     size_t nopts, const char *doc, size_t len, struct strbuf *out, int *line, int *col,
		     struct bagu_err *err)
{
	(void)ctx;
	*line = *col = 0;
	if (!strcmp(format, "sql"))
		return gen_sql(names, values, nopts, doc, len, out, line, col, err);
	enum gen_format f = !strcmp(format, "yaml") ? GEN_FORMAT_YAML
			    : !strcmp(format, "toml") ? GEN_FORMAT_TOML
						      : GEN_FORMAT_JSON;
	struct gen_options o;
	gen_options_init(&o);
	for (size_t i = 0; i < nopts; i++)
		if (gen_options_set(&o, names[i], values[i], err))
			return 1;
	struct gen_model *m = gen_model_new(f, NULL);
	int rc;
	if (f == GEN_FORMAT_JSON)
		rc = gen_front_json(m, "input", doc, len, err);
	else if (f == GEN_FORMAT_YAML)
		rc = gen_front_yaml(m, "input", doc, len, NULL, err);
	else
		rc = gen_front_toml(m, "input", doc, len, NULL, err);
	if (rc)
		split_position(err, "input", line, col);
	else if (gen_emit_go(m, &o, out, err))
		rc = -1;
	gen_model_free(m);
	return rc ? -1 : 0;
}

int cmd_serve(int argc, char **argv)
{
	const char *db = NULL, *addr = "127.0.0.1:8080";
	struct web_server_config cfg = {.log = access_log};
	static const struct option opts[] = {
		{"addr", required_argument, NULL, 'a'},
		{"db", required_argument, NULL, 'd'},
		{"quiet", no_argument, NULL, 'q'},
		{"max-body", required_argument, NULL, 'b'},
		{"threads", required_argument, NULL, 't'},
		{"timeout", required_argument, NULL, 'T'},
		{"max-conns", required_argument, NULL, 'c'},
		{NULL, 0, NULL, 0},
	};
	int c;
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "+a:d:qb:t:T:c:", opts, NULL)) != -1) {
		switch (c) {
		case 'a': addr = optarg; break;
		case 'd': db = optarg; break;
		case 'q': cfg.log = NULL; break;
		case 'b':
			if (!(cfg.max_body = parse_size(optarg)))
				return cli_usage_error("serve", "--max-body wants a size like 8M or 100000, not '%s'", optarg);
			break;
		case 't':
			if (!(cfg.threads = parse_uint(optarg, 256)))
				return cli_usage_error("serve", "--threads wants 1..256, not '%s'", optarg);
			break;
		case 'T':
			if (!(cfg.conn_timeout = parse_uint(optarg, 3600)))
				return cli_usage_error("serve", "--timeout wants 1..3600 seconds, not '%s'", optarg);
			break;
		case 'c':
			if (!(cfg.conn_limit = parse_uint(optarg, 1000000)))
				return cli_usage_error("serve", "--max-conns wants a positive number, not '%s'", optarg);
			break;
		default: return cli_usage_error("serve", "unknown or incomplete option '%s'", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage_error("serve", "unexpected argument '%s'", argv[optind]);
	char host[128];
	unsigned port;
	if (parse_addr(addr, host, sizeof(host), &port))
		return cli_usage_error("serve", "--addr wants HOST:PORT (e.g. 127.0.0.1:8080), not '%s'", addr);
	cfg.host = host;
	cfg.port = (uint16_t)port;

	/* Block the stop signals before any thread starts, so the server's threads inherit the
	 * mask and only this thread receives them, in sigwait. */
	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	signal(SIGPIPE, SIG_IGN);

	char *path = cli_default_db(db);
	struct bagu_err err;
	struct serve_engines se = {.db_path = path};
	pthread_key_create(&se.key, thread_search_free);
	struct web_engines eng = {.ctx = &se, .gen = serve_gen, .gen_options = serve_gen_options};
	struct thread_search *probe;
	if (thread_search_open(&probe, path, &err) == 0) {
		eng.search = serve_search;
		thread_search_free(probe);
	} else if (strstr(err.msg, "search index")) {
		fprintf(stderr, "bagu: search is off: %s\n", err.msg);
	} /* other failures are reported by web_site_open below */
	struct web_site *site;
	int rc = EXIT_OK;
	if (web_site_open(&site, path, &eng, &err)) {
		rc = cli_fail("%s", err.msg);
		goto out;
	}
	struct web_server *srv;
	if (web_server_start(&srv, site, &cfg, &err)) {
		web_site_free(site);
		rc = cli_fail("%s", err.msg);
		goto out;
	}
	bool v6 = strchr(host, ':') != NULL;
	printf("bagu: serving %zu questions at http://%s%s%s:%u/\n", web_site_nquestions(site), v6 ? "[" : "", host,
	       v6 ? "]" : "", web_server_port(srv));
	fflush(stdout);
	int sig = 0;
	sigwait(&stop, &sig);
	if (cfg.log)
		fprintf(stderr, "bagu: %s: stopping\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
	web_server_stop(srv, 5000);
	web_site_free(site);
out:
	pthread_key_delete(se.key);
	free(path);
	return rc;
}
