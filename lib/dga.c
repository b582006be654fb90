/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dga.c - Bayesian model averaging over decomposable graphs, as dga 2.0.2. */
#define _DEFAULT_SOURCE		/* lgamma_r */
#include <config.h>

#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sf_gamma.h>

#include "mse_private.h"

/*
 * The computation follows Madigan & York (1997) as dga 2.0.2 does (dga's
 * BMAfunctions.R and utils.cpp).  For a decomposable graph g with cliques
 * C and separators S, and m unseen (N = n + m),
 *
 *   log w(g, m) = logprior(N) + MC(m) + sum_C [l_C(m) + D(m)]
 *                 - sum_S [l_S(m) + D(m)]
 *
 * with, for a set A of lists and delta_A = delta 2^(k - |A|),
 *
 *   l_A(m) = lnG(y_A(0) + m + delta_A) + sum_{a != 0} lnG(y_A(a) + delta_A)
 *            - 2^|A| lnG(delta_A),
 *   D(m)   = lnG(alpha) - lnG(N + alpha),  alpha = delta 2^k,
 *   MC(m)  = lnG(N + 1) - sum_x lnG(y_x + 1) - lnG(m + 1).
 *
 * Every l_A(m) is a constant plus F_s(y_A(0) + m), where F_s(x) =
 * lnG(x + delta 2^(k-s)) depends on the size s = |A| only, and D(m) is
 * lnG(alpha) - F_0(n + m).  So the k + 1 vectors F_s, of length n + nmax,
 * hold every log-gamma the sums need, and the joint posterior (graphs x
 * grid) is never stored: it is summed graph by graph into P(g | y) and
 * P(N | y), a chunk of the grid at a time.
 */

/* Terms more than CUT below the largest so far are left out of the sums:
 * e^-50 = 1.9e-22, so even 10^6 of them change a sum of terms at least 1
 * by less than 2^-53 (1.1e-16), the rounding of the sum itself. */
#define CUT 50.0
/* Rescale the running sums when a term exceeds their reference by this:
 * e^300 = 1.9e130, far from overflow even summed 10^10 times. */
#define RESCALE 300.0
/* Grid points per chunk: the slices of the F_s a chunk reads stay in the
 * cache (2^5 subsets x 1024 x 8 bytes = 256 KiB for five lists). */
#define CHUNK 1024
/* The MCMC runs' traces of E(N | graph) keep at most this many entries a
 * run, thinned beyond (trace_grow): 8 MB a run. */
#define TRACE_MAX 1048576L
/* The most doubles the F_s and the grid vectors may take (1 GiB). */
#define MAX_DOUBLES ((size_t)1 << 27)
/* The most chunk sums kept for the predictive check (17 MB). */
#define CS_MAX ((size_t)1 << 20)
/*
 * The weights of a chunk (chunk_ratio) come from one of two kernels
 * that do the same products and sums in the same order, so give the same
 * bits: four doubles a vector under AVX2 (x86-64, chosen at run time),
 * else two, which SSE2 and NEON hold.  AVX2 without FMA: no product and
 * sum is fused.  add_chunk's loop is compiled for both (GCC's
 * target_clones).
 */
#if (defined(__GNUC__) || defined(__clang__)) && defined(__x86_64__)
#define MSEI_AVX2_KERNEL 1
#endif
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && \
    defined(__linux__) && defined(__has_attribute)
#if __has_attribute(target_clones)
#define MSEI_SIMD_CLONES __attribute__((target_clones("avx2", "default")))
#endif
#endif
#ifndef MSEI_SIMD_CLONES
#define MSEI_SIMD_CLONES
#endif

/* Two and four doubles (GCC's and clang's vector extension), at any
 * address of a double, and aliasing doubles. */
typedef double v2 __attribute__((vector_size(16), aligned(8), may_alias));
typedef double v4 __attribute__((vector_size(32), aligned(8), may_alias));
#define V2(p) (*(v2 *)(p))
#define V4(p) (*(v4 *)(p))
/* (x1, x2, x3, y0) and (x2, x3, y0, y1): x shifted by one or two lanes,
 * with the first lanes of y after it. */
#define SHIFT1(x, y) ((v4){ (x)[1], (x)[2], (x)[3], (y)[0] })
#define SHIFT2(x, y) ((v4){ (x)[2], (x)[3], (y)[0], (y)[1] })

struct margin {
	/* sum_{a != 0} lnG(y_A(a) + dA) - 2^|A| lnG(dA) */
	double c;
	long y0;		/* y_A(0) */
	int done;
};

/* The terms of one graph's log weight, ready to sum over the grid. */
struct plan {
	double kg;		/* every constant */
	size_t nt;
	const double *f[2 * MSE_MAX_LISTS + 1];	/* F_s + y_A(0) */
	double w[2 * MSE_MAX_LISTS + 1];	/* +1, -1, -(components) */
	/* exp(F_s(x + 1) - F_s(x)) = x + delta_s: the factor of term t
	 * from grid point j to j + 1 is a[t] + j (step 1). */
	double a[2 * MSE_MAX_LISTS + 1];
	const double *r[2 * MSE_MAX_LISTS + 1];	/* R_s + y_A(0) + m0 */
};

struct gw {
	struct msei_dgraph g;
	uint32_t adj[MSE_MAX_LISTS];
	double prob, lw, mean;
	long count[2];		/* MCMC: iterations spent here, per run */
	size_t row;		/* its row of the chunk sums (d->cs) */
	int seen;		/* MCMC: bit r set if run r evaluated it */
};

struct mse_dga {
	size_t k;
	long n, m0, step;	/* the grid is N = n + m0 + j step */
	double delta, alpha;
	size_t G, L;
	double *F;		/* (k + 1) x L */
	double *base;		/* G: logprior(N) + MC(m) */
	double *brat;		/* G: exp(base(j + 1) - base(j)), step 1 */
	double *R;		/* (k + 1) x (L + CHUNK): 1 / (x + delta_s) */
	double jd[CHUNK];	/* 0, 1, ..., CHUNK - 1 */
	double *lbhi, *lblo;	/* per chunk: max and min of log brat */
	double *y;		/* counts by pattern */
	uint32_t *nz;		/* the patterns with a count, nnz of them */
	size_t nnz;
	struct margin *mg;	/* 2^k, filled on demand */
	double *pm;		/* G: P(N = n + j step | y) */
	double mean, sd, top, logz;
	struct gw *gr;
	size_t ng;
	int mcmc;
	int avx2;		/* chunk_ratio's kernel: ratio_v4 */
	/* Every graph's sum on every chunk, sum_all's, for the predictive
	 * check: the sum, the reference it is relative to, and how it was
	 * made (CS_SKIPPED, CS_RATIO, CS_EXACT); NULL if not kept. */
	double *cs, *cr;
	unsigned char *ck;
	size_t nch;
	double acc[2], rmean[2], tv;
	/* MCMC: the steps a run made after burn-in; the two runs' traces
	 * of E(N | graph), one entry every tstep steps, tn entries each
	 * (run r's at trace + r * tn), at most TRACE_MAX; their diagnostics
	 * and why they stopped. */
	long steps, first;	/* first: the first round's steps */
	double *trace;
	long tstep, tn;
	double rhat, ess_bulk, ess_tail;
	int stop;
	const struct mse_dga_options *opt;	/* during the fit only */
};

static double
lngamma(double x)
{
#ifdef HAVE_LGAMMA_R
	int sign;

	return lgamma_r(x, &sign);
#else
	return gsl_sf_lngamma(x);
#endif
}

void
mse_dga_options_init(struct mse_dga_options *opt)
{
	memset(opt, 0, sizeof(*opt));
	opt->size = sizeof(*opt);
	opt->threads = 1;
	opt->step = 1;
	opt->prior = MSE_PRIOR_N_INVERSE;
	opt->graphs = MSE_DGA_AUTO;
	opt->seed = 1;
	opt->iterations = 50000;
	opt->burnin = 5000;
	opt->max_iterations = 0;
	opt->rhat_max = 1.01;
	opt->ess_min = 400;
	opt->max_seconds = 0;
}

/* ---- set-up ----------------------------------------------------------- */

static double
log_prior(const struct mse_dga_options *o, double N)
{
	switch (o->prior) {
	case MSE_PRIOR_N_UNIFORM:
		return 0;
	case MSE_PRIOR_N_NEGBIN:
		/* dga's help example for bma.cr: the negative binomial
		 * pmf of N with size a and probability 1/(1 + b). */
		return N * log(o->prior_b) - (N + o->prior_a) *
		    log1p(o->prior_b) + lngamma(N + o->prior_a) -
		    lngamma(N + 1) - lngamma(o->prior_a);
	default:
		return -log(N);
	}
}

static int
check_options(const struct mse_dga_options *o, size_t k, double n,
    struct mse_error *err)
{
	if (!(n >= 1))
		return msei_error(err, MSE_EDOMAIN, "no unit was observed");
	if (!(o->delta >= 0 && isfinite(o->delta)))
		return msei_error(err, MSE_EINVAL, "delta must be positive");
	if (!(o->step >= 1 && o->step == floor(o->step) && o->step < 1e9))
		return msei_error(err, MSE_EINVAL,
		    "the grid step must be a whole number from 1");
	if (o->nmin != 0 && !(o->nmin >= n && o->nmin == floor(o->nmin) &&
	    o->nmin < 1e15))
		return msei_error(err, MSE_EINVAL, "the bottom of the grid, "
		    "%g, is not a whole number from the %g units observed",
		    o->nmin, n);
	if (o->nmax != 0 && !(o->nmax >= fmax(n, o->nmin) && o->nmax < 1e15))
		return msei_error(err, MSE_EINVAL, "the top of the grid, "
		    "%g, is below its bottom, %g", o->nmax, fmax(n, o->nmin));
	if (o->prior < MSE_PRIOR_N_INVERSE || o->prior > MSE_PRIOR_N_NEGBIN)
		return msei_error(err, MSE_EINVAL, "unknown prior on N");
	if (o->prior == MSE_PRIOR_N_NEGBIN && !(o->prior_a > 0 &&
	    o->prior_b > 0 && isfinite(o->prior_a) && isfinite(o->prior_b)))
		return msei_error(err, MSE_EINVAL, "the negative binomial "
		    "prior needs a > 0 and b > 0");
	if (o->graphs == MSE_DGA_ALL && k > 6)
		return msei_error(err, MSE_EINVAL, "every decomposable graph "
		    "on %zu lists is too many (k <= 6); sample them", k);
	if (o->graphs < MSE_DGA_AUTO || o->graphs > MSE_DGA_MCMC)
		return msei_error(err, MSE_EINVAL, "unknown graph search");
	if (o->threads < 0)
		return msei_error(err, MSE_EINVAL, "the number of threads "
		    "must be 0 (one per processor) or more, not %d",
		    o->threads);
	if (o->iterations < 1 || o->burnin < 0)
		return msei_error(err, MSE_EINVAL, "MCMC needs at least one "
		    "iteration");
	if (o->iterations < 4 && o->max_iterations > 0)
		return msei_error(err, MSE_EINVAL, "MCMC rounds need at least "
		    "4 iterations in the first");
	if (o->max_iterations < 0 || o->iterations > 1000000000 ||
	    o->max_iterations > 1000000000 || !(o->rhat_max > 1) ||
	    !(o->ess_min > 0) || !isfinite(o->ess_min) ||
	    !(o->max_seconds >= 0) || !isfinite(o->max_seconds))
		return msei_error(err, MSE_EINVAL, "MCMC rounds need a budget "
		    "of 0 (none) to 10^9 iterations, R-hat above 1, an ESS "
		    "above 0 and 0 or more seconds");
	return MSE_OK;
}

