/* SPDX-License-Identifier: GPL-3.0-or-later */
/* stratfit.c - each stratum on its own, the total, and their bootstrap. */
#include <config.h>

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mse_private.h"

/* One stratum's estimate: the table fitted (its kept lists), the model
 * on them, and the fit, or the reason there is none. */
struct by_one {
	int rc;
	char *reason, *note;	/* NULL for none (a fit or no note) */
	char *model;
	struct mse_table *t;
	struct mse_fit *f;
	struct mse_select_info info;
	double observed, estimate, se;
};

struct mse_by {
	size_t S;
	struct by_one *v;
	double observed, estimate, se;
	int rc;
	char reason[512];
};

/* What every stratum's fit shares. */
struct by_ctx {
	const struct mse_strata *s;
	const struct mse_by_options *o;
	const struct mse_model *full;
	int drop;	/* free each stratum's fit once its estimate is kept */
};

/* The caller's options (in) into o; refused if not from
 * mse_by_options_init (see mse.h). */
static int
by_options(const struct mse_by_options *in, struct mse_by_options *o,
    struct mse_error *err)
{
	mse_by_options_init(o);
	return msei_sized_in(o, sizeof(*o), in, "mse_by_options", err);
}

void
mse_by_options_init(struct mse_by_options *o)
{
	memset(o, 0, sizeof(*o));
	o->size = sizeof(*o);
	o->method = MSE_BY_LOGLINEAR;
}

/* The lists that recorded someone in the stratum; the others named in
 * note ("A, B left out: recorded nobody"). */
size_t
msei_kept_lists(const struct mse_table *t, size_t *idx, char *note,
    size_t size)
{
	size_t j, n = 0, len = 0, out = 0;

	note[0] = '\0';
	for (j = 0; j < mse_table_lists(t); j++) {
		if (mse_table_list_total(t, j) > 0) {
			idx[n++] = j;
			continue;
		}
		out++;
		if (len < size)
			len += (size_t)snprintf(note + len, size - len, "%s%s",
			    len ? ", " : "", mse_table_name(t, j));
	}
	if (out > 0 && len < size)
		snprintf(note + len, size - len, " left out: recorded nobody");
	return n;
}

/* The full model's terms that the kept lists carry, on those lists. */
static int
reduced_model(const struct mse_model *full, const size_t *idx, size_t n,
    struct mse_model **out, struct mse_error *err)
{
	struct mse_model *m = mse_model_new(n, err);
	uint32_t kept = 0, term, v;
	size_t i, j;
	int rc = m == NULL ? MSE_ENOMEM : MSE_OK;

	for (j = 0; j < n; j++)
		kept |= (uint32_t)1 << idx[j];
	for (i = 0; rc == MSE_OK && i < mse_model_terms(full); i++) {
		term = mse_model_term(full, i);
		if ((term & kept) != term)
			continue;
		for (v = 0, j = 0; j < n; j++)
			v |= (uint32_t)(term >> idx[j] & 1) << j;
		rc = mse_model_add(m, v, err);
	}
	if (rc != MSE_OK) {
		mse_model_free(m);
		m = NULL;
	}
	*out = m;
	return rc;
}

/* The structural zeros of stratum i as patterns of the kept lists. */
static int
absent_patterns(const struct by_ctx *c, size_t i, const size_t *idx,
    size_t n, uint32_t **out, size_t *count, struct mse_error *err)
{
	uint32_t v, w, cells = ((uint32_t)1 << n) - 1;
	size_t j;

	*count = 0;
	*out = msei_calloc((size_t)cells + 1, sizeof(**out));
	if (*out == NULL)
		return msei_error(err, MSE_ENOMEM, "out of memory");
	for (v = 1; c->o->absent != NULL && v <= cells; v++) {
		for (w = 0, j = 0; j < n; j++)
			w |= (uint32_t)(v >> j & 1) << idx[j];
		if (mse_absent_cell(c->o->absent, c->s, i, w))
			(*out)[(*count)++] = v;
	}
	return MSE_OK;
}

/* A log-linear fit of the kept lists: the restricted model, or the
 * selection, with the stratum's structural zeros. */
