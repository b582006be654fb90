/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bootstrap.c - bootstrap intervals that re-run the model selection. */
#include <config.h>

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "mse_private.h"

void
mse_bootstrap_options_init(struct mse_bootstrap_options *o)
{
	memset(o, 0, sizeof(*o));
	o->size = sizeof(*o);
	/* SparseMSE's defaults: B = 1000, iseed = 1234. */
	o->replicates = 1000;
	o->seed = 1234;
	o->threads = 1;
	o->level = 0.95;
}

void
mse_bootstrap_result_free(struct mse_bootstrap_result *r)
{
	if (r == NULL)
		return;
	free(r->replicates);
	r->replicates = NULL;
}

/* The estimator being bootstrapped: a fixed model, a full selection, or
 * the best (by the criterion) of a fixed list of top models. */
struct estimator {
	const struct mse_select_options *sel;
	const struct mse_model *fixed;
	struct mse_model **top;
	size_t ntop;
	double *starts;		/* a full selection's starts, or NULL */
};

static double
estimate_on(const struct estimator *e, const struct mse_table *t)
{
	struct mse_model *m = NULL;
	struct mse_fit *f = NULL, *g;
	double est = NAN, best = INFINITY, c;
	size_t i;

	if (e->ntop > 0) {
		/* Silverman, Chan & Vincent (2024), section 6.3 of the note:
		 * the smallest finite criterion among the top models; a
		 * strict comparison keeps the earlier model on a tie. */
		for (i = 0; i < e->ntop; i++) {
			if (mse_fit_loglinear_absent(t, e->top[i], e->sel->absent,
			    e->sel->nabsent, e->sel->fit, &g, NULL) != MSE_OK)
				continue;
			c = msei_criterion(g, e->sel->method);
			if (c < best) {
				best = c;
				est = mse_fit_estimate(g);
			}
			mse_fit_free(g);
		}
		return est;
	}
	if (e->fixed != NULL) {
		if (mse_fit_loglinear_absent(t, e->fixed, e->sel->absent,
		    e->sel->nabsent, e->sel->fit, &f, NULL) == MSE_OK)
			est = mse_fit_estimate(f);
	} else if ((e->starts != NULL ? msei_select_warm(t, e->sel,
	    e->starts, &m, &f, NULL) : mse_select(t, e->sel, &m, &f, NULL,
	    NULL)) == MSE_OK)
		est = mse_fit_estimate(f);
	mse_model_free(m);
	mse_fit_free(f);
	return est;
}

/* splitmix64 (Steele, Lea & Flood 2014): a seed for replicate b that does
 * not depend on which thread draws it. */
unsigned long
msei_replicate_seed(unsigned long seed, size_t b)
{
	uint64_t z = (uint64_t)seed + 0x9e3779b97f4a7c15ULL * (b + 1);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return (unsigned long)(z ^ (z >> 31));
}

/*
 * The engine: B replicates and the jackknife of any estimator of nout
 * numbers over ncell cells (msei_boot).  Cells are grouped into strata;
 * a nonparametric replicate draws each stratum's n_g units with
 * replacement from its observed cells (one multinomial per stratum, in
 * stratum order, from one generator seeded for the replicate), so the
 * draws do not depend on the threads.  Item B + j is the data less one
 * unit of the j-th observed cell (the jackknife).
 */
struct work {
	const struct msei_boot *bp;
	const struct mse_bootstrap_options *o;
	size_t *obs;		/* the observed (positive) cells */
	double *prob;		/* their counts, for the multinomial */
	size_t nobs, ngroup;
	size_t *gstart;		/* ngroup + 1 offsets into obs */
	double *gn;		/* units per group */
	double *out;		/* (B + nobs) x nout */
	size_t total;
	struct worker *k;	/* one per worker of the pool */
};

