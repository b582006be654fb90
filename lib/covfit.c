/* SPDX-License-Identifier: GPL-3.0-or-later */
/* covfit.c - log-linear designs with covariates and structural zeros. */
#include <config.h>

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mse_private.h"

/* The existence linear program runs on designs up to this many cells, as
 * glm.c's tables (k = 14 lists); beyond, a fitted value that collapses to
 * 0 is the only evidence. */
#define EXIST_MAX_CELLS 16383u
/* The largest design, cells x columns, in doubles: 2^24 (128 MiB, and
 * as much again for the QR copy). */
#define DESIGN_MAX ((size_t)1 << 24)

enum { COL_KEPT, COL_BOUNDARY, COL_STRUCTURAL };

/*
 * A design over strata and patterns.  Column j is term[j] (bits 0..K-1
 * lists, bits K.. covariates) at the levels clev[j * V + v] (>= 1, the
 * baseline 0 has no column) of the covariates in the term.
 */
struct cdesign {
	const struct mse_strata *s;
	const struct mse_absent *a;
	const uint32_t *absent;	/* for a single table, or NULL */
	size_t nabsent;
	size_t K, V, S;
	size_t *nlev, *lev;	/* V levels; S x V level index */
	const char ***levname;	/* V arrays of level names */
	size_t p;		/* columns, the intercept first */
	uint32_t *term;
	size_t *clev;
	int *kind;
	size_t q, c;		/* kept columns and rows */
	size_t *col;		/* the kept columns */
	size_t *rs;		/* row -> stratum */
	uint32_t *rw;		/* row -> pattern */
	double *X, *y;
	size_t nabsent_cells, nboundary;
};

static void
cdesign_free(struct cdesign *d)
{
	size_t v;

	for (v = 0; d->levname != NULL && v < d->V; v++)
		free(d->levname[v]);
	free(d->levname);
	free(d->nlev);
	free(d->lev);
	free(d->term);
	free(d->clev);
	free(d->kind);
	free(d->col);
	free(d->rs);
	free(d->rw);
	free(d->X);
	free(d->y);
}

static int
level_cmp(const void *a, const void *b)
{
	return mse_value_cmp(*(const char *const *)a,
	    *(const char *const *)b);
}

/* The sorted levels of covariate v, and each stratum's level index. */
static int
make_levels(struct cdesign *d, size_t v)
{
	const char **l = msei_calloc(d->S + 1, sizeof(*l));
	size_t i, j, n = 0;

	if (l == NULL)
		return MSE_ENOMEM;
	for (i = 0; i < d->S; i++) {
		const char *x = mse_strata_value(d->s, i, v);

		for (j = 0; j < n && strcmp(l[j], x) != 0; j++)
			;
		if (j == n)
			l[n++] = x;
	}
	qsort(l, n, sizeof(*l), level_cmp);
	for (i = 0; i < d->S; i++)
		for (j = 0; j < n; j++)
			if (strcmp(l[j], mse_strata_value(d->s, i, v)) == 0)
				d->lev[i * d->V + v] = j;
	d->levname[v] = l;
	d->nlev[v] = n;
	return MSE_OK;
}

static int
is_absent(const struct cdesign *d, size_t stratum, uint32_t w)
{
	size_t i;

	for (i = 0; i < d->nabsent; i++)
		if (d->absent[i] == w)
			return 1;
	return d->a != NULL && mse_absent_cell(d->a, d->s, stratum, w);
}

/* x[stratum, pattern] for column j. */
static int
cvalue(const struct cdesign *d, size_t j, size_t stratum, uint32_t w)
{
	uint32_t lists = d->term[j] & (((uint32_t)1 << d->K) - 1);
	uint32_t vars = d->term[j] >> d->K;
	size_t v;

	if ((w & lists) != lists)
		return 0;
	for (v = 0; v < d->V; v++)
		if ((vars >> v & 1) &&
		    d->lev[stratum * d->V + v] != d->clev[j * d->V + v])
			return 0;
	return 1;
}

/* Append the columns of term t: one per combination of non-baseline
 * levels of its covariates, the last covariate fastest. */
