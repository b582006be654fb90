/* SPDX-License-Identifier: GPL-3.0-or-later */
/* counts.c - annual counts (KOM style): facts, totals, gaps, dark figure. */
#include <config.h>

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mse_private.h"

/* Counts are exact in a double up to 2^53 (IEEE 754 binary64). */
#define COUNT_MAX 9007199254740992.0

/* The dimension of totals, and the category that counts distinct values
 * rather than people (mse-data(5)). */
#define TOTAL "total"
#define DISTINCT "distinct"

struct fact {
	long year;
	size_t measure, dimension, category;	/* into strs */
	double count;
	long line, column;	/* of the count */
};

struct check {
	long year;
	size_t measure, dimension;
	double sum, total;
	size_t given;
	char *missing;
	int status;
	long line, column;
};

struct mse_counts {
	char **strs;		/* interned measure, dimension, category */
	size_t nstrs, capstrs;
	struct fact *facts;
	size_t nfacts;
	long *years;		/* distinct, ascending */
	size_t nyears;
	size_t *measures;	/* distinct, in order of appearance */
	size_t nmeasures;
	struct check *checks;
	size_t nchecks;
};

enum { COL_YEAR, COL_MEASURE, COL_DIMENSION, COL_CATEGORY, COL_COUNT, NREQ };
static const char *const required[NREQ] = {
	"year", "measure", "dimension", "category", "count"
};

void
mse_counts_free(struct mse_counts *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->nstrs; i++)
		free(c->strs[i]);
	for (i = 0; i < c->nchecks; i++)
		free(c->checks[i].missing);
	free(c->strs);
	free(c->facts);
	free(c->years);
	free(c->measures);
	free(c->checks);
	free(c);
}

/* The index of s in the string pool, added if new; -1 without memory. */
static long
intern(struct mse_counts *c, const char *s)
{
	size_t i;

	for (i = 0; i < c->nstrs; i++)
		if (strcmp(c->strs[i], s) == 0)
			return (long)i;
	if (c->nstrs == c->capstrs) {
		size_t n = c->capstrs ? 2 * c->capstrs : 32;
		char **p = msei_reallocarray(c->strs, n, sizeof(*p));

		if (p == NULL)
			return -1;
		c->strs = p;
		c->capstrs = n;
	}
	c->strs[c->nstrs] = strdup(s);
	if (c->strs[c->nstrs] == NULL)
		return -1;
	return (long)c->nstrs++;
}

static long
lookup(const struct mse_counts *c, const char *s)
{
	size_t i;

	for (i = 0; s != NULL && i < c->nstrs; i++)
		if (strcmp(c->strs[i], s) == 0)
			return (long)i;
	return -1;
}

/* A whole number written with digits only, at most max. */
static int
whole(const char *s, double max, double *v)
{
	size_t n = strspn(s, "0123456789");
	unsigned long long u;
	char *end;

	if (n == 0 || s[n] != '\0' || n > 16)
		return -1;
	errno = 0;
	u = strtoull(s, &end, 10);
	/* Compare as integers: 2^53 + 1 rounds to 2^53 as a double. */
	if (errno != 0 || u > (unsigned long long)max)
		return -1;
	*v = (double)u;
	return 0;
}

/* An error at a field: "<what> '<text>' <why>". */
static int
field_error(const struct mse_csv *csv, size_t row, size_t col,
    const char *what, const char *why, struct mse_error *err)
{
	char b[64];
	long line, column;

	mse_csv_position(csv, row, col, &line, &column);
	return msei_error_at(err, MSE_EPARSE, mse_csv_file(csv), line, column,
	    "%s '%s' %s", what, msei_snip(mse_csv_field(csv, row, col), b,
	    sizeof(b)), why);
}

/* The columns this format needs, by name, in any order. */
static int
find_columns(const struct mse_csv *csv, size_t col[NREQ],
    struct mse_error *err)
{
	size_t i;

	for (i = 0; i < NREQ; i++) {
		long j = mse_csv_find(csv, required[i]);

		if (j < 0)
			return msei_error_at(err, MSE_EPARSE,
			    mse_csv_file(csv), 1, 1, "no '%s' column in the "
			    "header (annual counts need year, measure, "
			    "dimension, category and count)", required[i]);
		col[i] = (size_t)j;
	}
	return MSE_OK;
}

