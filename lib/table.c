/* SPDX-License-Identifier: GPL-3.0-or-later */
/* table.c - capture-history tables: lists, patterns and their counts. */
#include <config.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mse_private.h"

/*
 * Up to MSE_DENSE_LISTS lists a table is an array of all 2^k cells.
 * Beyond, it is sparse: the patterns that were set, in increasing order,
 * with their counts (a set of a new pattern inserts it in place).  A
 * study sees at most as many patterns as people, so the sparse table is
 * small where 2^25 cells would not be.
 */
struct mse_table {
	size_t k;
	char **names;
	double *counts;		/* dense: by pattern, 2^k, [0] = 0 */
	uint32_t *pat;		/* sparse: the patterns set, increasing */
	double *cnt;		/* sparse: their counts */
	size_t n, cap;		/* sparse: entries used and allocated */
};

static int sparse_always;	/* msei_table_sparse_always, for the tests */

void
msei_table_sparse_always(int on)
{
	sparse_always = on != 0;
}

/* Counts are doubles holding whole numbers; 2^53 is the largest such that
 * every smaller whole number is exact (IEEE 754 binary64). */
#define COUNT_MAX 9007199254740992.0

static struct mse_table *table_new(size_t k, const char *const *names,
    int named, struct mse_error *err);

struct mse_table *
mse_table_new(size_t k, const char *const *names, struct mse_error *err)
{
	return table_new(k, names, 1, err);
}

struct mse_table *
msei_table_new_unnamed(size_t k, struct mse_error *err)
{
	return table_new(k, NULL, 0, err);
}

static struct mse_table *
table_new(size_t k, const char *const *names, int named,
    struct mse_error *err)
{
	struct mse_table *t;
	size_t i;

	if (k < 2 || k > MSE_MAX_LISTS) {
		msei_error(err, MSE_EINVAL, "%zu lists; a table needs 2 to %d",
		    k, MSE_MAX_LISTS);
		return NULL;
	}
	t = calloc(1, sizeof(*t));
	if (t == NULL)
		goto nomem;
	t->k = k;
	if (named && (t->names = msei_calloc(k, sizeof(*t->names))) == NULL)
		goto nomem;
	if (k <= MSE_DENSE_LISTS && !sparse_always) {
		t->counts = msei_calloc((size_t)1 << k, sizeof(*t->counts));
		if (t->counts == NULL)
			goto nomem;
	}
	for (i = 0; named && i < k; i++) {
		const char *nm = names != NULL ? names[i] : NULL;
		char buf[32];

		if (nm == NULL) {
			snprintf(buf, sizeof(buf), "L%zu", i + 1);
			nm = buf;
		}
		t->names[i] = strdup(nm);
		if (t->names[i] == NULL)
			goto nomem;
	}
	return t;
nomem:
	mse_table_free(t);
	msei_error(err, MSE_ENOMEM, "out of memory");
	return NULL;
}

void
mse_table_free(struct mse_table *t)
{
	size_t i;

	if (t == NULL)
		return;
	if (t->names != NULL)
		for (i = 0; i < t->k; i++)
			free(t->names[i]);
	free(t->names);
	free(t->counts);
	free(t->pat);
	free(t->cnt);
	free(t);
}

size_t
mse_table_lists(const struct mse_table *t)
{
	return t->k;
}

uint32_t
mse_table_cells(const struct mse_table *t)
{
	return ((uint32_t)1 << t->k) - 1;
}

const char *
mse_table_name(const struct mse_table *t, size_t list)
{
	return list < t->k && t->names != NULL ? t->names[list] : NULL;
}

long
mse_table_find(const struct mse_table *t, const char *name)
{
	size_t i;

	for (i = 0; t->names != NULL && i < t->k; i++)
		if (strcmp(t->names[i], name) == 0)
			return (long)i;
	return -1;
}

int
mse_table_dense(const struct mse_table *t)
{
	return t->counts != NULL;
}

int
msei_table_need_dense(const struct mse_table *t, const char *what,
    struct mse_error *err)
{
	/* (a NULL table is the caller's error to report) */
	if (t == NULL || t->counts != NULL)
		return MSE_OK;
	return msei_error(err, MSE_EDOMAIN, "%s tabulates all 2^k cells of "
	    "a table, which it can do for at most %d lists, not %zu; the "
	    "latent-class model (-m lcm) works on the seen patterns alone",
	    what, MSE_DENSE_LISTS, t->k);
}

