/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_ppc.c - unit tests of the posterior predictive check (ppc.c) of
 * the latent-class model (mse_lcm_ppc) and of dga (mse_dga_ppc). */
#include <config.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "mse_private.h"
#include "../tap.h"

/* Calibration: a posterior predictive p-value is not uniform under the
 * model (it is pulled towards 0.5, Gelman, Meng & Stern 1996), so on
 * tables the model fits it should stay well inside (LOW, 1 - LOW); on a
 * table it cannot fit, below MISFIT.  Both are our conventions, checked
 * with the seeds below (the values seen are printed as diagnostics). */
#define LOW 0.05
#define MISFIT 0.01

/* k lists with capture probability p each; with two latent classes of
 * weight 1/2 whose capture odds are times 1/f and f, or with one
 * interaction lambda between lists 1 and 2 and -lambda between 3 and 4. */
static struct mse_strata *
simulate(size_t k, double p, double f, double lambda, double size,
    unsigned long seed)
{
	static const char *const names[] = { "A", "B", "C", "D", "E", "F",
	    "G", "H", "I", "J", "K", "L", "M", "N" };
	double prob[14];
	struct mse_sim *m;
	struct mse_strata *s = NULL;
	struct mse_error err;
	size_t i;

	for (i = 0; i < k; i++)
		prob[i] = p;
	m = mse_sim_new(k, names, prob, &err);
	if (m == NULL)
		return NULL;
	if ((f > 0 && (mse_sim_class(m, 0.5, 1 / f, &err) != MSE_OK ||
	    mse_sim_class(m, 0.5, f, &err) != MSE_OK)) || (lambda != 0 &&
	    (mse_sim_interaction(m, 3, lambda, &err) != MSE_OK ||
	    mse_sim_interaction(m, 12, -lambda, &err) != MSE_OK)) ||
	    mse_sim_run(m, size, seed, &s, NULL, &err) != MSE_OK)
		printf("# %s\n", err.message);
	mse_sim_free(m);
	return s;
}

static int
lcm_ppp(const struct mse_table *t, int K, unsigned long seed, int threads,
    int sampler, double *p, struct mse_error *err)
{
	struct mse_lcm_options o;
	struct mse_lcm *m = NULL;
	int rc;

	mse_lcm_options_init(&o);
	o.classes = K;
	o.seed = seed;
	o.threads = threads;
	o.sampler = sampler;
	o.samples = 250;
	o.burnin = 1000;
	o.thin = 5;
	*p = NAN;
	if ((rc = mse_lcm_fit(t, &o, &m, err)) == MSE_OK)
		rc = mse_lcm_ppc(m, p, NULL, NULL, err);
	mse_lcm_free(m);
	return rc;
}

static int
dga_ppp(const struct mse_table *t, unsigned long seed, int threads,
    double *p, struct mse_error *err)
{
	struct mse_dga_options o;
	struct mse_dga *d = NULL;
	int rc;

	mse_dga_options_init(&o);
	o.threads = threads;
	*p = NAN;
	if ((rc = mse_dga_fit(t, &o, &d, err)) == MSE_OK)
		rc = mse_dga_ppc(d, 2000, seed, p, NULL, NULL, err);
	mse_dga_free(d);
	return rc;
}

/* The Freeman-Tukey statistic by hand: y = (-, 4, 9, 0), N pi = (-, 4,
 * 4, 1): (2 - 2)^2 + (3 - 2)^2 + (0 - 1)^2 = 2, exactly. */
static void
test_ft(void)
{
	static const double y[4] = { 100, 4, 9, 0 };
	static const double pi[4] = { 7.0 / 16, 4.0 / 16, 4.0 / 16, 1.0 / 16 };

	is_rel(msei_ppc_ft(y, pi, 16, 4), 2, 1e-15, "Freeman-Tukey by hand "
	    "(the unseen cell left out)");
}

/* Tables from a two-class latent-class model (mse_sim, 4 lists, 2000
 * units, capture odds times 1/3 and 3) fitted by lcm (K = 10, the
 * default), and tables from the decomposable log-linear model A:B + C:D
 * (log odds ratios 1 and -1) fitted by dga: p inside (LOW, 1 - LOW) for
 * every one of five seeds.  (dga on the latent-class tables gave p from
 * 0 to 0.05: its posterior, with delta = 2^-k, favours sparse graphs
 * whose deviance there is 26 on 7 df -- a misfit, not a fault.) */
