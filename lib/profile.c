/* SPDX-License-Identifier: GPL-3.0-or-later */
/* profile.c - the profile-likelihood interval for N (Rcapture's closedpCI). */
#include <config.h>

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sf_gamma.h>

#include "mse_private.h"

/*
 * Rcapture 1.4-4's closedpCI.t and closedpCI.0, (Rivest & Baillargeon
 * 2007; Cormack 1992): the multinomial
 * likelihood of N, profiled by fitting the model to the table completed
 * with n0 = N - n in the unobserved cell, with Cormack's (1992)
 * correction; its maximum by Brent's localmin and the bounds by Brent's
 * zeroin (Brent 1973), with R's constants, so that the iterates, and so
 * the bounds (good to about the tolerance), are R's.
 */

/* optimize() and uniroot() tolerances in closedpCI. */
#define SEARCH_TOL 1e-4
/* uniroot()'s default maxiter. */
#define ZEROIN_MAXIT 1000
/* closedpCI searches the maximum on [n, 1.5 N] and the upper bound up to
 * fmaxSupCL N, fmaxSupCL = 3 by default (Rcapture's closedpCI.t). */
#define MAX_FACTOR 1.5
#define UPPER_FACTOR 3.0
/* Cormack's correction switches to Stirling's formula above N' = 100. */
#define STIRLING_FROM 100

typedef int (*objective)(double x, void *info, double *value);

/*
 * Brent's localmin (Brent 1973, ch. 5), as R's Brent_fmin: golden-section
 * constant (3 - sqrt 5) / 2, eps = sqrt(DBL_EPSILON), tol1 = eps |x| +
 * tol / 3; a parabolic step is taken only inside the bracket and away
 * from its ends, and no step is shorter than tol1.
 */
struct fmin {
	double a, b, v, w, x, fv, fw, fx, d, e;
};

/* One step of localmin: the next point u, or 0 when done. */
static int
fmin_step(struct fmin *s, double tol, double *u)
{
	const double c = (3 - sqrt(5.0)) * .5, eps = sqrt(DBL_EPSILON);
	double xm = (s->a + s->b) * .5, tol1 = eps * fabs(s->x) + tol / 3;
	double t2 = tol1 * 2, p = 0, q = 0, r = 0;

	if (fabs(s->x - xm) <= t2 - (s->b - s->a) * .5)
		return 0;
	if (fabs(s->e) > tol1) {
		r = (s->x - s->w) * (s->fx - s->fv);
		q = (s->x - s->v) * (s->fx - s->fw);
		p = (s->x - s->v) * q - (s->x - s->w) * r;
		q = (q - r) * 2;
		if (q > 0)
			p = -p;
		else
			q = -q;
		r = s->e;
		s->e = s->d;
	}
	if (fabs(p) >= fabs(q * .5 * r) || p <= q * (s->a - s->x) ||
	    p >= q * (s->b - s->x)) {
		s->e = s->x < xm ? s->b - s->x : s->a - s->x;
		s->d = c * s->e;
	} else {
		s->d = p / q;
		*u = s->x + s->d;
		if (*u - s->a < t2 || s->b - *u < t2)
			s->d = s->x >= xm ? -tol1 : tol1;
	}
	if (fabs(s->d) >= tol1)
		*u = s->x + s->d;
	else
		*u = s->d > 0 ? s->x + tol1 : s->x - tol1;
	return 1;
}

/* Keep the three best points after evaluating fu = f(u). */
static void
fmin_update(struct fmin *s, double u, double fu)
{
	if (fu <= s->fx) {
		if (u < s->x)
			s->b = s->x;
		else
			s->a = s->x;
		s->v = s->w;
		s->fv = s->fw;
		s->w = s->x;
		s->fw = s->fx;
		s->x = u;
		s->fx = fu;
		return;
	}
	if (u < s->x)
		s->a = u;
	else
		s->b = u;
	if (fu <= s->fw || s->w == s->x) {
		s->v = s->w;
		s->fv = s->fw;
		s->w = u;
		s->fw = fu;
	} else if (fu <= s->fv || s->v == s->x || s->v == s->w) {
		s->v = u;
		s->fv = fu;
	}
}

static int
brent_fmin(double ax, double bx, objective f, void *info, double tol,
    double *xmin)
{
	const double c = (3 - sqrt(5.0)) * .5;
	struct fmin s;
	double u = 0, fu;
	int rc;

	memset(&s, 0, sizeof(s));
	s.a = ax;
	s.b = bx;
	s.v = s.w = s.x = s.a + c * (s.b - s.a);
	rc = f(s.x, info, &s.fx);
	s.fv = s.fw = s.fx;
	while (rc == MSE_OK && fmin_step(&s, tol, &u)) {
		rc = f(u, info, &fu);
		if (rc == MSE_OK)
			fmin_update(&s, u, fu);
	}
	*xmin = s.x;
	return rc;
}

