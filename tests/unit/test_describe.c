/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_describe.c - unit tests of the descriptive statistics (describe.c),
 * Rcapture's descriptive() f_i, u_i, v_i and n_i, counted by hand. */
#include <config.h>

#include <gsl/gsl_errno.h>

#include "mse.h"
#include "tap.h"

/*
 * A three-list table whose statistics are counted by hand below.  List A
 * is bit 0, B bit 1, C bit 2; the counts are
 *   100:5  010:4  110:3  001:2  101:1  011:6  111:7   (n = 28).
 * Rcapture's descriptive() (Baillargeon & Rivest 2007, the Rcapture
 * manual) defines, for occasion (list) i in column order:
 *   n_i  the units on list i,
 *   u_i  the units first seen on list i (on i, on none before it),
 *   v_i  the units last seen on list i (on i, on none after it),
 *   f_i  the units seen exactly i times.
 * By hand:
 *   n_A = 5+3+1+7 = 16,  n_B = 4+3+6+7 = 20,  n_C = 2+1+6+7 = 16;
 *   u_A = n_A = 16,  u_B = 010+011 = 4+6 = 10,  u_C = 001 = 2;
 *   v_A = 100 = 5,  v_B = 010+110 = 4+3 = 7,  v_C = n_C = 16;
 *   f_1 = 5+4+2 = 11,  f_2 = 3+1+6 = 10,  f_3 = 7;
 * and the pairs: A and B 110+111 = 10, A and C 101+111 = 8,
 * B and C 011+111 = 13.
 */
static const double hand[8] = { 0, 5, 4, 3, 2, 1, 6, 7 };

static struct mse_table *
hand_table(void)
{
	static const char *const names[] = { "A", "B", "C" };
	struct mse_table *t = mse_table_new(3, names, NULL);
	uint32_t w;

	for (w = 1; t != NULL && w < 8; w++)
		if (mse_table_set(t, w, hand[w], NULL) != MSE_OK) {
			mse_table_free(t);
			return NULL;
		}
	return t;
}

static void
first_last(const struct mse_table *t)
{
	static const double n[3] = { 16, 20, 16 }, u[3] = { 16, 10, 2 };
	static const double v[3] = { 5, 7, 16 };
	double su = 0, sv = 0;
	size_t i;

	for (i = 0; i < 3; i++) {
		is_rel(mse_table_list_total(t, i), n[i], 0, "n_%zu = %g "
		    "(counted by hand, exact)", i + 1, n[i]);
		is_rel(mse_table_first_seen(t, i), u[i], 0, "u_%zu = %g "
		    "(counted by hand, exact)", i + 1, u[i]);
		is_rel(mse_table_last_seen(t, i), v[i], 0, "v_%zu = %g "
		    "(counted by hand, exact)", i + 1, v[i]);
		su += mse_table_first_seen(t, i);
		sv += mse_table_last_seen(t, i);
	}
	/* Every unit has exactly one first and one last list. */
	is_rel(su, 28, 0, "sum of u_i is n = 28 (each unit is first seen "
	    "once, exact)");
	is_rel(sv, 28, 0, "sum of v_i is n = 28 (exact)");
	is_rel(mse_table_first_seen(t, 3), 0, 0, "u of a list beyond the "
	    "table is 0");
	is_rel(mse_table_last_seen(t, 99), 0, 0, "v of a list beyond the "
	    "table is 0");
}

static void
frequencies(const struct mse_table *t)
{
	static const double f[4] = { 0, 11, 10, 7 };
	size_t i;

	for (i = 1; i <= 3; i++)
		is_rel(mse_table_seen_by(t, i), f[i], 0, "f_%zu = %g (counted "
		    "by hand, exact)", i, f[i]);
}

static void
overlaps(const struct mse_table *t)
{
	is_rel(mse_table_overlap(t, 0, 1), 10, 0, "A and B: 10 (by hand)");
	is_rel(mse_table_overlap(t, 1, 0), 10, 0, "B and A: the same 10");
	is_rel(mse_table_overlap(t, 0, 2), 8, 0, "A and C: 8 (by hand)");
	is_rel(mse_table_overlap(t, 1, 2), 13, 0, "B and C: 13 (by hand)");
	is_rel(mse_table_overlap(t, 1, 1), 20, 0, "a list with itself is "
	    "n_B = 20");
	is_rel(mse_table_overlap(t, 0, 3), 0, 0, "a list beyond the table "
	    "overlaps nobody");
}

/* Artificial_3 (data/Artificial_3.csv: 100:40, 010:30, 110:6, 001:20):
 * u = (46, 30, 20) and v = (40, 36, 20) by hand; C alone saw its 20. */
static void
artificial(void)
{
	static const char *const names[] = { "A", "B", "C" };
	struct mse_table *t = mse_table_new(3, names, NULL);

	if (!ok(t != NULL && mse_table_set(t, 1, 40, NULL) == MSE_OK &&
	    mse_table_set(t, 2, 30, NULL) == MSE_OK &&
	    mse_table_set(t, 3, 6, NULL) == MSE_OK &&
	    mse_table_set(t, 4, 20, NULL) == MSE_OK, "Artificial_3 builds"))
		goto done;
	ok(mse_table_first_seen(t, 0) == 46 && mse_table_first_seen(t, 1) ==
	    30 && mse_table_first_seen(t, 2) == 20, "Artificial_3: u = 46, "
	    "30, 20 (by hand, exact)");
	ok(mse_table_last_seen(t, 0) == 40 && mse_table_last_seen(t, 1) ==
	    36 && mse_table_last_seen(t, 2) == 20, "Artificial_3: v = 40, "
	    "36, 20 (by hand, exact)");
	ok(mse_table_overlap(t, 0, 2) == 0 && mse_table_overlap(t, 1, 2) ==
	    0, "Artificial_3: C overlaps neither A nor B");
done:
	mse_table_free(t);
}

int
main(void)
{
	struct mse_table *t;

	gsl_set_error_handler_off();
	t = hand_table();
	if (ok(t != NULL, "the hand-counted table builds")) {
		first_last(t);
		frequencies(t);
		overlaps(t);
	}
	mse_table_free(t);
	artificial();
	return tap_done();
}
