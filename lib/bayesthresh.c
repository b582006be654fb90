/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bayesthresh.c - Bayesian thresholding of log-linear interactions (Silverman 2020). */
#include <config.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "mse_private.h"

/*
 * The posterior of a Poisson log-linear model with independent normal
 * priors of precision prec[j] (0: flat) on its coefficients:
 *   log p(b | y) = sum_r (y_r eta_r - exp eta_r) - sum_j prec_j b_j^2 / 2
 * up to a constant, eta = X b.  Its mode is found by Newton's method;
 * H, the negative Hessian there, gives the samplers their scale.
 */

/* Newton: at most this many steps, each halved at most HALVINGS times;
 * done when no coefficient moves by more than STEP_TOL (far below any
 * posterior sd, which is >= 1e-4 for counts below 10^8). */
#define NEWTON_MAX 200
#define HALVINGS 60
#define STEP_TOL 1e-10
/* A posterior whose mode sits beyond |b| = 700 has exp(b) overflowing:
 * the posterior is improper or as good as (a flat prior without MLE). */
#define BETA_MAX 700
/* The independence proposal: multivariate t with NU degrees of freedom
 * (heavier tails than the posterior, so that the weights stay bounded),
 * and a random-walk step with probability RW_PROB, of scale 2.38 /
 * sqrt(q) (Roberts, Gelman & Gilks 1997), so that the chain also moves
 * where the t fits the posterior badly. */
#define NU 6.0
#define RW_PROB 0.2
/* Batches per chain for the Monte Carlo error of a quantile. */
#define BATCHES 20
/* MultipleSystemsEstimation's prior precision on the flat terms, used
 * by the random walk only to build the package's proposal. */
#define PKG_FLAT_PREC 1e-4

struct target {
	size_t c, q;
	const double *X, *y;
	double *prec;		/* q prior precisions */
	double *mode;		/* q */
	double *L;		/* q x q, Cholesky factor of H (lower) */
	double *Lrw;		/* q x q, of the random walk's H */
};

struct stage_out {
	double *ndraws;		/* chains x samples */
	double *s1, *s2;	/* chains x q: sums of b - mode, squared */
	long *accepted;		/* chains */
};

struct mse_bayesthresh {
	double n;
	int chains;
	long samples;
	double *draws, *sorted;
	double mean, sd, rhat, ess_bulk, ess_tail, acceptance;
	int fits, reverted;
	size_t nterms;
	uint32_t *term;
	double *stat;
	int *status;
	struct mse_model *model;
};

/* ---- the posterior --------------------------------------------------- */

static double
log_post(const struct target *tg, const double *b)
{
	double lp = 0;
	size_t r, j;

	for (r = 0; r < tg->c; r++) {
		const double *x = tg->X + r * tg->q;
		double eta = 0;

		for (j = 0; j < tg->q; j++)
			if (x[j] != 0)
				eta += b[j];
		lp += tg->y[r] * eta - exp(eta);
	}
	for (j = 0; j < tg->q; j++)
		lp -= 0.5 * tg->prec[j] * b[j] * b[j];
	return lp;
}

/* Gradient g and negative Hessian H (q x q) at b, with prior precision
 * prec (may differ from the target's: the random walk's proposal). */
static void
grad_hess(const struct target *tg, const double *prec, const double *b,
    double *g, double *H)
{
	size_t r, i, j, q = tg->q;

	memset(g, 0, q * sizeof(*g));
	memset(H, 0, q * q * sizeof(*H));
	for (r = 0; r < tg->c; r++) {
		const double *x = tg->X + r * q;
		double eta = 0, mu;

		for (j = 0; j < q; j++)
			eta += x[j] * b[j];
		mu = exp(eta);
		for (i = 0; i < q; i++) {
			if (x[i] == 0)
				continue;
			g[i] += (tg->y[r] - mu) * x[i];
			for (j = 0; j <= i; j++)
				H[i * q + j] += mu * x[i] * x[j];
		}
	}
	for (i = 0; i < q; i++) {
		g[i] -= prec[i] * b[i];
		H[i * q + i] += prec[i];
		for (j = 0; j < i; j++)
			H[j * q + i] = H[i * q + j];
	}
}

/* Cholesky factor of the q x q H in place (lower); 0 if not positive
 * definite. */
static int
cholesky(double *H, size_t q)
{
	gsl_matrix_view m = gsl_matrix_view_array(H, q, q);
	size_t i, j;

	if (gsl_linalg_cholesky_decomp1(&m.matrix) != GSL_SUCCESS)
		return 0;
	for (i = 0; i < q; i++)
		for (j = i + 1; j < q; j++)
			H[i * q + j] = 0;
	return 1;
}

