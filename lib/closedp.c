/* SPDX-License-Identifier: GPL-3.0-or-later */
/* closedp.c - Rcapture's closed-population models as designs on the engine. */
#include <config.h>

#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_sf_gamma.h>

#include "mse_private.h"

/*
 * The designs follow Rcapture 1.4-4's closedp.t and closedp.0
 * (Baillargeon & Rivest 2007; Rivest & Baillargeon 2007, the Rcapture
 * manual's closedp and closedp.0 pages): a Poisson log-linear
 * model on the 2^t - 1 observable histories (or on f_1 ... f_t0), intercept
 * first, then the model's columns, every one of them 0 at the unobserved
 * history, so that the unseen count is exp(b0) (except for Mb and Mbh).
 */

/* Rcapture's default theta of the Poisson and Gamma forms (closedp.R). */
#define POISSON_THETA 2.0
#define GAMMA_THETA 3.5
/* Rcapture's getBiasWarn: "the asymptotic bias is large". */
#define BIAS_LARGE 0.1
/* Column names listed in a note before "and N more". */
#define NOTE_NAMES 6

enum {
	COL_ONE,		/* the intercept */
	COL_F,			/* f, the number of captures */
	COL_OCC,		/* omega_j: caught on occasion j */
	COL_CHAO,		/* (f - j + 1)+ */
	COL_POISSON,		/* theta^f - 1 */
	COL_DARROCH,		/* f^2 / 2 */
	COL_GAMMA,		/* log theta - log(theta + f) */
	COL_FIRST,		/* k - 1: occasions before the first capture */
	COL_RECAP,		/* f - 1: recaptures */
	COL_NOTFIRST		/* 1 - omega_1 */
};

struct col {
	int kind;
	unsigned j;
	char name[16];
};

static const struct {
	const char *name, *label;
} models[MSE_CLOSEDP_MODELS] = {
	{ "M0", "M0" },
	{ "Mt", "Mt" },
	{ "Mh-chao", "Mh Chao (LB)" },
	{ "Mh-poisson", "Mh Poisson2" },
	{ "Mh-darroch", "Mh Darroch" },
	{ "Mh-gamma", "Mh Gamma3.5" },
	{ "Mth-chao", "Mth Chao (LB)" },
	{ "Mth-poisson", "Mth Poisson2" },
	{ "Mth-darroch", "Mth Darroch" },
	{ "Mth-gamma", "Mth Gamma3.5" },
	{ "Mb", "Mb" },
	{ "Mbh", "Mbh" }
};

const char *
mse_closedp_name(int model)
{
	return model >= 0 && model < MSE_CLOSEDP_MODELS ? models[model].name :
	    NULL;
}

const char *
mse_closedp_label(int model)
{
	return model >= 0 && model < MSE_CLOSEDP_MODELS ?
	    models[model].label : NULL;
}

static int
same_name(const char *a, const char *b)
{
	for (; *a != '\0' && *b != '\0'; a++, b++)
		if ((*a | 0x20) != (*b | 0x20))
			return 0;
	return *a == *b;
}

int
mse_closedp_lookup(const char *name)
{
	int m;

	for (m = 0; m < MSE_CLOSEDP_MODELS; m++)
		if (same_name(name, models[m].name))
			return m;
	return -1;
}

static int
is_mh(int model)
{
	return model >= MSE_MH_CHAO && model <= MSE_MH_GAMMA;
}

static int
is_mth(int model)
{
	return model >= MSE_MTH_CHAO && model <= MSE_MTH_GAMMA;
}

/* Rcapture fits M0, Mt and Mb on two occasions and the heterogeneity
 * models from three; frequencies allow only M0 and Mh. */
int
mse_closedp_applies(int model, size_t t, int frequency)
{
	if (model < 0 || model >= MSE_CLOSEDP_MODELS || t < 2)
		return 0;
	if (frequency)
		return model == MSE_M0 || (is_mh(model) && t >= 3);
	return model == MSE_M0 || model == MSE_MT || model == MSE_MB ||
	    t >= 3;
}

