/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sim.c - simulated populations from log-linear and latent-class models. */
#include <config.h>

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "mse_private.h"

/* gsl_ran_multinomial draws unsigned int counts. */
#define SIZE_LIMIT ((double)UINT_MAX)
/* The most strata a simulation makes (as mse_strata_complete). */
#define STRATA_MAX 1000000.0

struct simvar {
	char *name;
	size_t n;
	char **values;
	double *weights;
};

struct mse_sim {
	size_t k;
	char **lists;
	double *alpha;		/* logit(p_i) */
	uint32_t *term;
	double *lambda;
	size_t nterms;
	double *cw;		/* latent classes: weight */
	double *cl;		/* and nclasses x k logits of capture */
	size_t nclasses;
	struct simvar *vars;
	size_t nvars;
	char *absent;
	/* Missing values: variable name, and for each the chance that an
	 * observed unit's value is lost, by list (k) and otherwise (rate). */
	struct simmiss {
		char *var;
		double rate, *list;
	} *miss;
	size_t nmiss;
};

struct mse_sim *
mse_sim_new(size_t k, const char *const *lists, const double *prob,
    struct mse_error *err)
{
	struct mse_sim *m;
	size_t i, j;

	if (k < 2 || k > MSE_MAX_LISTS) {
		msei_error(err, MSE_EINVAL, "%zu lists; a simulation needs 2 "
		    "to %d", k, MSE_MAX_LISTS);
		return NULL;
	}
	for (i = 0; i < k; i++) {
		if (!(prob[i] > 0 && prob[i] < 1)) {
			msei_error(err, MSE_EINVAL, "the probability of list "
			    "%zu, %g, is not between 0 and 1", i + 1, prob[i]);
			return NULL;
		}
		for (j = 0; lists != NULL && j < i; j++)
			if (strcmp(lists[i], lists[j]) == 0) {
				msei_error(err, MSE_EINVAL, "list '%s' is "
				    "named twice", lists[i]);
				return NULL;
			}
	}
	if ((m = calloc(1, sizeof(*m))) == NULL ||
	    (m->lists = msei_calloc(k, sizeof(char *))) == NULL ||
	    (m->alpha = msei_calloc(k, sizeof(double))) == NULL)
		goto nomem;
	m->k = k;
	for (i = 0; i < k; i++) {
		char buf[32];

		snprintf(buf, sizeof(buf), "L%zu", i + 1);
		if ((m->lists[i] = strdup(lists != NULL && lists[i] != NULL ?
		    lists[i] : buf)) == NULL)
			goto nomem;
		m->alpha[i] = log(prob[i] / (1 - prob[i]));
	}
	return m;
nomem:
	mse_sim_free(m);
	msei_error(err, MSE_ENOMEM, "out of memory");
	return NULL;
}

void
mse_sim_free(struct mse_sim *m)
{
	size_t i, j;

	if (m == NULL)
		return;
	for (i = 0; m->lists != NULL && i < m->k; i++)
		free(m->lists[i]);
	for (i = 0; i < m->nvars; i++) {
		for (j = 0; j < m->vars[i].n; j++)
			free(m->vars[i].values[j]);
		free(m->vars[i].name);
		free(m->vars[i].values);
		free(m->vars[i].weights);
	}
	free(m->vars);
	free(m->lists);
	free(m->alpha);
	free(m->term);
	free(m->lambda);
	free(m->cw);
	free(m->cl);
	free(m->absent);
	for (i = 0; i < m->nmiss; i++) {
		free(m->miss[i].var);
		free(m->miss[i].list);
	}
	free(m->miss);
	free(m);
}

int
mse_sim_missing(struct mse_sim *m, const char *var, double rate,
    const double *list_rate, struct mse_error *err)
{
	struct simmiss *x;
	size_t i;

	if (var == NULL || var[0] == '\0')
		return msei_error(err, MSE_EINVAL, "a missing value needs its "
		    "variable's name");
	for (i = 0; i < m->nmiss; i++)
		if (strcmp(m->miss[i].var, var) == 0)
			return msei_error(err, MSE_EINVAL, "the missing values "
			    "of '%s' are given twice", var);
	if (!(rate >= 0 && rate < 1))
		return msei_error(err, MSE_EINVAL, "the rate of missing '%s' "
		    "must be in 0..1 (1 excluded)", var);
	for (i = 0; list_rate != NULL && i < m->k; i++)
		if (!isnan(list_rate[i]) && !(list_rate[i] >= 0 &&
		    list_rate[i] < 1))
			return msei_error(err, MSE_EINVAL, "the rate of missing "
			    "'%s' on list '%s' must be in 0..1 (1 excluded)",
			    var, m->lists[i]);
	x = msei_reallocarray(m->miss, m->nmiss + 1, sizeof(*x));
	if (x == NULL)
		return msei_error(err, MSE_ENOMEM, "out of memory");
	m->miss = x;
	x = &m->miss[m->nmiss];
	x->var = strdup(var);
	x->rate = rate;
	x->list = msei_calloc(m->k, sizeof(double));
	if (x->var == NULL || x->list == NULL) {
		free(x->var);
		free(x->list);
		return msei_error(err, MSE_ENOMEM, "out of memory");
	}
	for (i = 0; i < m->k; i++)
		x->list[i] = list_rate != NULL ? list_rate[i] : NAN;
	m->nmiss++;
	return MSE_OK;
}

