/* srs — FSRS-6 scheduling with ts-fsrs 5.4.2's behaviour. See srs.h. */
#include "srs/srs.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#define S_MIN 0.001
#define S_MAX 36500.0
#define INIT_S_MAX 100.0
#define W17_W18_CEILING 2.0

static const double default_w[SRS_NW] = {0.212,  1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194,
					 0.001,  1.8722, 0.1666, 0.796,  1.4835, 0.0614, 0.2629,
					 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542};

/* JavaScript's Math.round: halves go up (towards +∞), computed without x + 0.5. */
static double js_round(double x)
{
	double f = floor(x);
	return x - f >= 0.5 ? f + 1 : f;
}

static double round8(double x)
{
	return js_round(x * 1e8) / 1e8;
}

static double clampd(double v, double lo, double hi)
{
	return fmin(fmax(v, lo), hi);
}

void srs_params_init(struct srs_params *p)
{
	memset(p, 0, sizeof(*p));
	memcpy(p->w, default_w, sizeof(default_w));
	p->request_retention = 0.9;
	p->maximum_interval = 36500;
	p->learning[0] = 1, p->learning[1] = 10, p->nlearning = 2;
	p->relearning[0] = 10, p->nrelearning = 1;
	p->short_term = true;
	p->fuzz = true;
}

/* ts-fsrs's clipParameters. */
static void clip_weights(double *w, size_t nrelearning, bool short_term)
{
	double lo[SRS_NW] = {S_MIN, S_MIN, S_MIN, S_MIN, 1, 0.001, 0.001, 0.001, 0, 0, 0.001,
			     0.001, 0.001, 0.001, 0, 0, 1, 0, 0, short_term ? 0.01 : 0, 0.1};
	double hi[SRS_NW] = {INIT_S_MAX, INIT_S_MAX, INIT_S_MAX, INIT_S_MAX, 10, 4, 4, 0.75, 4.5, 0.8, 3.5,
			     5, 0.25, 0.9, 4, 1, 6, W17_W18_CEILING, W17_W18_CEILING, 0.8, 0.8};
	if (nrelearning > 1) {
		double w11 = clampd(w[11], lo[11], hi[11]), w13 = clampd(w[13], lo[13], hi[13]);
		double w14 = clampd(w[14], lo[14], hi[14]);
		double value = -(log(w11) + log(pow(2, w13) - 1) + w14 * 0.3) / (double)nrelearning;
		double ceiling = clampd(round8(sqrt(fmax(value, 0))), 0.01, W17_W18_CEILING);
		hi[17] = hi[18] = ceiling;
	}
	for (int i = 0; i < SRS_NW; i++)
		w[i] = clampd(w[i], lo[i], hi[i]);
}

int srs_params_prepare(struct srs_params *p, struct bagu_err *err)
{
	for (int i = 0; i < SRS_NW; i++)
		if (!isfinite(p->w[i]))
			return bagu_error(err, "weight w%d is not a finite number", i);
	if (!(p->request_retention > 0 && p->request_retention <= 1))
		return bagu_error(err, "requested retention must be in (0, 1], not %g", p->request_retention);
	if (p->maximum_interval < 1)
		return bagu_error(err, "maximum interval must be at least 1 day");
	/* ts-fsrs clips once when generating the parameters and once when preparing them */
	clip_weights(p->w, p->nrelearning, p->short_term);
	clip_weights(p->w, p->nrelearning, p->short_term);
	p->decay = -p->w[20];
	p->factor = round8(exp(pow(p->decay, -1) * log(0.9)) - 1);
	p->interval_modifier = round8((pow(p->request_retention, 1 / p->decay) - 1) / p->factor);
	return 0;
}

