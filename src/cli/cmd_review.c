/* cmd_review — `bagu review`: today's spaced-repetition session (due cards, then new
 * ones in roadmap order), graded 1–4 and scheduled by FSRS-6; `--stats` for the numbers.
 * A terminal gets single-key input in raw mode; anything else is read a line at a time. */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/term.h"
#include "practice/practice.h"

const char cmd_review_usage[] =
	"usage: bagu review [--new N] [--limit N] [--detail] [--no-fuzz] [--now TIME]\n"
	"                   [--db FILE] [--user-db FILE]\n"
	"       bagu review --stats [--json] [--now TIME] [--db FILE] [--user-db FILE]\n"
	"       bagu review --set KEY=VALUE ... [--user-db FILE]\n"
	"\n"
	"Today's review session: cards due now (oldest first), then questions never reviewed,\n"
	"in roadmap order (a topic after its parent and prerequisites), up to the daily limit\n"
	"of new cards. For each card: the title; then 简答 and the key points; grade it\n"
	"1 Again, 2 Hard, 3 Good, 4 Easy and it is scheduled by FSRS-6 and stored at once.\n"
	"A summary ends the session (reviewed, again rate, next due time). See docs/practice.md.\n"
	"\n"
	"On a terminal: single keys (Space/Enter shows the answer and grades Good, d adds 详解,\n"
	"q quits); colour unless NO_COLOR. Otherwise one answer a line: 1-4, again, hard,\n"
	"good, easy, empty (Good), d (详解) or q (quit); prompts go to stdout and every stored\n"
	"grade is acknowledged with a line `ok ID RATING -> STATE due TIME (INTERVAL)`.\n"
	"\n"
	"  --new N        new cards a day (default: the new_per_day setting, 20)\n"
	"  --limit N      at most N cards this session\n"
	"  --detail       show 详解 with every answer\n"
	"  --no-fuzz      no interval fuzz (reproducible due dates, for tests)\n"
	"  --now TIME     pretend it is TIME (ISO-8601 UTC, e.g. 2026-12-04T09:30:00Z)\n"
	"  --stats        reviews a day (last 30 days, UTC), true retention, cards by state,\n"
	"                 due cards for the next 7 days; --json for JSON\n"
	"  --set K=V      store a setting: retention (0.9), steps (1m,10m), relearning_steps\n"
	"                 (10m), maximum_interval (36500 days), new_per_day (20)\n"
	"  --db FILE      content database (default: $BAGU_DB or build/content.db)\n"
	"  --user-db FILE user database (default: $XDG_DATA_HOME/bagu/user.db)\n";

#define MAX_SETS 16

/* ---- the terminal: raw mode, restored on exit and on SIGINT/SIGTERM ---- */

static struct termios saved_tio, raw_tio;
static volatile sig_atomic_t raw_on;

static void raw_restore(void)
{
	if (raw_on) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_tio);
		raw_on = 0;
	}
}

static void on_signal(int sig);

