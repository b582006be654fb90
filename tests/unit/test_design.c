/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_design.c - unit tests of the one log-linear design (design.c): rows,
 * columns, the boundary rule, structural zeros, covariate columns, the
 * existence decision and the fit's refusals.  The Artificial_3 cases are
 * SparseMSE's checkident and MSE's check_extended_MLE
 * (Chan, Silverman and Vincent 2019). */
#include <config.h>

#include <math.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "mse_private.h"
#include "tap.h"

/* Artificial_3 (data/Artificial_3.csv): 100:40, 010:30, 110:6, 001:20;
 * A is bit 0, B bit 1, C bit 2.  C overlaps neither A nor B, so the
 * margins of A:C (cells 101, 111) and B:C (011, 111) are 0. */
static const double art3[8] = { 0, 40, 30, 6, 20, 0, 0, 0 };

static struct mse_table *
table_of(size_t k, const double *c)
{
	static const char *const names[] = { "A", "B", "C", "D" };
	struct mse_table *t = mse_table_new(k, names, NULL);
	uint32_t w;

	for (w = 1; t != NULL && w < (1u << k); w++)
		if (mse_table_set(t, w, c[w], NULL) != MSE_OK) {
			mse_table_free(t);
			return NULL;
		}
	return t;
}

static struct mse_model *
model_of(const struct mse_table *t, const char *formula)
{
	struct mse_model *m = NULL;

	if (mse_model_parse(t, formula, &m, NULL) != MSE_OK)
		return NULL;
	return m;
}

/* The column of term, or d->p. */
static size_t
column(const struct msei_design *d, uint32_t term)
{
	size_t j;

	for (j = 0; j < d->p && d->term[j] != term; j++)
		;
	return j;
}

/* Every X entry is 1{the column's term is within the row's pattern}
 * (SparseMSE), and the rows are the patterns in order. */
static int
x_is_inclusion(const struct msei_design *d)
{
	size_t r, j;

	for (r = 0; r < d->c; r++)
		for (j = 0; j < d->q; j++)
			if (d->X[r * d->q + j] != (double)((d->rw[r] &
			    d->term[d->col[j]]) == d->term[d->col[j]]) ||
			    d->X[r * d->q + j] != msei_design_value(d,
			    d->col[j], d->rs != NULL ? d->rs[r] : 0, d->rw[r]))
				return 0;
	return 1;
}

/* Build the design of formula on t with structural zeros absent. */
static int
build(struct msei_design *d, const struct mse_table *t, const char *formula,
    const uint32_t *absent, size_t nabsent, struct mse_error *e)
{
	struct msei_design_spec sp = { t, NULL, NULL, absent, nabsent, 0 };
	struct mse_model *m = model_of(t, formula);
	int rc;

	memset(d, 0, sizeof(*d));
	if (m == NULL)
		return -1;
	rc = msei_design_build(d, &sp, m, e);
	mse_model_free(m);
	return rc;
}

static void
main_effects(const struct mse_table *t)
{
	struct msei_design d;
	char name[64];
	int code = -1;

	if (!ok(build(&d, t, "main", NULL, 0, NULL) == MSE_OK, "main: "
	    "builds"))
		return;
	is_int((long)d.c, 7, "main: 2^3 - 1 = 7 rows (no zeros to drop)");
	is_int((long)d.p, 4, "main: 4 columns, the intercept and A, B, C");
	is_int((long)d.q, 4, "main: all 4 kept");
	is_int((long)d.nboundary, 0, "main: no boundary column");
	ok(x_is_inclusion(&d), "main: X[w, term] = 1{term within w} (note "
	    "§0, exact)");
	ok(msei_design_value(&d, column(&d, 1), 0, 3) == 1 &&
	    msei_design_value(&d, column(&d, 4), 0, 3) == 0 &&
	    msei_design_value(&d, 0, 0, 0) == 1 &&
	    msei_design_value(&d, column(&d, 2), 0, 0) == 0, "main: x[110, A] "
	    "= 1, x[110, C] = 0; the unseen cell has only the intercept");
	msei_design_column_name(&d, 0, name, sizeof(name));
	ok(strcmp(name, "(intercept)") == 0, "main: column 0 is named "
	    "(intercept)");
	ok(msei_design_exists(&d, &code, NULL) == MSE_OK && code == 0,
	    "main: the MLE exists (checkident: code 0)");
	msei_design_free(&d);
}

/* The boundary rule (MSE): a term with a zero margin is fixed at
 * -inf, its column leaves the design and so do its cells. */
