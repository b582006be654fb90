/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_subgroups.c - unit tests of mse_covariates_replicates and subgroups. */
#include <config.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "mse.h"
#include "tap.h"

static const char *const vars[] = { "year", "gender" };
static const char *const lists[] = { "Politiet", "UDI", "ROSA",
	"Pro Sentret", "Frelsesarmeen" };

static struct mse_strata *
load(void)
{
	struct mse_strata_spec spec = { sizeof(spec), 0, vars, 2, lists, 5, 0 };
	const char *top = getenv("top_srcdir");
	struct mse_strata *s = NULL;
	char path[4096];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/tests/data/kom-year-gender.csv",
	    top ? top : ".");
	if ((fp = fopen(path, "rb")) == NULL)
		return NULL;
	if (mse_strata_read(fp, path, &spec, &s, NULL) != MSE_OK ||
	    mse_strata_complete(s, NULL) != MSE_OK) {
		mse_strata_free(s);
		s = NULL;
	}
	fclose(fp);
	return s;
}

static int
close_rel(double a, double b, double tol)
{
	return fabs(a - b) <= tol * fmax(1, fabs(b));
}

/* The distinct values of variable j, in stratum order. */
static size_t
levels(const struct mse_strata *s, size_t j, const char **out, size_t max)
{
	size_t i, k, n = 0;

	for (i = 0; i < mse_strata_count(s); i++) {
		const char *v = mse_strata_value(s, i, j);

		for (k = 0; k < n && strcmp(out[k], v) != 0; k++)
			;
		if (k == n && n < max)
			out[n++] = v;
	}
	return n;
}

/* Tolerance 1e-9 relative: the sums add the same doubles in another
 * order (rounding only). */
static void
sums_draw_by_draw(const struct mse_strata *s, const struct mse_replicates *r)
{
	const char *lev[64], *val[2];
	size_t j, b, l, n, bad = 0, ns;
	double fsum = 0, point;

	for (j = 0; j < 2; j++) {
		n = levels(s, j, lev, 64);
		for (b = 0; b < r->B; b++) {
			double sum = 0, total = mse_subgroup_sum(s,
			    (const char *const[]){ NULL, NULL },
			    r->estimate + b * r->S, NULL);

			for (l = 0; l < n; l++) {
				val[j] = lev[l];
				val[1 - j] = NULL;
				sum += mse_subgroup_sum(s, val,
				    r->estimate + b * r->S, NULL);
			}
			bad += !close_rel(sum, total, 1e-9);
		}
	}
	ok(bad == 0, "every replicate: the levels of year, and of gender, sum "
	    "to the total (1e-9 relative; %zu off)", bad);
	point = mse_subgroup_sum(s, (const char *const[]){ "2013", NULL },
	    r->point, &ns);
	ok(ns == 2 && close_rel(point, r->point[0 + 2] + r->point[3], 1e-12),
	    "the subgroup 2013 is its two strata's N (1e-12)");
	for (j = 0; j < r->S * 32; j++)
		fsum += r->fitted[j];
	ok(close_rel(fsum, r->point[r->S], 1e-9), "the fitted values of "
	    "every cell, unseen ones included, sum to the total N (1e-9): "
	    "%.10g vs %.10g", fsum, r->point[r->S]);
}

/*
 * The model's fitted values of stratum 0 (2012, kvinne) against base R
 * 4.2.2 glm with factor(year) and factor(gender), 1e-6 relative (the
 * issue's tolerance): tests/data/subgroups-reference.csv, made by
 * scripts/subgroups-reference.R, rows "CASE,fitted,,PATTERN,VALUE" with
 * the lists' digits in column order.
 */
