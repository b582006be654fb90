/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_profile.c - unit tests of the profile-likelihood interval for N. */
#include <config.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "mse.h"
#include "tap.h"

static FILE *
open_data(const char *dir, const char *name)
{
	const char *top = getenv("top_srcdir");
	char path[4096];

	snprintf(path, sizeof(path), "%s/%s/%s", top ? top : ".", dir, name);
	return fopen(path, "rb");
}

static int
load(const char *name, struct mse_table **t, struct mse_freq **fr)
{
	FILE *fp = open_data("data", name);
	int rc;

	*t = NULL;
	*fr = NULL;
	if (fp == NULL)
		return -1;
	rc = mse_data_read(fp, name, 0, t, fr, NULL);
	fclose(fp);
	return rc;
}

static struct mse_fit *
closedp(const char *name, int model)
{
	struct mse_table *t;
	struct mse_freq *fr;
	struct mse_fit *f = NULL;

	load(name, &t, &fr);
	if (t != NULL)
		mse_fit_closedp(t, model, NULL, &f, NULL);
	mse_table_free(t);
	mse_freq_free(fr);
	return f;
}

/*
 * Rcapture's closedpCI.t worked out by hand: hare, Mt,
 * 95%.  The log-likelihood at the test points (deviance of the completed
 * table, Cormack's term) to 1e-9 relative, given to 10 decimals; Nmax and
 * the bounds, Rcapture's, to 1e-6 (the issue) and to 1e-9 (the note's
 * own IRLS and Brent clone agrees with R to 7e-12).
 */
static void
hare_mt(void)
{
	static const double N[] = { 68, 70, 75, 80, 90 };
	static const double ll[] = { -99.7848904589, -97.2524436919,
	    -95.9822720481, -97.0246075267, -101.3576369632 };
	struct mse_fit *f = closedp("hare.csv", MSE_MT);
	struct mse_profile p;
	struct mse_error err;
	double v = 0, lo = 0, hi = 0;
	size_t i;

	if (!ok(f != NULL, "hare Mt fits"))
		return;
	for (i = 0; i < sizeof(N) / sizeof(N[0]); i++) {
		ok(mse_fit_profile_loglik(f, N[i], &v, &err) == MSE_OK,
		    "loglik at %g", N[i]);
		is_rel(v, ll[i], 1e-9, "hare Mt: l(%g) (Rcapture)",
		    N[i]);
	}
	if (!ok(mse_fit_profile(f, 0.95, &p, &err) == MSE_OK, "hare Mt "
	    "profile"))
		return;
	is_rel(p.estimate, 74.3379001929, 1e-6, "hare Mt: Nmax (Rcapture "
	    "1.4-4, 1e-6)");
	is_rel(p.lower, 69.2878434878, 1e-6, "hare Mt: lower (Rcapture)");
	is_rel(p.upper, 82.3957094271, 1e-6, "hare Mt: upper (Rcapture)");
	is_rel(p.estimate, 74.3379001929, 1e-9, "hare Mt: Nmax to 1e-9");
	is_rel(p.lower, 69.2878434878, 1e-9, "hare Mt: lower to 1e-9");
	is_rel(p.upper, 82.3957094271, 1e-9, "hare Mt: upper to 1e-9");
	is_rel(p.loglik, -95.9629212946, 1e-9, "hare Mt: lmax");
	is_rel(p.limit, 225.198604035, 1e-9, "hare Mt: search limit 3 N");
	ok(!p.lower_at_n && !p.upper_open, "hare Mt: both bounds found");
	ok(mse_fit_interval(f, MSE_CI_PROFILE, 0.95, &lo, &hi, &err) ==
	    MSE_OK && lo == p.lower && hi == p.upper, "mse_fit_interval "
	    "gives the profile bounds");
	ok(mse_fit_profile_loglik(f, 60, &v, &err) == MSE_EINVAL, "N below "
	    "n: %s", err.message);
	ok(mse_fit_profile(f, 1.5, &p, &err) == MSE_EINVAL, "level 1.5: %s",
	    err.message);
	mse_fit_free(f);
}

/* The other profile checks of Rcapture's closedpCI.t: Rcapture's
 * values to 6 significant digits (5e-6 relative). */
