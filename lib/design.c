/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * design.c - the one log-linear design: its rows are (stratum, pattern)
 * cells less the structural zeros, its columns model terms, or terms at
 * covariate levels.  The boundary rule, the existence decision and the
 * checks around the IRLS engine live here and nowhere else.
 */
#include <config.h>

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mse_private.h"

/*
 * The existence linear program runs on designs of up to this many cells
 * before the boundary rule (2^14 - 1, a 14-list table); beyond, a fitted
 * value that collapses to 0 is the only evidence.
 */
#define EXIST_MAX_CELLS 16383u
/* The largest design, cells x columns, in doubles: 2^26 (512 MiB, and
 * as much again for the QR copy). */
#define DESIGN_MAX ((size_t)1 << 26)
/*
 * IRLS has converged as Newton's method does to an interior optimum when
 * its last step moved no linear predictor by more than this.  Were the
 * MLE not to exist, the vanishing cells' predictors would still be
 * falling by about 1 per step (the Newton step for a zero count is -1 in
 * log mu), so such a fit proves existence without the linear program.
 */
#define CONVERGED_STEP 0.01

void
msei_design_free(struct msei_design *d)
{
	size_t v;

	for (v = 0; d->levname != NULL && v < d->V; v++)
		free(d->levname[v]);
	for (v = 0; d->poly != NULL && v < d->V; v++)
		free(d->poly[v]);
	free(d->levname);
	free(d->poly);
	free(d->span);
	free(d->nlev);
	free(d->lev);
	if (d->pool != NULL)
		free(d->pool);
	else {
		free(d->term);
		free(d->clev);
		free(d->kind);
		free(d->col);
	}
	free(d->rs);
	free(d->rw);
	free(d->X);
	free(d->y);
	free(d->offset);
	memset(d, 0, sizeof(*d));
}

const struct mse_table *
msei_design_table(const struct msei_design *d, size_t stratum)
{
	return d->s != NULL ? mse_strata_table(d->s, stratum) : d->t;
}

static int
level_cmp(const void *a, const void *b)
{
	return mse_value_cmp(*(const char *const *)a,
	    *(const char *const *)b);
}

/*
 * A trend's columns: orthogonal polynomials of degree 1..deg in the
 * levels' values x (Gram-Schmidt on the powers of x - mean(x), each
 * level weighted once, then scaled to unit length), as R's poly(x, deg)
 * over the levels.  R's poly() over a table's rows weights a value by
 * its rows, which changes the basis but not the space it spans with the
 * intercept, and so neither the fit nor N.
 */
static int
make_poly(struct msei_design *d, size_t v, size_t deg)
{
	size_t L = d->nlev[v], i, k, l;
	double *x = msei_calloc(L, sizeof(double));
	double *q = msei_calloc(L * (deg + 1), sizeof(double));
	double mean = 0;

	if (x == NULL || q == NULL || deg >= L) {
		free(x);
		free(q);
		return deg >= L ? MSE_EDOMAIN : MSE_ENOMEM;
	}
	for (i = 0; i < L; i++)
		mean += (x[i] = strtod(d->levname[v][i], NULL)) / (double)L;
	/* q[i * (deg + 1) + k]: column k at level i; column 0 is 1. */
	for (i = 0; i < L; i++)
		for (k = 0; k <= deg; k++)
			q[i * (deg + 1) + k] = pow(x[i] - mean, (double)k);
	for (k = 0; k <= deg; k++) {
		double norm = 0;

		for (l = 0; l < k; l++) {
			double dot = 0;

			for (i = 0; i < L; i++)
				dot += q[i * (deg + 1) + k] * q[i * (deg + 1) + l];
			for (i = 0; i < L; i++)
				q[i * (deg + 1) + k] -= dot * q[i * (deg + 1) + l];
		}
		for (i = 0; i < L; i++)
			norm += q[i * (deg + 1) + k] * q[i * (deg + 1) + k];
		if (!(norm > 0)) {
			free(x);
			free(q);
			return MSE_EDOMAIN;
		}
		for (i = 0; i < L; i++)
			q[i * (deg + 1) + k] /= sqrt(norm);
	}
	/* Keep degrees 1..deg. */
	free(x);
	d->poly[v] = msei_calloc(L * deg, sizeof(double));
	if (d->poly[v] == NULL) {
		free(q);
		return MSE_ENOMEM;
	}
	for (i = 0; i < L; i++)
		for (k = 1; k <= deg; k++)
			d->poly[v][i * deg + k - 1] = q[i * (deg + 1) + k];
	free(q);
	d->span[v] = deg + 1;
	return MSE_OK;
}

