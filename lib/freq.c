/* SPDX-License-Identifier: GPL-3.0-or-later */
/* freq.c - frequency data: how many units were caught exactly i times. */
#include <config.h>

#include <math.h>
#include <stdlib.h>

#include "mse_private.h"

/* Counts are whole numbers exact in a double: up to 2^53 (IEEE 754). */
#define COUNT_MAX 9007199254740992.0

struct mse_freq {
	double *f;		/* f[i], i = 1 ... max; f[0] unused */
	size_t max, cap;
};

struct mse_freq *
mse_freq_new(struct mse_error *err)
{
	struct mse_freq *fr = calloc(1, sizeof(*fr));

	if (fr == NULL)
		msei_error(err, MSE_ENOMEM, "out of memory");
	return fr;
}

void
mse_freq_free(struct mse_freq *fr)
{
	if (fr == NULL)
		return;
	free(fr->f);
	free(fr);
}

int
mse_freq_set(struct mse_freq *fr, size_t i, double count,
    struct mse_error *err)
{
	if (i < 1 || i > MSE_FREQ_MAX)
		return msei_error(err, MSE_EINVAL, "number of captures %zu is "
		    "not between 1 and %d", i, MSE_FREQ_MAX);
	if (!(count >= 0 && count <= COUNT_MAX) || count != floor(count))
		return msei_error(err, MSE_EINVAL, "count %g is not a whole "
		    "number from 0 to 2^53", count);
	if (i >= fr->cap) {
		size_t n = i + 1 > 2 * fr->cap ? i + 1 : 2 * fr->cap, j;
		double *p = msei_reallocarray(fr->f, n, sizeof(*p));

		if (p == NULL)
			return msei_error(err, MSE_ENOMEM, "out of memory");
		for (j = fr->cap; j < n; j++)
			p[j] = 0;
		fr->f = p;
		fr->cap = n;
	}
	fr->f[i] = count;
	while (fr->max > 0 && fr->f[fr->max] == 0)
		fr->max--;
	if (count > 0 && i > fr->max)
		fr->max = i;
	return MSE_OK;
}

double
mse_freq_get(const struct mse_freq *fr, size_t i)
{
	return i >= 1 && i <= fr->max ? fr->f[i] : 0;
}

/* The largest i with f_i > 0; 0 when no unit was caught. */
size_t
mse_freq_max(const struct mse_freq *fr)
{
	return fr->max;
}

double
mse_freq_observed(const struct mse_freq *fr)
{
	double n = 0;
	size_t i;

	for (i = 1; i <= fr->max; i++)
		n += fr->f[i];
	return n;
}

/* f_i = the number of units seen by exactly i lists. */
int
mse_freq_from_table(const struct mse_table *t, struct mse_freq **out,
    struct mse_error *err)
{
	struct mse_freq *fr = mse_freq_new(err);
	size_t i, k = mse_table_lists(t);
	int rc = fr == NULL ? MSE_ENOMEM : MSE_OK;

	*out = NULL;
	for (i = 1; i <= k && rc == MSE_OK; i++)
		rc = mse_freq_set(fr, i, mse_table_seen_by(t, i), err);
	if (rc != MSE_OK) {
		mse_freq_free(fr);
		return rc;
	}
	*out = fr;
	return MSE_OK;
}