/* Installs on_signal for sig unless sig was ignored when bagu started (nohup, &). */
static void catch_signal(int sig)
{
	struct sigaction old, sa;
	if (sigaction(sig, NULL, &old) == 0 && old.sa_handler == SIG_IGN)
		return;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

/* SIGINT, SIGTERM, SIGHUP: restore the terminal and die of the signal. SIGTSTP (Ctrl-Z):
 * restore it, stop, and on SIGCONT go back to raw mode. Only async-signal-safe calls. */
static void on_signal(int sig)
{
	int saved_errno = errno;
	bool was_raw = raw_on;
	if (raw_on) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_tio);
		raw_on = 0;
	}
	if (sig == SIGTSTP) {
		signal(SIGTSTP, SIG_DFL);
		raise(SIGTSTP); /* stops here until SIGCONT */
		catch_signal(SIGTSTP);
		if (was_raw && tcsetattr(STDIN_FILENO, TCSAFLUSH, &raw_tio) == 0)
			raw_on = 1;
		errno = saved_errno;
		return;
	}
	static const char nl[] = "\n";
	if (write(STDOUT_FILENO, nl, 1) < 0) {
		/* nothing to do */
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

static int raw_enter(void)
{
	if (tcgetattr(STDIN_FILENO, &saved_tio))
		return -1;
	raw_tio = saved_tio;
	raw_tio.c_lflag &= ~(tcflag_t)(ICANON | ECHO); /* ISIG stays: Ctrl-C reaches on_signal */
	raw_tio.c_cc[VMIN] = 1;
	raw_tio.c_cc[VTIME] = 0;
	catch_signal(SIGINT);
	catch_signal(SIGTERM);
	catch_signal(SIGHUP);
	catch_signal(SIGTSTP);
	atexit(raw_restore);
	if (tcsetattr(STDIN_FILENO, TCSAFLUSH, &raw_tio))
		return -1;
	raw_on = 1;
	return 0;
}

/* One key from the terminal; EOF on end of input. */
static int read_key(void)
{
	unsigned char c;
	for (;;) {
		ssize_t n = read(STDIN_FILENO, &c, 1);
		if (n == 1)
			return c;
		if (n < 0 && errno == EINTR)
			continue;
		return EOF;
	}
}

/* ---- the session ---- */

struct session {
	struct practice *p;
	struct bagu_store *content;
	struct srs_params sp;
	bool tty, color, detail;
	int64_t fixed_now; /* --now, or 0 */
	int reviewed, again;
	struct term_style ts;
};

static int64_t now_ms(const struct session *s)
{
	if (s->fixed_now)
		return s->fixed_now;
	struct timespec t;
	clock_gettime(CLOCK_REALTIME, &t);
	return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static void interval_text(int64_t ms, char buf[32])
{
	int64_t m = ms / 60000;
	if (ms < 0)
		snprintf(buf, 32, "now");
	else if (m < 60)
		snprintf(buf, 32, "%lldm", (long long)m);
	else if (m < 24 * 60)
		snprintf(buf, 32, "%lldh", (long long)(m / 60));
	else
		snprintf(buf, 32, "%lldd", (long long)((ms + SRS_DAY_MS / 2) / SRS_DAY_MS));
}

static const char *sc(const struct session *s, const char *code)
{
	return s->color ? code : "";
}

static void out_flush(struct strbuf *sb)
{
	fwrite(sb->buf, 1, sb->len, stdout);
	fflush(stdout);
	strbuf_reset(sb);
}

static void show_front(struct session *s, struct strbuf *sb, const struct practice_item *it,
		       const struct store_question *q, size_t i, size_t n)
{
	static const char *const state_zh[] = {"新", "学习中", "复习", "重学"};
	strbuf_addf(sb, "\n%s[%zu/%zu] %s · %s · %s · %s%s\n", sc(s, TERM_DIM), i + 1, n,
		    it->is_new ? "新" : state_zh[it->card.state], q->id, q->level, q->topic, sc(s, TERM_RESET));
	struct term_style title = s->ts;
	title.indent = 0;
	strbuf_addstr(sb, sc(s, TERM_BOLD));
	term_wrap(sb, q->title, strlen(q->title), 0, 0, &title);
	if (s->color) {
		sb->len--;
		strbuf_addstr(sb, TERM_RESET);
		strbuf_addch(sb, '\n');
	}
}

static void show_section(struct session *s, struct strbuf *sb, const struct store_question *q, int sec)
{
	if (!q->md[sec])
		return;
	strbuf_addf(sb, "\n%s%s%s\n", sc(s, TERM_GREEN), kb_section_title[sec], sc(s, TERM_RESET));
	term_render_markdown(sb, q->md[sec], &s->ts);
}

static int show_back(struct session *s, struct strbuf *sb, const struct store_question *q, bool detail,
		     struct bagu_err *err)
{
	show_section(s, sb, q, KB_SHORT);
	char **kp;
	size_t nkp;
	if (practice_keypoints(s->content, q->keypoints_json, &kp, &nkp, err))
		return -1;
	if (nkp) {
		strbuf_addf(sb, "\n%s要点%s\n", sc(s, TERM_GREEN), sc(s, TERM_RESET));
		for (size_t k = 0; k < nkp; k++) {
			char *t = xasprintf("- %s", kp[k]);
			term_wrap(sb, t, strlen(t), 2, 4, &s->ts);
			free(t);
		}
	}
	practice_ids_free(kp, nkp);
	if (detail)
		show_section(s, sb, q, KB_DETAIL);
	return 0;
}

enum answer { ANS_QUIT = -1, ANS_DETAIL = -2, ANS_BAD = -3 };

/* A line of input → rating 1–4 or an enum answer. */
static int parse_answer(char *line)
{
	size_t len = strlen(line);
	while (len && (line[len - 1] == '\n' || line[len - 1] == '\r' || line[len - 1] == ' ' || line[len - 1] == '\t'))
		line[--len] = '\0';
	while (*line == ' ' || *line == '\t')
		line++;
	if (!*line)
		return SRS_GOOD;
	if (!strcmp(line, "q") || !strcmp(line, "quit"))
		return ANS_QUIT;
	if (!strcmp(line, "d") || !strcmp(line, "detail"))
		return ANS_DETAIL;
	enum srs_rating g = srs_rating_parse(line);
	return g ? (int)g : ANS_BAD;
}

/* Reads one answer: a key on a terminal, a line otherwise. EOF is quit. */
static int read_answer(const struct session *s)
{
	if (s->tty) {
		for (;;) {
			int c = read_key();
			if (c == EOF || c == 'q' || c == 'Q' || c == 4 /* Ctrl-D */)
				return ANS_QUIT;
			if (c >= '1' && c <= '4')
				return c - '0';
			if (c == ' ' || c == '\n' || c == '\r')
				return SRS_GOOD;
			if (c == 'd' || c == 'D')
				return ANS_DETAIL;
		}
	}
	char line[256];
	if (!fgets(line, sizeof(line), stdin))
		return ANS_QUIT;
	if (!strchr(line, '\n') && !feof(stdin)) { /* too long: drop the rest */
		int c;
		while ((c = getchar()) != EOF && c != '\n')
			;
		return ANS_BAD;
	}
	return parse_answer(line);
}

static const char *const prompt_plain =
	"grade? 1 again, 2 hard, 3 good, 4 easy (empty = good), d 详解, q quit: ";

/* Returns 1 when the user quit, 0 to go on, -1 on failure. */
static int review_one(struct session *s, struct strbuf *sb, const struct practice_item *it, size_t i, size_t n,
		      struct bagu_err *err)
{
	struct store_question q;
	int rc = store_get(s->content, it->id, &q, err);
	if (rc == 1)
		return 0; /* gone since the queue was built */
	if (rc)
		return -1;
	show_front(s, sb, it, &q, i, n);
	bool detail = s->detail;
	if (s->tty) {
		strbuf_addf(sb, "%s  Space/Enter: answer · d: answer + 详解 · q: quit%s", sc(s, TERM_DIM),
			    sc(s, TERM_RESET));
		out_flush(sb);
		int k;
		do
			k = read_key();
		while (k != EOF && !strchr(" \r\ndDqQ\004", k));
		strbuf_addstr(sb, "\r\033[K");
		if (k == EOF || k == 'q' || k == 'Q' || k == 4) {
			out_flush(sb);
			store_question_release(&q);
			return 1;
		}
		if (k == 'd' || k == 'D')
			detail = true;
	}
	if (show_back(s, sb, &q, detail, err)) {
		store_question_release(&q);
		return -1;
	}
	int a;
	for (;;) {
		if (s->tty)
			strbuf_addf(sb, "\n%s1 Again  2 Hard  3 Good  4 Easy%s   %sSpace/Enter = Good%s%s · q: quit ",
				    sc(s, TERM_BOLD), sc(s, TERM_RESET), sc(s, TERM_DIM),
				    detail ? "" : " · d: 详解", sc(s, TERM_RESET));
		else
			strbuf_addf(sb, "%s", prompt_plain);
		out_flush(sb);
		a = read_answer(s);
		if (s->tty)
			strbuf_addstr(sb, "\r\033[K");
		if (a == ANS_DETAIL) {
			if (!s->tty)
				strbuf_addch(sb, '\n');
			if (!detail)
				show_section(s, sb, &q, KB_DETAIL);
			detail = true;
			continue;
		}
		if (a == ANS_BAD) {
			strbuf_addstr(sb, "want 1-4, again, hard, good, easy, empty, d or q\n");
			continue;
		}
		break;
	}
	if (a == ANS_QUIT) {
		strbuf_addch(sb, '\n');
		out_flush(sb);
		store_question_release(&q);
		return 1;
	}
	int64_t now = now_ms(s);
	struct srs_card c;
	if (practice_grade(s->p, &s->sp, it->id, now, (enum srs_rating)a, &c, err)) {
		store_question_release(&q);
		return -1;
	}
	s->reviewed++;
	if (a == SRS_AGAIN)
		s->again++;
	/* the acknowledgement: printed only after the grade is committed */
	char due[32], iv[32];
	srs_time_format(c.due, due);
	interval_text(c.due - now, iv);
	if (!s->tty)
		strbuf_addch(sb, '\n');
	strbuf_addf(sb, "%sok %s %s -> %s due %s (%s)%s\n", sc(s, TERM_DIM), it->id, srs_rating_name(a),
		    srs_state_name(c.state), due, iv, sc(s, TERM_RESET));
	out_flush(sb);
	store_question_release(&q);
	return 0;
}

static int run_session(struct session *s, int new_limit, int limit)
{
	struct bagu_err err;
	struct practice_queue q;
	int64_t start = now_ms(s);
	if (practice_queue_build(s->p, s->content, start, new_limit, limit, &q, &err))
		return cli_fail("%s", err.msg);
	struct strbuf sb = STRBUF_INIT;
	char nowbuf[32];
	srs_time_format(start, nowbuf);
	strbuf_addf(&sb, "%sreview %s: %zu due, %zu new (%d new today, limit %d)%s\n", sc(s, TERM_BOLD), nowbuf,
		    q.ndue, q.nnew, q.new_today, new_limit, sc(s, TERM_RESET));
	out_flush(&sb);
	if (s->tty && q.n && raw_enter()) {
		practice_queue_release(&q);
		return cli_fail("cannot set the terminal to raw mode: %s", strerror(errno));
	}
	int rc = 0;
	for (size_t i = 0; i < q.n; i++) {
		rc = review_one(s, &sb, &q.items[i], i, q.n, &err);
		if (rc)
			break;
	}
	raw_restore();
	practice_queue_release(&q);
	if (rc < 0) {
		out_flush(&sb);
		strbuf_release(&sb);
		return cli_fail("%s", err.msg);
	}
	int64_t next;
	int nd = practice_next_due(s->p, s->content, &next, &err);
	if (nd < 0) {
		strbuf_release(&sb);
		return cli_fail("%s", err.msg);
	}
	strbuf_addf(&sb, "\n%sreviewed %d · again %d", sc(s, TERM_BOLD), s->reviewed, s->again);
	if (s->reviewed)
		strbuf_addf(&sb, " (%d%%)", (s->again * 100 + s->reviewed / 2) / s->reviewed);
	if (nd == 0) {
		char d[32];
		srs_time_format(next, d);
		strbuf_addf(&sb, " · next due %s", d);
	} else {
		strbuf_addstr(&sb, " · nothing scheduled");
	}
	strbuf_addf(&sb, "%s\n", sc(s, TERM_RESET));
	out_flush(&sb);
	strbuf_release(&sb);
	return EXIT_OK;
}

/* ---- --stats ---- */

static void day_text(int64_t ms, char buf[32])
{
	srs_time_format(ms, buf);
	buf[10] = '\0';
}

static int run_stats(struct practice *p, struct bagu_store *content, int64_t now, bool json)
{
	struct bagu_err err;
	struct practice_stats st;
	if (practice_stats(p, content, now, &st, &err))
		return cli_fail("%s", err.msg);
	int not_started = st.not_started;
	struct strbuf sb = STRBUF_INIT;
	char d[32], nowbuf[32];
	srs_time_format(now, nowbuf);
	if (json) {
		struct json_writer w;
		json_init(&w, &sb, false);
		json_obj_begin(&w);
		json_key(&w, "now");
		json_str(&w, nowbuf);
		json_key(&w, "reviews_per_day");
		json_arr_begin(&w);
		for (int i = 0; i < PRACTICE_STATS_DAYS; i++) {
			day_text(st.day0 - (int64_t)(PRACTICE_STATS_DAYS - 1 - i) * SRS_DAY_MS, d);
			json_obj_begin(&w);
			json_key(&w, "day");
			json_str(&w, d);
			json_key(&w, "reviews");
			json_int(&w, st.per_day[i]);
			json_obj_end(&w);
		}
		json_arr_end(&w);
		json_key(&w, "total_reviews");
		json_int(&w, st.total_reviews);
		json_key(&w, "retention");
		json_obj_begin(&w);
		json_key(&w, "reviews");
		json_int(&w, st.review_reviews);
		json_key(&w, "remembered");
		json_int(&w, st.review_remembered);
		json_key(&w, "rate");
		if (st.review_reviews)
			json_double(&w, (double)st.review_remembered / st.review_reviews);
		else
			json_null(&w);
		json_obj_end(&w);
		json_key(&w, "cards");
		json_obj_begin(&w);
		for (int k = 1; k < 4; k++) {
			char key[16];
			snprintf(key, sizeof(key), "%s", srs_state_name(k));
			key[0] = (char)(key[0] - 'A' + 'a');
			json_key(&w, key);
			json_int(&w, st.cards[k]);
		}
		json_key(&w, "not_started");
		if (not_started >= 0)
			json_int(&w, not_started);
		else
			json_null(&w);
		json_obj_end(&w);
		json_key(&w, "forecast");
		json_arr_begin(&w);
		for (int i = 0; i < PRACTICE_FORECAST_DAYS; i++) {
			day_text(st.day0 + (int64_t)i * SRS_DAY_MS, d);
			json_obj_begin(&w);
			json_key(&w, "day");
			json_str(&w, d);
			json_key(&w, "due");
			json_int(&w, st.forecast[i]);
			json_obj_end(&w);
		}
		json_arr_end(&w);
		json_obj_end(&w);
		strbuf_addch(&sb, '\n');
	} else {
		int sum = 0, days = 0, max = 0;
		for (int i = 0; i < PRACTICE_STATS_DAYS; i++) {
			sum += st.per_day[i];
			days += st.per_day[i] > 0;
			if (st.per_day[i] > max)
				max = st.per_day[i];
		}
		strbuf_addf(&sb, "reviews, last %d days (UTC, to %s): %d on %d days (%d in all)\n",
			    PRACTICE_STATS_DAYS, nowbuf, sum, days, st.total_reviews);
		for (int i = 0; i < PRACTICE_STATS_DAYS; i++) {
			if (!st.per_day[i])
				continue;
			day_text(st.day0 - (int64_t)(PRACTICE_STATS_DAYS - 1 - i) * SRS_DAY_MS, d);
			int bar = max ? (st.per_day[i] * 40 + max - 1) / max : 0;
			strbuf_addf(&sb, "  %s %5d ", d, st.per_day[i]);
			for (int b = 0; b < bar; b++)
				strbuf_addch(&sb, '#');
			strbuf_addch(&sb, '\n');
		}
		if (st.review_reviews)
			strbuf_addf(&sb, "true retention: %.1f%% (%d of %d reviews in Review state not rated Again)\n",
				    100.0 * st.review_remembered / st.review_reviews, st.review_remembered,
				    st.review_reviews);
		else
			strbuf_addstr(&sb, "true retention: - (no reviews in Review state yet)\n");
		strbuf_addf(&sb, "cards: %d learning, %d review, %d relearning", st.cards[SRS_LEARNING],
			    st.cards[SRS_REVIEW], st.cards[SRS_RELEARNING]);
		if (not_started >= 0)
			strbuf_addf(&sb, ", %d not started", not_started);
		strbuf_addstr(&sb, "\ndue, next 7 days:");
		for (int i = 0; i < PRACTICE_FORECAST_DAYS; i++) {
			day_text(st.day0 + (int64_t)i * SRS_DAY_MS, d);
			strbuf_addf(&sb, " %s %d%s", d + 5, st.forecast[i], i ? "" : " (with overdue)");
			if (i + 1 < PRACTICE_FORECAST_DAYS)
				strbuf_addch(&sb, ',');
		}
		strbuf_addch(&sb, '\n');
	}
	fwrite(sb.buf, 1, sb.len, stdout);
	strbuf_release(&sb);
	return EXIT_OK;
}

static int parse_count(const char *opt, const char *v, int *out)
{
	char *end;
	errno = 0;
	long x = strtol(v, &end, 10);
	if (end == v || *end || errno || x < 0 || x > 1000000)
		return cli_usage_error("review", "%s wants a number 0..1000000, not '%s'", opt, v);
	*out = (int)x;
	return 0;
}

int cmd_review(int argc, char **argv)
{
	const char *db = NULL, *user_db = NULL, *now_s = NULL;
	const char *sets[MAX_SETS];
	int nsets = 0, new_limit = -1, limit = 0;
	bool stats = false, json = false, detail = false, fuzz = true;
	static const struct option opts[] = {
		{"new", required_argument, NULL, 'n'},
		{"limit", required_argument, NULL, 'l'},
		{"detail", no_argument, NULL, 'D'},
		{"no-fuzz", no_argument, NULL, 'F'},
		{"now", required_argument, NULL, 't'},
		{"stats", no_argument, NULL, 's'},
		{"json", no_argument, NULL, 'j'},
		{"set", required_argument, NULL, 'S'},
		{"db", required_argument, NULL, 'd'},
		{"user-db", required_argument, NULL, 'u'},
		{NULL, 0, NULL, 0},
	};
	int c;
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "+", opts, NULL)) != -1) {
		switch (c) {
		case 'n':
			if (parse_count("--new", optarg, &new_limit))
				return EXIT_USAGE;
			break;
		case 'l':
			if (parse_count("--limit", optarg, &limit))
				return EXIT_USAGE;
			break;
		case 'D': detail = true; break;
		case 'F': fuzz = false; break;
		case 't': now_s = optarg; break;
		case 's': stats = true; break;
		case 'j': json = true; break;
		case 'S':
			if (nsets == MAX_SETS)
				return cli_usage_error("review", "at most %d --set options", MAX_SETS);
			sets[nsets++] = optarg;
			break;
		case 'd': db = optarg; break;
		case 'u': user_db = optarg; break;
		default: return cli_usage_error("review", "unknown or incomplete option '%s'", argv[optind - 1]);
		}
	}
	if (optind != argc)
		return cli_usage_error("review", "unexpected argument '%s'", argv[optind]);
	if (json && !stats)
		return cli_usage_error("review", "--json goes with --stats");
	if (nsets && stats)
		return cli_usage_error("review", "--set and --stats do not go together");
	int64_t fixed_now = 0;
	if (now_s && (srs_time_parse(now_s, &fixed_now) || fixed_now <= 0))
		return cli_usage_error("review", "--now wants ISO-8601 UTC, e.g. 2026-12-04T09:30:00Z, not '%s'", now_s);
	struct bagu_err err;
	struct practice *p;
	if (practice_open(&p, user_db, &err))
		return cli_fail("%s", err.msg);
	if (nsets) {
		for (int i = 0; i < nsets; i++) {
			char *k = xstrdup(sets[i]);
			char *eq = strchr(k, '=');
			int rc = 0;
			if (!eq)
				rc = cli_usage_error("review", "--set wants KEY=VALUE, not '%s'", sets[i]);
			else {
				*eq = '\0';
				if (practice_setting_set(p, k, eq + 1, &err))
					rc = cli_fail("%s", err.msg);
				else
					printf("%s = %s\n", k, eq + 1);
			}
			free(k);
			if (rc) {
				practice_free(p);
				return rc;
			}
		}
		practice_free(p);
		return EXIT_OK;
	}
	char *path = cli_default_db(db);
	struct bagu_store *content = NULL;
	int orc = store_open(&content, path, &err);
	free(path);
	struct session s = {.p = p, .content = content, .fixed_now = fixed_now, .detail = detail};
	if (stats) {
		int rc = run_stats(p, orc ? NULL : content, now_ms(&s), json);
		store_free(content);
		practice_free(p);
		return rc;
	}
	if (orc) {
		practice_free(p);
		return cli_fail("%s", err.msg);
	}
	struct practice_settings set;
	int rc = EXIT_OK;
	if (practice_settings_get(p, &set, &err) || practice_params(&set, fuzz, &s.sp, &err)) {
		rc = cli_fail("%s", err.msg);
		goto out;
	}
	s.tty = isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
	s.color = s.tty && cli_color();
	s.ts = (struct term_style){.width = cli_term_width(), .color = s.color, .indent = 2};
	rc = run_session(&s, new_limit >= 0 ? new_limit : set.new_per_day, limit);
out:
	store_free(content);
	practice_free(p);
	return rc;
}