/* The grid, its size checked against MAX_DOUBLES. */
static int
setup_grid(struct mse_dga *d, const struct mse_dga_options *o,
    struct mse_error *err)
{
	double nmax = o->nmax, nmin = o->nmin > 0 ? o->nmin : (double)d->n;
	double span;

	/* By default up to 21 n, LCMCR's cap on N (LCMCR's lcmCR). */
	if (nmax == 0)
		nmax = fmax(nmin, fmax((double)d->n + 2000,
		    21.0 * (double)d->n));
	span = floor((nmax - nmin) / o->step);
	if (!((span + 1) * 3 + (span * o->step + nmin + 1 + CHUNK) * 2 *
	    (double)(d->k + 1) <= (double)MAX_DOUBLES))
		return msei_error(err, MSE_EINVAL, "the grid up to N = %.0f "
		    "is too large; raise the step or lower the top", nmax);
	d->m0 = (long)nmin - d->n;
	d->step = (long)o->step;
	d->G = (size_t)span + 1;
	d->L = (size_t)(span * o->step + nmin) + 1;
	d->F = msei_calloc((d->k + 1) * d->L, sizeof(double));
	d->base = msei_calloc(d->G, sizeof(double));
	d->pm = msei_calloc(d->G, sizeof(double));
	if (d->F == NULL || d->base == NULL || d->pm == NULL)
		return msei_error(err, MSE_ENOMEM, "out of memory");
	return MSE_OK;
}

/* F_s(x) = lnG(x + delta 2^(k - s)), and base(j) = logprior + MC. */
static void
fill_vectors(struct mse_dga *d, const struct mse_dga_options *o)
{
	double lfact = 0;
	size_t s, x, j;
	uint32_t p;

	for (s = 0; s <= d->k; s++) {
		double ds = ldexp(d->delta, (int)(d->k - s));

		for (x = 0; x < d->L; x++)
			d->F[s * d->L + x] = lngamma((double)x + ds);
	}
	for (p = 1; p < ((uint32_t)1 << d->k); p++)
		lfact += lngamma(d->y[p] + 1);
	for (j = 0; j < d->G; j++) {
		double m = (double)d->m0 + (double)j * (double)d->step;
		double N = (double)d->n + m;

		d->base[j] = log_prior(o, N) + lngamma(N + 1) - lfact -
		    lngamma(m + 1);
	}
}

/* exp(base(j + 1) - base(j)) for a step of 1, exactly: the ratio of
 * successive priors times (N + 1) / (m + 1), the ratio of the MC terms. */
static double
base_ratio(const struct mse_dga_options *o, double N, double m)
{
	switch (o->prior) {
	case MSE_PRIOR_N_UNIFORM:
		return (N + 1) / (m + 1);
	case MSE_PRIOR_N_NEGBIN:
		return o->prior_b / (1 + o->prior_b) * (N + o->prior_a) /
		    (m + 1);
	default:
		return N / (m + 1);
	}
}

/* The ratios of base, and their extremes per chunk, for the recurrence
 * of sum_chunk (step 1 only). */
static int
fill_ratios(struct mse_dga *d, const struct mse_dga_options *o)
{
	size_t nch = (d->G + CHUNK - 1) / CHUNK, j, c;

	if (d->step != 1)
		return MSE_OK;
	/* Padded to whole chunks for chunk_ratio's loops. */
	d->brat = msei_calloc(nch * CHUNK, sizeof(double));
	d->lbhi = msei_calloc(nch, sizeof(double));
	d->lblo = msei_calloc(nch, sizeof(double));
	d->R = msei_calloc((d->k + 1) * (d->L + CHUNK), sizeof(double));
	if (d->brat == NULL || d->lbhi == NULL || d->lblo == NULL ||
	    d->R == NULL)
		return MSE_ENOMEM;
	for (j = 0; j < CHUNK; j++)
		d->jd[j] = (double)j;
	for (c = 0; c <= d->k; c++) {
		double ds = ldexp(d->delta, (int)(d->k - c));

		for (j = 0; j < d->L + CHUNK; j++)
			d->R[c * (d->L + CHUNK) + j] = 1 / ((double)j + ds);
	}
	for (j = 0; j < d->G; j++) {
		double m = (double)d->m0 + (double)j;

		d->brat[j] = base_ratio(o, (double)d->n + m, m);
	}
	for (c = 0; c < nch; c++) {
		size_t j1 = (c + 1) * CHUNK < d->G ? (c + 1) * CHUNK : d->G;
		double hi = -HUGE_VAL, lo = HUGE_VAL;

		/* The steps j -> j + 1 inside the chunk (log of the extremes:
		 * the extremes of the logs, two logarithms a chunk). */
		for (j = c * CHUNK; j + 1 < j1; j++) {
			hi = fmax(hi, d->brat[j]);
			lo = fmin(lo, d->brat[j]);
		}
		d->lbhi[c] = hi == -HUGE_VAL ? hi : log(hi);
		d->lblo[c] = lo == HUGE_VAL ? lo : log(lo);
	}
	return MSE_OK;
}

struct cell {
	uint32_t key;
	double y;
};

static int
cmp_cell(const void *a, const void *b)
{
	uint32_t x = ((const struct cell *)a)->key;
	uint32_t y = ((const struct cell *)b)->key;

	return x < y ? -1 : x > y;
}

/* y_A(0) and the constant of l_A for the set of lists A: the margin cell
 * of pattern p is p & A, so sort the observed cells by it and add up the
 * runs.  Cells of the margin that no unit reached add lnG(dA) - lnG(dA). */
static int
margin(struct mse_dga *d, uint32_t A, const struct margin **out)
{
	struct margin *g = &d->mg[A];
	size_t n = 0, i, s = (size_t)msei_popcount(A);
	double dA = ldexp(d->delta, (int)(d->k - s)), lg0 = lngamma(dA);
	struct cell *v;

	*out = g;
	if (g->done)
		return MSE_OK;
	v = msei_calloc(d->nnz, sizeof(*v));
	if (v == NULL)
		return MSE_ENOMEM;
	for (i = 0; i < d->nnz; i++)
		v[n++] = (struct cell){ d->nz[i] & A, d->y[d->nz[i]] };
	qsort(v, n, sizeof(*v), cmp_cell);
	g->c = -lg0;
	g->y0 = 0;
	for (i = 0; i < n; ) {
		uint32_t a = v[i].key;
		double sum = 0;

		for (; i < n && v[i].key == a; i++)
			sum += v[i].y;
		if (a == 0)
			g->y0 = (long)sum;
		else
			g->c += lngamma(sum + dA) - lg0;
	}
	free(v);
	g->done = 1;
	return MSE_OK;
}

/* ---- one graph's log weights over the grid ----------------------------- */

static int
make_plan(struct mse_dga *d, const struct msei_dgraph *g, struct plan *p)
{
	const struct margin *m;
	double ncomp = (double)g->nc - (double)g->ns;
	size_t i;

	p->nt = 0;
	p->kg = ncomp * lngamma(d->alpha);
	for (i = 0; i < (size_t)g->nc + g->ns; i++) {
		int clique = i < g->nc;
		uint32_t A = clique ? g->set[i] : g->sep[i - g->nc];
		size_t s = (size_t)msei_popcount(A);

		if (margin(d, A, &m) != MSE_OK)
			return MSE_ENOMEM;
		p->kg += clique ? m->c : -m->c;
		p->f[p->nt] = d->F + s * d->L + m->y0 + d->m0;
		p->a[p->nt] = (double)(m->y0 + d->m0) +
		    ldexp(d->delta, (int)(d->k - s));
		p->r[p->nt] = d->R != NULL ? d->R + s * (d->L + CHUNK) +
		    m->y0 + d->m0 : NULL;
		p->w[p->nt++] = clique ? 1 : -1;
	}
	/* The D(m) of every clique and separator: -F_0(n + m) each. */
	p->f[p->nt] = d->F + d->n + d->m0;
	p->a[p->nt] = (double)(d->n + d->m0) + d->alpha;
	p->r[p->nt] = d->R != NULL ? d->R + d->n + d->m0 : NULL;
	p->w[p->nt++] = -ncomp;
	return MSE_OK;
}

/* out[j - j0] = log w(g, n + j step) for j0 <= j < j1. */
static void
plan_row(const struct mse_dga *d, const struct plan *p, size_t j0, size_t j1,
    double *restrict out)
{
	size_t j, t, len = j1 - j0, st = (size_t)d->step;

	for (j = 0; j < len; j++)
		out[j] = d->base[j0 + j] + p->kg;
	for (t = 0; t < p->nt; t++) {
		const double *restrict f = p->f[t] + j0 * st;
		double w = p->w[t];

		if (st == 1 && w == 1)
			for (j = 0; j < len; j++)
				out[j] += f[j];
		else if (st == 1 && w == -1)
			for (j = 0; j < len; j++)
				out[j] -= f[j];
		else
			for (j = 0; j < len; j++)
				out[j] += w * f[j * st];
	}
}

static double
max_of(const double *x, size_t n)
{
	double m = -HUGE_VAL;
	size_t i;

	for (i = 0; i < n; i++)
		if (x[i] > m)
			m = x[i];
	return m;
}

static double
grid_n(const struct mse_dga *d, size_t j)
{
	return (double)(d->n + d->m0) + (double)j * (double)d->step;
}

/* Summaries of a distribution p (summing to 1) over the grid. */
static void
grid_moments(const struct mse_dga *d, const double *p, double *mean,
    double *sd)
{
	double s1 = 0, s2 = 0;
	size_t j;

	for (j = 0; j < d->G; j++)
		s1 += (double)j * (double)d->step * p[j];
	for (j = 0; j < d->G; j++) {
		double x = (double)j * (double)d->step - s1;

		s2 += x * x * p[j];
	}
	*mean = grid_n(d, 0) + s1;
	*sd = sqrt(s2);
}

/* The first grid point at which the cumulative probability reaches q, as
 * dga's posteriorQuantiles does. */
