/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mse-counts.c - check, reshape and compare annual counts (KOM style). */
#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mse.h>

#include "util.h"

struct opts {
	int wide;
	const char *measure, *dimension, *estimates;
	int strict, quiet;
	int delimiter, format, digits;
	const char *output, *file;
};

static void
usage(void)
{
	printf("Usage: %s [OPTION]... [FILE]\n"
	    "Check annual counts in the long format of mse-data(5) "
	    "(year,measure,dimension,\ncategory,count), reshape them, or set "
	    "them beside estimates.  FILE is read,\nor standard input when "
	    "FILE is absent or '-'.\n\n"
	    "With no mode option, print one row per year, measure and "
	    "dimension: whether\nthe categories add up to the year's total.  "
	    "Gaps are also reported on\nstandard error, as '2016 group: 261 "
	    "of 262'.\n\n"
	    "  -w, --wide             a table of years by category for one "
	    "measure and\n                         dimension, with the "
	    "total\n"
	    "  -e, --estimates=FILE   beside estimates by year (such as "
	    "mse-fit --by year):\n                         the dark figure "
	    "(estimate - identified) and the\n                         ratio "
	    "estimate / identified, with intervals\n"
	    "  -m, --measure=NAME     the measure (default: the file's "
	    "first)\n"
	    "  -b, --dimension=NAME   the dimension for --wide (default: "
	    "total)\n"
	    "  -s, --strict           a breakdown that does not add up is "
	    "an error (exit 1)\n"
	    "  -q, --quiet            do not report gaps on standard error\n"
	    "  -d, --delimiter=C      input delimiter ',', ';' or 'tab' "
	    "(default: detect)\n"
	    "  -f, --format=FORMAT    text, csv, tsv, json, md, latex, html "
	    "(default: text\n                         on a terminal, csv "
	    "otherwise)\n"
	    "  -o, --output=FILE      write to FILE atomically\n"
	    "  -D, --digits=N         significant digits, 1-17\n"
	    "  -h, --help             show this help and exit\n"
	    "  -V, --version          show the version and exit\n\n"
	    "Exit status: 0 success (gaps included, unless --strict), 1 bad "
	    "input, 2 usage\nerror.  See mse-counts(1) and mse-data(5).\n",
	    progname);
}

static void
parse_args(int argc, char **argv, struct opts *o)
{
	static const struct option longopts[] = {
		{ "wide", no_argument, NULL, 'w' },
		{ "estimates", required_argument, NULL, 'e' },
		{ "measure", required_argument, NULL, 'm' },
		{ "dimension", required_argument, NULL, 'b' },
		{ "strict", no_argument, NULL, 's' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "delimiter", required_argument, NULL, 'd' },
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "digits", required_argument, NULL, 'D' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":we:m:b:sqd:f:o:D:hV", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'w': o->wide = 1; break;
		case 'e': o->estimates = optarg; break;
		case 'm': o->measure = optarg; break;
		case 'b': o->dimension = optarg; break;
		case 's': o->strict = 1; break;
		case 'q': o->quiet = 1; break;
		case 'd': o->delimiter = cli_parse_delimiter(optarg); break;
		case 'f': o->format = cli_parse_format(optarg); break;
		case 'o': o->output = optarg; break;
		case 'D': o->digits = cli_parse_digits(optarg); break;
		case 'h': usage(); exit(EXIT_OK);
		case 'V': cli_version(); exit(EXIT_OK);
		default:
			cli_bad_option(c, argv);
		}
	}
	o->file = cli_operand(argc, argv);
	if (o->wide && o->estimates != NULL)
		cli_usage_error("--wide and --estimates cannot be used "
		    "together");
	if (o->dimension != NULL && !o->wide)
		cli_usage_error("--dimension needs --wide");
	if (o->format < 0)
		o->format = cli_default_format(o->output);
}

