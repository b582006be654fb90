/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_mcmcdiag.c - unit tests of the MCMC diagnostics (mcmcdiag.c):
 * split rank-normalised R-hat and bulk and tail ESS (Vehtari et al. 2021)
 * on synthetic chains whose answers are known in closed form. */
#include <config.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "mse_private.h"
#include "tap.h"

/* m chains of n N(mean[c], 1) draws, or AR(1) with coefficient phi and
 * N(0, 1) margins, chain after chain, from mt19937 seeded with seed. */
static double *
chains(size_t m, size_t n, const double *mean, double phi,
    unsigned long seed)
{
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	double *x = calloc(m * n, sizeof(*x)), s = sqrt(1 - phi * phi);
	size_t c, i;

	if (r == NULL || x == NULL) {
		gsl_rng_free(r);
		free(x);
		return NULL;
	}
	gsl_rng_set(r, seed);
	for (c = 0; c < m; c++) {
		double prev = gsl_ran_gaussian(r, 1);

		for (i = 0; i < n; i++) {
			prev = i == 0 ? prev : phi * prev +
			    gsl_ran_gaussian(r, s);
			x[c * n + i] = prev + (mean != NULL ? mean[c] : 0);
		}
	}
	gsl_rng_free(r);
	return x;
}

/*
 * iid N(0, 1) draws, 4 chains of 2000 (split: M = 8 chains of h = 1000).
 * With no difference between chains, R-hat^2 = (h-1)/h + B/W where
 * B/W ~ chi^2_{M-1} / ((M-1) h), so R-hat - 1 ~ (chi^2_7/7 - 1) / (2h):
 * its standard deviation is sqrt(2/7) / 2000 = 0.00027, and 0.005 is
 * beyond 18 of them.  The ESS of independent draws is the number of
 * draws S = 8000; the Geyer estimate sums autocorrelations that are each
 * about +-1/sqrt(S) = 0.011, over a few lags, so 15% holds it.  The tail
 * ESS is the smaller of two such estimates (the 5% and 95% indicators),
 * biased low by taking the minimum: 25% (over seeds 1..200 of this design
 * it stayed above 0.85 S).
 */
static void
iid(void)
{
	double *x = chains(4, 2000, NULL, 0, 1), rhat, eb, et;

	if (!ok(x != NULL && mse_mcmc_diagnose(x, 4, 2000, &rhat, &eb, &et,
	    NULL) == MSE_OK, "iid: diagnose runs"))
		goto done;
	ok(fabs(rhat - 1) < 0.005, "iid N(0,1): R-hat within 0.005 of 1 "
	    "(R-hat - 1 ~ (chi2_7/7 - 1)/2h, sd 0.00027; got %.6f)", rhat);
	is_rel(eb, 8000, 0.15, "iid N(0,1): bulk ESS = S = 8000 (independent "
	    "draws, 15%%)");
	is_rel(et, 8000, 0.25, "iid N(0,1): tail ESS = S = 8000 (independent "
	    "draws, 25%%)");
done:
	free(x);
}

/*
 * AR(1) with phi = 0.5: rho_t = phi^t, so the integrated autocorrelation
 * time is tau = 1 + 2 sum phi^t = (1 + phi) / (1 - phi) = 3 and the ESS
 * is S / 3 (Geyer 1992).  4 chains of 20000: S / 3 = 26667.  Rank
 * normalisation of Gaussian draws is nearly the identity, and the
 * estimate's sampling error is a few per cent at this S; 10% holds it.
 */
static void
ar1(void)
{
	double *x = chains(4, 20000, NULL, 0.5, 2), rhat, eb;

	if (!ok(x != NULL && mse_mcmc_diagnose(x, 4, 20000, &rhat, &eb, NULL,
	    NULL) == MSE_OK, "AR(1): diagnose runs"))
		goto done;
	is_rel(eb, 80000.0 / 3, 0.10, "AR(1), phi = 0.5: bulk ESS = S (1 - "
	    "phi) / (1 + phi) = 26667 (closed form, 10%%)");
	ok(fabs(rhat - 1) < 0.005, "AR(1), one stationary process: R-hat "
	    "within 0.005 of 1 (got %.6f)", rhat);
done:
	free(x);
}

