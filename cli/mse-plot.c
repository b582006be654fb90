/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mse-plot.c - charts of estimates, counts and prevalence with gnuplot. */
#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <mse.h>

#include "gnuplot.h"
#include "util.h"

enum { TREND, MODELS, OVERLAP, LISTS, BOOTSTRAP, PREVALENCE };
static const char *const kinds[] = {
	"trend", "models", "overlap", "lists", "bootstrap", "prevalence"
};
#define NKINDS (sizeof(kinds) / sizeof(kinds[0]))

struct opts {
	int kind;
	const char *output, *terminal;
	int script;
	const char *title, *xlabel, *ylabel;
	double width, height;
	const char *x, *y, *lower, *upper, *label, *mark, *identified;
	int bars;		/* error bars rather than a band */
	long top, bins;
	int delimiter;
	const char *file;
};

/* The input as a table of text, for the kinds that read CSV. */
struct input {
	struct mse_csv *csv;
	const char *name;
};

static void
usage(void)
{
	printf("Usage: %s --kind KIND [OPTION]... [FILE]\n"
	    "Draw a chart with gnuplot from FILE, or standard input when "
	    "FILE is absent or '-'.\n\n"
	    "KIND is one of:\n"
	    "  trend       estimate and interval (band) by year, with the "
	    "number identified\n"
	    "  models      estimate against AIC or BIC across models, the "
	    "chosen one marked\n"
	    "  overlap     people per capture pattern, UpSet style "
	    "(capture-history table)\n"
	    "  lists       list sizes and pairwise overlaps "
	    "(capture-history table)\n"
	    "  bootstrap   histogram of bootstrap replicates\n"
	    "  prevalence  ranked bars of prevalence, with intervals\n\n"
	    "  -k, --kind=KIND         the chart to draw\n"
	    "  -o, --output=FILE       FILE.png, .svg, .pdf or .tex (LaTeX "
	    "with a PDF);\n                          '-' or none: a text "
	    "chart on standard output\n"
	    "  -t, --terminal=NAME     pngcairo, png, svg, pdfcairo, "
	    "cairolatex, epslatex\n                          or dumb, "
	    "whatever the extension\n"
	    "  -s, --script            print the gnuplot script, data "
	    "inline, instead\n"
	    "  -T, --title=TEXT        chart title\n"
	    "  -X, --xlabel=TEXT       x-axis label\n"
	    "  -Y, --ylabel=TEXT       y-axis label\n"
	    "  -S, --size=W,H          pixels (png, svg), inches (pdf, tex) "
	    "or characters\n"
	    "      --x=COL             the x column (trend: year or the "
	    "first; models: aic)\n"
	    "      --y=COL[,COL...]    the value column(s)\n"
	    "      --lower=COL, --upper=COL  the interval's columns\n"
	    "      --identified=COL    trend: the count of people identified "
	    "(identified,\n                          total or observed)\n"
	    "      --label=COL         models: model; prevalence: country\n"
	    "      --mark=COL          models: the chosen model's column "
	    "(chosen, selected)\n"
	    "      --bars              intervals as error bars, not a band\n"
	    "      --top=N             overlap: the N largest patterns "
	    "(default 20)\n"
	    "      --bins=N            bootstrap: histogram bins (default "
	    "30)\n"
	    "  -d, --delimiter=C       input delimiter ',', ';' or 'tab' "
	    "(default: detect)\n"
	    "  -h, --help              show this help and exit\n"
	    "  -V, --version           show the version and exit\n\n"
	    "gnuplot is run directly, never through a shell; GNUPLOT names "
	    "another binary.\nText from the input is quoted so that gnuplot "
	    "never runs it.\n"
	    "Exit status: 0 success, 1 bad input or gnuplot failed, 2 usage "
	    "error.\nSee mse-plot(1).\n", progname);
}

static int
parse_kind(const char *s)
{
	size_t i;

	for (i = 0; i < NKINDS; i++)
		if (strcmp(s, kinds[i]) == 0)
			return (int)i;
	cli_usage_error("--kind: '%s' is not one of trend, models, overlap, "
	    "lists, bootstrap, prevalence", s);
}

static long
parse_count(const char *opt, const char *s, long max)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < 1 || v > max)
		cli_usage_error("--%s: '%s' is not a whole number from 1 to "
		    "%ld", opt, s, max);
	return v;
}

/* W,H: two positive numbers of at most 10000 (pixels, inches or
 * characters), so the script gets numbers and nothing else. */
static void
parse_size(const char *s, struct opts *o)
{
	char *end;

	errno = 0;
	o->width = strtod(s, &end);
	if (errno == 0 && end != s && *end == ',') {
		const char *h = end + 1;

		o->height = strtod(h, &end);
		if (errno == 0 && end != h && *end == '\0' &&
		    o->width > 0 && o->width <= 10000 && o->height > 0 &&
		    o->height <= 10000)
			return;
	}
	cli_usage_error("--size: '%s' is not W,H with two positive numbers "
	    "(such as 800,500)", s);
}

enum {
	OPT_X = 256, OPT_Y, OPT_LOWER, OPT_UPPER, OPT_LABEL, OPT_MARK,
	OPT_IDENTIFIED, OPT_BARS, OPT_TOP, OPT_BINS
};

