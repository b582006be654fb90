/* SPDX-License-Identifier: GPL-3.0-or-later */
/* lcm.c - the latent-class capture-recapture Gibbs sampler of LCMCR 0.4.14,
 * and a faster one with a split-merge move of the classes. */
#define _DEFAULT_SOURCE		/* lgamma_r */
#include <config.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <gsl/gsl_pow_int.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_sf_log.h>

#include "mse_private.h"

/*
 * The model and the sampler follow Manrique-Vallier (2016) and LCMCR
 * 0.4.14's NPLCM_CR_Basic_Freq.cpp: K latent classes with
 * truncated stick-breaking weights pi_k, Beta(1, 1) priors on the
 * probabilities lambda_jk of list j in class k, alpha ~ Gamma(a, b), and
 * the unseen count n0 drawn by data augmentation, with p(N) proportional
 * to 1/N.  The steps, the order of the random draws and the arithmetic are
 * LCMCR's, so that with GSL's taus2 generator a chain reproduces LCMCR's
 * draws for the same seed (on the reference stack, §B.5).  The default
 * (fast) sampler draws from the same conditionals with cheaper draws, and
 * every SM_EVERY sweeps tries a split-merge move of the classes (below),
 * which the one-unit-at-a-time Gibbs steps lack (doc/lcm-mixing.md).
 */

/* LCMCR runs 500 sweeps without the alpha update before anything else
 * (Initializes in NPLCM_CR_Basic_Freq.cpp). */
#define WARMUP 500
/* LCMCR redraws n0 while it exceeds 20 n (sam_n0). */
#define CAP 20
/* We give up on a sweep after this many redraws in a row: LCMCR would
 * loop for ever when the probability of being unseen nears 1. */
#define MAX_REDRAWS 100000
/* The fast sampler stops redrawing after this many and draws n0 from
 * the truncated distribution by inversion (n0_truncated). */
#define SM_REDRAWS 64
/* The seed of a chain's check generator: the chain's seed with the bits
 * of 2^32 / phi (the golden ratio) flipped: another taus2 stream than
 * the chain's own, and far from the small seeds chains are given. */
#define PPC_SEED_MIX 0x9E3779B9UL

/* Sweeps between two updates of the shared progress counter. */
#define TICK 256
/* The split-merge move: one attempt every SM_EVERY sweeps, SM_SCANS
 * restricted Gibbs scans between its launch and the scan that draws (or
 * scores) the proposal, and the longest table of log i it keeps (beyond,
 * log is called). */
#define SM_EVERY 3
#define SM_SCANS 3
#define SM_LOG_TABLE ((size_t)1 << 20)
/* The collapsed move of the unseen: attempts a sweep. */
#define NU_TRIES 4

struct data {
	size_t J, K, M;
	long n;
	unsigned char *x;	/* M x J patterns, list 1 most significant */
	unsigned *f;		/* M frequencies */
	size_t *on;		/* M + 1: pattern m's lists are onj[on[m]..] */
	unsigned char *onj;	/* the lists each pattern is on, in turn */
	unsigned char zero[MSE_MAX_LISTS];	/* the unseen pattern */
	double *y;		/* 2^J counts by pattern; NULL: no check */
	const char *why;	/* why there is no posterior predictive check */
};

struct chain {
	const struct data *d;
	const struct mse_lcm_options *o;
	gsl_rng *r;
	double *ll;		/* J x K x 2: log(1 - lambda), log lambda */
	double *lin;		/* J x K x 2: 1 - lambda, lambda (fast) */
	double *lnu, *nu;	/* K */
	double *p, *cum;	/* K each, scratch */
	unsigned *czk;		/* M x K */
	unsigned *c0k;		/* K */
	long *ck;		/* K */
	long *aux;		/* J x K x 2 */
	double alpha, pzero;
	long n0, capped;
	int lcmcr;		/* LCMCR's own draws and arithmetic */
	size_t *order;		/* K: classes by decreasing pi (fast) */
	/* The split-merge move (fast sampler): per list the members on it
	 * of the two classes built, and of both; each batch's units that
	 * go to the second class; the batches' order; log 1..nlog. */
	int sm;
	long *sa, *sb, *sab;
	unsigned *bk, *bt;
	size_t *batch;
	double *logi;
	size_t nlog;
	long sweeps;
	/* The collapsed move of the unseen (fast sampler): the classes it
	 * may change. */
	size_t *seen;		/* K */
	int apart;		/* MSE_LCM_START_LISTS's odd chain */
	double *q0, *odds;	/* K, J x K: lin_odds */
	unsigned char *dense;	/* K */
	/* The posterior predictive check: its own generator, so that the
	 * chain's draws stay LCMCR's; 2^J cell probabilities, class
	 * scratch and a replicated table; beyond MSEI_PPC_MAX_LISTS
	 * (ppc_seen, with lin_odds' factors), the replicate's class sizes
	 * and seen patterns. */
	gsl_rng *rp;
	double *cell, *cls, *yrep;
	unsigned *rep;
	unsigned *rep0;		/* K: the replicate's class sizes */
	uint32_t *pat;
	size_t npat;
	struct msei_ppc ppc;
};

/* Why a fit read from an old cache has no predictive check. */
static const char ppc_too_many[] = "the check tabulates all 2^k cells, and "
    "is done for at most 12 lists";
/* test_lcm.c: the check over the seen cells at any number of lists. */
static int ppc_sparse_always;

struct mse_lcm {
	long n;
	int chains;
	long samples;
	long thin;
	int stop;		/* MSE_LCM_STOP_... */
	double *draws;		/* chains x samples */
	double *sorted;
	double mean, sd, rhat, ess_bulk, ess_tail;
	long capped;
	double *classes;	/* per chain: mean occupied classes */
	struct msei_ppc ppc;
};

void
mse_lcm_options_init(struct mse_lcm_options *opt)
{
	memset(opt, 0, sizeof(*opt));
	opt->size = sizeof(*opt);
	opt->threads = MSE_THREADS_AUTO;
	/* LCMCR's defaults: lcmCR(K = 5 ...) is overridden by the issue's
	 * K = 10, the value of Manrique-Vallier (2016) and of the note's
	 * reference runs; lcmCR_PostSampl(burnin = 10000, samples = 1000,
	 * thinning = 10). */
	opt->classes = 10;
	opt->a_alpha = 0.25;
	opt->b_alpha = 0.25;
	opt->samples = 1000;
	opt->burnin = 10000;
	opt->thin = 10;
	opt->chains = 4;
	opt->seed = 1;
	opt->sampler = MSE_LCM_FAST;
	/* One round of `samples` draws, as LCMCR; a caller who wants the
	 * rounds sets max_sweeps.  Vehtari et al. (2021): R-hat below 1.01,
	 * and 100 effective draws per chain, 400 for 4. */
	opt->max_sweeps = 0;
	opt->max_seconds = 0;
	opt->rhat_max = 1.01;
	opt->ess_min = 400;
	opt->start_sd = 0;
	opt->start = MSE_LCM_START_ALIKE;
}

/* ---- LCMCR's numerical helpers (dan_math_gsl.h) ------------------------ */

/* log of a Gamma(shape, 1) draw; below shape 0.5 as Robert & Casella
 * (2002, p. 45): log U / shape + log G(1 + shape), U drawn first. */
static double
log_gamma1(const gsl_rng *r, double shape)
{
	double u;

	if (shape >= 0.5)
		return log(gsl_ran_gamma(r, shape, 1.0));
	u = log(gsl_rng_uniform_pos(r)) / shape;
	return u + log(gsl_ran_gamma(r, 1.0 + shape, 1.0));
}

static double
log_sum(double a, double b)
{
	return a < b ? b + gsl_sf_log_1plusx(exp(a - b)) :
	    a + gsl_sf_log_1plusx(exp(b - a));
}

/* The same with the C library's log1p, several times faster than GSL's. */
static double
log_sum_fast(double a, double b)
{
	return a < b ? b + log1p(exp(a - b)) : a + log1p(exp(b - a));
}

/* One draw from the unnormalised weights p[0..K-1]. */
static size_t
categorical(const gsl_rng *r, const double *p, size_t K, double *cum)
{
	double norm = 0, u;
	size_t k;

	for (k = 0; k < K; k++)
		cum[k] = norm += p[k];
	u = gsl_rng_uniform(r) * norm;
	for (k = 0; k + 1 < K && cum[k] <= u; k++)
		;
	return k;
}

/* ---- one Gibbs sweep (Update, in this order) -------------------------- */

#define LL(c, j, k, b) ((c)->ll[((j) * (c)->d->K + (k)) * 2 + (b)])
#define LIN(c, j, k, b) ((c)->lin[((j) * (c)->d->K + (k)) * 2 + (b)])
#define AUX(c, j, k, b) ((c)->aux[((j) * (c)->d->K + (k)) * 2 + (b)])

/* 1 / x for the inversion below (GSL's BINV_CUTOFF is 110 too). */
static const double recip[111] = {
	0, 1.0 / 1, 1.0 / 2, 1.0 / 3, 1.0 / 4, 1.0 / 5, 1.0 / 6, 1.0 / 7,
	1.0 / 8, 1.0 / 9, 1.0 / 10, 1.0 / 11, 1.0 / 12, 1.0 / 13, 1.0 / 14,
	1.0 / 15, 1.0 / 16, 1.0 / 17, 1.0 / 18, 1.0 / 19, 1.0 / 20, 1.0 / 21,
	1.0 / 22, 1.0 / 23, 1.0 / 24, 1.0 / 25, 1.0 / 26, 1.0 / 27, 1.0 / 28,
	1.0 / 29, 1.0 / 30, 1.0 / 31, 1.0 / 32, 1.0 / 33, 1.0 / 34, 1.0 / 35,
	1.0 / 36, 1.0 / 37, 1.0 / 38, 1.0 / 39, 1.0 / 40, 1.0 / 41, 1.0 / 42,
	1.0 / 43, 1.0 / 44, 1.0 / 45, 1.0 / 46, 1.0 / 47, 1.0 / 48, 1.0 / 49,
	1.0 / 50, 1.0 / 51, 1.0 / 52, 1.0 / 53, 1.0 / 54, 1.0 / 55, 1.0 / 56,
	1.0 / 57, 1.0 / 58, 1.0 / 59, 1.0 / 60, 1.0 / 61, 1.0 / 62, 1.0 / 63,
	1.0 / 64, 1.0 / 65, 1.0 / 66, 1.0 / 67, 1.0 / 68, 1.0 / 69, 1.0 / 70,
	1.0 / 71, 1.0 / 72, 1.0 / 73, 1.0 / 74, 1.0 / 75, 1.0 / 76, 1.0 / 77,
	1.0 / 78, 1.0 / 79, 1.0 / 80, 1.0 / 81, 1.0 / 82, 1.0 / 83, 1.0 / 84,
	1.0 / 85, 1.0 / 86, 1.0 / 87, 1.0 / 88, 1.0 / 89, 1.0 / 90, 1.0 / 91,
	1.0 / 92, 1.0 / 93, 1.0 / 94, 1.0 / 95, 1.0 / 96, 1.0 / 97, 1.0 / 98,
	1.0 / 99, 1.0 / 100, 1.0 / 101, 1.0 / 102, 1.0 / 103, 1.0 / 104,
	1.0 / 105, 1.0 / 106, 1.0 / 107, 1.0 / 108, 1.0 / 109, 1.0 / 110
};

