/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mse-fit.c - estimate a population's size from a capture-history table. */
#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <mse.h>

#include "bayes.h"
#include "util.h"

struct opts {
	int method;		/* -1 loglinear, else an MSE_ closed form */
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
	struct mse_select_options sel;
	struct mse_bootstrap_options boot;
	const char *replicates_out;
	int boot_opts, order_opt, threshold_opt;	/* options given */
	int shared_opts;	/* --seed, --threads or --top given */
	int closedp;		/* with CLOSEDP: an MSE_M0 ... model, or -1 for
				 * the whole table (-m closed) */
	double occasions;	/* -t: frequency data's t; 0 if not given */
	long t0;		/* --t0; 0 if not given */
	/* strata, covariates and structural zeros */
	char **by, **covariates;
	size_t nby, ncov;
	const char *absent;
	const uint32_t *absent_cells;	/* of the table being fitted */
	size_t nabsent_cells;
	int ci_given;
	struct bayes_opts bayes;	/* -m lcm and -m dga (bayes.c) */
};

#define CI_BOOTSTRAP CLI_CI_BOOTSTRAP

#define LOGLINEAR (-1)
#define CLOSEDP (-4)	/* -2 and -3 are bayes.h's */
/* Long-only options. */
/* Long-only options; bayes.h's run from 256 to OPT_BAYES_END. */
enum { OPT_BY = OPT_BAYES_END, OPT_COVARIATES, OPT_ABSENT, OPT_T0 };

static const char *const columns[] = {
	"method", "model", "observed", "estimate", "se", "lower", "upper",
	"level", "df", "deviance", "aic", "bic", "status", "selection",
	/* with --ci bootstrap only */
	"percentile_lower", "percentile_upper", "replicates", "z0",
	"acceleration",
	/* with --ci profile only */
	"profile_estimate"
};
#define NCOLS_ALL (sizeof(columns) / sizeof(columns[0]))
#define NCOLS_BOOT (NCOLS_ALL - 1)
#define NCOLS (NCOLS_BOOT - 5)

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
	    "  -s, --select=METHOD    choose the model: stepwise, aic, bic or "
	    "none\n                         (default none: use --model)\n"
	    "      --max-order=N      largest interaction the search may "
	    "add (default 2)\n"
	    "      --threshold=P      stepwise p-value threshold (default "
	    "0.02)\n"
	    "  -c, --ci=KIND          lognormal (default), wald, conditional, "
	    "profile,\n                         bootstrap\n"
	    "  -B, --replicates=N     bootstrap replicates (default 1000)\n"
	    "      --seed=S           bootstrap seed (default 1234)\n"
	    "      --threads=N        bootstrap threads (default: all cores)\n"
	    "      --top=N            bootstrap: choose among the N best "
	    "models\n"
	    "      --resample=HOW     bootstrap: units (default, as SparseMSE) "
	    "or\n                         parametric (Poisson draws from the "
	    "fitted model)\n"
	    "      --write-replicates=FILE  write the bootstrap estimates "
	    "(CSV)\n"
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
	    "  -f, --format=FORMAT    text, csv, tsv, json, md, latex, html "
	    "(default: text\n                         on a terminal, csv "
	    "otherwise)\n"
	    "  -o, --output=FILE      write to FILE atomically\n"
	    "  -D, --digits=N         significant digits, 1-17 (default: 7 "
	    "in text,\n                         round-trip otherwise)\n"
	    "      --by=COLS          fit each stratum of these columns on its "
	    "own,\n                         and add a total\n"
	    "      --covariates=COLS  one model across strata, with these "
	    "columns as\n                         covariates in --model\n"
	    "      --absent=CELLS     structural zeros, e.g. "
	    "'rosa:gender=mann,A:B'\n"
	    "  -h, --help             show this help and exit\n"
	    "  -V, --version          show the version and exit\n\n"
	    "Columns: method, model, observed, estimate, se, lower, upper, "
	    "level, df,\ndeviance, aic, bic, status, selection; with --ci "
	    "bootstrap also\npercentile_lower, percentile_upper, replicates, "
	    "z0, acceleration; with --ci\nprofile, profile_estimate.\n"
	    "Exit status: 0 success, 1 bad input or no estimate, 2 usage "
	    "error.\nSee mse-fit(1) and mse-data(5).\n", progname);
	bayes_usage();
	printf("Their columns: %s.\n", bayes_columns());
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
	if (strcmp(s, "lcm") == 0)
		return METHOD_LCM;
	if (strcmp(s, "dga") == 0)
		return METHOD_DGA;
	cli_usage_error("--method: '%s' is not one of loglinear, petersen, "
	    "chapman, chao, zelterman, M0, Mt, Mb, Mbh, Mh-chao, Mh-poisson, "
	    "Mh-darroch, Mh-gamma, Mth-chao, Mth-poisson, Mth-darroch, "
	    "Mth-gamma, closed, lcm, dga", s);
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
parse_select(const char *s)
{
	if (strcmp(s, "none") == 0)
		return MSE_SELECT_NONE;
	if (strcmp(s, "stepwise") == 0)
		return MSE_SELECT_STEPWISE;
	if (strcmp(s, "aic") == 0)
		return MSE_SELECT_AIC;
	if (strcmp(s, "bic") == 0)
		return MSE_SELECT_BIC;
	cli_usage_error("--select: '%s' is not one of stepwise, aic, bic, "
	    "none", s);
}