static const struct option longopts[] = {
	{ "kind", required_argument, NULL, 'k' },
	{ "output", required_argument, NULL, 'o' },
	{ "terminal", required_argument, NULL, 't' },
	{ "script", no_argument, NULL, 's' },
	{ "title", required_argument, NULL, 'T' },
	{ "xlabel", required_argument, NULL, 'X' },
	{ "ylabel", required_argument, NULL, 'Y' },
	{ "size", required_argument, NULL, 'S' },
	{ "x", required_argument, NULL, OPT_X },
	{ "y", required_argument, NULL, OPT_Y },
	{ "lower", required_argument, NULL, OPT_LOWER },
	{ "upper", required_argument, NULL, OPT_UPPER },
	{ "label", required_argument, NULL, OPT_LABEL },
	{ "mark", required_argument, NULL, OPT_MARK },
	{ "identified", required_argument, NULL, OPT_IDENTIFIED },
	{ "bars", no_argument, NULL, OPT_BARS },
	{ "top", required_argument, NULL, OPT_TOP },
	{ "bins", required_argument, NULL, OPT_BINS },
	{ "delimiter", required_argument, NULL, 'd' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

static void
parse_option(int c, struct opts *o, char **argv)
{
	switch (c) {
	case 'k': o->kind = parse_kind(optarg); break;
	case 'o': o->output = optarg; break;
	case 't':
		if (gp_term_parse(optarg) < 0)
			cli_usage_error("--terminal: '%s' is not one of "
			    "pngcairo, png, svg, pdfcairo, cairolatex, "
			    "epslatex, dumb", optarg);
		o->terminal = optarg;
		break;
	case 's': o->script = 1; break;
	case 'T': o->title = optarg; break;
	case 'X': o->xlabel = optarg; break;
	case 'Y': o->ylabel = optarg; break;
	case 'S': parse_size(optarg, o); break;
	case OPT_X: o->x = optarg; break;
	case OPT_Y: o->y = optarg; break;
	case OPT_LOWER: o->lower = optarg; break;
	case OPT_UPPER: o->upper = optarg; break;
	case OPT_LABEL: o->label = optarg; break;
	case OPT_MARK: o->mark = optarg; break;
	case OPT_IDENTIFIED: o->identified = optarg; break;
	case OPT_BARS: o->bars = 1; break;
	case OPT_TOP: o->top = parse_count("top", optarg, 1L << 20); break;
	case OPT_BINS: o->bins = parse_count("bins", optarg, 10000); break;
	case 'd': o->delimiter = cli_parse_delimiter(optarg); break;
	case 'h': usage(); exit(EXIT_OK);
	case 'V': cli_version(); exit(EXIT_OK);
	default:
		cli_bad_option(c, argv);
	}
}

/* The terminal: --terminal, else the output's extension, else dumb. */
static int
choose_terminal(const struct opts *o)
{
	const char *p;
	int term;

	if (o->output != NULL)
		for (p = o->output; *p != '\0'; p++)
			if ((unsigned char)*p < 0x20 || *p == 0x7f)
				cli_usage_error("--output: the file name holds "
				    "a control character");
	if (o->terminal != NULL)
		term = gp_term_parse(o->terminal);
	else if (o->output == NULL)
		term = GP_DUMB;
	else if ((term = gp_term_for(o->output)) < 0)
		cli_usage_error("--output: cannot tell the format of '%s': "
		    "name it .png, .svg, .pdf or .tex, or give --terminal",
		    o->output);
	if ((term == GP_CAIROLATEX || term == GP_EPSLATEX) &&
	    (o->output == NULL || strlen(o->output) < 5 ||
	    strcmp(o->output + strlen(o->output) - 4, ".tex") != 0))
		cli_usage_error("--terminal %s writes two files: give -o "
		    "NAME.tex", gp_term_name(term));
	return term;
}

static void
parse_args(int argc, char **argv, struct opts *o)
{
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":k:o:t:sT:X:Y:S:d:hV", longopts,
	    NULL)) != -1)
		parse_option(c, o, argv);
	if (o->kind < 0)
		cli_usage_error("--kind is required: trend, models, overlap, "
		    "lists, bootstrap or prevalence");
	o->file = cli_operand(argc, argv);
	if ((o->lower == NULL) != (o->upper == NULL))
		cli_usage_error("--lower and --upper go together");
	if (o->output != NULL && strcmp(o->output, "-") == 0)
		o->output = NULL;
}

static FILE *
open_input(const struct opts *o, const char **name)
{
	FILE *fp;

	*name = strcmp(o->file, "-") == 0 ? "<stdin>" : o->file;
	fp = strcmp(o->file, "-") == 0 ? stdin : fopen(o->file, "rb");
	if (fp == NULL)
		cli_warn("%s: %s", o->file, strerror(errno));
	return fp;
}

static int
read_csv(const struct opts *o, struct input *in)
{
	struct mse_error err;
	FILE *fp = open_input(o, &in->name);

	if (fp == NULL)
		return -1;
	mse_error_clear(&err);
	if (mse_csv_read(fp, in->name, o->delimiter, &in->csv, &err) !=
	    MSE_OK)
		cli_error(&err, in->name);
	if (fp != stdin)
		fclose(fp);
	return in->csv != NULL ? 0 : -1;
}

/* A column: the one the option names (which must exist), else the first
 * of the usual names present; -1 if none.  need: say so if missing. */
static long
column(const struct input *in, const char *opt, const char *optname,
    const char *const *names, const char *need)
{
	long j;

	if (opt != NULL) {
		j = mse_csv_find(in->csv, opt);
		if (j < 0)
			cli_warn("%s: --%s: no column named '%s'", in->name,
			    optname, opt);
		return j < 0 ? -2 : j;
	}
	for (; names != NULL && *names != NULL; names++)
		if ((j = mse_csv_find(in->csv, *names)) >= 0)
			return j;
	if (need != NULL)
		cli_warn("%s: no %s column (name it with --%s)", in->name,
		    need, optname);
	return need != NULL ? -2 : -1;
}

/* The number in row r of column col (NaN if col < 0 or missing). */
static int
number(const struct input *in, size_t r, long col, double *v)
{
	struct mse_error err;

	*v = NAN;
	if (col < 0)
		return 0;
	mse_error_clear(&err);
	if (mse_csv_number(in->csv, r, (size_t)col, v, &err) != MSE_OK) {
		cli_error(&err, in->name);
		return -1;
	}
	return 0;
}

/* Title and axis labels: the options, else the kind's defaults. */
static void
labels(struct gp *g, const struct opts *o, const char *xlabel,
    const char *ylabel)
{
	const char *x = o->xlabel != NULL ? o->xlabel : xlabel;
	const char *y = o->ylabel != NULL ? o->ylabel : ylabel;

	if (o->title != NULL) {
		gp_printf(g, "set title ");
		gp_text(g, o->title);
		gp_printf(g, "\n");
	}
	if (x != NULL) {
		gp_printf(g, "set xlabel ");
		gp_text(g, x);
		gp_printf(g, "\n");
	}
	if (y != NULL) {
		gp_printf(g, "set ylabel ");
		gp_text(g, y);
		gp_printf(g, "\n");
	}
}

/* --- trend ---------------------------------------------------------------- */

#define MAXSERIES 16
static const char *const colors[] = {
	GP_BLUE, GP_VERMILLION, GP_GREEN, GP_ORANGE, GP_SKY, GP_PURPLE
};
#define NCOLORS (sizeof(colors) / sizeof(colors[0]))

struct trend {
	long x;
	long y[MAXSERIES];	/* value columns */
	size_t ny;
	long lower, upper;	/* the interval of y[0], or -1 */
	long ident;		/* the number identified, or -1 */
};

static int
is_number_column(const struct input *in, size_t col)
{
	size_t r;
	double v;

	for (r = 0; r < mse_csv_rows(in->csv); r++)
		if (mse_csv_number(in->csv, r, col, &v, NULL) != MSE_OK)
			return 0;
	return mse_csv_rows(in->csv) > 0;
}

/* --y A,B: these columns, each of which must exist. */
static int
named_columns(const struct input *in, const char *list, long *cols,
    size_t *n)
{
	char *copy = strdup(list), *tok, *save = NULL;
	int rc = 0;

	if (copy == NULL) {
		cli_warn("out of memory");
		return -1;
	}
	for (tok = strtok_r(copy, ",", &save); tok != NULL && rc == 0;
	    tok = strtok_r(NULL, ",", &save)) {
		if (*n == MAXSERIES) {
			cli_warn("--y: at most %d columns", MAXSERIES);
			rc = -1;
		} else if ((cols[*n] = column(in, tok, "y", NULL, "")) < 0)
			rc = -1;
		else
			(*n)++;
	}
	free(copy);
	return rc;
}