/* The sorted levels of covariate v, and each stratum's level index. */
static int
make_levels(struct msei_design *d, size_t v)
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
	d->span[v] = n;
	return mse_strata_trend(d->s, v) > 0 ? make_poly(d, v,
	    (size_t)mse_strata_trend(d->s, v)) : MSE_OK;
}

int
msei_design_absent(const struct msei_design *d, size_t stratum, uint32_t w)
{
	size_t i;

	for (i = 0; i < d->nabsent; i++)
		if (d->absent[i] == w)
			return 1;
	return d->a != NULL && mse_absent_cell(d->a, d->s, stratum, w);
}

int
msei_design_value(const struct msei_design *d, size_t j, size_t stratum,
    uint32_t w)
{
	uint32_t lists = d->term[j] & (((uint32_t)1 << d->K) - 1);
	uint32_t vars = d->term[j] >> d->K;
	size_t v;

	if ((w & lists) != lists)
		return 0;
	for (v = 0; vars != 0 && v < d->V; v++)
		if ((vars >> v & 1) && d->poly[v] == NULL &&
		    d->lev[stratum * d->V + v] != d->clev[j * d->V + v])
			return 0;
	return 1;
}

double
msei_design_x(const struct msei_design *d, size_t j, size_t stratum,
    uint32_t w)
{
	uint32_t vars = d->term[j] >> d->K;
	double x;
	size_t v;

	if (!msei_design_value(d, j, stratum, w))
		return 0;
	for (v = 0, x = 1; vars != 0 && v < d->V; v++)
		if ((vars >> v & 1) && d->poly[v] != NULL)
			x *= d->poly[v][d->lev[stratum * d->V + v] *
			    (d->span[v] - 1) + d->clev[j * d->V + v] - 1];
	return x;
}

/* Append the columns of term t: one per combination of non-baseline
 * levels of its covariates, the last covariate fastest. */
