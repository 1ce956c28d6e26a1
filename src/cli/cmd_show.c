/* cmd_show — `bagu show REF`: one question, for a terminal or as JSON. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/term.h"
#include "diagram/diagram.h"
#include "store/store.h"

const char cmd_show_usage[] =
	"usage: bagu show [--json] [--db FILE] REF\n"
	"\n"
	"Shows one question: REF is its id (go.slice.growth) or a seed number (34).\n"
	"On a terminal: title, level and topic, 简答, 详解 (code set apart), 示例, 追问,\n"
	"wrapped to the terminal width; colour only on a TTY and never with NO_COLOR.\n"
	"A diagram is one line: [图 N] title — description (link to the figure on the site:\n"
	"$BAGU_URL, default http://127.0.0.1:8080, as `bagu serve` listens).\n"
	"\n"
	"  --json      the fields of `bagu list --json` plus path, keypoints, related and\n"
	"              each section's Markdown and HTML\n"
	"  --db FILE   content database (default: $BAGU_DB or build/content.db)\n";

/* The site's address for links to figures: $BAGU_URL, else what `bagu serve` listens on
 * by default. */
static const char *site_base(void)
{
	const char *b = getenv("BAGU_URL");
	return b && *b ? b : "http://127.0.0.1:8080";
}

/* md with each diagram block (```dot / ```msc) replaced by one line naming the figure
 * and linking to it on the site; *next counts diagrams across sections. */
static char *name_diagrams(const char *md, const struct store_question *q, size_t *next)
{
	struct strbuf out = STRBUF_INIT;
	const char *base = site_base();
	size_t bl = strlen(base);
	while (bl && base[bl - 1] == '/')
		bl--;
	const char *p = md;
	while (*p) {
		const char *eol = strchr(p, '\n');
		size_t l = eol ? (size_t)(eol - p) : strlen(p);
		const char *nx = eol ? eol + 1 : p + l;
		size_t ind = 0;
		while (ind < l && p[ind] == ' ')
			ind++;
		size_t fl = 0;
		char fc = p[ind];
		while (ind + fl < l && (fc == '`' || fc == '~') && p[ind + fl] == fc)
			fl++;
		struct diagram_info info;
		struct bagu_err e;
		int rc = fl >= 3 ? diagram_parse_info(p + ind + fl, l - ind - fl, &info, &e) : 1;
		if (rc > 0) {
			strbuf_add(&out, p, (size_t)(nx - p));
			p = nx;
			continue;
		}
		if (rc == 0)
			diagram_info_release(&info);
		/* skip to the closing fence */
		p = nx;
		while (*p) {
			eol = strchr(p, '\n');
			l = eol ? (size_t)(eol - p) : strlen(p);
			nx = eol ? eol + 1 : p + l;
			size_t k = 0, run = 0;
			while (k < l && p[k] == ' ')
				k++;
			while (k + run < l && p[k + run] == fc)
				run++;
			p = nx;
			if (run >= fl && k + run == l)
				break;
		}
		const struct store_diagram *d = *next < q->ndiagrams ? &q->diagrams[*next] : NULL;
		(*next)++;
		for (size_t k = 0; k < ind; k++)
			strbuf_addch(&out, ' ');
		if (d)
			strbuf_addf(&out, "[图 %d] %s — %s (%.*s/q/%s#fig-%d)\n", d->ord, d->title, d->desc, (int)bl, base,
				    q->id, d->ord);
		else
			strbuf_addstr(&out, "[图]\n");
	}
	return strbuf_detach(&out, NULL);
}

int cmd_show(int argc, char **argv)
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
		default: return cli_usage_error("show", "unknown or incomplete option '%s'", argv[optind - 1]);
		}
	}
	/* allow flags after REF too */
	const char *ref = NULL;
	for (int i = optind; i < argc; i++) {
		if (!strcmp(argv[i], "--json"))
			json = true;
		else if (!strcmp(argv[i], "--db") && i + 1 < argc)
			db = argv[++i];
		else if (argv[i][0] == '-' && argv[i][1])
			return cli_usage_error("show", "unknown option '%s'", argv[i]);
		else if (ref)
			return cli_usage_error("show", "expected one REF, got '%s' and '%s'", ref, argv[i]);
		else
			ref = argv[i];
	}
	if (!ref || !*ref)
		return cli_usage_error("show", "missing REF (a question id or seed number)");
	char *path = cli_default_db(db);
	struct bagu_store *st;
	struct bagu_err err;
	if (store_open(&st, path, &err)) {
		free(path);
		return cli_fail("%s", err.msg);
	}
	free(path);
	struct store_question q;
	int rc = store_get(st, ref, &q, &err);
	if (rc) {
		store_free(st);
		return cli_fail("%s", err.msg);
	}
	struct strbuf sb = STRBUF_INIT;
	if (json) {
		struct json_writer w;
		json_init(&w, &sb, false);
		store_question_json(&w, &q, true);
		strbuf_addch(&sb, '\n');
	} else {
		struct term_style ts = {.width = cli_term_width(), .color = cli_color(), .indent = 2};
		const char *B = ts.color ? TERM_BOLD : "", *D = ts.color ? TERM_DIM : "",
			   *G = ts.color ? TERM_GREEN : "", *R = ts.color ? TERM_RESET : "";
		struct term_style title = ts;
		title.indent = 0;
		strbuf_addstr(&sb, B);
		term_wrap(&sb, q.title, strlen(q.title), 0, 0, &title);
		if (ts.color) {
			sb.len--; /* keep the reset before the newline */
			strbuf_addstr(&sb, R);
			strbuf_addch(&sb, '\n');
		}
		strbuf_addf(&sb, "%s%s · %s · 频率 %d/5 · %s", D, q.level, q.topic, q.freq, q.id);
		if (strcmp(q.seed_json, "[]"))
			strbuf_addf(&sb, " · seed %s", q.seed_json);
		if (q.go)
			strbuf_addf(&sb, " · Go %s", q.go);
		strbuf_addf(&sb, "%s\n", R);
		size_t fig = 0;
		for (int s = 0; s < KB_NSECTIONS; s++) {
			if (!q.md[s])
				continue;
			strbuf_addf(&sb, "\n%s%s%s\n", G, kb_section_title[s], R);
			char *md = name_diagrams(q.md[s], &q, &fig);
			term_render_markdown(&sb, md, &ts);
			free(md);
		}
	}
	fwrite(sb.buf, 1, sb.len, stdout);
	strbuf_release(&sb);
	store_question_release(&q);
	store_free(st);
	return EXIT_OK;
}