void
msei_note(char *note, size_t size, const char *fmt, ...)
{
	size_t len;
	va_list ap;
	int n;

	if (note == NULL || size < 8)
		return;
	len = strlen(note);
	if (len + 4 >= size)
		return;
	if (len > 0) {
		memcpy(note + len, "; ", 3);
		len += 2;
	}
	va_start(ap, fmt);
	n = vsnprintf(note + len, size - len, fmt, ap);
	va_end(ap);
	if (n >= 0 && (size_t)n >= size - len)
		memcpy(note + size - 4, "...", 4);
}

static void
add_col(struct col *c, size_t *n, int kind, unsigned j, const char *name)
{
	c[*n].kind = kind;
	c[*n].j = j;
	snprintf(c[*n].name, sizeof(c[*n].name), name, j);
	(*n)++;
}

/* The heterogeneity column(s) of Mh and Mth: Chao's eta3 ... eta_tt, or
 * one tau. */
static void
hetero_cols(int model, size_t tt, struct col *c, size_t *n)
{
	unsigned j;

	if (model == MSE_MH_CHAO || model == MSE_MTH_CHAO)
		for (j = 3; j <= tt; j++)
			add_col(c, n, COL_CHAO, j, "eta%u");
	else if (model == MSE_MH_POISSON || model == MSE_MTH_POISSON)
		add_col(c, n, COL_POISSON, 0, "tau");
	else if (model == MSE_MH_DARROCH || model == MSE_MTH_DARROCH)
		add_col(c, n, COL_DARROCH, 0, "tau");
	else
		add_col(c, n, COL_GAMMA, 0, "tau");
}

/* The columns of model on t occasions, where tt is the largest number of
 * captures fitted (t, or t0 for frequencies), in Rcapture's order and
 * with its names (Rcapture's closedp.t design columns).  c has room for
 * t + tt + 2 columns.  *nexempt is Rcapture's nca for the Chao forms. */
static size_t
columns(int model, size_t t, size_t tt, struct col *c, size_t *nexempt)
{
	size_t n = 0;
	unsigned j;

	*nexempt = 0;
	add_col(c, &n, COL_ONE, 0, "(Intercept)");
	if (model == MSE_M0 || is_mh(model))
		add_col(c, &n, COL_F, 0, "beta");
	if (model == MSE_MT || is_mth(model))
		for (j = 1; j <= t; j++)
			add_col(c, &n, COL_OCC, j - 1, "beta%u");
	if (model == MSE_MH_CHAO || model == MSE_MTH_CHAO)
		*nexempt = n;
	if (is_mh(model) || is_mth(model))
		hetero_cols(model, tt, c, &n);
	if (model == MSE_MBH)
		add_col(c, &n, COL_NOTFIRST, 0, "eta");
	if (model == MSE_MB || model == MSE_MBH) {
		add_col(c, &n, COL_FIRST, 0, "beta1");
		add_col(c, &n, COL_RECAP, 0, "beta2");
	}
	return n;
}

/* The value of a column for history w (bit j: caught on occasion j + 1;
 * 0 for frequency data) caught f times. */
static double
value(const struct col *c, uint32_t w, double f)
{
	switch (c->kind) {
	case COL_ONE:
		return 1;
	case COL_F:
		return f;
	case COL_OCC:
		return (double)(w >> c->j & 1);
	case COL_CHAO:
		return fmax(f - c->j + 1, 0);
	case COL_POISSON:
		return pow(POISSON_THETA, f) - 1;
	case COL_DARROCH:
		return f * f / 2;
	case COL_GAMMA:
		return log(GAMMA_THETA) - log(GAMMA_THETA + f);
	case COL_FIRST:
		return (double)__builtin_ctz(w);
	case COL_RECAP:
		return f - 1;
	default:
		return (double)!(w & 1);
	}
}