static double
grid_quantile(const struct mse_dga *d, const double *p, double q)
{
	double cdf = 0;
	size_t j;

	for (j = 0; j < d->G; j++) {
		cdf += p[j];
		if (cdf >= q)
			break;
	}
	if (j == d->G)
		j = d->G - 1;
	return grid_n(d, j);
}

/* ---- every graph --------------------------------------------------------- */

struct sums {
	double ref;		/* the reference of every sum below */
	double *pm;		/* G, of which [jlo, jhi) are this block's */
	double *pg;		/* one per graph */
	size_t ng, jlo, jhi;
};

static void
rescale(struct mse_dga *d, struct sums *s, double ref)
{
	double f = exp(s->ref - ref);
	size_t i;

	(void)d;
	for (i = s->jlo; i < s->jhi; i++)
		s->pm[i] *= f;
	for (i = 0; i < s->ng; i++)
		s->pg[i] *= f;
	s->ref = ref;
}

/* Add one graph's weights on grid points j0.. (row holds len of them). */
static double
accumulate(struct mse_dga *d, struct sums *s, size_t g, size_t j0,
    const double *row, size_t len)
{
	double mx = max_of(row, len), lo, sum = 0;
	double *pm = s->pm + j0;
	size_t j;

	if (mx > s->ref + RESCALE || s->ref == -HUGE_VAL)
		rescale(d, s, mx);
	lo = s->ref - CUT;
	if (mx < lo)
		return 0;
	for (j = 0; j < len; j++)
		if (row[j] >= lo) {
			double e = exp(row[j] - s->ref);

			pm[j] += e;
			sum += e;
		}
	s->pg[g] += sum;
	return sum;
}

static void
progress(const struct mse_dga *d, size_t done, size_t total)
{
	if (d->opt->progress != NULL)
		d->opt->progress(d->opt->progress_arg, done, total);
}

/* r(j), the log weight at grid point j, exactly from the F_s. */
static double
plan_at(const struct mse_dga *d, const struct plan *p, size_t j)
{
	double r;

	plan_row(d, p, j, j + 1, &r);
	return r;
}

/*
 * An upper bound of r over chunk c = [j0, j1), from r0 = r(j0), r1 =
 * r(j1 - 1) and bounds on the steps r(j + 1) - r(j) = log brat(j) +
 * sum_t w_t log(a_t + j), each log increasing in j: r lies below the
 * line out of r0 with the largest step and below the line into r1 with
 * the smallest.  log(a_t + j) is F_s(x + 1) - F_s(x) at x = y_A(0) + m,
 * a difference of the table instead of a logarithm (lnG(z + 1) - lnG(z)
 * = log z), good to 2 ulp of F (lgamma's error is below 1 ulp): the
 * bound adds e, 4 DBL_EPSILON (|F| + 1) summed over the terms, for each
 * of the h + 1 steps of its lines.
 */

static double
chunk_bound(const struct mse_dga *d, const struct plan *p, size_t c,
    size_t j0, size_t j1, double r0, double r1)
{
	double hi = d->lbhi[c], lo = d->lblo[c], h = (double)(j1 - 1 - j0), x;
	double e = 0;
	size_t t;

	if (j1 - j0 < 2)
		return r0;
	for (t = 0; t < p->nt; t++) {
		const double *f = p->f[t];
		double first = f[j0 + 1] - f[j0];
		double last = f[j1 - 1] - f[j1 - 2];

		hi += p->w[t] * (p->w[t] > 0 ? last : first);
		lo += p->w[t] * (p->w[t] > 0 ? first : last);
		e += 4 * DBL_EPSILON * fabs(p->w[t]) * (fmax(fabs(f[j0]),
		    fabs(f[j1 - 1])) + 1);
	}
	e *= h + 1;
	if (hi <= 0)
		return r0 + e;
	if (lo >= 0)
		return r1 + e;
	x = fmin(fmax((r1 - r0 - lo * h) / (hi - lo), 0), h);
	return r0 + hi * x + e;
}

/* The factors of chunk_ratio: lin[] (a_t + j0, one per clique) and
 * tab[] (1 / (x + delta_s) from j0, one per separator and component). */
struct factors {
	const double *brat, *jd;
	double lin[2 * MSE_MAX_LISTS];
	const double *tab[3 * MSE_MAX_LISTS];
	size_t nl, nr;
};

#ifdef MSEI_AVX2_KERNEL
/*
 * One step of ratio_v4's pipeline, for block kk of q, vn: q2 of block
 * kk - 1, q4 of kk - 2, q8 of kk - 3, and the block of w eight points
 * after block kk - 3 (a or b, alternately), added to the partial sums
 * while the blocks are whole.
 */
#define PIPE(vn, kk) do {						\
	size_t k_ = (kk), j_;						\
									\
	if (k_ >= 1) {							\
		q2 = vp * SHIFT1(vp, (vn));				\
		if (k_ >= 2) {						\
			q4 = q2p * SHIFT2(q2p, q2);			\
			if (k_ >= 3) {					\
				q8 = q4p * q4;				\
				j_ = 4 * (k_ - 3);			\
				if ((k_ - 3) % 2 == 0) {		\
					a *= q8;			\
					V4(w + j_ + 8) = a;		\
				} else {				\
					b *= q8;			\
					V4(w + j_ + 8) = b;		\
				}					\
				if (j_ + 12 <= len && full == j_ + 8) {	\
					sv += V4(w + j_ + 8);		\
					full = j_ + 12;			\
				}					\
			}						\
			q4p = q4;					\
		}							\
		q2p = q2;						\
	}								\
	vp = (vn);							\
} while (0)

/*
 * Blocks k and k + 1 of four points each: v = q[4k ... 4k + 3], every
 * factor at once in pairs as (a b) q; then PIPE, one block behind
 * another, q2[j] = q[j] q[j + 1], q4[j] = q2[j] q2[j + 2], q8[j] = q4[j]
 * q4[j + 4] = q[j] ... q[j + 7] and w[j + 8] = w[j] q8[j]: eight chains
 * in two vectors, a and b, in one pass and in registers (q is 0 past the
 * chunk).  The sum of w by four partial sums, lane i over the points
 * 4m + i in order.
 */
__attribute__((target("avx2"))) static void
ratio_v4(const struct factors *f, size_t len, double e0,
    double *restrict w, double *sum)
{
	const v4 zero = { 0, 0, 0, 0 };
	const double *brat = f->brat, *jd = f->jd, *lin = f->lin;
	const double *const *tab = f->tab;
	double q01[8], sl[4];
	v4 vp = zero, q2, q2p = zero, q4, q4p = zero, q8, a = zero, b = zero;
	v4 sv = zero;
	size_t j, t, k, nl = f->nl, nr = f->nr, full = 0;

	for (k = 0; k < CHUNK / 4; k += 2) {
		v4 jv = V4(jd + 4 * k), jw = V4(jd + 4 * k + 4);
		v4 v0 = V4(brat + 4 * k), v1 = V4(brat + 4 * k + 4);

		for (t = 0; t + 1 < nl; t += 2) {
			v0 *= (lin[t] + jv) * (lin[t + 1] + jv);
			v1 *= (lin[t] + jw) * (lin[t + 1] + jw);
		}
		if (t < nl) {
			v0 *= lin[t] + jv;
			v1 *= lin[t] + jw;
		}
		for (t = 0; t + 1 < nr; t += 2) {
			v0 *= V4(tab[t] + 4 * k) * V4(tab[t + 1] + 4 * k);
			v1 *= V4(tab[t] + 4 * k + 4) *
			    V4(tab[t + 1] + 4 * k + 4);
		}
		if (t < nr) {
			v0 *= V4(tab[t] + 4 * k);
			v1 *= V4(tab[t] + 4 * k + 4);
		}
		if (k == 0) {
			V4(q01) = v0;
			V4(q01 + 4) = v1;
			w[0] = exp(e0);
			for (t = 0; t < 7; t++)
				w[t + 1] = w[t] * q01[t];
			a = V4(w);
			b = V4(w + 4);
			if (len >= 8) {
				sv = a + b;
				full = 8;
			}
		}
		PIPE(v0, k);
		PIPE(v1, k + 1);
	}
	PIPE(zero, (size_t)CHUNK / 4);
	for (j = len; j < CHUNK; j++)
		w[j] = 0;
	V4(sl) = sv;
	for (j = full; j < len; j++)
		sl[j % 4] += w[j];
	*sum = (sl[0] + sl[1]) + (sl[2] + sl[3]);
}
#undef PIPE
#endif

/*
 * ratio_v4's products and sums, two points a vector: q in a pass (two
 * vectors at a time), then q2, q4 and q8 in passes over it, and the
 * eight chains in four vectors.
 */
static void
ratio_v2(const struct factors *f, size_t len, double e0,
    double *restrict w, double *sum)
{
	const double *brat = f->brat, *jd = f->jd, *lin = f->lin;
	const double *const *tab = f->tab;
	double q[CHUNK + 16], q8[CHUNK + 16], sl[4];
	v2 a0, a1, a2, a3, s01 = { 0, 0 }, s23 = { 0, 0 };
	size_t j, t, nl = f->nl, nr = f->nr;

	for (j = 0; j < CHUNK; j += 4) {
		v2 jv = V2(jd + j), jw = V2(jd + j + 2);
		v2 v0 = V2(brat + j), v1 = V2(brat + j + 2);

		for (t = 0; t + 1 < nl; t += 2) {
			v0 *= (lin[t] + jv) * (lin[t + 1] + jv);
			v1 *= (lin[t] + jw) * (lin[t + 1] + jw);
		}
		if (t < nl) {
			v0 *= lin[t] + jv;
			v1 *= lin[t] + jw;
		}
		for (t = 0; t + 1 < nr; t += 2) {
			v0 *= V2(tab[t] + j) * V2(tab[t + 1] + j);
			v1 *= V2(tab[t] + j + 2) * V2(tab[t + 1] + j + 2);
		}
		if (t < nr) {
			v0 *= V2(tab[t] + j);
			v1 *= V2(tab[t] + j + 2);
		}
		V2(q + j) = v0;
		V2(q + j + 2) = v1;
	}
	for (j = CHUNK; j < CHUNK + 16; j++)
		q[j] = q8[j] = 0;
	w[0] = exp(e0);
	for (t = 0; t < 7; t++)
		w[t + 1] = w[t] * q[t];
	for (j = 0; j < CHUNK + 8; j += 2)
		V2(q8 + j) = V2(q + j) * V2(q + j + 1);
	for (j = 0; j < CHUNK; j += 2)
		V2(q + j) = V2(q8 + j) * V2(q8 + j + 2);
	for (j = 0; j < CHUNK; j += 2)
		V2(q8 + j) = V2(q + j) * V2(q + j + 4);
	a0 = V2(w);
	a1 = V2(w + 2);
	a2 = V2(w + 4);
	a3 = V2(w + 6);
	for (j = 0; j + 16 <= CHUNK; j += 8) {
		a0 *= V2(q8 + j);
		V2(w + j + 8) = a0;
		a1 *= V2(q8 + j + 2);
		V2(w + j + 10) = a1;
		a2 *= V2(q8 + j + 4);
		V2(w + j + 12) = a2;
		a3 *= V2(q8 + j + 6);
		V2(w + j + 14) = a3;
	}
	for (j = len; j < CHUNK; j++)
		w[j] = 0;
	for (j = 0; j + 4 <= len; j += 4) {
		s01 += V2(w + j);
		s23 += V2(w + j + 2);
	}
	sl[0] = s01[0];
	sl[1] = s01[1];
	sl[2] = s23[0];
	sl[3] = s23[1];
	for (; j < len; j++)
		sl[j % 4] += w[j];
	*sum = (sl[0] + sl[1]) + (sl[2] + sl[3]);
}

