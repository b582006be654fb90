/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_lcm.c - unit tests of the latent-class sampler (lcm.c) and of the
 * convergence diagnostics (mcmcdiag.c), against LCMCR 0.4.14
 * (Manrique-Vallier 2016), Vehtari et al. (2021) and a posterior
 * computed by brute force. */
#include <config.h>

#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_sf_gamma.h>

#include "mse_private.h"
#include "../tap.h"

static struct mse_table *
load(const char *name)
{
	const char *top = getenv("top_srcdir");
	struct mse_table *t = NULL;
	char path[4096];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/data/%s", top ? top : ".", name);
	fp = fopen(path, "rb");
	if (fp == NULL)
		return NULL;
	if (mse_table_read(fp, name, 0, &t, NULL) != MSE_OK)
		t = NULL;
	fclose(fp);
	return t;
}

static struct mse_lcm *
run(const struct mse_table *t, int sampler, int K, unsigned long seed,
    int chains, int threads, long samples, long burnin, long thin)
{
	struct mse_lcm_options o;
	struct mse_lcm *m = NULL;
	struct mse_error err;

	mse_lcm_options_init(&o);
	o.sampler = sampler;
	o.classes = K;
	o.seed = seed;
	o.chains = chains;
	o.threads = threads;
	o.samples = samples;
	o.burnin = burnin;
	o.thin = thin;
	if (mse_lcm_fit(t, &o, &m, &err) != MSE_OK)
		printf("# %s\n", err.message);
	return m;
}

/*
 * Note §B.5: LCMCR 0.4.14 on Kosovo, K = 10, a = b = 0.25, burnin 10000,
 * thinning 100.  Our LCMCR sampler makes the same GSL calls in the same
 * order with the same arithmetic, so on the reference stack (Debian 12,
 * GSL 2.7.1, glibc, gcc -O2, x86-64 without FMA contraction) its draws
 * are LCMCR's, bit for bit.  Elsewhere only the distribution is the same.
 */
static void
test_lcmcr_draws(const struct mse_table *kosovo)
{
	static const double s1[10] = { 9999, 10935, 10768, 9705, 9667, 10780,
	    11865, 10769, 10563, 10092 };
	static const double s23[2][3] = { { 11281, 10023, 10803 },
	    { 9810, 10272, 10588 } };
	struct mse_lcm *m = run(kosovo, MSE_LCM_LCMCR, 10, 1, 3, 2, 10,
	    10000, 100);
	int i, same = 1;

#if !defined(__x86_64__)
	printf("# not x86-64: LCMCR's draws may differ in the last bits\n");
#endif
	if (!ok(m != NULL, "LCMCR sampler, Kosovo, seeds 1, 2, 3"))
		return;
	for (i = 0; i < 10; i++)
		same &= mse_lcm_draw(m, 0, i) == s1[i];
	ok(same, "seed 1: the first ten N are LCMCR's (9999 10935 ... "
	    "10092)");
	for (i = 0, same = 1; i < 3; i++)
		same &= mse_lcm_draw(m, 1, i) == s23[0][i] &&
		    mse_lcm_draw(m, 2, i) == s23[1][i];
	ok(same, "seeds 2 and 3: 11281 10023 10803 and 9810 10272 10588");
	mse_lcm_free(m);
}

/* The same draws whatever the number of threads; chain c uses seed + c. */
static void
test_threads(const struct mse_table *t)
{
	struct mse_lcm *a = run(t, MSE_LCM_FAST, 10, 7, 4, 1, 50, 200, 2);
	struct mse_lcm *b = run(t, MSE_LCM_FAST, 10, 7, 4, 4, 50, 200, 2);
	struct mse_lcm *c = run(t, MSE_LCM_FAST, 10, 8, 1, 0, 50, 200, 2);
	struct mse_lcm *d = run(t, MSE_LCM_FAST, 10, 7, 4, 2, 50, 200, 2);
	int c1, i, same = 1, same2 = 1, shifted = 1, bounds = 1;
	double n = mse_table_observed(t);

	if (!ok(a != NULL && b != NULL && c != NULL && d != NULL,
	    "four short runs"))
		goto done;
	for (c1 = 0; c1 < 4; c1++)
		for (i = 0; i < 50; i++) {
			double x = mse_lcm_draw(a, c1, i);

			same &= x == mse_lcm_draw(b, c1, i);
			same2 &= x == mse_lcm_draw(d, c1, i);
			bounds &= x >= n && x <= 21 * n && x == floor(x);
		}
	for (i = 0; i < 50; i++)
		shifted &= mse_lcm_draw(a, 1, i) == mse_lcm_draw(c, 0, i);
	ok(same, "1 thread and 4 threads give the same draws");
	ok(same2, "1 thread and 2 threads give the same draws");
	ok(shifted, "chain 2 of seed 7 is chain 1 of seed 8");
	ok(bounds, "every N is a whole number from n to 21 n (LCMCR's cap)");
done:
	mse_lcm_free(a);
	mse_lcm_free(b);
	mse_lcm_free(c);
	mse_lcm_free(d);
}

