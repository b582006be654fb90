/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_check.c - unit tests of the checks of an estimate (check.c). */
#include <config.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>

#include "mse.h"
#include "tap.h"

static struct mse_table *
load(const char *name)
{
	const char *top = getenv("top_srcdir");
	struct mse_table *t = NULL;
	char path[4096];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/data/%s", top ? top : ".", name);
	fp = fopen(path, "rb");
	if (fp == NULL)
		return NULL;
	if (mse_table_read(fp, name, 0, &t, NULL) != MSE_OK)
		t = NULL;
	fclose(fp);
	return t;
}

static struct mse_check *
run(const struct mse_table *t, unsigned parts, int replicates)
{
	struct mse_check_options o;
	struct mse_check *c = NULL;
	struct mse_error err;

	mse_check_options_init(&o);
	o.parts = parts;
	o.replicates = replicates;
	if (mse_check_run(t, &o, &c, &err) != MSE_OK) {
		printf("# %s\n", err.message);
		return NULL;
	}
	return c;
}

/* |got - want| <= tol * max(|want|, 1): relative for residuals of 1 or
 * more, absolute below (residuals of cells fitted near 0 are near 0). */
static double
scaled_diff(double got, double want)
{
	return fabs(got - want) / fmax(fabs(want), 1);
}

/*
 * Residuals: base R 4.2.2, glm(count ~ ., poisson) with its default
 * control, residuals(fit, "pearson") and "deviance", on every plain list
 * table of data/ (tests/data/check-residuals.csv, made by
 * scripts/check-reference.R).  Tolerance 1e-9 scaled as above: both fits
 * run the same IRLS to the same stopping rule (methods note, section 0).
 */
static void
residuals_reference(void)
{
	const char *top = getenv("top_srcdir");
	char path[4096], line[1024], file[256] = "";
	struct mse_table *t = NULL;
	struct mse_check *c = NULL;
	double worst = 0;
	int rows = 0, bad = 0, tables = 0;
	FILE *fp;

	snprintf(path, sizeof(path), "%s/tests/data/check-residuals.csv",
	    top ? top : ".");
	fp = fopen(path, "r");
	if (!ok(fp != NULL, "check-residuals.csv opens"))
		return;
	while (fgets(line, sizeof(line), fp) != NULL) {
		char name[256];
		unsigned long pat;
		double v[4], d;
		const struct mse_check_cell *x;

		if (line[0] == '#' || strncmp(line, "file,", 5) == 0)
			continue;
		if (sscanf(line, "%255[^,],%lu,%lf,%lf,%lf,%lf", name, &pat,
		    &v[0], &v[1], &v[2], &v[3]) != 6) {
			bad++;
			continue;
		}
		if (strcmp(name, file) != 0) {
			mse_check_free(c);
			mse_table_free(t);
			snprintf(file, sizeof(file), "%s", name);
			t = load(name);
			c = t != NULL ? run(t, MSE_CHECK_FIT, 0) : NULL;
			tables++;
			ok(c != NULL && mse_check_cells(c) ==
			    mse_table_cells(t), "%s: a cell row for each of "
			    "the 2^k - 1 cells", name);
		}
		if (c == NULL || pat == 0 || pat > mse_check_cells(c)) {
			bad++;
			continue;
		}
		x = mse_check_cell(c, pat - 1);
		d = fmax(fmax(scaled_diff(x->observed, v[0]),
		    scaled_diff(x->fitted, v[1])),
		    fmax(scaled_diff(x->pearson, v[2]),
		    scaled_diff(x->deviance, v[3])));
		if (x->pattern != pat || !(d <= 1e-9)) {
			printf("# %s cell %lu: differs by %.3g\n", name, pat,
			    d);
			bad++;
		}
		if (d > worst)
			worst = d;
		rows++;
	}
	fclose(fp);
	mse_check_free(c);
	mse_table_free(t);
	printf("# largest scaled difference from R: %.3g\n", worst);
	ok(bad == 0 && rows >= 700 && tables >= 18, "%d cells of %d tables: "
	    "fitted, Pearson and deviance residuals match R's glm within "
	    "1e-9 (largest %.2g)", rows, tables, worst);
}