static void
fitted_as_glm(const struct mse_replicates *r, const char *cas)
{
	const char *top = getenv("top_srcdir");
	char path[4096], line[512], want[64];
	size_t n = 0, bad = 0, j;
	FILE *fp;

	snprintf(path, sizeof(path), "%s/tests/data/subgroups-reference.csv",
	    top ? top : ".");
	snprintf(want, sizeof(want), "%s,fitted,,", cas);
	if ((fp = fopen(path, "r")) == NULL) {
		ok(0, "%s: open the reference values", path);
		return;
	}
	while (fgets(line, sizeof(line), fp) != NULL) {
		const char *p = line + strlen(want);
		unsigned w = 0;
		double v;

		if (strncmp(line, want, strlen(want)) != 0)
			continue;
		for (j = 0; j < 5; j++)
			w |= (unsigned)(p[j] == '1') << j;
		v = strtod(p + 6, NULL);
		n++;
		bad += !close_rel(r->fitted[w], v, 1e-6);
	}
	fclose(fp);
	ok(n == 31 && bad == 0, "%s: the 31 fitted values of 2012, kvinne "
	    "are R glm's (1e-6 relative; %zu of %zu off)", cas, bad, n);
}

static void
same_for_threads(const struct mse_strata *s, const char *formula,
    const char *cas)
{
	struct mse_bootstrap_options bo;
	struct mse_replicates r1, r2;
	int rc1, rc2;

	mse_bootstrap_options_init(&bo);
	bo.replicates = 200;
	bo.seed = 17;
	bo.threads = 1;
	rc1 = mse_covariates_replicates(s, formula, NULL, NULL, &bo, &r1, NULL);
	bo.threads = 2;
	rc2 = mse_covariates_replicates(s, formula, NULL, NULL, &bo, &r2, NULL);
	ok(rc1 == MSE_OK && rc2 == MSE_OK && r1.used == r2.used &&
	    memcmp(r1.estimate, r2.estimate, r1.B * r1.S * sizeof(double)) ==
	    0, "%s: 1 and 2 threads give the same replicates, bit for bit",
	    formula);
	if (rc1 == MSE_OK) {
		double lo, hi;
		struct mse_error e;

		ok(r1.B == 200 && r1.S == 10 && r1.used == 200, "%s: 200 "
		    "replicates of 10 strata, all with an estimate (%zu)",
		    formula, r1.used);
		sums_draw_by_draw(s, &r1);
		fitted_as_glm(&r1, cas);
		int rc = mse_subgroup_interval(s, (const char *const[]){
		    NULL, NULL }, &r1, 0.95, &lo, &hi, NULL);

		ok(rc == MSE_OK && lo < r1.point[r1.S] && r1.point[r1.S] < hi,
		    "%s: the total's interval %g..%g holds its N %g", formula,
		    lo, hi, r1.point[r1.S]);
		mse_error_clear(&e);
		r1.used = 39;
		ok(mse_subgroup_interval(s, (const char *const[]){ NULL,
		    NULL }, &r1, 0.95, &lo, &hi, &e) == MSE_ENOMLE &&
		    isnan(lo) && strstr(e.message, "needs 40") != NULL,
		    "39 usable replicates: no 95%% interval, with the reason "
		    "(%s)", e.message);
		ok(mse_subgroup_interval(s, (const char *const[]){ "1999",
		    NULL }, &r1, 0.95, &lo, &hi, NULL) == MSE_EDOMAIN,
		    "a subgroup with no stratum is refused");
	}
	mse_replicates_free(&r1);
	mse_replicates_free(&r2);
}

static void
errors(const struct mse_strata *s)
{
	struct mse_bootstrap_options bo;
	struct mse_replicates r;

	mse_bootstrap_options_init(&bo);
	bo.top = 3;
	is_int(mse_covariates_replicates(s, "main", NULL, NULL, &bo, &r, NULL),
	    MSE_EINVAL, "top models are refused");
	ok(r.estimate == NULL, "... and nothing is left to free");
	bo.top = 0;
	is_int(mse_covariates_replicates(s, "Politiet:nosuch", NULL, NULL, &bo,
	    &r, NULL), MSE_EPARSE, "an unknown name in the formula is refused");
	mse_replicates_free(NULL);
}

int
main(void)
{
	struct mse_strata *s;

	gsl_set_error_handler_off();
	s = load();
	if (!ok(s != NULL && mse_strata_count(s) == 10, "kom-year-gender: 10 "
	    "strata"))
		return tap_done();
	same_for_threads(s, "main", "main");
	same_for_threads(s, "Politiet:gender + UDI:year + year:gender",
	    "interactions");
	errors(s);
	mse_strata_free(s);
	return tap_done();
}
