/* SPDX-License-Identifier: GPL-3.0-or-later */
/* covfit.c - log-linear designs with covariates and structural zeros. */
#include <config.h>

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_matrix.h>

#include "mse_private.h"

static int
check_table_absent(const struct mse_table *t, const uint32_t *absent,
    size_t n, struct mse_error *err)
{
	char cell[MSE_MAX_LISTS + 1];
	size_t i, j, k = mse_table_lists(t);

	for (i = 0; i < n; i++) {
		if (absent[i] == 0 || absent[i] > mse_table_cells(t))
			return msei_error(err, MSE_EINVAL, "absent pattern %lu "
			    "is outside 1..2^%zu-1", (unsigned long)absent[i],
			    k);
		if (mse_table_get(t, absent[i]) == 0)
			continue;
		for (j = 0; j < k; j++)
			cell[j] = (absent[i] >> j & 1) ? '1' : '0';
		cell[k] = '\0';
		return msei_error(err, MSE_EDOMAIN, "cell %s is declared "
		    "absent but has count %.0f", cell,
		    mse_table_get(t, absent[i]));
	}
	return MSE_OK;
}

int
mse_fit_loglinear_absent(const struct mse_table *t,
    const struct mse_model *m, const uint32_t *absent, size_t nabsent,
    const struct mse_fit_options *opt, struct mse_fit **out,
    struct mse_error *err)
{
	return msei_fit_loglinear_from(t, m, absent, nabsent, opt, NULL, out,
	    err);
}

/* The same, with IRLS started from the fitted values cells (by pattern;
 * a nested model's fit) when not NULL. */
int
msei_fit_loglinear_from(const struct mse_table *t, const struct mse_model *m,
    const uint32_t *absent, size_t nabsent, const struct mse_fit_options *opt,
    const double *cells, struct mse_fit **out, struct mse_error *err)
{
	struct msei_design_spec sp = { t, NULL, NULL, absent, nabsent, 0 };
	int rc;

	*out = NULL;
	if (nabsent > 0 && (rc = check_table_absent(t, absent, nabsent,
	    err)) != MSE_OK)
		return rc;
	return msei_fit_table(&sp, m, opt, cells, nabsent > 0, out, err);
}

/* ---- one model across strata ------------------------------------------ */


/* The model over lists and covariates, parsed against their names. */
static int
parse_formula(const struct mse_strata *s, const char *formula,
    struct mse_model **m, struct mse_error *err)
{
	const char *names[MSE_MAX_LISTS];
	size_t K = mse_strata_lists(s), V = mse_strata_vars(s), i;
	struct mse_table *t;
	int rc;

	if (K + V > MSE_DENSE_LISTS)
		return msei_error(err, MSE_EINVAL, "%zu lists and %zu "
		    "covariates; at most %d together are supported", K, V,
		    MSE_DENSE_LISTS);
	for (i = 0; i < K + V; i++)
		names[i] = i < K ? mse_strata_list(s, i) :
		    mse_strata_var(s, i - K);
	t = mse_table_new(K + V, names, err);
	if (t == NULL)
		return err != NULL ? err->code : MSE_ENOMEM;
	rc = mse_model_parse(t, formula != NULL ? formula : "main", m, err);
	/* The names are lists and covariates here. */
	if (rc == MSE_EPARSE && err != NULL && V > 0 &&
	    strncmp(err->message, "unknown list '", 14) == 0) {
		char msg[sizeof(err->message)];

		snprintf(msg, sizeof(msg), "unknown list or covariate %s",
		    err->message + 13);
		memcpy(err->message, msg, sizeof(msg));
	}
	mse_table_free(t);
	return rc;
}

/* eta of stratum i's unseen cell, or -inf when a boundary column has it;
 * x gets the kept columns' values there. */
static double
unseen_eta(const struct msei_design *d, const double *beta, size_t i,
    double *x)
{
	double eta = 0;
	size_t j;

	for (j = 1; j < d->p; j++)
		if (d->kind[j] == MSEI_COL_BOUNDARY &&
		    msei_design_value(d, j, i, 0))
			return -INFINITY;
	for (j = 0; j < d->q; j++) {
		x[j] = msei_design_x(d, d->col[j], i, 0);
		eta += x[j] * beta[j];
	}
	return eta;
}