/*
 * Leaving out list L1 of data/HAV.csv, by hand: its 135 units over L2 and
 * L3 are n10 = 21 (L2 only), n01 = 17 (L3 only), n11 = 28, so the
 * independence model (Petersen) gives N = 49 * 45 / 28 = 78.75, with
 * var N = n1 n2 n10 n01 / n11^3 (Seber 1982, 3.1.1) and Chao's (1987)
 * log-normal interval n + f0 / C .. n + f0 C, C = exp(z sqrt(log(1 +
 * var / f0^2))), f0 = N - 66.  Tolerance 1e-9 (the fit's IRLS).
 */
static void
lolo_by_hand(void)
{
	struct mse_table *t = load("HAV.csv");
	struct mse_check *c = t != NULL ? run(t, MSE_CHECK_LOLO, 0) : NULL;
	const struct mse_check_row *r;
	double N = 49.0 * 45.0 / 28.0, v = 49.0 * 45 * 21 * 17 / pow(28, 3);
	double f0 = N - 66, z = gsl_cdf_ugaussian_Qinv(0.025);
	double C = exp(z * sqrt(log(1 + v / (f0 * f0))));
	double med, cov;
	size_t used;

	if (!ok(c != NULL && mse_check_rows(c, MSE_CHECK_LOLO) == 3,
	    "HAV: one LOLO row per list"))
		goto out;
	r = mse_check_row(c, MSE_CHECK_LOLO, 0);
	ok(strcmp(r->label, "L1") == 0 && r->status == MSE_OK, "L1 first, "
	    "with an estimate");
	is_rel(r->truth, 135, 0, "|L1| = 135 (data/README.md)");
	is_rel(r->observed, 66, 0, "66 of L1 seen by L2 or L3");
	is_rel(r->estimate, N, 1e-9, "N(L1) = 78.75 by hand (1e-9)");
	is_rel(r->se, sqrt(v), 1e-9, "se by hand (1e-9)");
	is_rel(r->lower, 66 + f0 / C, 1e-9, "lower by hand (1e-9)");
	is_rel(r->upper, 66 + f0 * C, 1e-9, "upper by hand (1e-9)");
	is_int(r->covered, 0, "96.6 < 135: not covered");
	is_rel(r->log_ratio, log(N / 135), 1e-9, "log(78.75 / 135) (1e-9)");
	ok(mse_check_lolo_summary(c, &med, &cov, &used) == MSE_OK &&
	    used == 3 && cov == 0, "summary: 3 lists, coverage 0");
	{
		/* L2: 21 L1 only, 18 L3 only, 28 both; L3: 17, 18, 28. */
		double n2 = 49.0 * 46 / 28, n3 = 45.0 * 46 / 28;
		double a[3] = { fabs(log(N / 135)), fabs(log(n2 / 122)),
			fabs(log(n3 / 126)) }, m;

		m = a[0] > a[1] ? (a[1] > a[2] ? a[1] : (a[0] > a[2] ? a[2] :
		    a[0])) : (a[0] > a[2] ? a[0] : (a[1] > a[2] ? a[2] : a[1]));
		is_rel(med, m, 1e-9, "median |log ratio| by hand (1e-9)");
	}
out:
	mse_check_free(c);
	mse_table_free(t);
}

