/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_table.c - unit tests of capture-history tables (lib/table.c). */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "mse_private.h"
#include "tap.h"

/* Every count below is a whole number, so every comparison is exact: the
 * tolerance is 0 throughout. */
#define EXACT 0.0

/* 2^53 (IEEE 754 binary64), the largest count mse.h allows. */
#define TWO53 9007199254740992.0

/* Read a file of data/ through mse_table_read, relative to top_srcdir as
 * the test harness sets it (Makefile.am AM_TESTS_ENVIRONMENT). */
static struct mse_table *
read_data(const char *name)
{
	const char *top = getenv("top_srcdir");
	struct mse_table *t = NULL;
	struct mse_error err;
	char path[4096];
	FILE *fp;
	int rc;

	mse_error_clear(&err);
	snprintf(path, sizeof(path), "%s/data/%s", top ? top : ".", name);
	fp = fopen(path, "r");
	if (fp == NULL) {
		ok(0, "open %s", path);
		return NULL;
	}
	rc = mse_table_read(fp, name, 0, &t, &err);
	fclose(fp);
	if (!is_int(rc, MSE_OK, "mse_table_read %s", name))
		printf("# %s\n", err.message);
	return t;
}

static void
test_new(void)
{
	const char *names[] = { "X", NULL, "Z" };
	struct mse_error err;
	struct mse_table *t;

	mse_error_clear(&err);
	ok(mse_table_new(1, NULL, &err) == NULL, "new: k = 1 gives NULL "
	    "(mse.h: 2 to MSE_MAX_LISTS lists)");
	is_int(err.code, MSE_EINVAL, "new: k = 1 gives MSE_EINVAL");
	mse_error_clear(&err);
	ok(mse_table_new(MSE_MAX_LISTS + 1, NULL, &err) == NULL,
	    "new: k = 31 gives NULL (mse.h MSE_MAX_LISTS = 30)");
	is_int(err.code, MSE_EINVAL, "new: k = 31 gives MSE_EINVAL");
	ok(mse_table_new(0, NULL, NULL) == NULL, "new: k = 0 with err NULL "
	    "gives NULL");

	t = mse_table_new(3, NULL, &err);
	ok(t != NULL, "new: k = 3, default names");
	if (t == NULL)
		return;
	is_int((long)mse_table_lists(t), 3, "new: 3 lists");
	is_int((long)mse_table_cells(t), 7, "new: 2^3 - 1 = 7 cells");
	ok(strcmp(mse_table_name(t, 0), "L1") == 0 &&
	    strcmp(mse_table_name(t, 1), "L2") == 0 &&
	    strcmp(mse_table_name(t, 2), "L3") == 0,
	    "new: names NULL gives L1, L2, L3 (table.c)");
	ok(mse_table_name(t, 3) == NULL, "new: name of list 3 of 3 is NULL");
	is_rel(mse_table_observed(t), 0, EXACT, "new: a new table is empty");
	mse_table_free(t);

	t = mse_table_new(3, names, &err);
	ok(t != NULL && strcmp(mse_table_name(t, 0), "X") == 0 &&
	    strcmp(mse_table_name(t, 1), "L2") == 0 &&
	    strcmp(mse_table_name(t, 2), "Z") == 0,
	    "new: a NULL entry in names gives its default name L2");
	mse_table_free(t);

	t = mse_table_new(MSE_DENSE_LISTS, NULL, &err);
	ok(t != NULL && mse_table_cells(t) == 0xfffff,
	    "new: 20 lists give 2^20 - 1 cells");
	mse_table_free(t);
}