/* log Gamma(x), x > 0, without lgamma's global signgam: the chains run on
 * threads. */
static double
lgam(double x)
{
#ifdef HAVE_LGAMMA_R
	int sign;

	return lgamma_r(x, &sign);
#else
	return gsl_sf_lngamma(x);
#endif
}

static double
lfact(double k)
{
	return lgam(k + 1);
}

/*
 * Binomial(n, p), p <= 1/2 and n p >= 10, by Hormann's (1993) BTRS:
 * transformed rejection with a squeeze, the constants of his Table 1.
 * Exact: the final test uses log-factorials to double precision.
 */
static unsigned
btrs(const gsl_rng *r, double p, unsigned n)
{
	double q = 1 - p, spq = sqrt((double)n * p * q);
	double b = 1.15 + 2.53 * spq, a = -0.0873 + 0.0248 * b + 0.01 * p;
	double c = (double)n * p + 0.5, vr = 0.92 - 4.2 / b;
	double alpha = 0, lpq = 0, m = 0, h = 0;

	for (;;) {
		double u = gsl_rng_uniform(r) - 0.5, v = gsl_rng_uniform(r);
		double us = 0.5 - fabs(u), k;

		k = floor((2 * a / us + b) * u + c);
		if (k < 0 || k > (double)n)
			continue;
		if (us >= 0.07 && v <= vr)
			return (unsigned)k;
		if (alpha == 0) {
			alpha = (2.83 + 5.1 / b) * spq;
			lpq = log(p / q);
			m = floor(((double)n + 1) * p);
			h = lfact(m) + lfact((double)n - m);
		}
		v = log(v * alpha / (a / (us * us) + b));
		if (v <= h - lfact(k) - lfact((double)n - k) + (k - m) * lpq)
			return (unsigned)k;
	}
}

/*
 * Binomial(n, p) for the fast sampler.  Below a mean of 14 by inversion,
 * as GSL's gsl_ran_binomial (which switches to BTPE at the same mean, its
 * SMALL_MEAN), but with the ratio of successive probabilities computed by
 * multiplications; above, by BTRS, whose set-up is cheaper than BTPE's
 * (the parameters change at every call here).
 */
unsigned
msei_binomial(const gsl_rng *r, double p, unsigned n)
{
	double pp = p > 0.5 ? 1 - p : p, q = 1 - pp, s = 0, f0, f, u;
	unsigned x;

	if (n == 0)
		return 0;
	if ((double)n * pp >= 14) {
		x = btrs(r, pp, n);
		return p > 0.5 ? n - x : x;
	}
	f0 = gsl_pow_uint(q, n);
	for (;;) {
		u = gsl_rng_uniform(r);
		if (u < f0)	/* most often, for the small classes */
			return p > 0.5 ? n : 0;
		if (s == 0)
			s = pp / q;
		f = f0;
		for (x = 0; x < 110; x++) {
			if (u < f)
				return p > 0.5 ? n - x : x;
			u -= f;
			f *= s * (double)(n - x) * recip[x + 1];
		}
	}
}

/*
 * out ~ Multinomial(N; weights c->p).  LCMCR uses GSL's, a binomial per
 * class in class order.  The fast sampler takes the heaviest class first,
 * then the others by decreasing pi_k, and stops as soon as no unit is
 * left: the same distribution (a multinomial is a product of conditional
 * binomials in any order) with fewer binomial draws.
 */
static void
multinomial(struct chain *c, unsigned N, unsigned *out)
{
	size_t K = c->d->K, i, k, top;
	double norm = 0;

	if (c->lcmcr) {
		gsl_ran_multinomial(c->r, K, N, c->p, out);
		return;
	}
	memset(out, 0, K * sizeof(*out));
	for (k = 0, top = 0; k < K; k++) {
		norm += c->p[k];
		if (c->p[c->order[k]] > c->p[c->order[top]])
			top = k;
	}
	/* The heaviest class first, then the others in the order of pi. */
	for (i = 0; i < K && N > 0; i++) {
		double q;

		k = c->order[i == 0 ? top : i <= top ? i - 1 : i];
		q = c->p[k] / norm;
		if (i + 1 == K || q >= 1) {
			out[k] = N;
			return;
		}
		if (q > 0) {
			out[k] = msei_binomial(c->r, q, N);
			N -= out[k];
		}
		norm -= c->p[k];
	}
}

/* LCMCR's weights pi_k P(x | k), on the log scale less their largest. */
static void
weights_log(struct chain *c, const unsigned char *x)
{
	size_t k, j, K = c->d->K;
	double lg = -HUGE_VAL;

	for (k = 0; k < K; k++) {
		double lp = c->lnu[k];

		for (j = 0; j < c->d->J; j++)
			lp += LL(c, j, k, x[j]);
		c->p[k] = lp;
		lg = lp > lg ? lp : lg;
	}
	for (k = 0; k < K; k++)
		c->p[k] = exp(c->p[k] - lg);
}

/*
 * The fast sampler's factors of P(x | k): q_k = prod_j (1 - lambda_jk) and
 * the odds r_jk = lambda_jk / (1 - lambda_jk), so that pi_k P(x | k) =
 * pi_k q_k prod_{j on x} r_jk costs a product over the lists x is on (one
 * or two, on many sparse lists) rather than over all of them.  A class
 * with a lambda within 1e-150 of 1, or a q_k below 1e-280, is marked
 * dense and multiplied out in full, as before.
 */
static void
lin_odds(struct chain *c)
{
	size_t j, k, K = c->d->K;

	for (k = 0; k < K; k++) {
		double q = 1, least = 1;

		for (j = 0; j < c->d->J; j++) {
			double off = LIN(c, j, k, 0);

			q *= off;
			least = off < least ? off : least;
			c->odds[j * K + k] = LIN(c, j, k, 1) / off;
		}
		c->q0[k] = q;
		c->dense[k] = least < 1e-150 || q < 1e-280;
	}
}

/*
 * The weights pi_k P(x | k) of the classes for seen pattern m (m == M:
 * the unseen one), unnormalised, in c->p.  The fast sampler multiplies on
 * the linear scale (lin_odds), and falls back to logs when every weight
 * is below 1e-290, where underflow could lose them all (2^-1022 = 2.2e-308
 * is the smallest normal double).
 */
static void
weights(struct chain *c, size_t m)
{
	const struct data *d = c->d;
	const unsigned char *x = m == d->M ? d->zero : d->x + m * d->J;
	size_t k, j, t, K = d->K, from = d->on[m], to = d->on[m + (m <
	    d->M)];
	double mx = 0;

	if (c->lcmcr) {
		weights_log(c, x);
		return;
	}
	for (k = 0; k < K; k++) {
		double q = c->nu[k];

		if (c->dense[k])
			for (j = 0; j < d->J; j++)
				q *= LIN(c, j, k, x[j]);
		else {
			q *= c->q0[k];
			for (t = from; t < to; t++)
				q *= c->odds[d->onj[t] * K + k];
		}
		c->p[k] = q;
		mx = q > mx ? q : mx;
	}
	if (mx >= 1e-290)
		return;
	for (k = 0; k < K; k++)
		for (j = 0; j < d->J; j++)
			LL(c, j, k, x[j]) = log(LIN(c, j, k, x[j]));
	weights_log(c, x);
}

/* 1. The classes of the observed units, pattern by pattern. */
static void
sample_observed(struct chain *c)
{
	const struct data *d = c->d;
	size_t m, K = d->K;

	for (m = 0; m < d->M; m++) {
		unsigned *cz = c->czk + m * K;

		weights(c, m);
		if (d->f[m] > 1)
			multinomial(c, d->f[m], cz);
		else {
			memset(cz, 0, K * sizeof(*cz));
			cz[categorical(c->r, c->p, K, c->cum)] = 1;
		}
	}
}

/* lambda ~ Beta(a, b) into LIN(j, k): as G1 / (G1 + G2) (the shapes are
 * at least 1, so no log scale is needed); with a or b equal to 1, by
 * inversion of the distribution function from one uniform. */
static void
beta_fast(struct chain *c, size_t j, size_t k)
{
	double a = 1.0 + (double)AUX(c, j, k, 1);
	double b = 1.0 + (double)AUX(c, j, k, 0), g1, g2, l;

	if (a == 1 && b == 1) {
		l = gsl_rng_uniform_pos(c->r);
		LIN(c, j, k, 1) = l;
		LIN(c, j, k, 0) = 1 - l;
	} else if (a == 1 || b == 1) {
		/* Beta(1, b): 1 - lambda = U^(1/b); Beta(a, 1): lambda =
		 * U^(1/a). */
		l = log(gsl_rng_uniform_pos(c->r)) / (a == 1 ? b : a);
		LIN(c, j, k, a == 1) = -expm1(l);
		LIN(c, j, k, a != 1) = exp(l);
	} else {
		g1 = gsl_ran_gamma(c->r, a, 1.0);
		g2 = gsl_ran_gamma(c->r, b, 1.0);
		LIN(c, j, k, 1) = g1 / (g1 + g2);
		LIN(c, j, k, 0) = g2 / (g1 + g2);
	}
}

/* The class sizes N_k (seen and unseen), and per list and class the
 * numbers on the list and off it (integers: the same sums as LCMCR's). */
static void
tabulate(struct chain *c)
{
	const struct data *d = c->d;
	size_t m, j, k, t, K = d->K;

	for (k = 0; k < K; k++)
		c->ck[k] = c->c0k[k];
	memset(c->aux, 0, d->J * K * 2 * sizeof(*c->aux));
	for (m = 0; m < d->M; m++) {
		const unsigned *cz = c->czk + m * K;

		for (k = 0; k < K; k++)
			c->ck[k] += cz[k];
		for (t = d->on[m]; t < d->on[m + 1]; t++)
			for (j = d->onj[t], k = 0; k < K; k++)
				AUX(c, j, k, 1) += cz[k];
	}
	for (j = 0; j < d->J; j++)
		for (k = 0; k < K; k++)
			AUX(c, j, k, 0) = c->ck[k] - AUX(c, j, k, 1);
}

/* ---- the unseen, lambda and the sticks integrated out (fast sampler) --- */

