/* SPDX-License-Identifier: GPL-3.0-or-later */
/* subgroups.c - a covariate model's parametric bootstrap, for subgroups. */
#include <config.h>

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "mse_private.h"

/*
 * Cruyff's boot_mse (R package mse, helper bootx): every replicate draws
 * the whole table, all strata and all patterns with the unseen ones, as
 * one multinomial of size N (R's rmultinom truncates a size that is not
 * whole) with probabilities the fitted values / N, refits the same model
 * to the observed cells, and keeps each stratum's N as the sum of its
 * fitted values, the unseen cell's included (generate_tables' sum(m)).
 * The data's N are the same sums of the data's fit, so the point and the
 * replicates are one estimator.  Every subgroup is then a sum over one
 * replicate's strata, so they add up draw by draw.
 *
 * With units whose covariate value is missing, the model is the EM's
 * (covfit.c), and a replicate loses values as the data did: of the units
 * drawn into a cell, each incomplete row takes the share of the cell's
 * completed count it put there (sequential binomials), and the refit is
 * an EM again.
 */
struct sub_work {
	const struct mse_strata *s;
	const struct mse_absent *a;
	const struct mse_model *m;
	const struct mse_fit_options *fo;
	const struct mse_bootstrap_options *bo;
	const double *fitted;	/* S x 2^K, the unseen cell at 0 */
	const struct msei_em_shares *sh;	/* or NULL: none missing */
	unsigned int size;	/* the multinomial's */
	size_t S, ncell;
	uint32_t cells;		/* 2^K - 1 */
	double *out;		/* B x S */
	struct sub_worker *k;
};

struct sub_worker {
	struct mse_strata *copy;
	unsigned int *draw;
	double *fit;		/* the refit's fitted values, ncell */
	gsl_rng *r;
};

/* The fitted value of every cell of the fit of m: 0 for absent cells and
 * for the cells of a boundary term (fixed at -inf). */
static int
fitted_cells(const struct mse_strata *s, const struct mse_absent *a,
    const struct mse_model *m, const struct mse_fit_options *fo,
    double *fitted, struct msei_em_shares *sh, struct mse_error *err)
{
	struct msei_design_spec sp = { NULL, s, a, NULL, 0, 0 };
	struct msei_design d;
	struct msei_design_work ws;
	struct msei_glm w;
	int rc;

	if (mse_strata_incomplete(s) > 0)
		return msei_em_cells(s, a, m, fo, fitted, sh, err);
	memset(&ws, 0, sizeof(ws));
	rc = msei_design_build(&d, &sp, m, err);
	if (rc != MSE_OK)
		return rc;
	rc = msei_design_fit(&d, fo, NULL, 0, &ws, &w, err);
	if (rc == MSE_OK && d.offset != NULL)
		rc = msei_error(err, MSE_EINVAL, "a covariate design with an "
		    "offset has no parametric bootstrap");
	if (rc == MSE_OK)
		rc = msei_design_cell_fits(&d, w.beta, fitted, err);
	msei_design_work_free(&ws);
	msei_design_free(&d);
	return rc;
}

/* Stratum i's N: the sum of its fitted values, unseen cell included. */
static double
stratum_sum(const double *fitted, size_t i, uint32_t cells)
{
	double sum = 0;
	uint32_t v;

	for (v = 0; v <= cells; v++)
		sum += fitted[i * ((size_t)cells + 1) + v];
	return sum;
}

static int
sub_init(struct msei_pool *p, size_t id)
{
	struct sub_work *w = p->arg;
	struct sub_worker *k = &w->k[id];

	k->copy = msei_strata_copy(w->s);
	k->draw = msei_calloc(w->ncell, sizeof(*k->draw));
	k->fit = msei_calloc(w->ncell, sizeof(*k->fit));
	k->r = gsl_rng_alloc(gsl_rng_mt19937);
	return k->copy == NULL || k->draw == NULL || k->fit == NULL ||
	    k->r == NULL ?
	    MSE_ENOMEM : MSE_OK;
}

static void
sub_fini(struct msei_pool *p, size_t id, int caller)
{
	struct sub_work *w = p->arg;
	struct sub_worker *k = &w->k[id];

	mse_strata_free(k->copy);
	free(k->draw);
	free(k->fit);
	if (k->r != NULL)
		gsl_rng_free(k->r);
	if (!caller)
		msei_exist_thread_done();
}

