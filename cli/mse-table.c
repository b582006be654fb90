/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mse-table.c - turn any CSV from the mse-* tools into a table for people. */
#include <config.h>

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <mse.h>

#include "util.h"

struct opts {
	int format;
	const char *columns;
	int digits;		/* significant digits, 0 unset */
	int round;		/* decimals, -1 unset */
	const char *thousands;	/* NULL: no grouping */
	char decimal;
	const char *text;	/* columns left as written */
	const char *title, *caption;
	const char *header;	/* OLD=NEW,... */
	const char *interval;	/* EST,LO,HI[=NAME] */
	int delimiter;
	const char *output;
	const char *file;
};

/* --interval EST,LO,HI[=NAME]: the three columns found in the input
 * (est < 0 when not asked for) and the name to print (NULL: EST's). */
struct join {
	long est, lo, hi;
	const char *name;
	char *copy;		/* the option, split in place */
};

static void
usage(void)
{
	printf("Usage: %s [OPTION]... [FILE]\n"
	    "Print a CSV table (from the mse-* tools or any other) as a "
	    "table for a report.\nFILE is read, or standard input when FILE "
	    "is absent or '-'.\n\n"
	    "  -f, --format=FORMAT     text (default), md, latex, html, csv, "
	    "tsv, json\n"
	    "  -c, --columns=A,B,...   these columns, in this order\n"
	    "  -D, --digits=N          N significant digits, 1-17 (default: 7 "
	    "for text,\n                          md, latex and html; as "
	    "written for csv, tsv, json)\n"
	    "  -r, --round=N           N decimals, 0-17, for every number of "
	    "a column\n                          that is not all whole "
	    "numbers\n"
	    "  -t, --thousands=SEP     group digits in threes with SEP, e.g. "
	    "' ' (9 000)\n"
	    "  -p, --decimal=MARK      decimal mark, '.' (default) or ',' "
	    "(1,81)\n"
	    "      --text=A,B,...      print these columns as written (year "
	    "always is)\n"
	    "  -H, --header=OLD=NEW,...  print column OLD under the name NEW\n"
	    "  -I, --interval=EST,LO,HI[=NAME]  join columns EST, LO and HI "
	    "into one,\n                          '12 214 (10 978\u2013"
	    "13 635)', in EST's place and\n                          named "
	    "NAME (default: EST); a missing part is NA\n"
	    "  -T, --title=TEXT        a title above the table\n"
	    "  -C, --caption=TEXT      a caption or note below it\n"
	    "  -d, --delimiter=C       input delimiter ',', ';' or 'tab' "
	    "(default: detect)\n"
	    "  -o, --output=FILE       write to FILE atomically\n"
	    "  -h, --help              show this help and exit\n"
	    "  -V, --version           show the version and exit\n\n"
	    "A column is a number column when every field in it is a "
	    "decimal number or\nmissing (empty, NA, nan); numbers are "
	    "aligned right.\n"
	    "Exit status: 0 success, 1 bad input, 2 usage error.\n"
	    "See mse-table(1).\n", progname);
}

static int
parse_round(const char *s)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < 0 || v > 17)
		cli_usage_error("--round: '%s' is not a whole number from 0 "
		    "to 17", s);
	return (int)v;
}

/* A digit group separator: short, printable, and not a digit, sign or
 * decimal mark, so that a grouped number cannot be misread. */
static const char *
parse_thousands(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	if (strlen(s) == 0 || strlen(s) > 8)
		cli_usage_error("--thousands: give 1 to 8 bytes, such as ' ' "
		    "or ','");
	for (; *p != '\0'; p++)
		if (*p < 0x20 || *p == 0x7f || isdigit(*p) || *p == '-' ||
		    *p == '+')
			cli_usage_error("--thousands: '%s' holds a digit, a "
			    "sign or a control character", s);
	return s;
}

static char
parse_decimal(const char *s)
{
	if (strcmp(s, ".") == 0 || strcmp(s, ",") == 0)
		return s[0];
	cli_usage_error("--decimal: '%s' is not '.' or ','", s);
}