/*
 * Data augmentation moves N slowly: n0 is drawn given lambda, and lambda
 * given the n0 unseen units (all of them off every list), so that when
 * most of the population is unseen each step moves N about as far as the
 * other lets it (doc/lcm-mixing.md).  This Metropolis move changes the
 * unseen units' class counts u_k, and so n0 = sum u_k, given the classes
 * of the seen units and alpha, with lambda and the sticks integrated out:
 *
 *   p(u | z_seen, alpha, x) propto (n + n0 - 1)! / prod_k u_k!
 *       * prod_{k < K} B(1 + N_k, alpha + N_>k)
 *       * prod_k prod_j B(1 + s_jk, 1 + N_k - s_jk),   n0 <= 20 n,
 *
 * N_k = m_k + u_k the class's units, m_k of them seen, s_jk on list j.
 * The first factor is p(N) propto 1/N times the ways to label the unseen
 * (n0! / prod u_k!) times the binomial C(N, n) that p(n0 | ...) carries
 * (LCMCR's NegBin(n, 1 - pi0)); the others are the split-merge move's
 * marginals.  It runs just before lambda and the sticks are drawn from
 * their conditionals given the new u, so that the pair leaves the joint
 * posterior invariant, as the split-merge move does.
 *
 * The proposal picks at random a class k that holds a seen unit and
 * moves u_k by d, d rounded from N(0, s^2) with the scale s = S^V, V
 * uniform on (0, 1) and S the cap on n0: a mixture of symmetric proposals
 * that does not depend on u, so the acceptance is the ratio of p alone,
 * and whose scales span every width the posterior of a class's unseen can
 * have.  It leaves the classes of unseen units alone to the Gibbs steps:
 * a version that also moved them made such classes easily (any u_k > 0)
 * and unmade them only by landing on u_k = 0 exactly, and its chains stuck
 * on UKdat_5 (doc/lcm-mixing.md).
 */

/* The sticks' marginal, telescoped: sum_{k < K - 1} log N_k! + log
 * Gamma(alpha + N_{K-1}) - log Gamma(alpha + N) - sum_{k < K - 1} log(alpha
 * + N_{>=k}), the part that moves with N_kk when N_kk becomes N_kk + d. */
static double
sticks_part(const struct chain *c, size_t kk, long d)
{
	size_t k, K = c->d->K;
	long total = 0, from;
	double l;

	for (k = 0; k < K; k++)
		total += c->ck[k];
	total += d;
	l = kk + 1 < K ? lfact((double)(c->ck[kk] + d)) :
	    lgam(c->alpha + (double)(c->ck[kk] + d));
	l -= lgam(c->alpha + (double)total);
	/* N_{>=k} for k <= kk holds N_kk. */
	from = total;
	for (k = 0; k + 1 < K && k <= kk; k++) {
		l -= log(c->alpha + (double)from);
		from -= c->ck[k] + (k == kk ? d : 0);
	}
	return l;
}

/* The part of log p(u | ...) that moves with u_kk when it becomes u_kk + d
 * (n0 becoming n0 + d). */
static double
unseen_part(const struct chain *c, size_t kk, long d)
{
	const struct data *d0 = c->d;
	size_t j;
	long Nk = c->ck[kk] + d;
	double l = lfact((double)(d0->n + c->n0 + d - 1)) -
	    lfact((double)((long)c->c0k[kk] + d)) -
	    (double)d0->J * lfact((double)Nk + 1);

	for (j = 0; j < d0->J; j++)
		l += lfact((double)(Nk - AUX(c, j, kk, 1)));
	return l + sticks_part(c, kk, d);
}

/* NU_TRIES attempts; needs c->ck and AUX(j, k, 1) (tabulate) and leaves
 * them, c->c0k and c->n0 updated. */
static void
move_unseen(struct chain *c)
{
	const struct data *d = c->d;
	size_t K = d->K, k, j, t, nk;
	long cap = CAP * d->n, step;
	double lmax = log((double)cap), s, lr;

	/* The classes that hold a seen unit; the move changes none of
	 * them, so the choice among them is a symmetric one. */
	for (k = 0, nk = 0; k < K; k++)
		if (c->ck[k] > (long)c->c0k[k])
			c->seen[nk++] = k;
	for (t = 0; t < NU_TRIES && nk > 0; t++) {
		k = c->seen[gsl_rng_uniform_int(c->r, (unsigned long)nk)];
		s = exp(gsl_rng_uniform(c->r) * lmax);
		step = lround(gsl_ran_gaussian_ziggurat(c->r, s));
		if (step == 0 || (long)c->c0k[k] + step < 0 ||
		    c->n0 + step > cap)
			continue;
		lr = unseen_part(c, k, step) - unseen_part(c, k, 0);
		if (lr < 0 && gsl_rng_uniform(c->r) >= exp(lr))
			continue;
		c->c0k[k] = (unsigned)((long)c->c0k[k] + step);
		c->ck[k] += step;
		c->n0 += step;
	}
	for (j = 0; j < d->J; j++)
		for (k = 0; k < K; k++)
			AUX(c, j, k, 0) = c->ck[k] - AUX(c, j, k, 1);
}

/* 2. lambda_jk ~ Beta(1 + seen, 1 + unseen), from two log-gamma draws. */
static void
sample_lambda(struct chain *c)
{
	const struct data *d = c->d;
	size_t j, k, K = d->K;

	tabulate(c);
	if (!c->lcmcr) {
		move_unseen(c);
		for (j = 0; j < d->J; j++)
			for (k = 0; k < K; k++)
				beta_fast(c, j, k);
		lin_odds(c);
		return;
	}
	for (j = 0; j < d->J; j++)
		for (k = 0; k < K; k++) {
			double A = log_gamma1(c->r, 1.0 +
			    (double)AUX(c, j, k, 1));
			double B = log_gamma1(c->r, 1.0 +
			    (double)AUX(c, j, k, 0));
			double C = log_sum(A, B);

			LL(c, j, k, 1) = A - C;
			LL(c, j, k, 0) = B - C;
		}
}

/* The fast sampler's order of the classes: by decreasing pi_k. */
static void
sort_classes(struct chain *c)
{
	size_t K = c->d->K, k, i;

	for (k = 0; k < K; k++) {
		for (i = k; i > 0 && c->nu[c->order[i - 1]] < c->nu[k]; i--)
			c->order[i] = c->order[i - 1];
		c->order[i] = k;
	}
}

/* 3. The sticks V_k ~ Beta(1 + N_k, alpha + N_{>k}). */
static void
sample_nu(struct chain *c)
{
	const struct data *d = c->d;
	size_t k, K = d->K;
	double acc = 0;
	long nacc = 0;

	/* c->ck: the class sizes, counted by sample_lambda. */
	for (k = 0; k + 1 < K; k++) {
		double a, b, g1, g2, gs, lv, l1v;

		nacc += c->ck[k];
		a = (double)(1 + c->ck[k]);
		b = c->alpha + (double)(c->n0 + d->n - nacc);
		g1 = log_gamma1(c->r, a);
		g2 = log_gamma1(c->r, b);
		gs = c->lcmcr ? log_sum(g1, g2) : log_sum_fast(g1, g2);
		lv = g1 - gs;
		l1v = g2 - gs;
		c->lnu[k] = lv + acc;
		acc += l1v;
		c->nu[k] = exp(c->lnu[k]);
	}
	c->lnu[K - 1] = acc;
	c->nu[K - 1] = exp(acc);
	if (!c->lcmcr)
		sort_classes(c);
}

/* 4. The probability of being seen by no list. */
static void
prob_zero(struct chain *c)
{
	size_t k, j;

	c->pzero = 0;
	for (k = 0; k < c->d->K; k++) {
		double lp = c->lnu[k], q = c->nu[k];

		if (!c->lcmcr) {
			c->pzero += q * c->q0[k];
			continue;
		}
		for (j = 0; j < c->d->J; j++)
			lp += LL(c, j, k, 0);
		c->pzero += exp(lp);
	}
}

/*
 * n0 from NegBin(n, 1 - pi0) truncated to n0 <= cap, by inversion from
 * the cap down: w_cap = 1 and w_{k-1} / w_k = k / ((k + n - 1) pi0).  One
 * pass sums the weights until they no longer count (past the mode, below
 * 1e-17 of the sum), a second finds the draw.  Exact, as the redraws are;
 * the fast sampler's way out when the redraws keep failing, because
 * pi0 is so near 1 that the untruncated mean lies far above the cap.
 */
static long
n0_truncated(struct chain *c, long cap)
{
	double n = (double)c->d->n, q = c->pzero, w = 1, sum = 0, u;
	long k, low = 0;

	for (k = cap; k >= 0; k--) {
		double r = (double)k / (((double)k + n - 1) * q);

		sum += w;
		if (k == 0 || (r < 1 && w < 1e-17 * sum)) {
			low = k;
			break;
		}
		w *= r;
	}
	u = gsl_rng_uniform(c->r) * sum;
	for (k = cap, w = 1; k > low; k--) {
		if (u < w)
			return k;
		u -= w;
		w *= (double)k / (((double)k + n - 1) * q);
	}
	return low;
}

/* 5. n0 ~ NegBin(n, 1 - pi0), redrawn while above 20 n, as LCMCR; the
 * fast sampler, after SM_REDRAWS redraws, draws the truncated
 * distribution directly. */
static int
sample_n0(struct chain *c)
{
	long redraws = 0, cap = CAP * c->d->n;

	for (;;) {
		c->n0 = (long)gsl_ran_negative_binomial(c->r, 1.0 - c->pzero,
		    (double)c->d->n);
		if (c->n0 <= cap)
			break;
		if (!c->lcmcr && redraws >= SM_REDRAWS && c->pzero > 0) {
			c->n0 = n0_truncated(c, cap);
			break;
		}
		if (++redraws > MAX_REDRAWS)
			return MSE_ENOCONV;
	}
	c->capped += redraws > 0;
	return MSE_OK;
}

/* 6. The classes of the unseen. */
static void
sample_unseen(struct chain *c)
{
	size_t K = c->d->K;

	if (c->n0 == 0) {
		memset(c->c0k, 0, K * sizeof(*c->c0k));
		return;
	}
	weights(c, c->d->M);
	multinomial(c, (unsigned)c->n0, c->c0k);
}

/* 7. alpha ~ Gamma(a + K - 1, rate b - log pi_K). */
static void
sample_alpha(struct chain *c)
{
	c->alpha = gsl_ran_gamma(c->r, c->o->a_alpha + (double)c->d->K - 1.0,
	    1.0 / (c->o->b_alpha - c->lnu[c->d->K - 1]));
}

/* ---- the split-merge move (fast sampler) ------------------------------ */

/*
 * A Metropolis-Hastings move that splits a class in two or merges two,
 * after Dahl's (2005) sequentially-allocated split-merge (itself after
 * Jain & Neal 2004), on the classes of all N = n + n0 units with lambda
 * and the sticks integrated out.  Given alpha and n0, the classes z have
 *
 *   p(z | alpha, n0, x) propto prod_{k < K} B(1 + N_k, alpha + N_{>k})
 *       * prod_k prod_j B(1 + s_jk, 1 + N_k - s_jk),
 *
 * with N_k the units (seen or not) in class k and s_jk those of them on
 * list j: the stick-breaking marginal and the Beta(1, 1)-Bernoulli one.
 * The move runs between the classes of the seen units and lambda, so that
 * lambda and the sticks are drawn from their conditionals given the new
 * z next: the pair of steps leaves the joint posterior invariant.
 *
 * Two distinct seen units i and j are drawn at random.  In one class k,
 * the move proposes to split it: j opens a class k' drawn among the E
 * empty ones, and the other members, a pattern's units at a time in a
 * random order of the patterns (the unseen are one more pattern), go each
 * to k' with the probability that the two classes built so far give the
 * pattern (in proportion to size times predictive probability).  In two
 * classes, it proposes to merge them into i's; its reverse split is
 * scored by the same allocation, without drawing.  A split is accepted
 * with probability min(1, p(z')/p(z) * E / q), q the allocation's
 * probability; a merge with the inverse, E counted once merged.
 */

