/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glm.c - the Poisson log-linear engine (IRLS as R's glm.fit) and its fits. */
#include <config.h>

#include <float.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_blas.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_vector.h>

#include "mse_private.h"

void
mse_fit_options_init(struct mse_fit_options *opt)
{
	/* R's glm.control() defaults, and glm.fit's QR tolerance 1e-11. */
	memset(opt, 0, sizeof(*opt));
	opt->size = sizeof(*opt);
	opt->max_iter = 25;
	opt->tol = 1e-8;
	opt->rank_tol = 1e-11;
}

const struct mse_fit_options *
msei_fit_quiet(const struct mse_fit_options *fo, struct mse_fit_options *buf)
{
	if (fo == NULL)
		return NULL;
	mse_fit_options_init(buf);
	if (msei_sized_in(buf, sizeof(*buf), fo, "mse_fit_options", NULL) !=
	    MSE_OK)
		return fo;	/* refused again, with its reason, by the fit */
	buf->progress = NULL;
	buf->progress_arg = NULL;
	return buf;
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

#define LFACT_TABLE 1024
static double lfact_table[LFACT_TABLE];
static pthread_once_t lfact_once = PTHREAD_ONCE_INIT;

static void
lfact_init(void)
{
	size_t n;

	for (n = 0; n < LFACT_TABLE; n++)
		lfact_table[n] = gsl_sf_lngamma((double)n + 1);
}

double
msei_lfact(double y)
{
	if (y >= 0 && y < LFACT_TABLE && y == floor(y)) {
		pthread_once(&lfact_once, lfact_init);
		return lfact_table[(size_t)y];
	}
	return gsl_sf_lngamma(y + 1);
}

/* The full Poisson log-likelihood, log y! included, as R's dpois. */
double
msei_poisson_loglik(const double *y, const double *mu, size_t c)
{
	double ll = 0;
	size_t i;

	for (i = 0; i < c; i++)
		ll += (y[i] > 0 ? y[i] * log(mu[i]) : 0) - mu[i] -
		    msei_lfact(y[i]);
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

	if (w->beta_start != NULL) {
		/* glm.fit's start: eta = X start (+ offset). */
		dev_old = update_mu(w, w->beta_start);
		memcpy(old, w->beta_start, w->p * sizeof(double));
		if (!isfinite(dev_old))
			return msei_error(err, MSE_ENOCONV, "did not converge: "
			    "the starting values overflow");
	} else {
		for (i = 0; i < w->c; i++) {
			if (!w->mu_given)
				w->mu[i] = w->y[i] + 0.1;
			if (w->logmu != NULL)
				w->logmu[i] = log(w->mu[i]);
		}
		dev_old = deviance(w->y, w->mu, w->c);
	}
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
	int rc;

	mse_fit_options_init(&defaults);
	if (opt != NULL && (rc = msei_sized_in(&defaults, sizeof(defaults),
	    opt, "mse_fit_options", err)) != MSE_OK)
		return rc;
	opt = &defaults;
	rc = MSE_ENOMEM;
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
			/* Let QR decide, from R's start. */
			w->mu_given = 0;
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
		w->loglik = msei_poisson_loglik(w->y, w->mu, w->c);
	}
	solver_free(&s);
	chol_share(&s, w);
	free(old);
	return rc;
}

/*
 * Move the design and the engine's results into the fit: N, the
 * likelihood, the fitted values, and the design kept for profile
 * intervals and refits.
 */
int
msei_fit_from_design(struct mse_fit *f, struct msei_design *d,
    const struct msei_glm *w, struct msei_design_work *ws,
    struct mse_error *err)
{
	size_t i, j;

	/* The workspace's coefficients and covariance become the fit's
	 * (w's point into ws): moved, not copied. */
	if (ws != NULL && ws->beta == w->beta) {
		f->beta = ws->beta;
		ws->beta = NULL;
		ws->qcap = 0;
	}
	if (ws != NULL && w->cov != NULL && ws->cov == w->cov) {
		f->cov = ws->cov;
		ws->cov = NULL;
		ws->covcap = 0;
	}
	f->boundary = msei_calloc(d->nboundary + 1, sizeof(*f->boundary));
	f->terms = msei_calloc(d->q, sizeof(*f->terms));
	if (f->beta == NULL && (f->beta = msei_calloc(d->q,
	    sizeof(double))) != NULL)
		memcpy(f->beta, w->beta, d->q * sizeof(double));
	if (w->cov != NULL && f->cov == NULL && (f->cov = msei_calloc(d->q,
	    d->q * sizeof(double))) != NULL)
		memcpy(f->cov, w->cov, d->q * d->q * sizeof(double));
	if (f->boundary == NULL || f->terms == NULL || f->beta == NULL ||
	    (w->cov != NULL && f->cov == NULL))
		return msei_error(err, MSE_ENOMEM, "out of memory");
	for (j = 1; j < d->p; j++)
		if (d->kind[j] == MSEI_COL_BOUNDARY)
			f->boundary[f->nboundary++] = d->term[j];
	for (j = 0; j < d->q; j++)
		f->terms[j] = d->term[d->col[j]];
	for (i = 0; i < d->c; i++)
		f->fitted[d->rw[i]] = w->mu[i];
	f->n = mse_table_observed(d->t);
	f->loglik = w->loglik;
	/* A saturated fit has deviance 0; rounding can leave -1e-15. */
	f->deviance = fabs(w->deviance) < 1e-12 * (1 + f->n) ? 0 :
	    w->deviance;
	/* Every term counts, the -inf ones included (MSE's BIC, and R's
	 * glm on the full table). */
	f->p = d->q + d->nboundary;
	f->df = (long)(f->cells - d->nabsent_cells) - (long)f->p;
	f->iter = w->iter;
	f->nabsent = d->nabsent_cells;
	f->c = d->c;
	f->q = d->q;
	f->cell = d->rw;
	f->X = d->X;
	f->y = d->y;
	d->rw = NULL;
	d->X = d->y = NULL;
	return msei_fit_finish(f, w->beta[0], f->cov != NULL ? f->cov[0] :
	    w->var0, err);
}

int
mse_fit_loglinear(const struct mse_table *t, const struct mse_model *m,
    const struct mse_fit_options *opt, struct mse_fit **out,
    struct mse_error *err)
{
	struct msei_design_spec sp = { t, NULL, NULL, NULL, 0, 0 };

	if (msei_table_need_dense(t, "the log-linear model", err) != MSE_OK)
		return MSE_EDOMAIN;
	return msei_fit_table(&sp, m, opt, NULL, 0, out, err);
}

/*
 * A fit of one table (sp->table, with the structural zeros sp->absent):
 * the design, the fit from start (or R's start), and the result.  With
 * want_cov the fit keeps (X'WX)^-1.
 */
int
msei_fit_table(const struct msei_design_spec *sp, const struct mse_model *m,
    const struct mse_fit_options *opt, const double *cells, int want_cov,
    struct mse_fit **out, struct mse_error *err)
{
	struct msei_design d;
	struct msei_design_work ws;
	struct msei_glm w;
	struct mse_fit *f;
	int rc;

	*out = NULL;
	memset(&ws, 0, sizeof(ws));
	if (mse_model_terms(m) == 0 ||
	    mse_model_term(m, mse_model_terms(m) - 1) >>
	    mse_table_lists(sp->table))
		return msei_error(err, MSE_EINVAL, "the model does not fit "
		    "the table's lists");
	f = msei_fit_new(mse_table_lists(sp->table), err);
	if (f == NULL)
		return err != NULL ? err->code : MSE_ENOMEM;
	rc = msei_design_build(&d, sp, m, err);
	ws.cell_start = cells;
	if (rc == MSE_OK)
		rc = msei_design_fit(&d, opt, NULL, want_cov, &ws, &w, err);
	if (rc == MSE_OK)
		rc = msei_fit_from_design(f, &d, &w, &ws, err);
	msei_design_work_free(&ws);
	msei_design_free(&d);
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
	/* The fit and its fitted values in one block (a search makes
	 * thousands of fits); the doubles after the struct, aligned. */
	size_t head = (sizeof(struct mse_fit) + sizeof(double) - 1) /
	    sizeof(double) * sizeof(double);
	size_t cells = ((size_t)1 << k) - 1;
	struct mse_fit *f = k >= sizeof(size_t) * 8 - 4 ? NULL :
	    msei_calloc(1, head + (cells + 1) * sizeof(double));

	if (f == NULL) {
		msei_error(err, MSE_ENOMEM, "out of memory");
		return NULL;
	}
	f->k = k;
	f->cells = (uint32_t)cells;
	f->fitted = (double *)((char *)f + head);
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
	size_t i;

	if (f == NULL)
		return;
	/* f->fitted lives in f's own block (msei_fit_new). */
	free(f->boundary);
	free(f->cell);
	free(f->X);
	free(f->y);
	free(f->offset);
	free(f->terms);
	free(f->beta);
	free(f->cov);
	free(f->keep);
	free(f->sn);
	free(f->sest);
	free(f->sse);
	free(f->sfmi);
	free(f->formula);
	for (i = 0; f->bname != NULL && i < f->nboundary; i++)
		free(f->bname[i]);
	free(f->bname);
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

/*
 * AICc = AIC + 2 p (p + 1) / (n - p - 1) (Hurvich & Tsai 1989,
 * Biometrika 76:297), with p the parameters counted as AIC and BIC count
 * them and n the number observed, as BIC's n; the formula and n of
 * model_search in M. Cruyff's R package mse.  Not defined (NaN) when
 * n <= p + 1.
 */
double
mse_fit_aicc(const struct mse_fit *f)
{
	double p = (double)f->p;

	if (!(f->n - p - 1 > 0))
		return NAN;
	return mse_fit_aic(f) + 2 * p * (p + 1) / (f->n - p - 1);
}

double
msei_criterion(const struct mse_fit *f, int which)
{
	double c;

	switch (which) {
	case MSE_SELECT_AIC:
		return mse_fit_aic(f);
	case MSE_SELECT_AICC:
		c = mse_fit_aicc(f);
		return isnan(c) ? INFINITY : c;
	default:
		return mse_fit_bic(f);
	}
}

double
mse_fit_fitted(const struct mse_fit *f, uint32_t pattern)
{
	return pattern <= f->cells ? f->fitted[pattern] : 0;
}

uint32_t
mse_fit_boundary_term(const struct mse_fit *f, size_t i)
{
	return i < f->nboundary && f->boundary != NULL ? f->boundary[i] : 0;
}

size_t
mse_fit_strata(const struct mse_fit *f)
{
	return f->S > 0 ? f->S : 1;
}

double
mse_fit_stratum_observed(const struct mse_fit *f, size_t i)
{
	if (f->S == 0)
		return i <= 1 ? f->n : NAN;
	return i <= f->S ? f->sn[i] : NAN;
}

double
mse_fit_stratum_estimate(const struct mse_fit *f, size_t i)
{
	if (f->S == 0)
		return i <= 1 ? f->estimate : NAN;
	return i <= f->S ? f->sest[i] : NAN;
}

double
mse_fit_stratum_se(const struct mse_fit *f, size_t i)
{
	if (f->S == 0)
		return i <= 1 ? f->se : NAN;
	return i <= f->S ? f->sse[i] : NAN;
}

const char *
mse_fit_model(const struct mse_fit *f)
{
	return f->formula;
}

size_t
mse_fit_absent_cells(const struct mse_fit *f)
{
	return f->nabsent;
}

const char *
mse_fit_boundary_name(const struct mse_fit *f, size_t i)
{
	return i < f->nboundary && f->bname != NULL ? f->bname[i] : NULL;
}