static struct mse_csv *
read_csv(const char *file, int delimiter, const char **name)
{
	struct mse_csv *c = NULL;
	struct mse_error err;
	FILE *fp;

	*name = strcmp(file, "-") == 0 ? "<stdin>" : file;
	fp = strcmp(file, "-") == 0 ? stdin : fopen(file, "rb");
	if (fp == NULL) {
		cli_warn("%s: %s", file, strerror(errno));
		return NULL;
	}
	mse_error_clear(&err);
	if (mse_csv_read(fp, *name, delimiter, &c, &err) != MSE_OK)
		cli_error(&err, *name);
	if (fp != stdin)
		fclose(fp);
	return c;
}

/* Report each breakdown that does not add up; return how many. */
static size_t
report_gaps(const struct opts *o, const struct mse_counts *c,
    const char *name)
{
	struct mse_counts_check k;
	size_t i, n = 0;
	char buf[1024];

	mse_counts_check_init(&k);
	for (i = 0; i < mse_counts_checks(c); i++) {
		mse_counts_check(c, i, &k, NULL);
		if (k.status != MSE_COUNTS_GAP && k.status != MSE_COUNTS_OVER)
			continue;
		n++;
		if (o->quiet && !o->strict)
			continue;
		mse_counts_check_format(c, i, buf, sizeof(buf));
		cli_warn("%s:%ld:%ld: %s", name, k.line, k.column,
		    cli_clean(buf, buf, sizeof(buf)));
	}
	return n;
}

static const char *const status_names[] = {
	"ok", "gap", "over", "no total"
};

static void
emit_checks(const struct opts *o, const struct mse_counts *c,
    struct outbuf *out)
{
	static const char *const cols[] = {
		"year", "measure", "dimension", "categories", "sum", "total",
		"difference", "missing", "status"
	};
	size_t n = mse_counts_checks(c), i;
	struct cell *cells = calloc(n * 9 + 1, sizeof(*cells));
	struct mse_counts_check k;

	if (cells == NULL) {
		out->failed = 1;
		return;
	}
	mse_counts_check_init(&k);
	for (i = 0; i < n; i++) {
		struct cell *x = &cells[i * 9];

		mse_counts_check(c, i, &k, NULL);
		x[0] = (struct cell){ CELL_INT, NULL, 0, k.year };
		x[1] = (struct cell){ CELL_STR, k.measure, 0, 0 };
		x[2] = (struct cell){ CELL_STR, k.dimension, 0, 0 };
		x[3] = (struct cell){ CELL_INT, NULL, 0, (long)k.given };
		x[4] = (struct cell){ CELL_NUM, NULL, k.sum, 0 };
		x[5] = (struct cell){ isnan(k.total) ? CELL_NA : CELL_NUM,
		    NULL, k.total, 0 };
		x[6] = (struct cell){ isnan(k.total) ? CELL_NA : CELL_NUM,
		    NULL, k.total - k.sum, 0 };
		x[7] = (struct cell){ CELL_STR, k.missing, 0, 0 };
		x[8] = (struct cell){ CELL_STR, status_names[k.status], 0, 0 };
	}
	out_table(out, o->format, o->digits, cols, 9, cells, n);
	free(cells);
}

/* The measure: --measure, which must be in the file, or the first. */
static const char *
pick_measure(const struct opts *o, const struct mse_counts *c,
    const char *name)
{
	size_t i;

	if (o->measure == NULL)
		return mse_counts_measure(c, 0);
	for (i = 0; i < mse_counts_measures(c); i++)
		if (strcmp(mse_counts_measure(c, i), o->measure) == 0)
			return o->measure;
	cli_warn("%s: --measure: no measure '%s' in the file", name,
	    o->measure);
	return NULL;
}