static void
boundary(const struct mse_table *t)
{
	struct msei_design d;
	char name[64];
	size_t j;
	int code = -1;

	if (!ok(build(&d, t, "A:C", NULL, 0, NULL) == MSE_OK, "A:C: builds"))
		return;
	j = column(&d, 5);
	ok(j < d.p && d.kind[j] == MSEI_COL_BOUNDARY, "A:C: its margin is 0, "
	    "so it is a boundary column");
	is_int((long)d.nboundary, 1, "A:C: one boundary column");
	is_int((long)d.q, 4, "A:C: 4 kept columns (checkident)");
	is_int((long)d.c, 5, "A:C: 5 rows, 101 and 111 dropped (checkident)");
	ok(d.rw[0] == 1 && d.rw[1] == 2 && d.rw[2] == 3 && d.rw[3] == 4 &&
	    d.rw[4] == 6, "A:C: the rows are 100, 010, 110, 001, 011");
	msei_design_column_name(&d, j, name, sizeof(name));
	ok(strcmp(name, "A:C") == 0, "A:C: the column is named A:C");
	ok(msei_design_exists(&d, &code, NULL) == MSE_OK && code == 0,
	    "A:C: the MLE exists (checkident)");
	msei_design_free(&d);
	if (!ok(build(&d, t, "A:C + B:C", NULL, 0, NULL) == MSE_OK,
	    "A:C + B:C: builds"))
		return;
	ok(d.nboundary == 2 && d.q == 4 && d.c == 4, "A:C + B:C: 2 boundary "
	    "columns, 4 kept, 4 rows (checkident)");
	ok(msei_design_exists(&d, &code, NULL) == MSE_OK && code == 0,
	    "A:C + B:C: the MLE exists (checkident)");
	msei_design_free(&d);
}

/* The existence decision on the cases of checkident. */
static void
existence(const struct mse_table *t)
{
	struct msei_design d;
	struct msei_design_work ws = { 0 };
	struct msei_glm w;
	struct mse_error e;
	int code = -1;

	if (build(&d, t, "A:B", NULL, 0, NULL) == MSE_OK) {
		ok(d.nboundary == 0 && d.c == 7 && d.q == 5, "A:B: its margin "
		    "is 6, no boundary: 7 rows, 5 columns");
		ok(msei_design_exists(&d, &code, NULL) == MSE_OK && code ==
		    MSE_EXIST_NOMLE, "A:B: no MLE (checkident: code NOMLE)");
		is_int(msei_design_fit(&d, NULL, NULL, 0, &ws, &w, &e),
		    MSE_ENOMLE, "A:B: the fit is refused, no MLE");
		ok(strstr(e.message, "lists with no overlap: A:C, B:C") !=
		    NULL, "A:B: ... naming the pairs with no overlap (%s)",
		    e.message);
		msei_design_free(&d);
	} else
		ok(0, "A:B builds");
	if (build(&d, t, "A:B + A:C + B:C", NULL, 0, NULL) == MSE_OK) {
		ok(msei_design_exists(&d, &code, NULL) == MSE_OK && code ==
		    MSE_EXIST_UNIDENT, "all pairs: not identifiable (note "
		    "§3.3: code UNIDENT)");
		is_int(msei_design_fit(&d, NULL, NULL, 0, &ws, &w, &e),
		    MSE_ESINGULAR, "all pairs: the fit is refused");
		ok(strstr(e.message, "5 parameters for 4 cells (the terms with "
		    "no data, A:C, B:C,") != NULL, "all pairs: ... 5 "
		    "parameters, 4 cells, the boundary terms named (%s)",
		    e.message);
		msei_design_free(&d);
	} else
		ok(0, "all pairs builds");
	msei_design_work_free(&ws);
}

/* Structural zeros: absent cells leave the rows; a column all of whose
 * cells are absent is structural, not boundary. */
static void
structural(const struct mse_table *t)
{
	static const uint32_t ac[] = { 5 }, acall[] = { 5, 7 };
	struct msei_design d;

	if (build(&d, t, "main", ac, 1, NULL) == MSE_OK) {
		ok(d.c == 6 && d.nabsent_cells == 1 && msei_design_absent(&d,
		    0, 5) && !msei_design_absent(&d, 0, 3), "absent 101: 6 "
		    "rows, one absent cell");
		msei_design_free(&d);
	} else
		ok(0, "absent 101 builds");
	if (build(&d, t, "A:C", acall, 2, NULL) == MSE_OK) {
		ok(d.kind[column(&d, 5)] == MSEI_COL_STRUCTURAL &&
		    d.nboundary == 0 && d.c == 5 && d.q == 4, "A:C with 101 "
		    "and 111 absent: the column is structural, not boundary; "
		    "5 rows, 4 columns");
		msei_design_free(&d);
	} else
		ok(0, "A:C with 101, 111 absent builds");
}

/*
 * Two lists, main effects: three cells, three parameters, so the fit is
 * exact (mu = y) and the unseen cell exp(beta_0) is Petersen's
 * n10 n01 / n11 = 30 x 20 / 10 = 60 (Bishop, Fienberg & Holland 1975,
 * §6.2).  IRLS to R's default 1e-8: 1e-8 on beta_0.
 */
