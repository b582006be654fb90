/* SPDX-License-Identifier: GPL-3.0-or-later */
/* exist.c - does the (extended) MLE of a log-linear model exist, and is it
 * identifiable: the linear program and rank test of SparseMSE's checkident
 * and MSE's check_extended_MLE (Fienberg & Rinaldo 2012).
 */
#include <config.h>

#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include <glpk.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_permutation.h>
#include <gsl/gsl_vector.h>

#include "mse_private.h"

/*
 * GLPK's hard limits on a problem object (M_MAX, N_MAX and NNZ_MAX in
 * glpk-5.0 src/api/prob1.c).  Going past them makes glp_add_rows,
 * glp_add_cols or glp_load_matrix call xerror(), which aborts the process,
 * so msei_exist_lp checks them first.  NNZ_MAX is also below INT_MAX, so
 * every index we pass fits GLPK's int.
 */
#define EXIST_GLPK_MAX_ROWS 100000000
#define EXIST_GLPK_MAX_COLS 100000000
#define EXIST_GLPK_MAX_NNZ 500000000

/*
 * tau* <= EXIST_TAU_ZERO * max(1, n) counts as 0 (SparseMSE's checkident: the
 * packages test objval == 0 exactly; the positive optima seen were
 * rationals no smaller than 1/12 for counts, so 1e-9 relative to n leaves
 * a wide margin on both sides).
 */
#define EXIST_TAU_ZERO 1e-9

/*
 * Rank tolerance: |R_ii| <= EXIST_RANK_TOL * max_j |R_jj| counts as zero,
 * after Householder QR with column pivoting.  1e-7 is the default tol of
 * R's qr() (LINPACK dqrdc2), which SparseMSE's checkident uses.
 * dqrdc2 measures a column against its own original norm rather than
 * against the largest pivot; for our 0/1 designs the two rules agree,
 * since a dependent column leaves a residual at rounding level (~1e-15)
 * and an independent one a residual of order 1/sqrt(p) or more.
 */
#define EXIST_RANK_TOL 1e-7

/*
 * |d_0| <= EXIST_D0_ZERO counts as 0 in msei_exist_direction: glp_exact
 * gives 0 exactly when the intercept is held; a free intercept can take
 * values of the order of the row bounds, 1.
 */
#define EXIST_D0_ZERO 1e-12

/* Why GLPK gave up, for the error message (glpk.h return codes). */
static const char *
exist_glpk_reason(int rc)
{
	switch (rc) {
	case GLP_EBADB:
		return "invalid initial basis";
	case GLP_ESING:
		return "singular basis matrix";
	case GLP_ECOND:
		return "ill-conditioned basis matrix";
	case GLP_EBOUND:
		return "invalid bounds";
	case GLP_EFAIL:
		return "solver failure";
	case GLP_EITLIM:
		return "iteration limit reached";
	case GLP_ETMLIM:
		return "time limit reached";
	case 0:
		return "no optimal solution found";
	default:
		return "unexpected return code";
	}
}

/*
 * Check the sizes and the data before anything reaches GLPK, whose error
 * hook aborts: c and p at least 1 and within GLPK's limits, A 0/1, y
 * finite and non-negative with a finite sum.  Sets *nnz to the number of
 * constraint coefficients of the LP.
 */
static int
exist_validate(const double *A, size_t c, size_t p, const double *y,
    size_t *nnz, double *n, struct mse_error *err)
{
	size_t i, j, ones = 0;
	double sum = 0;

	if (A == NULL || y == NULL || c == 0 || p == 0)
		return msei_error(err, MSE_EINVAL,
		    "existence check: empty design (%zu cells, %zu terms)",
		    c, p);
	if (c >= EXIST_GLPK_MAX_COLS || p > EXIST_GLPK_MAX_ROWS - c ||
	    c > SIZE_MAX / sizeof(double) / p)
		return msei_error(err, MSE_EINVAL, "existence check: design "
		    "too large (%zu cells, %zu terms)", c, p);
	for (i = 0; i < c * p; i++) {
		if (A[i] != 0 && A[i] != 1)
			return msei_error(err, MSE_EINVAL, "existence check: "
			    "design entry (%zu, %zu) is not 0 or 1",
			    i / p + 1, i % p + 1);
		ones += A[i] == 1;
	}
	for (j = 0; j < c; j++) {
		if (!(isfinite(y[j]) && y[j] >= 0))
			return msei_error(err, MSE_EINVAL, "existence check: "
			    "count %zu is not a finite non-negative number",
			    j + 1);
		sum += y[j];
	}
	if (!isfinite(sum) || ones > EXIST_GLPK_MAX_NNZ - 2 * c)
		return msei_error(err, MSE_EINVAL, "existence check: data "
		    "too large for the linear program");
	*nnz = ones + 2 * c;
	*n = sum;
	return MSE_OK;
}