static int
add_term(struct msei_design *d, uint32_t t, size_t *cap)
{
	size_t *at, v;
	uint32_t vars = t >> d->K;
	int rc = MSE_OK;

	if (vars == 0 && d->p < *cap) {
		/* A term of lists only: one column (the common case). */
		d->term[d->p] = t;
		for (v = 0; v < d->V; v++)
			d->clev[d->p * d->V + v] = 0;
		d->p++;
		return MSE_OK;
	}
	if ((at = msei_calloc(d->V + 1, sizeof(*at))) == NULL)
		return MSE_ENOMEM;
	for (v = 0; v < d->V; v++) {
		at[v] = (vars >> v & 1) ? 1 : 0;
		if ((vars >> v & 1) && d->span[v] < 2)
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
			if (++at[v - 1] < d->span[v - 1])
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
make_columns(struct msei_design *d, const struct mse_model *m)
{
	size_t i, cap = mse_model_terms(m) + 1;
	int rc;

	if (d->V == 0) {
		/* One column per term, exactly: the four arrays in one
		 * block (size_t ones first, for their alignment). */
		char *b = msei_calloc(cap, 2 * sizeof(size_t) +
		    sizeof(uint32_t) + sizeof(int));

		if ((d->pool = b) == NULL)
			return MSE_ENOMEM;
		d->clev = (size_t *)b;
		d->col = (size_t *)(b + cap * sizeof(size_t));
		d->term = (uint32_t *)(b + 2 * cap * sizeof(size_t));
		d->kind = (int *)(b + 2 * cap * sizeof(size_t) +
		    cap * sizeof(uint32_t));
	} else {
		/* Room for one column per term, grown for covariates. */
		d->term = msei_calloc(cap, sizeof(*d->term));
		d->clev = msei_calloc(cap * (d->V + 1), sizeof(*d->clev));
		if (d->term == NULL || d->clev == NULL)
			return MSE_ENOMEM;
	}
	rc = add_term(d, 0, &cap);

	for (i = 0; i < mse_model_terms(m) && rc == MSE_OK; i++)
		rc = add_term(d, mse_model_term(m, i), &cap);
	if (rc == MSE_OK && d->pool == NULL &&
	    (d->kind = msei_calloc(d->p, sizeof(int))) == NULL)
		rc = MSE_ENOMEM;
	return rc;
}

/*
 * The boundary rule.  A column is structural when every cell of it is
 * absent, boundary (its parameter at -inf) when its cells hold no unit,
 * kept otherwise; the cells of a boundary column leave the fit.
 */
static int
classify(struct msei_design *d)
{
	uint32_t w, cells = ((uint32_t)1 << d->K) - 1;
	size_t i, j;
	double *margin, *rows;

	if (d->V == 0 && d->S == 1 && d->nabsent == 0 && d->a == NULL) {
		/* One table, no structural zeros: the margins. */
		for (j = 1; j < d->p; j++) {
			d->kind[j] = msei_table_margin(msei_design_table(d, 0),
			    d->term[j]) == 0 ?
			    MSEI_COL_BOUNDARY : MSEI_COL_KEPT;
			d->nboundary += d->kind[j] == MSEI_COL_BOUNDARY;
		}
		return MSE_OK;
	}
	margin = msei_calloc(d->p, sizeof(double));
	rows = msei_calloc(d->p, sizeof(double));
	if (margin == NULL || rows == NULL) {
		free(margin);
		free(rows);
		return MSE_ENOMEM;
	}
	for (i = 0; i < d->S; i++)
		for (w = 1; w <= cells; w++) {
			double y = mse_table_get(msei_design_table(d, i), w);

			if (msei_design_absent(d, i, w))
				continue;
			for (j = 0; j < d->p; j++)
				if (msei_design_value(d, j, i, w)) {
					rows[j]++;
					margin[j] += y;
				}
		}
	for (j = 1; j < d->p; j++) {
		d->kind[j] = rows[j] == 0 ? MSEI_COL_STRUCTURAL :
		    margin[j] == 0 ? MSEI_COL_BOUNDARY : MSEI_COL_KEPT;
		d->nboundary += d->kind[j] == MSEI_COL_BOUNDARY;
	}
	free(margin);
	free(rows);
	return MSE_OK;
}

/* A row survives when no boundary column has it. */
static int
row_kept(const struct msei_design *d, size_t stratum, uint32_t w)
{
	size_t j;

	for (j = 1; d->nboundary > 0 && j < d->p; j++)
		if (d->kind[j] == MSEI_COL_BOUNDARY &&
		    msei_design_value(d, j, stratum, w))
			return 0;
	return 1;
}

static int
make_rows(struct msei_design *d)
{
	uint32_t w, cells = ((uint32_t)1 << d->K) - 1;
	size_t i, j, r = 0, n = d->S * (size_t)cells, nbt = 0;
	uint32_t *bt = NULL;
	double *x;
	int absent;

	/* Row -> stratum only where there are strata or covariates: a
	 * plain table's rows are all stratum 0 (and a search fits many). */
	if ((d->pool == NULL &&
	    (d->col = msei_calloc(d->p, sizeof(*d->col))) == NULL) ||
	    ((d->S > 1 || d->V > 0) &&
	    (d->rs = msei_calloc(n, sizeof(*d->rs))) == NULL) ||
	    (d->rw = msei_calloc(n, sizeof(*d->rw))) == NULL ||
	    (d->y = msei_calloc(n, sizeof(*d->y))) == NULL)
		return MSE_ENOMEM;
	for (j = 0; j < d->p; j++)
		if (d->kind[j] == MSEI_COL_KEPT)
			d->col[d->q++] = j;
	absent = d->nabsent > 0 || d->a != NULL;
	/* Terms of lists only: the boundary terms once, so that a row's
	 * test is a few masks, not a walk over every column. */
	if (d->V == 0 && d->nboundary > 0) {
		if ((bt = msei_calloc(d->nboundary, sizeof(*bt))) == NULL)
			return MSE_ENOMEM;
		for (j = 1; j < d->p; j++)
			if (d->kind[j] == MSEI_COL_BOUNDARY)
				bt[nbt++] = d->term[j];
	}
	for (i = 0; i < d->S; i++) {
		const double *y = msei_table_counts(msei_design_table(d, i));

		for (w = 1; w <= cells; w++) {
			if (absent && msei_design_absent(d, i, w)) {
				d->nabsent_cells++;
				continue;
			}
			if (bt != NULL) {
				for (j = 0; j < nbt && (w & bt[j]) != bt[j];
				    j++)
					;
				if (j < nbt)
					continue;
			} else if (d->nboundary > 0 && !row_kept(d, i, w))
				continue;
			if (d->rs != NULL)
				d->rs[r] = i;
			d->rw[r] = w;
			d->y[r++] = y[w];
		}
	}
	free(bt);
	d->c = r;
	if (d->c > 0 && d->q > DESIGN_MAX / d->c)
		return MSE_EDOMAIN;
	/* Every entry is written below: no need to zero it first. */
	if ((d->X = msei_reallocarray(NULL, d->c * d->q + 1,
	    sizeof(double))) == NULL)
		return MSE_ENOMEM;
	if (d->V == 0) {
		/* Terms of lists only: x = 1{term within the pattern}, the
		 * fast path of every plain table's fit in a search. */
		uint32_t kt[64];

		for (j = 0; j < d->q && j < 64; j++)
			kt[j] = d->term[d->col[j]];
		for (r = 0, x = d->X; r < d->c; r++) {
			uint32_t rw = d->rw[r];

			for (j = 0; j < d->q; j++) {
				uint32_t t = j < 64 ? kt[j] :
				    d->term[d->col[j]];

				*x++ = (rw & t) == t;
			}
		}
		return MSE_OK;
	}
	for (r = 0, x = d->X; r < d->c; r++)
		for (j = 0; j < d->q; j++)
			*x++ = msei_design_x(d, d->col[j], d->rs[r],
			    d->rw[r]);
	return MSE_OK;
}

void
msei_design_column_name(const struct msei_design *d, size_t j, char *buf,
    size_t size)
{
	uint32_t t = d->term[j], lists = t & (((uint32_t)1 << d->K) - 1);
	size_t v, len;

	buf[0] = '\0';
	if (size == 0)
		return;
	if (t == 0) {
		snprintf(buf, size, "(intercept)");
		return;
	}
	if (lists != 0)
		mse_table_format_term(msei_design_table(d, 0), lists, buf,
		    size);
	len = strlen(buf);
	for (v = 0; v < d->V && len + 1 < size; v++) {
		if (!(t >> (d->K + v) & 1))
			continue;
		if (d->poly[v] != NULL)
			len += (size_t)snprintf(buf + len, size - len,
			    "%s%s^%zu", len ? ":" : "", mse_strata_var(d->s, v),
			    d->clev[j * d->V + v]);
		else
			len += (size_t)snprintf(buf + len, size - len,
			    "%s%s=%s", len ? ":" : "", mse_strata_var(d->s, v),
			    d->levname[v][d->clev[j * d->V + v]]);
	}
}

int
msei_design_build(struct msei_design *d, const struct msei_design_spec *sp,
    const struct mse_model *m, struct mse_error *err)
{
	size_t v;
	int rc = MSE_OK;

	memset(d, 0, sizeof(*d));
	d->t = sp->table;
	d->s = sp->strata;
	d->a = sp->a;
	d->absent = sp->absent;
	d->nabsent = sp->nabsent;
	if (d->s != NULL) {
		d->K = mse_strata_lists(d->s);
		d->V = mse_strata_vars(d->s);
		d->S = mse_strata_count(d->s);
	} else {
		d->K = mse_table_lists(d->t);
		d->S = 1;
	}
	if (mse_model_lists(m) > d->K + d->V)
		return msei_error(err, MSE_EINVAL, "the model does not fit "
		    "the table's lists");
	if (d->V > 0) {
		d->nlev = msei_calloc(d->V + 1, sizeof(*d->nlev));
		d->lev = msei_calloc(d->S * d->V + 1, sizeof(*d->lev));
		d->levname = msei_calloc(d->V + 1, sizeof(*d->levname));
		d->span = msei_calloc(d->V + 1, sizeof(*d->span));
		d->poly = msei_calloc(d->V + 1, sizeof(*d->poly));
		if (d->nlev == NULL || d->lev == NULL || d->levname == NULL ||
		    d->span == NULL || d->poly == NULL)
			rc = MSE_ENOMEM;
	}
	for (v = 0; v < d->V && rc == MSE_OK; v++)
		rc = make_levels(d, v);
	if (rc == MSE_EDOMAIN)
		return msei_error(err, rc, "the trend in '%s' has two values "
		    "that are the same number, or too few values for its "
		    "degree", mse_strata_var(d->s, v - 1));
	if (rc == MSE_OK)
		rc = make_columns(d, m);
	if (rc == MSE_OK)
		rc = classify(d);
	if (rc == MSE_OK && sp->keep_zero_margins) {
		size_t j;

		for (j = 1; j < d->p; j++)
			if (d->kind[j] == MSEI_COL_BOUNDARY)
				d->kind[j] = MSEI_COL_KEPT;
		d->nboundary = 0;
	}
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

int
msei_design_columns(struct msei_design *d, const struct msei_design_cols *sp,
    struct mse_error *err)
{
	size_t r, j;

	memset(d, 0, sizeof(*d));
	d->S = 1;
	d->c = sp->c;
	d->p = d->q = sp->q;
	if (d->q > 0 && d->c > DESIGN_MAX / d->q)
		return msei_error(err, MSE_EDOMAIN, "the design is too large: "
		    "%zu cells by %zu columns", d->c, d->q);
	d->kind = msei_calloc(d->p + 1, sizeof(*d->kind));
	d->col = msei_calloc(d->p + 1, sizeof(*d->col));
	d->rw = msei_calloc(d->c + 1, sizeof(*d->rw));
	d->y = msei_calloc(d->c + 1, sizeof(*d->y));
	d->X = msei_calloc(d->c * d->q + 1, sizeof(*d->X));
	d->offset = sp->offset ? msei_calloc(d->c + 1, sizeof(double)) : NULL;
	if (d->kind == NULL || d->col == NULL ||
	    d->rw == NULL || d->y == NULL || d->X == NULL ||
	    (sp->offset && d->offset == NULL))
		return msei_error(err, MSE_ENOMEM, "out of memory");
	for (j = 0; j < d->q; j++)
		d->col[j] = j;
	for (r = 0; r < d->c; r++) {
		sp->row(sp->arg, r, &d->rw[r], &d->y[r],
		    d->offset != NULL ? &d->offset[r] : NULL);
		for (j = 0; j < d->q; j++)
			d->X[r * d->q + j] = sp->value(sp->arg, j, r);
	}
	return MSE_OK;
}

/* ---- checks ------------------------------------------------------------- */

/* Names of the boundary columns, ", "-joined, into buf. */
static void
boundary_names(const struct msei_design *d, char *buf, size_t size)
{
	char name[128];
	size_t j, len = 0;

	buf[0] = '\0';
	for (j = 1; j < d->p && len + 1 < size; j++) {
		if (d->kind[j] != MSEI_COL_BOUNDARY)
			continue;
		msei_design_column_name(d, j, name, sizeof(name));
		len += (size_t)snprintf(buf + len, size - len, "%s%s",
		    len ? ", " : "", name);
	}
}

/* Pairs of lists that no unit is on together, across the design's cells:
 * the usual cause of a missing MLE. */
static void
empty_pairs(const struct msei_design *d, char *buf, size_t size)
{
	char term[128];
	size_t i, j, r, len = 0, n = 0;

	buf[0] = '\0';
	for (i = 0; i < d->K; i++)
		for (j = i + 1; j < d->K && n < 64; j++) {
			uint32_t pair = (1u << i) | (1u << j);
			double s = 0;

			for (r = 0; r < d->c && s == 0; r++)
				if ((d->rw[r] & pair) == pair)
					s += d->y[r];
			if (s != 0 || len + 1 >= size)
				continue;
			mse_table_format_term(msei_design_table(d, 0), pair,
			    term, sizeof(term));
			len += (size_t)snprintf(buf + len, size - len, "%s%s",
			    n++ ? ", " : "", term);
		}
}

int
msei_design_exists(const struct msei_design *d, int *code,
    struct mse_error *err)
{
	*code = 0;
	if (d->c == 0) {
		*code = MSE_EXIST_NOMLE | MSE_EXIST_UNIDENT;
		return msei_error(err, MSE_EDOMAIN, "model check: no cell has "
		    "a positive count, so no log-linear model can be fitted");
	}
	return msei_exist_lp(d->X, d->c, d->q, d->y, code, NULL, NULL, err);
}

/* The existence verdict as an error, or MSE_OK. */
static int
existence(const struct msei_design *d, const struct msei_glm *w, int fitted,
    struct mse_error *err)
{
	char pairs[160];
	size_t i;
	int code = 0, rc;

	for (i = 0; i < d->c && d->y[i] > 0; i++)
		;
	if (i == d->c || d->S * (((size_t)1 << d->K) - 1) -
	    d->nabsent_cells > EXIST_MAX_CELLS)
		return MSE_OK;
	if (fitted && w->last_step < CONVERGED_STEP)
		return MSE_OK;
	if ((rc = msei_design_exists(d, &code, err)) != MSE_OK)
		return rc;
	if (code == 0)
		return MSE_OK;
	empty_pairs(d, pairs, sizeof(pairs));
	if (code & MSE_EXIST_NOMLE)
		return msei_error(err, MSE_ENOMLE, "no MLE: no positive "
		    "table has the margins of this model, so the estimate is "
		    "on the boundary%s%s%s", pairs[0] ? " (lists with no "
		    "overlap: " : "", pairs, pairs[0] ? ")" : "");
	return msei_error(err, MSE_ESINGULAR, "not identifiable: the cells "
	    "left after fixing the empty margins cannot carry all the "
	    "model's terms%s%s%s", pairs[0] ? " (lists with no overlap: " : "",
	    pairs, pairs[0] ? ")" : "");
}

/* A covariate column with every cell absent leaves a stratum's unseen
 * cell with nothing to estimate it from. */
static int
check_structural(const struct msei_design *d, struct mse_error *err)
{
	uint32_t lists = ((uint32_t)1 << d->K) - 1;
	char name[256];
	size_t j;

	for (j = 1; j < d->p; j++)
		if (d->kind[j] == MSEI_COL_STRUCTURAL &&
		    (d->term[j] & lists) == 0) {
			msei_design_column_name(d, j, name, sizeof(name));
			return msei_error(err, MSE_ESINGULAR, "not "
			    "identifiable: every cell of %s is absent", name);
		}
	return MSE_OK;
}

/* glm.fit's "fitted rates numerically 0": the MLE is on the boundary. */
static int
check_zero_fits(const struct msei_design *d, const double *mu,
    struct mse_error *err)
{
	char cell[MSE_MAX_LISTS + 1], where[256];
	size_t i, j;

	for (i = 0; i < d->c; i++) {
		if (mu[i] >= MSEI_ZERO_RATE)
			continue;
		for (j = 0; j < d->K; j++)
			cell[j] = (d->rw[i] >> j & 1) ? '1' : '0';
		cell[d->K] = '\0';
		if (d->V > 0)
			mse_strata_format(d->s, d->rs[i], where, sizeof(where));
		return msei_error(err, MSE_ENOMLE, "no MLE: the fitted value "
		    "of cell %s%s%s goes to 0 (a parameter runs off to -inf)",
		    cell, d->V ? " in stratum " : "", d->V ? where : "");
	}
	return MSE_OK;
}

/* Why a fit of a table too large for the linear program failed: a
 * parameter running off to -inf shows as fitted values collapsing to 0 in
 * a fit that does not converge. */
static int
collapsed(const struct msei_glm *w, int rc, struct mse_error *err)
{
	size_t i, zero = 0;

	if (rc != MSE_ENOCONV)
		return rc;
	for (i = 0; i < w->c; i++)
		zero += w->mu[i] < MSEI_ZERO_RATE;
	if (zero == 0)
		return rc;
	return msei_error(err, MSE_ENOMLE, "no MLE: the estimate is on the "
	    "boundary (the fitted values of %zu cell%s go to 0 and IRLS "
	    "did not converge in %d iterations)", zero, zero > 1 ? "s" : "",
	    w->iter);
}

size_t
msei_pack_columns(const double *X, size_t c, size_t q,
    const unsigned char *keep, double *Xk)
{
	size_t i, j, l = 0, qk = 0;

	for (j = 0; j < q; j++)
		qk += keep == NULL || keep[j];
	for (i = 0; i < c; i++)
		for (j = 0; j < q; j++)
			if (keep == NULL || keep[j])
				Xk[l++] = X[i * q + j];
	return qk;
}

/*
 * R's glm cannot tell whether the MLE of a real design exists: a fit
 * whose parameters run off to infinity may stop with a converged deviance
 * (no unit seen twice: N "converges" to 1e10), or not converge.  The
 * linear program of msei_exist_direction decides.  When only cells with
 * no units go to 0 and the intercept is held, N is that of the extended
 * MLE (the limit, which a converged IRLS gives to its tolerance): it is
 * kept, with a note.
 */
int
msei_design_extended(const struct msei_design *d, const unsigned char *keep,
    const struct msei_glm *w, int rc, char *note, size_t size,
    struct mse_error *err)
{
	size_t zero = 0, qk;
	double *Xk;
	int exists = 1, free0 = 0, lp;

	if (d->c > EXIST_MAX_CELLS)
		return collapsed(w, rc, err);
	Xk = msei_calloc(d->c, d->q * sizeof(double));
	if (Xk == NULL)
		return msei_error(err, MSE_ENOMEM, "out of memory");
	qk = msei_pack_columns(d->X, d->c, d->q, keep, Xk);
	lp = msei_exist_direction(Xk, d->c, qk, d->y, &exists, &zero, &free0,
	    err);
	free(Xk);
	if (lp != MSE_OK || exists)
		return lp != MSE_OK ? lp : rc;
	if (free0 != 0)
		return msei_error(err, MSE_ENOMLE, "no MLE: the estimate is on "
		    "the boundary (as the fitted values of %zu cell%s with no "
		    "units go to 0, N %s)", zero, zero != 1 ? "s" : "",
		    free0 == 1 ? "grows without bound" : free0 == 2 ? "falls "
		    "to n" : "is not determined");
	if (rc != MSE_OK)
		return msei_error(err, rc, "did not converge: IRLS stopped "
		    "after %d iterations, on the boundary (the fitted values "
		    "of %zu cell%s with no units go to 0)", w->iter, zero,
		    zero != 1 ? "s" : "");
	msei_note(note, size, "boundary: the fitted values of %zu cell%s "
	    "with no units go to 0 (N is the extended MLE's)", zero,
	    zero != 1 ? "s" : "");
	return MSE_OK;
}

static int
singular(const struct msei_design *d, size_t aliased, struct mse_error *err)
{
	char name[256];

	if (aliased >= d->q)
		return msei_error(err, MSE_ESINGULAR, "not identifiable: %zu "
		    "cells cannot carry %zu parameters", d->c, d->q);
	msei_design_column_name(d, d->col[aliased], name, sizeof(name));
	return msei_error(err, MSE_ESINGULAR, "not identifiable: the design "
	    "is singular (term %s is aliased with earlier terms)", name);
}

/* ---- the fit ------------------------------------------------------------ */

void
msei_design_work_free(struct msei_design_work *ws)
{
	free(ws->beta);
	free(ws->mu);
	free(ws->cov);
	memset(ws, 0, sizeof(*ws));
}

/* Room for q coefficients, c fitted values and (want_cov) q x q. */
static int
work_reserve(struct msei_design_work *ws, size_t c, size_t q, int want_cov)
{
	if (q > ws->qcap) {
		double *b = msei_reallocarray(ws->beta, q, sizeof(double));

		if (b == NULL)
			return MSE_ENOMEM;
		ws->beta = b;
		ws->qcap = q;
	}
	if (c > ws->ccap) {
		double *m = msei_reallocarray(ws->mu, c, sizeof(double));

		if (m == NULL)
			return MSE_ENOMEM;
		ws->mu = m;
		ws->ccap = c;
	}
	if (want_cov && (q * q > ws->covcap || ws->cov == NULL)) {
		double *v = msei_reallocarray(ws->cov, q * q + 1,
		    sizeof(double));

		if (v == NULL)
			return MSE_ENOMEM;
		ws->cov = v;
		ws->covcap = q * q;
	}
	memset(ws->beta, 0, q * sizeof(double));
	return MSE_OK;
}

int
msei_design_fit(const struct msei_design *d,
    const struct mse_fit_options *opt, const double *start, int want_cov,
    struct msei_design_work *ws, struct msei_glm *w, struct mse_error *err)
{
	char b[160];
	int rc, ex;

	memset(w, 0, sizeof(*w));
	if (d->q > d->c) {
		boundary_names(d, b, sizeof(b));
		return msei_error(err, MSE_ESINGULAR, "not identifiable: %zu "
		    "parameters for %zu cells%s%s%s", d->q, d->c,
		    d->nboundary ? " (the terms with no data, " : "", b,
		    d->nboundary ? ", are fixed at -inf and take their cells "
		    "out of the fit)" : "");
	}
	if ((rc = check_structural(d, err)) != MSE_OK)
		return rc;
	if (work_reserve(ws, d->c, d->q, want_cov) != MSE_OK)
		return msei_error(err, MSE_ENOMEM, "out of memory");
	w->c = d->c;
	w->p = d->q;
	w->X = d->X;
	w->y = d->y;
	w->beta = ws->beta;
	w->mu = ws->mu;
	w->cov = want_cov ? ws->cov : NULL;
	w->beta_start = start;
	if (start == NULL && ws->cell_start != NULL && d->rs == NULL) {
		/* glm.fit's mustart: R's start is y + 0.1, far from a many-list
		 * table's fitted values of 1e-18, and IRLS needs about 14
		 * steps from it at 20 lists; a nested model's fit is a few
		 * Newton steps away.  Floored as linkinv floors them. */
		size_t r;

		for (r = 0; r < d->c; r++)
			w->mu[r] = fmax(ws->cell_start[d->rw[r]], DBL_EPSILON);
		w->mu_given = 1;
	}
	rc = msei_glm_fit(w, opt, err);
	if (rc == MSE_OK || rc == MSE_ENOCONV || rc == MSE_ESINGULAR) {
		/* The existence verdict explains a failed fit better than
		 * the fit's own symptom. */
		ex = existence(d, w, rc == MSE_OK, err);
		if (ex != MSE_OK)
			return ex;
	}
	if (rc == MSE_ESINGULAR)
		return singular(d, w->aliased, err);
	/* A fitted value numerically 0 means a parameter running off to
	 * -inf, unless IRLS converged as Newton's method does to an
	 * interior optimum (last_step, the certificate existence() takes
	 * too): then the MLE exists and the cell's expected count is merely
	 * tiny, as for the cell of 18 lists that each catch 10% (0.1^18 of
	 * the population), which R's glm fits to a finite N. */
	if (rc == MSE_OK && !(w->last_step < CONVERGED_STEP))
		rc = check_zero_fits(d, w->mu, err);
	return rc;
}
