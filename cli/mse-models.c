/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mse-models.c - fit every model of a space and show how N moves across it. */
#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mse.h>

#include "progress.h"
#include "util.h"

struct opts {
	int max_order;
	int sort;		/* MSE_SELECT_AIC, _BIC, or NONE */
	size_t top;		/* 0: all */
	int ci;
	double level;
	int delimiter;
	int format;
	const char *output;
	const char *lists;
	int digits;
	const char *file;
	char **by, **covariates;
	size_t nby, ncov;
	const char *absent;
	const char *trend;	/* --trend VAR[:DEGREE] */
};

/* Fit options with a progress bar of the models fitted, on a terminal. */
static const struct mse_fit_options *
fit_progress(struct mse_fit_options *fo, struct cli_progress *bar)
{
	mse_fit_options_init(fo);
	if (cli_progress_init(bar, "fitting models")) {
		fo->progress = cli_progress_update;
		fo->progress_arg = bar;
	}
	return fo;
}

static const char *const columns[] = {
	"model", "params", "df", "deviance", "aic", "bic", "aicc", "estimate",
	"se", "lower", "upper", "level", "aic_weight", "bic_weight",
	"aicc_weight", "status"
};
#define NCOLS (sizeof(columns) / sizeof(columns[0]))
/* The columns an average or a total fills. */
enum { COL_ESTIMATE = 7, COL_SE, COL_LOWER, COL_UPPER, COL_LEVEL };

/* The criteria of the weights and averages, in the order of their rows. */
#define NCRIT 3
static const int crit[NCRIT] = { MSE_SELECT_AIC, MSE_SELECT_BIC,
	MSE_SELECT_AICC };
static const char *const crit_name[NCRIT] = { "AIC", "BIC", "AICc" };

static double
crit_value(const struct mse_fit *f, int which)
{
	double c = which == MSE_SELECT_AIC ? mse_fit_aic(f) :
	    which == MSE_SELECT_BIC ? mse_fit_bic(f) : mse_fit_aicc(f);

	return isnan(c) ? INFINITY : c;	/* an undefined AICc sorts last */
}

static void
usage(void)
{
	printf("Usage: %s [OPTION]... [FILE]\n"
	    "Fit every hierarchical log-linear model (all main effects, "
	    "interactions up to\nthe maximum order) to a capture-history table "
	    "(mse-data(5)) read from FILE,\nor standard input, and list them "
	    "with their estimates, AIC, BIC and AICc\nweights, then the "
	    "model-averaged estimates.\n\n"
	    "      --max-order=N      largest interaction (default 2)\n"
	    "      --sort=KEY         bic (default), aic, aicc or none (the "
	    "enumeration\n                         order)\n"
	    "      --top=N            list only the N best models\n"
	    "  -c, --ci=KIND          lognormal (default), wald, conditional\n"
	    "  -L, --level=P          confidence level (default 0.95)\n"
	    "  -l, --lists=A,B,...    collapse the table to these lists first\n"
	    "      --max-seconds=N    stop after N seconds, writing nothing "
	    "(exit 1)\n"
	    "      --by=COLS          a model set for each stratum, and the "
	    "total of the\n                         strata's averages\n"
	    "      --covariates=COLS  one model across strata, these columns "
	    "covariates;\n                         the space adds list x "
	    "covariate terms\n"
	    "      --trend=COL[:D]    a numeric covariate as a polynomial "
	    "trend of degree D,\n                         as mse-fit --trend\n"
	    "      --absent=CELLS     structural zeros, as mse-fit "
	    "--absent\n"
	    "  -d, --delimiter=C      input delimiter ',', ';' or 'tab'\n"
	    "  -f, --format=FORMAT    text, csv, tsv, json, md, latex, html\n"
	    "  -o, --output=FILE      write to FILE atomically\n"
	    "  -D, --digits=N         significant digits, 1-17\n"
	    "  -h, --help             show this help and exit\n"
	    "  -V, --version          show the version and exit\n\n"
	    "Exit status: 0 success, 1 bad input or no model has an "
	    "estimate, 2 usage error.\nSee mse-models(1).\n", progname);
}