/*
 * With one class the model is Mt with Beta(1, 1) priors, and integrating
 * out the lambda_j leaves (Manrique-Vallier 2016, p(N) proportional to 1/N)
 *
 *   P(N | y) ∝ (N - 1)! / (N - n)! prod_j B(n_j + 1, N - n_j + 1),
 *
 * on n <= N <= 21 n (LCMCR's cap): the exact posterior, by brute force.
 */
static void
brute_force(const struct mse_table *t, double *mean, double *sd)
{
	double n = mse_table_observed(t), mx = -HUGE_VAL, z = 0, s1 = 0, s2 = 0;
	size_t J = mse_table_lists(t), j;
	long N, len = (long)(20 * n) + 1, i;
	double *lp = calloc((size_t)len, sizeof(*lp));

	for (i = 0; i < len; i++) {
		N = (long)n + i;
		lp[i] = gsl_sf_lngamma((double)N) -
		    gsl_sf_lngamma((double)i + 1);
		for (j = 0; j < J; j++) {
			double nj = mse_table_list_total(t, j);

			lp[i] += gsl_sf_lnbeta(nj + 1, (double)N - nj + 1);
		}
		mx = fmax(mx, lp[i]);
	}
	for (i = 0; i < len; i++) {
		double w = exp(lp[i] - mx);

		z += w;
		s1 += w * (n + (double)i);
		s2 += w * (n + (double)i) * (n + (double)i);
	}
	*mean = s1 / z;
	*sd = sqrt(s2 / z - *mean * *mean);
	free(lp);
}

static void
test_exact(const struct mse_table *t, int sampler)
{
	double mean, sd, mcse;
	struct mse_lcm *m;

	brute_force(t, &mean, &sd);
	m = run(t, sampler, 1, 3, 4, 0, 2000, 500, 2);
	if (!ok(m != NULL, "%s sampler, one class", sampler ? "LCMCR" :
	    "fast"))
		return;
	/* Monte Carlo standard error from the bulk ESS; 4 of them is a
	 * 6e-5 two-sided chance of failing by bad luck (seeded: it either
	 * passes or fails, every time). */
	mcse = mse_lcm_sd(m) / sqrt(mse_lcm_ess_bulk(m));
	ok(fabs(mse_lcm_mean(m) - mean) < 4 * mcse, "posterior mean %.2f "
	    "within 4 MC s.e. (%.2f) of the exact %.3f", mse_lcm_mean(m),
	    mcse, mean);
	is_rel(mse_lcm_sd(m), sd, 0.1, "posterior sd %.2f within 10%% of the "
	    "exact %.3f", mse_lcm_sd(m), sd);
	ok(mse_lcm_rhat(m) < 1.01 && mse_lcm_ess_bulk(m) > 400, "R-hat "
	    "%.4f < 1.01, bulk ESS %.0f > 400", mse_lcm_rhat(m),
	    mse_lcm_ess_bulk(m));
	mse_lcm_free(m);
}

/* The fast sampler's binomial (inversion and Hormann's BTRS) against the
 * exact probabilities: a chi-square test over the cells with an expected
 * count of 5 or more (the tails pooled), 10^5 draws, seeded. */
static void
test_binomial(void)
{
	static const struct { unsigned n; double p; } c[] = {
		{ 20, 0.3 }, { 100, 0.005 }, { 100, 0.13 }, { 100, 0.4 },
		{ 1131, 0.3 }, { 6000, 0.5 }, { 6000, 0.97 }, { 40, 0.9 },
	};
	gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
	const long draws = 100000;
	size_t i;

	gsl_rng_set(r, 11);
	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		unsigned n = c[i].n, x, lo = n, hi = 0;
		long *cnt = calloc(n + 1, sizeof(*cnt)), d;
		double chi = 0, e, o, elow = 0, olow = 0, q;
		int df = -1;

		for (d = 0; d < draws; d++)
			cnt[msei_binomial(r, c[i].p, n)]++;
		for (x = 0; x <= n; x++)
			if (draws * gsl_ran_binomial_pdf(x, c[i].p, n) >= 5) {
				lo = x < lo ? x : lo;
				hi = x;
			}
		for (x = 0; x <= n; x++) {
			e = draws * gsl_ran_binomial_pdf(x, c[i].p, n);
			o = (double)cnt[x];
			if (x < lo || x > hi) {
				elow += e;
				olow += o;
				continue;
			}
			chi += (o - e) * (o - e) / e;
			df++;
		}
		if (elow >= 5) {
			chi += (olow - elow) * (olow - elow) / elow;
			df++;
		}
		q = gsl_cdf_chisq_Q(chi, df);
		ok(q > 1e-4, "Binomial(%u, %g): chi-square %.1f on %d df, "
		    "p = %.3f", n, c[i].p, chi, df, q);
		free(cnt);
	}
	gsl_rng_free(r);
}