/* Solve L L' x = g (L lower) in place. */
static void
chol_solve(const double *L, size_t q, double *x)
{
	size_t i, j;

	for (i = 0; i < q; i++) {
		for (j = 0; j < i; j++)
			x[i] -= L[i * q + j] * x[j];
		x[i] /= L[i * q + i];
	}
	for (i = q; i-- > 0;) {
		for (j = i + 1; j < q; j++)
			x[i] -= L[j * q + i] * x[j];
		x[i] /= L[i * q + i];
	}
}

/* Solve L' x = z (L lower) in place: x ~ N(0, H^-1) when z ~ N(0, I). */
static void
chol_back(const double *L, size_t q, double *x)
{
	size_t i, j;

	for (i = q; i-- > 0;) {
		for (j = i + 1; j < q; j++)
			x[i] -= L[j * q + i] * x[j];
		x[i] /= L[i * q + i];
	}
}

/* |L' d|^2 = d' H d. */
static double
quad_form(const double *L, size_t q, const double *d)
{
	double s = 0;
	size_t i, j;

	for (j = 0; j < q; j++) {
		double v = 0;

		for (i = j; i < q; i++)
			v += L[i * q + j] * d[i];
		s += v * v;
	}
	return s;
}

/* Newton's method for the posterior mode, from b (q values, updated);
 * work holds 2 q + q^2 doubles. */
static int
find_mode(const struct target *tg, double *b, double *work,
    struct mse_error *err)
{
	size_t q = tg->q, j;
	double *g = work, *H = work + q, *nb = work + q + q * q;
	double lp = log_post(tg, b);
	int it, h;

	for (it = 0; it < NEWTON_MAX; it++) {
		double step = 0, t = 1, lpn = -INFINITY;

		grad_hess(tg, tg->prec, b, g, H);
		if (!cholesky(H, q))
			return msei_error(err, MSE_ESINGULAR, "not "
			    "identifiable: the posterior's Hessian is singular "
			    "(the cells cannot carry the model's terms)");
		chol_solve(H, q, g);
		for (h = 0; h < HALVINGS; h++, t /= 2) {
			for (j = 0; j < q; j++)
				nb[j] = b[j] + t * g[j];
			lpn = log_post(tg, nb);
			if (lpn >= lp)
				break;
		}
		if (h == HALVINGS)
			break;	/* no ascent left: at the mode to rounding */
		for (j = 0; j < q; j++) {
			double d = fabs(nb[j] - b[j]);

			step = d > step ? d : step;
			b[j] = nb[j];
			if (!(fabs(b[j]) < BETA_MAX))
				return msei_error(err, MSE_ENOMLE, "no "
				    "posterior mode: a coefficient runs off to "
				    "infinity (the posterior is improper; use "
				    "the proper prior)");
		}
		lp = lpn;
		if (step < STEP_TOL)
			break;
	}
	if (it == NEWTON_MAX)
		return msei_error(err, MSE_ENOCONV, "did not converge: the "
		    "search for the posterior mode stopped after %d Newton "
		    "steps", NEWTON_MAX);
	return MSE_OK;
}

/* The mode and the proposals' Cholesky factors. */
static int
prepare(struct target *tg, struct mse_error *err)
{
	size_t q = tg->q, j;
	double *work, *prec;
	int rc;

	work = msei_calloc(2 * q + q * q, sizeof(double));
	prec = msei_calloc(q, sizeof(double));
	if (work == NULL || prec == NULL) {
		free(work);
		free(prec);
		return msei_error(err, MSE_ENOMEM, "out of memory");
	}
	/* Start: the intercept at the mean count, the rest at 0. */
	for (j = 0; j < tg->c; j++)
		tg->mode[0] += tg->y[j];
	tg->mode[0] = log(tg->mode[0] / (double)tg->c + 0.5);
	rc = find_mode(tg, tg->mode, work, err);
	if (rc == MSE_OK) {
		grad_hess(tg, tg->prec, tg->mode, work, tg->L);
		for (j = 0; j < q; j++)
			prec[j] = tg->prec[j] != 0 ? tg->prec[j] :
			    PKG_FLAT_PREC;
		grad_hess(tg, prec, tg->mode, work, tg->Lrw);
		if (!cholesky(tg->L, q) || !cholesky(tg->Lrw, q))
			rc = msei_error(err, MSE_ESINGULAR, "not "
			    "identifiable: the posterior's Hessian is "
			    "singular");
	}
	free(work);
	free(prec);
	return rc;
}

/* ---- the chains ------------------------------------------------------ */

struct run {
	const struct target *tg;
	const struct mse_bayesthresh_options *o;
	struct stage_out *so;
	double n;
	const double *pkg_start;	/* the random walk's start */
};

/* log density of the t proposal at b, up to a constant. */
static double
log_prop(const struct target *tg, const double *b, double *d)
{
	size_t j;

	for (j = 0; j < tg->q; j++)
		d[j] = b[j] - tg->mode[j];
	return -0.5 * (NU + (double)tg->q) *
	    log1p(quad_form(tg->L, tg->q, d) / NU);
}