/* log i for a whole i >= 1. */
static double
logn(const struct chain *c, long i)
{
	return (size_t)i <= c->nlog ? c->logi[i] : log((double)i);
}

/* log of the class's marginal likelihood: sum_j log B(1 + s_j, 1 + N - s_j). */
static double
class_lml(const struct chain *c, const long *s, long N)
{
	size_t j;
	double l = -(double)c->d->J * lfact((double)N + 1);

	for (j = 0; j < c->d->J; j++)
		l += lfact((double)s[j]) + lfact((double)(N - s[j]));
	return l;
}

/* log of the stick-breaking marginal prod_{k < K} B(1 + N_k, alpha + N_>k),
 * from the class sizes c->ck. */
static double
sticks_lml(const struct chain *c)
{
	size_t k, K = c->d->K;
	long after = 0;
	double l = 0;

	for (k = 0; k < K; k++)
		after += c->ck[k];
	for (k = 0; k + 1 < K; k++) {
		after -= c->ck[k];
		l += lgam(1.0 + (double)c->ck[k]) + lgam(c->alpha +
		    (double)after) - lgam(1.0 + c->alpha +
		    (double)(c->ck[k] + after));
	}
	return l;
}

/* log of size times the predictive probability of pattern x in a class of
 * N units, s_j of them on list j. */
static double
predictive(const struct chain *c, const unsigned char *x, const long *s,
    long N)
{
	size_t j, J = c->d->J;
	double l = logn(c, N) - (double)J * logn(c, N + 2);

	for (j = 0; j < J; j++)
		l += logn(c, 1 + (x[j] ? s[j] : N - s[j]));
	return l;
}

/* The pattern of batch b: a seen pattern, or (b == M) the unseen one. */
static const unsigned char *
batch_x(const struct chain *c, size_t b)
{
	return b == c->d->M ? c->d->zero : c->d->x + b * c->d->J;
}

static unsigned
batch_count(const struct chain *c, size_t b, size_t k)
{
	return b == c->d->M ? c->c0k[k] : c->czk[b * c->d->K + k];
}

static void
batch_add(struct chain *c, size_t b, size_t k, long v)
{
	if (b == c->d->M)
		c->c0k[k] = (unsigned)((long)c->c0k[k] + v);
	else
		c->czk[b * c->d->K + k] = (unsigned)((long)c->czk[b * c->d->K +
		    k] + v);
}

static void
add_pattern(const struct chain *c, long *s, const unsigned char *x, long v)
{
	size_t j;

	for (j = 0; j < c->d->J; j++)
		s[j] += x[j] ? v : 0;
}

/* A seen unit drawn at random, one unit of (pattern, class) `skip' left
 * out (skip_m == M: none): its pattern and class. */
static void
draw_unit(struct chain *c, size_t skip_m, size_t skip_k, size_t *m_out,
    size_t *k_out)
{
	const struct data *d = c->d;
	size_t m, k, K = d->K;
	long total = d->n - (skip_m < d->M), u;

	u = (long)gsl_rng_uniform_int(c->r, (unsigned long)total);
	for (m = 0; m < d->M; m++)
		for (k = 0; k < K; k++) {
			long w = (long)c->czk[m * K + k] - (m == skip_m &&
			    k == skip_k);

			if (u < w) {
				*m_out = m;
				*k_out = k;
				return;
			}
			u -= w;
		}
	*m_out = d->M - 1;	/* not reached */
	*k_out = K - 1;
}

/* The class sizes, seen and unseen, into c->ck. */
static void
class_sizes(struct chain *c)
{
	size_t K = c->d->K, m, k;

	for (k = 0; k < K; k++)
		c->ck[k] = c->c0k[k];
	for (m = 0; m < c->d->M; m++)
		for (k = 0; k < K; k++)
			c->ck[k] += c->czk[m * K + k];
}

/* Take out (v = -1) or put back (v = 1) batch b's units in the two classes
 * being built: bt[b] units, bk[b] of them in the second. */
static void
batch_move(struct chain *c, size_t b, long v, long *na, long *nb)
{
	const struct data *d = c->d;
	long inb = (long)c->bk[b], ina = (long)c->bt[b] - inb;
	size_t t;

	if (b < d->M)		/* the unseen are on no list */
		for (t = d->on[b]; t < d->on[b + 1]; t++) {
			c->sa[d->onj[t]] += v * ina;
			c->sb[d->onj[t]] += v * inb;
		}
	*na += v * ina;
	*nb += v * inb;
}

/*
 * One pass over the batches in a new random order: each batch's units go
 * to the second class, each with the probability that the two classes
 * without them give (size times predictive probability).  With first,
 * the batches are not in the classes yet (a sequential allocation);
 * otherwise each is taken out first (a restricted Gibbs scan).  With
 * score, nothing is drawn: each batch goes back to what the current
 * state holds in kb (anchor j apart).  Returns the log probability of
 * the pass's outcome.
 */
static double
scan(struct chain *c, size_t nbatch, size_t kb, size_t mj, int first,
    int score, long *na, long *nb)
{
	size_t t, b;
	double lq = 0;

	if (nbatch == 0)	/* gsl_ran_shuffle would run off the start */
		return 0;
	gsl_ran_shuffle(c->r, c->batch, nbatch, sizeof(size_t));
	for (t = 0; t < nbatch; t++) {
		const unsigned char *x;
		long cnt, inb;
		double da, lpa, lpb;

		b = c->batch[t];
		x = batch_x(c, b);
		if (!first)
			batch_move(c, b, -1, na, nb);
		cnt = (long)c->bt[b];
		da = predictive(c, x, c->sa, *na) - predictive(c, x, c->sb,
		    *nb);
		/* log P(second), log P(first) = -log(1 + e^da), -log(1 +
		 * e^-da) */
		lpb = da > 0 ? -(da + log1p(exp(-da))) : -log1p(exp(da));
		lpa = da > 0 ? -log1p(exp(-da)) : da - log1p(exp(da));
		if (score)
			inb = (long)batch_count(c, b, kb) - (b == mj);
		else
			inb = (long)msei_binomial(c->r, exp(lpb),
			    (unsigned)cnt);
		if (inb > 0)
			lq += (double)inb * lpb;
		if (cnt - inb > 0)
			lq += (double)(cnt - inb) * lpa;
		c->bk[b] = (unsigned)inb;
		batch_move(c, b, 1, na, nb);
	}
	return lq;
}

/*
 * The allocation of the members of classes ka and kb (kb == ka: a split,
 * kb the empty class kn receives), anchors i (pattern mi, to ka) and j
 * (mj, to kb or kn) apart.  A sequential allocation from the anchors
 * alone, then SM_SCANS restricted Gibbs scans, build a launch state
 * (Jain and Neal 2004: it depends on the members and the anchors only,
 * so a split and its merge share it); one more scan from it then draws
 * the split (split), or scores the current one (a merge, whose reverse
 * it is).  The scans between let the launch find a split that the
 * sequential allocation alone misses: on 20 lists, chains that had sat
 * for minutes in one class structure or another met in seconds
 * (doc/lcm-mixing.md, "Intermediate scans").  Returns log q of that last
 * scan, and leaves the sizes and list counts of the two classes in sa,
 * na and sb, nb, and each batch's share of the second in bk.
 */
static double
allocate(struct chain *c, size_t ka, size_t kb, size_t mi, size_t mj,
    int split, long *na, long *nb)
{
	const struct data *d = c->d;
	size_t nbatch = 0, b;
	int t;

	memset(c->sa, 0, d->J * sizeof(long));
	memset(c->sb, 0, d->J * sizeof(long));
	add_pattern(c, c->sa, batch_x(c, mi), 1);
	add_pattern(c, c->sb, batch_x(c, mj), 1);
	*na = *nb = 1;
	memset(c->bk, 0, (d->M + 1) * sizeof(*c->bk));
	for (b = 0; b <= d->M; b++) {
		long cnt = (long)batch_count(c, b, ka) + (split ? 0 :
		    (long)batch_count(c, b, kb)) - (b == mi) - (b == mj);

		c->bt[b] = cnt > 0 ? (unsigned)cnt : 0;
		if (cnt > 0)
			c->batch[nbatch++] = b;
	}
	scan(c, nbatch, kb, mj, 1, 0, na, nb);
	for (t = 0; t < SM_SCANS; t++)
		scan(c, nbatch, kb, mj, 0, 0, na, nb);
	return scan(c, nbatch, kb, mj, 0, !split, na, nb);
}

static void
split_merge(struct chain *c)
{
	const struct data *d = c->d;
	size_t K = d->K, M = d->M, mi, ki, mj, kj, k, kn = 0, b, j;
	long na, nb, empty = 0;
	double lq, lr, before, after;

	if (d->n < 2)
		return;
	draw_unit(c, M, 0, &mi, &ki);
	draw_unit(c, mi, ki, &mj, &kj);
	class_sizes(c);
	for (k = 0; k < K; k++)
		empty += c->ck[k] == 0;
	if (ki == kj) {
		long u;

		if (empty == 0)
			return;
		u = (long)gsl_rng_uniform_int(c->r, (unsigned long)empty);
		for (k = 0; k < K; k++)
			if (c->ck[k] == 0 && u-- == 0)
				break;
		kn = k;
		lq = allocate(c, ki, ki, mi, mj, 1, &na, &nb);
		/* The list counts of the whole class. */
		for (j = 0; j < d->J; j++)
			c->sab[j] = c->sa[j] + c->sb[j];
		before = class_lml(c, c->sab, na + nb) + sticks_lml(c);
		c->ck[ki] = na;
		c->ck[kn] = nb;
		after = class_lml(c, c->sa, na) + class_lml(c, c->sb, nb) +
		    sticks_lml(c);
		lr = after - before + log((double)empty) - lq;
		if (lr < 0 && gsl_rng_uniform(c->r) >= exp(lr))
			return;
		for (b = 0; b <= M; b++) {
			batch_add(c, b, ki, -(long)c->bk[b]);
			batch_add(c, b, kn, (long)c->bk[b]);
		}
		batch_add(c, mj, ki, -1);
		batch_add(c, mj, kn, 1);
		return;
	}
	lq = allocate(c, ki, kj, mi, mj, 0, &na, &nb);
	for (j = 0; j < d->J; j++)
		c->sab[j] = c->sa[j] + c->sb[j];
	before = class_lml(c, c->sa, na) + class_lml(c, c->sb, nb) +
	    sticks_lml(c);
	c->ck[ki] = na + nb;
	c->ck[kj] = 0;
	after = class_lml(c, c->sab, na + nb) + sticks_lml(c);
	lr = after - before - log((double)(empty + 1)) + lq;
	if (lr < 0 && gsl_rng_uniform(c->r) >= exp(lr))
		return;
	for (b = 0; b <= M; b++) {
		unsigned v = batch_count(c, b, kj);

		batch_add(c, b, ki, (long)v);
		batch_add(c, b, kj, -(long)v);
	}
}

