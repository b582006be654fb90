/* SPDX-License-Identifier: GPL-3.0-or-later */
/* prevalence.c - prevalence per population, ratios to a figure, ranks. */
#include <config.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mse_private.h"

/*
 * The population is taken as known (a census or register figure), so an
 * interval for the count scales into one for the prevalence: both bounds
 * are divided by the same number.
 */
int
mse_prevalence(const double count[3], double population, double per,
    double out[3], struct mse_error *err)
{
	size_t i;

	out[0] = out[1] = out[2] = NAN;
	if (!isfinite(per) || per <= 0)
		return msei_error(err, MSE_EINVAL, "the rate must be per a "
		    "positive number of people");
	if (!isfinite(population) || population < 1)
		return msei_error(err, MSE_EDOMAIN, "the population must be "
		    "a number of people, at least 1 (it is %g)", population);
	if (isnan(count[0]))
		return msei_error(err, MSE_EDOMAIN, "no estimate");
	if (!isfinite(count[0]))
		return msei_error(err, MSE_EDOMAIN, "the estimate is not "
		    "finite");
	if (count[0] < 0)
		return msei_error(err, MSE_EDOMAIN, "the count is negative");
	if (!isnan(count[1]) && !isnan(count[2]) && count[1] > count[2])
		return msei_error(err, MSE_EDOMAIN, "the interval's lower "
		    "bound %g is above its upper bound %g", count[1],
		    count[2]);
	if ((!isnan(count[1]) && count[1] > count[0]) ||
	    (!isnan(count[2]) && count[2] < count[0]))
		return msei_error(err, MSE_EDOMAIN, "the interval [%g, %g] "
		    "does not hold the estimate %g", count[1], count[2],
		    count[0]);
	for (i = 0; i < 3; i++)
		out[i] = count[i] / population * per;
	for (i = 0; i < 3; i++)
		if (isinf(out[i]) && isfinite(count[i])) {
			out[0] = out[1] = out[2] = NAN;
			return msei_error(err, MSE_EDOMAIN, "the prevalence "
			    "overflows (%g per %g people)", count[i], per);
		}
	return MSE_OK;
}

int
mse_ratio(const double est[3], double reference, double out[3],
    struct mse_error *err)
{
	size_t i;

	out[0] = out[1] = out[2] = NAN;
	if (!isfinite(reference) || reference <= 0)
		return msei_error(err, MSE_EDOMAIN, "the reference figure "
		    "must be a positive number");
	if (isnan(est[0]))
		return msei_error(err, MSE_EDOMAIN, "no estimate");
	for (i = 0; i < 3; i++)
		out[i] = est[i] / reference;
	return MSE_OK;
}

/* Standard competition ranking ("1224"), largest first: a value's rank
 * is one more than the number of values strictly larger than it. */
int
mse_rank(const double *v, size_t n, double *rank, struct mse_error *err)
{
	size_t *idx, i, j;

	idx = msei_calloc(n + 1, sizeof(*idx));
	if (idx == NULL)
		return msei_error(err, MSE_ENOMEM, "out of memory");
	for (i = j = 0; i < n; i++)
		if (!isnan(v[i]))
			idx[j++] = i;
	/* Insertion sort, largest first: stable, and n is a country list. */
	for (i = 1; i < j; i++) {
		size_t k, t = idx[i];

		for (k = i; k > 0 && v[idx[k - 1]] < v[t]; k--)
			idx[k] = idx[k - 1];
		idx[k] = t;
	}
	for (i = 0; i < n; i++)
		rank[i] = NAN;
	for (i = 0; i < j; i++)
		rank[idx[i]] = i > 0 && v[idx[i]] == v[idx[i - 1]] ?
		    rank[idx[i - 1]] : (double)(i + 1);
	free(idx);
	return MSE_OK;
}
