/* SPDX-License-Identifier: GPL-3.0-or-later */
/* check.c - checks of an estimate: lists left out, dropped and merged,
 * residuals, dependence bounds, model spread, and a verdict. */
#include <config.h>

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "mse_private.h"

/* Cochran's rule for the chi-squared approximation (Cochran 1954,
 * Biometrics 10:417; Agresti 2013, Categorical Data Analysis, 3rd ed.,
 * sec. 3.2.2): no fitted count below 1, at most 20% below 5. */
#define COCHRAN_SMALL 5.0
#define COCHRAN_MIN 1.0
#define COCHRAN_SHARE 0.2

#define NVERDICT 6

/* An estimate made for a check, with its texts owned here. */
struct row {
	struct mse_check_row r;
	char *label, *model;
	char reason[512];
};

struct rows {
	struct row *v;
	size_t n, cap;
};

struct verdict {
	struct mse_check_verdict v;
	char result[512], reading[512];
};

struct mse_check {
	struct mse_table *t;		/* the lists that saw someone */
	const struct mse_fit *f;	/* the whole table's fit, or NULL */
	struct mse_by_options fit;
	struct mse_model *model;	/* the whole table's, if loglinear */
	int fixed;			/* the model is fixed, not selected */
	struct mse_by *by;		/* the whole table's estimate */
	struct mse_strata *s;
	struct rows lolo, sens;
	struct mse_check_cell *cells;
	size_t ncells;
	struct mse_check_gof gof;
	char gof_reason[512];
	struct mse_check_bounds bounds;
	char bounds_reason[512];
	struct mse_check_spread spread;
	char spread_reason[512], *best_model;
	struct verdict verdict[NVERDICT];
	size_t nverdict;
	struct mse_check_options o;
};

static const char *model_name(const struct mse_check *c,
    const char *by_model);

void
mse_check_options_init(struct mse_check_options *o)
{
	memset(o, 0, sizeof(*o));
	o->size = sizeof(*o);
	o->parts = MSE_CHECK_ALL;
	o->ci = MSE_CI_LOGNORMAL;
	o->level = 0.95;
	o->max_odds_ratio = 2;
	o->criterion = MSE_SELECT_AIC;
	o->delta = 2;
	o->max_order = 2;
	o->max_models = 65536;
	o->replicates = 999;
	o->seed = 1234;
	o->alpha = 0.05;
	o->moves = 0.5;
}

static char *
dupstr(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = malloc(n);

	if (d != NULL)
		memcpy(d, s, n);
	return d;
}

static struct row *
rows_add(struct rows *rs, int kind, const char *label)
{
	struct row *r;

	if (rs->n == rs->cap) {
		size_t cap = rs->cap ? 2 * rs->cap : 16;
		struct row *v = msei_reallocarray(rs->v, cap, sizeof(*v));

		if (v == NULL)
			return NULL;
		rs->v = v;
		rs->cap = cap;
	}
	r = &rs->v[rs->n];
	memset(r, 0, sizeof(*r));
	if ((r->label = dupstr(label)) == NULL)
		return NULL;
	rs->n++;
	r->r.kind = kind;
	r->r.observed = r->r.estimate = r->r.se = NAN;
	r->r.lower = r->r.upper = r->r.truth = r->r.log_ratio = NAN;
	r->r.covered = -1;
	return r;
}

static void
rows_free(struct rows *rs)
{
	size_t i;

	for (i = 0; i < rs->n; i++) {
		free(rs->v[i].label);
		free(rs->v[i].model);
	}
	free(rs->v);
}

/* The public rows' text pointers, once the rows are made. */
static void
rows_sync(struct rows *rs)
{
	size_t i;

	for (i = 0; i < rs->n; i++) {
		rs->v[i].r.label = rs->v[i].label;
		rs->v[i].r.model = rs->v[i].model != NULL ? rs->v[i].model :
		    "";
		rs->v[i].r.reason = rs->v[i].reason;
	}
}

/* Append "; text" to a row's reason. */
static void
reason_add(struct row *r, const char *fmt, ...)
{
	size_t len = strlen(r->reason);
	va_list ap;

	if (len + 3 >= sizeof(r->reason))
		return;
	if (len > 0) {
		memcpy(r->reason + len, "; ", 3);
		len += 2;
	}
	va_start(ap, fmt);
	vsnprintf(r->reason + len, sizeof(r->reason) - len, fmt, ap);
	va_end(ap);
}

/* An extended MLE says so, as mse-fit's status: "boundary: A:C=-inf". */
static void
boundary_note(struct row *r, const struct mse_table *t,
    const struct mse_fit *f)
{
	char buf[400], term[128];
	size_t i, len;

	if (f == NULL || mse_fit_boundary_terms(f) == 0 || t == NULL)
		return;
	len = (size_t)snprintf(buf, sizeof(buf), "boundary: ");
	for (i = 0; i < mse_fit_boundary_terms(f) && len < sizeof(buf); i++) {
		mse_table_format_term(t, mse_fit_boundary_term(f, i), term,
		    sizeof(term));
		len += (size_t)snprintf(buf + len, sizeof(buf) - len,
		    "%s%s=-inf", i ? ", " : "", term);
	}
	reason_add(r, "%s", buf);
}

/* t as a one-stratum strata, for mse_by_fit and mse_strata_merge. */
static int
as_strata(const struct mse_table *t, struct mse_strata **out,
    struct mse_error *err)
{
	const char *names[MSE_MAX_LISTS];
	size_t j, k = mse_table_lists(t);
	uint32_t w;
	int rc = MSE_OK;

	for (j = 0; j < k; j++)
		names[j] = mse_table_name(t, j);
	*out = mse_strata_new(k, names, 0, NULL, err);
	if (*out == NULL)
		return err != NULL && err->code ? err->code : MSE_ENOMEM;
	rc = mse_strata_add(*out, NULL, 0, 0, NULL, err);
	for (w = 1; rc == MSE_OK && w <= mse_table_cells(t); w++)
		if (mse_table_get(t, w) > 0)
			rc = mse_strata_add(*out, NULL, w, mse_table_get(t, w),
			    NULL, err);
	if (rc != MSE_OK) {
		mse_strata_free(*out);
		*out = NULL;
	}
	return rc;
}

/* The whole table's model on a table made from it: map[j] is the new
 * list of old list j, or -1 when it is gone.  Terms on gone lists
 * leave; terms on merged lists move to the merged list. */