static double
quad(const double *a, const double *cov, const double *b, size_t q)
{
	double s = 0;
	size_t i, j;

	for (i = 0; i < q; i++)
		for (j = 0; j < q; j++)
			s += a[i] * cov[i * q + j] * b[j];
	return s;
}

/* N_i = n_i + m0_i, var(N_i) = m0_i + m0_i^2 x_i' V x_i (Rcapture's
 * m0 + m0^2 var(b0), by the delta method); the total the same with
 * g = sum of m0_i x_i. */
static int
strata_estimates(const struct msei_design *d, const struct msei_glm *w,
    struct mse_fit *f, struct mse_error *err)
{
	double *x = msei_calloc(d->q, sizeof(double));
	double *g = msei_calloc(d->q, sizeof(double));
	double m0, msum = 0;
	size_t i, j;

	if (x == NULL || g == NULL) {
		free(x);
		free(g);
		return msei_error(err, MSE_ENOMEM, "out of memory");
	}
	for (i = 0; i < d->S; i++) {
		m0 = exp(unseen_eta(d, w->beta, i, x));
		f->sn[i] = mse_table_observed(mse_strata_table(d->s, i));
		f->sest[i] = f->sn[i] + m0;
		f->sse[i] = m0 > 0 ? sqrt(m0 + m0 * m0 *
		    quad(x, w->cov, x, d->q)) : 0;
		for (j = 0; j < d->q && m0 > 0; j++)
			g[j] += m0 * x[j];
		f->sn[d->S] += f->sn[i];
		f->sest[d->S] += f->sest[i];
		msum += m0;
	}
	f->sse[d->S] = sqrt(msum + quad(g, w->cov, g, d->q));
	free(x);
	free(g);
	for (i = 0; i <= d->S; i++)
		if (!isfinite(f->sest[i]) || !isfinite(f->sse[i]))
			return msei_error(err, MSE_ENOCONV, "did not converge: "
			    "the estimate of an unseen cell is not finite");
	return MSE_OK;
}

/* The fit across strata: likelihood, coefficients and the boundary's
 * names; the strata's estimates are the caller's (strata_estimates, or
 * the EM's), then strata_totals. */
static int
strata_finish(const struct msei_design *d, const struct msei_glm *w,
    struct mse_fit *f, struct mse_error *err)
{
	uint32_t cells = ((uint32_t)1 << d->K) - 1, v;
	char name[256];
	size_t j;

	f->S = d->S;
	f->sn = msei_calloc(d->S + 1, sizeof(double));
	f->sest = msei_calloc(d->S + 1, sizeof(double));
	f->sse = msei_calloc(d->S + 1, sizeof(double));
	f->bname = msei_calloc(d->nboundary + 1, sizeof(char *));
	f->beta = msei_calloc(d->q, sizeof(double));
	f->cov = msei_calloc(d->q, d->q * sizeof(double));
	if (f->sn == NULL || f->sest == NULL || f->sse == NULL ||
	    f->bname == NULL || f->beta == NULL || f->cov == NULL)
		return msei_error(err, MSE_ENOMEM, "out of memory");
	memcpy(f->beta, w->beta, d->q * sizeof(double));
	memcpy(f->cov, w->cov, d->q * d->q * sizeof(double));
	f->q = d->q;
	for (v = 0; v <= cells; v++)
		f->fitted[v] = NAN;
	f->loglik = w->loglik;
	f->p = d->q + d->nboundary;
	f->df = (long)(d->S * cells - d->nabsent_cells) - (long)f->p;
	f->nabsent = d->nabsent_cells;
	f->iter = w->iter;
	for (j = 1; j < d->p; j++) {
		if (d->kind[j] != MSEI_COL_BOUNDARY)
			continue;
		msei_design_column_name(d, j, name, sizeof(name));
		if ((f->bname[f->nboundary++] = strdup(name)) == NULL)
			return msei_error(err, MSE_ENOMEM, "out of memory");
	}
	return MSE_OK;
}

/* The total from the strata's estimates. */
static void
strata_totals(const struct msei_design *d, const struct msei_glm *w,
    struct mse_fit *f)
{
	f->n = f->sn[d->S];
	f->estimate = f->sest[d->S];
	f->se = f->sse[d->S];
	f->beta0 = w->beta[0];
	f->var_beta0 = w->cov[0];
	f->deviance = fabs(w->deviance) < 1e-12 * (1 + f->n) ? 0 :
	    w->deviance;
}

