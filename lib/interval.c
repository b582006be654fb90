/* SPDX-License-Identifier: GPL-3.0-or-later */
/* interval.c - log-normal, Wald and conditional intervals for N. */
#include <config.h>

#include <math.h>

#include <gsl/gsl_cdf.h>

#include "mse_private.h"

static int
quantile(double level, double *z, struct mse_error *err)
{
	if (!(level > 0 && level < 1))
		return msei_error(err, MSE_EINVAL, "the confidence level %g is "
		    "not between 0 and 1", level);
	*z = gsl_cdf_ugaussian_Pinv(1 - (1 - level) / 2);
	/* 1 - (1 - P) / 2 rounds to 1 for P within about 1e-16 of 1, and
	 * the quantile is then infinite: no interval, not empty bounds. */
	if (!isfinite(*z))
		return msei_error(err, MSE_EINVAL, "the confidence level %.17g "
		    "is too close to 1 for a finite interval", level);
	return MSE_OK;
}

/*
 * lognormal: Chao (1987), Biometrics 43:783-791, eq. (13): with f0 = N - n
 * the unseen, C = exp(z sqrt(ln(1 + var(N) / f0^2))), the interval is
 * [n + f0 / C, n + f0 C].  wald: N -+ z SE.
 */
int
mse_interval(double observed, double estimate, double se, int kind,
    double level, double *lower, double *upper, struct mse_error *err)
{
	double z = 0, f0, c;
	int rc = quantile(level, &z, err);

	if (rc != MSE_OK)
		return rc;
	if (!isfinite(estimate) || !(se >= 0) || !isfinite(se))
		return msei_error(err, MSE_EDOMAIN, "no interval: the estimate "
		    "or its standard error is not finite");
	switch (kind) {
	case MSE_CI_LOGNORMAL:
		f0 = estimate - observed;
		if (!(f0 > 0))
			return msei_error(err, MSE_EDOMAIN, "no log-normal "
			    "interval: the estimated number unseen is not "
			    "positive");
		c = exp(z * sqrt(log1p(se * se / (f0 * f0))));
		*lower = observed + f0 / c;
		*upper = observed + f0 * c;
		return MSE_OK;
	case MSE_CI_WALD:
		*lower = estimate - z * se;
		*upper = estimate + z * se;
		return MSE_OK;
	case MSE_CI_CONDITIONAL:
		return msei_error(err, MSE_EINVAL, "the conditional interval "
		    "needs a log-linear fit");
	case MSE_CI_PROFILE:
		return msei_error(err, MSE_EINVAL, "the profile interval "
		    "needs a fit");
	default:
		return msei_error(err, MSE_EINVAL, "unknown interval kind %d",
		    kind);
	}
}

/* profile: the bounds of mse_fit_profile (profile.c); an upper bound not
 * found below 3 N is an error, not a number. */
static int
profile_interval(const struct mse_fit *f, double level, double *lower,
    double *upper, struct mse_error *err)
{
	struct mse_profile p;
	int rc = mse_fit_profile(f, level, &p, err);

	if (rc != MSE_OK)
		return rc;
	if (p.upper_open)
		return msei_error(err, MSE_EDOMAIN, "no profile upper bound: "
		    "the likelihood does not drop enough below %.1f", p.limit);
	*lower = p.lower;
	*upper = p.upper;
	return MSE_OK;
}

/* conditional: SparseMSE's estimatepopulation.0, n + exp(b0 -+ z se(b0)),
 * conditional on n (Chan, Silverman & Vincent 2021). */
int
mse_fit_interval(const struct mse_fit *f, int kind, double level,
    double *lower, double *upper, struct mse_error *err)
{
	double z = 0, b0, s;
	int rc;

	const char *why;

	if (!mse_fit_has_interval(f, kind, &why))
		return msei_error(err, MSE_EDOMAIN, "no interval: %s", why);
	if (kind == MSE_CI_PROFILE)
		return profile_interval(f, level, lower, upper, err);
	if (kind != MSE_CI_CONDITIONAL)
		return mse_interval(mse_fit_observed(f), mse_fit_estimate(f),
		    mse_fit_se(f), kind, level, lower, upper, err);
	rc = quantile(level, &z, err);
	if (rc != MSE_OK)
		return rc;
	b0 = mse_fit_intercept(f);
	s = mse_fit_intercept_se(f);
	*lower = mse_fit_observed(f) + exp(b0 - z * s);
	*upper = mse_fit_observed(f) + exp(b0 + z * s);
	return MSE_OK;
}

/* The capability flags of a fit: which intervals are defined for it.
 * The conditional interval n + exp(b0 +- z se(b0)) reads the intercept as
 * log f0, which holds for log-linear designs only: Rcapture's designs
 * (Mb's behaviour column, Mh's heterogeneity columns) carry the unseen
 * cell's mean in other columns too (Rivest & Baillargeon 2007). */
int
mse_fit_has_interval(const struct mse_fit *f, int kind, const char **reason)
{
	const char *why = NULL;

	if (f == NULL)
		why = "there is no fit";
	else if (kind == MSE_CI_CONDITIONAL && f->closedp)
		why = "the conditional interval is defined for log-linear "
		    "models only, not for Rcapture's models (use lognormal, "
		    "wald or profile)";
	else if (kind == MSE_CI_PROFILE && f->S > 0)
		why = "the profile interval is defined for a fit of one table "
		    "(Rcapture's closedpCI.t profiles one N), not for a model "
		    "across strata (use lognormal, wald or bootstrap)";
	else if (kind == MSE_CI_CONDITIONAL && f->S > 0)
		why = "the conditional interval reads the intercept as the "
		    "log of one table's unseen cell, which a model across "
		    "strata does not have (use lognormal, wald or bootstrap)";
	else if (kind < MSE_CI_LOGNORMAL || kind > MSE_CI_PROFILE)
		why = "unknown interval kind";
	if (reason != NULL)
		*reason = why;
	return why == NULL;
}
