/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_strataread.c - unit tests of the reader of tables with stratum
 * columns (strataread.c): shapes, sums and line:column errors. */
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

static void
reader(void)
{
	static const char *const v3[] = { "Region", "Gender", "Age" };
	static const char *const v1[] = { "Region" };
	static const char *const l4[] = { "S1", "S2", "S3", "S4" };
	const char *ggc[] = { "GGC", "Female", "Old" };
	struct mse_strata *s = load("ScotPWID_region_gender_age.csv", v3, 3,
	    NULL, 0);
	double n = 0;
	size_t i;

	if (!ok(s != NULL, "ScotPWID with three stratum columns loads"))
		return;
	is_int((long)mse_strata_count(s), 8, "ScotPWID: 8 strata");
	is_int((long)mse_strata_lists(s), 4, "ScotPWID: 4 lists");
	for (i = 0; i < mse_strata_count(s); i++)
		n += mse_table_observed(mse_strata_table(s, i));
	is_rel(n, 5670, 0, "ScotPWID: 5670 observed in all (data/README.md)");
	is_int(mse_strata_find(s, ggc), 0, "ScotPWID: GGC, Female, Old sorts "
	    "first");
	is_rel(mse_table_observed(mse_strata_table(s, 0)), 120, 0, "ScotPWID: "
	    "120 in GGC, Female, Old (sum of its rows)");
	mse_strata_free(s);
	s = load("ScotPWID_region_gender_age.csv", v1, 1, l4, 4);
	ok(s != NULL && mse_strata_count(s) == 2 &&
	    mse_table_observed(mse_strata_table(s, 0)) == 1498 &&
	    mse_table_observed(mse_strata_table(s, 1)) == 4172, "ScotPWID by "
	    "region, summed over gender and age: 1498 and 4172");
	mse_strata_free(s);
}

/* Parse buf as a stratified table; the status, and the error. */
static int
parse(const char *buf, const char *const *vars, size_t nvars,
    struct mse_strata **s, struct mse_error *err)
{
	struct mse_strata_spec spec = { sizeof(spec), 0, vars, nvars, NULL,
	    0, 0 };

	mse_error_clear(err);
	return mse_strata_parse(buf, strlen(buf), "t.csv", &spec, s, err);
}

static void
reader_errors(void)
{
	static const char *const year[] = { "year" };
	struct mse_strata *s = NULL;
	struct mse_error e;

	is_int(parse("A,B,count\n1,0,3\n", year, 1, &s, &e), MSE_EPARSE,
	    "reader: a missing stratum column");
	ok(e.line == 1 && strstr(e.message, "no stratum column 'year'"),
	    "reader: ... is named, on line 1 (%s)", e.message);
	is_int(parse("year,A,B,count\n1,1,0,3\n2,1,0,4\n1,1,0,5\n", year, 1,
	    &s, &e), MSE_EPARSE, "reader: a pattern twice in one stratum");
	ok(e.line == 4 && strstr(e.message, "lines 2 and 4"), "reader: ... "
	    "names both lines (%s)", e.message);
	is_int(parse("year,A,B,count\n,1,0,3\n", year, 1, &s, &e), MSE_EPARSE,
	    "reader: an empty stratum value");
	ok(e.line == 2 && e.column == 1, "reader: ... at 2:1");
	is_int(parse("year,A,B,count\n1,1,2,3\n", year, 1, &s, &e), MSE_EPARSE,
	    "reader: a list value 2");
	ok(e.line == 2 && e.column == 5, "reader: ... at 2:5 (%ld:%ld)",
	    e.line, e.column);
	is_int(parse("year,A,B,count\n1,1,0,x\n", year, 1, &s, &e), MSE_EPARSE,
	    "reader: a bad count");
	is_int(parse("year,A,count\n1,1,3\n", year, 1, &s, &e), MSE_EPARSE,
	    "reader: one list");
	is_int(parse("year,A,B,count\n1,1,0,3\n2,1,0,4\n", year, 1, &s, &e),
	    MSE_OK, "reader: the same pattern in two strata");
	mse_strata_free(s);
}

/* data/spina_eth.csv, summed by hand per eth: afro-american
 * 8+3+13+1+3+8 = 36, caucasian 12+134+107+230+3+45+52 = 583, other
 * 1+1 = 2; no row is on S2 in 'other'. */
static void
spina_eth(void)
{
	static const char *const eth[] = { "eth" };
	struct mse_strata *s = load("spina_eth.csv", eth, 1, NULL, 0);

	if (!ok(s != NULL, "spina_eth by eth loads"))
		return;
	ok(mse_strata_count(s) == 3 && mse_strata_lists(s) == 3 &&
	    strcmp(mse_strata_list(s, 1), "S2") == 0, "spina_eth: 3 strata "
	    "of lists S1, S2, S3");
	ok(mse_table_observed(mse_strata_table(s, 0)) == 36 &&
	    mse_table_observed(mse_strata_table(s, 1)) == 583 &&
	    mse_table_observed(mse_strata_table(s, 2)) == 2, "spina_eth: 36, "
	    "583 and 2 observed (summed by hand from the file)");
	is_rel(mse_table_list_total(mse_strata_table(s, 2), 1), 0, 0,
	    "spina_eth: S2 recorded nobody in 'other'");
	is_rel(mse_table_get(mse_strata_table(s, 1), 7), 12, 0, "spina_eth: "
	    "caucasian 111 is 12 (the file's first row of them)");
	mse_strata_free(s);
}