static int
fit_loglinear(const struct by_ctx *c, size_t i, const size_t *idx, size_t n,
    struct by_one *r, struct mse_error *err)
{
	const struct mse_by_options *o = c->o;
	struct mse_select_options sel;
	struct mse_model *m = NULL;
	uint32_t *cells = NULL;
	size_t ncells = 0;
	int rc = absent_patterns(c, i, idx, n, &cells, &ncells, err);

	if (rc == MSE_OK && o->sel != NULL &&
	    o->sel->method != MSE_SELECT_NONE) {
		mse_select_options_init(&sel);
		rc = msei_sized_in(&sel, sizeof(sel), o->sel,
		    "mse_select_options", err);
		sel.absent = cells;
		sel.nabsent = ncells;
		if (rc == MSE_OK)
			rc = mse_select(r->t, &sel, &m, &r->f, &r->info,
			    err);
	} else if (rc == MSE_OK) {
		rc = reduced_model(c->full, idx, n, &m, err);
		if (rc == MSE_OK)
			rc = mse_fit_loglinear_absent(r->t, m, cells, ncells,
			    o->fit, &r->f, err);
	}
	if (rc == MSE_OK && (r->model = mse_model_string(m, r->t)) == NULL)
		rc = msei_error(err, MSE_ENOMEM, "out of memory");
	mse_model_free(m);
	free(cells);
	return rc;
}

/* Stratum i, whose table (the original or a replicate's) is t. */
static int
stratum_fit(const struct by_ctx *c, size_t i, const struct mse_table *t,
    struct by_one *r, struct mse_error *err)
{
	const struct mse_by_options *o = c->o;
	size_t idx[MSE_MAX_LISTS], n;
	char note[512];
	int rc;

	r->observed = mse_table_observed(t);
	r->estimate = r->se = NAN;
	n = msei_kept_lists(t, idx, note, sizeof(note));
	if (note[0] != '\0' && (r->note = strdup(note)) == NULL)
		return msei_error(err, MSE_ENOMEM, "out of memory");
	if (n < 2)
		return msei_error(err, MSE_EDOMAIN, "no estimate: fewer than "
		    "2 lists recorded anyone");
	rc = mse_table_collapse(t, idx, n, &r->t, err);
	if (rc != MSE_OK)
		return rc;
	if (o->method == MSE_BY_LOGLINEAR)
		rc = fit_loglinear(c, i, idx, n, r, err);
	else if (o->method == MSE_BY_CLOSEDP)
		rc = mse_fit_closedp(r->t, o->closedp, o->fit, &r->f, err);
	else if ((o->method == MSE_PETERSEN || o->method == MSE_CHAPMAN) &&
	    n != 2)
		rc = msei_error(err, MSE_EDOMAIN, "no estimate: %s needs two "
		    "lists, and %zu recorded someone in this stratum",
		    o->method == MSE_PETERSEN ? "Petersen" : "Chapman", n);
	else
		rc = mse_closed_estimate(r->t, o->method, &r->estimate, &r->se,
		    err);
	if (rc == MSE_OK && r->f != NULL) {
		r->estimate = mse_fit_estimate(r->f);
		r->se = mse_fit_se(r->f);
	}
	return rc;
}

int
mse_by_modelset(const struct mse_strata *s, size_t i,
    const struct mse_by_options *in, int max_order, size_t limit,
    struct mse_modelset **out, struct mse_table **table,
    struct mse_error *err)
{
	struct mse_by_options copy, *o = &copy;
	const struct mse_table *t;
	size_t idx[MSE_MAX_LISTS], n, ncells = 0;
	struct by_ctx c = { s, o, NULL, 0 };
	uint32_t *cells = NULL;
	char note[512];
	int rc;

	*out = NULL;
	*table = NULL;
	if ((rc = by_options(in, o, err)) != MSE_OK)
		return rc;
	if (i >= mse_strata_count(s))
		return msei_error(err, MSE_EINVAL, "no stratum %zu", i);
	t = mse_strata_table(s, i);
	n = msei_kept_lists(t, idx, note, sizeof(note));
	if (n < 2)
		return msei_error(err, MSE_EDOMAIN, "no estimate: fewer than "
		    "2 lists recorded anyone");
	rc = mse_table_collapse(t, idx, n, table, err);
	if (rc == MSE_OK)
		rc = absent_patterns(&c, i, idx, n, &cells, &ncells, err);
	if (rc == MSE_OK)
		rc = msei_modelset_fit(*table, max_order, limit, o->fit, cells,
		    ncells, out, err);
	free(cells);
	if (rc != MSE_OK) {
		mse_table_free(*table);
		*table = NULL;
	}
	return rc;
}

