/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_freq.c - unit tests of frequency data (freq.c): f_i, the units
 * caught exactly i times, set, read and counted from a table. */
#include <config.h>

#include <math.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "mse.h"
#include "tap.h"

/* 2^53, the largest count the library accepts (mse.h: whole numbers up to
 * 2^53, exact in an IEEE 754 double). */
#define TWO53 9007199254740992.0

static void
set_get(void)
{
	struct mse_freq *fr = mse_freq_new(NULL);

	if (!ok(fr != NULL, "freq: new"))
		return;
	is_int((long)mse_freq_max(fr), 0, "freq: empty, max 0");
	is_rel(mse_freq_observed(fr), 0, 0, "freq: empty, n = 0");
	ok(mse_freq_set(fr, 3, 5, NULL) == MSE_OK, "freq: set f_3 = 5");
	is_int((long)mse_freq_max(fr), 3, "freq: max is 3");
	is_rel(mse_freq_get(fr, 3), 5, 0, "freq: f_3 = 5");
	is_rel(mse_freq_get(fr, 2), 0, 0, "freq: f_2 unset is 0");
	is_rel(mse_freq_get(fr, 0), 0, 0, "freq: f_0 is 0 (never observed)");
	is_rel(mse_freq_get(fr, 40), 0, 0, "freq: f beyond max is 0");
	ok(mse_freq_set(fr, 1, 10, NULL) == MSE_OK && mse_freq_set(fr, 2, 4,
	    NULL) == MSE_OK, "freq: set f_1 = 10, f_2 = 4");
	is_rel(mse_freq_observed(fr), 19, 0, "freq: n = 10 + 4 + 5 = 19");
	ok(mse_freq_set(fr, 3, 0, NULL) == MSE_OK, "freq: f_3 back to 0");
	is_int((long)mse_freq_max(fr), 2, "freq: max falls to 2");
	is_rel(mse_freq_observed(fr), 14, 0, "freq: n = 10 + 4 = 14");
	ok(mse_freq_set(fr, MSE_FREQ_MAX, TWO53, NULL) == MSE_OK &&
	    mse_freq_max(fr) == MSE_FREQ_MAX && mse_freq_get(fr,
	    MSE_FREQ_MAX) == TWO53, "freq: f_1000 = 2^53, the largest i and "
	    "count, is kept exactly");
	mse_freq_free(fr);
	mse_freq_free(NULL);
}

static void
set_errors(void)
{
	struct mse_freq *fr = mse_freq_new(NULL);
	struct mse_error e;

	if (!ok(fr != NULL, "freq: new"))
		return;
	is_int(mse_freq_set(fr, 0, 1, &e), MSE_EINVAL, "freq: i = 0 is "
	    "refused");
	ok(strstr(e.message, "captures 0 is not between 1 and 1000") != NULL,
	    "freq: ... saying so (%s)", e.message);
	is_int(mse_freq_set(fr, MSE_FREQ_MAX + 1, 1, &e), MSE_EINVAL, "freq: "
	    "i = 1001 is refused");
	is_int(mse_freq_set(fr, 1, -1, &e), MSE_EINVAL, "freq: a negative "
	    "count is refused");
	ok(strstr(e.message, "count -1 is not a whole number") != NULL,
	    "freq: ... saying so (%s)", e.message);
	is_int(mse_freq_set(fr, 1, 2.5, &e), MSE_EINVAL, "freq: a fraction "
	    "is refused");
	is_int(mse_freq_set(fr, 1, NAN, &e), MSE_EINVAL, "freq: NaN is "
	    "refused");
	is_int(mse_freq_set(fr, 1, INFINITY, &e), MSE_EINVAL, "freq: "
	    "infinity is refused");
	is_int(mse_freq_set(fr, 1, 2 * TWO53, &e), MSE_EINVAL, "freq: 2^54 "
	    "is refused (beyond 2^53)");
	is_int((long)mse_freq_max(fr), 0, "freq: refused values leave it "
	    "empty");
	mse_freq_free(fr);
}

/*
 * f_i of a table: the hand-counted three-list table of test_describe.c,
 * 100:5 010:4 110:3 001:2 101:1 011:6 111:7, has f_1 = 5+4+2 = 11,
 * f_2 = 3+1+6 = 10, f_3 = 7.
 */