/* Note §C: the deterministic test chains, against posterior 1.4.0. */
static void
test_diagnostics(void)
{
	double *x = calloc(4000, sizeof(*x)), rhat, eb, et;
	int c, t;

	for (c = 1; c <= 4; c++) {
		uint64_t s = (uint64_t)c;
		double y = 0;

		for (t = 1; t <= 1000; t++) {
			s = (1103515245u * s + 12345) % 2147483648u;
			y = 0.9 * y + (double)s / 2147483648.0 - 0.5;
			x[(c - 1) * 1000 + t - 1] = y + 0.1 * (c - 1);
		}
	}
	ok(x[0] == 0.013870078139007092 && x[3999] == 0.77995050356861872,
	    "the test chains start and end as the note's");
	ok(mse_mcmc_diagnose(x, 4, 1000, &rhat, &eb, &et, NULL) == MSE_OK,
	    "diagnose 4 x 1000");
	ok(fabs(rhat - 1.023444) < 5e-7, "R-hat %.6f = 1.023444", rhat);
	ok(fabs(eb - 229.428) < 5e-4, "bulk ESS %.3f = 229.428", eb);
	ok(fabs(et - 444.647) < 5e-4, "tail ESS %.3f = 444.647", et);
	for (t = 0; t < 4000; t++)
		x[t] = 5;
	mse_mcmc_diagnose(x, 4, 1000, &rhat, &eb, &et, NULL);
	ok(isnan(rhat) && isnan(eb) && isnan(et), "constant draws: NaN");
	is_int(mse_mcmc_diagnose(x, 4, 3, &rhat, NULL, NULL, NULL), MSE_EINVAL,
	    "3 draws per chain are too few");
	free(x);
}

static void
test_errors(const struct mse_table *t)
{
	struct mse_lcm_options o;
	struct mse_lcm *m = NULL;

	mse_lcm_options_init(&o);
	o.classes = 0;
	is_int(mse_lcm_fit(t, &o, &m, NULL), MSE_EINVAL, "no class");
	mse_lcm_options_init(&o);
	o.thin = 0;
	is_int(mse_lcm_fit(t, &o, &m, NULL), MSE_EINVAL, "thinning 0");
	mse_lcm_options_init(&o);
	o.samples = 3;
	is_int(mse_lcm_fit(t, &o, &m, NULL), MSE_EINVAL, "3 samples");
	mse_lcm_options_init(&o);
	o.a_alpha = 0;
	is_int(mse_lcm_fit(t, &o, &m, NULL), MSE_EINVAL, "a = 0");
	mse_lcm_options_init(&o);
	o.threads = -1;
	is_int(mse_lcm_fit(t, &o, &m, NULL), MSE_EINVAL, "threads -1");
	mse_lcm_options_init(&o);
	o.size = 0;
	is_int(mse_lcm_fit(t, &o, &m, NULL), MSE_EINVAL, "size 0");
	mse_lcm_options_init(&o);
	o.size = sizeof(o) + sizeof(double);
	is_int(mse_lcm_fit(t, &o, &m, NULL), MSE_EINVAL,
	    "a size larger than the library knows");
	ok(m == NULL, "no object on failure");
}

/* Rounds (max_sweeps > 0) of a run with `samples` draws of `thin`. */
static struct mse_lcm *
run_rounds(const struct mse_table *t, int threads, long samples, long thin,
    long max_sweeps, double max_seconds)
{
	struct mse_lcm_options o;
	struct mse_lcm *m = NULL;
	struct mse_error err;

	mse_lcm_options_init(&o);
	o.seed = 5;
	o.threads = threads;
	o.samples = samples;
	o.burnin = 200;
	o.thin = thin;
	o.max_sweeps = max_sweeps;
	o.max_seconds = max_seconds;
	if (mse_lcm_fit(t, &o, &m, &err) != MSE_OK)
		printf("# %s\n", err.message);
	return m;
}

/*
 * Rounds extend the chains: the draws of the first round are those of a
 * fixed run with the same seed, whatever the threads; a run stops
 * converged only with R-hat <= 1.01 and both ESS >= 400 (the targets of
 * Vehtari et al. 2021, exact comparisons), else at its budget.
 */