/* EST,LO,HI[=NAME]: three non-empty names, a non-empty NAME if any. */
static int
interval_syntax(const char *s)
{
	size_t a = strcspn(s, ","), b, c;

	if (a == 0 || s[a] != ',')
		return 0;
	b = strcspn(s + a + 1, ",");
	if (b == 0 || s[a + 1 + b] != ',')
		return 0;
	s += a + b + 2;
	c = strcspn(s, ",=");
	return c > 0 && (s[c] == '\0' || (s[c] == '=' && s[c + 1] != '\0'));
}

static void
check_options(struct opts *o)
{
	const char *p = o->header;

	while (p != NULL) {
		if (*p == '=' || *p == ',' || *p == '\0' ||
		    strcspn(p, "=,") == strcspn(p, ","))
			cli_usage_error("--header: give OLD=NEW pairs separated "
			    "by commas, such as observed=Identifisert");
		p = strchr(p, ',');
		p = p != NULL ? p + 1 : NULL;
	}
	if (o->interval != NULL && !interval_syntax(o->interval))
		cli_usage_error("--interval: give three columns and an optional "
		    "name, such as estimate,lower,upper=Anslag");
	if (o->digits > 0 && o->round >= 0)
		cli_usage_error("--digits and --round cannot be used together");
	if (o->thousands != NULL && o->thousands[0] == o->decimal &&
	    o->thousands[1] == '\0')
		cli_usage_error("--thousands and --decimal are both '%c'",
		    o->decimal);
}

static void
parse_args(int argc, char **argv, struct opts *o)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "columns", required_argument, NULL, 'c' },
		{ "digits", required_argument, NULL, 'D' },
		{ "round", required_argument, NULL, 'r' },
		{ "thousands", required_argument, NULL, 't' },
		{ "decimal", required_argument, NULL, 'p' },
		{ "text", required_argument, NULL, 'x' },
		{ "header", required_argument, NULL, 'H' },
		{ "interval", required_argument, NULL, 'I' },
		{ "title", required_argument, NULL, 'T' },
		{ "caption", required_argument, NULL, 'C' },
		{ "delimiter", required_argument, NULL, 'd' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":f:c:D:r:t:p:H:I:T:C:d:o:hV",
	    longopts, NULL)) != -1) {
		switch (c) {
		case 'f': o->format = cli_parse_format(optarg); break;
		case 'c': o->columns = optarg; break;
		case 'D': o->digits = cli_parse_digits(optarg); break;
		case 'r': o->round = parse_round(optarg); break;
		case 't': o->thousands = parse_thousands(optarg); break;
		case 'p': o->decimal = parse_decimal(optarg); break;
		case 'x': o->text = optarg; break;
		case 'H': o->header = optarg; break;
		case 'I': o->interval = optarg; break;
		case 'T': o->title = optarg; break;
		case 'C': o->caption = optarg; break;
		case 'd': o->delimiter = cli_parse_delimiter(optarg); break;
		case 'o': o->output = optarg; break;
		case 'h': usage(); exit(EXIT_OK);
		case 'V': cli_version(); exit(EXIT_OK);
		default:
			cli_bad_option(c, argv);
		}
	}
	o->file = cli_operand(argc, argv);
	check_options(o);
}

static struct mse_csv *
read_input(const struct opts *o)
{
	const char *name = strcmp(o->file, "-") == 0 ? "<stdin>" : o->file;
	struct mse_csv *c = NULL;
	struct mse_error err;
	FILE *fp;

	mse_error_clear(&err);
	fp = strcmp(o->file, "-") == 0 ? stdin : fopen(o->file, "rb");
	if (fp == NULL) {
		cli_warn("%s: %s", o->file, strerror(errno));
		return NULL;
	}
	if (mse_csv_read(fp, name, o->delimiter, &c, &err) != MSE_OK)
		cli_error(&err, name);
	if (fp != stdin)
		fclose(fp);
	return c;
}

/* Whether name is in the comma-separated list. */
static int
in_list(const char *list, const char *name)
{
	size_t n = strlen(name);
	const char *p = list;

	while (p != NULL && *p != '\0') {
		const char *e = strchr(p, ',');
		size_t len = e != NULL ? (size_t)(e - p) : strlen(p);

		if (len == n && strncmp(p, name, n) == 0)
			return 1;
		p = e != NULL ? e + 1 : NULL;
	}
	return 0;
}