static void
test_set_get(void)
{
	struct mse_error err;
	struct mse_table *t = mse_table_new(3, NULL, &err);

	if (t == NULL) {
		ok(0, "set: new");
		return;
	}
	is_int(mse_table_set(t, 5, 12, &err), MSE_OK, "set: pattern 5 = 12");
	is_int(mse_table_set(t, 1, 3, &err), MSE_OK, "set: pattern 1 = 3");
	is_int(mse_table_set(t, 7, 0, &err), MSE_OK, "set: a zero count");
	is_int(mse_table_set(t, 6, TWO53, &err), MSE_OK,
	    "set: count 2^53 accepted (mse.h)");
	is_rel(mse_table_get(t, 5), 12, EXACT, "get: pattern 5 is 12");
	is_rel(mse_table_get(t, 6), TWO53, EXACT, "get: pattern 6 is 2^53");
	is_rel(mse_table_get(t, 0), 0, EXACT, "get: pattern 0 is 0");
	is_rel(mse_table_get(t, 8), 0, EXACT, "get: pattern 8 of 7 is 0");
	is_int(mse_table_set(t, 6, 4, &err), MSE_OK, "set: overwrite");
	is_rel(mse_table_observed(t), 19, EXACT,
	    "observed: 12 + 3 + 4 (by hand)");
	/* Pattern 5 = lists 0 and 2, 1 = list 0, 6 = lists 1 and 2. */
	is_rel(mse_table_list_total(t, 0), 15, EXACT,
	    "total: list 0 = 12 + 3 (by hand)");
	is_rel(mse_table_list_total(t, 1), 4, EXACT,
	    "total: list 1 = 4 (by hand)");
	is_rel(mse_table_list_total(t, 2), 16, EXACT,
	    "total: list 2 = 12 + 4 (by hand)");
	is_rel(mse_table_list_total(t, 3), 0, EXACT, "total: no list 3");
	is_rel(mse_table_seen_by(t, 1), 3, EXACT, "seen_by: f1 = 3 (by hand)");
	is_rel(mse_table_seen_by(t, 2), 16, EXACT,
	    "seen_by: f2 = 12 + 4 (by hand)");
	is_rel(mse_table_seen_by(t, 3), 0, EXACT, "seen_by: f3 = 0 (by hand)");
	mse_table_free(t);
}

/* One rejected mse_table_set: the code, and the cell left as it was. */
static void
set_bad(struct mse_table *t, uint32_t pattern, double count,
    const char *what)
{
	struct mse_error err;

	mse_error_clear(&err);
	is_int(mse_table_set(t, pattern, count, &err), MSE_EINVAL,
	    "set rejects %s with MSE_EINVAL (mse.h)", what);
	is_int(err.code, MSE_EINVAL, "set: %s fills err", what);
	if (pattern >= 1 && pattern <= mse_table_cells(t))
		is_rel(mse_table_get(t, pattern), 9, EXACT,
		    "set: %s leaves the count 9", what);
}

static void
test_set_bad(void)
{
	struct mse_table *t = mse_table_new(3, NULL, NULL);

	if (t == NULL || mse_table_set(t, 2, 9, NULL) != MSE_OK) {
		ok(0, "set_bad: new");
		return;
	}
	set_bad(t, 0, 1, "pattern 0");
	set_bad(t, 8, 1, "pattern 8 > 2^3 - 1");
	set_bad(t, UINT32_MAX, 1, "pattern 2^32 - 1");
	set_bad(t, 2, -1, "count -1");
	set_bad(t, 2, 0.5, "count 0.5");
	set_bad(t, 2, 2.5, "count 2.5");
	/* 2^53 + 1 is not a double; 2^53 + 2 is the next one. */
	set_bad(t, 2, TWO53 + 2, "count 2^53 + 2");
	set_bad(t, 2, NAN, "count NaN");
	set_bad(t, 2, INFINITY, "count +Inf");
	is_int(mse_table_set(t, 2, 1, NULL), MSE_OK, "set: err NULL is fine");
	is_int(mse_table_set(t, 0, 1, NULL), MSE_EINVAL,
	    "set: pattern 0 with err NULL still fails");
	mse_table_free(t);
}

/* UKdat: per-list totals and n from shared/data/README.md, f1 and f2 from
 * the foundation issue; all exact. */
static void
test_ukdat(void)
{
	static const char *names[] = { "LA", "NG", "PF", "GO", "GP", "NCA" };
	static const double totals[] = { 94, 567, 1102, 807, 336, 102 };
	struct mse_table *t = read_data("UKdat.csv");
	size_t i;

	if (t == NULL)
		return;
	is_int((long)mse_table_lists(t), 6, "UKdat: 6 lists (README)");
	is_rel(mse_table_observed(t), 2744, EXACT,
	    "UKdat: n = 2744 (shared/data README, exact)");
	for (i = 0; i < 6; i++) {
		ok(strcmp(mse_table_name(t, i), names[i]) == 0,
		    "UKdat: list %zu is %s (README)", i, names[i]);
		is_rel(mse_table_list_total(t, i), totals[i], EXACT,
		    "UKdat: %s total %g (shared/data README, exact)",
		    names[i], totals[i]);
	}
	is_rel(mse_table_seen_by(t, 1), 2492, EXACT,
	    "UKdat: f1 = 2492 (foundation issue, exact)");
	is_rel(mse_table_seen_by(t, 2), 241, EXACT,
	    "UKdat: f2 = 241 (foundation issue, exact)");
	is_int(mse_table_find(t, "PF"), 2, "find: PF is list 2");
	is_int(mse_table_find(t, "NCA"), 5, "find: NCA is list 5");
	is_int(mse_table_find(t, "pf"), -1, "find: names are case-sensitive");
	is_int(mse_table_find(t, "XX"), -1, "find: unknown name gives -1");
	is_int(mse_table_find(t, ""), -1, "find: empty name gives -1");
	mse_table_free(t);
}

