/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_em.c - unit tests of missing covariate values: incomplete rows of
 * the strata, mse-sim's lost values and the covariate model's EM. */
#include <config.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "mse.h"
#include "mse_private.h"
#include "tap.h"

static struct mse_strata *
load(const char *name, int missing)
{
	static const char *const vars[] = { "year", "gender" };
	struct mse_strata_spec spec;
	struct mse_strata *s = NULL;
	const char *top = getenv("top_srcdir");
	char path[4096];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/tests/data/%s", top ? top : ".",
	    name);
	if ((fp = fopen(path, "rb")) == NULL)
		return NULL;
	mse_strata_spec_init(&spec);
	spec.vars = vars;
	spec.nvars = 2;
	spec.missing = missing;
	if (mse_strata_read(fp, name, &spec, &s, NULL) != MSE_OK ||
	    mse_strata_complete(s, NULL) != MSE_OK) {
		mse_strata_free(s);
		s = NULL;
	}
	fclose(fp);
	return s;
}

/* IRLS run to 1e-12: R's glm, and the complete fit, take the covariance
 * from the weights of the last iteration, Louis's method from the fitted
 * values; at glm's 1e-8 they differ by about 1e-6. */
static struct mse_fit_options tight = { sizeof(struct mse_fit_options), 100,
    1e-12, 1e-11, NULL, NULL };

/* With no value missing, the EM is the complete data's fit (issue 17:
 * at 1e-9): one M-step, and Louis's information is X'WX. */
static void
no_missing(const char *formula)
{
	struct mse_strata *s = load("kom-year-gender.csv", 0);
	struct mse_model *m = NULL;
	struct mse_fit *f = NULL, *e = NULL;
	size_t i, S;
	int rc1 = -1, rc2 = -1;

	if (s != NULL && msei_covariates_model(s, formula, &m, NULL) ==
	    MSE_OK) {
		rc1 = msei_fit_strata(s, NULL, m, &tight, NULL, &f, NULL);
		rc2 = msei_fit_strata_em(s, NULL, m, &tight, NULL, &e, NULL);
	}
	if (!ok(rc1 == MSE_OK && rc2 == MSE_OK, "%s: both fits run", formula))
		goto done;
	S = mse_fit_strata(f);
	for (i = 0; i <= S; i++) {
		is_rel(mse_fit_stratum_estimate(e, i),
		    mse_fit_stratum_estimate(f, i), 1e-9, "%s: N of stratum "
		    "%zu as the complete fit (1e-9)", formula, i);
		is_rel(mse_fit_stratum_se(e, i), mse_fit_stratum_se(f, i),
		    1e-9, "%s: its SE (1e-9)", formula);
	}
	is_rel(mse_fit_aic(e), mse_fit_aic(f), 1e-9, "%s: the same AIC",
	    formula);
	is_rel(mse_fit_deviance(e), mse_fit_deviance(f), 1e-9, "%s: the "
	    "same deviance", formula);
	is_int(mse_fit_df(e), mse_fit_df(f), "%s: the same df", formula);
	ok(mse_fit_missing(e) == 0 && mse_fit_missing_information(e, S) ==
	    0 && mse_fit_em_iterations(e) <= 2, "%s: nothing missing, no "
	    "missing information, %d iteration(s)", formula,
	    mse_fit_em_iterations(e));
done:
	mse_fit_free(f);
	mse_fit_free(e);
	mse_model_free(m);
	mse_strata_free(s);
}

static void
incomplete_rows(void)
{
	const char *lists[] = { "A", "B", "C" }, *vars[] = { "year", "sex" };
	const char *v1[] = { "2015", NULL }, *v2[] = { NULL, "f" };
	const char *full[] = { "2015", "m" }, *empty[] = { "2015", "" };
	struct mse_strata *s = mse_strata_new(3, lists, 2, vars, NULL);
	struct mse_error err;

	mse_error_clear(&err);
	ok(s != NULL && mse_strata_add_incomplete(s, v1, 3, 2, NULL) ==
	    MSE_OK && mse_strata_add_incomplete(s, v1, 3, 5, NULL) ==
	    MSE_OK && mse_strata_add_incomplete(s, v2, 4, 1, NULL) == MSE_OK,
	    "incomplete rows are added");
	is_int((long)mse_strata_incomplete(s), 2, "the same values and "
	    "pattern are one row");
	is_rel(mse_strata_incomplete_count(s, 0), 7, 0, "its counts add");
	is_rel(mse_strata_missing(s), 8, 0, "8 units have a missing value");
	ok(mse_strata_incomplete_value(s, 0, 1) == NULL &&
	    strcmp(mse_strata_incomplete_value(s, 0, 0), "2015") == 0 &&
	    mse_strata_incomplete_pattern(s, 1) == 4, "values and patterns "
	    "read back");
	ok(mse_strata_add_incomplete(s, full, 1, 1, NULL) == MSE_OK &&
	    mse_strata_count(s) == 1 && mse_strata_incomplete(s) == 2,
	    "values with none missing go to their stratum");
	ok(mse_strata_add_incomplete(s, v1, 0, 1, &err) == MSE_EINVAL &&
	    strstr(err.message, "pattern 0") != NULL, "pattern 0: %s",
	    err.message);
	ok(mse_strata_add_incomplete(s, empty, 1, 1, &err) == MSE_EINVAL &&
	    strstr(err.message, "NULL") != NULL, "an empty value: %s",
	    err.message);
	ok(mse_strata_add_incomplete(s, v1, 1, 0.5, &err) == MSE_EINVAL,
	    "a count that is not whole: %s", err.message);
	/* Drop C: the row seen by C alone (pattern 4) leaves; merging A and
	 * B keeps pattern 3 as the one new list. */
	ok(mse_strata_drop(s, "C", NULL) == MSE_OK &&
	    mse_strata_incomplete(s) == 1 && mse_strata_missing(s) == 7,
	    "dropping a list drops the units only it saw");
	ok(mse_strata_merge(s, "A", "B", "AB", NULL) != MSE_OK,
	    "merging the last two lists is refused");
	mse_strata_free(s);
}

