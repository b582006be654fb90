/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_strata.c - unit tests of stratified tables (strata.c); their readers,
 * records and absent cells have test_strataread, test_records and
 * test_absent. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "mse.h"
#include "tap.h"

static FILE *
open_data(const char *name)
{
	const char *top = getenv("top_srcdir");
	char path[4096];

	snprintf(path, sizeof(path), "%s/data/%s", top ? top : ".", name);
	return fopen(path, "rb");
}

static struct mse_strata *
load(const char *name, const char *const *vars, size_t nvars,
    const char *const *lists, size_t nlists)
{
	struct mse_strata_spec spec = { sizeof(spec), 0, vars, nvars, lists,
	    nlists, 0 };
	struct mse_strata *s = NULL;
	FILE *fp = open_data(name);

	if (fp == NULL)
		return NULL;
	if (mse_strata_read(fp, name, &spec, &s, NULL) != MSE_OK)
		s = NULL;
	fclose(fp);
	return s;
}

static struct mse_table *
load_table(const char *name)
{
	struct mse_table *t = NULL;
	FILE *fp = open_data(name);

	if (fp == NULL)
		return NULL;
	if (mse_table_read(fp, name, 0, &t, NULL) != MSE_OK)
		t = NULL;
	fclose(fp);
	return t;
}

/* Same lists, same counts in every cell. */
static int
same_table(const struct mse_table *a, const struct mse_table *b)
{
	uint32_t w;
	size_t i;

	if (mse_table_lists(a) != mse_table_lists(b))
		return 0;
	for (i = 0; i < mse_table_lists(a); i++)
		if (strcmp(mse_table_name(a, i), mse_table_name(b, i)) != 0)
			return 0;
	for (w = 1; w <= mse_table_cells(a); w++)
		if (mse_table_get(a, w) != mse_table_get(b, w))
			return 0;
	return 1;
}

static void
value_order(void)
{
	ok(mse_value_cmp("9", "10") < 0, "value order: 9 before 10");
	ok(mse_value_cmp("-1", "2") < 0, "value order: -1 before 2");
	ok(mse_value_cmp("2.5", "2") > 0, "value order: 2.5 after 2");
	ok(mse_value_cmp("2016", "abc") < 0, "value order: numbers first");
	ok(mse_value_cmp("Male", "Female") > 0, "value order: text bytewise");
	ok(mse_value_cmp("b", "b") == 0, "value order: equal");
}

static void
basics(void)
{
	const char *lists[] = { "A", "B" }, *vars[] = { "year", "gender" };
	const char *v1[] = { "10", "m" }, *v2[] = { "9", "k" };
	const char *v3[] = { "9", "m" }, *v4[] = { "10", "k" };
	struct mse_strata *s = mse_strata_new(2, lists, 2, vars, NULL);
	struct mse_error err;
	char buf[64];
	size_t i;

	if (!ok(s != NULL, "strata: new"))
		return;
	ok(mse_strata_add(s, v1, 1, 5, &i, NULL) == MSE_OK && i == 0,
	    "strata: add makes stratum 0");
	ok(mse_strata_add(s, v2, 3, 2, &i, NULL) == MSE_OK && i == 1,
	    "strata: add makes stratum 1");
	ok(mse_strata_add(s, v1, 1, 4, &i, NULL) == MSE_OK && i == 0,
	    "strata: add to an existing stratum");
	is_rel(mse_table_get(mse_strata_table(s, 0), 1), 9, 0,
	    "strata: counts add up (5 + 4)");
	is_int(mse_strata_add(s, v1, 0, 3, NULL, &err), MSE_EINVAL,
	    "strata: pattern 0 with a count is refused");
	is_int(mse_strata_add(s, v1, 4, 1, NULL, NULL), MSE_EINVAL,
	    "strata: a pattern beyond the lists is refused");
	ok(mse_strata_sort(s, NULL) == MSE_OK && strcmp(mse_strata_value(s,
	    0, 0), "9") == 0, "strata: sort puts year 9 first");
	is_int(mse_strata_find(s, v1), 1, "strata: found after sorting");
	ok(mse_strata_complete(s, NULL) == MSE_OK, "strata: complete");
	is_int((long)mse_strata_count(s), 4, "strata: 2 x 2 combinations");
	is_int(mse_strata_find(s, v3), 1, "strata: 9,m added in order");
	is_rel(mse_table_observed(mse_strata_table(s, (size_t)
	    mse_strata_find(s, v4))), 0, 0, "strata: the added stratum is "
	    "empty");
	mse_strata_format(s, 0, buf, sizeof(buf));
	ok(strcmp(buf, "year=9, gender=k") == 0, "strata: format '%s'", buf);
	is_int(mse_strata_find_var(s, "gender"), 1, "strata: find a variable");
	is_int(mse_strata_find_list(s, "B"), 1, "strata: find a list");
	mse_strata_free(s);
	ok(mse_strata_new(2, vars, 1, vars, NULL) == NULL, "strata: a list "
	    "and a variable may not share a name");
	mse_strata_free(NULL);
}