/* Collapse UKdat onto LA, NG: n1 = 94, n2 = 567, m = 18, observed 643
 * (foundation issue, exact; 94 + 567 - 18 = 643). */
static void
test_collapse(void)
{
	static const size_t la_ng[] = { 0, 1 }, ng_la[] = { 1, 0 };
	struct mse_table *t = read_data("UKdat.csv"), *c;
	struct mse_error err;

	if (t == NULL)
		return;
	is_int(mse_table_collapse(t, la_ng, 2, &c, &err), MSE_OK,
	    "collapse: onto LA, NG");
	if (c != NULL) {
		ok(mse_table_lists(c) == 2 &&
		    strcmp(mse_table_name(c, 0), "LA") == 0 &&
		    strcmp(mse_table_name(c, 1), "NG") == 0,
		    "collapse: lists LA, NG");
		is_rel(mse_table_list_total(c, 0), 94, EXACT,
		    "collapse: n1 = 94 (issue, exact)");
		is_rel(mse_table_list_total(c, 1), 567, EXACT,
		    "collapse: n2 = 567 (issue, exact)");
		is_rel(mse_table_get(c, 3), 18, EXACT,
		    "collapse: m = pattern 3 = 18 (issue, exact)");
		is_rel(mse_table_observed(c), 643, EXACT,
		    "collapse: observed 643 (issue, exact)");
		mse_table_free(c);
	}
	is_int(mse_table_collapse(t, ng_la, 2, &c, &err), MSE_OK,
	    "collapse: onto NG, LA (given order)");
	if (c != NULL) {
		ok(strcmp(mse_table_name(c, 0), "NG") == 0,
		    "collapse: new list 0 is NG");
		is_rel(mse_table_get(c, 1), 567 - 18, EXACT,
		    "collapse: NG only = 567 - 18 (issue, exact)");
		is_rel(mse_table_get(c, 2), 94 - 18, EXACT,
		    "collapse: LA only = 94 - 18 (issue, exact)");
		mse_table_free(c);
	}
	mse_table_free(t);
}

/* One failing collapse: MSE_EINVAL, *out NULL, and a message. */
static void
collapse_bad(const struct mse_table *t, const size_t *lists, size_t n,
    const char *substr, const char *what)
{
	/* Not NULL, so that the test sees the call clear it. */
	struct mse_table *c = (struct mse_table *)&c;
	struct mse_error err;

	mse_error_clear(&err);
	is_int(mse_table_collapse(t, lists, n, &c, &err), MSE_EINVAL,
	    "collapse: %s gives MSE_EINVAL", what);
	ok(c == NULL, "collapse: %s sets *out to NULL", what);
	ok(strstr(err.message, substr) != NULL,
	    "collapse: %s message has '%s' (got '%s')", what, substr,
	    err.message);
}

static void
test_collapse_bad(void)
{
	static const size_t one[] = { 1 }, twice[] = { 0, 2, 0 },
	    range[] = { 0, 6 }, seven[] = { 0, 1, 2, 3, 4, 5, 0 };
	struct mse_table *t = read_data("UKdat.csv");

	if (t == NULL)
		return;
	collapse_bad(t, one, 1, "2 to 6 lists", "one list");
	collapse_bad(t, one, 0, "2 to 6 lists", "no list");
	collapse_bad(t, twice, 3, "list LA named twice", "LA twice");
	collapse_bad(t, range, 2, "no list 6", "list index 6 of 6");
	collapse_bad(t, seven, 7, "2 to 6 lists", "7 lists of 6");
	mse_table_free(t);
}

/* Western (shared/data README: A 64, B 98, C 126, D 52, E 30, n = 345,
 * exact): bit i of a pattern is list i in column order (mse.h). */
