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
};

static const char *const columns[] = {
	"model", "params", "df", "deviance", "aic", "bic", "estimate", "se",
	"lower", "upper", "level", "aic_weight", "bic_weight", "status"
};
#define NCOLS (sizeof(columns) / sizeof(columns[0]))

static void
usage(void)
{
	printf("Usage: %s [OPTION]... [FILE]\n"
	    "Fit every hierarchical log-linear model (all main effects, "
	    "interactions up to\nthe maximum order) to a capture-history table "
	    "(mse-data(5)) read from FILE,\nor standard input, and list them "
	    "with their estimates, AIC and BIC weights,\nthen the model-"
	    "averaged estimates.\n\n"
	    "      --max-order=N      largest interaction (default 2)\n"
	    "      --sort=KEY         bic (default), aic or none (the "
	    "enumeration order)\n"
	    "      --top=N            list only the N best models\n"
	    "  -c, --ci=KIND          lognormal (default), wald, conditional\n"
	    "  -L, --level=P          confidence level (default 0.95)\n"
	    "  -l, --lists=A,B,...    collapse the table to these lists first\n"
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
	if (strcmp(s, "none") == 0)
		return MSE_SELECT_NONE;
	cli_usage_error("--sort: '%s' is not one of aic, bic, none", s);
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
			    1, MSE_MAX_LISTS - 1);
			break;
		case 2: o->sort = parse_sort(optarg); break;
		case 3:
			o->top = (size_t)cli_parse_count("top", optarg, 1,
			    100000000);
			break;
		case 'c': o->ci = cli_parse_ci(optarg, 0); break;
		case 'L': o->level = cli_parse_level(optarg); break;
		case 'l': o->lists = optarg; break;
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
	ci = sort_ctx->key == MSE_SELECT_AIC ? mse_fit_aic(fi) : mse_fit_bic(fi);
	cj = sort_ctx->key == MSE_SELECT_AIC ? mse_fit_aic(fj) : mse_fit_bic(fj);
	if (ci != cj)
		return ci < cj ? -1 : 1;
	return i < j ? -1 : i > j;
}

struct row {
	char model[1024], status[1024];
	struct cell c[NCOLS];
};

static void
model_row(const struct opts *o, const struct mse_table *t,
    const struct mse_modelset *s, size_t i, struct row *r)
{
	const struct mse_fit *f = mse_modelset_fit_of(s, i);
	const char *reason;
	double lo = NAN, hi = NAN;
	struct mse_error err;
	size_t j = 0;

	mse_model_format(mse_modelset_model(s, i), t, r->model,
	    sizeof(r->model));
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
	r->c[j++] = (struct cell){ CELL_NUM, NULL, mse_fit_estimate(f), 0 };
	r->c[j++] = (struct cell){ CELL_NUM, NULL, mse_fit_se(f), 0 };
	r->c[j++] = (struct cell){ isnan(lo) ? CELL_NA : CELL_NUM, NULL, lo, 0 };
	r->c[j++] = (struct cell){ isnan(hi) ? CELL_NA : CELL_NUM, NULL, hi, 0 };
	r->c[j++] = (struct cell){ CELL_NUM, NULL, o->level, 0 };
	r->c[j++] = (struct cell){ CELL_NUM, NULL,
	    mse_modelset_weight(s, i, MSE_SELECT_AIC), 0 };
	r->c[j++] = (struct cell){ CELL_NUM, NULL,
	    mse_modelset_weight(s, i, MSE_SELECT_BIC), 0 };
	r->c[j++] = (struct cell){ CELL_STR, r->status, 0, 0 };
}

/* The model-averaged estimate with Buckland et al.'s unconditional SE;
 * its interval is the same kind, log-normal for "conditional". */