/* The columns to print: --columns, by name, or all of them but the
 * bounds of --interval, which are joined into EST's cell. */
static size_t *
pick_columns(const struct opts *o, const struct mse_csv *c,
    const struct join *jn, size_t *n)
{
	size_t *idx, cap = mse_csv_columns(c) + 1, i;
	char *copy, *tok, *save = NULL;

	*n = 0;
	if (o->columns != NULL) {
		cap = strlen(o->columns) + 1;
		copy = strdup(o->columns);
	} else
		copy = NULL;
	idx = calloc(cap, sizeof(*idx));
	if (idx == NULL || (o->columns != NULL && copy == NULL)) {
		cli_warn("out of memory");
		free(idx);
		free(copy);
		return NULL;
	}
	if (o->columns == NULL)
		for (i = 0; i < mse_csv_columns(c); i++)
			if (jn->est < 0 || (i != (size_t)jn->lo &&
			    i != (size_t)jn->hi) || i == (size_t)jn->est)
				idx[(*n)++] = i;
	for (tok = copy ? strtok_r(copy, ",", &save) : NULL; tok != NULL;
	    tok = strtok_r(NULL, ",", &save)) {
		long j = mse_csv_find(c, tok);

		if (j < 0) {
			cli_warn("%s: --columns: no column named '%s'",
			    mse_csv_file(c), tok);
			free(idx);
			free(copy);
			return NULL;
		}
		idx[(*n)++] = (size_t)j;
	}
	free(copy);
	return idx;
}

/* Group the digits before the decimal point in threes with sep, and put
 * the decimal mark in; a number in exponent form is only re-marked. */
static void
localize(const struct opts *o, char *buf, size_t size)
{
	char out[512], *p = buf;
	size_t n = 0, digits, i, seplen;

	if (o->thousands == NULL && o->decimal == '.')
		return;
	seplen = o->thousands != NULL ? strlen(o->thousands) : 0;
	if (*p == '-')
		out[n++] = *p++;
	digits = strspn(p, "0123456789");
	for (i = 0; i < digits && n + seplen + 2 < sizeof(out); i++) {
		if (i > 0 && (digits - i) % 3 == 0 && seplen > 0 &&
		    strchr(p, 'e') == NULL) {
			memcpy(out + n, o->thousands, seplen);
			n += seplen;
		}
		out[n++] = p[i];
	}
	for (p += digits; *p != '\0' && n + 2 < sizeof(out); p++)
		out[n++] = *p == '.' ? o->decimal : *p;
	out[n] = '\0';
	snprintf(buf, size, "%s", out);
}

/* v with n significant digits; no exponent from 1e-4 to 1e15, as the
 * other tools print (util.c). */
static void
significant(double v, int n, char *buf, size_t size)
{
	snprintf(buf, size, "%.*g", n, v);
	if (strchr(buf, 'e') != NULL && fabs(v) >= 1e-4 && fabs(v) < 1e15)
		snprintf(buf, size, "%.0f", strtod(buf, NULL));
}

/* A number for the table: whole numbers in full, else --round, --digits,
 * 7 digits for people, or the input's own text for machines. */
static void
format_value(const struct opts *o, double v, int whole, const char *raw,
    char *buf, size_t size)
{
	int people = o->format == FMT_TEXT || o->format == FMT_MD ||
	    o->format == FMT_LATEX || o->format == FMT_HTML;

	if (!isfinite(v))
		snprintf(buf, size, "%s", v > 0 ? "inf" : "-inf");
	else if (whole)
		snprintf(buf, size, "%.0f", v);
	else if (o->round >= 0) {
		snprintf(buf, size, "%.*f", o->round, v);
		if (buf[0] == '-' && strspn(buf + 1, "0.") == strlen(buf + 1))
			memmove(buf, buf + 1, strlen(buf));	/* no -0.0 */
	} else if (o->digits > 0 || people)
		significant(v, o->digits > 0 ? o->digits : 7, buf, size);
	else
		snprintf(buf, size, "%s", raw);
	localize(o, buf, size);
}