/* What only the getters of one stratum need: its fit, table, model and
 * note.  The status, reason and numbers stay. */
static void
one_drop(struct by_one *r)
{
	mse_fit_free(r->f);
	mse_table_free(r->t);
	free(r->model);
	free(r->note);
	r->f = NULL;
	r->t = NULL;
	r->model = r->note = NULL;
}

static void
one_clear(struct by_one *r)
{
	mse_fit_free(r->f);
	mse_table_free(r->t);
	free(r->model);
	free(r->reason);
	free(r->note);
	memset(r, 0, sizeof(*r));
}

static int
check_by(const struct mse_strata *s, const struct mse_by_options *in,
    struct mse_by_options *o, struct mse_model **full,
    struct mse_error *err)
{
	int rc;

	*full = NULL;
	if ((rc = by_options(in, o, err)) != MSE_OK)
		return rc;
	if (mse_strata_count(s) == 0)
		return msei_error(err, MSE_EINVAL, "no strata");
	if (mse_strata_incomplete(s) > 0)
		return msei_error(err, MSE_EINVAL, "%.0f units have a missing "
		    "stratum value, and a fit of each stratum on its own "
		    "cannot place them: fit one model across the strata, "
		    "which spreads them by EM", mse_strata_missing(s));
	if (o->method != MSE_BY_LOGLINEAR)
		return MSE_OK;
	return mse_model_parse(mse_strata_table(s, 0), o->model != NULL ?
	    o->model : "main", full, err);
}

/* The total: the sum of the strata's estimates, var = sum of var. */
static void
by_total(struct mse_by *b)
{
	double *est = msei_calloc(b->S + 1, sizeof(double));
	double *se = msei_calloc(b->S + 1, sizeof(double));
	struct mse_error e;
	size_t i, nfail = 0;

	mse_error_clear(&e);
	b->estimate = b->se = NAN;
	for (i = 0; i < b->S; i++) {
		b->observed += b->v[i].observed;
		nfail += b->v[i].rc != MSE_OK;
		if (est != NULL && se != NULL) {
			est[i] = b->v[i].estimate;
			se[i] = b->v[i].se;
		}
	}
	if (est == NULL || se == NULL)
		b->rc = msei_error(&e, MSE_ENOMEM, "out of memory");
	else if (nfail > 0)
		b->rc = msei_error(&e, MSE_EDOMAIN, "no estimate: %zu of %zu "
		    "strata have none", nfail, b->S);
	else
		b->rc = mse_estimate_sum(b->S, est, se, &b->estimate, &b->se,
		    &e);
	if (b->rc != MSE_OK)
		snprintf(b->reason, sizeof(b->reason), "%s", e.message);
	free(est);
	free(se);
}

/* Every stratum's fit, with the full model already parsed. */
static int
by_fit(const struct by_ctx *c, struct mse_by **out, struct mse_error *err)
{
	const struct mse_strata *s = c->s;
	struct mse_by *b;
	size_t i;

	*out = NULL;
	b = msei_calloc(1, sizeof(*b));
	if (b == NULL || (b->v = msei_calloc(mse_strata_count(s),
	    sizeof(*b->v))) == NULL) {
		free(b);
		return msei_error(err, MSE_ENOMEM, "out of memory");
	}
	b->S = mse_strata_count(s);
	for (i = 0; i < b->S; i++) {
		struct mse_error e;

		mse_error_clear(&e);
		b->v[i].rc = stratum_fit(c, i, mse_strata_table(s, i),
		    &b->v[i], &e);
		if (b->v[i].rc == MSE_ENOMEM) {
			mse_by_free(b);
			return msei_error(err, MSE_ENOMEM, "out of memory");
		}
		if (b->v[i].rc != MSE_OK && (b->v[i].reason = strdup(
		    e.message[0] ? e.message : "no estimate")) == NULL) {
			mse_by_free(b);
			return msei_error(err, MSE_ENOMEM, "out of memory");
		}
		if (c->o->each != NULL)
			c->o->each(c->o->each_arg, b, i);
		if (c->drop)
			one_drop(&b->v[i]);
	}
	by_total(b);
	*out = b;
	return MSE_OK;
}

