/* rank — the bagu_rank FTS5 auxiliary function: per-group field presence plus weighted
 * BM25, scaled by the square of the fraction of query groups a row matches.
 *
 *   bagu_rank(search_fts, 'P,P,...|G,W;G,W;...')
 *
 * The argument gives each group's parent group P (-1 for a query term, else the
 * lexicon compound it is a part of), then, for each phrase of the MATCH expression in
 * order, its group G and weight W (1 for the literal query term, less for lexicon
 * aliases). A group is matched when one of its phrases occurs, or when it has parts
 * and all of them are matched. A group scores the best field presence weight plus the
 * best BM25 of its phrases; a compound scores the better of that and half the sum of
 * its parts' scores. The row's score is the sum over top-level groups, times the
 * square of the fraction of top-level groups matched. Higher is better. Parsed once
 * per statement and kept with the IDFs in the auxiliary data. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "search/search.h"
#include "search/search_int.h"

/* Column weights of search_fts(qid, title, keypoints, short, detail, code, followup). */
const double search_col_weight[SEARCH_NCOLS] = {0, 10, 5, 5, 2, 1, 0.5};

#define BM25_K1 1.2
#define BM25_B 0.75

struct rank_data {
	int nphrase, ngroup, ntop;
	int parent[SEARCH_MAX_GROUPS];
	bool haskids[SEARCH_MAX_GROUPS];
	int *group;
	double *w, *idf, *freq, *gpres, *gbm;
	double avgdl;
};

static void rank_data_free(void *p)
{
	struct rank_data *d = p;
	if (!d)
		return;
	free(d->group), free(d->w), free(d->idf), free(d->freq), free(d->gpres), free(d->gbm);
	free(d);
}

static int count_cb(const Fts5ExtensionApi *api, Fts5Context *fts, void *p)
{
	(void)api, (void)fts;
	(*(sqlite3_int64 *)p)++;
	return SQLITE_OK;
}

/* Parses spec for nphrase phrases; returns NULL on a malformed spec. */
static struct rank_data *rank_data_new(const Fts5ExtensionApi *api, Fts5Context *fts, const char *spec)
{
	int np = api->xPhraseCount(fts);
	struct rank_data *d = calloc(1, sizeof(*d));
	if (!d || np <= 0 || np > SEARCH_MAX_PHRASES) {
		free(d);
		return NULL;
	}
	size_t n = (size_t)np;
	d->nphrase = np;
	d->group = calloc(n, sizeof(int));
	d->w = calloc(n, sizeof(double));
	d->idf = calloc(n, sizeof(double));
	d->freq = calloc(n, sizeof(double));
	d->gpres = calloc(SEARCH_MAX_GROUPS, sizeof(double));
	d->gbm = calloc(SEARCH_MAX_GROUPS, sizeof(double));
	if (!d->group || !d->w || !d->idf || !d->freq || !d->gpres || !d->gbm)
		goto bad;
	const char *p = spec;
	for (;;) {
		char *end;
		long par = strtol(p, &end, 10);
		if (end == p || par < -1 || par >= d->ngroup || d->ngroup >= SEARCH_MAX_GROUPS)
			goto bad;
		d->parent[d->ngroup] = (int)par;
		if (par >= 0)
			d->haskids[par] = true;
		else
			d->ntop++;
		d->ngroup++;
		p = end;
		if (*p == '|')
			break;
		if (*p++ != ',')
			goto bad;
	}
	p++;
	for (int i = 0; i < np; i++) {
		char *end;
		long g = strtol(p, &end, 10);
		if (end == p || *end != ',' || g < 0 || g >= d->ngroup)
			goto bad;
		p = end + 1;
		double w = strtod(p, &end);
		if (end == p || !(w > 0 && w <= 1))
			goto bad;
		p = end;
		if (*p == ';')
			p++;
		else if (*p || i + 1 < np)
			goto bad;
		d->group[i] = (int)g;
		d->w[i] = w;
	}
	if (*p)
		goto bad;