/* A draw of N(0, H^-1) scaled by s into x (from L, lower). */
static void
draw_normal(const gsl_rng *r, const double *L, size_t q, double s,
    double *x)
{
	size_t j;

	for (j = 0; j < q; j++)
		x[j] = gsl_ran_gaussian_ziggurat(r, 1.0);
	chol_back(L, q, x);
	for (j = 0; j < q; j++)
		x[j] *= s;
}

/* One step of the default sampler from b (lp, lq its log posterior and
 * proposal density); 1 if its proposal was accepted. */
static int
step_default(const struct target *tg, const gsl_rng *r, double *b,
    double *lp, double *lq, double *nb, double *d)
{
	size_t q = tg->q, j;
	double lpn, lqn;

	if (gsl_rng_uniform(r) < RW_PROB) {
		draw_normal(r, tg->L, q, 2.38 / sqrt((double)q), d);
		for (j = 0; j < q; j++)
			nb[j] = b[j] + d[j];
		lpn = log_post(tg, nb);
		if (log(gsl_rng_uniform_pos(r)) < lpn - *lp) {
			memcpy(b, nb, q * sizeof(*b));
			*lp = lpn;
			*lq = log_prop(tg, b, d);
			return 1;
		}
		return 0;
	}
	draw_normal(r, tg->L, q, sqrt(NU / gsl_ran_chisq(r, NU)), d);
	for (j = 0; j < q; j++)
		nb[j] = tg->mode[j] + d[j];
	lpn = log_post(tg, nb);
	lqn = log_prop(tg, nb, d);
	if (log(gsl_rng_uniform_pos(r)) < lpn - *lp + *lq - lqn) {
		memcpy(b, nb, q * sizeof(*b));
		*lp = lpn;
		*lq = lqn;
		return 1;
	}
	return 0;
}

/* One step of MCMCpack's random walk. */
static int
step_rw(const struct target *tg, const gsl_rng *r, double tune, double *b,
    double *lp, double *nb, double *d)
{
	size_t q = tg->q, j;
	double lpn;

	draw_normal(r, tg->Lrw, q, tune, d);
	for (j = 0; j < q; j++)
		nb[j] = b[j] + d[j];
	lpn = log_post(tg, nb);
	if (log(gsl_rng_uniform_pos(r)) < lpn - *lp) {
		memcpy(b, nb, q * sizeof(*b));
		*lp = lpn;
		return 1;
	}
	return 0;
}

/* Progress in steps of this many draws. */
#define TICK 256

static int
run_chain(struct msei_pool *p, size_t i, size_t worker)
{
	const struct run *ru = p->arg;
	const struct target *tg = ru->tg;
	const struct mse_bayesthresh_options *o = ru->o;
	size_t q = tg->q, j;
	double *b, *nb, *d, *s1 = ru->so->s1 + i * q, *s2 = ru->so->s2 + i * q;
	double *out = ru->so->ndraws + i * (size_t)o->samples, lp, lq = 0;
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	long s, acc = 0;
	int rw = o->sampler == MSE_BT_RANDOM_WALK;

	(void)worker;
	b = msei_calloc(3 * q, sizeof(double));
	if (r == NULL || b == NULL) {
		gsl_rng_free(r);
		free(b);
		return MSE_ENOMEM;
	}
	nb = b + q;
	d = b + 2 * q;
	gsl_rng_set(r, o->seed + (unsigned long)i);
	if (rw)
		memcpy(b, ru->pkg_start, q * sizeof(*b));
	else {
		/* An over-dispersed start: a draw of the t proposal. */
		draw_normal(r, tg->L, q, sqrt(NU / gsl_ran_chisq(r, NU)), d);
		for (j = 0; j < q; j++)
			b[j] = tg->mode[j] + d[j];
		lq = log_prop(tg, b, d);
	}
	lp = log_post(tg, b);
	for (s = -o->burnin; s < o->samples && !msei_pool_stopped(p); s++) {
		int a = rw ? step_rw(tg, r, o->tune, b, &lp, nb, d) :
		    step_default(tg, r, b, &lp, &lq, nb, d);

		if ((s + o->burnin) % TICK == TICK - 1)
			msei_pool_advance(p, TICK);
		if (s < 0)
			continue;
		acc += a;
		out[s] = ru->n + exp(b[0]);
		for (j = 0; j < q; j++) {
			double v = b[j] - tg->mode[j];

			s1[j] += v;
			s2[j] += v * v;
		}
	}
	msei_pool_advance(p, (size_t)((o->burnin + o->samples) % TICK));
	ru->so->accepted[i] = acc;
	gsl_rng_free(r);
	free(b);
	return MSE_OK;
}

/* ---- one fit ----------------------------------------------------------- */

