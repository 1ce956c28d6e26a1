/* cmd_srs — `bagu srs replay`: a review history replayed through the FSRS-6 scheduler. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "srs/srs.h"

const char cmd_srs_usage[] =
	"usage: bagu srs replay [--retention R] [--steps LIST] [--relearning-steps LIST]\n"
	"                       [--no-short-term] [--w W1,...,W21] FILE|-\n"
	"\n"
	"Replays one card's review history through the FSRS-6 scheduler (the behaviour of\n"
	"ts-fsrs 5.4.2, interval fuzz off) and prints the card after each review.\n"
	"\n"
	"Input: one review a line, `ISO-8601-UTC-time RATING`, e.g. `2026-12-04T09:30:00Z Good`\n"
	"(RATING: Again, Hard, Good, Easy or 1-4); the first line is the card's first review;\n"
	"times may not go backwards. Blank lines and lines starting with # are skipped.\n"
	"Output: one JSON object a line: {\"rating\",\"state\",\"elapsed_days\",\"scheduled_days\",\n"
	"\"due\",\"stability\",\"difficulty\"}; state is New, Learning, Review or Relearning.\n"
	"\n"
	"  --retention R            requested retention, in (0, 1] (default 0.9)\n"
	"  --steps LIST             learning steps, e.g. 1m,10m (default); '' or none for none\n"
	"  --relearning-steps LIST  relearning steps (default 10m); '' or none for none\n"
	"  --no-short-term          schedule every review in days (no same-day steps)\n"
	"  --w W1,...,W21           the 21 FSRS-6 weights (default: FSRS-6's defaults)\n"
	"\n"
	"A bad line is reported as FILE:LINE: message; nothing is printed for later lines\n"
	"and the exit status is 1.\n";

#define MAX_LINE 256
#define MAX_REVIEWS 100000

static int replay(const struct srs_params *p, FILE *in, const char *name)
{
	char line[MAX_LINE + 2];
	struct srs_card card;
	struct bagu_err err;
	int lineno = 0, n = 0;
	int64_t last = 0;
	while (fgets(line, sizeof(line), in)) {
		lineno++;
		size_t len = strlen(line);
		if (len > MAX_LINE && line[len - 1] != '\n') {
			fflush(stdout);
			fprintf(stderr, "%s:%d: line longer than %d bytes\n", name, lineno, MAX_LINE);
			return EXIT_FAIL;
		}
		while (len && (line[len - 1] == '\n' || line[len - 1] == '\r' || line[len - 1] == ' '))
			line[--len] = '\0';
		char *s = line;
		while (*s == ' ' || *s == '\t')
			s++;
		if (!*s || *s == '#')
			continue;
		char *sp = strpbrk(s, " \t");
		int64_t t;
		enum srs_rating g = 0;
		const char *why = NULL;
		if (!sp)
			why = "want `TIME RATING`, e.g. `2026-12-04T09:30:00Z Good`";
		else {
			*sp = '\0';
			char *r = sp + 1;
			while (*r == ' ' || *r == '\t')
				r++;
			if (srs_time_parse(s, &t))
				why = "time is not ISO-8601 UTC (e.g. 2026-12-04T09:30:00Z or ...00.000Z)";
			else if (!(g = srs_rating_parse(r)))
				why = "rating must be Again, Hard, Good, Easy or 1-4";
			else if (n && t < last)
				why = "time goes backwards";
		}
		if (!why && ++n > MAX_REVIEWS)
			why = "more than 100000 reviews";
		if (why) {
			fflush(stdout);
			fprintf(stderr, "%s:%d: %s\n", name, lineno, why);
			return EXIT_FAIL;
		}
		if (n == 1)
			srs_card_init(&card, t);
		if (srs_review(p, &card, t, g, &card, &err)) {
			fflush(stdout);
			fprintf(stderr, "%s:%d: %s\n", name, lineno, err.msg);
			return EXIT_FAIL;
		}
		last = t;
		char due[32], st[40], d[40];
		srs_time_format(card.due, due);
		srs_number_format(card.stability, st);
		srs_number_format(card.difficulty, d);
		printf("{\"rating\":\"%s\",\"state\":\"%s\",\"elapsed_days\":%d,\"scheduled_days\":%d,"
		       "\"due\":\"%s\",\"stability\":%s,\"difficulty\":%s}\n",
		       srs_rating_name(g), srs_state_name(card.state), card.elapsed_days, card.scheduled_days, due, st, d);
	}
	if (ferror(in)) {
		fflush(stdout);
		fprintf(stderr, "%s: read error: %s\n", name, strerror(errno));
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

int cmd_srs(int argc, char **argv)
{
	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		fputs(cmd_srs_usage, argc < 2 ? stderr : stdout);
		return argc < 2 ? EXIT_USAGE : EXIT_OK;
	}
	if (strcmp(argv[1], "replay"))
		return cli_usage_error("srs", "unknown sub-command '%s'", argv[1]);
	argc--, argv++;
	struct srs_params p;
	srs_params_init(&p);
	p.fuzz = false;
	struct bagu_err err;
	static const struct option opts[] = {
		{"retention", required_argument, NULL, 'r'},
		{"steps", required_argument, NULL, 's'},
		{"relearning-steps", required_argument, NULL, 'R'},
		{"no-short-term", no_argument, NULL, 'n'},
		{"w", required_argument, NULL, 'w'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	int c;
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "+", opts, NULL)) != -1) {
		char *end;
		switch (c) {
		case 'r':
			errno = 0;
			p.request_retention = strtod(optarg, &end);
			if (end == optarg || *end || errno)
				return cli_usage_error("srs", "--retention wants a number, not '%s'", optarg);
			break;
		case 's':
			if (srs_parse_steps(optarg, p.learning, &p.nlearning, &err))
				return cli_usage_error("srs", "--steps: %s", err.msg);
			break;
		case 'R':
			if (srs_parse_steps(optarg, p.relearning, &p.nrelearning, &err))
				return cli_usage_error("srs", "--relearning-steps: %s", err.msg);
			break;
		case 'n': p.short_term = false; break;
		case 'w':
			if (srs_parse_weights(optarg, p.w, &err))
				return cli_usage_error("srs", "--w: %s", err.msg);
			break;
		case 'h': fputs(cmd_srs_usage, stdout); return EXIT_OK;
		default: return cli_usage_error("srs", "unknown or incomplete option '%s'", argv[optind - 1]);
		}
	}
	if (optind + 1 != argc)
		return cli_usage_error("srs", "replay wants one FILE (or - for standard input)");
	if (srs_params_prepare(&p, &err))
		return cli_usage_error("srs", "%s", err.msg);
	const char *path = argv[optind];
	if (!strcmp(path, "-"))
		return replay(&p, stdin, "-");
	FILE *f = fopen(path, "r");
	if (!f)
		return cli_fail("%s: %s", path, strerror(errno));
	int rc = replay(&p, f, path);
	fclose(f);
	return rc;
}