static struct mse_model *
map_model(const struct mse_model *m, const int *map, size_t k_to,
    struct mse_error *err)
{
	struct mse_model *nm = mse_model_new(k_to, err);
	size_t i, j, k = mse_model_lists(m);
	int rc = nm == NULL ? MSE_ENOMEM : MSE_OK;

	for (i = 0; rc == MSE_OK && i < mse_model_terms(m); i++) {
		uint32_t term = mse_model_term(m, i), v = 0;
		int gone = 0;

		for (j = 0; j < k; j++) {
			if (!(term >> j & 1))
				continue;
			if (map[j] < 0)
				gone = 1;
			else
				v |= (uint32_t)1 << map[j];
		}
		if (!gone && v != 0)
			rc = mse_model_add(nm, v, err);
	}
	if (rc != MSE_OK) {
		mse_model_free(nm);
		nm = NULL;
	}
	return nm;
}

static char *
mapped_model(const struct mse_model *m, const int *map,
    const struct mse_table *to, struct mse_error *err)
{
	struct mse_model *nm = map_model(m, map, mse_table_lists(to), err);
	char *s = NULL;

	if (nm != NULL && (s = mse_model_string(nm, to)) == NULL)
		msei_error(err, MSE_ENOMEM, "out of memory");
	mse_model_free(nm);
	return s;
}

/* The interval of an estimate, or NaN with the reason. */
static void
row_interval(const struct mse_check_options *o, const struct mse_fit *f,
    struct row *r)
{
	struct mse_profile p;
	struct mse_error e;
	int rc;

	mse_error_clear(&e);
	if (f == NULL)
		rc = mse_interval(r->r.observed, r->r.estimate, r->r.se, o->ci,
		    o->level, &r->r.lower, &r->r.upper, &e);
	else if (o->ci != MSE_CI_PROFILE)
		rc = mse_fit_interval(f, o->ci, o->level, &r->r.lower,
		    &r->r.upper, &e);
	else if ((rc = mse_fit_profile(f, o->level, &p, &e)) == MSE_OK) {
		r->r.lower = p.lower;
		r->r.upper = p.upper_open ? NAN : p.upper;
		if (p.lower_at_n)
			reason_add(r, "profile lower bound set to n");
		if (p.upper_open)
			reason_add(r, "no profile upper bound below %.1f",
			    p.limit);
	}
	if (rc != MSE_OK) {
		r->r.lower = r->r.upper = NAN;
		reason_add(r, "no interval: %s", e.message);
	}
}

/*
 * Estimate from table t as the options say (one stratum of mse_by_fit):
 * the model is formula when the estimator fixes one, or the estimator's
 * selection.  Only ENOMEM is an error; a failed fit is the row's reason.
 */
static int
estimate(struct mse_check *c, const struct mse_table *t, const char *formula,
    struct row *r, struct mse_error *err)
{
	struct mse_by_options bo = c->fit;
	struct mse_strata *s = NULL;
	struct mse_by *b = NULL;
	struct mse_error e;
	const char *why;
	int rc;

	mse_error_clear(&e);
	bo.model = formula;
	r->r.lists = mse_table_lists(t);
	r->r.observed = mse_table_observed(t);
	if ((rc = as_strata(t, &s, err)) != MSE_OK)
		return rc;
	rc = mse_by_fit(s, &bo, &b, &e);
	if (rc == MSE_ENOMEM) {
		mse_strata_free(s);
		return msei_error(err, rc, "out of memory");
	}
	if (rc != MSE_OK) {
		r->r.status = rc;
		reason_add(r, "%s", e.message);
	} else if ((r->r.status = mse_by_status(b, 0, &why)) != MSE_OK) {
		reason_add(r, "%s", why);
	} else {
		const struct mse_fit *f = mse_by_fit_of(b, 0);

		r->r.estimate = mse_by_estimate(b, 0);
		r->r.se = mse_by_se(b, 0);
		r->model = dupstr(model_name(c, mse_by_model(b, 0)));
		boundary_note(r, mse_by_table(b, 0), f);
		if (mse_by_note(b, 0)[0] != '\0')
			reason_add(r, "%s", mse_by_note(b, 0));
		row_interval(&c->o, f, r);
	}
	mse_by_free(b);
	mse_strata_free(s);
	if (rc == MSE_OK && r->model == NULL && r->r.status == MSE_OK)
		return msei_error(err, MSE_ENOMEM, "out of memory");
	return rc == MSE_ENOMEM ? rc : MSE_OK;
}

/* The model column: the log-linear model, Rcapture's model's label, or
 * "" for a closed form. */
static const char *
model_name(const struct mse_check *c, const char *by_model)
{
	if (c->fit.method == MSE_BY_CLOSEDP)
		return mse_closedp_label(c->fit.closedp) != NULL ?
		    mse_closedp_label(c->fit.closedp) : "";
	return by_model != NULL ? by_model : "";
}

/* The formula for a table made by map (NULL: the estimator's own, which
 * re-selects or is a closed form). */
static int
formula_for(const struct mse_check *c, const int *map,
    const struct mse_table *to, char **out, struct mse_error *err)
{
	*out = NULL;
	if (!c->fixed)
		return MSE_OK;
	*out = mapped_model(c->model, map, to, err);
	return *out == NULL ? MSE_ENOMEM : MSE_OK;
}

static int
estimate_mapped(struct mse_check *c, const struct mse_table *t, const int *map,
    struct row *r, struct mse_error *err)
{
	char *formula;
	int rc = formula_for(c, map, t, &formula, err);

	if (rc == MSE_OK)
		rc = estimate(c, t, formula, r, err);
	free(formula);
	return rc;
}

/* ---- leave one list out (Binette & Steorts 2022) ------------------------- */

/* The units of list L, as a table over the other lists: its unseen cell
 * holds those seen by L alone, and |L| is known. */
static int
lolo_table(const struct mse_table *t, size_t L, struct mse_table **out,
    int *map, struct mse_error *err)
{
	const char *names[MSE_MAX_LISTS];
	size_t j, n = 0, k = mse_table_lists(t);
	uint32_t w;
	int rc = MSE_OK;

	for (j = 0; j < k; j++) {
		map[j] = j == L ? -1 : (int)n;
		if (j != L)
			names[n++] = mse_table_name(t, j);
	}
	*out = mse_table_new(n, names, err);
	if (*out == NULL)
		return MSE_ENOMEM;
	for (w = 1; rc == MSE_OK && w <= mse_table_cells(t); w++) {
		uint32_t v = 0;

		if (!(w >> L & 1) || w == (uint32_t)1 << L)
			continue;
		for (j = 0; j < k; j++)
			if (j != L && (w >> j & 1))
				v |= (uint32_t)1 << map[j];
		rc = mse_table_set(*out, v, mse_table_get(*out, v) +
		    mse_table_get(t, w), err);
	}
	return rc;
}

