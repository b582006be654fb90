/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_counts.c - unit tests of annual counts (counts.c) on KOM's figures. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include <mse.h>
#include "tap.h"

#define S(x) (x), sizeof(x) - 1

static struct mse_counts *
read_kom(void)
{
	const char *top = getenv("top_srcdir");
	struct mse_counts *c = NULL;
	struct mse_error err;
	char path[4096];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/data/kom-annual.csv",
	    top != NULL ? top : ".");
	fp = fopen(path, "rb");
	if (fp == NULL)
		return NULL;
	mse_error_clear(&err);
	if (mse_counts_read(fp, "kom-annual.csv", 0, &c, &err) != MSE_OK)
		printf("# %s:%ld:%ld: %s\n", err.file, err.line, err.column,
		    err.message);
	fclose(fp);
	return c;
}

/*
 * The checks of data/kom-annual.csv, worked out by hand from the file:
 * the sums of each year's categories against the year's total, the
 * categories given in other years only, and the line and column of the
 * first category's count.
 */
static const struct {
	long year;
	const char *dimension;
	double sum, total;
	int status;
	const char *missing;
	long line, col;
} kom_checks[] = {
	{ 2011, "group", 191 + 18 + 65, 274, MSE_COUNTS_OK, "", 3, 32 },
	{ 2011, "exploitation", 187 + 66, 274, MSE_COUNTS_GAP, "kombinasjon",
	    6, 51 },
	{ 2012, "group", 255 + 24 + 70, 349, MSE_COUNTS_OK, "", 11, 32 },
	{ 2012, "exploitation", 239 + 69, 349, MSE_COUNTS_GAP, "kombinasjon",
	    14, 51 },
	{ 2014, "group", 36, 324, MSE_COUNTS_GAP, "kvinner, menn", 19, 29 },
	{ 2015, "group", 42, 301, MSE_COUNTS_GAP, "kvinner, menn", 22, 29 },
	{ 2016, "group", 197 + 46 + 18, 262, MSE_COUNTS_GAP, "", 25, 32 },
	{ 2016, "exploitation", 185 + 60 + 17, 262, MSE_COUNTS_OK, "", 28,
	    51 },
};

static void
test_kom(void)
{
	struct mse_counts *c = read_kom();
	struct mse_counts_check k;
	char buf[256];
	size_t i, n = sizeof(kom_checks) / sizeof(kom_checks[0]);

	if (!ok(c != NULL, "data/kom-annual.csv reads"))
		return;
	is_int((long)mse_counts_years(c), 6, "6 years, 2011 to 2016");
	is_int(mse_counts_year(c, 0), 2011, "first year 2011");
	is_int(mse_counts_year(c, 5), 2016, "last year 2016");
	is_int((long)mse_counts_measures(c), 2, "2 measures");
	ok(strcmp(mse_counts_measure(c, 0), "followed_up") == 0 &&
	    strcmp(mse_counts_measure(c, 1), "new") == 0,
	    "measures in order of appearance: followed_up, new");
	is_int((long)mse_counts_categories(c, "followed_up", "group"), 3,
	    "3 groups");
	ok(strcmp(mse_counts_category(c, "followed_up", "group", 2),
	    "barn") == 0, "third group: barn");
	is_int((long)mse_counts_categories(c, "followed_up", "nationality"),
	    0, "'distinct' is not a category of people");
	is_rel(mse_counts_get(c, 2016, "followed_up", "group", "menn"), 46,
	    0, "2016 menn: 46 (line 26)");
	ok(isnan(mse_counts_get(c, 2014, "followed_up", "group", "menn")),
	    "2014 menn: not given (NaN)");
	is_rel(mse_counts_total(c, 2013, "followed_up"), 300, 0,
	    "2013 total: 300 (line 16)");
	is_rel(mse_counts_total(c, 2016, "new"), 99, 0,
	    "2016 new: 99 (line 24)");
	ok(isnan(mse_counts_total(c, 2013, "new")), "2013 new: no total");
	if (!is_int((long)mse_counts_checks(c), (long)n, "%zu checks", n))
		n = 0;
	mse_counts_check_init(&k);
	for (i = 0; i < n; i++) {
		mse_counts_check(c, i, &k, NULL);
		ok(k.year == kom_checks[i].year &&
		    strcmp(k.measure, "followed_up") == 0 &&
		    strcmp(k.dimension, kom_checks[i].dimension) == 0 &&
		    k.sum == kom_checks[i].sum &&
		    k.total == kom_checks[i].total &&
		    k.status == kom_checks[i].status &&
		    strcmp(k.missing, kom_checks[i].missing) == 0 &&
		    k.line == kom_checks[i].line &&
		    k.column == kom_checks[i].col,
		    "check %zu: %ld %s %.0f of %.0f, missing '%s', at %ld:%ld",
		    i, kom_checks[i].year, kom_checks[i].dimension,
		    kom_checks[i].sum, kom_checks[i].total,
		    kom_checks[i].missing, kom_checks[i].line,
		    kom_checks[i].col);
	}
	mse_counts_check_format(c, 6, buf, sizeof(buf));
	ok(strcmp(buf, "2016 group: 261 of 262 (followed_up; 1 not in a "
	    "category)") == 0, "the 2016 gap: %s", buf);
	mse_counts_check_format(c, 4, buf, sizeof(buf));
	ok(strcmp(buf, "2014 group: 36 of 324 (followed_up; 288 not in a "
	    "category; not given: kvinner, menn)") == 0, "2014: %s", buf);
	mse_counts_check_format(c, 0, buf, sizeof(buf));
	ok(strcmp(buf, "2011 group: 274 of 274 (followed_up; adds up)") == 0,
	    "2011: %s", buf);
	mse_counts_free(c);
}