/* year, total, then one column per category of the dimension. */
static int
emit_wide(const struct opts *o, const struct mse_counts *c,
    const char *measure, const char *name, struct outbuf *out)
{
	const char *dim = o->dimension != NULL ? o->dimension : "total";
	int total_only = strcmp(dim, "total") == 0;
	size_t ncat = total_only ? 0 : mse_counts_categories(c, measure, dim);
	size_t ncols = 2 + ncat, ny = mse_counts_years(c), i, j, n = 0;
	const char **cols = calloc(ncols, sizeof(*cols));
	struct cell *cells = calloc(ny * ncols + 1, sizeof(*cells));
	int rc = 0;

	if (cols == NULL || cells == NULL)
		out->failed = 1;
	else if (!total_only && ncat == 0) {
		cli_warn("%s: no categories of dimension '%s' for measure "
		    "'%s'", name, dim, measure);
		rc = -1;
	} else {
		cols[0] = "year";
		cols[1] = "total";
		for (j = 0; j < ncat; j++)
			cols[2 + j] = mse_counts_category(c, measure, dim, j);
		for (i = 0; i < ny; i++) {
			long y = mse_counts_year(c, i);
			struct cell *x = &cells[n * ncols];
			double v = mse_counts_total(c, y, measure);
			int any = !isnan(v);

			x[0] = (struct cell){ CELL_INT, NULL, 0, y };
			x[1] = (struct cell){ isnan(v) ? CELL_NA : CELL_NUM,
			    NULL, v, 0 };
			for (j = 0; j < ncat; j++) {
				v = mse_counts_get(c, y, measure, dim,
				    cols[2 + j]);
				any |= !isnan(v);
				x[2 + j] = (struct cell){ isnan(v) ? CELL_NA :
				    CELL_NUM, NULL, v, 0 };
			}
			n += any;
		}
		out_table(out, o->format, o->digits, cols, ncols, cells, n);
	}
	free(cols);
	free(cells);
	return rc;
}

/* --- beside estimates ----------------------------------------------------- */

struct est {
	long year;
	size_t r;		/* its row in the file */
	double v[3];		/* estimate, lower, upper */
	const char *status;	/* the estimate's own status, or NULL */
};

struct estcols {
	long row, year, est, lower, upper, status;
};

/* A total (or other summary) row, not a year: `row' other than stratum,
 * or in the old shape without `row', a first field `total'. */
static int
summary_row(const struct mse_csv *e, const struct estcols *k, size_t r)
{
	const char *s;

	if (k->row >= 0) {
		s = mse_csv_field(e, r, (size_t)k->row);
		return s[0] != '\0' && strcmp(s, "stratum") != 0;
	}
	return strcmp(mse_csv_field(e, r, 0), "total") == 0;
}

static int
est_columns(const struct mse_csv *e, const char *name, struct estcols *k)
{
	k->row = mse_csv_find(e, "row");
	k->year = mse_csv_find(e, "year");
	if (k->year < 0)	/* mse-fit --by puts the strata first */
		k->year = k->row == 0 && mse_csv_columns(e) > 1 ? 1 : 0;
	k->est = mse_csv_find(e, "estimate");
	k->lower = mse_csv_find(e, "lower");
	k->upper = mse_csv_find(e, "upper");
	k->status = mse_csv_find(e, "status");
	if (k->est < 0) {
		cli_warn("%s: no 'estimate' column", name);
		return -1;
	}
	return 0;
}

/* Row r of the estimates; years are whole numbers, each given once. */
static int
est_row(const struct mse_csv *e, const struct estcols *k, size_t r,
    struct est *rows, size_t nrows, struct mse_error *err)
{
	const long cols[3] = { k->est, k->lower, k->upper };
	long line, col;
	double y;
	size_t i;