static int
add_term(struct cdesign *d, uint32_t t, size_t *cap)
{
	size_t *at = msei_calloc(d->V + 1, sizeof(*at)), v;
	uint32_t vars = t >> d->K;
	int rc = MSE_OK;

	if (at == NULL)
		return MSE_ENOMEM;
	for (v = 0; v < d->V; v++) {
		at[v] = (vars >> v & 1) ? 1 : 0;
		if ((vars >> v & 1) && d->nlev[v] < 2)
			goto done;	/* one level: no column */
	}
	for (;;) {
		if (d->p == *cap) {
			size_t n = 2 * *cap + 16;
			void *a = msei_reallocarray(d->term, n,
			    sizeof(*d->term));
			void *b = a == NULL ? NULL :
			    msei_reallocarray(d->clev, n * (d->V + 1),
			    sizeof(*d->clev));

			if (a != NULL)
				d->term = a;
			if (b == NULL) {
				rc = MSE_ENOMEM;
				goto done;
			}
			d->clev = b;
			*cap = n;
		}
		d->term[d->p] = t;
		memcpy(&d->clev[d->p * d->V], at, d->V * sizeof(*at));
		d->p++;
		for (v = d->V; v > 0; v--) {
			if (!(vars >> (v - 1) & 1))
				continue;
			if (++at[v - 1] < d->nlev[v - 1])
				break;
			at[v - 1] = 1;
		}
		if (v == 0)
			break;
	}
done:
	free(at);
	return rc;
}

static int
make_columns(struct cdesign *d, const struct mse_model *m)
{
	size_t i, cap = 0;
	int rc = add_term(d, 0, &cap);

	for (i = 0; i < mse_model_terms(m) && rc == MSE_OK; i++)
		rc = add_term(d, mse_model_term(m, i), &cap);
	if (rc == MSE_OK && (d->kind = msei_calloc(d->p, sizeof(int))) ==
	    NULL)
		rc = MSE_ENOMEM;
	return rc;
}

/* Column kinds: structural when every cell of the column is absent,
 * boundary (-inf) when its cells hold no unit, kept otherwise. */
static int
classify(struct cdesign *d)
{
	uint32_t w, cells = ((uint32_t)1 << d->K) - 1;
	size_t i, j;
	double *margin = msei_calloc(d->p, sizeof(double));
	size_t *rows = msei_calloc(d->p, sizeof(size_t));

	if (margin == NULL || rows == NULL) {
		free(margin);
		free(rows);
		return MSE_ENOMEM;
	}
	for (i = 0; i < d->S; i++)
		for (w = 1; w <= cells; w++) {
			double y = mse_table_get(mse_strata_table(d->s, i), w);

			if (is_absent(d, i, w))
				continue;
			for (j = 0; j < d->p; j++)
				if (cvalue(d, j, i, w)) {
					rows[j]++;
					margin[j] += y;
				}
		}
	for (j = 1; j < d->p; j++) {
		d->kind[j] = rows[j] == 0 ? COL_STRUCTURAL : margin[j] == 0 ?
		    COL_BOUNDARY : COL_KEPT;
		d->nboundary += d->kind[j] == COL_BOUNDARY;
	}
	free(margin);
	free(rows);
	return MSE_OK;
}

/* A row survives when it is not absent and no boundary column has it. */
static int
row_kept(const struct cdesign *d, size_t stratum, uint32_t w)
{
	size_t j;

	if (is_absent(d, stratum, w))
		return 0;
	for (j = 1; j < d->p; j++)
		if (d->kind[j] == COL_BOUNDARY && cvalue(d, j, stratum, w))
			return 0;
	return 1;
}