/*
 * w[j] = exp(r(j0 + j) - ref) for j < len by the recurrence w[j + 1] =
 * w[j] rho(j), where rho(j) = brat(j) prod_t (a_t + j)^w_t: products and
 * one division a point instead of sums of log-gammas and an exponential;
 * *sum = the sum of w.  From the exact e0 = r(j0) - ref; 0 if it meets
 * the exact e1 = r(j1 - 1) - ref within 1e-6 (the F_s themselves are
 * good to about 1e-9 at N = 10^6), -1 if not (underflow or overflow on
 * the way).  brat and R are padded by a chunk.
 */
static int
chunk_ratio(const struct mse_dga *d, const struct plan *p, size_t j0,
    size_t len, double e0, double e1, double *restrict w, double *sum)
{
	struct factors f;
	double last;
	size_t t;
	int c;

	f.brat = d->brat + j0;
	f.jd = d->jd;
	f.nl = f.nr = 0;
	for (t = 0; t < p->nt; t++) {
		if (p->w[t] > 0)
			f.lin[f.nl++] = p->a[t] + (double)j0;
		for (c = 0; c < -(int)p->w[t]; c++)
			f.tab[f.nr++] = p->r[t] + j0;
	}
#ifdef MSEI_AVX2_KERNEL
	if (d->avx2)
		ratio_v4(&f, len, e0, w, sum);
	else
#endif
		ratio_v2(&f, len, e0, w, sum);
	last = w[len - 1];
	return last > 0 && last < HUGE_VAL && fabs(log(last) - e1) <= 1e-6 ?
	    0 : -1;
}

/* pm[j] += w[j] for a whole chunk (pm is padded), and *sum += wsum. */
static void MSEI_SIMD_CLONES
add_chunk(double *restrict pm, const double *restrict w, double wsum,
    double *sum)
{
	size_t j;

	for (j = 0; j < CHUNK; j++)
		pm[j] += w[j];
	*sum += wsum;
}

enum { CS_SKIPPED, CS_RATIO, CS_EXACT };

/* Keep graph g's sum on chunk c, relative to ref, and how it was made. */
static void
keep_chunk(struct mse_dga *d, size_t g, size_t c, int kind, double sum,
    double ref)
{
	if (d->cs == NULL)
		return;
	d->cs[g * d->nch + c] = sum;
	d->cr[g * d->nch + c] = ref;
	d->ck[g * d->nch + c] = (unsigned char)kind;
}

/* Add graph g's weights on chunk c = [j0, j1) to the sums: skipped when
 * negligible, by the recurrence where it holds, else exactly. */
static void
chunk_graph(struct mse_dga *d, struct sums *s, const struct plan *p,
    size_t g, size_t c, size_t j0, size_t j1)
{
	double w[CHUNK], r0, r1, b, ws;
	size_t len = j1 - j0;

	if (d->brat != NULL) {
		r0 = plan_at(d, p, j0);
		r1 = plan_at(d, p, j1 - 1);
		if (fmax(r0, r1) > s->ref + RESCALE || s->ref == -HUGE_VAL)
			rescale(d, s, fmax(r0, r1));
		/* Each point below ref - CUT - log CHUNK: the chunk adds
		 * less than e^-CUT of the largest term.  (The bound is
		 * needed only when both ends are that low; an overflow
		 * inside the chunk makes chunk_ratio fail.) */
		b = fmax(r0, r1);
		if (b < s->ref - CUT - log(CHUNK)) {
			b = chunk_bound(d, p, c, j0, j1, r0, r1);
			if (b < s->ref - CUT - log(CHUNK))
				return;
		}
		if (r0 - s->ref >= -600 &&
		    r1 - s->ref >= -600 && chunk_ratio(d, p, j0, len,
		    r0 - s->ref, r1 - s->ref, w, &ws) == 0) {
			add_chunk(s->pm + j0, w, ws, &s->pg[g]);
			keep_chunk(d, g, c, CS_RATIO, ws, s->ref);
			return;
		}
	}
	plan_row(d, p, j0, j1, w);
	ws = accumulate(d, s, g, j0, w, len);
	keep_chunk(d, g, c, ws > 0 ? CS_EXACT : CS_SKIPPED, ws, s->ref);
}

/*
 * row[j] = exp(r(j) - ref) over the whole grid (step 1), chunk by chunk
 * as the sums over every graph are made: by the recurrence where it
 * holds, else exactly; 0 in a chunk whose bound is below ref - CUT -
 * log CHUNK.  ref is the largest r at the ends of the chunks (raised, and
 * the row redone, if a point inside one is more than RESCALE above it);
 * it is returned.  row[j] is exp(r(j) - ref) to a relative 1e-13 or so
 * (the recurrence's products), where the exact form had e^-CUT cut-offs.
 */
static double
graph_weights(const struct mse_dga *d, const struct plan *p, double *row)
{
	double ref = -HUGE_VAL, w[CHUNK], r0, r1, mx, ws;
	size_t c, nch = (d->G + CHUNK - 1) / CHUNK, j, j0, j1;

	for (c = 0; c < nch; c++) {
		j0 = c * CHUNK;
		j1 = j0 + CHUNK < d->G ? j0 + CHUNK : d->G;
		ref = fmax(ref, fmax(plan_at(d, p, j0), plan_at(d, p, j1 - 1)));
	}
again:
	for (c = 0; c < nch; c++) {
		j0 = c * CHUNK;
		j1 = j0 + CHUNK < d->G ? j0 + CHUNK : d->G;
		r0 = plan_at(d, p, j0);
		r1 = plan_at(d, p, j1 - 1);
		if (fmax(r0, r1) < ref - CUT - log(CHUNK) &&
		    chunk_bound(d, p, c, j0, j1, r0, r1) < ref - CUT -
		    log(CHUNK)) {
			memset(row + j0, 0, (j1 - j0) * sizeof(double));
			continue;
		}
		if (r0 - ref >= -600 && r1 - ref >= -600 && chunk_ratio(d, p,
		    j0, j1 - j0, r0 - ref, r1 - ref, w, &ws) == 0) {
			memcpy(row + j0, w, (j1 - j0) * sizeof(double));
			continue;
		}
		plan_row(d, p, j0, j1, row + j0);
		mx = max_of(row + j0, j1 - j0);
		if (mx > ref + RESCALE) {
			ref = mx;
			goto again;
		}
		for (j = j0; j < j1; j++)
			row[j] = row[j] - ref >= -CUT ? exp(row[j] - ref) : 0;
	}
	return ref;
}

/*
 * log sum_j w(g, n + j step), and E[N | g]; with cond, also the whole
 * conditional posterior P(N | g, y).  row holds G doubles of scratch.
 */
static double
graph_total(const struct mse_dga *d, const struct plan *p, double *row,
    double *mean, double *cond)
{
	double mx, s = 0, sn = 0;
	size_t j;

	if (d->brat != NULL) {
		mx = graph_weights(d, p, row);
		for (j = 0; j < d->G; j++) {
			s += row[j];
			sn += row[j] * (double)j;
			if (cond != NULL)
				cond[j] = row[j];
		}
	} else {
		plan_row(d, p, 0, d->G, row);
		mx = max_of(row, d->G);
		for (j = 0; j < d->G; j++) {
			double e = row[j] - mx >= -CUT ? exp(row[j] - mx) : 0;

			s += e;
			sn += e * (double)j;
			if (cond != NULL)
				cond[j] = e;
		}
	}
	if (cond != NULL)
		for (j = 0; j < d->G; j++)
			cond[j] /= s;
	if (mean != NULL)
		*mean = grid_n(d, 0) + (double)d->step * sn / s;
	return mx + log(s);
}

/*
 * The grid is summed in (at most) BLOCKS blocks of whole chunks, each with
 * sums of its own, which are merged in order at the end: the result does
 * not depend on the number of threads that share the blocks.
 */
#define BLOCKS 8

struct team {
	struct mse_dga *d;
	const struct plan *plans;
	struct sums *blk;
	size_t nblk, nch;
};

/* Block b, chunk after chunk, graph after graph: one job of the pool,
 * a unit of progress a chunk. */
static int
run_block(struct msei_pool *p, size_t b, size_t worker)
{
	struct team *t = p->arg;
	struct mse_dga *d = t->d;
	struct sums *s = &t->blk[b];
	size_t j0, g;

	(void)worker;
	for (j0 = s->jlo; j0 < s->jhi; j0 += CHUNK) {
		size_t j1 = s->jhi - j0 < CHUNK ? s->jhi : j0 + CHUNK;

		for (g = 0; g < d->ng; g++)
			chunk_graph(d, s, &t->plans[g], g, j0 / CHUNK, j0, j1);
		msei_pool_advance(p, 1);
	}
	return MSE_OK;
}

/* Run the blocks on the pool (the calling thread and threads - 1 more). */
static int
run_team(struct team *t, int threads)
{
	struct msei_pool p;

	memset(&p, 0, sizeof(p));
	p.njobs = t->nblk;
	p.threads = threads;
	p.arg = t;
	p.job = run_block;
	p.units = t->nch;
	p.progress = t->d->opt->progress;
	p.progress_arg = t->d->opt->progress_arg;
	return msei_pool_run(&p, NULL);
}

/* Merge the blocks' sums, in order, into P(N | y) and P(g | y). */
static void
merge(struct mse_dga *d, struct team *t)
{
	double ref = -HUGE_VAL, total = 0;
	size_t b, g, j;

	for (b = 0; b < t->nblk; b++)
		ref = fmax(ref, t->blk[b].ref);
	for (g = 0; g < d->ng; g++)
		d->gr[g].prob = 0;
	for (b = 0; b < t->nblk; b++) {
		struct sums *s = &t->blk[b];
		double f = s->ref == -HUGE_VAL ? 0 : exp(s->ref - ref);

		for (j = s->jlo; j < s->jhi; j++)
			d->pm[j] = s->pm[j] * f;
		for (g = 0; g < d->ng; g++)
			d->gr[g].prob += s->pg[g] * f;
	}
	for (j = 0; j < d->G; j++)
		total += d->pm[j];
	for (j = 0; j < d->G; j++)
		d->pm[j] /= total;
	for (g = 0; g < d->ng; g++)
		d->gr[g].prob /= total;
	d->logz = ref + log(total);
}