/* The first entry of a sparse table whose pattern is >= w. */
static size_t
lower_bound(const struct mse_table *t, uint32_t w)
{
	size_t lo = 0, hi = t->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (t->pat[mid] < w)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

double
mse_table_get(const struct mse_table *t, uint32_t pattern)
{
	size_t i;

	if (pattern == 0 || pattern > mse_table_cells(t))
		return 0;
	if (t->counts != NULL)
		return t->counts[pattern];
	i = lower_bound(t, pattern);
	return i < t->n && t->pat[i] == pattern ? t->cnt[i] : 0;
}

uint32_t
mse_table_next(const struct mse_table *t, uint32_t after)
{
	uint32_t w, cells = mse_table_cells(t);
	size_t i;

	if (t->counts != NULL) {
		for (w = after + 1; w != 0 && w <= cells; w++)
			if (t->counts[w] > 0)
				return w;
		return 0;
	}
	for (i = after == UINT32_MAX ? t->n : lower_bound(t, after + 1);
	    i < t->n; i++)
		if (t->cnt[i] > 0)
			return t->pat[i];
	return 0;
}

/* Set a sparse table's entry, inserting the pattern in order. */
static int
sparse_set(struct mse_table *t, uint32_t w, double count,
    struct mse_error *err)
{
	size_t i = lower_bound(t, w);

	if (i < t->n && t->pat[i] == w) {
		t->cnt[i] = count;
		return MSE_OK;
	}
	if (count == 0)
		return MSE_OK;
	if (t->n == t->cap) {
		size_t cap = t->cap ? 2 * t->cap : 64;
		uint32_t *p = realloc(t->pat, cap * sizeof(*p));
		double *c;

		if (p == NULL)
			return msei_error(err, MSE_ENOMEM, "out of memory");
		t->pat = p;
		if ((c = realloc(t->cnt, cap * sizeof(*c))) == NULL)
			return msei_error(err, MSE_ENOMEM, "out of memory");
		t->cnt = c;
		t->cap = cap;
	}
	memmove(t->pat + i + 1, t->pat + i, (t->n - i) * sizeof(*t->pat));
	memmove(t->cnt + i + 1, t->cnt + i, (t->n - i) * sizeof(*t->cnt));
	t->pat[i] = w;
	t->cnt[i] = count;
	t->n++;
	return MSE_OK;
}

int
mse_table_set(struct mse_table *t, uint32_t pattern, double count,
    struct mse_error *err)
{
	if (pattern == 0 || pattern > mse_table_cells(t))
		return msei_error(err, MSE_EINVAL,
		    "pattern %lu is outside 1..2^%zu-1",
		    (unsigned long)pattern, t->k);
	if (!(count >= 0 && count <= COUNT_MAX) || count != floor(count))
		return msei_error(err, MSE_EINVAL,
		    "count %g is not a whole number in 0..2^53", count);
	if (t->counts == NULL)
		return sparse_set(t, pattern, count, err);
	t->counts[pattern] = count;
	return MSE_OK;
}

double
mse_table_observed(const struct mse_table *t)
{
	return msei_table_margin(t, 0);
}

double
mse_table_list_total(const struct mse_table *t, size_t list)
{
	return list < t->k ? msei_table_margin(t, (uint32_t)1 << list) : 0;
}

/* The number of units seen by exactly nlists lists (f1, f2, ...). */
double
mse_table_seen_by(const struct mse_table *t, size_t nlists)
{
	uint32_t w;
	double s = 0;

	for (w = mse_table_next(t, 0); w != 0; w = mse_table_next(t, w))
		if ((size_t)msei_popcount(w) == nlists)
			s += mse_table_get(t, w);
	return s;
}

double
msei_table_margin(const struct mse_table *t, uint32_t term)
{
	uint32_t w;
	double s = 0;

	for (w = mse_table_next(t, 0); w != 0; w = mse_table_next(t, w))
		if ((w & term) == term)
			s += mse_table_get(t, w);
	return s;
}

const double *
msei_table_counts(const struct mse_table *t)
{
	return t->counts;
}

/* Collapse onto a subset of lists, in the given order: a unit is on new
 * list j when it is on old list lists[j], whatever else it is on.  Units
 * on none of the kept lists drop out. */
int
mse_table_collapse(const struct mse_table *t, const size_t *lists,
    size_t nlists, struct mse_table **out, struct mse_error *err)
{
	const char *names[MSE_MAX_LISTS];
	struct mse_table *c;
	uint32_t w;
	size_t i, j;
	int rc = MSE_OK;

	*out = NULL;
	if (nlists < 2 || nlists > t->k)
		return msei_error(err, MSE_EINVAL,
		    "collapse needs 2 to %zu lists, not %zu", t->k, nlists);
	for (i = 0; i < nlists; i++) {
		if (lists[i] >= t->k)
			return msei_error(err, MSE_EINVAL, "no list %zu",
			    lists[i]);
		for (j = 0; j < i; j++)
			if (lists[j] == lists[i])
				return msei_error(err, MSE_EINVAL,
				    "list %s named twice",
				    t->names[lists[i]]);
		names[i] = t->names[lists[i]];
	}
	c = mse_table_new(nlists, names, err);
	if (c == NULL)
		return err != NULL ? err->code : MSE_ENOMEM;
	for (w = mse_table_next(t, 0); w != 0 && rc == MSE_OK;
	    w = mse_table_next(t, w)) {
		uint32_t v = 0;

		for (i = 0; i < nlists; i++)
			if (w & ((uint32_t)1 << lists[i]))
				v |= (uint32_t)1 << i;
		if (v != 0)
			rc = mse_table_set(c, v, mse_table_get(c, v) +
			    mse_table_get(t, w), err);
	}
	if (rc != MSE_OK) {
		mse_table_free(c);
		return rc;
	}
	*out = c;
	return MSE_OK;
}
