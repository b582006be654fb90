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

enum { TREND, MODELS, OVERLAP, LISTS, BOOTSTRAP, PREVALENCE, POSTERIOR,
	SENSITIVITY };
static const char *const kinds[] = {
	"trend", "models", "overlap", "lists", "bootstrap", "prevalence",
	"posterior", "sensitivity"
};
#define NKINDS (sizeof(kinds) / sizeof(kinds[0]))

struct opts {
	int kind;
	const char *output, *terminal;
	int script;
	const char *title, *xlabel, *ylabel;
	double width, height;
	const char *x, *y, *lower, *upper, *label, *mark, *identified;
	const char *group;	/* trend: the column whose values make lines */
	const char *fit;	/* bootstrap: mse-fit's output, for the marks */
	double level;		/* posterior: the central interval's level */
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
	    "  bootstrap   histogram of bootstrap replicates (with --fit: "
	    "the estimate\n              and interval marked)\n"
	    "  prevalence  ranked bars of prevalence, with intervals\n"
	    "  posterior   histogram of draws of N (mse-fit -m lcm --draws), "
	    "the median\n              and central interval marked\n"
	    "  sensitivity estimate and interval with lists dropped and "
	    "merged\n              (mse-check --part sensitivity), the "
	    "whole table's dashed\n\n"
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
	    "      --group=COL         trend: one line per value of COL (such "
	    "as gender)\n"
	    "      --label=COL         models: model; prevalence: country\n"
	    "      --mark=COL          models: the chosen model's column "
	    "(chosen, selected)\n"
	    "      --bars              intervals as error bars, not a band\n"
	    "      --top=N             overlap: the N largest patterns "
	    "(default 20)\n"
	    "      --bins=N            bootstrap, posterior: histogram bins "
	    "(default 30)\n"
	    "      --fit=FILE          bootstrap: mark the estimate and "
	    "interval of FILE,\n                          mse-fit's output "
	    "for the same table\n"
	    "  -L, --level=P           posterior: the central interval's "
	    "level (default 0.95)\n"
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
	    "lists, bootstrap, prevalence, posterior, sensitivity", s);
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

/* A level strictly between 0 and 1, as mse-fit's --level. */
static double
parse_level(const char *s)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (errno != 0 || end == s || *end != '\0' || !(v > 0 && v < 1))
		cli_usage_error("--level: '%s' is not a number between 0 and 1 "
		    "(such as 0.95)", s);
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
	OPT_IDENTIFIED, OPT_BARS, OPT_TOP, OPT_BINS, OPT_GROUP, OPT_FIT
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
	{ "group", required_argument, NULL, OPT_GROUP },
	{ "fit", required_argument, NULL, OPT_FIT },
	{ "level", required_argument, NULL, 'L' },
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
	case OPT_GROUP: o->group = optarg; break;
	case OPT_FIT: o->fit = optarg; break;
	case 'L': o->level = parse_level(optarg); break;
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
	while ((c = getopt_long(argc, argv, ":k:o:t:sT:X:Y:S:d:L:hV", longopts,
	    NULL)) != -1)
		parse_option(c, o, argv);
	if (o->kind < 0)
		cli_usage_error("--kind is required: trend, models, overlap, "
		    "lists, bootstrap, prevalence, posterior or sensitivity");
	o->file = cli_operand(argc, argv);
	if ((o->lower == NULL) != (o->upper == NULL))
		cli_usage_error("--lower and --upper go together");
	if (o->group != NULL && o->kind != TREND)
		cli_usage_error("--group goes with -k trend");
	if (o->fit != NULL && o->kind != BOOTSTRAP)
		cli_usage_error("--fit goes with -k bootstrap");
	if (o->level != 0 && o->kind != POSTERIOR)
		cli_usage_error("--level goes with -k posterior");
	if (o->level == 0)
		o->level = 0.95;
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
	long group;		/* --group: one line per value, or -1 */
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

/* Every number column but x and the group, when neither --y nor
 * estimate is there. */
static void
number_columns(const struct input *in, struct trend *t)
{
	size_t j;

	for (j = 0; j < mse_csv_columns(in->csv) && t->ny < MAXSERIES; j++)
		if ((long)j != t->x && (long)j != t->group &&
		    mse_csv_name(in->csv, j)[0] != '\0' &&
		    is_number_column(in, j))
			t->y[t->ny++] = (long)j;
}

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

/* The stratum columns of mse-fit --by: those before `method' but `row'
 * (CONTRACT: mse-data(5)), and not a column of totals; *n of them. */
static void
strata(const struct input *in, long s[MAXSERIES], size_t *n)
{
	long method = mse_csv_find(in->csv, "method"), j;

	*n = 0;
	for (j = 0; j < method && *n < MAXSERIES; j++)
		if (strcmp(mse_csv_name(in->csv, (size_t)j), "row") != 0 &&
		    !all_total(in, (size_t)j))
			s[(*n)++] = j;
}

/* The x column: --x, else year, else the first stratum column that does
 * not make the groups, else the first column. */
static long
trend_x(const struct opts *o, const struct input *in, long group)
{
	static const char *const xs[] = { "year", NULL };
	long x = column(in, o->x, "x", xs, NULL), s[MAXSERIES];
	size_t i, n;

	if (x != -1)
		return x;
	strata(in, s, &n);
	for (i = 0; i < n; i++)
		if (s[i] != group)
			return s[i];
	return 0;
}

/*
 * mse-fit --by year,gender: with two or more stratum columns, one line
 * through every row would zig-zag between the groups, so --group must
 * name the column whose values make the lines.
 */