/* Every number column but x, when neither --y nor estimate is there. */
static void
number_columns(const struct input *in, struct trend *t)
{
	size_t j;

	for (j = 0; j < mse_csv_columns(in->csv) && t->ny < MAXSERIES; j++)
		if ((long)j != t->x && mse_csv_name(in->csv, j)[0] != '\0' &&
		    is_number_column(in, j))
			t->y[t->ny++] = (long)j;
}

static int
trend_columns(const struct opts *o, const struct input *in, struct trend *t)
{
	static const char *const xs[] = { "year", NULL };
	static const char *const ests[] = { "estimate", NULL };
	static const char *const ids[] = { "identified", "total", "observed",
	    NULL };
	static const char *const lows[] = { "lower", NULL };
	static const char *const ups[] = { "upper", NULL };
	long est = -1;

	memset(t, 0, sizeof(*t));
	t->x = column(in, o->x, "x", xs, NULL);
	if (t->x == -1)
		t->x = 0;
	if (t->x < 0)
		return -1;
	if (o->y != NULL) {
		if (named_columns(in, o->y, t->y, &t->ny) != 0)
			return -1;
	} else if ((est = column(in, NULL, "y", ests, NULL)) >= 0)
		t->y[t->ny++] = est;
	else
		number_columns(in, t);
	t->lower = column(in, o->lower, "lower", lows, NULL);
	t->upper = column(in, o->upper, "upper", ups, NULL);
	t->ident = column(in, o->identified, "identified", est >= 0 ? ids :
	    NULL, NULL);
	if (t->lower < -1 || t->upper < -1 || t->ident < -1)
		return -1;
	if (t->lower < 0 || t->upper < 0)
		t->lower = t->upper = -1;
	if (t->ny == 0 && t->ident < 0) {
		cli_warn("%s: no number columns to draw (name them with --y)",
		    in->name);
		return -1;
	}
	return 0;
}

struct row {
	double x;
	size_t r;
};

static int
row_cmp(const void *a, const void *b)
{
	const struct row *p = a, *q = b;

	if (p->x != q->x)
		return p->x < q->x ? -1 : 1;
	return p->r < q->r ? -1 : p->r > q->r;
}

/* A row without an x value cannot be placed on the chart. */
static void
missing_value(const struct input *in, size_t r, long col)
{
	struct mse_error err;
	long line, column;

	mse_error_clear(&err);
	mse_csv_position(in->csv, r, (size_t)col, &line, &column);
	snprintf(err.message, sizeof(err.message), "no value in column '%s'",
	    mse_csv_name(in->csv, (size_t)col));
	cli_clean(err.message, err.message, sizeof(err.message));
	err.line = line;
	err.column = column;
	cli_error(&err, in->name);
}

/*
 * Whether row r is a summary, not a data point (CONTRACT: mse-data(5)):
 * a `row' column saying anything but stratum or model (total, average),
 * or, in the old shape without it, a first field `total' (mse-fit --by)
 * or a model named "average (...)" (mse-models).
 */
static int
summary_row(const struct input *in, size_t r)
{
	long col = mse_csv_find(in->csv, "row"), m;
	const char *s;

	if (col >= 0) {
		s = mse_csv_field(in->csv, r, (size_t)col);
		return strcmp(s, "stratum") != 0 && strcmp(s, "model") != 0 &&
		    s[0] != '\0';
	}
	if (mse_csv_columns(in->csv) > 0 &&
	    strcmp(mse_csv_field(in->csv, r, 0), "total") == 0)
		return 1;
	m = mse_csv_find(in->csv, "model");
	return m >= 0 && strncmp(mse_csv_field(in->csv, r, (size_t)m),
	    "average (", 9) == 0;
}

/* The data rows in order of x, *n of them; *whole if every x is a
 * whole number.  Summary rows are left out. */
static struct row *
sorted_rows(const struct input *in, long x, int *whole, double *lo,
    double *hi, size_t *count)
{
	size_t n = mse_csv_rows(in->csv), i, k = 0;
	struct row *rows = calloc(n + 1, sizeof(*rows));

	if (rows == NULL) {
		cli_warn("out of memory");
		return NULL;
	}
	*whole = 1;
	*lo = INFINITY;
	*hi = -INFINITY;
	for (i = 0; i < n; i++) {
		if (summary_row(in, i))
			continue;
		rows[k].r = i;
		if (number(in, i, x, &rows[k].x) != 0 ||
		    !isfinite(rows[k].x)) {
			if (isnan(rows[k].x))
				missing_value(in, i, x);
			free(rows);
			return NULL;
		}
		*whole &= rows[k].x == floor(rows[k].x);
		*lo = fmin(*lo, rows[k].x);
		*hi = fmax(*hi, rows[k].x);
		k++;
	}
	qsort(rows, k, sizeof(*rows), row_cmp);
	*count = k;
	return rows;
}

/* The data block: x, the values, lower, upper, identified, by x. */
static int
trend_data(struct gp *g, const struct input *in, const struct trend *t,
    const struct row *rows, size_t n, int whole)
{
	long c[MAXSERIES + 3];
	size_t i, j, m = 0;
	double v, y;

	for (j = 0; j < t->ny; j++)
		c[m++] = t->y[j];
	c[m++] = t->lower;
	c[m++] = t->upper;
	c[m++] = t->ident;
	gp_printf(g, "$data << EOD\n");
	for (i = 0; i < n; i++) {
		/* A missing year is a gap in the line and the band: a row
		 * of NaN, which gnuplot does not join across. */
		for (y = i > 0 ? rows[i - 1].x + 1 : rows[i].x; whole &&
		    y < rows[i].x; y++) {
			gp_data_number(g, y);
			for (j = 0; j < m; j++)
				gp_printf(g, " NaN");
			gp_printf(g, "\n");
		}
		gp_data_number(g, rows[i].x);
		for (j = 0; j < m; j++) {
			if (number(in, rows[i].r, c[j], &v) != 0)
				return -1;
			gp_printf(g, " ");
			gp_data_number(g, v);
		}
		gp_printf(g, "\n");
	}
	gp_printf(g, "EOD\n");
	return 0;
}

/* "95% interval" when a level column holds one level, else "interval". */
static void
interval_title(struct gp *g, const struct input *in)
{
	long col = mse_csv_find(in->csv, "level");
	double level = NAN, v;
	size_t r;
	char buf[64];

	for (r = 0; col >= 0 && r < mse_csv_rows(in->csv); r++) {
		if (mse_csv_number(in->csv, r, (size_t)col, &v, NULL) !=
		    MSE_OK || !(v > 0 && v < 1) || (r > 0 && v != level)) {
			level = NAN;
			break;
		}
		level = v;
	}
	if (isnan(level))
		snprintf(buf, sizeof(buf), "interval");
	else
		snprintf(buf, sizeof(buf), "%g%% interval", 100 * level);
	gp_text(g, buf);
}

