/* SPDX-License-Identifier: GPL-3.0-or-later */
/* covfit.c - log-linear designs with covariates and structural zeros. */
#include <config.h>

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mse_private.h"

static int
check_table_absent(const struct mse_table *t, const uint32_t *absent,
    size_t n, struct mse_error *err)
{
	char cell[MSE_MAX_LISTS + 1];
	size_t i, j, k = mse_table_lists(t);

	for (i = 0; i < n; i++) {
		if (absent[i] == 0 || absent[i] > mse_table_cells(t))
			return msei_error(err, MSE_EINVAL, "absent pattern %lu "
			    "is outside 1..2^%zu-1", (unsigned long)absent[i],
			    k);
		if (mse_table_get(t, absent[i]) == 0)
			continue;
		for (j = 0; j < k; j++)
			cell[j] = (absent[i] >> j & 1) ? '1' : '0';
		cell[k] = '\0';
		return msei_error(err, MSE_EDOMAIN, "cell %s is declared "
		    "absent but has count %.0f", cell,
		    mse_table_get(t, absent[i]));
	}
	return MSE_OK;
}

int
mse_fit_loglinear_absent(const struct mse_table *t,
    const struct mse_model *m, const uint32_t *absent, size_t nabsent,
    const struct mse_fit_options *opt, struct mse_fit **out,
    struct mse_error *err)
{
	struct msei_design_spec sp = { t, NULL, NULL, absent, nabsent, 0 };
	int rc;

	*out = NULL;
	if (nabsent == 0)
		return mse_fit_loglinear(t, m, opt, out, err);
	if ((rc = check_table_absent(t, absent, nabsent, err)) != MSE_OK)
		return rc;
	return msei_fit_table(&sp, m, opt, NULL, 1, out, err);
}

/* ---- one model across strata ------------------------------------------ */


/* The model over lists and covariates, parsed against their names. */
static int
parse_formula(const struct mse_strata *s, const char *formula,
    struct mse_model **m, struct mse_error *err)
{
	const char *names[MSE_MAX_LISTS];
	size_t K = mse_strata_lists(s), V = mse_strata_vars(s), i;
	struct mse_table *t;
	int rc;

	if (K + V > MSE_MAX_LISTS)
		return msei_error(err, MSE_EINVAL, "%zu lists and %zu "
		    "covariates; at most %d together are supported", K, V,
		    MSE_MAX_LISTS);
	for (i = 0; i < K + V; i++)
		names[i] = i < K ? mse_strata_list(s, i) :
		    mse_strata_var(s, i - K);
	t = mse_table_new(K + V, names, err);
	if (t == NULL)
		return err != NULL ? err->code : MSE_ENOMEM;
	rc = mse_model_parse(t, formula != NULL ? formula : "main", m, err);
	/* The names are lists and covariates here. */
	if (rc == MSE_EPARSE && err != NULL && V > 0 &&
	    strncmp(err->message, "unknown list '", 14) == 0) {
		char msg[sizeof(err->message)];

		snprintf(msg, sizeof(msg), "unknown list or covariate %s",
		    err->message + 13);
		memcpy(err->message, msg, sizeof(msg));
	}
	mse_table_free(t);
	return rc;
}

/* eta of stratum i's unseen cell, or -inf when a boundary column has it;
 * x gets the kept columns' values there. */
static double
unseen_eta(const struct msei_design *d, const double *beta, size_t i,
    double *x)
{
	double eta = 0;
	size_t j;

	for (j = 1; j < d->p; j++)
		if (d->kind[j] == MSEI_COL_BOUNDARY &&
		    msei_design_value(d, j, i, 0))
			return -INFINITY;
	for (j = 0; j < d->q; j++) {
		x[j] = msei_design_x(d, d->col[j], i, 0);
		eta += x[j] * beta[j];
	}
	return eta;
}

static double
quad(const double *a, const double *cov, const double *b, size_t q)
{
	double s = 0;
	size_t i, j;

	for (i = 0; i < q; i++)
		for (j = 0; j < q; j++)
			s += a[i] * cov[i * q + j] * b[j];
	return s;
}