static void
test_rounds(const struct mse_table *kosovo, const struct mse_table *hav)
{
	struct mse_lcm *fixed = run(kosovo, MSE_LCM_FAST, 10, 5, 4, 2, 100,
	    200, 2);
	struct mse_lcm *a = run_rounds(kosovo, 1, 100, 2, 2000, 0);
	struct mse_lcm *b = run_rounds(kosovo, 3, 100, 2, 2000, 0);
	long i, same = fixed != NULL && a != NULL && b != NULL;
	int c;

	if (!ok(same, "rounds: Kosovo runs"))
		goto out;
	for (c = 0; same && c < 4; c++)
		for (i = 0; same && i < 100; i++)
			same = mse_lcm_draw(a, c, i) ==
			    mse_lcm_draw(fixed, c, i);
	ok(same, "rounds: the first round's draws are the fixed run's");
	ok(mse_lcm_cap(fixed) == 21.0 * 4400, "the cap on N is 21 n (LCMCR's "
	    "20 n unseen): %.0f for Kosovo's 4400", mse_lcm_cap(fixed));
	for (c = 0, same = mse_lcm_samples(a) == mse_lcm_samples(b);
	    same && c < 4; c++)
		for (i = 0; same && i < mse_lcm_samples(a); i++)
			same = mse_lcm_draw(a, c, i) == mse_lcm_draw(b, c, i);
	ok(same, "rounds: the same draws on 1 and 3 threads (%ld a chain)",
	    mse_lcm_samples(a));
	ok(mse_lcm_stop(a) == MSE_LCM_STOP_SWEEPS &&
	    mse_lcm_sweeps(a) == 2000 && mse_lcm_samples(a) == 1000 &&
	    !(mse_lcm_rhat(a) <= 1.01 && mse_lcm_ess_bulk(a) >= 400 &&
	    mse_lcm_ess_tail(a) >= 400), "rounds: Kosovo stops at its budget "
	    "of 2000 sweeps, not converged (R-hat %.3f, ESS %.0f, tail %.0f)",
	    mse_lcm_rhat(a), mse_lcm_ess_bulk(a), mse_lcm_ess_tail(a));
	mse_lcm_free(a);
	a = run_rounds(kosovo, 0, 100, 2, 1000000, 1e-9);
	ok(a != NULL && mse_lcm_stop(a) == MSE_LCM_STOP_SECONDS &&
	    mse_lcm_samples(a) == 100, "rounds: a time budget spent stops "
	    "after the round that spent it");
	/* Rounds after the first are cut to what the time left affords
	 * at the last round's pace: 1000 sweeps in 2 s, 10 a draw, is 50
	 * draws a second. */
	ok(msei_round_afford(30, 2, 1000, 10) == 1500 &&
	    msei_round_afford(0.5, 2, 1000, 10) == 25 &&
	    msei_round_afford(0, 2, 1000, 10) == 0 &&
	    msei_round_afford(-1, 2, 1000, 10) == 0 &&
	    msei_round_afford(30, 0, 1000, 10) == LONG_MAX / 2 &&
	    msei_round_afford(1e300, 1, 1, 1) == LONG_MAX / 2,
	    "rounds: a round is cut to the draws the time left affords");
	mse_lcm_free(a);
	a = run_rounds(hav, 0, 100, 2, 1000000, 0);
	ok(a != NULL && mse_lcm_stop(a) == MSE_LCM_STOP_CONVERGED &&
	    mse_lcm_rhat(a) <= 1.01 && mse_lcm_ess_bulk(a) >= 400 &&
	    mse_lcm_ess_tail(a) >= 400 && mse_lcm_sweeps(a) <= 1000000,
	    "rounds: HAV converges (R-hat %.4f, ESS %.0f, tail %.0f after "
	    "%ld sweeps)", a ? mse_lcm_rhat(a) : NAN,
	    a ? mse_lcm_ess_bulk(a) : NAN, a ? mse_lcm_ess_tail(a) : NAN,
	    a ? mse_lcm_sweeps(a) : 0);
out:
	mse_lcm_free(a);
	mse_lcm_free(b);
	mse_lcm_free(fixed);
}

/*
 * The split-merge move alone leaves p(z | alpha, n0, x) invariant (with
 * lambda and the sticks integrated out), and so does the move followed
 * by the label swaps.  For each case the K^(n + n0) labelled assignments
 * of the units to classes are enumerated and summed into the move's
 * states (counts by pattern and class), and compared with the
 * frequencies of 2 million moves, two ways: over the states, and over
 * the classes' sizes (seen and unseen, by label).  The move never makes
 * a class of unseen units alone, so it is compared with p restricted to
 * the states where every class that holds anyone holds a seen unit (its
 * starting state, all in class 0, is one); a visit outside them counts
 * in full.  The total variation over the states is Monte Carlo noise
 * that falls as 1/sqrt(moves) (0.0344 at 2 million moves and 0.0176 at
 * 8 million on the second case, with 7,887 states), so it is required
 * below 0.01 only on the first case (219 states).  Over the sizes, a
 * few hundred values, it is required below 0.02 on every case: the
 * noise is largest on the third without the swaps, where labels move
 * slowly (0.0121 at 2 million moves, 0.0056 at 8 million), and a move
 * that accepts every swap gives 0.2951 on the first case.
 */
struct sm_case {
	const char *what;
	size_t J, K;
	const char *units[10];	/* the seen units' patterns, list 1 first */
	long n0;
	double alpha;
};

struct sm_state {
	uint64_t key;
	double p;
};

/* The states (full) or the class sizes (!full), their probabilities
 * enumerated and the moves' visits. */
struct sm_view {
	struct sm_state *st;
	size_t nst;
	double *freq, outside;
};

struct sm_visits {
	struct sm_view view[2];
	uint64_t base, size_base;
	long moves;
};

static double
sm_lbeta(double a, double b)
{
	return gsl_sf_lnbeta(a, b);
}

static uint64_t
sm_key(const unsigned *czk, const unsigned *c0k, size_t M, size_t K,
    uint64_t base)
{
	uint64_t key = 0;
	size_t i;

	for (i = 0; i < M * K; i++)
		key = key * base + czk[i];
	for (i = 0; i < K; i++)
		key = key * base + c0k[i];
	return key;
}

/* The classes' sizes by label: seen, then unseen. */
static uint64_t
sm_size_key(const unsigned *czk, const unsigned *c0k, size_t M, size_t K,
    uint64_t base)
{
	uint64_t key = 0;
	size_t k, m;

	for (k = 0; k < K; k++) {
		uint64_t seen = 0;

		for (m = 0; m < M; m++)
			seen += czk[m * K + k];
		key = (key * base + seen) * base + c0k[k];
	}
	return key;
}