static void
trend_plot(struct gp *g, const struct opts *o, const struct input *in,
    const struct trend *t)
{
	size_t j, n = t->ny;
	const char *sep = "plot ";

	if (t->lower >= 0 && t->ny > 0) {
		if (o->bars)
			gp_printf(g, "%s$data using 1:2:%zu:%zu with "
			    "yerrorbars linecolor rgb '%s' pointtype 7 "
			    "title ", sep, n + 2, n + 3, GP_BLUE);
		else
			gp_printf(g, "%s$data using 1:%zu:%zu with "
			    "filledcurves fillcolor rgb '%s' fillstyle "
			    "transparent solid 0.2 noborder title ", sep,
			    n + 2, n + 3, GP_BLUE);
		interval_title(g, in);
		sep = ", \\\n     ";
	}
	for (j = 0; j < n; j++) {
		const char *name = mse_csv_name(in->csv, (size_t)t->y[j]);

		gp_printf(g, "%s$data using 1:%zu with linespoints linewidth 2 "
		    "pointtype 7 linecolor rgb '%s' title ", sep, j + 2,
		    colors[(j + (j > 0 && t->ident >= 0)) % NCOLORS]);
		gp_text(g, strcmp(name, "estimate") == 0 ? "estimated" : name);
		sep = ", \\\n     ";
	}
	if (t->ident >= 0) {
		const char *name = mse_csv_name(in->csv, (size_t)t->ident);

		gp_printf(g, "%s$data using 1:%zu with linespoints linewidth 2 "
		    "pointtype 5 dashtype 2 linecolor rgb '%s' title ", sep,
		    n + 4, GP_VERMILLION);
		gp_text(g, strcmp(name, "observed") == 0 ? "identified (seen "
		    "by a list)" : strcmp(name, "total") == 0 ? "identified" :
		    name);
	}
	gp_printf(g, "\n");
}

/*
 * mse-fit --by year,gender: the stratum columns come before `method'
 * (after `row').  With two or more, one line through every row would
 * zig-zag between the groups, so refuse, unless --x names the x column.
 */
/* A column of nothing but `total' or empty: mse-batch's totals by year. */
static int
all_total(const struct input *in, size_t col)
{
	size_t r;
	const char *f;

	for (r = 0; r < mse_csv_rows(in->csv); r++)
		if ((f = mse_csv_field(in->csv, r, col))[0] != '\0' &&
		    strcmp(f, "total") != 0)
			return 0;
	return 1;
}

static int
one_stratum(const struct opts *o, const struct input *in)
{
	long method = mse_csv_find(in->csv, "method"), j, n = 0;
	char buf[256];
	size_t len = 0;

	for (j = 0; j < method; j++)
		if (strcmp(mse_csv_name(in->csv, (size_t)j), "row") != 0 &&
		    !all_total(in, (size_t)j)) {
			n++;
			len += (size_t)snprintf(buf + len, len < sizeof(buf) ?
			    sizeof(buf) - len : 0, "%s%s", len ? ", " : "",
			    mse_csv_name(in->csv, (size_t)j));
			if (len >= sizeof(buf))
				len = sizeof(buf) - 1;
		}
	if (n < 2 || o->x != NULL)
		return 0;
	cli_warn("%s: -k trend: %ld stratum columns (%s) would draw one "
	    "line zig-zagging between the groups; give one group's rows "
	    "(mse-fit --by year), or name the x column with --x",
	    in->name, n, cli_clean(buf, buf, sizeof(buf)));
	return -1;
}

static int
plot_trend(struct gp *g, const struct opts *o, const struct input *in)
{
	struct trend t;
	struct row *rows;
	double lo, hi;
	int whole, rc;
	size_t n;

	if (trend_columns(o, in, &t) != 0 || one_stratum(o, in) != 0)
		return -1;
	if (mse_csv_rows(in->csv) == 0) {
		cli_warn("%s: no rows to draw", in->name);
		return -1;
	}
	rows = sorted_rows(in, t.x, &whole, &lo, &hi, &n);
	if (rows == NULL)
		return -1;
	if (n == 0) {
		cli_warn("%s: no rows to draw", in->name);
		free(rows);
		return -1;
	}
	rc = trend_data(g, in, &t, rows, n, whole && hi - lo <= 1000);
	free(rows);
	if (rc != 0)
		return -1;
	labels(g, o, mse_csv_name(in->csv, (size_t)t.x), t.ny == 1 &&
	    strcmp(mse_csv_name(in->csv, (size_t)t.y[0]), "estimate") == 0 ?
	    "number of people" : NULL);
	/* Whole years: one tic each (up to 25), and half a year's margin so
	 * the end points and their error bars are not clipped. */
	if (whole && hi - lo <= 25)
		gp_printf(g, "set xtics %.0f, 1, %.0f\n", lo, hi);
	if (whole)
		gp_printf(g, "set format x '%%.0f'\n");
	gp_printf(g, "set bmargin 7\nset key at screen 0.5, screen 0.01 center "
	    "bottom horizontal\n");
	gp_printf(g, "set offsets %g, %g, 0, 0\nset yrange [0:*]\n",
	    whole ? 0.5 : 0.03 * (hi - lo), whole ? 0.5 : 0.03 * (hi - lo));
	trend_plot(g, o, in, &t);
	return 0;
}

/* --- models --------------------------------------------------------------- */

/* A marker field that says yes: anything but missing, 0, no or false. */
static int
truthy(const char *s)
{
	return !mse_csv_missing(s) && strcmp(s, "0") != 0 &&
	    strcasecmp(s, "no") != 0 && strcasecmp(s, "false") != 0;
}

struct models {
	long x, y, lower, upper, label, mark;
	size_t best;		/* without a mark column: the lowest x */
};

/* The model row with the lowest x (AIC or BIC), the first of ties. */
static size_t
lowest(const struct input *in, long x)
{
	size_t r, best = (size_t)-1;
	double v, min = INFINITY;

	for (r = 0; r < mse_csv_rows(in->csv); r++)
		if (!summary_row(in, r) && mse_csv_number(in->csv, r,
		    (size_t)x, &v, NULL) == MSE_OK && v < min) {
			min = v;
			best = r;
		}
	return best;
}

/* set label 'NAME' at x,y: the name as a quoted string, never data. */
static void
model_label(struct gp *g, struct outbuf *lab, const char *name, double x,
    double y)
{
	struct gp tmp = *g;

	tmp.s = *lab;
	gp_printf(&tmp, "set label ");
	gp_text(&tmp, name);
	gp_printf(&tmp, " at ");
	gp_data_number(&tmp, x);
	gp_printf(&tmp, ",");
	gp_data_number(&tmp, y);
	gp_printf(&tmp, " left offset character 1,0.5 font ',8' front\n");
	*lab = tmp.s;
}

static int
models_columns(const struct opts *o, const struct input *in,
    struct models *m)
{
	static const char *const xs[] = { "aic", "bic", NULL };
	static const char *const ys[] = { "estimate", NULL };
	static const char *const ls[] = { "model", NULL };
	static const char *const ms[] = { "chosen", "selected", "best", NULL };
	static const char *const lows[] = { "lower", NULL };
	static const char *const ups[] = { "upper", NULL };