/* The model as the user would write it, over lists and covariates. */
static int
strata_formula(const struct mse_strata *s, const struct mse_model *m,
    struct mse_fit *f, struct mse_error *err)
{
	const char *names[MSE_MAX_LISTS];
	size_t K = mse_strata_lists(s), V = mse_strata_vars(s), i;

	for (i = 0; i < K + V && i < MSE_MAX_LISTS; i++)
		names[i] = i < K ? mse_strata_list(s, i) :
		    mse_strata_var(s, i - K);
	if ((f->formula = msei_model_string(m, names, K + V)) == NULL)
		return msei_error(err, MSE_ENOMEM, "out of memory");
	return MSE_OK;
}

static double
observed_total(const struct mse_strata *s)
{
	double n = 0;
	size_t i;

	for (i = 0; i < mse_strata_count(s); i++)
		n += mse_table_observed(mse_strata_table(s, i));
	return n + mse_strata_missing(s);
}

/* ---- missing covariate values: EM --------------------------------------- */

/*
 * A unit with a missing covariate value counts in every stratum its
 * known values allow, in proportion to the fitted values there (the
 * E-step); the model is then fitted to the completed table (the M-step),
 * until the completed counts stop moving.  The missing values are taken
 * to be missing at random.  This is the EM of van der Heijden, Smith,
 * Cruyff and Bakker (2018, "An overview of population size estimation
 * where linking registers results in incomplete covariates", Journal of
 * Official Statistics 34:239), which Cruyff's MSEincomplete carries.  The covariance is the observed
 * information by Louis (1982): the complete data's X'WX less the
 * conditional covariance of its score, which for a unit spread over
 * the cells R_g with probabilities pi is n_g (sum pi x x' - xbar xbar').
 */
struct em {
	size_t G, c, q;
	size_t *gstart, *grow;	/* group g's rows: grow[gstart[g]..] */
	double *gn;		/* group counts */
	double *ycomp;		/* each row's complete count */
	double *y;		/* the completed counts (the design's y) */
	double *pi;		/* each group row's share, by gstart */
	double *prev;		/* the last completion */
	double nmiss;
};

static void
em_free(struct em *e)
{
	free(e->gstart);
	free(e->grow);
	free(e->gn);
	free(e->ycomp);
	free(e->pi);
	free(e->prev);
}

/* Whether incomplete row g's known values allow the stratum. */
static int
em_compatible(const struct mse_strata *s, size_t stratum, size_t row)
{
	return mse_strata_in(s, stratum, msei_strata_incomplete_values(s,
	    row));
}

/* A copy of s whose cells an incomplete unit could fill hold at least 1:
 * the design's boundary terms are then those no completion can fill. */
static struct mse_strata *
em_support(const struct mse_strata *s, struct mse_error *err)
{
	struct mse_strata *c = msei_strata_copy(s);
	size_t i, g, S = mse_strata_count(s);
	uint32_t w, cells = mse_table_cells(mse_strata_table(s, 0));
	int rc = MSE_OK;

	if (c == NULL) {
		msei_error(err, MSE_ENOMEM, "out of memory");
		return NULL;
	}
	for (i = 0; i < S && rc == MSE_OK; i++) {
		struct mse_table *t = (struct mse_table *)mse_strata_table(c,
		    i);

		for (w = 1; w <= cells && rc == MSE_OK; w++)
			rc = mse_table_set(t, w, mse_table_get(
			    mse_strata_table(s, i), w), err);
		for (g = 0; g < mse_strata_incomplete(s) && rc == MSE_OK; g++) {
			w = mse_strata_incomplete_pattern(s, g);
			if (mse_table_get(t, w) == 0 && em_compatible(s, i, g))
				rc = mse_table_set(t, w, 1, err);
		}
	}
	if (rc != MSE_OK) {
		mse_strata_free(c);
		return NULL;
	}
	return c;
}

static int
em_setup(const struct mse_strata *s, struct msei_design *d, struct em *e,
    struct mse_error *err)
{
	uint32_t cells = ((uint32_t)1 << d->K) - 1;
	size_t S = mse_strata_count(s), r, g, i, n = 0, *rowof;
	char where[256], pat[MSE_MAX_LISTS + 1];