int
mse_by_fit(const struct mse_strata *s, const struct mse_by_options *in,
    struct mse_by **out, struct mse_error *err)
{
	struct mse_by_options o;
	struct mse_model *full = NULL;
	struct by_ctx c;
	int rc;

	*out = NULL;
	if ((rc = check_by(s, in, &o, &full, err)) != MSE_OK)
		return rc;
	c = (struct by_ctx){ s, &o, full, o.each != NULL };
	rc = by_fit(&c, out, err);
	mse_model_free(full);
	return rc;
}

void
mse_by_free(struct mse_by *b)
{
	size_t i;

	if (b == NULL)
		return;
	for (i = 0; i < b->S; i++)
		one_clear(&b->v[i]);
	free(b->v);
	free(b);
}

size_t
mse_by_count(const struct mse_by *b)
{
	return b->S;
}

int
mse_by_status(const struct mse_by *b, size_t i, const char **reason)
{
	int rc = i < b->S ? b->v[i].rc : b->rc;

	if (reason != NULL)
		*reason = rc == MSE_OK ? "" : i < b->S ? b->v[i].reason :
		    b->reason;
	return rc;
}

const struct mse_fit *
mse_by_fit_of(const struct mse_by *b, size_t i)
{
	return i < b->S && b->v[i].rc == MSE_OK ? b->v[i].f : NULL;
}

const struct mse_table *
mse_by_table(const struct mse_by *b, size_t i)
{
	return i < b->S ? b->v[i].t : NULL;
}

const char *
mse_by_model(const struct mse_by *b, size_t i)
{
	return i < b->S && b->v[i].model != NULL ? b->v[i].model : "";
}

const char *
mse_by_note(const struct mse_by *b, size_t i)
{
	return i < b->S && b->v[i].note != NULL ? b->v[i].note : "";
}

const struct mse_select_info *
mse_by_select_info(const struct mse_by *b, size_t i)
{
	return i < b->S ? &b->v[i].info : NULL;
}

double
mse_by_observed(const struct mse_by *b, size_t i)
{
	return i < b->S ? b->v[i].observed : b->observed;
}

double
mse_by_estimate(const struct mse_by *b, size_t i)
{
	return mse_by_status(b, i, NULL) == MSE_OK ? i < b->S ?
	    b->v[i].estimate : b->estimate : NAN;
}

double
mse_by_se(const struct mse_by *b, size_t i)
{
	return mse_by_status(b, i, NULL) == MSE_OK ? i < b->S ? b->v[i].se :
	    b->se : NAN;
}

/* ---- the bootstrap over strata ---------------------------------------- */

/* A thread's copy of the data: one table per stratum (--by), or a copy
 * of the strata (a covariate model). */
struct boot_arg {
	const struct mse_strata *s;
	const struct by_ctx *c;		/* --by; NULL for covariates */
	const struct mse_model *m;	/* the covariate model, or NULL */
	const struct mse_select_options *sel;	/* or a search over them */
	const struct mse_fit *start;	/* warm start: the data's fit */
	const struct mse_absent *a;
	const struct mse_fit_options *fo;
	uint32_t cells;
};

struct boot_state {
	const struct boot_arg *arg;
	struct mse_strata *copy;
};

struct mse_strata *
msei_strata_copy(const struct mse_strata *s)
{
	const char *lists[MSE_MAX_LISTS], **vars, **vals;
	size_t i, j, V = mse_strata_vars(s);
	struct mse_strata *c = NULL;
	int rc = MSE_OK;

	vars = msei_calloc(V + 1, sizeof(*vars));
	vals = msei_calloc(V + 1, sizeof(*vals));
	for (i = 0; i < mse_strata_lists(s); i++)
		lists[i] = mse_strata_list(s, i);
	for (j = 0; vars != NULL && j < V; j++)
		vars[j] = mse_strata_var(s, j);
	if (vars != NULL && vals != NULL)
		c = mse_strata_new(mse_strata_lists(s), lists, V, vars, NULL);
	for (i = 0; c != NULL && rc == MSE_OK && i < mse_strata_count(s);
	    i++) {
		for (j = 0; j < V; j++)
			vals[j] = mse_strata_value(s, i, j);
		rc = mse_strata_add(c, vals, 0, 0, NULL, NULL);
	}
	for (i = 0; c != NULL && rc == MSE_OK && i < mse_strata_incomplete(s);
	    i++)
		rc = mse_strata_add_incomplete(c,
		    msei_strata_incomplete_values(s, i),
		    mse_strata_incomplete_pattern(s, i),
		    mse_strata_incomplete_count(s, i), NULL);
	for (j = 0; c != NULL && rc == MSE_OK && j < V; j++)
		if (mse_strata_trend(s, j) > 0)
			rc = mse_strata_set_trend(c, vars[j],
			    mse_strata_trend(s, j), NULL);
	if (rc != MSE_OK) {
		mse_strata_free(c);
		c = NULL;
	}
	free(vars);
	free(vals);
	return c;
}