/* The coefficients, covariance and kept columns of a fit of q columns. */
static int
alloc_fit(struct mse_fit *f, size_t q, struct mse_error *err)
{
	f->q = q;
	f->beta = msei_calloc(q, sizeof(double));
	f->cov = msei_calloc(q, q * sizeof(double));
	f->keep = msei_calloc(q, 1);
	if (f->beta == NULL || f->cov == NULL || f->keep == NULL ||
	    q > SIZE_MAX / sizeof(double) / q)
		return msei_error(err, MSE_ENOMEM, "out of memory");
	return MSE_OK;
}

/* Whether a fit's coefficients can steer Chao's rule: converged, or
 * stopped after max_iter iterations with finite coefficients, as R's glm
 * (whose warning Rcapture keeps). */
static int
usable(int rc, const double *beta, size_t p)
{
	size_t j;

	if (rc != MSE_OK && rc != MSE_ENOCONV)
		return 0;
	for (j = 0; j < p; j++)
		if (!isfinite(beta[j]))
			return 0;
	return 1;
}

/* The first kept column after the exempt ones with a negative
 * coefficient (packed in beta), or q. */
static size_t
first_negative(const unsigned char *keep, size_t q, size_t nexempt,
    const double *beta)
{
	size_t j, l = 0;

	for (j = 0; j < q; j++) {
		if (!keep[j])
			continue;
		if (j >= nexempt && beta[l] < 0)
			return j;
		l++;
	}
	return q;
}

static int
run_engine(struct msei_glm *g, const struct msei_glm *w,
    const unsigned char *keep, const char *const *names,
    const struct mse_fit_options *opt, struct mse_error *err)
{
	int rc;

	g->p = msei_pack_columns(w->X, w->c, w->p, keep, (double *)g->X);
	rc = msei_glm_fit(g, opt, err);
	if (rc == MSE_ESINGULAR) {
		size_t j, l = 0;

		for (j = 0; j < w->p && (!keep[j] || l++ != g->aliased); j++)
			;
		rc = j < w->p && names != NULL ? msei_error(err, rc, "not "
		    "identifiable: column %s is aliased with earlier columns",
		    names[j]) : msei_error(err, rc, "not identifiable: the "
		    "design is singular");
	}
	return rc;
}

/* "negative eta4, eta5 set to 0 (Chao's rule)". */
static void
deleted_note(const size_t *del, size_t ndel, const char *const *names,
    char *note, size_t size)
{
	char buf[160];
	size_t i, len = 0;

	if (ndel == 0)
		return;
	buf[0] = '\0';
	for (i = 0; i < ndel && i < NOTE_NAMES; i++)
		len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%s",
		    i ? ", " : "", names != NULL ? names[del[i]] : "?");
	if (ndel > NOTE_NAMES)
		snprintf(buf + len, sizeof(buf) - len, " and %zu more",
		    ndel - NOTE_NAMES);
	msei_note(note, size, "negative %s set to 0 (Chao's rule, df +%zu)",
	    buf, ndel);
}

/* Expand the packed coefficients and covariance of g into w's q. */
static void
expand(struct msei_glm *w, const struct msei_glm *g,
    const unsigned char *keep)
{
	size_t q = w->p, i, j, a = 0, b;

	for (i = 0; i < q; i++)
		w->beta[i] = 0;
	if (w->cov != NULL)
		for (i = 0; i < q * q; i++)
			w->cov[i] = 0;
	for (i = 0; i < q; i++) {
		if (!keep[i])
			continue;
		w->beta[i] = g->beta[a];
		for (j = 0, b = 0; j < q && w->cov != NULL; j++)
			if (keep[j])
				w->cov[i * q + j] = g->cov[a * g->p + b++];
		a++;
	}
	/* g->mu is w->mu: the fitted values are already in place. */
	w->deviance = g->deviance;
	w->loglik = g->loglik;
	w->iter = g->iter;
	w->halved = g->halved;
	w->last_step = g->last_step;
}

