/* cmd_stats — `bagu stats`: the knowledge base at a glance (what `make run` prints). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/term.h"
#include "store/store.h"

const char cmd_stats_usage[] =
	"usage: bagu stats [--json] [--db FILE]\n"
	"\n"
	"Prints an overview of the knowledge base: questions per roadmap stage and area,\n"
	"seed coverage, checked examples, and the topics of each stage.\n"
	"\n"
	"  --json      the same numbers as a JSON object\n"
	"  --db FILE   content database (default: $BAGU_DB or build/content.db)\n";

/* The area of a topic id: its first dotted part. */
static void area_of(const char *id, char *out, size_t n)
{
	size_t l = strcspn(id, ".");
	snprintf(out, n, "%.*s", (int)l, id);
}

int cmd_stats(int argc, char **argv)
{
	const char *db = NULL;
	bool json = false;
	static const struct option opts[] = {
		{"json", no_argument, NULL, 'j'},
		{"db", required_argument, NULL, 'd'},
		{NULL, 0, NULL, 0},
	};
	int c;
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "+jd:", opts, NULL)) != -1) {
		switch (c) {
		case 'j': json = true; break;
		case 'd': db = optarg; break;
		default: return cli_usage_error("stats", "unknown or incomplete option '%s'", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage_error("stats", "unexpected argument '%s'", argv[optind]);
	char *path = cli_default_db(db);
	struct bagu_store *st;
	struct bagu_err err;
	if (store_open(&st, path, &err)) {
		free(path);
		return cli_fail("%s", err.msg);
	}
	struct store_stats s;
	struct store_topic *ts = NULL;
	size_t nt = 0;
	if (store_stats(st, &s, &err) || store_topics(st, &ts, &nt, &err)) {
		free(path);
		store_free(st);
		return cli_fail("%s", err.msg);
	}
	int seed_total = KB_SEED_MAX - (KB_SEED_TOOLS_LAST - KB_SEED_TOOLS_FIRST + 1);
	struct strbuf sb = STRBUF_INIT;
	if (json) {
		struct json_writer w;
		json_init(&w, &sb, false);
		json_obj_begin(&w);
		json_key(&w, "questions"), json_int(&w, s.questions);
		json_key(&w, "topics"), json_int(&w, s.topics);
		json_key(&w, "concepts"), json_int(&w, s.concepts);
		json_key(&w, "seed_answered"), json_int(&w, s.seeds_answered);
		json_key(&w, "seed_total"), json_int(&w, seed_total);
		json_key(&w, "examples"), json_int(&w, s.examples);
		json_key(&w, "examples_checked"), json_int(&w, s.examples_checked);
		json_key(&w, "diagrams"), json_int(&w, s.diagrams);
		json_key(&w, "built_at"), json_str(&w, s.built_at);
		json_key(&w, "stages");
		json_obj_begin(&w);
		for (int l = 0; l < 3; l++) {
			int n = 0;
			for (size_t i = 0; i < nt; i++)
				if (!strcmp(ts[i].stage, kb_levels[l]))
					n += ts[i].nquestions;
			json_key(&w, kb_levels[l]), json_int(&w, n);
		}
		json_obj_end(&w);
		json_obj_end(&w);
		strbuf_addch(&sb, '\n');
	} else {
		bool color = cli_color();
		const char *B = color ? TERM_BOLD : "", *R = color ? TERM_RESET : "", *D = color ? TERM_DIM : "";
		strbuf_addf(&sb, "%sbagu %s — Go 面试知识库%s  %s(%s)%s\n\n", B, BAGU_VERSION, R, D, path, R);
		strbuf_addf(&sb, "  题目 questions   %d\n", s.questions);
		strbuf_addf(&sb, "  种子覆盖 seed    %d/%d (%.0f%%)\n", s.seeds_answered, seed_total,
			    100.0 * s.seeds_answered / seed_total);
		strbuf_addf(&sb, "  示例 examples    %d (%d checked with Go)\n", s.examples, s.examples_checked);
		strbuf_addf(&sb, "  图 diagrams      %d\n", s.diagrams);
		strbuf_addf(&sb, "  主题 topics      %d    概念 concepts %d\n", s.topics, s.concepts);
		strbuf_addf(&sb, "  built            %s\n", s.built_at);
		for (int l = 0; l < 3; l++) {
			strbuf_addf(&sb, "\n%s%s%s\n", B, kb_levels[l], R);
			char last_area[32] = "";
			for (size_t i = 0; i < nt; i++) {
				if (strcmp(ts[i].stage, kb_levels[l]) || !ts[i].parent)
					continue;
				char area[32];
				area_of(ts[i].id, area, sizeof(area));
				if (strcmp(area, last_area)) {
					strbuf_addf(&sb, "%s  %s:%s", last_area[0] ? "\n" : "", area, R);
					snprintf(last_area, sizeof(last_area), "%s", area);
				}
				strbuf_addf(&sb, " %s%s", ts[i].zh, D);
				strbuf_addf(&sb, "(%d)%s", ts[i].nquestions, R);
			}
			strbuf_addch(&sb, '\n');
		}
		strbuf_addstr(&sb, "\nTry: bagu list --topic go.slice · bagu show 1 · bagu check --examples\n");
	}
	fwrite(sb.buf, 1, sb.len, stdout);
	strbuf_release(&sb);
	store_topics_free(ts, nt);
	store_free(st);
	free(path);
	return EXIT_OK;
}