int srs_parse_steps(const char *list, int *minutes, size_t *n, struct bagu_err *err)
{
	*n = 0;
	if (!*list || !strcmp(list, "none"))
		return 0;
	const char *s = list;
	while (*s) {
		const char *comma = strchr(s, ',');
		size_t l = comma ? (size_t)(comma - s) : strlen(s);
		while (l && *s == ' ')
			s++, l--;
		while (l && s[l - 1] == ' ')
			l--;
		if (l < 2 || l > 8)
			return bagu_error(err, "bad step '%.*s' (want e.g. 1m, 10m, 1h, 1d)", (int)l, s);
		long v = 0;
		for (size_t i = 0; i + 1 < l; i++) {
			if (!isdigit((unsigned char)s[i]))
				return bagu_error(err, "bad step '%.*s' (want e.g. 1m, 10m, 1h, 1d)", (int)l, s);
			v = v * 10 + (s[i] - '0');
		}
		char unit = s[l - 1];
		long mult = unit == 'm' ? 1 : unit == 'h' ? 60 : unit == 'd' ? 1440 : 0;
		if (!mult)
			return bagu_error(err, "bad step unit in '%.*s' (m, h or d)", (int)l, s);
		if (*n == SRS_MAX_STEPS)
			return bagu_error(err, "more than %d steps", SRS_MAX_STEPS);
		if (v * mult > 36500L * 1440)
			return bagu_error(err, "step '%.*s' is longer than 100 years", (int)l, s);
		minutes[(*n)++] = (int)(v * mult);
		s = comma ? comma + 1 : s + l;
	}
	return 0;
}

int srs_parse_weights(const char *list, double *w, struct bagu_err *err)
{
	int n = 0;
	const char *s = list;
	while (*s) {
		char *end;
		errno = 0;
		double v = strtod(s, &end);
		if (end == s || errno || !isfinite(v))
			return bagu_error(err, "weight %d is not a number", n + 1);
		if (n == SRS_NW)
			return bagu_error(err, "more than %d weights", SRS_NW);
		w[n++] = v;
		while (*end == ' ')
			end++;
		if (*end == ',')
			end++;
		else if (*end)
			return bagu_error(err, "weights are separated by commas");
		s = end;
	}
	if (n != SRS_NW)
		return bagu_error(err, "FSRS-6 needs %d weights, got %d", SRS_NW, n);
	return 0;
}

void srs_card_init(struct srs_card *c, int64_t now)
{
	memset(c, 0, sizeof(*c));
	c->state = SRS_NEW;
	c->due = now;
}

/* ---- the model (FSRSAlgorithm) ---- */

static double forgetting_curve(const struct srs_params *p, double t, double s)
{
	return round8(pow(1 + p->factor * t / s, p->decay));
}

static double init_difficulty(const struct srs_params *p, int g)
{
	return round8(p->w[4] - exp((g - 1) * p->w[5]) + 1);
}

static double next_difficulty(const struct srs_params *p, double d, int g)
{
	double delta = -p->w[6] * (g - 3);
	double next = d + round8(delta * (10 - d) / 9);
	double rev = round8(p->w[7] * init_difficulty(p, SRS_EASY) + (1 - p->w[7]) * next);
	return clampd(rev, 1, 10);
}

static double recall_stability(const struct srs_params *p, double d, double s, double r, int g)
{
	const double *w = p->w;
	double hard = g == SRS_HARD ? w[15] : 1, easy = g == SRS_EASY ? w[16] : 1;
	return round8(clampd(s * (1 + exp(w[8]) * (11 - d) * pow(s, -w[9]) * (exp((1 - r) * w[10]) - 1) * hard * easy),
			     S_MIN, S_MAX));
}

static double forget_stability(const struct srs_params *p, double d, double s, double r)
{
	const double *w = p->w;
	return round8(clampd(w[11] * pow(d, -w[12]) * (pow(s + 1, w[13]) - 1) * exp((1 - r) * w[14]), S_MIN, S_MAX));
}

static double short_term_stability(const struct srs_params *p, double s, int g)
{
	const double *w = p->w;
	double sinc = pow(s, -w[19]) * exp(w[17] * (g - 3 + w[18]));
	if (g >= SRS_HARD)
		sinc = fmax(sinc, 1);
	return round8(clampd(s * sinc, S_MIN, S_MAX));
}

