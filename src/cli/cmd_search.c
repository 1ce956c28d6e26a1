/* cmd_search — `bagu search`: ranked full-text search with highlighted snippets. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/term.h"
#include "search/search.h"
#include "store/store.h"

const char cmd_search_usage[] =
	"usage: bagu search [-n N] [--topic ID] [--level L] [--json] [--db FILE] QUERY...\n"
	"\n"
	"Searches titles, keypoints and answers. Understands Chinese words (切片, 扩容),\n"
	"English (escape analysis), Go identifiers (sync.Pool, GOMAXPROCS, TIME_WAIT) and\n"
	"the lexicon's synonyms and spellings (协程 = goroutine = 協程, 泄漏 = 泄露).\n"
	"The words of QUERY are joined with spaces; results matching every word come first.\n"
	"Options may follow the query; put a query that starts with '-' after --.\n"
	"\n"
	"  -n N         show at most N results (default 10)\n"
	"  --topic ID   only this topic and its sub-topics (e.g. go.slice)\n"
	"  --level L    only this level: 新手, 进阶 or 高级 (or beginner, intermediate, advanced)\n"
	"  --json       a JSON array of {id, title, seed, topic, level, score, snippet,\n"
	"               highlights}; highlights are [start, end) code-point offsets into snippet\n"
	"  --db FILE    content database (default: $BAGU_DB or build/content.db)\n"
	"\n"
	"No match prints \"no results\" (and a suggestion when the lexicon knows a near term)\n"
	"and exits 0; an empty query is a usage error (exit 2).\n";

static void print_json(const struct search_results *r)
{
	struct strbuf sb = STRBUF_INIT;
	search_results_json(&sb, r);
	fwrite(sb.buf, 1, sb.len, stdout);
	strbuf_release(&sb);
}

/* "[31,57]" → "#31 #57"; "[]" → "". */
static void seeds_text(const char *json, char *out, size_t n)
{
	size_t k = 0;
	out[0] = '\0';
	for (const char *p = json; *p && k + 8 < n; p++) {
		if (*p >= '0' && *p <= '9') {
			if (p == json || p[-1] < '0' || p[-1] > '9')
				k += (size_t)snprintf(out + k, n - k, "%s#", k ? " " : "");
			out[k++] = *p;
			out[k] = '\0';
		}
	}
}

static void print_text(const struct search_results *r)
{
	bool color = cli_color();
	for (size_t i = 0; i < r->nhits; i++) {
		const struct search_hit *h = &r->hits[i];
		char seeds[128];
		seeds_text(h->seed_json, seeds, sizeof(seeds));
		printf("%2zu. %s%s%s\n", i + 1, color ? TERM_BOLD : "", h->title, color ? TERM_RESET : "");
		printf("    %s%s · %s%s%s%s\n", color ? TERM_DIM : "", h->id, h->level, *seeds ? " · " : "", seeds,
		       color ? TERM_RESET : "");
		fputs("    ", stdout);
		size_t at = 0;
		for (size_t k = 0; k < h->nspans; k++) {
			fwrite(h->snippet + at, 1, h->spans[k].start - at, stdout);
			fputs(color ? TERM_BOLD TERM_YELLOW : "[", stdout);
			fwrite(h->snippet + h->spans[k].start, 1, h->spans[k].end - h->spans[k].start, stdout);
			fputs(color ? TERM_RESET : "]", stdout);
			at = h->spans[k].end;
		}
		fputs(h->snippet + at, stdout);
		putchar('\n');
	}
	if (r->total > r->nhits)
		printf("%s(%zu of %zu results; -n N shows more)%s\n", color ? TERM_DIM : "", r->nhits, r->total,
		       color ? TERM_RESET : "");
}

int cmd_search(int argc, char **argv)
{
	const char *topic = NULL, *level = NULL, *db = NULL;
	long limit = SEARCH_DEFAULT_LIMIT;
	bool json = false;
	static const struct option opts[] = {
		{"topic", required_argument, NULL, 't'},
		{"level", required_argument, NULL, 'l'},
		{"json", no_argument, NULL, 'j'},
		{"db", required_argument, NULL, 'd'},
		{NULL, 0, NULL, 0},
	};
	int c;
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "n:t:l:jd:", opts, NULL)) != -1) {
		switch (c) {
		case 'n': {
			char *end;
			limit = strtol(optarg, &end, 10);
			if (*end || end == optarg || limit < 1 || limit > SEARCH_MAX_LIMIT)
				return cli_usage_error("search", "-n must be a number from 1 to %d, not '%s'",
						       SEARCH_MAX_LIMIT, optarg);
			break;
		}
		case 't': topic = optarg; break;
		case 'l': level = optarg; break;
		case 'j': json = true; break;
		case 'd': db = optarg; break;
		default: return cli_usage_error("search", "unknown or incomplete option '%s'", argv[optind - 1]);
		}
	}
	struct strbuf query = STRBUF_INIT;
	for (int i = optind; i < argc; i++) {
		if (query.len)
			strbuf_addch(&query, ' ');
		strbuf_addstr(&query, argv[i]);
		if (query.len > SEARCH_MAX_QUERY_BYTES) {
			strbuf_release(&query);
			return cli_usage_error("search", "query is longer than %d bytes", SEARCH_MAX_QUERY_BYTES);
		}
	}
	bool blank = true;
	for (size_t i = 0; i < query.len; i++)
		if (!strchr(" \t\n\r\f\v", query.buf[i]))
			blank = false;
	if (blank) {
		strbuf_release(&query);
		return cli_usage_error("search", "empty query");
	}
	if (!utf8_valid(query.buf, query.len)) {
		strbuf_release(&query);
		return cli_usage_error("search", "query is not valid UTF-8");
	}
	if (level) {
		int li = kb_level_index(level);
		if (li < 0) {
			strbuf_release(&query);
			return cli_usage_error("search", "--level must be 新手, 进阶 or 高级, not '%s'", level);
		}
		level = kb_levels[li];
	}

	char *path = cli_default_db(db);
	struct bagu_store *st = NULL;
	struct search *s = NULL;
	struct bagu_err err;
	int rc = EXIT_OK;
	if (store_open(&st, path, &err) || search_open(&s, st, &err)) {
		rc = cli_fail("%s", err.msg);
		goto out;
	}
	if (topic) {
		struct store_topic *ts;
		size_t nt;
		bool found = false;
		if (store_topics(st, &ts, &nt, &err) == 0) {
			for (size_t i = 0; i < nt; i++)
				found |= !strcmp(ts[i].id, topic);
			store_topics_free(ts, nt);
		}
		if (!found) {
			rc = cli_fail("no topic '%s' (see `bagu list` for the topics in use)", topic);
			goto out;
		}
	}
	struct search_opts o = {topic, level, (size_t)limit, false};
	struct search_results r;
	if (search_run(s, query.buf, &o, &r, &err)) {
		rc = cli_fail("%s", err.msg);
		goto out;
	}
	if (json) {
		print_json(&r);
	} else if (r.nhits) {
		if (r.loose)
			printf("no exact match for \"%s\"; showing answers with words that start the same:\n", query.buf);
		print_text(&r);
	} else {
		printf("no results for \"%s\"", query.buf);
		if (topic || level)
			printf(" (with the filters given)");
		char *sug = r.ngroups ? search_suggest(s, query.buf, &o) : NULL;
		if (sug)
			printf("; did you mean \"%s\"?", sug);
		putchar('\n');
		free(sug);
	}
	search_results_release(&r);
out:
	search_free(s);
	store_free(st);
	free(path);
	strbuf_release(&query);
	return rc;
}