static void
test_western(void)
{
	static const double totals[] = { 64, 98, 126, 52, 30 };
	struct mse_table *t = read_data("Western.csv");
	size_t i;

	if (t == NULL)
		return;
	is_rel(mse_table_observed(t), 345, EXACT, "Western: n = 345 (README)");
	for (i = 0; i < 5; i++)
		is_rel(mse_table_list_total(t, i), totals[i], EXACT,
		    "Western: list %zu total %g (README, exact)", i,
		    totals[i]);
	/* Rows "0,0,0,0,1,21", "0,0,0,1,1,3" and "1,0,1,0,1,1". */
	is_rel(mse_table_get(t, 16), 21, EXACT,
	    "Western: row 0,0,0,0,1,21 is pattern 16 = E only, count 21");
	is_rel(mse_table_get(t, 1), 52, EXACT,
	    "Western: row 1,0,0,0,0,52 is pattern 1 = A only, count 52");
	is_rel(mse_table_get(t, 24), 3, EXACT,
	    "Western: row 0,0,0,1,1,3 is pattern 24 = D and E, count 3");
	is_rel(mse_table_get(t, 21), 1, EXACT,
	    "Western: row 1,0,1,0,1,1 is pattern 21 = A, C, E, count 1");
	is_rel(mse_table_get(t, 31), 0, EXACT,
	    "Western: pattern 31 is absent from the file, so 0");
	mse_table_free(t);
}

static void
format_is(const struct mse_table *t, uint32_t term, const char *want)
{
	char buf[128];
	int rc = mse_table_format_term(t, term, buf, sizeof(buf));

	ok(rc == MSE_OK && strcmp(buf, want) == 0,
	    "format_term %#lx is '%s' (got '%s')", (unsigned long)term, want,
	    rc == MSE_OK ? buf : "error");
}

static void
test_format_term(void)
{
	const char *names[] = { "Pro Sentret", "Politi", "main" };
	struct mse_table *w = read_data("Western.csv"), *t;
	char buf[4];

	if (w == NULL)
		return;
	format_is(w, 3, "A:B");
	format_is(w, 0, "(intercept)");
	format_is(w, 16, "E");
	format_is(w, 21, "A:C:E");
	format_is(w, 31, "A:B:C:D:E");
	is_int(mse_table_format_term(w, 3, buf, 4), MSE_OK,
	    "format_term: 'A:B' fits in 4 bytes");
	is_int(mse_table_format_term(w, 7, buf, 4), MSE_EINVAL,
	    "format_term: 'A:B:C' does not fit in 4 bytes");
	is_int(mse_table_format_term(w, 0, buf, 0), MSE_EINVAL,
	    "format_term: size 0 is MSE_EINVAL");
	mse_table_free(w);
	/* Names that are not formula words come back in backquotes, so
	 * that mse_model_parse can read them (model.c needs_quotes). */
	t = mse_table_new(3, names, NULL);
	if (t == NULL)
		return;
	format_is(t, 3, "`Pro Sentret`:Politi");
	format_is(t, 6, "Politi:`main`");
	mse_table_free(t);
}

/*
 * A sparse table (beyond MSE_DENSE_LISTS, or any size under the test
 * switch msei_table_sparse_always) against a dense one given the same
 * counts in another order, overwrites and zeros included: every cell,
 * the walk of mse_table_next, the sums and a collapse must agree
 * exactly (whole numbers: EXACT).
 */
static void
test_sparse_same(void)
{
	struct mse_table *d = mse_table_new(6, NULL, NULL), *s, *cd = NULL,
	    *cs = NULL;
	size_t keep[3] = { 4, 0, 2 }, i;
	uint32_t w, v;
	int same = 1, walk = 1;

	msei_table_sparse_always(1);
	s = mse_table_new(6, NULL, NULL);
	msei_table_sparse_always(0);
	if (!ok(d != NULL && s != NULL && mse_table_dense(d) &&
	    !mse_table_dense(s), "sparse: a dense and a sparse table of 6"))
		goto out;
	/* Counts (w * 7) mod 5 (some 0), set to 9 first, in a scrambled
	 * order (w * 37 mod 64 visits 1..63 once). */
	for (i = 1; i < 64; i++) {
		w = (uint32_t)(i * 37 % 64);
		mse_table_set(s, w, 9, NULL);
		mse_table_set(s, w, (double)(w * 7 % 5), NULL);
		mse_table_set(d, w, (double)(w * 7 % 5), NULL);
	}
	for (w = 1; w < 64; w++)
		same &= mse_table_get(d, w) == mse_table_get(s, w);
	ok(same, "sparse: every cell as the dense table's");
	for (w = mse_table_next(d, 0), v = mse_table_next(s, 0);
	    w != 0 || v != 0; w = mse_table_next(d, w),
	    v = mse_table_next(s, v))
		walk &= w == v && mse_table_get(s, v) > 0;
	ok(walk, "sparse: mse_table_next walks the same seen cells, in "
	    "order");
	is_rel(mse_table_observed(s), mse_table_observed(d), EXACT,
	    "sparse: observed");
	for (i = 0, same = 1; i < 6; i++)
		same &= mse_table_list_total(s, i) ==
		    mse_table_list_total(d, i) &&
		    mse_table_seen_by(s, i + 1) ==
		    mse_table_seen_by(d, i + 1) &&
		    mse_table_first_seen(s, i) == mse_table_first_seen(d, i) &&
		    mse_table_last_seen(s, i) == mse_table_last_seen(d, i) &&
		    mse_table_overlap(s, i, (i + 1) % 6) ==
		    mse_table_overlap(d, i, (i + 1) % 6);
	ok(same, "sparse: list totals, f_i, first and last seen, overlaps");
	if (ok(mse_table_collapse(d, keep, 3, &cd, NULL) == MSE_OK &&
	    mse_table_collapse(s, keep, 3, &cs, NULL) == MSE_OK,
	    "sparse: collapse onto 3 lists")) {
		for (w = 1, same = 1; w < 8; w++)
			same &= mse_table_get(cd, w) == mse_table_get(cs, w);
		ok(same, "sparse: the collapsed cells agree");
	}
out:
	mse_table_free(cd);
	mse_table_free(cs);
	mse_table_free(d);
	mse_table_free(s);
}