/* The exact posterior over every graph in d->gr. */
static int
sum_all(struct mse_dga *d, struct plan *plans, double *pm, int threads)
{
	struct sums blk[BLOCKS];
	struct team t;
	size_t b, per;
	int rc = MSE_OK;

	memset(&t, 0, sizeof(t));
	t.d = d;
	t.plans = plans;
	t.blk = blk;
	t.nch = (d->G + CHUNK - 1) / CHUNK;
	per = (t.nch + BLOCKS - 1) / BLOCKS;
	for (b = 0; b * per < t.nch; b++) {
		blk[b] = (struct sums){ -HUGE_VAL, pm, NULL, d->ng, b * per *
		    CHUNK, (b + 1) * per * CHUNK < d->G ? (b + 1) * per *
		    CHUNK : d->G };
		if ((blk[b].pg = msei_calloc(d->ng, sizeof(double))) == NULL)
			rc = MSE_ENOMEM;
	}
	t.nblk = b;
	for (b = 0; b < d->ng && rc == MSE_OK; b++)
		rc = make_plan(d, &d->gr[b].g, &plans[b]);
	if (rc == MSE_OK)
		rc = run_team(&t, threads);
	if (rc == MSE_OK)
		merge(d, &t);
	for (b = 0; b < t.nblk; b++)
		free(blk[b].pg);
	return rc;
}

static int
collect_graph(void *arg, const struct msei_dgraph *g)
{
	struct mse_dga *d = arg;
	struct gw *p;

	if ((d->ng & (d->ng - 1)) == 0) {
		p = msei_reallocarray(d->gr, d->ng ? 2 * d->ng : 1,
		    sizeof(*p));
		if (p == NULL)
			return MSE_ENOMEM;
		d->gr = p;
	}
	memset(&d->gr[d->ng], 0, sizeof(d->gr[d->ng]));
	d->gr[d->ng].row = d->ng;
	d->gr[d->ng++].g = *g;
	return 0;
}

static int
fit_all(struct mse_dga *d, struct mse_error *err)
{
	struct plan *plans = NULL;
	double *pm = NULL;
	int rc;

	rc = msei_graph_foreach(d->k, collect_graph, d);
	/* The chunk sums for the predictive check, up to 2^20 of them
	 * (17 MB); without them it sums the drawn graphs again. */
	d->nch = (d->G + CHUNK - 1) / CHUNK;
	if (rc == MSE_OK && d->brat != NULL && d->ng <= CS_MAX / d->nch) {
		d->cs = msei_calloc(d->ng * d->nch, sizeof(double));
		d->cr = msei_calloc(d->ng * d->nch, sizeof(double));
		d->ck = msei_calloc(d->ng * d->nch, 1);
		if (d->cs == NULL || d->cr == NULL || d->ck == NULL) {
			free(d->cs);
			free(d->cr);
			free(d->ck);
			d->cs = d->cr = NULL;
			d->ck = NULL;
		}
	}
	if (rc == MSE_OK) {
		plans = msei_calloc(d->ng, sizeof(*plans));
		pm = msei_calloc((d->G + CHUNK - 1) / CHUNK * CHUNK,
		    sizeof(double));
		rc = plans && pm ? sum_all(d, plans, pm, d->opt->threads) :
		    MSE_ENOMEM;
	}
	free(plans);
	free(pm);
	if (rc != MSE_OK)
		return msei_error(err, rc, "out of memory");
	return MSE_OK;
}

/* ---- MCMC over decomposable graphs (Giudici & Green 1999) --------------- */

/* The graphs visited, found by their adjacency in an open hash table. */
struct visits {
	size_t *slot;		/* index + 1 into d->gr, or 0 */
	size_t cap;		/* a power of two */
	double *row;		/* G doubles of scratch */
};

static size_t
adj_hash(const uint32_t *adj, size_t k)
{
	uint64_t h = 1469598103934665603u;	/* FNV-1a 64 */
	size_t i;

	for (i = 0; i < k; i++) {
		h ^= adj[i];
		h *= 1099511628211u;
	}
	return (size_t)(h ^ (h >> 29));
}

static int
visits_grow(struct mse_dga *d, struct visits *v)
{
	size_t cap = v->cap ? 2 * v->cap : 1024, i;
	size_t *slot = msei_calloc(cap, sizeof(*slot));

	if (slot == NULL)
		return MSE_ENOMEM;
	for (i = 0; i < d->ng; i++) {
		size_t h = adj_hash(d->gr[i].adj, d->k) & (cap - 1);

		while (slot[h] != 0)
			h = (h + 1) & (cap - 1);
		slot[h] = i + 1;
	}
	free(v->slot);
	v->slot = slot;
	v->cap = cap;
	return MSE_OK;
}

/* The index of graph adj in d->gr, adding it (and its weight) if new. */
static int
visit(struct mse_dga *d, struct visits *v, const uint32_t *adj, int run,
    size_t *at)
{
	size_t h, bytes = d->k * sizeof(*adj);
	struct plan p;
	struct gw *g;

	if (2 * (d->ng + 1) > v->cap && visits_grow(d, v) != MSE_OK)
		return MSE_ENOMEM;
	for (h = adj_hash(adj, d->k) & (v->cap - 1); v->slot[h] != 0;
	    h = (h + 1) & (v->cap - 1))
		if (memcmp(d->gr[v->slot[h] - 1].adj, adj, bytes) == 0) {
			*at = v->slot[h] - 1;
			d->gr[*at].seen |= 1 << run;
			return MSE_OK;
		}
	if ((d->ng & (d->ng - 1)) == 0) {
		g = msei_reallocarray(d->gr, d->ng ? 2 * d->ng : 1,
		    sizeof(*g));
		if (g == NULL)
			return MSE_ENOMEM;
		d->gr = g;
	}
	g = &d->gr[d->ng];
	memset(g, 0, sizeof(*g));
	memcpy(g->adj, adj, bytes);
	msei_graph_decompose(d->k, adj, &g->g);
	if (make_plan(d, &g->g, &p) != MSE_OK)
		return MSE_ENOMEM;
	g->lw = graph_total(d, &p, v->row, &g->mean, NULL);
	g->seen = 1 << run;
	v->slot[h] = ++d->ng;
	*at = d->ng - 1;
	return MSE_OK;
}

/* One Metropolis step: toggle a uniformly chosen pair of lists; a graph
 * that is not decomposable is rejected (the proposal is symmetric). */
static int
step(struct mse_dga *d, struct visits *v, gsl_rng *r, int run, uint32_t *adj,
    size_t *cur, long *accepted)
{
	size_t pairs = d->k * (d->k - 1) / 2, e, a = 0, b, at;
	uint32_t flip;

	e = (size_t)gsl_rng_uniform_int(r, pairs);
	while (e >= d->k - 1 - a) {
		e -= d->k - 1 - a;
		a++;
	}
	b = a + 1 + e;
	flip = 1u << b;
	adj[a] ^= flip;
	adj[b] ^= 1u << a;
	if (msei_graph_chordal(d->k, adj)) {
		if (visit(d, v, adj, run, &at) != MSE_OK)
			return MSE_ENOMEM;
		if (d->gr[at].lw >= d->gr[*cur].lw ||
		    gsl_rng_uniform(r) < exp(d->gr[at].lw - d->gr[*cur].lw)) {
			*cur = at;
			++*accepted;
			return MSE_OK;
		}
	}
	adj[a] ^= flip;
	adj[b] ^= 1u << a;
	return MSE_OK;
}

/* A run's state between rounds: its generator, graph and acceptances. */
struct mrun {
	gsl_rng *r;
	uint32_t adj[MSE_MAX_LISTS];
	size_t cur;
	long accepted;
};

/* Run r's start, from the graph with no edge (run 0) or every edge (run
 * 1), and its burn-in. */
static int
mcmc_start(struct mse_dga *d, struct visits *v, int run, struct mrun *s)
{
	const struct mse_dga_options *o = d->opt;
	uint32_t all = ((uint32_t)1 << d->k) - 1;
	long it;
	size_t i;

	s->r = gsl_rng_alloc(gsl_rng_mt19937);
	if (s->r == NULL)
		return MSE_ENOMEM;
	gsl_rng_set(s->r, o->seed + (unsigned long)run);
	for (i = 0; i < d->k; i++)
		s->adj[i] = run ? all & ~(1u << i) : 0;
	if (visit(d, v, s->adj, run, &s->cur) != MSE_OK)
		return MSE_ENOMEM;
	for (it = 0; it < o->burnin; it++) {
		if (step(d, v, s->r, run, s->adj, &s->cur, &s->accepted) !=
		    MSE_OK)
			return MSE_ENOMEM;
		if ((it & 1023) == 0)
			progress(d, (size_t)(run * o->burnin + it),
			    2 * (size_t)(o->burnin + d->first) + 1);
	}
	return MSE_OK;
}

/* Run r's steps from..to after burn-in, each counted for the graph it
 * ends on, and every d->tstep-th traced as that graph's E(N | g).  The
 * progress of a round of `to - from' steps a run, after both burn-ins in
 * the first. */
static int
mcmc_more(struct mse_dga *d, struct visits *v, int run, struct mrun *s,
    long from, long to, double *trace)
{
	long it, round = to - from, base = from == 0 ? 2 * d->opt->burnin : 0;

	for (it = from; it < to; it++) {
		if (step(d, v, s->r, run, s->adj, &s->cur, &s->accepted) !=
		    MSE_OK)
			return MSE_ENOMEM;
		d->gr[s->cur].count[run]++;
		if ((it + 1) % d->tstep == 0)
			trace[(it + 1) / d->tstep - 1] = d->gr[s->cur].mean;
		if (((it - from) & 1023) == 0)
			progress(d, (size_t)(base + run * round + it - from),
			    (size_t)(base + 2 * round) + 1);
	}
	return MSE_OK;
}

/*
 * The graphs' exact posterior probabilities, renormalised over the graphs
 * the runs evaluated (all of them with run < 0, else run r's): MCMC finds
 * the graphs, their weights are known exactly (as "exact" model weights of
 * the MC^3 literature).  Returns the largest log weight.
 */