/*
 * Brent's zeroin (Brent 1973, ch. 4), as R's R_zeroin2 behind uniroot():
 * f(a) and f(b) are given and of opposite signs; tol_act = 2 DBL_EPSILON
 * |b| + tol / 2; inverse quadratic (or linear) interpolation when the
 * last step was large enough and went the right way, accepted only if it
 * stays well inside [b, c], else bisection.
 */
struct zeroin {
	double a, b, c, fa, fb, fc;
};

/* The step from b, or 0 (with *done) when b is close enough. */
static double
zeroin_step(struct zeroin *z, double tol, int *done)
{
	double prev = z->b - z->a, tol_act, step, p, q, t1, t2, cb;

	if (fabs(z->fc) < fabs(z->fb)) {
		z->a = z->b;
		z->b = z->c;
		z->c = z->a;
		z->fa = z->fb;
		z->fb = z->fc;
		z->fc = z->fa;
	}
	tol_act = 2 * DBL_EPSILON * fabs(z->b) + tol / 2;
	step = (z->c - z->b) / 2;
	*done = fabs(step) <= tol_act || z->fb == 0;
	if (*done)
		return 0;
	if (fabs(prev) >= tol_act && fabs(z->fa) > fabs(z->fb)) {
		cb = z->c - z->b;
		if (z->a == z->c) {
			t1 = z->fb / z->fa;
			p = cb * t1;
			q = 1 - t1;
		} else {
			q = z->fa / z->fc;
			t1 = z->fb / z->fc;
			t2 = z->fb / z->fa;
			p = t2 * (cb * q * (q - t1) - (z->b - z->a) * (t1 - 1));
			q = (q - 1) * (t1 - 1) * (t2 - 1);
		}
		if (p > 0)
			q = -q;
		else
			p = -p;
		if (p < .75 * cb * q - fabs(tol_act * q) / 2 &&
		    p < fabs(prev * q / 2))
			step = p / q;
	}
	if (fabs(step) < tol_act)
		step = step > 0 ? tol_act : -tol_act;
	return step;
}

static int
brent_zeroin(double ax, double bx, double fa, double fb, objective f,
    void *info, double tol, int maxit, double *root)
{
	struct zeroin z = { ax, bx, ax, fa, fb, fa };
	double step;
	int done = 0, rc = MSE_OK;

	if (fa == 0) {
		*root = ax;
		return MSE_OK;
	}
	while (rc == MSE_OK && maxit-- >= 0) {
		step = zeroin_step(&z, tol, &done);
		if (done)
			break;
		z.a = z.b;
		z.fa = z.fb;
		z.b += step;
		rc = f(z.b, info, &z.fb);
		if ((z.fb > 0 && z.fc > 0) || (z.fb < 0 && z.fc < 0)) {
			z.c = z.a;
			z.fc = z.fa;
		}
	}
	*root = z.b;
	return rc;
}

/* The completed table of a fit: its rows plus the unobserved cell. */
/* Mb and Mbh in closed form: sums over the histories of the fit. */
struct behaviour {
	int on, mbh;
	double t, n, u1;	/* occasions, units, first caught on 1 */
	double later;		/* Mb: sum (k - 1); Mbh: sum over k > 1 of
				 * (k - 2), k the first capture */
	double recap, nonrecap;	/* sum (f - 1); sum (t - k - f + 1) */
	double ylogy;		/* sum y log y */
};

struct prof {
	const struct mse_fit *f;
	struct msei_glm w;
	double *X, *y, *offset, *mu, *beta;
	unsigned char *keep;
	double ysum, shift;
	int evals, negate, unconverged;
	struct behaviour b;
	struct mse_error *err;
};

static void
prof_free(struct prof *p)
{
	free(p->X);
	free(p->y);
	free(p->offset);
	free(p->mu);
	free(p->beta);
	free(p->keep);
}

static double xlogx(double x);

/* The sums behind the profile of Mb and Mbh, from the fit's histories
 * (bit j of a cell: caught on occasion j + 1). */