/*
 * Label swaps, after each split-merge attempt: K times, two classes drawn
 * at random trade their labels, accepted with the Metropolis ratio of
 * the stick-breaking marginal (the classes' own marginal does not see
 * labels).  The sticks favour large classes first, so a class that a
 * split opened in a late empty slot is costly until it moves up; without
 * the swaps, chains on many lists sat in one class structure or another
 * for minutes (doc/lcm-mixing.md, "Label swaps").
 */
static void
swap_labels(struct chain *c)
{
	const struct data *d = c->d;
	size_t K = d->K, M = d->M, ka, kb, m, t;
	double before, after;

	/* split_merge leaves c->ck as its last proposal had it. */
	class_sizes(c);
	for (t = 0; t < K; t++) {
		long tmp;

		ka = gsl_rng_uniform_int(c->r, (unsigned long)K);
		kb = gsl_rng_uniform_int(c->r, (unsigned long)K);
		if (ka == kb || c->ck[ka] == c->ck[kb])
			continue;
		before = sticks_lml(c);
		tmp = c->ck[ka];
		c->ck[ka] = c->ck[kb];
		c->ck[kb] = tmp;
		after = sticks_lml(c);
		if (after < before && gsl_rng_uniform(c->r) >= exp(after -
		    before)) {
			c->ck[kb] = c->ck[ka];
			c->ck[ka] = tmp;
			continue;
		}
		for (m = 0; m <= M; m++) {
			unsigned u = batch_count(c, m, ka), v = batch_count(c,
			    m, kb);

			batch_add(c, m, ka, (long)v - (long)u);
			batch_add(c, m, kb, (long)u - (long)v);
		}
	}
}

static int
sweep(struct chain *c, int with_alpha)
{
	sample_observed(c);
	if (c->sm && ++c->sweeps % SM_EVERY == 0) {
		split_merge(c);
		swap_labels(c);
	}
	sample_lambda(c);
	sample_nu(c);
	prob_zero(c);
	if (sample_n0(c) != MSE_OK)
		return MSE_ENOCONV;
	sample_unseen(c);
	if (with_alpha)
		sample_alpha(c);
	return MSE_OK;
}

/* ---- initialisation (Initializes) ------------------------------------- */

/* Relabel the classes by decreasing pi_k, as LCMCR's stable sort on
 * 1 - pi_k (std::sort is an insertion sort below 17 elements). */
static void
relabel(struct chain *c)
{
	const struct data *d = c->d;
	size_t K = d->K, k, i, j, m, *perm = (size_t *)c->cum;
	double *tmp = c->p;

	for (k = 0; k < K; k++) {
		for (i = k; i > 0 && 1.0 - c->nu[perm[i - 1]] > 1.0 -
		    c->nu[k]; i--)
			perm[i] = perm[i - 1];
		perm[i] = k;
	}
#define PERMUTE(arr, stride, off, type) do {				\
		for (k = 0; k < K; k++)					\
			tmp[k] = (double)(arr)[perm[k] * (stride) + (off)]; \
		for (k = 0; k < K; k++)					\
			(arr)[k * (stride) + (off)] = (type)tmp[k];	\
	} while (0)
	for (m = 0; m < d->M; m++)
		PERMUTE(c->czk + m * K, 1, 0, unsigned);
	for (j = 0; j < d->J; j++) {
		PERMUTE(c->ll + j * K * 2, 2, 0, double);
		PERMUTE(c->ll + j * K * 2, 2, 1, double);
		PERMUTE(c->lin + j * K * 2, 2, 0, double);
		PERMUTE(c->lin + j * K * 2, 2, 1, double);
		PERMUTE(c->aux + j * K * 2, 2, 0, long);
		PERMUTE(c->aux + j * K * 2, 2, 1, long);
	}
	PERMUTE(c->nu, 1, 0, double);
	PERMUTE(c->lnu, 1, 0, double);
	PERMUTE(c->ck, 1, 0, long);
	PERMUTE(c->c0k, 1, 0, unsigned);
#undef PERMUTE
}

static int
chain_init(struct chain *c)
{
	const struct data *d = c->d;
	size_t K = d->K, j, k, m;
	double acc = 0;
	int i;

	c->alpha = 1.0;
	for (k = 0; k + 1 < K; k++) {
		double g1 = log_gamma1(c->r, 1), g2 = log_gamma1(c->r, 1);
		double gs = log_sum(g1, g2);

		c->lnu[k] = g1 - gs + acc;
		acc += g2 - gs;
	}
	c->lnu[K - 1] = acc;
	for (k = 0; k < K; k++)
		c->nu[k] = exp(c->lnu[k]);
	sort_classes(c);
	for (j = 0; j < d->J; j++) {
		long seen = 0;
		double p;

		for (m = 0; m < d->M; m++)
			seen += d->x[m * d->J + j] ? (long)d->f[m] : 0;
		p = (double)seen / (double)d->n;
		for (k = 0; k < K; k++) {
			double q = p;

			/* Started apart: class k is list k's. */
			if (c->apart && k < d->J)
				q = k == j ? 0.9 : p / 5;
			if (c->o->start_sd > 0)
				q = 1 / (1 + exp(-(log(q) - log1p(-q) +
				    gsl_ran_gaussian_ziggurat(c->r,
				    c->o->start_sd))));
			LL(c, j, k, 1) = log(q);
			LL(c, j, k, 0) = log1p(-q);
			LIN(c, j, k, 1) = q;
			LIN(c, j, k, 0) = 1 - q;
		}
	}
	if (!c->lcmcr)
		lin_odds(c);
	c->alpha = 0.3 / (double)K;
	for (i = 0; i < WARMUP; i++)
		if (sweep(c, 0) != MSE_OK)
			return MSE_ENOCONV;
	relabel(c);
	if (!c->lcmcr)
		lin_odds(c);
	sort_classes(c);
	return MSE_OK;
}

static void
chain_free(struct chain *c)
{
	if (c->r != NULL)
		gsl_rng_free(c->r);
	if (c->rp != NULL)
		gsl_rng_free(c->rp);
	free(c->cell);
	free(c->cls);
	free(c->yrep);
	free(c->rep);
	free(c->rep0);
	free(c->pat);
	free(c->ll);
	free(c->lin);
	free(c->lnu);
	free(c->nu);
	free(c->p);
	free(c->cum);
	free(c->czk);
	free(c->c0k);
	free(c->ck);
	free(c->aux);
	free(c->order);
	free(c->seen);
	free(c->q0);
	free(c->odds);
	free(c->dense);
	free(c->sa);
	free(c->sb);
	free(c->sab);
	free(c->bk);
	free(c->bt);
	free(c->batch);
	free(c->logi);
	memset(c, 0, sizeof(*c));
}

static int
chain_alloc(struct chain *c, const struct data *d,
    const struct mse_lcm_options *o, unsigned long seed)
{
	size_t K = d->K, i;

	memset(c, 0, sizeof(*c));
	c->d = d;
	c->o = o;
	c->lcmcr = o->sampler == MSE_LCM_LCMCR;
	/* GSL's taus2 (L'Ecuyer 1996), LCMCR's generator, for both samplers:
	 * maximally equidistributed, period 2^88, and with the fast sampler
	 * it ran Kosovo (K = 10) at 109800 sweeps/s against 92800 with
	 * mt19937 (best of 7 runs each, one thread, the reference machine). */
	c->r = gsl_rng_alloc(gsl_rng_taus2);
	c->ll = msei_calloc(d->J * K * 2, sizeof(double));
	c->lin = msei_calloc(d->J * K * 2, sizeof(double));
	c->lnu = msei_calloc(K, sizeof(double));
	c->nu = msei_calloc(K, sizeof(double));
	c->p = msei_calloc(K, sizeof(double));
	c->cum = msei_calloc(K, sizeof(double) > sizeof(size_t) ?
	    sizeof(double) : sizeof(size_t));
	c->czk = msei_calloc(d->M * K, sizeof(unsigned));
	c->c0k = msei_calloc(K, sizeof(unsigned));
	c->ck = msei_calloc(K, sizeof(long));
	c->aux = msei_calloc(d->J * K * 2, sizeof(long));
	c->order = msei_calloc(K, sizeof(size_t));
	c->seen = msei_calloc(K, sizeof(size_t));
	c->q0 = msei_calloc(K, sizeof(double));
	c->odds = msei_calloc(d->J * K, sizeof(double));
	c->dense = msei_calloc(K, 1);
	if (c->order == NULL || c->seen == NULL || c->q0 == NULL ||
	    c->odds == NULL || c->dense == NULL || c->lin == NULL ||
	    c->r == NULL ||
	    c->ll == NULL || c->lnu == NULL || c->nu == NULL ||
	    c->p == NULL || c->cum == NULL || c->czk == NULL ||
	    c->c0k == NULL || c->ck == NULL || c->aux == NULL) {
		chain_free(c);
		return MSE_ENOMEM;
	}
	gsl_rng_set(c->r, seed);
	c->sm = o->sampler == MSE_LCM_FAST && K > 1;
	if (c->sm) {
		c->nlog = (size_t)(CAP + 1) * (size_t)d->n + 3;
		if (c->nlog > SM_LOG_TABLE)
			c->nlog = SM_LOG_TABLE;
		c->sa = msei_calloc(d->J, sizeof(long));
		c->sb = msei_calloc(d->J, sizeof(long));
		c->sab = msei_calloc(d->J, sizeof(long));
		c->bk = msei_calloc(d->M + 1, sizeof(unsigned));
		c->bt = msei_calloc(d->M + 1, sizeof(unsigned));
		c->batch = msei_calloc(d->M + 1, sizeof(size_t));
		c->logi = msei_calloc(c->nlog + 1, sizeof(double));
		if (c->sa == NULL || c->sb == NULL || c->sab == NULL ||
		    c->bk == NULL || c->bt == NULL || c->batch == NULL ||
		    c->logi == NULL) {
			chain_free(c);
			return MSE_ENOMEM;
		}
		for (i = 1; i <= c->nlog; i++)
			c->logi[i] = log((double)i);
	}
	if (d->y == NULL) {
		c->rp = gsl_rng_alloc(gsl_rng_taus2);
		c->rep0 = msei_calloc(K, sizeof(unsigned));
		c->npat = 1024;
		c->pat = msei_calloc(c->npat, sizeof(uint32_t));
		if (c->rp == NULL || c->rep0 == NULL || c->pat == NULL) {
			chain_free(c);
			return MSE_ENOMEM;
		}
		gsl_rng_set(c->rp, seed ^ PPC_SEED_MIX);
	} else {
		size_t cells = (size_t)1 << d->J;

		c->rp = gsl_rng_alloc(gsl_rng_taus2);
		c->cell = msei_calloc(cells, sizeof(double));
		c->cls = msei_calloc(cells, sizeof(double));
		c->yrep = msei_calloc(cells, sizeof(double));
		c->rep = msei_calloc(cells, sizeof(unsigned));
		if (c->rp == NULL || c->cell == NULL || c->cls == NULL ||
		    c->yrep == NULL || c->rep == NULL) {
			chain_free(c);
			return MSE_ENOMEM;
		}
		gsl_rng_set(c->rp, seed ^ PPC_SEED_MIX);
	}
	return MSE_OK;
}

/* ---- the posterior predictive check ------------------------------------ */