/* Row r of csv as a fact. */
static int
read_fact(struct mse_counts *c, const struct mse_csv *csv, size_t r,
    const size_t col[NREQ], struct fact *f, struct mse_error *err)
{
	const char *year = mse_csv_field(csv, r, col[COL_YEAR]);
	double y;
	long id[3];
	size_t i;

	if (whole(year, 99999, &y) != 0)
		return field_error(csv, r, col[COL_YEAR], "year",
		    "is not a year (digits only)", err);
	f->year = (long)y;
	for (i = 0; i < 3; i++) {
		const char *s = mse_csv_field(csv, r, col[COL_MEASURE + i]);

		if (s[0] == '\0')
			return field_error(csv, r, col[COL_MEASURE + i],
			    required[COL_MEASURE + i], "is empty", err);
		id[i] = intern(c, s);
		if (id[i] < 0)
			return msei_error(err, MSE_ENOMEM, "out of memory");
	}
	f->measure = (size_t)id[0];
	f->dimension = (size_t)id[1];
	f->category = (size_t)id[2];
	if (whole(mse_csv_field(csv, r, col[COL_COUNT]), COUNT_MAX,
	    &f->count) != 0)
		return field_error(csv, r, col[COL_COUNT], "count",
		    "is not a whole number from 0 to 2^53 (digits only)", err);
	mse_csv_position(csv, r, col[COL_COUNT], &f->line, &f->column);
	return MSE_OK;
}

static int
fact_cmp(const void *a, const void *b)
{
	const struct fact *x = a, *y = b;

	if (x->year != y->year)
		return x->year < y->year ? -1 : 1;
	if (x->measure != y->measure)
		return x->measure < y->measure ? -1 : 1;
	if (x->dimension != y->dimension)
		return x->dimension < y->dimension ? -1 : 1;
	if (x->category != y->category)
		return x->category < y->category ? -1 : 1;
	return x->line < y->line ? -1 : x->line > y->line;
}

static int
same_key(const struct fact *a, const struct fact *b)
{
	return a->year == b->year && a->measure == b->measure &&
	    a->dimension == b->dimension && a->category == b->category;
}

/* A fact given twice must say the same both times; two different totals
 * for one year and measure cannot both hold.  Sorts the facts. */
static int
check_duplicates(struct mse_counts *c, const char *file,
    struct mse_error *err)
{
	size_t i, j;

	qsort(c->facts, c->nfacts, sizeof(*c->facts), fact_cmp);
	for (i = 1; i < c->nfacts; i++) {
		const struct fact *a = &c->facts[i - 1], *b = &c->facts[i];

		if (a->year != b->year || a->measure != b->measure ||
		    a->dimension != b->dimension)
			continue;
		if (a->category == b->category && a->count != b->count)
			return msei_error_at(err, MSE_EPARSE, file, b->line,
			    b->column, "%ld %s %s %s is %.0f here but %.0f on "
			    "line %ld", b->year, c->strs[b->measure],
			    c->strs[b->dimension], c->strs[b->category],
			    b->count, a->count, a->line);
		if (a->category != b->category &&
		    strcmp(c->strs[b->dimension], TOTAL) == 0)
			return msei_error_at(err, MSE_EPARSE, file, b->line,
			    b->column, "%ld %s has two totals ('%s' here, "
			    "'%s' on line %ld)", b->year, c->strs[b->measure],
			    c->strs[b->category], c->strs[a->category],
			    a->line);
	}
	/* Identical repeats say nothing new: keep the first. */
	for (i = j = 0; i < c->nfacts; i++)
		if (j == 0 || !same_key(&c->facts[j - 1], &c->facts[i]))
			c->facts[j++] = c->facts[i];
	c->nfacts = j;
	return MSE_OK;
}