static int
parse_sort(const char *s)
{
	if (strcmp(s, "aic") == 0)
		return MSE_SELECT_AIC;
	if (strcmp(s, "bic") == 0)
		return MSE_SELECT_BIC;
	if (strcmp(s, "aicc") == 0)
		return MSE_SELECT_AICC;
	if (strcmp(s, "none") == 0)
		return MSE_SELECT_NONE;
	cli_usage_error("--sort: '%s' is not one of aic, bic, aicc, none", s);
}

static void
parse_args(int argc, char **argv, struct opts *o)
{
	static const struct option longopts[] = {
		{ "max-order", required_argument, NULL, 1 },
		{ "sort", required_argument, NULL, 2 },
		{ "top", required_argument, NULL, 3 },
		{ "ci", required_argument, NULL, 'c' },
		{ "level", required_argument, NULL, 'L' },
		{ "lists", required_argument, NULL, 'l' },
		{ "by", required_argument, NULL, 4 },
		{ "covariates", required_argument, NULL, 5 },
		{ "absent", required_argument, NULL, 6 },
		{ "max-seconds", required_argument, NULL, 7 },
		{ "trend", required_argument, NULL, 8 },
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
	while ((c = getopt_long(argc, argv, ":c:L:l:d:f:o:D:hV", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 1:
			o->max_order = (int)cli_parse_count("max-order", optarg,
			    1, MSE_DENSE_LISTS - 1);
			break;
		case 2: o->sort = parse_sort(optarg); break;
		case 3:
			o->top = (size_t)cli_parse_count("top", optarg, 1,
			    100000000);
			break;
		case 'c': o->ci = cli_parse_ci(optarg, 0); break;
		case 'L': o->level = cli_parse_level(optarg); break;
		case 'l': o->lists = optarg; break;
		case 4:
			cli_split_free(o->by);
			o->by = cli_split(optarg, "--by", &o->nby);
			break;
		case 5:
			cli_split_free(o->covariates);
			o->covariates = cli_split(optarg, "--covariates",
			    &o->ncov);
			break;
		case 6: o->absent = optarg; break;
		case 7:
			cli_deadline((unsigned)cli_parse_count("max-seconds",
			    optarg, 1, 31536000));
			break;
		case 8: o->trend = optarg; break;
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
	if (o->nby > 0 && o->ncov > 0)
		cli_usage_error("--by and --covariates cannot go together: "
		    "--by fits a model set in each stratum, --covariates one "
		    "across them");
	if (o->trend != NULL && o->ncov == 0)
		cli_usage_error("--trend needs --covariates: the trend is a "
		    "covariate of one model across the strata (--covariates "
		    "year --trend year)");
	if (o->ncov > 0 && o->ci == MSE_CI_CONDITIONAL)
		cli_usage_error("--ci conditional cannot go with --covariates: "
		    "the conditional interval reads the intercept as one "
		    "table's log f0; use lognormal or wald");
	if (o->format < 0)
		o->format = cli_default_format(o->output);
}

/* The listing order: by the criterion (failed models last), or as
 * enumerated. */
struct sorter {
	const struct mse_modelset *s;
	int key;
};

static const struct sorter *sort_ctx;

static int
cmp_models(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	const struct mse_fit *fi = mse_modelset_fit_of(sort_ctx->s, i);
	const struct mse_fit *fj = mse_modelset_fit_of(sort_ctx->s, j);
	double ci, cj;

	if (sort_ctx->key != MSE_SELECT_NONE && (fi == NULL || fj == NULL) &&
	    fi != fj)
		return fi == NULL ? 1 : -1;
	if (sort_ctx->key == MSE_SELECT_NONE || fi == NULL)
		return i < j ? -1 : i > j;
	ci = crit_value(fi, sort_ctx->key);
	cj = crit_value(fj, sort_ctx->key);
	if (ci != cj)
		return ci < cj ? -1 : 1;
	return i < j ? -1 : i > j;
}

struct row {
	char *model;		/* a fitted model's text, any length */
	char label[64];		/* an average's or a total's */
	char status[1024];
	struct cell c[NCOLS];
};

/* t names the models' lists (and covariates). */
static void
model_row(const struct opts *o, const struct mse_table *t,
    const struct mse_modelset *s, size_t i, struct row *r)
{
	const struct mse_fit *f = mse_modelset_fit_of(s, i);
	const char *reason;
	double lo = NAN, hi = NAN;
	struct mse_error err;
	size_t j = 0;

	free(r->model);
	if ((r->model = mse_model_string(mse_modelset_model(s, i), t)) ==
	    NULL) {
		cli_warn("out of memory");
		exit(EXIT_FAIL);
	}
	memset(r->c, 0, sizeof(r->c));
	r->c[j++] = (struct cell){ CELL_STR, r->model, 0, 0 };
	if (f == NULL) {
		mse_modelset_status(s, i, &reason);
		snprintf(r->status, sizeof(r->status), "%s", reason);
		r->c[NCOLS - 1] = (struct cell){ CELL_STR, r->status, 0, 0 };
		return;
	}
	cli_fit_status(t, f, r->status, sizeof(r->status));
	if (mse_fit_interval(f, o->ci, o->level, &lo, &hi, &err) != MSE_OK)
		snprintf(r->status + strlen(r->status), sizeof(r->status) -
		    strlen(r->status), "; no interval: %s", err.message);
	r->c[j++] = (struct cell){ CELL_INT, NULL, 0, (long)mse_fit_params(f) };
	r->c[j++] = (struct cell){ CELL_INT, NULL, 0, mse_fit_df(f) };
	r->c[j++] = (struct cell){ CELL_NUM, NULL, mse_fit_deviance(f), 0 };
	r->c[j++] = (struct cell){ CELL_NUM, NULL, mse_fit_aic(f), 0 };
	r->c[j++] = (struct cell){ CELL_NUM, NULL, mse_fit_bic(f), 0 };
	r->c[j++] = (struct cell){ CELL_NUM, NULL, mse_fit_aicc(f), 0 };
	r->c[j++] = (struct cell){ CELL_NUM, NULL, mse_fit_estimate(f), 0 };
	r->c[j++] = (struct cell){ CELL_NUM, NULL, mse_fit_se(f), 0 };
	r->c[j++] = (struct cell){ isnan(lo) ? CELL_NA : CELL_NUM, NULL, lo, 0 };
	r->c[j++] = (struct cell){ isnan(hi) ? CELL_NA : CELL_NUM, NULL, hi, 0 };
	r->c[j++] = (struct cell){ CELL_NUM, NULL, o->level, 0 };
	r->c[j++] = (struct cell){ CELL_NUM, NULL,
	    mse_modelset_weight(s, i, MSE_SELECT_AIC), 0 };
	r->c[j++] = (struct cell){ CELL_NUM, NULL,
	    mse_modelset_weight(s, i, MSE_SELECT_BIC), 0 };
	r->c[j++] = (struct cell){ CELL_NUM, NULL,
	    mse_modelset_weight(s, i, MSE_SELECT_AICC), 0 };
	r->c[j++] = (struct cell){ CELL_STR, r->status, 0, 0 };
}

/* The model-averaged estimate with Buckland et al.'s unconditional SE;
 * its interval is the same kind, log-normal for "conditional". */
static void
average_row(const struct opts *o, double observed,
    const struct mse_modelset *s, int which, struct row *r, double *est,
    double *se)
{
	double lo, hi;
	struct mse_error err;
	int kind = o->ci == MSE_CI_CONDITIONAL ? MSE_CI_LOGNORMAL : o->ci;

	memset(r->c, 0, sizeof(r->c));
	snprintf(r->label, sizeof(r->label), "average (%s weights)",
	    crit_name[which]);
	r->c[0] = (struct cell){ CELL_STR, r->label, 0, 0 };
	*est = *se = NAN;
	if (s == NULL || mse_modelset_average(s, crit[which], est, se,
	    &err) != MSE_OK) {
		/* Without a set, the caller has put the reason in. */
		if (s != NULL)
			snprintf(r->status, sizeof(r->status), "%s",
			    err.message);
		r->c[NCOLS - 1] = (struct cell){ CELL_STR, r->status, 0, 0 };
		return;
	}
	snprintf(r->status, sizeof(r->status), "ok");
	r->c[COL_ESTIMATE] = (struct cell){ CELL_NUM, NULL, *est, 0 };
	r->c[COL_SE] = (struct cell){ CELL_NUM, NULL, *se, 0 };
	if (mse_interval(observed, *est, *se, kind, o->level, &lo,
	    &hi, &err) == MSE_OK) {
		r->c[COL_LOWER] = (struct cell){ CELL_NUM, NULL, lo, 0 };
		r->c[COL_UPPER] = (struct cell){ CELL_NUM, NULL, hi, 0 };
	} else
		snprintf(r->status, sizeof(r->status), "no interval: %s",
		    err.message);
	r->c[COL_LEVEL] = (struct cell){ CELL_NUM, NULL, o->level, 0 };
	r->c[NCOLS - 1] = (struct cell){ CELL_STR, r->status, 0, 0 };
}

/* One block of the listing: a model set's rows (sorted, the top ones),
 * then its two averages.  s is NULL for a stratum without one, whose
 * reason is in why. */
struct block {
	const struct mse_modelset *s;
	const struct mse_table *names;	/* formats the models */
	double observed;
	size_t stratum;			/* for the stratum columns */
	const char *why;
};

static size_t
block_rows(const struct opts *o, const struct block *b)
{
	size_t n = b->s != NULL ? mse_modelset_size(b->s) : 0;

	return (o->top > 0 && o->top < n ? o->top : n) + NCRIT;
}

/* Fill rows[0 ..] with block b; est/se get its AIC, BIC and AICc
 * averages. */
static int
block_fill(const struct opts *o, const struct block *b, struct row *rows,
    double est[NCRIT], double se[NCRIT])
{
	size_t i, n = b->s != NULL ? mse_modelset_size(b->s) : 0;
	size_t shown = block_rows(o, b) - NCRIT;
	size_t *idx = calloc(n + 1, sizeof(*idx));
	struct sorter ctx = { b->s, o->sort };

	if (idx == NULL)
		return -1;
	for (i = 0; i < n; i++)
		idx[i] = i;
	sort_ctx = &ctx;
	if (n > 0)
		qsort(idx, n, sizeof(*idx), cmp_models);
	for (i = 0; i < shown; i++)
		model_row(o, b->names, b->s, idx[i], &rows[i]);
	for (i = 0; i < NCRIT; i++) {
		if (b->s == NULL)
			snprintf(rows[shown + i].status,
			    sizeof(rows[shown + i].status), "%s", b->why);
		average_row(o, b->observed, b->s, (int)i, &rows[shown + i],
		    &est[i], &se[i]);
	}
	free(idx);
	return 0;
}

/* The total of the strata's averages: independent strata, so the sum,
 * with var = sum of var (mse_estimate_sum). */
static void
total_row(const struct opts *o, size_t nb, const double *est,
    const double *se, double observed, int which, struct row *r)
{
	struct mse_error err;
	double t, tse, lo, hi;
	int kind = o->ci == MSE_CI_CONDITIONAL ? MSE_CI_LOGNORMAL : o->ci;

	memset(r->c, 0, sizeof(r->c));
	snprintf(r->label, sizeof(r->label), "total of the %s averages",
	    crit_name[which]);
	r->c[0] = (struct cell){ CELL_STR, r->label, 0, 0 };
	mse_error_clear(&err);
	if (mse_estimate_sum(nb, est, se, &t, &tse, &err) != MSE_OK) {
		snprintf(r->status, sizeof(r->status), "no estimate: a "
		    "stratum has none");
		r->c[NCOLS - 1] = (struct cell){ CELL_STR, r->status, 0, 0 };
		return;
	}
	snprintf(r->status, sizeof(r->status), "ok");
	r->c[COL_ESTIMATE] = (struct cell){ CELL_NUM, NULL, t, 0 };
	r->c[COL_SE] = (struct cell){ CELL_NUM, NULL, tse, 0 };
	if (mse_interval(observed, t, tse, kind, o->level, &lo, &hi,
	    &err) == MSE_OK) {
		r->c[COL_LOWER] = (struct cell){ CELL_NUM, NULL, lo, 0 };
		r->c[COL_UPPER] = (struct cell){ CELL_NUM, NULL, hi, 0 };
	} else
		snprintf(r->status, sizeof(r->status), "no interval: %s",
		    err.message);
	r->c[COL_LEVEL] = (struct cell){ CELL_NUM, NULL, o->level, 0 };
	r->c[NCOLS - 1] = (struct cell){ CELL_STR, r->status, 0, 0 };
}

/*
 * The listing: the row column (model, average, or total), the stratum
 * columns with --by, then the model columns (mse-data(5)).  Exit 1,
 * with no output, when no model of any set has an estimate.
 */
static int
list_blocks(const struct opts *o, const struct mse_strata *st,
    const struct block *b, size_t nb)
{
	struct outbuf out = { NULL, 0, 0, 0 };
	size_t i, j, k, nv = o->nby, nc = 1 + nv + NCOLS, nrows = 0, r = 0;
	double *est = calloc(NCRIT * nb + NCRIT, sizeof(double));
	double *se = calloc(NCRIT * nb + NCRIT, sizeof(double)), observed = 0;
	const char **cols = calloc(nc, sizeof(*cols));
	struct row *rows = NULL;
	struct cell *cells = NULL;
	int rc = EXIT_FAIL, any = 0;

	for (i = 0; i < nb; i++)
		nrows += block_rows(o, &b[i]);
	nrows += nv > 0 ? NCRIT : 0;
	if (est != NULL && se != NULL && cols != NULL) {
		rows = calloc(nrows, sizeof(*rows));
		cells = calloc(nrows * nc, sizeof(*cells));
	}
	if (rows == NULL || cells == NULL) {
		cli_warn("out of memory");
		goto done;
	}
	cols[0] = "row";
	for (j = 0; j < nv; j++)
		cols[1 + j] = mse_strata_var(st, j);
	for (j = 0; j < NCOLS; j++)
		cols[1 + nv + j] = columns[j];
	for (i = 0; i < nb; i++) {
		size_t n = block_rows(o, &b[i]);
		double e[NCRIT], s2[NCRIT];

		if (block_fill(o, &b[i], rows + r, e, s2) != 0) {
			cli_warn("out of memory");
			goto done;
		}
		for (k = 0; k < NCRIT; k++) {
			est[k * nb + i] = e[k];
			se[k * nb + i] = s2[k];
		}
		any |= !isnan(e[1]);
		observed += b[i].observed;
		for (k = 0; k < n; k++, r++) {
			struct cell *x = cells + r * nc;

			x[0] = (struct cell){ CELL_STR, k + NCRIT < n ?
			    "model" : "average", 0, 0 };
			for (j = 0; j < nv; j++)
				x[1 + j] = (struct cell){ CELL_STR,
				    mse_strata_value(st, b[i].stratum, j), 0,
				    0 };
			memcpy(x + 1 + nv, rows[r].c, sizeof(rows[r].c));
		}
	}
	if (nv > 0) {
		for (k = 0; k < NCRIT; k++, r++) {
			struct cell *x = cells + r * nc;

			total_row(o, nb, est + k * nb, se + k * nb, observed,
			    (int)k, &rows[r]);
			x[0] = (struct cell){ CELL_STR, "total", 0, 0 };
			for (j = 0; j < nv; j++)
				x[1 + j] = (struct cell){ CELL_STR, "", 0, 0 };
			memcpy(x + 1 + nv, rows[r].c, sizeof(rows[r].c));
		}
	}
	if (!any) {
		cli_warn("%s: no model of the space has an estimate%s", o->file,
		    nv > 0 ? " in any stratum" : "");
		goto done;
	}
	out_table(&out, o->format, o->digits, cols, nc, cells, nrows);
	rc = out_finish(&out, o->output) == 0 ? EXIT_OK : EXIT_FAIL;
done:
	for (r = 0; rows != NULL && r < nrows; r++)
		free(rows[r].model);
	free(est);
	free(se);
	free(cols);
	free(rows);
	free(cells);
	return rc;
}

/* A table naming the lists, then the covariates, to format the models of
 * a covariate space. */
static struct mse_table *
names_table(const struct mse_strata *s)
{
	const char *names[MSE_MAX_LISTS];
	size_t K = mse_strata_lists(s), V = mse_strata_vars(s), i;
	struct mse_error err;
	struct mse_table *t;

	for (i = 0; i < K + V && i < MSE_MAX_LISTS; i++)
		names[i] = i < K ? mse_strata_list(s, i) :
		    mse_strata_var(s, i - K);
	t = mse_table_new(K + V, names, &err);
	if (t == NULL)
		cli_warn("%s", err.message);
	return t;
}

static double
strata_observed(const struct mse_strata *s)
{
	double n = 0;
	size_t i;

	for (i = 0; i < mse_strata_count(s); i++)
		n += mse_table_observed(mse_strata_table(s, i));
	return n;
}

/* --covariates: one model set across the strata. */
static int
run_covariates(const struct opts *o, struct mse_strata *s,
    const struct mse_absent *a, const char *name)
{
	struct mse_modelset *set = NULL;
	struct mse_fit_options fo;
	struct cli_progress bar;
	struct mse_table *names;
	struct mse_error err;
	struct block b;
	int rc;

	mse_error_clear(&err);
	rc = mse_strata_complete(s, &err);
	if (rc == MSE_OK)
		rc = mse_modelset_fit_covariates(s, a, o->max_order, 0,
		    fit_progress(&fo, &bar), &set, &err);
	cli_progress_end(&bar);
	if (rc != MSE_OK) {
		cli_error(&err, name);
		return EXIT_FAIL;
	}
	if ((names = names_table(s)) == NULL) {
		mse_modelset_free(set);
		return EXIT_FAIL;
	}
	b = (struct block){ set, names, strata_observed(s), 0, NULL };
	rc = list_blocks(o, s, &b, 1);
	mse_table_free(names);
	mse_modelset_free(set);
	return rc;
}

/* --by (and --absent alone, one stratum): a model set per stratum. */
static int
run_by(const struct opts *o, const struct mse_strata *s,
    const struct mse_absent *a, const char *name)
{
	size_t i, S = mse_strata_count(s);
	struct block *b = calloc(S + 1, sizeof(*b));
	struct mse_table **t = calloc(S + 1, sizeof(*t));
	struct mse_modelset **set = calloc(S + 1, sizeof(*set));
	char (*why)[512] = calloc(S + 1, sizeof(*why));
	struct mse_by_options bo;
	struct mse_fit_options fo;
	struct cli_progress bar;
	struct mse_error err;
	int rc = EXIT_FAIL;

	if (b == NULL || t == NULL || set == NULL || why == NULL) {
		cli_warn("out of memory");
		goto done;
	}
	mse_by_options_init(&bo);
	bo.absent = a;
	bo.fit = fit_progress(&fo, &bar);
	for (i = 0; i < S; i++) {
		mse_error_clear(&err);
		rc = mse_by_modelset(s, i, &bo, o->max_order, 0, &set[i], &t[i],
		    &err);
		cli_progress_end(&bar);
		if (rc == MSE_ENOMEM) {
			cli_warn("out of memory");
			rc = EXIT_FAIL;
			goto done;
		}
		rc = EXIT_FAIL;
		if (set[i] == NULL && o->nby == 0) {
			cli_error(&err, name);
			goto done;
		}
		snprintf(why[i], sizeof(why[i]), "%s", err.message);
		b[i] = (struct block){ set[i], t[i],
		    mse_table_observed(mse_strata_table(s, i)), i, why[i] };
	}
	rc = list_blocks(o, s, b, S);
done:
	for (i = 0; set != NULL && t != NULL && i < S; i++) {
		mse_modelset_free(set[i]);
		mse_table_free(t[i]);
	}
	free(b);
	free(t);
	free(set);
	free(why);
	return rc;
}

static int
run_plain(const struct opts *o)
{
	struct mse_modelset *s = NULL;
	struct mse_fit_options fo;
	struct cli_progress bar;
	struct mse_table *t;
	struct mse_error err;
	struct block b;
	const char *name;
	int rc;

	t = cli_read_table(o->file, o->delimiter, o->lists, &name);
	if (t == NULL)
		return EXIT_FAIL;
	mse_error_clear(&err);
	rc = mse_modelset_fit(t, o->max_order, 0, fit_progress(&fo, &bar), &s,
	    &err);
	cli_progress_end(&bar);
	if (rc != MSE_OK) {
		cli_error(&err, name);
		mse_table_free(t);
		return EXIT_FAIL;
	}
	b = (struct block){ s, t, mse_table_observed(t), 0, NULL };
	rc = list_blocks(o, NULL, &b, 1);
	mse_modelset_free(s);
	mse_table_free(t);
	return rc;
}

int
main(int argc, char **argv)
{
	struct opts o = { 2, MSE_SELECT_BIC, 0, MSE_CI_LOGNORMAL, 0.95, 0, -1,
	    NULL, NULL, 0, NULL, NULL, NULL, 0, 0, NULL, NULL };
	struct mse_absent *a = NULL;
	struct mse_strata *s;
	struct mse_error err;
	const char *name;
	int rc;

	cli_init(argv[0]);
	parse_args(argc, argv, &o);
	if (o.nby == 0 && o.ncov == 0 && o.absent == NULL)
		return run_plain(&o);
	s = cli_read_strata(o.file, o.delimiter, (const char *const *)(o.ncov ?
	    o.covariates : o.by), o.ncov ? o.ncov : o.nby, o.lists, o.ncov > 0,
	    &name);
	mse_error_clear(&err);
	if (s == NULL)
		rc = EXIT_FAIL;
	else if (o.absent != NULL && mse_absent_parse(s, o.absent, &a,
	    &err) != MSE_OK) {
		cli_warn("--absent: %s", err.message);
		rc = EXIT_USAGE;
	} else if (o.trend != NULL && cli_set_trend(o.trend,
	    (const char *const *)o.covariates, o.ncov, s, &err) != MSE_OK) {
		cli_warn("%s: %s", name, err.message);
		rc = EXIT_FAIL;
	} else
		rc = o.ncov > 0 ? run_covariates(&o, s, a, name) :
		    run_by(&o, s, a, name);
	mse_absent_free(a);
	mse_strata_free(s);
	cli_split_free(o.by);
	cli_split_free(o.covariates);
	return rc;
}