static int
sm_cmp(const void *a, const void *b)
{
	uint64_t x = ((const struct sm_state *)a)->key;
	uint64_t y = ((const struct sm_state *)b)->key;

	return (x > y) - (x < y);
}

static void
sm_count(struct sm_view *w, uint64_t key)
{
	struct sm_state want = { key, 0 };
	const struct sm_state *at = bsearch(&want, w->st, w->nst,
	    sizeof(*w->st), sm_cmp);

	if (at != NULL)
		w->freq[at - w->st] += 1;
	else
		w->outside += 1;
}

static void
sm_visit(void *arg, const unsigned *czk, const unsigned *c0k, size_t M,
    size_t K)
{
	struct sm_visits *v = arg;

	sm_count(&v->view[0], sm_key(czk, c0k, M, K, v->base));
	sm_count(&v->view[1], sm_size_key(czk, c0k, M, K, v->size_base));
	v->moves++;
}

/* Sort a view's keys and sum the probabilities of equal ones. */
static int
sm_merge(struct sm_view *w)
{
	size_t i, n = w->nst;

	qsort(w->st, n, sizeof(*w->st), sm_cmp);
	w->nst = 0;
	for (i = 0; i < n; i++) {
		if (w->nst > 0 && w->st[w->nst - 1].key == w->st[i].key)
			w->st[w->nst - 1].p += w->st[i].p;
		else
			w->st[w->nst++] = w->st[i];
	}
	w->freq = calloc(w->nst + 1, sizeof(double));
	return w->freq != NULL;
}

/* Total variation between a view's visits and its probabilities. */
static double
sm_tv(const struct sm_view *w, long moves)
{
	double z = 0, tv = w->outside / (double)moves;
	size_t i;

	for (i = 0; i < w->nst; i++)
		z += w->st[i].p;
	for (i = 0; i < w->nst; i++)
		tv += fabs(w->freq[i] / (double)moves - w->st[i].p / z);
	return tv / 2;
}

/* The pattern's cell (list j + 1 is bit j) from "x1 x2 ... xJ". */
static uint32_t
sm_cell(const char *x)
{
	uint32_t cell = 0;
	size_t j;

	for (j = 0; x[j] != '\0'; j++)
		cell |= (uint32_t)(x[j] == '1') << j;
	return cell;
}