	memset(e, 0, sizeof(*e));
	e->G = mse_strata_incomplete(s);
	e->c = d->c;
	e->q = d->q;
	e->y = d->y;
	rowof = msei_calloc(S * ((size_t)cells + 1) + 1, sizeof(*rowof));
	e->gstart = msei_calloc(e->G + 1, sizeof(*e->gstart));
	e->gn = msei_calloc(e->G + 1, sizeof(*e->gn));
	e->ycomp = msei_calloc(d->c + 1, sizeof(*e->ycomp));
	e->grow = msei_calloc(e->G * S + 1, sizeof(*e->grow));
	e->pi = msei_calloc(e->G * S + 1, sizeof(*e->pi));
	e->prev = msei_calloc(d->c + 1, sizeof(*e->prev));
	if (rowof == NULL || e->gstart == NULL || e->gn == NULL ||
	    e->ycomp == NULL || e->grow == NULL || e->pi == NULL ||
	    e->prev == NULL) {
		free(rowof);
		return msei_error(err, MSE_ENOMEM, "out of memory");
	}
	for (r = 0; r < S * ((size_t)cells + 1); r++)
		rowof[r] = SIZE_MAX;
	for (r = 0; r < d->c; r++) {
		size_t st = d->rs != NULL ? d->rs[r] : 0;

		rowof[st * (cells + 1) + d->rw[r]] = r;
		e->ycomp[r] = mse_table_get(mse_strata_table(s, st), d->rw[r]);
	}
	for (g = 0; g < e->G; g++) {
		uint32_t w = mse_strata_incomplete_pattern(s, g);

		e->gstart[g] = n;
		e->gn[g] = mse_strata_incomplete_count(s, g);
		e->nmiss += e->gn[g];
		for (i = 0; i < S; i++)
			if (em_compatible(s, i, g) &&
			    rowof[i * (cells + 1) + w] != SIZE_MAX)
				e->grow[n++] = rowof[i * (cells + 1) + w];
		if (n == e->gstart[g] && e->gn[g] > 0) {
			size_t v, len = 0;

			for (v = 0; v < d->K; v++)
				pat[v] = (w >> v & 1) ? '1' : '0';
			pat[d->K] = '\0';
			for (v = 0; v < mse_strata_vars(s) && len + 1 <
			    sizeof(where); v++) {
				const char *x = mse_strata_incomplete_value(s,
				    g, v);

				len += (size_t)snprintf(where + len,
				    sizeof(where) - len, "%s%s=%s", v ? ", " :
				    "", mse_strata_var(s, v), x != NULL ? x :
				    "NA");
			}
			free(rowof);
			return msei_error(err, MSE_EDOMAIN, "%.0f unit%s with "
			    "%s on pattern %s fit%s no cell of the model (no "
			    "stratum has those values, or the cells are "
			    "absent); complete the strata or drop the units",
			    e->gn[g], e->gn[g] == 1 ? "" : "s", where, pat,
			    e->gn[g] == 1 ? "s" : "");
		}
	}
	e->gstart[e->G] = n;
	free(rowof);
	/* The first completion spreads each group evenly. */
	for (r = 0; r < d->c; r++)
		e->y[r] = e->ycomp[r];
	for (g = 0; g < e->G; g++)
		for (r = e->gstart[g]; r < e->gstart[g + 1]; r++)
			e->y[e->grow[r]] += e->gn[g] / (double)(e->gstart[g +
			    1] - e->gstart[g]);
	return MSE_OK;
}

/* The E-step from the fitted values mu: the shares pi and the completed
 * counts.  Returns the largest change of a completed count; *ll gets the
 * observed data's log-likelihood at mu (log y! included). */
static double
em_estep(struct em *e, const double *mu, double *ll)
{
	double change = 0, l = msei_poisson_loglik(e->ycomp, mu, e->c);
	size_t r, g;

	for (r = 0; r < e->c; r++) {
		e->prev[r] = e->y[r];
		e->y[r] = e->ycomp[r];
	}
	for (g = 0; g < e->G; g++) {
		double sum = 0;

		for (r = e->gstart[g]; r < e->gstart[g + 1]; r++)
			sum += mu[e->grow[r]];
		for (r = e->gstart[g]; r < e->gstart[g + 1]; r++) {
			e->pi[r] = sum > 0 ? mu[e->grow[r]] / sum : 0;
			e->y[e->grow[r]] += e->gn[g] * e->pi[r];
		}
		if (e->gn[g] > 0)
			l += e->gn[g] * log(sum) - msei_lfact(e->gn[g]);
	}
	for (r = 0; r < e->c; r++)
		change = fmax(change, fabs(e->y[r] - e->prev[r]));
	*ll = l;
	return change;
}

