/* bench_search — in-process search latency over the whole content bank.
 *
 *   bench_search DB QUERIES.tsv [ROUNDS]
 *
 * Opens DB once (store + search handle, timed separately), then runs every query of
 * QUERIES.tsv (the relevance suite's format: kind, query, expected id) ROUNDS times
 * (default 20) with the CLI's default limit of 10, snippets included, and prints the
 * per-query latency p50, p90, p99 and max in microseconds, overall and per kind: wall
 * time, and the thread's CPU time (which a busy machine's scheduler does not inflate). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "search/search.h"

static double clock_us(clockid_t id)
{
	struct timespec t;
	clock_gettime(id, &t);
	return (double)t.tv_sec * 1e6 + (double)t.tv_nsec / 1e3;
}

static double now_us(void)
{
	return clock_us(CLOCK_MONOTONIC);
}

static int dcmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static double pct(const double *v, size_t n, double p)
{
	size_t i = (size_t)(p * (double)(n - 1) + 0.5);
	return v[i < n ? i : n - 1];
}

struct query {
	char kind[16];
	char *text;
};

static void report(const char *label, double *v, size_t n)
{
	qsort(v, n, sizeof(*v), dcmp);
	printf("%-10s %6zu runs  p50 %7.1f µs  p90 %7.1f µs  p99 %7.1f µs  max %7.1f µs\n", label, n, pct(v, n, 0.5),
	       pct(v, n, 0.9), pct(v, n, 0.99), v[n - 1]);
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: bench_search DB QUERIES.tsv [ROUNDS]\n");
		return 2;
	}
	int rounds = argc > 3 ? atoi(argv[3]) : 20;
	if (rounds < 1)
		rounds = 1;
	struct strbuf sb = STRBUF_INIT;
	struct bagu_err err;
	if (read_file(argv[2], 1 << 20, &sb, &err)) {
		fprintf(stderr, "%s\n", err.msg);
		return 1;
	}
	struct query *qs = NULL;
	size_t nq = 0, aq = 0;
	for (char *line = strtok(sb.buf, "\n"); line; line = strtok(NULL, "\n")) {
		char *t1 = strchr(line, '\t'), *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
		if (line[0] == '#' || !t1 || !t2)
			continue;
		XGROW(qs, aq, nq + 1);
		snprintf(qs[nq].kind, sizeof(qs[nq].kind), "%.*s", (int)(t1 - line), line);
		qs[nq++].text = xstrndup(t1 + 1, (size_t)(t2 - t1 - 1));
	}

	search_init();
	double t0 = now_us();
	struct bagu_store *st;
	struct search *s;
	if (store_open(&st, argv[1], &err) || search_open(&s, st, &err)) {
		fprintf(stderr, "%s\n", err.msg);
		return 1;
	}
	double t1 = now_us();
	struct store_stats stats;
	if (store_stats(st, &stats, &err) == 0)
		printf("bank: %d questions, %d concepts; %zu queries x %d rounds\n", stats.questions, stats.concepts, nq,
		       rounds);
	printf("open (store + search handle, lexicon load): %.1f µs\n", t1 - t0);

	size_t n = nq * (size_t)rounds, k = 0;
	double *all = xmalloc(n * sizeof(double)), *by = xmalloc(n * sizeof(double));
	double *cpu = xmalloc(n * sizeof(double));
	size_t hits = 0;
	for (int r = 0; r < rounds; r++) {
		for (size_t i = 0; i < nq; i++) {
			struct search_results res;
			struct search_opts o = {NULL, NULL, 10};
			double a = now_us(), ca = clock_us(CLOCK_THREAD_CPUTIME_ID);
			if (search_run(s, qs[i].text, &o, &res, &err)) {
				fprintf(stderr, "%s: %s\n", qs[i].text, err.msg);
				return 1;
			}
			cpu[k] = clock_us(CLOCK_THREAD_CPUTIME_ID) - ca;
			all[k++] = now_us() - a;
			hits += res.nhits;
			search_results_release(&res);
		}
	}
	/* per kind, from the same measurements */
	for (size_t i = 0; i < nq; i++) {
		bool first = true;
		for (size_t j = 0; j < i; j++)
			first &= strcmp(qs[j].kind, qs[i].kind) != 0;
		if (!first)
			continue;
		size_t m = 0;
		for (int r = 0; r < rounds; r++)
			for (size_t j = 0; j < nq; j++)
				if (!strcmp(qs[j].kind, qs[i].kind))
					by[m++] = all[(size_t)r * nq + j];
		report(qs[i].kind, by, m);
	}
	report("all", all, n);
	report("all (CPU)", cpu, n);
	printf("(%zu hits returned in total)\n", hits);
	search_free(s);
	store_free(st);
	for (size_t i = 0; i < nq; i++)
		free(qs[i].text);
	free(qs), free(all), free(by), free(cpu);
	strbuf_release(&sb);
	return 0;
}
