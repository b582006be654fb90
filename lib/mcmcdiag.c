/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mcmcdiag.c - split rank-normalised R-hat and bulk and tail ESS of MCMC. */
#include <config.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_fft_halfcomplex.h>
#include <gsl/gsl_fft_real.h>

#include "mse_private.h"

/*
 * As the R package posterior 1.4.0 (rhat, ess_bulk, ess_tail), following
 * Vehtari et al. (2021).  A set of chains is m chains of n draws,
 * chain after chain.
 */

/* R-hat of a set of chains: sqrt(var+ / W). */
static double
rhat_of(const double *x, size_t m, size_t n)
{
	double w = 0, mm = 0, b = 0;
	size_t c, i;

	for (c = 0; c < m; c++) {
		const double *y = x + c * n;
		double mean = 0, v = 0;

		for (i = 0; i < n; i++)
			mean += y[i];
		mean /= (double)n;
		for (i = 0; i < n; i++)
			v += (y[i] - mean) * (y[i] - mean);
		w += v / (double)(n - 1);
		mm += mean;
		b += mean * mean;
	}
	w /= (double)m;
	mm /= (double)m;
	b = (b - (double)m * mm * mm) / (double)(m - 1);
	return sqrt(((double)(n - 1) / (double)n * w + b) / w);
}

/* gamma(t) = (1/n) sum_i (y_i - mean)(y_{i+t} - mean), t < n, by FFT with
 * zero padding to a power of two >= 2n (so the circular sums are the
 * linear ones). */
static int
autocov(const double *y, size_t n, double *g)
{
	size_t len = 1, i;
	double mean = 0, *d;

	while (len < 2 * n)
		len *= 2;
	d = msei_calloc(len, sizeof(*d));
	if (d == NULL)
		return MSE_ENOMEM;
	for (i = 0; i < n; i++)
		mean += y[i];
	mean /= (double)n;
	for (i = 0; i < n; i++)
		d[i] = y[i] - mean;
	gsl_fft_real_radix2_transform(d, 1, len);
	d[0] *= d[0];
	d[len / 2] *= d[len / 2];
	for (i = 1; i < len / 2; i++) {
		d[i] = d[i] * d[i] + d[len - i] * d[len - i];
		d[len - i] = 0;
	}
	gsl_fft_halfcomplex_radix2_inverse(d, 1, len);
	for (i = 0; i < n; i++)
		g[i] = d[i] / (double)n;
	free(d);
	return MSE_OK;
}

/* rho_t = 1 - (W - mean_c gamma_c(t)) / var+, for t < n (into rho). */
static int
autocorr(const double *x, size_t m, size_t n, double *rho)
{
	double *g = msei_calloc(n, sizeof(*g)), w, vplus, mm = 0, b = 0;
	size_t c, t;

	if (g == NULL)
		return MSE_ENOMEM;
	memset(rho, 0, n * sizeof(*rho));
	for (c = 0; c < m; c++) {
		double mean = 0;

		if (autocov(x + c * n, n, g) != MSE_OK) {
			free(g);
			return MSE_ENOMEM;
		}
		for (t = 0; t < n; t++)
			rho[t] += g[t] / (double)m;
		for (t = 0; t < n; t++)
			mean += x[c * n + t];
		mean /= (double)n;
		mm += mean;
		b += mean * mean;
	}
	mm /= (double)m;
	b = (b - (double)m * mm * mm) / (double)(m - 1);
	w = rho[0] * (double)n / (double)(n - 1);
	vplus = w * (double)(n - 1) / (double)n + b;
	for (t = 0; t < n; t++)
		rho[t] = 1 - (w - rho[t]) / vplus;
	free(g);
	return MSE_OK;
}

/* Geyer's initial positive and monotone sequences; the ESS. */
static double
ess_of(const double *x, size_t m, size_t n)
{
	double *rho = msei_calloc(n, sizeof(*rho)), *r, e, o, tau, s;
	size_t t = 0, T, i;

	r = msei_calloc(n + 2, sizeof(*r));
	if (rho == NULL || r == NULL || autocorr(x, m, n, rho) != MSE_OK) {
		free(rho);
		free(r);
		return NAN;
	}
	r[0] = e = 1;
	r[1] = o = rho[1];
	while (t + 5 < n && e + o > 0) {
		t += 2;
		e = rho[t];
		o = rho[t + 1];
		if (e + o >= 0) {
			r[t] = e;
			r[t + 1] = o;
		}
	}
	T = t;
	if (e > 0)
		r[T] = e;
	for (t = 2; t + 2 <= T; t += 2)
		if (r[t] + r[t + 1] > r[t - 2] + r[t - 1])
			r[t] = r[t + 1] = (r[t - 2] + r[t - 1]) / 2;
	for (s = 0, i = 0; i < T; i++)
		s += r[i];
	tau = -1 + 2 * s + r[T];
	s = (double)(m * n);
	tau = fmax(tau, 1 / log10(s));
	free(rho);
	free(r);
	return s / tau;
}

/* Split every chain into its first and last floor(n/2) draws. */
static void
split(const double *x, size_t chains, size_t n, double *out)
{
	size_t h = n / 2, c;

	for (c = 0; c < chains; c++) {
		memcpy(out + 2 * c * h, x + c * n, h * sizeof(*x));
		memcpy(out + (2 * c + 1) * h, x + c * n + (n - h),
		    h * sizeof(*x));
	}
}