static int
make_rows(struct cdesign *d)
{
	uint32_t w, cells = ((uint32_t)1 << d->K) - 1;
	size_t i, j, r = 0, n = d->S * (size_t)cells;

	if ((d->col = msei_calloc(d->p, sizeof(*d->col))) == NULL ||
	    (d->rs = msei_calloc(n, sizeof(*d->rs))) == NULL ||
	    (d->rw = msei_calloc(n, sizeof(*d->rw))) == NULL ||
	    (d->y = msei_calloc(n, sizeof(*d->y))) == NULL)
		return MSE_ENOMEM;
	for (j = 0; j < d->p; j++)
		if (d->kind[j] == COL_KEPT)
			d->col[d->q++] = j;
	for (i = 0; i < d->S; i++)
		for (w = 1; w <= cells; w++) {
			if (is_absent(d, i, w)) {
				d->nabsent_cells++;
				continue;
			}
			if (!row_kept(d, i, w))
				continue;
			d->rs[r] = i;
			d->rw[r] = w;
			d->y[r++] = mse_table_get(mse_strata_table(d->s, i), w);
		}
	d->c = r;
	if (d->c > 0 && d->q > DESIGN_MAX / d->c)
		return MSE_EDOMAIN;
	if ((d->X = msei_calloc(d->c * d->q + 1, sizeof(double))) == NULL)
		return MSE_ENOMEM;
	for (r = 0; r < d->c; r++)
		for (j = 0; j < d->q; j++)
			d->X[r * d->q + j] = cvalue(d, d->col[j], d->rs[r],
			    d->rw[r]);
	return MSE_OK;
}

/* A column's name: its lists, then var=level for its covariates. */
static void
column_name(const struct cdesign *d, size_t j, char *buf, size_t size)
{
	size_t v, len = 0, l;
	uint32_t t = d->term[j];

	buf[0] = '\0';
	if (t == 0) {
		snprintf(buf, size, "(intercept)");
		return;
	}
	for (l = 0; l < d->K + d->V && len < size; l++) {
		const char *nm = l < d->K ? mse_strata_list(d->s, l) :
		    mse_strata_var(d->s, l - d->K);

		if (!(t >> l & 1))
			continue;
		v = l - d->K;
		len += (size_t)snprintf(buf + len, size - len, "%s%s%s%s",
		    len ? ":" : "", nm, l < d->K ? "" : "=", l < d->K ? "" :
		    d->levname[v][d->clev[j * d->V + v]]);
	}
}

static int
setup(struct cdesign *d, const struct mse_strata *s,
    const struct mse_model *m, struct mse_error *err)
{
	size_t v;
	int rc = MSE_OK;

	d->s = s;
	d->K = mse_strata_lists(s);
	d->V = mse_strata_vars(s);
	d->S = mse_strata_count(s);
	d->nlev = msei_calloc(d->V + 1, sizeof(*d->nlev));
	d->lev = msei_calloc(d->S * d->V + 1, sizeof(*d->lev));
	d->levname = msei_calloc(d->V + 1, sizeof(*d->levname));
	if (d->nlev == NULL || d->lev == NULL || d->levname == NULL)
		rc = MSE_ENOMEM;
	for (v = 0; v < d->V && rc == MSE_OK; v++)
		rc = make_levels(d, v);
	if (rc == MSE_OK)
		rc = make_columns(d, m);
	if (rc == MSE_OK)
		rc = classify(d);
	if (rc == MSE_OK)
		rc = make_rows(d);
	if (rc == MSE_EDOMAIN)
		return msei_error(err, rc, "the design is too large: %zu cells "
		    "by %zu columns", d->c, d->q);
	if (rc != MSE_OK)
		return msei_error(err, MSE_ENOMEM, "out of memory");
	if (d->c == 0)
		return msei_error(err, MSE_EDOMAIN, "no cell is left to fit");
	return MSE_OK;
}

/* A covariate column with every cell absent leaves a stratum's unseen
 * cell with nothing to estimate it from. */
static int
check_structural(const struct cdesign *d, struct mse_error *err)
{
	uint32_t lists = ((uint32_t)1 << d->K) - 1;
	char name[256];
	size_t j;

	for (j = 1; j < d->p; j++)
		if (d->kind[j] == COL_STRUCTURAL && (d->term[j] & lists) == 0) {
			column_name(d, j, name, sizeof(name));
			return msei_error(err, MSE_ESINGULAR, "not "
			    "identifiable: every cell of %s is absent", name);
		}
	return MSE_OK;
}