static void *
boot_start(void *arg)
{
	struct boot_state *st = msei_calloc(1, sizeof(*st));

	if (st == NULL)
		return NULL;
	st->arg = arg;
	st->copy = msei_strata_copy(st->arg->s);
	if (st->copy == NULL) {
		free(st);
		return NULL;
	}
	return st;
}

static void
boot_stop(void *state)
{
	struct boot_state *st = state;

	mse_strata_free(st->copy);
	free(st);
}

/* Put the replicate's counts into the copy. */
static int
boot_fill(struct boot_state *st, const double *cnt)
{
	size_t i, S = mse_strata_count(st->copy);
	uint32_t w, cells = st->arg->cells;
	int rc = MSE_OK;

	for (i = 0; i < S && rc == MSE_OK; i++) {
		struct mse_table *t = (struct mse_table *)
		    mse_strata_table(st->copy, i);

		for (w = 1; w <= cells && rc == MSE_OK; w++)
			rc = mse_table_set(t, w, cnt[i * cells + w - 1], NULL);
	}
	for (i = 0; i < mse_strata_incomplete(st->copy); i++)
		msei_strata_set_incomplete(st->copy, i, cnt[S * cells + i]);
	return rc;
}

static int
boot_estimate(void *state, const double *cnt, double *out)
{
	struct boot_state *st = state;
	const struct boot_arg *a = st->arg;
	size_t i, S = mse_strata_count(st->copy);
	double total = 0;
	int rc = boot_fill(st, cnt);

	if (rc != MSE_OK)
		return rc;
	if (a->c == NULL) {
		struct mse_fit *f = NULL;
		struct mse_model *m = NULL;

		if (a->sel != NULL) {
			rc = mse_select_covariates(st->copy, a->a, a->sel, &m,
			    &f, NULL, NULL);
			mse_model_free(m);
		} else {
			rc = msei_fit_strata(st->copy, a->a, a->m, a->fo,
			    a->start, &f, NULL);
		}
		for (i = 0; i <= S; i++)
			out[i] = rc == MSE_OK ? mse_fit_stratum_estimate(f, i) : NAN;
		mse_fit_free(f);
		return rc == MSE_ENOMEM ? rc : MSE_OK;
	}
	for (i = 0; i < S; i++) {
		struct by_one r;

		memset(&r, 0, sizeof(r));
		rc = stratum_fit(a->c, i, mse_strata_table(st->copy, i), &r,
		    NULL);
		out[i] = rc == MSE_OK ? r.estimate : NAN;
		total += out[i];
		one_clear(&r);
		if (rc == MSE_ENOMEM)
			return rc;
	}
	out[S] = total;		/* NAN when a stratum has none */
	return MSE_OK;
}

/* The cells of every stratum, stratum by stratum, pattern by pattern;
 * then the units with a missing covariate value, resampled among
 * themselves (group S). */
static int
boot_cells(const struct mse_strata *s, double **count, size_t **group,
    size_t *ncell, struct mse_error *err)
{
	size_t S = mse_strata_count(s), G = mse_strata_incomplete(s), i;
	uint32_t w, cells = mse_table_cells(mse_strata_table(s, 0));

	*ncell = S * cells + G;
	*count = msei_calloc(*ncell + 1, sizeof(**count));
	*group = msei_calloc(*ncell + 1, sizeof(**group));
	if (*count == NULL || *group == NULL)
		return msei_error(err, MSE_ENOMEM, "out of memory");
	for (i = 0; i < S; i++)
		for (w = 1; w <= cells; w++) {
			(*count)[i * cells + w - 1] = mse_table_get(
			    mse_strata_table(s, i), w);
			(*group)[i * cells + w - 1] = i;
		}
	for (i = 0; i < G; i++) {
		(*count)[S * cells + i] = mse_strata_incomplete_count(s, i);
		(*group)[S * cells + i] = S;
	}
	return MSE_OK;
}