static void
test_split_merge(const struct sm_case *c, int first)
{
	static const char *names[] = { "A", "B", "C", "D" };
	size_t n = 0, N, M = 0, K = c->K, J = c->J, i, u, j, k, nst = 0;
	int um[16], seen_pattern[16], swaps;
	uint32_t cells[16];
	struct mse_table *t = mse_table_new(J, names, NULL);
	struct sm_visits v;
	unsigned czk[64], c0k[4], fmax = 0;
	long a, total = 1, rc;

	memset(&v, 0, sizeof(v));
	while (n < 10 && c->units[n] != NULL)
		n++;
	N = n + (size_t)c->n0;
	/* The seen patterns, and each unit's rank among them in LCMCR's
	 * order (list 1 the highest bit of the pattern read as a binary
	 * number). */
	for (u = 0; u < n; u++) {
		uint32_t cell = sm_cell(c->units[u]);

		for (i = 0; i < M && cells[i] != cell; i++)
			;
		if (i == M)
			cells[M++] = cell;
		seen_pattern[u] = (int)i;
	}
	for (u = 0; u < n; u++) {
		int rank = 0;

		for (i = 0; i < M; i++)
			for (j = 0; j < J; j++) {
				int bi = (int)((cells[i] >> j) & 1);
				int bx = c->units[u][j] == '1';

				if (bi != bx) {
					rank += bi < bx;
					break;
				}
			}
		um[u] = rank;
	}
	for (i = 0; i < M; i++) {
		unsigned f = 0;

		for (u = 0; u < n; u++)
			f += seen_pattern[u] == (int)i;
		fmax = f > fmax ? f : fmax;
		if (t != NULL && mse_table_set(t, cells[i], f, NULL) != MSE_OK)
			break;
	}
	v.base = (uint64_t)(fmax > (unsigned)c->n0 ? fmax : (unsigned)c->n0) +
	    1;
	v.size_base = (uint64_t)N + 1;
	for (u = 0; u < N; u++)
		total *= (long)K;
	v.view[0].st = calloc((size_t)total, sizeof(struct sm_state));
	v.view[1].st = calloc((size_t)total, sizeof(struct sm_state));
	if (t == NULL || v.view[0].st == NULL || v.view[1].st == NULL ||
	    M * K > 64 || K > 4) {
		ok(0, "split-merge, %s: set-up", c->what);
		goto out;
	}
	for (a = 0; a < total; a++) {
		long Nk[4] = { 0 }, s[4][4] = { { 0 } }, r = a, after = (long)N;
		int has_seen[4] = { 0 }, alone = 0;
		double lp = 0;

		memset(czk, 0, sizeof(czk));
		memset(c0k, 0, sizeof(c0k));
		for (u = 0; u < N; u++, r /= (long)K) {
			k = (size_t)(r % (long)K);
			Nk[k]++;
			if (u < n) {
				for (j = 0; j < J; j++)
					s[k][j] += c->units[u][j] == '1';
				czk[(size_t)um[u] * K + k]++;
				has_seen[k] = 1;
			} else
				c0k[k]++;
		}
		for (k = 0; k < K; k++)
			alone |= Nk[k] > 0 && !has_seen[k];
		if (alone)
			continue;
		for (k = 0; k < K; k++) {
			after -= Nk[k];
			if (k + 1 < K)
				lp += sm_lbeta(1.0 + (double)Nk[k], c->alpha +
				    (double)after);
			for (j = 0; j < J; j++)
				lp += sm_lbeta(1.0 + (double)s[k][j],
				    1.0 + (double)(Nk[k] - s[k][j]));
		}
		v.view[0].st[nst].key = sm_key(czk, c0k, M, K, v.base);
		v.view[1].st[nst].key = sm_size_key(czk, c0k, M, K,
		    v.size_base);
		v.view[0].st[nst].p = v.view[1].st[nst].p = exp(lp);
		nst++;
	}
	v.view[0].nst = v.view[1].nst = nst;
	if (!sm_merge(&v.view[0]) || !sm_merge(&v.view[1])) {
		ok(0, "split-merge, %s: set-up", c->what);
		goto out;
	}
	for (swaps = 0; swaps <= 1; swaps++) {
		const char *how = swaps ? " and label swaps" : "";
		double tv;

		for (i = 0; i < 2; i++) {
			memset(v.view[i].freq, 0, v.view[i].nst *
			    sizeof(double));
			v.view[i].outside = 0;
		}
		v.moves = 0;
		rc = msei_lcm_split_merge_run(t, (int)K, c->n0, c->alpha, swaps,
		    5, 2000000, sm_visit, &v);
		if (!ok(rc == MSE_OK && v.moves == 2000000, "split-merge%s, "
		    "%s: 2 million moves run", how, c->what))
			goto out;
		tv = sm_tv(&v.view[0], v.moves);
		if (first)
			ok(tv < 0.01, "split-merge%s alone, %s: total "
			    "variation %.4f < 0.01 from p(z | alpha, n0, x) "
			    "enumerated over its %zu states", how, c->what, tv,
			    v.view[0].nst);
		else
			printf("# split-merge%s alone, %s: total variation "
			    "%.4f over its %zu states (Monte Carlo noise, "
			    "above)\n", how, c->what, tv, v.view[0].nst);
		tv = sm_tv(&v.view[1], v.moves);
		ok(tv < 0.02, "split-merge%s alone, %s: total variation %.4f "
		    "< 0.02 over the %zu class sizes", how, c->what, tv,
		    v.view[1].nst);
	}
out:
	for (i = 0; i < 2; i++) {
		free(v.view[i].freq);
		free(v.view[i].st);
	}
	mse_table_free(t);
}

static const struct sm_case sm_cases[] = {
	{ "2 lists, 4 seen, 2 unseen, K = 3", 2, 3,
	    { "10", "01", "11", "11", NULL }, 2, 0.7 },
	{ "3 lists, 7 seen, 2 unseen, K = 3", 3, 3,
	    { "100", "010", "001", "110", "011", "111", "111", NULL }, 2,
	    0.5 },
	{ "3 lists, 8 seen, 1 unseen, K = 4", 3, 4,
	    { "100", "100", "100", "010", "001", "110", "111", "111",
	    NULL }, 1, 1.3 },
};

/*
 * The collapsed move of the unseen alone leaves p(u | z_seen, alpha, x)
 * invariant (lambda and the sticks integrated out, n0 <= 20 n).  The
 * table of test_split_merge (seen units 01, 10, 11, 11, so n = 4 and the
 * cap 80), K = 3, alpha = 0.7, the seen units' classes fixed: 01 in class
 * 0, 10 and one 11 in class 1, the other 11 in class 2 (the move changes
 * only classes that hold a seen unit; the Gibbs steps move the others).
 * Every u with u_0 + u_1 + u_2 <= 80 (91,881 states) enumerated, from
 *
 *   (n + n0 - 1)! / prod u_k! * prod_{k < 2} B(1 + N_k, alpha + N_>k)
 *       * prod_k prod_j B(1 + s_jk, 1 + N_k - s_jk),
 *
 * against the frequencies of 2 million moves: the marginals of n0 and of
 * u_2, each in total variation.
 */
struct nu_visits {
	double *n0, *u2;
	long moves;
};

static void
nu_visit(void *arg, const unsigned *c0k, size_t K)
{
	struct nu_visits *v = arg;

	(void)K;
	v->n0[c0k[0] + c0k[1] + c0k[2]] += 1;
	v->u2[c0k[2]] += 1;
	v->moves++;
}