/* A fit's results on its kept columns. */
struct fit {
	size_t q;
	uint32_t *term;		/* q column terms */
	double *mean, *sd;	/* q */
	double rhat, ess_bulk, ess_tail, acceptance;
	struct msei_design d;
	int has_design;
};

static void
fit_free(struct fit *f)
{
	free(f->term);
	free(f->mean);
	free(f->sd);
	if (f->has_design)
		msei_design_free(&f->d);
	memset(f, 0, sizeof(*f));
}

/* Progress across fits: the pool's units shifted by those done. */
struct prog {
	void (*fn)(void *arg, size_t done, size_t total);
	void *arg;
	size_t offset, total;
};

static void
prog_update(void *arg, size_t done, size_t total)
{
	struct prog *pr = arg;

	(void)total;
	pr->fn(pr->arg, pr->offset + done, pr->total);
}

/* The package's start: log(5 n) for the intercept, log(n_j / 5 n) for a
 * main effect, 0 for an interaction. */
static void
package_start(const struct mse_table *t, const struct fit *f, double *b)
{
	double n = mse_table_observed(t);
	size_t j, l;

	for (j = 0; j < f->q; j++) {
		uint32_t w = f->term[j];

		b[j] = 0;
		if (w == 0)
			b[j] = log(5 * n);
		for (l = 0; l < mse_table_lists(t) && (w & (w - 1)) == 0 &&
		    w != 0; l++)
			if (w == (uint32_t)1 << l)
				b[j] = log(mse_table_list_total(t, l) / (5 * n));
	}
}

/* Sample the posterior of model m; f gets its terms' means and sds, and
 * (keep) b the draws of N. */
static int
run_fit(const struct mse_table *t, const struct mse_model *m,
    const struct mse_bayesthresh_options *o, struct prog *pr,
    struct fit *f, double *ndraws, struct mse_error *err)
{
	struct msei_design_spec sp = { t, NULL, NULL, NULL, 0, 0 };
	size_t q, j, c, S = (size_t)o->chains * (size_t)o->samples;
	struct target tg;
	struct stage_out so;
	struct msei_pool p;
	struct run ru;
	double *buf, *start = NULL;
	long acc = 0;
	int rc;

	memset(f, 0, sizeof(*f));
	sp.keep_zero_margins = o->prior == MSE_BT_PROPER;
	if ((rc = msei_design_build(&f->d, &sp, m, err)) != MSE_OK) {
		msei_design_free(&f->d);
		return rc;
	}
	f->has_design = 1;
	q = f->q = f->d.q;
	memset(&tg, 0, sizeof(tg));
	tg.c = f->d.c;
	tg.q = q;
	tg.X = f->d.X;
	tg.y = f->d.y;
	f->term = msei_calloc(q, sizeof(*f->term));
	f->mean = msei_calloc(q, sizeof(double));
	f->sd = msei_calloc(q, sizeof(double));
	buf = msei_calloc(q * (3 + 2 * q) + 2 * (size_t)o->chains * q,
	    sizeof(double));
	so.accepted = msei_calloc((size_t)o->chains, sizeof(long));
	so.ndraws = ndraws;
	if (f->term == NULL || f->mean == NULL || f->sd == NULL ||
	    buf == NULL || so.accepted == NULL) {
		free(buf);
		free(so.accepted);
		return msei_error(err, MSE_ENOMEM, "out of memory");
	}
	tg.prec = buf;
	tg.mode = buf + q;
	start = buf + 2 * q;
	tg.L = buf + 3 * q;
	tg.Lrw = buf + 3 * q + q * q;
	so.s1 = buf + 3 * q + 2 * q * q;
	so.s2 = so.s1 + (size_t)o->chains * q;
	for (j = 0; j < q; j++) {
		uint32_t w = f->term[j] = f->d.term[f->d.col[j]];

		tg.prec[j] = (w & (w - 1)) != 0 && o->prior == MSE_BT_PROPER ?
		    1 / o->prior_variance : 0;
	}
	rc = prepare(&tg, err);
	package_start(t, f, start);
	memset(&p, 0, sizeof(p));
	memset(&ru, 0, sizeof(ru));
	ru.tg = &tg;
	ru.o = o;
	ru.so = &so;
	ru.n = mse_table_observed(t);
	ru.pkg_start = start;
	p.njobs = (size_t)o->chains;
	p.threads = o->threads;
	p.arg = &ru;
	p.job = run_chain;
	p.units = (size_t)o->chains * (size_t)(o->burnin + o->samples);
	if (pr->fn != NULL) {
		p.progress = prog_update;
		p.progress_arg = pr;
	}
	if (rc == MSE_OK && (rc = msei_pool_run(&p, NULL)) != MSE_OK)
		rc = msei_error(err, rc, "out of memory");
	pr->offset += p.units;
	for (j = 0; rc == MSE_OK && j < q; j++) {
		double s1 = 0, s2 = 0;

		for (c = 0; c < (size_t)o->chains; c++) {
			s1 += so.s1[c * q + j];
			s2 += so.s2[c * q + j];
		}
		f->mean[j] = tg.mode[j] + s1 / (double)S;
		f->sd[j] = sqrt(fmax(0, (s2 - s1 * s1 / (double)S) /
		    (double)(S - 1)));
	}
	for (c = 0; c < (size_t)o->chains; c++)
		acc += so.accepted[c];
	f->acceptance = (double)acc / (double)S;
	if (rc == MSE_OK)
		rc = mse_mcmc_diagnose(ndraws, (size_t)o->chains,
		    (size_t)o->samples, &f->rhat, &f->ess_bulk, &f->ess_tail,
		    err);
	free(buf);
	free(so.accepted);
	return rc;
}