static int
run_lolo(struct mse_check *c, struct mse_error *err)
{
	const struct mse_table *t = c->t;
	size_t L, k = mse_table_lists(t);
	int map[MSE_MAX_LISTS], rc = MSE_OK;

	for (L = 0; rc == MSE_OK && L < k; L++) {
		struct mse_table *sub = NULL;
		struct row *r = rows_add(&c->lolo, MSE_CHECK_ROW_LOLO,
		    mse_table_name(t, L));

		if (r == NULL)
			return msei_error(err, MSE_ENOMEM, "out of memory");
		r->r.truth = mse_table_list_total(t, L);
		r->r.observed = r->r.truth - mse_table_get(t, (uint32_t)1 << L);
		r->r.lists = k - 1;
		if (k < 3) {
			r->r.status = MSE_EDOMAIN;
			reason_add(r, "leaving a list out needs 3 lists; the "
			    "table has %zu", k);
			continue;
		}
		rc = lolo_table(t, L, &sub, map, err);
		if (rc == MSE_OK && mse_table_observed(sub) == 0) {
			r->r.status = MSE_EDOMAIN;
			reason_add(r, "no estimate: no other list saw anyone "
			    "of %s", mse_table_name(t, L));
		} else if (rc == MSE_OK)
			rc = estimate_mapped(c, sub, map, r, err);
		mse_table_free(sub);
		if (rc == MSE_OK && r->r.status == MSE_OK) {
			r->r.log_ratio = log(r->r.estimate / r->r.truth);
			if (!isnan(r->r.lower) && !isnan(r->r.upper))
				r->r.covered = r->r.lower <= r->r.truth &&
				    r->r.truth <= r->r.upper;
		}
	}
	return rc;
}

int
mse_check_lolo_summary(const struct mse_check *c, double *median,
    double *coverage, size_t *used)
{
	size_t i, n = 0, ni = 0, cov = 0;
	double *v = msei_calloc(c->lolo.n + 1, sizeof(double));

	*median = *coverage = NAN;
	*used = 0;
	if (v == NULL)
		return MSE_ENOMEM;
	for (i = 0; i < c->lolo.n; i++) {
		const struct mse_check_row *r = &c->lolo.v[i].r;

		if (r->status != MSE_OK || !isfinite(r->log_ratio))
			continue;
		v[n++] = fabs(r->log_ratio);
		if (r->covered >= 0) {
			ni++;
			cov += (size_t)r->covered;
		}
	}
	if (n > 0) {
		qsort(v, n, sizeof(*v), msei_cmp_double);
		*median = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
	}
	if (ni > 0)
		*coverage = (double)cov / (double)ni;
	*used = n;
	free(v);
	return n > 0 ? MSE_OK : MSE_EDOMAIN;
}

/* ---- drop, merge, subsets ------------------------------------------------ */

static int
run_drop(struct mse_check *c, size_t L, struct mse_error *err)
{
	const struct mse_table *t = c->t;
	size_t j, n = 0, idx[MSE_MAX_LISTS], k = mse_table_lists(t);
	int map[MSE_MAX_LISTS], rc;
	struct mse_table *sub = NULL;
	struct row *r = rows_add(&c->sens, MSE_CHECK_ROW_DROP,
	    mse_table_name(t, L));

	if (r == NULL)
		return msei_error(err, MSE_ENOMEM, "out of memory");
	for (j = 0; j < k; j++) {
		map[j] = j == L ? -1 : (int)n;
		if (j != L)
			idx[n++] = j;
	}
	r->r.lists = n;
	if (n < 2) {
		r->r.status = MSE_EDOMAIN;
		reason_add(r, "dropping a list leaves one list");
		return MSE_OK;
	}
	rc = mse_table_collapse(t, idx, n, &sub, err);
	if (rc == MSE_OK)
		rc = estimate_mapped(c, sub, map, r, err);
	mse_table_free(sub);
	return rc;
}

/* Lists a and b merged as mse-import -M a,b=ab does (mse_strata_merge):
 * the new list, named a's name then b's, takes a's place. */
static int
merged_table(const struct mse_table *t, size_t a, size_t b,
    struct mse_table **out, int *map, struct mse_error *err)
{
	struct mse_strata *s = NULL;
	char name[512];
	size_t j, k = mse_table_lists(t), idx[MSE_MAX_LISTS];
	int rc;

	*out = NULL;
	snprintf(name, sizeof(name), "%s%s", mse_table_name(t, a),
	    mse_table_name(t, b));
	if ((rc = as_strata(t, &s, err)) != MSE_OK)
		return rc;
	rc = mse_strata_merge(s, mse_table_name(t, a), mse_table_name(t, b),
	    name, err);
	for (j = 0; j + 1 < k; j++)
		idx[j] = j;
	if (rc == MSE_OK)
		rc = mse_table_collapse(mse_strata_table(s, 0), idx, k - 1, out,
		    err);
	mse_strata_free(s);
	for (j = 0; j < k; j++)
		map[j] = j == b ? (int)(a < b ? a : a - 1) : (int)(j > b ?
		    j - 1 : j);
	return rc;
}

int
mse_table_merge(const struct mse_table *t, size_t a, size_t b,
    struct mse_table **out, struct mse_error *err)
{
	int map[MSE_MAX_LISTS];

	*out = NULL;
	if (msei_table_need_dense(t, "merging two lists", err) != MSE_OK)
		return MSE_EDOMAIN;
	if (a >= mse_table_lists(t) || b >= mse_table_lists(t) || a == b)
		return msei_error(err, MSE_EINVAL, "merge needs two lists of "
		    "the table");
	if (mse_table_lists(t) < 3)
		return msei_error(err, MSE_EINVAL, "merging two lists of %zu "
		    "leaves one", mse_table_lists(t));
	return merged_table(t, a, b, out, map, err);
}

static int
run_merge(struct mse_check *c, size_t a, size_t b, struct mse_error *err)
{
	const struct mse_table *t = c->t;
	int map[MSE_MAX_LISTS], rc;
	struct mse_table *sub = NULL;
	char label[512];
	struct row *r;

	snprintf(label, sizeof(label), "%s+%s", mse_table_name(t, a),
	    mse_table_name(t, b));
	if ((r = rows_add(&c->sens, MSE_CHECK_ROW_MERGE, label)) == NULL)
		return msei_error(err, MSE_ENOMEM, "out of memory");
	rc = merged_table(t, a, b, &sub, map, err);
	if (rc == MSE_OK)
		rc = estimate_mapped(c, sub, map, r, err);
	mse_table_free(sub);
	return rc;
}