/* The distinct years, ascending, and measures, in order of appearance. */
static int
index_facts(struct mse_counts *c)
{
	size_t i, j;
	long first;

	c->years = msei_calloc(c->nfacts + 1, sizeof(*c->years));
	c->measures = msei_calloc(c->nfacts + 1, sizeof(*c->measures));
	if (c->years == NULL || c->measures == NULL)
		return -1;
	for (i = 0; i < c->nfacts; i++)
		if (c->nyears == 0 || c->years[c->nyears - 1] !=
		    c->facts[i].year)
			c->years[c->nyears++] = c->facts[i].year;
	/* The measures in the order of their first line. */
	for (;;) {
		first = -1;
		for (i = 0; i < c->nfacts; i++) {
			for (j = 0; j < c->nmeasures; j++)
				if (c->measures[j] == c->facts[i].measure)
					break;
			if (j == c->nmeasures && (first < 0 ||
			    c->facts[i].line < c->facts[first].line))
				first = (long)i;
		}
		if (first < 0)
			return 0;
		c->measures[c->nmeasures++] = c->facts[first].measure;
	}
}

/* The categories of measure m and dimension d, in the order of their
 * first line, "distinct" left out; returns how many, -1 without memory. */
static long
categories(const struct mse_counts *c, size_t m, size_t d, size_t **out)
{
	size_t i, j, n = 0, *cat;
	long *line;

	*out = NULL;
	cat = msei_calloc(c->nfacts + 1, sizeof(*cat));
	line = msei_calloc(c->nfacts + 1, sizeof(*line));
	if (cat == NULL || line == NULL) {
		free(cat);
		free(line);
		return -1;
	}
	for (i = 0; i < c->nfacts; i++) {
		const struct fact *f = &c->facts[i];

		if (f->measure != m || f->dimension != d ||
		    strcmp(c->strs[f->category], DISTINCT) == 0)
			continue;
		for (j = 0; j < n && cat[j] != f->category; j++)
			;
		if (j == n) {
			cat[n] = f->category;
			line[n++] = f->line;
		} else if (f->line < line[j])
			line[j] = f->line;
	}
	/* Insertion sort by line: the lists are short. */
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && line[j] < line[j - 1]; j--) {
			long tl = line[j];
			size_t tc = cat[j];

			line[j] = line[j - 1], line[j - 1] = tl;
			cat[j] = cat[j - 1], cat[j - 1] = tc;
		}
	free(line);
	*out = cat;
	return (long)n;
}

static double
find(const struct mse_counts *c, long year, size_t m, size_t d, size_t cat)
{
	size_t i;

	for (i = 0; i < c->nfacts; i++) {
		const struct fact *f = &c->facts[i];

		if (f->year == year && f->measure == m && f->dimension == d &&
		    f->category == cat)
			return f->count;
	}
	return NAN;
}

static double
total_of(const struct mse_counts *c, long year, size_t m)
{
	long d = lookup(c, TOTAL);
	size_t i;

	for (i = 0; d >= 0 && i < c->nfacts; i++)
		if (c->facts[i].year == year && c->facts[i].measure == m &&
		    c->facts[i].dimension == (size_t)d)
			return c->facts[i].count;
	return NAN;
}

/* ", "-joined names of the categories of (m, d) not given in year. */
static char *
missing_names(const struct mse_counts *c, long year, size_t m, size_t d)
{
	size_t *cat, i, len = 1;
	long n = categories(c, m, d, &cat);
	char *s;

	if (n < 0)
		return NULL;
	for (i = 0; i < (size_t)n; i++)
		len += strlen(c->strs[cat[i]]) + 2;
	s = malloc(len);
	for (i = 0, len = 0; s != NULL && i < (size_t)n; i++) {
		size_t k = strlen(c->strs[cat[i]]);

		if (!isnan(find(c, year, m, d, cat[i])))
			continue;
		if (len > 0) {
			memcpy(s + len, ", ", 2);
			len += 2;
		}
		memcpy(s + len, c->strs[cat[i]], k);
		len += k;
	}
	if (s != NULL)
		s[len] = '\0';
	free(cat);
	return s;
}

/* Check the group of facts [i, j), one year's breakdown of a measure by
 * a dimension, against the year's total. */