static double
parse_threshold(const char *s)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (errno != 0 || end == s || *end != '\0' || !(v >= 0 && v <= 1))
		cli_usage_error("--threshold: '%s' is not a p-value from 0 to "
		    "1", s);
	return v;
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
	if (o->method == CLOSEDP && (o->nby > 0 || o->ncov > 0 ||
	    o->absent != NULL))
		cli_usage_error("Rcapture's models do not take --by, "
		    "--covariates or --absent yet");
	if (o->bias_corrected && o->method != MSE_CHAO)
		cli_usage_error("--bias-corrected needs --method chao");
	if (o->sel.method != MSE_SELECT_NONE && o->model != NULL)
		cli_usage_error("--model and --select exclude each other");
	if (o->sel.method != MSE_SELECT_NONE && o->method != LOGLINEAR)
		cli_usage_error("--select needs --method loglinear");
	if (o->ci == CI_BOOTSTRAP && o->method != LOGLINEAR)
		cli_usage_error("--ci bootstrap needs --method loglinear");
	if (o->method == METHOD_LCM || o->method == METHOD_DGA)
		o->boot.top = 0;	/* dga's --top: the graphs shown */
	if (o->boot.top > 0 && o->sel.method != MSE_SELECT_AIC &&
	    o->sel.method != MSE_SELECT_BIC)
		cli_usage_error("--top needs --select aic or bic");
	if ((o->replicates_out != NULL || o->boot_opts) &&
	    o->ci != CI_BOOTSTRAP)
		cli_usage_error("-B, --resample and --write-replicates need "
		    "--ci bootstrap");
	if (o->shared_opts && o->ci != CI_BOOTSTRAP &&
	    o->method != METHOD_LCM && o->method != METHOD_DGA)
		cli_usage_error("--seed, --threads and --top need --ci "
		    "bootstrap, or -m lcm or dga");
	if (o->order_opt && o->sel.method != MSE_SELECT_AIC &&
	    o->sel.method != MSE_SELECT_BIC)
		cli_usage_error("--max-order needs --select aic or bic");
	if (o->threshold_opt && o->sel.method != MSE_SELECT_STEPWISE)
		cli_usage_error("--threshold needs --select stepwise");
	if ((o->nby > 0 || o->ncov > 0 || o->absent != NULL) &&
	    o->ci == CI_BOOTSTRAP)
		cli_usage_error("--ci bootstrap does not work with --by, "
		    "--covariates or --absent yet");
	if ((o->ncov > 0 || o->absent != NULL) &&
	    o->sel.method != MSE_SELECT_NONE)
		cli_usage_error("--select works per stratum with --by, not with "
		    "--covariates or --absent");
	if (o->bias_corrected)
		o->method = MSE_CHAO_BC;
	if (o->nby > 0 && o->ncov > 0)
		cli_usage_error("--by and --covariates cannot go together");
	if (o->ncov > 0 && o->method != LOGLINEAR)
		cli_usage_error("--covariates needs --method loglinear");
	if (o->ncov > 0 && o->ci == MSE_CI_CONDITIONAL)
		cli_usage_error("--ci conditional cannot go with --covariates");
	if (o->absent != NULL && o->method != LOGLINEAR)
		cli_usage_error("--absent needs --method loglinear");
	if (o->format < 0)
		o->format = cli_default_format(o->output);
	if (o->ci_given && (o->method == METHOD_LCM ||
	    o->method == METHOD_DGA))
		cli_usage_error("--ci does not apply to %s: its interval is the "
		    "central posterior interval", o->method_name);
	if (o->method != METHOD_LCM && o->method != METHOD_DGA)
		/* --seed, --threads and --top were the bootstrap's. */
		o->bayes.given &= ~((1ul << (OPT_SEED - OPT_CLASSES)) |
		    (1ul << (OPT_THREADS - OPT_CLASSES)) |
		    (1ul << (OPT_TOP - OPT_CLASSES)));
	bayes_check(&o->bayes, o->method);
}

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
		{ "t0", required_argument, NULL, OPT_T0 },
		{ "delimiter", required_argument, NULL, 'd' },
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "digits", required_argument, NULL, 'D' },
		{ "select", required_argument, NULL, 's' },
		{ "max-order", required_argument, NULL, 1 },
		{ "threshold", required_argument, NULL, 2 },
		{ "replicates", required_argument, NULL, 'B' },
		{ "seed", required_argument, NULL, 3 },
		{ "threads", required_argument, NULL, 4 },
		{ "top", required_argument, NULL, 5 },
		{ "write-replicates", required_argument, NULL, 6 },
		{ "resample", required_argument, NULL, 7 },
		{ "by", required_argument, NULL, OPT_BY },
		{ "covariates", required_argument, NULL, OPT_COVARIATES },
		{ "absent", required_argument, NULL, OPT_ABSENT },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		BAYES_LONGOPTS,
		{ NULL, 0, NULL, 0 }
	};
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":m:M:l:c:L:bt:d:f:o:D:s:B:hV", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'm':
			o->method = parse_method(optarg);
			o->method_name = optarg;
			break;
		case 'M': o->model = optarg; break;
		case 'l': o->lists = optarg; break;
		case 'c':
			o->ci = cli_parse_ci(optarg, 1);
			o->ci_given = 1;
			break;
		case 'L': o->level = cli_parse_level(optarg); break;
		case 'b': o->bias_corrected = 1; break;
		case 't': o->occasions = parse_occasions(optarg); break;
		case OPT_T0: o->t0 = parse_t0(optarg); break;
		case 'd': o->delimiter = cli_parse_delimiter(optarg); break;
		case 'f': o->format = cli_parse_format(optarg); break;
		case 'o': o->output = optarg; break;
		case 'D': o->digits = cli_parse_digits(optarg); break;
		case 's': o->sel.method = parse_select(optarg); break;
		case 1:
			o->order_opt = 1;
			o->sel.max_order = (int)cli_parse_count("max-order", optarg,
			    1, MSE_MAX_LISTS - 1);
			break;
		case 2:
			o->threshold_opt = 1;
			o->sel.threshold = parse_threshold(optarg);
			break;
		case 'B':
			o->boot_opts = 1;
			o->boot.replicates = (int)cli_parse_count("replicates",
			    optarg, 1, 10000000);
			break;
		case 3:
			/* --seed, --threads and --top serve the bootstrap and
			 * the Bayesian methods alike. */
			o->shared_opts = 1;
			o->boot.seed = (unsigned long)cli_parse_count("seed",
			    optarg, 0, 2147483647);
			bayes_option(&o->bayes, OPT_SEED, optarg);
			break;
		case 4:
			o->shared_opts = 1;
			o->boot.threads = (int)cli_parse_count("threads", optarg, 1,
			    256);
			bayes_option(&o->bayes, OPT_THREADS, optarg);
			break;
		case 5:
			o->shared_opts = 1;
			o->boot.top = (size_t)cli_parse_count("top", optarg, 0,
			    10000000);
			bayes_option(&o->bayes, OPT_TOP, optarg);
			break;
		case 6: o->replicates_out = optarg; break;
		case 7:
			o->boot_opts = 1;
			if (strcmp(optarg, "parametric") == 0)
				o->boot.parametric = 1;
			else if (strcmp(optarg, "units") != 0)
				cli_usage_error("--resample: '%s' is not units "
				    "or parametric", optarg);
			break;
		case OPT_BY:
			cli_split_free(o->by);
			o->by = cli_split(optarg, "--by", &o->nby);
			break;
		case OPT_COVARIATES:
			cli_split_free(o->covariates);
			o->covariates = cli_split(optarg, "--covariates",
			    &o->ncov);
			break;
		case OPT_ABSENT: o->absent = optarg; break;
		case 'h': usage(); exit(EXIT_OK);
		case 'V': cli_version(); exit(EXIT_OK);
		default:
			if (c != ':' && bayes_option(&o->bayes, c, optarg))
				break;
			cli_bad_option(c, argv);
		}
	}
	o->file = cli_operand(argc, argv);
	check_options(o);
}