/* Every subset of 3 to k - 2 lists (k - 1 are the drops), largest first. */
static int
run_subsets(struct mse_check *c, struct mse_error *err)
{
	const struct mse_table *t = c->t;
	size_t k = mse_table_lists(t), size, j, n, idx[MSE_MAX_LISTS];
	uint32_t w, all = ((uint32_t)1 << k) - 1;
	int map[MSE_MAX_LISTS], rc = MSE_OK;

	for (size = k >= 2 ? k - 2 : 0; rc == MSE_OK && size >= 3; size--)
		for (w = 1; rc == MSE_OK && w <= all; w++) {
			struct mse_table *sub = NULL;
			char label[1024];
			size_t len = 0;
			struct row *r;

			if ((size_t)__builtin_popcount(w) != size)
				continue;
			for (j = n = 0; j < k; j++) {
				map[j] = (w >> j & 1) ? (int)n : -1;
				if (!(w >> j & 1))
					continue;
				idx[n++] = j;
				if (len < sizeof(label))
					len += (size_t)snprintf(label + len,
					    sizeof(label) - len, "%s%s",
					    n > 1 ? "," : "",
					    mse_table_name(t, j));
			}
			r = rows_add(&c->sens, MSE_CHECK_ROW_SUBSET, label);
			if (r == NULL)
				return msei_error(err, MSE_ENOMEM,
				    "out of memory");
			rc = mse_table_collapse(t, idx, n, &sub, err);
			if (rc == MSE_OK)
				rc = estimate_mapped(c, sub, map, r, err);
			mse_table_free(sub);
		}
	return rc;
}

static int
run_sensitivity(struct mse_check *c, double full)
{
	size_t a, b, i, k = mse_table_lists(c->t);
	struct mse_error e;
	int rc = MSE_OK;

	mse_error_clear(&e);
	for (a = 0; rc == MSE_OK && a < k; a++)
		rc = run_drop(c, a, &e);
	for (a = 0; rc == MSE_OK && a < k; a++)
		for (b = a + 1; rc == MSE_OK && b < k; b++)
			if (k >= 3)
				rc = run_merge(c, a, b, &e);
	if (rc == MSE_OK && c->o.subsets)
		rc = run_subsets(c, &e);
	for (i = 1; i < c->sens.n; i++)
		if (c->sens.v[i].r.status == MSE_OK && isfinite(full))
			c->sens.v[i].r.log_ratio =
			    log(c->sens.v[i].r.estimate / full);
	return rc;
}

/* ---- residuals and goodness of fit --------------------------------------- */

static void
residuals(struct mse_check *c, const struct mse_fit *f)
{
	const struct mse_table *t = c->t;
	uint32_t w, cells = mse_table_cells(t);

	for (w = 1; w <= cells; w++) {
		struct mse_check_cell *x = &c->cells[c->ncells++];
		double y = mse_table_get(t, w), mu = mse_fit_fitted(f, w);

		x->pattern = w;
		x->observed = y;
		x->fitted = mu;
		if (mu <= 0) {
			/* A boundary term's cell: fitted and observed 0. */
			x->boundary = 1;
			x->pearson = x->deviance = 0;
			continue;
		}
		x->pearson = (y - mu) / sqrt(mu);
		/* As R's residuals.glm: sqrt(pmax(d, 0)), negative unless
		 * y > mu (rounding can make d a little below 0). */
		x->deviance = sqrt(fmax(2 * ((y > 0 ? y * log(y / mu) : 0) -
		    (y - mu)), 0));
		if (!(y > mu))
			x->deviance = -x->deviance;
	}
}

/* One refit of the fixed model on a table drawn from the fitted
 * values; *dev NaN when that fit fails. */
static int
refit(const struct mse_check *c, const struct mse_table *draw, double *dev)
{
	struct mse_fit *f = NULL;
	int rc;

	if (c->fit.method == MSE_BY_CLOSEDP)
		rc = mse_fit_closedp(draw, c->fit.closedp, c->fit.fit, &f,
		    NULL);
	else
		rc = mse_fit_loglinear(draw, c->model, c->fit.fit, &f, NULL);
	*dev = rc == MSE_OK ? mse_fit_deviance(f) : NAN;
	mse_fit_free(f);
	return rc == MSE_ENOMEM ? rc : MSE_OK;
}

/* The parametric bootstrap p-value of the deviance: every observed cell
 * drawn Poisson(fitted), the same model refitted, p = (1 + #{D* >= D}) /
 * (1 + B) over the B replicates with a fit (Davison & Hinkley 1997, 4.2). */
static int
gof_bootstrap(struct mse_check *c, const struct mse_fit *f,
    struct mse_error *err)
{
	struct mse_check_gof *g = &c->gof;
	struct mse_table *draw;
	uint32_t w, cells = mse_table_cells(c->t);
	size_t hit = 0, j;
	const char *names[MSE_MAX_LISTS];
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	int b, rc = MSE_OK;

	for (j = 0; j < mse_table_lists(c->t); j++)
		names[j] = mse_table_name(c->t, j);
	draw = mse_table_new(mse_table_lists(c->t), names, err);
	if (rng == NULL || draw == NULL) {
		gsl_rng_free(rng);
		mse_table_free(draw);
		return msei_error(err, MSE_ENOMEM, "out of memory");
	}
	gsl_rng_set(rng, c->o.seed);
	g->replicates = (size_t)c->o.replicates;
	for (b = 0; rc == MSE_OK && b < c->o.replicates; b++) {
		double d;

		for (w = 1; rc == MSE_OK && w <= cells; w++) {
			double mu = mse_fit_fitted(f, w);

			rc = mse_table_set(draw, w, mu > 0 ?
			    (double)gsl_ran_poisson(rng, mu) : 0, err);
		}
		if (rc == MSE_OK)
			rc = refit(c, draw, &d);
		if (rc == MSE_OK && !isnan(d)) {
			g->used++;
			hit += d >= g->deviance;
		}
	}
	gsl_rng_free(rng);
	mse_table_free(draw);
	if (rc == MSE_OK && g->used > 0)
		g->p_boot = (double)(1 + hit) / (double)(1 + g->used);
	return rc;
}