static double
mcmc_probs(struct mse_dga *d, int run)
{
	double mx = -HUGE_VAL, z = 0, mean = 0;
	size_t g;

	for (g = 0; g < d->ng; g++)
		if ((run < 0 || (d->gr[g].seen & (1 << run))) &&
		    d->gr[g].lw > mx)
			mx = d->gr[g].lw;
	for (g = 0; g < d->ng; g++) {
		struct gw *w = &d->gr[g];

		w->prob = run < 0 || (w->seen & (1 << run)) ?
		    exp(w->lw - mx) : 0;
		z += w->prob;
	}
	for (g = 0; g < d->ng; g++) {
		d->gr[g].prob /= z;
		mean += d->gr[g].prob * d->gr[g].mean;
	}
	if (run >= 0)
		d->rmean[run] = mean;
	else
		d->logz = mx + log(z);
	return mx;
}

/* P(N | y) = sum over the graphs of P(g | y) P(N | g, y); the distance
 * between the two runs' visit frequencies. */
static int
mcmc_mix(struct mse_dga *d, struct visits *v)
{
	double T = (double)d->steps, total = 0;
	size_t g, j;
	struct plan p;

	mcmc_probs(d, 0);
	mcmc_probs(d, 1);
	mcmc_probs(d, -1);
	for (g = 0; g < d->ng; g++) {
		struct gw *w = &d->gr[g];

		d->tv += fabs((double)(w->count[0] - w->count[1])) / T / 2;
		if (w->prob < exp(-CUT))
			continue;
		if (make_plan(d, &w->g, &p) != MSE_OK)
			return MSE_ENOMEM;
		plan_row(d, &p, 0, d->G, v->row);
		/* The largest term is at least 1/G of the sum, and G <
		 * e^30: CUT + 30 below the sum is CUT below the largest. */
		for (j = 0; j < d->G; j++)
			if (v->row[j] - w->lw >= -(CUT + 30))
				d->pm[j] += w->prob * exp(v->row[j] - w->lw);
	}
	for (j = 0; j < d->G; j++)
		total += d->pm[j];
	for (j = 0; j < d->G; j++)
		d->pm[j] /= total;
	return MSE_OK;
}

/*
 * Room in d->trace for `total' steps a run, the traces of the `from' made
 * kept: an entry every d->tstep steps, the step doubled (and every other
 * entry dropped) until a run's entries are at most TRACE_MAX, so that a
 * long run's diagnostics cost 2 x 8 MB at most.  Entry i is step (i + 1)
 * tstep - 1, so doubling the step keeps the odd entries.
 */
static int
trace_grow(struct mse_dga *d, long from, long total)
{
	long kept = d->tn, i, n;
	double *t;
	int r;

	if (d->tstep == 0)
		d->tstep = 1;
	while (total / d->tstep > TRACE_MAX) {
		for (r = 0; r < 2 && d->trace != NULL; r++)
			for (i = 0; 2 * i + 1 < kept; i++)
				d->trace[(size_t)r * (size_t)d->tn + (size_t)i] =
				    d->trace[(size_t)r * (size_t)d->tn +
				    (size_t)(2 * i + 1)];
		kept /= 2;
		d->tstep *= 2;
	}
	kept = from / d->tstep;
	n = total / d->tstep;
	t = msei_calloc(2 * (size_t)(n > 0 ? n : 1), sizeof(double));
	if (t == NULL)
		return MSE_ENOMEM;
	for (r = 0; r < 2 && d->trace != NULL; r++)
		memcpy(t + (size_t)r * (size_t)n, d->trace + (size_t)r *
		    (size_t)d->tn, (size_t)kept * sizeof(double));
	free(d->trace);
	d->trace = t;
	d->tn = n;
	return MSE_OK;
}

/* After a round of `total' steps a run: whether the runs stop, and why
 * (d->stop); their diagnostics in d->rhat, d->ess_bulk, d->ess_tail. */
static int
mcmc_done(struct mse_dga *d, long total)
{
	const struct mse_dga_options *o = d->opt;
	size_t i, len = 2 * (size_t)d->tn;
	int rc;

	rc = mse_mcmc_diagnose(d->trace, 2, (size_t)d->tn, &d->rhat,
	    &d->ess_bulk, &d->ess_tail, NULL);
	for (i = 1; i < len && d->trace[i] == d->trace[0]; i++)
		;
	if (o->max_iterations == 0)
		d->stop = MSE_DGA_STOP_FIXED;
	else if (i == len)
		d->stop = MSE_DGA_STOP_ONE_GRAPH;
	else if (rc == MSE_OK && d->rhat <= o->rhat_max &&
	    d->ess_bulk >= o->ess_min && d->ess_tail >= o->ess_min)
		d->stop = MSE_DGA_STOP_CONVERGED;
	else if (total >= o->max_iterations)
		d->stop = MSE_DGA_STOP_ITERATIONS;
	else
		return 0;
	if (rc != MSE_OK)
		d->rhat = d->ess_bulk = d->ess_tail = NAN;
	return 1;
}

/*
 * The two runs, in rounds as mse_lcm's chains: the first of `iterations'
 * steps a run after burn-in, each next one doubling them (at most to
 * max_iterations), until mcmc_done says stop; with max_iterations 0, the
 * one round.  The runs go on from where they were, so the first round is
 * the fixed run with the same options.  Under max_seconds a round after
 * the first is cut to the steps the time left affords at the pace of the
 * round before, and the runs stop when that is under a quarter of the
 * steps made (msei_round_end, as mse_lcm's rounds).
 */
static int
fit_mcmc(struct mse_dga *d, struct mse_error *err)
{
	const struct mse_dga_options *o = d->opt;
	struct visits v = { NULL, 0, NULL };
	struct mrun s[2];
	long from = 0, total = o->iterations;
	struct timespec start, round;
	int rc = MSE_ENOMEM, r;

	clock_gettime(CLOCK_MONOTONIC, &start);
	/* A budget below `iterations' cuts the first round too. */
	if (o->max_iterations > 0 && o->max_iterations < total)
		total = o->max_iterations;
	d->first = total;

	memset(s, 0, sizeof(s));
	d->mcmc = 1;
	v.row = msei_calloc(d->G, sizeof(double));
	if (v.row == NULL || trace_grow(d, 0, total) != MSE_OK ||
	    mcmc_start(d, &v, 0, &s[0]) != MSE_OK ||
	    mcmc_start(d, &v, 1, &s[1]) != MSE_OK)
		goto out;
	for (;;) {
		clock_gettime(CLOCK_MONOTONIC, &round);
		if (mcmc_more(d, &v, 0, &s[0], from, total, d->trace) !=
		    MSE_OK || mcmc_more(d, &v, 1, &s[1], from, total,
		    d->trace + d->tn) != MSE_OK)
			goto out;
		d->steps = total;
		if (mcmc_done(d, total))
			break;
		total = msei_round_end(o->max_seconds, &start, &round,
		    total - from, 1, total, 2 * total < o->max_iterations ?
		    2 * total : o->max_iterations);
		if (total == 0) {
			d->stop = MSE_DGA_STOP_SECONDS;
			break;
		}
		from = d->steps;
		if (trace_grow(d, from, total) != MSE_OK)
			goto out;
	}
	for (r = 0; r < 2; r++)
		d->acc[r] = (double)s[r].accepted / (double)(o->burnin +
		    d->steps);
	if (mcmc_mix(d, &v) == MSE_OK) {
		size_t units = (size_t)((from == 0 ? 2 * o->burnin : 0) +
		    2 * (d->steps - from)) + 1;

		progress(d, units, units);
		rc = MSE_OK;
	}
out:
	for (r = 0; r < 2; r++)
		gsl_rng_free(s[r].r);
	free(d->trace);
	d->trace = NULL;
	free(v.row);
	free(v.slot);
	if (rc != MSE_OK)
		return msei_error(err, rc, "out of memory");
	return MSE_OK;
}

/* ---- the fit ------------------------------------------------------------ */

static int
cmp_prob(const void *a, const void *b)
{
	double x = ((const struct gw *)a)->prob;
	double y = ((const struct gw *)b)->prob;

	return x > y ? -1 : x < y;
}

/* The table's counts, delta, the vectors; 0 or an error code. */
static int
setup(struct mse_dga *d, const struct mse_table *t,
    const struct mse_dga_options *o, struct mse_error *err)
{
	size_t cells = (size_t)1 << d->k;
	uint32_t p;
	int rc;

	d->n = (long)mse_table_observed(t);
#ifdef MSEI_AVX2_KERNEL
	__builtin_cpu_init();
	d->avx2 = __builtin_cpu_supports("avx2") != 0;
#endif
	d->delta = o->delta > 0 ? o->delta : ldexp(1, -(int)d->k);
	d->alpha = ldexp(d->delta, (int)d->k);
	d->y = msei_calloc(cells, sizeof(double));
	d->mg = msei_calloc(cells, sizeof(*d->mg));
	if (d->y == NULL || d->mg == NULL)
		return msei_error(err, MSE_ENOMEM, "out of memory");
	memcpy(d->y, msei_table_counts(t), cells * sizeof(double));
	d->y[0] = 0;
	d->nz = msei_calloc(cells, sizeof(*d->nz));
	if (d->nz == NULL)
		return msei_error(err, MSE_ENOMEM, "out of memory");
	for (p = 1; p < cells; p++)
		if (d->y[p] > 0)
			d->nz[d->nnz++] = p;
	if ((rc = setup_grid(d, o, err)) != MSE_OK)
		return rc;
	fill_vectors(d, o);
	if (fill_ratios(d, o) != MSE_OK)
		return msei_error(err, MSE_ENOMEM, "out of memory");
	return MSE_OK;
}

int
mse_dga_fit(const struct mse_table *t, const struct mse_dga_options *opt,
    struct mse_dga **out, struct mse_error *err)
{
	struct mse_dga_options def;
	struct mse_dga *d;
	int rc, mcmc;

	*out = NULL;
	if (msei_table_need_dense(t, "dga", err) != MSE_OK)
		return MSE_EDOMAIN;
	mse_dga_options_init(&def);
	if (opt != NULL && (rc = msei_sized_in(&def, sizeof(def), opt,
	    "mse_dga_options", err)) != MSE_OK)
		return rc;
	opt = &def;
	rc = check_options(opt, mse_table_lists(t), mse_table_observed(t),
	    err);
	if (rc != MSE_OK)
		return rc;
	d = calloc(1, sizeof(*d));
	if (d == NULL)
		return msei_error(err, MSE_ENOMEM, "out of memory");
	d->k = mse_table_lists(t);
	d->opt = opt;
	mcmc = opt->graphs == MSE_DGA_MCMC ||
	    (opt->graphs == MSE_DGA_AUTO && d->k > 5);
	rc = setup(d, t, opt, err);
	if (rc == MSE_OK)
		rc = mcmc ? fit_mcmc(d, err) : fit_all(d, err);
	if (rc != MSE_OK) {
		mse_dga_free(d);
		return rc;
	}
	qsort(d->gr, d->ng, sizeof(*d->gr), cmp_prob);
	grid_moments(d, d->pm, &d->mean, &d->sd);
	d->top = d->pm[d->G - 1];
	d->opt = NULL;
	*out = d;
	return MSE_OK;
}