/* Two lists have no LOLO: a row with the reason, no number. */
static void
lolo_two_lists(void)
{
	struct mse_table *t = load("HAV.csv"), *two = NULL;
	size_t idx[2] = { 0, 1 };
	struct mse_check *c = NULL;
	const struct mse_check_row *r;

	if (t != NULL)
		mse_table_collapse(t, idx, 2, &two, NULL);
	c = two != NULL ? run(two, MSE_CHECK_LOLO | MSE_CHECK_SENSITIVITY,
	    0) : NULL;
	if (ok(c != NULL, "two lists: the checks run")) {
		r = mse_check_row(c, MSE_CHECK_LOLO, 0);
		ok(r->status != MSE_OK && isnan(r->estimate) &&
		    strstr(r->reason, "3 lists") != NULL, "two lists: LOLO "
		    "says it needs 3 lists, and gives no number");
		r = mse_check_row(c, MSE_CHECK_SENSITIVITY, 1);
		ok(r != NULL && r->status != MSE_OK && strstr(r->reason,
		    "one list") != NULL, "two lists: dropping one says it "
		    "leaves one list");
	}
	mse_check_free(c);
	mse_table_free(two);
	mse_table_free(t);
}

/* Merging PF and NCA of UKdat is UKdat_5 (SparseMSE's UKdat_5 is that
 * merge), cell for cell, exactly. */
static void
merge_ukdat(void)
{
	struct mse_table *t = load("UKdat.csv"), *t5 = load("UKdat_5.csv");
	struct mse_table *m = NULL;
	uint32_t w;
	size_t j;
	int same = 1;

	if (!ok(t != NULL && t5 != NULL && mse_table_merge(t, 2, 5, &m,
	    NULL) == MSE_OK, "UKdat: PF and NCA merge"))
		goto out;
	for (j = 0; j < 5; j++)
		same &= strcmp(mse_table_name(m, j), mse_table_name(t5, j)) ==
		    0;
	ok(same, "the lists are UKdat_5's: LA, NG, PFNCA, GO, GP");
	for (w = 1; w <= mse_table_cells(t5); w++)
		same &= mse_table_get(m, w) == mse_table_get(t5, w);
	ok(same, "every cell equals UKdat_5's (exactly)");
out:
	mse_table_free(m);
	mse_table_free(t);
	mse_table_free(t5);
}

/*
 * Bounds.  Two lists, closed form: mu00 = psi n10 n01 / n11, so with
 * n10 = 21, n01 = 17, n11 = 28 and psi from 1/2 to 2, N runs from
 * 66 + 12.75 / 2 to 66 + 2 * 12.75 (exact arithmetic; 1e-12).  Three
 * lists (HAV): at psi = 1 the all-pairs model's MLE (mse_fit_loglinear,
 * 1e-9) and by hand n111 n100 n010 n001 / (n110 n101 n011).
 */