static void
test_calibrated(void)
{
	double lo = 1, hi = 0, dlo = 1, dhi = 0, p;
	struct mse_error err;
	unsigned long seed;
	int fails = 0;

	for (seed = 1; seed <= 5; seed++) {
		struct mse_strata *st = simulate(4, 0.3, 3, 0, 2000, seed);
		const struct mse_table *t = st != NULL ?
		    mse_strata_table(st, 0) : NULL;

		if (t == NULL || lcm_ppp(t, 10, 1, 1, MSE_LCM_FAST, &p,
		    &err) != MSE_OK) {
			fails++;
			mse_strata_free(st);
			continue;
		}
		lo = fmin(lo, p);
		hi = fmax(hi, p);
		mse_strata_free(st);
		st = simulate(4, 0.3, 0, 1, 2000, seed);
		t = st != NULL ? mse_strata_table(st, 0) : NULL;
		if (t == NULL || dga_ppp(t, 1, 1, &p, &err) != MSE_OK)
			fails++;
		dlo = fmin(dlo, p);
		dhi = fmax(dhi, p);
		mse_strata_free(st);
	}
	printf("# lcm p from %g to %g, dga p from %g to %g\n", lo, hi, dlo,
	    dhi);
	ok(fails == 0, "lcm and dga fit their ten simulated tables");
	ok(lo > LOW && hi < 1 - LOW, "lcm: p in (%g, %g) on tables from its "
	    "model", LOW, 1 - LOW);
	ok(dlo > LOW && dhi < 1 - LOW, "dga: p in (%g, %g) on tables from a "
	    "decomposable model", LOW, 1 - LOW);
}

/* Strong pairwise dependence (log odds ratios 2 and -2 between lists
 * 1, 2 and 3, 4): lcm with one class (independent lists) cannot fit it,
 * p < MISFIT; dga, whose graphs hold those edges, still fits. */
static void
test_misfit(void)
{
	struct mse_strata *st = simulate(4, 0.3, 0, 2, 2000, 7);
	const struct mse_table *t = st != NULL ?
	    mse_strata_table(st, 0) : NULL;
	struct mse_error err;
	double p = NAN, q = NAN;
	int rp = -1, rq = -1;

	if (t != NULL) {
		rp = lcm_ppp(t, 1, 1, 1, MSE_LCM_FAST, &p, &err);
		rq = dga_ppp(t, 1, 1, &q, &err);
	}
	ok(rp == MSE_OK && p < MISFIT, "lcm K = 1 on a dependent table: p = "
	    "%g < %g", p, MISFIT);
	ok(rq == MSE_OK && q > LOW && q < 1 - LOW, "dga on the same table: "
	    "p = %g in (%g, %g)", q, LOW, 1 - LOW);
	mse_strata_free(st);
}

/* The same seed gives the same p on 1 or 2 threads; another seed
 * another p (the replicates are random); LCMCR's sampler too. */
static void
test_seeds(void)
{
	struct mse_strata *st = simulate(4, 0.3, 3, 0, 2000, 11);
	const struct mse_table *t = st != NULL ?
	    mse_strata_table(st, 0) : NULL;
	struct mse_error err;
	double a = NAN, b = NAN, c = NAN, d = NAN, e = NAN, g = NAN, h = NAN;
	double x = NAN;

	if (t != NULL) {
		lcm_ppp(t, 10, 1, 1, MSE_LCM_FAST, &a, &err);
		lcm_ppp(t, 10, 1, 2, MSE_LCM_FAST, &b, &err);
		lcm_ppp(t, 10, 2, 2, MSE_LCM_FAST, &c, &err);
		lcm_ppp(t, 10, 1, 1, MSE_LCM_LCMCR, &g, &err);
		lcm_ppp(t, 10, 1, 2, MSE_LCM_LCMCR, &h, &err);
		dga_ppp(t, 5, 1, &d, &err);
		dga_ppp(t, 5, 2, &e, &err);
		dga_ppp(t, 6, 1, &x, &err);
	}
	ok(!isnan(a) && a == b, "lcm: the same p on 1 and 2 threads (%g)", a);
	ok(!isnan(g) && g == h, "lcm (LCMCR's draws): the same p on 1 and 2 "
	    "threads (%g)", g);
	ok(!isnan(c) && c != a, "lcm: another seed, another p (%g)", c);
	ok(!isnan(d) && d == e, "dga: the same p on 1 and 2 threads (%g)", d);
	ok(!isnan(x) && x != d, "dga: another seed, another p (%g)", x);
	mse_strata_free(st);
}