/* N_i = n_i + m0_i, var(N_i) = m0_i + m0_i^2 x_i' V x_i (Rcapture's
 * m0 + m0^2 var(b0), by the delta method); the total the same with
 * g = sum of m0_i x_i. */
static int
strata_estimates(const struct msei_design *d, const struct msei_glm *w,
    struct mse_fit *f, struct mse_error *err)
{
	double *x = msei_calloc(d->q, sizeof(double));
	double *g = msei_calloc(d->q, sizeof(double));
	double m0, msum = 0;
	size_t i, j;

	if (x == NULL || g == NULL) {
		free(x);
		free(g);
		return msei_error(err, MSE_ENOMEM, "out of memory");
	}
	for (i = 0; i < d->S; i++) {
		m0 = exp(unseen_eta(d, w->beta, i, x));
		f->sn[i] = mse_table_observed(mse_strata_table(d->s, i));
		f->sest[i] = f->sn[i] + m0;
		f->sse[i] = m0 > 0 ? sqrt(m0 + m0 * m0 *
		    quad(x, w->cov, x, d->q)) : 0;
		for (j = 0; j < d->q && m0 > 0; j++)
			g[j] += m0 * x[j];
		f->sn[d->S] += f->sn[i];
		f->sest[d->S] += f->sest[i];
		msum += m0;
	}
	f->sse[d->S] = sqrt(msum + quad(g, w->cov, g, d->q));
	free(x);
	free(g);
	for (i = 0; i <= d->S; i++)
		if (!isfinite(f->sest[i]) || !isfinite(f->sse[i]))
			return msei_error(err, MSE_ENOCONV, "did not converge: "
			    "the estimate of an unseen cell is not finite");
	return MSE_OK;
}

/* The fit across strata: totals, likelihood and the boundary's names. */
static int
strata_finish(const struct msei_design *d, const struct msei_glm *w,
    struct mse_fit *f, struct mse_error *err)
{
	uint32_t cells = ((uint32_t)1 << d->K) - 1, v;
	char name[256];
	size_t j;
	int rc;

	f->S = d->S;
	f->sn = msei_calloc(d->S + 1, sizeof(double));
	f->sest = msei_calloc(d->S + 1, sizeof(double));
	f->sse = msei_calloc(d->S + 1, sizeof(double));
	f->bname = msei_calloc(d->nboundary + 1, sizeof(char *));
	f->beta = msei_calloc(d->q, sizeof(double));
	f->cov = msei_calloc(d->q, d->q * sizeof(double));
	if (f->sn == NULL || f->sest == NULL || f->sse == NULL ||
	    f->bname == NULL || f->beta == NULL || f->cov == NULL)
		return msei_error(err, MSE_ENOMEM, "out of memory");
	memcpy(f->beta, w->beta, d->q * sizeof(double));
	memcpy(f->cov, w->cov, d->q * d->q * sizeof(double));
	f->q = d->q;
	for (v = 0; v <= cells; v++)
		f->fitted[v] = NAN;
	f->loglik = w->loglik;
	f->p = d->q + d->nboundary;
	f->df = (long)(d->S * cells - d->nabsent_cells) - (long)f->p;
	f->nabsent = d->nabsent_cells;
	f->iter = w->iter;
	if ((rc = strata_estimates(d, w, f, err)) != MSE_OK)
		return rc;
	for (j = 1; j < d->p; j++) {
		if (d->kind[j] != MSEI_COL_BOUNDARY)
			continue;
		msei_design_column_name(d, j, name, sizeof(name));
		if ((f->bname[f->nboundary++] = strdup(name)) == NULL)
			return msei_error(err, MSE_ENOMEM, "out of memory");
	}
	f->n = f->sn[d->S];
	f->estimate = f->sest[d->S];
	f->se = f->sse[d->S];
	f->beta0 = w->beta[0];
	f->var_beta0 = w->cov[0];
	f->deviance = fabs(w->deviance) < 1e-12 * (1 + f->n) ? 0 :
	    w->deviance;
	return MSE_OK;
}

