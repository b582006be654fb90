/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * lcmpool.c - the latent-class model on several imputed versions of one
 * table (mse-fit -m lcm --imputation COL), their posteriors pooled by the
 * mixing rule of Zhou & Reiter (2010), "A note on Bayesian inference
 * after multiple imputation", The American Statistician 64(2):159-163:
 * draw equally many samples from the posterior of each imputed dataset
 * and take them together as draws from the posterior of N.
 *
 * One variable of the strata numbers the imputations; the others, if
 * any, are the strata (--by), each fitted on its own in every imputation
 * as mse_lcm_by_fit does.  Every fit is read at M evenly spaced places,
 * M the fewest draws of any fit, its chains one after the other; a
 * stratum's pool is its imputations' M draws each, and the total's is,
 * imputation by imputation, the j-th draws of the strata added (the
 * strata are independent within an imputed dataset, which is one draw
 * of the missing values for all strata at once).
 */
#include <config.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mse_private.h"

struct pool_fit {
	size_t stratum;		/* of s */
	struct mse_table *t;	/* the kept lists' table */
	struct mse_lcm *m;	/* NULL: no estimate, why in reason */
	char note[256];
	char reason[256];
	int cached;		/* read from the cache (lcmby.c) */
};

struct pool_group {
	double *draws;		/* sorted pooled draws, or NULL */
	double *raw;		/* the same, imputation by imputation */
	long ndraws;
	double observed;	/* the imputations' mean */
	char reason[256];
};

struct mse_lcm_pool {
	size_t ngroups, nimp;
	struct pool_fit *f;	/* ngroups * nimp, group by group */
	struct pool_group *g;	/* ngroups + 1: the last is the total */
};

/* Draw j of M evenly spaced ones from m's chains, one after the other. */
static double
spaced_draw(const struct mse_lcm *m, long j, long M)
{
	long per = mse_lcm_samples(m), all = per * mse_lcm_chains(m);
	long i = (long)((double)j * (double)all / (double)M);

	return mse_lcm_draw(m, (int)(i / per), i % per);
}

/* Whether strata a and b agree on every variable but iv. */
static int
same_group(const struct mse_strata *s, size_t a, size_t b, size_t iv)
{
	size_t v;

	for (v = 0; v < mse_strata_vars(s); v++)
		if (v != iv && strcmp(mse_strata_value(s, a, v),
		    mse_strata_value(s, b, v)) != 0)
			return 0;
	return 1;
}

/* "year=2012, gender=f", the group of stratum i without iv. */
static void
group_name(const struct mse_strata *s, size_t i, size_t iv, char *buf,
    size_t size)
{
	size_t v, len = 0;

	buf[0] = '\0';
	for (v = 0; v < mse_strata_vars(s) && len < size; v++)
		if (v != iv)
			len += (size_t)snprintf(buf + len, size - len, "%s%s=%s",
			    len ? ", " : "", mse_strata_var(s, v),
			    mse_strata_value(s, i, v));
}

/* Which stratum is imputation i of group g: fills p->f[].stratum, or
 * says which cell is missing. */
static int
layout(const struct mse_strata *s, size_t iv, struct mse_lcm_pool *p,
    struct mse_error *err)
{
	size_t n = mse_strata_count(s), *group, *imp, *grep, *irep, i, j;
	int rc = MSE_OK;