/* Chao's rule, one deletion at a time (Rcapture's closedp.t, neg = TRUE). */
static int
chao_loop(struct msei_glm *g, const struct msei_glm *w, size_t nexempt,
    const char *const *names, unsigned char *keep, size_t *del,
    size_t *ndel, char *note, size_t size,
    const struct mse_fit_options *opt, struct mse_error *err)
{
	size_t j;
	int rc = run_engine(g, w, keep, names, opt, err);

	while (nexempt > 0 && usable(rc, g->beta, g->p)) {
		j = first_negative(keep, w->p, nexempt, g->beta);
		if (j == w->p)
			break;
		if (rc != MSE_OK)
			msei_note(note, size, "the fit with %s did not "
			    "converge", names != NULL ? names[j] : "eta");
		keep[j] = 0;
		rc = run_engine(g, w, keep, names, opt, err);
		if (!usable(rc, g->beta, g->p)) {
			/* Rcapture keeps the previous fit; the engine is
			 * deterministic, so refit it. */
			msei_note(note, size, "negative %s kept: the fit "
			    "without it failed (%s)", names != NULL ?
			    names[j] : "eta", err != NULL ? err->message : "");
			keep[j] = 1;
			rc = run_engine(g, w, keep, names, opt, err);
			break;
		}
		del[(*ndel)++] = j;
	}
	return rc;
}

int
msei_chao_fit(struct msei_glm *w, size_t nexempt, const char *const *names,
    unsigned char *keep, char *note, size_t size,
    const struct mse_fit_options *opt, struct mse_error *err)
{
	struct msei_glm g = *w;
	size_t *del = msei_calloc(w->p, sizeof(*del)), ndel = 0, j;
	double *Xk = msei_calloc(w->c, w->p * sizeof(double));
	int rc = MSE_ENOMEM;

	g.beta = msei_calloc(w->p, sizeof(double));
	g.cov = msei_calloc(w->p, w->p * sizeof(double));
	g.X = Xk;
	if (del == NULL || Xk == NULL || g.beta == NULL || g.cov == NULL) {
		msei_error(err, rc, "out of memory");
		goto done;
	}
	for (j = 0; j < w->p; j++)
		keep[j] = 1;
	rc = chao_loop(&g, w, nexempt, names, keep, del, &ndel, note, size,
	    opt, err);
	deleted_note(del, ndel, names, note, size);
	if (usable(rc, g.beta, g.p))
		expand(w, &g, keep);
	w->aliased = g.aliased;
done:
	free(del);
	free(Xk);
	free(g.beta);
	free(g.cov);
	return rc;
}

/* Rcapture's asymptotic bias of N (closedp.t's results table): with
 * h_r = x_r' V x_r and psi = sum_r mu_r h_r x_r - e_1, the bias is
 * -exp(b0) (V psi)_1 / 2.  Deleted columns have zero rows in V. */
static double
bias(const struct mse_fit *f, const double *mu)
{
	size_t q = f->q, r, i, j;
	double *psi = msei_calloc(q, sizeof(double)), h, vpsi = 0;

	if (psi == NULL)
		return NAN;
	for (r = 0; r < f->c; r++) {
		const double *x = f->X + r * q;

		for (i = 0, h = 0; i < q; i++)
			for (j = 0; j < q; j++)
				h += x[i] * f->cov[i * q + j] * x[j];
		for (i = 0; i < q; i++)
			psi[i] += mu[r] * h * x[i];
	}
	psi[0] -= 1;
	for (j = 0; j < q; j++)
		vpsi += f->cov[j] * psi[j];
	free(psi);
	return -exp(f->beta[0]) * vpsi / 2;
}

/* Mb and Mbh (Rcapture's closedp.t): N is not n + exp(b0), and
 * var(N) = v' V v - N, with v the gradient of N. */