/* The inverse of the symmetric q x q a, in place; nonzero when a is not
 * positive definite. */
static int
em_invert(double *a, size_t q)
{
	gsl_matrix_view m = gsl_matrix_view_array(a, q, q);
	gsl_error_handler_t *old = gsl_set_error_handler_off();
	int rc = gsl_linalg_cholesky_decomp1(&m.matrix);

	if (rc == 0)
		rc = gsl_linalg_cholesky_invert(&m.matrix);
	gsl_set_error_handler(old);
	return rc;
}

/* Vc = (X'WX)^-1, the complete data's, and V = the observed information's
 * inverse by Louis's method. */
static int
em_covariance(const struct msei_design *d, const struct em *e,
    const double *mu, double *V, double *Vc, double *xbar,
    struct mse_error *err)
{
	size_t q = d->q, r, g, j, l;

	memset(Vc, 0, q * q * sizeof(double));
	for (r = 0; r < d->c; r++) {
		const double *x = &d->X[r * q];

		for (j = 0; j < q; j++)
			for (l = 0; l < q; l++)
				Vc[j * q + l] += mu[r] * x[j] * x[l];
	}
	memcpy(V, Vc, q * q * sizeof(double));
	for (g = 0; g < e->G; g++) {
		memset(xbar, 0, q * sizeof(double));
		for (r = e->gstart[g]; r < e->gstart[g + 1]; r++) {
			const double *x = &d->X[e->grow[r] * q];

			for (j = 0; j < q; j++)
				xbar[j] += e->pi[r] * x[j];
			for (j = 0; j < q; j++)
				for (l = 0; l < q; l++)
					V[j * q + l] -= e->gn[g] * e->pi[r] *
					    x[j] * x[l];
		}
		for (j = 0; j < q; j++)
			for (l = 0; l < q; l++)
				V[j * q + l] += e->gn[g] * xbar[j] * xbar[l];
	}
	if (em_invert(Vc, q) != 0)
		return msei_error(err, MSE_ESINGULAR, "not identifiable: the "
		    "information matrix of the completed table is singular");
	if (em_invert(V, q) != 0)
		return msei_error(err, MSE_ESINGULAR, "not identifiable: with "
		    "the missing covariate values, the observed information "
		    "is singular (too few units have the values the model "
		    "needs)");
	return MSE_OK;
}

/*
 * Each stratum's N: its completed count plus its unseen cell.  Its
 * variance by the delta method: m0 (the unseen count) + sum over groups
 * of n_g pi (1 - pi) (the units with a missing value that fall in it) +
 * h' V h, h = m0 x0 + sum n_g pi (x - xbar_g).  The allocation terms
 * cancel in the total.
 */
static int
em_estimates(const struct msei_design *d, const struct em *e,
    const double *beta, const double *V, const double *Vc, struct mse_fit *f,
    struct mse_error *err)
{
	size_t S = d->S, q = d->q, i, j, r, g;
	double *h = msei_calloc(S * q + 1, sizeof(double));
	double *alloc = msei_calloc(S + 1, sizeof(double));
	double *x = msei_calloc(q + 1, sizeof(double));
	double *tot = msei_calloc(q + 1, sizeof(double));
	double *xbar = msei_calloc(q + 1, sizeof(double));
	double m0, msum = 0, vo, vc;