static int
check_group(struct mse_counts *c, size_t i, size_t j)
{
	const struct fact *f = &c->facts[i];
	struct check *k = &c->checks[c->nchecks];
	long first = -1;
	size_t t;

	memset(k, 0, sizeof(*k));
	for (t = i; t < j; t++) {
		if (strcmp(c->strs[c->facts[t].category], DISTINCT) == 0)
			continue;
		k->sum += c->facts[t].count;
		k->given++;
		if (first < 0 || c->facts[t].line < c->facts[first].line)
			first = (long)t;
	}
	if (k->given == 0)
		return 0;
	k->year = f->year;
	k->measure = f->measure;
	k->dimension = f->dimension;
	k->total = total_of(c, f->year, f->measure);
	k->line = c->facts[first].line;
	k->column = c->facts[first].column;
	k->status = isnan(k->total) ? MSE_COUNTS_NOTOTAL :
	    k->sum < k->total ? MSE_COUNTS_GAP : k->sum > k->total ?
	    MSE_COUNTS_OVER : MSE_COUNTS_OK;
	k->missing = missing_names(c, f->year, f->measure, f->dimension);
	if (k->missing == NULL)
		return -1;
	c->nchecks++;
	return 0;
}

/* One check per year, measure and dimension other than the total. */
static int
make_checks(struct mse_counts *c)
{
	long total = lookup(c, TOTAL);
	size_t i, j;

	c->checks = msei_calloc(c->nfacts + 1, sizeof(*c->checks));
	if (c->checks == NULL)
		return -1;
	for (i = 0; i < c->nfacts; i = j) {
		const struct fact *f = &c->facts[i];

		for (j = i + 1; j < c->nfacts && c->facts[j].year == f->year &&
		    c->facts[j].measure == f->measure &&
		    c->facts[j].dimension == f->dimension; j++)
			;
		if ((long)f->dimension != total && check_group(c, i, j) != 0)
			return -1;
	}
	return 0;
}

int
mse_counts_from_csv(const struct mse_csv *csv, struct mse_counts **out,
    struct mse_error *err)
{
	struct mse_counts *c;
	size_t col[NREQ], r;
	int rc;

	*out = NULL;
	rc = find_columns(csv, col, err);
	if (rc != MSE_OK)
		return rc;
	if (mse_csv_rows(csv) == 0)
		return msei_error_at(err, MSE_EPARSE, mse_csv_file(csv), 1, 1,
		    "no data rows after the header");
	c = calloc(1, sizeof(*c));
	if (c == NULL ||
	    (c->facts = msei_calloc(mse_csv_rows(csv) + 1,
	    sizeof(*c->facts))) == NULL) {
		mse_counts_free(c);
		return msei_error(err, MSE_ENOMEM, "out of memory");
	}
	for (r = 0; r < mse_csv_rows(csv) && rc == MSE_OK; r++)
		rc = read_fact(c, csv, r, col, &c->facts[c->nfacts++], err);
	if (rc == MSE_OK)
		rc = check_duplicates(c, mse_csv_file(csv), err);
	if (rc == MSE_OK && (index_facts(c) != 0 || make_checks(c) != 0))
		rc = msei_error(err, MSE_ENOMEM, "out of memory");
	if (rc != MSE_OK) {
		mse_counts_free(c);
		return rc;
	}
	*out = c;
	return MSE_OK;
}

int
mse_counts_read(FILE *fp, const char *filename, int delimiter,
    struct mse_counts **out, struct mse_error *err)
{
	struct mse_csv *csv;
	int rc;

	*out = NULL;
	rc = mse_csv_read(fp, filename, delimiter, &csv, err);
	if (rc != MSE_OK)
		return rc;
	rc = mse_counts_from_csv(csv, out, err);
	mse_csv_free(csv);
	return rc;
}

size_t
mse_counts_years(const struct mse_counts *c)
{
	return c->nyears;
}

long
mse_counts_year(const struct mse_counts *c, size_t i)
{
	return i < c->nyears ? c->years[i] : 0;
}

size_t
mse_counts_measures(const struct mse_counts *c)
{
	return c->nmeasures;
}

const char *
mse_counts_measure(const struct mse_counts *c, size_t i)
{
	return i < c->nmeasures ? c->strs[c->measures[i]] : NULL;
}