/* ---- the procedure ----------------------------------------------------- */

static int
check_options(const struct mse_bayesthresh_options *o, size_t k,
    struct mse_error *err)
{
	if (o->prior != MSE_BT_PROPER && o->prior != MSE_BT_IMPROPER)
		return msei_error(err, MSE_EINVAL, "prior %d is not "
		    "MSE_BT_PROPER or MSE_BT_IMPROPER", o->prior);
	if (!(o->prior_variance > 0 && isfinite(o->prior_variance)))
		return msei_error(err, MSE_EINVAL, "the prior variance must "
		    "be positive and finite");
	if (!(o->threshold >= 0 && isfinite(o->threshold)))
		return msei_error(err, MSE_EINVAL, "the threshold must be a "
		    "number from 0");
	if (o->max_order != 2 && o->max_order != 3)
		return msei_error(err, MSE_EINVAL, "the largest order must be "
		    "2 or 3, not %d", o->max_order);
	if (o->samples < 4 || o->burnin < 0 || o->chains < 1 ||
	    o->chains > 1024)
		return msei_error(err, MSE_EINVAL, "need at least 4 samples, "
		    "a burn-in from 0 and 1 to 1024 chains");
	if (o->sampler != MSE_BT_INDEPENDENCE &&
	    o->sampler != MSE_BT_RANDOM_WALK)
		return msei_error(err, MSE_EINVAL, "sampler %d is unknown",
		    o->sampler);
	if (!(o->tune > 0 && isfinite(o->tune)))
		return msei_error(err, MSE_EINVAL, "tune must be positive");
	if (k < 2 || k > 12)
		return msei_error(err, MSE_EDOMAIN, "Bayesian thresholding "
		    "needs 2 to 12 lists, not %zu", k);
	return MSE_OK;
}

void
mse_bayesthresh_options_init(struct mse_bayesthresh_options *opt)
{
	memset(opt, 0, sizeof(*opt));
	opt->size = sizeof(*opt);
	/* estimate_population_bayesthresh's defaults (MSE 1.2.0):
	 * prior_variance = 1, threshold = 2, maxorder = 2; MCMCpoisson's
	 * burnin = 1000, mcmc = 10000, tune = 1.1, seed = 12345. */
	opt->prior = MSE_BT_PROPER;
	opt->prior_variance = 1;
	opt->threshold = 2;
	opt->max_order = 2;
	opt->samples = 10000;
	opt->burnin = 1000;
	opt->chains = 4;
	opt->threads = MSE_THREADS_AUTO;
	opt->seed = 12345;
	opt->sampler = MSE_BT_INDEPENDENCE;
	opt->tune = 1.1;
}

static int
popcount(uint32_t w)
{
	int n = 0;

	for (; w != 0; w &= w - 1)
		n++;
	return n;
}

/* Record the terms of order `order` in fit f: their statistics and
 * whether they are kept; boundary ones of the design at -inf.  They are
 * listed by their bit masks, as the R package lists them (EXH:ABA,
 * EXH:OSCE, ABA:OSCE, EXH:HRW, ...). */
static void
record(struct mse_bayesthresh *b, const struct fit *f, int order,
    const struct mse_bayesthresh_options *o)
{
	size_t j, first = b->nterms;

	for (j = 1; j < f->d.p; j++) {
		uint32_t w = f->d.term[j];
		size_t i = b->nterms, c;

		if (popcount(w) != order)
			continue;
		b->term[i] = w;
		b->stat[i] = NAN;
		b->status[i] = MSE_BT_MINUS_INF;
		b->nterms++;
		if (f->d.kind[j] != MSEI_COL_KEPT)
			continue;
		for (c = 0; c < f->q && f->term[c] != w; c++)
			;
		b->stat[i] = fabs(f->mean[c]) / f->sd[c];
		b->status[i] = b->stat[i] >= o->threshold ? MSE_BT_KEPT :
		    MSE_BT_DROPPED;
	}
	for (j = first + 1; j < b->nterms; j++) {
		uint32_t w = b->term[j];
		double st = b->stat[j];
		int ss = b->status[j];
		size_t i;

		for (i = j; i > first && b->term[i - 1] > w; i--) {
			b->term[i] = b->term[i - 1];
			b->stat[i] = b->stat[i - 1];
			b->status[i] = b->status[i - 1];
		}
		b->term[i] = w;
		b->stat[i] = st;
		b->status[i] = ss;
	}
}

