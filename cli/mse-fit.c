/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mse-fit.c - estimate a population's size from a capture-history table. */
#include <config.h>

#include <errno.h>
#include <math.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mse.h>

#include "util.h"

struct opts {
	int method;		/* LOGLINEAR, CLOSEDP or a closed form */
	const char *method_name;
	const char *model;
	const char *lists;
	int ci;
	double level;
	int bias_corrected;
	int delimiter;
	int format;
	const char *output;
	int digits;
	const char *file;
	int closedp;		/* with CLOSEDP: an MSE_M0 ... model, or -1 for
				 * the whole table (-m closed) */
	double occasions;	/* -t: frequency data's t; 0 if not given */
	long t0;		/* --t0; 0 if not given */
};

#define LOGLINEAR (-1)
#define CLOSEDP (-2)

static const char *const columns[] = {
	"method", "model", "observed", "estimate", "se", "lower", "upper",
	"level", "df", "deviance", "aic", "bic", "status", "profile_estimate"
};
#define NCOLS (sizeof(columns) / sizeof(columns[0]))
/* The last column, profile_estimate, is printed with --ci profile only. */
#define NCOLS_BASE (NCOLS - 1)

static void
usage(void)
{
	printf("Usage: %s [OPTION]... [FILE]\n"
	    "Estimate the size of a population from a capture-history table "
	    "(mse-data(5))\nread from FILE, or standard input when FILE is "
	    "absent or '-'.\n\n"
	    "  -m, --method=METHOD    loglinear (default), petersen, chapman, "
	    "chao,\n                         zelterman; Rcapture's models M0, "
	    "Mt, Mb, Mbh,\n                         Mh-chao, Mh-poisson, "
	    "Mh-darroch, Mh-gamma,\n                         Mth-chao, "
	    "Mth-poisson, Mth-darroch, Mth-gamma;\n                      "
	    "   closed (all of these, one row each)\n"
	    "  -M, --model=TERMS      log-linear model, e.g. 'A:B + C:D' or "
	    "'A*B*C';\n                         'main' (independence) is the "
	    "default\n"
	    "  -l, --lists=A,B,...    collapse the table to these lists first\n"
	    "  -c, --ci=KIND          lognormal (default), wald, conditional, "
	    "profile\n"
	    "  -L, --level=P          confidence level, 0 < P < 1 (default "
	    "0.95)\n"
	    "  -b, --bias-corrected   Chao's bias-corrected lower bound "
	    "(with -m chao)\n"
	    "  -t, --occasions=T      capture occasions of frequency data "
	    "(nbcap,count),\n                         or 'inf' for continuous "
	    "time\n"
	    "      --t0=N             fit the frequencies of 1 to N captures "
	    "only\n"
	    "  -d, --delimiter=C      input delimiter ',', ';' or 'tab' "
	    "(default: detect)\n"
	    "  -f, --format=FORMAT    text, csv, tsv, json (default: text on "
	    "a terminal,\n                         csv otherwise)\n"
	    "  -o, --output=FILE      write to FILE atomically\n"
	    "  -D, --digits=N         significant digits, 1-17 (default: 7 "
	    "in text,\n                         round-trip otherwise)\n"
	    "  -h, --help             show this help and exit\n"
	    "  -V, --version          show the version and exit\n\n"
	    "Columns: method, model, observed, estimate, se, lower, upper, "
	    "level, df,\ndeviance, aic, bic, status; with --ci profile, "
	    "profile_estimate.\n"
	    "Exit status: 0 success, 1 bad input or no estimate, 2 usage "
	    "error.\nSee mse-fit(1) and mse-data(5).\n", progname);
}

static int
parse_method(const char *s)
{
	if (strcmp(s, "loglinear") == 0)
		return LOGLINEAR;
	if (strcmp(s, "petersen") == 0)
		return MSE_PETERSEN;
	if (strcmp(s, "chapman") == 0)
		return MSE_CHAPMAN;
	if (strcmp(s, "chao") == 0)
		return MSE_CHAO;
	if (strcmp(s, "zelterman") == 0)
		return MSE_ZELTERMAN;
	if (strcmp(s, "closed") == 0 || mse_closedp_lookup(s) >= 0)
		return CLOSEDP;
	cli_usage_error("--method: '%s' is not one of loglinear, petersen, "
	    "chapman, chao, zelterman, M0, Mt, Mb, Mbh, Mh-chao, Mh-poisson, "
	    "Mh-darroch, Mh-gamma, Mth-chao, Mth-poisson, Mth-darroch, "
	    "Mth-gamma, closed", s);
}