/*
 * Rows, columns, bounds and objective of the LP of SparseMSE's checkident:
 * columns 1..c are x_1..x_c and column c+1 is tau, all >= 0; rows 1..p are
 * A^T x = s with s = A^T y, rows p+1..p+c are x_k - tau >= 0; maximise tau.
 */
static void
exist_lp_rows(glp_prob *lp, const double *A, size_t c, size_t p,
    const double *y)
{
	size_t i, j;
	double s;

	glp_set_obj_dir(lp, GLP_MAX);
	glp_add_rows(lp, (int)(p + c));
	glp_add_cols(lp, (int)(c + 1));
	for (j = 0; j < p; j++) {
		s = 0;
		for (i = 0; i < c; i++)
			s += A[i * p + j] * y[i];
		glp_set_row_bnds(lp, (int)(j + 1), GLP_FX, s, s);
	}
	for (i = 0; i < c; i++)
		glp_set_row_bnds(lp, (int)(p + i + 1), GLP_LO, 0.0, 0.0);
	for (i = 0; i <= c; i++)
		glp_set_col_bnds(lp, (int)(i + 1), GLP_LO, 0.0, 0.0);
	glp_set_obj_coef(lp, (int)(c + 1), 1.0);
}

/* Append coefficient v at (row, col) to GLPK's 1-based triplets. */
static void
exist_put(int *ia, int *ja, double *ar, size_t *k, size_t row, size_t col,
    double v)
{
	++*k;
	ia[*k] = (int)row;
	ja[*k] = (int)col;
	ar[*k] = v;
}

/* The nnz constraint coefficients, as GLPK's 1-based triplets. */
static int
exist_lp_matrix(glp_prob *lp, const double *A, size_t c, size_t p,
    size_t nnz, struct mse_error *err)
{
	int *ia, *ja;
	double *ar;
	size_t i, j, k = 0;

	ia = msei_calloc(nnz + 1, sizeof(*ia));
	ja = msei_calloc(nnz + 1, sizeof(*ja));
	ar = msei_calloc(nnz + 1, sizeof(*ar));
	if (ia == NULL || ja == NULL || ar == NULL) {
		free(ia);
		free(ja);
		free(ar);
		return msei_error(err, MSE_ENOMEM, "out of memory");
	}
	for (i = 0; i < c; i++) {
		for (j = 0; j < p; j++)
			if (A[i * p + j] != 0)
				exist_put(ia, ja, ar, &k, j + 1, i + 1, 1);
		exist_put(ia, ja, ar, &k, p + i + 1, i + 1, 1);
		exist_put(ia, ja, ar, &k, p + i + 1, c + 1, -1);
	}
	glp_load_matrix(lp, (int)k, ia, ja, ar);
	free(ia);
	free(ja);
	free(ar);
	return MSE_OK;
}

/*
 * Solve: the floating-point simplex first, then glp_exact (rational
 * arithmetic) from its basis, so that tau* = 0 comes out exactly 0 however
 * degenerate the LP is (checkident tests for exactly 0).  If the simplex
 * fails, glp_exact starts from the standard basis; if glp_exact fails
 * after a successful simplex, the simplex optimum stands.  Messages are
 * switched off through the control parameters only: glp_term_out would
 * change GLPK's per-thread state for every other user of it.
 */
