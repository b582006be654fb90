/* SPDX-License-Identifier: GPL-3.0-or-later */
/* select.c - model spaces, stepwise, exhaustive and downhill model search. */
#include <config.h>

#include <stddef.h>

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "mse_private.h"

/* Exhaustive search while the space has at most this many models: all of
 * order 2 on 6 lists (2^15 = 32768), as the issue asks, and more. */
#define DEFAULT_MAX_MODELS 65536
/* MultipleSystemsEstimation's downhill search stops after 20 moves. */
#define DOWNHILL_MAX_ITER 20
/* The fast exhaustive search (below) up to this many lists. */
#define FAST_MAX_LISTS 16

/*
 * What a search fits: one table with its structural zeros, or strata whose
 * variables are covariates.  Models run over the K lists and then the V
 * covariates; a covariate's main effect is always in.
 */
struct src {
	const struct mse_table *t;
	const struct mse_strata *s;
	const struct mse_absent *a;
	const uint32_t *absent;
	size_t nabsent;
	size_t K, V;
	const struct mse_fit_options *fo;
	/* The fast exhaustive search's starts, one row of coefficients
	 * per model (msei_select_starts), and where it records them. */
	const double *starts;
	double **record;
};

static void
src_table(struct src *x, const struct mse_table *t, const uint32_t *absent,
    size_t nabsent, const struct mse_fit_options *fo)
{
	memset(x, 0, sizeof(*x));
	x->t = t;
	x->absent = absent;
	x->nabsent = nabsent;
	x->K = mse_table_lists(t);
	x->fo = fo;
}

static void
src_strata(struct src *x, const struct mse_strata *s,
    const struct mse_absent *a, const struct mse_fit_options *fo)
{
	memset(x, 0, sizeof(*x));
	x->s = s;
	x->a = a;
	x->K = mse_strata_lists(s);
	x->V = mse_strata_vars(s);
	x->fo = fo;
}

/* A fit of the search; of a table, IRLS starts from near's fitted values
 * when near is not NULL (a nested model's fit: a few Newton steps away,
 * where R's start is about 14 steps away on 20 lists). */
static int
src_fit_near(const struct src *x, const struct mse_model *m,
    const struct mse_fit *near, struct mse_fit **f, struct mse_error *err)
{
	if (x->s != NULL)
		return msei_fit_strata(x->s, x->a, m, x->fo, NULL, f, err);
	return msei_fit_loglinear_from(x->t, m, x->absent, x->nabsent, x->fo,
	    near != NULL ? near->fitted : NULL, f, err);
}

static int
src_fit(const struct src *x, const struct mse_model *m, struct mse_fit **f,
    struct mse_error *err)
{
	return src_fit_near(x, m, NULL, f, err);
}

int
msei_select_quiet(const struct mse_select_options *in,
    struct mse_select_options *sel, struct mse_fit_options *fit,
    struct mse_error *err)
{
	int rc;

	mse_select_options_init(sel);
	rc = msei_sized_in(sel, sizeof(*sel), in, "mse_select_options", err);
	if (rc == MSE_OK)
		sel->fit = msei_fit_quiet(sel->fit, fit);
	return rc;
}

void
mse_select_options_init(struct mse_select_options *o)
{
	memset(o, 0, sizeof(*o));
	o->size = sizeof(*o);
	o->method = MSE_SELECT_NONE;
	o->max_order = 2;
	/* SparseMSE's default p-value threshold (stepwisefit). */
	o->threshold = 0.02;
	o->max_models = DEFAULT_MAX_MODELS;
}

/* ---- the model space -------------------------------------------------- */

/*
 * The candidate interactions: of lists, sizes 2 .. min(max_order, K - 1)
 * (the saturated term is never a candidate); with V covariates, also one
 * covariate with 1 .. max_order - 1 lists.  By size, then
 * lexicographically.
 */
static int
candidates(size_t K, size_t V, int max_order, uint32_t **out, size_t *n)
{
	uint32_t w, cells = ((uint32_t)1 << (K + V)) - 1, *c;
	uint32_t lists = ((uint32_t)1 << K) - 1;
	int top = max_order < (int)K - 1 ? max_order : (int)K - 1;
	size_t m = 0;

	c = msei_calloc(cells, sizeof(*c));
	if (c == NULL)
		return MSE_ENOMEM;
	for (w = 1; w <= cells; w++) {
		int l = msei_popcount(w & lists);
		int v = msei_popcount(w >> K);

		if (v == 0 ? l >= 2 && l <= top :
		    v == 1 && l >= 1 && l + 1 <= max_order && l <= (int)K - 1)
			c[m++] = w;
	}
	qsort(c, m, sizeof(*c), msei_term_cmp);
	*out = c;
	*n = m;
	return MSE_OK;
}

struct space {
	const uint32_t *cand;
	size_t ncand;
	size_t count, limit;
	size_t total;		/* the space's size, for progress */
	int (*emit)(void *arg, const struct space *sp, uint64_t set);
	void *arg;
	int rc;
};

/* May candidate i join the set?  Every subset one size smaller must be in
 * (pairs need only main effects, which are always in). */
static int
allowed(const struct space *sp, uint64_t set, size_t i)
{
	uint32_t t = sp->cand[i];
	size_t j;

	if (msei_popcount(t) == 2)
		return 1;
	for (uint32_t rest = t; rest != 0; rest &= rest - 1) {
		uint32_t sub = t & ~(rest & -rest);

		for (j = 0; j < i && sp->cand[j] != sub; j++)
			;
		if (j == i || !(set >> j & 1))
			return 0;
	}
	return 1;
}

/* Walk every hierarchical model: include or exclude each candidate in
 * turn (SparseMSE and MultipleSystemsEstimation's model space). */
static void
walk(struct space *sp, uint64_t set, size_t i)
{
	if (sp->rc != MSE_OK || sp->count > sp->limit)
		return;
	if (i == sp->ncand) {
		sp->count++;
		if (sp->emit != NULL && sp->count <= sp->limit)
			sp->rc = sp->emit(sp->arg, sp, set);
		return;
	}
	walk(sp, set, i + 1);
	if (allowed(sp, set, i))
		walk(sp, set | (uint64_t)1 << i, i + 1);
}

int
mse_models_count(size_t k, int max_order, size_t limit, size_t *count)
{
	struct space sp;
	uint32_t *cand;
	size_t n;

	if (k < 2 || k > MSE_MAX_LISTS || max_order < 1)
		return MSE_EINVAL;
	if (candidates(k, 0, max_order, &cand, &n) != MSE_OK)
		return MSE_ENOMEM;
	memset(&sp, 0, sizeof(sp));
	sp.cand = cand;
	sp.ncand = n;
	sp.limit = limit;
	if (n > 64)
		sp.count = limit + 1;
	else
		walk(&sp, 0, 0);
	free(cand);
	*count = sp.count;
	return MSE_OK;
}

static struct mse_model *
model_of(size_t k, const struct space *sp, uint64_t set,
    struct mse_error *err)
{
	struct mse_model *m = mse_model_new(k, err);
	size_t i;

	for (i = 0; m != NULL && i < sp->ncand; i++)
		if (set >> i & 1 && mse_model_add(m, sp->cand[i], err) !=
		    MSE_OK) {
			mse_model_free(m);
			m = NULL;
		}
	return m;
}

/* ---- every model of a space, fitted ----------------------------------- */

struct entry {
	struct mse_model *m;
	struct mse_fit *f;
	int status;
	char reason[256];
};

struct mse_modelset {
	size_t k;		/* K + V */
	struct entry *e;
	size_t n, cap;
	const struct src *src;	/* while fitting */
	/* The weights' best model, its criterion and their sum, for AIC
	 * [0], BIC [1] and AICc [2], made once when the set is complete: a
	 * weight is
	 * then O(1), not O(n) (mse-models on 6,893 models spent seconds
	 * summing them again for each). */
	size_t best[3];
	double c0[3], sum[3];
};

/* Fit one model into the set; a failed fit is kept with its reason. */
static int
set_add(struct mse_modelset *s, struct mse_model *m, struct mse_error *err)
{
	struct mse_error e;
	struct entry *x;

	if (s->n == s->cap) {
		size_t cap = s->cap ? 2 * s->cap : 64;
		void *p = msei_reallocarray(s->e, cap, sizeof(*s->e));

		if (p == NULL) {
			mse_model_free(m);
			return msei_error(err, MSE_ENOMEM, "out of memory");
		}
		s->e = p;
		s->cap = cap;
	}
	x = &s->e[s->n++];
	memset(x, 0, sizeof(*x));
	mse_error_clear(&e);
	x->m = m;
	x->status = src_fit(s->src, m, &x->f, &e);
	if (x->status == MSE_ENOMEM)
		return msei_error(err, MSE_ENOMEM, "out of memory");
	if (x->status != MSE_OK)
		snprintf(x->reason, sizeof(x->reason), "%s", e.message);
	else
		msei_fit_slim(x->f);
	return MSE_OK;
}

/* The caller's progress callback in fit options of any size, or NULL. */
static const struct mse_fit_options *
progress_of(const struct mse_fit_options *fo)
{
	size_t need = offsetof(struct mse_fit_options, progress_arg) +
	    sizeof(fo->progress_arg);

	return fo != NULL && fo->size >= need && fo->progress != NULL ? fo :
	    NULL;
}

static int
emit_fit(void *arg, const struct space *sp, uint64_t set)
{
	struct mse_modelset *s = arg;
	const struct mse_fit_options *p = progress_of(s->src->fo);
	struct mse_error err;
	struct mse_model *m = model_of(s->k, sp, set, &err);
	int rc;

	if (m == NULL)
		return MSE_ENOMEM;
	rc = set_add(s, m, NULL);
	if (p != NULL && rc == MSE_OK)
		p->progress(p->progress_arg, s->n, sp->total);
	return rc;
}

void
mse_modelset_free(struct mse_modelset *s)
{
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; i < s->n; i++) {
		mse_model_free(s->e[i].m);
		mse_fit_free(s->e[i].f);
	}
	free(s->e);
	free(s);
}