/* A worker's state: the estimator's, and its own draws and generator. */
struct worker {
	void *state;
	unsigned int *draw;
	double *cnt;
	gsl_rng *r;
};

static void
draw_replicate(const struct work *w, gsl_rng *r, unsigned int *draw,
    double *cnt, size_t i)
{
	const struct msei_boot *bp = w->bp;
	size_t g, j;

	gsl_rng_set(r, msei_replicate_seed(w->o->seed, i));
	memset(cnt, 0, bp->ncell * sizeof(*cnt));
	if (bp->fitted != NULL) {
		/* Parametric: every cell a Poisson draw from the fitted
		 * model (cells fitted at 0 stay 0). */
		for (j = 0; j < bp->ncell; j++)
			cnt[j] = bp->fitted[j] > 0 ?
			    gsl_ran_poisson(r, bp->fitted[j]) : 0;
		return;
	}
	for (g = 0; g < w->ngroup; g++) {
		size_t a = w->gstart[g], n = w->gstart[g + 1] - a;

		if (n == 0)
			continue;
		gsl_ran_multinomial(r, n, (unsigned int)w->gn[g],
		    w->prob + a, draw);
		for (j = 0; j < n; j++)
			cnt[w->obs[a + j]] = draw[j];
	}
}

static int
run_item(const struct work *w, void *state, gsl_rng *r, unsigned int *draw,
    double *cnt, size_t i)
{
	const struct msei_boot *bp = w->bp;
	size_t B = (size_t)w->o->replicates;

	if (i < B)
		draw_replicate(w, r, draw, cnt, i);
	else {
		memcpy(cnt, bp->count, bp->ncell * sizeof(*cnt));
		cnt[w->obs[i - B]] -= 1;
	}
	return bp->estimate(state, cnt, w->out + i * bp->nout);
}

static int
worker_init(struct msei_pool *p, size_t id)
{
	struct work *w = p->arg;
	struct worker *k = &w->k[id];

	k->state = w->bp->start(w->bp->arg);
	k->draw = msei_calloc(w->nobs + 1, sizeof(*k->draw));
	k->cnt = msei_calloc(w->bp->ncell + 1, sizeof(*k->cnt));
	k->r = gsl_rng_alloc(gsl_rng_mt19937);
	return k->state == NULL || k->draw == NULL || k->cnt == NULL ||
	    k->r == NULL ? MSE_ENOMEM : MSE_OK;
}

static int
worker_job(struct msei_pool *p, size_t i, size_t id)
{
	struct work *w = p->arg;
	struct worker *k = &w->k[id];

	return run_item(w, k->state, k->r, k->draw, k->cnt, i);
}

static void
worker_fini(struct msei_pool *p, size_t id, int caller)
{
	struct work *w = p->arg;
	struct worker *k = &w->k[id];

	if (k->r != NULL)
		gsl_rng_free(k->r);
	free(k->draw);
	free(k->cnt);
	if (k->state != NULL)
		w->bp->stop(k->state);
	/* GLPK keeps an environment per thread; only the pool's own threads
	 * release theirs, never the caller's (libmse(3): no global state,
	 * and a caller's own GLPK problems stay valid). */
	if (!caller)
		msei_exist_thread_done();
}

static int
run_workers(struct work *w, struct mse_error *err)
{
	struct msei_pool p;
	int rc;

	memset(&p, 0, sizeof(p));
	p.njobs = w->total;
	p.threads = w->o->threads;
	p.arg = w;
	p.init = worker_init;
	p.job = worker_job;
	p.fini = worker_fini;
	p.progress = w->o->progress;
	p.progress_arg = w->o->progress_arg;
	w->k = msei_calloc(msei_pool_workers(p.threads, p.njobs),
	    sizeof(*w->k));
	if (w->k == NULL)
		return msei_error(err, MSE_ENOMEM, "out of memory");
	rc = msei_pool_run(&p, err);
	free(w->k);
	w->k = NULL;
	return rc;
}