int
mse_sim_interaction(struct mse_sim *m, uint32_t term, double lambda,
    struct mse_error *err)
{
	uint32_t *t;
	double *l;

	if (term >> m->k != 0 || msei_popcount(term) < 2)
		return msei_error(err, MSE_EINVAL, "an interaction needs 2 or "
		    "more of the %zu lists", m->k);
	if (!isfinite(lambda))
		return msei_error(err, MSE_EINVAL, "an interaction must be a "
		    "finite number");
	t = msei_reallocarray(m->term, m->nterms + 1, sizeof(*t));
	if (t != NULL)
		m->term = t;
	l = t == NULL ? NULL : msei_reallocarray(m->lambda, m->nterms + 1,
	    sizeof(*l));
	if (l == NULL)
		return msei_error(err, MSE_ENOMEM, "out of memory");
	m->lambda = l;
	m->term[m->nterms] = term;
	m->lambda[m->nterms++] = lambda;
	return MSE_OK;
}

/* Room for one more class: its weight set, *logits its k logits. */
static int
add_class(struct mse_sim *m, double weight, double **logits,
    struct mse_error *err)
{
	double *w, *l;

	if (!(weight > 0 && isfinite(weight)))
		return msei_error(err, MSE_EINVAL, "a latent class needs a "
		    "positive weight");
	w = msei_reallocarray(m->cw, m->nclasses + 1, sizeof(*w));
	if (w != NULL)
		m->cw = w;
	l = w == NULL ? NULL : msei_reallocarray(m->cl, (m->nclasses + 1) *
	    m->k, sizeof(*l));
	if (l == NULL)
		return msei_error(err, MSE_ENOMEM, "out of memory");
	m->cl = l;
	m->cw[m->nclasses] = weight;
	*logits = m->cl + m->nclasses++ * m->k;
	return MSE_OK;
}

int
mse_sim_class(struct mse_sim *m, double weight, double factor,
    struct mse_error *err)
{
	double *l;
	size_t j;
	int rc;

	if (!(factor > 0 && isfinite(factor)))
		return msei_error(err, MSE_EINVAL, "a latent class needs a "
		    "positive weight and a positive odds factor");
	if ((rc = add_class(m, weight, &l, err)) != MSE_OK)
		return rc;
	for (j = 0; j < m->k; j++)
		l[j] = m->alpha[j] + log(factor);
	return MSE_OK;
}

int
mse_sim_class_probs(struct mse_sim *m, double weight, const double *prob,
    struct mse_error *err)
{
	double *l;
	size_t j;
	int rc;

	for (j = 0; j < m->k; j++)
		if (!isnan(prob[j]) && !(prob[j] > 0 && prob[j] < 1))
			return msei_error(err, MSE_EINVAL, "the probability of "
			    "list %zu in a latent class, %g, is not between 0 "
			    "and 1", j + 1, prob[j]);
	if ((rc = add_class(m, weight, &l, err)) != MSE_OK)
		return rc;
	for (j = 0; j < m->k; j++)
		l[j] = isnan(prob[j]) ? m->alpha[j] :
		    log(prob[j]) - log1p(-prob[j]);
	return MSE_OK;
}

static int
var_check(const struct mse_sim *m, const char *name, size_t n,
    const char *const *values, const double *weights,
    struct mse_error *err)
{
	size_t i, j;

