/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glm.c - the Poisson log-linear engine (IRLS as R's glm.fit) and its fits. */
#include <config.h>

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_blas.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_vector.h>

#include "mse_private.h"

/* The existence linear program runs on tables up to this many cells (k =
 * 14); beyond, a fitted value that collapses to 0 is the only evidence. */
#define EXIST_MAX_CELLS 16383u



void
mse_fit_options_init(struct mse_fit_options *opt)
{
	/* R's glm.control() defaults, and glm.fit's QR tolerance 1e-11. */
	opt->max_iter = 25;
	opt->tol = 1e-8;
	opt->rank_tol = 1e-11;
}

/* Poisson deviance; a zero count contributes 2 mu. */
static double
deviance(const double *y, const double *mu, size_t c)
{
	double d = 0;
	size_t i;

	for (i = 0; i < c; i++)
		d += y[i] > 0 ? y[i] * log(y[i] / mu[i]) - (y[i] - mu[i]) :
		    mu[i];
	return 2 * d;
}

/* The deviance from the kept log mu and y log y: no logarithms per
 * iteration. */
static double
fast_deviance(const struct msei_glm *w)
{
	double d = 0;
	size_t i;

	for (i = 0; i < w->c; i++)
		d += w->y[i] > 0 ? w->ylogy[i] - w->y[i] * w->logmu[i] -
		    (w->y[i] - w->mu[i]) : w->mu[i];
	return 2 * d;
}

/* The full Poisson log-likelihood, log y! included, as R's dpois. */
static double
loglik(const double *y, const double *mu, size_t c)
{
	double ll = 0;
	size_t i;

	for (i = 0; i < c; i++)
		ll += (y[i] > 0 ? y[i] * log(mu[i]) : 0) - mu[i] -
		    gsl_sf_lngamma(y[i] + 1);
	return ll;
}

/* eta = X beta, mu = max(exp(eta), DBL_EPSILON) as R's poisson()$linkinv;
 * return the deviance (not finite when exp overflows). */
static double
update_mu(struct msei_glm *w, const double *beta)
{
	size_t i, j;

	for (i = 0; i < w->c; i++) {
		double eta = w->offset != NULL ? w->offset[i] : 0;

		if (w->start != NULL)
			for (j = w->start[i]; j < w->start[i + 1]; j++)
				eta += beta[w->nz[j]];
		else
			for (j = 0; j < w->p; j++)
				eta += w->X[i * w->p + j] * beta[j];
		w->mu[i] = fmax(exp(eta), DBL_EPSILON);
		if (w->logmu != NULL)
			w->logmu[i] = w->mu[i] == DBL_EPSILON ?
			    log(DBL_EPSILON) : eta;
	}
	return w->logmu != NULL ? fast_deviance(w) : deviance(w->y, w->mu,
	    w->c);
}

/* One weighted least-squares step: QR of sqrt(W) X, with glm.fit's
 * (LINPACK dqrdc2) rank test |R_jj| < tol * |column j|. */
static int
wls_step(struct msei_glm *w, gsl_matrix *A, gsl_vector *tau, gsl_vector *b,
    gsl_vector *x, gsl_vector *res, double tol)
{
	size_t i, j;

	for (i = 0; i < w->c; i++) {
		double sw = sqrt(w->mu[i]);
		double z = log(w->mu[i]) + (w->y[i] - w->mu[i]) / w->mu[i] -
		    (w->offset != NULL ? w->offset[i] : 0);

		for (j = 0; j < w->p; j++)
			gsl_matrix_set(A, i, j, sw * w->X[i * w->p + j]);
		gsl_vector_set(b, i, sw * z);
	}
	for (j = 0; j < w->p; j++) {
		gsl_vector_view col = gsl_matrix_column(A, j);

		gsl_vector_set(res, j, gsl_blas_dnrm2(&col.vector));
	}
	if (gsl_linalg_QR_decomp(A, tau) != GSL_SUCCESS)
		return MSE_ESINGULAR;
	for (j = 0; j < w->p; j++)
		if (!(fabs(gsl_matrix_get(A, j, j)) >=
		    tol * gsl_vector_get(res, j))) {
			w->aliased = j;
			return MSE_ESINGULAR;
		}
	if (gsl_linalg_QR_lssolve(A, tau, b, x, res) != GSL_SUCCESS)
		return MSE_ESINGULAR;
	return MSE_OK;
}

/* The covariance (X'WX)^-1 = R^-1 R^-T from the last QR (R in A's upper
 * part), as glm.fit's summary: the sum over j of x_j x_j', where x_j =
 * R^-1 e_j is column j of R^-1. */
static void
covariance(const gsl_matrix *A, size_t p, gsl_vector *u, double *cov)
{
	gsl_matrix_const_view R = gsl_matrix_const_submatrix(A, 0, 0, p, p);
	gsl_vector_view v = gsl_vector_subvector(u, 0, p);
	size_t i, j, l;

	for (i = 0; i < p * p; i++)
		cov[i] = 0;
	for (j = 0; j < p; j++) {
		gsl_vector_set_basis(&v.vector, j);
		gsl_blas_dtrsv(CblasUpper, CblasNoTrans, CblasNonUnit,
		    &R.matrix, &v.vector);
		for (i = 0; i < p; i++)
			for (l = 0; l < p; l++)
				cov[i * p + l] += gsl_vector_get(&v.vector, i) *
				    gsl_vector_get(&v.vector, l);
	}
}

/* Halve the step towards the previous coefficients until the deviance is
 * finite again (glm.fit: "algorithm stopped at boundary value"). */
static double
halve_step(struct msei_glm *w, const double *old, int max_iter)
{
	double dev = INFINITY;
	size_t j;
	int h;

	for (h = 0; h < max_iter && !isfinite(dev); h++) {
		for (j = 0; j < w->p; j++)
			w->beta[j] = (w->beta[j] + old[j]) / 2;
		dev = update_mu(w, w->beta);
	}
	return dev;
}

/*
 * Two ways to solve each weighted least-squares step.  Householder QR of
 * sqrt(W) X is glm.fit's, and the reference for every rank decision.  For
 * 0/1 designs (every log-linear model) the normal equations X'WX with a
 * Cholesky factor give the same coefficients and covariance to ~1e-12
 * for a fraction of the work, using the rows' few nonzero entries; if
 * the factor shows any sign of rank deficiency, the fit is redone by QR.
 */
struct solver {
	int chol;
	double tol;
	/* QR */
	gsl_matrix *A;
	gsl_vector *tau, *b, *x, *res;
	/* Cholesky */
	double *m, *rhs, *sol, *diag, *logmu, *ylogy;
	size_t *nz, *start;
	double *block;		/* all of the above */
};

/* Cholesky's rank test: |L_jj| = |R_jj| in exact arithmetic, but the
 * normal equations square the condition number, so anything within
 * 1e-7 (about sqrt(DBL_EPSILON) times 700) goes to QR for a verdict. */
#define CHOL_RANK_TOL 1e-7

/*
 * GSL 2.7's gsl_linalg_cholesky_decomp1 below its crossover to recursion
 * (CROSSOVER_CHOLESKY = 24 in linalg/recurse.h: the level-2 "gaxpy"
 * Cholesky of Golub & Van Loan, 4th ed., algorithm 4.2.1) and the two
 * gslcblas dtrsv solves of gsl_linalg_cholesky_solve, written out with
 * the same operations in the same order, so that the results are the
 * same to the last bit (tests/unit/test_chol.c compares them with GSL).
 * At the sizes of log-linear models, the BLAS calls and matrix views
 * cost more than the arithmetic.  Larger systems go to GSL itself.
 */
#define CHOL_HAND_MAX 24

int
msei_chol_decomp(double *a, size_t p)
{
	size_t i, j, l;

	for (j = 0; j < p; j++) {
		const double *w = a + j * p;
		double ajj, r;

		/* dgemv: A(j:p, j) -= A(j:p, 0:j) A(j, 0:j)' */
		for (i = j; j > 0 && i < p; i++) {
			double temp = 0;

			for (l = 0; l < j; l++)
				temp += w[l] * a[i * p + l];
			a[i * p + j] += -1.0 * temp;
		}
		ajj = a[j * p + j];
		if (ajj <= 0.0)
			return MSE_ESINGULAR;
		/* gsl_vector_scale: a multiplication by 1 / sqrt(ajj). */
		r = 1.0 / sqrt(ajj);
		for (i = j; i < p; i++)
			a[i * p + j] *= r;
	}
	return MSE_OK;
}

/* x = (L L')^-1 b, L in the lower triangle of a (b and x may be one). */
void
msei_chol_solve(const double *a, size_t p, const double *b, double *x)
{
	size_t i, j;

	memmove(x, b, p * sizeof(*x));
	x[0] = x[0] / a[0];
	for (i = 1; i < p; i++) {
		double tmp = x[i];

		for (j = 0; j < i; j++)
			tmp -= a[i * p + j] * x[j];
		x[i] = tmp / a[i * p + i];
	}
	x[p - 1] = x[p - 1] / a[(p - 1) * p + (p - 1)];
	for (i = p - 1; i > 0 && i--;) {
		double tmp = x[i];

		for (j = i + 1; j < p; j++)
			tmp -= a[j * p + i] * x[j];
		x[i] = tmp / a[i * p + i];
	}
}

static int
chol_factor_solve(struct solver *s, size_t p)
{
	gsl_matrix_view M = gsl_matrix_view_array(s->m, p, p);
	gsl_vector_view r = gsl_vector_view_array(s->rhs, p);
	gsl_vector_view x = gsl_vector_view_array(s->sol, p);
	size_t j;

	if (p <= CHOL_HAND_MAX) {
		if (msei_chol_decomp(s->m, p) != MSE_OK)
			return MSE_ESINGULAR;
	} else if (gsl_linalg_cholesky_decomp1(&M.matrix) != GSL_SUCCESS)
		return MSE_ESINGULAR;
	for (j = 0; j < p; j++)
		if (!(s->m[j * p + j] >= CHOL_RANK_TOL * sqrt(s->diag[j])))
			return MSE_ESINGULAR;
	if (p <= CHOL_HAND_MAX)
		msei_chol_solve(s->m, p, s->rhs, s->sol);
	else if (gsl_linalg_cholesky_solve(&M.matrix, &r.vector,
	    &x.vector) != GSL_SUCCESS)
		return MSE_ESINGULAR;
	return MSE_OK;
}

static int
chol_step(struct solver *s, struct msei_glm *w)
{
	size_t i, j, k, p = w->p;

	memset(s->m, 0, p * p * sizeof(double));
	memset(s->rhs, 0, p * sizeof(double));
	for (i = 0; i < w->c; i++) {
		double mu = w->mu[i], z = w->logmu[i] + (w->y[i] - mu) / mu -
		    (w->offset != NULL ? w->offset[i] : 0);

		for (j = s->start[i]; j < s->start[i + 1]; j++) {
			size_t a = s->nz[j];

			s->rhs[a] += mu * z;
			for (k = s->start[i]; k <= j; k++)
				s->m[a * p + s->nz[k]] += mu;
		}
	}
	for (j = 0; j < p; j++)
		s->diag[j] = s->m[j * p + j];
	return chol_factor_solve(s, p);
}

static int
solver_step(struct solver *s, struct msei_glm *w, double **beta)
{
	int rc;

	if (s->chol) {
		rc = chol_step(s, w);
		*beta = s->sol;
	} else {
		rc = wls_step(w, s->A, s->tau, s->b, s->x, s->res, s->tol);
		*beta = s->x->data;
	}
	return rc;
}

/* [(X'WX)^-1]_00 = |T^-1 e_0|^2 for X'WX = T'T with T upper (QR's R,
 * or L' of the Cholesky factor): one triangular solve, not an inverse. */
static double
solver_var0(struct solver *s, struct msei_glm *w)
{
	double *u = s->chol ? s->rhs : s->x->data;
	gsl_vector_view v = gsl_vector_view_array(u, w->p);
	gsl_matrix_view M = s->chol ? gsl_matrix_view_array(s->m, w->p,
	    w->p) : gsl_matrix_submatrix(s->A, 0, 0, w->p, w->p);

	gsl_vector_set_basis(&v.vector, 0);
	gsl_blas_dtrsv(s->chol ? CblasLower : CblasUpper, s->chol ?
	    CblasNoTrans : CblasTrans, CblasNonUnit, &M.matrix, &v.vector);
	return gsl_blas_dnrm2(&v.vector) * gsl_blas_dnrm2(&v.vector);
}

static void
solver_cov(struct solver *s, struct msei_glm *w)
{
	gsl_matrix_view M = gsl_matrix_view_array(s->m, w->p, w->p);

	if (!s->chol) {
		covariance(s->A, w->p, s->res, w->cov);
		return;
	}
	gsl_linalg_cholesky_invert(&M.matrix);
	memcpy(w->cov, s->m, w->p * w->p * sizeof(double));
}

/* The largest change of a linear predictor in the last step, max |X (b -
 * b_old)|: tiny when Newton's method has converged to an MLE, about 1
 * when a parameter is running off to -inf. */
static double
last_step(const struct msei_glm *w, const double *old)
{
	double m = 0;
	size_t i, j;

	for (i = 0; i < w->c; i++) {
		double d = 0;

		if (w->start != NULL)
			for (j = w->start[i]; j < w->start[i + 1]; j++)
				d += w->beta[w->nz[j]] - old[w->nz[j]];
		else
			for (j = 0; j < w->p; j++)
				d += w->X[i * w->p + j] * (w->beta[j] -
				    old[j]);
		if (fabs(d) > m)
			m = fabs(d);
	}
	return m;
}

/*
 * Converged to rounding: after the first step, no linear predictor moved
 * by STEP_FLOOR.  R's test on the deviance (glm.control: |dev - dev_old| /
 * (|dev| + 0.1) < 1e-8) cannot pass when the counts are large and the fit
 * is close: the deviance is then a sum of terms y log(y / mu) whose
 * rounding error, about 1e-16 * sum(y), exceeds 1e-9 once sum(y) is near
 * 10^7, and it wanders from step to step (R 4.2.2's glm() reports "did
 * not converge" on a three-list table of 10^9 people that fits exactly).
 * Near the MLE a step of d in the linear predictor changes the deviance
 * by about d^2 sum(mu), so with d < 1e-10 the exact deviance test would
 * pass for any sum(mu) below 10^11; the fitted values, and N, move by a
 * relative 1e-10 at most.  Steps away from a boundary are about 1.
 */
#define STEP_FLOOR 1e-10

static int
rounding_floor(const struct msei_glm *w, const double *old)
{
	return w->iter > 1 && last_step(w, old) < STEP_FLOOR;
}

static int
irls_loop(struct msei_glm *w, const struct mse_fit_options *opt,
    struct solver *s, double *old, struct mse_error *err)
{
	double dev, dev_old, *beta;
	size_t i;
	int rc;

	for (i = 0; i < w->c; i++) {
		w->mu[i] = w->y[i] + 0.1;
		if (w->logmu != NULL)
			w->logmu[i] = log(w->mu[i]);
	}
	dev_old = deviance(w->y, w->mu, w->c);
	for (w->iter = 1; w->iter <= opt->max_iter; w->iter++) {
		rc = solver_step(s, w, &beta);
		if (rc != MSE_OK)
			return rc;
		memcpy(w->beta, beta, w->p * sizeof(double));
		dev = update_mu(w, w->beta);
		if (!isfinite(dev) && w->iter == 1)
			return msei_error(err, MSE_ENOCONV, "did not converge: "
			    "the first IRLS step overflowed");
		if (!isfinite(dev)) {
			w->halved = 1;
			dev = halve_step(w, old, opt->max_iter);
		}
		if (!isfinite(dev))
			return msei_error(err, MSE_ENOCONV, "did not "
			    "converge: the fitted values overflow (step-halving "
			    "failed)");
		if (fabs(dev - dev_old) / (fabs(dev) + 0.1) < opt->tol ||
		    rounding_floor(w, old)) {
			w->last_step = last_step(w, old);
			return MSE_OK;
		}
		dev_old = dev;
		memcpy(old, w->beta, w->p * sizeof(double));
	}
	w->iter = opt->max_iter;
	return msei_error(err, MSE_ENOCONV, "did not converge: IRLS "
	    "stopped after %d iterations", opt->max_iter);
}

/* The nonzero columns of each row, when every entry is 0 or 1; all the
 * Cholesky workspace in one allocation, and X read once (the profile of
 * a model search showed a separate 0/1 scan and eight allocations per
 * fit costing more than the factorisations). */
static int
chol_setup(struct solver *s, const struct msei_glm *w)
{
	size_t i, j, n = 0, c = w->c, p = w->p, nd, ni;
	const double *x;

	if (p > SIZE_MAX / p || c > SIZE_MAX / p - 1 ||
	    p * p > SIZE_MAX / sizeof(double) - 3 * p - 2 * c)
		return 0;
	nd = p * p + 3 * p + 2 * c;
	ni = c + 1 + c * p;
	if (ni > (SIZE_MAX - nd * sizeof(double)) / sizeof(size_t))
		return 0;
	s->block = malloc(nd * sizeof(double) + ni * sizeof(size_t));
	if (s->block == NULL)
		return 0;
	s->m = s->block;
	s->rhs = s->m + p * p;
	s->sol = s->rhs + p;
	s->diag = s->sol + p;
	s->logmu = s->diag + p;
	s->ylogy = s->logmu + c;
	s->start = (size_t *)(s->ylogy + c);
	s->nz = s->start + c + 1;
	for (i = 0, x = w->X; i < c; i++) {
		s->start[i] = n;
		for (j = 0; j < p; j++, x++)
			if (*x == 1)
				s->nz[n++] = j;
			else if (*x != 0)
				return 0;
	}
	s->start[c] = n;
	return 1;
}

/* Let the predictor updates use the sparse rows too, and keep log mu
 * and y log y for the deviance. */
static void
chol_share(struct solver *s, struct msei_glm *w)
{
	size_t i;

	w->nz = s->chol ? s->nz : NULL;
	w->start = s->chol ? s->start : NULL;
	w->logmu = s->chol ? s->logmu : NULL;
	w->ylogy = s->chol ? s->ylogy : NULL;
	for (i = 0; s->chol && i < w->c; i++)
		s->ylogy[i] = w->y[i] > 0 ? w->y[i] * log(w->y[i]) : 0;
}

static void
solver_free(struct solver *s)
{
	gsl_matrix_free(s->A);
	gsl_vector_free(s->tau);
	gsl_vector_free(s->b);
	gsl_vector_free(s->x);
	gsl_vector_free(s->res);
	free(s->block);
	memset(s, 0, sizeof(*s));
}

static int
qr_setup(struct solver *s, const struct msei_glm *w, double tol)
{
	s->chol = 0;
	s->tol = tol;
	s->A = gsl_matrix_alloc(w->c, w->p);
	s->tau = gsl_vector_alloc(w->p);
	s->b = gsl_vector_alloc(w->c);
	s->x = gsl_vector_alloc(w->p);
	s->res = gsl_vector_alloc(w->c);
	return s->A != NULL && s->tau != NULL && s->b != NULL &&
	    s->x != NULL && s->res != NULL;
}

/* Fit the Poisson GLM with log link on w->c cells (see mse_private.h). */
int
msei_glm_fit(struct msei_glm *w, const struct mse_fit_options *opt,
    struct mse_error *err)
{
	struct mse_fit_options defaults;
	struct solver s;
	double *old;
	int rc = MSE_ENOMEM;

	if (opt == NULL) {
		mse_fit_options_init(&defaults);
		opt = &defaults;
	}
	w->aliased = w->p;
	w->halved = 0;
	if (w->c < w->p) {
		w->aliased = w->c;
		return MSE_ESINGULAR;
	}
	memset(&s, 0, sizeof(s));
	old = msei_calloc(w->p, sizeof(*old));
	if (old != NULL && (s.chol = chol_setup(&s, w))) {
		chol_share(&s, w);
		rc = irls_loop(w, opt, &s, old, err);
		if (rc == MSE_ESINGULAR) {
			/* Let QR decide, from the start. */
			solver_free(&s);
			memset(old, 0, w->p * sizeof(*old));
			rc = MSE_ENOMEM;
		}
	}
	if (rc == MSE_ENOMEM && old != NULL) {
		solver_free(&s);
		chol_share(&s, w);
		if (qr_setup(&s, w, opt->rank_tol))
			rc = irls_loop(w, opt, &s, old, err);
	}
	if (rc == MSE_ENOMEM)
		msei_error(err, MSE_ENOMEM, "out of memory");
	if (rc == MSE_OK)
		w->var0 = solver_var0(&s, w);
	if (rc == MSE_OK && w->cov != NULL)
		solver_cov(&s, w);
	/* After max_iter iterations, R's glm keeps the last iterate; so do
	 * beta, mu and the deviance (not finite if the steps overflowed). */
	if (rc == MSE_OK || rc == MSE_ENOCONV) {
		w->deviance = deviance(w->y, w->mu, w->c);
		w->loglik = loglik(w->y, w->mu, w->c);
	}
	solver_free(&s);
	chol_share(&s, w);
	free(old);
	return rc;
}

/* Names of the terms in list, joined by ", ", into buf. */
static void
terms_string(const struct mse_table *t, const uint32_t *list, size_t n,
    const char *suffix, char *buf, size_t size)
{
	char term[128];
	size_t i, len = 0;

	buf[0] = '\0';
	for (i = 0; i < n && len + 1 < size; i++) {
		mse_table_format_term(t, list[i], term, sizeof(term));
		len += (size_t)snprintf(buf + len, size - len, "%s%s%s",
		    i ? ", " : "", term, suffix);
	}
}

/* Pairs of lists that no unit is on together: the usual cause of a
 * missing MLE. */
static void
empty_pairs(const struct mse_table *t, char *buf, size_t size)
{
	uint32_t pairs[64];
	size_t i, j, n = 0, k = mse_table_lists(t);

	for (i = 0; i < k; i++)
		for (j = i + 1; j < k && n < 64; j++)
			if (msei_table_margin(t, (1u << i) | (1u << j)) == 0)
				pairs[n++] = (1u << i) | (1u << j);
	if (n == 0) {
		buf[0] = '\0';
		return;
	}
	terms_string(t, pairs, n, "", buf, size);
}

/*
 * Does the MLE exist?  With every kept cell positive, the data themselves
 * are a positive table with the model's margins, so it does.  Otherwise
 * the linear program decides (SparseMSE's checkident), except when IRLS
 * has converged as Newton's method does to an interior optimum: the last
 * step moved no linear predictor by more than 0.01.  Were the MLE not to
 * exist, the vanishing cells' predictors would still be falling by about
 * 1 per step (the Newton step for a zero count is -1 in log mu).
 */
#define CONVERGED_STEP 0.01

static int
check_exists(const struct mse_table *t, const struct mse_model *m,
    const double *y, const struct msei_glm *w, int fitted,
    struct mse_error *err)
{
	char pairs[160];
	size_t i;
	int code = 0, rc;

	for (i = 0; i < w->c && y[i] > 0; i++)
		;
	if (i == w->c || mse_table_cells(t) > EXIST_MAX_CELLS)
		return MSE_OK;
	if (fitted && w->last_step < CONVERGED_STEP)
		return MSE_OK;
	rc = mse_model_check(t, m, &code, err);
	if (rc != MSE_OK)
		return rc;
	empty_pairs(t, pairs, sizeof(pairs));
	if (code & MSE_EXIST_NOMLE)
		return msei_error(err, MSE_ENOMLE, "no MLE: no positive "
		    "table has the margins of this model, so the estimate is "
		    "on the boundary%s%s%s", pairs[0] ? " (lists with no "
		    "overlap: " : "", pairs, pairs[0] ? ")" : "");
	if (code & MSE_EXIST_UNIDENT)
		return msei_error(err, MSE_ESINGULAR, "not identifiable: the "
		    "cells left after fixing the empty margins cannot carry "
		    "all the model's terms%s%s%s", pairs[0] ? " (lists with no "
		    "overlap: " : "", pairs, pairs[0] ? ")" : "");
	return MSE_OK;
}

struct setup {
	uint32_t *kept_terms, *cells;
	double *X, *y;
	size_t p, c;
};

static void
setup_free(struct setup *s)
{
	free(s->kept_terms);
	free(s->cells);
	free(s->X);
	free(s->y);
}

/* The boundary rule: terms with a zero margin go to -inf, and the cells
 * that contain them leave the fit.  Build the design on the rest. */
static int
setup_design(const struct mse_table *t, const struct mse_model *m,
    struct mse_fit *f, struct setup *s, struct mse_error *err)
{
	size_t i, j, nt = mse_model_terms(m);
	uint32_t w, z;

	f->boundary = msei_calloc(nt, sizeof(*f->boundary));
	s->kept_terms = msei_calloc(nt + 1, sizeof(*s->kept_terms));
	s->cells = msei_calloc(f->cells, sizeof(*s->cells));
	s->y = msei_calloc(f->cells, sizeof(*s->y));
	if (f->boundary == NULL || s->kept_terms == NULL || s->cells == NULL ||
	    s->y == NULL)
		return msei_error(err, MSE_ENOMEM, "out of memory");
	s->kept_terms[s->p++] = 0;
	for (i = 0; i < nt; i++) {
		uint32_t a = mse_model_term(m, i);

		if (msei_table_margin(t, a) == 0)
			f->boundary[f->nboundary++] = a;
		else
			s->kept_terms[s->p++] = a;
	}
	for (w = 1; w <= f->cells; w++) {
		for (j = 0; j < f->nboundary; j++) {
			z = f->boundary[j];
			if ((w & z) == z)
				break;
		}
		if (j == f->nboundary) {
			s->cells[s->c] = w;
			s->y[s->c++] = mse_table_get(t, w);
		}
	}
	s->X = msei_calloc(s->c, s->p * sizeof(double));
	if (s->X == NULL || s->p > SIZE_MAX / sizeof(double))
		return msei_error(err, MSE_ENOMEM, "out of memory");
	for (i = 0; i < s->c; i++)
		for (j = 0; j < s->p; j++)
			s->X[i * s->p + j] = (s->cells[i] & s->kept_terms[j]) ==
			    s->kept_terms[j];
	return MSE_OK;
}

static int
singular_error(const struct mse_table *t, const struct setup *s,
    size_t aliased, struct mse_error *err)
{
	char term[128];

	if (aliased >= s->p)
		return msei_error(err, MSE_ESINGULAR, "not identifiable: %zu "
		    "cells cannot carry %zu parameters", s->c, s->p);
	mse_table_format_term(t, s->kept_terms[aliased], term, sizeof(term));
	return msei_error(err, MSE_ESINGULAR, "not identifiable: the design "
	    "is singular (term %s is aliased with earlier terms)", term);
}

/* glm.fit's warning "fitted rates numerically 0 occurred": a parameter is
 * running off to -inf, so the MLE is on the boundary. */
static int
check_zero_fits(const struct mse_table *t, const struct setup *s,
    const double *mu, struct mse_error *err)
{
	char cell[MSE_MAX_LISTS + 1];
	size_t i, j, k = mse_table_lists(t);

	for (i = 0; i < s->c; i++) {
		if (mu[i] >= 10 * DBL_EPSILON)
			continue;
		for (j = 0; j < k; j++)
			cell[j] = (s->cells[i] >> j & 1) ? '1' : '0';
		cell[k] = '\0';
		return msei_error(err, MSE_ENOMLE, "no MLE: the fitted value of "
		    "cell %s goes to 0 (a parameter runs off to -inf)", cell);
	}
	return MSE_OK;
}

/* Fill in N, the likelihood and the fitted values from a converged run,
 * and keep the design for profile intervals and refits. */
static int
finish_fit(const struct mse_table *t, struct mse_fit *f, struct setup *s,
    const struct msei_glm *w, struct mse_error *err)
{
	size_t i;
	int rc = check_zero_fits(t, s, w->mu, err);

	if (rc != MSE_OK)
		return rc;
	for (i = 0; i < s->c; i++)
		f->fitted[s->cells[i]] = w->mu[i];
	f->n = mse_table_observed(t);
	f->loglik = w->loglik;
	/* A saturated fit has deviance 0; rounding can leave -1e-15. */
	f->deviance = fabs(w->deviance) < 1e-12 * (1 + f->n) ? 0 :
	    w->deviance;
	/* Every term counts, the -inf ones included (MSE's BIC, and R's
	 * glm on the full table). */
	f->p = s->p + f->nboundary;
	f->df = (long)f->cells - (long)f->p;
	f->iter = w->iter;
	f->c = s->c;
	f->q = s->p;
	f->cell = s->cells;
	f->X = s->X;
	f->y = s->y;
	f->terms = s->kept_terms;
	s->cells = NULL;
	s->X = s->y = NULL;
	s->kept_terms = NULL;
	return msei_fit_finish(f, w->beta[0], w->var0, err);
}

static int
run_fit(const struct mse_table *t, const struct mse_model *m,
    const struct mse_fit_options *opt, struct mse_fit *f,
    struct mse_error *err)
{
	struct setup s;
	struct msei_glm w;
	int rc;

	memset(&s, 0, sizeof(s));
	memset(&w, 0, sizeof(w));
	rc = setup_design(t, m, f, &s, err);
	if (rc == MSE_OK && s.p > s.c) {
		char b[160];

		terms_string(t, f->boundary, f->nboundary, "", b, sizeof(b));
		rc = msei_error(err, MSE_ESINGULAR, "not identifiable: %zu "
		    "parameters for %zu cells%s%s%s", s.p, s.c,
		    f->nboundary ? " (the terms with no data, " : "", b,
		    f->nboundary ? ", are fixed at -inf and take their cells "
		    "out of the fit)" : "");
	}
	if (rc == MSE_OK) {
		w.c = s.c;
		w.p = s.p;
		w.X = s.X;
		w.y = s.y;
		w.mu = msei_calloc(s.c, sizeof(double));
		w.beta = f->beta = msei_calloc(s.p, sizeof(double));
		rc = w.mu == NULL || w.beta == NULL ?
		    msei_error(err, MSE_ENOMEM, "out of memory") :
		    msei_glm_fit(&w, opt, err);
		if (rc == MSE_OK || rc == MSE_ENOCONV ||
		    rc == MSE_ESINGULAR) {
			/* The existence verdict explains a failed fit
			 * better than the fit's own symptom. */
			int ex = check_exists(t, m, s.y, &w, rc == MSE_OK, err);

			if (ex != MSE_OK)
				rc = ex;
		}
		if (rc == MSE_ESINGULAR)
			rc = singular_error(t, &s, w.aliased, err);
		if (rc == MSE_OK)
			rc = finish_fit(t, f, &s, &w, err);
	}
	free(w.mu);
	setup_free(&s);
	return rc;
}

int
mse_fit_loglinear(const struct mse_table *t, const struct mse_model *m,
    const struct mse_fit_options *opt, struct mse_fit **out,
    struct mse_error *err)
{
	struct mse_fit *f;
	int rc;

	*out = NULL;
	if (mse_model_terms(m) == 0 ||
	    mse_model_term(m, mse_model_terms(m) - 1) >> mse_table_lists(t))
		return msei_error(err, MSE_EINVAL, "the model does not fit "
		    "the table's lists");
	f = msei_fit_new(mse_table_lists(t), err);
	if (f == NULL)
		return err != NULL ? err->code : MSE_ENOMEM;
	rc = run_fit(t, m, opt, f, err);
	if (rc != MSE_OK) {
		mse_fit_free(f);
		return rc;
	}
	*out = f;
	return MSE_OK;
}

struct mse_fit *
msei_fit_new(size_t k, struct mse_error *err)
{
	struct mse_fit *f = calloc(1, sizeof(*f));

	if (f == NULL) {
		msei_error(err, MSE_ENOMEM, "out of memory");
		return NULL;
	}
	f->k = k;
	f->cells = ((uint32_t)1 << k) - 1;
	f->fitted = msei_calloc((size_t)f->cells + 1, sizeof(double));
	if (f->fitted == NULL) {
		free(f);
		msei_error(err, MSE_ENOMEM, "out of memory");
		return NULL;
	}
	return f;
}

void
msei_fit_slim(struct mse_fit *f)
{
	free(f->cell);
	free(f->X);
	free(f->y);
	free(f->offset);
	free(f->terms);
	free(f->beta);
	free(f->cov);
	f->cell = f->terms = NULL;
	f->X = f->y = f->offset = f->beta = f->cov = NULL;
	f->c = f->q = 0;
}

/* N = n + exp(b0), and Rcapture's var(N) = m0 + m0^2 var(b0). */
int
msei_fit_finish(struct mse_fit *f, double beta0, double var_beta0,
    struct mse_error *err)
{
	double m0 = exp(beta0);

	f->beta0 = beta0;
	f->var_beta0 = var_beta0;
	f->fitted[0] = m0;
	f->estimate = f->n + m0;
	f->se = sqrt(m0 + m0 * m0 * var_beta0);
	if (!isfinite(f->estimate) || !isfinite(f->se))
		return msei_error(err, MSE_ENOCONV, "did not converge: the "
		    "estimate of the unseen cell is not finite");
	return MSE_OK;
}

void
mse_fit_free(struct mse_fit *f)
{
	if (f == NULL)
		return;
	free(f->fitted);
	free(f->boundary);
	free(f->cell);
	free(f->X);
	free(f->y);
	free(f->offset);
	free(f->terms);
	free(f->beta);
	free(f->cov);
	free(f->keep);
	free(f);
}

double
mse_fit_observed(const struct mse_fit *f)
{
	return f->n;
}

double
mse_fit_unseen(const struct mse_fit *f)
{
	return f->fitted[0];
}

double
mse_fit_estimate(const struct mse_fit *f)
{
	return f->estimate;
}

double
mse_fit_intercept(const struct mse_fit *f)
{
	return f->beta0;
}

double
mse_fit_loglik(const struct mse_fit *f)
{
	return f->loglik;
}

double
mse_fit_deviance(const struct mse_fit *f)
{
	return f->deviance;
}

long
mse_fit_df(const struct mse_fit *f)
{
	return f->df;
}

size_t
mse_fit_params(const struct mse_fit *f)
{
	return f->p;
}

int
mse_fit_iterations(const struct mse_fit *f)
{
	return f->iter;
}

size_t
mse_fit_boundary_terms(const struct mse_fit *f)
{
	return f->nboundary;
}


double
mse_fit_intercept_se(const struct mse_fit *f)
{
	return sqrt(f->var_beta0);
}

double
mse_fit_se(const struct mse_fit *f)
{
	return f->se;
}

double
mse_fit_aic(const struct mse_fit *f)
{
	return -2 * f->loglik + 2 * (double)f->p;
}

/* BIC with n = the number observed, as Rcapture and MSE. */
double
mse_fit_bic(const struct mse_fit *f)
{
	return -2 * f->loglik + (double)f->p * log(f->n);
}

double
mse_fit_fitted(const struct mse_fit *f, uint32_t pattern)
{
	return pattern <= f->cells ? f->fitted[pattern] : 0;
}

uint32_t
mse_fit_boundary_term(const struct mse_fit *f, size_t i)
{
	return i < f->nboundary ? f->boundary[i] : 0;
}