int
mse_modelset_fit(const struct mse_table *t, int max_order, size_t limit,
    const struct mse_fit_options *fo, struct mse_modelset **out,
    struct mse_error *err)
{
	*out = NULL;
	if (msei_table_need_dense(t, "model selection", err) != MSE_OK)
		return MSE_EDOMAIN;
	return msei_modelset_fit(t, max_order, limit, fo, NULL, 0, out, err);
}

static void weights_prepare(struct mse_modelset *s);

static int
modelset_fit(const struct src *x, int max_order, size_t limit,
    struct mse_modelset **out, struct mse_error *err)
{
	struct mse_modelset *s;
	struct space sp;
	uint32_t *cand;
	size_t n;

	*out = NULL;
	if (max_order < 1)
		return msei_error(err, MSE_EINVAL, "the maximum order must be "
		    "at least 1");
	if (x->K + x->V > MSE_MAX_LISTS)
		return msei_error(err, MSE_EINVAL, "%zu lists and %zu "
		    "covariates; at most %d together are supported", x->K,
		    x->V, MSE_MAX_LISTS);
	if (candidates(x->K, x->V, max_order, &cand, &n) != MSE_OK)
		return msei_error(err, MSE_ENOMEM, "out of memory");
	s = calloc(1, sizeof(*s));
	if (s == NULL || n > 64) {
		free(cand);
		free(s);
		return n > 64 ? msei_error(err, MSE_EDOMAIN, "the model space "
		    "is too large to list") : msei_error(err, MSE_ENOMEM,
		    "out of memory");
	}
	s->k = x->K + x->V;
	s->src = x;
	memset(&sp, 0, sizeof(sp));
	sp.cand = cand;
	sp.ncand = n;
	sp.limit = limit ? limit : DEFAULT_MAX_MODELS;
	if (progress_of(x->fo) != NULL) {
		/* Count the space first: a walk with no fits is cheap. */
		walk(&sp, 0, 0);
		sp.total = sp.count;
		sp.count = 0;
	}
	sp.emit = emit_fit;
	sp.arg = s;
	walk(&sp, 0, 0);
	free(cand);
	if (sp.rc == MSE_OK && sp.count > sp.limit)
		sp.rc = msei_error(err, MSE_EDOMAIN, "the model space has more "
		    "than %zu models; lower the maximum order", sp.limit);
	else if (sp.rc != MSE_OK)
		msei_error(err, sp.rc, "out of memory");
	s->src = NULL;
	if (sp.rc != MSE_OK) {
		mse_modelset_free(s);
		return sp.rc;
	}
	weights_prepare(s);
	*out = s;
	return MSE_OK;
}

int
msei_modelset_fit(const struct mse_table *t, int max_order, size_t limit,
    const struct mse_fit_options *fo, const uint32_t *absent, size_t nabsent,
    struct mse_modelset **out, struct mse_error *err)
{
	struct src x;

	src_table(&x, t, absent, nabsent, fo);
	return modelset_fit(&x, max_order, limit, out, err);
}

int
mse_modelset_fit_covariates(const struct mse_strata *s,
    const struct mse_absent *a, int max_order, size_t limit,
    const struct mse_fit_options *fo, struct mse_modelset **out,
    struct mse_error *err)
{
	struct src x;
	int rc;

	*out = NULL;
	if ((rc = mse_absent_check(a, s, err)) != MSE_OK)
		return rc;
	src_strata(&x, s, a, fo);
	return modelset_fit(&x, max_order, limit, out, err);
}

size_t
mse_modelset_size(const struct mse_modelset *s)
{
	return s->n;
}

const struct mse_model *
mse_modelset_model(const struct mse_modelset *s, size_t i)
{
	return i < s->n ? s->e[i].m : NULL;
}

const struct mse_fit *
mse_modelset_fit_of(const struct mse_modelset *s, size_t i)
{
	return i < s->n ? s->e[i].f : NULL;
}

int
mse_modelset_status(const struct mse_modelset *s, size_t i,
    const char **reason)
{
	if (i >= s->n)
		return MSE_EINVAL;
	if (reason != NULL)
		*reason = s->e[i].reason;
	return s->e[i].status;
}

#define criterion msei_criterion

/* The slot of a criterion in a model set's weights. */
static size_t
crit_slot(int which)
{
	return which == MSE_SELECT_AIC ? 0 : which == MSE_SELECT_BIC ? 1 : 2;
}

/* The first model with the smallest criterion (a tie keeps the earlier). */
size_t
mse_modelset_best(const struct mse_modelset *s, int which)
{
	size_t i, best = s->n;

	for (i = 0; i < s->n; i++)
		if (s->e[i].f != NULL && criterion(s->e[i].f, which) <
		    INFINITY && (best == s->n || criterion(s->e[i].f, which) <
		    criterion(s->e[best].f, which)))
			best = i;
	return best;
}

/* Akaike weights exp(-D/2) / sum exp(-D/2), D the difference from the
 * best (Burnham & Anderson 2002, 2.9): the best model and the sum, once
 * for each criterion. */
static void
weights_prepare(struct mse_modelset *s)
{
	static const int which[3] = { MSE_SELECT_AIC, MSE_SELECT_BIC,
	    MSE_SELECT_AICC };
	size_t w, j;

	for (w = 0; w < 3; w++) {
		s->best[w] = mse_modelset_best(s, which[w]);
		s->sum[w] = 0;
		if (s->best[w] == s->n)
			continue;
		s->c0[w] = criterion(s->e[s->best[w]].f, which[w]);
		for (j = 0; j < s->n; j++)
			if (s->e[j].f != NULL)
				s->sum[w] += exp(-(criterion(s->e[j].f,
				    which[w]) - s->c0[w]) / 2);
	}
}

/* 0 for models that failed. */
double
mse_modelset_weight(const struct mse_modelset *s, size_t i, int which)
{
	size_t w = crit_slot(which);

	if (s->best[w] == s->n || i >= s->n || s->e[i].f == NULL)
		return 0;
	return exp(-(criterion(s->e[i].f, which) - s->c0[w]) / 2) / s->sum[w];
}

/* Model averaging with the unconditional SE of Buckland, Burnham &
 * Augustin (1997, Biometrics 53:603, eq. 9):
 * se = sum_i w_i sqrt(var_i + (N_i - Nbar)^2). */
int
mse_modelset_average(const struct mse_modelset *s, int which, double *est,
    double *se, struct mse_error *err)
{
	double nbar = 0, u = 0;
	size_t i;

	if (mse_modelset_best(s, which) == s->n)
		return msei_error(err, MSE_ENOMLE, "no model of the space has "
		    "an estimate");
	for (i = 0; i < s->n; i++)
		if (s->e[i].f != NULL)
			nbar += mse_modelset_weight(s, i, which) *
			    mse_fit_estimate(s->e[i].f);
	for (i = 0; i < s->n; i++)
		if (s->e[i].f != NULL) {
			double d = mse_fit_estimate(s->e[i].f) - nbar;
			double v = mse_fit_se(s->e[i].f);

			u += mse_modelset_weight(s, i, which) *
			    sqrt(v * v + d * d);
		}
	*est = nbar;
	*se = u;
	return MSE_OK;
}

/* ---- stepwise (SparseMSE's stepwisefit, Chan et al. 2021) ------ */

static void zeta_sup(double *s, size_t C);

/* The smaller Poisson tail of the observed overlap under the current
 * model, not doubled: min(P(X <= N*), P(X >= N*)), X ~ Poisson(lambda). */
static double
pair_pvalue(double nstar, double lambda)
{
	double lo, hi;

	if (nstar == 0)
		return exp(-lambda);
	lo = gsl_cdf_poisson_P((unsigned int)nstar, lambda);
	hi = gsl_cdf_poisson_Q((unsigned int)nstar - 1, lambda);
	return lo < hi ? lo : hi;
}

/*
 * The existence check of a candidate (SparseMSE's checkident), by the
 * candidate's own fit: the design's existence decision (design.c) takes
 * a converged Newton step as a certificate and runs the linear program
 * only when it is missing, so a 20-list candidate is not a linear
 * program of 2^20 rows.  A candidate whose fit fails is not taken.  *f
 * is the fit, or NULL when the check failed.
 */
static int
sel_check(const struct src *x, const struct mse_model *m,
    const struct mse_fit *near, struct mse_fit **f, struct mse_error *err)
{
	int rc = src_fit_near(x, m, near, f, NULL);

	if (rc == MSE_ENOMEM)
		return msei_error(err, rc, "out of memory");
	if (rc != MSE_OK) {
		mse_fit_free(*f);
		*f = NULL;
	}
	return MSE_OK;
}

/* The fit of m + pair, or NULL when it fails the existence check. */
static int
pair_fit(const struct src *x, const struct mse_model *m,
    const struct mse_fit *near, uint32_t pair, struct mse_fit **f,
    struct mse_error *err)
{
	struct mse_model *c = mse_model_copy(m, err);
	int rc;

	*f = NULL;
	if (c == NULL)
		return MSE_ENOMEM;
	rc = mse_model_add(c, pair, err);
	if (rc == MSE_OK)
		rc = sel_check(x, c, near, f, err);
	mse_model_free(c);
	return rc;
}

struct pair_p {
	uint32_t pair;
	size_t at;		/* the pair's place in (i, j) order */
	double p;
};

static int
pair_p_cmp(const void *pa, const void *pb)
{
	const struct pair_p *a = pa, *b = pb;

	if (a->p != b->p)
		return a->p < b->p ? -1 : 1;
	return a->at < b->at ? -1 : a->at > b->at;
}

/*
 * Choose the pair to add: the smallest p-value among the pairs whose
 * model passes the existence check, the first pair in (i, j) order on a
 * tie; *pair = 0 when none below threshold passes.  stepwisefit checks
 * every candidate and gives a failing one p = 1; the choice is the same
 * when the candidates are checked in order of p and the first that
 * passes is taken, and the check then runs about once per step instead
 * of once per pair.  *g is the fit of m + *pair.
 */