static int
trend_group(const struct opts *o, const struct input *in, struct trend *t)
{
	char buf[256], name[128];
	size_t i, n, len = 0;
	long s[MAXSERIES], other = -1;

	if (o->group != NULL) {
		t->group = column(in, o->group, "group", NULL, "");
		return t->group < 0 ? -1 : 0;
	}
	t->group = -1;
	strata(in, s, &n);
	if (n < 2)
		return 0;
	for (i = 0; i < n; i++) {
		len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%s",
		    i ? ", " : "", mse_csv_name(in->csv, (size_t)s[i]));
		if (len >= sizeof(buf))
			len = sizeof(buf) - 1;
		if (other < 0 && strcmp(mse_csv_name(in->csv, (size_t)s[i]),
		    "year") != 0)
			other = s[i];
	}
	cli_warn("%s: -k trend: %zu stratum columns (%s) would draw one "
	    "line zig-zagging between the groups; name the column whose "
	    "values make the lines with --group (such as --group %s)",
	    in->name, n, cli_clean(buf, buf, sizeof(buf)), cli_clean(
	    mse_csv_name(in->csv, (size_t)(other >= 0 ? other : s[1])),
	    name, sizeof(name)));
	return -1;
}

static int
trend_columns(const struct opts *o, const struct input *in, struct trend *t)
{
	static const char *const ests[] = { "estimate", NULL };
	static const char *const ids[] = { "identified", "total", "observed",
	    NULL };
	static const char *const lows[] = { "lower", NULL };
	static const char *const ups[] = { "upper", NULL };
	long est = -1;

	memset(t, 0, sizeof(*t));
	if (trend_group(o, in, t) != 0 ||
	    (t->x = trend_x(o, in, t->group)) < 0)
		return -1;
	if (t->x == t->group) {
		cli_warn("%s: --group: '%s' is the x axis already; name "
		    "another column", in->name, o->group);
		return -1;
	}
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
	if (t->group >= 0 && t->ny > 1) {
		cli_warn("%s: --group draws one value column per group, not "
		    "%zu: name one with --y", in->name, t->ny);
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
 * a `row' column saying anything but stratum, model or subgroup (total,
 * average), or, in the old shape without it, a first field `total' (mse-fit --by)
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
		    strcmp(s, "subgroup") != 0 && s[0] != '\0';
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

/* Two rows at the same x in one line: a line through both would be a
 * vertical zig-zag, so refuse, and say where the second one is. */
static void
duplicate_row(const struct input *in, const struct trend *t, size_t r,
    double x)
{
	struct mse_error err;
	char name[32], grp[48];
	long line, column;

	mse_error_clear(&err);
	mse_csv_position(in->csv, r, (size_t)t->x, &line, &column);
	cli_clean(mse_csv_name(in->csv, (size_t)t->x), name, sizeof(name));
	if (t->group >= 0)
		snprintf(err.message, sizeof(err.message), "a second row for "
		    "%s %.17g in group '%s': one line cannot go through both "
		    "(another stratum column?)", name, x, cli_clean(
		    mse_csv_field(in->csv, r, (size_t)t->group), grp,
		    sizeof(grp)));
	else
		snprintf(err.message, sizeof(err.message), "a second row for "
		    "%s %.17g: one line cannot go through both (name the "
		    "column of groups with --group)", name, x);
	err.line = line;
	err.column = column;
	cli_error(&err, in->name);
}

/* Whether row r belongs in the line of group value gval (NULL: all). */
static int
in_group(const struct input *in, const struct trend *t, size_t r,
    const char *gval)
{
	return gval == NULL || strcmp(mse_csv_field(in->csv, r,
	    (size_t)t->group), gval) == 0;
}

/* The data block NAME: x, the values, lower, upper, identified, by x,
 * for the rows of group value gval (NULL: every row). */
static int
trend_data(struct gp *g, const struct input *in, const struct trend *t,
    const struct row *rows, size_t n, int whole, const char *block,
    const char *gval)
{
	long c[MAXSERIES + 3];
	size_t i, j, m = 0, k = 0, cap = 0;
	double v, y, prev = NAN, *d = NULL, *p;
	int rc = 0;

	for (j = 0; j < t->ny; j++)
		c[m++] = t->y[j];
	c[m++] = t->lower;
	c[m++] = t->upper;
	c[m++] = t->ident;
	/* The rows first, x then m values each, a missing year among them
	 * as a row of NaN (a gap in the line and the band, which gnuplot
	 * does not join across). */
	for (i = 0; i < n && rc == 0; i++) {
		if (!in_group(in, t, rows[i].r, gval))
			continue;
		if (rows[i].x == prev) {
			duplicate_row(in, t, rows[i].r, prev);
			rc = -1;
			break;
		}
		for (y = isnan(prev) ? rows[i].x : prev + 1; ; y++) {
			int gap = whole && y < rows[i].x;

			if (k + m + 1 > cap) {
				cap = 2 * cap + 2 * (m + 1);
				p = realloc(d, cap * sizeof(*d));
				if (p == NULL) {
					cli_warn("out of memory");
					rc = -1;
					break;
				}
				d = p;
			}
			d[k++] = gap ? y : rows[i].x;
			for (j = 0; j < m; j++) {
				if (gap)
					v = NAN;
				else if (number(in, rows[i].r, c[j], &v) != 0)
					rc = -1;
				d[k++] = v;
			}
			if (!gap || rc != 0)
				break;
		}
		prev = rows[i].x;
	}
	/* Then each row, with its interval again in two more columns when
	 * no neighbour has one: a band needs two points, so an isolated
	 * year's interval is drawn as an error bar, never left out. */
	gp_printf(g, "%s << EOD\n", block);
	for (i = 0; rc == 0 && i < k; i += m + 1) {
		const double *r = d + i, *lo = r + 1 + m - 3;
		int iso = isfinite(lo[0]) && isfinite(lo[1]) &&
		    (i == 0 || !isfinite(lo[-(long)(m + 1)]) ||
		    !isfinite(lo[-(long)(m + 1) + 1])) &&
		    (i + m + 1 >= k || !isfinite(lo[m + 1]) ||
		    !isfinite(lo[m + 2]));

		for (j = 0; j <= m; j++) {
			gp_printf(g, j ? " " : "");
			gp_data_number(g, r[j]);
		}
		gp_printf(g, " ");
		gp_data_number(g, iso ? lo[0] : NAN);
		gp_printf(g, " ");
		gp_data_number(g, iso ? lo[1] : NAN);
		gp_printf(g, "\n");
	}
	free(d);
	gp_printf(g, "EOD\n");
	return rc;
}

/* "95% interval" when a level column holds one level, else "interval". */
static void
interval_text(const struct input *in, char *buf, size_t size)
{
	long col = mse_csv_find(in->csv, "level");
	double level = NAN, v;
	size_t r;

	for (r = 0; col >= 0 && r < mse_csv_rows(in->csv); r++) {
		if (mse_csv_number(in->csv, r, (size_t)col, &v, NULL) !=
		    MSE_OK || !(v > 0 && v < 1) || (r > 0 && v != level)) {
			level = NAN;
			break;
		}
		level = v;
	}
	if (isnan(level))
		snprintf(buf, size, "interval");
	else
		snprintf(buf, size, "%g%% interval", 100 * level);
}

static void
interval_title(struct gp *g, const struct input *in)
{
	char buf[64];

	interval_text(in, buf, sizeof(buf));
	gp_text(g, buf);
}

/* A key title "PREFIX: TEXT" (or TEXT alone), quoted. */
static void
joined_title(struct gp *g, const char *prefix, const char *text)
{
	size_t n = strlen(prefix) + strlen(text) + 3;
	char *s = malloc(n);

	if (s == NULL) {
		g->s.failed = 1;
		return;
	}
	snprintf(s, n, "%s%s%s", prefix, prefix[0] != '\0' ? ": " : "", text);
	gp_text(g, s);
	free(s);
}

/* A value column's name in the key. */
static const char *
value_name(const char *name)
{
	return strcmp(name, "estimate") == 0 ? "estimated" : name;
}

/* The number identified's name in the key. */
static const char *
ident_name(const char *name)
{
	return strcmp(name, "observed") == 0 ? "identified (seen by a list)" :
	    strcmp(name, "total") == 0 ? "identified" : name;
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
		/* An isolated year's interval, which no band can show. */
		if (!o->bars)
			gp_printf(g, "%s$data using 1:2:%zu:%zu with yerrorbars "
			    "linecolor rgb '%s' pointtype 7 pointsize 0.5 "
			    "notitle", sep, n + 5, n + 6, GP_BLUE);
	}
	for (j = 0; j < n; j++) {
		const char *name = mse_csv_name(in->csv, (size_t)t->y[j]);

		gp_printf(g, "%s$data using 1:%zu with linespoints linewidth 2 "
		    "pointtype 7 linecolor rgb '%s' title ", sep, j + 2,
		    colors[(j + (j > 0 && t->ident >= 0)) % NCOLORS]);
		gp_text(g, value_name(name));
		sep = ", \\\n     ";
	}
	if (t->ident >= 0) {
		gp_printf(g, "%s$data using 1:%zu with linespoints linewidth 2 "
		    "pointtype 5 dashtype 2 linecolor rgb '%s' title ", sep,
		    n + 4, GP_VERMILLION);
		gp_text(g, ident_name(mse_csv_name(in->csv,
		    (size_t)t->ident)));
	}
	gp_printf(g, "\n");
}

/* The values of the group column, in order of first appearance among
 * the data rows, *nv of them; at most NCOLORS, which are told apart by
 * colour and by point (Okabe and Ito 2008). */
static int
group_values(const struct input *in, const struct trend *t,
    const char *gv[NCOLORS], size_t *nv)
{
	size_t r, j, more = 0;
	const char *f;
	char buf[128];

	*nv = 0;
	for (r = 0; r < mse_csv_rows(in->csv); r++) {
		if (summary_row(in, r))
			continue;
		f = mse_csv_field(in->csv, r, (size_t)t->group);
		for (j = 0; j < *nv && strcmp(gv[j], f) != 0; j++)
			;
		if (j < *nv)
			continue;
		if (*nv < NCOLORS)
			gv[(*nv)++] = f;
		else
			more = 1;
	}
	if (more)
		cli_warn("%s: --group: more than %zu values in '%s', too many "
		    "lines to tell apart; give fewer groups' rows", in->name,
		    NCOLORS, cli_clean(mse_csv_name(in->csv,
		    (size_t)t->group), buf, sizeof(buf)));
	return more ? -1 : 0;
}

/* Filled circle, square, triangles, diamond, pentagon; open ones for the
 * number identified: the groups differ in shape too, in grey print. */
static const int points[NCOLORS] = { 7, 5, 9, 11, 13, 15 };

/* One clause per group for the band, the estimate and the identified. */
static void
group_plot(struct gp *g, const struct opts *o, const struct input *in,
    const struct trend *t, const char *const *gv, size_t ng)
{
	const char *sep = "plot ", *name;
	char itext[64];
	size_t k;

	interval_text(in, itext, sizeof(itext));
	for (k = 0; k < ng; k++) {
		/* An empty group value sums over the groups: mse-fit
		 * --subgroups' rows of the --within column alone. */
		name = gv[k][0] != '\0' ? gv[k] : "all";
		if (t->lower >= 0) {
			if (o->bars)
				gp_printf(g, "%s$group%zu using 1:2:3:4 with "
				    "yerrorbars linecolor rgb '%s' pointtype "
				    "%d title ", sep, k + 1, colors[k],
				    points[k]);
			else
				gp_printf(g, "%s$group%zu using 1:3:4 with "
				    "filledcurves fillcolor rgb '%s' "
				    "fillstyle transparent solid 0.15 "
				    "noborder title ", sep, k + 1, colors[k]);
			joined_title(g, name, itext);
			sep = ", \\\n     ";
			if (!o->bars)
				gp_printf(g, "%s$group%zu using 1:2:6:7 with "
				    "yerrorbars linecolor rgb '%s' pointtype "
				    "%d pointsize 0.5 notitle", sep, k + 1,
				    colors[k], points[k]);
		}
		gp_printf(g, "%s$group%zu using 1:2 with linespoints linewidth "
		    "2 pointtype %d linecolor rgb '%s' title ", sep, k + 1,
		    points[k], colors[k]);
		joined_title(g, name, value_name(mse_csv_name(in->csv,
		    (size_t)t->y[0])));
		sep = ", \\\n     ";
		if (t->ident < 0)
			continue;
		gp_printf(g, "%s$group%zu using 1:5 with linespoints linewidth "
		    "1.5 pointtype %d dashtype 2 linecolor rgb '%s' title ",
		    sep, k + 1, points[k] - 1, colors[k]);
		joined_title(g, name, ident_name(mse_csv_name(in->csv,
		    (size_t)t->ident)));
	}
	gp_printf(g, "\n");
}

/* The data: one block, or one per group value gv; *ng groups (0:
 * none). */
static int
trend_blocks(struct gp *g, const struct input *in, const struct trend *t,
    const struct row *rows, size_t n, int whole, const char *gv[NCOLORS],
    size_t *ng)
{
	char block[32];
	size_t k;

	*ng = 0;
	if (t->group < 0)
		return trend_data(g, in, t, rows, n, whole, "$data", NULL);
	if (group_values(in, t, gv, ng) != 0)
		return -1;
	for (k = 0; k < *ng; k++) {
		snprintf(block, sizeof(block), "$group%zu", k + 1);
		if (trend_data(g, in, t, rows, n, whole, block, gv[k]) != 0)
			return -1;
	}
	return 0;
}

static int
plot_trend(struct gp *g, const struct opts *o, const struct input *in)
{
	const char *gv[NCOLORS];
	struct trend t;
	struct row *rows;
	double lo, hi;
	int whole, rc;
	size_t n, ng;

	if (trend_columns(o, in, &t) != 0)
		return -1;
	rows = sorted_rows(in, t.x, &whole, &lo, &hi, &n);
	if (rows == NULL)
		return -1;
	if (n == 0) {
		cli_warn("%s: no rows to draw", in->name);
		free(rows);
		return -1;
	}
	whole = whole && hi - lo <= 1000;
	rc = trend_blocks(g, in, &t, rows, n, whole, gv, &ng);
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
	/* Groups: a column of the key each, two columns at most, so that
	 * the key fits across the chart; a group's entries stay together. */
	if (ng > 0) {
		size_t rows = (size_t)(1 + (t.lower >= 0) + (t.ident >= 0)) *
		    ((ng + 1) / 2);

		gp_printf(g, "set bmargin %zu\nset key at screen 0.5, screen "
		    "0.01 center bottom vertical maxrows %zu\n", rows + 4,
		    rows);
	} else
		gp_printf(g, "set bmargin 7\nset key at screen 0.5, screen "
		    "0.01 center bottom horizontal\n");
	gp_printf(g, "set offsets %g, %g, 0, 0\nset yrange [0:*]\n",
	    whole ? 0.5 : 0.03 * (hi - lo), whole ? 0.5 : 0.03 * (hi - lo));
	/* One year (a batch's first): its own range, which gnuplot would
	 * widen with a warning on standard error. */
	if (hi == lo)
		gp_printf(g, "set xrange [%.17g:%.17g]\n", lo - 1, hi + 1);
	if (ng > 0)
		group_plot(g, o, in, &t, gv, ng);
	else
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

/* The axis label of a criterion column. */
static const char *
criterion_label(const char *name)
{
	return strcmp(name, "aic") == 0 ? "AIC" : strcmp(name, "bic") == 0 ?
	    "BIC" : strcmp(name, "aicc") == 0 ? "AICc" : name;
}

static int
models_columns(const struct opts *o, const struct input *in,
    struct models *m)
{
	static const char *const xs[] = { "aic", "bic", "aicc", NULL };
	static const char *const ys[] = { "estimate", NULL };
	static const char *const ls[] = { "model", NULL };
	static const char *const ms[] = { "chosen", "selected", "best", NULL };
	static const char *const lows[] = { "lower", NULL };
	static const char *const ups[] = { "upper", NULL };

	m->x = column(in, o->x, "x", xs, "AIC, BIC or AICc");
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
	labels(g, o, criterion_label(xname), "estimated population");
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

		snprintf(buf, sizeof(buf), "chosen (lowest %s)",
		    criterion_label(xname));
		gp_text(g, buf);
	}
	gp_printf(g, "\n");
	return 0;
}

/* --- sensitivity: mse-check's lists dropped and merged --------------------- */

struct sens {
	long change, lists, y, lower, upper;
};

/* A row's name on the axis: "drop PF", "merge PF+NCA", "all lists". */
static void
sens_name(const struct input *in, const struct sens *c, size_t r,
    char *buf, size_t size)
{
	const char *ch = mse_csv_field(in->csv, r, (size_t)c->change);
	const char *li = mse_csv_field(in->csv, r, (size_t)c->lists);

	if (strcmp(ch, "none") == 0)
		snprintf(buf, size, "all lists");
	else
		snprintf(buf, size, "%s %s", ch, li);
}

/* y lower upper row, one line per table with an estimate (the first at
 * the top); the whole table's estimate in *whole. */
static int
sens_data(struct gp *g, const struct input *in, const struct sens *c,
    double *whole, size_t *drawn)
{
	size_t r, n = mse_csv_rows(in->csv), nwhole = 0;
	double v[3];

	*whole = NAN;
	*drawn = 0;
	gp_printf(g, "$data << EOD\n");
	for (r = 0; r < n; r++) {
		if (number(in, r, c->y, &v[0]) != 0 ||
		    number(in, r, c->lower, &v[1]) != 0 ||
		    number(in, r, c->upper, &v[2]) != 0)
			return -1;
		if (strcmp(mse_csv_field(in->csv, r, (size_t)c->change),
		    "none") == 0) {
			nwhole++;
			*whole = v[0];
		}
		if (!isfinite(v[0]))
			continue;
		gp_data_number(g, v[0]);
		gp_printf(g, " ");
		gp_data_number(g, v[1]);
		gp_printf(g, " ");
		gp_data_number(g, v[2]);
		gp_printf(g, " %zu\n", n - r);
		(*drawn)++;
	}
	gp_printf(g, "EOD\n");
	if (nwhole > 1) {
		cli_warn("%s: %zu whole-table rows: draw one stratum at a time "
		    "(mse-check without --by, or the stratum's rows)",
		    in->name, nwhole);
		return -1;
	}
	if (*drawn == 0) {
		cli_warn("%s: no table with an estimate to draw", in->name);
		return -1;
	}
	return 0;
}

/* One tic per row, named; a row without an estimate says so. */
static void
sens_tics(struct gp *g, const struct input *in, const struct sens *c)
{
	size_t r, n = mse_csv_rows(in->csv);
	char name[600], buf[640];
	double v;

	gp_printf(g, "set ytics (");
	for (r = 0; r < n; r++) {
		sens_name(in, c, r, name, sizeof(name));
		if (mse_csv_number(in->csv, r, (size_t)c->y, &v, NULL) !=
		    MSE_OK || !isfinite(v))
			snprintf(buf, sizeof(buf), "%s (no estimate)", name);
		else
			snprintf(buf, sizeof(buf), "%s", name);
		gp_printf(g, "%s", r ? ", " : "");
		gp_tic_text(g, buf);
		gp_printf(g, " %zu", n - r);
	}
	gp_printf(g, ")\n");
}

static int
plot_sensitivity(struct gp *g, const struct opts *o, const struct input *in)
{
	static const char *const chs[] = { "change", NULL };
	static const char *const lis[] = { "lists", NULL };
	static const char *const ys[] = { "estimate", NULL };
	static const char *const lows[] = { "lower", NULL };
	static const char *const ups[] = { "upper", NULL };
	struct sens c;
	double whole;
	size_t drawn, n = mse_csv_rows(in->csv);

	c.change = column(in, NULL, "change", chs, "change");
	c.lists = column(in, NULL, "lists", lis, "lists");
	c.y = column(in, o->y, "y", ys, "estimate");
	c.lower = column(in, o->lower, "lower", lows, NULL);
	c.upper = column(in, o->upper, "upper", ups, NULL);
	if (c.change < 0 || c.lists < 0 || c.y < 0 || c.lower < -1 ||
	    c.upper < -1)
		return -1;
	if (c.lower < 0 || c.upper < 0)
		c.lower = c.upper = -1;
	if (sens_data(g, in, &c, &whole, &drawn) != 0)
		return -1;
	labels(g, o, c.lower >= 0 ? "estimated population (dot: estimate, "
	    "bar: interval; dashed: all lists)" : "estimated population "
	    "(dashed: all lists)", NULL);
	sens_tics(g, in, &c);
	gp_printf(g, "set yrange [0.5:%zu.5]\nset grid xtics\nunset key\n"
	    "set autoscale xfix\nset offsets graph 0.05, graph 0.05, 0, 0\n",
	    n);
	if (isfinite(whole)) {
		gp_printf(g, "set arrow from ");
		gp_data_number(g, whole);
		gp_printf(g, ", graph 0 to ");
		gp_data_number(g, whole);
		gp_printf(g, ", graph 1 nohead dashtype 2 linecolor rgb '%s'\n",
		    GP_GREY);
	}
	gp_printf(g, "plot $data using 1:4%s with %s pointtype 7 "
	    "linecolor rgb '%s' notitle\n", c.lower >= 0 ? ":2:3" : "",
	    c.lower >= 0 ? "xerrorbars" : "points", GP_BLUE);
	return 0;
}

/* --- bootstrap and posterior: histograms with marks ----------------------- */

/* Vertical lines over a histogram: a point estimate and an interval,
 * each with its key entry; NaN where there is none. */
struct marks {
	double est, lo, hi;
	char est_title[96], int_title[160];
};

/* A whole number of people in full, else three significant digits. */
static void
mark_number(double v, char *buf, size_t size)
{
	snprintf(buf, size, fabs(v) >= 100 ? "%.0f" : "%.3g", v);
}

/* "WHAT: V" and "INTERVAL: LO to HI", the key entries of the marks. */
static void
mark_titles(struct marks *m, const char *what, const char *interval)
{
	char a[32], b[32];

	mark_number(m->est, a, sizeof(a));
	snprintf(m->est_title, sizeof(m->est_title), "%s: %s", what, a);
	mark_number(m->lo, a, sizeof(a));
	mark_number(m->hi, b, sizeof(b));
	snprintf(m->int_title, sizeof(m->int_title), "%s: %s to %s",
	    interval, a, b);
}

/* The finite values of column col, *n of them; NULL on failure. */
static double *
column_values(const struct input *in, long col, size_t *n)
{
	size_t r, nr = mse_csv_rows(in->csv);
	double *v = calloc(nr + 1, sizeof(*v));
	char buf[128];

	*n = 0;
	if (v == NULL) {
		cli_warn("out of memory");
		return NULL;
	}
	for (r = 0; r < nr; r++) {
		if (number(in, r, col, &v[*n]) != 0) {
			free(v);
			return NULL;
		}
		*n += isfinite(v[*n]) != 0;
	}
	if (*n == 0) {
		cli_warn("%s: no values in column '%s'", in->name, cli_clean(
		    mse_csv_name(in->csv, (size_t)col), buf, sizeof(buf)));
		free(v);
		return NULL;
	}
	return v;
}

/* The value column: --y, else the first of names, else the first number
 * column but those of skip; -1 (with a message) if none. */
static long
value_column(const struct opts *o, const struct input *in,
    const char *const *names, const char *const *skip)
{
	const char *const *s;
	long y = column(in, o->y, "y", names, NULL);
	size_t j;

	for (j = 0; y == -1 && j < mse_csv_columns(in->csv); j++) {
		for (s = skip; *s != NULL && strcmp(*s, mse_csv_name(in->csv,
		    j)) != 0; s++)
			;
		if (*s == NULL && is_number_column(in, j))
			y = (long)j;
	}
	if (y == -1)
		cli_warn("%s: no number column (name it with --y)", in->name);
	return y;
}

/* The histogram of v, its bars titled, and the marks as vertical lines
 * on a second y axis that runs from 0 to 1: from the bottom to the top
 * of the chart, whatever the counts, and in the key. */
/* The marks' data blocks, on a second y axis from 0 to 1 so that the
 * lines run the chart's height, with the key below. */
static void
marks_data(struct gp *g, const struct marks *m)
{
	gp_printf(g, "$estimate << EOD\n");
	gp_data_number(g, m->est);
	gp_printf(g, "\nEOD\n$interval << EOD\n");
	gp_data_number(g, m->lo);
	gp_printf(g, "\n");
	gp_data_number(g, m->hi);
	gp_printf(g, "\nEOD\nset y2range [0:1]\nset bmargin 6\n"
	    "set key at screen 0.5, screen 0.01 center bottom horizontal\n");
}

/* The marks' plot clauses, after the first one. */
static void
marks_plot(struct gp *g, const struct marks *m)
{
	if (isfinite(m->est)) {
		gp_printf(g, ", \\\n     $estimate using 1:(0):(0):(1) axes "
		    "x1y2 with vectors nohead linewidth 2.5 linecolor rgb "
		    "'%s' title ", GP_VERMILLION);
		gp_text(g, m->est_title);
	}
	if (isfinite(m->lo) && isfinite(m->hi)) {
		gp_printf(g, ", \\\n     $interval using 1:(0):(0):(1) axes "
		    "x1y2 with vectors nohead linewidth 2 dashtype 2 "
		    "linecolor rgb 'black' title ");
		gp_text(g, m->int_title);
	}
}

static void
histogram(struct gp *g, const struct opts *o, const double *v, size_t n,
    const char *xlabel, const char *ylabel, const char *title,
    const struct marks *m)
{
	size_t i;

	gp_printf(g, "$data << EOD\n");
	for (i = 0; i < n; i++) {
		gp_data_number(g, v[i]);
		gp_printf(g, "\n");
	}
	gp_printf(g, "EOD\n");
	if (m != NULL)
		marks_data(g, m);
	labels(g, o, xlabel, ylabel);
	gp_printf(g, "set style fill solid 0.7 border linecolor rgb 'white'\n"
	    "set yrange [0:*]\n"
	    "plot $data using 1 bins=%ld with boxes linecolor rgb '%s' "
	    "title ", o->bins, GP_BLUE);
	gp_text(g, title);
	if (m != NULL)
		marks_plot(g, m);
	gp_printf(g, "\n");
}

/* The one estimate of mse-fit's output (a row that is not a summary),
 * and its interval: lower and upper, else the percentile interval. */
static int
fit_row(const struct input *fit, long est, size_t *row)
{
	size_t r, n = 0;
	double v;

	for (r = 0; r < mse_csv_rows(fit->csv); r++)
		if (!summary_row(fit, r) && mse_csv_number(fit->csv, r,
		    (size_t)est, &v, NULL) == MSE_OK && isfinite(v)) {
			*row = r;
			n++;
		}
	if (n == 1)
		return 0;
	cli_warn("%s: --fit: %zu rows with an estimate; give the output of "
	    "one fit, the one that wrote the replicates", fit->name, n);
	return -1;
}

static int
fit_interval(const struct input *fit, size_t r, struct marks *m)
{
	static const char *const pairs[][3] = {
		{ "lower", "upper", "interval" },
		{ "percentile_lower", "percentile_upper",
		    "percentile interval" }
	};
	long lo, hi, lev = mse_csv_find(fit->csv, "level");
	double level = NAN;
	char name[64];
	size_t i;

	for (i = 0; i < 2; i++) {
		lo = mse_csv_find(fit->csv, pairs[i][0]);
		hi = mse_csv_find(fit->csv, pairs[i][1]);
		if (number(fit, r, lo, &m->lo) != 0 ||
		    number(fit, r, hi, &m->hi) != 0 ||
		    number(fit, r, lev, &level) != 0)
			return -1;
		if (isfinite(m->lo) && isfinite(m->hi))
			break;
	}
	/* mse-fit --ci bootstrap: lower and upper are BCa (mse-fit(1)),
	 * which the columns z0 and acceleration come with. */
	snprintf(name, sizeof(name), "%s", i == 0 && mse_csv_find(fit->csv,
	    "z0") >= 0 ? "BCa interval" : pairs[i < 2 ? i : 0][2]);
	if (level > 0 && level < 1) {
		char buf[96];

		snprintf(buf, sizeof(buf), "%g%% %s", 100 * level, name);
		mark_titles(m, "estimate", buf);
	} else
		mark_titles(m, "estimate", name);
	return 0;
}

/* --fit FILE: the estimate and interval that mse-fit printed. */
static int
fit_marks(const struct opts *o, struct marks *m)
{
	struct opts fo = *o;
	struct input fit = { NULL, NULL };
	long est;
	size_t r;
	int rc = -1;

	fo.file = o->fit;
	fo.delimiter = 0;
	if (read_csv(&fo, &fit) != 0)
		return -1;
	est = column(&fit, NULL, "fit", (const char *const[]){ "estimate",
	    NULL }, "estimate");
	if (est >= 0 && fit_row(&fit, est, &r) == 0 &&
	    number(&fit, r, est, &m->est) == 0)
		rc = fit_interval(&fit, r, m);
	mse_csv_free(fit.csv);
	return rc;
}

static int
plot_bootstrap(struct gp *g, const struct opts *o, const struct input *in)
{
	static const char *const ys[] = { "estimate", NULL };
	static const char *const skip[] = { "replicate", NULL };
	struct marks m;
	char title[64];
	double *v;
	size_t n;
	long y;

	if ((y = value_column(o, in, ys, skip)) < 0 ||
	    (o->fit != NULL && fit_marks(o, &m) != 0) ||
	    (v = column_values(in, y, &n)) == NULL)
		return -1;
	snprintf(title, sizeof(title), "%zu replicates", n);
	histogram(g, o, v, n, mse_csv_name(in->csv, (size_t)y), "replicates",
	    title, o->fit != NULL ? &m : NULL);
	free(v);
	return 0;
}

static int
double_cmp(const void *a, const void *b)
{
	double p = *(const double *)a, q = *(const double *)b;

	return p < q ? -1 : p > q;
}

/* The type 7 quantile of sorted s (Hyndman and Fan 1996; R's default),
 * as mse-fit's lcm estimate and interval are (lib/mcmcdiag.c). */
static double
quantile7(const double *s, size_t n, double p)
{
	double h = (double)(n - 1) * p;
	size_t i = (size_t)floor(h);

	return i + 1 < n ? s[i] + (h - (double)i) * (s[i + 1] - s[i]) :
	    s[n - 1];
}

/* "4000 draws, 4 chains" when a chain column says how many. */
static void
draws_title(const struct input *in, size_t n, char *buf, size_t size)
{
	long col = mse_csv_find(in->csv, "chain");
	size_t r, chains = 0;
	double v, last = NAN;

	for (r = 0; col >= 0 && r < mse_csv_rows(in->csv); r++)
		if (mse_csv_number(in->csv, r, (size_t)col, &v, NULL) ==
		    MSE_OK && v != last) {
			chains++;
			last = v;
		}
	if (chains > 1)
		snprintf(buf, size, "%zu draws, %zu chains", n, chains);
	else
		snprintf(buf, size, "%zu draws", n);
}

/* P(N | y) on a grid (mse-fit -m dga --posterior: N,probability): the
 * mass at each N, and the median and central interval as dga's
 * quantiles are, the first N whose cumulative probability reaches p. */
static int
plot_grid_posterior(struct gp *g, const struct opts *o,
    const struct input *in, long y, long pr)
{
	size_t r, nr = mse_csv_rows(in->csv);
	double a = (1 - o->level) / 2, cdf = 0, v, p, step = NAN, last = NAN;
	double q[5] = { NAN, NAN, NAN, NAN, NAN };
	double at[5] = { 0.5, 0, 0, 0.0005, 0.9995 };
	struct marks m;
	char it[64];
	size_t k;

	at[1] = a;
	at[2] = 1 - a;
	gp_printf(g, "$data << EOD\n");
	for (r = 0; r < nr; r++) {
		if (number(in, r, y, &v) != 0 || number(in, r, pr, &p) != 0)
			return -1;
		if (!isfinite(v) || !(p >= 0)) {
			cli_warn("%s:%zu: N and its probability must be numbers, "
			    "the probability 0 or more", in->name, r + 2);
			return -1;
		}
		if (!isnan(last) && isnan(step))
			step = v - last;
		last = v;
		cdf += p;
		for (k = 0; k < 5; k++)
			if (isnan(q[k]) && cdf >= at[k])
				q[k] = v;
		gp_data_number(g, v);
		gp_printf(g, " ");
		gp_data_number(g, p);
		gp_printf(g, "\n");
	}
	gp_printf(g, "EOD\n");
	if (nr == 0 || !(cdf > 0.99 && cdf < 1.01)) {
		cli_warn("%s: the probabilities add up to %g, not 1: not a "
		    "posterior (mse-fit -m dga --posterior)", in->name, cdf);
		return -1;
	}
	for (k = 0; k < 5; k++)
		if (isnan(q[k]))
			q[k] = last;
	m.est = q[0];
	m.lo = q[1];
	m.hi = q[2];
	snprintf(it, sizeof(it), "%g%% central interval", 100 * o->level);
	mark_titles(&m, "posterior median", it);
	marks_data(g, &m);
	labels(g, o, "N, the size of the population", "probability");
	/* The grid runs far past the mass: show the middle 99.9%. */
	gp_printf(g, "set xrange [%.17g:%.17g]\n", q[3] - 0.1 * (q[4] - q[3]) -
	    1, q[4] + 0.1 * (q[4] - q[3]) + 1);
	gp_printf(g, "set style fill solid 0.7 noborder\nset yrange [0:*]\n"
	    "set boxwidth %g absolute\n"
	    "plot $data using 1:2 with boxes linecolor rgb '%s' title "
	    "'P(N | data)'", isfinite(step) && step > 0 ? step : 1, GP_BLUE);
	marks_plot(g, &m);
	gp_printf(g, "\n");
	return 0;
}

/* Draws of N: the posterior median and the central interval. */
static int
plot_posterior(struct gp *g, const struct opts *o, const struct input *in)
{
	static const char *const ys[] = { "N", NULL };
	static const char *const skip[] = { "chain", "draw", NULL };
	struct marks m;
	char title[64], it[64];
	const char *name;
	double *v, a = (1 - o->level) / 2;
	size_t n;
	long y;

	long pr = mse_csv_find(in->csv, "probability");

	if (pr >= 0 && mse_csv_find(in->csv, "chain") < 0) {
		if ((y = value_column(o, in, ys, skip)) < 0)
			return -1;
		return plot_grid_posterior(g, o, in, y, pr);
	}
	if ((y = value_column(o, in, ys, skip)) < 0 ||
	    (v = column_values(in, y, &n)) == NULL)
		return -1;
	qsort(v, n, sizeof(*v), double_cmp);
	m.est = quantile7(v, n, 0.5);
	m.lo = quantile7(v, n, a);
	m.hi = quantile7(v, n, 1 - a);
	snprintf(it, sizeof(it), "%g%% central interval", 100 * o->level);
	mark_titles(&m, "posterior median", it);
	name = mse_csv_name(in->csv, (size_t)y);
	draws_title(in, n, title, sizeof(title));
	histogram(g, o, v, n, strcmp(name, "N") == 0 ? "N, the size of the "
	    "population" : name, "draws", title, &m);
	free(v);
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
		gp_tic_text(g, mse_csv_field(in->csv, b[r].r,
		    (size_t)p->label));
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
	uint32_t w;
	size_t seen = 0;
	struct pattern *p;

	for (w = mse_table_next(t, 0); w != 0; w = mse_table_next(t, w))
		seen++;
	*n = 0;
	if ((p = calloc(seen + 1, sizeof(*p))) == NULL) {
		cli_warn("out of memory");
		return NULL;
	}
	for (w = mse_table_next(t, 0); w != 0; w = mse_table_next(t, w)) {
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
				gp_tic_text(g, line);
			}
			free(line);
		}
		lines++;
		p = end;
	}
	if (lines == 0 && g != NULL)
		gp_tic_text(g, "");
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
			gp_tic_text(g, mse_table_name(t, j));
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
	/* The matrix's share of the height: a row of dots per list, so
	 * more than 13 lists (to 30) take more of it from the bars. */
	double mh = k <= 13 ? 0.35 : fmin(0.65, 0.35 + 0.025 * (double)(k -
	    13));

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
	    "set origin 0,%.4g\nset size 1,%.4g\nset bmargin 0\nunset xtics\n"
	    "set yrange [0:*]\nset style fill solid 0.8 noborder\n"
	    "set boxwidth 0.7\n", n, mh, 0.95 - mh);
	gp_printf(g, "set ylabel ");
	gp_text(g, o->ylabel != NULL ? o->ylabel : "people");
	gp_printf(g, "\nplot $bars using 1:2 with boxes linecolor rgb '%s' "
	    "notitle, \\\n     $bars using 1:2:(sprintf('%%.0f', $2)) with "
	    "labels offset 0,0.7 font ',8' notitle\n", GP_BLUE);
	gp_printf(g, "set origin 0,0\nset size 1,%.4g\nset tmargin 0\n"
	    "set bmargin 1\nunset ylabel\nunset grid\nset border 0\n"
	    "set yrange [%zu.5:0.5]\nset ytics scale 0%s\n", mh, k,
	    k > 13 ? " font ',7'" : "");
	list_tics(g, t, "y", 1, 0);
	gp_printf(g, "plot $segments using 1:2:(0):($3 - $2) with vectors "
	    "nohead linewidth 2 linecolor rgb 'black' notitle, \\\n"
	    "     $dots using 1:2:($3 > 0 ? 0x000000 : 0xdddddd) with points "
	    "pointtype 7 pointsize %s linecolor rgb variable notitle\n"
	    "unset multiplot\n", k > 13 ? "0.8" : "1.2");
	return 0;
}

/* How many each pair of lists saw (the diagonal: each list's size), in
 * one pass over the observed patterns. */
static void
pair_counts(const struct mse_table *t,
    double both[MSE_MAX_LISTS][MSE_MAX_LISTS])
{
	uint32_t w;
	size_t i, j, k = mse_table_lists(t);
	double n;

	memset(both, 0, sizeof(double) * MSE_MAX_LISTS * MSE_MAX_LISTS);
	for (w = mse_table_next(t, 0); w != 0; w = mse_table_next(t, w)) {
		n = mse_table_get(t, w);
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
	/* The numbers' font: a cell is narrower with more lists. */
	const char *fs = k > 20 ? "5" : k > 12 ? "6" : "8";

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
	    "labels offset 0,0.7 font ',%s' notitle\n", GP_BLUE, fs);
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
	    "font ',%s' notitle\nunset multiplot\n", fs);
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
	case POSTERIOR: rc = plot_posterior(g, o, &in); break;
	case SENSITIVITY: rc = plot_sensitivity(g, o, &in); break;
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