static int
run_fit(struct mse_check *c, const struct mse_fit *f, struct mse_error *err)
{
	struct mse_check_gof *g = &c->gof;
	size_t i;

	c->cells = msei_calloc(mse_table_cells(c->t), sizeof(*c->cells));
	if (c->cells == NULL)
		return msei_error(err, MSE_ENOMEM, "out of memory");
	residuals(c, f);
	g->deviance = mse_fit_deviance(f);
	g->df = mse_fit_df(f);
	g->min_fitted = INFINITY;
	for (i = 0; i < c->ncells; i++) {
		if (c->cells[i].boundary)
			continue;
		g->cells++;
		g->small += c->cells[i].fitted < COCHRAN_SMALL;
		if (c->cells[i].fitted < g->min_fitted)
			g->min_fitted = c->cells[i].fitted;
	}
	g->sparse = g->min_fitted < COCHRAN_MIN ||
	    (double)g->small > COCHRAN_SHARE * (double)g->cells;
	if (g->df < 1) {
		g->status = MSE_EDOMAIN;
		snprintf(c->gof_reason, sizeof(c->gof_reason), "no test: the "
		    "model has %ld degrees of freedom (it fits the observed "
		    "cells exactly)", g->df);
		return MSE_OK;
	}
	g->p = gsl_cdf_chisq_Q(g->deviance, (double)g->df);
	if (g->sparse && c->o.replicates > 0)
		return gof_bootstrap(c, f, err);
	return MSE_OK;
}

/* ---- dependence bounds --------------------------------------------------- */

/*
 * The model with every interaction below order k fits the 2^k - 1
 * observed cells exactly, and fixing the k-way term at log psi fixes the
 * unseen cell: sum over all cells of (-1)^(k - |w|) log mu_w = log psi,
 * so log mu_0 = (-1)^k log psi + sum_{w != 0} (-1)^(|w| + 1) log n_w
 * (Fienberg 1972; Gerritse, van der Heijden & Bakker 2015).  Two lists:
 * mu_00 = psi n10 n01 / n11.
 */
int
mse_table_odds_estimate(const struct mse_table *t, double psi,
    double *estimate, struct mse_error *err)
{
	uint32_t w, cells = mse_table_cells(t);
	size_t k = mse_table_lists(t);
	double lg = (k % 2 ? -1 : 1) * log(psi);
	char buf[256];

	*estimate = NAN;
	if (msei_table_need_dense(t, "the odds sensitivity", err) != MSE_OK)
		return MSE_EDOMAIN;
	if (!(psi > 0) || !isfinite(psi))
		return msei_error(err, MSE_EINVAL, "the odds ratio must be "
		    "positive and finite");
	for (w = 1; w <= cells; w++) {
		double n = mse_table_get(t, w);

		if (n > 0) {
			lg += (__builtin_popcount(w) % 2 ? 1 : -1) * log(n);
			continue;
		}
		buf[0] = '\0';
		mse_table_format_term(t, w, buf, sizeof(buf));
		return msei_error(err, MSE_EDOMAIN, "undefined: cell %s is "
		    "0, so the model of all interactions below order %zu has "
		    "no finite estimate%s", buf, k, k > 3 ? "; choose 2 or 3 "
		    "lists (mse-check --lists)" : "");
	}
	*estimate = mse_table_observed(t) + exp(lg);
	return MSE_OK;
}

static void
run_bounds(struct mse_check *c)
{
	struct mse_check_bounds *bd = &c->bounds;
	double R = c->o.max_odds_ratio, a, b;
	struct mse_error e;

	mse_error_clear(&e);
	bd->odds_ratio = R;
	bd->order = (int)mse_table_lists(c->t);
	bd->lower = bd->upper = bd->at_one = NAN;
	if ((bd->status = mse_table_odds_estimate(c->t, 1, &bd->at_one, &e)) ==
	    MSE_OK && (bd->status = mse_table_odds_estimate(c->t, 1 / R, &a,
	    &e)) == MSE_OK && (bd->status = mse_table_odds_estimate(c->t, R,
	    &b, &e)) == MSE_OK) {
		bd->lower = fmin(a, b);
		bd->upper = fmax(a, b);
		return;
	}
	snprintf(c->bounds_reason, sizeof(c->bounds_reason), "%s", e.message);
}

/* ---- model spread -------------------------------------------------------- */

static double
criterion_of(const struct mse_fit *f, int criterion)
{
	return msei_criterion(f, criterion);
}

/* The best model of the set, and the range of N over the models within
 * delta of it (Burnham & Anderson 2002, 2.6: delta <= 2 has substantial
 * support); MSE_ENOMLE when no model has a fit. */
static int
spread_range(struct mse_check *c, const struct mse_modelset *set,
    const struct mse_table *tt, struct mse_error *e)
{
	struct mse_check_spread *sp = &c->spread;
	size_t i, best = mse_modelset_best(set, sp->criterion);
	double c0, v;

	if (best >= mse_modelset_size(set))
		return msei_error(e, MSE_ENOMLE, "no model of the space has "
		    "an estimate");
	c0 = criterion_of(mse_modelset_fit_of(set, best), sp->criterion);
	sp->best = mse_fit_estimate(mse_modelset_fit_of(set, best));
	c->best_model = mse_model_string(mse_modelset_model(set, best), tt);
	for (i = 0; i < mse_modelset_size(set); i++) {
		const struct mse_fit *f = mse_modelset_fit_of(set, i);

		if (f == NULL)
			continue;
		sp->models++;
		if (criterion_of(f, sp->criterion) - c0 > sp->delta)
			continue;
		v = mse_fit_estimate(f);
		sp->within++;
		sp->lower = sp->within == 1 ? v : fmin(sp->lower, v);
		sp->upper = sp->within == 1 ? v : fmax(sp->upper, v);
	}
	return mse_modelset_average(set, sp->criterion, &sp->average,
	    &sp->average_se, e);
}