	if (name == NULL || name[0] == '\0' || n == 0)
		return msei_error(err, MSE_EINVAL, "a stratum variable needs a "
		    "name and at least one value");
	for (i = 0; i < m->k; i++)
		if (strcmp(m->lists[i], name) == 0)
			return msei_error(err, MSE_EINVAL, "'%s' is a list",
			    name);
	for (i = 0; i < m->nvars; i++)
		if (strcmp(m->vars[i].name, name) == 0)
			return msei_error(err, MSE_EINVAL, "stratum variable "
			    "'%s' is given twice", name);
	for (i = 0; i < n; i++) {
		if (values[i] == NULL || values[i][0] == '\0')
			return msei_error(err, MSE_EINVAL, "'%s' has an empty "
			    "value", name);
		if (weights != NULL &&
		    !(weights[i] > 0 && isfinite(weights[i])))
			return msei_error(err, MSE_EINVAL, "the weight of "
			    "%s=%s is not positive", name, values[i]);
		for (j = 0; j < i; j++)
			if (strcmp(values[i], values[j]) == 0)
				return msei_error(err, MSE_EINVAL, "%s=%s is "
				    "given twice", name, values[i]);
	}
	return MSE_OK;
}

int
mse_sim_var(struct mse_sim *m, const char *name, size_t nvalues,
    const char *const *values, const double *weights,
    struct mse_error *err)
{
	struct simvar *v;
	size_t i;
	int rc = var_check(m, name, nvalues, values, weights, err);

	if (rc != MSE_OK)
		return rc;
	v = msei_reallocarray(m->vars, m->nvars + 1, sizeof(*v));
	if (v == NULL)
		return msei_error(err, MSE_ENOMEM, "out of memory");
	m->vars = v;
	v = &m->vars[m->nvars];
	memset(v, 0, sizeof(*v));
	v->name = strdup(name);
	v->values = msei_calloc(nvalues, sizeof(char *));
	v->weights = msei_calloc(nvalues, sizeof(double));
	m->nvars++;
	if (v->name == NULL || v->values == NULL || v->weights == NULL)
		return msei_error(err, MSE_ENOMEM, "out of memory");
	for (i = 0; i < nvalues; i++) {
		v->weights[i] = weights != NULL ? weights[i] : 1;
		if ((v->values[i] = strdup(values[i])) == NULL)
			return msei_error(err, MSE_ENOMEM, "out of memory");
		v->n++;
	}
	return MSE_OK;
}

int
mse_sim_absent(struct mse_sim *m, const char *spec, struct mse_error *err)
{
	char *s = strdup(spec);

	if (s == NULL)
		return msei_error(err, MSE_ENOMEM, "out of memory");
	free(m->absent);
	m->absent = s;
	return MSE_OK;
}

size_t
mse_sim_strata(const struct mse_sim *m)
{
	size_t i, n = 1;

	for (i = 0; i < m->nvars; i++)
		n = m->vars[i].n > 0 && n > SIZE_MAX / m->vars[i].n ? 0 :
		    n * m->vars[i].n;
	return n;
}

/* Every stratum, in order (the first variable slowest), with its size. */
static struct mse_strata *
skeleton(const struct mse_sim *m, double size, double *sizes,
    struct mse_error *err)
{
	const char *names[MSE_MAX_LISTS], **vals;
	size_t *at, i, j, idx;
	struct mse_strata *s;
	int rc = MSE_OK;
	double w;

	for (j = 0; j < m->nvars; j++)
		names[j] = m->vars[j].name;
	s = mse_strata_new(m->k, (const char *const *)m->lists, m->nvars,
	    names, err);
	at = msei_calloc(m->nvars + 1, sizeof(*at));
	vals = msei_calloc(m->nvars + 1, sizeof(*vals));
	if (s == NULL || at == NULL || vals == NULL)
		rc = s == NULL ? (err != NULL ? err->code : MSE_ENOMEM) :
		    msei_error(err, MSE_ENOMEM, "out of memory");
	for (i = 0; rc == MSE_OK; i++) {
		for (w = 1, j = 0; j < m->nvars; j++) {
			vals[j] = m->vars[j].values[at[j]];
			w *= m->vars[j].weights[at[j]];
		}
		rc = msei_strata_intern(s, vals, &idx, err);
		sizes[i] = floor(size * w + 0.5);
		for (j = m->nvars; j > 0; j--) {
			if (++at[j - 1] < m->vars[j - 1].n)
				break;
			at[j - 1] = 0;
		}
		if (j == 0)
			break;
	}
	free(at);
	free(vals);
	if (rc != MSE_OK) {
		mse_strata_free(s);
		return NULL;
	}
	return s;
}

/* The cell probabilities of class c in stratum i (unnormalised; absent
 * cells 0), from the log-linear parameters. */