/* The drawn units lose their values as the data's did: cell by cell,
 * each incomplete row takes its share rho of what is left, by sequential
 * binomials (a multinomial over the rows and the complete units). */
static void
lose_values(const struct sub_work *w, struct sub_worker *k)
{
	const struct msei_em_share *v = w->sh->v;
	size_t i, j, n = w->sh->n;

	for (i = 0; i < mse_strata_incomplete(k->copy); i++)
		msei_strata_set_incomplete(k->copy, i, 0);
	for (i = 0; i < n; i = j) {
		unsigned int left = k->draw[v[i].cell];
		double used = 0;

		for (j = i; j < n && v[j].cell == v[i].cell; j++) {
			double p = used < 1 ? v[j].rho / (1 - used) : 1;
			unsigned int d = left > 0 ? gsl_ran_binomial(k->r,
			    fmin(1, p), left) : 0;

			left -= d;
			used += v[j].rho;
			msei_strata_set_incomplete(k->copy, v[j].row,
			    mse_strata_incomplete_count(k->copy, v[j].row) +
			    d);
		}
		k->draw[v[i].cell] = left;
	}
}

/* Replicate b into out (S numbers, NAN when the refit fails); rc of the
 * refit in *fit_rc and its message in err. */
static int
sub_replicate(const struct sub_work *w, struct sub_worker *k, size_t b,
    double *out, int *fit_rc, struct mse_error *err)
{
	size_t i;
	uint32_t v;
	int rc = MSE_OK;

	gsl_rng_set(k->r, msei_replicate_seed(w->bo->seed, b));
	gsl_ran_multinomial(k->r, w->ncell, w->size, w->fitted, k->draw);
	if (w->sh != NULL)
		lose_values(w, k);
	/* The unseen cells' draws (v = 0) are never observed. */
	for (i = 0; i < w->S && rc == MSE_OK; i++) {
		struct mse_table *t = (struct mse_table *)
		    mse_strata_table(k->copy, i);

		for (v = 1; v <= w->cells && rc == MSE_OK; v++)
			rc = mse_table_set(t, v,
			    k->draw[i * (w->cells + 1) + v], err);
	}
	if (rc != MSE_OK)
		return rc;
	*fit_rc = fitted_cells(k->copy, w->a, w->m, w->fo, k->fit, NULL, err);
	for (i = 0; i < w->S; i++)
		out[i] = *fit_rc == MSE_OK ? stratum_sum(k->fit, i, w->cells) :
		    NAN;
	return *fit_rc == MSE_ENOMEM ? MSE_ENOMEM : MSE_OK;
}

static int
sub_job(struct msei_pool *p, size_t b, size_t id)
{
	struct sub_work *w = p->arg;
	int fit_rc;

	return sub_replicate(w, &w->k[id], b, w->out + b * w->S, &fit_rc,
	    NULL);
}

static int
sub_run(struct sub_work *w, struct mse_error *err)
{
	struct msei_pool p;
	int rc;

	memset(&p, 0, sizeof(p));
	p.njobs = (size_t)w->bo->replicates;
	p.threads = w->bo->threads;
	p.arg = w;
	p.init = sub_init;
	p.job = sub_job;
	p.fini = sub_fini;
	p.progress = w->bo->progress;
	p.progress_arg = w->bo->progress_arg;
	w->k = msei_calloc(msei_pool_workers(p.threads, p.njobs),
	    sizeof(*w->k));
	if (w->k == NULL)
		return msei_error(err, MSE_ENOMEM, "out of memory");
	rc = msei_pool_run(&p, err);
	free(w->k);
	w->k = NULL;
	return rc;
}

/* The first failed replicate again, on this thread, for its reason: the
 * same draw whatever the threads, so the same text. */