/* The existence linear program, when some kept cell is empty. */
static int
check_exists(const struct cdesign *d, struct mse_error *err)
{
	size_t i;
	int code = 0, rc;

	for (i = 0; i < d->c && d->y[i] > 0; i++)
		;
	if (i == d->c || d->c > EXIST_MAX_CELLS)
		return MSE_OK;
	rc = msei_exist_lp(d->X, d->c, d->q, d->y, &code, NULL, NULL, err);
	if (rc != MSE_OK)
		return rc;
	if (code & MSE_EXIST_NOMLE)
		return msei_error(err, MSE_ENOMLE, "no MLE: no positive table "
		    "has the margins of this model, so the estimate is on the "
		    "boundary");
	if (code & MSE_EXIST_UNIDENT)
		return msei_error(err, MSE_ESINGULAR, "not identifiable: the "
		    "cells left cannot carry all the model's terms");
	return MSE_OK;
}

/* glm.fit's "fitted rates numerically 0": the MLE is on the boundary. */
static int
check_zero_fits(const struct cdesign *d, const double *mu,
    struct mse_error *err)
{
	char cell[MSE_MAX_LISTS + 1], where[256];
	size_t i, j;

	for (i = 0; i < d->c; i++) {
		if (mu[i] >= 10 * DBL_EPSILON)
			continue;
		for (j = 0; j < d->K; j++)
			cell[j] = (d->rw[i] >> j & 1) ? '1' : '0';
		cell[d->K] = '\0';
		mse_strata_format(d->s, d->rs[i], where, sizeof(where));
		return msei_error(err, MSE_ENOMLE, "no MLE: the fitted value "
		    "of cell %s%s%s goes to 0 (a parameter runs off to -inf)",
		    cell, d->V ? " in stratum " : "", d->V ? where : "");
	}
	return MSE_OK;
}

/* Run the engine on the design: beta, cov and mu are allocated here. */
static int
run_engine(const struct cdesign *d, const struct mse_fit_options *opt,
    struct msei_glm *w, struct mse_error *err)
{
	char name[256];
	int rc;

	memset(w, 0, sizeof(*w));
	if (d->q > d->c)
		return msei_error(err, MSE_ESINGULAR, "not identifiable: %zu "
		    "parameters for %zu cells", d->q, d->c);
	if ((rc = check_structural(d, err)) != MSE_OK ||
	    (rc = check_exists(d, err)) != MSE_OK)
		return rc;
	w->c = d->c;
	w->p = d->q;
	w->X = d->X;
	w->y = d->y;
	w->beta = msei_calloc(d->q, sizeof(double));
	w->cov = msei_calloc(d->q, d->q * sizeof(double));
	w->mu = msei_calloc(d->c, sizeof(double));
	if (w->beta == NULL || w->cov == NULL || w->mu == NULL)
		return msei_error(err, MSE_ENOMEM, "out of memory");
	rc = msei_glm_fit(w, opt, err);
	if (rc == MSE_ESINGULAR && w->aliased < d->q) {
		column_name(d, d->col[w->aliased], name, sizeof(name));
		return msei_error(err, rc, "not identifiable: the design is "
		    "singular (term %s is aliased with earlier terms)", name);
	}
	if (rc == MSE_ESINGULAR)
		return msei_error(err, rc, "not identifiable: %zu cells cannot "
		    "carry %zu parameters", d->c, d->q);
	if (rc == MSE_OK)
		rc = check_zero_fits(d, w->mu, err);
	return rc;
}

static void
glm_free(struct msei_glm *w)
{
	free(w->beta);
	free(w->cov);
	free(w->mu);
}

/* ---- one table with structural zeros (a struct mse_fit) ----------------- */

/* Move the design and the engine's results into the fit. */
static int
table_finish(struct cdesign *d, struct msei_glm *w, struct mse_fit *f,
    struct mse_error *err)
{
	size_t i, j;