struct ranked {
	double v;
	size_t i;
};

static int
cmp_ranked(const void *a, const void *b)
{
	double x = ((const struct ranked *)a)->v;
	double y = ((const struct ranked *)b)->v;

	return x < y ? -1 : x > y;
}

/* z = Phi^-1((rank - 3/8) / (S + 1/4)), ties at their average rank. */
static int
rank_normalise(double *x, size_t S)
{
	struct ranked *r = msei_calloc(S, sizeof(*r));
	size_t i, j;

	if (r == NULL)
		return MSE_ENOMEM;
	for (i = 0; i < S; i++)
		r[i] = (struct ranked){ x[i], i };
	qsort(r, S, sizeof(*r), cmp_ranked);
	for (i = 0; i < S; i = j) {
		double rank;

		for (j = i; j < S && r[j].v == r[i].v; j++)
			;
		rank = ((double)i + (double)j + 1) / 2;
		for (; i < j; i++)
			x[r[i].i] = gsl_cdf_ugaussian_Pinv((rank - 0.375) /
			    ((double)S + 0.25));
	}
	free(r);
	return MSE_OK;
}

int
msei_cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* The type 7 quantile of R (and the posterior package) of sorted s. */
double
msei_quantile7(const double *s, size_t n, double p)
{
	double h = (double)(n - 1) * p;
	size_t lo = (size_t)floor(h);

	if (lo + 1 >= n)
		return s[n - 1];
	return s[lo] + (h - (double)lo) * (s[lo + 1] - s[lo]);
}

/* Is every value of x the same?  Then R-hat and ESS are undefined. */
static int
constant(const double *x, size_t S)
{
	size_t i;

	for (i = 1; i < S; i++)
		if (x[i] != x[0])
			return 0;
	return 1;
}

/* The tail ESS: the smaller ESS of the split indicators I(x <= Q_q) for
 * q = 0.05 and 0.95, Q_q the type 7 quantile of all draws. */
static double
ess_tail(const double *x, const double *sorted, size_t chains, size_t n,
    double *tmp)
{
	static const double q[2] = { 0.05, 0.95 };
	double best = HUGE_VAL, *ind = tmp + chains * n;
	size_t i, h = n / 2;
	int j;

	for (j = 0; j < 2; j++) {
		double Q = msei_quantile7(sorted, chains * n, q[j]), e;

		for (i = 0; i < chains * n; i++)
			tmp[i] = x[i] <= Q;
		split(tmp, chains, n, ind);
		e = constant(ind, 2 * chains * h) ? NAN :
		    ess_of(ind, 2 * chains, h);
		if (!(e >= best))
			best = e;
	}
	return best;
}

/* R-hat (the larger of bulk and folded) and the bulk ESS; tmp holds
 * 2 S doubles, sorted the S draws in order. */
static int
bulk(const double *x, const double *sorted, size_t chains, size_t n,
    double *tmp, double *rhat, double *ess)
{
	size_t S = chains * n, h = n / 2, i, M = 2 * chains;
	double med = msei_quantile7(sorted, S, 0.5), r1, r2;
	double *z = tmp + S;

	split(x, chains, n, z);
	if (rank_normalise(z, M * h) != MSE_OK)
		return MSE_ENOMEM;
	r1 = rhat_of(z, M, h);
	*ess = ess_of(z, M, h);
	for (i = 0; i < S; i++)
		tmp[i] = fabs(x[i] - med);
	split(tmp, chains, n, z);
	if (rank_normalise(z, M * h) != MSE_OK)
		return MSE_ENOMEM;
	r2 = rhat_of(z, M, h);
	*rhat = r1 > r2 ? r1 : r2;
	return MSE_OK;
}

int
mse_mcmc_diagnose(const double *draws, size_t chains, size_t n,
    double *rhat, double *ess_bulk, double *ess_tail_out,
    struct mse_error *err)
{
	double r = NAN, eb = NAN, et = NAN, *tmp, *sorted;
	size_t S = chains * n;
	int rc = MSE_OK;

	if (chains < 1 || n < 4 || S / n != chains || S > ((size_t)-1) / 4)
		return msei_error(err, MSE_EINVAL, "diagnostics need at "
		    "least 4 draws per chain");
	tmp = msei_calloc(2 * S, sizeof(*tmp));
	sorted = msei_calloc(S, sizeof(*sorted));
	if (tmp == NULL || sorted == NULL) {
		rc = MSE_ENOMEM;
		goto done;
	}
	memcpy(sorted, draws, S * sizeof(*sorted));
	qsort(sorted, S, sizeof(*sorted), msei_cmp_double);
	if (!constant(draws, S)) {
		rc = bulk(draws, sorted, chains, n, tmp, &r, &eb);
		if (rc == MSE_OK)
			et = ess_tail(draws, sorted, chains, n, tmp);
	}
done:
	free(tmp);
	free(sorted);
	if (rc != MSE_OK)
		return msei_error(err, rc, "out of memory");
	if (rhat != NULL)
		*rhat = r;
	if (ess_bulk != NULL)
		*ess_bulk = eb;
	if (ess_tail_out != NULL)
		*ess_tail_out = et;
	return MSE_OK;
}