static int
best_pair(const struct src *x, const struct mse_model *m,
    const struct mse_fit *f, double threshold, uint32_t *pair,
    struct mse_fit **g, struct mse_error *err)
{
	size_t i, j, k = x->K, n = 0, C = (size_t)1 << k;
	struct pair_p *c = msei_calloc(k * (k - 1) / 2 + 1, sizeof(*c));
	double *sup = msei_calloc(2 * C, sizeof(*sup)), *obs = sup + C;
	const double *counts = msei_table_counts(x->t);
	int rc = MSE_OK;
	uint32_t w;

	*pair = 0;
	*g = NULL;
	if (c == NULL || sup == NULL) {
		free(c);
		free(sup);
		return msei_error(err, MSE_ENOMEM, "out of memory");
	}
	/* Every pair's observed and expected overlaps at once: superset
	 * sums of the counts and of the fitted values (k 2^k additions, not
	 * a pass over the cells for each of the k(k-1)/2 pairs).  The
	 * counts are whole numbers, so their sums are exact. */
	for (w = 1; w < C; w++) {
		sup[w] = mse_fit_fitted(f, w);
		obs[w] = counts[w];
	}
	zeta_sup(sup, C);
	zeta_sup(obs, C);
	for (i = 0; i < k; i++)
		for (j = i + 1; j < k; j++) {
			uint32_t q = (1u << i) | (1u << j);

			if (mse_model_has(m, q))
				continue;
			c[n].pair = q;
			c[n].at = n;
			c[n].p = pair_pvalue(obs[q], sup[q]);
			if (isnan(c[n].p))	/* never chosen, sorted last */
				c[n].p = INFINITY;
			n++;
		}
	free(sup);
	qsort(c, n, sizeof(*c), pair_p_cmp);
	for (i = 0; i < n && c[i].p < threshold && rc == MSE_OK; i++) {
		rc = pair_fit(x, m, f, c[i].pair, g, err);
		if (rc == MSE_OK && *g != NULL) {
			*pair = c[i].pair;
			break;
		}
	}
	free(c);
	return rc;
}

static int
all_pairs(const struct src *x, struct mse_model **out,
    struct mse_error *err)
{
	size_t i, j, k = x->K;
	struct mse_model *m = mse_model_new(k, err);
	struct mse_fit *f = NULL;
	int rc = m == NULL ? MSE_ENOMEM : MSE_OK, ok;

	for (i = 0; i < k && rc == MSE_OK; i++)
		for (j = i + 1; j < k && rc == MSE_OK; j++)
			rc = mse_model_add(m, (1u << i) | (1u << j), err);
	if (rc == MSE_OK)
		rc = sel_check(x, m, NULL, &f, err);
	ok = f != NULL;
	mse_fit_free(f);
	if (rc != MSE_OK || !ok) {
		mse_model_free(m);
		m = NULL;
	}
	*out = m;
	return rc;
}

static int
stepwise(const struct src *x, const struct mse_select_options *o,
    struct mse_model **mout, struct mse_fit **fout,
    struct mse_select_info *info, struct mse_error *err)
{
	struct mse_model *m = NULL;
	struct mse_fit *f = NULL, *g;
	size_t step, k = x->K;
	int rc = MSE_OK, done = o->threshold <= 0;
	uint32_t pair;

	/* p = 1 takes every pair when that model passes the check. */
	if (o->threshold >= 1)
		rc = all_pairs(x, &m, err);
	done |= m != NULL;
	if (rc == MSE_OK && m == NULL)
		m = mse_model_new(k, err);
	if (m == NULL)
		return rc != MSE_OK ? rc : MSE_ENOMEM;
	rc = src_fit(x, m, &f, err);
	info->evaluated = 1;
	for (step = 0; rc == MSE_OK && !done && step < k * (k - 1) / 2;
	    step++) {
		rc = best_pair(x, m, f, o->threshold, &pair, &g, err);
		if (rc != MSE_OK || pair == 0)
			break;
		mse_fit_free(f);
		f = g;
		rc = mse_model_add(m, pair, err);
		info->evaluated++;
	}
	/* The candidates' fits start from their parent's (src_fit_near); the
	 * chosen model's fit is refitted from R's start, so that what is
	 * reported does not depend on the path that found it. */
	if (rc == MSE_OK && info->evaluated > 1) {
		mse_fit_free(f);
		f = NULL;
		rc = src_fit(x, m, &f, err);
	}
	if (rc != MSE_OK) {
		mse_model_free(m);
		mse_fit_free(f);
		return rc;
	}
	*mout = m;
	*fout = f;
	return MSE_OK;
}

/* ---- downhill (Silverman, Chan & Vincent 2024; MSE's downhill_fit) - */

struct visited {
	struct mse_model **m;
	size_t n, cap;
};

static int
same_model(const struct mse_model *a, const struct mse_model *b)
{
	size_t i;

	if (mse_model_terms(a) != mse_model_terms(b))
		return 0;
	for (i = 0; i < mse_model_terms(a); i++)
		if (mse_model_term(a, i) != mse_model_term(b, i))
			return 0;
	return 1;
}

static int
visited_has(const struct visited *v, const struct mse_model *m)
{
	size_t i;

	for (i = 0; i < v->n; i++)
		if (same_model(v->m[i], m))
			return 1;
	return 0;
}

/* Take ownership of m. */
static int
visited_add(struct visited *v, struct mse_model *m)
{
	if (v->n == v->cap) {
		size_t cap = v->cap ? 2 * v->cap : 64;
		void *p = msei_reallocarray(v->m, cap, sizeof(*v->m));

		if (p == NULL) {
			mse_model_free(m);
			return MSE_ENOMEM;
		}
		v->m = p;
		v->cap = cap;
	}
	v->m[v->n++] = m;
	return MSE_OK;
}

static int
is_generator(const struct mse_model *m, uint32_t a)
{
	size_t i;

	for (i = 0; i < mse_model_terms(m); i++)
		if (mse_model_term(m, i) != a &&
		    (mse_model_term(m, i) & a) == a)
			return 0;
	return msei_popcount(a) >= 2;
}

/* Could a be added keeping the model hierarchical within max_order? */
static int
addable(const struct mse_model *m, uint32_t a, int top)
{
	int s = msei_popcount(a);

	if (s < 2 || s > top || mse_model_has(m, a))
		return 0;
	for (uint32_t r = a; r != 0; r &= r - 1)
		if (!mse_model_has(m, a & ~(r & -r)))
			return 0;
	return 1;
}

/* The neighbours of m not yet visited: removals of generators, larger
 * ones first, then additions, each in term order. */
static int
neighbours(const struct mse_model *m, size_t k, int top,
    const uint32_t *order, size_t norder, struct visited *v,
    struct visited *out, struct mse_error *err)
{
	size_t i, pass;

	/* pass 0 .. top - 2: removals of size top, top - 1, ..., 2 (the
	 * order of MSE's model strings); pass top - 1: additions. */
	for (pass = 0; pass + 1 < (size_t)top + 1; pass++)
		for (i = 0; i < norder; i++) {
			uint32_t a = order[i];
			int rem = pass + 2 <= (size_t)top;
			int size = top - (int)pass;
			struct mse_model *c;
			int ok = rem ? msei_popcount(a) == size &&
			    is_generator(m, a) && mse_model_has(m, a) :
			    addable(m, a, top);

			if (!ok)
				continue;
			c = mse_model_copy(m, err);
			if (c == NULL)
				return MSE_ENOMEM;
			if ((rem ? mse_model_remove(c, a, err) :
			    mse_model_add(c, a, err)) != MSE_OK ||
			    visited_has(v, c) || visited_has(out, c)) {
				mse_model_free(c);
				continue;
			}
			if (visited_add(out, c) != MSE_OK)
				return msei_error(err, MSE_ENOMEM, "out of "
				    "memory");
		}
	(void)k;
	return MSE_OK;
}

static void
visited_free(struct visited *v)
{
	size_t i;

	for (i = 0; i < v->n; i++)
		mse_model_free(v->m[i]);
	free(v->m);
	v->m = NULL;
	v->n = v->cap = 0;
}

/* Evaluate the new neighbours; return the index of the first with the
 * smallest criterion, or new->n when none has one. */
static size_t
best_neighbour(const struct src *x, const struct mse_select_options *o,
    struct visited *nb, struct mse_fit **best_fit, double *best_c,
    struct mse_select_info *info)
{
	size_t i, best = nb->n;

	*best_fit = NULL;
	for (i = 0; i < nb->n; i++) {
		struct mse_fit *f = NULL;
		double c;

		info->evaluated++;
		if (src_fit(x, nb->m[i], &f, NULL) != MSE_OK)
			continue;
		c = criterion(f, o->method);
		if (best == nb->n || c < *best_c) {
			mse_fit_free(*best_fit);
			*best_fit = f;
			*best_c = c;
			best = i;
		} else
			mse_fit_free(f);
	}
	return best;
}

static int
downhill(const struct src *x, const struct mse_select_options *o,
    struct mse_model **mout, struct mse_fit **fout,
    struct mse_select_info *info, struct mse_error *err)
{
	size_t k = x->K + x->V, norder, it, b;
	int top = x->V > 0 || o->max_order < (int)x->K - 1 ? o->max_order :
	    (int)x->K - 1;
	struct visited seen = { 0 }, nb = { 0 };
	struct mse_model *m = mse_model_new(k, err);
	struct mse_fit *f = NULL, *g;
	uint32_t *order = NULL;
	double cur, c = 0;
	int rc = m == NULL ? MSE_ENOMEM : candidates(x->K, x->V, top, &order,
	    &norder);