	f->boundary = msei_calloc(d->nboundary + 1, sizeof(*f->boundary));
	f->cell = msei_calloc(d->c, sizeof(*f->cell));
	f->terms = msei_calloc(d->q, sizeof(*f->terms));
	if (f->boundary == NULL || f->cell == NULL || f->terms == NULL)
		return msei_error(err, MSE_ENOMEM, "out of memory");
	for (j = 1; j < d->p; j++)
		if (d->kind[j] == COL_BOUNDARY)
			f->boundary[f->nboundary++] = d->term[j];
	for (j = 0; j < d->q; j++)
		f->terms[j] = d->term[d->col[j]];
	for (i = 0; i < d->c; i++) {
		f->cell[i] = d->rw[i];
		f->fitted[d->rw[i]] = w->mu[i];
	}
	f->n = mse_table_observed(mse_strata_table(d->s, 0));
	f->loglik = w->loglik;
	/* A saturated fit has deviance 0; rounding can leave -1e-15. */
	f->deviance = fabs(w->deviance) < 1e-12 * (1 + f->n) ? 0 :
	    w->deviance;
	f->p = d->q + d->nboundary;
	f->df = (long)(f->cells - d->nabsent_cells) - (long)f->p;
	f->iter = w->iter;
	f->c = d->c;
	f->q = d->q;
	f->X = d->X;
	f->y = d->y;
	f->beta = w->beta;
	f->cov = w->cov;
	d->X = d->y = NULL;
	w->beta = w->cov = NULL;
	return msei_fit_finish(f, f->beta[0], f->cov[0], err);
}

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

/* One stratum, no covariates: a strata object around a copy of t. */
static struct mse_strata *
wrap_table(const struct mse_table *t, struct mse_error *err)
{
	const char *names[MSE_MAX_LISTS];
	struct mse_strata *s;
	size_t i, k = mse_table_lists(t);
	uint32_t w;
	int rc = MSE_OK;

	for (i = 0; i < k; i++)
		names[i] = mse_table_name(t, i);
	s = mse_strata_new(k, names, 0, NULL, err);
	if (s == NULL)
		return NULL;
	rc = mse_strata_add(s, NULL, 0, 0, NULL, err);
	for (w = 1; w <= mse_table_cells(t) && rc == MSE_OK; w++)
		if (mse_table_get(t, w) > 0)
			rc = mse_strata_add(s, NULL, w, mse_table_get(t, w),
			    NULL, err);
	if (rc != MSE_OK) {
		mse_strata_free(s);
		return NULL;
	}
	return s;
}

int
mse_fit_loglinear_absent(const struct mse_table *t,
    const struct mse_model *m, const uint32_t *absent, size_t nabsent,
    const struct mse_fit_options *opt, struct mse_fit **out,
    struct mse_error *err)
{
	struct cdesign d;
	struct msei_glm w;
	struct mse_strata *s = NULL;
	struct mse_fit *f = NULL;
	int rc;

	*out = NULL;
	if (nabsent == 0)
		return mse_fit_loglinear(t, m, opt, out, err);
	if (mse_model_terms(m) == 0 ||
	    mse_model_term(m, mse_model_terms(m) - 1) >> mse_table_lists(t))
		return msei_error(err, MSE_EINVAL, "the model does not fit "
		    "the table's lists");
	if ((rc = check_table_absent(t, absent, nabsent, err)) != MSE_OK)
		return rc;
	memset(&d, 0, sizeof(d));
	memset(&w, 0, sizeof(w));
	d.absent = absent;
	d.nabsent = nabsent;
	s = wrap_table(t, err);
	f = s != NULL ? msei_fit_new(mse_table_lists(t), err) : NULL;
	rc = f == NULL ? (err != NULL ? err->code : MSE_ENOMEM) :
	    setup(&d, s, m, err);
	if (rc == MSE_OK)
		rc = run_engine(&d, opt, &w, err);
	if (rc == MSE_OK)
		rc = table_finish(&d, &w, f, err);
	glm_free(&w);
	cdesign_free(&d);
	mse_strata_free(s);
	if (rc != MSE_OK) {
		mse_fit_free(f);
		return rc;
	}
	*out = f;
	return MSE_OK;
}

/* ---- one model across strata ------------------------------------------ */

struct mse_sfit {
	size_t S;
	double *n, *est, *se;	/* S + 1: the strata, then the total */
	char model[1024];
	double loglik, deviance, nobs;
	long df;
	size_t p, nabsent;
	char **boundary;
	size_t nboundary;
	int iter;
};