static void
note_table(void)
{
	static const struct {
		const char *file;
		size_t t0;
		int model;
		double nmax, lower, upper;
		int lower_at_n;
	} ref[] = {
		{ "hare.csv", 0, MSE_M0, 74.7022, 69.4721, 82.9902, 0 },
		{ "hare.csv", 0, MSE_MH_CHAO, 78.3795, 70.5721, 95.7282, 0 },
		{ "hare.csv", 0, MSE_MTH_CHAO, 78.1312, 70.4104, 95.1582, 0 },
		{ "hare.csv", 0, MSE_MH_POISSON, 80.5164, 72.0423, 94.6208, 0 },
		{ "hare.csv", 0, MSE_MH_DARROCH, 88.1369, 73.5069, 120.994, 0 },
		{ "hare.csv", 0, MSE_MH_GAMMA, 95.7042, 73.4783, 168.548, 0 },
		{ "nbcap/BBS2001.csv", 20, MSE_M0, 71.0000, 71, 71.7240, 1 },
		{ "nbcap/BBS2001.csv", 20, MSE_MH_CHAO, 84.3229, 73.0135,
		    119.660, 0 },
		{ "nbcap/BBS2001.csv", 20, MSE_MH_GAMMA, 109.058, 86.2165,
		    150.630, 0 },
		{ "nbcap/BBS2001.csv", 50, MSE_M0, 71.0000, 71, 71.4252, 1 },
		{ "nbcap/BBS2001.csv", 50, MSE_MH_GAMMA, 142.769, 105.580,
		    204.330, 0 },
	};
	size_t i;

	for (i = 0; i < sizeof(ref) / sizeof(ref[0]); i++) {
		const char *m = mse_closedp_label(ref[i].model);
		struct mse_table *t;
		struct mse_freq *fr;
		struct mse_fit *f = NULL;
		struct mse_profile p;
		struct mse_error err;

		load(ref[i].file, &t, &fr);
		if (t != NULL)
			mse_fit_closedp(t, ref[i].model, NULL, &f, &err);
		else if (fr != NULL)
			mse_fit_closedp_freq(fr, ref[i].model, 50, ref[i].t0,
			    NULL, &f, &err);
		mse_table_free(t);
		mse_freq_free(fr);
		if (!ok(f != NULL && mse_fit_profile(f, 0.95, &p, &err) ==
		    MSE_OK, "%s t0=%zu %s: profile", ref[i].file, ref[i].t0,
		    m)) {
			mse_fit_free(f);
			continue;
		}
		is_rel(p.estimate, ref[i].nmax, 5e-6, "%s t0=%zu %s: Nmax "
		    "(Rcapture, 6 digits)", ref[i].file, ref[i].t0, m);
		is_rel(p.lower, ref[i].lower, 5e-6, "  lower");
		is_rel(p.upper, ref[i].upper, 5e-6, "  upper");
		is_int(p.lower_at_n, ref[i].lower_at_n, "  lower bound set to "
		    "n (infoCI 5)");
		mse_fit_free(f);
	}
}

static int
model_code(const char *r)
{
	static const char *const names[] = { "M0", "Mt", "MhC", "MhP", "MhD",
	    "MhG", "MthC", "MthP", "MthD", "MthG", "Mb", "Mbh" };
	int i;

	for (i = 0; i < MSE_CLOSEDP_MODELS; i++)
		if (strcmp(r, names[i]) == 0)
			return i;
	return -1;
}

/* The fit of a reference row: a closedp model, or "loglinear:TERMS". */
static struct mse_fit *
fit_row(char **x)
{
	struct mse_table *t;
	struct mse_freq *fr;
	struct mse_model *m = NULL;
	struct mse_fit *f = NULL;

	if (load(x[0], &t, &fr) != MSE_OK)
		return NULL;
	if (strncmp(x[3], "loglinear:", 10) == 0) {
		if (mse_model_parse(t, x[3] + 10, &m, NULL) == MSE_OK)
			mse_fit_loglinear(t, m, NULL, &f, NULL);
		mse_model_free(m);
	} else if (t != NULL)
		mse_fit_closedp(t, model_code(x[3]), NULL, &f, NULL);
	else
		mse_fit_closedp_freq(fr, model_code(x[3]), strcmp(x[1],
		    "inf") == 0 ? INFINITY : strtod(x[1], NULL),
		    (size_t)strtoul(x[2], NULL, 10), NULL, &f, NULL);
	mse_table_free(t);
	mse_freq_free(fr);
	return f;
}

