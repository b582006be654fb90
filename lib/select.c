/* SPDX-License-Identifier: GPL-3.0-or-later */
/* select.c - model spaces, stepwise, exhaustive and downhill model search. */
#include <config.h>

#include <stddef.h>

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

/* A fit of the search. */
static int
src_fit(const struct src *x, const struct mse_model *m, struct mse_fit **f,
    struct mse_error *err)
{
	if (x->s != NULL)
		return msei_fit_strata(x->s, x->a, m, x->fo, NULL, f, err);
	return mse_fit_loglinear_absent(x->t, m, x->absent, x->nabsent, x->fo,
	    f, err);
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
    struct mse_fit **f, struct mse_error *err)
{
	int rc = src_fit(x, m, f, NULL);

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
pair_fit(const struct src *x, const struct mse_model *m, uint32_t pair,
    struct mse_fit **f, struct mse_error *err)
{
	struct mse_model *c = mse_model_copy(m, err);
	int rc;

	*f = NULL;
	if (c == NULL)
		return MSE_ENOMEM;
	rc = mse_model_add(c, pair, err);
	if (rc == MSE_OK)
		rc = sel_check(x, c, f, err);
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
	size_t i, j, k = x->K, n = 0;
	struct pair_p *c = msei_calloc(k * (k - 1) / 2 + 1, sizeof(*c));
	int rc = MSE_OK;

	*pair = 0;
	*g = NULL;
	if (c == NULL)
		return msei_error(err, MSE_ENOMEM, "out of memory");
	for (i = 0; i < k; i++)
		for (j = i + 1; j < k; j++) {
			uint32_t q = (1u << i) | (1u << j), w;
			double lambda = 0;

			if (mse_model_has(m, q))
				continue;
			for (w = 1; w <= mse_table_cells(x->t); w++)
				if ((w & q) == q)
					lambda += mse_fit_fitted(f, w);
			c[n].pair = q;
			c[n].at = n;
			c[n].p = pair_pvalue(msei_table_margin(x->t, q),
			    lambda);
			if (isnan(c[n].p))	/* never chosen, sorted last */
				c[n].p = INFINITY;
			n++;
		}
	qsort(c, n, sizeof(*c), pair_p_cmp);
	for (i = 0; i < n && c[i].p < threshold && rc == MSE_OK; i++) {
		rc = pair_fit(x, m, c[i].pair, g, err);
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
		rc = sel_check(x, m, &f, err);
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

static int
exhaustive(const struct src *x, const struct mse_select_options *o,
    struct mse_model **mout, struct mse_fit **fout,
    struct mse_select_info *info, struct mse_error *err)
{
	struct mse_modelset *s = NULL;
	size_t best;
	int rc = modelset_fit(x, o->max_order, o->max_models, &s, err);

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
	mse_select_options_init(&so);
	if ((rc = msei_sized_in(&so, sizeof(so), o, "mse_select_options",
	    err)) != MSE_OK)
		return rc;
	src_table(&x, t, so.absent, so.nabsent, so.fit);
	return search(&x, &so, model, fit, info, err);
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
			    (rc = sel_check(x, c, &f, err)) != MSE_OK ||
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
				    (rc = sel_check(x, c, &f, err)) != MSE_OK ||
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