/*
 * One draw of the check from the chain's current state, which after a
 * sweep is one posterior draw: lambda, pi and n0 (drawn given them).
 * The cell probabilities pi_x = sum_k pi_k prod_j lambda_jk^x_j
 * (1 - lambda_jk)^(1 - x_j), built list by list for each class (2^J
 * products a class), with list j on bit j as in the table.
 */
static void
ppc_draw(struct chain *c)
{
	const struct data *d = c->d;
	size_t cells = (size_t)1 << d->J, k, j, x;

	memset(c->cell, 0, cells * sizeof(double));
	for (k = 0; k < d->K; k++) {
		size_t half;

		c->cls[0] = c->nu[k];
		for (j = 0, half = 1; j < d->J; j++, half <<= 1) {
			double on = c->lcmcr ? exp(LL(c, j, k, 1)) :
			    LIN(c, j, k, 1);
			double off = c->lcmcr ? exp(LL(c, j, k, 0)) :
			    LIN(c, j, k, 0);

			for (x = 0; x < half; x++) {
				c->cls[x | half] = c->cls[x] * on;
				c->cls[x] *= off;
			}
		}
		for (x = 0; x < cells; x++)
			c->cell[x] += c->cls[x];
	}
	msei_ppc_draw(c->rp, d->y, c->cell, (double)(c->n0 + d->n), cells,
	    c->rep, c->yrep, &c->ppc);
}

/* ---- chains on threads -------------------------------------------------- */

struct chains {
	const struct data *d;
	const struct mse_lcm_options *o;
	struct chain *ch;		/* per chain, kept across rounds */
	unsigned char *started;		/* per chain */
	double *draws;			/* chains x total */
	long from, total;		/* this round: draws from..total-1 */
	long *capped;			/* per chain */
	double *ksum;			/* per chain: occupied classes summed */
};

/* The classes that hold anyone, seen or unseen. */
/*
 * The same check beyond MSEI_PPC_MAX_LISTS, where 2^k cells are too many
 * to tabulate: the Freeman-Tukey statistic over the cells x != 0 is
 *
 *   T(y) = sum_{x != 0, y_x > 0} ((sqrt(y_x) - sqrt(E_x))^2 - E_x)
 *          + N (1 - pi_0),
 *
 * the same sum (a cell with y_x = 0 adds E_x, and the E_x of the cells x
 * != 0 add up to N (1 - pi_0)), so it needs E_x = N sum_k pi_k P(x | k)
 * only at the seen cells of y and of the replicate.  The replicate is
 * drawn unit by unit where it matters: the class sizes ~ Multinomial(N,
 * pi), in class k the number seen ~ Binomial(u_k, 1 - q_k), and each seen
 * unit's pattern given that some list saw it -- the first list on, j with
 * probability prod_{i < j} (1 - lambda_ik) lambda_jk / (1 - q_k), then the
 * later lists each on with lambda_ik -- the same Multinomial(N; pi) over
 * the cells as msei_ppc_draw's, in O(seen x lists) draws.
 */

/* P(x | k) of the pattern whose lists on are on[0..n-1]. */
static double
pattern_prob(const struct chain *c, size_t k, const size_t *on, size_t n)
{
	size_t K = c->d->K, t, j;
	double p = c->q0[k];

	if (!c->dense[k]) {
		for (t = 0; t < n; t++)
			p *= c->odds[on[t] * K + k];
		return p;
	}
	for (j = 0, t = 0, p = 1; j < c->d->J; j++) {
		int x = t < n && on[t] == j;

		p *= LIN(c, j, k, x);
		t += (size_t)x;
	}
	return p;
}

/* E_x = N sum_k pi_k P(x | k); its Freeman-Tukey term for a count y. */
static double
ft_term(const struct chain *c, double N, const size_t *on, size_t n,
    double y)
{
	size_t k;
	double e = 0, dd;

	for (k = 0; k < c->d->K; k++)
		e += c->nu[k] * pattern_prob(c, k, on, n);
	e *= N;
	dd = sqrt(y) - sqrt(e);
	return dd * dd - e;
}

static int
cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/* One seen unit of class k: its pattern, list j as bit j. */
static uint32_t
seen_pattern(struct chain *c, size_t k)
{
	size_t J = c->d->J, j;
	double u = gsl_rng_uniform(c->rp) * (1 - c->q0[k]), pre = 1;
	uint32_t x;

	for (j = 0; j + 1 < J; j++) {
		double on = pre * LIN(c, j, k, 1);

		if (u < on)
			break;
		u -= on;
		pre *= LIN(c, j, k, 0);
	}
	x = (uint32_t)1 << j;
	for (j++; j < J; j++)
		if (gsl_rng_uniform(c->rp) < LIN(c, j, k, 1))
			x |= (uint32_t)1 << j;
	return x;
}

static int
ppc_seen(struct chain *c)
{
	const struct data *d = c->d;
	size_t K = d->K, J = d->J, k, j, m, t, n, i, on[32];
	double N = (double)(c->n0 + d->n), pi0 = 0, tobs, trep;
	size_t total = 0;

	/* The fast sampler's factors (lin_odds) are those of its last
	 * lambda; LCMCR's sampler keeps lambda as logs, and uses neither
	 * LIN nor the factors, so they are made here from them. */
	if (c->lcmcr) {
		for (j = 0; j < J; j++)
			for (k = 0; k < K; k++) {
				LIN(c, j, k, 0) = exp(LL(c, j, k, 0));
				LIN(c, j, k, 1) = exp(LL(c, j, k, 1));
			}
		lin_odds(c);
	}
	for (k = 0; k < K; k++)
		pi0 += c->nu[k] * c->q0[k];
	/* The observed table. */
	tobs = N * (1 - pi0);
	for (m = 0; m < d->M; m++) {
		for (t = d->on[m], n = 0; t < d->on[m + 1]; t++)
			on[n++] = d->onj[t];
		tobs += ft_term(c, N, on, n, (double)d->f[m]);
	}
	/* A replicate: class sizes, then each class's seen units. */
	gsl_ran_multinomial(c->rp, K, (unsigned)N, c->nu, c->rep0);
	for (k = 0; k < K; k++) {
		unsigned s = c->q0[k] >= 1 ? 0 : gsl_ran_binomial(c->rp,
		    1 - c->q0[k], c->rep0[k]);

		if (total + s > c->npat) {
			size_t cap = 2 * (total + s);
			uint32_t *p = msei_reallocarray(c->pat, cap,
			    sizeof(*p));

			if (p == NULL)
				return MSE_ENOMEM;
			c->pat = p;
			c->npat = cap;
		}
		for (i = 0; i < s; i++)
			c->pat[total++] = seen_pattern(c, k);
	}
	qsort(c->pat, total, sizeof(*c->pat), cmp_u32);
	trep = N * (1 - pi0);
	for (i = 0; i < total; i = t) {
		for (t = i; t < total && c->pat[t] == c->pat[i]; t++)
			;
		for (j = 0, n = 0; j < J; j++)
			if (c->pat[i] >> j & 1)
				on[n++] = j;
		trep += ft_term(c, N, on, n, (double)(t - i));
	}
	msei_ppc_count(&c->ppc, tobs, trep);
	return MSE_OK;
}

void
msei_lcm_ppc_sparse(int on)
{
	ppc_sparse_always = on != 0;
}

static size_t
occupied(const struct chain *c)
{
	size_t K = c->d->K, M = c->d->M, k, m, n = 0;

	for (k = 0; k < K; k++) {
		int any = c->c0k[k] > 0;

		for (m = 0; !any && m < M; m++)
			any = c->czk[m * K + k] > 0;
		n += (size_t)any;
	}
	return n;
}

/* Run chain i for one round, one job of the pool: its seed is seed + i,
 * whichever thread runs it, and its state carries over to the next
 * round.  The first round also runs the warm-up and the burn-in.  A unit
 * of progress is a sweep; a chain stops early once another has failed. */
static int
run_chain(struct msei_pool *p, size_t i, size_t worker)
{
	struct chains *ch = p->arg;
	const struct mse_lcm_options *o = ch->o;
	double *out = ch->draws + i * (size_t)ch->total;
	struct chain *c = &ch->ch[i];
	long s, t;
	int rc = MSE_OK;

	(void)worker;
	if (!ch->started[i]) {
		rc = chain_alloc(c, ch->d, o, o->seed + (unsigned long)i);
		c->apart = o->start == MSE_LCM_START_LISTS && i % 2 == 1;
		ch->started[i] = rc == MSE_OK;
		if (rc == MSE_OK)
			rc = chain_init(c);
		msei_pool_advance(p, WARMUP);
		for (s = 0; rc == MSE_OK && s < o->burnin &&
		    !msei_pool_stopped(p); s++) {
			rc = sweep(c, 1);
			if (s % TICK == TICK - 1)
				msei_pool_advance(p, TICK);
		}
		msei_pool_advance(p, (size_t)(o->burnin % TICK));
		c->capped = 0;
	}
	for (s = ch->from; rc == MSE_OK && s < ch->total &&
	    !msei_pool_stopped(p); s++) {
		for (t = 0; rc == MSE_OK && t < o->thin; t++)
			rc = sweep(c, 1);
		out[s] = (double)(c->n0 + ch->d->n);
		ch->ksum[i] += (double)occupied(c);
		if (rc == MSE_OK && ch->d->y != NULL)
			ppc_draw(c);
		else if (rc == MSE_OK)
			rc = ppc_seen(c);
		msei_pool_advance(p, (size_t)o->thin);
	}
	ch->capped[i] = c->capped;
	return rc;
}

/* ---- the fit ------------------------------------------------------------ */

static int
check_options(const struct mse_lcm_options *o, struct mse_error *err)
{
	if (o->classes < 1 || o->classes > 1000)
		return msei_error(err, MSE_EINVAL, "the number of classes "
		    "must be from 1 to 1000");
	if (!(o->a_alpha > 0 && o->b_alpha > 0 && isfinite(o->a_alpha) &&
	    isfinite(o->b_alpha)))
		return msei_error(err, MSE_EINVAL, "the Gamma prior on alpha "
		    "needs a > 0 and b > 0");
	if (o->samples < 4 || o->burnin < 0 || o->thin < 1 ||
	    o->samples > 100000000 || o->thin > 100000000 ||
	    o->burnin > 1000000000)
		return msei_error(err, MSE_EINVAL, "the sampler needs 4 or "
		    "more samples, a thinning from 1 and no negative burn-in");
	if (o->chains < 1 || o->chains > 1024)
		return msei_error(err, MSE_EINVAL, "from 1 to 1024 chains");
	if (!(o->start_sd >= 0 && o->start_sd <= 100))
		return msei_error(err, MSE_EINVAL, "the spread of the starts "
		    "must be from 0 to 100");
	if (o->start_sd > 0 && o->sampler == MSE_LCM_LCMCR)
		return msei_error(err, MSE_EINVAL, "over-dispersed starts "
		    "change LCMCR's sequence of draws: not with its sampler");
	if (o->start != MSE_LCM_START_ALIKE && o->start != MSE_LCM_START_LISTS)
		return msei_error(err, MSE_EINVAL, "unknown start");
	if (o->start != MSE_LCM_START_ALIKE && o->sampler == MSE_LCM_LCMCR)
		return msei_error(err, MSE_EINVAL, "starts in another class "
		    "structure change LCMCR's sequence of draws: not with its "
		    "sampler");
	if (o->threads < 0)
		return msei_error(err, MSE_EINVAL, "the number of threads "
		    "must be 0 (one per processor) or more, not %d",
		    o->threads);
	if (o->sampler != MSE_LCM_FAST && o->sampler != MSE_LCM_LCMCR)
		return msei_error(err, MSE_EINVAL, "unknown sampler");
	if (o->max_sweeps < 0 || o->max_seconds < 0 ||
	    !isfinite(o->max_seconds) || !(o->rhat_max > 1) ||
	    !(o->ess_min > 0) || !isfinite(o->ess_min))
		return msei_error(err, MSE_EINVAL, "the rounds need a budget "
		    "from 0, R-hat above 1 and a positive ESS");
	return MSE_OK;
}

