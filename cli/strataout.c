/* SPDX-License-Identifier: GPL-3.0-or-later */
/* strataout.c - print a stratified table in the format mse-fit reads back. */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "strataout.h"

static size_t
count_rows(const struct mse_strata *s)
{
	size_t i, n = 0;
	uint32_t w;

	for (i = 0; i < mse_strata_count(s); i++) {
		const struct mse_table *t = mse_strata_table(s, i);

		for (w = mse_table_next(t, 0); w != 0; w = mse_table_next(t, w))
			n++;
	}
	return n + mse_strata_incomplete(s);
}

/* A unit with a missing value: NA there, as mse-fit --covariates reads. */
static void
fill_incomplete(struct cell *c, const struct mse_strata *s, size_t i)
{
	size_t j, nv = mse_strata_vars(s), k = mse_strata_lists(s);
	uint32_t w = mse_strata_incomplete_pattern(s, i);

	for (j = 0; j < nv; j++) {
		const char *v = mse_strata_incomplete_value(s, i, j);

		c[j] = (struct cell){ CELL_STR, v != NULL ? v : "NA", 0, 0 };
	}
	for (j = 0; j < k; j++)
		c[nv + j] = (struct cell){ CELL_INT, NULL, 0,
		    (long)(w >> j & 1) };
	c[nv + k] = (struct cell){ CELL_NUM, NULL,
	    mse_strata_incomplete_count(s, i), 0 };
}

static void
fill_row(struct cell *c, const struct mse_strata *s, size_t i, uint32_t w)
{
	size_t j, nv = mse_strata_vars(s), k = mse_strata_lists(s);

	for (j = 0; j < nv; j++)
		c[j] = (struct cell){ CELL_STR, mse_strata_value(s, i, j), 0,
		    0 };
	for (j = 0; j < k; j++)
		c[nv + j] = (struct cell){ CELL_INT, NULL, 0,
		    (long)(w >> j & 1) };
	c[nv + k] = (struct cell){ CELL_NUM, NULL,
	    mse_table_get(mse_strata_table(s, i), w), 0 };
}

int
strata_print(struct outbuf *out, int format, int digits,
    const struct mse_strata *s)
{
	size_t nv = mse_strata_vars(s), k = mse_strata_lists(s);
	size_t ncols = nv + k + 1, nrows = count_rows(s), r = 0, i, j;
	uint32_t w;
	const char **cols = calloc(ncols, sizeof(*cols));
	struct cell *c = nrows > SIZE_MAX / ncols ? NULL :
	    calloc(nrows * ncols + 1, sizeof(*c));

	for (j = 0; j < nv + k; j++)
		if (strcmp(j < nv ? mse_strata_var(s, j) :
		    mse_strata_list(s, j - nv), "count") == 0) {
			free(cols);
			free(c);
			cli_warn("a %s named 'count' cannot be written: the "
			    "count column has that name; %s", j < nv ?
			    "stratum column" : "list", j < nv ? "rename the "
			    "column in the input" : "rename the list with "
			    "-R count=NEW (mse-import) or in the input");
			return -1;
		}
	if (cols == NULL || c == NULL) {
		free(cols);
		free(c);
		cli_warn("out of memory");
		return -1;
	}
	for (j = 0; j < nv; j++)
		cols[j] = mse_strata_var(s, j);
	for (j = 0; j < k; j++)
		cols[nv + j] = mse_strata_list(s, j);
	cols[nv + k] = "count";
	for (i = 0; i < mse_strata_count(s); i++) {
		const struct mse_table *t = mse_strata_table(s, i);

		for (w = mse_table_next(t, 0); w != 0; w = mse_table_next(t, w))
			fill_row(&c[ncols * r++], s, i, w);
	}
	for (i = 0; i < mse_strata_incomplete(s); i++)
		fill_incomplete(&c[ncols * r++], s, i);
	out_table(out, format, digits, cols, ncols, c, nrows);
	free(cols);
	free(c);
	return 0;
}