static int
behaviour_init(struct behaviour *b, const struct mse_fit *f)
{
	size_t i;

	b->on = 1;
	b->mbh = f->model == MSE_MBH;
	b->t = f->occasions;
	b->n = f->n;
	for (i = 0; i < f->c; i++) {
		double y = f->y[i], k = __builtin_ctz(f->cell[i]) + 1,
		    nf = msei_popcount(f->cell[i]);

		b->u1 += k == 1 ? y : 0;
		b->later += b->mbh ? (k > 1 ? y * (k - 2) : 0) : y * (k - 1);
		b->recap += y * (nf - 1);
		b->nonrecap += y * (b->t - k - nf + 1);
		b->ylogy += y > 0 ? y * log(y) : 0;
	}
	return MSE_OK;
}

/* y log x, with 0 log x = 0. */
static double
xlogy(double y, double x)
{
	return y > 0 ? y * log(x) : 0;
}

/*
 * The completed table's deviance for Mb and Mbh, in closed form: with
 * first-capture probability p (Mbh: p1 on occasion 1, p later) and
 * recapture probability c, the multinomial likelihood of the completed
 * table factors into first captures and recaptures, and for a given N the
 * probabilities that maximise it are
 *   Mb:  p = n / (n + sum (k - 1) + t n0),
 *   Mbh: p1 = u1 / N, p = (n - u1) / (n - u1 + sum (k - 2) + (t - 1) n0),
 *   c = sum (f - 1) / (sum (f - 1) + sum (t - k - f + 1)).
 * Their log-linear forms are Rcapture's (Rcapture's closedp.t).
 */
static double
behaviour_deviance(const struct behaviour *b, double N)
{
	double n0 = N - b->n, fc, p, p1, c;

	if (b->mbh) {
		p1 = b->u1 / N;
		p = (b->n - b->u1) / (b->n - b->u1 + b->later + (b->t - 1) * n0);
		fc = xlogy(b->u1, p1) + xlogy(N - b->u1, 1 - p1) +
		    xlogy(b->n - b->u1, p) + xlogy(b->later + (b->t - 1) * n0,
		    1 - p);
	} else {
		p = b->n / (b->n + b->later + b->t * n0);
		fc = xlogy(b->n, p) + xlogy(b->later + b->t * n0, 1 - p);
	}
	c = b->recap / (b->recap + b->nonrecap);
	fc += xlogy(b->recap, c) + xlogy(b->nonrecap, 1 - c);
	return 2 * (b->ylogy + xlogx(n0) - xlogx(N) - fc);
}

static int
prof_init(struct prof *p, const struct mse_fit *f, struct mse_error *err)
{
	size_t c = f->c + 1, q = f->q, i;

	memset(p, 0, sizeof(*p));
	p->f = f;
	p->err = err;
	if (f->X == NULL || f->q == 0)
		return msei_error(err, MSE_EDOMAIN, "no profile interval: the "
		    "fit keeps no design");
	if (f->closedp && (f->model == MSE_MB || f->model == MSE_MBH))
		return behaviour_init(&p->b, f);
	p->X = msei_calloc(c, q * sizeof(double));
	p->y = msei_calloc(c, sizeof(double));
	p->offset = f->offset != NULL ? msei_calloc(c, sizeof(double)) : NULL;
	p->mu = msei_calloc(c, sizeof(double));
	p->beta = msei_calloc(q, sizeof(double));
	p->keep = msei_calloc(q, 1);
	if (p->X == NULL || p->y == NULL || p->mu == NULL || p->beta == NULL ||
	    p->keep == NULL || (f->offset != NULL && p->offset == NULL))
		return msei_error(err, MSE_ENOMEM, "out of memory");
	memcpy(p->X, f->X, f->c * q * sizeof(double));
	p->X[f->c * q] = 1;	/* the unobserved cell: intercept only */
	memcpy(p->y, f->y, f->c * sizeof(double));
	if (p->offset != NULL)
		memcpy(p->offset, f->offset, f->c * sizeof(double));
	for (i = 0; i < f->c; i++)
		p->ysum += f->y[i];
	p->w.c = c;
	p->w.p = q;
	p->w.X = p->X;
	p->w.y = p->y;
	p->w.offset = p->offset;
	p->w.mu = p->mu;
	p->w.beta = p->beta;
	return MSE_OK;
}

/* x log x, with 0 log 0 = 0. */
static double
xlogx(double x)
{
	return x > 0 ? x * log(x) : 0;
}

/* Cormack's (1992) correction with Rcapture's switch to Stirling's
 * formula above N' = 100 (Rcapture's closedpCI.t, copied as it is). */
static double
cormack(double n0, double np)
{
	if (np > STIRLING_FROM) {
		if (n0 == 0 || n0 == 1)
			return -np + 0.5 * log(2 * M_PI * np);
		return n0 - np - 0.5 * log(n0 / np);
	}
	return gsl_sf_lngamma(np + 1) - gsl_sf_lngamma(n0 + 1) + xlogx(n0) -
	    xlogx(np);
}