static void
from_table(void)
{
	static const char *const names[] = { "A", "B", "C" };
	static const double c[8] = { 0, 5, 4, 3, 2, 1, 6, 7 };
	struct mse_table *t = mse_table_new(3, names, NULL);
	struct mse_freq *fr = NULL;
	uint32_t w;

	for (w = 1; t != NULL && w < 8; w++)
		mse_table_set(t, w, c[w], NULL);
	if (!ok(t != NULL && mse_freq_from_table(t, &fr, NULL) == MSE_OK,
	    "freq: from a table"))
		goto done;
	ok(mse_freq_get(fr, 1) == 11 && mse_freq_get(fr, 2) == 10 &&
	    mse_freq_get(fr, 3) == 7, "freq: f = 11, 10, 7 (by hand, exact)");
	is_int((long)mse_freq_max(fr), 3, "freq: max = 3 lists");
	is_rel(mse_freq_observed(fr), mse_table_observed(t), 0, "freq: sum "
	    "of f_i is the table's n = 28");
	mse_freq_free(fr);
	fr = NULL;
	mse_table_set(t, 7, 0, NULL);
	ok(mse_freq_from_table(t, &fr, NULL) == MSE_OK && mse_freq_max(fr) ==
	    2, "freq: with 111 emptied, max is 2");
done:
	mse_freq_free(fr);
	mse_table_free(t);
}

/* Parse buf as mse-data(5); the status. */
static int
parse(const char *buf, struct mse_table **t, struct mse_freq **fr,
    struct mse_error *e)
{
	mse_error_clear(e);
	return mse_data_parse(buf, strlen(buf), "f.csv", 0, t, fr, e);
}

/* Rcapture's "nbcap" form (mse-data(5)): the same f_i read back. */
static void
read_freq(void)
{
	struct mse_table *t = NULL;
	struct mse_freq *fr = NULL;
	struct mse_error e;

	ok(parse("nbcap,count\n1,11\n2,10\n3,7\n", &t, &fr, &e) == MSE_OK &&
	    t == NULL && fr != NULL && mse_freq_get(fr, 1) == 11 &&
	    mse_freq_get(fr, 2) == 10 && mse_freq_get(fr, 3) == 7 &&
	    mse_freq_observed(fr) == 28, "read: nbcap,count gives frequency "
	    "data, f = 11, 10, 7, n = 28");
	mse_freq_free(fr);
	fr = NULL;
	ok(parse("count,nbcap\n7,3\n11,1\n", &t, &fr, &e) == MSE_OK &&
	    fr != NULL && mse_freq_get(fr, 3) == 7 && mse_freq_get(fr, 2) ==
	    0 && mse_freq_max(fr) == 3, "read: columns in either order, "
	    "rows in any order, a missing i is 0");
	mse_freq_free(fr);
	fr = NULL;
	is_int(parse("nbcap,count\n1,10\n0,3\n", &t, &fr, &e), MSE_EPARSE,
	    "read: nbcap 0 is refused");
	ok(e.line == 3 && e.column == 1 && strstr(e.message, "at least 1"),
	    "read: ... at 3:1 (%ld:%ld, %s)", e.line, e.column, e.message);
	is_int(parse("nbcap,count\n1,10\n2,4\n2,5\n", &t, &fr, &e),
	    MSE_EPARSE, "read: an i given twice is refused");
	ok(e.line == 4 && strstr(e.message, "lines 3 and 4"), "read: ... "
	    "naming both lines (%s)", e.message);
	is_int(parse("nbcap,count\n1,10\n2,2.5\n", &t, &fr, &e), MSE_EPARSE,
	    "read: a fractional count is refused");
	ok(e.line == 3 && e.column == 3, "read: ... at 3:3 (%ld:%ld)", e.line,
	    e.column);
	is_int(parse("nbcap,count\n1,10\n1001,1\n", &t, &fr, &e), MSE_EPARSE,
	    "read: nbcap 1001 is beyond MSE_FREQ_MAX");
	ok(fr == NULL && t == NULL, "read: nothing is returned on error");
	/* Read as a table, nbcap is its only list column. */
	ok(parse("nbcap,count\n1,10\n", &t, NULL, &e) == MSE_EPARSE &&
	    t == NULL, "read: frequency data where only a table is accepted "
	    "is refused (%s)", e.message);
}

int
main(void)
{
	gsl_set_error_handler_off();
	set_get();
	set_errors();
	from_table();
	read_freq();
	return tap_done();
}