/* Hyndman & Fan (1996) type-8 quantile of the sorted x[0..n-1], R's
 * quantile(type = 8), with R's 4 * DBL_EPSILON fuzz (bcaconfvalues). */
static double
quantile8(const double *x, size_t n, double p)
{
	double h = ((double)n + 1.0 / 3) * p + 1.0 / 3;
	double j = floor(h + 4 * DBL_EPSILON), g = h - j;
	size_t lo, hi;

	if (fabs(g) < 4 * DBL_EPSILON)
		g = 0;
	lo = j < 1 ? 0 : j > (double)n ? n - 1 : (size_t)j - 1;
	hi = j + 1 < 1 ? 0 : j + 1 > (double)n ? n - 1 : (size_t)j;
	return (1 - g) * x[lo] + g * x[hi];
}

/* The jackknife acceleration over units grouped by cell (Efron 1987):
 * a = sum n_j d_j^3 / (6 (sum n_j d_j^2)^(3/2)), d_j = mean - theta_(j). */
static int
acceleration(const double *jack, const double *count, size_t ncell,
    double n, double *a)
{
	double mean = 0, s2 = 0, s3 = 0, d;
	size_t j;

	for (j = 0; j < ncell; j++) {
		if (!isfinite(jack[j]))
			return MSE_EDOMAIN;
		mean += count[j] * jack[j] / n;
	}
	for (j = 0; j < ncell; j++) {
		d = mean - jack[j];
		s2 += count[j] * d * d;
		s3 += count[j] * d * d * d;
	}
	if (s2 == 0)
		return MSE_EDOMAIN;
	*a = s3 / (6 * pow(s2, 1.5));
	return MSE_OK;
}

/* BCa limits (Efron 1987; SparseMSE's bcaconfvalues, note 6.5) and the
 * percentile interval from the sorted usable replicates. */
static int
limits(struct mse_bootstrap_result *r, const double *x, size_t n,
    double level, struct mse_error *err)
{
	double q[2] = { (1 - level) / 2, 1 - (1 - level) / 2 }, out[2];
	size_t i, below = 0;

	for (i = 0; i < n; i++)
		below += x[i] < r->estimate;
	r->pct_lower = quantile8(x, n, q[0]);
	r->pct_upper = quantile8(x, n, q[1]);
	if (below == 0 || below == n)
		return msei_error(err, MSE_EDOMAIN, "no BCa interval: every "
		    "replicate lies on one side of the estimate");
	r->z0 = gsl_cdf_ugaussian_Pinv((double)below / (double)n);
	for (i = 0; i < 2; i++) {
		double w = r->z0 + gsl_cdf_ugaussian_Pinv(q[i]);
		double alpha = gsl_cdf_ugaussian_P(r->z0 + w /
		    (1 - r->acceleration * w));

		out[i] = quantile8(x, n, alpha);
	}
	r->lower = out[0];
	r->upper = out[1];
	return MSE_OK;
}

/* The top models of the original data (MSE's vary_ntop_bca). */
static int
top_models(const struct mse_table *t, const struct mse_select_options *sel,
    size_t ntop, struct estimator *e, struct mse_error *err)
{
	struct mse_modelset *s = NULL;
	size_t i, j, n, *idx;
	int rc = msei_modelset_fit(t, sel->max_order, sel->max_models,
	    sel->fit, sel->absent, sel->nabsent, &s, err);

	if (rc != MSE_OK)
		return rc;
	n = mse_modelset_size(s);
	idx = msei_calloc(n, sizeof(*idx));
	e->top = msei_calloc(ntop, sizeof(*e->top));
	if (idx == NULL || e->top == NULL)
		rc = msei_error(err, MSE_ENOMEM, "out of memory");
	/* Selection by repeated minimum keeps the enumeration order among
	 * ties, as a stable sort would. */
	for (j = 0; rc == MSE_OK && j < ntop; j++) {
		size_t best = n;

		for (i = 0; i < n; i++) {
			const struct mse_fit *f = mse_modelset_fit_of(s, i);

			if (f == NULL || idx[i])
				continue;
			if (best == n || msei_criterion(f, sel->method) <
			    msei_criterion(mse_modelset_fit_of(s, best),
			    sel->method))
				best = i;
		}
		if (best == n)
			break;
		idx[best] = 1;
		e->top[e->ntop] = mse_model_copy(mse_modelset_model(s, best),
		    err);
		if (e->top[e->ntop++] == NULL)
			rc = MSE_ENOMEM;
	}
	if (rc == MSE_OK && e->ntop == 0)
		rc = msei_error(err, MSE_ENOMLE, "no model of the space has an "
		    "estimate");
	free(idx);
	mse_modelset_free(s);
	return rc;
}

