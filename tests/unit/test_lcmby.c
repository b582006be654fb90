/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_lcmby.c - unit tests of the latent-class model per stratum
 * (lcmby.c): each stratum's fit is mse_lcm_fit on that stratum's table
 * of the lists that recorded someone (the same draws, exactly), and the
 * total's draws are the strata's summed, so with equal draws its mean is
 * the sum of the strata's means (1e-12 relative: floating-point sums in
 * another order).  References: mse_lcm_fit itself, which test_lcm checks
 * against LCMCR 0.4.14; the sum is a closed form.
 */
#include <config.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "mse_private.h"
#include "../tap.h"

/* Two strata of three lists; in "b" list C recorded nobody. */
static const char csv[] =
    "g,A,B,C,count\n"
    "a,1,0,0,30\na,0,1,0,25\na,0,0,1,20\na,1,1,0,8\na,1,0,1,6\n"
    "a,0,1,1,5\na,1,1,1,2\n"
    "b,1,0,0,40\nb,0,1,0,35\nb,1,1,0,10\n";

static struct mse_strata *
strata(const char *text)
{
	static const char *const vars[] = { "g" };
	struct mse_strata_spec spec;
	struct mse_strata *s = NULL;

	mse_strata_spec_init(&spec);
	spec.vars = vars;
	spec.nvars = 1;
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
	struct mse_strata *s = strata(csv);
	struct mse_lcm_options o;
	struct mse_lcm_by *b = NULL;
	struct mse_lcm *alone = NULL;
	struct mse_table *t = NULL;
	const char *why = NULL;
	size_t idx[2] = { 0, 1 };
	double sum = 0;
	long i, same = 0;

	gsl_set_error_handler_off();
	options(&o);
	if (!ok(s != NULL && mse_lcm_by_fit(s, &o, &b, NULL) == MSE_OK,
	    "two strata fit")) {
		mse_strata_free(s);
		return tap_done();
	}
	is_int((long)mse_lcm_by_count(b), 2, "two strata");
	ok(strstr(mse_lcm_by_note(b, 1), "C left out") != NULL,
	    "stratum b: list C recorded nobody and leaves its table (\"%s\")",
	    mse_lcm_by_note(b, 1));
	/* Stratum b alone, on lists A and B, with the same options. */
	if (ok(mse_table_collapse(mse_strata_table(s, 1), idx, 2, &t, NULL) ==
	    MSE_OK && mse_lcm_fit(t, &o, &alone, NULL) == MSE_OK,
	    "stratum b's table fits alone")) {
		const struct mse_lcm *m = mse_lcm_by_fit_of(b, 1, NULL);

		for (i = 0; m != NULL && i < o.samples; i++)
			same += mse_lcm_draw(m, 0, i) ==
			    mse_lcm_draw(alone, 0, i) &&
			    mse_lcm_draw(m, 1, i) == mse_lcm_draw(alone, 1, i);
		is_int(same, o.samples, "stratum b's draws are those of its "
		    "table fitted alone, exactly");
	}
	is_int(mse_lcm_by_total_draws(b, NULL), o.chains * o.samples,
	    "the total has as many draws as each stratum");
	sum = mse_lcm_mean(mse_lcm_by_fit_of(b, 0, NULL)) +
	    mse_lcm_mean(mse_lcm_by_fit_of(b, 1, NULL));
	is_rel(mse_lcm_by_total_mean(b), sum, 1e-12, "the total's mean is "
	    "the sum of the strata's (closed form, 1e-12)");
	ok(mse_lcm_by_total_quantile(b, 0.025) < mse_lcm_by_total_mean(b) &&
	    mse_lcm_by_total_mean(b) < mse_lcm_by_total_quantile(b, 0.975),
	    "the total's 95%% interval holds its mean");
	ok(mse_lcm_by_total_sd(b) > 0 && isnan(mse_lcm_by_total_quantile(b,
	    1.5)), "sd positive; a quantile beyond [0, 1] is NaN");
	mse_lcm_by_free(b);
	mse_lcm_free(alone);
	mse_table_free(t);
	mse_strata_free(s);

	/* A stratum where one list alone recorded anyone: no estimate, and
	 * so no total. */
	s = strata("g,A,B,count\na,1,0,30\na,0,1,20\na,1,1,5\nb,1,0,9\n");
	b = NULL;
	if (ok(s != NULL && mse_lcm_by_fit(s, &o, &b, NULL) == MSE_OK,
	    "a stratum with one list: the fit still returns")) {
		const struct mse_lcm *m = mse_lcm_by_fit_of(b, 1, &why);
		long nt;

		ok(m == NULL && strstr(why, "fewer than 2 lists") != NULL,
		    "that stratum has no estimate, and says why (\"%s\")", why);
		nt = mse_lcm_by_total_draws(b, &why);
		ok(nt == 0 && strstr(why, "no total") != NULL &&
		    isnan(mse_lcm_by_total_mean(b)),
		    "no total, with the reason (\"%s\"), never a number", why);
	}
	mse_lcm_by_free(b);
	mse_strata_free(s);
	return tap_done();
}
