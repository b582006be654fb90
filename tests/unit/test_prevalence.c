/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_prevalence.c - unit tests of prevalence, ratios and ranks. */
#include <math.h>
#include <string.h>
#include <stdio.h>

#include <gsl/gsl_errno.h>

#include <mse.h>
#include "tap.h"

/* Relative tolerance for closed forms: a few ulps of a double. */
#define TOL 1e-15

static void
test_prevalence(void)
{
	const double norway[3] = { 9000, NAN, NAN };
	const double est[3] = { 10000, 8000, 13000 };
	struct mse_error err;
	double p[3];

	/* Global Slavery Index 2018, Norway: 9,000 of 5,199,836 people.
	 * R 4.2.2: 9000 / 5199836 * 1000 = 1.7308238182896538. */
	ok(mse_prevalence(norway, 5199836, 1000, p, &err) == MSE_OK,
	    "Norway: ok");
	is_rel(p[0], 1.7308238182896538, TOL, "Norway: 1.7308 per 1,000 "
	    "(R 4.2.2), not Walk Free's published 1.81");
	ok(isnan(p[1]) && isnan(p[2]), "no interval in, none out");
	ok(mse_prevalence(est, 5e6, 100000, p, &err) == MSE_OK &&
	    fabs(p[0] - 200) <= 200 * TOL && fabs(p[1] - 160) <= 160 * TOL &&
	    fabs(p[2] - 260) <= 260 * TOL, "10000 (8000, 13000) of 5e6 per "
	    "100,000: 200 (160, 260)");
	ok(mse_prevalence(est, 0, 1000, p, &err) == MSE_EDOMAIN &&
	    isnan(p[0]), "population 0: MSE_EDOMAIN, NaN");
	ok(mse_prevalence(est, NAN, 1000, p, &err) == MSE_EDOMAIN,
	    "population missing: MSE_EDOMAIN");
	ok(mse_prevalence(est, 5e6, 0, p, &err) == MSE_EINVAL,
	    "per 0: MSE_EINVAL");
	ok(mse_prevalence((const double[3]){ -1, NAN, NAN }, 5e6, 1000, p,
	    &err) == MSE_EDOMAIN, "a negative count: MSE_EDOMAIN");
	/* Issue 18: each of these printed numbers with status ok. */
	ok(mse_prevalence((const double[3]){ 100, 120, 90 }, 1000, 1000, p,
	    &err) == MSE_EDOMAIN && strstr(err.message, "lower bound") &&
	    isnan(p[0]), "lower > upper: MSE_EDOMAIN, no number (%s)",
	    err.message);
	ok(mse_prevalence((const double[3]){ 100, 110, 130 }, 1000, 1000, p,
	    &err) == MSE_EDOMAIN && strstr(err.message, "does not hold"),
	    "an interval that does not hold its estimate: MSE_EDOMAIN");
	ok(mse_prevalence((const double[3]){ 1e308, 1, 1e308 }, 1, 1000, p,
	    &err) == MSE_EDOMAIN && strstr(err.message, "overflows") &&
	    isnan(p[0]) && isnan(p[1]), "a prevalence that overflows to inf: "
	    "MSE_EDOMAIN, no number");
	ok(mse_prevalence((const double[3]){ INFINITY, NAN, NAN }, 1000, 1000,
	    p, &err) == MSE_EDOMAIN, "an infinite estimate: MSE_EDOMAIN");
	ok(mse_prevalence(est, 1e-300, 1000, p, &err) == MSE_EDOMAIN &&
	    strstr(err.message, "at least 1"), "a population of 1e-300: "
	    "MSE_EDOMAIN");
	ok(mse_prevalence((const double[3]){ 5, 5, 5 }, 1, 1000, p, &err) ==
	    MSE_OK && p[0] == 5000 && p[1] == 5000, "a population of 1 and "
	    "a degenerate interval: 5000 per 1000 (exact)");
}

static void
test_ratio(void)
{
	const double est[3] = { 262, NAN, NAN };
	struct mse_error err;
	double r[3];

	/* KOM's 262 identified in 2016 against the index's 9,000. */
	ok(mse_ratio(est, 9000, r, &err) == MSE_OK, "262 / 9000: ok");
	is_rel(r[0], 262.0 / 9000.0, TOL, "262 / 9000 = 0.02911");
	ok(mse_ratio(est, 0, r, &err) == MSE_EDOMAIN && isnan(r[0]),
	    "reference 0: MSE_EDOMAIN, NaN");
}

static void
test_rank(void)
{
	const double v[] = { 1.81, 3.2, NAN, 3.2, 0.5 };
	const double want[] = { 3, 1, NAN, 1, 4 };
	struct mse_error err;
	double r[5];
	size_t i;
	int same = 1;

	ok(mse_rank(v, 5, r, &err) == MSE_OK, "rank: ok");
	for (i = 0; i < 5; i++)
		same &= isnan(want[i]) ? isnan(r[i]) : r[i] == want[i];
	ok(same, "ranks 3, 1, NaN, 1, 4: largest first, ties share, NaN "
	    "unranked (got %g %g %g %g %g)", r[0], r[1], r[2], r[3], r[4]);
	ok(mse_rank(v, 0, r, &err) == MSE_OK, "no values: ok");
}

int
main(void)
{
	gsl_set_error_handler_off();
	test_prevalence();
	test_ratio();
	test_rank();
	return tap_done();
}
