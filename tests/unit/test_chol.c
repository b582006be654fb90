/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_chol.c - the engine's small Cholesky equals GSL's, bit for bit. */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_rng.h>

#include "mse_private.h"
#include "../tap.h"

/*
 * The reference is GSL itself (gsl_linalg_cholesky_decomp1 and
 * gsl_linalg_cholesky_solve, the installed version): msei_chol_decomp and
 * msei_chol_solve claim to repeat its arithmetic exactly, so the
 * tolerance is 0 -- every factor entry and every solution component must
 * be the same double.  The matrices are X'WX of random 0/1 designs with
 * positive weights, as in the engine, for every size 1 .. 24.
 */
#define MAXP 24
#define ROWS 64

static void
random_normal(gsl_rng *r, size_t p, double *a, double *b)
{
	double x[ROWS][MAXP], w;
	size_t i, j, l;

	for (i = 0; i < ROWS; i++)
		for (j = 0; j < p; j++)
			x[i][j] = j == 0 || gsl_rng_uniform(r) < 0.5;
	memset(a, 0, p * p * sizeof(*a));
	for (i = 0; i < ROWS; i++) {
		w = 0.1 + 1000 * gsl_rng_uniform(r);
		for (j = 0; j < p; j++)
			for (l = 0; l <= j; l++)
				a[j * p + l] += w * x[i][j] * x[i][l];
	}
	for (j = 0; j < p; j++)
		b[j] = 100 * gsl_rng_uniform(r) - 50;
}

static int
same(const double *a, const double *b, size_t n)
{
	return memcmp(a, b, n * sizeof(*a)) == 0;
}

int
main(void)
{
	double a[MAXP * MAXP], g[MAXP * MAXP], b[MAXP], x[MAXP], y[MAXP];
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	size_t p, i, j;
	int trial, lower_ok, solve_ok;

	gsl_set_error_handler_off();
	gsl_rng_set(r, 20240909);
	for (p = 1; p <= MAXP; p++) {
		lower_ok = solve_ok = 1;
		for (trial = 0; trial < 20; trial++) {
			gsl_matrix_view G = gsl_matrix_view_array(g, p, p);
			gsl_vector_view B = gsl_vector_view_array(b, p);
			gsl_vector_view Y = gsl_vector_view_array(y, p);

			random_normal(r, p, a, b);
			memcpy(g, a, p * p * sizeof(*a));
			if (gsl_linalg_cholesky_decomp1(&G.matrix) !=
			    GSL_SUCCESS)
				continue;
			if (msei_chol_decomp(a, p) != MSE_OK) {
				lower_ok = 0;
				continue;
			}
			for (i = 0; i < p; i++)
				for (j = 0; j <= i; j++)
					lower_ok &= same(&a[i * p + j],
					    &g[i * p + j], 1);
			gsl_linalg_cholesky_solve(&G.matrix, &B.vector,
			    &Y.vector);
			msei_chol_solve(a, p, b, x);
			solve_ok &= same(x, y, p);
		}
		ok(lower_ok, "p = %zu: the factor equals GSL's bit for bit", p);
		ok(solve_ok, "p = %zu: the solution equals GSL's bit for bit",
		    p);
	}
	/* A singular matrix is refused, as GSL refuses it. */
	memset(a, 0, sizeof(a));
	a[0] = 1;
	ok(msei_chol_decomp(a, 2) == MSE_ESINGULAR, "a zero pivot is refused");
	gsl_rng_free(r);
	return tap_done();
}