/* next_state: r < 0 means "compute it from t and s". */
static void next_ds(const struct srs_params *p, const struct srs_card *cur, int t, int g, double r,
		    struct srs_card *out)
{
	*out = *cur;
	double d = cur->difficulty, s = cur->stability;
	if (d == 0 && s == 0) {
		out->difficulty = clampd(init_difficulty(p, g), 1, 10);
		out->stability = fmax(p->w[g - 1], 0.1);
		return;
	}
	if (r < 0)
		r = forgetting_curve(p, t, s);
	double ns;
	if (t == 0 && p->short_term)
		ns = short_term_stability(p, s, g);
	else if (g == SRS_AGAIN) {
		double after_fail = forget_stability(p, d, s, r);
		double w17 = p->short_term ? p->w[17] : 0, w18 = p->short_term ? p->w[18] : 0;
		ns = fmin(fmax(round8(s / exp(w17 * w18)), S_MIN), after_fail);
	} else
		ns = recall_stability(p, d, s, r, g);
	out->difficulty = next_difficulty(p, d, g);
	out->stability = ns;
}

static int next_interval(const struct srs_params *p, double s, int elapsed, uint64_t seed)
{
	double ivl = fmin(fmax(1, js_round(s * p->interval_modifier)), p->maximum_interval);
	if (!p->fuzz || ivl < 2.5)
		return (int)js_round(ivl);
	/* ts-fsrs's fuzz ranges; the draw comes from a hash of the review, not its Alea PRNG */
	static const struct {
		double start, end, factor;
	} ranges[] = {{2.5, 7.0, 0.15}, {7.0, 20.0, 0.1}, {20.0, INFINITY, 0.05}};
	double delta = 1;
	for (size_t i = 0; i < 3; i++)
		delta += ranges[i].factor * fmax(fmin(ivl, ranges[i].end) - ranges[i].start, 0);
	ivl = fmin(ivl, p->maximum_interval);
	double lo = fmax(2, js_round(ivl - delta)), hi = fmin(js_round(ivl + delta), p->maximum_interval);
	if (ivl > elapsed)
		lo = fmax(lo, elapsed + 1);
	lo = fmin(lo, hi);
	uint64_t z = seed + 0x9e3779b97f4a7c15ULL; /* splitmix64 */
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	z ^= z >> 31;
	double frac = (double)(z >> 11) / 9007199254740992.0;
	return (int)floor(frac * (hi - lo + 1) + lo);
}

static int64_t day_number(int64_t ms)
{
	return ms >= 0 ? ms / SRS_DAY_MS : -((-ms + SRS_DAY_MS - 1) / SRS_DAY_MS);
}

/* ---- the schedulers (BasicScheduler with short-term steps, LongTermScheduler) ---- */

struct sched {
	const struct srs_params *p;
	struct srs_card cur; /* the card as updated by init(): reps+1, last_review, elapsed */
	int64_t now;
	int elapsed;
	uint64_t seed;
};

static void set_days(struct srs_card *c, int64_t now, int days)
{
	c->scheduled_days = days;
	c->due = now + (int64_t)days * SRS_DAY_MS;
}

/* BasicLearningStepsStrategy + applyLearningSteps. */
static void apply_steps(const struct sched *s, struct srs_card *next, int g, enum srs_state to)
{
	const struct srs_params *p = s->p;
	enum srs_state st = s->cur.state;
	bool re = st == SRS_RELEARNING || st == SRS_REVIEW;
	const int *steps = re ? p->relearning : p->learning;
	size_t n = re ? p->nrelearning : p->nlearning;
	int cur_step = s->cur.learning_steps;
	double minutes = 0;
	int next_step = 0;
	if (n && cur_step < (int)n) {
		if (st == SRS_REVIEW) {
			if (g == SRS_AGAIN)
				minutes = steps[cur_step > 0 ? cur_step : 0];
		} else if (g == SRS_AGAIN) {
			minutes = steps[0];
		} else if (g == SRS_HARD) {
			minutes = n == 1 ? js_round(steps[0] * 1.5) : js_round((steps[0] + steps[1]) / 2.0);
			next_step = cur_step;
		} else if (g == SRS_GOOD && cur_step + 1 < (int)n && steps[cur_step + 1]) {
			minutes = steps[cur_step + 1];
			next_step = cur_step + 1;
		}
	}
	if (minutes > 0 && minutes < 1440) {
		next->learning_steps = next_step;
		next->scheduled_days = 0;
		next->state = to;
		next->due = s->now + (int64_t)js_round(minutes) * 60000;
	} else {
		next->state = SRS_REVIEW;
		if (minutes >= 1440) {
			next->learning_steps = next_step;
			next->due = s->now + (int64_t)js_round(minutes) * 60000;
			next->scheduled_days = (int)floor(minutes / 1440);
		} else {
			next->learning_steps = 0;
			set_days(next, s->now, next_interval(p, next->stability, s->elapsed, s->seed));
		}
	}
}