static void
average_row(const struct opts *o, const struct mse_table *t,
    const struct mse_modelset *s, int which, struct row *r)
{
	double est, se, lo, hi;
	struct mse_error err;
	int kind = o->ci == MSE_CI_CONDITIONAL ? MSE_CI_LOGNORMAL : o->ci;

	memset(r->c, 0, sizeof(r->c));
	snprintf(r->model, sizeof(r->model), "average (%s weights)",
	    which == MSE_SELECT_AIC ? "AIC" : "BIC");
	r->c[0] = (struct cell){ CELL_STR, r->model, 0, 0 };
	if (mse_modelset_average(s, which, &est, &se, &err) != MSE_OK) {
		snprintf(r->status, sizeof(r->status), "%s", err.message);
		r->c[NCOLS - 1] = (struct cell){ CELL_STR, r->status, 0, 0 };
		return;
	}
	snprintf(r->status, sizeof(r->status), "ok");
	r->c[6] = (struct cell){ CELL_NUM, NULL, est, 0 };
	r->c[7] = (struct cell){ CELL_NUM, NULL, se, 0 };
	if (mse_interval(mse_table_observed(t), est, se, kind, o->level, &lo,
	    &hi, &err) == MSE_OK) {
		r->c[8] = (struct cell){ CELL_NUM, NULL, lo, 0 };
		r->c[9] = (struct cell){ CELL_NUM, NULL, hi, 0 };
	} else
		snprintf(r->status, sizeof(r->status), "no interval: %s",
		    err.message);
	r->c[10] = (struct cell){ CELL_NUM, NULL, o->level, 0 };
	r->c[NCOLS - 1] = (struct cell){ CELL_STR, r->status, 0, 0 };
}

static int
list_models(const struct opts *o, const struct mse_table *t,
    const struct mse_modelset *s)
{
	struct outbuf out = { NULL, 0, 0, 0 };
	size_t i, n = mse_modelset_size(s), shown, *idx;
	struct row *rows;
	struct cell *cells;
	struct sorter ctx = { s, o->sort };
	const char *cols[NCOLS + 1];
	int rc;

	cols[0] = "row";
	for (i = 0; i < NCOLS; i++)
		cols[i + 1] = columns[i];

	shown = o->top > 0 && o->top < n ? o->top : n;
	idx = calloc(n, sizeof(*idx));
	rows = calloc(shown + 2, sizeof(*rows));
	cells = calloc((shown + 2) * (NCOLS + 1), sizeof(*cells));
	if (idx == NULL || rows == NULL || cells == NULL) {
		cli_warn("out of memory");
		rc = EXIT_FAIL;
		goto done;
	}
	for (i = 0; i < n; i++)
		idx[i] = i;
	sort_ctx = &ctx;
	qsort(idx, n, sizeof(*idx), cmp_models);
	for (i = 0; i < shown; i++)
		model_row(o, t, s, idx[i], &rows[i]);
	average_row(o, t, s, MSE_SELECT_AIC, &rows[shown]);
	average_row(o, t, s, MSE_SELECT_BIC, &rows[shown + 1]);
	/* A first column says the kind of each row, model or average
	 * (mse-data(5)), so a CSV reader counts the models. */
	for (i = 0; i < shown + 2; i++) {
		cells[i * (NCOLS + 1)] = (struct cell){ CELL_STR, i < shown ?
		    "model" : "average", 0, 0 };
		memcpy(cells + i * (NCOLS + 1) + 1, rows[i].c,
		    sizeof(rows[i].c));
	}
	out_table(&out, o->format, o->digits, cols, NCOLS + 1, cells,
	    shown + 2);
	rc = out_finish(&out, o->output) == 0 ? EXIT_OK : EXIT_FAIL;
done:
	free(idx);
	free(rows);
	free(cells);
	return rc;
}

int
main(int argc, char **argv)
{
	struct opts o = { 2, MSE_SELECT_BIC, 0, MSE_CI_LOGNORMAL, 0.95, 0, -1,
	    NULL, NULL, 0, NULL };
	struct mse_modelset *s = NULL;
	struct mse_table *t;
	struct mse_error err;
	const char *name;
	int rc;

	cli_init(argv[0]);
	parse_args(argc, argv, &o);
	t = cli_read_table(o.file, o.delimiter, o.lists, &name);
	if (t == NULL)
		return EXIT_FAIL;
	mse_error_clear(&err);
	if (mse_modelset_fit(t, o.max_order, 0, NULL, &s, &err) != MSE_OK) {
		cli_error(&err, name);
		mse_table_free(t);
		return EXIT_FAIL;
	}
	if (mse_modelset_best(s, MSE_SELECT_BIC) == mse_modelset_size(s)) {
		cli_warn("%s: no model of the space has an estimate", name);
		rc = EXIT_FAIL;
	} else
		rc = list_models(&o, t, s);
	mse_modelset_free(s);
	mse_table_free(t);
	return rc;
}