/* Column col: 1 if every field is a number or missing and one at least
 * is a number; *whole when every finite one is a whole number. */
static int
number_column(const struct mse_csv *c, size_t col, int *whole)
{
	size_t r;
	int any = 0;
	double v;

	*whole = 1;
	for (r = 0; r < mse_csv_rows(c); r++) {
		if (mse_csv_number(c, r, col, &v, NULL) != MSE_OK)
			return 0;
		if (isnan(v))
			continue;
		any = 1;
		if (isfinite(v) && (v != floor(v) || fabs(v) >= 1e15))
			*whole = 0;
	}
	return any;
}

static int
as_written(const struct opts *o, const char *name)
{
	return strcasecmp(name, "year") == 0 || (o->text != NULL &&
	    in_list(o->text, name));
}

/* A column every field of which is a number or missing. */
static int
numbers_only(const struct mse_csv *c, size_t col)
{
	size_t r;
	double v;

	for (r = 0; r < mse_csv_rows(c); r++)
		if (mse_csv_number(c, r, col, &v, NULL) != MSE_OK)
			return 0;
	return 1;
}

/* Find the columns of --interval in c: each must exist and hold only
 * numbers or missing values. */
static int
find_join(const struct opts *o, const struct mse_csv *c, struct join *jn)
{
	long *col[3] = { &jn->est, &jn->lo, &jn->hi };
	char *p, *tok, *save = NULL;
	int k = 0;

	*jn = (struct join){ -1, -1, -1, NULL, NULL };
	if (o->interval == NULL)
		return 0;
	if ((jn->copy = strdup(o->interval)) == NULL) {
		cli_warn("out of memory");
		return -1;
	}
	/* The syntax is checked (interval_syntax): NAME follows the first
	 * '=' after the second comma. */
	p = strchr(strchr(strchr(jn->copy, ',') + 1, ',') + 1, '=');
	if (p != NULL) {
		*p = '\0';
		jn->name = p + 1;
	}
	for (tok = strtok_r(jn->copy, ",", &save); tok != NULL && k < 3;
	    tok = strtok_r(NULL, ",", &save), k++) {
		*col[k] = mse_csv_find(c, tok);
		if (*col[k] < 0) {
			cli_warn("%s: --interval: no column named '%s'",
			    mse_csv_file(c), tok);
			return -1;
		}
		if (!numbers_only(c, (size_t)*col[k])) {
			cli_warn("%s: --interval: column '%s' holds text, not "
			    "numbers", mse_csv_file(c), tok);
			return -1;
		}
	}
	return 0;
}

/* One part of a joined cell: the number as its own column would print
 * it, or NA (never a number made up for a missing bound). */
static void
join_part(const struct opts *o, const struct mse_csv *c, size_t r,
    size_t col, char *buf, size_t size)
{
	const char *s = mse_csv_field(c, r, col);
	int whole;
	double v;

	number_column(c, col, &whole);
	mse_csv_number(c, r, col, &v, NULL);
	if (isnan(v))
		snprintf(buf, size, "NA");
	else if (as_written(o, mse_csv_name(c, col)))
		snprintf(buf, size, "%s", s);
	else
		format_value(o, v, whole, s, buf, size);
}

/*
 * Column j of the output: EST (LO-HI) of each row, with an en dash
 * (LaTeX's is "--"); a missing value when all three are missing.  In
 * LaTeX the space before the bracket is a tab, which util.c prints as a
 * space, so that it does not become the thin space of a digit group.
 */
static int
fill_joined(const struct opts *o, const struct mse_csv *c,
    const struct join *jn, size_t j, size_t ncols, struct cell *cells,
    char **text)
{
	const size_t col[3] = { (size_t)jn->est, (size_t)jn->lo,
	    (size_t)jn->hi };
	int latex = o->format == FMT_LATEX, k, missing;
	char part[3][512], buf[1600];
	size_t r;
	double v;

	for (r = 0; r < mse_csv_rows(c); r++) {
		struct cell *x = &cells[r * ncols + j];

		for (k = 0, missing = 0; k < 3; k++) {
			mse_csv_number(c, r, col[k], &v, NULL);
			missing += isnan(v) != 0;
			join_part(o, c, r, col[k], part[k], sizeof(part[k]));
		}
		if (missing == 3) {
			*x = (struct cell){ CELL_NA, NULL, 0, 0 };
			continue;
		}
		snprintf(buf, sizeof(buf), "%s%s(%s%s%s)", part[0],
		    latex ? "\t" : " ", part[1], latex ? "--" : "\u2013",
		    part[2]);
		if ((text[r * ncols + j] = strdup(buf)) == NULL)
			return -1;
		*x = (struct cell){ CELL_FMT, text[r * ncols + j], 0, 0 };
	}
	return 0;
}