static void basic_review(const struct sched *s, int g, struct srs_card *out)
{
	const struct srs_params *p = s->p;
	if (s->cur.state == SRS_NEW || s->cur.state == SRS_LEARNING || s->cur.state == SRS_RELEARNING) {
		next_ds(p, &s->cur, s->elapsed, g, -1, out);
		apply_steps(s, out, g, s->cur.state == SRS_NEW ? SRS_LEARNING : s->cur.state);
		return;
	}
	/* Review: every grade's outcome is computed, as intervals depend on each other */
	double r = forgetting_curve(p, s->elapsed, s->cur.stability);
	struct srs_card c[5];
	for (int k = SRS_AGAIN; k <= SRS_EASY; k++)
		next_ds(p, &s->cur, s->elapsed, k, r, &c[k]);
	int hard = next_interval(p, c[SRS_HARD].stability, s->elapsed, s->seed);
	int good = next_interval(p, c[SRS_GOOD].stability, s->elapsed, s->seed);
	hard = hard < good ? hard : good;
	good = good > hard + 1 ? good : hard + 1;
	int easy = next_interval(p, c[SRS_EASY].stability, s->elapsed, s->seed);
	easy = easy > good + 1 ? easy : good + 1;
	set_days(&c[SRS_HARD], s->now, hard);
	set_days(&c[SRS_GOOD], s->now, good);
	set_days(&c[SRS_EASY], s->now, easy);
	for (int k = SRS_HARD; k <= SRS_EASY; k++)
		c[k].state = SRS_REVIEW, c[k].learning_steps = 0;
	apply_steps(s, &c[SRS_AGAIN], SRS_AGAIN, SRS_RELEARNING);
	c[SRS_AGAIN].lapses++;
	*out = c[g];
}

static void long_term_review(struct sched *s, int g, struct srs_card *out)
{
	const struct srs_params *p = s->p;
	bool fresh = s->cur.state == SRS_NEW;
	if (fresh)
		s->cur.scheduled_days = 0, s->cur.elapsed_days = 0;
	int t = fresh ? 0 : s->elapsed;
	double r = fresh ? -1 : forgetting_curve(p, t, s->cur.stability);
	struct srs_card c[5];
	for (int k = SRS_AGAIN; k <= SRS_EASY; k++)
		next_ds(p, &s->cur, t, k, r, &c[k]);
	int ivl[5];
	for (int k = SRS_AGAIN; k <= SRS_EASY; k++)
		ivl[k] = next_interval(p, c[k].stability, t, s->seed);
	ivl[SRS_AGAIN] = ivl[SRS_AGAIN] < ivl[SRS_HARD] ? ivl[SRS_AGAIN] : ivl[SRS_HARD];
	for (int k = SRS_HARD; k <= SRS_EASY; k++)
		ivl[k] = ivl[k] > ivl[k - 1] + 1 ? ivl[k] : ivl[k - 1] + 1;
	for (int k = SRS_AGAIN; k <= SRS_EASY; k++) {
		set_days(&c[k], s->now, ivl[k]);
		c[k].state = SRS_REVIEW, c[k].learning_steps = 0;
	}
	if (!fresh)
		c[SRS_AGAIN].lapses++;
	*out = c[g];
}