/* The observed patterns in LCMCR's order: lexicographic, list 1 the most
 * significant, as the rows of a table read by R. */
static void
data_free(struct data *d)
{
	free(d->x);
	free(d->f);
	free(d->y);
	free(d->on);
	free(d->onj);
}

/* The lists each seen pattern is on (the fast sampler's sparse loops). */
static int
make_ones(struct data *d)
{
	size_t m, j, t = 0;

	for (m = 0; m < d->M * d->J; m++)
		t += d->x[m];
	d->on = msei_calloc(d->M + 1, sizeof(*d->on));
	d->onj = msei_calloc(t + 1, 1);
	if (d->on == NULL || d->onj == NULL)
		return MSE_ENOMEM;
	for (m = 0, t = 0; m < d->M; m++) {
		d->on[m] = t;
		for (j = 0; j < d->J; j++)
			if (d->x[m * d->J + j])
				d->onj[t++] = (unsigned char)j;
	}
	d->on[d->M] = t;
	return MSE_OK;
}

/* A seen pattern and its key in LCMCR's order of the cells: the pattern
 * with its bits reversed (list 1 the highest bit). */
struct seen {
	uint32_t key, p;
};

static int
seen_cmp(const void *a, const void *b)
{
	uint32_t x = ((const struct seen *)a)->key;
	uint32_t y = ((const struct seen *)b)->key;

	return (x > y) - (x < y);
}

static int
make_data(const struct mse_table *t, size_t K, struct data *d,
    struct mse_error *err)
{
	size_t J = mse_table_lists(t), j, m, M = 0;
	uint32_t key, cells = mse_table_cells(t), p;
	double n = mse_table_observed(t);
	struct seen *s;

	memset(d, 0, sizeof(*d));
	if (!(n >= 1 && n * (CAP + 1) < 2147483647.0))
		return msei_error(err, MSE_EDOMAIN, "the latent-class model "
		    "needs 1 to %.0f observed units, not %.0f",
		    2147483647.0 / (CAP + 1), n);
	d->J = J;
	d->K = K;
	d->n = (long)n;
	/* The seen patterns, in LCMCR's order (a sparse table has no other
	 * cells to visit). */
	for (p = mse_table_next(t, 0); p != 0; p = mse_table_next(t, p))
		M++;
	s = msei_calloc(M + 1, sizeof(*s));
	d->x = msei_calloc(M * J + 1, 1);
	d->f = msei_calloc(M + 1, sizeof(*d->f));
	if (s == NULL || d->x == NULL || d->f == NULL) {
		free(s);
		return msei_error(err, MSE_ENOMEM, "out of memory");
	}
	for (m = 0, p = mse_table_next(t, 0); p != 0;
	    p = mse_table_next(t, p), m++) {
		for (key = 0, j = 0; j < J; j++)
			if (p & (1u << j))
				key |= 1u << (J - 1 - j);
		s[m] = (struct seen){ key, p };
	}
	qsort(s, M, sizeof(*s), seen_cmp);
	for (m = 0; m < M; m++) {
		for (j = 0; j < J; j++)
			d->x[d->M * J + j] = (s[m].p >> j) & 1;
		d->f[d->M++] = (unsigned)mse_table_get(t, s[m].p);
	}
	free(s);
	if (make_ones(d) != MSE_OK)
		return msei_error(err, MSE_ENOMEM, "out of memory");
	if (J > MSEI_PPC_MAX_LISTS || ppc_sparse_always)
		return MSE_OK;
	d->y = msei_calloc(cells + 1, sizeof(double));
	if (d->y == NULL)
		return msei_error(err, MSE_ENOMEM, "out of memory");
	for (key = 1; key <= cells; key++)
		d->y[key] = mse_table_get(t, key);
	return MSE_OK;
}

static int
summarise(struct mse_lcm *m, struct mse_error *err)
{
	size_t S = (size_t)m->chains * (size_t)m->samples, i;
	double s1 = 0, s2 = 0;

	m->sorted = msei_calloc(S, sizeof(double));
	if (m->sorted == NULL)
		return msei_error(err, MSE_ENOMEM, "out of memory");
	memcpy(m->sorted, m->draws, S * sizeof(double));
	qsort(m->sorted, S, sizeof(double), msei_cmp_double);
	for (i = 0; i < S; i++)
		s1 += m->draws[i];
	m->mean = s1 / (double)S;
	for (i = 0; i < S; i++)
		s2 += (m->draws[i] - m->mean) * (m->draws[i] - m->mean);
	m->sd = S > 1 ? sqrt(s2 / (double)(S - 1)) : NAN;
	return mse_mcmc_diagnose(m->draws, (size_t)m->chains,
	    (size_t)m->samples, &m->rhat, &m->ess_bulk, &m->ess_tail, err);
}

/* Room for `total` draws a chain, the `from` drawn kept in place. */
static int
grow(struct mse_lcm *m, long from, long total)
{
	double *d = msei_calloc((size_t)m->chains, (size_t)total *
	    sizeof(double));
	int c;

	if (d == NULL)
		return MSE_ENOMEM;
	for (c = 0; c < m->chains; c++)
		memcpy(d + (size_t)c * (size_t)total, m->draws +
		    (size_t)c * (size_t)from, (size_t)from * sizeof(double));
	free(m->draws);
	m->draws = d;
	return MSE_OK;
}

/* After a round: whether to stop (sets m->stop); if not, *grow is by how
 * much to multiply the draws: 2 while R-hat is off target, else 1.2 times
 * what the ESS says is missing (ESS grows in proportion to the draws),
 * from 1.25 to 2. */
static int
done(struct mse_lcm *m, const struct mse_lcm_options *o, long total,
    const struct timespec *start, double *grow, struct mse_error *err)
{
	double rhat, eb, et;
	int rc;

	if (o->max_sweeps == 0) {
		m->stop = MSE_LCM_STOP_FIXED;
		return 1;
	}
	rc = mse_mcmc_diagnose(m->draws, (size_t)m->chains, (size_t)total,
	    &rhat, &eb, &et, err);
	if (rc != MSE_OK || isnan(rhat) || isnan(eb) || isnan(et))
		m->stop = MSE_LCM_STOP_UNDEFINED;
	else if (rhat <= o->rhat_max && eb >= o->ess_min && et >= o->ess_min)
		m->stop = MSE_LCM_STOP_CONVERGED;
	else if (total * o->thin >= o->max_sweeps)
		m->stop = MSE_LCM_STOP_SWEEPS;
	else if (o->max_seconds > 0 && msei_seconds_since(start) >=
	    o->max_seconds)
		m->stop = MSE_LCM_STOP_SECONDS;
	else {
		*grow = rhat > o->rhat_max ? 2 :
		    1.2 * o->ess_min / (eb < et ? eb : et);
		*grow = *grow < 1.25 ? 1.25 : *grow > 2 ? 2 : *grow;
		return 0;
	}
	return 1;
}

/*
 * The chains, in rounds: the first of `samples` draws a chain, each next
 * one 1.25 to 2 times as many as are drawn so far (so the diagnostics
 * run O(log) times), until done() says stop.  With max_sweeps 0 there is
 * one round, as LCMCR runs.  Under max_seconds, a round is cut to what the
 * time left affords at the pace of the round before, and when that is
 * less than the least growth (1.25 times) the chains stop there: the
 * budget is kept to the variation of that pace, not overrun by a round
 * as long as all before it.  The first round runs whole.
 */
static int
sample(struct mse_lcm *m, const struct data *d,
    const struct mse_lcm_options *o, struct mse_error *err)
{
	struct timespec start;
	struct msei_pool p;
	struct chains ch;
	int rc = MSE_OK, i;
	long total = o->samples, from = 0;
	double g = 2;

	clock_gettime(CLOCK_MONOTONIC, &start);
	memset(&ch, 0, sizeof(ch));
	ch.d = d;
	ch.o = o;
	ch.capped = msei_calloc((size_t)o->chains, sizeof(long));
	ch.ch = msei_calloc((size_t)o->chains, sizeof(*ch.ch));
	ch.started = msei_calloc((size_t)o->chains, 1);
	ch.ksum = msei_calloc((size_t)o->chains, sizeof(double));
	m->classes = msei_calloc((size_t)o->chains, sizeof(double));
	if (ch.capped == NULL || ch.ch == NULL || ch.started == NULL ||
	    ch.ksum == NULL || m->classes == NULL)
		rc = MSE_ENOMEM;
	for (;;) {
		struct timespec round_start;

		if (rc != MSE_OK)
			break;
		clock_gettime(CLOCK_MONOTONIC, &round_start);
		memset(&p, 0, sizeof(p));
		ch.draws = m->draws;
		ch.from = from;
		ch.total = total;
		p.njobs = (size_t)o->chains;
		p.threads = o->threads;
		p.arg = &ch;
		p.job = run_chain;
		p.units = (size_t)o->chains * (size_t)((from == 0 ? WARMUP +
		    o->burnin : 0) + (total - from) * o->thin);
		p.progress = o->progress;
		p.progress_arg = o->progress_arg;
		if ((rc = msei_pool_run(&p, NULL)) != MSE_OK)
			break;
		m->samples = total;
		if (done(m, o, total, &start, &g, err))
			break;
		from = total;
		total = (long)ceil(g * (double)total);
		if (total * o->thin > o->max_sweeps)
			total = o->max_sweeps / o->thin > from ?
			    o->max_sweeps / o->thin : from + 1;
		total = msei_round_end(o->max_seconds, &start, &round_start,
		    (long)(p.units / (size_t)o->chains), o->thin, from, total);
		if (total == 0) {
			m->stop = MSE_LCM_STOP_SECONDS;
			break;
		}
		rc = grow(m, from, total);
	}
	m->ppc.why = d->why;
	for (i = 0; ch.ch != NULL && i < o->chains; i++) {
		if (rc == MSE_OK) {
			m->capped += ch.capped[i];
			m->classes[i] = ch.ksum[i] / (double)m->samples;
		}
		/* Chain by chain, in order: the same sums on any threads. */
		if (rc == MSE_OK && ch.started[i])
			msei_ppc_add(&m->ppc, &ch.ch[i].ppc);
		if (ch.started[i])
			chain_free(&ch.ch[i]);
	}
	free(ch.capped);
	free(ch.ksum);
	free(ch.ch);
	free(ch.started);
	if (rc == MSE_ENOCONV)
		return msei_error(err, rc, "did not converge: the number "
		    "unseen kept exceeding LCMCR's cap of %d times the %ld "
		    "observed (the model puts nearly everyone in a class that "
		    "no list sees)", CAP, d->n);
	if (rc != MSE_OK)
		return msei_error(err, rc, "out of memory");
	return MSE_OK;
}

