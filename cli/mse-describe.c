/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mse-describe.c - descriptive statistics of a capture-history table. */
#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mse.h>

#include "util.h"

struct opts {
	int delimiter;
	int format;
	const char *output;
	int digits;
	const char *file;
};

/* What the tool computes: Rcapture's descriptive (f_i, u_i, v_i, n_i)
 * and, beyond it, the pairwise overlaps and the warnings. */
struct stats {
	const struct mse_table *t;	/* or */
	const struct mse_freq *fr;
	size_t k;			/* lists, or the largest nbcap */
	double n, one;			/* observed; seen by one list */
	char **warn;
	size_t nwarn;
	int failed;
};

static void
usage(void)
{
	printf("Usage: %s [OPTION]... [FILE]\n"
	    "Describe a capture-history table (mse-data(5)) read from FILE, "
	    "or standard\ninput when FILE is absent or '-': how many units "
	    "each list saw, first and\nlast, how many lists saw each unit, "
	    "how the lists overlap, and warnings\nfor lists that do not "
	    "overlap.  Frequency data (nbcap,count) give f_i only.\n\n"
	    "  -d, --delimiter=C      input delimiter ',', ';' or 'tab' "
	    "(default: detect)\n"
	    "  -f, --format=FORMAT    text, csv, tsv, json, md, latex, html "
	    "(default: text\n                         on a terminal, csv "
	    "otherwise)\n"
	    "  -o, --output=FILE      write to FILE atomically\n"
	    "  -D, --digits=N         significant digits, 1-17 (default: "
	    "round-trip)\n"
	    "  -h, --help             show this help and exit\n"
	    "  -V, --version          show the version and exit\n\n"
	    "csv and tsv rows: statistic, i, list, other, value; warnings go "
	    "to standard\nerror.  Exit status: 0 success, 1 bad input, 2 usage "
	    "error.\nSee mse-describe(1) and mse-data(5).\n", progname);
}

