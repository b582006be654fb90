/* SPDX-License-Identifier: GPL-3.0-or-later */
/* table.c - capture-history tables: lists, patterns and their counts. */
#include <config.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mse_private.h"

struct mse_table {
	size_t k;
	char **names;
	double *counts;		/* indexed by pattern, 2^k entries, [0] = 0 */
};

/* Counts are doubles holding whole numbers; 2^53 is the largest such that
 * every smaller whole number is exact (IEEE 754 binary64). */
#define COUNT_MAX 9007199254740992.0

struct mse_table *
mse_table_new(size_t k, const char *const *names, struct mse_error *err)
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
	t->names = msei_calloc(k, sizeof(*t->names));
	t->counts = msei_calloc((size_t)1 << k, sizeof(*t->counts));
	if (t->names == NULL || t->counts == NULL)
		goto nomem;
	for (i = 0; i < k; i++) {
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
	return list < t->k ? t->names[list] : NULL;
}

long
mse_table_find(const struct mse_table *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->k; i++)
		if (strcmp(t->names[i], name) == 0)
			return (long)i;
	return -1;
}

double
mse_table_get(const struct mse_table *t, uint32_t pattern)
{
	if (pattern == 0 || pattern > mse_table_cells(t))
		return 0;
	return t->counts[pattern];
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
	uint32_t w, cells = mse_table_cells(t);
	double s = 0;

	for (w = 1; w <= cells; w++)
		if ((size_t)msei_popcount(w) == nlists)
			s += t->counts[w];
	return s;
}

double
msei_table_margin(const struct mse_table *t, uint32_t term)
{
	uint32_t w, cells = mse_table_cells(t);
	double s = 0;

	for (w = 1; w <= cells; w++)
		if ((w & term) == term)
			s += t->counts[w];
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
	uint32_t w, cells = mse_table_cells(t);
	size_t i, j;

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
	for (w = 1; w <= cells; w++) {
		uint32_t v = 0;

		for (i = 0; i < nlists; i++)
			if (w & ((uint32_t)1 << lists[i]))
				v |= (uint32_t)1 << i;
		c->counts[v] += t->counts[w];
	}
	c->counts[0] = 0;
	*out = c;
	return MSE_OK;
}