/*
 * Two chains, N(0, 1) and N(10, 1): the rank-normalised draws of the
 * first are the lower half of a normal sample, of the second the upper
 * half.  A half-normal has mean sqrt(2/pi) and variance 1 - 2/pi, so the
 * four split chains have means -+sqrt(2/pi), W = 1 - 2/pi and
 * B = 4 (2/pi) / 3 (between-chain variance, M - 1 = 3), and
 * R-hat = sqrt(1 + B/W) = sqrt(1 + (4/3)(2/pi)/(1 - 2/pi)) = 1.8264
 * as n grows; the folded R-hat is near 1 (both chains are as far from the
 * median), so the reported larger one is the bulk.  Tolerance 1% for
 * n = 5000 (the ranks' discreteness is O(log n / n)).
 */
static void
apart(void)
{
	static const double mean[2] = { 0, 10 };
	double *x = chains(2, 5000, mean, 0, 3), rhat, want;

	want = sqrt(1 + (4.0 / 3) * (2 / M_PI) / (1 - 2 / M_PI));
	if (!ok(x != NULL && mse_mcmc_diagnose(x, 2, 5000, &rhat, NULL, NULL,
	    NULL) == MSE_OK, "apart: diagnose runs"))
		goto done;
	is_rel(rhat, want, 0.01, "chains at 0 and 10: R-hat = %.4f (half-"
	    "normal closed form, 1%%)", want);
done:
	free(x);
}

static void
degenerate(void)
{
	double x[40], rhat = 0, eb = 0, et = 0;
	struct mse_error e;
	size_t i;

	for (i = 0; i < 40; i++)
		x[i] = 3.25;
	ok(mse_mcmc_diagnose(x, 4, 10, &rhat, &eb, &et, &e) == MSE_OK &&
	    isnan(rhat) && isnan(eb) && isnan(et), "constant draws: R-hat and "
	    "ESS are undefined, NaN (as posterior's NA)");
	for (i = 0; i < 40; i++)
		x[i] = i < 20 ? 0 : 1;
	/* W = 0 < B: the bulk R-hat is infinite; the folded draws are all
	 * 0.5, constant, so posterior's rhat() is NA.  Either way no value
	 * that passes for convergence. */
	ok(mse_mcmc_diagnose(x, 2, 20, &rhat, NULL, NULL, &e) == MSE_OK &&
	    !(rhat < 1.1), "two chains stuck at 0 and at 1: R-hat does not "
	    "pass for convergence (got %g)", rhat);
	is_int(mse_mcmc_diagnose(x, 4, 3, &rhat, NULL, NULL, &e), MSE_EINVAL,
	    "3 draws a chain are refused");
	ok(strstr(e.message, "at least 4 draws per chain") != NULL,
	    "... saying so (%s)", e.message);
	is_int(mse_mcmc_diagnose(x, 0, 10, &rhat, NULL, NULL, &e), MSE_EINVAL,
	    "no chains are refused");
	ok(mse_mcmc_diagnose(x, 1, 40, NULL, NULL, NULL, NULL) == MSE_OK,
	    "every output may be NULL");
}

/* R's quantile(x, p) (type 7): h = (n - 1) p, x[floor h] + frac(h) *
 * (x[floor h + 1] - x[floor h]), 0-based. */
static void
quantile7(void)
{
	static const double a[] = { 1, 2, 3, 4, 5 }, b[] = { 1, 3, 10 };

	is_rel(msei_quantile7(a, 5, 0.3), 2.2, 1e-15, "quantile7(1:5, 0.3) "
	    "= 2.2 (R: quantile(1:5, .3), 1e-15)");
	is_rel(msei_quantile7(b, 3, 0.75), 6.5, 1e-15, "quantile7(c(1,3,10), "
	    ".75) = 6.5 (R, 1e-15)");
	is_rel(msei_quantile7(b, 3, 0), 1, 0, "quantile7 at 0 is the minimum");
	is_rel(msei_quantile7(b, 3, 1), 10, 0, "quantile7 at 1 is the "
	    "maximum");
	is_rel(msei_quantile7(b, 1, 0.5), 1, 0, "quantile7 of one value");
}

int
main(void)
{
	gsl_set_error_handler_off();
	iid();
	ar1();
	apart();
	degenerate();
	quantile7();
	return tap_done();
}
