/* cmd_export — `bagu export anki|markdown`: the question bank as an Anki import file or
 * as Markdown study sheets, one per topic, in roadmap order. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "practice/practice.h"

const char cmd_export_usage[] =
	"usage: bagu export anki [-o FILE] [--db FILE]\n"
	"       bagu export markdown [-o DIR] [--db FILE]\n"
	"\n"
	"anki: a tab-separated file for Anki's File > Import (Basic note type): front = the\n"
	"question's title, back = 简答 (HTML) and the key points, tags = topic id and level.\n"
	"It starts with Anki's header lines #separator:tab, #html:true and #tags column:3;\n"
	"fields hold no tabs, newlines or double quotes (code keeps its lines as <br>).\n"
	"Written to FILE atomically, or to standard output without -o (or with -o -).\n"
	"\n"
	"markdown: one study sheet per topic, DIR/<topic-id>.md (questions in roadmap order\n"
	"with 简答 and key points), and DIR/index.md listing the topics in roadmap order.\n"
	"Every file is written atomically; DIR (default bagu-sheets) is created if missing.\n"
	"\n"
	"  -o, --output PATH  output file (anki) or directory (markdown)\n"
	"  --db FILE          content database (default: $BAGU_DB or build/content.db)\n";

/* HTML text for one Anki field: no tab, newline or double quote survives. Inside <pre>
 * a newline becomes <br>, elsewhere a space; a double quote delimiting an attribute
 * becomes a single quote (cmark escapes quotes inside values), in text &quot;. */
static void anki_field(struct strbuf *sb, const char *html)
{
	int pre = 0;
	bool tag = false;
	for (const char *p = html; *p; p++) {
		if (*p == '<')
			tag = true;
		else if (*p == '>')
			tag = false;
		if (*p == '<') {
			if (!strncmp(p, "<pre", 4))
				pre++;
			else if (!strncmp(p, "</pre>", 6) && pre)
				pre--;
		}
		switch (*p) {
		case '\t': strbuf_addstr(sb, pre ? "    " : " "); break;
		case '\r': break;
		case '\n': strbuf_addstr(sb, pre ? "<br>" : " "); break;
		case '"': strbuf_addstr(sb, tag ? "'" : "&quot;"); break;
		default: strbuf_addch(sb, *p);
		}
	}
}

static void html_text(struct strbuf *sb, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': strbuf_addstr(sb, "&amp;"); break;
		case '<': strbuf_addstr(sb, "&lt;"); break;
		case '>': strbuf_addstr(sb, "&gt;"); break;
		case '"': strbuf_addstr(sb, "&quot;"); break;
		case '\t': case '\n': case '\r': strbuf_addch(sb, ' '); break;
		default: strbuf_addch(sb, *s);
		}
	}
}

/* A tag: no spaces (Anki separates tags by spaces). */
static void anki_tag(struct strbuf *sb, const char *s)
{
	for (; *s; s++)
		strbuf_addch(sb, (*s == ' ' || *s == '\t' || *s == '\n' || *s == '"') ? '_' : *s);
}

struct bank {
	struct bagu_store *st;
	char **ids;
	size_t n;
};

static int bank_open(struct bank *b, const char *db, struct bagu_err *err)
{
	memset(b, 0, sizeof(*b));
	char *path = cli_default_db(db);
	int rc = store_open(&b->st, path, err);
	free(path);
	if (!rc && practice_roadmap(b->st, &b->ids, &b->n, err)) {
		store_free(b->st);
		rc = -1;
	}
	return rc;
}

static void bank_release(struct bank *b)
{
	practice_ids_free(b->ids, b->n);
	store_free(b->st);
}

static int export_anki(struct bank *b, struct strbuf *out, struct bagu_err *err)
{
	strbuf_addstr(out, "#separator:tab\n#html:true\n#tags column:3\n");
	for (size_t i = 0; i < b->n; i++) {
		struct store_question q;
		if (store_get(b->st, b->ids[i], &q, err))
			return -1;
		struct strbuf back = STRBUF_INIT;
		if (q.html[KB_SHORT])
			strbuf_addstr(&back, q.html[KB_SHORT]);
		char **kp;
		size_t nkp;
		if (practice_keypoints(b->st, q.keypoints_json, &kp, &nkp, err)) {
			strbuf_release(&back);
			store_question_release(&q);
			return -1;
		}
		if (nkp) {
			strbuf_addstr(&back, "<p><b>要点</b></p><ul>");
			for (size_t k = 0; k < nkp; k++) {
				strbuf_addstr(&back, "<li>");
				html_text(&back, kp[k]);
				strbuf_addstr(&back, "</li>");
			}
			strbuf_addstr(&back, "</ul>");
		}
		practice_ids_free(kp, nkp);
		html_text(out, q.title);
		strbuf_addch(out, '\t');
		anki_field(out, back.buf);
		strbuf_addch(out, '\t');
		anki_tag(out, q.topic);
		strbuf_addch(out, ' ');
		anki_tag(out, q.level);
		strbuf_addch(out, '\n');
		strbuf_release(&back);
		store_question_release(&q);
	}
	return 0;
}