static void
parse_args(int argc, char **argv, struct opts *o)
{
	static const struct option longopts[] = {
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
	while ((c = getopt_long(argc, argv, ":d:f:o:D:hV", longopts,
	    NULL)) != -1) {
		switch (c) {
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
	if (o->format < 0)
		o->format = cli_default_format(o->output);
}

static int
read_input(const struct opts *o, struct mse_table **t, struct mse_freq **fr)
{
	const char *name = strcmp(o->file, "-") == 0 ? "<stdin>" : o->file;
	struct mse_error err;
	FILE *fp;
	int rc;

	mse_error_clear(&err);
	fp = strcmp(o->file, "-") == 0 ? stdin : fopen(o->file, "rb");
	if (fp == NULL) {
		cli_warn("%s: %s", o->file, strerror(errno));
		return -1;
	}
	rc = mse_data_read(fp, name, o->delimiter, t, fr, &err);
	if (fp != stdin)
		fclose(fp);
	if (rc != MSE_OK) {
		cli_error(&err, name);
		return -1;
	}
	cli_read_warning(&err, name);
	return 0;
}

static void
warn_add(struct stats *s, const char *fmt, ...)
{
	va_list ap;
	char **p;
	int len;

	va_start(ap, fmt);
	len = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	p = realloc(s->warn, (s->nwarn + 1) * sizeof(*p));
	if (len < 0 || p == NULL) {
		s->failed = 1;
		return;
	}
	s->warn = p;
	s->warn[s->nwarn] = malloc((size_t)len + 1);
	if (s->warn[s->nwarn] == NULL) {
		s->failed = 1;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(s->warn[s->nwarn++], (size_t)len + 1, fmt, ap);
	va_end(ap);
}

/* The situations in which multiple-systems estimation breaks down: two
 * lists with no unit in common (their interaction has no MLE), a list
 * that overlaps no other, and no unit seen twice. */
static void
find_warnings(struct stats *s)
{
	const struct mse_table *t = s->t;
	size_t i, j, others;

	for (i = 0; t != NULL && i < s->k; i++)
		for (j = i + 1; j < s->k; j++)
			if (mse_table_overlap(t, i, j) == 0)
				warn_add(s, "lists %s and %s have no unit in "
				    "common", mse_table_name(t, i),
				    mse_table_name(t, j));
	for (i = 0; t != NULL && i < s->k; i++) {
		for (j = 0, others = 0; j < s->k; j++)
			others += j != i && mse_table_overlap(t, i, j) > 0;
		if (mse_table_list_total(t, i) == 0)
			warn_add(s, "list %s saw no unit", mse_table_name(t,
			    i));
		else if (others == 0)
			warn_add(s, "list %s overlaps no other list",
			    mse_table_name(t, i));
	}
	if (s->n > 0 && s->one == s->n)
		warn_add(s, "no unit was seen more than once: no estimate "
		    "exists");
}

static double
freq(const struct stats *s, size_t i)
{
	return s->t != NULL ? mse_table_seen_by(s->t, i) :
	    mse_freq_get(s->fr, i);
}

/* --- text ---------------------------------------------------------------- */

static void
text_frequencies(struct outbuf *out, const struct stats *s, int digits)
{
	static const char *const cols[] = { "i", "list", "f_i", "u_i", "v_i",
	    "n_i" };
	static const char *const fcols[] = { "i", "f_i" };
	size_t i, nc = s->t != NULL ? 6 : 2;
	struct cell *c = calloc(s->k ? s->k : 1, 6 * sizeof(*c));

	if (c == NULL) {
		out->failed = 1;
		return;
	}
	for (i = 0; i < s->k; i++) {
		struct cell *r = c + i * nc;

		r[0] = (struct cell){ CELL_INT, NULL, 0, (long)i + 1 };
		if (s->t == NULL) {
			r[1] = (struct cell){ CELL_NUM, NULL, freq(s, i + 1),
			    0 };
			continue;
		}
		r[1] = (struct cell){ CELL_STR, mse_table_name(s->t, i), 0,
		    0 };
		r[2] = (struct cell){ CELL_NUM, NULL, freq(s, i + 1), 0 };
		r[3] = (struct cell){ CELL_NUM, NULL,
		    mse_table_first_seen(s->t, i), 0 };
		r[4] = (struct cell){ CELL_NUM, NULL,
		    mse_table_last_seen(s->t, i), 0 };
		r[5] = (struct cell){ CELL_NUM, NULL,
		    mse_table_list_total(s->t, i), 0 };
	}
	out_table(out, FMT_TEXT, digits, s->t != NULL ? cols : fcols, nc, c,
	    s->k);
	free(c);
	out_printf(out, "\nf_i: units %s exactly i %s\n", s->t != NULL ?
	    "seen by" : "caught", s->t != NULL ? "lists" : "times");
	if (s->t != NULL)
		out_printf(out, "u_i: units first seen by list i, in column "
		    "order\nv_i: units last seen by list i\nn_i: units seen "
		    "by list i\n");
}

static void
text_overlap(struct outbuf *out, const struct stats *s, int digits)
{
	const char **cols = calloc(s->k + 1, sizeof(*cols));
	struct cell *c = calloc(s->k, (s->k + 1) * sizeof(*c));
	size_t i, j, nc = s->k + 1;

	if (cols == NULL || c == NULL) {
		out->failed = 1;
		free(cols);
		free(c);
		return;
	}
	cols[0] = "";
	for (i = 0; i < s->k; i++) {
		cols[i + 1] = mse_table_name(s->t, i);
		c[i * nc] = (struct cell){ CELL_STR, cols[i + 1], 0, 0 };
		for (j = 0; j < s->k; j++)
			c[i * nc + j + 1] = (struct cell){ CELL_NUM, NULL,
			    mse_table_overlap(s->t, i, j), 0 };
	}
	out_printf(out, "\nUnits seen by both lists (the diagonal: by the "
	    "list):\n\n");
	out_table(out, FMT_TEXT, digits, cols, nc, c, s->k);
	free(cols);
	free(c);
}

static void
text_report(struct outbuf *out, const struct stats *s, int digits)
{
	size_t i;

	if (s->t != NULL)
		out_printf(out, "%.0f units seen by %zu lists\n\n", s->n, s->k);
	else
		out_printf(out, "%.0f units, caught up to %zu times\n\n", s->n,
		    s->k);
	text_frequencies(out, s, digits);
	if (s->t != NULL)
		text_overlap(out, s, digits);
	out_printf(out, "\n%s: %.0f of %.0f (%.1f%%)\n", s->t != NULL ?
	    "Seen by one list only" : "Caught once only", s->one, s->n,
	    s->n > 0 ? 100 * s->one / s->n : 0.0);
	if (s->nwarn > 0)
		out_printf(out, "\nWarnings:\n");
	for (i = 0; i < s->nwarn; i++)
		out_printf(out, "  %s\n", s->warn[i]);
}

/* --- csv, tsv: one row per number -------------------------------------- */

static const char *const long_cols[] = { "statistic", "i", "list", "other",
	"value" };

struct rows {
	struct cell *c;
	size_t n, cap;
	int failed;
};

static void
row(struct rows *r, const char *stat, long i, const char *list,
    const char *other, double value)
{
	struct cell *c;

	if (r->n == r->cap) {
		size_t cap = r->cap ? 2 * r->cap : 64;
		void *p = realloc(r->c, cap * 5 * sizeof(*r->c));

		if (p == NULL) {
			r->failed = 1;
			return;
		}
		r->c = p;
		r->cap = cap;
	}
	c = r->c + r->n++ * 5;
	c[0] = (struct cell){ CELL_STR, stat, 0, 0 };
	c[1] = (struct cell){ i > 0 ? CELL_INT : CELL_NA, NULL, 0, i };
	c[2] = (struct cell){ list ? CELL_STR : CELL_NA, list, 0, 0 };
	c[3] = (struct cell){ other ? CELL_STR : CELL_NA, other, 0, 0 };
	c[4] = (struct cell){ CELL_NUM, NULL, value, 0 };
}

static void
delimited_report(struct outbuf *out, const struct stats *s,
    const struct opts *o)
{
	const struct mse_table *t = s->t;
	struct rows r = { NULL, 0, 0, 0 };
	size_t i, j;

	row(&r, "observed", 0, NULL, NULL, s->n);
	for (i = 1; i <= s->k; i++)
		row(&r, "f", (long)i, NULL, NULL, freq(s, i));
	for (i = 0; t != NULL && i < s->k; i++) {
		const char *nm = mse_table_name(t, i);

		row(&r, "u", (long)i + 1, nm, NULL,
		    mse_table_first_seen(t, i));
		row(&r, "v", (long)i + 1, nm, NULL, mse_table_last_seen(t, i));
		row(&r, "n", (long)i + 1, nm, NULL,
		    mse_table_list_total(t, i));
	}
	for (i = 0; t != NULL && i < s->k; i++)
		for (j = i + 1; j < s->k; j++)
			row(&r, "overlap", 0, mse_table_name(t, i),
			    mse_table_name(t, j), mse_table_overlap(t, i, j));
	row(&r, "one_list", 0, NULL, NULL, s->one);
	row(&r, "one_list_share", 0, NULL, NULL, s->n > 0 ? s->one / s->n :
	    0);
	if (r.failed)
		out->failed = 1;
	else
		out_table(out, o->format, o->digits, long_cols, 5, r.c, r.n);
	free(r.c);
}

/* --- json ---------------------------------------------------------------- */

static void
json_frequencies(struct outbuf *out, const struct stats *s, int digits)
{
	size_t i;

	out_printf(out, "  \"frequencies\": [");
	for (i = 0; i < s->k; i++) {
		out_printf(out, "%s\n    {\"i\": %zu, \"f\": ", i ? "," : "",
		    i + 1);
		out_json_number(out, freq(s, i + 1), digits);
		if (s->t != NULL) {
			out_printf(out, ", \"list\": ");
			out_json_string(out, mse_table_name(s->t, i));
			out_printf(out, ", \"u\": ");
			out_json_number(out, mse_table_first_seen(s->t, i),
			    digits);
			out_printf(out, ", \"v\": ");
			out_json_number(out, mse_table_last_seen(s->t, i),
			    digits);
			out_printf(out, ", \"n\": ");
			out_json_number(out, mse_table_list_total(s->t, i),
			    digits);
		}
		out_printf(out, "}");
	}
	out_printf(out, "\n  ],\n");
}

static void
json_overlap(struct outbuf *out, const struct stats *s, int digits)
{
	size_t i, j;

	out_printf(out, "  \"lists\": [");
	for (i = 0; i < s->k; i++) {
		out_printf(out, "%s", i ? ", " : "");
		out_json_string(out, mse_table_name(s->t, i));
	}
	out_printf(out, "],\n  \"overlap\": [");
	for (i = 0; i < s->k; i++) {
		out_printf(out, "%s\n    [", i ? "," : "");
		for (j = 0; j < s->k; j++) {
			out_printf(out, "%s", j ? ", " : "");
			out_json_number(out, mse_table_overlap(s->t, i, j),
			    digits);
		}
		out_printf(out, "]");
	}
	out_printf(out, "\n  ],\n");
}

static void
json_report(struct outbuf *out, const struct stats *s, int digits)
{
	size_t i;

	out_printf(out, "{\n  \"observed\": ");
	out_json_number(out, s->n, digits);
	out_printf(out, ",\n");
	json_frequencies(out, s, digits);
	if (s->t != NULL)
		json_overlap(out, s, digits);
	out_printf(out, "  \"one_list\": ");
	out_json_number(out, s->one, digits);
	out_printf(out, ",\n  \"one_list_share\": ");
	out_json_number(out, s->n > 0 ? s->one / s->n : 0, digits);
	out_printf(out, ",\n  \"warnings\": [");
	for (i = 0; i < s->nwarn; i++) {
		out_printf(out, "%s\n    ", i ? "," : "");
		out_json_string(out, s->warn[i]);
	}
	out_printf(out, "%s]\n}\n", s->nwarn ? "\n  " : "");
}

static int
run(const struct opts *o)
{
	struct outbuf out = { NULL, 0, 0, 0 };
	struct mse_table *t = NULL;
	struct mse_freq *fr = NULL;
	struct stats s;
	size_t i;
	int rc = EXIT_FAIL;

	if (read_input(o, &t, &fr) != 0)
		return EXIT_FAIL;
	memset(&s, 0, sizeof(s));
	s.t = t;
	s.fr = fr;
	s.k = t != NULL ? mse_table_lists(t) : mse_freq_max(fr);
	s.n = t != NULL ? mse_table_observed(t) : mse_freq_observed(fr);
	s.one = freq(&s, 1);
	find_warnings(&s);
	if (s.failed)
		cli_warn("out of memory");
	else if (o->format == FMT_TEXT)
		text_report(&out, &s, o->digits);
	else if (o->format == FMT_JSON)
		json_report(&out, &s, o->digits);
	else
		delimited_report(&out, &s, o);
	if (!s.failed && out_finish(&out, o->output) == 0)
		rc = EXIT_OK;
	/* csv and tsv have no place for them: warnings go to stderr. */
	for (i = 0; i < s.nwarn; i++) {
		if (rc == EXIT_OK && (o->format == FMT_CSV ||
		    o->format == FMT_TSV))
			cli_warn("warning: %s", s.warn[i]);
		free(s.warn[i]);
	}
	free(s.warn);
	free(out.buf);
	mse_table_free(t);
	mse_freq_free(fr);
	return rc;
}

int
main(int argc, char **argv)
{
	struct opts o = { 0, -1, NULL, 0, NULL };

	cli_init(argv[0]);
	parse_args(argc, argv, &o);
	return run(&o);
}