static int
exist_lp_run(glp_prob *lp, double *tau, struct mse_error *err)
{
	glp_smcp parm;
	int rc, simplex_ok;
	double simplex_tau = 0;

	glp_init_smcp(&parm);
	parm.msg_lev = GLP_MSG_OFF;
	parm.presolve = GLP_OFF;
	rc = glp_simplex(lp, &parm);
	simplex_ok = rc == 0 && glp_get_status(lp) == GLP_OPT;
	if (simplex_ok)
		simplex_tau = glp_get_obj_val(lp);
	else
		glp_std_basis(lp);
	/* Positive optima are rationals far from 0 (the smallest seen is
	 * 1/12, in checkident's runs): only an optimum near 0 needs the exact
	 * solver to tell 0 from rounding. */
	if (simplex_ok && simplex_tau > 1e-3) {
		*tau = simplex_tau;
		return MSE_OK;
	}
	rc = glp_exact(lp, &parm);
	if (rc == 0 && glp_get_status(lp) == GLP_OPT) {
		*tau = glp_get_obj_val(lp);
		return MSE_OK;
	}
	if (simplex_ok) {
		*tau = simplex_tau;
		return MSE_OK;
	}
	return msei_error(err, MSE_EDOMAIN, "existence check: the linear "
	    "program failed (GLPK: %s)", exist_glpk_reason(rc));
}

/*
 * The LP optimum tau*.  GLPK cannot report running out of memory (its
 * allocator aborts); everything else is checked by exist_validate.
 */
static int
exist_lp_solve(const double *A, size_t c, size_t p, const double *y,
    size_t nnz, double *tau, struct mse_error *err)
{
	glp_prob *lp;
	int rc;

	lp = glp_create_prob();
	exist_lp_rows(lp, A, c, p, y);
	rc = exist_lp_matrix(lp, A, c, p, nnz, err);
	if (rc == MSE_OK)
		rc = exist_lp_run(lp, tau, err);
	glp_delete_prob(lp);
	return rc;
}

/*
 * rank(A) by Householder QR with column pivoting (gsl_linalg_QRPT_decomp),
 * counting the |R_ii| above EXIST_RANK_TOL times the largest.
 */
static int
exist_rank(const double *A, size_t c, size_t p, size_t *rank,
    struct mse_error *err)
{
	gsl_matrix_const_view av = gsl_matrix_const_view_array(A, c, p);
	size_t i, m = c < p ? c : p;
	gsl_matrix *qr = gsl_matrix_alloc(c, p);
	gsl_vector *tau = gsl_vector_alloc(m), *norm = gsl_vector_alloc(p);
	gsl_permutation *perm = gsl_permutation_alloc(p);
	double rmax = 0;
	int signum, status, rc = MSE_OK;

	if (qr == NULL || tau == NULL || norm == NULL || perm == NULL) {
		rc = msei_error(err, MSE_ENOMEM, "out of memory");
		goto out;
	}
	gsl_matrix_memcpy(qr, &av.matrix);
	status = gsl_linalg_QRPT_decomp(qr, tau, perm, &signum, norm);
	if (status != GSL_SUCCESS) {
		rc = msei_error(err, MSE_EDOMAIN, "existence check: QR "
		    "decomposition failed (%s)", gsl_strerror(status));
		goto out;
	}
	for (i = 0; i < m; i++)
		rmax = fmax(rmax, fabs(gsl_matrix_get(qr, i, i)));
	*rank = 0;
	for (i = 0; i < m; i++)
		if (fabs(gsl_matrix_get(qr, i, i)) > EXIST_RANK_TOL * rmax)
			++*rank;
out:
	gsl_permutation_free(perm);
	gsl_vector_free(norm);
	gsl_vector_free(tau);
	gsl_matrix_free(qr);
	return rc;
}

/*
 * The existence LP and rank test of SparseMSE's checkident on a design already
 * reduced by the boundary rule.  code is required; tau and rankdef may be
 * NULL.  On success *tau is the LP optimum, set to exactly 0 when it counts
 * as 0.  The outputs are left alone on failure.
 */