static void
bounds(void)
{
	struct mse_table *t = load("HAV.csv"), *two = NULL;
	static const char *const bc[] = { "B", "C" };
	struct mse_check *c = NULL;
	const struct mse_check_bounds *b;
	struct mse_model *m = NULL;
	struct mse_fit *f = NULL;
	double hand = 271 + 28.0 * 69 * 55 * 63 / (21.0 * 17 * 18), e;

	two = mse_table_new(2, bc, NULL);
	mse_table_set(two, 1, 21, NULL);
	mse_table_set(two, 2, 17, NULL);
	mse_table_set(two, 3, 28, NULL);
	c = run(two, MSE_CHECK_BOUNDS, 0);
	if (ok(c != NULL, "two lists: bounds run")) {
		b = mse_check_bounds(c);
		is_int(b->status, MSE_OK, "two lists: defined");
		is_rel(b->lower, 66 + 12.75 / 2, 1e-12, "lower = n + n10 n01 / "
		    "(2 n11) (1e-12)");
		is_rel(b->upper, 66 + 2 * 12.75, 1e-12, "upper = n + 2 n10 n01 "
		    "/ n11 (1e-12)");
		is_rel(b->at_one, 78.75, 1e-12, "psi = 1: Petersen (1e-12)");
	}
	mse_check_free(c);
	c = t != NULL ? run(t, MSE_CHECK_BOUNDS, 0) : NULL;
	if (ok(c != NULL && mse_model_parse(t, "L1:L2 + L1:L3 + L2:L3", &m,
	    NULL) == MSE_OK && mse_fit_loglinear(t, m, NULL, &f, NULL) ==
	    MSE_OK, "HAV: bounds and the all-pairs fit run")) {
		b = mse_check_bounds(c);
		is_rel(b->at_one, mse_fit_estimate(f), 1e-9, "psi = 1: the "
		    "all-pairs MLE (1e-9)");
		is_rel(b->at_one, hand, 1e-12, "psi = 1: by hand (1e-12)");
		is_rel(b->lower, 271 + (hand - 271) / 2, 1e-12, "psi = 2: "
		    "half the unseen (three lists: mu000 ~ 1 / psi; 1e-12)");
		is_rel(b->upper, 271 + (hand - 271) * 2, 1e-12, "psi = 1/2: "
		    "twice the unseen (1e-12)");
	}
	mse_table_free(two);
	two = load("Artificial_3.csv");
	is_int(two != NULL ? mse_table_odds_estimate(two, 1, &e, NULL) : -1,
	    MSE_EDOMAIN, "Artificial_3 has a zero cell: undefined");
	ok(isnan(e), "... and no number");
	mse_fit_free(f);
	mse_model_free(m);
	mse_check_free(c);
	mse_table_free(two);
	mse_table_free(t);
}

/* The deviance test: chi-squared when Cochran's rule holds (Kosovo's
 * cells are all fitted above 5), else the parametric bootstrap. */
static void
goodness_of_fit(void)
{
	struct mse_table *k = load("Kosovo.csv"), *u = load("UKdat.csv");
	struct mse_check *c = k != NULL ? run(k, MSE_CHECK_FIT, 99) : NULL;
	const struct mse_check_gof *g;

	if (ok(c != NULL, "Kosovo: fit diagnostics run")) {
		g = mse_check_gof(c);
		ok(!g->sparse && isnan(g->p_boot), "Kosovo: not sparse, no "
		    "bootstrap (smallest fitted %.3g)", g->min_fitted);
		is_rel(g->p, gsl_cdf_chisq_Q(g->deviance, (double)g->df), 1e-12,
		    "p = P(chi2_df > D) (1e-12)");
		is_int(g->df, 10, "df = 15 cells - 5 parameters");
	}
	mse_check_free(c);
	c = u != NULL ? run(u, MSE_CHECK_FIT, 99) : NULL;
	if (ok(c != NULL, "UKdat: fit diagnostics run")) {
		g = mse_check_gof(c);
		ok(g->sparse && g->small > g->cells / 5, "UKdat: sparse (%zu "
		    "of %zu cells below 5)", g->small, g->cells);
		ok(g->used == 99 && g->p_boot >= 1.0 / 100 && g->p_boot <= 1,
		    "bootstrap p from 99 replicates in [1/100, 1]");
	}
	mse_check_free(c);
	mse_table_free(k);
	mse_table_free(u);
}

/* The spread, recomputed from the model set itself. */
static void
spread(void)
{
	struct mse_table *t = load("Western.csv");
	struct mse_check *c = t != NULL ? run(t, MSE_CHECK_SPREAD, 0) : NULL;
	struct mse_modelset *s = NULL;
	const struct mse_check_spread *sp;
	double lo = INFINITY, hi = -INFINITY, best, av, se;
	size_t i, within = 0;

	if (!ok(c != NULL && mse_modelset_fit(t, 2, 65536, NULL, &s, NULL) ==
	    MSE_OK, "Western: spread and model set run"))
		goto out;
	sp = mse_check_spread(c);
	best = mse_fit_aic(mse_modelset_fit_of(s, mse_modelset_best(s,
	    MSE_SELECT_AIC)));
	for (i = 0; i < mse_modelset_size(s); i++) {
		const struct mse_fit *f = mse_modelset_fit_of(s, i);

		if (f == NULL || mse_fit_aic(f) - best > 2)
			continue;
		within++;
		lo = fmin(lo, mse_fit_estimate(f));
		hi = fmax(hi, mse_fit_estimate(f));
	}
	mse_modelset_average(s, MSE_SELECT_AIC, &av, &se, NULL);
	is_int((long)sp->within, (long)within, "models within 2 AIC");
	is_rel(sp->lower, lo, 0, "their smallest N");
	is_rel(sp->upper, hi, 0, "their largest N");
	is_rel(sp->average, av, 0, "the model-averaged N");
out:
	mse_modelset_free(s);
	mse_check_free(c);
	mse_table_free(t);
}