void
mse_dga_free(struct mse_dga *d)
{
	if (d == NULL)
		return;
	free(d->F);
	free(d->base);
	free(d->brat);
	free(d->R);
	free(d->lbhi);
	free(d->lblo);
	free(d->y);
	free(d->nz);
	free(d->mg);
	free(d->pm);
	free(d->gr);
	free(d->trace);
	free(d->cs);
	free(d->cr);
	free(d->ck);
	free(d);
}

/* ---- results ------------------------------------------------------------ */

double
mse_dga_observed(const struct mse_dga *d)
{
	return (double)d->n;
}

double
mse_dga_delta(const struct mse_dga *d)
{
	return d->delta;
}

double
mse_dga_mean(const struct mse_dga *d)
{
	return d->mean;
}

double
mse_dga_sd(const struct mse_dga *d)
{
	return d->sd;
}

double
mse_dga_quantile(const struct mse_dga *d, double p)
{
	return grid_quantile(d, d->pm, p);
}

/* P(N = top of the grid | y): the grid is too short unless it is tiny. */
double
mse_dga_top_mass(const struct mse_dga *d)
{
	return d->top;
}

/* log of the sum of w(g, m) over the graphs and the grid, with the prior
 * on N unnormalised and weight 1 per graph (dga's normaliser); NaN when
 * the graphs were sampled. */
double
mse_dga_log_marginal(const struct mse_dga *d)
{
	return d->logz;
}

size_t
mse_dga_grid_size(const struct mse_dga *d)
{
	return d->G;
}

double
mse_dga_grid_n(const struct mse_dga *d, size_t i)
{
	return i < d->G ? grid_n(d, i) : NAN;
}

double
mse_dga_grid_prob(const struct mse_dga *d, size_t i)
{
	return i < d->G ? d->pm[i] : NAN;
}

size_t
mse_dga_graphs(const struct mse_dga *d)
{
	return d->ng;
}

double
mse_dga_graph_prob(const struct mse_dga *d, size_t i)
{
	return i < d->ng ? d->gr[i].prob : NAN;
}

size_t
mse_dga_graph_cliques(const struct mse_dga *d, size_t i)
{
	return i < d->ng ? d->gr[i].g.nc : 0;
}

uint32_t
mse_dga_graph_clique(const struct mse_dga *d, size_t i, size_t j)
{
	return i < d->ng && j < d->gr[i].g.nc ? d->gr[i].g.set[j] : 0;
}

/* The graph as a hierarchical log-linear model: its cliques are the
 * generators. */
int
mse_dga_graph_model(const struct mse_dga *d, size_t i, struct mse_model **out,
    struct mse_error *err)
{
	struct mse_model *m;
	size_t j;
	int rc = MSE_OK;

	*out = NULL;
	if (i >= d->ng)
		return msei_error(err, MSE_EINVAL, "no graph %zu", i);
	m = mse_model_new(d->k, err);
	if (m == NULL)
		return err != NULL ? err->code : MSE_ENOMEM;
	for (j = 0; j < d->gr[i].g.nc && rc == MSE_OK; j++)
		if (msei_popcount(d->gr[i].g.set[j]) > 1)
			rc = mse_model_add(m, d->gr[i].g.set[j], err);
	if (rc != MSE_OK) {
		mse_model_free(m);
		return rc;
	}
	*out = m;
	return MSE_OK;
}

/* The posterior of N given graph i: mean, sd, median and the central
 * interval of probability level. */
int
mse_dga_graph_summary(const struct mse_dga *d, size_t i, double level,
    double *mean, double *sd, double *median, double *lower, double *upper,
    struct mse_error *err)
{
	struct mse_dga *w = (struct mse_dga *)d;	/* margins are cached */
	double *row, *cond;
	struct plan p;

	if (i >= d->ng || !(level > 0 && level < 1))
		return msei_error(err, MSE_EINVAL, "no graph %zu or level %g",
		    i, level);
	row = msei_calloc(d->G, sizeof(double));
	cond = msei_calloc(d->G, sizeof(double));
	if (row == NULL || cond == NULL || make_plan(w, &d->gr[i].g, &p)) {
		free(row);
		free(cond);
		return msei_error(err, MSE_ENOMEM, "out of memory");
	}
	graph_total(d, &p, row, NULL, cond);
	grid_moments(d, cond, mean, sd);
	*median = grid_quantile(d, cond, 0.5);
	*lower = grid_quantile(d, cond, (1 - level) / 2);
	*upper = grid_quantile(d, cond, 1 - (1 - level) / 2);
	free(row);
	free(cond);
	return MSE_OK;
}

int
mse_dga_mcmc(const struct mse_dga *d)
{
	return d->mcmc;
}

double
mse_dga_run_acceptance(const struct mse_dga *d, int run)
{
	return d->mcmc && (run == 0 || run == 1) ? d->acc[run] : NAN;
}

double
mse_dga_run_mean(const struct mse_dga *d, int run)
{
	return d->mcmc && (run == 0 || run == 1) ? d->rmean[run] : NAN;
}

double
mse_dga_run_distance(const struct mse_dga *d)
{
	return d->mcmc ? d->tv : NAN;
}

double
mse_dga_rhat(const struct mse_dga *d)
{
	return d->mcmc ? d->rhat : NAN;
}

double
mse_dga_ess_bulk(const struct mse_dga *d)
{
	return d->mcmc ? d->ess_bulk : NAN;
}

double
mse_dga_ess_tail(const struct mse_dga *d)
{
	return d->mcmc ? d->ess_tail : NAN;
}

int
mse_dga_stop(const struct mse_dga *d)
{
	return d->stop;
}

long
mse_dga_iterations(const struct mse_dga *d)
{
	return d->mcmc ? d->steps : -1;
}

/* ---- the posterior predictive check ----------------------------------- */

/*
 * Cell probabilities pi (2^k) drawn from graph g's hyper-Dirichlet
 * posterior given the completed table y (y[0] the unseen): the prior
 * of every clique margin is Dirichlet(delta 2^(k - |C|)) per cell, as
 * in the weights, so the posterior is hyper-Dirichlet with the margins'
 * counts added (Dawid & Lauritzen 1993).  Along the cliques' running-
 * intersection order C_1, C_2, ... with S_i = C_i and the earlier
 * cliques, it is the product of independent Dirichlets of the
 * conditional tables theta(C_i \ S_i | S_i = s), each with parameters
 * n_C(a) + delta_C over the cells a of C_i that agree with s (a Dirichlet
 * on C_i splits into one on S_i and independent conditionals, and the
 * S_i part is already fixed by the earlier cliques); then
 * pi_x = prod_i theta_i(x_{C_i} | x_{S_i}).  Gammas are drawn on the log
 * scale, so the tiny shapes of empty cells cannot give 0 / 0.
 * marg and lg are scratch of 2^k.
 */
static void
hyper_dirichlet(const struct mse_dga *d, const gsl_rng *r,
    const struct msei_dgraph *g, const double *y, double *pi, double *marg,
    double *lg)
{
	size_t cells = (size_t)1 << d->k, i, x;
	uint32_t U = 0;

	for (x = 0; x < cells; x++)
		pi[x] = 1;
	for (i = 0; i < g->nc; i++) {
		uint32_t C = g->set[i], S = C & U, F = C & ~S, a, sv, b;
		double dC = ldexp(d->delta, (int)d->k - msei_popcount(C));

		a = 0;
		do {
			marg[a] = 0;
			a = (a - C) & C;
		} while (a != 0);
		for (x = 0; x < cells; x++)
			marg[x & C] += y[x];
		do {
			lg[a] = msei_log_gamma_draw(r, marg[a] + dC);
			a = (a - C) & C;
		} while (a != 0);
		/* Normalise within each configuration sv of S. */
		sv = 0;
		do {
			double mx = -HUGE_VAL, sum = 0, ls;

			b = 0;
			do {
				mx = fmax(mx, lg[sv | b]);
				b = (b - F) & F;
			} while (b != 0);
			do {
				sum += exp(lg[sv | b] - mx);
				b = (b - F) & F;
			} while (b != 0);
			ls = mx + log(sum);
			do {
				lg[sv | b] -= ls;
				b = (b - F) & F;
			} while (b != 0);
			sv = (sv - S) & S;
		} while (sv != 0);
		for (x = 0; x < cells; x++)
			pi[x] *= exp(lg[x & C]);
		U |= C;
	}
}