/* Every output's interval; one whose replicates have no estimate keeps
 * the reason in its bca_reason. */
static int
boot_summaries(const struct msei_boot *bp,
    const struct mse_bootstrap_options *bo, const struct msei_boot_out *res,
    int stratified, const double *point, struct mse_bootstrap_result *r,
    struct mse_error *err)
{
	size_t q;
	int rc = MSE_OK;

	for (q = 0; q < bp->nout && rc == MSE_OK; q++) {
		struct mse_error e;

		memset(&r[q], 0, sizeof(r[q]));
		r[q].estimate = point[q];
		mse_error_clear(&e);
		if (!isfinite(point[q])) {
			r[q].lower = r[q].upper = r[q].pct_lower =
			    r[q].pct_upper = r[q].z0 = r[q].acceleration = NAN;
			r[q].bca = MSE_ENOMLE;
			snprintf(r[q].bca_reason, sizeof(r[q].bca_reason),
			    "no estimate on the original data");
			continue;
		}
		/* A stratum's acceleration is its own units' jackknife; the
		 * total's, and a covariate model's, that of every unit. */
		rc = msei_boot_summary(bp, bo, res, q, stratified &&
		    q + 1 < bp->nout ? q : SIZE_MAX, &r[q], &e);
		if (rc == MSE_ENOMLE) {
			r[q].lower = r[q].upper = r[q].pct_lower =
			    r[q].pct_upper = NAN;
			r[q].bca = rc;
			snprintf(r[q].bca_reason, sizeof(r[q].bca_reason), "%s",
			    e.message);
			rc = MSE_OK;
		} else if (rc != MSE_OK)
			*err = e;
	}
	return rc;
}

static int
boot_check(const struct mse_bootstrap_options *in,
    struct mse_bootstrap_options *bo, struct mse_error *err)
{
	int rc = msei_boot_check(in, bo, err);

	if (rc != MSE_OK)
		return rc;
	if (bo->top > 0)
		return msei_error(err, MSE_EINVAL, "the top-models bootstrap "
		    "works on one table: fit the strata one by one, or re-run "
		    "the whole selection (no --top)");
	if (bo->parametric)
		return msei_error(err, MSE_EINVAL, "the parametric bootstrap "
		    "works on one table; over strata, the units are "
		    "resampled within each stratum (--resample units)");
	return MSE_OK;
}

static int
boot_run(const struct mse_strata *s, struct boot_arg *arg,
    const struct mse_bootstrap_options *bo, const double *point,
    struct mse_bootstrap_result *r, struct mse_error *err)
{
	struct msei_boot bp;
	struct msei_boot_out res;
	double *count = NULL;
	size_t *group = NULL;
	int rc;

	memset(&bp, 0, sizeof(bp));
	memset(&res, 0, sizeof(res));
	arg->cells = mse_table_cells(mse_strata_table(s, 0));
	rc = boot_cells(s, &count, &group, &bp.ncell, err);
	bp.ngroup = mse_strata_count(s) + (mse_strata_incomplete(s) > 0);
	bp.nout = mse_strata_count(s) + 1;
	bp.count = count;
	bp.group = group;
	bp.start = boot_start;
	bp.stop = boot_stop;
	bp.estimate = boot_estimate;
	bp.arg = arg;
	if (rc == MSE_OK)
		rc = msei_boot_run(&bp, bo, &res, err);
	if (rc == MSE_OK)
		rc = boot_summaries(&bp, bo, &res, arg->c != NULL, point, r,
		    err);
	msei_boot_out_free(&res);
	free(count);
	free(group);
	return rc;
}

