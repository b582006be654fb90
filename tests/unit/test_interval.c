/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_interval.c - unit tests of the log-normal, Wald and conditional CIs. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "mse.h"
#include "tap.h"

static struct mse_fit *
western(void)
{
	char path[4096];
	const char *top = getenv("top_srcdir");
	struct mse_table *t = NULL;
	struct mse_model *m = NULL;
	struct mse_fit *f = NULL;
	FILE *fp;

	snprintf(path, sizeof(path), "%s/data/Western.csv", top ? top : ".");
	fp = fopen(path, "rb");
	if (fp == NULL)
		return NULL;
	if (mse_table_read(fp, path, 0, &t, NULL) == MSE_OK &&
	    mse_model_parse(t, "main", &m, NULL) == MSE_OK)
		mse_fit_loglinear(t, m, NULL, &f, NULL);
	fclose(fp);
	mse_model_free(m);
	mse_table_free(t);
	return f;
}

/* Western, main effects, 95 %: base R glm reference values (issue #2),
 * 1e-6 relative. */
static void
western_intervals(void)
{
	struct mse_fit *f = western();
	struct mse_error err;
	double lo, hi;

	if (!ok(f != NULL, "Western main effects fit"))
		return;
	ok(mse_fit_interval(f, MSE_CI_LOGNORMAL, 0.95, &lo, &hi, &err) ==
	    MSE_OK, "log-normal runs");
	is_rel(lo, 1423.30489, 1e-6, "log-normal lower 1423.30489 (glm, 1e-6)");
	is_rel(hi, 2907.09096, 1e-6, "log-normal upper 2907.09096 (glm, 1e-6)");
	ok(mse_fit_interval(f, MSE_CI_WALD, 0.95, &lo, &hi, &err) == MSE_OK,
	    "Wald runs");
	is_rel(lo, 1279.05115, 1e-6, "Wald lower 1279.05115 (glm, 1e-6)");
	is_rel(hi, 2735.23236, 1e-6, "Wald upper 2735.23236 (glm, 1e-6)");
	ok(mse_fit_interval(f, MSE_CI_CONDITIONAL, 0.95, &lo, &hi, &err) ==
	    MSE_OK, "conditional runs");
	is_rel(lo, 1420.41796, 1e-6, "conditional lower 1420.41796 (glm, "
	    "1e-6; SparseMSE 1420.4, SparseMSE)");
	is_rel(hi, 2913.96883, 1e-6, "conditional upper 2913.96883 (glm, "
	    "1e-6; SparseMSE 2914.0)");
	is_int(mse_fit_interval(f, MSE_CI_WALD, 1.5, &lo, &hi, &err),
	    MSE_EINVAL, "level 1.5 is refused");
	is_int(mse_fit_interval(f, MSE_CI_WALD, 0, &lo, &hi, &err),
	    MSE_EINVAL, "level 0 is refused");
	mse_fit_free(f);
}

static void
direct(void)
{
	struct mse_error err;
	double lo, hi, z90 = 1.6448536269514722;

	/* Wald at 90 %: N -+ z SE, z = qnorm(0.95) from R 4.2.2. */
	ok(mse_interval(100, 200, 10, MSE_CI_WALD, 0.90, &lo, &hi, &err) ==
	    MSE_OK, "Wald 90 %% runs");
	is_rel(lo, 200 - z90 * 10, 1e-12, "Wald 90 %% lower (qnorm, 1e-12)");
	is_rel(hi, 200 + z90 * 10, 1e-12, "Wald 90 %% upper (qnorm, 1e-12)");
	/* Chao (1987): the interval is n + f0 / C, n + f0 C, so the two
	 * distances to n multiply to f0^2 (by algebra). */
	ok(mse_interval(100, 200, 10, MSE_CI_LOGNORMAL, 0.95, &lo, &hi,
	    &err) == MSE_OK, "log-normal runs");
	is_rel((lo - 100) * (hi - 100), 100.0 * 100.0, 1e-12,
	    "log-normal: (lower - n)(upper - n) = f0^2 (algebra, 1e-12)");
	ok(lo > 100, "log-normal lower bound stays above n");
	is_int(mse_interval(100, 100, 0, MSE_CI_LOGNORMAL, 0.95, &lo, &hi,
	    &err), MSE_EDOMAIN, "log-normal with nothing unseen is undefined");
	is_int(mse_interval(100, 200, 10, MSE_CI_CONDITIONAL, 0.95, &lo, &hi,
	    &err), MSE_EINVAL, "conditional needs a fit");
	ok(strstr(err.message, "log-linear") != NULL, "and says so");
	is_int(mse_interval(100, 200, 10, 42, 0.95, &lo, &hi, &err),
	    MSE_EINVAL, "unknown kind");
}

int
main(void)
{
	gsl_set_error_handler_off();
	western_intervals();
	direct();
	return tap_done();
}