/* Index of the first cumulative value above u (cum rising, n of them). */
static size_t
search(const double *cum, size_t n, double u)
{
	size_t lo = 0, hi = n - 1;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (cum[mid] > u)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

struct ppcwork {
	double *cum, *row, *cond, *y, *pi, *marg, *lg, *yrep;
	unsigned *rep;
	long *count;
};

static void
ppcwork_free(struct ppcwork *w)
{
	free(w->cum);
	free(w->row);
	free(w->cond);
	free(w->y);
	free(w->pi);
	free(w->marg);
	free(w->lg);
	free(w->yrep);
	free(w->rep);
	free(w->count);
}

static int
ppcwork_alloc(const struct mse_dga *d, struct ppcwork *w)
{
	size_t cells = (size_t)1 << d->k;

	memset(w, 0, sizeof(*w));
	w->cum = msei_calloc(d->ng, sizeof(double));
	w->count = msei_calloc(d->ng, sizeof(long));
	/* row holds a chunk too (ppc_kept). */
	w->row = msei_calloc(d->G > CHUNK ? d->G : CHUNK, sizeof(double));
	w->cond = msei_calloc(d->G, sizeof(double));
	w->y = msei_calloc(cells, sizeof(double));
	w->pi = msei_calloc(cells, sizeof(double));
	w->marg = msei_calloc(cells, sizeof(double));
	w->lg = msei_calloc(cells, sizeof(double));
	w->yrep = msei_calloc(cells, sizeof(double));
	w->rep = msei_calloc(cells, sizeof(unsigned));
	if (w->cum == NULL || w->count == NULL || w->row == NULL ||
	    w->cond == NULL || w->y == NULL || w->pi == NULL ||
	    w->marg == NULL || w->lg == NULL || w->yrep == NULL ||
	    w->rep == NULL) {
		ppcwork_free(w);
		return MSE_ENOMEM;
	}
	return MSE_OK;
}

/* cs[c] = the sum of p over chunks 0 ... c (four partial sums a chunk:
 * no chain of G dependent additions). */
static void
chunk_sums(const struct mse_dga *d, const double *p, double *cs)
{
	size_t c, j, nch = (d->G + CHUNK - 1) / CHUNK;
	double acc = 0;

	for (c = 0; c < nch; c++) {
		size_t j1 = (c + 1) * CHUNK < d->G ? (c + 1) * CHUNK : d->G;
		double s[4] = { 0, 0, 0, 0 };

		for (j = c * CHUNK; j + 3 < j1; j += 4) {
			s[0] += p[j];
			s[1] += p[j + 1];
			s[2] += p[j + 2];
			s[3] += p[j + 3];
		}
		for (; j < j1; j++)
			s[0] += p[j];
		acc += (s[0] + s[1]) + (s[2] + s[3]);
		cs[c] = acc;
	}
}

/* The first grid point at which the cumulative sum of p passes u times
 * its total: the chunk by the chunks' sums cs, then the point inside it
 * (its last, if rounding leaves the running sum short of the chunk's). */
static size_t
draw_point(const struct mse_dga *d, const double *p, const double *cs,
    double u)
{
	size_t nch = (d->G + CHUNK - 1) / CHUNK, c, j, j1;
	double target = u * cs[nch - 1], acc;

	c = search(cs, nch, target);
	acc = c > 0 ? cs[c - 1] : 0;
	j1 = (c + 1) * CHUNK < d->G ? (c + 1) * CHUNK : d->G;
	for (j = c * CHUNK; j + 1 < j1; j++) {
		acc += p[j];
		if (acc > target)
			return j;
	}
	return j1 - 1;
}

/*
 * Graph g's weights on chunk c (w, CHUNK of them) as sum_all made them
 * (the same inputs, so the same bits), times exp(cr - top).
 */
static void
kept_chunk(const struct mse_dga *d, const struct plan *p, size_t g,
    size_t c, double top, double *w)
{
	size_t j0 = c * CHUNK, j1 = j0 + CHUNK < d->G ? j0 + CHUNK : d->G;
	size_t j, len = j1 - j0;
	double ref = d->cr[g * d->nch + c], ws, f = exp(ref - top);

	memset(w, 0, CHUNK * sizeof(double));
	if (d->ck[g * d->nch + c] == CS_RATIO) {
		if (chunk_ratio(d, p, j0, len, plan_at(d, p, j0) - ref,
		    plan_at(d, p, j1 - 1) - ref, w, &ws) != 0)
			memset(w, 0, CHUNK * sizeof(double));
	} else if (d->ck[g * d->nch + c] == CS_EXACT) {
		plan_row(d, p, j0, j1, w);
		for (j = 0; j < len; j++)
			w[j] = w[j] >= ref - CUT ? exp(w[j] - ref) : 0;
	}
	for (j = 0; j < len; j++)
		w[j] *= f;
}

/*
 * The draws of graph gi with the chunk sums kept: the chunk from their
 * cumulative sums (scaled to the largest reference, top), then the point
 * inside it from its weights, made again (its last point, if rounding
 * leaves the running sum short of the chunk's).  cum holds nch doubles,
 * w CHUNK.
 */
static int
ppc_kept(struct mse_dga *d, const gsl_rng *r, size_t gi, struct ppcwork *pw,
    struct msei_ppc *s, const struct plan *p)
{
	size_t cells = (size_t)1 << d->k, g = d->gr[gi].row, c, j, at = SIZE_MAX;
	double top = -HUGE_VAL, acc = 0, *cum = pw->cond, *w = pw->row;
	long n;

	for (c = 0; c < d->nch; c++)
		if (d->ck[g * d->nch + c] != CS_SKIPPED)
			top = fmax(top, d->cr[g * d->nch + c]);
	for (c = 0; c < d->nch; c++) {
		if (d->ck[g * d->nch + c] != CS_SKIPPED)
			acc += d->cs[g * d->nch + c] *
			    exp(d->cr[g * d->nch + c] - top);
		cum[c] = acc;
	}
	if (!(acc > 0))
		return MSE_EDOMAIN;
	memcpy(pw->y, d->y, cells * sizeof(double));
	for (n = 0; n < pw->count[gi]; n++) {
		double target = gsl_rng_uniform(r) * cum[d->nch - 1], N, run;
		size_t j1;

		c = search(cum, d->nch, target);
		if (c != at) {
			kept_chunk(d, p, g, c, top, w);
			at = c;
		}
		run = c > 0 ? cum[c - 1] : 0;
		j1 = (c + 1) * CHUNK < d->G ? (c + 1) * CHUNK : d->G;
		for (j = c * CHUNK; j + 1 < j1; j++) {
			run += w[j - c * CHUNK];
			if (run > target)
				break;
		}
		N = grid_n(d, j);
		pw->y[0] = N - (double)d->n;
		hyper_dirichlet(d, r, &d->gr[gi].g, pw->y, pw->pi, pw->marg,
		    pw->lg);
		msei_ppc_draw(r, d->y, pw->pi, N, cells, pw->rep, pw->yrep, s);
	}
	return MSE_OK;
}

/* The draws of graph gi: N from P(N | g, y) on the grid, then the cells. */
static int
ppc_graph(struct mse_dga *d, const gsl_rng *r, size_t gi, struct ppcwork *w,
    struct msei_ppc *s)
{
	size_t cells = (size_t)1 << d->k, j;
	struct plan p;
	long c;

	if (make_plan(d, &d->gr[gi].g, &p) != MSE_OK)
		return MSE_ENOMEM;
	if (d->cs != NULL && ppc_kept(d, r, gi, w, s, &p) == MSE_OK)
		return MSE_OK;
	/* The weights of N in row, their cumulative sums by chunk in
	 * cond. */
	if (d->brat != NULL)
		graph_weights(d, &p, w->row);
	else
		graph_total(d, &p, w->cond, NULL, w->row);
	chunk_sums(d, w->row, w->cond);
	memcpy(w->y, d->y, cells * sizeof(double));
	for (c = 0; c < w->count[gi]; c++) {
		double N;

		j = draw_point(d, w->row, w->cond, gsl_rng_uniform(r));
		N = grid_n(d, j);
		w->y[0] = N - (double)d->n;
		hyper_dirichlet(d, r, &d->gr[gi].g, w->y, w->pi, w->marg,
		    w->lg);
		msei_ppc_draw(r, d->y, w->pi, N, cells, w->rep, w->yrep, s);
	}
	return MSE_OK;
}

/*
 * Draws of (g, N) from the joint posterior P(g | y) P(N | g, y): the
 * graphs first (all draws, from one generator), then graph by graph, in
 * the order of their probability, N and the cells.  One thread, so the
 * result depends on the seed only.
 */
int
mse_dga_ppc(const struct mse_dga *d, long draws, unsigned long seed,
    double *p, double *tobs, double *trep, struct mse_error *err)
{
	struct mse_dga *dd = (struct mse_dga *)d;	/* margins are cached */
	struct msei_ppc s;
	struct ppcwork w;
	gsl_rng *r;
	size_t i;
	long t;
	int rc = MSE_OK;

	memset(&s, 0, sizeof(s));
	if (draws < 1 || draws > 100000000)
		return msei_error(err, MSE_EINVAL, "the posterior predictive "
		    "check needs 1 to 100000000 draws, not %ld", draws);
	if (d->k > MSEI_PPC_MAX_LISTS)
		s.why = "the check tabulates all 2^k cells, and is done for "
		    "at most 12 lists";
	else if (grid_n(d, d->G - 1) > (double)UINT_MAX)
		s.why = "the grid of N reaches beyond 4294967295";
	if (s.why != NULL)
		return msei_ppc_result(&s, p, tobs, trep, err);
	if (ppcwork_alloc(d, &w) != MSE_OK)
		return msei_error(err, MSE_ENOMEM, "out of memory");
	if ((r = gsl_rng_alloc(gsl_rng_taus2)) == NULL) {
		ppcwork_free(&w);
		return msei_error(err, MSE_ENOMEM, "out of memory");
	}
	gsl_rng_set(r, seed);
	for (i = 0; i < d->ng; i++)
		w.cum[i] = (i > 0 ? w.cum[i - 1] : 0) + d->gr[i].prob;
	for (t = 0; t < draws; t++)
		w.count[search(w.cum, d->ng, gsl_rng_uniform(r) *
		    w.cum[d->ng - 1])]++;
	for (i = 0; i < d->ng && rc == MSE_OK; i++)
		if (w.count[i] > 0)
			rc = ppc_graph(dd, r, i, &w, &s);
	gsl_rng_free(r);
	ppcwork_free(&w);
	if (rc != MSE_OK)
		return msei_error(err, rc, "out of memory");
	return msei_ppc_result(&s, p, tobs, trep, err);
}

/* ---- for the unit tests ------------------------------------------------- */

/* The parts of log w at grid point j: D(m), MC(m) and log prior(N). */
void
msei_dga_parts(const struct mse_dga *d, size_t j, double *D, double *MC,
    double *prior)
{
	double m = (double)d->m0 + (double)j * (double)d->step;
	double N = (double)d->n + m, lfact = 0;
	uint32_t p;

	for (p = 1; p < ((uint32_t)1 << d->k); p++)
		lfact += lngamma(d->y[p] + 1);
	*D = lngamma(d->alpha) - lngamma(N + d->alpha);
	*MC = lngamma(N + 1) - lfact - lngamma(m + 1);
	*prior = d->base[j] - *MC;
}

/* l_A(m) at grid point j. */
double
msei_dga_ell(struct mse_dga *d, uint32_t A, size_t j)
{
	const struct margin *g;
	size_t s = (size_t)msei_popcount(A);

	if (margin(d, A, &g) != MSE_OK)
		return NAN;
	return g->c + d->F[s * d->L + (size_t)g->y0 + (size_t)d->m0 +
	    j * (size_t)d->step];
}

/* log w(g, m) at grid point j. */
double
msei_dga_log_weight(struct mse_dga *d, const struct msei_dgraph *g, size_t j)
{
	struct plan p;
	double w;

	if (make_plan(d, g, &p) != MSE_OK)
		return NAN;
	plan_row(d, &p, j, j + 1, &w);
	return w;
}

/*
 * The weights of graph g on the chunk from grid point j0, relative to
 * r(j0), by the kernel wide (1: ratio_v4, 0: ratio_v2) into w (CHUNK of
 * them) and their sum: 0, or -1 if the recurrence fails, -2 if the
 * kernel is not there (no AVX2, or a grid step above 1).
 */
int
msei_dga_chunk(struct mse_dga *d, const struct msei_dgraph *g, size_t j0,
    int wide, double *w, double *sum)
{
	struct plan p;
	size_t j1 = j0 + CHUNK < d->G ? j0 + CHUNK : d->G;
	double r0;
	int avx2 = d->avx2, rc;

	if (d->brat == NULL || j0 >= d->G || (wide && !d->avx2) ||
	    make_plan(d, g, &p) != MSE_OK)
		return -2;
	r0 = plan_at(d, &p, j0);
	d->avx2 = wide;
	rc = chunk_ratio(d, &p, j0, j1 - j0, 0, plan_at(d, &p, j1 - 1) - r0,
	    w, sum);
	d->avx2 = avx2;
	return rc;
}