static void
estimator_free(struct estimator *e)
{
	size_t i;

	for (i = 0; i < e->ntop; i++)
		mse_model_free(e->top[i]);
	free(e->top);
	free(e->starts);
}

/* The options every bootstrap checks: B and the level. */
int
msei_boot_check(const struct mse_bootstrap_options *in,
    struct mse_bootstrap_options *o, struct mse_error *err)
{
	int rc;

	mse_bootstrap_options_init(o);
	if ((rc = msei_sized_in(o, sizeof(*o), in, "mse_bootstrap_options",
	    err)) != MSE_OK)
		return rc;
	if (o->threads < 0)
		return msei_error(err, MSE_EINVAL, "the number of threads "
		    "must be 0 (one per processor) or more, not %d",
		    o->threads);
	if (o->replicates < 1 || o->replicates > 10000000)
		return msei_error(err, MSE_EINVAL, "the number of replicates "
		    "must be 1 to 10^7, not %d", o->replicates);
	if (!(o->level > 0 && o->level < 1))
		return msei_error(err, MSE_EINVAL, "the confidence level %g is "
		    "not between 0 and 1", o->level);
	return MSE_OK;
}

/* Check and copy the caller's options into o and sel. */
static int
check_options(const struct mse_table *t, const struct mse_select_options *in,
    const struct mse_model *fixed, const struct mse_bootstrap_options *bo,
    struct mse_select_options *sel, struct mse_fit_options *fit,
    struct mse_bootstrap_options *o, struct mse_error *err)
{
	int rc = msei_boot_check(bo, o, err);

	/* The replicates' searches run on many threads: no progress from
	 * them (the bootstrap's own is o->progress). */
	if (rc != MSE_OK ||
	    (rc = msei_select_quiet(in, sel, fit, err)) != MSE_OK)
		return rc;
	if (mse_table_observed(t) > 4294967295.0)
		return msei_error(err, MSE_EINVAL, "the bootstrap resamples at "
		    "most 2^32 - 1 units");
	if (sel->method == MSE_SELECT_NONE && fixed == NULL)
		return msei_error(err, MSE_EINVAL, "no model and no selection");
	return MSE_OK;
}

/* Run the engine: out gets (B + nobs) x nout estimates, and obs/nobs
 * the observed cells (the jackknife rows' cells). */
int
msei_boot_run(const struct msei_boot *bp,
    const struct mse_bootstrap_options *o, struct msei_boot_out *res,
    struct mse_error *err)
{
	size_t B = (size_t)o->replicates, j, g, ng = bp->ngroup ? bp->ngroup : 1;
	struct work wk;
	int rc = MSE_OK;

