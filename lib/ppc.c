/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ppc.c - the posterior predictive check shared by lcm.c and dga.c. */
#include <config.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "mse_private.h"

/*
 * A posterior predictive check (Gelman, Meng & Stern 1996) of the
 * observed cells, as conting's bayespval (Overstall & King 2014): for
 * each posterior draw theta = (N, cell probabilities pi_x over all 2^k
 * cells), a replicated complete table is drawn as Multinomial(N; pi) --
 * the sampling model of both lcm and dga, N units each in one cell --
 * and its all-zero cell dropped.  The discrepancy is the Freeman-Tukey
 * statistic of the 2^k - 1 observed cells against the draw's expected
 * counts E_x = N pi_x,
 *
 *   T(y, theta) = sum_{x != 0} (sqrt(y_x) - sqrt(E_x))^2,
 *
 * conting's default; it needs no pooling of small cells (chi-square
 * divides by E_x, which is tiny in the sparse cells of MSE tables).
 * The p-value is the share of draws with T(y_rep) >= T(y).
 */

/* Freeman-Tukey of counts y against N pi over the cells 1 .. cells - 1. */
double
msei_ppc_ft(const double *y, const double *pi, double N, size_t cells)
{
	double t = 0;
	size_t x;

	for (x = 1; x < cells; x++) {
		double d = sqrt(y[x]) - sqrt(N * pi[x]);

		t += d * d;
	}
	return t;
}

/*
 * One draw of the check: cell probabilities pi (2^k, summing to 1), the
 * draw's N, the observed counts y.  rep and yrep are scratch of `cells`.
 * Adds the discrepancies to s and counts the draw.
 */
void
msei_ppc_draw(const gsl_rng *r, const double *y, const double *pi, double N,
    size_t cells, unsigned *rep, double *yrep, struct msei_ppc *s)
{
	double tobs, trep;
	size_t x;

	gsl_ran_multinomial(r, cells, (unsigned)N, pi, rep);
	for (x = 0; x < cells; x++)
		yrep[x] = (double)rep[x];
	tobs = msei_ppc_ft(y, pi, N, cells);
	trep = msei_ppc_ft(yrep, pi, N, cells);
	msei_ppc_count(s, tobs, trep);
}

/* Count one draw of the check, of discrepancies tobs and trep. */
void
msei_ppc_count(struct msei_ppc *s, double tobs, double trep)
{
	s->draws++;
	s->hits += trep >= tobs;
	s->tobs += tobs;
	s->trep += trep;
}

/* Add b's counts to a. */
void
msei_ppc_add(struct msei_ppc *a, const struct msei_ppc *b)
{
	a->draws += b->draws;
	a->hits += b->hits;
	a->tobs += b->tobs;
	a->trep += b->trep;
}

/* The p-value and the mean discrepancies, or an error with the reason. */
int
msei_ppc_result(const struct msei_ppc *s, double *p, double *tobs,
    double *trep, struct mse_error *err)
{
	if (p != NULL)
		*p = NAN;
	if (tobs != NULL)
		*tobs = NAN;
	if (trep != NULL)
		*trep = NAN;
	if (s->why != NULL)
		return msei_error(err, MSE_EDOMAIN, "no posterior predictive "
		    "p-value: %s", s->why);
	if (s->draws == 0)
		return msei_error(err, MSE_EDOMAIN, "no posterior predictive "
		    "p-value: no posterior draws");
	if (p != NULL)
		*p = (double)s->hits / (double)s->draws;
	if (tobs != NULL)
		*tobs = s->tobs / (double)s->draws;
	if (trep != NULL)
		*trep = s->trep / (double)s->draws;
	return MSE_OK;
}

/* log of a Gamma(shape, 1) draw; below shape 0.5 as Robert & Casella
 * (2002, p. 45), log U / shape + log G(1 + shape), which does not
 * underflow to log 0 for the tiny shapes of dga's prior (2^-k). */
double
msei_log_gamma_draw(const gsl_rng *r, double shape)
{
	double u;

	if (shape >= 0.5)
		return log(gsl_ran_gamma(r, shape, 1.0));
	u = log(gsl_rng_uniform_pos(r)) / shape;
	return u + log(gsl_ran_gamma(r, 1.0 + shape, 1.0));
}