	group = msei_calloc(n, sizeof(*group));
	imp = msei_calloc(n, sizeof(*imp));
	grep = msei_calloc(n, sizeof(*grep));	/* a stratum of each group */
	irep = msei_calloc(n, sizeof(*irep));	/* of each imputation */
	if (group == NULL || imp == NULL || grep == NULL || irep == NULL) {
		rc = msei_error(err, MSE_ENOMEM, "out of memory");
		goto done;
	}
	for (i = 0; i < n; i++) {
		for (j = 0; j < p->ngroups && !same_group(s, grep[j], i, iv);
		    j++)
			;
		if (j == p->ngroups)
			grep[p->ngroups++] = i;
		group[i] = j;
		for (j = 0; j < p->nimp && strcmp(mse_strata_value(s, irep[j],
		    iv), mse_strata_value(s, i, iv)) != 0; j++)
			;
		if (j == p->nimp)
			irep[p->nimp++] = i;
		imp[i] = j;
	}
	if ((p->f = msei_calloc(p->ngroups * p->nimp, sizeof(*p->f))) ==
	    NULL) {
		rc = msei_error(err, MSE_ENOMEM, "out of memory");
		goto done;
	}
	for (i = 0; i < p->ngroups * p->nimp; i++)
		p->f[i].stratum = n;
	for (i = 0; i < n; i++)
		p->f[group[i] * p->nimp + imp[i]].stratum = i;
	for (i = 0; i < p->ngroups * p->nimp; i++) {
		char where[512];

		if (p->f[i].stratum < n)
			continue;
		group_name(s, grep[i / p->nimp], iv, where, sizeof(where));
		rc = msei_error(err, MSE_EINVAL, "imputation %s=%s has no "
		    "rows%s%s: every imputed version must hold every stratum, "
		    "since the pool mixes one posterior of each version; "
		    "leave that stratum's rows out of every version, or merge "
		    "it with another", mse_strata_var(s, iv),
		    mse_strata_value(s, irep[i % p->nimp], iv),
		    where[0] ? " where " : "", where);
		break;
	}
done:
	free(group);
	free(imp);
	free(grep);
	free(irep);
	return rc;
}

/* One fit: the kept lists of stratum f->stratum, with the seed of
 * imputation i. */
static int
fit_one(const struct mse_strata *s, const struct mse_lcm_options *o,
    const char *dir, size_t i, struct pool_fit *f)
{
	struct mse_lcm_options oi = *o;
	int rc;

	/* Imputation i's chains go on from the seeds of the one before:
	 * chain c of imputation i has seed + i * chains + c, so the first
	 * imputation's fit is the plain fit of its table. */
	oi.seed = o->seed + (unsigned long)i * (unsigned long)o->chains;
	rc = msei_lcm_fit_stratum(mse_strata_table(s, f->stratum), &oi, dir,
	    &f->t, &f->m, &f->cached, f->note, sizeof(f->note), f->reason,
	    sizeof(f->reason));
	return rc == MSE_EINVAL || rc == MSE_ENOMEM ? rc : MSE_OK;
}

static int
cmp_sort(struct pool_group *g)
{
	if ((g->draws = msei_calloc((size_t)g->ndraws, sizeof(double))) ==
	    NULL)
		return MSE_ENOMEM;
	memcpy(g->draws, g->raw, (size_t)g->ndraws * sizeof(double));
	qsort(g->draws, (size_t)g->ndraws, sizeof(double), msei_cmp_double);
	return MSE_OK;
}

