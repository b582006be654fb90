/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * lcmby.c - the latent-class model in each stratum (mse-fit -m lcm --by),
 * as the HRDAG studies fit LCMCR to each stratum: a stratum's lists that
 * recorded nobody leave its table, as for every method of mse_by_fit, and
 * the total's posterior is that of the sum of independent strata.
 *
 * The strata's posteriors are independent, so a draw of the total is the
 * sum of one draw from each.  The strata may have run different numbers
 * of draws (the chains run until they converge); each is read at M evenly
 * spaced places, M the fewest draws of any stratum, its chains one after
 * the other, and the j-th draws are added.
 */
#include <config.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mse_private.h"

struct lcm_one {
	struct mse_table *t;	/* the kept lists' table */
	struct mse_lcm *m;	/* NULL: no estimate, why in reason */
	char note[256];
	char reason[256];
};

struct mse_lcm_by {
	struct lcm_one *s;
	size_t n;
	double *total;		/* sorted draws of the total, or NULL */
	long ntotal;
	char reason[256];	/* why the total has no draws */
};

/* Draw j of M evenly spaced ones from m's chains, one after the other. */
static double
spaced_draw(const struct mse_lcm *m, long j, long M)
{
	long per = mse_lcm_samples(m), all = per * mse_lcm_chains(m);
	long i = (long)((double)j * (double)all / (double)M);

	return mse_lcm_draw(m, (int)(i / per), i % per);
}

static int
make_total(struct mse_lcm_by *b)
{
	long M = -1, j;
	size_t i;

	for (i = 0; i < b->n; i++) {
		long all;

		if (b->s[i].m == NULL) {
			snprintf(b->reason, sizeof(b->reason), "no total: a "
			    "stratum has no estimate");
			return MSE_OK;
		}
		all = mse_lcm_samples(b->s[i].m) * mse_lcm_chains(b->s[i].m);
		if (M < 0 || all < M)
			M = all;
	}
	if (M <= 0) {
		snprintf(b->reason, sizeof(b->reason), "no total: no draws");
		return MSE_OK;
	}
	if ((b->total = msei_calloc((size_t)M, sizeof(double))) == NULL)
		return MSE_ENOMEM;
	for (j = 0; j < M; j++)
		for (i = 0; i < b->n; i++)
			b->total[j] += spaced_draw(b->s[i].m, j, M);
	qsort(b->total, (size_t)M, sizeof(double), msei_cmp_double);
	b->ntotal = M;
	return MSE_OK;
}

int
mse_lcm_by_fit(const struct mse_strata *s, const struct mse_lcm_options *o,
    struct mse_lcm_by **out, struct mse_error *err)
{
	struct mse_lcm_by *b;
	size_t i, idx[MSE_MAX_LISTS], k;
	int rc = MSE_OK;

	*out = NULL;
	if (mse_strata_count(s) == 0)
		return msei_error(err, MSE_EINVAL, "no strata");
	if ((b = msei_calloc(1, sizeof(*b))) == NULL ||
	    (b->s = msei_calloc(mse_strata_count(s), sizeof(*b->s))) ==
	    NULL) {
		free(b);
		return msei_error(err, MSE_ENOMEM, "out of memory");
	}
	b->n = mse_strata_count(s);
	for (i = 0; i < b->n && rc != MSE_ENOMEM; i++) {
		const struct mse_table *t = mse_strata_table(s, i);
		struct lcm_one *r = &b->s[i];
		struct mse_error e;

		mse_error_clear(&e);
		k = msei_kept_lists(t, idx, r->note, sizeof(r->note));
		if (k < 2) {
			snprintf(r->reason, sizeof(r->reason), "no estimate: "
			    "fewer than 2 lists recorded anyone");
			continue;
		}
		rc = mse_table_collapse(t, idx, k, &r->t, &e);
		if (rc == MSE_OK)
			rc = mse_lcm_fit(r->t, o, &r->m, &e);
		if (rc != MSE_OK) {
			r->m = NULL;
			snprintf(r->reason, sizeof(r->reason), "%s",
			    e.message);
		}
		if (rc == MSE_EINVAL) {
			/* The options, not the stratum: every stratum would
			 * say the same. */
			mse_lcm_by_free(b);
			return msei_error(err, rc, "%s", e.message);
		}
	}
	if (rc == MSE_ENOMEM || make_total(b) != MSE_OK) {
		mse_lcm_by_free(b);
		return msei_error(err, MSE_ENOMEM, "out of memory");
	}
	*out = b;
	return MSE_OK;
}

void
mse_lcm_by_free(struct mse_lcm_by *b)
{
	size_t i;

	if (b == NULL)
		return;
	for (i = 0; i < b->n; i++) {
		mse_lcm_free(b->s[i].m);
		mse_table_free(b->s[i].t);
	}
	free(b->s);
	free(b->total);
	free(b);
}

size_t
mse_lcm_by_count(const struct mse_lcm_by *b)
{
	return b->n;
}

const struct mse_lcm *
mse_lcm_by_fit_of(const struct mse_lcm_by *b, size_t i, const char **reason)
{
	if (i >= b->n)
		return NULL;
	if (reason != NULL)
		*reason = b->s[i].reason;
	return b->s[i].m;
}

const char *
mse_lcm_by_note(const struct mse_lcm_by *b, size_t i)
{
	return i < b->n ? b->s[i].note : "";
}

long
mse_lcm_by_total_draws(const struct mse_lcm_by *b, const char **reason)
{
	if (reason != NULL)
		*reason = b->reason;
	return b->ntotal;
}

/* The total's posterior mean, sd and quantile p (type 7, as R's
 * quantile() and mse_lcm_quantile); NaN without draws. */
double
mse_lcm_by_total_mean(const struct mse_lcm_by *b)
{
	double s = 0;
	long j;

	if (b->ntotal == 0)
		return NAN;
	for (j = 0; j < b->ntotal; j++)
		s += b->total[j];
	return s / (double)b->ntotal;
}

double
mse_lcm_by_total_sd(const struct mse_lcm_by *b)
{
	double mean = mse_lcm_by_total_mean(b), s = 0;
	long j;

	if (b->ntotal < 2)
		return NAN;
	for (j = 0; j < b->ntotal; j++)
		s += (b->total[j] - mean) * (b->total[j] - mean);
	return sqrt(s / (double)(b->ntotal - 1));
}

double
mse_lcm_by_total_quantile(const struct mse_lcm_by *b, double p)
{
	if (b->ntotal == 0 || !(p >= 0 && p <= 1))
		return NAN;
	return msei_quantile7(b->total, (size_t)b->ntotal, p);
}