int
mse_lcm_fit(const struct mse_table *t, const struct mse_lcm_options *opt,
    struct mse_lcm **out, struct mse_error *err)
{
	struct mse_lcm_options def;
	struct mse_lcm *m;
	struct data d;
	int rc;

	*out = NULL;
	mse_lcm_options_init(&def);
	if (opt != NULL && (rc = msei_sized_in(&def, sizeof(def), opt,
	    "mse_lcm_options", err)) != MSE_OK)
		return rc;
	opt = &def;
	if ((rc = check_options(opt, err)) != MSE_OK)
		return rc;
	m = calloc(1, sizeof(*m));
	if (m == NULL)
		return msei_error(err, MSE_ENOMEM, "out of memory");
	m->chains = opt->chains;
	m->samples = opt->samples;
	m->thin = opt->thin;
	m->draws = msei_calloc((size_t)opt->chains * (size_t)opt->samples,
	    sizeof(double));
	rc = make_data(t, (size_t)opt->classes, &d, err);
	m->n = d.n;
	if (rc == MSE_OK && m->draws == NULL)
		rc = msei_error(err, MSE_ENOMEM, "out of memory");
	if (rc == MSE_OK)
		rc = sample(m, &d, opt, err);
	if (rc == MSE_OK)
		rc = summarise(m, err);
	data_free(&d);
	if (rc != MSE_OK) {
		mse_lcm_free(m);
		return rc;
	}
	*out = m;
	return MSE_OK;
}

void
mse_lcm_free(struct mse_lcm *m)
{
	if (m == NULL)
		return;
	free(m->draws);
	free(m->sorted);
	free(m->classes);
	free(m);
}

/* ---- results ------------------------------------------------------------ */

double
mse_lcm_observed(const struct mse_lcm *m)
{
	return (double)m->n;
}

double
mse_lcm_mean(const struct mse_lcm *m)
{
	return m->mean;
}

double
mse_lcm_sd(const struct mse_lcm *m)
{
	return m->sd;
}

/* The type 7 quantile of all draws, as R's quantile(). */
double
mse_lcm_quantile(const struct mse_lcm *m, double p)
{
	if (!(p >= 0 && p <= 1))
		return NAN;
	return msei_quantile7(m->sorted, (size_t)m->chains *
	    (size_t)m->samples, p);
}

int
mse_lcm_chains(const struct mse_lcm *m)
{
	return m->chains;
}

long
mse_lcm_samples(const struct mse_lcm *m)
{
	return m->samples;
}

double
mse_lcm_draw(const struct mse_lcm *m, int chain, long i)
{
	if (chain < 0 || chain >= m->chains || i < 0 || i >= m->samples)
		return NAN;
	return m->draws[(size_t)chain * (size_t)m->samples + (size_t)i];
}

/* The mean number of classes that hold anyone (seen or unseen) over one
 * chain's draws: chains that disagree on N often sit in different class
 * structures, which the Gibbs sampler moves between rarely. */
double
mse_lcm_chain_classes(const struct mse_lcm *m, int chain)
{
	if (chain < 0 || chain >= m->chains || m->classes == NULL)
		return NAN;
	return m->classes[chain];
}

/* The type 7 quantile of one chain's draws. */
double
mse_lcm_chain_quantile(const struct mse_lcm *m, int chain, double p)
{
	size_t n = (size_t)m->samples;
	double *s, q;

	if (chain < 0 || chain >= m->chains || !(p >= 0 && p <= 1))
		return NAN;
	s = msei_calloc(n, sizeof(*s));
	if (s == NULL)
		return NAN;
	memcpy(s, m->draws + (size_t)chain * n, n * sizeof(*s));
	qsort(s, n, sizeof(*s), msei_cmp_double);
	q = msei_quantile7(s, n, p);
	free(s);
	return q;
}

long
mse_lcm_capped(const struct mse_lcm *m)
{
	return m->capped;
}

/* The largest N the sampler allows: n plus LCMCR's cap on the unseen. */
double
mse_lcm_cap(const struct mse_lcm *m)
{
	return (double)(CAP + 1) * mse_lcm_observed(m);
}

double
mse_lcm_rhat(const struct mse_lcm *m)
{
	return m->rhat;
}

double
mse_lcm_ess_bulk(const struct mse_lcm *m)
{
	return m->ess_bulk;
}

double
mse_lcm_ess_tail(const struct mse_lcm *m)
{
	return m->ess_tail;
}

int
mse_lcm_stop(const struct mse_lcm *m)
{
	return m->stop;
}

long
mse_lcm_sweeps(const struct mse_lcm *m)
{
	return m->samples * m->thin;
}

/* The posterior predictive p-value of the observed cells (ppc.c): one
 * replicated table per kept draw. */
int
mse_lcm_ppc(const struct mse_lcm *m, double *p, double *tobs, double *trep,
    struct mse_error *err)
{
	return msei_ppc_result(&m->ppc, p, tobs, trep, err);
}

/* The tests' chain: default options with K classes, the table's data, a
 * chain seeded `seed' and not started (test_lcm.c's hooks below). */
static int
hook_chain(const struct mse_table *t, int K, unsigned long seed,
    struct mse_lcm_options *o, struct data *d, struct chain *c)
{
	int rc;

	mse_lcm_options_init(o);
	o->classes = K;
	rc = make_data(t, (size_t)K, d, NULL);
	if (rc == MSE_OK)
		rc = chain_alloc(c, d, o, seed);
	return rc;
}

/*
 * For tests (test_lcm.c): the split-merge move alone (with swaps, each
 * followed by the label swaps, as a sweep does), `moves' times, on table
 * t with K classes, n0 unseen, a fixed alpha; every seen unit starts in
 * class 0 and the unseen in class 0 as well.  After each move, visit(arg,
 * czk, c0k, M, K) sees the classes (czk: M x K counts by pattern in
 * LCMCR's order, c0k: K).  The moves leave p(z | alpha, n0, x)
 * invariant, which the test checks by enumeration.
 */
int
msei_lcm_split_merge_run(const struct mse_table *t, int K, long n0,
    double alpha, int swaps, unsigned long seed, long moves,
    void (*visit)(void *arg, const unsigned *czk, const unsigned *c0k,
    size_t M, size_t K), void *arg)
{
	struct mse_lcm_options o;
	struct chain c;
	struct data d;
	size_t m;
	long i;
	int rc = hook_chain(t, K, seed, &o, &d, &c);

	if (rc == MSE_OK) {
		for (m = 0; m < d.M; m++)
			c.czk[m * d.K] = d.f[m];
		c.c0k[0] = (unsigned)n0;
		c.n0 = n0;
		c.alpha = alpha;
		for (i = 0; i < moves; i++) {
			split_merge(&c);
			if (swaps)
				swap_labels(&c);
			visit(arg, c.czk, c.c0k, d.M, d.K);
		}
		chain_free(&c);
	}
	data_free(&d);
	return rc;
}

/* The collapsed move of the unseen alone (mse_private.h): it leaves
 * p(u | z_seen, alpha, x) invariant, which the test checks by
 * enumeration. */
int
msei_lcm_unseen_run(const struct mse_table *t, int K, const unsigned *czk,
    double alpha, unsigned long seed, long moves,
    void (*visit)(void *arg, const unsigned *c0k, size_t K), void *arg)
{
	struct mse_lcm_options o;
	struct chain c;
	struct data d;
	long i;
	int rc = hook_chain(t, K, seed, &o, &d, &c);

	if (rc == MSE_OK) {
		memcpy(c.czk, czk, d.M * d.K * sizeof(*c.czk));
		c.alpha = alpha;
		for (i = 0; i < moves; i++) {
			tabulate(&c);
			move_unseen(&c);
			visit(arg, c.c0k, d.K);
		}
		chain_free(&c);
	}
	data_free(&d);
	return rc;
}

/* ---- a fit as text, for the cache of mse_lcm_by (lcmby.c) ------------- */

/*
 * The draws and what summarise() does not compute from them, in hex
 * floating point, so that msei_lcm_read gives back the same fit bit for
 * bit (summarise() recomputes the rest from the same draws).
 */
int
msei_lcm_write(const struct mse_lcm *m, FILE *f)
{
	size_t S = (size_t)m->chains * (size_t)m->samples, i;

	fprintf(f, "lcm %ld %d %ld %ld %d %ld\n", m->n, m->chains,
	    m->samples, m->thin, m->stop, m->capped);
	for (i = 0; i < (size_t)m->chains; i++)
		fprintf(f, "%a%c", m->classes[i],
		    i + 1 < (size_t)m->chains ? ' ' : '\n');
	fprintf(f, "ppc %ld %ld %a %a %d\n", m->ppc.draws, m->ppc.hits,
	    m->ppc.tobs, m->ppc.trep, m->ppc.why != NULL);
	for (i = 0; i < S; i++)
		fprintf(f, "%a\n", m->draws[i]);
	return ferror(f) ? MSE_EIO : MSE_OK;
}

/* The fit msei_lcm_write wrote; MSE_EPARSE when f does not hold one. */
int
msei_lcm_read(FILE *f, struct mse_lcm **out)
{
	struct mse_lcm *m = calloc(1, sizeof(*m));
	size_t S, i;
	int why = 0, rc = MSE_EPARSE;

	*out = NULL;
	if (m == NULL)
		return MSE_ENOMEM;
	if (fscanf(f, "lcm %ld %d %ld %ld %d %ld", &m->n, &m->chains,
	    &m->samples, &m->thin, &m->stop, &m->capped) != 6 ||
	    m->chains < 1 || m->chains > 1024 || m->samples < 1 ||
	    m->samples > (1L << 30) / m->chains || m->n < 0 || m->thin < 1)
		goto fail;
	S = (size_t)m->chains * (size_t)m->samples;
	m->classes = msei_calloc((size_t)m->chains, sizeof(double));
	m->draws = msei_calloc(S, sizeof(double));
	if (m->classes == NULL || m->draws == NULL) {
		rc = MSE_ENOMEM;
		goto fail;
	}
	for (i = 0; i < (size_t)m->chains; i++)
		if (fscanf(f, "%la", &m->classes[i]) != 1)
			goto fail;
	if (fscanf(f, " ppc %ld %ld %la %la %d", &m->ppc.draws, &m->ppc.hits,
	    &m->ppc.tobs, &m->ppc.trep, &why) != 5)
		goto fail;
	m->ppc.why = why ? ppc_too_many : NULL;
	for (i = 0; i < S; i++)
		if (fscanf(f, "%la", &m->draws[i]) != 1 ||
		    !isfinite(m->draws[i]))
			goto fail;
	if ((rc = summarise(m, NULL)) != MSE_OK)
		goto fail;
	*out = m;
	return MSE_OK;
fail:
	mse_lcm_free(m);
	return rc;
}