/*
 * LOLO coverage, small and seeded: 30 populations of 2000 with 4
 * independent lists (p = 0.2, 0.25, 0.3, 0.35; mse_sim seeds 1..30).
 * Within each list the others stay independent, so the independence
 * model holds and 95% intervals should cover about 95% of the 120
 * list sizes.  The full study (200 populations, 90-98%) is
 * scripts/check-coverage; here at least 85% (P(X < 102) for
 * X ~ Bin(120, 0.95) is below 1e-3).
 */
static void
lolo_coverage(void)
{
	static const char *const names[] = { "A", "B", "C", "D" };
	static const double p[] = { 0.2, 0.25, 0.3, 0.35 };
	struct mse_sim *m = mse_sim_new(4, names, p, NULL);
	size_t covered = 0, total = 0, i;
	unsigned long seed;

	for (seed = 1; m != NULL && seed <= 30; seed++) {
		struct mse_strata *s = NULL;
		struct mse_check *c;

		if (mse_sim_run(m, 2000, seed, &s, NULL, NULL) != MSE_OK)
			continue;
		c = run(mse_strata_table(s, 0), MSE_CHECK_LOLO, 0);
		for (i = 0; c != NULL && i < mse_check_rows(c,
		    MSE_CHECK_LOLO); i++) {
			const struct mse_check_row *r = mse_check_row(c,
			    MSE_CHECK_LOLO, i);

			total++;
			covered += r->covered == 1;
		}
		mse_check_free(c);
		mse_strata_free(s);
	}
	mse_sim_free(m);
	is_int((long)total, 120, "120 LOLO intervals");
	ok(covered >= 102, "LOLO coverage %zu of %zu (at least 85%%)",
	    covered, total);
}

/* Subsets: Western's 5 lists give the whole table, 5 drops, 10 merges
 * and the 10 subsets of 3 lists (those of 4 are the drops). */
static void
subsets(void)
{
	struct mse_table *t = load("Western.csv");
	struct mse_check_options o;
	struct mse_check *c = NULL;
	size_t i, kinds[5] = { 0 };

	mse_check_options_init(&o);
	o.parts = MSE_CHECK_SENSITIVITY;
	o.subsets = 1;
	if (!ok(t != NULL && mse_check_run(t, &o, &c, NULL) == MSE_OK,
	    "Western: the sensitivity with subsets runs"))
		goto out;
	for (i = 0; i < mse_check_rows(c, MSE_CHECK_SENSITIVITY); i++)
		kinds[mse_check_row(c, MSE_CHECK_SENSITIVITY, i)->kind]++;
	ok(kinds[MSE_CHECK_ROW_FULL] == 1 && kinds[MSE_CHECK_ROW_DROP] == 5 &&
	    kinds[MSE_CHECK_ROW_MERGE] == 10 && kinds[MSE_CHECK_ROW_SUBSET] ==
	    10, "1 whole, 5 drops, 10 merges, 10 subsets of 3 (C(5,2), "
	    "C(5,3))");
out:
	mse_check_free(c);
	mse_table_free(t);
}

