/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_exist_random.c - the existence verdict of a fit against the plain
 * linear program, on 1,000 random models over sparse random tables of 6
 * to 10 lists.
 *
 * Stepwise selection (select.c) checks a candidate by fitting it: the
 * design's existence decision (design.c) takes a converged Newton step
 * as proof that the MLE exists and runs the linear program of
 * SparseMSE's checkident (mse_model_check) only when that proof is
 * missing.  The two must agree on every model: the fit succeeds exactly
 * when mse_model_check finds neither a boundary direction nor a rank
 * deficiency.  Reference: mse_model_check itself, which test_exist.c
 * checks against SparseMSE 2.0's checkident.  No tolerance: verdicts
 * are compared exactly.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>

#include "mse_private.h"
#include "../tap.h"

#define MODELS 1000

static const char *const names[] = { "A", "B", "C", "D", "E", "F", "G",
    "H", "I", "J" };

/* A sparse table: each cell is positive with probability q. */
static struct mse_table *
random_table(gsl_rng *r, size_t k)
{
	struct mse_table *t = mse_table_new(k, names, NULL);
	double q = 0.05 + 0.3 * gsl_rng_uniform(r);
	uint32_t w, n = 0;

	if (t == NULL)
		return NULL;
	for (w = 1; w < (uint32_t)1 << k; w++)
		if (gsl_rng_uniform(r) < q && mse_table_set(t, w,
		    (double)(1 + gsl_rng_uniform_int(r, 6)), NULL) == MSE_OK)
			n++;
	if (n < k + 2) {		/* too few cells to be of interest */
		mse_table_free(t);
		return random_table(r, k);
	}
	return t;
}

/* Main effects, each pair with probability pp, each triple with pt. */
static struct mse_model *
random_model(gsl_rng *r, size_t k)
{
	struct mse_model *m = mse_model_new(k, NULL);
	double pp = 0.4 * gsl_rng_uniform(r), pt = 0.05 * gsl_rng_uniform(r);
	uint32_t t;

	for (t = 1; m != NULL && t < (uint32_t)1 << k; t++) {
		int s = msei_popcount(t);

		if ((s == 2 && gsl_rng_uniform(r) < pp) ||
		    (s == 3 && gsl_rng_uniform(r) < pt))
			mse_model_add(m, t, NULL);
	}
	return m;
}

int
main(void)
{
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	size_t i, agree = 0, exist = 0, fail = 0;

	gsl_set_error_handler_off();
	gsl_rng_set(r, 20261207);
	for (i = 0; i < MODELS; i++) {
		size_t k = 6 + gsl_rng_uniform_int(r, 5);
		struct mse_table *t = random_table(r, k);
		struct mse_model *m = random_model(r, k);
		struct mse_fit *f = NULL;
		struct mse_error err;
		int code = -1, rc, frc;

		if (t == NULL || m == NULL) {
			ok(0, "model %zu: out of memory", i);
			break;
		}
		rc = mse_model_check(t, m, &code, &err);
		frc = mse_fit_loglinear(t, m, NULL, &f, &err);
		if (rc == MSE_OK && (code == 0) == (frc == MSE_OK))
			agree++;
		else
			ok(0, "model %zu (%zu lists): check %d code %d, fit %d "
			    "(%s)", i, k, rc, code, frc, err.message);
		exist += code == 0;
		fail += frc != MSE_OK;
		mse_fit_free(f);
		mse_model_free(m);
		mse_table_free(t);
	}
	ok(agree == MODELS, "the fit's existence verdict equals the linear "
	    "program's on %zu of %d random models (%zu with an MLE)", agree,
	    MODELS, exist);
	/* A suite where every model had an MLE, or none, would test little. */
	ok(exist > MODELS / 10 && exist < MODELS - MODELS / 10,
	    "both verdicts are common: %zu with an MLE, %zu without", exist,
	    (size_t)MODELS - exist);
	gsl_rng_free(r);
	return tap_done();
}