	memset(&wk, 0, sizeof(wk));
	memset(res, 0, sizeof(*res));
	wk.bp = bp;
	wk.o = o;
	wk.ngroup = ng;
	wk.obs = msei_calloc(bp->ncell + 1, sizeof(*wk.obs));
	wk.prob = msei_calloc(bp->ncell + 1, sizeof(*wk.prob));
	wk.gstart = msei_calloc(ng + 1, sizeof(*wk.gstart));
	wk.gn = msei_calloc(ng, sizeof(*wk.gn));
	if (wk.obs == NULL || wk.prob == NULL || wk.gstart == NULL ||
	    wk.gn == NULL)
		rc = msei_error(err, MSE_ENOMEM, "out of memory");
	/* The observed cells, group by group, each group's in cell order. */
	for (g = 0; rc == MSE_OK && g < ng; g++) {
		wk.gstart[g] = wk.nobs;
		for (j = 0; j < bp->ncell; j++)
			if ((bp->group == NULL || bp->group[j] == g) &&
			    bp->count[j] > 0) {
				wk.obs[wk.nobs++] = j;
				wk.gn[g] += bp->count[j];
			}
		for (j = wk.gstart[g]; j < wk.nobs; j++)
			wk.prob[j] = bp->count[wk.obs[j]] / wk.gn[g];
		if (wk.gn[g] > 4294967295.0)
			rc = msei_error(err, MSE_EINVAL, "the bootstrap "
			    "resamples at most 2^32 - 1 units a stratum");
	}
	wk.gstart[ng] = wk.nobs;
	wk.total = B + wk.nobs;
	if (rc == MSE_OK && (wk.out = msei_calloc(wk.total * bp->nout,
	    sizeof(double))) == NULL)
		rc = msei_error(err, MSE_ENOMEM, "out of memory");
	if (rc == MSE_OK)
		rc = run_workers(&wk, err);
	if (rc == MSE_OK) {
		res->out = wk.out;
		res->obs = wk.obs;
		res->nobs = wk.nobs;
		wk.out = NULL;
		wk.obs = NULL;
	}
	free(wk.out);
	free(wk.obs);
	free(wk.prob);
	free(wk.gstart);
	free(wk.gn);
	return rc;
}

void
msei_boot_out_free(struct msei_boot_out *res)
{
	free(res->out);
	free(res->obs);
	memset(res, 0, sizeof(*res));
}

/* The interval of output q from the engine's estimates: the percentile
 * and BCa limits, the jackknife acceleration over the observed cells
 * whose group is group (all cells when group is SIZE_MAX).  r->estimate
 * holds the point estimate on entry. */
int
msei_boot_summary(const struct msei_boot *bp,
    const struct mse_bootstrap_options *o, const struct msei_boot_out *res,
    size_t q, size_t group, struct mse_bootstrap_result *r,
    struct mse_error *err)
{
	size_t B = (size_t)o->replicates, i, nj = 0;
	double *sorted = msei_calloc(B + 1, sizeof(double));
	double *jack = msei_calloc(res->nobs + 1, sizeof(double));
	double *cnt = msei_calloc(res->nobs + 1, sizeof(double)), n = 0;
	int rc = MSE_OK;