struct result {
	const char *method;
	char model[1024];
	double observed, estimate, se, lower, upper;
	int has_fit;
	long df;
	double deviance, aic, bic;
	char status[1024];
	char selection[128];
	int has_boot;
	struct mse_bootstrap_result boot;
	/* --ci profile: the profile's maximum (NAN without), and what the
	 * interval did */
	double profile_estimate;
	char note_ci[160];
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

	if (o->ci != MSE_CI_PROFILE)
		return mse_fit_interval(f, o->ci, o->level, &r->lower,
		    &r->upper, err);
	rc = mse_fit_profile(f, o->level, &p, err);
	if (rc != MSE_OK)
		return rc;
	r->lower = p.lower;
	r->upper = p.upper_open ? NAN : p.upper;
	r->profile_estimate = p.estimate;
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

/* The model: parsed from --model, or chosen by --select. */
static int
choose_model(const struct opts *o, const struct mse_table *t,
    struct mse_model **m, struct mse_fit **f, struct result *r,
    struct mse_error *err)
{
	static const char *const name[] = { "none", "stepwise", "aic", "bic" };
	static const char *const how[] = { "", "stepwise", "exhaustive",
		"downhill" };
	struct mse_select_info info;
	int rc;

	if (o->sel.method != MSE_SELECT_NONE) {
		rc = mse_select(t, &o->sel, m, f, &info, err);
		if (rc == MSE_OK && o->sel.method == MSE_SELECT_STEPWISE)
			snprintf(r->selection, sizeof(r->selection), "stepwise "
			    "p < %g, %zu fits", o->sel.threshold,
			    info.evaluated);
		else if (rc == MSE_OK)
			snprintf(r->selection, sizeof(r->selection), "%s %s, "
			    "%zu model%s, order <= %d", name[o->sel.method],
			    how[info.search], info.evaluated,
			    info.evaluated == 1 ? "" : "s", o->sel.max_order);
		return rc;
	}
	snprintf(r->selection, sizeof(r->selection), "none");
	rc = mse_model_parse(t, o->model != NULL ? o->model : "main", m, err);
	if (rc == MSE_EPARSE) {
		/* The formula is an option's value, not part of the file. */
		memmove(err->message + 9, err->message,
		    sizeof(err->message) - 9);
		memcpy(err->message, "--model: ", 9);
		err->message[sizeof(err->message) - 1] = '\0';
	}
	if (rc == MSE_OK)
		rc = mse_fit_loglinear_absent(t, *m, o->absent_cells,
		    o->nabsent_cells, NULL, f, err);
	return rc;
}

/* --ci bootstrap: BCa in lower and upper, the percentile interval and
 * the bootstrap's own figures in extra columns. */
static int
run_bootstrap(const struct opts *o, const struct mse_table *t,
    const struct mse_model *m, struct result *r, struct mse_error *err)
{
	int rc = mse_bootstrap(t, &o->sel, m, &o->boot, &r->boot, err);

	cli_bar_done(o->boot.progress_arg);
	if (rc != MSE_OK)
		return rc;
	r->has_boot = 1;
	r->lower = r->boot.lower;
	r->upper = r->boot.upper;
	if (r->boot.bca != MSE_OK)
		snprintf(r->status + strlen(r->status), sizeof(r->status) -
		    strlen(r->status), "; %s", r->boot.bca_reason);
	return MSE_OK;
}

static int
run_loglinear(const struct opts *o, const struct mse_table *t,
    struct result *r, struct mse_error *err)
{
	struct mse_model *m = NULL;
	struct mse_fit *f = NULL;
	int rc = choose_model(o, t, &m, &f, r, err);