/* 25 lists: sparse; the cells, the walk, and what refuses it. */
static void
test_many_lists(void)
{
	struct mse_table *t = mse_table_new(25, NULL, NULL), *c = NULL;
	size_t keep[20], i;
	struct mse_error err;
	struct mse_dga *dg;
	struct mse_check *ck;
	struct mse_modelset *ms;

	if (!ok(t != NULL && !mse_table_dense(t) &&
	    mse_table_cells(t) == 0x1ffffff, "many: 25 lists, sparse, 2^25 "
	    "- 1 cells"))
		goto out;
	mse_table_set(t, 0x1000000, 3, NULL);
	mse_table_set(t, 1, 2, NULL);
	mse_table_set(t, 0x1000001, 5, NULL);
	mse_table_set(t, 7, 4, NULL);
	mse_table_set(t, 7, 0, NULL);
	ok(mse_table_next(t, 0) == 1 && mse_table_next(t, 1) == 0x1000000 &&
	    mse_table_next(t, 0x1000000) == 0x1000001 &&
	    mse_table_next(t, 0x1000001) == 0, "many: the walk 1, 2^24, "
	    "2^24 + 1 (7 set to 0 is skipped)");
	is_rel(mse_table_observed(t), 10, EXACT, "many: observed 10");
	is_rel(mse_table_list_total(t, 24), 8, EXACT, "many: list 25 "
	    "saw 8");
	is_rel(mse_table_get(t, 0x1000001), 5, EXACT, "many: a cell");
	mse_error_clear(&err);
	ok(mse_table_set(t, 0x2000000, 1, &err) == MSE_EINVAL,
	    "many: pattern 2^25 is outside the table");
	for (i = 0; i < 20; i++)
		keep[i] = i + 5;
	if (ok(mse_table_collapse(t, keep, 20, &c, NULL) == MSE_OK &&
	    mse_table_dense(c), "many: collapsed onto lists 6..25, dense"))
		ok(mse_table_get(c, 1u << 19) == 8 && mse_table_observed(c) ==
		    8, "many: 8 seen by the 20 kept lists, all on the last");
	mse_error_clear(&err);
	ok(mse_dga_fit(t, NULL, &dg, &err) == MSE_EDOMAIN && dg == NULL &&
	    strstr(err.message, "at most 20 lists") != NULL,
	    "many: dga refuses it (%s)", err.message);
	mse_error_clear(&err);
	ok(mse_check_run(t, NULL, &ck, &err) == MSE_EDOMAIN && ck == NULL,
	    "many: mse_check_run refuses it");
	mse_error_clear(&err);
	ok(mse_modelset_fit(t, 2, 10, NULL, &ms, &err) == MSE_EDOMAIN &&
	    ms == NULL, "many: mse_modelset_fit refuses it");
	mse_error_clear(&err);
	ok(mse_model_new(25, &err) == NULL && err.code == MSE_EDOMAIN,
	    "many: no log-linear model of 25 lists");
out:
	mse_table_free(c);
	mse_table_free(t);
}

int
main(void)
{
	gsl_set_error_handler_off();
	test_new();
	test_set_get();
	test_set_bad();
	test_ukdat();
	test_collapse();
	test_collapse_bad();
	test_western();
	test_format_term();
	test_sparse_same();
	test_many_lists();
	mse_table_free(NULL);
	ok(1, "free(NULL) is a no-op (STYLE.md)");
	return tap_done();
}