	m->x = column(in, o->x, "x", xs, "AIC or BIC");
	m->y = column(in, o->y, "y", ys, "estimate");
	m->lower = column(in, o->lower, "lower", lows, NULL);
	m->upper = column(in, o->upper, "upper", ups, NULL);
	m->label = column(in, o->label, "label", ls, NULL);
	m->mark = column(in, o->mark, "mark", ms, NULL);
	if (m->x < 0 || m->y < 0 || m->lower < -1 || m->upper < -1 ||
	    m->label < -1 || m->mark < -1)
		return -1;
	if (m->lower < 0 || m->upper < 0)
		m->lower = m->upper = -1;
	m->best = lowest(in, m->x);
	return 0;
}

/* x y lower upper chosen; rows without x or y are left out.  A label
 * goes in the script as a quoted string, at its point. */
static int
models_data(struct gp *g, const struct input *in, const struct models *m,
    struct outbuf *lab)
{
	size_t r, i, left = 0, n = mse_csv_rows(in->csv);
	double v[4];
	char buf[128];
	int chosen;

	if (n == 0) {
		cli_warn("%s: no models to draw", in->name);
		return -1;
	}
	gp_printf(g, "$data << EOD\n");
	for (r = 0; r < n; r++) {
		if (summary_row(in, r))
			continue;	/* model averages: not a model */
		if (number(in, r, m->x, &v[0]) != 0 ||
		    number(in, r, m->y, &v[1]) != 0 ||
		    number(in, r, m->lower, &v[2]) != 0 ||
		    number(in, r, m->upper, &v[3]) != 0)
			return -1;
		if (!isfinite(v[0]) || !isfinite(v[1])) {
			left++;
			continue;
		}
		chosen = m->mark >= 0 ? truthy(mse_csv_field(in->csv, r,
		    (size_t)m->mark)) : r == m->best;
		for (i = 0; i < 4; i++) {
			gp_data_number(g, v[i]);
			gp_printf(g, " ");
		}
		gp_printf(g, "%d\n", chosen);
		/* Every model's name when there are few, else the chosen. */
		if (m->label >= 0 && (n <= 20 || chosen))
			model_label(g, lab, mse_csv_field(in->csv, r,
			    (size_t)m->label), v[0], v[1]);
	}
	gp_printf(g, "EOD\n");
	if (left > 0)
		cli_warn("%s: %zu model(s) without an estimate or %s left out",
		    in->name, left, cli_clean(mse_csv_name(in->csv,
		    (size_t)m->x), buf, sizeof(buf)));
	return left < n ? 0 : -1;
}

static int
plot_models(struct gp *g, const struct opts *o, const struct input *in)
{
	struct outbuf lab = { NULL, 0, 0, 0 };
	const char *xname;
	struct models m;

	if (models_columns(o, in, &m) != 0 || models_data(g, in, &m,
	    &lab) != 0) {
		free(lab.buf);
		return -1;
	}
	xname = mse_csv_name(in->csv, (size_t)m.x);
	labels(g, o, strcmp(xname, "aic") == 0 ? "AIC" :
	    strcmp(xname, "bic") == 0 ? "BIC" : xname, "estimated population");
	if (lab.len > 0)
		out_printf(&g->s, "%.*s", (int)lab.len, lab.buf);
	g->s.failed |= lab.failed;
	free(lab.buf);
	gp_printf(g, "set offsets graph 0.05, graph 0.15, graph 0.1, "
	    "graph 0.1\nplot $data using 1:2%s with %s pointtype 7 "
	    "linecolor rgb '%s' title 'model%s', \\\n", m.lower >= 0 ? ":3:4" : "",
	    m.lower >= 0 ? "yerrorbars" : "points", GP_BLUE,
	    m.lower >= 0 ? ": estimate and interval" : "s");
	gp_printf(g, "     $data using ($5 > 0 ? $1 : NaN):2 with points "
	    "pointtype 6 pointsize 2.5 linewidth 2 linecolor rgb '%s' "
	    "title ", GP_VERMILLION);
	if (m.mark >= 0)
		gp_text(g, "chosen");
	else {
		char buf[160];

		snprintf(buf, sizeof(buf), "chosen (lowest %s)", strcmp(xname,
		    "aic") == 0 ? "AIC" : strcmp(xname, "bic") == 0 ? "BIC" :
		    xname);
		gp_text(g, buf);
	}
	gp_printf(g, "\n");
	return 0;
}

/* --- bootstrap ------------------------------------------------------------ */

static int
plot_bootstrap(struct gp *g, const struct opts *o, const struct input *in)
{
	static const char *const ys[] = { "estimate", NULL };
	size_t r, n = 0;
	char buf[128];
	long y;
	double v;

	y = column(in, o->y, "y", ys, NULL);
	for (r = 0; y == -1 && r < mse_csv_columns(in->csv); r++)
		if (is_number_column(in, r))
			y = (long)r;
	if (y < 0) {
		if (y == -1)
			cli_warn("%s: no number column (name it with --y)",
			    in->name);
		return -1;
	}
	gp_printf(g, "$data << EOD\n");
	for (r = 0; r < mse_csv_rows(in->csv); r++) {
		if (number(in, r, y, &v) != 0)
			return -1;
		if (isfinite(v)) {
			gp_data_number(g, v);
			gp_printf(g, "\n");
			n++;
		}
	}
	gp_printf(g, "EOD\n");
	if (n == 0) {
		cli_warn("%s: no values in column '%s'", in->name,
		    cli_clean(mse_csv_name(in->csv, (size_t)y), buf,
		    sizeof(buf)));
		return -1;
	}
	labels(g, o, mse_csv_name(in->csv, (size_t)y), "replicates");
	gp_printf(g, "set style fill solid 0.7 border linecolor rgb 'white'\n"
	    "set yrange [0:*]\n"
	    "plot $data using 1 bins=%ld with boxes linecolor rgb '%s' "
	    "title '%zu replicates'\n", o->bins, GP_BLUE, n);
	return 0;
}

/* --- prevalence ----------------------------------------------------------- */

struct prev {
	long label, y, lower, upper;
};

static int
prev_columns(const struct opts *o, const struct input *in, struct prev *p)
{
	static const char *const ls[] = { "country", "region", NULL };
	static const char *const ys[] = { "prevalence", "prevalence_per_1000",
	    NULL };
	static const char *const lows[] = { "prevalence_lower", NULL };
	static const char *const ups[] = { "prevalence_upper", NULL };
	size_t j;

	p->label = column(in, o->label, "label", ls, NULL);
	for (j = 0; p->label == -1 && j < mse_csv_columns(in->csv); j++)
		if (!is_number_column(in, j))
			p->label = (long)j;
	p->y = column(in, o->y, "y", ys, "prevalence");
	p->lower = column(in, o->lower, "lower", lows, NULL);
	p->upper = column(in, o->upper, "upper", ups, NULL);
	if (p->label == -1)
		cli_warn("%s: no label column (name it with --label)",
		    in->name);
	if (p->label < 0 || p->y < 0 || p->lower < -1 || p->upper < -1)
		return -1;
	if (p->lower < 0 || p->upper < 0)
		p->lower = p->upper = -1;
	return 0;
}

