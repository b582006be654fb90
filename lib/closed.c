/* SPDX-License-Identifier: GPL-3.0-or-later */
/* closed.c - closed-form estimators: Petersen, Chapman, Chao, Zelterman. */
#include <config.h>

#include <math.h>

#include "mse_private.h"

/* Lincoln-Petersen n1 n2 / m, with the usual delta-method variance
 * n1 n2 (n1 - m)(n2 - m) / m^3 (Seber 1982, 3.1.1). */
static int
petersen(double n1, double n2, double m, double *est, double *se,
    struct mse_error *err)
{
	if (m == 0)
		return msei_error(err, MSE_EDOMAIN, "the two lists do not "
		    "overlap (m = 0): the Petersen estimate is infinite");
	*est = n1 * n2 / m;
	*se = sqrt(n1 * n2 * (n1 - m) * (n2 - m) / (m * m * m));
	return MSE_OK;
}

/* Chapman (1951) (n1 + 1)(n2 + 1) / (m + 1) - 1, with Seber's (1970)
 * variance (n1 + 1)(n2 + 1)(n1 - m)(n2 - m) / ((m + 1)^2 (m + 2)). */
static void
chapman(double n1, double n2, double m, double *est, double *se)
{
	*est = (n1 + 1) * (n2 + 1) / (m + 1) - 1;
	*se = sqrt((n1 + 1) * (n2 + 1) * (n1 - m) * (n2 - m) /
	    ((m + 1) * (m + 1) * (m + 2)));
}

/* Chao (1987), Biometrics 43:783-791: n + f1^2 / (2 f2), with variance
 * f2 [ (f1/f2)^4 / 4 + (f1/f2)^3 + (f1/f2)^2 / 2 ]. */
static int
chao(double n, double f1, double f2, double *est, double *se,
    struct mse_error *err)
{
	double r;

	if (f2 == 0)
		return msei_error(err, MSE_EDOMAIN, "no unit was seen by "
		    "exactly two lists (f2 = 0): Chao's lower bound is "
		    "infinite; try --bias-corrected");
	r = f1 / f2;
	*est = n + f1 * f1 / (2 * f2);
	*se = sqrt(f2 * (r * r * r * r / 4 + r * r * r + r * r / 2));
	return MSE_OK;
}

/* The bias-corrected form n + f1 (f1 - 1) / (2 (f2 + 1)) and its variance
 * (Chao 1987; Chiu, Wang, Walther & Chao 2014, Biometrics 70:671-682):
 * f1(f1-1)/(2(f2+1)) + f1(2f1-1)^2/(4(f2+1)^2) + f1^2 f2 (f1-1)^2/(4(f2+1)^4). */
static void
chao_bc(double n, double f1, double f2, double *est, double *se)
{
	double g = f2 + 1;

	*est = n + f1 * (f1 - 1) / (2 * g);
	*se = sqrt(f1 * (f1 - 1) / (2 * g) +
	    f1 * (2 * f1 - 1) * (2 * f1 - 1) / (4 * g * g) +
	    f1 * f1 * f2 * (f1 - 1) * (f1 - 1) / (4 * g * g * g * g));
}

/* Zelterman (1988): n / (1 - exp(-L)), L = 2 f2 / f1.  Variance by
 * conditioning (Boehning 2008, Statistical Methodology 5:410-423):
 * N e^-L / (1 - e^-L) + n^2 L^2 e^-2L (1/f1 + 1/f2) / (1 - e^-L)^4. */
static int
zelterman(double n, double f1, double f2, double *est, double *se,
    struct mse_error *err)
{
	double l, q, p;

	if (f1 == 0 || f2 == 0)
		return msei_error(err, MSE_EDOMAIN, "Zelterman's estimator "
		    "needs units seen by exactly one and exactly two lists "
		    "(f1 = %g, f2 = %g)", f1, f2);
	l = 2 * f2 / f1;
	q = exp(-l);
	p = -expm1(-l);
	*est = n / p;
	*se = sqrt(*est * q / p +
	    n * n * l * l * q * q * (1 / f1 + 1 / f2) / (p * p * p * p));
	return MSE_OK;
}

static int
two_lists(const struct mse_table *t, int method, double *est, double *se,
    struct mse_error *err)
{
	double n1, n2, m;

	if (mse_table_lists(t) != 2)
		return msei_error(err, MSE_EINVAL, "%s needs exactly two "
		    "lists, not %zu (choose two)", method == MSE_PETERSEN ?
		    "Petersen" : "Chapman", mse_table_lists(t));
	n1 = mse_table_list_total(t, 0);
	n2 = mse_table_list_total(t, 1);
	m = mse_table_get(t, 3);
	if (method == MSE_PETERSEN)
		return petersen(n1, n2, m, est, se, err);
	chapman(n1, n2, m, est, se);
	return MSE_OK;
}

int
mse_closed_estimate(const struct mse_table *t, int method, double *est,
    double *se, struct mse_error *err)
{
	double n = mse_table_observed(t);
	double f1 = mse_table_seen_by(t, 1), f2 = mse_table_seen_by(t, 2);

	switch (method) {
	case MSE_PETERSEN:
	case MSE_CHAPMAN:
		return two_lists(t, method, est, se, err);
	case MSE_CHAO:
		return chao(n, f1, f2, est, se, err);
	case MSE_CHAO_BC:
		chao_bc(n, f1, f2, est, se);
		return MSE_OK;
	case MSE_ZELTERMAN:
		return zelterman(n, f1, f2, est, se, err);
	default:
		return msei_error(err, MSE_EINVAL, "unknown method %d", method);
	}
}