/* The merges that made SparseMSE's five-list tables from the full ones. */
static void
merge_check(const char *full, const char *const *merge, size_t n,
    const char *name, const char *five)
{
	struct mse_strata *s = load(full, NULL, 0, NULL, 0);
	struct mse_table *t = load_table(five);
	struct mse_error err;
	size_t i;
	int rc = s != NULL && t != NULL ? MSE_OK : MSE_EIO;

	for (i = 1; i < n && rc == MSE_OK; i++)
		rc = mse_strata_merge(s, i == 1 ? merge[0] : name, merge[i],
		    name, &err);
	ok(rc == MSE_OK && same_table(mse_strata_table(s, 0), t), "merge: "
	    "%s with %s merged into %s is %s (SparseMSE's table, exact)",
	    full, merge[0], name, five);
	mse_strata_free(s);
	mse_table_free(t);
}

static void
list_ops(void)
{
	static const char *const uk[] = { "PF", "NCA" };
	static const char *const ned[] = { "I", "O" };
	static const char *const no[] = { "B", "E", "F", "G" };
	static const size_t five[] = { 0, 1, 2, 3, 4 };
	struct mse_strata *s = load("UKdat.csv", NULL, 0, NULL, 0);
	struct mse_table *t = load_table("UKdat.csv"), *c = NULL;
	struct mse_error err;

	merge_check("UKdat.csv", uk, 2, "PFNCA", "UKdat_5.csv");
	merge_check("Ned.csv", ned, 2, "IO", "Ned_5.csv");
	merge_check("NewOrl.csv", no, 4, "BEFG", "NewOrl_5.csv");
	if (!ok(s != NULL && t != NULL, "UKdat loads"))
		return;
	mse_table_collapse(t, five, 5, &c, NULL);
	ok(mse_strata_drop(s, "NCA", &err) == MSE_OK && c != NULL &&
	    same_table(mse_strata_table(s, 0), c), "drop: UKdat without NCA "
	    "is the table collapsed onto the other five");
	ok(mse_strata_rename(s, "LA", "Kommuner", &err) == MSE_OK &&
	    mse_strata_find_list(s, "Kommuner") == 0 &&
	    mse_table_observed(mse_strata_table(s, 0)) ==
	    mse_table_observed(c), "rename: LA to Kommuner keeps the counts");
	is_int(mse_strata_rename(s, "NG", "GO", &err), MSE_EINVAL,
	    "rename: to a name already taken is refused");
	is_int(mse_strata_drop(s, "NCA", &err), MSE_EINVAL, "drop: an unknown "
	    "list is refused");
	ok(strstr(err.message, "no list named 'NCA'") != NULL,
	    "drop: the message names the list (%s)", err.message);
	is_int(mse_strata_merge(s, "NG", "NG", "X", &err), MSE_EINVAL,
	    "merge: a list with itself is refused");
	mse_strata_free(s);
	mse_table_free(t);
	mse_table_free(c);
}

int
main(void)
{
	gsl_set_error_handler_off();
	value_order();
	basics();
	list_ops();
	return tap_done();
}