static size_t
split(char *line, char **field, size_t max)
{
	size_t n = 0;
	char *save = NULL, *tok;

	line[strcspn(line, "\r\n")] = '\0';
	for (tok = strtok_r(line, ",", &save); tok != NULL && n < max;
	    tok = strtok_r(NULL, ",", &save))
		field[n++] = tok;
	return n;
}

/* Nmax to 1e-6 relative; or, where the profile is flat to the last digit
 * around its top (Ned_5 Mth Gamma3.5: equal to 15 digits 0.14 apart), a
 * point whose log-likelihood equals that at R's Nmax to 1e-12. */
static void
nmax_check(const struct mse_fit *f, const struct mse_profile *p,
    double want, char **x)
{
	double d = fabs(p->estimate - want) / want, lw = 0;

	if (d <= 1e-6) {
		ok(1, "%s t0=%s %s: Nmax (R rebuild, 1e-6)", x[0], x[2], x[3]);
		return;
	}
	mse_fit_profile_loglik(f, want, &lw, NULL);
	ok(fabs(lw - p->loglik) <= 1e-12 * fabs(p->loglik), "%s t0=%s %s: "
	    "Nmax %.10g, R's %.10g (rel %.2g): a flat top, l = %.15g and "
	    "%.15g", x[0], x[2], x[3], p->estimate, want, d, p->loglik, lw);
}

/* One row of profile-reference.csv (R's glm, optimize and uniroot on the
 * same completed tables): to 1e-6 relative. */
static void
check_row(char **x)
{
	struct mse_fit *f = fit_row(x);
	struct mse_profile p;
	struct mse_error err;

	if (!ok(f != NULL && mse_fit_profile(f, 0.95, &p, &err) == MSE_OK,
	    "%s t0=%s %s: profile", x[0], x[2], x[3])) {
		mse_fit_free(f);
		return;
	}
	nmax_check(f, &p, strtod(x[4], NULL), x);
	is_rel(p.loglik, strtod(x[5], NULL), 1e-6, "  lmax");
	is_int(p.lower_at_n, strtol(x[8], NULL, 10), "  lower bound set to "
	    "n");
	is_int(p.upper_open, strtol(x[9], NULL, 10), "  upper bound open");
	if (!p.lower_at_n)
		is_rel(p.lower, strtod(x[6], NULL), 1e-6, "  lower");
	else
		is_rel(p.lower, mse_fit_observed(f), 0, "  lower = n");
	if (!p.upper_open)
		is_rel(p.upper, strtod(x[7], NULL), 1e-6, "  upper");
	else
		ok(isnan(p.upper), "  upper is NaN");
	is_rel(p.limit, strtod(x[10], NULL), 1e-9, "  limit");
	mse_fit_free(f);
}

static void
reference_file(void)
{
	FILE *fp = open_data("tests/data", "profile-reference.csv");
	char line[4096], *x[16];
	int rows = 0;

	if (!ok(fp != NULL, "profile-reference.csv opens"))
		return;
	while (fgets(line, sizeof(line), fp) != NULL) {
		if (line[0] == '#' || strncmp(line, "data,", 5) == 0)
			continue;
		if (split(line, x, 16) != 11)
			continue;
		check_row(x);
		rows++;
	}
	fclose(fp);
	ok(rows >= 200, "%d reference profiles checked", rows);
}

/* Rcapture's own example output (closedpCI.t(HIV, mX = ~ . + c1:c2),
 * printed as 12308, 10266, 14992.3): a log-linear fit's profile. */