static void
test_unseen_move(void)
{
	/* Patterns in LCMCR's order: 0: 01, 1: 10, 2: 11. */
	static const unsigned czk[9] = { 1, 0, 0, 0, 1, 0, 0, 1, 1 };
	/* Per class: seen units, and those on list 1 and on list 2. */
	static const long m[3] = { 1, 2, 1 }, s1[3] = { 0, 2, 1 },
	    s2[3] = { 1, 1, 1 };
	const long n = 4, cap = 80;
	const double alpha = 0.7;
	const char *names[2] = { "A", "B" };
	struct mse_table *t = mse_table_new(2, names, NULL);
	struct nu_visits v = { calloc(cap + 1, sizeof(double)),
	    calloc(cap + 1, sizeof(double)), 0 };
	double *e0 = calloc(cap + 1, sizeof(double));
	double *e2 = calloc(cap + 1, sizeof(double));
	double z = 0, tv0 = 0, tv2 = 0;
	long u0, u1, u2, i;
	int rc;

	if (t == NULL || v.n0 == NULL || v.u2 == NULL || e0 == NULL ||
	    e2 == NULL || mse_table_set(t, 1, 1, NULL) != MSE_OK ||
	    mse_table_set(t, 2, 1, NULL) != MSE_OK ||
	    mse_table_set(t, 3, 2, NULL) != MSE_OK) {
		ok(0, "unseen move: set-up");
		goto out;
	}
	for (u0 = 0; u0 <= cap; u0++)
		for (u1 = 0; u0 + u1 <= cap; u1++)
			for (u2 = 0; u0 + u1 + u2 <= cap; u2++) {
				long u[3] = { u0, u1, u2 }, N[3], after;
				long n0 = u0 + u1 + u2;
				double lp = gsl_sf_lnfact((unsigned)(n + n0 -
				    1));
				int k;

				for (k = 0; k < 3; k++) {
					N[k] = m[k] + u[k];
					lp -= gsl_sf_lnfact((unsigned)u[k]);
					lp += sm_lbeta(1.0 + (double)s1[k], 1.0 +
					    (double)(N[k] - s1[k]));
					lp += sm_lbeta(1.0 + (double)s2[k], 1.0 +
					    (double)(N[k] - s2[k]));
				}
				after = N[0] + N[1] + N[2];
				for (k = 0; k < 2; k++) {
					after -= N[k];
					lp += sm_lbeta(1.0 + (double)N[k],
					    alpha + (double)after);
				}
				e0[n0] += exp(lp);
				e2[u2] += exp(lp);
				z += exp(lp);
			}
	rc = msei_lcm_unseen_run(t, 3, czk, alpha, 7, 2000000, nu_visit, &v);
	if (!ok(rc == MSE_OK && v.moves == 2000000, "unseen move: 2 million "
	    "moves run"))
		goto out;
	for (i = 0; i <= cap; i++) {
		tv0 += fabs(v.n0[i] / (double)v.moves - e0[i] / z) / 2;
		tv2 += fabs(v.u2[i] / (double)v.moves - e2[i] / z) / 2;
	}
	ok(tv0 < 0.01, "unseen move alone: n0 within total variation %.4f "
	    "< 0.01 of p(n0 | z_seen, alpha, x) enumerated", tv0);
	ok(tv2 < 0.01, "unseen move alone: the unseen of class 2 within "
	    "total variation %.4f < 0.01 of the enumeration", tv2);
out:
	free(v.n0);
	free(v.u2);
	free(e0);
	free(e2);
	mse_table_free(t);
}

/*
 * Chains started apart (MSE_LCM_START_LISTS): the even chains draw what
 * they draw started alike, the odd ones start elsewhere; and the sampler
 * still has the exact posterior of one class (HAV, brute_force), from
 * which the odd chains' start (class 0 seen by list 1 with probability
 * 0.9) is far.
 */
static struct mse_lcm *
run_start(const struct mse_table *t, int start, int K, long samples,
    long burnin)
{
	struct mse_lcm_options o;
	struct mse_lcm *m = NULL;
	struct mse_error err;

	mse_lcm_options_init(&o);
	o.classes = K;
	o.seed = 5;
	o.chains = 4;
	o.samples = samples;
	o.burnin = burnin;
	o.thin = 2;
	o.start = start;
	if (mse_lcm_fit(t, &o, &m, &err) != MSE_OK)
		printf("# %s\n", err.message);
	return m;
}