static void
cell_probs(const struct mse_sim *m, const struct mse_strata *s,
    const struct mse_absent *a, size_t i, const double *logit, double *p)
{
	uint32_t w, cells = (uint32_t)1 << m->k;
	double eta, top = -INFINITY;
	size_t j;

	for (w = 0; w < cells; w++) {
		for (eta = 0, j = 0; j < m->k; j++)
			if (w >> j & 1)
				eta += logit[j];
		for (j = 0; j < m->nterms; j++)
			if ((w & m->term[j]) == m->term[j])
				eta += m->lambda[j];
		p[w] = mse_absent_cell(a, s, i, w) ? -INFINITY : eta;
		if (p[w] > top)
			top = p[w];
	}
	for (w = 0; w < cells; w++)
		p[w] = exp(p[w] - top);
}

/* Beyond MSE_DENSE_LISTS there are too many cells to draw a class's
 * multinomial: draw each of its n units, each list on its own (with no
 * interactions and no structural zeros, the same distribution). */
static int
draw_units(const struct mse_sim *m, struct mse_strata *s, size_t i,
    const double *logit, unsigned int n, gsl_rng *r, struct mse_error *err)
{
	double pr[MSE_MAX_LISTS];
	unsigned int u;
	size_t j;
	int rc = MSE_OK;

	for (j = 0; j < m->k; j++)
		pr[j] = 1 / (1 + exp(-logit[j]));
	for (u = 0; u < n && rc == MSE_OK; u++) {
		uint32_t w = 0;

		for (j = 0; j < m->k; j++)
			if (gsl_rng_uniform(r) < pr[j])
				w |= (uint32_t)1 << j;
		if (w != 0)
			rc = msei_strata_add_at(s, i, w, 1, err);
	}
	return rc;
}

/* Draw stratum i: classes, then each class's cells. */
static int
draw_stratum(const struct mse_sim *m, struct mse_strata *s,
    const struct mse_absent *a, size_t i, double n, gsl_rng *r,
    double *p, unsigned int *cnt, struct mse_error *err)
{
	static const double one = 1;
	size_t nc = m->nclasses ? m->nclasses : 1, c;
	uint32_t w, cells = (uint32_t)1 << m->k;
	unsigned int *ncls = msei_calloc(nc, sizeof(*ncls));
	int rc = MSE_OK;

	if (ncls == NULL)
		return msei_error(err, MSE_ENOMEM, "out of memory");
	gsl_ran_multinomial(r, nc, (unsigned int)n, m->nclasses ? m->cw :
	    &one, ncls);
	for (c = 0; c < nc && rc == MSE_OK; c++) {
		if (m->k > MSE_DENSE_LISTS) {
			rc = draw_units(m, s, i, m->nclasses ? m->cl +
			    c * m->k : m->alpha, ncls[c], r, err);
			continue;
		}
		cell_probs(m, s, a, i, m->nclasses ? m->cl + c * m->k :
		    m->alpha, p);
		gsl_ran_multinomial(r, cells, ncls[c], p, cnt);
		for (w = 1; w < cells && rc == MSE_OK; w++)
			if (cnt[w] > 0)
				rc = msei_strata_add_at(s, i, w, cnt[w], err);
	}
	free(ncls);
	return rc;
}

/* The chance that a unit on pattern w loses its value: the highest rate
 * of its lists', or the variable's own. */
static double
miss_rate(const struct mse_sim *m, const struct simmiss *x, uint32_t w)
{
	double p = x->rate;
	size_t j;

	for (j = 0; j < m->k; j++)
		if ((w >> j & 1) && !isnan(x->list[j]) && x->list[j] > p)
			p = x->list[j];
	return p;
}

/* Lose the values of variable v (MAR: the chance depends on the pattern
 * alone), from complete units and from units already missing another. */
static int
draw_missing(const struct mse_sim *m, struct mse_strata *s, size_t v,
    const struct simmiss *x, gsl_rng *r, struct mse_error *err)
{
	size_t i, j, n0 = mse_strata_incomplete(s), nv = mse_strata_vars(s);
	uint32_t w;
	const char **vals = msei_calloc(nv + 1, sizeof(*vals));
	int rc = MSE_OK;

	if (vals == NULL)
		return msei_error(err, MSE_ENOMEM, "out of memory");
	for (i = 0; i < mse_strata_count(s) && rc == MSE_OK; i++) {
		struct mse_table *t = (struct mse_table *)
		    mse_strata_table(s, i);

		/* Setting a count leaves the pattern in its place. */
		for (w = mse_table_next(t, 0); w != 0 && rc == MSE_OK;
		    w = mse_table_next(t, w)) {
			double c = mse_table_get(t, w);
			unsigned int d = c > 0 ? gsl_ran_binomial(r,
			    miss_rate(m, x, w), (unsigned int)c) : 0;

			if (d == 0)
				continue;
			for (j = 0; j < nv; j++)
				vals[j] = j == v ? NULL :
				    mse_strata_value(s, i, j);
			rc = mse_table_set(t, w, c - d, err);
			if (rc == MSE_OK)
				rc = mse_strata_add_incomplete(s, vals, w, d,
				    err);
		}
	}
	for (i = 0; i < n0 && rc == MSE_OK; i++) {
		double c = mse_strata_incomplete_count(s, i);
		unsigned int d;

		w = mse_strata_incomplete_pattern(s, i);
		if (mse_strata_incomplete_value(s, i, v) == NULL || c == 0)
			continue;
		d = gsl_ran_binomial(r, miss_rate(m, x, w), (unsigned int)c);
		if (d == 0)
			continue;
		for (j = 0; j < nv; j++)
			vals[j] = j == v ? NULL :
			    mse_strata_incomplete_value(s, i, j);
		msei_strata_set_incomplete(s, i, c - d);
		rc = mse_strata_add_incomplete(s, vals, w, d, err);
	}
	free(vals);
	return rc;
}