/* Fill column j of the output from column col of the input. */
static int
fill_column(const struct opts *o, const struct mse_csv *c, size_t col,
    size_t j, size_t ncols, struct cell *cells, char **text)
{
	int whole, num = number_column(c, col, &whole);
	int raw = as_written(o, mse_csv_name(c, col));
	char buf[512];
	size_t r;
	double v;

	for (r = 0; r < mse_csv_rows(c); r++) {
		struct cell *x = &cells[r * ncols + j];
		const char *s = mse_csv_field(c, r, col);

		if (!num) {
			*x = (struct cell){ CELL_STR, s, 0, 0 };
			continue;
		}
		mse_csv_number(c, r, col, &v, NULL);
		if (isnan(v)) {
			*x = (struct cell){ CELL_NA, NULL, 0, 0 };
			continue;
		}
		if (raw)
			snprintf(buf, sizeof(buf), "%s", s);
		else
			format_value(o, v, whole, s, buf, sizeof(buf));
		text[r * ncols + j] = strdup(buf);
		if (text[r * ncols + j] == NULL)
			return -1;
		*x = (struct cell){ CELL_FMT, text[r * ncols + j], 0, 0 };
	}
	return 0;
}

/* The first total row (`row' = total, or in the old shape a first
 * field `total'), or nrows if none. */
static size_t
total_row(const struct mse_csv *c)
{
	long col = mse_csv_find(c, "row");
	size_t r;

	for (r = 0; r < mse_csv_rows(c); r++)
		if (strcmp(mse_csv_field(c, r, col >= 0 ? (size_t)col : 0),
		    "total") == 0)
			return r;
	return mse_csv_rows(c);
}

/* Insert text into o at byte offset at. */
static void
insert_at(struct outbuf *o, size_t at, const char *text)
{
	struct outbuf t = { NULL, 0, 0, 0 };

	out_printf(&t, "%.*s%s%s", (int)at, o->buf, text, o->buf + at);
	free(o->buf);
	*o = t;
}

/*
 * A rule before the total row: \midrule in LaTeX, a <tbody> of its own
 * with a top border in HTML, and a line of dashes in text.  Each row of
 * these formats is one line after the header (util.c turns line ends in
 * cells into spaces, and escapes < in HTML).  Markdown has no rules.
 */
static void
total_rule(const struct opts *o, struct outbuf *out, size_t k, size_t nrows)
{
	const char *anchor = o->format == FMT_LATEX ? "\\midrule\n" :
	    o->format == FMT_HTML ? "<tbody>\n" : NULL;
	char *p;
	size_t i;

	if (k == 0 || k >= nrows || out->buf == NULL || anchor == NULL ||
	    (p = strstr(out->buf, anchor)) == NULL)
		return;
	p += strlen(anchor);
	for (i = 0; i < k && p != NULL; i++)	/* HTML keeps line ends */
		if ((p = o->format == FMT_HTML ? strstr(p, "</tr>\n") :
		    strchr(p, '\n')) != NULL)
			p += o->format == FMT_HTML ? 6 : 1;
	if (p != NULL)
		insert_at(out, (size_t)(p - out->buf), o->format == FMT_LATEX ?
		    "\\midrule\n" : "</tbody>\n<tbody class=\"total\" "
		    "style=\"border-top: 1px solid\">\n");
}

/*
 * --header OLD=NEW,...: the names to print.  Every OLD must be a column
 * of the input; a NEW may hold anything but a comma.  The pairs are
 * split in place in copy, which the names then point into.
 */