static void
sub_reason(struct sub_work *w, struct mse_replicates *r)
{
	struct sub_worker k;
	struct mse_error e;
	double *out = msei_calloc(w->S, sizeof(*out));
	size_t b;
	int fit_rc = MSE_OK;

	for (b = 0; b < r->B && !isnan(r->estimate[b * r->S]); b++)
		;
	memset(&k, 0, sizeof(k));
	mse_error_clear(&e);
	if (b < r->B && out != NULL && (k.copy = msei_strata_copy(w->s)) !=
	    NULL && (k.draw = msei_calloc(w->ncell, sizeof(*k.draw))) !=
	    NULL && (k.fit = msei_calloc(w->ncell, sizeof(*k.fit))) != NULL &&
	    (k.r = gsl_rng_alloc(gsl_rng_mt19937)) != NULL)
		sub_replicate(w, &k, b, out, &fit_rc, &e);
	if (b < r->B)
		snprintf(r->reason, sizeof(r->reason), "replicate %zu: %.200s",
		    b + 1, fit_rc != MSE_OK ? e.message : "no estimate");
	mse_strata_free(k.copy);
	free(k.draw);
	free(k.fit);
	if (k.r != NULL)
		gsl_rng_free(k.r);
	free(out);
}

static int
sub_check(const struct mse_strata *s, const struct mse_bootstrap_options *in,
    struct mse_bootstrap_options *bo, struct mse_error *err)
{
	int rc = msei_boot_check(in, bo, err);

	if (rc != MSE_OK)
		return rc;
	if (bo->top > 0)
		return msei_error(err, MSE_EINVAL, "the parametric bootstrap "
		    "of a covariate model refits one model: no top models");
	if (mse_strata_count(s) == 0)
		return msei_error(err, MSE_EDOMAIN, "no unit was observed");
	return MSE_OK;
}

/* The data's side of r: every cell's fitted value, each stratum's N (their
 * sum) and observed count, the model's text, and room for the replicates. */
static int
sub_point(const struct mse_strata *s, const struct mse_absent *a,
    const struct mse_model *m, const struct mse_fit *f,
    const struct mse_fit_options *fo, struct mse_replicates *r,
    struct msei_em_shares *sh, struct mse_error *err)
{
	uint32_t cells = mse_table_cells(mse_strata_table(s, 0));
	size_t i, S = r->S;
	int rc;

	r->point = msei_calloc(S + 1, sizeof(double));
	r->observed = msei_calloc(S + 1, sizeof(double));
	r->fitted = msei_calloc(S, ((size_t)cells + 1) * sizeof(double));
	r->model = strdup(mse_fit_model(f));
	if (r->point == NULL || r->observed == NULL || r->fitted == NULL ||
	    r->model == NULL || S > SIZE_MAX / r->B ||
	    (r->estimate = msei_calloc(r->B * S, sizeof(double))) == NULL)
		return msei_error(err, MSE_ENOMEM, "out of memory");
	if ((rc = fitted_cells(s, a, m, fo, r->fitted, sh, err)) != MSE_OK)
		return rc;
	for (i = 0; i < S; i++) {
		r->point[i] = stratum_sum(r->fitted, i, cells);
		r->observed[i] = mse_fit_stratum_observed(f, i);
		r->point[S] += r->point[i];
		r->observed[S] += r->observed[i];
	}
	return MSE_OK;
}

int
mse_covariates_replicates(const struct mse_strata *s, const char *formula,
    const struct mse_absent *a, const struct mse_fit_options *fo,
    const struct mse_bootstrap_options *in, struct mse_replicates *r,
    struct mse_error *err)
{
	struct mse_bootstrap_options bo;
	struct mse_fit_options quiet;
	struct sub_work w;
	struct mse_model *m = NULL;
	struct mse_fit *f = NULL;
	struct msei_em_shares sh;
	size_t b;
	int rc;