static void
loglinear_hiv(void)
{
	struct mse_table *t;
	struct mse_freq *fr;
	struct mse_model *m = NULL;
	struct mse_fit *f = NULL;
	struct mse_profile p;
	struct mse_error err;

	load("HIV.csv", &t, &fr);
	mse_model_parse(t, "c1:c2", &m, NULL);
	if (ok(mse_fit_loglinear(t, m, NULL, &f, &err) == MSE_OK &&
	    mse_fit_profile(f, 0.95, &p, &err) == MSE_OK, "HIV c1:c2 "
	    "profile")) {
		ok(fabs(p.estimate - 12308) < 0.5 && fabs(p.lower - 10266) <
		    0.5 && fabs(p.upper - 14992.3) < 0.05, "HIV c1:c2: %.3f "
		    "[%.3f, %.3f] (Rcapture example: 12308 [10266, 14992.3])",
		    p.estimate, p.lower, p.upper);
	}
	mse_fit_free(f);
	mse_model_free(m);
	mse_table_free(t);
}

/*
 * Mb and Mbh, beyond Rcapture: the closed-form profile against the
 * numerical maximisation of scripts/closedp-reference.R (rows of the
 * reference file); here, that the closed form is the multinomial profile:
 * on hare (N < 100, so Cormack's term is exact) l(N2) - l(N1) equals the
 * difference of the multinomial log-likelihoods, lgamma(N + 1) -
 * lgamma(N - n + 1) plus the first-capture part at its maximum (the
 * recapture part does not depend on N), computed here from the u_j.
 */
static double
mb_multinomial(double N)
{
	/* hare: u = 16 24 9 9 6 4 (Rcapture descriptive), t = 6. */
	static const double u[] = { 16, 24, 9, 9, 6, 4 };
	double n = 68, k1 = 0, p;
	size_t j;

	for (j = 0; j < 6; j++)
		k1 += u[j] * (double)j;
	p = n / (n + k1 + 6 * (N - n));
	return lgamma(N + 1) - lgamma(N - n + 1) + n * log(p) +
	    (k1 + 6 * (N - n)) * log(1 - p);
}

static void
behaviour(void)
{
	struct mse_fit *f = closedp("hare.csv", MSE_MB);
	struct mse_error err;
	double a = 0, b = 0, lo, hi;
	int rc;

	if (!ok(f != NULL, "hare Mb fits"))
		return;
	ok(mse_fit_profile_loglik(f, 70, &a, &err) == MSE_OK &&
	    mse_fit_profile_loglik(f, 90, &b, &err) == MSE_OK, "hare Mb: "
	    "profile at 70 and 90");
	is_rel(b - a, mb_multinomial(90) - mb_multinomial(70), 1e-10,
	    "hare Mb: l(90) - l(70) is the multinomial profile's");
	/* The call first: ok()'s own arguments may be read before its
	 * condition runs (C leaves their order unspecified). */
	lo = hi = NAN;
	rc = mse_fit_interval(f, MSE_CI_PROFILE, 0.95, &lo, &hi, &err);
	ok(rc == MSE_OK && lo > 68 && hi > lo, "hare Mb: interval %g to %g",
	    lo, hi);
	mse_fit_free(f);
	ok(mse_interval(68, 75, 3, MSE_CI_PROFILE, 0.95, &lo, &hi, &err) ==
	    MSE_EINVAL, "the profile needs a fit: %s", err.message);
}

/* An upper bound that the search does not reach: ill, Mh Darroch, with
 * a level so high that the cut-off lies beyond 3 N. */
static void
open_upper(void)
{
	struct mse_table *t;
	struct mse_freq *fr;
	struct mse_fit *f = NULL;
	struct mse_profile p;
	struct mse_error err;
	double lo, hi;

	load("nbcap/ill.csv", &t, &fr);
	mse_fit_closedp_freq(fr, MSE_MH_GAMMA, INFINITY, 0, NULL, &f, NULL);
	if (ok(f != NULL && mse_fit_profile(f, 0.999999999, &p, &err) ==
	    MSE_OK, "ill Mh Gamma3.5, level 1 - 1e-9")) {
		ok(p.upper_open && isnan(p.upper), "no upper bound below "
		    "%.1f", p.limit);
		ok(mse_fit_interval(f, MSE_CI_PROFILE, 0.999999999, &lo, &hi,
		    &err) == MSE_EDOMAIN, "mse_fit_interval: %s",
		    err.message);
	}
	mse_fit_free(f);
	mse_freq_free(fr);
	mse_table_free(t);
}

int
main(void)
{
	gsl_set_error_handler_off();
	hare_mt();
	note_table();
	reference_file();
	loglinear_hiv();
	behaviour();
	open_upper();
	return tap_done();
}