/* mse-sim --missing: the same population, the values lost at the rate. */
static void
sim_missing(void)
{
	const char *lists[] = { "A", "B", "C" }, *g[] = { "f", "m" };
	double prob[] = { 0.3, 0.2, 0.25 }, lr[] = { NAN, 0.6, NAN };
	struct mse_sim *m1 = mse_sim_new(3, lists, prob, NULL);
	struct mse_sim *m2 = mse_sim_new(3, lists, prob, NULL);
	struct mse_strata *s1 = NULL, *s2 = NULL;
	struct mse_error err;
	double n1 = 0, n2 = 0, onb = 0, missb = 0, missnb = 0, nb = 0;
	size_t i, j;

	mse_error_clear(&err);
	ok(mse_sim_missing(m2, "sex", 1, NULL, &err) == MSE_EINVAL,
	    "a rate of 1 is refused: %s", err.message);
	if (!ok(mse_sim_var(m1, "sex", 2, g, NULL, NULL) == MSE_OK &&
	    mse_sim_var(m2, "sex", 2, g, NULL, NULL) == MSE_OK &&
	    mse_sim_missing(m2, "sex", 0.1, lr, NULL) == MSE_OK &&
	    mse_sim_run(m1, 20000, 7, &s1, NULL, NULL) == MSE_OK &&
	    mse_sim_run(m2, 20000, 7, &s2, NULL, NULL) == MSE_OK,
	    "two simulations, one losing sex"))
		goto done;
	for (i = 0; i < mse_strata_count(s1); i++)
		n1 += mse_table_observed(mse_strata_table(s1, i));
	for (i = 0; i < mse_strata_count(s2); i++) {
		const struct mse_table *t = mse_strata_table(s2, i);

		n2 += mse_table_observed(t);
		for (j = 1; j < 8; j++)
			if (j & 2)
				onb += mse_table_get(t, (uint32_t)j);
	}
	for (i = 0; i < mse_strata_incomplete(s2); i++) {
		double c = mse_strata_incomplete_count(s2, i);

		if (mse_strata_incomplete_pattern(s2, i) & 2)
			missb += c;
		else
			missnb += c;
	}
	nb = n2 + mse_strata_missing(s2) - onb - missb;
	is_rel(n2 + mse_strata_missing(s2), n1, 0, "the same units seen, "
	    "%.0f of them with sex lost", mse_strata_missing(s2));
	is_rel(missb / (missb + onb), 0.6, 0.05, "units B saw lose it at "
	    "B's rate 0.6 (%.3f)", missb / (missb + onb));
	is_rel(missnb / nb, 0.1, 0.1, "the others at 0.1 (%.3f)",
	    missnb / nb);
	mse_strata_free(s2);
	s2 = NULL;
	ok(mse_sim_missing(m1, "age", 0.1, NULL, NULL) == MSE_OK &&
	    mse_sim_run(m1, 100, 7, &s2, NULL, &err) == MSE_EINVAL &&
	    strstr(err.message, "'age'") != NULL, "an unknown variable: %s",
	    err.message);
done:
	mse_strata_free(s1);
	mse_strata_free(s2);
	mse_sim_free(m1);
	mse_sim_free(m2);
}

/* A unit whose known values no stratum has fits no cell. */
static void
no_cell(void)
{
	const char *lists[] = { "A", "B" }, *vars[] = { "year", "sex" };
	const char *a[] = { "2015", "f" }, *b[] = { "2015", "m" };
	const char *x[] = { "2016", NULL };
	struct mse_strata *s = mse_strata_new(2, lists, 2, vars, NULL);
	struct mse_fit *f = NULL;
	struct mse_error err;

	mse_error_clear(&err);
	ok(mse_strata_add(s, a, 1, 10, NULL, NULL) == MSE_OK &&
	    mse_strata_add(s, a, 2, 12, NULL, NULL) == MSE_OK &&
	    mse_strata_add(s, a, 3, 4, NULL, NULL) == MSE_OK &&
	    mse_strata_add(s, b, 1, 8, NULL, NULL) == MSE_OK &&
	    mse_strata_add(s, b, 2, 9, NULL, NULL) == MSE_OK &&
	    mse_strata_add(s, b, 3, 3, NULL, NULL) == MSE_OK &&
	    mse_strata_add_incomplete(s, x, 1, 2, NULL) == MSE_OK,
	    "strata of 2015 and 2 units of 2016 with sex missing");
	ok(mse_fit_covariates(s, "sex", NULL, NULL, &f, &err) == MSE_EDOMAIN &&
	    strstr(err.message, "year=2016, sex=NA on pattern 10 fit no "
	    "cell") != NULL, "no stratum of 2016: %s", err.message);
	mse_fit_free(f);
	f = NULL;
	ok(mse_strata_complete(s, NULL) == MSE_OK && mse_strata_count(s) == 4,
	    "completing the strata adds 2016 (a value only incomplete units "
	    "have)");
	mse_strata_free(s);
}

int
main(void)
{
	gsl_set_error_handler_off();
	no_missing("Politiet:UDI");
	no_missing("Politiet:UDI + Politiet:gender + UDI:year");
	incomplete_rows();
	sim_missing();
	no_cell();
	return tap_done();
}