/* Every model of the space (mse_by_modelset, as mse-models). */
static int
run_spread(struct mse_check *c, double selected, struct mse_error *err)
{
	struct mse_check_spread *sp = &c->spread;
	struct mse_modelset *set = NULL;
	struct mse_strata *s = NULL;
	struct mse_table *tt = NULL;
	struct mse_error e;
	size_t count;
	int rc;

	mse_error_clear(&e);
	sp->criterion = c->o.criterion;
	sp->delta = c->o.delta;
	sp->selected = selected;
	sp->lower = sp->upper = sp->average = sp->average_se = NAN;
	sp->best = NAN;
	if (c->fit.method != MSE_BY_LOGLINEAR) {
		sp->status = MSE_EDOMAIN;
		snprintf(c->spread_reason, sizeof(c->spread_reason), "not "
		    "computed: the spread is over log-linear models, and the "
		    "method is not --method loglinear");
		return MSE_OK;
	}
	/* Counting is instant; a space found too large while fitting it
	 * costs the fits up to the limit (2 s for 8 lists). */
	if (mse_models_count(mse_table_lists(c->t), c->o.max_order,
	    c->o.max_models, &count) == MSE_OK && count > c->o.max_models) {
		sp->status = MSE_EDOMAIN;
		snprintf(c->spread_reason, sizeof(c->spread_reason), "not "
		    "computed: the models of order <= %d on %zu lists are more "
		    "than %zu; lower --max-order", c->o.max_order,
		    mse_table_lists(c->t), c->o.max_models);
		return MSE_OK;
	}
	if ((rc = as_strata(c->t, &s, err)) != MSE_OK)
		return rc;
	rc = mse_by_modelset(s, 0, &c->fit, c->o.max_order, c->o.max_models,
	    &set, &tt, &e);
	mse_strata_free(s);
	if (rc == MSE_OK)
		rc = spread_range(c, set, tt, &e);
	mse_modelset_free(set);
	mse_table_free(tt);
	if (rc == MSE_ENOMEM || (rc == MSE_OK && c->best_model == NULL))
		return msei_error(err, MSE_ENOMEM, "out of memory");
	if (rc != MSE_OK) {
		sp->status = rc;
		snprintf(c->spread_reason, sizeof(c->spread_reason), "%s",
		    e.message);
	}
	return MSE_OK;
}

/* ---- the whole table ----------------------------------------------------- */

/* The table of the lists that recorded someone, and map from t's. */
static int
kept_table(const struct mse_table *t, struct mse_table **out, int *map,
    struct mse_error *err)
{
	size_t j, n = 0, idx[MSE_MAX_LISTS];

	for (j = 0; j < mse_table_lists(t); j++) {
		map[j] = -1;
		if (mse_table_list_total(t, j) > 0) {
			map[j] = (int)n;
			idx[n++] = j;
		}
	}
	if (n < 2)
		return msei_error(err, MSE_EDOMAIN, "no estimate: fewer than "
		    "2 lists recorded anyone");
	return mse_table_collapse(t, idx, n, out, err);
}

/* The estimate on the whole table (mse_by_fit, as mse-fit gives it),
 * its model on the kept lists, and the first row of the sensitivity. */
static int
whole(struct mse_check *c, const struct mse_table *t, struct mse_error *err)
{
	const struct mse_select_options *sel = c->fit.sel;
	struct mse_model *full = NULL;
	int map[MSE_MAX_LISTS], rc;
	const char *why;
	struct row *r;

	if ((rc = kept_table(t, &c->t, map, err)) != MSE_OK)
		return rc;
	c->fixed = c->fit.method == MSE_BY_LOGLINEAR && (sel == NULL ||
	    sel->method == MSE_SELECT_NONE);
	if (c->fixed) {
		rc = mse_model_parse(t, c->fit.model != NULL ? c->fit.model :
		    "main", &full, err);
		if (rc != MSE_OK)
			return rc;
		c->model = map_model(full, map, mse_table_lists(c->t), err);
		mse_model_free(full);
		if (c->model == NULL)
			return MSE_ENOMEM;
	}
	if ((rc = as_strata(t, &c->s, err)) != MSE_OK ||
	    (rc = mse_by_fit(c->s, &c->fit, &c->by, err)) != MSE_OK)
		return rc;
	if ((r = rows_add(&c->sens, MSE_CHECK_ROW_FULL, "")) == NULL)
		return msei_error(err, MSE_ENOMEM, "out of memory");
	r->r.lists = mse_table_lists(c->t);
	r->r.observed = mse_table_observed(t);
	if ((r->r.status = mse_by_status(c->by, 0, &why)) != MSE_OK) {
		reason_add(r, "%s", why);
		return MSE_OK;
	}
	c->f = mse_by_fit_of(c->by, 0);
	r->r.estimate = mse_by_estimate(c->by, 0);
	r->r.se = mse_by_se(c->by, 0);
	if ((r->model = dupstr(model_name(c, mse_by_model(c->by, 0)))) ==
	    NULL)
		return msei_error(err, MSE_ENOMEM, "out of memory");
	boundary_note(r, mse_by_table(c->by, 0), c->f);
	if (mse_by_note(c->by, 0)[0] != '\0')
		reason_add(r, "%s", mse_by_note(c->by, 0));
	row_interval(&c->o, c->f, r);
	/* The selected model is the one the fit's bootstrap refits. */
	if (!c->fixed && c->fit.method == MSE_BY_LOGLINEAR &&
	    (rc = mse_model_parse(c->t, r->model, &c->model, err)) != MSE_OK)
		return rc;
	return MSE_OK;
}

/* ---- the verdict --------------------------------------------------------- */

static struct verdict *
verdict_add(struct mse_check *c, const char *check)
{
	struct verdict *v = &c->verdict[c->nverdict++];

	memset(v, 0, sizeof(*v));
	v->v.check = check;
	v->v.value = NAN;
	v->v.result = v->result;
	v->v.reading = v->reading;
	return v;
}

static void
verdict_none(struct verdict *v, int status, const char *why)
{
	v->v.status = status;
	snprintf(v->result, sizeof(v->result), "%s", why);
	snprintf(v->reading, sizeof(v->reading), "%s", why);
}

static void
verdict_lolo(struct mse_check *c)
{
	struct verdict *v = verdict_add(c, "lolo");
	size_t i, used, cov = 0, ni = 0;
	double med, cv;

	if (mse_check_lolo_summary(c, &med, &cv, &used) != MSE_OK) {
		verdict_none(v, MSE_EDOMAIN, "no list's size could be "
		    "estimated from the other lists");
		return;
	}
	for (i = 0; i < c->lolo.n; i++)
		if (c->lolo.v[i].r.covered >= 0) {
			ni++;
			cov += (size_t)c->lolo.v[i].r.covered;
		}
	v->v.value = med;
	v->v.flagged = (ni > 0 && 2 * cov < ni) || med > log1p(c->o.moves);
	snprintf(v->result, sizeof(v->result), "%zu of %zu intervals cover "
	    "the list's size; median |log(estimate / size)| %.3g over %zu "
	    "lists", cov, ni, med, used);
	snprintf(v->reading, sizeof(v->reading), "Estimated from the other "
	    "lists, a list's known size is missed by a median factor of "
	    "%.2f, and the interval covers the true size for %zu of %zu "
	    "lists%s.", exp(med), cov, ni, v->v.flagged ? "; that is beyond "
	    "the rule (a factor above 1 + moves, or fewer than half covered)" :
	    "");
}