	if (rc == MSE_OK)
		rc = src_fit(x, m, &f, err);
	info->evaluated = 1;
	if (rc == MSE_OK)
		rc = visited_add(&seen, mse_model_copy(m, err));
	cur = rc == MSE_OK ? criterion(f, o->method) : 0;
	for (it = 0; rc == MSE_OK && it < DOWNHILL_MAX_ITER; it++) {
		rc = neighbours(m, k, top, order, norder, &seen, &nb, err);
		if (rc != MSE_OK || nb.n == 0)
			break;
		b = best_neighbour(x, o, &nb, &g, &c, info);
		if (b == nb.n || !(c < cur)) {
			mse_fit_free(g);
			break;
		}
		mse_model_free(m);
		mse_fit_free(f);
		m = mse_model_copy(nb.m[b], err);
		f = g;
		cur = c;
		for (size_t i = 0; i < nb.n; i++)
			if (visited_add(&seen, nb.m[i]) != MSE_OK)
				rc = MSE_ENOMEM;
		free(nb.m);
		memset(&nb, 0, sizeof(nb));
		if (m == NULL)
			rc = MSE_ENOMEM;
	}
	visited_free(&nb);
	visited_free(&seen);
	free(order);
	if (rc != MSE_OK) {
		mse_model_free(m);
		mse_fit_free(f);
		return rc;
	}
	*mout = m;
	*fout = f;
	return MSE_OK;
}

/* ---- the search a user asks for ---------------------------------------- */

/* AICc needs more units observed than parameters + 1 (mse_fit_aicc). */
static int
aicc_undefined(struct mse_error *err)
{
	return msei_error(err, MSE_EDOMAIN, "AICc is not defined for any "
	    "model of the search: every one has n - 1 parameters or more, n "
	    "being the number observed (AICc needs n > p + 1); use AIC or "
	    "BIC");
}

static int fast_exhaustive(const struct src *x,
    const struct mse_select_options *o, struct mse_model **mout,
    struct mse_fit **fout, struct mse_select_info *info,
    struct mse_error *err);

static int
exhaustive(const struct src *x, const struct mse_select_options *o,
    struct mse_model **mout, struct mse_fit **fout,
    struct mse_select_info *info, struct mse_error *err)
{
	struct mse_modelset *s = NULL;
	size_t best;
	int rc;

	if (x->s == NULL && x->nabsent == 0 && x->K <= FAST_MAX_LISTS &&
	    o->method != MSE_SELECT_AICC)
		return fast_exhaustive(x, o, mout, fout, info, err);
	rc = modelset_fit(x, o->max_order, o->max_models, &s, err);
	if (rc != MSE_OK)
		return rc;
	info->evaluated = s->n;
	best = mse_modelset_best(s, o->method);
	if (best == s->n && mse_modelset_best(s, MSE_SELECT_AIC) < s->n) {
		mse_modelset_free(s);
		return aicc_undefined(err);
	}
	if (best == s->n) {
		mse_modelset_free(s);
		return msei_error(err, MSE_ENOMLE, "no model of the space has "
		    "an estimate (every one fails the existence check or "
		    "its fit)");
	}
	/* The set keeps only numbers: refit the winner whole. */
	*mout = s->e[best].m;
	s->e[best].m = NULL;
	mse_modelset_free(s);
	rc = src_fit(x, *mout, fout, err);
	if (rc != MSE_OK) {
		mse_model_free(*mout);
		*mout = NULL;
	}
	return rc;
}

/* ---- the fast exhaustive search of one plain table ------------------- */

/*
 * The exhaustive search of a table with no strata, covariates or
 * structural zeros fits every hierarchical model of the space by IRLS on
 * the 2^k cells directly (issue 13).  For 0/1 terms of lists, column t of
 * the design is 1 on the cells that contain t, so with weights w:
 *   (X'WX)_ij = sum of w over the cells containing t_i | t_j,
 *   (X'Wz)_i  = sum of w z over the cells containing t_i,
 *   eta_w     = sum of beta_t over the terms t within w,
 * and each is a look-up after a k 2^k superset- or subset-sum transform.
 * The steps are those of msei_glm_fit (start, deviance test, rounding
 * floor, Cholesky rank test); a fit is taken only when it converged as
 * Newton's method does to an interior optimum (design.c's certificate of
 * existence).  Every other model, and every model whose criterion comes
 * within FAST_MARGIN of the best, is fitted again by the one design
 * (src_fit), which decides: the chosen model is the one the full fits
 * choose.  Starts may come from the neighbouring model of the walk.
 */
/* A criterion this close (relative) to the best is decided by the full
 * fit; the fast fit's convergence error is below 1e-8 of the deviance. */
#define FAST_MARGIN 1e-6
/* msei_select_starts keeps at most this many coefficients (256 MiB). */
#define FAST_MAX_STARTS ((size_t)1 << 25)
/* design.c's CONVERGED_STEP and glm.c's STEP_FLOOR and CHOL_RANK_TOL. */
#define FAST_CONVERGED 0.01
#define FAST_STEP_FLOOR 1e-10
#define FAST_RANK_TOL 1e-7

struct ffit {
	size_t K, C;		/* lists, 2^K cells (cell 0 is never a row) */
	int max_iter;
	double tol;
	const double *y;	/* the table's counts */
	double *margin;		/* superset sums of y */
	double *ylogy, *lfy;	/* y log y, log y! */
	double *mu, *logmu, *s1, *s2, *e;
	unsigned char *in;	/* the cell is a row of the design */
	size_t pmax;
	double *m, *rhs, *diag, *beta, *old, *rd;
	uint32_t *kt;		/* the kept terms */
	size_t *kc;		/* their columns */
	double *block;
};

/*
 * What a fit on the original data leaves for a start on a resampled
 * table: its kept terms, the Cholesky factor of its last X'WX (with the
 * reciprocals of its diagonal) and the margins of its fitted values.  A
 * model that keeps the same terms starts from b0 + (X'WX)^-1 (m(y) -
 * m(mu0)), one Newton step of the original fit's weights, for the cost of
 * two triangular solves.
 */
struct fchord {
	size_t q;
	uint32_t *kt;		/* pmax */
	double *fac, *rd, *m0;	/* pmax^2, pmax, pmax */
};

/*
 * msei_select_starts' block: count, stride and whether the chords are
 * there (3 doubles); each model's coefficients by term (count x stride,
 * NaN first when the model has none); then, if there, each model's
 * chord: q (0 for none), the factor, its reciprocal diagonal, m(mu0) and
 * the kept terms, CHORD(stride) doubles.
 */
#define CHORD(n) (1 + (n) * (n) + 2 * (n) + ((n) + 1) / 2)

static void
chord_at(double *block, size_t at, struct fchord *c)
{
	size_t count = (size_t)block[0], n = (size_t)block[1];
	double *b = block + 3 + count * n + at * CHORD(n);

	c->q = (size_t)b[0];
	c->fac = b + 1;
	c->rd = c->fac + n * n;
	c->m0 = c->rd + n;
	c->kt = (uint32_t *)(c->m0 + n);
}

static void
ffit_free(struct ffit *f)
{
	free(f->block);
	free(f->in);
	free(f->kt);
	free(f->kc);
	memset(f, 0, sizeof(*f));
}

/* Superset sums: s[w] = sum over v containing w of s[v]; by blocks, with
 * no test of bits. */
static inline void
zeta_sup_n(double *s, size_t C)
{
	size_t bit, base, i;

	for (bit = 1; bit < C; bit <<= 1)
		for (base = 0; base < C; base += 2 * bit)
			for (i = base; i < base + bit; i++)
				s[i] += s[i + bit];
}

/* Subset sums: s[w] = sum over v within w of s[v]. */
static inline void
zeta_sub_n(double *s, size_t C)
{
	size_t bit, base, i;

	for (bit = 1; bit < C; bit <<= 1)
		for (base = 0; base < C; base += 2 * bit)
			for (i = base; i < base + bit; i++)
				s[i + bit] += s[i];
}

/* The same with the sizes of 4 to 7 lists known to the compiler, which
 * unrolls them. */
static void
zeta_sup(double *s, size_t C)
{
	switch (C) {
	case 16: zeta_sup_n(s, 16); break;
	case 32: zeta_sup_n(s, 32); break;
	case 64: zeta_sup_n(s, 64); break;
	case 128: zeta_sup_n(s, 128); break;
	default: zeta_sup_n(s, C); break;
	}
}

static void
zeta_sub(double *s, size_t C)
{
	switch (C) {
	case 16: zeta_sub_n(s, 16); break;
	case 32: zeta_sub_n(s, 32); break;
	case 64: zeta_sub_n(s, 64); break;
	case 128: zeta_sub_n(s, 128); break;
	default: zeta_sub_n(s, C); break;
	}
}

static int
ffit_init(struct ffit *f, const struct mse_table *t, size_t pmax,
    const struct mse_fit_options *fo)
{
	struct mse_fit_options o;
	size_t K = mse_table_lists(t), C = (size_t)1 << K, w;

	memset(f, 0, sizeof(*f));
	mse_fit_options_init(&o);
	if (fo != NULL && msei_sized_in(&o, sizeof(o), fo, "mse_fit_options",
	    NULL) != MSE_OK)
		return MSE_EINVAL;
	f->K = K;
	f->C = C;
	f->max_iter = o.max_iter;
	f->tol = o.tol;
	f->pmax = pmax;
	f->y = msei_table_counts(t);
	f->block = msei_calloc(9 * C + pmax * pmax + 5 * pmax,
	    sizeof(double));
	f->in = msei_calloc(C, 1);
	f->kt = msei_calloc(pmax, sizeof(*f->kt));
	f->kc = msei_calloc(pmax, sizeof(*f->kc));
	if (f->block == NULL || f->in == NULL || f->kt == NULL ||
	    f->kc == NULL) {
		ffit_free(f);
		return MSE_ENOMEM;
	}
	f->margin = f->block;
	f->ylogy = f->margin + C;
	f->lfy = f->ylogy + C;
	f->mu = f->lfy + C;
	f->logmu = f->mu + C;
	f->s1 = f->logmu + C;
	f->s2 = f->s1 + C;
	f->e = f->s2 + C;
	/* one C spare */
	f->m = f->e + 2 * C;
	f->rhs = f->m + pmax * pmax;
	f->diag = f->rhs + pmax;
	f->beta = f->diag + pmax;
	f->old = f->beta + pmax;
	f->rd = f->old + pmax;
	for (w = 1; w < C; w++) {
		double y = f->y[w];

		f->margin[w] = y;
		f->ylogy[w] = y > 0 ? y * log(y) : 0;
		f->lfy[w] = msei_lfact(y);
	}
	zeta_sup(f->margin, C);
	return MSE_OK;
}