/* The kept and -inf terms of b as a model. */
static int
model_of(const struct mse_bayesthresh *b, size_t k, struct mse_model **out,
    struct mse_error *err)
{
	struct mse_model *m = mse_model_new(k, err);
	size_t i;
	int rc = m == NULL ? MSE_ENOMEM : MSE_OK;

	for (i = 0; i < b->nterms && rc == MSE_OK; i++)
		if (b->status[i] == MSE_BT_KEPT ||
		    b->status[i] == MSE_BT_MINUS_INF)
			rc = mse_model_add(m, b->term[i], err);
	if (rc != MSE_OK) {
		mse_model_free(m);
		return rc;
	}
	*out = m;
	return MSE_OK;
}

static int
kept(const struct mse_bayesthresh *b, uint32_t w)
{
	size_t i;

	for (i = 0; i < b->nterms; i++)
		if (b->term[i] == w)
			return b->status[i] == MSE_BT_KEPT;
	return 0;
}

/* Worst diagnostics over the fits: an undefined one (NaN) stays. */
static void
worst(struct mse_bayesthresh *b, const struct fit *f)
{
	int first = b->fits++ == 0;

	if (first || (!isnan(b->rhat) && !(f->rhat <= b->rhat)))
		b->rhat = f->rhat;
	if (first || (!isnan(b->ess_bulk) && !(f->ess_bulk >= b->ess_bulk)))
		b->ess_bulk = f->ess_bulk;
	if (first || (!isnan(b->ess_tail) && !(f->ess_tail >= b->ess_tail)))
		b->ess_tail = f->ess_tail;
	if (first || f->acceptance < b->acceptance)
		b->acceptance = f->acceptance;
}

/* The fit of m, recorded in b; the caller frees f. */
static int
stage(struct mse_bayesthresh *b, const struct mse_table *t,
    const struct mse_model *m, const struct mse_bayesthresh_options *o,
    struct prog *pr, struct fit *f, struct mse_error *err)
{
	int rc = run_fit(t, m, o, pr, f, b->draws, err);

	if (rc == MSE_OK)
		worst(b, f);
	else
		fit_free(f);
	return rc;
}

/* With the improper prior, the existence check on model m: 0 passes. */
static int
exists(const struct mse_table *t, const struct mse_model *m, int *code,
    struct mse_error *err)
{
	struct msei_design_spec sp = { t, NULL, NULL, NULL, 0, 0 };
	struct msei_design d;
	int rc = msei_design_build(&d, &sp, m, err);

	*code = MSE_EXIST_UNIDENT;
	if (rc == MSE_OK && d.q <= d.c)
		rc = msei_design_exists(&d, code, err);
	msei_design_free(&d);
	return rc;
}

/* Order 3: the eligible triples (all three pairs kept), tried in one
 * model with the kept pairs. */
static int
triples(struct mse_bayesthresh *b, const struct mse_table *t,
    const struct mse_bayesthresh_options *o, struct prog *pr,
    struct mse_error *err)
{
	size_t k = mse_table_lists(t), i, j, l, first = b->nterms, n;
	struct mse_model *m = NULL;
	struct fit f;
	int rc, code = 0;

	memset(&f, 0, sizeof(f));
	for (i = 0; i < k; i++)
		for (j = i + 1; j < k; j++)
			for (l = j + 1; l < k; l++) {
				uint32_t a = 1u << i, c = 1u << j, e = 1u << l;

				if (kept(b, a | c) && kept(b, a | e) &&
				    kept(b, c | e)) {
					b->term[b->nterms] = a | c | e;
					b->stat[b->nterms] = NAN;
					b->status[b->nterms++] = MSE_BT_KEPT;
				}
			}
	if ((n = b->nterms - first) == 0)
		return MSE_OK;
	if ((rc = model_of(b, k, &m, err)) != MSE_OK)
		return rc;
	if (o->prior == MSE_BT_IMPROPER &&
	    (rc = exists(t, m, &code, err)) == MSE_OK && code != 0) {
		for (i = first; i < b->nterms; i++)
			b->status[i] = MSE_BT_UNTRIED;
		b->reverted = 1;
		mse_model_free(m);
		return MSE_OK;
	}
	b->nterms = first;
	if (rc == MSE_OK)
		rc = stage(b, t, m, o, pr, &f, err);
	mse_model_free(m);
	if (rc == MSE_OK)
		record(b, &f, 3, o);
	fit_free(&f);
	return rc;
}