/* Shapes that are not errors. */
static void
reader_shapes(void)
{
	static const char *const year[] = { "year" };
	static const char *const ab[] = { "A", "B" };
	struct mse_strata_spec spec = { sizeof(spec), ';', year, 1, NULL, 0, 0 };
	struct mse_strata *s = NULL;
	struct mse_error e;
	const char *buf;

	buf = "A;B;year;count\n1;0;2016;3\n0;1;2016;2\n";
	ok(mse_strata_parse(buf, strlen(buf), "t.csv", &spec, &s, &e) ==
	    MSE_OK && s != NULL && mse_table_get(mse_strata_table(s, 0), 2) ==
	    2, "reader: ';' as the delimiter, the stratum column anywhere");
	mse_strata_free(s);
	s = NULL;
	spec.delimiter = 0;
	spec.lists = ab;
	spec.nlists = 2;
	buf = "A,B,C,year,count\n1,0,1,1,3\n1,0,0,1,4\n0,0,1,1,5\n";
	ok(mse_strata_parse(buf, strlen(buf), "t.csv", &spec, &s, &e) ==
	    MSE_OK && s != NULL && mse_strata_lists(s) == 2 &&
	    mse_table_get(mse_strata_table(s, 0), 1) == 7 &&
	    mse_table_observed(mse_strata_table(s, 0)) == 7, "reader: with "
	    "lists named, C is summed over (3 + 4 on A alone) and the row on "
	    "no named list left out");
	mse_strata_free(s);
}

/* More errors: each at the field, counted by hand in the input. */
static void
reader_errors2(void)
{
	static const char *const year[] = { "year" };
	static const char *const ac[] = { "A", "year" };
	struct mse_strata_spec spec = { sizeof(spec), 0, year, 1, ac, 2, 0 };
	struct mse_strata *s = NULL;
	struct mse_error e;
	const char *buf;

	is_int(parse("year,A,B,A,count\n1,1,0,1,3\n", year, 1, &s, &e),
	    MSE_EPARSE, "reader: a column name twice");
	ok(e.line == 1 && e.column == 10 && strstr(e.message, "duplicate "
	    "column name 'A' (also column 2)"), "reader: ... at 1:10, naming "
	    "the first (%ld:%ld %s)", e.line, e.column, e.message);
	is_int(parse("year,A,,count\n1,1,0,3\n", year, 1, &s, &e), MSE_EPARSE,
	    "reader: an empty column name");
	ok(e.line == 1 && e.column == 8, "reader: ... at 1:8 (%ld:%ld)",
	    e.line, e.column);
	is_int(parse("year,A,B,n\n1,1,0,3\n", year, 1, &s, &e), MSE_EPARSE,
	    "reader: no count column");
	ok(strstr(e.message, "no 'count' column") != NULL, "reader: ... "
	    "saying so (%s)", e.message);
	is_int(parse("year,A,B,count\n1,1,0,3,9\n", year, 1, &s, &e),
	    MSE_EPARSE, "reader: a row with a field too many");
	ok(e.line == 2 && e.column == 9 && strstr(e.message, "5 fields; the "
	    "header has 4"), "reader: ... at the extra field, 2:9 (%ld:%ld "
	    "%s)", e.line, e.column, e.message);
	is_int(parse("year,A,B,count\n1,0,0,3\n", year, 1, &s, &e),
	    MSE_EPARSE, "reader: the pattern seen by no list");
	ok(e.line == 2 && e.column == 1, "reader: ... at 2:1 (%ld:%ld)",
	    e.line, e.column);
	is_int(mse_strata_parse("A,B,year,count\n1,0,1,3\n", 23, "t.csv",
	    &spec, &s, &e), MSE_EPARSE, "reader: a column both a list and a "
	    "stratum");
	ok(e.line == 1 && e.column == 5 && strstr(e.message, "'year' is both"),
	    "reader: ... at 1:5 (%ld:%ld %s)", e.line, e.column, e.message);
	ok(strcmp(e.file, "t.csv") == 0, "reader: the error names the file");
	buf = "A,B,count\n1,0,3\n";
	spec.vars = NULL;
	spec.nvars = 0;
	spec.lists = NULL;
	ok(mse_strata_parse(buf, strlen(buf), "t.csv", &spec, &s, &e) ==
	    MSE_OK && mse_strata_count(s) == 1, "reader: no stratum column is "
	    "one stratum");
	mse_strata_free(s);
}

int
main(void)
{
	gsl_set_error_handler_off();
	reader();
	reader_errors();
	reader_errors2();
	reader_shapes();
	spina_eth();
	return tap_done();
}
