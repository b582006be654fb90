/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_closed.c - unit tests of the closed-form estimators (closed.c). */
#include <config.h>

#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_errno.h>

#include "mse.h"
#include "tap.h"

/* A two-list table with n1, n2 and overlap m. */
static struct mse_table *
two(double n1, double n2, double m)
{
	const char *names[] = { "LA", "NG" };
	struct mse_table *t = mse_table_new(2, names, NULL);

	mse_table_set(t, 1, n1 - m, NULL);
	mse_table_set(t, 2, n2 - m, NULL);
	mse_table_set(t, 3, m, NULL);
	return t;
}

/* f1 units on one list, f2 on two, rest (n - f1 - f2) on three lists. */
static struct mse_table *
freq(double f1, double f2, double f3)
{
	struct mse_table *t = mse_table_new(3, NULL, NULL);

	mse_table_set(t, 1, f1, NULL);
	mse_table_set(t, 3, f2, NULL);
	mse_table_set(t, 7, f3, NULL);
	return t;
}

static void
two_lists(void)
{
	struct mse_table *t = two(94, 567, 18);
	struct mse_error err;
	double est, se;

	/* UKdat collapsed to LA and NG: n1 94, n2 567, m 18 (issue #2). */
	ok(mse_closed_estimate(t, MSE_PETERSEN, &est, &se, &err) == MSE_OK,
	    "Petersen runs");
	is_rel(est, 2961, 1e-12, "Petersen 2961 (issue #2, exact)");
	is_rel(se * se, 381311, 1e-12, "Petersen variance 381311 "
	    "(closed form, scripts/closed-reference.R, R 4.2.2)");
	ok(mse_closed_estimate(t, MSE_CHAPMAN, &est, &se, &err) == MSE_OK,
	    "Chapman runs");
	is_rel(est, 2839, 1e-12, "Chapman 2839 (issue #2, exact)");
	is_rel(se * se, 311832, 1e-12, "Seber variance 311832 (issue #2)");
	mse_table_free(t);

	t = two(10, 20, 0);
	is_int(mse_closed_estimate(t, MSE_PETERSEN, &est, &se, &err),
	    MSE_EDOMAIN, "Petersen with m = 0 is undefined");
	ok(mse_closed_estimate(t, MSE_CHAPMAN, &est, &se, &err) == MSE_OK,
	    "Chapman with m = 0 is finite");
	is_rel(est, 11 * 21 - 1, 1e-12, "Chapman m = 0: (n1+1)(n2+1) - 1");
	mse_table_free(t);
	t = freq(5, 5, 5);
	is_int(mse_closed_estimate(t, MSE_PETERSEN, &est, &se, &err),
	    MSE_EINVAL, "Petersen on three lists is refused");
	mse_table_free(t);
}

static void
frequencies(void)
{
	/* UKdat: f1 2492, f2 241, n 2744 (issue #2). */
	struct mse_table *t = freq(2492, 241, 11);
	struct mse_error err;
	double est, se;

	ok(mse_closed_estimate(t, MSE_CHAO, &est, &se, &err) == MSE_OK,
	    "Chao runs");
	is_rel(est, 15627.950, 1e-7, "Chao 15627.950 (issue #2, 1e-7)");
	is_rel(se, 983.926448653, 1e-10, "Chao SE (Chao 1987 closed form, "
	    "R 4.2.2, 1e-10)");
	ok(mse_closed_estimate(t, MSE_CHAO_BC, &est, &se, &err) == MSE_OK,
	    "bias-corrected Chao runs");
	is_rel(est, 15569.5619835, 1e-10, "Chao bias-corrected (closed form, "
	    "R 4.2.2, 1e-10)");
	is_rel(se, 976.67359673, 1e-10, "Chao bias-corrected SE (Chiu et al. "
	    "2014 closed form, R 4.2.2, 1e-10)");
	ok(mse_closed_estimate(t, MSE_ZELTERMAN, &est, &se, &err) == MSE_OK,
	    "Zelterman runs");
	is_rel(est, 15603.022, 1e-7, "Zelterman 15603.022 (issue #2, 1e-7)");
	is_rel(se, 991.625560827, 1e-10, "Zelterman SE (Boehning 2008 closed "
	    "form, R 4.2.2, 1e-10)");
	mse_table_free(t);

	t = freq(10, 0, 3);
	is_int(mse_closed_estimate(t, MSE_CHAO, &est, &se, &err),
	    MSE_EDOMAIN, "Chao with f2 = 0 is undefined");
	is_int(mse_closed_estimate(t, MSE_ZELTERMAN, &est, &se, &err),
	    MSE_EDOMAIN, "Zelterman with f2 = 0 is undefined");
	ok(mse_closed_estimate(t, MSE_CHAO_BC, &est, &se, &err) == MSE_OK,
	    "bias-corrected Chao with f2 = 0 is finite");
	/* 13 + 10 * 9 / 2 = 58, by hand. */
	is_rel(est, 58, 1e-12, "bias-corrected Chao, f2 = 0: 58 (by hand)");
	is_int(mse_closed_estimate(t, 99, &est, &se, &err), MSE_EINVAL,
	    "unknown method");
	mse_table_free(t);
}

int
main(void)
{
	gsl_set_error_handler_off();
	two_lists();
	frequencies();
	return tap_done();
}