	if (rc == MSE_OK && o->ci != CI_BOOTSTRAP)
		rc = fit_interval(o, f, r, err);
	if (rc == MSE_OK) {
		mse_model_format(m, t, r->model, sizeof(r->model));
		r->observed = mse_fit_observed(f);
		r->estimate = mse_fit_estimate(f);
		r->se = mse_fit_se(f);
		r->has_fit = 1;
		r->df = mse_fit_df(f);
		r->deviance = mse_fit_deviance(f);
		r->aic = mse_fit_aic(f);
		r->bic = mse_fit_bic(f);
		cli_fit_status(t, f, r->status, sizeof(r->status));
		status_add(r->status, sizeof(r->status), r->note_ci);
	}
	if (rc == MSE_OK && o->ci == CI_BOOTSTRAP)
		rc = run_bootstrap(o, t, o->sel.method == MSE_SELECT_NONE ? m :
		    NULL, r, err);
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
	if (mse_table_lists(t) == 2 && o->method != MSE_CHAO &&
	    o->method != MSE_CHAO_BC && o->method != MSE_ZELTERMAN)
		snprintf(r->model, sizeof(r->model), "%s,%s",
		    mse_table_name(t, 0), mse_table_name(t, 1));
	snprintf(r->status, sizeof(r->status), "ok");
	return MSE_OK;
}

/* The NCOLS cells of a result, then the bootstrap's or the profile's
 * (c has room for NCOLS_ALL). */
static void
result_cells(const struct opts *o, const struct result *r, struct cell *c)
{
	size_t i = 0;

	memset(c, 0, NCOLS_ALL * sizeof(*c));
	c[i++] = (struct cell){ CELL_STR, r->method, 0, 0 };
	c[i++] = (struct cell){ CELL_STR, r->model, 0, 0 };
	c[i++] = (struct cell){ CELL_NUM, NULL, r->observed, 0 };
	c[i++] = (struct cell){ CELL_NUM, NULL, r->estimate, 0 };
	c[i++] = (struct cell){ CELL_NUM, NULL, r->se, 0 };
	c[i++] = (struct cell){ CELL_NUM, NULL, r->lower, 0 };
	c[i++] = (struct cell){ CELL_NUM, NULL, r->upper, 0 };
	c[i++] = (struct cell){ CELL_NUM, NULL, o->level, 0 };
	if (r->has_fit) {
		c[i++] = (struct cell){ CELL_INT, NULL, 0, r->df };
		c[i++] = (struct cell){ CELL_NUM, NULL, r->deviance, 0 };
		c[i++] = (struct cell){ CELL_NUM, NULL, r->aic, 0 };
		c[i++] = (struct cell){ CELL_NUM, NULL, r->bic, 0 };
	} else
		i += 4;
	c[i++] = (struct cell){ CELL_STR, r->status, 0, 0 };
	c[i++] = (struct cell){ CELL_STR, r->selection, 0, 0 };
	if (r->has_boot) {
		c[i++] = (struct cell){ CELL_NUM, NULL, r->boot.pct_lower, 0 };
		c[i++] = (struct cell){ CELL_NUM, NULL, r->boot.pct_upper, 0 };
		c[i++] = (struct cell){ CELL_INT, NULL, 0, (long)r->boot.used };
		c[i++] = (struct cell){ CELL_NUM, NULL, r->boot.z0, 0 };
		c[i++] = (struct cell){ CELL_NUM, NULL, r->boot.acceleration,
		    0 };
	}
	if (o->ci == MSE_CI_PROFILE)
		c[i++] = (struct cell){ CELL_NUM, NULL, r->profile_estimate,
		    0 };
}

/* The rows' cells: the usual columns, then the bootstrap's or the
 * profile's. */
static int
emit(const struct opts *o, const struct result *r, size_t nrows,
    struct outbuf *out)
{
	const char *cols[NCOLS_ALL];
	struct cell *c, row[NCOLS_ALL];
	size_t ncols = NCOLS, i, j;