	f->sfmi = msei_calloc(S + 1, sizeof(double));
	if (h == NULL || alloc == NULL || x == NULL || tot == NULL ||
	    xbar == NULL || f->sfmi == NULL) {
		free(h);
		free(alloc);
		free(x);
		free(tot);
		free(xbar);
		return msei_error(err, MSE_ENOMEM, "out of memory");
	}
	for (r = 0; r < d->c; r++)
		f->sn[d->rs != NULL ? d->rs[r] : 0] += e->y[r];
	for (g = 0; g < e->G; g++) {
		memset(xbar, 0, q * sizeof(double));
		for (r = e->gstart[g]; r < e->gstart[g + 1]; r++)
			for (j = 0; j < q; j++)
				xbar[j] += e->pi[r] * d->X[e->grow[r] * q + j];
		for (r = e->gstart[g]; r < e->gstart[g + 1]; r++) {
			size_t row = e->grow[r];

			i = d->rs != NULL ? d->rs[row] : 0;
			alloc[i] += e->gn[g] * e->pi[r] * (1 - e->pi[r]);
			for (j = 0; j < q; j++)
				h[i * q + j] += e->gn[g] * e->pi[r] *
				    (d->X[row * q + j] - xbar[j]);
		}
	}
	for (i = 0; i < S; i++) {
		m0 = exp(unseen_eta(d, beta, i, x));
		for (j = 0; j < q && m0 > 0; j++) {
			h[i * q + j] += m0 * x[j];
			tot[j] += m0 * x[j];
		}
		f->sest[i] = f->sn[i] + m0;
		vo = m0 + alloc[i] + quad(&h[i * q], V, &h[i * q], q);
		/* With every value seen: no allocation, h = m0 x0. */
		vc = m0 + m0 * m0 * quad(x, Vc, x, q);
		f->sse[i] = sqrt(vo);
		f->sfmi[i] = vo > 0 ? fmax(0, 1 - vc / vo) : 0;
		f->sn[S] += f->sn[i];
		f->sest[S] += f->sest[i];
		msum += m0;
	}
	vo = msum + quad(tot, V, tot, q);
	vc = msum + quad(tot, Vc, tot, q);
	f->sse[S] = sqrt(vo);
	f->sfmi[S] = vo > 0 ? fmax(0, 1 - vc / vo) : 0;
	free(h);
	free(alloc);
	free(x);
	free(tot);
	free(xbar);
	for (i = 0; i <= S; i++)
		if (!isfinite(f->sest[i]) || !isfinite(f->sse[i]))
			return msei_error(err, MSE_ENOCONV, "did not converge: "
			    "the estimate of an unseen cell is not finite");
	return MSE_OK;
}

#define EM_MAX_ITER 10000
#define EM_TOL 1e-10

/* One EM to convergence: the design (of the support), the completed
 * counts and the last M-step's fit, for the caller to read. */
struct em_run {
	struct mse_strata *sup;
	struct msei_design d;
	struct msei_design_work ws;
	struct msei_glm w;
	struct em e;
	double *b0, ll;
	int it;
};

static void
em_run_free(struct em_run *x)
{
	msei_design_work_free(&x->ws);
	msei_design_free(&x->d);
	mse_strata_free(x->sup);
	em_free(&x->e);
	free(x->b0);
}

static int
em_run(const struct mse_strata *s, const struct mse_absent *a,
    const struct mse_model *m, const struct mse_fit_options *opt,
    const struct mse_fit *start, struct em_run *x, struct mse_error *err)
{
	struct msei_design_spec sp = { NULL, NULL, a, NULL, 0, 0 };
	double change = INFINITY;
	int rc;

	memset(x, 0, sizeof(*x));
	if ((x->sup = em_support(s, err)) == NULL)
		return err != NULL ? err->code : MSE_ENOMEM;
	sp.strata = x->sup;
	rc = msei_design_build(&x->d, &sp, m, err);
	if (rc == MSE_OK)
		rc = em_setup(s, &x->d, &x->e, err);
	if (rc == MSE_OK && (x->b0 = msei_calloc(x->d.q + 1,
	    sizeof(double))) == NULL)
		rc = msei_error(err, MSE_ENOMEM, "out of memory");
	while (rc == MSE_OK && x->it < EM_MAX_ITER) {
		const double *st = x->it > 0 ? x->b0 : start != NULL &&
		    start->beta != NULL && start->q == x->d.q ? start->beta :
		    NULL;

		rc = msei_design_fit(&x->d, opt, st, 1, &x->ws, &x->w, err);
		if (rc != MSE_OK)
			break;
		memcpy(x->b0, x->w.beta, x->d.q * sizeof(double));
		x->it++;
		change = em_estep(&x->e, x->w.mu, &x->ll);
		if (change <= EM_TOL * (1 + x->e.nmiss))
			break;
	}
	if (rc == MSE_OK && !(change <= EM_TOL * (1 + x->e.nmiss)))
		rc = msei_error(err, MSE_ENOCONV, "did not converge: EM over "
		    "the missing covariate values took %d iterations and a "
		    "completed count still moved by %.3g", x->it, change);
	return rc;
}

/* The covariate model of strata with units whose covariate value is
 * missing, by EM (with none missing too, for the tests). */