	memset(r, 0, sizeof(*r));
	memset(&w, 0, sizeof(w));
	memset(&sh, 0, sizeof(sh));
	if ((rc = sub_check(s, in, &bo, err)) != MSE_OK)
		return rc;
	fo = msei_fit_quiet(fo, &quiet);
	w.S = mse_strata_count(s);
	w.cells = mse_table_cells(mse_strata_table(s, 0));
	w.ncell = w.S * ((size_t)w.cells + 1);
	if ((rc = mse_fit_covariates(s, formula, a, fo, &f, err)) == MSE_OK)
		rc = msei_covariates_model(s, formula, &m, err);
	r->B = (size_t)bo.replicates;
	r->S = w.S;
	if (rc == MSE_OK)
		rc = sub_point(s, a, m, f, fo, r, &sh, err);
	/* R's rmultinom takes the size as a whole number, truncated. */
	if (rc == MSE_OK && !(f->estimate < 4294967296.0))
		rc = msei_error(err, MSE_EINVAL, "the parametric bootstrap "
		    "draws at most 2^32 - 1 units, not %.0f", f->estimate);
	w.s = s;
	w.a = a;
	w.m = m;
	w.fo = fo;
	w.bo = &bo;
	w.fitted = r->fitted;
	w.sh = mse_strata_incomplete(s) > 0 ? &sh : NULL;
	w.size = rc == MSE_OK ? (unsigned int)floor(f->estimate) : 0;
	w.out = r->estimate;
	if (rc == MSE_OK)
		rc = sub_run(&w, err);
	for (b = 0; rc == MSE_OK && b < r->B; b++)
		r->used += !isnan(r->estimate[b * w.S]);
	if (rc == MSE_OK && r->used < r->B)
		sub_reason(&w, r);
	mse_fit_free(f);
	mse_model_free(m);
	free(sh.v);
	if (rc != MSE_OK)
		mse_replicates_free(r);
	return rc;
}

void
mse_replicates_free(struct mse_replicates *r)
{
	if (r == NULL)
		return;
	free(r->estimate);
	free(r->point);
	free(r->observed);
	free(r->fitted);
	free(r->model);
	memset(r, 0, sizeof(*r));
}

/* ---- subgroups: sums over the strata with given values ----------------- */

int
mse_strata_in(const struct mse_strata *s, size_t stratum,
    const char *const *values)
{
	size_t j;

	if (stratum >= mse_strata_count(s))
		return 0;
	for (j = 0; j < mse_strata_vars(s); j++)
		if (values[j] != NULL && strcmp(values[j],
		    mse_strata_value(s, stratum, j)) != 0)
			return 0;
	return 1;
}

double
mse_subgroup_sum(const struct mse_strata *s, const char *const *values,
    const double *x, size_t *nstrata)
{
	double sum = 0;
	size_t i, n = 0;

	for (i = 0; i < mse_strata_count(s); i++)
		if (mse_strata_in(s, i, values)) {
			sum += x[i];
			n++;
		}
	if (nstrata != NULL)
		*nstrata = n;
	return sum;
}

int
mse_subgroup_interval(const struct mse_strata *s, const char *const *values,
    const struct mse_replicates *r, double level, double *lower,
    double *upper, struct mse_error *err)
{
	double *x, need;
	size_t b, n = 0, ns;

	*lower = *upper = NAN;
	if (!(level > 0 && level < 1))
		return msei_error(err, MSE_EINVAL, "the confidence level %g is "
		    "not between 0 and 1", level);
	if (r->S != mse_strata_count(s))
		return msei_error(err, MSE_EINVAL, "the replicates have %zu "
		    "strata, the strata %zu", r->S, mse_strata_count(s));
	mse_subgroup_sum(s, values, r->point, &ns);
	if (ns == 0)
		return msei_error(err, MSE_EDOMAIN, "no stratum has these "
		    "values");
	/* Each tail needs a replicate beyond the limit: B (1 - level) / 2
	 * >= 1. */
	need = ceil(2 / (1 - level) - 1e-9);
	if ((double)r->used < need)
		return msei_error(err, MSE_ENOMLE, "no interval: %zu of %zu "
		    "replicates have an estimate, and a %g%% percentile "
		    "interval needs %.0f", r->used, r->B, 100 * level, need);
	if ((x = msei_calloc(r->B + 1, sizeof(*x))) == NULL)
		return msei_error(err, MSE_ENOMEM, "out of memory");
	for (b = 0; b < r->B; b++) {
		double v = mse_subgroup_sum(s, values, r->estimate + b * r->S,
		    NULL);

		if (!isnan(v))
			x[n++] = v;
	}
	qsort(x, n, sizeof(*x), msei_cmp_double);
	/* R's quantile(type = 7), the default of Cruyff's ci_95. */
	*lower = msei_quantile7(x, n, (1 - level) / 2);
	*upper = msei_quantile7(x, n, 1 - (1 - level) / 2);
	free(x);
	return MSE_OK;
}