size_t
mse_counts_categories(const struct mse_counts *c, const char *measure,
    const char *dimension)
{
	long m = lookup(c, measure), d = lookup(c, dimension), n;
	size_t *cat;

	if (m < 0 || d < 0)
		return 0;
	n = categories(c, (size_t)m, (size_t)d, &cat);
	free(cat);
	return n < 0 ? 0 : (size_t)n;
}

const char *
mse_counts_category(const struct mse_counts *c, const char *measure,
    const char *dimension, size_t i)
{
	long m = lookup(c, measure), d = lookup(c, dimension), n;
	const char *s = NULL;
	size_t *cat;

	if (m < 0 || d < 0)
		return NULL;
	n = categories(c, (size_t)m, (size_t)d, &cat);
	if (n > 0 && i < (size_t)n)
		s = c->strs[cat[i]];
	free(cat);
	return s;
}

double
mse_counts_get(const struct mse_counts *c, long year, const char *measure,
    const char *dimension, const char *category)
{
	long m = lookup(c, measure), d = lookup(c, dimension);
	long k = lookup(c, category);

	if (m < 0 || d < 0 || k < 0)
		return NAN;
	return find(c, year, (size_t)m, (size_t)d, (size_t)k);
}

double
mse_counts_total(const struct mse_counts *c, long year, const char *measure)
{
	long m = lookup(c, measure);

	return m < 0 ? NAN : total_of(c, year, (size_t)m);
}

size_t
mse_counts_checks(const struct mse_counts *c)
{
	return c->nchecks;
}

void
mse_counts_check_init(struct mse_counts_check *out)
{
	memset(out, 0, sizeof(*out));
	out->size = sizeof(*out);
}

int
mse_counts_check(const struct mse_counts *c, size_t i,
    struct mse_counts_check *out, struct mse_error *err)
{
	struct mse_counts_check v;
	const struct check *k;

	mse_counts_check_init(&v);
	if (i >= c->nchecks)
		return msei_error(err, MSE_EINVAL, "no check %zu", i);
	k = &c->checks[i];
	v.year = k->year;
	v.measure = c->strs[k->measure];
	v.dimension = c->strs[k->dimension];
	v.sum = k->sum;
	v.total = k->total;
	v.given = k->given;
	v.missing = k->missing;
	v.status = k->status;
	v.line = k->line;
	v.column = k->column;
	return msei_sized_out(out, &v, sizeof(v), "mse_counts_check", err);
}

/* "2016 group: 261 of 262 (followed_up; 1 not in a category)". */
int
mse_counts_check_format(const struct mse_counts *c, size_t i, char *buf,
    size_t size)
{
	struct mse_counts_check k;
	char why[512];
	int n;

	mse_counts_check_init(&k);
	if (mse_counts_check(c, i, &k, NULL) != MSE_OK)
		return snprintf(buf, size, "no check %zu", i);
	if (k.status == MSE_COUNTS_NOTOTAL)
		snprintf(why, sizeof(why), "no total to check against");
	else if (k.status == MSE_COUNTS_OK)
		snprintf(why, sizeof(why), "adds up");
	else
		snprintf(why, sizeof(why), "%.0f %s%s%s",
		    fabs(k.total - k.sum), k.status == MSE_COUNTS_GAP ?
		    "not in a category" : "more than the total",
		    k.missing[0] != '\0' ? "; not given: " : "", k.missing);
	if (isnan(k.total))
		n = snprintf(buf, size, "%ld %s: %.0f (%s; %s)", k.year,
		    k.dimension, k.sum, k.measure, why);
	else
		n = snprintf(buf, size, "%ld %s: %.0f of %.0f (%s; %s)",
		    k.year, k.dimension, k.sum, k.total, k.measure, why);
	return n;
}

int
mse_dark_figure(const double est[3], double identified, double out[3],
    struct mse_error *err)
{
	size_t i;

	out[0] = out[1] = out[2] = NAN;
	if (!isfinite(identified) || identified < 0)
		return msei_error(err, MSE_EDOMAIN, "the number identified "
		    "must be a count of 0 or more");
	if (!isfinite(est[0]))
		return msei_error(err, MSE_EDOMAIN, "no estimate");
	for (i = 0; i < 3; i++)
		out[i] = est[i] - identified;
	return MSE_OK;
}