/* The row of kind that moves the estimate most from full, NULL if none
 * has an estimate; *n rows of the kind, *none without an estimate. */
static const struct mse_check_row *
most_moved(const struct mse_check *c, int kind, double full, double *most,
    size_t *n, size_t *none)
{
	const struct mse_check_row *worst = NULL;
	size_t i;
	double ch;

	*most = -1;
	*n = *none = 0;
	for (i = 1; i < c->sens.n; i++) {
		const struct mse_check_row *r = &c->sens.v[i].r;

		if (r->kind != kind)
			continue;
		(*n)++;
		if (r->status != MSE_OK) {
			(*none)++;
			continue;
		}
		ch = fabs(r->estimate / full - 1);
		if (ch > *most) {
			*most = ch;
			worst = r;
		}
	}
	return worst;
}

/* The drop or merge row that moves the estimate most. */
static void
verdict_moves(struct mse_check *c, int kind, const char *check)
{
	const struct mse_check_row *full = &c->sens.v[0].r, *worst;
	struct verdict *v = verdict_add(c, check);
	size_t none, n, len;
	double most;
	char which[256];

	if (full->status != MSE_OK) {
		verdict_none(v, MSE_EDOMAIN, "no estimate on the whole table "
		    "to compare with");
		return;
	}
	if ((worst = most_moved(c, kind, full->estimate, &most, &n, &none)) ==
	    NULL) {
		verdict_none(v, MSE_EDOMAIN, n == 0 ? "no table of this kind "
		    "(too few lists)" : "no estimate on any of these tables");
		return;
	}
	snprintf(which, sizeof(which), kind == MSE_CHECK_ROW_DROP ?
	    "list %.200s is dropped" : "lists %.200s are merged", worst->label);
	v->v.value = most;
	v->v.flagged = most > c->o.moves;
	snprintf(v->result, sizeof(v->result), "largest change %.3g%% (%s: "
	    "%.0f to %.0f)%s", 100 * most, worst->label, full->estimate,
	    worst->estimate, none ? "; some tables have no estimate" : "");
	if (v->v.flagged)
		snprintf(v->reading, sizeof(v->reading), "The estimate moves "
		    "by more than %.0f%% when %s (from %.0f to %.0f).",
		    100 * c->o.moves, which, full->estimate, worst->estimate);
	else
		snprintf(v->reading, sizeof(v->reading), "The estimate moves "
		    "by at most %.0f%% (when %s: from %.0f to %.0f).",
		    100 * most, which, full->estimate, worst->estimate);
	len = strlen(v->reading);
	if (none > 0)
		snprintf(v->reading + len, sizeof(v->reading) - len, " %zu of "
		    "%zu such tables have no estimate.", none, n);
}

static void
verdict_fit(struct mse_check *c)
{
	const struct mse_check_gof *g = &c->gof;
	struct verdict *v = verdict_add(c, "fit");
	double p;
	int boot;

	if (g->status != MSE_OK) {
		verdict_none(v, g->status, g->reason);
		return;
	}
	boot = g->sparse && !isnan(g->p_boot);
	p = boot ? g->p_boot : g->p;
	v->v.value = p;
	v->v.flagged = p < c->o.alpha;
	snprintf(v->result, sizeof(v->result), "deviance %.4g on %ld df, p = "
	    "%.3g (%s)", g->deviance, g->df, p, boot ? "parametric bootstrap" :
	    g->sparse ? "chi-squared; expected counts too small for it" :
	    "chi-squared");
	snprintf(v->reading, sizeof(v->reading), "%s%s (p = %.3g%s %g).",
	    g->sparse ? "Expected counts are small, so the p-value is the "
	    "parametric bootstrap's. " : "", v->v.flagged ? "The model does "
	    "not fit the observed cells" : "No evidence that the model misfits "
	    "the observed cells, which says nothing of the unseen cell", p,
	    v->v.flagged ? " <" : " >=", c->o.alpha);
}

static void
verdict_bounds(struct mse_check *c)
{
	const struct mse_check_bounds *b = &c->bounds;
	struct verdict *v = verdict_add(c, "bounds");

	if (b->status != MSE_OK) {
		verdict_none(v, b->status, b->reason);
		return;
	}
	v->v.value = b->upper / b->lower;
	v->v.flagged = v->v.value > 1 + c->o.moves;
	snprintf(v->result, sizeof(v->result), "N from %.0f to %.0f with the "
	    "%d-way odds ratio from 1/%g to %g", b->lower, b->upper, b->order,
	    b->odds_ratio, b->odds_ratio);
	snprintf(v->reading, sizeof(v->reading), "If the %d-way interaction's "
	    "odds ratio lies between 1/%g and %g, N lies between %.0f and "
	    "%.0f (%.0f without it); the upper bound is %.2f times the "
	    "lower.", b->order, b->odds_ratio, b->odds_ratio, b->lower,
	    b->upper, b->at_one, v->v.value);
}

static void
verdict_spread(struct mse_check *c)
{
	const struct mse_check_spread *sp = &c->spread;
	struct verdict *v = verdict_add(c, "spread");
	const char *crit = sp->criterion == MSE_SELECT_AIC ? "AIC" :
	    sp->criterion == MSE_SELECT_AICC ? "AICc" : "BIC";
	double lo = sp->lower, hi = sp->upper;

	if (sp->status != MSE_OK) {
		verdict_none(v, sp->status, sp->reason);
		return;
	}
	/* The estimator's own N counts too: it may lie outside the range. */
	if (isfinite(sp->selected)) {
		lo = fmin(lo, sp->selected);
		hi = fmax(hi, sp->selected);
	}
	v->v.value = (hi - lo) / lo;
	v->v.flagged = v->v.value > c->o.moves;
	snprintf(v->result, sizeof(v->result), "%zu model%s within delta %s "
	    "<= %g: N from %.0f to %.0f; averaged %.0f; the estimator's %.0f",
	    sp->within, sp->within == 1 ? "" : "s", crit, sp->delta,
	    sp->lower, sp->upper, sp->average, sp->selected);
	snprintf(v->reading, sizeof(v->reading), "The %zu model%s about as "
	    "well supported as the best (delta %s <= %g) give%s N from %.0f "
	    "to %.0f, the model average is %.0f, and the estimator's own "
	    "estimate is %.0f: the highest of these is %.0f%% above the "
	    "lowest.", sp->within, sp->within == 1 ? "" : "s", crit,
	    sp->delta, sp->within == 1 ? "s" : "", sp->lower, sp->upper,
	    sp->average, sp->selected, 100 * v->v.value);
}