	for (j = 0; j < NCOLS; j++)
		cols[j] = columns[j];
	if (nrows > 0 && r[0].has_boot)
		for (j = NCOLS; j < NCOLS_BOOT; j++)
			cols[ncols++] = columns[j];
	if (o->ci == MSE_CI_PROFILE)
		cols[ncols++] = columns[NCOLS_BOOT];
	c = calloc(nrows ? nrows : 1, ncols * sizeof(*c));
	if (c == NULL) {
		cli_warn("out of memory");
		return -1;
	}
	for (i = 0; i < nrows; i++) {
		result_cells(o, &r[i], row);
		for (j = 0; j < ncols; j++)
			c[i * ncols + j] = row[j];
	}
	out_table(out, o->format, o->digits, cols, ncols, c, nrows);
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
	case METHOD_LCM: return "lcm";
	case METHOD_DGA: return "dga";
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
	r->estimate = r->se = r->lower = r->upper = NAN;
	r->profile_estimate = NAN;
	snprintf(r->model, sizeof(r->model), "%s", mse_closedp_label(model));
	r->observed = t != NULL ? mse_table_observed(t) :
	    mse_freq_observed(fr);
	rc = t != NULL ? mse_fit_closedp(t, model, NULL, &f, err) :
	    mse_fit_closedp_freq(fr, model, o->occasions, (size_t)o->t0, NULL,
	    &f, err);
	if (rc != MSE_OK)
		return rc;
	r->has_fit = 1;
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
		r->lower = r->upper = NAN;
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
		if (rc == MSE_OK || isfinite(r->estimate))
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

/* --write-replicates: one row per replicate, empty where the estimate
 * does not exist, for mse-plot --kind bootstrap. */
static int
write_replicates(const struct mse_bootstrap_result *b, const char *path)
{
	struct outbuf out = { NULL, 0, 0, 0 };
	size_t i;

	out_printf(&out, "replicate,estimate\n");
	for (i = 0; i < b->nreplicates; i++)
		if (isfinite(b->replicates[i]))
			out_printf(&out, "%zu,%.17g\n", i + 1,
			    b->replicates[i]);
		else
			out_printf(&out, "%zu,\n", i + 1);
	return out_finish(&out, strcmp(path, "-") == 0 ? NULL : path);
}

/* ---- strata, covariates and structural zeros ---------------------------- */

/* One output row of --by or --covariates. */
struct srow {
	struct result r;
	int failed;		/* r holds only observed, and the reason */
	char note[512];
};

static const char *const note_column = "note";

static struct mse_strata *
read_strata(const struct opts *o, const char **name)
{
	struct mse_strata_spec spec;
	struct mse_strata *s = NULL;
	struct mse_error err;
	FILE *fp;
	int rc;

	mse_error_clear(&err);
	*name = strcmp(o->file, "-") == 0 ? "<stdin>" : o->file;
	fp = strcmp(o->file, "-") == 0 ? stdin : fopen(o->file, "rb");
	if (fp == NULL) {
		cli_warn("%s: %s", o->file, strerror(errno));
		return NULL;
	}
	memset(&spec, 0, sizeof(spec));
	spec.delimiter = o->delimiter;
	spec.vars = (const char *const *)(o->ncov ? o->covariates : o->by);
	spec.nvars = o->ncov ? o->ncov : o->nby;
	if (o->lists != NULL)
		spec.lists = (const char *const *)cli_split(o->lists, "--lists",
		    &spec.nlists);
	rc = mse_strata_read(fp, *name, &spec, &s, &err);
	cli_split_free((char **)spec.lists);
	if (fp != stdin)
		fclose(fp);
	if (rc != MSE_OK)
		cli_error(&err, *name);
	return s;
}

/* Message of a failure in an option's value: "--model: ...". */
static void
option_error(const char *option, const struct mse_error *err)
{
	cli_warn("%s: %s", option, err->message);
}

/* The structural zeros among the patterns of stratum i, on the lists
 * idx[0..n-1] that the stratum's table keeps. */
static uint32_t *
absent_patterns(const struct mse_absent *a, const struct mse_strata *s,
    size_t i, const size_t *idx, size_t n, size_t *count)
{
	uint32_t v, w, cells = ((uint32_t)1 << n) - 1, *out;
	size_t j;

	*count = 0;
	out = calloc((size_t)cells + 1, sizeof(*out));
	if (out == NULL || a == NULL)
		return out;
	for (v = 1; v <= cells; v++) {
		for (w = 0, j = 0; j < n; j++)
			w |= (uint32_t)(v >> j & 1) << idx[j];
		if (mse_absent_cell(a, s, i, w))
			out[(*count)++] = v;
	}
	return out;
}

/* The full model's terms that the kept lists carry, as a formula. */
static int
reduced_model(const struct mse_model *full, const struct mse_table *t,
    const size_t *idx, size_t n, char *buf, size_t size)
{
	struct mse_model *m = mse_model_new(n, NULL);
	uint32_t kept = 0, term, v;
	size_t i, j;
	int rc = MSE_ENOMEM;

	for (j = 0; j < n; j++)
		kept |= (uint32_t)1 << idx[j];
	for (i = 0; m != NULL && i < mse_model_terms(full); i++) {
		term = mse_model_term(full, i);
		if ((term & kept) != term)
			continue;
		for (v = 0, j = 0; j < n; j++)
			v |= (uint32_t)(term >> idx[j] & 1) << j;
		if (mse_model_add(m, v, NULL) != MSE_OK)
			goto done;
	}
	if (m != NULL)
		rc = mse_model_format(m, t, buf, size);
done:
	mse_model_free(m);
	return rc;
}

/* Keep the lists that recorded someone in the stratum, and say which were
 * left out. */
static size_t
kept_lists(const struct mse_table *t, size_t *idx, char *note, size_t size)
{
	size_t j, n = 0, len = 0, out = 0;

	note[0] = '\0';
	for (j = 0; j < mse_table_lists(t); j++) {
		if (mse_table_list_total(t, j) > 0) {
			idx[n++] = j;
			continue;
		}
		out++;
		if (len < size)
			len += (size_t)snprintf(note + len, size - len, "%s%s",
			    len ? ", " : "", mse_table_name(t, j));
	}
	if (out > 0 && len < size)
		snprintf(note + len, size - len, " left out: recorded nobody");
	return n;
}

static void
fail_row(struct srow *row, const char *name, const struct mse_strata *s,
    size_t i, const char *msg)
{
	char where[512];

	mse_strata_format(s, i, where, sizeof(where));
	row->failed = 1;
	snprintf(row->r.status, sizeof(row->r.status), "%s", msg);
	cli_warn("%s: stratum %s: %s", name, where, msg);
}

/* One stratum with the chosen method, on the lists that saw anyone. */
static void
fit_stratum(const struct opts *o, const struct mse_strata *s, size_t i,
    const struct mse_absent *a, const struct mse_model *full,
    const char *name, struct srow *row)
{
	const struct mse_table *t = mse_strata_table(s, i);
	struct mse_table *c = NULL;
	struct mse_error err;
	struct opts o2 = *o;
	size_t idx[MSE_MAX_LISTS], n;
	uint32_t *cells = NULL;
	char model[1024];
	int rc = MSE_OK;

	mse_error_clear(&err);
	row->r.method = method_label(o->method);
	row->r.observed = mse_table_observed(t);
	n = kept_lists(t, idx, row->note, sizeof(row->note));
	if (n < 2) {
		fail_row(row, name, s, i, "no estimate: fewer than 2 lists "
		    "recorded anyone");
		return;
	}
	if (n < mse_table_lists(t))
		rc = mse_table_collapse(t, idx, n, &c, &err);
	if (rc == MSE_OK && o->method == LOGLINEAR) {
		cells = absent_patterns(a, s, i, idx, n, &o2.nabsent_cells);
		o2.absent_cells = cells;
		rc = cells == NULL ? MSE_ENOMEM : reduced_model(full,
		    c != NULL ? c : t, idx, n, model, sizeof(model));
		o2.model = model;
	}
	if (rc == MSE_OK)
		rc = o->method == LOGLINEAR ? run_loglinear(&o2, c != NULL ?
		    c : t, &row->r, &err) : run_closed(&o2, c != NULL ? c : t,
		    &row->r, &err);
	if (rc != MSE_OK)
		fail_row(row, name, s, i, err.message[0] ? err.message :
		    "out of memory");
	free(cells);
	mse_table_free(c);
}

/* The total: the sum of the strata's estimates, var = sum of var. */
static void
total_row(const struct opts *o, const struct srow *rows, size_t n,
    struct srow *tot)
{
	double *est = calloc(n + 1, sizeof(double));
	double *se = calloc(n + 1, sizeof(double));
	struct mse_error err;
	size_t i, nfail = 0;