static struct mse_counts *
parse(const char *s, size_t n, struct mse_error *err)
{
	struct mse_csv *csv = NULL;
	struct mse_counts *c = NULL;

	mse_error_clear(err);
	if (mse_csv_parse(s, n, "k.csv", 0, &csv, err) == MSE_OK)
		mse_counts_from_csv(csv, &c, err);
	mse_csv_free(csv);
	return c;
}

#define HEAD "year,measure,dimension,category,count\n"

static const struct {
	const char *what, *text;
	size_t len;
	long line, col;
	const char *msg;
} bad[] = {
	{ "conflicting duplicate",
	    S(HEAD "2016,f,group,a,5\n2016,f,group,a,6\n"),
	    3, 16, "2016 f group a is 6 here but 5 on line 2" },
	{ "two totals", S(HEAD "2016,f,total,all,5\n2016,f,total,alle,6\n"),
	    3, 19, "2016 f has two totals ('alle' here, 'all' on line 2)" },
	{ "year not a number", S(HEAD "20x6,f,total,all,5\n"), 2, 1,
	    "year '20x6' is not a year" },
	{ "negative count", S(HEAD "2016,f,total,all,-5\n"), 2, 18,
	    "count '-5' is not a whole number" },
	{ "fractional count", S(HEAD "2016,f,total,all,5.5\n"), 2, 18,
	    "count '5.5' is not a whole number" },
	/* 2^53 + 1 rounds to 2^53 as a double: compared as an integer. */
	{ "count 2^53 + 1", S(HEAD "2016,f,total,all,9007199254740993\n"),
	    2, 18, "count '9007199254740993' is not a whole number" },
	{ "header only", S(HEAD), 1, 1, "no data rows after the header" },
	{ "empty category", S(HEAD "2016,f,total,,5\n"), 2, 14,
	    "category '' is empty" },
	{ "no count column", S("year,measure,dimension,category,n\n"), 1, 1,
	    "no 'count' column" },
};

static void
test_bad(void)
{
	struct mse_counts *c;
	struct mse_counts_check k;
	struct mse_error err;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		c = parse(bad[i].text, bad[i].len, &err);
		ok(c == NULL && err.code == MSE_EPARSE &&
		    err.line == bad[i].line && err.column == bad[i].col &&
		    strstr(err.message, bad[i].msg) != NULL,
		    "%s: k.csv:%ld:%ld: %s (got %ld:%ld: %s)", bad[i].what,
		    bad[i].line, bad[i].col, bad[i].msg, err.line, err.column,
		    err.message);
		mse_counts_free(c);
	}
	c = parse(S(HEAD "2016,f,group,a,5\n2016,f,group,a,5\n"
	    "2016,f,total,all,4\n2016,f,group,b,1\n"), &err);
	ok(c != NULL, "an identical repeat is accepted");
	mse_counts_check_init(&k);
	if (c != NULL) {
		mse_counts_check(c, 0, &k, NULL);
		ok(mse_counts_checks(c) == 1 && k.sum == 6 && k.total == 4 &&
		    k.status == MSE_COUNTS_OVER, "and counted once: 6 of 4, "
		    "over");
	}
	mse_counts_free(c);
	c = parse(S(HEAD "2016,f,group,a,5\n"), &err);
	if (c != NULL)
		mse_counts_check(c, 0, &k, NULL);
	ok(c != NULL && k.status == MSE_COUNTS_NOTOTAL && isnan(k.total),
	    "a breakdown without a total: no total to check");
	mse_counts_free(c);
	mse_counts_free(NULL);
	ok(1, "mse_counts_free(NULL) is a no-op");
}

/* Closed form: estimate - identified, interval shifted alike. */
static void
test_dark(void)
{
	const double est[3] = { 1000, 800, 1300 }, none[3] = { NAN, NAN,
	    NAN };
	struct mse_error err;
	double d[3];

	ok(mse_dark_figure(est, 262, d, &err) == MSE_OK && d[0] == 738 &&
	    d[1] == 538 && d[2] == 1038, "dark figure 1000 (800, 1300) - 262 "
	    "= 738 (538, 1038)");
	ok(mse_dark_figure(none, 262, d, &err) == MSE_EDOMAIN && isnan(d[0]),
	    "no estimate: MSE_EDOMAIN, NaN");
	ok(mse_dark_figure(est, -1, d, &err) == MSE_EDOMAIN,
	    "a negative number identified: MSE_EDOMAIN");
}

int
main(void)
{
	gsl_set_error_handler_off();
	test_kom();
	test_bad();
	test_dark();
	return tap_done();
}