	if (mse_csv_number(e, r, (size_t)k->year, &y, err) != MSE_OK)
		return -1;
	mse_csv_position(e, r, (size_t)k->year, &line, &col);
	if (!(y == floor(y) && fabs(y) < 1e9)) {
		snprintf(err->message, sizeof(err->message), "'%s' in column "
		    "'%s' is not a year", mse_csv_field(e, r, (size_t)k->year),
		    mse_csv_name(e, (size_t)k->year));
		err->line = line, err->column = col;
		return -1;
	}
	for (i = 0; i < nrows; i++)
		if (rows[i].year == (long)y) {
			long l0, c0;

			mse_csv_position(e, rows[i].r, (size_t)k->year, &l0,
			    &c0);
			snprintf(err->message, sizeof(err->message), "year %ld "
			    "is given twice (also on line %ld): one estimate a "
			    "year", (long)y, l0);
			err->line = line, err->column = col;
			return -1;
		}
	rows[nrows].year = (long)y;
	rows[nrows].r = r;
	for (i = 0; i < 3; i++)
		if (cols[i] >= 0 && mse_csv_number(e, r, (size_t)cols[i],
		    &rows[nrows].v[i], err) != MSE_OK)
			return -1;
		else if (cols[i] < 0)
			rows[nrows].v[i] = NAN;
		else if (isinf(rows[nrows].v[i])) {
			/* An estimate that does not exist is missing, never
			 * a number (DESIGN.md): inf is not an estimate. */
			mse_csv_position(e, r, (size_t)cols[i], &line, &col);
			snprintf(err->message, sizeof(err->message), "'%s' in "
			    "column '%s' is not a finite number: leave the "
			    "field empty for a missing estimate",
			    mse_csv_field(e, r, (size_t)cols[i]),
			    mse_csv_name(e, (size_t)cols[i]));
			cli_clean(err->message, err->message,
			    sizeof(err->message));
			err->line = line, err->column = col;
			return -1;
		}
	rows[nrows].status = k->status >= 0 ? mse_csv_field(e, r,
	    (size_t)k->status) : NULL;
	return 0;
}

static struct est *
read_estimates(const struct mse_csv *e, const char *name, size_t *ne)
{
	size_t n = mse_csv_rows(e), r;
	struct est *rows = calloc(n + 1, sizeof(*rows));
	struct mse_error err;
	struct estcols k;

	if (rows == NULL) {
		cli_warn("out of memory");
		return NULL;
	}
	if (est_columns(e, name, &k) != 0) {
		free(rows);
		return NULL;
	}
	*ne = 0;
	for (r = 0; r < n; r++) {
		if (summary_row(e, &k, r))
			continue;
		mse_error_clear(&err);
		if (est_row(e, &k, r, rows, *ne, &err) != 0) {
			cli_error(&err, name);
			free(rows);
			return NULL;
		}
		(*ne)++;
	}
	return rows;
}

/* Why a year's comparison is incomplete or odd, or "ok". */
static const char *
compare_status(const struct est *e, double identified)
{
	if (e == NULL || isnan(e->v[0]))
		return e != NULL && e->status != NULL && e->status[0] != '\0' ?
		    e->status : "no estimate";
	if (isnan(identified))
		return "no count";
	if (identified == 0)
		return "none identified: no ratio";
	if (e->v[0] < identified)
		return "estimate below the number identified";
	return e->status != NULL && e->status[0] != '\0' ? e->status : "ok";
}

static const char *const est_cols[] = {
	"year", "identified", "estimate", "lower", "upper", "dark",
	"dark_lower", "dark_upper", "ratio", "ratio_lower", "ratio_upper",
	"status"
};
#define NEST (sizeof(est_cols) / sizeof(est_cols[0]))

static void
num_cell(struct cell *x, double v)
{
	*x = (struct cell){ isnan(v) ? CELL_NA : CELL_NUM, NULL, v, 0 };
}

/* One output row: the count, the estimate, dark figure and ratio. */
static void
compare_row(long year, double identified, const struct est *e,
    struct cell *x)
{
	static const double none[3] = { NAN, NAN, NAN };
	const double *v = e != NULL ? e->v : none;
	double dark[3], ratio[3];
	size_t i;