/* The Cholesky factor L of the lower triangle of the row-major q x q a,
 * in place, with the reciprocals of its diagonal in r; not GSL's
 * operations (glm.c has those), but no division in the solves. */
static int
ffit_chol(double *a, double *r, size_t q)
{
	size_t i, j, l;

	for (j = 0; j < q; j++) {
		double *aj = a + j * q, d;

		for (i = j; i < q; i++) {
			double *ai = a + i * q, s = ai[j];

			for (l = 0; l < j; l++)
				s -= ai[l] * aj[l];
			ai[j] = s;
		}
		if (!(aj[j] > 0))
			return MSE_ESINGULAR;
		d = sqrt(aj[j]);
		r[j] = 1 / d;
		aj[j] = d;
		for (i = j + 1; i < q; i++)
			a[i * q + j] *= r[j];
	}
	return MSE_OK;
}

/* x = (L L')^-1 b. */
static void
ffit_solve(const double *a, const double *r, size_t q, const double *b,
    double *x)
{
	size_t i, j;

	for (i = 0; i < q; i++) {
		double s = b[i];

		for (j = 0; j < i; j++)
			s -= a[i * q + j] * x[j];
		x[i] = s * r[i];
	}
	for (i = q; i-- > 0;) {
		double s = x[i];

		for (j = i + 1; j < q; j++)
			s -= a[j * q + i] * x[j];
		x[i] = s * r[i];
	}
}

/* The deviance over the rows from log mu (glm.c's fast_deviance). */
static double
ffit_deviance(const struct ffit *f)
{
	double d = 0;
	size_t w;

	for (w = 1; w < f->C; w++)
		if (f->in[w])
			d += f->y[w] > 0 ? f->ylogy[w] - f->y[w] *
			    f->logmu[w] - (f->y[w] - f->mu[w]) : f->mu[w];
	return 2 * d;
}

/* mu = max(exp(eta), DBL_EPSILON) on the rows from the coefficients b of
 * the q kept terms. */
static void
ffit_mu(struct ffit *f, const double *b, size_t q)
{
	size_t w, j;

	memset(f->e, 0, f->C * sizeof(double));
	for (j = 0; j < q; j++)
		f->e[f->kt[j]] = b[j];
	zeta_sub(f->e, f->C);
	for (w = 1; w < f->C; w++) {
		if (!f->in[w])
			continue;
		double mu = exp(f->e[w]);

		/* fmax(exp(eta), DBL_EPSILON), as glm.c (a NaN stays NaN,
		 * and its deviance sends the fit to the full path). */
		f->mu[w] = mu < DBL_EPSILON ? DBL_EPSILON : mu;
		f->logmu[w] = mu < DBL_EPSILON ? log(DBL_EPSILON) : f->e[w];
	}
}

/* max over the rows of |X (b - old)|. */
static double
ffit_step(struct ffit *f, size_t q)
{
	double m = 0;
	size_t w, j;

	memset(f->e, 0, f->C * sizeof(double));
	for (j = 0; j < q; j++)
		f->e[f->kt[j]] = f->beta[j] - f->old[j];
	zeta_sub(f->e, f->C);
	for (w = 1; w < f->C; w++)
		if (f->in[w] && fabs(f->e[w]) > m)
			m = fabs(f->e[w]);
	return m;
}

/*
 * Fit the model of the p terms t (t[0] = 0, the intercept).  start and
 * out hold one coefficient per term (0 for a boundary term); start may be
 * NULL.  1 with the log-likelihood and the parameter count (the fit's p)
 * when the fit is taken, 0 when the one design must decide.
 */
static int
ffit_fit(struct ffit *f, const uint32_t *t, size_t p, const double *start,
    const struct fchord *ch, struct fchord *rec, double *out,
    double *loglik, size_t *np)
{
	size_t w, j, l, q = 0, nb = 0, c = 0, C = f->C;
	double dev, dev_old, ls = INFINITY, m0, se, ll, *beta = f->beta;
	int iter, conv = 0;

	if (p > f->pmax)
		return 0;
	for (j = 0; j < p; j++) {
		if (j > 0 && f->margin[t[j]] == 0) {
			nb++;
			continue;
		}
		f->kc[q] = j;
		f->kt[q++] = t[j];
	}
	if (nb == 0) {
		memset(f->in + 1, 1, C - 1);
		c = C - 1;
	} else
		for (w = 1; w < C; w++) {
			f->in[w] = 1;
			for (j = 1; j < p; j++)
				if (f->margin[t[j]] == 0 && (w & t[j]) == t[j]) {
					f->in[w] = 0;
					break;
				}
			c += f->in[w];
		}
	if (q > c)
		return 0;
	f->mu[0] = f->logmu[0] = 0;
	if (start != NULL) {
		for (j = 0; j < q; j++)
			f->old[j] = start[f->kc[j]];
		if (ch != NULL && ch->q == q && memcmp(ch->kt, f->kt,
		    q * sizeof(*f->kt)) == 0) {
			for (j = 0; j < q; j++)
				f->rhs[j] = f->margin[f->kt[j]] - ch->m0[j];
			ffit_solve(ch->fac, ch->rd, q, f->rhs, f->beta);
			for (j = 0; j < q; j++)
				f->old[j] += f->beta[j];
		}
		ffit_mu(f, f->old, q);
		dev_old = ffit_deviance(f);
		if (!isfinite(dev_old))
			return 0;
	} else {
		dev_old = 0;
		for (w = 1; w < C; w++) {
			double y = f->y[w];

			if (!f->in[w])
				continue;
			f->mu[w] = y + 0.1;
			f->logmu[w] = log(f->mu[w]);
			dev_old += y > 0 ? y * log(y / f->mu[w]) -
			    (y - f->mu[w]) : f->mu[w];
		}
		dev_old *= 2;
		memset(f->old, 0, q * sizeof(double));
	}
	for (iter = 1; iter <= f->max_iter; iter++) {
		for (w = 0; w < C; w++) {
			double mu = f->in[w] ? f->mu[w] : 0;

			f->s1[w] = mu;
			/* mu z = mu (log mu + (y - mu) / mu) */
			f->s2[w] = f->in[w] ? mu * f->logmu[w] + (f->y[w] -
			    mu) : 0;
		}
		zeta_sup(f->s1, C);
		zeta_sup(f->s2, C);
		for (j = 0; j < q; j++) {
			for (l = 0; l <= j; l++)
				f->m[j * q + l] = f->s1[f->kt[j] | f->kt[l]];
			f->diag[j] = f->m[j * q + j];
			f->rhs[j] = f->s2[f->kt[j]];
		}
		if (ffit_chol(f->m, f->rd, q) != MSE_OK)
			return 0;
		for (j = 0; j < q; j++)
			if (!(f->m[j * q + j] >= FAST_RANK_TOL *
			    sqrt(f->diag[j])))
				return 0;
		ffit_solve(f->m, f->rd, q, f->rhs, beta);
		ffit_mu(f, beta, q);
		dev = ffit_deviance(f);
		if (!isfinite(dev))
			return 0;
		if (fabs(dev - dev_old) / (fabs(dev) + 0.1) < f->tol)
			conv = 1;
		else if (iter > 1 && (ls = ffit_step(f, q)) < FAST_STEP_FLOOR)
			conv = 1;
		if (conv)
			break;
		dev_old = dev;
		memcpy(f->old, beta, q * sizeof(double));
	}
	if (!conv || !(ffit_step(f, q) < FAST_CONVERGED))
		return 0;
	(void)ls;
	/* var(b0) = |L^-1 e_0|^2, and N's standard error as
	 * msei_fit_finish: a fit whose N is not finite is the design's. */
	{
		double u = f->rd[0], v = u * u;

		/* L^-1 e_0: forward substitution from e_0. */
		f->rhs[0] = u;
		for (j = 1; j < q; j++) {
			double s = 0;

			for (l = 0; l < j; l++)
				s -= f->m[j * q + l] * f->rhs[l];
			f->rhs[j] = s * f->rd[j];
			v += f->rhs[j] * f->rhs[j];
		}
		m0 = exp(beta[0]);
		se = sqrt(m0 + m0 * m0 * v);
		if (!isfinite(m0) || !isfinite(se))
			return 0;
	}
	ll = 0;
	for (w = 1; w < C; w++)
		if (f->in[w])
			ll += (f->y[w] > 0 ? f->y[w] * log(f->mu[w]) : 0) -
			    f->mu[w] - f->lfy[w];
	*loglik = ll;
	*np = q + nb;
	if (rec != NULL) {
		rec->q = q;
		memcpy(rec->kt, f->kt, q * sizeof(*f->kt));
		memcpy(rec->fac, f->m, q * q * sizeof(double));
		memcpy(rec->rd, f->rd, q * sizeof(double));
		for (w = 0; w < C; w++)
			f->s1[w] = f->in[w] ? f->mu[w] : 0;
		zeta_sup(f->s1, C);
		for (j = 0; j < q; j++)
			rec->m0[j] = f->s1[f->kt[j]];
	}
	for (j = 0; j < p; j++)
		out[j] = 0;
	for (j = 0; j < q; j++)
		out[f->kc[j]] = beta[j];
	return 1;
}

enum { FM_FAST, FM_OK, FM_FAIL, FM_SKIP };

struct fmodel {
	uint64_t set;
	double crit;
	int state;
};

struct fsearch {
	const struct src *x;
	int method;
	struct ffit ff;
	size_t K, stride;
	double n;		/* observed, BIC's n */
	struct fmodel *mods;
	size_t nmods;
	double *last;		/* the last taken fit's coefficients, by term */
	int have_last;
	const double *starts;	/* or NULL */
	double *record;		/* or NULL */
	double *block;		/* what record is in */
	double *chords;		/* starts' block with chords, or NULL */
	double *rchords;	/* record's block with chords, or NULL */
	uint32_t *t;
	size_t *idx;
	double *start, *out;
	const struct mse_fit_options *progress;
	size_t total;
};