/* The model over lists and covariates, parsed against their names. */
static int
parse_formula(const struct mse_strata *s, const char *formula,
    struct mse_model **m, char *text, size_t size, struct mse_error *err)
{
	const char *names[MSE_MAX_LISTS];
	size_t K = mse_strata_lists(s), V = mse_strata_vars(s), i;
	struct mse_table *t;
	int rc;

	if (K + V > MSE_MAX_LISTS)
		return msei_error(err, MSE_EINVAL, "%zu lists and %zu "
		    "covariates; at most %d together are supported", K, V,
		    MSE_MAX_LISTS);
	for (i = 0; i < K + V; i++)
		names[i] = i < K ? mse_strata_list(s, i) :
		    mse_strata_var(s, i - K);
	t = mse_table_new(K + V, names, err);
	if (t == NULL)
		return err != NULL ? err->code : MSE_ENOMEM;
	rc = mse_model_parse(t, formula != NULL ? formula : "main", m, err);
	if (rc == MSE_OK)
		mse_model_format(*m, t, text, size);
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
unseen_eta(const struct cdesign *d, const double *beta, size_t i, double *x)
{
	double eta = 0;
	size_t j;

	for (j = 1; j < d->p; j++)
		if (d->kind[j] == COL_BOUNDARY && cvalue(d, j, i, 0))
			return -INFINITY;
	for (j = 0; j < d->q; j++) {
		x[j] = cvalue(d, d->col[j], i, 0);
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
sfit_estimates(const struct cdesign *d, const struct msei_glm *w,
    struct mse_sfit *f, struct mse_error *err)
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
		f->n[i] = mse_table_observed(mse_strata_table(d->s, i));
		f->est[i] = f->n[i] + m0;
		f->se[i] = m0 > 0 ? sqrt(m0 + m0 * m0 *
		    quad(x, w->cov, x, d->q)) : 0;
		for (j = 0; j < d->q && m0 > 0; j++)
			g[j] += m0 * x[j];
		f->n[d->S] += f->n[i];
		f->est[d->S] += f->est[i];
		msum += m0;
	}
	f->se[d->S] = sqrt(msum + quad(g, w->cov, g, d->q));
	free(x);
	free(g);
	for (i = 0; i <= d->S; i++)
		if (!isfinite(f->est[i]) || !isfinite(f->se[i]))
			return msei_error(err, MSE_ENOCONV, "did not converge: "
			    "the estimate of an unseen cell is not finite");
	return MSE_OK;
}

static int
sfit_boundary(const struct cdesign *d, struct mse_sfit *f,
    struct mse_error *err)
{
	char name[256];
	size_t j;

	f->boundary = msei_calloc(d->nboundary + 1, sizeof(char *));
	if (f->boundary == NULL)
		return msei_error(err, MSE_ENOMEM, "out of memory");
	for (j = 1; j < d->p; j++) {
		if (d->kind[j] != COL_BOUNDARY)
			continue;
		column_name(d, j, name, sizeof(name));
		if ((f->boundary[f->nboundary++] = strdup(name)) == NULL)
			return msei_error(err, MSE_ENOMEM, "out of memory");
	}
	return MSE_OK;
}

static int
sfit_finish(const struct cdesign *d, const struct msei_glm *w,
    struct mse_sfit *f, struct mse_error *err)
{
	uint32_t cells = ((uint32_t)1 << d->K) - 1;
	int rc;