	mse_error_clear(&err);
	tot->r.method = rows[0].r.method;
	for (i = 0; i < n; i++) {
		tot->r.observed += rows[i].r.observed;
		nfail += rows[i].failed;
		if (est != NULL && se != NULL) {
			est[i] = rows[i].r.estimate;
			se[i] = rows[i].r.se;
		}
	}
	tot->failed = 1;
	if (est == NULL || se == NULL)
		snprintf(tot->r.status, sizeof(tot->r.status), "out of memory");
	else if (nfail > 0)
		snprintf(tot->r.status, sizeof(tot->r.status), "no estimate: "
		    "%zu of %zu strata have none", nfail, n);
	else if (mse_estimate_sum(n, est, se, &tot->r.estimate, &tot->r.se,
	    &err) != MSE_OK)
		snprintf(tot->r.status, sizeof(tot->r.status), "%s",
		    err.message);
	else {
		tot->failed = 0;
		snprintf(tot->r.status, sizeof(tot->r.status), "ok");
		if (mse_interval(tot->r.observed, tot->r.estimate, tot->r.se,
		    o->ci, o->level, &tot->r.lower, &tot->r.upper, &err) !=
		    MSE_OK) {
			tot->r.lower = tot->r.upper = NAN;
			snprintf(tot->note, sizeof(tot->note),
			    "no interval: %s", o->ci == MSE_CI_CONDITIONAL ?
			    "the conditional interval is not defined for a "
			    "total" : err.message);
		}
	}
	free(est);
	free(se);
}

/* Stratum columns, the usual ones, then note; the total row last. */
static int
emit_strata(const struct opts *o, const struct mse_strata *s,
    const struct srow *rows, size_t nrows)
{
	struct outbuf out = { NULL, 0, 0, 0 };
	size_t nv = mse_strata_vars(s), nc = nv + NCOLS + 1, i, j;
	const char **cols = calloc(nc, sizeof(*cols));
	struct cell *c = calloc(nc * nrows, sizeof(*c)), *x, tmp[NCOLS_ALL];

	if (cols == NULL || c == NULL) {
		free(cols);
		free(c);
		cli_warn("out of memory");
		return EXIT_FAIL;
	}
	for (j = 0; j < nv; j++)
		cols[j] = mse_strata_var(s, j);
	for (j = 0; j < NCOLS; j++)
		cols[nv + j] = columns[j];
	cols[nv + NCOLS] = note_column;
	for (i = 0; i < nrows; i++) {
		x = &c[i * nc];
		for (j = 0; j < nv; j++)
			x[j] = (struct cell){ CELL_STR, i + 1 < nrows ?
			    mse_strata_value(s, i, j) : "total", 0, 0 };
		result_cells(o, &rows[i].r, tmp);
		memcpy(x + nv, tmp, NCOLS * sizeof(*tmp));
		/* A row with no estimate keeps its method, model, observed,
		 * level and status; a missing interval is left empty. */
		for (j = 0; j < NCOLS; j++)
			if ((rows[i].failed && x[nv + j].type != CELL_STR &&
			    strcmp(columns[j], "observed") != 0 &&
			    strcmp(columns[j], "level") != 0) ||
			    (x[nv + j].type == CELL_NUM && isnan(x[nv + j].v)))
				x[nv + j].type = CELL_NA;
		x[nv + NCOLS] = (struct cell){ CELL_STR, rows[i].note, 0, 0 };
	}
	out_table(&out, o->format, o->digits, cols, nc, c, nrows);
	free(cols);
	free(c);
	return out_finish(&out, o->output) == 0 ? EXIT_OK : EXIT_FAIL;
}

static int
run_by(const struct opts *o, const struct mse_strata *s,
    const struct mse_absent *a, const char *name)
{
	size_t i, n = mse_strata_count(s);
	struct srow *rows = calloc(n + 1, sizeof(*rows));
	struct mse_model *full = NULL;
	struct mse_error err;
	int rc = EXIT_FAIL;

	mse_error_clear(&err);
	if (rows == NULL) {
		cli_warn("out of memory");
		return EXIT_FAIL;
	}
	if (o->method == LOGLINEAR && mse_model_parse(mse_strata_table(s, 0),
	    o->model != NULL ? o->model : "main", &full, &err) != MSE_OK) {
		option_error("--model", &err);
		goto done;
	}
	for (i = 0; i < n; i++)
		fit_stratum(o, s, i, a, full, name, &rows[i]);
	total_row(o, rows, n, &rows[n]);
	rc = emit_strata(o, s, rows, n + 1);
done:
	mse_model_free(full);
	free(rows);
	return rc;
}

/* One row per stratum of the covariate model; the model's fit on the
 * total row. */
static void
covariate_rows(const struct opts *o, const struct mse_sfit *f, size_t n,
    struct srow *rows)
{
	struct mse_error err;
	size_t i, j, len;
	char *st;