/* The criterion of a fit taken, as msei_criterion computes it. */
static double
fs_criterion(const struct fsearch *fs, double loglik, size_t np)
{
	if (fs->method == MSE_SELECT_AIC)
		return -2 * loglik + 2 * (double)np;
	return -2 * loglik + (double)np * log(fs->n);
}

/* The full fit of one model of the space decides. */
static int
fs_full(struct fsearch *fs, const struct space *sp, struct fmodel *fm)
{
	struct mse_model *m = model_of(fs->K, sp, fm->set, NULL);
	struct mse_fit *f = NULL;
	int rc;

	if (m == NULL)
		return MSE_ENOMEM;
	rc = src_fit(fs->x, m, &f, NULL);
	mse_model_free(m);
	if (rc == MSE_ENOMEM)
		return rc;
	fm->state = rc == MSE_OK ? FM_OK : FM_FAIL;
	fm->crit = rc == MSE_OK ? msei_criterion(f, fs->method) : INFINITY;
	mse_fit_free(f);
	return MSE_OK;
}

/* Fit model i of the space (fs->mods[i].set). */
static int
fs_fit(struct fsearch *fs, const struct space *sp, size_t at)
{
	struct fmodel *fm = &fs->mods[at];
	struct fchord chs, recs, *rec = NULL;
	const struct fchord *ch = NULL;
	const double *from;
	size_t i, p = 0, np;
	double ll;

	fs->t[p] = 0;
	fs->idx[p++] = 0;
	for (i = 0; i < fs->K; i++) {
		fs->t[p] = (uint32_t)1 << i;
		fs->idx[p++] = 1 + i;
	}
	for (i = 0; i < sp->ncand; i++)
		if (fm->set >> i & 1) {
			fs->t[p] = sp->cand[i];
			fs->idx[p++] = 1 + fs->K + i;
		}
	/* The same model's fit on the original data, or the last fit. */
	from = fs->starts != NULL && !isnan(fs->starts[at * fs->stride]) ?
	    fs->starts + at * fs->stride : fs->have_last ? fs->last : NULL;
	for (i = 0; from != NULL && i < p; i++)
		fs->start[i] = from[fs->idx[i]];
	if (from != NULL && from != fs->last && fs->chords != NULL) {
		chord_at(fs->chords, at, &chs);
		ch = chs.q > 0 ? &chs : NULL;
	}
	if (fs->rchords != NULL) {
		chord_at(fs->rchords, at, &recs);
		rec = &recs;
	}
	if (!ffit_fit(&fs->ff, fs->t, p, from != NULL ? fs->start : NULL,
	    ch, rec, fs->out, &ll, &np))
		return fs_full(fs, sp, fm);
	if (rec != NULL)
		rec->fac[-1] = (double)rec->q;
	fm->state = FM_FAST;
	fm->crit = fs_criterion(fs, ll, np);
	memset(fs->last, 0, fs->stride * sizeof(double));
	for (i = 0; i < p; i++)
		fs->last[fs->idx[i]] = fs->out[i];
	fs->have_last = 1;
	if (fs->record != NULL)
		memcpy(fs->record + at * fs->stride, fs->last,
		    fs->stride * sizeof(double));
	return MSE_OK;
}

static int
popcount64(uint64_t x)
{
	return msei_popcount((uint32_t)x) + msei_popcount((uint32_t)(x >> 32));
}

/* The walk lists the models; they are fitted later, by size. */
static int
fs_emit(void *arg, const struct space *sp, uint64_t set)
{
	struct fsearch *fs = arg;

	(void)sp;
	fs->mods[fs->nmods].set = set;
	fs->mods[fs->nmods++].state = FM_SKIP;
	return MSE_OK;
}

/*
 * The fast fit of the largest model of the space without candidate e
 * (nor the candidates that contain it), or of the whole space when e is
 * sp->ncand: 1 with its -2 log L in *m2ll when the fit is taken.
 */
static int
fs_largest(struct fsearch *fs, const struct space *sp, size_t e,
    double *m2ll)
{
	uint32_t x = e < sp->ncand ? sp->cand[e] : 0;
	size_t i, p = 0, np;
	double ll;

	fs->t[p++] = 0;
	for (i = 0; i < fs->K; i++)
		fs->t[p++] = (uint32_t)1 << i;
	for (i = 0; i < sp->ncand; i++)
		if (e == sp->ncand || (sp->cand[i] & x) != x)
			fs->t[p++] = sp->cand[i];
	if (!ffit_fit(&fs->ff, fs->t, p, NULL, NULL, NULL, fs->out, &ll, &np))
		return 0;
	*m2ll = -2 * ll;
	return 1;
}

/* A fast fit's -2 log L less its possible error. */
static double
fs_less_error(double m2ll)
{
	return m2ll - FAST_MARGIN * (1 + fabs(m2ll)) / 16;
}

/*
 * A lower bound of every model's criterion from its parameter count: no
 * submodel of the largest model of the space has a larger likelihood, and
 * no model a larger one than the saturated.  A criterion is -2 log L plus
 * a penalty per parameter, and every model with g interactions has
 * 1 + K + g parameters (boundary terms count).
 */
static double
fs_bound(struct fsearch *fs, const struct space *sp)
{
	const double *y = fs->ff.y;
	double d, sat = 0;
	size_t w;

	for (w = 1; w < fs->ff.C; w++)
		sat += (y[w] > 0 ? y[w] * log(y[w]) : 0) - y[w] - fs->ff.lfy[w];
	if (fs_largest(fs, sp, sp->ncand, &d) && d > -2 * sat)
		return fs_less_error(d);
	return -2 * sat;
}

/*
 * Leaps and bounds (Furnival & Wilson 1974): no model has a larger
 * likelihood than a model that contains it.  drop[e] is a lower bound of
 * -2 log L for every model without candidate e: that of the largest model
 * of the space without e (nor the candidates that contain e, which a
 * hierarchical model without e cannot hold), less the fast fit's possible
 * error, and never below full, the bound of every model (fs_bound).
 */
static void
fs_drops(struct fsearch *fs, const struct space *sp, double full,
    double *drop)
{
	size_t e;
	double d;

	for (e = 0; e < sp->ncand; e++) {
		drop[e] = full;
		if (fs_largest(fs, sp, e, &d) && fs_less_error(d) > full)
			drop[e] = fs_less_error(d);
	}
}

/* The bound of model set's -2 log L: the largest drop[e] of a candidate e
 * it lacks (full when it lacks none). */
static double
fs_set_bound(const struct space *sp, const double *drop, double full,
    uint64_t set)
{
	double b = full;
	size_t e;

	for (e = 0; e < sp->ncand; e++)
		if (!(set >> e & 1) && drop[e] > b)
			b = drop[e];
	return b;
}

/* The smallest criterion of the fits taken and the full fits. */
static double
fs_low(const struct fsearch *fs)
{
	double low = INFINITY;
	size_t i;

	for (i = 0; i < fs->nmods; i++)
		if ((fs->mods[i].state == FM_FAST || fs->mods[i].state ==
		    FM_OK) && fs->mods[i].crit < low)
			low = fs->mods[i].crit;
	return low;
}

static int
fast_exhaustive(const struct src *x, const struct mse_select_options *o,
    struct mse_model **mout, struct mse_fit **fout,
    struct mse_select_info *info, struct mse_error *err)
{
	struct fsearch fs;
	struct space sp;
	uint32_t *cand;
	size_t ncand, count, i, g, best, *order = NULL, *first = NULL;
	double pen, bound, *drop = NULL;
	int rc, again;