struct bar {
	double v;
	size_t r;
};

static int
bar_cmp(const void *a, const void *b)
{
	const struct bar *p = a, *q = b;

	if (p->v != q->v)
		return p->v > q->v ? -1 : 1;
	return p->r < q->r ? -1 : p->r > q->r;
}

/* The rows with a value, largest first; NULL on failure. */
static struct bar *
prev_rows(const struct input *in, const struct prev *p, size_t *n)
{
	size_t r, nr = mse_csv_rows(in->csv);
	struct bar *b = calloc(nr + 1, sizeof(*b));
	char buf[128];

	*n = 0;
	if (b == NULL) {
		cli_warn("out of memory");
		return NULL;
	}
	for (r = 0; r < nr; r++) {
		if (number(in, r, p->y, &b[*n].v) != 0) {
			free(b);
			return NULL;
		}
		b[*n].r = r;
		*n += isfinite(b[*n].v);
	}
	if (*n < nr)
		cli_warn("%s: %zu row(s) without a value in '%s' left out of "
		    "the chart", in->name, nr - *n, cli_clean(mse_csv_name(
		    in->csv, (size_t)p->y), buf, sizeof(buf)));
	qsort(b, *n, sizeof(*b), bar_cmp);
	return b;
}

/* rank value lower upper, largest first; the labels as y tics. */
static int
prev_data(struct gp *g, const struct input *in, const struct prev *p,
    size_t *n)
{
	struct bar *b = prev_rows(in, p, n);
	double lo, hi;
	size_t r;

	if (b == NULL)
		return -1;
	gp_printf(g, "$data << EOD\n");
	for (r = 0; r < *n; r++) {
		if (number(in, b[r].r, p->lower, &lo) != 0 ||
		    number(in, b[r].r, p->upper, &hi) != 0) {
			free(b);
			return -1;
		}
		gp_printf(g, "%zu ", r + 1);
		gp_data_number(g, b[r].v);
		gp_printf(g, " ");
		gp_data_number(g, lo);
		gp_printf(g, " ");
		gp_data_number(g, hi);
		gp_printf(g, "\n");
	}
	gp_printf(g, "EOD\nset ytics ()\n");
	for (r = 0; r < *n; r++) {
		gp_printf(g, "set ytics add (");
		gp_text(g, mse_csv_field(in->csv, b[r].r, (size_t)p->label));
		gp_printf(g, " %zu)\n", r + 1);
	}
	free(b);
	return 0;
}

/* "prevalence per 1,000" from a per column holding one value. */
static void
per_label(const struct input *in, const struct prev *p, char *buf,
    size_t size)
{
	long col = mse_csv_find(in->csv, "per");
	const char *name = mse_csv_name(in->csv, (size_t)p->y);
	double per = strcmp(name, "prevalence_per_1000") == 0 ? 1000 : NAN;
	double v;
	size_t r;

	for (r = 0; col >= 0 && r < mse_csv_rows(in->csv); r++) {
		if (mse_csv_number(in->csv, r, (size_t)col, &v, NULL) !=
		    MSE_OK || !(v >= 1 && v < 1e15) || (r > 0 && v != per)) {
			per = NAN;
			break;
		}
		per = v;
	}
	if (isnan(per))
		snprintf(buf, size, "%s", name);
	else if (per >= 1e6)
		snprintf(buf, size, "prevalence per %.0f", per);
	else if (per >= 1000)
		snprintf(buf, size, "prevalence per %.0f,%03.0f",
		    floor(per / 1000), fmod(per, 1000));
	else
		snprintf(buf, size, "prevalence per %.0f", per);
}

static int
plot_prevalence(struct gp *g, const struct opts *o, const struct input *in)
{
	struct prev p;
	char xl[128];
	size_t n;

	if (prev_columns(o, in, &p) != 0 || prev_data(g, in, &p, &n) != 0)
		return -1;
	if (n == 0) {
		cli_warn("%s: nothing to draw", in->name);
		return -1;
	}
	per_label(in, &p, xl, sizeof(xl));
	labels(g, o, xl, NULL);
	gp_printf(g, "set yrange [%zu.5:0.5]\nset xrange [0:*]\n"
	    "set ytics scale 0\nunset grid\nset grid xtics linecolor rgb "
	    "'#dddddd'\nset key bottom right\n"
	    "set style fill solid 0.8 noborder\n"
	    "plot $data using ($2/2):1:($2/2):(0.35) with boxxyerror "
	    "linecolor rgb '%s' notitle", n, GP_BLUE);
	if (p.lower >= 0) {
		gp_printf(g, ", \\\n     $data using 2:1:3:4 with xerrorbars "
		    "pointtype 7 pointsize 0.5 linecolor rgb 'black' title ");
		interval_title(g, in);
	}
	gp_printf(g, "\n");
	return 0;
}

/* --- overlap and lists: capture-history tables --------------------------- */

struct pattern {
	uint32_t w;
	double n;
	int lists;
};

static int
pattern_cmp(const void *a, const void *b)
{
	const struct pattern *p = a, *q = b;

	if (p->n != q->n)
		return p->n > q->n ? -1 : 1;
	if (p->lists != q->lists)
		return p->lists < q->lists ? -1 : 1;
	return p->w < q->w ? -1 : p->w > q->w;
}

/* The observed patterns, largest first; NULL without memory. */
static struct pattern *
patterns(const struct mse_table *t, size_t *n)
{
	uint32_t w, cells = mse_table_cells(t);
	struct pattern *p = calloc((size_t)cells + 1, sizeof(*p));

	*n = 0;
	if (p == NULL) {
		cli_warn("out of memory");
		return NULL;
	}
	for (w = 1; w <= cells; w++)
		if (mse_table_get(t, w) > 0) {
			p[*n].w = w;
			p[*n].n = mse_table_get(t, w);
			p[*n].lists = __builtin_popcount(w);
			(*n)++;
		}
	qsort(p, *n, sizeof(*p), pattern_cmp);
	return p;
}

/* The characters of UTF-8 text s, or of its first n bytes. */
static size_t
utf8_chars(const char *s, size_t n)
{
	size_t c = 0, i;

	for (i = 0; i < n && s[i] != '\0'; i++)
		c += ((unsigned char)s[i] & 0xc0) != 0x80;
	return c;
}

/*
 * How name breaks into lines of at most width characters at spaces (a
 * longer word is a line of its own): calls put(line, bytes) for each and
 * returns the number of lines; *longest, the longest line's characters.
 */
static size_t
wrap_lines(const char *name, size_t width, size_t *longest,
    struct gp *g)
{
	const char *p = name, *end, *next;
	size_t lines = 0, len;