static void
petersen(void)
{
	static const double c[4] = { 0, 30, 20, 10 };
	struct mse_table *t = table_of(2, c);
	struct msei_design_work ws = { 0 };
	struct msei_design d;
	struct msei_glm w;

	if (!ok(t != NULL && build(&d, t, "main", NULL, 0, NULL) == MSE_OK,
	    "two lists: builds")) {
		mse_table_free(t);
		return;
	}
	ok(msei_design_fit(&d, NULL, NULL, 1, &ws, &w, NULL) == MSE_OK,
	    "two lists: fits");
	is_rel(exp(w.beta[0]), 60, 1e-8, "two lists: exp(intercept) = "
	    "n10 n01 / n11 = 60 (Petersen, 1e-8)");
	ok(fabs(w.mu[0] - 30) < 1e-6 && fabs(w.mu[1] - 20) < 1e-6 &&
	    fabs(w.mu[2] - 10) < 1e-6, "two lists: the saturated fit has "
	    "mu = y (1e-6)");
	msei_design_work_free(&ws);
	msei_design_free(&d);
	mse_table_free(t);
}

static void
errors(const struct mse_table *t)
{
	static const double zero[8] = { 0 };
	struct mse_table *z = table_of(3, zero);
	struct msei_design_spec sp = { t, NULL, NULL, NULL, 0, 0 };
	struct mse_model *m = mse_model_new(4, NULL);
	struct msei_design d;
	struct mse_error e;

	is_int(msei_design_build(&d, &sp, m, &e), MSE_EINVAL, "a model of 4 "
	    "lists on a 3-list table is refused");
	ok(strstr(e.message, "does not fit the table's lists") != NULL,
	    "... saying so (%s)", e.message);
	msei_design_free(&d);
	mse_model_free(m);
	if (z != NULL) {
		is_int(build(&d, z, "main", NULL, 0, &e), MSE_EDOMAIN, "an "
		    "all-zero table: every list is a boundary column, no cell "
		    "is left");
		ok(strstr(e.message, "no cell is left to fit") != NULL,
		    "... saying so (%s)", e.message);
		msei_design_free(&d);
	}
	mse_table_free(z);
}

/*
 * Covariates: lists A, B and a covariate g with levels f (the baseline,
 * first in mse_value_cmp order) and m.  The model A + B + A:g has the
 * columns intercept, A, B, g=m and A:g=m (treatment contrasts); the rows
 * are 2 strata x 3 patterns.
 */
static void
covariates(void)
{
	static const char *const lists[] = { "A", "B" }, *const vars[] = {
	    "g" };
	static const char *const f[] = { "f" }, *const mv[] = { "m" };
	struct mse_strata *s = mse_strata_new(2, lists, 1, vars, NULL);
	struct msei_design_spec sp = { NULL, s, NULL, NULL, 0, 0 };
	struct mse_model *m = NULL;
	struct msei_design d;
	char name[64];
	size_t j;

	if (s != NULL) {
		mse_strata_add(s, f, 1, 10, NULL, NULL);
		mse_strata_add(s, f, 2, 8, NULL, NULL);
		mse_strata_add(s, f, 3, 4, NULL, NULL);
		mse_strata_add(s, mv, 1, 6, NULL, NULL);
		mse_strata_add(s, mv, 2, 5, NULL, NULL);
		mse_strata_add(s, mv, 3, 3, NULL, NULL);
	}
	if (!ok(s != NULL && msei_covariates_model(s, "A + B + A:g", &m,
	    NULL) == MSE_OK && msei_design_build(&d, &sp, m, NULL) == MSE_OK,
	    "covariates: builds")) {
		mse_model_free(m);
		mse_strata_free(s);
		return;
	}
	ok(d.p == 5 && d.q == 5 && d.c == 6, "covariates: 5 columns (1, A, "
	    "B, g=m, A:g=m), 6 rows");
	j = column(&d, 1 | 4);
	msei_design_column_name(&d, j, name, sizeof(name));
	ok(strcmp(name, "A:g=m") == 0, "covariates: the column A:g is named "
	    "'%s' = A:g=m", name);
	ok(msei_design_value(&d, j, 1, 1) == 1 && msei_design_value(&d, j, 1,
	    2) == 0 && msei_design_value(&d, j, 0, 1) == 0 &&
	    msei_design_value(&d, j, 0, 3) == 0, "covariates: x[A:g=m] is 1 "
	    "only for patterns with A in stratum m");
	j = column(&d, 4);
	ok(j < d.p && msei_design_value(&d, j, 1, 2) == 1 &&
	    msei_design_value(&d, j, 0, 2) == 0, "covariates: x[g=m] is 1 in "
	    "stratum m whatever the pattern");
	msei_design_free(&d);
	mse_model_free(m);
	mse_strata_free(s);
}

int
main(void)
{
	struct mse_table *t;

	gsl_set_error_handler_off();
	t = table_of(3, art3);
	if (ok(t != NULL, "Artificial_3 builds")) {
		main_effects(t);
		boundary(t);
		existence(t);
		structural(t);
		errors(t);
	}
	mse_table_free(t);
	petersen();
	covariates();
	return tap_done();
}