	sqlite3_int64 nrow = 0, ntok = 0;
	if (api->xRowCount(fts, &nrow) != SQLITE_OK || api->xColumnTotalSize(fts, -1, &ntok) != SQLITE_OK)
		goto bad;
	d->avgdl = nrow > 0 ? (double)ntok / (double)nrow : 1;
	if (d->avgdl <= 0)
		d->avgdl = 1;
	for (int i = 0; i < np; i++) {
		sqlite3_int64 hits = 0;
		if (api->xQueryPhrase(fts, i, &hits, count_cb) != SQLITE_OK)
			goto bad;
		double idf = log(((double)nrow - (double)hits + 0.5) / ((double)hits + 0.5));
		d->idf[i] = idf > 1e-6 ? idf : 1e-6;
	}
	return d;
bad:
	rank_data_free(d);
	return NULL;
}

static void rank_fn(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, int nval,
		    sqlite3_value **val)
{
	if (nval != 1) {
		sqlite3_result_error(ctx, "bagu_rank: one argument expected", -1);
		return;
	}
	struct rank_data *d = api->xGetAuxdata(fts, 0);
	if (!d) {
		const char *spec = (const char *)sqlite3_value_text(val[0]);
		d = rank_data_new(api, fts, spec ? spec : "");
		if (!d) {
			sqlite3_result_error(ctx, "bagu_rank: malformed phrase specification", -1);
			return;
		}
		if (api->xSetAuxdata(fts, d, rank_data_free) != SQLITE_OK) {
			rank_data_free(d);
			sqlite3_result_error_nomem(ctx);
			return;
		}
	}
	memset(d->freq, 0, (size_t)d->nphrase * sizeof(double));
	memset(d->gpres, 0, SEARCH_MAX_GROUPS * sizeof(double));
	memset(d->gbm, 0, SEARCH_MAX_GROUPS * sizeof(double));
	int ninst = 0;
	if (api->xInstCount(fts, &ninst) != SQLITE_OK) {
		sqlite3_result_error(ctx, "bagu_rank: cannot read phrase instances", -1);
		return;
	}
	for (int i = 0; i < ninst; i++) {
		int ip, ic, io;
		if (api->xInst(fts, i, &ip, &ic, &io) != SQLITE_OK || ip < 0 || ip >= d->nphrase ||
		    ic < 0 || ic >= SEARCH_NCOLS)
			continue;
		double cw = search_col_weight[ic];
		d->freq[ip] += cw;
		double pres = d->w[ip] * cw;
		if (pres > d->gpres[d->group[ip]])
			d->gpres[d->group[ip]] = pres;
	}
	int dl = 0;
	if (api->xColumnSize(fts, -1, &dl) != SQLITE_OK)
		dl = 0;
	double norm = BM25_K1 * (1 - BM25_B + BM25_B * (double)dl / d->avgdl);
	for (int i = 0; i < d->nphrase; i++) {
		double f = d->freq[i];
		if (f <= 0)
			continue;
		double bm = d->w[i] * d->idf[i] * f * (BM25_K1 + 1) / (f + norm);
		if (bm > d->gbm[d->group[i]])
			d->gbm[d->group[i]] = bm;
	}
	/* parts come after their compound: settle coverage and scores bottom-up. A
	 * compound scores the better of its own occurrence and half its parts' sum. */
	bool kids_ok[SEARCH_MAX_GROUPS], covered[SEARCH_MAX_GROUPS];
	double kids[SEARCH_MAX_GROUPS];
	double sum = 0;
	int cov = 0;
	for (int g = 0; g < d->ngroup; g++)
		kids_ok[g] = true, kids[g] = 0;
	for (int g = d->ngroup - 1; g >= 0; g--) {
		covered[g] = d->gpres[g] > 0 || (d->haskids[g] && kids_ok[g]);
		double own = d->gpres[g] + d->gbm[g], parts = 0.5 * kids[g];
		double score = own > parts ? own : parts;
		int p = d->parent[g];
		if (p >= 0) {
			if (!covered[g])
				kids_ok[p] = false;
			kids[p] += score;
		} else {
			cov += covered[g];
			sum += score;
		}
	}
	double frac = d->ntop ? (double)cov / d->ntop : 0;
	sqlite3_result_double(ctx, sum * frac * frac);
}

int search_rank_register(fts5_api *api)
{
	return api->xCreateFunction(api, "bagu_rank", NULL, rank_fn, NULL) == SQLITE_OK ? 0 : -1;
}