static int
behaviour_n(struct mse_fit *f, struct mse_error *err)
{
	const double *b = f->beta;
	double t = f->occasions, v[4], A, B, G, N, var = 0;
	size_t i, j, p = f->model == MSE_MB ? 3 : 4;

	if (f->model == MSE_MB) {
		A = 1 + exp(b[2]) - exp(b[1]);
		N = exp(b[0]) * pow(1 + exp(b[2]), t) / A;
		v[0] = N;
		v[1] = N * exp(b[1]) / A;
		v[2] = N * (t * exp(b[2]) / (1 + exp(b[2])) - exp(b[2]) / A);
	} else {
		A = 1 + exp(b[3]) - exp(b[2]);
		B = exp(b[1] + b[2]);
		G = exp(b[0]) * pow(1 + exp(b[3]), t - 1);
		N = G * (1 + B / A);
		v[0] = G * (1 + B / A);
		v[1] = G * B / A;
		v[2] = G * (B / A + B * exp(b[2]) / (A * A));
		v[3] = G * ((t - 1) * exp(b[3]) / (1 + exp(b[3])) -
		    B * exp(b[3]) / (A * A));
	}
	/* A <= 0 means a first-capture probability p <= 0: the fitted
	 * log-linear parameters are outside the model (Rcapture prints the
	 * negative N that results). */
	if (!(A > 0) || !isfinite(N))
		return msei_error(err, MSE_ENOMLE, "no MLE: the estimate is on "
		    "the boundary (the fit implies a first-capture probability "
		    "that is not positive: 1 + exp(b%zu) - exp(b%zu) = %.3g)",
		    p - 1, p - 2, A);
	for (i = 0; i < p; i++)
		for (j = 0; j < p; j++)
			var += v[i] * f->cov[i * f->q + j] * v[j];
	var -= N;
	if (!(var >= 0) || !isfinite(var))
		return msei_error(err, MSE_EDOMAIN, "no standard error: the "
		    "delta-method variance of N is negative (%.3g)", var);
	f->beta0 = b[0];
	f->var_beta0 = f->cov[0];
	f->estimate = N;
	f->se = sqrt(var);
	f->fitted[0] = N - f->n;
	return MSE_OK;
}

/* The warnings Rcapture's infoFit codes: fitted values numerically 0,
 * step-halving, a large asymptotic bias. */
static void
fit_notes(struct mse_fit *f, const struct msei_glm *w)
{
	size_t i, zero = 0;
	double b;

	for (i = 0; i < w->c; i++)
		zero += w->mu[i] < MSEI_ZERO_RATE;
	if (zero > 0)
		msei_note(f->note, sizeof(f->note), "fitted values "
		    "numerically 0 in %zu cell%s", zero, zero > 1 ? "s" : "");
	if (w->halved)
		msei_note(f->note, sizeof(f->note), "IRLS halved a step to "
		    "keep the fitted values finite (boundary)");
	b = bias(f, w->mu);
	if (isfinite(b) && fabs(b) > BIAS_LARGE * f->estimate)
		msei_note(f->note, sizeof(f->note), "the asymptotic bias is "
		    "large (%.3g)", b);
}

/*
 * Whether a converged fit proves that its MLE exists, so that the linear
 * program of msei_design_extended (half the time of the twelve models on
 * UKdat) need not run: when it does, msei_design_extended returns the
 * fit's status unchanged.
 *
 * The MLE of a Poisson log-linear model exists if and only if some m > 0
 * has X'm = X'y (Haberman 1974, The Analysis of Frequency Data, theorem
 * 2.2).  Let mu be the fitted values, W = diag(mu), r = X'(y - mu) the
 * score left at convergence, and V the fit's covariance: the inverse of
 * A' = X'W'X at the weights W' of the last step, which moved no linear
 * predictor by more than s (the fit's last_step).  Then W = W' e^d with
 * |d| <= s, so -eps A' <= A - A' <= eps A' for A = X'WX and
 * eps = e^s - 1, and E = A V - I has norm at most eps in the metric
 * |z|_V = sqrt(z'Vz).  The corrections m = mu + W X V (r_0 + r_1 + ...),
 * r_(k+1) = -E r_k, satisfy X'm = X'y in the limit, and shift cell i by
 * a factor 1 + x_i'V r_0 + x_i'V (r_1 + ...), where by Cauchy-Schwarz
 *   |x_i'V (r_1 + ...)| <= sqrt(x_i'V x_i) |r_0|_V eps / (1 - eps).
 * When that bound plus |x_i'V r_0| is at most CERT_SHIFT < 1 for every
 * cell, every m_i > 0 and the MLE exists.  s <= CERT_STEP keeps eps
 * below 0.11.  A fit that did not converge, halved a step, or whose
 * fitted values near 0 make the shifts large (a boundary) is left to the
 * linear program.
 */