int
msei_exist_lp(const double *A, size_t c, size_t p, const double *y,
    int *code, double *tau, size_t *rankdef, struct mse_error *err)
{
	size_t nnz = 0, rank = 0;
	double n = 0, t = 0;
	int rc;

	if (code == NULL)
		return msei_error(err, MSE_EINVAL,
		    "existence check: no place for the result");
	rc = exist_validate(A, c, p, y, &nnz, &n, err);
	if (rc == MSE_OK)
		rc = exist_lp_solve(A, c, p, y, nnz, &t, err);
	if (rc == MSE_OK)
		rc = exist_rank(A, c, p, &rank, err);
	if (rc != MSE_OK)
		return rc;
	*code = 0;
	if (t <= EXIST_TAU_ZERO * fmax(1, n)) {
		*code |= MSE_EXIST_NOMLE;
		t = 0;
	}
	if (rank < p)
		*code |= MSE_EXIST_UNIDENT;
	if (tau != NULL)
		*tau = t;
	if (rankdef != NULL)
		*rankdef = p - rank;
	return MSE_OK;
}

/*
 * MSE's check_extended_MLE (MultipleSystemsEstimation 1.2.0,
 * after Fienberg & Rinaldo 2012 and SparseMSE's checkident): drop the
 * terms whose margin is 0 and every cell that contains one (the design's
 * boundary rule), then run the LP and the rank test on what is left.  A
 * table with no positive count leaves no cell; then *code is
 * MSE_EXIST_NOMLE | MSE_EXIST_UNIDENT and the result is MSE_EDOMAIN, with
 * a message.
 */
int
mse_model_check(const struct mse_table *t, const struct mse_model *m,
    int *code, struct mse_error *err)
{
	struct msei_design_spec sp = { t, NULL, NULL, NULL, 0, 0 };
	struct msei_design d;
	int rc;

	if (t == NULL || m == NULL || code == NULL)
		return msei_error(err, MSE_EINVAL,
		    "model check: missing table, model or result");
	if (msei_table_need_dense(t, "the existence check", err) != MSE_OK)
		return MSE_EDOMAIN;
	if (mse_model_lists(m) > mse_table_lists(t))
		return msei_error(err, MSE_EINVAL, "model check: the model "
		    "has %zu lists, the table %zu", mse_model_lists(m),
		    mse_table_lists(t));
	rc = msei_design_build(&d, &sp, m, NULL);
	if (rc == MSE_EDOMAIN && d.c == 0) {
		*code = MSE_EXIST_NOMLE | MSE_EXIST_UNIDENT;
		rc = msei_error(err, MSE_EDOMAIN, "model check: no cell has a "
		    "positive count, so no log-linear model can be fitted");
	} else if (rc != MSE_OK) {
		rc = msei_error(err, rc, "out of memory");
	} else {
		rc = msei_design_exists(&d, code, err);
	}
	msei_design_free(&d);
	return rc;
}

/* GLPK keeps an environment per thread (thread-local storage); a thread
 * that ends without freeing it leaks it. */
void
msei_exist_thread_done(void)
{
	glp_free_env();
}

/*
 * Existence for any real design, as the closed-population designs need
 * (their columns are not 0/1): the Poisson MLE of a log-linear model with
 * design X exists if and only if no direction d has X d <= 0 on every
 * cell, X d = 0 on the cells with a positive count and X d != 0
 * (Haberman 1974, Theorem 2.2; Fienberg and Rinaldo 2012).  The LP:
 * d free; r_i = x_i' d fixed at 0 where y_i > 0 and in [-1, 0] where
 * y_i = 0; minimise the sum of those r_i.  An optimum below 0 is such a
 * direction: along it the fitted values of *zero cells go to 0.  Solved
 * as msei_exist_lp is, exactly, so that "0" is exact.
 */
static void
exist_dir_rows(glp_prob *lp, const double *X, size_t c, size_t p,
    const double *y)
{
	size_t i, j;
	double s;

	glp_set_obj_dir(lp, GLP_MIN);
	glp_add_rows(lp, (int)c);
	glp_add_cols(lp, (int)p);
	for (i = 0; i < c; i++)
		glp_set_row_bnds(lp, (int)(i + 1), y[i] > 0 ? GLP_FX : GLP_DB,
		    y[i] > 0 ? 0.0 : -1.0, 0.0);
	for (j = 0; j < p; j++) {
		for (i = 0, s = 0; i < c; i++)
			s += y[i] > 0 ? 0 : X[i * p + j];
		glp_set_col_bnds(lp, (int)(j + 1), GLP_FR, 0.0, 0.0);
		glp_set_obj_coef(lp, (int)(j + 1), s);
	}
}

