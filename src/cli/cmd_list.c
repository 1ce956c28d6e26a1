/* cmd_list — `bagu list`: questions by topic and level. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/term.h"
#include "store/store.h"

const char cmd_list_usage[] =
	"usage: bagu list [--topic ID] [--level L] [--json] [--db FILE]\n"
	"\n"
	"Lists questions in roadmap order (topic, then level, then frequency).\n"
	"\n"
	"  --topic ID   only this topic and its sub-topics (e.g. go.slice, net.tcp)\n"
	"  --level L    only this level: 新手, 进阶 or 高级 (or beginner, intermediate, advanced)\n"
	"  --json       a JSON array of {id, title, seed, seed_also, topic, level, freq, go}\n"
	"  --db FILE    content database (default: $BAGU_DB or build/content.db)\n";

/* Prints s padded with spaces to a display width. */
static void pad(const char *s, int width)
{
	int w = 0;
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s);
	while (n) {
		uint32_t cp;
		int l = utf8_decode(p, n, &cp);
		if (!l)
			l = 1, cp = '?';
		w += utf8_cpwidth(cp);
		p += l, n -= (size_t)l;
	}
	fputs(s, stdout);
	for (; w < width; w++)
		putchar(' ');
}

int cmd_list(int argc, char **argv)
{
	const char *topic = NULL, *level = NULL, *db = NULL;
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
	while ((c = getopt_long(argc, argv, "+t:l:jd:", opts, NULL)) != -1) {
		switch (c) {
		case 't': topic = optarg; break;
		case 'l': level = optarg; break;
		case 'j': json = true; break;
		case 'd': db = optarg; break;
		default: return cli_usage_error("list", "unknown or incomplete option '%s'", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage_error("list", "unexpected argument '%s'", argv[optind]);
	if (level) {
		int li = kb_level_index(level);
		if (li < 0)
			return cli_usage_error("list", "--level must be 新手, 进阶 or 高级, not '%s'", level);
		level = kb_levels[li];
	}
	char *path = cli_default_db(db);
	struct bagu_store *st;
	struct bagu_err err;
	if (store_open(&st, path, &err)) {
		free(path);
		return cli_fail("%s", err.msg);
	}
	free(path);
	int rc = EXIT_OK;
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
			store_free(st);
			return cli_fail("no topic '%s' (see `bagu list` for the topics in use)", topic);
		}
	}
	struct store_question *qs;
	size_t n;
	if (store_list(st, topic, level, &qs, &n, &err)) {
		store_free(st);
		return cli_fail("%s", err.msg);
	}
	if (json) {
		struct strbuf sb = STRBUF_INIT;
		struct json_writer w;
		json_init(&w, &sb, false);
		json_arr_begin(&w);
		for (size_t i = 0; i < n; i++)
			store_question_json(&w, &qs[i], false);
		json_arr_end(&w);
		strbuf_addch(&sb, '\n');
		fwrite(sb.buf, 1, sb.len, stdout);
		strbuf_release(&sb);
	} else {
		bool color = cli_color();
		const char *last_topic = "";
		for (size_t i = 0; i < n; i++) {
			struct store_question *q = &qs[i];
			if (strcmp(last_topic, q->topic)) {
				printf("%s%s%s\n", color ? TERM_BOLD : "", q->topic, color ? TERM_RESET : "");
				last_topic = q->topic;
			}
			printf("  ");
			pad(q->level, 5);
			printf(" %s%s%s ", color ? TERM_YELLOW : "", "★★★★★" + 3 * (5 - q->freq), color ? TERM_RESET : "");
			for (int k = q->freq; k < 5; k++)
				putchar(' ');
			char seeds[64];
			snprintf(seeds, sizeof(seeds), "%s", q->seed_json);
			printf(" %s%-30s%s %s", color ? TERM_DIM : "", q->id, color ? TERM_RESET : "", q->title);
			if (strcmp(seeds, "[]"))
				printf(" %s%s%s", color ? TERM_DIM : "", seeds, color ? TERM_RESET : "");
			putchar('\n');
		}
		if (n == 0)
			printf("no questions match\n");
	}
	store_questions_free(qs, n);
	store_free(st);
	return rc;
}