#define CERT_STEP 0.1
#define CERT_SHIFT 0.5
#define CERT_MAXQ 64

static int
exists_certified(const struct msei_design *d, const struct msei_glm *w,
    int rc)
{
	size_t q = d->q, i, j, l;
	double r[CERT_MAXQ], vr[CERT_MAXQ], s, h, rv = 0, eps, tail;

	if (rc != MSE_OK || w->cov == NULL || w->halved || q > CERT_MAXQ ||
	    !(w->last_step <= CERT_STEP))
		return 0;
	eps = expm1(w->last_step);
	tail = eps / (1 - eps);
	for (j = 0; j < q; j++)
		r[j] = 0;
	for (i = 0; i < d->c; i++) {
		const double *x = d->X + i * q;
		double e = d->y[i] - w->mu[i];

		if (!(w->mu[i] > 0) || !isfinite(w->mu[i]))
			return 0;
		for (j = 0; j < q; j++)
			r[j] += x[j] * e;
	}
	for (j = 0; j < q; j++) {
		for (l = 0, s = 0; l < q; l++)
			s += w->cov[j * q + l] * r[l];
		vr[j] = s;
		rv += r[j] * s;
	}
	if (!(rv >= 0))
		return 0;
	rv = sqrt(rv);
	for (i = 0; i < d->c; i++) {
		const double *x = d->X + i * q;

		for (j = 0, s = 0, h = 0; j < q; j++) {
			double vx = 0;

			s += x[j] * vr[j];
			for (l = 0; l < q; l++)
				vx += w->cov[j * q + l] * x[l];
			h += x[j] * vx;
		}
		if (!(h >= 0) || !(fabs(s) + sqrt(h) * rv * tail <=
		    CERT_SHIFT))
			return 0;
	}
	return 1;
}

/* Move the design's matrix, counts, offset and cells into f, which
 * keeps them for the profile's refits. */
static void
adopt(struct mse_fit *f, struct msei_design *d)
{
	f->c = d->c;
	f->X = d->X;
	f->y = d->y;
	f->offset = d->offset;
	f->cell = d->rw;
	d->X = d->y = d->offset = NULL;
	d->rw = NULL;
}

/* Fit design d, with Chao's rule, and fill in N, its SE and the
 * statistics of f. */
static int
fit_design(struct mse_fit *f, struct msei_design *d, const struct col *cols,
    const struct mse_fit_options *opt, struct mse_error *err)
{
	const char **names = msei_calloc(f->q, sizeof(*names));
	struct msei_glm w;
	size_t i;
	int rc;

	memset(&w, 0, sizeof(w));
	w.c = d->c;
	w.p = d->q;
	w.X = d->X;
	w.y = d->y;
	w.offset = d->offset;
	w.beta = f->beta;
	w.cov = f->cov;
	w.mu = msei_calloc(d->c, sizeof(double));
	if (names == NULL || w.mu == NULL) {
		rc = msei_error(err, MSE_ENOMEM, "out of memory");
		goto done;
	}
	for (i = 0; i < f->q; i++)
		names[i] = cols[i].name;
	rc = msei_chao_fit(&w, f->nexempt, names, f->keep, f->note,
	    sizeof(f->note), opt, err);
	if ((rc == MSE_OK && !exists_certified(d, &w, rc)) ||
	    (rc == MSE_ENOCONV && usable(rc, w.beta, f->q)))
		rc = msei_design_extended(d, f->keep, &w, rc, f->note,
		    sizeof(f->note), err);
	if (rc != MSE_OK)
		goto done;
	adopt(f, d);
	f->p = 0;
	for (i = 0; i < f->q; i++)
		f->p += f->keep[i];
	f->df = (long)f->c - (long)f->p;
	f->iter = w.iter;
	f->loglik = w.loglik;
	f->deviance = fabs(w.deviance) < 1e-12 * (1 + f->n) ? 0 : w.deviance;
	for (i = 0; i < f->c && f->cells > 0; i++)
		f->fitted[f->cell[i]] = w.mu[i];
	rc = f->model == MSE_MB || f->model == MSE_MBH ? behaviour_n(f, err) :
	    msei_fit_finish(f, f->beta[0], f->cov[0], err);
	if (rc == MSE_OK)
		fit_notes(f, &w);
done:
	free(names);
	free(w.mu);
	return rc;
}