	mse_dark_figure(v, isnan(identified) ? -1 : identified, dark, NULL);
	mse_ratio(v, identified, ratio, NULL);
	x[0] = (struct cell){ CELL_INT, NULL, 0, year };
	num_cell(&x[1], identified);
	for (i = 0; i < 3; i++) {
		num_cell(&x[2 + i], v[i]);
		num_cell(&x[5 + i], dark[i]);
		num_cell(&x[8 + i], ratio[i]);
	}
	x[11] = (struct cell){ CELL_STR, compare_status(e, identified), 0, 0 };
}

static int
long_cmp(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return x < y ? -1 : x > y;
}

/* Every year with a count or an estimate, ascending. */
static long *
all_years(const struct mse_counts *c, const char *measure,
    const struct est *e, size_t ne, size_t *n)
{
	size_t nc = mse_counts_years(c), i, j;
	long *y = calloc(nc + ne + 1, sizeof(*y));

	*n = 0;
	if (y == NULL)
		return NULL;
	for (i = 0; i < nc; i++)
		if (!isnan(mse_counts_total(c, mse_counts_year(c, i), measure)))
			y[(*n)++] = mse_counts_year(c, i);
	for (i = 0; i < ne; i++) {
		for (j = 0; j < *n && y[j] != e[i].year; j++)
			;
		if (j == *n)
			y[(*n)++] = e[i].year;
	}
	qsort(y, *n, sizeof(*y), long_cmp);
	return y;
}

static int
emit_estimates(const struct opts *o, const struct mse_counts *c,
    const char *measure, struct outbuf *out)
{
	const char *name;
	struct mse_csv *e = read_csv(o->estimates, o->delimiter, &name);
	size_t ne = 0, n = 0, i, j;
	struct est *rows = e != NULL ? read_estimates(e, name, &ne) : NULL;
	long *years = rows != NULL ? all_years(c, measure, rows, ne, &n) :
	    NULL;
	struct cell *cells = calloc(n * NEST + 1, sizeof(*cells));
	int rc = -1;

	if (rows != NULL && (years == NULL || cells == NULL))
		cli_warn("out of memory");
	else if (rows != NULL) {
		for (i = 0; i < n; i++) {
			for (j = 0; j < ne && rows[j].year != years[i]; j++)
				;
			compare_row(years[i], mse_counts_total(c, years[i],
			    measure), j < ne ? &rows[j] : NULL,
			    &cells[i * NEST]);
		}
		out_table(out, o->format, o->digits, est_cols, NEST, cells, n);
		rc = 0;
	}
	free(cells);
	free(years);
	free(rows);
	mse_csv_free(e);
	return rc;
}

static int
run(const struct opts *o)
{
	struct outbuf out = { NULL, 0, 0, 0 };
	struct mse_counts *c = NULL;
	struct mse_error err;
	const char *name, *measure;
	struct mse_csv *csv = read_csv(o->file, o->delimiter, &name);
	int rc = -1;

	mse_error_clear(&err);
	if (csv != NULL && mse_counts_from_csv(csv, &c, &err) != MSE_OK)
		cli_error(&err, name);
	measure = c != NULL ? pick_measure(o, c, name) : NULL;
	if (measure != NULL && report_gaps(o, c, name) > 0 && o->strict)
		cli_warn("%s: --strict: the breakdowns above do not add up",
		    name);
	else if (measure != NULL && o->wide)
		rc = emit_wide(o, c, measure, name, &out);
	else if (measure != NULL && o->estimates != NULL)
		rc = emit_estimates(o, c, measure, &out);
	else if (measure != NULL) {
		emit_checks(o, c, &out);
		rc = 0;
	}
	if (rc == 0)
		rc = out_finish(&out, o->output);
	free(out.buf);
	mse_counts_free(c);
	mse_csv_free(csv);
	return rc == 0 ? EXIT_OK : EXIT_FAIL;
}

int
main(int argc, char **argv)
{
	struct opts o = { 0, NULL, NULL, NULL, 0, 0, 0, -1, 0, NULL, NULL };

	cli_init(argv[0]);
	parse_args(argc, argv, &o);
	return run(&o);
}