/* -t: a whole number of occasions from 2, or inf. */
static double
parse_occasions(const char *s)
{
	char *end;
	double v;

	if (strcmp(s, "inf") == 0 || strcmp(s, "Inf") == 0 ||
	    strcmp(s, "infinity") == 0)
		return INFINITY;
	errno = 0;
	v = strtod(s, &end);
	if (errno != 0 || end == s || *end != '\0' || !(v >= 2) ||
	    v != floor(v) || v > (double)UINT_MAX || strspn(s, "0123456789") !=
	    strlen(s))
		cli_usage_error("--occasions: '%s' is not a whole number from "
		    "2 or 'inf'", s);
	return v;
}

static long
parse_t0(const char *s)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < 2 ||
	    v > MSE_FREQ_MAX)
		cli_usage_error("--t0: '%s' is not a whole number from 2 to %d",
		    s, MSE_FREQ_MAX);
	return v;
}

static int
parse_ci(const char *s)
{
	if (strcmp(s, "lognormal") == 0)
		return MSE_CI_LOGNORMAL;
	if (strcmp(s, "wald") == 0)
		return MSE_CI_WALD;
	if (strcmp(s, "conditional") == 0)
		return MSE_CI_CONDITIONAL;
	if (strcmp(s, "profile") == 0)
		return MSE_CI_PROFILE;
	cli_usage_error("--ci: '%s' is not one of lognormal, wald, "
	    "conditional, profile", s);
}

/* Options that only make sense together. */
static void
check_options(struct opts *o)
{
	if (o->model != NULL && o->method != LOGLINEAR)
		cli_usage_error("--model needs --method loglinear");
	if (o->ci == MSE_CI_CONDITIONAL && o->method != LOGLINEAR)
		cli_usage_error("--ci conditional needs --method loglinear");
	if (o->ci == MSE_CI_PROFILE && o->method != LOGLINEAR &&
	    o->method != CLOSEDP)
		cli_usage_error("--ci profile needs a fitted model: --method "
		    "loglinear or one of Rcapture's (M0, Mt, ..., closed)");
	if (o->method == CLOSEDP)
		o->closedp = mse_closedp_lookup(o->method_name);
	if (o->bias_corrected && o->method != MSE_CHAO)
		cli_usage_error("--bias-corrected needs --method chao");
	if (o->bias_corrected)
		o->method = MSE_CHAO_BC;
	if (o->format < 0)
		o->format = cli_default_format(o->output);
}

/* The long-only option --t0. */
#define T0_OPTION 256