static struct col *
make_columns(int model, size_t t, size_t tt, size_t *q, size_t *nexempt,
    struct mse_error *err)
{
	struct col *c = msei_calloc(t + tt + 2, sizeof(*c));

	if (c == NULL) {
		msei_error(err, MSE_ENOMEM, "out of memory");
		return NULL;
	}
	*q = columns(model, t, tt, c, nexempt);
	return c;
}

/* The rows of closedp.t (one per history w = 1 ... 2^t - 1) and of
 * closedp.0 (i = t0, ..., 1 with y = f_i and offset log C(t, i), or
 * -log i! for captures in continuous time). */
struct rows {
	const struct mse_table *t;
	const struct mse_freq *fr;
	const struct col *cols;
	size_t t0;
	double occasions;
	int tinf;
};

static void
table_row(const void *arg, size_t r, uint32_t *cell, double *y,
    double *offset)
{
	const struct rows *a = arg;

	(void)offset;
	*cell = (uint32_t)(r + 1);
	*y = mse_table_get(a->t, *cell);
}

static double
table_value(const void *arg, size_t j, size_t r)
{
	const struct rows *a = arg;
	uint32_t w = (uint32_t)(r + 1);

	return value(&a->cols[j], w, (double)msei_popcount(w));
}

static void
freq_row(const void *arg, size_t r, uint32_t *cell, double *y,
    double *offset)
{
	const struct rows *a = arg;
	unsigned i = (unsigned)(a->t0 - r);

	*cell = i;
	*y = mse_freq_get(a->fr, i);
	*offset = a->tinf ? -gsl_sf_lnfact(i) :
	    gsl_sf_lnchoose((unsigned)a->occasions, i);
}

static double
freq_value(const void *arg, size_t j, size_t r)
{
	const struct rows *a = arg;

	return value(&a->cols[j], 0, (double)(a->t0 - r));
}

/* Build the design of model on rows ra (c of them: a table's histories,
 * or frequencies with an offset), with tt the largest number of captures
 * fitted, and fit it into f. */
static int
fit_rows(struct mse_fit *f, int model, size_t t, size_t tt,
    struct rows *ra, size_t c, int freq, const struct mse_fit_options *opt,
    struct mse_error *err)
{
	struct msei_design_cols sp = { 0, 0, 0, NULL, NULL, NULL };
	struct msei_design d;
	size_t q = 0;
	int rc;

	memset(&d, 0, sizeof(d));
	ra->cols = make_columns(model, t, tt, &q, &f->nexempt, err);
	if (ra->cols == NULL)
		return MSE_ENOMEM;
	sp.c = c;
	sp.q = q;
	sp.offset = freq;
	sp.arg = ra;
	sp.row = freq ? freq_row : table_row;
	sp.value = freq ? freq_value : table_value;
	rc = alloc_fit(f, q, err);
	if (rc == MSE_OK)
		rc = msei_design_columns(&d, &sp, err);
	if (rc == MSE_OK)
		rc = fit_design(f, &d, ra->cols, opt, err);
	msei_design_free(&d);
	free((void *)ra->cols);
	ra->cols = NULL;
	return rc;
}

int
mse_fit_closedp(const struct mse_table *t, int model,
    const struct mse_fit_options *opt, struct mse_fit **out,
    struct mse_error *err)
{
	size_t k = mse_table_lists(t);
	struct rows ra = { NULL, NULL, NULL, 0, 0, 0 };
	struct mse_fit *f;
	int rc;