	*longest = 0;
	for (;;) {
		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		/* The first word, then more while the line stays within. */
		end = p + strcspn(p, " ");
		while (*end == ' ') {
			next = end + 1 + strcspn(end + 1, " ");
			if (utf8_chars(p, (size_t)(next - p)) > width)
				break;
			end = next;
		}
		len = utf8_chars(p, (size_t)(end - p));
		*longest = len > *longest ? len : *longest;
		if (g != NULL) {
			char *line = strndup(p, (size_t)(end - p));

			if (line == NULL)
				g->s.failed = 1;
			else {
				gp_printf(g, "%s", lines ? " . \"\\n\" . " : "");
				gp_text(g, line);
			}
			free(line);
		}
		lines++;
		p = end;
	}
	if (lines == 0 && g != NULL)
		gp_text(g, "");
	return lines;
}

/* The list names as tic labels of axis ("x" or "y"), quoted: each a
 * string, or, with wrap > 0, lines of quoted strings joined by a
 * newline that is the script's own ('a' . "\n" . 'b'), never the data's. */
static void
list_tics(struct gp *g, const struct mse_table *t, const char *axis,
    int from, size_t wrap)
{
	size_t j, k = mse_table_lists(t), longest;

	gp_printf(g, "set %stics (", axis);
	for (j = 0; j < k; j++) {
		gp_printf(g, "%s", j ? ", " : "");
		if (wrap > 0)
			wrap_lines(mse_table_name(t, j), wrap, &longest, g);
		else
			gp_text(g, mse_table_name(t, j));
		gp_printf(g, " %zu", j + (size_t)from);
	}
	gp_printf(g, ")\n");
}

/* Bars per pattern; below, a dot per list, dark when the pattern holds
 * it, joined by a line (Lex et al. 2014, "UpSet"). */
static void
overlap_data(struct gp *g, const struct mse_table *t,
    const struct pattern *p, size_t n)
{
	size_t i, j, k = mse_table_lists(t);

	gp_printf(g, "$bars << EOD\n");
	for (i = 0; i < n; i++)
		gp_printf(g, "%zu %.0f\n", i + 1, p[i].n);
	gp_printf(g, "EOD\n$dots << EOD\n");
	for (i = 0; i < n; i++)
		for (j = 0; j < k; j++)
			gp_printf(g, "%zu %zu %d\n", i + 1, j + 1,
			    (int)((p[i].w >> j) & 1));
	gp_printf(g, "EOD\n$segments << EOD\n");
	for (i = 0; i < n; i++)
		if (p[i].lists > 1)
			gp_printf(g, "%zu %d %d\n", i + 1,
			    __builtin_ctz(p[i].w) + 1,
			    32 - __builtin_clz(p[i].w));
	gp_printf(g, "EOD\n");
}

static int
plot_overlap(struct gp *g, const struct opts *o, const struct mse_table *t)
{
	size_t n, k = mse_table_lists(t);
	struct pattern *p = patterns(t, &n);

	if (p == NULL)
		return -1;
	if (n == 0) {
		cli_warn("nothing to draw: every count is 0");
		free(p);
		return -1;
	}
	if (n > (size_t)o->top)
		n = (size_t)o->top;
	overlap_data(g, t, p, n);
	free(p);
	gp_printf(g, "set multiplot%s", o->title != NULL ? " title " : "");
	if (o->title != NULL)
		gp_text(g, o->title);
	gp_printf(g, "\nset lmargin at screen 0.2\nset rmargin at screen "
	    "0.97\nset xrange [0.5:%zu.5]\n"
	    "set origin 0,0.35\nset size 1,0.6\nset bmargin 0\nunset xtics\n"
	    "set yrange [0:*]\nset style fill solid 0.8 noborder\n"
	    "set boxwidth 0.7\n", n);
	gp_printf(g, "set ylabel ");
	gp_text(g, o->ylabel != NULL ? o->ylabel : "people");
	gp_printf(g, "\nplot $bars using 1:2 with boxes linecolor rgb '%s' "
	    "notitle, \\\n     $bars using 1:2:(sprintf('%%.0f', $2)) with "
	    "labels offset 0,0.7 font ',8' notitle\n", GP_BLUE);
	gp_printf(g, "set origin 0,0\nset size 1,0.35\nset tmargin 0\n"
	    "set bmargin 1\nunset ylabel\nunset grid\nset border 0\n"
	    "set yrange [%zu.5:0.5]\nset ytics scale 0\n", k);
	list_tics(g, t, "y", 1, 0);
	gp_printf(g, "plot $segments using 1:2:(0):($3 - $2) with vectors "
	    "nohead linewidth 2 linecolor rgb 'black' notitle, \\\n"
	    "     $dots using 1:2:($3 > 0 ? 0x000000 : 0xdddddd) with points "
	    "pointtype 7 pointsize 1.2 linecolor rgb variable notitle\n"
	    "unset multiplot\n");
	return 0;
}

/* How many each pair of lists saw (the diagonal: each list's size), in
 * one pass over the observed patterns. */
static void
pair_counts(const struct mse_table *t,
    double both[MSE_MAX_LISTS][MSE_MAX_LISTS])
{
	uint32_t w, cells = mse_table_cells(t);
	size_t i, j, k = mse_table_lists(t);
	double n;

	memset(both, 0, sizeof(double) * MSE_MAX_LISTS * MSE_MAX_LISTS);
	for (w = 1; w <= cells; w++) {
		if ((n = mse_table_get(t, w)) == 0)
			continue;
		for (i = 0; i < k; i++)
			for (j = 0; j < k && ((w >> i) & 1); j++)
				if ((w >> j) & 1)
					both[i][j] += n;
	}
}

/*
 * About how many characters of tic labels fit across a panel of width
 * `share' of the chart: a 10-point sans character is about 7 pixels wide
 * and a 9-point one about 5 points (1/72 inch), the fonts gp_begin sets;
 * the dumb terminal counts characters.
 */
static double
panel_chars(const struct gp *g, double share)
{
	double w = g->width;

	switch (g->term) {
	case GP_DUMB:
		return (w > 0 ? w : 79) * share;
	case GP_PDFCAIRO:
	case GP_CAIROLATEX:
	case GP_EPSLATEX:
		return (w > 0 ? w : 5) * 72 / 5 * share;
	default:
		return (w > 0 ? w : 800) / 7 * share;
	}
}

/* How the list names are laid out as tics: wrapped to lines of `wrap'
 * characters (0: not), turned 45 degrees or not, and the margins. */
struct names {
	size_t wrap, ywrap;	/* the x tics', the heat map's rows' */
	int rotate;
	size_t bmargin, lmargin;	/* in characters; 0: gnuplot's */
	size_t hlmargin;	/* the heat map's, for its rows' names */
};

/* The wrap width: a line of a name in 16 characters, as a short
 * phrase; LaTeX terminals typeset text themselves and are not wrapped. */
#define NAME_WRAP 16

/*
 * List names side by side under the bars would run into each other when
 * they are many or long.  Then they are wrapped at spaces, and if they
 * still do not fit, turned 45 degrees, each ending at its tic.  The
 * margins are set to hold them: gnuplot 5.4's automatic margins count
 * neither the lines of a wrapped label nor, fully, a turned one.
 */