static void
test_start(const struct mse_table *kosovo, const struct mse_table *hav)
{
	struct mse_lcm *a = run_start(kosovo, MSE_LCM_START_ALIKE, 10, 50, 0);
	struct mse_lcm *l = run_start(kosovo, MSE_LCM_START_LISTS, 10, 50, 0);
	struct mse_lcm_options o;
	double mean, sd, mcse;
	long i, even = 1, odd = 0;

	if (!ok(a != NULL && l != NULL, "starts: Kosovo runs"))
		goto out;
	for (i = 0; i < 50; i++) {
		even &= mse_lcm_draw(a, 0, i) == mse_lcm_draw(l, 0, i) &&
		    mse_lcm_draw(a, 2, i) == mse_lcm_draw(l, 2, i);
		odd += mse_lcm_draw(a, 1, i) != mse_lcm_draw(l, 1, i) &&
		    mse_lcm_draw(a, 3, i) != mse_lcm_draw(l, 3, i);
	}
	ok(even, "starts: apart, the even chains draw as started alike");
	ok(odd > 25, "starts: apart, the odd chains draw otherwise (%ld of "
	    "50 draws differ in both)", odd);
	mse_lcm_free(l);
	brute_force(hav, &mean, &sd);
	l = run_start(hav, MSE_LCM_START_LISTS, 1, 2000, 500);
	if (!ok(l != NULL, "starts: apart, HAV with one class"))
		goto out;
	mcse = mse_lcm_sd(l) / sqrt(mse_lcm_ess_bulk(l));
	ok(fabs(mse_lcm_mean(l) - mean) < 4 * mcse && mse_lcm_rhat(l) < 1.01,
	    "starts: apart, posterior mean %.2f within 4 MC s.e. (%.2f) of "
	    "the exact %.3f, R-hat %.4f", mse_lcm_mean(l), mcse, mean,
	    mse_lcm_rhat(l));
	mse_lcm_options_init(&o);
	o.start = MSE_LCM_START_LISTS;
	o.sampler = MSE_LCM_LCMCR;
	mse_lcm_free(l);
	l = NULL;
	is_int(mse_lcm_fit(hav, &o, &l, NULL), MSE_EINVAL, "starts: apart, "
	    "not with LCMCR's sampler");
	o.sampler = MSE_LCM_FAST;
	o.start = 7;
	is_int(mse_lcm_fit(hav, &o, &l, NULL), MSE_EINVAL, "starts: an "
	    "unknown start");
out:
	mse_lcm_free(a);
	mse_lcm_free(l);
}

/*
 * Beyond 20 lists a table is sparse (mse.h MSE_DENSE_LISTS).  A table
 * of 25 lists, drawn by mse_sim unit by unit: 1000 people, each list
 * seeing each of them with chance 0.02 + 0.01 j.  The caller frees it
 * with mse_strata_free(*s).
 */
static const struct mse_table *
sim25(struct mse_strata **s)
{
	double prob[25];
	struct mse_sim *m;
	int j;

	*s = NULL;
	for (j = 0; j < 25; j++)
		prob[j] = 0.02 + 0.01 * j;
	if ((m = mse_sim_new(25, NULL, prob, NULL)) == NULL)
		return NULL;
	if (mse_sim_run(m, 1000, 25, s, NULL, NULL) != MSE_OK)
		*s = NULL;
	mse_sim_free(m);
	return *s != NULL ? mse_strata_table(*s, 0) : NULL;
}

/* The sampler sees only the seen patterns, in LCMCR's order: the same
 * table held dense or sparse gives the same draws, bit for bit. */
static void
test_sparse_same(const struct mse_table *kosovo)
{
	struct mse_table *sp;
	struct mse_lcm *a, *b;
	uint32_t w;
	int c, i, same = 1;

	msei_table_sparse_always(1);
	sp = mse_table_new(mse_table_lists(kosovo), NULL, NULL);
	msei_table_sparse_always(0);
	if (!ok(sp != NULL && !mse_table_dense(sp), "Kosovo held sparse"))
		goto out;
	/* Set in decreasing order: each pattern is inserted before the
	 * others. */
	for (w = mse_table_cells(kosovo); w >= 1; w--)
		if (mse_table_get(kosovo, w) > 0)
			mse_table_set(sp, w, mse_table_get(kosovo, w), NULL);
	a = run(kosovo, MSE_LCM_FAST, 10, 5, 2, 0, 100, 300, 2);
	b = run(sp, MSE_LCM_FAST, 10, 5, 2, 0, 100, 300, 2);
	if (ok(a != NULL && b != NULL, "Kosovo dense and sparse, fitted")) {
		for (c = 0; c < 2; c++)
			for (i = 0; i < 100; i++)
				same &= mse_lcm_draw(a, c, i) ==
				    mse_lcm_draw(b, c, i);
		ok(same, "the same 200 draws of N from the dense and the "
		    "sparse table");
	}
	mse_lcm_free(a);
	mse_lcm_free(b);
out:
	mse_table_free(sp);
}

int
main(void)
{
	struct mse_table *kosovo = load("Kosovo.csv");
	struct mse_table *hav = load("HAV.csv");
	size_t i;

	gsl_set_error_handler_off();
	if (kosovo == NULL || hav == NULL) {
		printf("Bail out! data/ not found (top_srcdir)\n");
		return 1;
	}
	test_lcmcr_draws(kosovo);
	test_threads(kosovo);
	test_exact(hav, MSE_LCM_FAST);
	test_exact(hav, MSE_LCM_LCMCR);
	test_binomial();
	for (i = 0; i < sizeof(sm_cases) / sizeof(sm_cases[0]); i++)
		test_split_merge(&sm_cases[i], i == 0);
	test_unseen_move();
	test_diagnostics();
	test_errors(hav);
	test_rounds(kosovo, hav);
	test_start(kosovo, hav);
	test_sparse_same(kosovo);
	{
		struct mse_strata *s;
		const struct mse_table *t25 = sim25(&s);

		/* 25 lists: one class against its exact posterior. */
		if (ok(t25 != NULL && mse_table_lists(t25) == 25 &&
		    !mse_table_dense(t25), "a sparse table of 25 lists"))
			test_exact(t25, MSE_LCM_FAST);
		mse_strata_free(s);
	}
	mse_table_free(kosovo);
	mse_table_free(hav);
	return tap_done();
}