/* The pools: M draws of each imputation, then the total's. */
static int
pool(struct mse_lcm_pool *p)
{
	struct pool_group *tot = &p->g[p->ngroups];
	long M = -1, j, all;
	size_t g, i;

	for (g = 0; g < p->ngroups * p->nimp; g++)
		if (p->f[g].m != NULL) {
			all = mse_lcm_samples(p->f[g].m) *
			    mse_lcm_chains(p->f[g].m);
			if (M < 0 || all < M)
				M = all;
		}
	for (g = 0; g < p->ngroups; g++) {
		struct pool_group *G = &p->g[g];

		for (i = 0; i < p->nimp; i++)
			if (p->f[g * p->nimp + i].m == NULL)
				break;
		if (i < p->nimp) {
			snprintf(G->reason, sizeof(G->reason), "no pooled "
			    "estimate: imputation %zu has none", i + 1);
			continue;
		}
		if (M <= 0) {
			snprintf(G->reason, sizeof(G->reason), "no pooled "
			    "estimate: no draws");
			continue;
		}
		G->ndraws = M * (long)p->nimp;
		if ((G->raw = msei_calloc((size_t)G->ndraws,
		    sizeof(double))) == NULL)
			return MSE_ENOMEM;
		for (i = 0; i < p->nimp; i++) {
			const struct mse_lcm *m = p->f[g * p->nimp + i].m;

			G->observed += mse_lcm_observed(m);
			for (j = 0; j < M; j++)
				G->raw[(long)i * M + j] = spaced_draw(m, j, M);
		}
		/* a sum of counts, divided once: whole when they agree */
		tot->observed += G->observed;
		G->observed /= (double)p->nimp;
		if (cmp_sort(G) != MSE_OK)
			return MSE_ENOMEM;
	}
	for (g = 0; g < p->ngroups; g++)
		if (p->g[g].raw == NULL) {
			snprintf(tot->reason, sizeof(tot->reason), "no total: "
			    "a stratum has no pooled estimate");
			return MSE_OK;
		}
	tot->ndraws = M * (long)p->nimp;
	if ((tot->raw = msei_calloc((size_t)tot->ndraws, sizeof(double))) ==
	    NULL)
		return MSE_ENOMEM;
	tot->observed /= (double)p->nimp;
	for (g = 0; g < p->ngroups; g++) {
		for (j = 0; j < tot->ndraws; j++)
			tot->raw[j] += p->g[g].raw[j];
	}
	return cmp_sort(tot);
}

int
mse_lcm_pool_fit(const struct mse_strata *s, size_t imputation,
    const struct mse_lcm_options *o, struct mse_lcm_pool **out,
    struct mse_error *err)
{
	return mse_lcm_pool_fit_cache(s, imputation, o, NULL, out, err);
}

int
mse_lcm_pool_fit_cache(const struct mse_strata *s, size_t imputation,
    const struct mse_lcm_options *o, const char *dir,
    struct mse_lcm_pool **out, struct mse_error *err)
{
	struct mse_lcm_pool *p;
	size_t i;
	int rc;

	*out = NULL;
	if (mse_strata_count(s) == 0)
		return msei_error(err, MSE_EINVAL, "no strata");
	if (imputation >= mse_strata_vars(s))
		return msei_error(err, MSE_EINVAL, "imputation: variable %zu "
		    "of %zu", imputation, mse_strata_vars(s));
	if (o == NULL || o->chains < 1)
		return msei_error(err, MSE_EINVAL, "chains: at least 1");
	if (dir != NULL && (rc = msei_lcm_cache_dir(dir, err)) != MSE_OK)
		return rc;
	if ((p = msei_calloc(1, sizeof(*p))) == NULL)
		return msei_error(err, MSE_ENOMEM, "out of memory");
	if ((rc = layout(s, imputation, p, err)) != MSE_OK) {
		mse_lcm_pool_free(p);
		return rc;
	}
	if ((p->g = msei_calloc(p->ngroups + 1, sizeof(*p->g))) == NULL) {
		mse_lcm_pool_free(p);
		return msei_error(err, MSE_ENOMEM, "out of memory");
	}
	for (i = 0; i < p->ngroups * p->nimp; i++) {
		rc = fit_one(s, o, dir, i % p->nimp, &p->f[i]);
		if (rc != MSE_OK) {
			/* The options, not the data: every fit would say the
			 * same. */
			msei_error(err, rc, "%s", rc == MSE_ENOMEM ? "out of "
			    "memory" : p->f[i].reason);
			mse_lcm_pool_free(p);
			return rc;
		}
	}
	if (pool(p) != MSE_OK) {
		mse_lcm_pool_free(p);
		return msei_error(err, MSE_ENOMEM, "out of memory");
	}
	*out = p;
	return MSE_OK;
}

void
mse_lcm_pool_free(struct mse_lcm_pool *p)
{
	size_t i;

	if (p == NULL)
		return;
	for (i = 0; p->f != NULL && i < p->ngroups * p->nimp; i++) {
		mse_lcm_free(p->f[i].m);
		mse_table_free(p->f[i].t);
	}
	for (i = 0; p->g != NULL && i <= p->ngroups; i++) {
		free(p->g[i].draws);
		free(p->g[i].raw);
	}
	free(p->f);
	free(p->g);
	free(p);
}