int srs_review(const struct srs_params *p, const struct srs_card *card, int64_t now, enum srs_rating g,
	       struct srs_card *out, struct bagu_err *err)
{
	if (g < SRS_AGAIN || g > SRS_EASY)
		return bagu_error(err, "rating must be 1 (Again) to 4 (Easy)");
	if (card->state != SRS_NEW && card->last_review && now < card->last_review)
		return bagu_error(err, "review time is before the card's last review");
	struct sched s = {.p = p, .cur = *card, .now = now};
	if (card->state != SRS_NEW && card->last_review)
		s.elapsed = (int)(day_number(now) - day_number(card->last_review));
	s.cur.last_review = now;
	s.cur.elapsed_days = s.elapsed;
	s.cur.reps++;
	/* fuzz seed: the review time, the repetition and the memory state */
	s.seed = (uint64_t)now * 31 + (uint64_t)s.cur.reps * 1000003ULL +
		 (uint64_t)js_round(card->difficulty * card->stability * 1e6);
	if (p->short_term)
		basic_review(&s, g, out);
	else
		long_term_review(&s, g, out);
	return 0;
}

double srs_retrievability(const struct srs_params *p, const struct srs_card *c, int64_t now)
{
	if (c->state == SRS_NEW || !c->last_review || c->stability <= 0)
		return 0;
	int64_t diff = now - c->last_review;
	double t = diff > 0 ? (double)(diff / SRS_DAY_MS) : 0;
	return forgetting_curve(p, t, round8(c->stability));
}

const char *srs_state_name(enum srs_state s)
{
	static const char *names[] = {"New", "Learning", "Review", "Relearning"};
	return (unsigned)s < 4 ? names[s] : "?";
}

const char *srs_rating_name(enum srs_rating g)
{
	static const char *names[] = {"Manual", "Again", "Hard", "Good", "Easy"};
	return (unsigned)g <= 4 ? names[g] : "?";
}

enum srs_rating srs_rating_parse(const char *s)
{
	for (int g = SRS_AGAIN; g <= SRS_EASY; g++)
		if (!strcasecmp(s, srs_rating_name(g)))
			return g;
	if (s[0] >= '1' && s[0] <= '4' && !s[1])
		return s[0] - '0';
	return 0;
}

int srs_time_parse(const char *s, int64_t *ms)
{
	int Y, M, D, h, m, sec, n = 0;
	if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%n", &Y, &M, &D, &h, &m, &sec, &n) != 6 || n != 19)
		return -1;
	int frac = 0;
	const char *r = s + 19;
	if (*r == '.') {
		int digits = 0;
		r++;
		while (isdigit((unsigned char)*r)) {
			if (digits < 3)
				frac = frac * 10 + (*r - '0');
			digits++, r++;
		}
		if (!digits || digits > 9)
			return -1;
		while (digits < 3)
			frac *= 10, digits++;
	}
	if (strcmp(r, "Z") || M < 1 || M > 12 || D < 1 || D > 31 || h > 23 || m > 59 || sec > 59 || Y < 1970)
		return -1;
	struct tm tm = {.tm_year = Y - 1900, .tm_mon = M - 1, .tm_mday = D, .tm_hour = h, .tm_min = m, .tm_sec = sec};
	time_t t = timegm(&tm);
	if (t == (time_t)-1 || tm.tm_mday != D) /* timegm normalises 31 April: reject */
		return -1;
	*ms = (int64_t)t * 1000 + frac;
	return 0;
}

void srs_time_format(int64_t ms, char buf[32])
{
	time_t t = (time_t)(ms >= 0 ? ms / 1000 : (ms - 999) / 1000);
	int frac = (int)(ms - (int64_t)t * 1000);
	struct tm tm;
	gmtime_r(&t, &tm);
	char date[24];
	strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(buf, 32, "%.19s.%03dZ", date, frac);
}

void srs_number_format(double v, char buf[40])
{
	snprintf(buf, 40, "%.8f", v);
	char *dot = strchr(buf, '.');
	if (dot) {
		char *e = buf + strlen(buf) - 1;
		while (e > dot && *e == '0')
			*e-- = '\0';
		if (e == dot)
			*e = '\0';
	}
	if (!strcmp(buf, "-0"))
		strcpy(buf, "0");
}