static void
name_layout(const struct gp *g, const struct mse_table *t,
    struct names *nl)
{
	size_t j, k = mse_table_lists(t), longest = 0, lines = 1, len, l;
	size_t wrapped = 0;
	/* The bars' panel is about 40% of the chart, its tics less; each
	 * name gets its bar's slot, and two characters keep names apart. */
	double room = panel_chars(g, 0.4);

	memset(nl, 0, sizeof(*nl));
	for (j = 0; j < k; j++)
		if ((len = utf8_chars(mse_table_name(t, j), (size_t)-1)) >
		    longest)
			longest = len;
	if ((double)(k * (longest + 2)) <= room)
		return;
	nl->ywrap = gp_latex(g) ? 0 : NAME_WRAP;
	for (j = 0; j < k && nl->ywrap > 0; j++) {
		l = wrap_lines(mse_table_name(t, j), nl->ywrap, &len, NULL);
		lines = l > lines ? l : lines;
		wrapped = len > wrapped ? len : wrapped;
	}
	if (nl->ywrap > 0 && (double)(k * (wrapped + 2)) <= room) {
		nl->wrap = nl->ywrap;
		nl->bmargin = lines + 2;
		return;
	}
	/* Turned, a name takes a line's height across its slot, whatever
	 * its length; wrapped and turned, names would run into each other.
	 * A character is about half as wide as a line is high (sans), and
	 * at 45 degrees each extent shrinks by cos 45 = 0.71. */
	nl->rotate = 1;
	nl->bmargin = (size_t)ceil(0.71 * 0.5 * (double)longest) + 1;
	nl->lmargin = (size_t)ceil(0.71 * (double)longest) + 2;
	nl->lmargin = nl->lmargin > 10 ? nl->lmargin : 10;
	/* gnuplot would widen the heat map's margin to hold the first
	 * turned name, which runs below its rows' names: fix it to them. */
	nl->hlmargin = (nl->ywrap > 0 ? wrapped : longest) + 2;
}

/* List sizes as bars; beside them, how many each pair of lists share
 * (the diagonal: the list's size) as a heat map with the counts. */
static int
plot_lists(struct gp *g, const struct opts *o, const struct mse_table *t)
{
	size_t i, j, k = mse_table_lists(t);
	double both[MSE_MAX_LISTS][MSE_MAX_LISTS];
	double top = 1;		/* the largest overlap of two lists */
	struct names nl;

	pair_counts(t, both);
	gp_printf(g, "$sizes << EOD\n");
	for (j = 0; j < k; j++)
		gp_printf(g, "%zu %.0f\n", j, both[j][j]);
	gp_printf(g, "EOD\n$pairs << EOD\n");
	for (i = 0; i < k; i++)
		for (j = 0; j < k; j++) {
			gp_printf(g, "%zu %zu %.0f\n", j, i, both[i][j]);
			if (i != j && both[i][j] > top)
				top = both[i][j];
		}
	gp_printf(g, "EOD\nset multiplot layout 1,2%s",
	    o->title != NULL ? " title " : "");
	if (o->title != NULL)
		gp_text(g, o->title);
	gp_printf(g, "\nset style fill solid 0.8 noborder\nset boxwidth 0.7\n"
	    "set xrange [-0.5:%zu.5]\nset yrange [0:*]\n", k - 1);
	name_layout(g, t, &nl);
	list_tics(g, t, "x", 0, nl.wrap);
	if (nl.rotate)
		gp_printf(g, "set xtics rotate by 45 right\nset lmargin %zu\n",
		    nl.lmargin);
	if (nl.bmargin > 0)
		gp_printf(g, "set bmargin %zu\n", nl.bmargin);
	gp_printf(g, "set ylabel ");
	gp_text(g, o->ylabel != NULL ? o->ylabel : "people on the list");
	gp_printf(g, "\nplot $sizes using 1:2 with boxes linecolor rgb '%s' "
	    "notitle, \\\n     $sizes using 1:2:(sprintf('%%.0f', $2)) with "
	    "labels offset 0,0.7 font ',8' notitle\n", GP_BLUE);
	gp_printf(g, "unset ylabel\nunset grid\nset border 0\n"
	    "set tics scale 0\nset title 'seen by both lists'\n"
	    "set yrange [%zu.5:-0.5]\nset palette defined (0 '#ffffff', "
	    "1 '%s')\nunset colorbox\n", k - 1, GP_SKY);
	/* Colour by the pairs: the sizes on the diagonal would wash them
	 * out, so they take the darkest colour. */
	gp_printf(g, "set cbrange [0:%.0f]\n", top);
	if (nl.rotate)
		gp_printf(g, "set lmargin %zu\nset rmargin 2\n", nl.hlmargin);
	list_tics(g, t, "y", 0, nl.ywrap);
	gp_printf(g, "plot $pairs using 1:2:3 with image notitle, \\\n"
	    "     $pairs using 1:2:(sprintf('%%.0f', $3)) with labels "
	    "font ',8' notitle\nunset multiplot\n");
	return 0;
}

static int
plot_table(struct gp *g, const struct opts *o)
{
	struct mse_table *t = NULL;
	struct mse_error err;
	const char *name;
	FILE *fp = open_input(o, &name);
	int rc;

	if (fp == NULL)
		return -1;
	mse_error_clear(&err);
	rc = mse_table_read(fp, name, o->delimiter, &t, &err);
	if (fp != stdin)
		fclose(fp);
	if (rc != MSE_OK) {
		cli_error(&err, name);
		return -1;
	}
	rc = o->kind == OVERLAP ? plot_overlap(g, o, t) : plot_lists(g, o, t);
	mse_table_free(t);
	return rc;
}

/* --- main ----------------------------------------------------------------- */

static int
draw(struct gp *g, const struct opts *o)
{
	struct input in = { NULL, NULL };
	int rc;

	if (o->kind == OVERLAP || o->kind == LISTS)
		return plot_table(g, o);
	if (read_csv(o, &in) != 0)
		return -1;
	switch (o->kind) {
	case TREND: rc = plot_trend(g, o, &in); break;
	case MODELS: rc = plot_models(g, o, &in); break;
	case BOOTSTRAP: rc = plot_bootstrap(g, o, &in); break;
	default: rc = plot_prevalence(g, o, &in); break;
	}
	mse_csv_free(in.csv);
	return rc;
}

int
main(int argc, char **argv)
{
	struct opts o;
	struct gp g;
	int rc;

	memset(&o, 0, sizeof(o));
	o.kind = -1;
	o.top = 20;
	o.bins = 30;
	cli_init(argv[0]);
	parse_args(argc, argv, &o);
	memset(&g, 0, sizeof(g));
	g.term = choose_terminal(&o);
	g.output = o.output;
	g.script = o.script;
	g.width = o.width;
	g.height = o.height;
	if (gp_prepare(&g) != 0)
		return EXIT_FAIL;
	rc = gp_begin(&g) == 0 && draw(&g, &o) == 0 ? 0 : -1;
	if (rc != 0) {
		gp_discard(&g);
		return EXIT_FAIL;
	}
	return gp_finish(&g) == 0 ? EXIT_OK : EXIT_FAIL;
}