	if (candidates(x->K, 0, o->max_order, &cand, &ncand) != MSE_OK)
		return msei_error(err, MSE_ENOMEM, "out of memory");
	memset(&sp, 0, sizeof(sp));
	sp.cand = cand;
	sp.ncand = ncand;
	sp.limit = o->max_models ? o->max_models : DEFAULT_MAX_MODELS;
	walk(&sp, 0, 0);
	count = sp.count;
	memset(&fs, 0, sizeof(fs));
	fs.x = x;
	fs.method = o->method;
	fs.K = x->K;
	fs.stride = 1 + x->K + ncand;
	fs.n = mse_table_observed(x->t);
	fs.progress = progress_of(x->fo);
	fs.total = count;
	rc = count > sp.limit ? MSE_EDOMAIN : ffit_init(&fs.ff, x->t,
	    fs.stride, x->fo);
	if (rc == MSE_OK) {
		fs.mods = msei_calloc(count, sizeof(*fs.mods));
		fs.last = msei_calloc(fs.stride, sizeof(double));
		fs.start = msei_calloc(fs.stride, sizeof(double));
		fs.out = msei_calloc(fs.stride, sizeof(double));
		fs.t = msei_calloc(fs.stride, sizeof(*fs.t));
		fs.idx = msei_calloc(fs.stride, sizeof(*fs.idx));
		if (fs.mods == NULL || fs.last == NULL || fs.start == NULL ||
		    fs.out == NULL || fs.t == NULL || fs.idx == NULL)
			rc = MSE_ENOMEM;
		if (x->starts != NULL && x->starts[0] == (double)count &&
		    x->starts[1] == (double)fs.stride) {
			fs.starts = x->starts + 3;
			fs.chords = x->starts[2] != 0 ? (double *)x->starts :
			    NULL;
		}
		if (rc == MSE_OK && x->record != NULL && count <=
		    FAST_MAX_STARTS / fs.stride) {
			int ch = count <= FAST_MAX_STARTS / CHORD(fs.stride);
			size_t n = 3 + count * fs.stride + (ch ? count *
			    CHORD(fs.stride) : 0);

			fs.block = msei_calloc(n, sizeof(double));
			if (fs.block != NULL) {
				fs.block[0] = (double)count;
				fs.block[1] = (double)fs.stride;
				fs.block[2] = ch;
				fs.record = fs.block + 3;
				fs.rchords = ch ? fs.block : NULL;
			}
			for (i = 0; fs.record != NULL && i < count; i++)
				fs.record[i * fs.stride] = NAN;
		}
	}
	if (rc == MSE_OK) {
		sp.count = 0;
		sp.emit = fs_emit;
		sp.arg = &fs;
		walk(&sp, 0, 0);
		rc = sp.rc;
	}
	/* The models by their number of interactions (stably); size g
	 * starts at first[g]. */
	if (rc == MSE_OK && ((order = msei_calloc(count + 1,
	    sizeof(*order))) == NULL || (first = msei_calloc(2 * ncand + 4,
	    sizeof(*first))) == NULL))
		rc = MSE_ENOMEM;
	for (i = 0; rc == MSE_OK && i < count; i++)
		first[popcount64(fs.mods[i].set) + 1]++;
	for (g = 1; rc == MSE_OK && g <= ncand + 1; g++)
		first[g] += first[g - 1];
	for (g = 0; rc == MSE_OK && g <= ncand; g++)
		first[ncand + 2 + g] = first[g];
	for (i = 0; rc == MSE_OK && i < count; i++) {
		fs.mods[i].crit = INFINITY;
		g = ncand + 2 + popcount64(fs.mods[i].set);
		order[first[g]++] = i;
	}
	pen = o->method == MSE_SELECT_AIC ? 2 : log(fs.n);
	bound = rc == MSE_OK && fs.record == NULL ? fs_bound(&fs, &sp) :
	    -INFINITY;
	/* Each model's own bound (fs_drops), with a first best to prune
	 * against: the model of the candidates whose loss costs more than
	 * their penalty, when the space holds it. */
	if (rc == MSE_OK && isfinite(bound) && ncand > 0 &&
	    (drop = msei_calloc(ncand, sizeof(*drop))) != NULL) {
		uint64_t guess = 0;

		fs_drops(&fs, &sp, bound, drop);
		for (i = 0; i < ncand; i++)
			if (drop[i] - bound > pen)
				guess |= (uint64_t)1 << i;
		for (i = 0; i < fs.nmods && fs.mods[i].set != guess; i++)
			;
		if (i < fs.nmods)
			rc = fs_fit(&fs, &sp, i);
	}
	/* Fit the sizes, and the models, whose bound can reach the best;
	 * then the full fits decide every model near the best, which may
	 * raise the best (a fast fit the existence check refuses) and let
	 * more models in: each pass looks at every model not yet fitted. */
	for (again = 1; rc == MSE_OK && again;) {
		double low = fs_low(&fs);
		double near = low + FAST_MARGIN * (1 + fabs(low));

		again = 0;
		g = 0;
		for (; rc == MSE_OK && g <= ncand; g++) {
			if (bound + pen * (double)(1 + fs.K + g) > near)
				break;
			for (i = first[g]; rc == MSE_OK && i < first[g + 1];
			    i++) {
				struct fmodel *fm = &fs.mods[order[i]];

				if (fm->state != FM_SKIP || (drop != NULL &&
				    fs_set_bound(&sp, drop, bound, fm->set) +
				    pen * (double)(1 + fs.K + g) > near))
					continue;
				rc = fs_fit(&fs, &sp, order[i]);
			}
			if (fs.progress != NULL)
				fs.progress->progress(fs.progress->progress_arg,
				    first[g + 1], fs.total);
			low = fs_low(&fs);
			near = low + FAST_MARGIN * (1 + fabs(low));
		}
		for (i = 0; rc == MSE_OK && i < fs.nmods; i++)
			if (fs.mods[i].state == FM_FAST &&
			    fs.mods[i].crit <= near) {
				rc = fs_full(&fs, &sp, &fs.mods[i]);
				again = 1;
			}
	}
	if (rc == MSE_OK && fs.progress != NULL && g <= ncand)
		fs.progress->progress(fs.progress->progress_arg, fs.total,
		    fs.total);
	best = fs.nmods;
	for (i = 0; rc == MSE_OK && i < fs.nmods; i++)
		if (fs.mods[i].state == FM_OK && fs.mods[i].crit < INFINITY &&
		    (best == fs.nmods || fs.mods[i].crit < fs.mods[best].crit))
			best = i;
	if (rc == MSE_OK && best < fs.nmods) {
		info->evaluated = fs.nmods;
		*mout = model_of(fs.K, &sp, fs.mods[best].set, err);
		rc = *mout == NULL ? MSE_ENOMEM : src_fit(x, *mout, fout, err);
		if (rc != MSE_OK) {
			mse_model_free(*mout);
			*mout = NULL;
		}
	} else if (rc == MSE_OK)
		rc = msei_error(err, MSE_ENOMLE, "no model of the space has "
		    "an estimate (every one fails the existence check or "
		    "its fit)");
	else if (rc == MSE_EDOMAIN)
		msei_error(err, rc, "the model space has more than %zu models; "
		    "lower the maximum order", sp.limit);
	else if (rc == MSE_ENOMEM || rc == MSE_EINVAL)
		msei_error(err, rc, rc == MSE_ENOMEM ? "out of memory" :
		    "the fit options are not valid");
	if (rc == MSE_OK && x->record != NULL) {
		*x->record = fs.block;
		fs.block = NULL;
	}
	free(fs.block);
	free(drop);
	free(order);
	free(first);
	ffit_free(&fs.ff);
	free(fs.mods);
	free(fs.last);
	free(fs.start);
	free(fs.out);
	free(fs.t);
	free(fs.idx);
	free(cand);
	return rc;
}

/* The number of models of the search space, up to limit + 1. */
static int
src_count(const struct src *x, int max_order, size_t limit, size_t *count)
{
	struct space sp;
	uint32_t *cand;
	size_t n;

	if (candidates(x->K, x->V, max_order, &cand, &n) != MSE_OK)
		return MSE_ENOMEM;
	memset(&sp, 0, sizeof(sp));
	sp.cand = cand;
	sp.ncand = n;
	sp.limit = limit;
	if (n > 64)
		sp.count = limit + 1;
	else
		walk(&sp, 0, 0);
	free(cand);
	*count = sp.count;
	return MSE_OK;
}

static int
search(const struct src *x, const struct mse_select_options *o,
    struct mse_model **model, struct mse_fit **fit,
    struct mse_select_info *info, struct mse_error *err)
{
	struct mse_select_info dummy;
	size_t count = 0;
	int rc;

	*model = NULL;
	*fit = NULL;
	if (info == NULL)
		info = &dummy;
	memset(info, 0, sizeof(*info));
	if (o->max_order < 1)
		return msei_error(err, MSE_EINVAL, "the maximum order must be "
		    "at least 1");
	switch (o->method) {
	case MSE_SELECT_STEPWISE:
		if (x->s != NULL)
			return msei_error(err, MSE_EINVAL, "stepwise selection "
			    "(SparseMSE's stepwisefit) tests list pairs of one "
			    "table; with covariates use AIC or BIC");
		info->search = MSE_SEARCH_STEPWISE;
		return stepwise(x, o, model, fit, info, err);
	case MSE_SELECT_AIC:
	case MSE_SELECT_BIC:
	case MSE_SELECT_AICC:
		if (src_count(x, o->max_order, o->max_models, &count) !=
		    MSE_OK)
			return msei_error(err, MSE_ENOMEM, "out of memory");
		info->search = count <= o->max_models ? MSE_SEARCH_EXHAUSTIVE :
		    MSE_SEARCH_DOWNHILL;
		rc = info->search == MSE_SEARCH_EXHAUSTIVE ?
		    exhaustive(x, o, model, fit, info, err) :
		    downhill(x, o, model, fit, info, err);
		if (rc == MSE_OK && o->method == MSE_SELECT_AICC &&
		    isnan(mse_fit_aicc(*fit))) {
			mse_fit_free(*fit);
			mse_model_free(*model);
			*fit = NULL;
			*model = NULL;
			rc = aicc_undefined(err);
		}
		return rc;
	default:
		return msei_error(err, MSE_EINVAL, "no selection method %d",
		    o->method);
	}
}

int
mse_select(const struct mse_table *t, const struct mse_select_options *o,
    struct mse_model **model, struct mse_fit **fit,
    struct mse_select_info *info, struct mse_error *err)
{
	struct mse_select_options so;
	struct src x;
	int rc;

	*model = NULL;
	*fit = NULL;
	if (msei_table_need_dense(t, "model selection", err) != MSE_OK)
		return MSE_EDOMAIN;
	mse_select_options_init(&so);
	if ((rc = msei_sized_in(&so, sizeof(so), o, "mse_select_options",
	    err)) != MSE_OK)
		return rc;
	src_table(&x, t, so.absent, so.nabsent, so.fit);
	return search(&x, &so, model, fit, info, err);
}

int
msei_select_starts(const struct mse_table *t,
    const struct mse_select_options *o, double **starts,
    struct mse_error *err)
{
	struct mse_select_options so;
	struct mse_model *m = NULL;
	struct mse_fit *f = NULL;
	struct src x;
	int rc;

	*starts = NULL;
	mse_select_options_init(&so);
	if ((rc = msei_sized_in(&so, sizeof(so), o, "mse_select_options",
	    err)) != MSE_OK)
		return rc;
	src_table(&x, t, so.absent, so.nabsent, so.fit);
	x.record = starts;
	rc = search(&x, &so, &m, &f, NULL, err);
	mse_model_free(m);
	mse_fit_free(f);
	if (rc != MSE_OK) {
		free(*starts);
		*starts = NULL;
	}
	return rc;
}

int
msei_select_warm(const struct mse_table *t,
    const struct mse_select_options *o, const double *starts,
    struct mse_model **model, struct mse_fit **fit, struct mse_error *err)
{
	struct mse_select_options so;
	struct src x;
	int rc;

	*model = NULL;
	*fit = NULL;
	mse_select_options_init(&so);
	if ((rc = msei_sized_in(&so, sizeof(so), o, "mse_select_options",
	    err)) != MSE_OK)
		return rc;
	src_table(&x, t, so.absent, so.nabsent, so.fit);
	x.starts = starts;
	return search(&x, &so, model, fit, NULL, err);
}