/* "a, b" from a JSON array of strings (NULL when it is not one). */
static char *json_list(sqlite3 *db, const char *json)
{
	sqlite3_stmt *st;
	char *r = NULL;
	if (sqlite3_prepare_v2(db, "SELECT group_concat(value, ', ') FROM json_each(?1)", -1, &st, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_text(st, 1, json && *json ? json : "[]", -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		r = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return r;
}

static int export_markdown(struct bank *b, const char *dir, int *nfiles, struct bagu_err *err)
{
	struct store_topic *ts;
	size_t nt;
	if (mkdir_p(dir, err) || store_topics(b->st, &ts, &nt, err))
		return -1;
	/* topics in the order their first question appears in the roadmap */
	bool *seen = xcalloc(nt + 1, sizeof(bool));
	struct strbuf index = STRBUF_INIT, sheet = STRBUF_INIT;
	strbuf_addstr(&index, "# bagu study sheets\n\nTopics in roadmap order (prerequisites first).\n\n");
	int rc = 0;
	*nfiles = 0;
	for (size_t i = 0; i < b->n && !rc; i++) {
		struct store_question first;
		if (store_get(b->st, b->ids[i], &first, err)) {
			rc = -1;
			break;
		}
		size_t t = 0;
		while (t < nt && strcmp(ts[t].id, first.topic))
			t++;
		store_question_release(&first);
		if (t == nt || seen[t])
			continue;
		seen[t] = true;
		strbuf_reset(&sheet);
		strbuf_addf(&sheet, "# %s (%s)\n\n`%s` · %s", ts[t].zh, ts[t].en, ts[t].id, ts[t].stage);
		char *pre = json_list(store_db(b->st), ts[t].prereq_json);
		if (pre && *pre)
			strbuf_addf(&sheet, " · 前置 %s", pre);
		free(pre);
		strbuf_addstr(&sheet, "\n");
		int nq = 0;
		for (size_t j = i; j < b->n && !rc; j++) {
			struct store_question q;
			if (store_get(b->st, b->ids[j], &q, err)) {
				rc = -1;
				break;
			}
			if (strcmp(q.topic, ts[t].id)) {
				store_question_release(&q);
				continue;
			}
			nq++;
			strbuf_addf(&sheet, "\n## %d. %s\n\n`%s` · %s · 频率 %d/5\n", nq, q.title, q.id, q.level, q.freq);
			if (q.md[KB_SHORT]) {
				strbuf_addstr(&sheet, "\n");
				strbuf_addstr(&sheet, q.md[KB_SHORT]);
				strbuf_rtrim(&sheet);
				strbuf_addstr(&sheet, "\n");
			}
			char **kp;
			size_t nkp;
			if (practice_keypoints(b->st, q.keypoints_json, &kp, &nkp, err)) {
				store_question_release(&q);
				rc = -1;
				break;
			}
			if (nkp) {
				strbuf_addstr(&sheet, "\n**要点**\n\n");
				for (size_t k = 0; k < nkp; k++)
					strbuf_addf(&sheet, "- %s\n", kp[k]);
			}
			practice_ids_free(kp, nkp);
			store_question_release(&q);
		}
		if (rc)
			break;
		char *path = xasprintf("%s/%s.md", dir, ts[t].id);
		rc = write_file_atomic(path, sheet.buf, sheet.len, err);
		free(path);
		(*nfiles)++;
		strbuf_addf(&index, "- [%s (%s)](%s.md) — %d\n", ts[t].zh, ts[t].en, ts[t].id, nq);
	}
	if (!rc) {
		char *path = xasprintf("%s/index.md", dir);
		rc = write_file_atomic(path, index.buf, index.len, err);
		free(path);
	}
	strbuf_release(&index);
	strbuf_release(&sheet);
	free(seen);
	store_topics_free(ts, nt);
	return rc;
}

int cmd_export(int argc, char **argv)
{
	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		fputs(cmd_export_usage, argc < 2 ? stderr : stdout);
		return argc < 2 ? EXIT_USAGE : EXIT_OK;
	}
	const char *what = argv[1];
	bool anki = !strcmp(what, "anki");
	if (!anki && strcmp(what, "markdown"))
		return cli_usage_error("export", "unknown format '%s' (anki or markdown)", what);
	argc--, argv++;
	const char *out = NULL, *db = NULL;
	static const struct option opts[] = {
		{"output", required_argument, NULL, 'o'},
		{"db", required_argument, NULL, 'd'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	int c;
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "+o:", opts, NULL)) != -1) {
		switch (c) {
		case 'o': out = optarg; break;
		case 'd': db = optarg; break;
		case 'h': fputs(cmd_export_usage, stdout); return EXIT_OK;
		default: return cli_usage_error("export", "unknown or incomplete option '%s'", argv[optind - 1]);
		}
	}
	if (optind != argc)
		return cli_usage_error("export", "unexpected argument '%s'", argv[optind]);
	struct bagu_err err;
	struct bank b;
	if (bank_open(&b, db, &err))
		return cli_fail("%s", err.msg);
	int rc = EXIT_OK;
	if (anki) {
		struct strbuf sb = STRBUF_INIT;
		if (export_anki(&b, &sb, &err))
			rc = cli_fail("%s", err.msg);
		else if (!out || !strcmp(out, "-"))
			fwrite(sb.buf, 1, sb.len, stdout);
		else if (write_file_atomic(out, sb.buf, sb.len, &err))
			rc = cli_fail("%s", err.msg);
		else
			fprintf(stderr, "bagu: %zu cards written to %s\n", b.n, out);
		strbuf_release(&sb);
	} else {
		const char *dir = out ? out : "bagu-sheets";
		int n;
		if (export_markdown(&b, dir, &n, &err))
			rc = cli_fail("%s", err.msg);
		else
			fprintf(stderr, "bagu: %d topic sheets and index.md written to %s/\n", n, dir);
	}
	bank_release(&b);
	return rc;
}
