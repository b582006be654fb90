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

		for (j = 0; j < w->p; j++)
			eta += w->X[i * w->p + j] * beta[j];
		w->mu[i] = fmax(exp(eta), DBL_EPSILON);
	}
	return deviance(w->y, w->mu, w->c);
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

static int
irls_loop(struct msei_glm *w, const struct mse_fit_options *opt, gsl_matrix *A,
    gsl_vector *tau, gsl_vector *b, gsl_vector *x, gsl_vector *res,
    double *old, struct mse_error *err)
{
	double dev, dev_old;
	size_t i;
	int rc;

	for (i = 0; i < w->c; i++)
		w->mu[i] = w->y[i] + 0.1;
	dev_old = deviance(w->y, w->mu, w->c);
	for (w->iter = 1; w->iter <= opt->max_iter; w->iter++) {
		rc = wls_step(w, A, tau, b, x, res, opt->rank_tol);
		if (rc != MSE_OK)
			return rc;
		memcpy(w->beta, x->data, w->p * sizeof(double));
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
		if (fabs(dev - dev_old) / (fabs(dev) + 0.1) < opt->tol)
			return MSE_OK;
		dev_old = dev;
		memcpy(old, w->beta, w->p * sizeof(double));
	}
	w->iter = opt->max_iter;
	return msei_error(err, MSE_ENOCONV, "did not converge: IRLS "
	    "stopped after %d iterations", opt->max_iter);
}

/* Fit the Poisson GLM with log link on w->c cells (see mse_private.h). */
int
msei_glm_fit(struct msei_glm *w, const struct mse_fit_options *opt,
    struct mse_error *err)
{
	struct mse_fit_options defaults;

	gsl_matrix *A = NULL;
	gsl_vector *tau = NULL, *b = NULL, *x = NULL, *res = NULL;
	double *old = NULL;
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
	A = gsl_matrix_alloc(w->c, w->p);
	tau = gsl_vector_alloc(w->p);
	b = gsl_vector_alloc(w->c);
	x = gsl_vector_alloc(w->p);
	res = gsl_vector_alloc(w->c);
	old = msei_calloc(w->p, sizeof(*old));
	if (A == NULL || tau == NULL || b == NULL || x == NULL ||
	    res == NULL || old == NULL) {
		msei_error(err, MSE_ENOMEM, "out of memory");
		goto done;
	}
	rc = irls_loop(w, opt, A, tau, b, x, res, old, err);
	if (rc == MSE_OK && w->cov != NULL)
		covariance(A, w->p, res, w->cov);
	/* After max_iter iterations, R's glm keeps the last iterate; so do
	 * beta, mu and the deviance (not finite if the steps overflowed). */
	if (rc == MSE_OK || rc == MSE_ENOCONV) {
		w->deviance = deviance(w->y, w->mu, w->c);
		w->loglik = loglik(w->y, w->mu, w->c);
	}
done:
	gsl_matrix_free(A);
	gsl_vector_free(tau);
	gsl_vector_free(b);
	gsl_vector_free(x);
	gsl_vector_free(res);
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

/* Check existence with the linear program when some kept cell is empty
 * (with every cell positive, the data themselves are a positive table). */
static int
check_exists(const struct mse_table *t, const struct mse_model *m,
    const double *y, size_t c, struct mse_error *err)
{
	char pairs[160];
	size_t i;
	int code = 0, rc;

	for (i = 0; i < c && y[i] > 0; i++)
		;
	if (i == c || mse_table_cells(t) > EXIST_MAX_CELLS)
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
	return msei_fit_finish(f, w->beta[0], f->cov[0], err);
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
	if (rc == MSE_OK)
		rc = check_exists(t, m, s.y, s.c, err);
	if (rc == MSE_OK) {
		w.c = s.c;
		w.p = s.p;
		w.X = s.X;
		w.y = s.y;
		w.mu = msei_calloc(s.c, sizeof(double));
		w.beta = f->beta = msei_calloc(s.p, sizeof(double));
		w.cov = f->cov = msei_calloc(s.p, s.p * sizeof(double));
		rc = w.mu == NULL || w.beta == NULL || w.cov == NULL ?
		    msei_error(err, MSE_ENOMEM, "out of memory") :
		    msei_glm_fit(&w, opt, err);
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