int
msei_fit_strata_em(const struct mse_strata *s, const struct mse_absent *a,
    const struct mse_model *m, const struct mse_fit_options *opt,
    const struct mse_fit *start, struct mse_fit **out,
    struct mse_error *err)
{
	struct em_run x;
	struct mse_fit *f = NULL;
	double *V = NULL, *Vc = NULL, *xbar = NULL;
	size_t q;
	int rc;

	*out = NULL;
	rc = em_run(s, a, m, opt, start, &x, err);
	q = x.d.q;
	if (rc == MSE_OK) {
		V = msei_calloc(q * q + 1, sizeof(double));
		Vc = msei_calloc(q * q + 1, sizeof(double));
		xbar = msei_calloc(q + 1, sizeof(double));
		if (V == NULL || Vc == NULL || xbar == NULL)
			rc = msei_error(err, MSE_ENOMEM, "out of memory");
	}
	if (rc == MSE_OK)
		rc = em_covariance(&x.d, &x.e, x.w.mu, V, Vc, xbar, err);
	if (rc == MSE_OK && (f = msei_fit_new(mse_strata_lists(s), err)) ==
	    NULL)
		rc = err != NULL ? err->code : MSE_ENOMEM;
	if (rc == MSE_OK) {
		memcpy(x.w.cov, V, q * q * sizeof(double));
		rc = strata_finish(&x.d, &x.w, f, err);
	}
	if (rc == MSE_OK)
		rc = em_estimates(&x.d, &x.e, x.w.beta, V, Vc, f, err);
	if (rc == MSE_OK) {
		strata_totals(&x.d, &x.w, f);
		f->loglik = x.ll;
		f->nmissing = x.e.nmiss;
		f->em_iter = x.it;
		rc = strata_formula(s, m, f, err);
	}
	em_run_free(&x);
	free(V);
	free(Vc);
	free(xbar);
	if (rc != MSE_OK) {
		mse_fit_free(f);
		return rc;
	}
	*out = f;
	return MSE_OK;
}

int
msei_design_cell_fits(const struct msei_design *d, const double *beta,
    double *fitted, struct mse_error *err)
{
	uint32_t v, cells = ((uint32_t)1 << d->K) - 1;
	size_t i, j;

	for (i = 0; i < d->S; i++)
		for (v = 0; v <= cells; v++) {
			double eta = 0, *f = &fitted[i * (cells + 1) + v];
			int zero = v > 0 && msei_design_absent(d, i, v);

			for (j = 1; j < d->p && !zero; j++)
				zero = d->kind[j] == MSEI_COL_BOUNDARY &&
				    msei_design_value(d, j, i, v);
			for (j = 0; j < d->q && !zero; j++)
				eta += msei_design_x(d, d->col[j], i, v) *
				    beta[j];
			*f = zero ? 0 : exp(eta);
			if (!isfinite(*f))
				return msei_error(err, MSE_ENOCONV, "did not "
				    "converge: a fitted value is not finite");
		}
	return MSE_OK;
}

static int
share_cmp(const void *a, const void *b)
{
	const struct msei_em_share *x = a, *y = b;

	if (x->cell != y->cell)
		return x->cell < y->cell ? -1 : 1;
	return x->row < y->row ? -1 : x->row > y->row;
}

int
msei_em_cells(const struct mse_strata *s, const struct mse_absent *a,
    const struct mse_model *m, const struct mse_fit_options *opt,
    double *fitted, struct msei_em_shares *sh, struct mse_error *err)
{
	struct em_run x;
	uint32_t cells = mse_table_cells(mse_strata_table(s, 0));
	size_t g, r, n = 0;
	int rc = em_run(s, a, m, opt, NULL, &x, err);

	if (rc == MSE_OK)
		rc = msei_design_cell_fits(&x.d, x.w.beta, fitted, err);
	if (rc == MSE_OK && sh != NULL) {
		memset(sh, 0, sizeof(*sh));
		sh->v = msei_calloc(x.e.gstart[x.e.G] + 1, sizeof(*sh->v));
		if (sh->v == NULL)
			rc = msei_error(err, MSE_ENOMEM, "out of memory");
		/* The share of a cell's units that group g holds, at the
		 * completion of the last E-step. */
		for (g = 0; rc == MSE_OK && g < x.e.G; g++)
			for (r = x.e.gstart[g]; r < x.e.gstart[g + 1]; r++) {
				size_t row = x.e.grow[r];
				double y = x.e.y[row];

				sh->v[n].cell = (x.d.rs != NULL ? x.d.rs[row] :
				    0) * ((size_t)cells + 1) + x.d.rw[row];
				sh->v[n].row = g;
				sh->v[n++].rho = y > 0 ? fmin(1, x.e.gn[g] *
				    x.e.pi[r] / y) : 0;
			}
		sh->n = n;
		if (rc == MSE_OK)
			qsort(sh->v, n, sizeof(*sh->v), share_cmp);
	}
	em_run_free(&x);
	return rc;
}