/* Sort the first n values of a copy for the quantiles. */
static int
summarise(struct mse_bayesthresh *b, struct mse_error *err)
{
	size_t S = (size_t)b->chains * (size_t)b->samples, i;
	double s1 = 0, s2 = 0;

	b->sorted = msei_calloc(S, sizeof(double));
	if (b->sorted == NULL)
		return msei_error(err, MSE_ENOMEM, "out of memory");
	memcpy(b->sorted, b->draws, S * sizeof(double));
	qsort(b->sorted, S, sizeof(double), msei_cmp_double);
	for (i = 0; i < S; i++)
		s1 += b->draws[i];
	b->mean = s1 / (double)S;
	for (i = 0; i < S; i++)
		s2 += (b->draws[i] - b->mean) * (b->draws[i] - b->mean);
	b->sd = sqrt(s2 / (double)(S - 1));
	return MSE_OK;
}

static int
procedure(struct mse_bayesthresh *b, const struct mse_table *t,
    const struct mse_bayesthresh_options *o, struct mse_error *err)
{
	size_t k = mse_table_lists(t), i, j;
	struct mse_model *m = mse_model_new(k, err);
	struct prog pr = { o->progress, o->progress_arg, 0, 0 };
	struct fit f;
	int rc = m == NULL ? MSE_ENOMEM : MSE_OK, code = 0;

	pr.total = (size_t)o->chains * (size_t)(o->burnin + o->samples) *
	    (size_t)(o->max_order == 3 ? 3 : 2);
	for (i = 0; i < k && rc == MSE_OK; i++)
		for (j = i + 1; j < k && rc == MSE_OK; j++)
			rc = mse_model_add(m, (1u << i) | (1u << j), err);
	if (rc == MSE_OK && o->prior == MSE_BT_IMPROPER &&
	    (rc = exists(t, m, &code, err)) == MSE_OK && code != 0)
		rc = msei_error(err, code & MSE_EXIST_NOMLE ? MSE_ENOMLE :
		    MSE_ESINGULAR, "the improper prior needs the model with "
		    "every pair to have an MLE (after fixing the terms with "
		    "no data at -inf), and it has %s; use the proper prior",
		    code & MSE_EXIST_NOMLE ? "none" : "unidentifiable terms");
	if (rc == MSE_OK)
		rc = stage(b, t, m, o, &pr, &f, err);
	mse_model_free(m);
	m = NULL;
	if (rc == MSE_OK) {
		/* Terms come out of the design sorted by size, then list. */
		record(b, &f, 2, o);
		fit_free(&f);
	}
	if (rc == MSE_OK && o->max_order == 3 && k >= 3)
		rc = triples(b, t, o, &pr, err);
	if (rc == MSE_OK)
		rc = model_of(b, k, &m, err);
	if (rc == MSE_OK) {
		rc = stage(b, t, m, o, &pr, &f, err);
		if (rc == MSE_OK)
			fit_free(&f);
	}
	b->model = m;
	if (o->progress != NULL && rc == MSE_OK)
		o->progress(o->progress_arg, pr.total, pr.total);
	return rc == MSE_OK ? summarise(b, err) : rc;
}

int
mse_bayesthresh_fit(const struct mse_table *t,
    const struct mse_bayesthresh_options *opt, struct mse_bayesthresh **out,
    struct mse_error *err)
{
	struct mse_bayesthresh_options o;
	struct mse_bayesthresh *b;
	size_t k = mse_table_lists(t), nt;
	int rc;

	*out = NULL;
	if (msei_table_need_dense(t, "Bayesian thresholding", err) != MSE_OK)
		return MSE_EDOMAIN;
	mse_bayesthresh_options_init(&o);
	if (opt != NULL && (rc = msei_sized_in(&o, sizeof(o), opt,
	    "mse_bayesthresh_options", err)) != MSE_OK)
		return rc;
	if ((rc = check_options(&o, k, err)) != MSE_OK)
		return rc;
	if (!(mse_table_observed(t) > 0))
		return msei_error(err, MSE_EDOMAIN, "no unit was observed");
	for (nt = 0; nt < k; nt++)
		if (!(mse_table_list_total(t, nt) > 0))
			/* Its main effect has a flat prior and no data. */
			return msei_error(err, MSE_EDOMAIN, "list %s has no "
			    "unit, so the posterior of its main effect is "
			    "improper; leave the list out",
			    mse_table_name(t, nt));
	nt = k * (k - 1) / 2 + k * (k - 1) * (k - 2) / 6 + 1;
	b = calloc(1, sizeof(*b));
	if (b == NULL)
		return msei_error(err, MSE_ENOMEM, "out of memory");
	b->n = mse_table_observed(t);
	b->chains = o.chains;
	b->samples = o.samples;
	b->draws = msei_calloc((size_t)o.chains * (size_t)o.samples,
	    sizeof(double));
	b->term = msei_calloc(nt, sizeof(uint32_t));
	b->stat = msei_calloc(nt, sizeof(double));
	b->status = msei_calloc(nt, sizeof(int));
	rc = b->draws == NULL || b->term == NULL || b->stat == NULL || b->status == NULL ?
	    msei_error(err, MSE_ENOMEM, "out of memory") :
	    procedure(b, t, &o, err);
	if (rc != MSE_OK) {
		mse_bayesthresh_free(b);
		return rc;
	}
	*out = b;
	return MSE_OK;
}