static int
exist_dir_matrix(glp_prob *lp, const double *X, size_t c, size_t p,
    struct mse_error *err)
{
	size_t i, j, k = 0, nnz = 0;
	int *ia, *ja;
	double *ar;

	for (i = 0; i < c * p; i++)
		nnz += X[i] != 0;
	if (nnz >= EXIST_GLPK_MAX_NNZ || c >= EXIST_GLPK_MAX_ROWS)
		return msei_error(err, MSE_EINVAL, "existence check: design "
		    "too large (%zu cells, %zu columns)", c, p);
	ia = msei_calloc(nnz + 1, sizeof(*ia));
	ja = msei_calloc(nnz + 1, sizeof(*ja));
	ar = msei_calloc(nnz + 1, sizeof(*ar));
	if (ia == NULL || ja == NULL || ar == NULL) {
		free(ia);
		free(ja);
		free(ar);
		return msei_error(err, MSE_ENOMEM, "out of memory");
	}
	for (i = 0; i < c; i++)
		for (j = 0; j < p; j++)
			if (X[i * p + j] != 0)
				exist_put(ia, ja, ar, &k, i + 1, j + 1,
				    X[i * p + j]);
	glp_load_matrix(lp, (int)k, ia, ja, ar);
	free(ia);
	free(ja);
	free(ar);
	return MSE_OK;
}

/* Over the directions that send cells to 0, can d_0, the intercept's
 * component, be other than 0?  Then N = n + exp(b0) is pushed to n or to
 * infinity.  The directions are bounded by the row bounds when X has full
 * column rank, as every design the engine fitted has. */
static int
exist_dir_intercept(glp_prob *lp, size_t p, int *free0,
    struct mse_error *err)
{
	double lo = 0, hi = 0;
	size_t j;
	int rc;

	for (j = 0; j < p; j++)
		glp_set_obj_coef(lp, (int)(j + 1), j == 0 ? 1.0 : 0.0);
	glp_set_obj_dir(lp, GLP_MAX);
	rc = exist_lp_run(lp, &hi, err);
	glp_set_obj_dir(lp, GLP_MIN);
	if (rc == MSE_OK)
		rc = exist_lp_run(lp, &lo, err);
	*free0 = (hi > EXIST_D0_ZERO ? 1 : 0) | (lo < -EXIST_D0_ZERO ? 2 : 0);
	return rc;
}

int
msei_exist_direction(const double *X, size_t c, size_t p, const double *y,
    int *exists, size_t *zero, int *free0, struct mse_error *err)
{
	glp_prob *lp;
	double v = 0;
	size_t i;
	int rc;

	*exists = 1;
	*zero = 0;
	*free0 = 0;
	for (i = 0; i < c * p; i++)
		if (!isfinite(X[i]))
			return msei_error(err, MSE_EINVAL, "existence check: "
			    "a design entry is not finite");
	for (i = 0; i < c && y[i] > 0; i++)
		;
	if (i == c)
		return MSE_OK;
	lp = glp_create_prob();
	exist_dir_rows(lp, X, c, p, y);
	rc = exist_dir_matrix(lp, X, c, p, err);
	if (rc == MSE_OK)
		rc = exist_lp_run(lp, &v, err);
	/* A direction can be scaled until some r_i reaches -1, so a true
	 * optimum is 0 or at most -1; -0.5 leaves room for the rounding of
	 * a floating-point solution (when glp_exact fails). */
	if (rc == MSE_OK && v < -0.5) {
		*exists = 0;
		for (i = 0; i < c; i++)
			*zero += glp_get_row_prim(lp, (int)(i + 1)) <
			    -EXIST_TAU_ZERO;
		rc = exist_dir_intercept(lp, p, free0, err);
	}
	glp_delete_prob(lp);
	return rc;
}