	r->used = 0;
	r->lower = r->upper = r->z0 = r->acceleration = NAN;
	r->replicates = msei_calloc(B, sizeof(double));
	if (sorted == NULL || jack == NULL || cnt == NULL ||
	    r->replicates == NULL)
		rc = msei_error(err, MSE_ENOMEM, "out of memory");
	for (i = 0; rc == MSE_OK && i < B; i++) {
		r->replicates[i] = res->out[i * bp->nout + q];
		if (isfinite(r->replicates[i]))
			sorted[r->used++] = r->replicates[i];
	}
	r->nreplicates = B;
	for (i = 0; rc == MSE_OK && i < res->nobs; i++) {
		size_t c = res->obs[i];

		if (group != SIZE_MAX && bp->group != NULL &&
		    bp->group[c] != group)
			continue;
		jack[nj] = res->out[(B + i) * bp->nout + q];
		cnt[nj] = bp->count[c];
		n += cnt[nj++];
	}
	if (rc == MSE_OK && r->used == 0)
		rc = msei_error(err, MSE_ENOMLE, "no bootstrap replicate has an "
		    "estimate");
	if (rc == MSE_OK) {
		qsort(sorted, r->used, sizeof(double), msei_cmp_double);
		r->bca = acceleration(jack, cnt, nj, n, &r->acceleration);
		if (r->bca != MSE_OK) {
			snprintf(r->bca_reason, sizeof(r->bca_reason), "the "
			    "jackknife has no acceleration (an estimate "
			    "without one unit does not exist)");
			r->pct_lower = quantile8(sorted, r->used,
			    (1 - o->level) / 2);
			r->pct_upper = quantile8(sorted, r->used,
			    1 - (1 - o->level) / 2);
		} else {
			struct mse_error e2;

			r->bca = limits(r, sorted, r->used, o->level, &e2);
			if (r->bca != MSE_OK)
				snprintf(r->bca_reason, sizeof(r->bca_reason),
				    "%s", e2.message);
		}
		if (r->bca == MSE_OK && r->used < MSE_BOOT_MIN_BCA) {
			/* BCa's tails need replicates out there: Efron &
			 * Tibshirani (1993, sec. 14.3) ask for 1000 or more;
			 * below 100 the limits are order statistics near the
			 * ends, so the interval is shown but not called ok. */
			r->bca = MSE_EDOMAIN;
			snprintf(r->bca_reason, sizeof(r->bca_reason), "only "
			    "%zu replicates with an estimate: BCa needs at "
			    "least %d (use -B 1000)", r->used,
			    MSE_BOOT_MIN_BCA);
		}
	}
	free(sorted);
	free(jack);
	free(cnt);
	return rc;
}

/* The table estimator of mse_bootstrap: a copy of the table per thread. */
struct table_state {
	const struct estimator *e;
	struct mse_table *copy;
};

struct table_arg {
	const struct mse_table *t;
	const struct estimator *e;
};

static void *
table_start(void *arg)
{
	const struct table_arg *a = arg;
	const char *names[MSE_MAX_LISTS];
	struct table_state *st = msei_calloc(1, sizeof(*st));
	size_t i;

	if (st == NULL)
		return NULL;
	for (i = 0; i < mse_table_lists(a->t); i++)
		names[i] = mse_table_name(a->t, i);
	st->e = a->e;
	st->copy = mse_table_new(mse_table_lists(a->t), names, NULL);
	if (st->copy == NULL) {
		free(st);
		return NULL;
	}
	return st;
}

static void
table_stop(void *state)
{
	struct table_state *st = state;

	mse_table_free(st->copy);
	free(st);
}

static int
table_estimate(void *state, const double *cnt, double *out)
{
	struct table_state *st = state;
	uint32_t c;
	int rc = MSE_OK;

	for (c = 1; c <= mse_table_cells(st->copy) && rc == MSE_OK; c++)
		rc = mse_table_set(st->copy, c, cnt[c - 1], NULL);
	if (rc == MSE_OK)
		out[0] = estimate_on(st->e, st->copy);
	return rc;
}

/* Prepare the cells, run the replicates and the jackknife, and summarise
 * them. */
static int
resample(const struct mse_table *t, const struct estimator *e,
    const double *fitted, const struct mse_bootstrap_options *o,
    struct mse_bootstrap_result *r, struct mse_error *err)
{
	struct table_arg arg = { t, e };
	struct msei_boot bp;
	struct msei_boot_out res;
	int rc;

	memset(&bp, 0, sizeof(bp));
	bp.ncell = mse_table_cells(t);
	bp.count = msei_table_counts(t) + 1;
	bp.fitted = fitted != NULL ? fitted + 1 : NULL;
	bp.nout = 1;
	bp.start = table_start;
	bp.stop = table_stop;
	bp.estimate = table_estimate;
	bp.arg = &arg;
	rc = msei_boot_run(&bp, o, &res, err);
	if (rc == MSE_OK)
		rc = msei_boot_summary(&bp, o, &res, 0, SIZE_MAX, r, err);
	msei_boot_out_free(&res);
	return rc;
}