/*
 * Beyond 12 lists lcm's check goes over the seen cells alone (lcm.c,
 * ppc_seen): the same statistic, T(y) of the observed table computed in
 * O(seen cells) instead of over 2^k cells.  On a 4-list table, forced to
 * it, the same chains give the same mean T(y) to 1e-9 (the chains' draws
 * do not depend on the check's generator), and a p-value within Monte
 * Carlo error of the dense check's (4 standard errors of a difference of
 * two independent proportions of 1000 draws); on 14 lists it calibrates
 * (a table of its own model) and finds a misfit (K = 1 against pairwise
 * dependence), as the dense check does on 4.
 */
static int
lcm_check(const struct mse_table *t, int K, double *p, double *tobs)
{
	struct mse_lcm_options o;
	struct mse_lcm *m = NULL;
	struct mse_error err;
	int rc;

	mse_lcm_options_init(&o);
	o.classes = K;
	o.threads = 1;
	o.samples = 250;
	o.burnin = 1000;
	o.thin = 5;
	*p = *tobs = NAN;
	if ((rc = mse_lcm_fit(t, &o, &m, &err)) == MSE_OK)
		rc = mse_lcm_ppc(m, p, tobs, NULL, &err);
	if (rc != MSE_OK)
		printf("# %s\n", err.message);
	mse_lcm_free(m);
	return rc;
}

static void
test_seen_cells(void)
{
	struct mse_strata *st = simulate(4, 0.3, 3, 0, 2000, 2);
	const struct mse_table *t = st != NULL ?
	    mse_strata_table(st, 0) : NULL;
	double p1, t1, p2, t2, se;
	int r1, r2;

	r1 = t != NULL ? lcm_check(t, 10, &p1, &t1) : -1;
	msei_lcm_ppc_sparse(1);
	r2 = t != NULL ? lcm_check(t, 10, &p2, &t2) : -1;
	msei_lcm_ppc_sparse(0);
	mse_strata_free(st);
	ok(r1 == MSE_OK && r2 == MSE_OK && fabs(t1 - t2) <= 1e-9 * t1,
	    "seen cells: the same mean T(y) as over every cell (%.12g and "
	    "%.12g)", t1, t2);
	se = sqrt(p1 * (1 - p1) / 1000 + p2 * (1 - p2) / 1000);
	ok(r1 == MSE_OK && r2 == MSE_OK && fabs(p1 - p2) <= 4 * se + 1e-12,
	    "seen cells: p %g within 4 MC s.e. (%g) of every cell's %g", p2,
	    se, p1);
	st = simulate(14, 0.1, 3, 0, 3000, 5);
	t = st != NULL ? mse_strata_table(st, 0) : NULL;
	r1 = t != NULL ? lcm_check(t, 10, &p1, &t1) : -1;
	ok(r1 == MSE_OK && p1 > LOW && p1 < 1 - LOW, "seen cells, 14 lists, "
	    "two classes: p = %g in (%g, %g)", p1, LOW, 1 - LOW);
	mse_strata_free(st);
	st = simulate(14, 0.2, 0, 2, 3000, 7);
	t = st != NULL ? mse_strata_table(st, 0) : NULL;
	r1 = t != NULL ? lcm_check(t, 1, &p1, &t1) : -1;
	ok(r1 == MSE_OK && p1 < MISFIT, "seen cells, 14 lists, K = 1 "
	    "against pairwise dependence: p = %g < %g", p1, MISFIT);
	mse_strata_free(st);
}

/* An undefined check says why and gives no number: no draws asked of
 * dga. */
static void
test_undefined(void)
{
	struct mse_strata *st;
	const struct mse_table *t;
	struct mse_error err;
	double p = 0;
	int rc = -1;

	mse_error_clear(&err);
	st = simulate(3, 0.3, 0, 0, 300, 3);
	t = st != NULL ? mse_strata_table(st, 0) : NULL;
	if (t != NULL) {
		struct mse_dga *d = NULL;

		if (mse_dga_fit(t, NULL, &d, &err) == MSE_OK)
			rc = mse_dga_ppc(d, 0, 1, &p, NULL, NULL, &err);
		mse_dga_free(d);
	}
	ok(rc == MSE_EINVAL, "dga: 0 draws refused (%s)", err.message);
	mse_strata_free(st);
}

int
main(void)
{
	gsl_set_error_handler_off();
	test_ft();
	test_calibrated();
	test_misfit();
	test_seeds();
	test_seen_cells();
	test_undefined();
	return tap_done();
}