/* The profile log-likelihood at N, less p->shift, negated if p->negate. */
static int
loglik(double N, void *info, double *value)
{
	struct prof *p = info;
	double n0 = N - p->f->n;
	int rc;

	p->evals++;
	if (p->b.on) {
		*value = -behaviour_deviance(&p->b, N) / 2 + cormack(n0, N) -
		    p->shift;
		if (p->negate)
			*value = -*value;
		return MSE_OK;
	}
	p->y[p->f->c] = n0;
	rc = msei_chao_fit(&p->w, p->f->nexempt, NULL, p->keep, NULL, 0,
	    NULL, p->err);
	/* As Rcapture (R's glm warns and goes on), a fit that stops after
	 * max_iter iterations gives its last deviance; it is counted. */
	if (rc == MSE_ENOCONV && isfinite(p->w.deviance)) {
		rc = MSE_OK;
		p->unconverged++;
	}
	if (rc != MSE_OK) {
		char why[sizeof(p->err->message)];

		snprintf(why, sizeof(why), "%s", p->err != NULL ?
		    p->err->message : "");
		return msei_error(p->err, rc, "no profile interval: the fit of "
		    "the completed table at N = %.6g failed (%s)", N, why);
	}
	*value = -p->w.deviance / 2 + cormack(n0, p->ysum + n0) - p->shift;
	if (p->negate)
		*value = -*value;
	return MSE_OK;
}

int
mse_fit_profile_loglik(const struct mse_fit *f, double N, double *value,
    struct mse_error *err)
{
	struct prof p;
	int rc = prof_init(&p, f, err);

	if (rc == MSE_OK && !(N >= f->n && isfinite(N)))
		rc = msei_error(err, MSE_EINVAL, "N = %g is below the number "
		    "observed, %g", N, f->n);
	if (rc == MSE_OK)
		rc = loglik(N, &p, value);
	prof_free(&p);
	return rc;
}

/* A bound between lo and hi, where g = loglik - cut changes sign; *none
 * when it does not (R's uniroot fails and closedpCI gives up). */
static int
bound(struct prof *p, double lo, double hi, double *root, int *none)
{
	double glo, ghi;
	int rc = loglik(lo, p, &glo);

	if (rc == MSE_OK)
		rc = loglik(hi, p, &ghi);
	if (rc != MSE_OK)
		return rc;
	*none = glo * ghi > 0;
	if (*none)
		return MSE_OK;
	return brent_zeroin(lo, hi, glo, ghi, loglik, p, SEARCH_TOL,
	    ZEROIN_MAXIT, root);
}

static int
search(struct prof *p, double level, struct mse_profile *out)
{
	double n = p->f->n, np = p->f->estimate;
	int rc;

	out->limit = UPPER_FACTOR * np;
	p->negate = 1;
	rc = brent_fmin(n, MAX_FACTOR * np, loglik, p, SEARCH_TOL,
	    &out->estimate);
	p->negate = 0;
	if (rc == MSE_OK)
		rc = loglik(out->estimate, p, &out->loglik);
	if (rc != MSE_OK)
		return rc;
	p->shift = out->loglik - gsl_cdf_chisq_Pinv(level, 1) / 2;
	rc = bound(p, n, out->estimate, &out->lower, &out->lower_at_n);
	if (rc == MSE_OK && out->lower_at_n)
		out->lower = n;
	if (rc == MSE_OK)
		rc = bound(p, out->estimate, out->limit, &out->upper,
		    &out->upper_open);
	if (rc == MSE_OK && out->upper_open)
		out->upper = NAN;
	return rc;
}

int
mse_fit_profile(const struct mse_fit *f, double level,
    struct mse_profile *out, struct mse_error *err)
{
	struct prof p;
	int rc;

	memset(out, 0, sizeof(*out));
	if (!(level > 0 && level < 1))
		return msei_error(err, MSE_EINVAL, "the confidence level %g is "
		    "not between 0 and 1", level);
	rc = prof_init(&p, f, err);
	if (rc == MSE_OK && !(f->estimate > f->n && isfinite(f->estimate)))
		rc = msei_error(err, MSE_EDOMAIN, "no profile interval: the "
		    "estimate %g is not above n = %g", f->estimate, f->n);
	if (rc == MSE_OK)
		rc = search(&p, level, out);
	out->evaluations = p.evals;
	out->unconverged = p.unconverged;
	prof_free(&p);
	return rc;
}
