/* SPDX-License-Identifier: GPL-3.0-or-later */
/* describe.c - descriptive statistics of a table (Rcapture's descriptive). */
#include <config.h>

#include "mse_private.h"

/* u_i: units whose first list, in column order, is list. */
double
mse_table_first_seen(const struct mse_table *t, size_t list)
{
	uint32_t w;
	double s = 0;

	for (w = mse_table_next(t, 0); w != 0 && list < mse_table_lists(t);
	    w = mse_table_next(t, w))
		if ((size_t)__builtin_ctz(w) == list)
			s += mse_table_get(t, w);
	return s;
}

/* v_i: units whose last list, in column order, is list. */
double
mse_table_last_seen(const struct mse_table *t, size_t list)
{
	uint32_t w;
	double s = 0;

	for (w = mse_table_next(t, 0); w != 0 && list < mse_table_lists(t);
	    w = mse_table_next(t, w))
		if ((size_t)(31 - __builtin_clz(w)) == list)
			s += mse_table_get(t, w);
	return s;
}

/* Units seen by both lists a and b (by a alone when a = b: n_a). */
double
mse_table_overlap(const struct mse_table *t, size_t a, size_t b)
{
	size_t k = mse_table_lists(t);

	if (a >= k || b >= k)
		return 0;
	return msei_table_margin(t, (uint32_t)1 << a | (uint32_t)1 << b);
}