int
msei_fit_strata(const struct mse_strata *s, const struct mse_absent *a,
    const struct mse_model *m, const struct mse_fit_options *opt,
    const struct mse_fit *start, struct mse_fit **out,
    struct mse_error *err)
{
	struct msei_design_spec sp = { NULL, s, a, NULL, 0, 0 };
	struct msei_design d;
	struct msei_design_work ws;
	struct msei_glm w;
	struct mse_fit *f;
	int rc;

	*out = NULL;
	memset(&ws, 0, sizeof(ws));
	if (mse_strata_count(s) == 0 || observed_total(s) == 0)
		return msei_error(err, MSE_EDOMAIN, "no unit was observed");
	if (mse_strata_incomplete(s) > 0)
		return msei_fit_strata_em(s, a, m, opt, start, out, err);
	f = msei_fit_new(mse_strata_lists(s), err);
	if (f == NULL)
		return err != NULL ? err->code : MSE_ENOMEM;
	rc = msei_design_build(&d, &sp, m, err);
	/* A replicate's boundary columns include the data's (resampling
	 * cannot fill an empty margin), so the same count of kept columns
	 * is the same columns: only then do the coefficients line up. */
	if (rc == MSE_OK)
		rc = msei_design_fit(&d, opt, start != NULL && start->beta !=
		    NULL && start->q == d.q ? start->beta : NULL, 1, &ws, &w,
		    err);
	if (rc == MSE_OK)
		rc = strata_finish(&d, &w, f, err);
	if (rc == MSE_OK && (rc = strata_estimates(&d, &w, f, err)) == MSE_OK)
		strata_totals(&d, &w, f);
	if (rc == MSE_OK)
		rc = strata_formula(s, m, f, err);
	msei_design_work_free(&ws);
	msei_design_free(&d);
	if (rc != MSE_OK) {
		mse_fit_free(f);
		return rc;
	}
	*out = f;
	return MSE_OK;
}

int
msei_covariates_model(const struct mse_strata *s, const char *formula,
    struct mse_model **m, struct mse_error *err)
{
	return parse_formula(s, formula, m, err);
}

int
mse_fit_covariates(const struct mse_strata *s, const char *formula,
    const struct mse_absent *a, const struct mse_fit_options *opt,
    struct mse_fit **out, struct mse_error *err)
{
	struct mse_model *m = NULL;
	int rc;

	*out = NULL;
	if (mse_strata_count(s) == 0 || observed_total(s) == 0)
		return msei_error(err, MSE_EDOMAIN, "no unit was observed");
	if ((rc = mse_absent_check(a, s, err)) != MSE_OK)
		return rc;
	rc = parse_formula(s, formula, &m, err);
	if (rc == MSE_OK)
		rc = msei_fit_strata(s, a, m, opt, NULL, out, err);
	mse_model_free(m);
	return rc;
}

double
mse_fit_missing(const struct mse_fit *f)
{
	return f->nmissing;
}

double
mse_fit_missing_information(const struct mse_fit *f, size_t stratum)
{
	if (f->sfmi == NULL)
		return 0;
	return stratum <= f->S ? f->sfmi[stratum] : NAN;
}

int
mse_fit_em_iterations(const struct mse_fit *f)
{
	return f->em_iter;
}

int
mse_estimate_sum(size_t n, const double *estimate, const double *se,
    double *total, double *total_se, struct mse_error *err)
{
	double t = 0, v = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (!isfinite(estimate[i]) || !(se[i] >= 0) ||
		    !isfinite(se[i]))
			return msei_error(err, MSE_EDOMAIN, "estimate %zu or "
			    "its standard error is not finite", i + 1);
		t += estimate[i];
		v += se[i] * se[i];
	}
	*total = t;
	*total_se = sqrt(v);
	return MSE_OK;
}
