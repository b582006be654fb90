/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_lcmpool.c - unit tests of the pool of imputed versions (lcmpool.c,
 * Zhou & Reiter 2010's mixing rule): imputation i's fit is mse_lcm_fit of
 * its table with the seed moved on by i chains (the same draws, exactly);
 * the pool holds M draws of each version, so its mean is the mean of the
 * versions' means (1e-12 relative: sums in another order), its quantiles
 * lie between theirs; the total adds the strata version by version; a
 * version without a stratum is refused.  References: mse_lcm_fit itself
 * (test_lcm) and closed forms.
 */
#include <config.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "mse_private.h"
#include "../tap.h"

/* Two strata (g) in two imputed versions (imp); version 2 moves a few
 * units from stratum a to b. */
static const char csv[] =
    "g,imp,A,B,C,count\n"
    "a,1,1,0,0,30\na,1,0,1,0,25\na,1,0,0,1,20\na,1,1,1,0,8\na,1,1,0,1,6\n"
    "a,1,0,1,1,5\na,1,1,1,1,2\n"
    "b,1,1,0,0,40\nb,1,0,1,0,35\nb,1,1,1,0,10\nb,1,0,0,1,12\n"
    "a,2,1,0,0,26\na,2,0,1,0,25\na,2,0,0,1,18\na,2,1,1,0,8\na,2,1,0,1,6\n"
    "a,2,0,1,1,5\na,2,1,1,1,2\n"
    "b,2,1,0,0,44\nb,2,0,1,0,35\nb,2,1,1,0,10\nb,2,0,0,1,14\n";

static struct mse_strata *
strata(const char *text, size_t nvars)
{
	static const char *const vars[] = { "g", "imp" };
	struct mse_strata_spec spec;
	struct mse_strata *s = NULL;

	mse_strata_spec_init(&spec);
	spec.vars = vars + (2 - nvars);
	spec.nvars = nvars;
	if (mse_strata_parse(text, strlen(text), "test", &spec, &s, NULL) !=
	    MSE_OK)
		return NULL;
	return s;
}

static void
options(struct mse_lcm_options *o)
{
	mse_lcm_options_init(o);
	o->classes = 2;
	o->samples = 200;
	o->burnin = 100;
	o->thin = 2;
	o->chains = 2;
	o->threads = 1;
	o->seed = 7;
}

int
main(void)
{
	struct mse_strata *s = strata(csv, 2);
	struct mse_lcm_options o, o2;
	struct mse_lcm_pool *p = NULL;
	struct mse_lcm *alone = NULL;
	struct mse_error err;
	size_t g, i;
	double mean, lo, hi;
	long j, same = 0, M;

	gsl_set_error_handler_off();
	options(&o);
	if (!ok(s != NULL && mse_lcm_pool_fit(s, 1, &o, &p, NULL) == MSE_OK,
	    "two strata in two versions fit")) {
		mse_strata_free(s);
		return tap_done();
	}
	is_int((long)mse_lcm_pool_groups(p), 2, "two strata");
	is_int((long)mse_lcm_pool_imputations(p), 2, "two versions");
	/* Version 2 of stratum b alone, its seed moved on by 2 chains. */
	o2 = o;
	o2.seed = o.seed + 2;
	if (ok(mse_lcm_fit(mse_strata_table(s, mse_lcm_pool_stratum(p, 1, 1)),
	    &o2, &alone, NULL) == MSE_OK, "version 2 of b fits alone")) {
		const struct mse_lcm *m = mse_lcm_pool_fit_of(p, 1, 1, NULL);

		for (j = 0; m != NULL && j < o.samples; j++)
			same += mse_lcm_draw(m, 0, j) ==
			    mse_lcm_draw(alone, 0, j) &&
			    mse_lcm_draw(m, 1, j) == mse_lcm_draw(alone, 1, j);
		is_int(same, o.samples, "its draws are those of its table "
		    "fitted alone with seed + 2, exactly");
	}
	M = o.chains * o.samples;
	for (g = 0; g < 2; g++) {
		is_int(mse_lcm_pool_draws(p, g, NULL), 2 * M, "stratum %zu: "
		    "M draws of each version", g);
		mean = 0;
		lo = INFINITY;
		hi = -INFINITY;
		for (i = 0; i < 2; i++) {
			const struct mse_lcm *m = mse_lcm_pool_fit_of(p, g, i,
			    NULL);

			mean += mse_lcm_mean(m) / 2;
			lo = fmin(lo, mse_lcm_quantile(m, 0.5));
			hi = fmax(hi, mse_lcm_quantile(m, 0.5));
		}
		is_rel(mse_lcm_pool_mean(p, g), mean, 1e-12, "stratum %zu: the "
		    "pool's mean is the versions' mean (1e-12)", g);
		ok(lo <= mse_lcm_pool_quantile(p, g, 0.5) &&
		    mse_lcm_pool_quantile(p, g, 0.5) <= hi, "stratum %zu: the "
		    "pool's median lies between the versions' (%g, %g)", g, lo,
		    hi);
	}
	/* The total, version by version: its mean is the sum of the
	 * strata's pooled means. */
	is_rel(mse_lcm_pool_mean(p, 2), mse_lcm_pool_mean(p, 0) +
	    mse_lcm_pool_mean(p, 1), 1e-12, "the total's mean is the sum of "
	    "the strata's (1e-12)");
	is_rel(mse_lcm_pool_draw(p, 2, 1, 5), mse_lcm_pool_draw(p, 0, 1, 5) +
	    mse_lcm_pool_draw(p, 1, 1, 5), 1e-15, "a draw of the total adds "
	    "the strata's draws of the same version");
	is_rel(mse_lcm_pool_observed(p, 2), 193, 1e-15,
	    "the total's observed: 193 in each version");
	ok(isnan(mse_lcm_pool_quantile(p, 3, 0.5)) &&
	    isnan(mse_lcm_pool_draw(p, 0, 2, 0)), "out of range: NaN");
	mse_lcm_pool_free(p);
	mse_lcm_free(alone);
	mse_strata_free(s);

	/* No strata beside the versions: one group, no --by. */
	s = strata("imp,A,B,count\n1,1,0,30\n1,0,1,20\n1,1,1,5\n"
	    "2,1,0,31\n2,0,1,21\n2,1,1,5\n", 1);
	p = NULL;
	ok(s != NULL && mse_lcm_pool_fit(s, 0, &o, &p, NULL) == MSE_OK &&
	    mse_lcm_pool_groups(p) == 1 && mse_lcm_pool_draws(p, 0, NULL) ==
	    2 * M, "versions alone: one group of 2 M draws");
	mse_lcm_pool_free(p);
	mse_strata_free(s);

	/* A version without a stratum. */
	s = strata("g,imp,A,B,count\na,1,1,0,30\na,1,0,1,20\na,1,1,1,5\n"
	    "b,1,1,0,9\nb,1,0,1,4\nb,1,1,1,2\n"
	    "a,2,1,0,31\na,2,0,1,21\na,2,1,1,5\n", 2);
	p = NULL;
	mse_error_clear(&err);
	ok(s != NULL && mse_lcm_pool_fit(s, 1, &o, &p, &err) == MSE_EINVAL &&
	    p == NULL && strstr(err.message, "imp=2 has no rows where g=b") !=
	    NULL, "a version without a stratum is refused (\"%s\")",
	    err.message);
	mse_strata_free(s);
	return tap_done();
}