/* A fixed model is carried to each table: HAV with L1:L2 keeps L1:L2
 * when L3 is dropped (2 lists, 4 parameters for 3 cells: not
 * identifiable), loses it when L1 is dropped, and with L1 and L2 merged
 * it becomes the merged list's main effect. */
static void
carried_model(void)
{
	struct mse_table *t = load("HAV.csv");
	struct mse_by_options bo;
	struct mse_check_options o;
	struct mse_check *c = NULL;
	const struct mse_check_row *r;

	mse_by_options_init(&bo);
	bo.model = "L1:L2";
	mse_check_options_init(&o);
	o.fit = &bo;
	o.parts = MSE_CHECK_SENSITIVITY;
	if (!ok(t != NULL && mse_check_run(t, &o, &c, NULL) == MSE_OK,
	    "HAV -M L1:L2: the sensitivity runs"))
		goto out;
	r = mse_check_row(c, MSE_CHECK_SENSITIVITY, 0);
	ok(strcmp(r->model, "L1:L2") == 0, "whole table: L1:L2");
	r = mse_check_row(c, MSE_CHECK_SENSITIVITY, 1);
	ok(strcmp(r->label, "L1") == 0 && strcmp(r->model, "main") == 0,
	    "L1 dropped: main (%s)", r->model);
	r = mse_check_row(c, MSE_CHECK_SENSITIVITY, 3);
	ok(strcmp(r->label, "L3") == 0 && r->status == MSE_ESINGULAR &&
	    isnan(r->estimate), "L3 dropped: L1:L2 on two lists is not "
	    "identifiable, no number");
	r = mse_check_row(c, MSE_CHECK_SENSITIVITY, 4);
	ok(strcmp(r->label, "L1+L2") == 0 && strcmp(r->model, "main") == 0,
	    "L1+L2 merged: main");
out:
	mse_check_free(c);
	mse_table_free(t);
}

/* The fit's bootstrap: the same seed gives the same p-value. */
static void
seeded(void)
{
	struct mse_table *t = load("UKdat.csv");
	struct mse_check *a = t != NULL ? run(t, MSE_CHECK_FIT, 49) : NULL;
	struct mse_check *b = t != NULL ? run(t, MSE_CHECK_FIT, 49) : NULL;

	ok(a != NULL && b != NULL && mse_check_gof(a)->p_boot ==
	    mse_check_gof(b)->p_boot, "same seed, same bootstrap p (%g)",
	    a != NULL ? mse_check_gof(a)->p_boot : NAN);
	mse_check_free(a);
	mse_check_free(b);
	mse_table_free(t);
}

/* Bad options are refused with a reason, and the verdict is complete. */
static void
options(void)
{
	struct mse_table *t = load("HAV.csv");
	struct mse_check_options o;
	struct mse_check *c = NULL;
	struct mse_error err;
	size_t i;

	mse_check_options_init(&o);
	o.max_odds_ratio = 0.5;
	is_int(mse_check_run(t, &o, &c, &err), MSE_EINVAL, "odds ratio "
	    "below 1 refused");
	ok(c == NULL, "no object on failure");
	mse_check_options_init(&o);
	o.replicates = 0;
	if (ok(mse_check_run(t, &o, &c, &err) == MSE_OK, "all parts run")) {
		is_int((long)mse_check_verdicts(c), 6, "six verdict lines");
		for (i = 0; i < mse_check_verdicts(c); i++) {
			const struct mse_check_verdict *v =
			    mse_check_verdict(c, i);

			ok(v->reading[0] != '\0' && v->result[0] != '\0',
			    "verdict %s has a result and a reading", v->check);
		}
	}
	mse_check_free(c);
	mse_table_free(t);
}

int
main(void)
{
	gsl_set_error_handler_off();
	residuals_reference();
	lolo_by_hand();
	lolo_two_lists();
	merge_ukdat();
	bounds();
	goodness_of_fit();
	spread();
	lolo_coverage();
	subsets();
	carried_model();
	seeded();
	options();
	return tap_done();
}