static int
rename_columns(const struct opts *o, const struct mse_csv *c,
    const size_t *idx, size_t ncols, const char **cols, char *copy)
{
	char *tok, *save = NULL, *eq;
	size_t j;
	long k;

	for (tok = copy != NULL ? strtok_r(copy, ",", &save) : NULL;
	    tok != NULL; tok = strtok_r(NULL, ",", &save)) {
		if ((eq = strchr(tok, '=')) == NULL || eq == tok) {
			cli_warn("--header: '%s' is not OLD=NEW", tok);
			return -1;
		}
		*eq = '\0';
		if ((k = mse_csv_find(c, tok)) < 0) {
			cli_warn("%s: --header: no column named '%s'",
			    mse_csv_file(c), tok);
			return -1;
		}
		for (j = 0; j < ncols; j++)
			if (idx[j] == (size_t)k)
				cols[j] = eq + 1;
	}
	(void)o;
	return 0;
}

static int
print_table(const struct opts *o, const struct mse_csv *c,
    const struct join *jn, const size_t *idx, size_t ncols)
{
	struct outbuf out = { NULL, 0, 0, 0 };
	size_t nrows = mse_csv_rows(c), ncells, i, j;
	const char **cols = calloc(ncols + 1, sizeof(*cols));
	struct cell *cells = NULL;
	char **text = NULL, *hcopy = NULL;
	int rc = -1;

	ncells = nrows * ncols;
	if (cols == NULL || (ncols > 0 && ncells / ncols != nrows))
		goto done;
	cells = calloc(ncells + 1, sizeof(*cells));
	text = calloc(ncells + 1, sizeof(*text));
	if (cells == NULL || text == NULL)
		goto done;
	for (j = 0; j < ncols; j++) {
		cols[j] = mse_csv_name(c, idx[j]);
		if (jn->est >= 0 && idx[j] == (size_t)jn->est) {
			cols[j] = jn->name != NULL ? jn->name : cols[j];
			if (fill_joined(o, c, jn, j, ncols, cells, text) != 0)
				goto done;
		} else if (fill_column(o, c, idx[j], j, ncols, cells, text) !=
		    0)
			goto done;
	}
	if (o->header != NULL && ((hcopy = strdup(o->header)) == NULL ||
	    rename_columns(o, c, idx, ncols, cols, hcopy) != 0)) {
		if (hcopy != NULL)
			rc = -2;	/* said why */
		goto done;
	}
	out_table_titled(&out, o->format, 0, o->title, o->caption, cols,
	    ncols, cells, nrows);
	total_rule(o, &out, total_row(c), nrows);
	rc = out_finish(&out, o->output);
done:
	if (rc == -1 && out.buf == NULL && (cells == NULL || text == NULL ||
	    cols == NULL || (o->header != NULL && hcopy == NULL)))
		cli_warn("out of memory");
	free(hcopy);
	for (i = 0; text != NULL && i < ncells; i++)
		free(text[i]);
	free(text);
	free(cells);
	free(cols);
	free(out.buf);
	return rc;
}

int
main(int argc, char **argv)
{
	struct opts o = { FMT_TEXT, NULL, 0, -1, NULL, '.', NULL, NULL, NULL,
	    NULL, NULL, 0, NULL, NULL };
	struct join jn = { -1, -1, -1, NULL, NULL };
	struct mse_csv *c;
	size_t *idx, n;
	int rc;

	cli_init(argv[0]);
	parse_args(argc, argv, &o);
	if ((o.title != NULL || o.caption != NULL) && (o.format == FMT_CSV ||
	    o.format == FMT_TSV || o.format == FMT_JSON))
		cli_usage_error("--title and --caption need --format text, md, "
		    "latex or html");
	c = read_input(&o);
	if (c == NULL)
		return EXIT_FAIL;
	idx = find_join(&o, c, &jn) == 0 ? pick_columns(&o, c, &jn, &n) :
	    NULL;
	rc = idx != NULL ? print_table(&o, c, &jn, idx, n) : -1;
	free(idx);
	free(jn.copy);
	mse_csv_free(c);
	return rc == 0 ? EXIT_OK : EXIT_FAIL;
}