int
mse_by_bootstrap(const struct mse_strata *s, const struct mse_by_options *oin,
    const struct mse_bootstrap_options *in, struct mse_bootstrap_result *r,
    struct mse_error *err)
{
	struct mse_bootstrap_options bo_copy, *bo = &bo_copy;
	struct mse_by_options o_copy, *o = &o_copy;
	struct mse_select_options sel_quiet;
	struct mse_fit_options fit_quiet, sel_fit_quiet;
	struct mse_model *full = NULL;
	struct mse_by *b = NULL;
	struct boot_arg arg;
	struct by_ctx c;
	double *point;
	size_t i;
	int rc = boot_check(in, bo, err);

	if (rc == MSE_OK)
		rc = check_by(s, oin, o, &full, err);
	/* Fits on many threads: no model-space progress from them. */
	if (rc == MSE_OK)
		o->fit = msei_fit_quiet(o->fit, &fit_quiet);
	if (rc == MSE_OK && o->sel != NULL &&
	    (rc = msei_select_quiet(o->sel, &sel_quiet, &sel_fit_quiet,
	    err)) == MSE_OK)
		o->sel = &sel_quiet;
	if (rc == MSE_OK && o->method != MSE_BY_LOGLINEAR)
		rc = msei_error(err, MSE_EINVAL, "the bootstrap needs "
		    "log-linear models");
	/* Only the point estimates are kept: no stratum's fit, and no
	 * caller's each. */
	o->each = NULL;
	c = (struct by_ctx){ s, o, full, 1 };
	if (rc == MSE_OK)
		rc = by_fit(&c, &b, err);
	point = rc == MSE_OK ? msei_calloc(b->S + 1, sizeof(*point)) : NULL;
	if (rc == MSE_OK && point == NULL)
		rc = msei_error(err, MSE_ENOMEM, "out of memory");
	for (i = 0; rc == MSE_OK && i <= b->S; i++)
		point[i] = mse_by_estimate(b, i);
	memset(&arg, 0, sizeof(arg));
	arg.s = s;
	arg.c = &c;
	if (rc == MSE_OK)
		rc = boot_run(s, &arg, bo, point, r, err);
	free(point);
	mse_by_free(b);
	mse_model_free(full);
	return rc;
}

int
mse_covariates_bootstrap(const struct mse_strata *s, const char *formula,
    const struct mse_select_options *sel, const struct mse_absent *a,
    const struct mse_fit_options *fo,
    const struct mse_bootstrap_options *in, struct mse_bootstrap_result *r,
    struct mse_error *err)
{
	struct mse_bootstrap_options bo_copy, *bo = &bo_copy;
	struct mse_select_options sel_copy;
	struct mse_fit_options fit_quiet, sel_fit_quiet;
	struct mse_model *m = NULL;
	struct mse_fit *f = NULL;
	struct boot_arg arg;
	double *point = NULL;
	size_t i, S = mse_strata_count(s);
	int rc = boot_check(in, bo, err);

	/* Fits on many threads: no model-space progress from them. */
	if (rc == MSE_OK && sel != NULL && (rc = msei_select_quiet(sel,
	    &sel_copy, &sel_fit_quiet, err)) == MSE_OK)
		sel = &sel_copy;
	fo = msei_fit_quiet(fo, &fit_quiet);

	if (rc == MSE_OK && sel != NULL)
		rc = mse_select_covariates(s, a, sel, &m, &f, NULL, err);
	else if (rc == MSE_OK && (rc = mse_fit_covariates(s, formula, a, fo,
	    &f, err)) == MSE_OK)
		rc = msei_covariates_model(s, formula, &m, err);
	point = rc == MSE_OK ? msei_calloc(S + 1, sizeof(*point)) : NULL;
	if (rc == MSE_OK && point == NULL)
		rc = msei_error(err, MSE_ENOMEM, "out of memory");
	for (i = 0; rc == MSE_OK && i <= S; i++)
		point[i] = mse_fit_stratum_estimate(f, i);
	memset(&arg, 0, sizeof(arg));
	arg.s = s;
	arg.m = m;
	arg.sel = sel;
	arg.start = sel == NULL ? f : NULL;
	arg.a = a;
	arg.fo = sel != NULL ? sel->fit : fo;
	if (rc == MSE_OK)
		rc = boot_run(s, &arg, bo, point, r, err);
	free(point);
	mse_fit_free(f);
	mse_model_free(m);
	return rc;
}