	f->loglik = w->loglik;
	f->nobs = 0;
	f->p = d->q + d->nboundary;
	f->df = (long)(d->S * cells - d->nabsent_cells) - (long)f->p;
	f->nabsent = d->nabsent_cells;
	f->iter = w->iter;
	rc = sfit_estimates(d, w, f, err);
	if (rc == MSE_OK)
		rc = sfit_boundary(d, f, err);
	f->nobs = f->n[d->S];
	f->deviance = fabs(w->deviance) < 1e-12 * (1 + f->nobs) ? 0 :
	    w->deviance;
	return rc;
}

static struct mse_sfit *
sfit_new(size_t S, struct mse_error *err)
{
	struct mse_sfit *f = calloc(1, sizeof(*f));

	if (f != NULL) {
		f->S = S;
		f->n = msei_calloc(S + 1, sizeof(double));
		f->est = msei_calloc(S + 1, sizeof(double));
		f->se = msei_calloc(S + 1, sizeof(double));
	}
	if (f == NULL || f->n == NULL || f->est == NULL || f->se == NULL) {
		mse_sfit_free(f);
		msei_error(err, MSE_ENOMEM, "out of memory");
		return NULL;
	}
	return f;
}

static double
observed_total(const struct mse_strata *s)
{
	double n = 0;
	size_t i;

	for (i = 0; i < mse_strata_count(s); i++)
		n += mse_table_observed(mse_strata_table(s, i));
	return n;
}

int
mse_fit_covariates(const struct mse_strata *s, const char *formula,
    const struct mse_absent *a, const struct mse_fit_options *opt,
    struct mse_sfit **out, struct mse_error *err)
{
	struct mse_model *m = NULL;
	struct mse_sfit *f = NULL;
	struct cdesign d;
	struct msei_glm w;
	int rc;

	*out = NULL;
	memset(&d, 0, sizeof(d));
	memset(&w, 0, sizeof(w));
	d.a = a;
	if (mse_strata_count(s) == 0 || observed_total(s) == 0)
		return msei_error(err, MSE_EDOMAIN, "no unit was observed");
	if ((rc = mse_absent_check(a, s, err)) != MSE_OK)
		return rc;
	f = sfit_new(mse_strata_count(s), err);
	if (f == NULL)
		return err != NULL ? err->code : MSE_ENOMEM;
	rc = parse_formula(s, formula, &m, f->model, sizeof(f->model), err);
	if (rc == MSE_OK)
		rc = setup(&d, s, m, err);
	if (rc == MSE_OK)
		rc = run_engine(&d, opt, &w, err);
	if (rc == MSE_OK)
		rc = sfit_finish(&d, &w, f, err);
	glm_free(&w);
	cdesign_free(&d);
	mse_model_free(m);
	if (rc != MSE_OK) {
		mse_sfit_free(f);
		return rc;
	}
	*out = f;
	return MSE_OK;
}

void
mse_sfit_free(struct mse_sfit *f)
{
	size_t i;

	if (f == NULL)
		return;
	for (i = 0; i < f->nboundary; i++)
		free(f->boundary[i]);
	free(f->boundary);
	free(f->n);
	free(f->est);
	free(f->se);
	free(f);
}

double
mse_sfit_observed(const struct mse_sfit *f, size_t i)
{
	return i <= f->S ? f->n[i] : NAN;
}

double
mse_sfit_estimate(const struct mse_sfit *f, size_t i)
{
	return i <= f->S ? f->est[i] : NAN;
}

double
mse_sfit_se(const struct mse_sfit *f, size_t i)
{
	return i <= f->S ? f->se[i] : NAN;
}

const char *
mse_sfit_model(const struct mse_sfit *f)
{
	return f->model;
}

double
mse_sfit_loglik(const struct mse_sfit *f)
{
	return f->loglik;
}

double
mse_sfit_deviance(const struct mse_sfit *f)
{
	return f->deviance;
}

long
mse_sfit_df(const struct mse_sfit *f)
{
	return f->df;
}

size_t
mse_sfit_params(const struct mse_sfit *f)
{
	return f->p;
}

double
mse_sfit_aic(const struct mse_sfit *f)
{
	return -2 * f->loglik + 2 * (double)f->p;
}

/* BIC with n = the number observed, as mse_fit_bic. */
double
mse_sfit_bic(const struct mse_sfit *f)
{
	return -2 * f->loglik + (double)f->p * log(f->nobs);
}

size_t
mse_sfit_absent_cells(const struct mse_sfit *f)
{
	return f->nabsent;
}

size_t
mse_sfit_boundary_terms(const struct mse_sfit *f)
{
	return f->nboundary;
}

const char *
mse_sfit_boundary_term(const struct mse_sfit *f, size_t i)
{
	return i < f->nboundary ? f->boundary[i] : NULL;
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