static void
run_verdict(struct mse_check *c)
{
	if (c->o.parts & MSE_CHECK_LOLO)
		verdict_lolo(c);
	if (c->o.parts & MSE_CHECK_SENSITIVITY) {
		verdict_moves(c, MSE_CHECK_ROW_DROP, "drop");
		verdict_moves(c, MSE_CHECK_ROW_MERGE, "merge");
	}
	if (c->o.parts & MSE_CHECK_FIT)
		verdict_fit(c);
	if (c->o.parts & MSE_CHECK_BOUNDS)
		verdict_bounds(c);
	if (c->o.parts & MSE_CHECK_SPREAD)
		verdict_spread(c);
}

/* ---- the checks ---------------------------------------------------------- */

static int
check_options(const struct mse_check_options *in, struct mse_check *c,
    struct mse_error *err)
{
	struct mse_check_options *o = &c->o;
	int rc;

	mse_check_options_init(o);
	if ((rc = msei_sized_in(o, sizeof(*o), in, "mse_check_options",
	    err)) != MSE_OK)
		return rc;
	mse_by_options_init(&c->fit);
	if (o->fit != NULL && (rc = msei_sized_in(&c->fit, sizeof(c->fit),
	    o->fit, "mse_by_options", err)) != MSE_OK)
		return rc;
	if (c->fit.absent != NULL)
		return msei_error(err, MSE_EINVAL, "the checks take no "
		    "structural zeros");
	if (!(o->max_odds_ratio >= 1) || !isfinite(o->max_odds_ratio))
		return msei_error(err, MSE_EINVAL, "the largest odds ratio "
		    "must be a number from 1");
	if (o->criterion != MSE_SELECT_AIC && o->criterion != MSE_SELECT_BIC &&
	    o->criterion != MSE_SELECT_AICC)
		return msei_error(err, MSE_EINVAL, "the spread's criterion "
		    "is AIC, BIC or AICc");
	if (!(o->delta >= 0) || !(o->level > 0 && o->level < 1) ||
	    o->replicates < 0 || !(o->alpha > 0 && o->alpha < 1) ||
	    !(o->moves > 0))
		return msei_error(err, MSE_EINVAL, "an option of the checks "
		    "is out of range");
	return MSE_OK;
}

int
mse_check_run(const struct mse_table *t, const struct mse_check_options *o,
    struct mse_check **out, struct mse_error *err)
{
	struct mse_check *c = msei_calloc(1, sizeof(*c));
	int rc;

	*out = NULL;
	if (msei_table_need_dense(t, "mse-check", err) != MSE_OK) {
		free(c);
		return MSE_EDOMAIN;
	}
	if (c == NULL)
		return msei_error(err, MSE_ENOMEM, "out of memory");
	c->gof.reason = c->gof_reason;
	c->gof.p = c->gof.p_boot = NAN;
	c->bounds.reason = c->bounds_reason;
	c->spread.reason = c->spread_reason;
	c->spread.best_model = "";
	if ((rc = check_options(o, c, err)) != MSE_OK ||
	    (rc = whole(c, t, err)) != MSE_OK)
		goto fail;
	if ((c->o.parts & MSE_CHECK_LOLO) && (rc = run_lolo(c, err)) != MSE_OK)
		goto fail;
	if ((c->o.parts & MSE_CHECK_SENSITIVITY) &&
	    (rc = run_sensitivity(c, c->sens.v[0].r.estimate)) != MSE_OK)
		goto fail;
	if (c->o.parts & MSE_CHECK_FIT) {
		if (c->f != NULL)
			rc = run_fit(c, c->f, err);
		else {
			c->gof.status = MSE_EDOMAIN;
			snprintf(c->gof_reason, sizeof(c->gof_reason), "%s",
			    c->sens.v[0].r.status != MSE_OK ?
			    "no fit: the whole table has no estimate" :
			    "no fit: a closed-form estimator has no fitted "
			    "cells");
		}
		if (rc != MSE_OK)
			goto fail;
	}
	if (c->o.parts & MSE_CHECK_BOUNDS)
		run_bounds(c);
	if ((c->o.parts & MSE_CHECK_SPREAD) &&
	    (rc = run_spread(c, c->sens.v[0].r.estimate, err)) != MSE_OK)
		goto fail;
	if (c->best_model != NULL)
		c->spread.best_model = c->best_model;
	rows_sync(&c->lolo);
	rows_sync(&c->sens);
	run_verdict(c);
	*out = c;
	return MSE_OK;
fail:
	mse_check_free(c);
	return rc;
}

void
mse_check_free(struct mse_check *c)
{
	if (c == NULL)
		return;
	mse_table_free(c->t);
	mse_model_free(c->model);
	mse_by_free(c->by);
	mse_strata_free(c->s);
	rows_free(&c->lolo);
	rows_free(&c->sens);
	free(c->cells);
	free(c->best_model);
	free(c);
}

const struct mse_table *
mse_check_table(const struct mse_check *c)
{
	return c->t;
}

static const struct rows *
part_rows(const struct mse_check *c, unsigned part)
{
	return part == MSE_CHECK_LOLO ? &c->lolo : part ==
	    MSE_CHECK_SENSITIVITY ? &c->sens : NULL;
}

size_t
mse_check_rows(const struct mse_check *c, unsigned part)
{
	const struct rows *rs = part_rows(c, part);

	return rs != NULL ? rs->n : 0;
}

const struct mse_check_row *
mse_check_row(const struct mse_check *c, unsigned part, size_t i)
{
	const struct rows *rs = part_rows(c, part);

	return rs != NULL && i < rs->n ? &rs->v[i].r : NULL;
}

size_t
mse_check_cells(const struct mse_check *c)
{
	return c->ncells;
}

const struct mse_check_cell *
mse_check_cell(const struct mse_check *c, size_t i)
{
	return i < c->ncells ? &c->cells[i] : NULL;
}

const struct mse_check_gof *
mse_check_gof(const struct mse_check *c)
{
	return &c->gof;
}

const struct mse_check_bounds *
mse_check_bounds(const struct mse_check *c)
{
	return &c->bounds;
}

const struct mse_check_spread *
mse_check_spread(const struct mse_check *c)
{
	return &c->spread;
}

size_t
mse_check_verdicts(const struct mse_check *c)
{
	return c->nverdict;
}

const struct mse_check_verdict *
mse_check_verdict(const struct mse_check *c, size_t i)
{
	return i < c->nverdict ? &c->verdict[i].v : NULL;
}