size_t
mse_lcm_pool_groups(const struct mse_lcm_pool *p)
{
	return p->ngroups;
}

size_t
mse_lcm_pool_imputations(const struct mse_lcm_pool *p)
{
	return p->nimp;
}

static const struct pool_fit *
cell(const struct mse_lcm_pool *p, size_t g, size_t i)
{
	return g < p->ngroups && i < p->nimp ? &p->f[g * p->nimp + i] : NULL;
}

size_t
mse_lcm_pool_stratum(const struct mse_lcm_pool *p, size_t g, size_t i)
{
	const struct pool_fit *f = cell(p, g, i);

	return f != NULL ? f->stratum : (size_t)-1;
}

const struct mse_lcm *
mse_lcm_pool_fit_of(const struct mse_lcm_pool *p, size_t g, size_t i,
    const char **reason)
{
	const struct pool_fit *f = cell(p, g, i);

	if (reason != NULL)
		*reason = f != NULL ? f->reason : "no such fit";
	return f != NULL ? f->m : NULL;
}

int
mse_lcm_pool_cached(const struct mse_lcm_pool *p, size_t g, size_t i)
{
	const struct pool_fit *f = cell(p, g, i);

	return f != NULL && f->cached;
}

const char *
mse_lcm_pool_note(const struct mse_lcm_pool *p, size_t g, size_t i)
{
	const struct pool_fit *f = cell(p, g, i);

	return f != NULL ? f->note : "";
}

/* g == mse_lcm_pool_groups(p): the total. */
static const struct pool_group *
group(const struct mse_lcm_pool *p, size_t g)
{
	return g <= p->ngroups ? &p->g[g] : NULL;
}

long
mse_lcm_pool_draws(const struct mse_lcm_pool *p, size_t g,
    const char **reason)
{
	const struct pool_group *G = group(p, g);

	if (reason != NULL)
		*reason = G != NULL ? G->reason : "no such group";
	return G != NULL ? G->ndraws : 0;
}

double
mse_lcm_pool_draw(const struct mse_lcm_pool *p, size_t g, size_t i, long j)
{
	const struct pool_group *G = group(p, g);
	long M;

	if (G == NULL || G->ndraws == 0 || i >= p->nimp)
		return NAN;
	M = G->ndraws / (long)p->nimp;
	return j >= 0 && j < M ? G->raw[(long)i * M + j] : NAN;
}

double
mse_lcm_pool_observed(const struct mse_lcm_pool *p, size_t g)
{
	const struct pool_group *G = group(p, g);

	return G != NULL && G->ndraws > 0 ? G->observed : NAN;
}

double
mse_lcm_pool_mean(const struct mse_lcm_pool *p, size_t g)
{
	const struct pool_group *G = group(p, g);
	double s = 0;
	long j;

	if (G == NULL || G->ndraws == 0)
		return NAN;
	for (j = 0; j < G->ndraws; j++)
		s += G->draws[j];
	return s / (double)G->ndraws;
}

double
mse_lcm_pool_sd(const struct mse_lcm_pool *p, size_t g)
{
	const struct pool_group *G = group(p, g);
	double mean = mse_lcm_pool_mean(p, g), s = 0;
	long j;

	if (G == NULL || G->ndraws < 2)
		return NAN;
	for (j = 0; j < G->ndraws; j++)
		s += (G->draws[j] - mean) * (G->draws[j] - mean);
	return sqrt(s / (double)(G->ndraws - 1));
}

/* Quantile p, type 7 (R's quantile(), as mse_lcm_quantile). */
double
mse_lcm_pool_quantile(const struct mse_lcm_pool *p, size_t g, double q)
{
	const struct pool_group *G = group(p, g);

	if (G == NULL || G->ndraws == 0 || !(q >= 0 && q <= 1))
		return NAN;
	return msei_quantile7(G->draws, (size_t)G->ndraws, q);
}