void
mse_bayesthresh_free(struct mse_bayesthresh *b)
{
	if (b == NULL)
		return;
	free(b->draws);
	free(b->sorted);
	free(b->term);
	free(b->stat);
	free(b->status);
	mse_model_free(b->model);
	free(b);
}

/* ---- results ------------------------------------------------------------ */

double
mse_bayesthresh_observed(const struct mse_bayesthresh *b)
{
	return b->n;
}

double
mse_bayesthresh_mean(const struct mse_bayesthresh *b)
{
	return b->mean;
}

double
mse_bayesthresh_sd(const struct mse_bayesthresh *b)
{
	return b->sd;
}

/* The type 7 quantile of all draws, as R's quantile(). */
double
mse_bayesthresh_quantile(const struct mse_bayesthresh *b, double p)
{
	if (!(p >= 0 && p <= 1))
		return NAN;
	return msei_quantile7(b->sorted, (size_t)b->chains *
	    (size_t)b->samples, p);
}

/* Batch means: the quantile of each of BATCHES consecutive batches of
 * every chain; their sd over the square root of their number. */
double
mse_bayesthresh_quantile_mcse(const struct mse_bayesthresh *b, double p)
{
	size_t len = (size_t)b->samples / BATCHES, nb = 0, c, i;
	double *tmp, s1 = 0, s2 = 0;

	if (!(p > 0 && p < 1) || len < 2)
		return NAN;
	if ((tmp = msei_calloc(len, sizeof(*tmp))) == NULL)
		return NAN;
	for (c = 0; c < (size_t)b->chains; c++)
		for (i = 0; i < BATCHES; i++, nb++) {
			double v;

			memcpy(tmp, b->draws + c * (size_t)b->samples +
			    i * len, len * sizeof(*tmp));
			qsort(tmp, len, sizeof(*tmp), msei_cmp_double);
			v = msei_quantile7(tmp, len, p);
			s1 += v;
			s2 += v * v;
		}
	free(tmp);
	s1 /= (double)nb;
	return sqrt(fmax(0, (s2 / (double)nb - s1 * s1)) *
	    (double)nb / (double)(nb - 1) / (double)nb);
}

int
mse_bayesthresh_chains(const struct mse_bayesthresh *b)
{
	return b->chains;
}

long
mse_bayesthresh_samples(const struct mse_bayesthresh *b)
{
	return b->samples;
}

double
mse_bayesthresh_draw(const struct mse_bayesthresh *b, int chain, long i)
{
	if (chain < 0 || chain >= b->chains || i < 0 || i >= b->samples)
		return NAN;
	return b->draws[(size_t)chain * (size_t)b->samples + (size_t)i];
}

double
mse_bayesthresh_rhat(const struct mse_bayesthresh *b)
{
	return b->rhat;
}

double
mse_bayesthresh_ess_bulk(const struct mse_bayesthresh *b)
{
	return b->ess_bulk;
}

double
mse_bayesthresh_ess_tail(const struct mse_bayesthresh *b)
{
	return b->ess_tail;
}

double
mse_bayesthresh_acceptance(const struct mse_bayesthresh *b)
{
	return b->acceptance;
}

int
mse_bayesthresh_fits(const struct mse_bayesthresh *b)
{
	return b->fits;
}

size_t
mse_bayesthresh_terms(const struct mse_bayesthresh *b)
{
	return b->nterms;
}

uint32_t
mse_bayesthresh_term(const struct mse_bayesthresh *b, size_t i)
{
	return i < b->nterms ? b->term[i] : 0;
}

double
mse_bayesthresh_statistic(const struct mse_bayesthresh *b, size_t i)
{
	return i < b->nterms ? b->stat[i] : NAN;
}

int
mse_bayesthresh_status(const struct mse_bayesthresh *b, size_t i)
{
	return i < b->nterms ? b->status[i] : -1;
}

int
mse_bayesthresh_reverted(const struct mse_bayesthresh *b)
{
	return b->reverted;
}

int
mse_bayesthresh_model(const struct mse_bayesthresh *b,
    struct mse_model **out, struct mse_error *err)
{
	*out = mse_model_copy(b->model, err);
	return *out == NULL ? MSE_ENOMEM : MSE_OK;
}
