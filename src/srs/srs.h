/*
 * srs — spaced-repetition scheduling: FSRS-6, with the behaviour of ts-fsrs 5.4.2 (the
 * reference implementation users' tools follow), so that a review history replayed here
 * and there gives the same states, intervals, due times, stabilities and difficulties
 * to the printed digit (tests/cli/srs_tsfsrs.sh compares the two on generated histories).
 *
 * Model. A card has a memory state (stability S in days: the interval at which recall
 * probability falls to 90 %; difficulty D in [1, 10]) and a scheduling state
 * (New → Learning → Review ⇄ Relearning). A review at time t with a rating
 * (Again 1, Hard 2, Good 3, Easy 4) updates both:
 *   - the first review sets S = w[g-1] and D = w4 − e^(w5·(g−1)) + 1;
 *   - a same-day review (elapsed 0 days, short-term on) multiplies S by
 *     S^(−w19)·e^(w17·(g − 3 + w18)), at least 1 for Hard and better;
 *   - otherwise, with retrievability R = (1 + F·t/S)^(−w20), F = 0.9^(−1/w20) − 1:
 *     success: S' = S·(1 + e^w8·(11 − D)·S^(−w9)·(e^(w10·(1−R)) − 1)·hard·easy);
 *     lapse:   S' = min(w11·D^(−w12)·((S+1)^w13 − 1)·e^(w14·(1−R)), S / e^(w17·w18));
 *   - D' = w7·D0(Easy) + (1 − w7)·(D + (−w6·(g − 3))·(10 − D)/9), clamped to [1, 10];
 *   - the next interval is S·(R_req^(1/−w20) − 1)/F days, rounded, in [1, maximum],
 *     optionally fuzzed; Hard < Good < Easy by at least a day each.
 * Learning steps (default 1m, 10m) and relearning steps (default 10m) schedule in
 * minutes while a card is (re)learning; with short-term scheduling off, every review is
 * scheduled in days (ts-fsrs's LongTermScheduler). Intermediate values are rounded to
 * 8 decimals and halves rounded up exactly where ts-fsrs rounds them.
 *
 * Times are milliseconds since the Unix epoch (UTC); elapsed days count UTC calendar
 * days between reviews, as ts-fsrs does.
 */
#ifndef BAGU_SRS_H
#define BAGU_SRS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/util.h"

#define SRS_NW 21
#define SRS_MAX_STEPS 16
#define SRS_DAY_MS 86400000LL

enum srs_state { SRS_NEW = 0, SRS_LEARNING = 1, SRS_REVIEW = 2, SRS_RELEARNING = 3 };
enum srs_rating { SRS_AGAIN = 1, SRS_HARD = 2, SRS_GOOD = 3, SRS_EASY = 4 };

struct srs_params {
	double w[SRS_NW];
	double request_retention; /* (0, 1], default 0.9 */
	int maximum_interval;     /* days, default 36500 */
	int learning[SRS_MAX_STEPS], relearning[SRS_MAX_STEPS]; /* minutes */
	size_t nlearning, nrelearning;                          /* default 1m 10m / 10m */
	bool short_term; /* default true */
	bool fuzz;       /* default true; off in tests and in `bagu srs replay` */
	/* derived by srs_params_prepare */
	double decay, factor, interval_modifier;
};

struct srs_card {
	enum srs_state state;
	int64_t due;         /* ms */
	int64_t last_review; /* ms; 0 if never reviewed */
	double stability, difficulty;
	int elapsed_days, scheduled_days, reps, lapses, learning_steps;
};

/* The defaults above (FSRS-6's 21 default weights). Call srs_params_prepare after any change. */
void srs_params_init(struct srs_params *p);
/* Validates (finite weights, retention in (0, 1], maximum ≥ 1), clamps the weights to
 * FSRS-6's ranges (as ts-fsrs's clipParameters, including the w17/w18 ceiling for more
 * than one relearning step) and computes the derived values. */
int srs_params_prepare(struct srs_params *p, struct bagu_err *err) BAGU_MUST_CHECK;
/* Parses "1m,10m,1h,1d" (or "" / "none" for no steps) into minutes. */
int srs_parse_steps(const char *list, int *minutes, size_t *n, struct bagu_err *err) BAGU_MUST_CHECK;
/* Parses 21 comma-separated weights. */
int srs_parse_weights(const char *list, double *w, struct bagu_err *err) BAGU_MUST_CHECK;

/* A new card due at now. */
void srs_card_init(struct srs_card *c, int64_t now);
/* Reviews card at now with rating g into *out (out may be card). now must not be before
 * the last review. Returns -1 with err for a bad rating or time. */
int srs_review(const struct srs_params *p, const struct srs_card *card, int64_t now, enum srs_rating g,
	       struct srs_card *out, struct bagu_err *err) BAGU_MUST_CHECK;
/* Probability of recall at now (0 for a new card), as ts-fsrs's get_retrievability. */
double srs_retrievability(const struct srs_params *p, const struct srs_card *c, int64_t now);

const char *srs_state_name(enum srs_state s);   /* "New", "Learning", "Review", "Relearning" */
const char *srs_rating_name(enum srs_rating g); /* "Again", "Hard", "Good", "Easy" */
/* "Again"/"again"/"1" ... → rating, 0 if none. */
enum srs_rating srs_rating_parse(const char *s);

/* ISO-8601 UTC "2026-12-04T17:36:06.000Z" <-> ms. parse returns -1 on anything else
 * (also accepts no milliseconds). */
int srs_time_parse(const char *s, int64_t *ms);
void srs_time_format(int64_t ms, char buf[32]);
/* A double as ts-fsrs prints its rounded values: up to 8 decimals, no trailing zeros. */
void srs_number_format(double v, char buf[40]);

#endif