static void
parse_args(int argc, char **argv, struct opts *o)
{
	static const struct option longopts[] = {
		{ "method", required_argument, NULL, 'm' },
		{ "model", required_argument, NULL, 'M' },
		{ "lists", required_argument, NULL, 'l' },
		{ "ci", required_argument, NULL, 'c' },
		{ "level", required_argument, NULL, 'L' },
		{ "bias-corrected", no_argument, NULL, 'b' },
		{ "occasions", required_argument, NULL, 't' },
		{ "t0", required_argument, NULL, T0_OPTION },
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
	while ((c = getopt_long(argc, argv, ":m:M:l:c:L:bt:d:f:o:D:hV",
	    longopts, NULL)) != -1) {
		switch (c) {
		case 'm':
			o->method = parse_method(optarg);
			o->method_name = optarg;
			break;
		case 'M': o->model = optarg; break;
		case 'l': o->lists = optarg; break;
		case 'c': o->ci = parse_ci(optarg); break;
		case 'L': o->level = cli_parse_level(optarg); break;
		case 'b': o->bias_corrected = 1; break;
		case 't': o->occasions = parse_occasions(optarg); break;
		case T0_OPTION: o->t0 = parse_t0(optarg); break;
		case 'd': o->delimiter = cli_parse_delimiter(optarg); break;
		case 'f': o->format = cli_parse_format(optarg); break;
		case 'o': o->output = optarg; break;
		case 'D': o->digits = cli_parse_digits(optarg); break;
		case 'h': usage(); exit(EXIT_OK);
		case 'V': cli_version(); exit(EXIT_OK);
		case ':':
			cli_usage_error("option '%s' needs a value",
			    argv[optind - 1]);
		default:
			cli_usage_error("unknown option '%s'",
			    argv[optind - 1]);
		}
	}
	if (argc - optind > 1)
		cli_usage_error("one input file at most ('%s' is extra)",
		    argv[optind + 1]);
	o->file = optind < argc ? argv[optind] : "-";
	check_options(o);
}

/* The input: a table, or frequency data (*fr) for Rcapture's models. */
static struct mse_table *
read_input(const struct opts *o, const char **name, struct mse_freq **fr)
{
	struct mse_error err;
	struct mse_table *t = NULL;
	FILE *fp;
	int rc;

	mse_error_clear(&err);
	*name = strcmp(o->file, "-") == 0 ? "<stdin>" : o->file;
	fp = strcmp(o->file, "-") == 0 ? stdin : fopen(o->file, "rb");
	if (fp == NULL) {
		cli_warn("%s: %s", o->file, strerror(errno));
		return NULL;
	}
	rc = mse_data_read(fp, *name, o->delimiter, &t, fr, &err);
	if (fp != stdin)
		fclose(fp);
	if (rc != MSE_OK)
		cli_error(&err, *name);
	return t;
}

/* --lists A,B,...: collapse onto the named lists, in that order. */
static struct mse_table *
collapse(struct mse_table *t, const char *spec, const char *name)
{
	size_t idx[MSE_MAX_LISTS], n = 0;
	struct mse_table *c = NULL;
	struct mse_error err;
	char *copy = strdup(spec), *tok, *save = NULL;

	mse_error_clear(&err);
	if (copy == NULL) {
		cli_warn("out of memory");
		goto done;
	}
	for (tok = strtok_r(copy, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save)) {
		long i = mse_table_find(t, tok);

		if (i < 0) {
			cli_warn("%s: --lists: no list named '%s'", name, tok);
			goto done;
		}
		if (n == MSE_MAX_LISTS) {
			cli_warn("--lists: too many lists");
			goto done;
		}
		idx[n++] = (size_t)i;
	}
	if (mse_table_collapse(t, idx, n, &c, &err) != MSE_OK)
		cli_warn("%s: --lists: %s", name, err.message);
done:
	free(copy);
	mse_table_free(t);
	return c;
}

struct result {
	const char *method;
	char model[1024];
	double observed, estimate, se, lower, upper;
	int has_fit;
	long df;
	double deviance, aic, bic;
	char status[1024];
	int has_estimate, has_lower, has_upper;	/* closedp rows may lack them */
	double profile_estimate;		/* with --ci profile */
	int has_profile;
	char note_ci[160];			/* what the interval did */
};

/* Append "; text" to a status that is not "ok" (or replace "ok"). */
static void
status_add(char *status, size_t size, const char *text)
{
	size_t len = strlen(status);

	if (text[0] == '\0')
		return;
	if (strcmp(status, "ok") == 0 || len == 0)
		snprintf(status, size, "%s", text);
	else if (len + 2 < size)
		snprintf(status + len, size - len, "; %s", text);
}

/* The interval of a fit.  The profile interval keeps its maximum and
 * says when a bound was not found: the lower one is then n, the upper
 * one missing. */
static int
fit_interval(const struct opts *o, const struct mse_fit *f, struct result *r,
    struct mse_error *err)
{
	struct mse_profile p;
	char note[160];
	int rc;

	r->has_lower = r->has_upper = 1;
	if (o->ci != MSE_CI_PROFILE)
		return mse_fit_interval(f, o->ci, o->level, &r->lower,
		    &r->upper, err);
	rc = mse_fit_profile(f, o->level, &p, err);
	if (rc != MSE_OK)
		return rc;
	r->lower = p.lower;
	r->upper = p.upper;
	r->has_upper = !p.upper_open;
	r->profile_estimate = p.estimate;
	r->has_profile = 1;
	note[0] = '\0';
	if (p.lower_at_n)
		snprintf(note, sizeof(note), "profile lower bound set to n");
	if (p.upper_open)
		snprintf(note + strlen(note), sizeof(note) - strlen(note),
		    "%sno profile upper bound below %.1f", note[0] ? "; " : "",
		    p.limit);
	if (p.unconverged > 0)
		snprintf(note + strlen(note), sizeof(note) - strlen(note),
		    "%s%d profile fit%s stopped after 25 iterations",
		    note[0] ? "; " : "", p.unconverged,
		    p.unconverged > 1 ? "s" : "");
	snprintf(r->note_ci, sizeof(r->note_ci), "%s", note);
	return MSE_OK;
}

/* "boundary: A:B=-inf, C:D=-inf" for an extended MLE, else "ok". */
static void
fit_status(const struct mse_table *t, const struct mse_fit *f, char *buf,
    size_t size)
{
	size_t i, len;
	char term[256];

	if (mse_fit_boundary_terms(f) == 0) {
		snprintf(buf, size, "ok");
		return;
	}
	len = (size_t)snprintf(buf, size, "boundary: ");
	for (i = 0; i < mse_fit_boundary_terms(f) && len < size; i++) {
		mse_table_format_term(t, mse_fit_boundary_term(f, i), term,
		    sizeof(term));
		len += (size_t)snprintf(buf + len, size - len, "%s%s=-inf",
		    i ? ", " : "", term);
	}
}

static int
run_loglinear(const struct opts *o, const struct mse_table *t,
    struct result *r, struct mse_error *err)
{
	struct mse_model *m = NULL;
	struct mse_fit *f = NULL;
	int rc;

	rc = mse_model_parse(t, o->model != NULL ? o->model : "main", &m, err);
	if (rc == MSE_EPARSE) {
		/* The formula is an option's value, not part of the file. */
		memmove(err->message + 9, err->message,
		    sizeof(err->message) - 9);
		memcpy(err->message, "--model: ", 9);
		err->message[sizeof(err->message) - 1] = '\0';
	}
	if (rc == MSE_OK)
		rc = mse_fit_loglinear(t, m, NULL, &f, err);
	if (rc == MSE_OK)
		rc = fit_interval(o, f, r, err);
	if (rc == MSE_OK) {
		mse_model_format(m, t, r->model, sizeof(r->model));
		r->has_estimate = 1;
		r->observed = mse_fit_observed(f);
		r->estimate = mse_fit_estimate(f);
		r->se = mse_fit_se(f);
		r->has_fit = 1;
		r->df = mse_fit_df(f);
		r->deviance = mse_fit_deviance(f);
		r->aic = mse_fit_aic(f);
		r->bic = mse_fit_bic(f);
		fit_status(t, f, r->status, sizeof(r->status));
		status_add(r->status, sizeof(r->status), r->note_ci);
	}
	mse_fit_free(f);
	mse_model_free(m);
	return rc;
}

static int
run_closed(const struct opts *o, const struct mse_table *t, struct result *r,
    struct mse_error *err)
{
	int rc;

	if ((o->method == MSE_PETERSEN || o->method == MSE_CHAPMAN) &&
	    mse_table_lists(t) != 2)
		cli_usage_error("%s needs two lists; the table has %zu: choose "
		    "two with --lists A,B", o->method_name,
		    mse_table_lists(t));
	rc = mse_closed_estimate(t, o->method, &r->estimate, &r->se, err);
	if (rc == MSE_OK)
		rc = mse_interval(mse_table_observed(t), r->estimate, r->se,
		    o->ci, o->level, &r->lower, &r->upper, err);
	if (rc != MSE_OK)
		return rc;
	r->observed = mse_table_observed(t);
	r->has_estimate = r->has_lower = r->has_upper = 1;
	if (mse_table_lists(t) == 2 && o->method != MSE_CHAO &&
	    o->method != MSE_CHAO_BC && o->method != MSE_ZELTERMAN)
		snprintf(r->model, sizeof(r->model), "%s,%s",
		    mse_table_name(t, 0), mse_table_name(t, 1));
	snprintf(r->status, sizeof(r->status), "ok");
	return MSE_OK;
}

/* A number, or missing. */
static struct cell
num(int has, double v)
{
	struct cell c = { has ? CELL_NUM : CELL_NA, NULL, v, 0 };

	return c;
}

static void
emit_row(const struct opts *o, const struct result *r, struct cell *c)
{
	size_t i = 0;

	c[i++] = (struct cell){ CELL_STR, r->method, 0, 0 };
	c[i++] = (struct cell){ CELL_STR, r->model, 0, 0 };
	c[i++] = (struct cell){ CELL_NUM, NULL, r->observed, 0 };
	c[i++] = num(r->has_estimate, r->estimate);
	c[i++] = num(r->has_estimate, r->se);
	c[i++] = num(r->has_lower, r->lower);
	c[i++] = num(r->has_upper, r->upper);
	c[i++] = (struct cell){ CELL_NUM, NULL, o->level, 0 };
	if (r->has_fit) {
		c[i++] = (struct cell){ CELL_INT, NULL, 0, r->df };
		c[i++] = (struct cell){ CELL_NUM, NULL, r->deviance, 0 };
		c[i++] = (struct cell){ CELL_NUM, NULL, r->aic, 0 };
		c[i++] = (struct cell){ CELL_NUM, NULL, r->bic, 0 };
	} else
		i += 4;
	c[i++] = (struct cell){ CELL_STR, r->status, 0, 0 };
	c[i++] = num(r->has_profile, r->profile_estimate);
}

static int
emit(const struct opts *o, const struct result *r, size_t nrows,
    struct outbuf *out)
{
	size_t ncols = o->ci == MSE_CI_PROFILE ? NCOLS : NCOLS_BASE, i, j;
	struct cell *c = calloc(nrows, NCOLS * sizeof(*c)), row[NCOLS];

	if (c == NULL) {
		cli_warn("out of memory");
		return -1;
	}
	for (i = 0; i < nrows; i++) {
		memset(row, 0, sizeof(row));
		emit_row(o, &r[i], row);
		for (j = 0; j < ncols; j++)
			c[i * ncols + j] = row[j];
	}
	out_table(out, o->format, o->digits, columns, ncols, c, nrows);
	free(c);
	return 0;
}

static const char *
method_label(int method)
{
	switch (method) {
	case LOGLINEAR: return "loglinear";
	case MSE_PETERSEN: return "petersen";
	case MSE_CHAPMAN: return "chapman";
	case MSE_CHAO: return "chao";
	case MSE_CHAO_BC: return "chao-bc";
	case CLOSEDP: return "closed";
	default: return "zelterman";
	}
}

/* One of Rcapture's models, on a table or on frequency data. */
static int
fit_closedp(const struct opts *o, const struct mse_table *t,
    const struct mse_freq *fr, int model, struct result *r,
    struct mse_error *err)
{
	struct mse_fit *f = NULL;
	int rc;

	r->method = mse_closedp_name(model);
	snprintf(r->model, sizeof(r->model), "%s", mse_closedp_label(model));
	r->observed = t != NULL ? mse_table_observed(t) :
	    mse_freq_observed(fr);
	rc = t != NULL ? mse_fit_closedp(t, model, NULL, &f, err) :
	    mse_fit_closedp_freq(fr, model, o->occasions, (size_t)o->t0, NULL,
	    &f, err);
	if (rc != MSE_OK)
		return rc;
	r->has_estimate = r->has_fit = 1;
	r->estimate = mse_fit_estimate(f);
	r->se = mse_fit_se(f);
	r->df = mse_fit_df(f);
	r->deviance = mse_fit_deviance(f);
	r->aic = mse_fit_aic(f);
	r->bic = mse_fit_bic(f);
	snprintf(r->status, sizeof(r->status), "%s", mse_fit_note(f)[0] ?
	    mse_fit_note(f) : "ok");
	rc = fit_interval(o, f, r, err);
	if (rc == MSE_OK)
		status_add(r->status, sizeof(r->status), r->note_ci);
	else
		r->has_lower = r->has_upper = 0;
	mse_fit_free(f);
	return rc;
}

/* -m closed: every model that applies, one row each, as Rcapture's
 * closedp.  A model that fails keeps its row, with the reason as its
 * status; an interval that fails leaves the fit's numbers. */
static int
run_closedp(const struct opts *o, const struct mse_table *t,
    const struct mse_freq *fr, struct result *rows, size_t *nrows,
    struct mse_error *err)
{
	/* The occasions, or t0 for frequencies: by default t, or the largest
	 * number of captures when t is infinite (Rcapture's closedp.0). */
	size_t occ = t != NULL ? mse_table_lists(t) : o->t0 > 0 ?
	    (size_t)o->t0 : isinf(o->occasions) ? mse_freq_max(fr) :
	    (size_t)fmin(o->occasions, MSE_FREQ_MAX + 1.0);
	int m, rc, fitted = 0;

	*nrows = 0;
	if (o->closedp >= 0) {
		*nrows = 1;
		return fit_closedp(o, t, fr, o->closedp, rows, err);
	}
	for (m = 0; m < MSE_CLOSEDP_MODELS; m++) {
		struct result *r = &rows[*nrows];
		struct mse_error e;

		if (!mse_closedp_applies(m, occ, fr != NULL))
			continue;
		mse_error_clear(&e);
		rc = fit_closedp(o, t, fr, m, r, &e);
		(*nrows)++;
		if (rc == MSE_OK || r->has_estimate)
			fitted++;
		if (rc != MSE_OK)
			status_add(r->status, sizeof(r->status), e.message);
		if (rc != MSE_OK && fitted == 0 && err->code == 0)
			*err = e;
	}
	return fitted > 0 ? MSE_OK : err->code ? err->code : MSE_EDOMAIN;
}

/* Frequency data fit only Rcapture's M0 and Mh models, given -t. */
static void
check_frequency(const struct opts *o, const struct mse_freq *fr)
{
	if (fr == NULL) {
		if (o->occasions != 0 || o->t0 != 0)
			cli_usage_error("--occasions and --t0 apply to "
			    "frequency data (nbcap,count) only");
		return;
	}
	if (o->method != CLOSEDP || (o->closedp >= 0 &&
	    !mse_closedp_applies(o->closedp, MSE_FREQ_MAX, 1)))
		cli_usage_error("frequency data (nbcap,count) need --method "
		    "M0, Mh-chao, Mh-poisson, Mh-darroch, Mh-gamma or closed");
	if (o->occasions == 0)
		cli_usage_error("frequency data (nbcap,count) need --occasions "
		    "T, the number of capture occasions (or 'inf')");
	if (o->lists != NULL)
		cli_usage_error("--lists applies to capture-history tables "
		    "only");
}

/* Rcapture's heterogeneity and behaviour models need 3 occasions. */
static void
check_table(const struct opts *o, const struct mse_table *t)
{
	if (o->method == CLOSEDP && o->closedp >= 0 &&
	    !mse_closedp_applies(o->closedp, mse_table_lists(t), 0))
		cli_usage_error("%s needs at least 3 lists (occasions); the "
		    "table has %zu", o->method_name, mse_table_lists(t));
}

static int
run(const struct opts *o)
{
	struct outbuf out = { NULL, 0, 0, 0 };
	struct result rows[MSE_CLOSEDP_MODELS];
	struct mse_table *t;
	struct mse_freq *fr = NULL;
	struct mse_error err;
	const char *name;
	size_t nrows = 1;
	int rc;

	t = read_input(o, &name, &fr);
	if (t == NULL && fr == NULL)
		return EXIT_FAIL;
	check_frequency(o, fr);
	if (t != NULL && o->lists != NULL) {
		t = collapse(t, o->lists, name);
		if (t == NULL)
			return EXIT_FAIL;
	}
	if (t != NULL)
		check_table(o, t);
	memset(rows, 0, sizeof(rows));
	mse_error_clear(&err);
	rows[0].method = method_label(o->method);
	if (o->method == CLOSEDP)
		rc = run_closedp(o, t, fr, rows, &nrows, &err);
	else
		rc = o->method == LOGLINEAR ? run_loglinear(o, t, rows, &err) :
		    run_closed(o, t, rows, &err);
	mse_table_free(t);
	mse_freq_free(fr);
	if (rc != MSE_OK) {
		cli_error(&err, strncmp(err.message, "--", 2) == 0 ? NULL :
		    name);
		return EXIT_FAIL;
	}
	if (emit(o, rows, nrows, &out) != 0)
		return EXIT_FAIL;
	return out_finish(&out, o->output) == 0 ? EXIT_OK : EXIT_FAIL;
}

int
main(int argc, char **argv)
{
	struct opts o = { LOGLINEAR, "loglinear", NULL, NULL,
	    MSE_CI_LOGNORMAL, 0.95, 0, 0, -1, NULL, 0, NULL, -1, 0, 0 };

	cli_init(argv[0]);
	parse_args(argc, argv, &o);
	return run(&o);
}