	for (i = 0; i <= n; i++) {
		struct result *r = &rows[i].r;

		r->method = "loglinear";
		snprintf(r->model, sizeof(r->model), "%s", mse_sfit_model(f));
		r->observed = mse_sfit_observed(f, i);
		r->estimate = mse_sfit_estimate(f, i);
		r->se = mse_sfit_se(f, i);
		if (mse_interval(r->observed, r->estimate, r->se, o->ci,
		    o->level, &r->lower, &r->upper, &err) != MSE_OK)
			r->lower = r->upper = NAN;
		st = r->status;
		len = (size_t)snprintf(st, sizeof(r->status), "%s",
		    mse_sfit_boundary_terms(f) ? "boundary: " : "ok");
		for (j = 0; j < mse_sfit_boundary_terms(f) &&
		    len < sizeof(r->status); j++)
			len += (size_t)snprintf(st + len, sizeof(r->status) -
			    len, "%s%s=-inf", j ? ", " : "",
			    mse_sfit_boundary_term(f, j));
	}
	rows[n].r.has_fit = 1;
	rows[n].r.df = mse_sfit_df(f);
	rows[n].r.deviance = mse_sfit_deviance(f);
	rows[n].r.aic = mse_sfit_aic(f);
	rows[n].r.bic = mse_sfit_bic(f);
	if (mse_sfit_absent_cells(f) > 0)
		snprintf(rows[n].note, sizeof(rows[n].note), "%zu absent "
		    "cells left out of the likelihood",
		    mse_sfit_absent_cells(f));
}

static int
run_covariates(const struct opts *o, struct mse_strata *s,
    const struct mse_absent *a, const char *name)
{
	struct mse_sfit *f = NULL;
	struct mse_error err;
	struct srow *rows;
	size_t n;
	int rc;

	mse_error_clear(&err);
	if (mse_strata_complete(s, &err) != MSE_OK) {
		cli_error(&err, name);
		return EXIT_FAIL;
	}
	rc = mse_fit_covariates(s, o->model, a, NULL, &f, &err);
	if (rc == MSE_EPARSE)
		option_error("--model", &err);
	else if (rc != MSE_OK)
		cli_error(&err, name);
	if (rc != MSE_OK)
		return EXIT_FAIL;
	n = mse_strata_count(s);
	rows = calloc(n + 1, sizeof(*rows));
	if (rows == NULL) {
		mse_sfit_free(f);
		cli_warn("out of memory");
		return EXIT_FAIL;
	}
	covariate_rows(o, f, n, rows);
	rc = emit_strata(o, s, rows, n + 1);
	free(rows);
	mse_sfit_free(f);
	return rc;
}

/* --absent alone: one table, printed as mse-fit prints it. */
static int
run_absent(const struct opts *o, const struct mse_strata *s,
    const struct mse_absent *a, const char *name)
{
	const struct mse_table *t = mse_strata_table(s, 0);
	struct outbuf out = { NULL, 0, 0, 0 };
	size_t idx[MSE_MAX_LISTS], j, k = mse_table_lists(t);
	struct mse_error err;
	struct opts o2 = *o;
	struct result r;
	uint32_t *cells;
	int rc;

	for (j = 0; j < k; j++)
		idx[j] = j;
	cells = absent_patterns(a, s, 0, idx, k, &o2.nabsent_cells);
	if (cells == NULL) {
		cli_warn("out of memory");
		return EXIT_FAIL;
	}
	o2.absent_cells = cells;
	memset(&r, 0, sizeof(r));
	mse_error_clear(&err);
	r.method = method_label(o->method);
	rc = run_loglinear(&o2, t, &r, &err);
	free(cells);
	if (rc != MSE_OK) {
		cli_error(&err, strncmp(err.message, "--", 2) == 0 ? NULL :
		    name);
		return EXIT_FAIL;
	}
	if (emit(o, &r, 1, &out) != 0)
		return EXIT_FAIL;
	return out_finish(&out, o->output) == 0 ? EXIT_OK : EXIT_FAIL;
}

static int
run_strata(const struct opts *o)
{
	struct mse_absent *a = NULL;
	struct mse_strata *s;
	struct mse_error err;
	const char *name;
	int rc = EXIT_FAIL;

	mse_error_clear(&err);
	s = read_strata(o, &name);
	if (s == NULL)
		return EXIT_FAIL;
	if ((o->method == MSE_PETERSEN || o->method == MSE_CHAPMAN) &&
	    mse_strata_lists(s) != 2)
		cli_usage_error("%s needs two lists; the table has %zu: choose "
		    "two with --lists A,B", o->method_name,
		    mse_strata_lists(s));
	if (o->absent != NULL && mse_absent_parse(s, o->absent, &a, &err) !=
	    MSE_OK)
		option_error("--absent", &err);
	else if (mse_absent_check(a, s, &err) != MSE_OK)
		cli_error(&err, name);
	else if (o->ncov > 0)
		rc = run_covariates(o, s, a, name);
	else if (o->nby > 0)
		rc = run_by(o, s, a, name);
	else
		rc = run_absent(o, s, a, name);
	mse_absent_free(a);
	mse_strata_free(s);
	return rc;
}

static int
run(const struct opts *o)
{
	struct outbuf out = { NULL, 0, 0, 0 };
	struct result rows[MSE_CLOSEDP_MODELS];
	struct mse_freq *fr = NULL;
	struct mse_table *t;
	struct mse_error err;
	const char *name;
	size_t nrows = 1;
	int rc;

	if (o->nby > 0 || o->ncov > 0 || o->absent != NULL)
		return run_strata(o);
	t = cli_read_data(o->file, o->delimiter, o->lists, &name, &fr);
	if (t == NULL && fr == NULL)
		return EXIT_FAIL;
	if (o->method == METHOD_LCM || o->method == METHOD_DGA) {
		if (t == NULL)
			cli_usage_error("-m %s needs a capture-history table, not "
			    "frequency data", o->method_name);
		mse_freq_free(fr);
		rc = bayes_run(&o->bayes, o->method, t, name, o->level,
		    o->format, o->digits, o->output);
		mse_table_free(t);
		return rc;
	}
	check_frequency(o, fr);
	if (t != NULL)
		check_table(o, t);
	memset(rows, 0, sizeof(rows));
	mse_error_clear(&err);
	rows[0].method = method_label(o->method);
	rows[0].profile_estimate = NAN;
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
	if (rows[0].has_boot && o->replicates_out != NULL &&
	    write_replicates(&rows[0].boot, o->replicates_out) != 0)
		rc = EXIT_FAIL;
	else if (emit(o, rows, nrows, &out) != 0)
		rc = EXIT_FAIL;
	else
		rc = out_finish(&out, o->output) == 0 ? EXIT_OK : EXIT_FAIL;
	mse_bootstrap_result_free(&rows[0].boot);
	return rc;
}

int
main(int argc, char **argv)
{
	struct opts o;
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	int rc;

	memset(&o, 0, sizeof(o));
	o.method = LOGLINEAR;
	o.method_name = "loglinear";
	o.ci = MSE_CI_LOGNORMAL;
	o.level = 0.95;
	o.format = -1;
	mse_select_options_init(&o.sel);
	mse_bootstrap_options_init(&o.boot);
	o.closedp = -1;
	o.boot.threads = cores > 0 ? (int)(cores < 256 ? cores : 256) : 1;
	cli_init(argv[0]);
	bayes_init(&o.bayes);
	parse_args(argc, argv, &o);
	o.boot.level = o.level;
	if (o.ci == CI_BOOTSTRAP)
		cli_bar_init(&o.boot.progress, &o.boot.progress_arg);
	rc = run(&o);
	cli_split_free(o.by);
	cli_split_free(o.covariates);
	return rc;
}