/* The fitted values of the estimator's model on the original data, for
 * the parametric bootstrap. */
static int
fitted_cells(const struct mse_table *t, const struct estimator *e,
    double **out, struct mse_error *err)
{
	struct mse_model *m = NULL;
	struct mse_fit *f = NULL;
	uint32_t c;
	int rc;

	if (e->ntop > 0)
		rc = mse_fit_loglinear_absent(t, e->top[0], e->sel->absent,
		    e->sel->nabsent, e->sel->fit, &f, err);
	else if (e->fixed != NULL)
		rc = mse_fit_loglinear_absent(t, e->fixed, e->sel->absent,
		    e->sel->nabsent, e->sel->fit, &f, err);
	else
		rc = mse_select(t, e->sel, &m, &f, NULL, err);
	*out = rc == MSE_OK ? msei_calloc((size_t)mse_table_cells(t) + 1,
	    sizeof(double)) : NULL;
	if (rc == MSE_OK && *out == NULL)
		rc = msei_error(err, MSE_ENOMEM, "out of memory");
	for (c = 1; rc == MSE_OK && c <= mse_table_cells(t); c++)
		(*out)[c] = mse_fit_fitted(f, c);
	mse_model_free(m);
	mse_fit_free(f);
	return rc;
}

int
mse_bootstrap(const struct mse_table *t,
    const struct mse_select_options *insel, const struct mse_model *fixed,
    const struct mse_bootstrap_options *in, struct mse_bootstrap_result *r,
    struct mse_error *err)
{
	struct mse_select_options sel_copy, *sel = &sel_copy;
	struct mse_fit_options fit_quiet;
	struct mse_bootstrap_options copy, *o = &copy;
	struct estimator e;
	double *fitted = NULL;
	int rc;

	if (msei_table_need_dense(t, "the bootstrap", err) != MSE_OK)
		return MSE_EDOMAIN;
	memset(r, 0, sizeof(*r));
	r->lower = r->upper = r->z0 = r->acceleration = NAN;
	rc = check_options(t, insel, fixed, in, sel, &fit_quiet, o, err);
	if (rc != MSE_OK)
		return rc;
	memset(&e, 0, sizeof(e));
	e.sel = sel;
	e.fixed = sel->method == MSE_SELECT_NONE ? fixed : NULL;
	if (o->top > 0 && (sel->method == MSE_SELECT_AIC ||
	    sel->method == MSE_SELECT_BIC || sel->method == MSE_SELECT_AICC))
		rc = top_models(t, sel, o->top, &e, err);
	if (rc == MSE_OK) {
		/* With the top models, the point estimate is always that of
		 * the best model on the original data (MSE's vary_ntop_bca). */
		r->estimate = e.ntop > 0 ? estimate_on(&(struct estimator){
		    sel, e.top[0], NULL, 0, NULL }, t) : estimate_on(&e, t);
		if (!isfinite(r->estimate))
			rc = msei_error(err, MSE_ENOMLE, "the estimate on the "
			    "original data does not exist");
	}
	if (rc == MSE_OK && o->parametric)
		rc = fitted_cells(t, &e, &fitted, err);
	/* A full selection starts each replicate's fits from the original
	 * data's (the chosen model is still the full fits' choice). */
	if (rc == MSE_OK && e.fixed == NULL && e.ntop == 0 &&
	    msei_select_starts(t, sel, &e.starts, NULL) == MSE_ENOMEM)
		rc = msei_error(err, MSE_ENOMEM, "out of memory");
	if (rc == MSE_OK)
		rc = resample(t, &e, fitted, o, r, err);
	free(fitted);
	estimator_free(&e);
	return rc;
}