	*out = NULL;
	if (msei_table_need_dense(t, "Rcapture's models", err) != MSE_OK)
		return MSE_EDOMAIN;
	if (!mse_closedp_applies(model, k, 0))
		return msei_error(err, MSE_EINVAL, "model %s needs at least 3 "
		    "occasions (lists); the table has %zu",
		    mse_closedp_name(model) ? mse_closedp_name(model) : "?",
		    k);
	f = msei_fit_new(k, err);
	if (f == NULL)
		return err != NULL ? err->code : MSE_ENOMEM;
	f->closedp = 1;
	f->model = model;
	f->occasions = (double)k;
	f->n = mse_table_observed(t);
	ra.t = t;
	rc = f->n == 0 ? msei_error(err, MSE_EDOMAIN, "no unit was seen") :
	    fit_rows(f, model, k, k, &ra, f->cells, 0, opt, err);
	if (rc != MSE_OK) {
		mse_fit_free(f);
		return rc;
	}
	*out = f;
	return MSE_OK;
}

/* Check t and t0 for frequency data (Rcapture's valid.t and valid.t0):
 * an infinite t becomes the largest number of captures, and t0, by
 * default t, may then exceed it (the extra frequencies are 0). */
static int
freq_occasions(const struct mse_freq *fr, int model, double *t,
    size_t *t0, struct mse_error *err)
{
	size_t max = mse_freq_max(fr);
	int tinf = isinf(*t) && *t > 0;

	if (max == 0)
		return msei_error(err, MSE_EDOMAIN, "no unit was caught");
	if (tinf)
		*t = (double)max;
	else if (!(*t >= 2) || *t != floor(*t))
		return msei_error(err, MSE_EINVAL, "the number of occasions "
		    "must be a whole number from 2, or infinite");
	else if (*t < (double)max)
		return msei_error(err, MSE_EDOMAIN, "units were caught %zu "
		    "times, but there are only %.0f occasions", max, *t);
	else if (*t > UINT_MAX)
		return msei_error(err, MSE_EINVAL, "%.0f occasions: at most "
		    "%u (or infinite)", *t, UINT_MAX);
	if (*t0 == 0)
		*t0 = *t > MSE_FREQ_MAX ? 0 : (size_t)*t;
	if (*t0 < 2 || *t0 > MSE_FREQ_MAX || (!tinf && (double)*t0 > *t))
		return msei_error(err, MSE_EINVAL, "t0, the largest number of "
		    "captures fitted, must be from 2 to %s (and at most %d)",
		    tinf ? "any number" : "the number of occasions",
		    MSE_FREQ_MAX);
	if (!mse_closedp_applies(model, *t0, 1))
		return msei_error(err, MSE_EINVAL, "model %s %s",
		    mse_closedp_name(model) ? mse_closedp_name(model) : "?",
		    is_mh(model) ? "needs t0 >= 3" : "needs capture "
		    "histories: frequency data allow M0 and Mh only");
	return MSE_OK;
}

int
mse_fit_closedp_freq(const struct mse_freq *fr, int model,
    double occasions, size_t t0, const struct mse_fit_options *opt,
    struct mse_fit **out, struct mse_error *err)
{
	int tinf = isinf(occasions) && occasions > 0;
	struct rows ra = { NULL, NULL, NULL, 0, 0, 0 };
	struct mse_fit *f;
	int rc;

	*out = NULL;
	rc = freq_occasions(fr, model, &occasions, &t0, err);
	if (rc != MSE_OK)
		return rc;
	f = msei_fit_new(0, err);
	if (f == NULL)
		return err != NULL ? err->code : MSE_ENOMEM;
	f->closedp = 1;
	f->model = model;
	f->occasions = occasions;
	f->n = mse_freq_observed(fr);
	ra.fr = fr;
	ra.t0 = t0;
	ra.occasions = occasions;
	ra.tinf = tinf;
	rc = fit_rows(f, model, t0, t0, &ra, t0, 1, opt, err);
	if (rc == MSE_OK && tinf)
		f->occasions = INFINITY;
	if (rc != MSE_OK) {
		mse_fit_free(f);
		return rc;
	}
	*out = f;
	return MSE_OK;
}

const char *
mse_fit_note(const struct mse_fit *f)
{
	return f->note;
}