/* The model as the user would write it, over lists and covariates. */
static int
strata_formula(const struct mse_strata *s, const struct mse_model *m,
    struct mse_fit *f, struct mse_error *err)
{
	const char *names[MSE_MAX_LISTS];
	size_t K = mse_strata_lists(s), V = mse_strata_vars(s), i;

	for (i = 0; i < K + V && i < MSE_MAX_LISTS; i++)
		names[i] = i < K ? mse_strata_list(s, i) :
		    mse_strata_var(s, i - K);
	if ((f->formula = msei_model_string(m, names, K + V)) == NULL)
		return msei_error(err, MSE_ENOMEM, "out of memory");
	return MSE_OK;
}

static double
observed_total(const struct mse_strata *s)
{
	double n = 0;
	size_t i;

	for (i = 0; i < mse_strata_count(s); i++)
		n += mse_table_observed(mse_strata_table(s, i));
	return n;
}

int
msei_fit_strata(const struct mse_strata *s, const struct mse_absent *a,
    const struct mse_model *m, const struct mse_fit_options *opt,
    const struct mse_fit *start, struct mse_fit **out,
    struct mse_error *err)
{
	struct msei_design_spec sp = { NULL, s, a, NULL, 0, 0 };
	struct msei_design d;
	struct msei_design_work ws;
	struct msei_glm w;
	struct mse_fit *f;
	int rc;

	*out = NULL;
	memset(&ws, 0, sizeof(ws));
	if (mse_strata_count(s) == 0 || observed_total(s) == 0)
		return msei_error(err, MSE_EDOMAIN, "no unit was observed");
	f = msei_fit_new(mse_strata_lists(s), err);
	if (f == NULL)
		return err != NULL ? err->code : MSE_ENOMEM;
	rc = msei_design_build(&d, &sp, m, err);
	/* A replicate's boundary columns include the data's (resampling
	 * cannot fill an empty margin), so the same count of kept columns
	 * is the same columns: only then do the coefficients line up. */
	if (rc == MSE_OK)
		rc = msei_design_fit(&d, opt, start != NULL && start->beta !=
		    NULL && start->q == d.q ? start->beta : NULL, 1, &ws, &w,
		    err);
	if (rc == MSE_OK)
		rc = strata_finish(&d, &w, f, err);
	if (rc == MSE_OK)
		rc = strata_formula(s, m, f, err);
	msei_design_work_free(&ws);
	msei_design_free(&d);
	if (rc != MSE_OK) {
		mse_fit_free(f);
		return rc;
	}
	*out = f;
	return MSE_OK;
}

int
msei_covariates_model(const struct mse_strata *s, const char *formula,
    struct mse_model **m, struct mse_error *err)
{
	return parse_formula(s, formula, m, err);
}

int
mse_fit_covariates(const struct mse_strata *s, const char *formula,
    const struct mse_absent *a, const struct mse_fit_options *opt,
    struct mse_fit **out, struct mse_error *err)
{
	struct mse_model *m = NULL;
	int rc;

	*out = NULL;
	if (mse_strata_count(s) == 0 || observed_total(s) == 0)
		return msei_error(err, MSE_EDOMAIN, "no unit was observed");
	if ((rc = mse_absent_check(a, s, err)) != MSE_OK)
		return rc;
	rc = parse_formula(s, formula, &m, err);
	if (rc == MSE_OK)
		rc = msei_fit_strata(s, a, m, opt, NULL, out, err);
	mse_model_free(m);
	return rc;
}

int
mse_estimate_sum(size_t n, const double *estimate, const double *se,
    double *total, double *total_se, struct mse_error *err)
{
	double t = 0, v = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (!isfinite(estimate[i]) || !(se[i] >= 0) ||
		    !isfinite(se[i]))
			return msei_error(err, MSE_EDOMAIN, "estimate %zu or "
			    "its standard error is not finite", i + 1);
		t += estimate[i];
		v += se[i] * se[i];
	}
	*total = t;
	*total_se = sqrt(v);
	return MSE_OK;
}