/* The options (sized copy into *so) and the source of a search over one
 * covariate model: the structural zeros checked, lists and covariates
 * together within MSE_MAX_LISTS. */
static int
covariates_src(const struct mse_strata *s, const struct mse_absent *a,
    const struct mse_select_options *o, struct mse_select_options *so,
    struct src *x, struct mse_error *err)
{
	int rc;

	mse_select_options_init(so);
	if ((rc = msei_sized_in(so, sizeof(*so), o, "mse_select_options",
	    err)) != MSE_OK)
		return rc;
	if ((rc = mse_absent_check(a, s, err)) != MSE_OK)
		return rc;
	if (mse_strata_lists(s) + mse_strata_vars(s) > MSE_MAX_LISTS)
		return msei_error(err, MSE_EINVAL, "%zu lists and %zu "
		    "covariates; at most %d together are supported",
		    mse_strata_lists(s), mse_strata_vars(s), MSE_MAX_LISTS);
	src_strata(x, s, a, so->fit);
	return MSE_OK;
}

int
mse_select_covariates(const struct mse_strata *s, const struct mse_absent *a,
    const struct mse_select_options *o, struct mse_model **model,
    struct mse_fit **fit, struct mse_select_info *info,
    struct mse_error *err)
{
	struct mse_select_options so;
	struct src x;
	int rc;

	*model = NULL;
	*fit = NULL;
	if ((rc = covariates_src(s, a, o, &so, &x, err)) != MSE_OK)
		return rc;
	return search(&x, &so, model, fit, info, err);
}

/* ---- the search path of the trafficking studies (Cruyff's mse) ---- */

/*
 * mse_select_path: the search path of model_search in M. Cruyff's R
 * package mse, as the UNODC national studies print it.  Three runs of R's
 * step() over the hierarchical models between main effects and every
 * pair of variables (lists and covariates, formula Freq ~ .^2): from main
 * effects with the BIC penalty (k = ln n, n the number observed); from
 * there, with AIC's (k = 2) and that model as the lower scope; from there,
 * with k = 1, the models next in line.  Each step moves to the candidate
 * (one pair added, or one pair of the run's own dropped) with the
 * smallest -2 logL + k p, while that is smaller than the current one's;
 * on a tie the earlier candidate in step()'s order: drops in the model's
 * term order, then additions in the order of the pairs.  A candidate
 * whose fit fails is passed over.
 */
struct path_step {
	struct mse_model *m;
	struct mse_fit *f;
	int phase;		/* MSE_PATH_BIC, _AIC, _K1 */
	int change;		/* +1 added, -1 dropped, 0 the start */
	uint32_t term;
};

struct mse_path {
	struct path_step *s;
	size_t n, cap;
};

void
mse_path_free(struct mse_path *p)
{
	size_t i;

	if (p == NULL)
		return;
	for (i = 0; i < p->n; i++) {
		mse_model_free(p->s[i].m);
		mse_fit_free(p->s[i].f);
	}
	free(p->s);
	free(p);
}

size_t
mse_path_steps(const struct mse_path *p)
{
	return p->n;
}

const struct mse_model *
mse_path_model(const struct mse_path *p, size_t i)
{
	return i < p->n ? p->s[i].m : NULL;
}

const struct mse_fit *
mse_path_fit(const struct mse_path *p, size_t i)
{
	return i < p->n ? p->s[i].f : NULL;
}

int
mse_path_phase(const struct mse_path *p, size_t i)
{
	return i < p->n ? p->s[i].phase : 0;
}

int
mse_path_change(const struct mse_path *p, size_t i, uint32_t *term)
{
	if (i >= p->n)
		return 0;
	if (term != NULL)
		*term = p->s[i].term;
	return p->s[i].change;
}

/* -2 logL + k p, as R's extractAIC. */
static double
penalised(const struct mse_fit *f, double k)
{
	return -2 * mse_fit_loglik(f) + k * (double)mse_fit_params(f);
}

/* Take ownership of m and f. */
static int
path_add(struct mse_path *p, struct mse_model *m, struct mse_fit *f,
    int phase, int change, uint32_t term)
{
	if (p->n == p->cap) {
		size_t cap = p->cap ? 2 * p->cap : 16;
		void *q = msei_reallocarray(p->s, cap, sizeof(*p->s));

		if (q == NULL) {
			mse_model_free(m);
			mse_fit_free(f);
			return MSE_ENOMEM;
		}
		p->s = q;
		p->cap = cap;
	}
	p->s[p->n++] = (struct path_step){ m, f, phase, change, term };
	return MSE_OK;
}

/* One run of step(): from the path's last model, with penalty k; the
 * terms of that first model (the run's lower scope) are never dropped. */
static int
path_run(const struct src *x, struct mse_path *p, double k, int phase,
    struct mse_error *err)
{
	size_t nv = x->K + x->V, i, j, it;
	struct mse_model *lower = mse_model_copy(p->s[p->n - 1].m, err);
	int rc = lower == NULL ? MSE_ENOMEM : MSE_OK;

	/* At most every pair once in and once out. */
	for (it = 0; rc == MSE_OK && it < nv * nv; it++) {
		const struct path_step *cur = &p->s[p->n - 1];
		double best = penalised(cur->f, k);
		struct mse_model *bm = NULL;
		struct mse_fit *bf = NULL;
		uint32_t bterm = 0;
		int bchange = 0;
		size_t t;

		/* Drops: the pairs of the model not in the lower one, none
		 * of them inside a larger term (mse_model_remove refuses). */
		for (t = 0; rc == MSE_OK && t < mse_model_terms(cur->m); t++) {
			uint32_t term = mse_model_term(cur->m, t);
			struct mse_model *c;
			struct mse_fit *f = NULL;

			if (msei_popcount(term) != 2 ||
			    mse_model_has(lower, term))
				continue;
			if ((c = mse_model_copy(cur->m, err)) == NULL) {
				rc = MSE_ENOMEM;
				break;
			}
			if (mse_model_remove(c, term, NULL) != MSE_OK ||
			    (rc = sel_check(x, c, NULL, &f, err)) != MSE_OK ||
			    f == NULL || !(penalised(f, k) < best)) {
				mse_model_free(c);
				mse_fit_free(f);
				continue;
			}
			mse_model_free(bm);
			mse_fit_free(bf);
			bm = c;
			bf = f;
			best = penalised(f, k);
			bterm = term;
			bchange = -1;
		}
		/* Additions: every pair not in the model, in order. */
		for (i = 0; rc == MSE_OK && i < nv; i++)
			for (j = i + 1; rc == MSE_OK && j < nv; j++) {
				uint32_t term = (1u << i) | (1u << j);
				struct mse_model *c;
				struct mse_fit *f = NULL;

				if (mse_model_has(cur->m, term))
					continue;
				if ((c = mse_model_copy(cur->m, err)) == NULL) {
					rc = MSE_ENOMEM;
					break;
				}
				if (mse_model_add(c, term, NULL) != MSE_OK ||
				    (rc = sel_check(x, c, NULL, &f, err)) != MSE_OK ||
				    f == NULL || !(penalised(f, k) < best)) {
					mse_model_free(c);
					mse_fit_free(f);
					continue;
				}
				mse_model_free(bm);
				mse_fit_free(bf);
				bm = c;
				bf = f;
				best = penalised(f, k);
				bterm = term;
				bchange = 1;
			}
		if (rc != MSE_OK || bm == NULL) {
			mse_model_free(bm);
			mse_fit_free(bf);
			break;
		}
		rc = path_add(p, bm, bf, phase, bchange, bterm);
	}
	mse_model_free(lower);
	if (rc == MSE_ENOMEM)
		return msei_error(err, rc, "out of memory");
	return rc;
}

static int
path(const struct src *x, struct mse_path **out, struct mse_error *err)
{
	struct mse_path *p = msei_calloc(1, sizeof(*p));
	struct mse_model *m = mse_model_new(x->K + x->V, err);
	struct mse_fit *f = NULL;
	double n;
	int rc;

	*out = NULL;
	if (p == NULL || m == NULL) {
		free(p);
		mse_model_free(m);
		return msei_error(err, MSE_ENOMEM, "out of memory");
	}
	if ((rc = src_fit(x, m, &f, err)) != MSE_OK) {
		mse_model_free(m);
		mse_path_free(p);
		return rc;
	}
	/* path_add frees m and f when it fails. */
	if (path_add(p, m, f, MSE_PATH_BIC, 0, 0) != MSE_OK) {
		mse_path_free(p);
		return msei_error(err, MSE_ENOMEM, "out of memory");
	}
	n = mse_fit_observed(f);
	rc = path_run(x, p, log(n), MSE_PATH_BIC, err);
	if (rc == MSE_OK)
		rc = path_run(x, p, 2, MSE_PATH_AIC, err);
	if (rc == MSE_OK)
		rc = path_run(x, p, 1, MSE_PATH_K1, err);
	if (rc != MSE_OK) {
		mse_path_free(p);
		return rc;
	}
	*out = p;
	return MSE_OK;
}

int
mse_select_path(const struct mse_table *t, const struct mse_select_options *o,
    struct mse_path **out, struct mse_error *err)
{
	struct mse_select_options so;
	struct src x;
	int rc;

	*out = NULL;
	if (msei_table_need_dense(t, "model selection", err) != MSE_OK)
		return MSE_EDOMAIN;
	mse_select_options_init(&so);
	if ((rc = msei_sized_in(&so, sizeof(so), o, "mse_select_options",
	    err)) != MSE_OK)
		return rc;
	src_table(&x, t, so.absent, so.nabsent, so.fit);
	return path(&x, out, err);
}

int
mse_select_path_covariates(const struct mse_strata *s,
    const struct mse_absent *a, const struct mse_select_options *o,
    struct mse_path **out, struct mse_error *err)
{
	struct mse_select_options so;
	struct src x;
	int rc;

	*out = NULL;
	if ((rc = covariates_src(s, a, o, &so, &x, err)) != MSE_OK)
		return rc;
	return path(&x, out, err);
}