static int
draw_all(const struct mse_sim *m, struct mse_strata *s,
    const struct mse_absent *a, const double *sizes, unsigned long seed,
    struct mse_error *err)
{
	/* (beyond MSE_DENSE_LISTS, draw_units needs no cells) */
	size_t i, cells = m->k > MSE_DENSE_LISTS ? 1 : (size_t)1 << m->k;
	double *p = msei_calloc(cells, sizeof(*p));
	unsigned int *cnt = msei_calloc(cells, sizeof(*cnt));
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	int rc = MSE_OK;

	if (p == NULL || cnt == NULL || r == NULL)
		rc = msei_error(err, MSE_ENOMEM, "out of memory");
	else
		gsl_rng_set(r, seed);
	for (i = 0; i < mse_strata_count(s) && rc == MSE_OK; i++)
		rc = draw_stratum(m, s, a, i, sizes[i], r, p, cnt, err);
	for (i = 0; i < m->nmiss && rc == MSE_OK; i++) {
		long v = mse_strata_find_var(s, m->miss[i].var);

		if (v < 0)
			rc = msei_error(err, MSE_EINVAL, "missing values of "
			    "'%s', which is no stratum variable",
			    m->miss[i].var);
		else
			rc = draw_missing(m, s, (size_t)v, &m->miss[i], r,
			    err);
	}
	free(p);
	free(cnt);
	if (r != NULL)
		gsl_rng_free(r);
	return rc;
}

int
mse_sim_run(const struct mse_sim *m, double size, unsigned long seed,
    struct mse_strata **out, double *truth, struct mse_error *err)
{
	struct mse_absent *a = NULL;
	struct mse_strata *s;
	size_t i, n = mse_sim_strata(m);
	double *sizes;
	int rc = MSE_OK;

	*out = NULL;
	if (n == 0 || (double)n > STRATA_MAX)
		return msei_error(err, MSE_EINVAL, "too many strata; at most "
		    "%.0f are supported", STRATA_MAX);
	if (!(size > 0 && isfinite(size)))
		return msei_error(err, MSE_EINVAL, "the size must be positive");
	if ((sizes = msei_calloc(n, sizeof(*sizes))) == NULL)
		return msei_error(err, MSE_ENOMEM, "out of memory");
	s = skeleton(m, size, sizes, err);
	if (s == NULL)
		rc = err != NULL ? err->code : MSE_ENOMEM;
	for (i = 0; rc == MSE_OK && i < n; i++)
		if (sizes[i] > SIZE_LIMIT)
			rc = msei_error(err, MSE_EINVAL, "a stratum of %.0f "
			    "units is more than %.0f", sizes[i], SIZE_LIMIT);
	if (rc == MSE_OK && m->k > MSE_DENSE_LISTS && (m->nterms > 0 ||
	    m->absent != NULL))
		rc = msei_error(err, MSE_EINVAL, "beyond %d lists a simulation "
		    "draws each list on its own within a class: no "
		    "interactions and no structural zeros (%zu lists)",
		    MSE_DENSE_LISTS, m->k);
	if (rc == MSE_OK && m->absent != NULL)
		rc = mse_absent_parse(s, m->absent, &a, err);
	if (rc == MSE_OK)
		rc = draw_all(m, s, a, sizes, seed, err);
	for (i = 0; rc == MSE_OK && truth != NULL && i < n; i++)
		truth[i] = sizes[i];
	mse_absent_free(a);
	free(sizes);
	if (rc != MSE_OK) {
		mse_strata_free(s);
		return rc;
	}
	*out = s;
	return MSE_OK;
}
