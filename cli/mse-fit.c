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
#include <strings.h>
#include <unistd.h>

#include <mse.h>

#include "bayes.h"
#include "progress.h"
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
	struct cli_progress bar;	/* the bootstrap's, on a terminal */
	const char *replicates_out;
	int boot_opts, order_opt, threshold_opt;	/* options given */
	int models_opt;
	const char *threshold_arg;	/* --threshold, read once the method
					 * is known */
	int shared_opts;	/* --seed, --threads or --top given */
	int closedp;		/* with CLOSEDP: an MSE_M0 ... model, or -1 for
				 * the whole table (-m closed) */
	double occasions;	/* -t: frequency data's t; 0 if not given */
	long t0;		/* --t0; 0 if not given */
	/* strata, covariates and structural zeros */
	char **by, **covariates;
	size_t nby, ncov;
	const char *trend;	/* --trend VAR[:DEGREE] */
	char **subgroups;	/* --subgroups COLS */
	size_t nsub;
	const char *within;	/* --within COL */
	int resample_given;	/* --resample given */
	const char *absent;
	const uint32_t *absent_cells;	/* of the table being fitted */
	size_t nabsent_cells;
	int ci_given;
	int check_only;		/* --check-options */
	struct bayes_opts bayes;	/* -m lcm and -m dga (bayes.c) */
	unsigned max_seconds;	/* --max-seconds; 0: no limit */
	const char *imputation;	/* -m lcm --imputation COL */
};

#define CI_BOOTSTRAP CLI_CI_BOOTSTRAP

#define LOGLINEAR (-1)
#define CLOSEDP (-4)	/* -2 and -3 are bayes.h's */
#define SELECT_PATH CLI_SELECT_PATH
/* Long-only options. */
/* Long-only options; bayes.h's run from 256 to OPT_BAYES_END. */
enum { OPT_BY = OPT_BAYES_END, OPT_COVARIATES, OPT_ABSENT, OPT_T0,
	OPT_CHECK, OPT_MAX_SECONDS, OPT_TREND, OPT_SUBGROUPS, OPT_WITHIN,
	OPT_IMPUTATION, OPT_MAX_MODELS };

static const char *const columns[] = {
	"method", "model", "observed", "estimate", "se", "lower", "upper",
	"level", "df", "deviance", "aic", "bic", "aicc", "status",
	"selection",
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
	    "  -s, --select=METHOD    choose the model: stepwise, aic, bic, "
	    "aicc or\n                         none (default none: use --model); "
	    "path prints\n                         the search path of "
	    "BIC, then AIC, then\n                         penalty 1 (Cruyff's "
	    "model_search)\n"
	    "      --max-order=N      largest interaction the search may "
	    "add (default 2)\n"
	    "      --max-models=N     search every model while the space "
	    "has at most N\n                         (default 65536), else "
	    "search downhill\n"
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
	    "      --max-seconds=N    stop after N seconds, writing nothing "
	    "(exit 1)\n"
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
	    "      --trend=COL[:D]    a numeric covariate (a year) as an "
	    "orthogonal\n                         polynomial of degree D "
	    "(default 1), not a factor\n"
	    "      --subgroups=COLS   with --covariates: N and its interval "
	    "for every\n                         level of each of COLS and "
	    "every pair of levels,\n                         from one "
	    "parametric bootstrap of the model\n"
	    "      --within=COL       with --subgroups: every row within "
	    "each level of\n                         COL (a year)\n"
	    "      --imputation=COL   -m lcm: COL numbers imputed versions "
	    "of the table;\n                         fit each, pool their "
	    "posterior draws\n"
	    "      --absent=CELLS     structural zeros, e.g. "
	    "'rosa:gender=mann,A:B'\n"
	    "      --check-options    check that the options go together "
	    "(exit 0 or 2)\n                         and read no input\n"
	    "  -h, --help             show this help and exit\n"
	    "  -V, --version          show the version and exit\n\n"
	    "Columns: method, model, observed, estimate, se, lower, upper, "
	    "level, df,\ndeviance, aic, bic, aicc, status, selection; with --ci "
	    "bootstrap also\npercentile_lower, percentile_upper, replicates, "
	    "z0, acceleration; with --ci\nprofile, profile_estimate.  With "
	    "--subgroups: row, the covariates, method,\nmodel, subgroup, "
	    "observed, estimate, lower, upper, level, replicates, status.\n"
	    "Exit status: 0 success, 1 bad input or no estimate, 2 usage "
	    "error.\nSee mse-fit(1) and mse-data(5).\n", progname);
	bayes_usage();
	printf("Their columns: %s.\n", bayes_columns());
}

static int
parse_method(const char *s)
{
	/* Method names are case-insensitive: -m Chapman, -m mt. */
	if (strcasecmp(s, "loglinear") == 0)
		return LOGLINEAR;
	if (strcasecmp(s, "petersen") == 0)
		return MSE_PETERSEN;
	if (strcasecmp(s, "chapman") == 0)
		return MSE_CHAPMAN;
	if (strcasecmp(s, "chao") == 0)
		return MSE_CHAO;
	if (strcasecmp(s, "zelterman") == 0)
		return MSE_ZELTERMAN;
	if (strcasecmp(s, "closed") == 0 || mse_closedp_lookup(s) >= 0)
		return CLOSEDP;
	if (strcasecmp(s, "lcm") == 0)
		return METHOD_LCM;
	if (strcasecmp(s, "dga") == 0)
		return METHOD_DGA;
	if (strcasecmp(s, "bayesthresh") == 0)
		return METHOD_BAYESTHRESH;
	cli_usage_error("--method: '%s' is not one of loglinear, petersen, "
	    "chapman, chao, zelterman, M0, Mt, Mb, Mbh, Mh-chao, Mh-poisson, "
	    "Mh-darroch, Mh-gamma, Mth-chao, Mth-poisson, Mth-darroch, "
	    "Mth-gamma, closed, lcm, dga, bayesthresh", s);
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

/* --threshold: stepwise's p-value, or bayesthresh's |mean| / sd. */
static double
parse_threshold(const char *s, int ratio)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (ratio && (errno != 0 || end == s || *end != '\0' ||
	    !(v >= 0 && isfinite(v))))
		cli_usage_error("--threshold: '%s' is not a number from 0 (the "
		    "|posterior mean| / sd a term needs)", s);
	if (!ratio && (errno != 0 || end == s || *end != '\0' ||
	    !(v >= 0 && v <= 1)))
		cli_usage_error("--threshold: '%s' is not a p-value from 0 to "
		    "1", s);
	return v;
}

/*
 * The one table of which options go together (as bsdtar's mode table):
 * each rule is a combination that is refused, and why, with what to do
 * instead.  mse-fit(1) lists the same rules under OPTION RULES.
 */
struct rule {
	int (*refused)(const struct opts *);
	const char *why;
};

#define RULE(name, cond) \
	static int name(const struct opts *o) { return (cond); }
#define SHAPED(o) ((o)->nby > 0 || (o)->ncov > 0 || (o)->absent != NULL)
#define BAYES(o) ((o)->method == METHOD_LCM || (o)->method == METHOD_DGA || \
	(o)->method == METHOD_BAYESTHRESH)
#define BT(o) ((o)->method == METHOD_BAYESTHRESH)
#define SEARCH(o) ((o)->sel.method == MSE_SELECT_AIC || \
	(o)->sel.method == MSE_SELECT_BIC || (o)->sel.method == MSE_SELECT_AICC)

RULE(r_model, o->model != NULL && o->method != LOGLINEAR)
RULE(r_cond, o->ci == MSE_CI_CONDITIONAL && o->method != LOGLINEAR)
RULE(r_profile, o->ci == MSE_CI_PROFILE && o->method != LOGLINEAR &&
    o->method != CLOSEDP)
RULE(r_closed_cov, o->method == CLOSEDP && (o->ncov > 0 || o->absent))
RULE(r_bias, o->bias_corrected && o->method != MSE_CHAO)
RULE(r_model_select, o->sel.method != MSE_SELECT_NONE && o->model != NULL)
RULE(r_select, o->sel.method != MSE_SELECT_NONE && o->method != LOGLINEAR)
RULE(r_boot, o->ci == CI_BOOTSTRAP && o->method != LOGLINEAR)
RULE(r_top, o->boot.top > 0 && !BAYES(o) && !SEARCH(o))
RULE(r_top_strata, o->boot.top > 0 && !BAYES(o) && (o->nby || o->ncov))
RULE(r_boot_opts, (o->replicates_out != NULL || o->boot_opts) &&
    o->ci != CI_BOOTSTRAP)
RULE(r_shared, o->shared_opts && o->ci != CI_BOOTSTRAP && !BAYES(o))
RULE(r_order, o->order_opt && !SEARCH(o) && !BT(o))
RULE(r_models, o->models_opt && !SEARCH(o))
RULE(r_order_bt, o->order_opt && BT(o) && o->sel.max_order != 2 &&
    o->sel.max_order != 3)
RULE(r_threshold, o->threshold_opt &&
    o->sel.method != MSE_SELECT_STEPWISE && !BT(o))
RULE(r_sub_cov, (o->nsub > 0 && o->ncov == 0) ||
    (o->within != NULL && o->nsub == 0))
RULE(r_sub_ci, o->nsub > 0 && o->ci != CI_BOOTSTRAP)
RULE(r_sub_resample, o->nsub > 0 && o->resample_given)
RULE(r_sub_select, o->nsub > 0 && (o->sel.method == SELECT_PATH ||
    o->sel.method == MSE_SELECT_STEPWISE))
RULE(r_sub_reps, o->nsub > 0 && o->replicates_out != NULL)
RULE(r_param_strata, o->boot.parametric && (o->nby || o->ncov))
RULE(r_reps_strata, o->replicates_out != NULL && (o->nby || o->ncov))
RULE(r_select_cov, o->ncov > 0 && o->sel.method == MSE_SELECT_STEPWISE)
RULE(r_by_cov, o->nby > 0 && o->ncov > 0)
RULE(r_trend, o->trend != NULL && o->ncov == 0)
RULE(r_path_by, o->sel.method == SELECT_PATH && o->nby > 0)
RULE(r_path_ci, o->sel.method == SELECT_PATH && o->ci != MSE_CI_LOGNORMAL &&
    o->ci != MSE_CI_WALD)
RULE(r_cov, o->ncov > 0 && o->method != LOGLINEAR)
RULE(r_cov_cond, o->ncov > 0 && o->ci == MSE_CI_CONDITIONAL)
RULE(r_cov_profile, o->ncov > 0 && o->ci == MSE_CI_PROFILE)
RULE(r_absent, o->absent != NULL && o->method != LOGLINEAR &&
    o->method != CLOSEDP)
/* -m lcm takes --by (one model per stratum), as the HRDAG studies do. */
/* Whether --by names col. */
static int
by_has(const struct opts *o, const char *col)
{
	size_t i;

	for (i = 0; i < o->nby; i++)
		if (strcmp(o->by[i], col) == 0)
			return 1;
	return 0;
}

#define LCM_BY(o) ((o)->method == METHOD_LCM && (o)->nby > 0 && \
	(o)->ncov == 0 && (o)->absent == NULL)
RULE(r_bayes_shape, BAYES(o) && SHAPED(o) && !LCM_BY(o))
RULE(r_lcm_by_draws, LCM_BY(o) && o->bayes.draws != NULL)
RULE(r_bayes_ci, o->ci_given && BAYES(o))
RULE(r_imp, o->imputation != NULL && o->method != METHOD_LCM)
RULE(r_imp_draws, o->imputation != NULL && o->bayes.draws != NULL)
RULE(r_imp_by, o->imputation != NULL && by_has(o, o->imputation))

static const struct rule rules[] = {
	{ r_model, "--model needs --method loglinear" },
	{ r_cond, "--ci conditional needs --method loglinear" },
	{ r_profile, "--ci profile needs a fitted model: --method loglinear "
	    "or one of Rcapture's (M0, Mt, ..., closed)" },
	{ r_closed_cov, "Rcapture's models take no covariates or structural "
	    "zeros: their designs have no such columns; use --by for one fit "
	    "per stratum" },
	{ r_bias, "--bias-corrected needs --method chao" },
	{ r_model_select, "--model and --select exclude each other" },
	{ r_select, "--select needs --method loglinear" },
	{ r_boot, "--ci bootstrap needs --method loglinear" },
	{ r_top, "--top needs --select aic, bic or aicc" },
	{ r_top_strata, "--top chooses among the best models of one table; "
	    "with --by or --covariates, leave it out to re-run the whole "
	    "selection in every replicate" },
	{ r_boot_opts, "-B, --resample and --write-replicates need --ci "
	    "bootstrap" },
	{ r_shared, "--seed, --threads and --top need --ci bootstrap, or -m "
	    "lcm or dga" },
	{ r_models, "--max-models needs --select aic, bic or aicc (the "
	    "searches over a model space)" },
	{ r_order, "--max-order needs --select aic, bic or aicc, or -m "
	    "bayesthresh" },
	{ r_order_bt, "--max-order: -m bayesthresh tries pairs (2) or pairs "
	    "and triples (3), as MultipleSystemsEstimation's maxorder" },
	{ r_threshold, "--threshold needs --select stepwise (a p-value) or "
	    "-m bayesthresh (|posterior mean| / sd)" },
	{ r_sub_cov, "--subgroups needs --covariates (the subgroups are "
	    "sums over the strata of one covariate model), and --within "
	    "needs --subgroups" },
	{ r_sub_ci, "--subgroups takes its intervals from one parametric "
	    "bootstrap of the whole model (percentile intervals); leave out "
	    "--ci, or give --ci bootstrap" },
	{ r_sub_resample, "--subgroups always draws the replicates from the "
	    "fitted model (Cruyff's boot_mse): --resample does not apply" },
	{ r_sub_select, "--subgroups bootstraps one model: give it with "
	    "--model, or choose it with --select aic, bic or aicc" },
	{ r_sub_reps, "--write-replicates writes one table's replicates; "
	    "--subgroups prints every subgroup's interval from its own" },
	{ r_param_strata, "--resample parametric works on one table; with "
	    "--by or --covariates the units are resampled within each "
	    "stratum (--resample units)" },
	{ r_reps_strata, "--write-replicates writes one table's replicates; "
	    "with --by or --covariates, fit one stratum (mse-import -b, "
	    "then mse-fit on its table) to write them" },
	{ r_select_cov, "--select stepwise (SparseMSE's stepwisefit) tests "
	    "the list pairs of one table; with --covariates use --select aic, "
	    "bic or aicc, which search the list and list x covariate terms" },
	{ r_by_cov, "--by and --covariates cannot go together: --by fits each "
	    "stratum on its own, --covariates one model across them" },
	{ r_path_by, "--select path prints one search path: of one table, or "
	    "of one model across strata with --covariates; with --by, run it "
	    "on each stratum's table" },
	{ r_path_ci, "--select path gives each step's estimate with a "
	    "log-normal or Wald interval; for a bootstrap or profile "
	    "interval, fit the step's model with --model" },
	{ r_trend, "--trend needs --covariates: the trend is a covariate of "
	    "one model across the strata (--covariates year --trend year)" },
	{ r_cov, "--covariates needs --method loglinear" },
	{ r_cov_cond, "--ci conditional cannot go with --covariates: the "
	    "intercept of a covariate model is not one stratum's log f0; use "
	    "lognormal, wald or bootstrap" },
	{ r_cov_profile, "--ci profile cannot go with --covariates: the "
	    "profile interval (Rcapture's closedpCI.t) profiles one table's "
	    "N, and a model across strata has one per stratum; use "
	    "lognormal, wald or bootstrap" },
	{ r_absent, "--absent needs --method loglinear" },
	{ r_bayes_shape, "-m dga and bayesthresh take one table (no --by, "
	    "--covariates or --absent), and -m lcm takes --by alone; fit "
	    "each stratum's table on its own" },
	{ r_lcm_by_draws, "--draws writes one table's draws; with --by, fit "
	    "the stratum's table on its own to write them" },
	{ r_bayes_ci, NULL },
	{ r_imp, "--imputation needs -m lcm: it pools the posterior draws "
	    "of the latent-class model fitted to each imputed version of "
	    "the table (Zhou & Reiter 2010)" },
	{ r_imp_draws, "--draws writes one fit's draws; with --imputation, "
	    "fit one imputed version on its own to write its draws" },
	{ r_imp_by, "--imputation names the column of the imputed versions; "
	    "--by names the strata: give that column to only one of them" },
};

/* Apply the rule table; the first refused combination is a usage
 * error. */
static void
check_options(struct opts *o)
{
	size_t i;

	if (o->method == CLOSEDP)
		o->closedp = mse_closedp_lookup(o->method_name);
	if (BAYES(o))
		o->boot.top = 0;	/* dga's --top: the graphs shown */
	/* --subgroups has one interval: the parametric bootstrap's. */
	if (o->nsub > 0 && !o->ci_given)
		o->ci = CI_BOOTSTRAP;
	for (i = 0; i < sizeof(rules) / sizeof(rules[0]); i++) {
		if (!rules[i].refused(o))
			continue;
		if (rules[i].why == NULL)
			cli_usage_error("--ci does not apply to %s: its interval "
			    "is the central posterior interval",
			    o->method_name);
		cli_usage_error("%s", rules[i].why);
	}
	if (o->threshold_opt)
		o->sel.threshold = parse_threshold(o->threshold_arg, BT(o));
	if (BT(o)) {
		o->bayes.bt.threshold = o->threshold_opt ? o->sel.threshold :
		    o->bayes.bt.threshold;
		o->bayes.bt.max_order = o->order_opt ? o->sel.max_order :
		    o->bayes.bt.max_order;
	}
	if (o->bias_corrected)
		o->method = MSE_CHAO_BC;
	if (o->format < 0)
		o->format = cli_default_format(o->output);
	if (!BAYES(o))
		/* --seed, --threads and --top were the bootstrap's. */
		o->bayes.given &= ~((1ul << (OPT_SEED - OPT_CLASSES)) |
		    (1ul << (OPT_THREADS - OPT_CLASSES)) |
		    (1ul << (OPT_TOP - OPT_CLASSES)));
	bayes_check(&o->bayes, o->method);
}

/* --subgroups and --within name covariates of --covariates, once each. */
static void
check_subgroups(const struct opts *o)
{
	size_t i, j, found;

	for (i = 0; i <= o->nsub; i++) {
		const char *want = i < o->nsub ? o->subgroups[i] : o->within;

		if (want == NULL)
			continue;
		for (j = found = 0; j < o->ncov; j++)
			found |= strcmp(o->covariates[j], want) == 0;
		if (!found)
			cli_usage_error("%s: '%s' is not one of --covariates",
			    i < o->nsub ? "--subgroups" : "--within", want);
		for (j = 0; j < i && i < o->nsub; j++)
			if (strcmp(o->subgroups[j], want) == 0)
				cli_usage_error("--subgroups: '%s' is given "
				    "twice", want);
	}
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
		{ "max-models", required_argument, NULL, OPT_MAX_MODELS },
		{ "threshold", required_argument, NULL, 2 },
		{ "replicates", required_argument, NULL, 'B' },
		{ "seed", required_argument, NULL, 3 },
		{ "threads", required_argument, NULL, 4 },
		{ "top", required_argument, NULL, 5 },
		{ "write-replicates", required_argument, NULL, 6 },
		{ "resample", required_argument, NULL, 7 },
		{ "by", required_argument, NULL, OPT_BY },
		{ "covariates", required_argument, NULL, OPT_COVARIATES },
		{ "trend", required_argument, NULL, OPT_TREND },
		{ "subgroups", required_argument, NULL, OPT_SUBGROUPS },
		{ "within", required_argument, NULL, OPT_WITHIN },
		{ "absent", required_argument, NULL, OPT_ABSENT },
		{ "check-options", no_argument, NULL, OPT_CHECK },
		{ "imputation", required_argument, NULL, OPT_IMPUTATION },
		{ "max-seconds", required_argument, NULL, OPT_MAX_SECONDS },
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
		case 's': o->sel.method = cli_parse_select(optarg, 1); break;
		case 1:
			o->order_opt = 1;
			o->sel.max_order = (int)cli_parse_count("max-order", optarg,
			    1, MSE_DENSE_LISTS - 1);
			break;
		case OPT_MAX_MODELS:
			/* 2^25 models hold 0.8 GB of search state. */
			o->models_opt = 1;
			o->sel.max_models = (size_t)cli_parse_count(
			    "max-models", optarg, 1, 33554432);
			break;
		case 2:
			o->threshold_opt = 1;
			o->threshold_arg = optarg;
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
			o->resample_given = 1;
			if (strcmp(optarg, "parametric") == 0)
				o->boot.parametric = 1;
			else if (strcmp(optarg, "units") != 0)
				cli_usage_error("--resample: '%s' is not units "
				    "or parametric", optarg);
			break;
		case OPT_MAX_SECONDS:
			o->max_seconds = (unsigned)cli_parse_count("max-seconds",
			    optarg, 1, 31536000);
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
		case OPT_TREND: o->trend = optarg; break;
		case OPT_SUBGROUPS:
			cli_split_free(o->subgroups);
			o->subgroups = cli_split(optarg, "--subgroups",
			    &o->nsub);
			break;
		case OPT_WITHIN: o->within = optarg; break;
		case OPT_IMPUTATION: o->imputation = optarg; break;
		case OPT_CHECK: o->check_only = 1; break;
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
	check_subgroups(o);
	if (o->output != NULL && o->replicates_out != NULL &&
	    strcmp(o->replicates_out, "-") != 0 &&
	    (strcmp(o->output, o->replicates_out) == 0 ||
	    cli_same_file(o->output, o->replicates_out)))
		cli_usage_error("--output and --write-replicates name the same "
		    "file; give each its own");
	/* --check-options: the rule table said yes; read no input. */
	if (o->check_only)
		exit(EXIT_OK);
}

struct result {
	const char *method;
	char *model;		/* its own, any length (result_free) */
	double observed, estimate, se, lower, upper;
	int has_fit;
	long df;
	double deviance, aic, bic, aicc;
	char status[1024];
	char selection[128];
	int has_boot;
	struct mse_bootstrap_result boot;
	/* --ci profile: the profile's maximum (NAN without), and what the
	 * interval did */
	double profile_estimate;
	char note_ci[160];
};

/* The fit's figures that every row of a fitted model shows. */
static void
result_figures(struct result *r, const struct mse_fit *f)
{
	r->has_fit = 1;
	r->df = mse_fit_df(f);
	r->deviance = mse_fit_deviance(f);
	r->aic = mse_fit_aic(f);
	r->bic = mse_fit_bic(f);
	r->aicc = mse_fit_aicc(f);
}

/* The model column: text of any length, owned by the result. */
static void
set_model(struct result *r, const char *a, const char *b)
{
	size_t n;
	char *m;

	a = a != NULL ? a : "";
	n = strlen(a) + (b != NULL ? strlen(b) + 1 : 0) + 1;
	m = malloc(n);

	if (m == NULL) {
		cli_warn("out of memory");
		exit(EXIT_FAIL);
	}
	snprintf(m, n, "%s%s%s", a, b != NULL ? "," : "", b != NULL ? b : "");
	free(r->model);
	r->model = m;
}

static void
result_free(struct result *r)
{
	free(r->model);
	r->model = NULL;
	mse_bootstrap_result_free(&r->boot);
}

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

/* The selection column of a stratum chosen by --select. */
static void
selection_text(const struct opts *o, const struct mse_select_info *info,
    char *buf, size_t size)
{
	static const char *const name[] = { "none", "stepwise", "aic", "bic",
		"aicc" };
	static const char *const how[] = { "", "stepwise", "exhaustive",
		"downhill" };

	if (o->sel.method == MSE_SELECT_NONE)
		snprintf(buf, size, "none");
	else if (o->sel.method == MSE_SELECT_STEPWISE)
		snprintf(buf, size, "stepwise p < %g, %zu fits",
		    o->sel.threshold, info->evaluated);
	else
		snprintf(buf, size, "%s %s, %zu model%s, order <= %d",
		    name[o->sel.method], how[info->search], info->evaluated,
		    info->evaluated == 1 ? "" : "s", o->sel.max_order);
}

/* The model: parsed from --model, or chosen by --select. */
static int
choose_model(const struct opts *o, const struct mse_table *t,
    struct mse_model **m, struct mse_fit **f, struct result *r,
    struct mse_error *err)
{
	struct mse_select_info info;
	int rc;

	if (o->sel.method != MSE_SELECT_NONE) {
		rc = mse_select(t, &o->sel, m, f, &info, err);
		if (rc == MSE_OK)
			selection_text(o, &info, r->selection,
			    sizeof(r->selection));
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

	cli_progress_end(o->boot.progress_arg);
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
		free(r->model);
		if ((r->model = mse_model_string(m, t)) == NULL) {
			cli_warn("out of memory");
			exit(EXIT_FAIL);
		}
		r->observed = mse_fit_observed(f);
		r->estimate = mse_fit_estimate(f);
		r->se = mse_fit_se(f);
		result_figures(r, f);
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
		set_model(r, mse_table_name(t, 0), mse_table_name(t, 1));
	snprintf(r->status, sizeof(r->status), "ok");
	return MSE_OK;
}

/*
 * A result as it is printed, without the fixed buffers of struct result:
 * what --by and --covariates keep of each stratum (about 200 bytes, and
 * text of its own length), and a view of one result for result_cells.
 * The texts are NULL for "", and owned unless they are text_ok or
 * text_none (row_free).
 */
struct srow {
	const char *method;
	const char *model, *status, *selection, *note;
	double observed, estimate, se, lower, upper;
	double deviance, aic, bic, aicc, profile_estimate;
	double pct_lower, pct_upper, z0, acceleration;	/* the bootstrap's */
	size_t used;
	long df;
	int has_fit, has_boot;
	int failed;		/* only observed, and the reason in status */
};

static const char text_ok[] = "ok", text_none[] = "none";

static const char *
text_of(const char *s)
{
	return s != NULL ? s : "";
}

/* The NCOLS cells of a row, then the bootstrap's or the profile's
 * (c has room for NCOLS_ALL). */
static void
row_cells(const struct opts *o, const struct srow *r, struct cell *c)
{
	size_t i = 0;

	memset(c, 0, NCOLS_ALL * sizeof(*c));
	c[i++] = (struct cell){ CELL_STR, r->method, 0, 0 };
	c[i++] = (struct cell){ CELL_STR, text_of(r->model), 0, 0 };
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
		c[i++] = (struct cell){ CELL_NUM, NULL, r->aicc, 0 };
	} else
		i += 5;
	c[i++] = (struct cell){ CELL_STR, text_of(r->status), 0, 0 };
	c[i++] = (struct cell){ CELL_STR, text_of(r->selection), 0, 0 };
	if (r->has_boot) {
		c[i++] = (struct cell){ CELL_NUM, NULL, r->pct_lower, 0 };
		c[i++] = (struct cell){ CELL_NUM, NULL, r->pct_upper, 0 };
		c[i++] = (struct cell){ CELL_INT, NULL, 0, (long)r->used };
		c[i++] = (struct cell){ CELL_NUM, NULL, r->z0, 0 };
		c[i++] = (struct cell){ CELL_NUM, NULL, r->acceleration, 0 };
	}
	if (o->ci == MSE_CI_PROFILE)
		c[i++] = (struct cell){ CELL_NUM, NULL, r->profile_estimate,
		    0 };
}

/* A result's row: its numbers, and its texts borrowed from r. */
static void
row_view(const struct result *r, struct srow *v)
{
	*v = (struct srow){ r->method, r->model, r->status, r->selection,
		NULL, r->observed, r->estimate, r->se, r->lower, r->upper,
		r->deviance, r->aic, r->bic, r->aicc, r->profile_estimate,
		r->boot.pct_lower, r->boot.pct_upper, r->boot.z0,
		r->boot.acceleration, r->boot.used, r->df, r->has_fit,
		r->has_boot, 0 };
}

/* The NCOLS cells of a result, then the bootstrap's or the profile's
 * (c has room for NCOLS_ALL); they point into r. */
static void
result_cells(const struct opts *o, const struct result *r, struct cell *c)
{
	struct srow v;

	row_view(r, &v);
	row_cells(o, &v, c);
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
	set_model(r, mse_closedp_label(model), NULL);
	r->observed = t != NULL ? mse_table_observed(t) :
	    mse_freq_observed(fr);
	rc = t != NULL ? mse_fit_closedp(t, model, NULL, &f, err) :
	    mse_fit_closedp_freq(fr, model, o->occasions, (size_t)o->t0, NULL,
	    &f, err);
	if (rc != MSE_OK)
		return rc;
	r->estimate = mse_fit_estimate(f);
	r->se = mse_fit_se(f);
	result_figures(r, f);
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

/* The row of --by or --covariates being made, kept as a struct srow
 * (row_keep). */
struct swork {
	struct result r;
	int failed;		/* r holds only observed, and the reason */
	char note[512];
};

static void
out_of_memory(void)
{
	cli_warn("out of memory");
	exit(EXIT_FAIL);
}

/* A text to keep: NULL for "", the shared "ok" and "none", or a copy. */
static const char *
text_keep(const char *s)
{
	char *p;

	if (s[0] == '\0')
		return NULL;
	if (strcmp(s, text_ok) == 0)
		return text_ok;
	if (strcmp(s, text_none) == 0)
		return text_none;
	if ((p = strdup(s)) == NULL)
		out_of_memory();
	return p;
}

static void
text_free(const char *s)
{
	if (s != text_ok && s != text_none)
		free((char *)s);
}

static void
row_free(struct srow *row)
{
	text_free(row->model);
	text_free(row->status);
	text_free(row->selection);
	text_free(row->note);
	memset(row, 0, sizeof(*row));
}

/* What the row w made is kept in row; w is freed. */
static void
row_keep(struct srow *row, struct swork *w)
{
	row_view(&w->r, row);
	row->failed = w->failed;
	row->model = w->r.model;	/* taken from w */
	w->r.model = NULL;
	row->status = text_keep(w->r.status);
	row->selection = text_keep(w->r.selection);
	row->note = text_keep(w->note);
	result_free(&w->r);
}

/* Append "; text" to a kept row's status, as status_add. */
static void
row_status_add(struct srow *row, const char *text)
{
	struct result *r = calloc(1, sizeof(*r));

	if (r == NULL)
		out_of_memory();
	snprintf(r->status, sizeof(r->status), "%s", text_of(row->status));
	status_add(r->status, sizeof(r->status), text);
	text_free(row->status);
	row->status = text_keep(r->status);
	free(r);
}

static const char *const note_column = "note";

static struct mse_strata *
read_strata(const struct opts *o, const char **name)
{
	return cli_read_strata(o->file, o->delimiter,
	    (const char *const *)(o->ncov ? o->covariates : o->by),
	    o->ncov ? o->ncov : o->nby, o->lists, o->ncov > 0, name);
}

/* Message of a failure in an option's value: "--model: ...". */
static void
option_error(const char *option, const struct mse_error *err)
{
	cli_warn("%s: %s", option, err->message);
}

static void
fail_row(struct swork *row, const char *name, const struct mse_strata *s,
    size_t i, const char *msg)
{
	char where[512];

	mse_strata_format(s, i, where, sizeof(where));
	row->failed = 1;
	snprintf(row->r.status, sizeof(row->r.status), "%s", msg);
	cli_warn("%s: stratum %s: %s", name, where, msg);
}

/* A stratum's row from libmse's per-stratum fit (mse_by_fit). */
static void
by_row(const struct opts *o, const struct mse_by *b, size_t i,
    const struct mse_strata *s, const char *name, struct swork *row)
{
	const struct mse_fit *f = mse_by_fit_of(b, i);
	struct result *r = &row->r;
	struct mse_error err;
	const char *why;

	r->observed = mse_by_observed(b, i);
	r->profile_estimate = NAN;
	snprintf(row->note, sizeof(row->note), "%s", mse_by_note(b, i));
	if (mse_by_status(b, i, &why) != MSE_OK) {
		fail_row(row, name, s, i, why);
		return;
	}
	if (o->method != CLOSEDP)
		set_model(r, mse_by_model(b, i), NULL);
	r->estimate = mse_by_estimate(b, i);
	r->se = mse_by_se(b, i);
	snprintf(r->status, sizeof(r->status), "ok");
	mse_error_clear(&err);
	if (f == NULL) {
		const struct mse_table *t = mse_by_table(b, i);

		/* Petersen and Chapman name their two lists. */
		if (o->method == MSE_PETERSEN || o->method == MSE_CHAPMAN)
			set_model(r, mse_table_name(t, 0),
			    mse_table_name(t, 1));
		if (mse_interval(r->observed, r->estimate, r->se, o->ci,
		    o->level, &r->lower, &r->upper, &err) != MSE_OK) {
			/* The estimate stands; its interval is undefined. */
			r->lower = r->upper = NAN;
			snprintf(r->status, sizeof(r->status), "%s",
			    err.message);
		}
		return;
	}
	result_figures(r, f);
	if (o->method == CLOSEDP)
		snprintf(r->status, sizeof(r->status), "%s", mse_fit_note(f)[0] ?
		    mse_fit_note(f) : "ok");
	else
		cli_fit_status(mse_by_table(b, i), f, r->status,
		    sizeof(r->status));
	if (o->method == LOGLINEAR)
		selection_text(o, mse_by_select_info(b, i), r->selection,
		    sizeof(r->selection));
	if (o->ci == CI_BOOTSTRAP)
		return;
	if (fit_interval(o, f, r, &err) != MSE_OK) {
		r->lower = r->upper = NAN;
		status_add(r->status, sizeof(r->status), err.message);
	} else
		status_add(r->status, sizeof(r->status), r->note_ci);
}

/* The total row: the sum of the strata, var = sum of var. */
static void
total_row(const struct opts *o, const struct mse_by *b, struct swork *tot)
{
	size_t S = mse_by_count(b);
	struct mse_error err;
	const char *why;

	mse_error_clear(&err);
	tot->r.observed = mse_by_observed(b, S);
	tot->r.profile_estimate = NAN;
	tot->failed = 1;
	if (mse_by_status(b, S, &why) != MSE_OK) {
		snprintf(tot->r.status, sizeof(tot->r.status), "%s", why);
		return;
	}
	tot->failed = 0;
	tot->r.estimate = mse_by_estimate(b, S);
	tot->r.se = mse_by_se(b, S);
	snprintf(tot->r.status, sizeof(tot->r.status), "ok");
	if (o->ci == CI_BOOTSTRAP)
		return;
	if (mse_interval(tot->r.observed, tot->r.estimate, tot->r.se, o->ci,
	    o->level, &tot->r.lower, &tot->r.upper, &err) != MSE_OK) {
		tot->r.lower = tot->r.upper = NAN;
		/* The estimate stands, without an interval: never "ok". */
		snprintf(tot->r.status, sizeof(tot->r.status), "no interval: %s",
		    o->ci == MSE_CI_CONDITIONAL ? "the conditional interval "
		    "is not defined for a total" : o->ci == MSE_CI_PROFILE ?
		    "the profile interval is defined for one fit, not for a "
		    "total of separate fits (use --ci bootstrap)" :
		    err.message);
	}
}

/* --ci bootstrap's interval of row i (a stratum, or the total). */
static void
boot_row(const struct mse_bootstrap_result *br, struct srow *row)
{
	row->pct_lower = br->pct_lower;
	row->pct_upper = br->pct_upper;
	row->used = br->used;
	row->z0 = br->z0;
	row->acceleration = br->acceleration;
	row->has_boot = 1;
	if (row->failed)
		return;
	row->lower = br->lower;
	row->upper = br->upper;
	if (br->bca != MSE_OK)
		row_status_add(row, br->bca_reason);
}

/* The strata's bootstrap: every row's interval, or the reason. */
static int
strata_bootstrap(const struct opts *o, const struct mse_strata *s,
    const struct mse_absent *a, const struct mse_by_options *bo,
    struct srow *rows, const char *name)
{
	size_t i, n = mse_strata_count(s);
	struct mse_bootstrap_result *br = calloc(n + 1, sizeof(*br));
	struct mse_error err;
	int rc;

	mse_error_clear(&err);
	if (br == NULL) {
		cli_warn("out of memory");
		return EXIT_FAIL;
	}
	rc = bo != NULL ? mse_by_bootstrap(s, bo, &o->boot, br, &err) :
	    mse_covariates_bootstrap(s, o->model, o->sel.method !=
	    MSE_SELECT_NONE ? &o->sel : NULL, a, NULL, &o->boot, br, &err);
	cli_progress_end(o->boot.progress_arg);
	if (rc != MSE_OK)
		cli_error(&err, name);
	for (i = 0; rc == MSE_OK && i <= n; i++) {
		boot_row(&br[i], &rows[i]);
		mse_bootstrap_result_free(&br[i]);
	}
	free(br);
	return rc == MSE_OK ? EXIT_OK : EXIT_FAIL;
}

/* The columns of a strata table: row, the stratum columns, the usual
 * ones (and the bootstrap's or the profile's), then note. */
static size_t
strata_columns(const struct opts *o, const struct mse_strata *s,
    const char **cols)
{
	size_t nv = mse_strata_vars(s), n = 0, j;

	cols[n++] = "row";
	for (j = 0; j < nv; j++)
		cols[n++] = mse_strata_var(s, j);
	for (j = 0; j < NCOLS; j++)
		cols[n++] = columns[j];
	if (o->ci == CI_BOOTSTRAP)
		for (j = NCOLS; j < NCOLS_BOOT; j++)
			cols[n++] = columns[j];
	if (o->ci == MSE_CI_PROFILE)
		cols[n++] = columns[NCOLS_BOOT];
	cols[n++] = note_column;
	return n;
}

/* One row's cells.  A row with no estimate keeps its method, model,
 * observed, level and status; a missing number is left empty.  The total
 * row has row = total and empty stratum columns (mse-data(5)). */
static void
strata_cells(const struct opts *o, const struct mse_strata *s, size_t i,
    const struct srow *row, int total, size_t nc, struct cell *x)
{
	size_t nv = mse_strata_vars(s), j;
	struct cell tmp[NCOLS_ALL];

	x[0] = (struct cell){ CELL_STR, total ? "total" : "stratum", 0, 0 };
	for (j = 0; j < nv; j++)
		x[1 + j] = (struct cell){ CELL_STR, total ? "" :
		    mse_strata_value(s, i, j), 0, 0 };
	row_cells(o, row, tmp);
	if (o->ci == CI_BOOTSTRAP && !row->has_boot)
		for (j = NCOLS; j < NCOLS_BOOT; j++)
			tmp[j] = (struct cell){ CELL_NA, NULL, 0, 0 };
	memcpy(x + 1 + nv, tmp, (nc - 2 - nv) * sizeof(*tmp));
	for (j = 1 + nv; j + 1 < nc; j++) {
		const char *col = j - 1 - nv < NCOLS ? columns[j - 1 - nv] : "";

		if ((row->failed && x[j].type != CELL_STR &&
		    strcmp(col, "observed") != 0 && strcmp(col, "level") != 0) ||
		    (x[j].type == CELL_NUM && isnan(x[j].v)))
			x[j].type = CELL_NA;
	}
	x[nc - 1] = (struct cell){ CELL_STR, text_of(row->note), 0, 0 };
}

/* The rows being printed: per rows a block, the strata, then their
 * total. */
struct strata_emit {
	const struct opts *o;
	const struct mse_strata *s;
	const struct srow *rows;
	size_t per, nc;
};

/* Row i's cells, made as the table is printed (out_table_rows): 10^5
 * strata need not be held as cells too. */
static void
strata_fill(void *arg, size_t i, struct cell *c)
{
	const struct strata_emit *e = arg;

	strata_cells(e->o, e->s, i % e->per, &e->rows[i],
	    i % e->per + 1 == e->per, e->nc, c);
}

static int
emit_strata(const struct opts *o, const struct mse_strata *s,
    const struct srow *rows, size_t nrows, size_t per)
{
	struct outbuf out = { NULL, 0, 0, 0 };
	struct strata_emit e = { o, s, rows, per, 0 };
	const char **cols = calloc(mse_strata_vars(s) + NCOLS_ALL + 2,
	    sizeof(*cols));

	if (cols == NULL) {
		cli_warn("out of memory");
		return EXIT_FAIL;
	}
	e.nc = strata_columns(o, s, cols);
	out_table_rows(&out, o->format, o->digits, cols, e.nc, strata_fill,
	    &e, nrows);
	free(cols);
	return out_finish(&out, o->output) == 0 ? EXIT_OK : EXIT_FAIL;
}

/* A block's rows as mse_by_fit makes them (its each): a stratum's row is
 * kept as soon as it is fitted, and libmse frees the fit. */
struct by_emit {
	const struct opts *o;
	const struct mse_strata *s;
	const char *name;
	int closedp;
	struct srow *rows;
	size_t fitted;
	struct swork *w;	/* the row being made */
};

/* Row i's method and, for Rcapture's models, its model. */
static void
by_start(const struct by_emit *e, struct swork *w)
{
	memset(w, 0, sizeof(*w));
	w->r.method = e->o->method == CLOSEDP ?
	    mse_closedp_name(e->closedp) : method_label(e->o->method);
	if (e->o->method == CLOSEDP)
		set_model(&w->r, mse_closedp_label(e->closedp), NULL);
}

static void
by_each(void *arg, const struct mse_by *b, size_t i)
{
	struct by_emit *e = arg;

	by_start(e, e->w);
	by_row(e->o, b, i, e->s, e->name, e->w);
	e->fitted += !e->w->failed;
	row_keep(&e->rows[i], e->w);
}

/* --by with one method (or one of Rcapture's models): the strata's rows
 * and their total into rows[0..n]. */
static int
by_block(const struct opts *o, const struct mse_strata *s,
    const struct mse_absent *a, int closedp, const char *name,
    struct srow *rows, size_t *fitted)
{
	size_t n = mse_strata_count(s);
	struct by_emit e = { o, s, name, closedp, rows, 0, NULL };
	struct mse_by_options bo;
	struct mse_by *b = NULL;
	struct mse_error err;
	int rc;

	mse_error_clear(&err);
	if ((e.w = calloc(1, sizeof(*e.w))) == NULL) {
		cli_warn("out of memory");
		return EXIT_FAIL;
	}
	mse_by_options_init(&bo);
	bo.method = o->method == LOGLINEAR ? MSE_BY_LOGLINEAR :
	    o->method == CLOSEDP ? MSE_BY_CLOSEDP : o->method;
	bo.closedp = closedp;
	bo.model = o->model;
	bo.sel = &o->sel;
	bo.absent = a;
	bo.each = by_each;
	bo.each_arg = &e;
	rc = mse_by_fit(s, &bo, &b, &err);
	if (rc != MSE_OK) {
		free(e.w);
		if (rc == MSE_EPARSE)
			option_error("--model", &err);
		else
			cli_error(&err, name);
		return EXIT_FAIL;
	}
	*fitted += e.fitted;
	by_start(&e, e.w);
	total_row(o, b, e.w);
	row_keep(&rows[n], e.w);
	free(e.w);
	mse_by_free(b);
	bo.each = NULL;
	if (o->ci == CI_BOOTSTRAP && *fitted > 0)
		return strata_bootstrap(o, s, a, &bo, rows, name);
	return EXIT_OK;
}

static int
run_by(const struct opts *o, const struct mse_strata *s,
    const struct mse_absent *a, const char *name)
{
	size_t n = mse_strata_count(s), nblock = 0, fitted = 0, m;
	struct srow *rows = calloc((n + 1) * MSE_CLOSEDP_MODELS, sizeof(*rows));
	int rc = EXIT_OK;

	if (rows == NULL) {
		cli_warn("out of memory");
		return EXIT_FAIL;
	}
	/* -m closed: a block of strata and total for every model that
	 * applies to the lists, as Rcapture's closedp gives one row each. */
	for (m = 0; rc == EXIT_OK && m < MSE_CLOSEDP_MODELS; m++) {
		if (o->method == CLOSEDP && o->closedp >= 0 &&
		    (int)m != o->closedp)
			continue;
		if (o->method == CLOSEDP && !mse_closedp_applies((int)m,
		    mse_strata_lists(s), 0))
			continue;
		rc = by_block(o, s, a, (int)m, name, rows + nblock * (n + 1),
		    &fitted);
		nblock++;
		if (o->method != CLOSEDP)
			break;
	}
	if (rc == EXIT_OK && fitted == 0) {
		cli_warn("%s: no stratum has an estimate", name);
		rc = EXIT_FAIL;
	}
	if (rc == EXIT_OK)
		rc = emit_strata(o, s, rows, nblock * (n + 1), n + 1);
	/* Only the blocks used: the rest were never touched (calloc), and
	 * touching them would fault in every page of a large table. */
	for (m = 0; m < nblock * (n + 1); m++)
		row_free(&rows[m]);
	free(rows);
	return rc;
}

/* One row per stratum of the covariate model; the model's fit on the
 * total row. */
static void
covariate_rows(const struct opts *o, const struct mse_fit *f,
    const struct mse_select_info *info, size_t n, struct srow *rows)
{
	struct swork *w = calloc(1, sizeof(*w));
	struct mse_error err;
	size_t i;

	if (w == NULL)
		out_of_memory();
	for (i = 0; i <= n; i++) {
		struct result *r = &w->r;

		memset(w, 0, sizeof(*w));
		r->method = "loglinear";
		r->profile_estimate = NAN;
		set_model(r, mse_fit_model(f), NULL);
		selection_text(o, info, r->selection, sizeof(r->selection));
		r->observed = mse_fit_stratum_observed(f, i);
		r->estimate = mse_fit_stratum_estimate(f, i);
		r->se = mse_fit_stratum_se(f, i);
		cli_fit_status(NULL, f, r->status, sizeof(r->status));
		mse_error_clear(&err);
		if (o->ci != CI_BOOTSTRAP && mse_interval(r->observed,
		    r->estimate, r->se, o->ci, o->level, &r->lower, &r->upper,
		    &err) != MSE_OK) {
			/* Never an empty interval called ok. */
			r->lower = r->upper = NAN;
			status_add(r->status, sizeof(r->status), err.message);
		}
		if (i < n) {
			row_keep(&rows[i], w);
			continue;
		}
		result_figures(r, f);
		if (mse_fit_absent_cells(f) > 0)
			snprintf(w->note, sizeof(w->note), "%zu absent cells "
			    "left out of the likelihood",
			    mse_fit_absent_cells(f));
		cli_missing_note(f, w->note, sizeof(w->note));
		row_keep(&rows[n], w);
	}
	free(w);
}

static int
run_covariates(const struct opts *o, struct mse_strata *s,
    const struct mse_absent *a, const char *name)
{
	struct mse_select_info info;
	struct mse_model *m = NULL;
	struct mse_fit *f = NULL;
	struct mse_error err;
	struct srow *rows;
	size_t n, i;
	int rc;

	mse_error_clear(&err);
	if (mse_strata_complete(s, &err) != MSE_OK) {
		cli_error(&err, name);
		return EXIT_FAIL;
	}
	memset(&info, 0, sizeof(info));
	if (o->sel.method != MSE_SELECT_NONE) {
		rc = mse_select_covariates(s, a, &o->sel, &m, &f, &info, &err);
		mse_model_free(m);
	} else {
		rc = mse_fit_covariates(s, o->model, a, NULL, &f, &err);
	}
	if (rc == MSE_EPARSE)
		option_error("--model", &err);
	else if (rc != MSE_OK)
		cli_error(&err, name);
	if (rc != MSE_OK)
		return EXIT_FAIL;
	n = mse_strata_count(s);
	rows = calloc(n + 1, sizeof(*rows));
	if (rows == NULL) {
		mse_fit_free(f);
		cli_warn("out of memory");
		return EXIT_FAIL;
	}
	covariate_rows(o, f, &info, n, rows);
	rc = o->ci == CI_BOOTSTRAP ? strata_bootstrap(o, s, a, NULL, rows,
	    name) : EXIT_OK;
	if (rc == EXIT_OK)
		rc = emit_strata(o, s, rows, n + 1, n + 1);
	for (i = 0; i <= n; i++)
		row_free(&rows[i]);
	free(rows);
	mse_fit_free(f);
	return rc;
}

/* --absent alone: one table, printed as mse-fit prints it. */
static int
run_absent(const struct opts *o, const struct mse_strata *s,
    const struct mse_absent *a, const char *name)
{
	const struct mse_table *t = mse_strata_table(s, 0);
	struct outbuf out = { NULL, 0, 0, 0 };
	uint32_t v, cells = mse_table_cells(t), *absent;
	struct mse_error err;
	struct opts o2 = *o;
	struct result r;
	int rc;

	absent = calloc((size_t)cells + 1, sizeof(*absent));
	if (absent == NULL) {
		cli_warn("out of memory");
		return EXIT_FAIL;
	}
	for (v = 1; v <= cells; v++)
		if (mse_absent_cell(a, s, 0, v))
			absent[o2.nabsent_cells++] = v;
	o2.absent_cells = absent;
	/* The search and the bootstrap fit every model without them. */
	o2.sel.absent = absent;
	o2.sel.nabsent = o2.nabsent_cells;
	memset(&r, 0, sizeof(r));
	mse_error_clear(&err);
	r.method = method_label(o->method);
	r.profile_estimate = NAN;
	rc = run_loglinear(&o2, t, &r, &err);
	free(absent);
	if (rc != MSE_OK) {
		cli_error(&err, strncmp(err.message, "--", 2) == 0 ? NULL :
		    name);
		result_free(&r);
		return EXIT_FAIL;
	}
	if (r.has_boot && o->replicates_out != NULL &&
	    write_replicates(&r.boot, o->replicates_out) != 0)
		rc = EXIT_FAIL;
	else if (emit(o, &r, 1, &out) != 0)
		rc = EXIT_FAIL;
	else
		rc = out_finish(&out, o->output) == 0 ? EXIT_OK : EXIT_FAIL;
	result_free(&r);
	return rc;
}

/*
 * Say up front when a request on k lists is large (issue 18: -m closed on
 * 20 lists ran for more than 15 minutes, -s bic for 14).  The thresholds
 * come from this machine's timings: -m closed takes about 30 s on 16 lists
 * and 8 times as long for every 2 more; stepwise fits one candidate a
 * step on all 2^k - 1 cells (12 s on 20 lists, 4 times as long for
 * every list more); an
 * exhaustive search fits every model on all 2^k - 1 cells (UKdat: 32,768
 * models of 63 cells in 0.8 s).
 */
static void
warn_long(const struct opts *o, size_t k)
{
	double cells = ldexp(1, (int)k) - 1, work = 0;
	size_t models = 0;
	const char *what = NULL;

	if (o->method == CLOSEDP && k >= 16)
		what = "Rcapture's models";
	else if (o->method == LOGLINEAR && o->sel.method ==
	    MSE_SELECT_STEPWISE && k >= 21)
		what = "the stepwise search";
	else if (o->method == LOGLINEAR && SEARCH(o)) {
		size_t most = o->sel.max_models;

		if (mse_models_count(k, o->sel.max_order, most, &models) ==
		    MSE_OK && models <= most)
			work = (double)models * cells;
		/* The exhaustive search fits about 10^7 model-cells a second
		 * before its bounds skip any (UKdat: 32768 models of 63 cells
		 * in 0.2 s), so 10^9 is a minute or two at worst. */
		if ((work > 1e9 || (models > most && k >= 15)))
			what = models > most ? "the downhill search" :
			    "the exhaustive search";
	}
	if (what == NULL && o->ci == CI_BOOTSTRAP && o->method == LOGLINEAR &&
	    SEARCH(o) && work * o->boot.replicates > 1e9)
		what = "the re-selecting bootstrap";
	if (what == NULL)
		return;
	cli_warn("warning: %s on %zu lists (%.0f cells%s) may take "
	    "minutes or more%s", what, k, cells, o->ci == CI_BOOTSTRAP ? ", in every "
	    "replicate" : "", o->max_seconds ? "" : "; --max-seconds N stops "
	    "it after N seconds");
}

/*
 * --select path: one row per step of the search path (mse_select_path),
 * as the trafficking studies print it: the step taken, its model, df,
 * deviance, AIC, AICc, BIC, each also less the smallest on the path (the
 * rescaled columns of Cruyff's model_search), and N with its interval.
 */
static const char *const path_columns[] = {
	"step", "phase", "change", "model", "df", "deviance", "aic", "aicc",
	"bic", "delta_aic", "delta_aicc", "delta_bic", "observed",
	"estimate", "se", "lower", "upper", "level", "status"
};
#define NPATH (sizeof(path_columns) / sizeof(path_columns[0]))

/* A term over the lists, then the covariates, of s: "politi:year". */
static void
strata_term(const struct mse_strata *s, uint32_t term, char *buf,
    size_t size)
{
	size_t K = mse_strata_lists(s), i, len = 0;

	buf[0] = '\0';
	for (i = 0; i < 32 && len + 1 < size; i++)
		if (term >> i & 1)
			len += (size_t)snprintf(buf + len, size - len, "%s%s",
			    len ? ":" : "", i < K ? mse_strata_list(s, i) :
			    mse_strata_var(s, i - K));
}

static int
run_path(const struct opts *o, const struct mse_strata *s,
    const struct mse_absent *a, const char *name)
{
	static const char *const phase[] = { "", "bic", "aic", "penalty 1" };
	const struct mse_table *t = o->ncov > 0 ? NULL : mse_strata_table(s, 0);
	struct outbuf out = { NULL, 0, 0, 0 };
	struct mse_select_options sel = o->sel;
	struct mse_path *p = NULL;
	struct mse_error err;
	uint32_t v, *absent = NULL;
	size_t i, j, n, na = 0;
	double min[3] = { INFINITY, INFINITY, INFINITY };
	struct cell *c = NULL;
	char (*change)[256] = NULL, (*status)[1024] = NULL, **model = NULL;
	int rc;

	mse_error_clear(&err);
	sel.method = MSE_SELECT_BIC;
	if (t != NULL) {
		absent = calloc((size_t)mse_table_cells(t) + 1,
		    sizeof(*absent));
		if (absent == NULL) {
			cli_warn("out of memory");
			return EXIT_FAIL;
		}
		for (v = 1; v <= mse_table_cells(t); v++)
			if (a != NULL && mse_absent_cell(a, s, 0, v))
				absent[na++] = v;
		sel.absent = absent;
		sel.nabsent = na;
		rc = mse_select_path(t, &sel, &p, &err);
	} else
		rc = mse_select_path_covariates(s, a, &sel, &p, &err);
	free(absent);
	if (rc != MSE_OK) {
		cli_error(&err, name);
		return EXIT_FAIL;
	}
	n = mse_path_steps(p);
	c = calloc(n * NPATH + 1, sizeof(*c));
	change = calloc(n + 1, sizeof(*change));
	status = calloc(n + 1, sizeof(*status));
	model = calloc(n + 1, sizeof(*model));
	rc = c == NULL || change == NULL || status == NULL || model == NULL ?
	    EXIT_FAIL : EXIT_OK;
	for (i = 0; rc == EXIT_OK && i < n; i++) {
		const struct mse_fit *f = mse_path_fit(p, i);
		double crit[3] = { mse_fit_aic(f), mse_fit_aicc(f),
			mse_fit_bic(f) };

		for (j = 0; j < 3; j++)
			if (crit[j] < min[j])
				min[j] = crit[j];
	}
	for (i = 0; rc == EXIT_OK && i < n; i++) {
		const struct mse_fit *f = mse_path_fit(p, i);
		const struct mse_model *m = mse_path_model(p, i);
		struct cell *x = c + i * NPATH;
		double lo = NAN, hi = NAN;
		uint32_t term = 0;
		int ch = mse_path_change(p, i, &term);
		char buf[256];

		model[i] = t != NULL ? mse_model_string(m, t) :
		    strdup(mse_fit_model(f));
		if (model[i] == NULL) {
			rc = EXIT_FAIL;
			break;
		}
		if (ch != 0) {
			if (t != NULL)
				mse_table_format_term(t, term, buf, sizeof(buf));
			else
				strata_term(s, term, buf, sizeof(buf));
			snprintf(change[i], sizeof(change[i]), "%c %s",
			    ch > 0 ? '+' : '-', buf);
		}
		snprintf(status[i], sizeof(status[i]), "ok");
		if (t != NULL)
			cli_fit_status(t, f, status[i], sizeof(status[i]));
		if (mse_fit_interval(f, o->ci, o->level, &lo, &hi, &err) !=
		    MSE_OK)
			snprintf(status[i] + strlen(status[i]),
			    sizeof(status[i]) - strlen(status[i]),
			    "; no interval: %s", err.message);
		x[0] = (struct cell){ CELL_INT, NULL, 0, (long)i };
		x[1] = (struct cell){ CELL_STR, phase[mse_path_phase(p, i)], 0,
			0 };
		x[2] = (struct cell){ CELL_STR, change[i], 0, 0 };
		x[3] = (struct cell){ CELL_STR, model[i], 0, 0 };
		x[4] = (struct cell){ CELL_INT, NULL, 0, mse_fit_df(f) };
		x[5] = (struct cell){ CELL_NUM, NULL, mse_fit_deviance(f), 0 };
		x[6] = (struct cell){ CELL_NUM, NULL, mse_fit_aic(f), 0 };
		x[7] = (struct cell){ CELL_NUM, NULL, mse_fit_aicc(f), 0 };
		x[8] = (struct cell){ CELL_NUM, NULL, mse_fit_bic(f), 0 };
		x[9] = (struct cell){ CELL_NUM, NULL, mse_fit_aic(f) - min[0],
			0 };
		x[10] = (struct cell){ CELL_NUM, NULL, mse_fit_aicc(f) - min[1],
			0 };
		x[11] = (struct cell){ CELL_NUM, NULL, mse_fit_bic(f) - min[2],
			0 };
		x[12] = (struct cell){ CELL_NUM, NULL, mse_fit_observed(f), 0 };
		x[13] = (struct cell){ CELL_NUM, NULL, mse_fit_estimate(f), 0 };
		x[14] = (struct cell){ CELL_NUM, NULL, mse_fit_se(f), 0 };
		x[15] = (struct cell){ CELL_NUM, NULL, lo, 0 };
		x[16] = (struct cell){ CELL_NUM, NULL, hi, 0 };
		x[17] = (struct cell){ CELL_NUM, NULL, o->level, 0 };
		x[18] = (struct cell){ CELL_STR, status[i], 0, 0 };
	}
	if (rc == EXIT_OK) {
		out_table(&out, o->format, o->digits, path_columns, NPATH, c, n);
		rc = out_finish(&out, o->output) == 0 ? EXIT_OK : EXIT_FAIL;
	} else
		cli_warn("out of memory");
	for (i = 0; model != NULL && i < n; i++)
		free(model[i]);
	free(model);
	free(change);
	free(status);
	free(c);
	mse_path_free(p);
	return rc;
}

/* ---- --subgroups: sums over strata of one covariate model ----------- */

static const char *const sub_columns[] = {
	"method", "model", "subgroup", "observed", "estimate", "lower",
	"upper", "level", "replicates", "status"
};
#define NSUB (sizeof(sub_columns) / sizeof(sub_columns[0]))
#define SUB_MAXMASK 4

/* A kind of row: the covariates it fixes (the others are summed over). */
struct sub_mask {
	size_t n, var[SUB_MAXMASK];
	char label[256];
};

/* The row kinds: the total, the --within covariate alone, then each
 * subgroup covariate and each pair of them, within each level of the
 * --within covariate when there is one. */
static size_t
sub_masks(const struct opts *o, const struct mse_strata *s,
    struct sub_mask *mk, size_t max)
{
	long w = o->within != NULL ? mse_strata_find_var(s, o->within) : -1;
	size_t g[MSE_MAX_LISTS], ng = 0, n = 0, i, j, k, t;

	for (i = 0; i < o->nsub && ng < MSE_MAX_LISTS; i++) {
		long v = mse_strata_find_var(s, o->subgroups[i]);

		if (v >= 0 && v != w)
			g[ng++] = (size_t)v;
	}
	mk[n++].n = 0;
	if (w >= 0) {
		mk[n].n = 1;
		mk[n++].var[0] = (size_t)w;
	}
	for (i = 0; i < ng && n < max; i++) {
		mk[n].n = 0;
		mk[n].var[mk[n].n++] = g[i];
		if (w >= 0)
			mk[n].var[mk[n].n++] = (size_t)w;
		n++;
	}
	for (i = 0; i < ng; i++)
		for (j = i + 1; j < ng && n < max; j++) {
			mk[n].n = 0;
			mk[n].var[mk[n].n++] = g[i];
			mk[n].var[mk[n].n++] = g[j];
			if (w >= 0)
				mk[n].var[mk[n].n++] = (size_t)w;
			n++;
		}
	/* Labels name the covariates fixed, in column order. */
	for (k = 0; k < n; k++) {
		mk[k].label[0] = '\0';
		for (t = 0; t < mse_strata_vars(s); t++)
			for (j = 0; j < mk[k].n; j++)
				if (mk[k].var[j] == t)
					snprintf(mk[k].label + strlen(mk[k].label),
					    sizeof(mk[k].label) - strlen(mk[k].label),
					    "%s%s", mk[k].label[0] ? ":" : "",
					    mse_strata_var(s, t));
		if (mk[k].n == 0)
			snprintf(mk[k].label, sizeof(mk[k].label), "total");
	}
	return n;
}

/* Whether stratum i is the first with its values of the mask's
 * covariates; vals gets them (NULL for the others). */
static int
sub_first(const struct mse_strata *s, const struct sub_mask *m, size_t i,
    const char **vals)
{
	size_t j, h;

	for (j = 0; j < mse_strata_vars(s); j++)
		vals[j] = NULL;
	for (j = 0; j < m->n; j++)
		vals[m->var[j]] = mse_strata_value(s, i, m->var[j]);
	for (h = 0; h < i; h++)
		if (mse_strata_in(s, h, vals))
			return 0;
	return 1;
}

/* One row: the mask's values, the sums and the interval (or why not). */
static void
sub_row(const struct opts *o, const struct mse_strata *s,
    const struct mse_replicates *r, const struct sub_mask *m,
    const char **vals, char *status, size_t size, struct cell *x)
{
	size_t nv = mse_strata_vars(s), j;
	struct mse_error err;
	double lo, hi;

	x[0] = (struct cell){ CELL_STR, m->n ? "subgroup" : "total", 0, 0 };
	for (j = 0; j < nv; j++)
		x[1 + j] = (struct cell){ CELL_STR, vals[j] ? vals[j] : "", 0,
			0 };
	x += 1 + nv;
	x[0] = (struct cell){ CELL_STR, "loglinear", 0, 0 };
	x[1] = (struct cell){ CELL_STR, r->model, 0, 0 };
	x[2] = (struct cell){ CELL_STR, m->n ? m->label : "", 0, 0 };
	x += 3;
	x[0] = (struct cell){ CELL_NUM, NULL, mse_subgroup_sum(s, vals,
		r->observed, NULL), 0 };
	x[1] = (struct cell){ CELL_NUM, NULL, mse_subgroup_sum(s, vals,
		r->point, NULL), 0 };
	mse_error_clear(&err);
	if (mse_subgroup_interval(s, vals, r, o->level, &lo, &hi, &err) ==
	    MSE_OK)
		snprintf(status, size, "ok");
	else
		snprintf(status, size, "%s", err.message);
	if (r->used < r->B)
		snprintf(status + strlen(status), size - strlen(status),
		    "; %zu of %zu replicates had no estimate and are left "
		    "out (%s)",
		    r->B - r->used, r->B, r->reason);
	x[2] = (struct cell){ isnan(lo) ? CELL_NA : CELL_NUM, NULL, lo, 0 };
	x[3] = (struct cell){ isnan(hi) ? CELL_NA : CELL_NUM, NULL, hi, 0 };
	x[4] = (struct cell){ CELL_NUM, NULL, o->level, 0 };
	x[5] = (struct cell){ CELL_INT, NULL, 0, (long)r->used };
	x[6] = (struct cell){ CELL_STR, status, 0, 0 };
}

static int
emit_subgroups(const struct opts *o, const struct mse_strata *s,
    const struct mse_replicates *r)
{
	/* Covariates and lists together are at most MSE_MAX_LISTS. */
	struct sub_mask mk[2 + MSE_MAX_LISTS * (MSE_MAX_LISTS + 1) / 2];
	size_t nv = mse_strata_vars(s), S = mse_strata_count(s);
	size_t nm = sub_masks(o, s, mk, sizeof(mk) / sizeof(mk[0]));
	size_t nc = 1 + nv + NSUB, n = 0, k, i, j;
	const char **cols = calloc(nc, sizeof(*cols));
	const char **vals = calloc(nv + 1, sizeof(*vals));
	struct cell *c = calloc(nm * S * nc + 1, sizeof(*c));
	char (*status)[512] = calloc(nm * S + 1, sizeof(*status));
	struct outbuf out = { NULL, 0, 0, 0 };
	int rc = EXIT_FAIL;

	if (cols != NULL && vals != NULL && c != NULL && status != NULL) {
		cols[0] = "row";
		for (j = 0; j < nv; j++)
			cols[1 + j] = mse_strata_var(s, j);
		for (j = 0; j < NSUB; j++)
			cols[1 + nv + j] = sub_columns[j];
		for (k = 0; k < nm; k++)
			for (i = 0; i < S; i++)
				if (sub_first(s, &mk[k], i, vals)) {
					sub_row(o, s, r, &mk[k], vals,
					    status[n], sizeof(status[n]),
					    &c[n * nc]);
					n++;
				}
		out_table(&out, o->format, o->digits, cols, nc, c, n);
		rc = out_finish(&out, o->output) == 0 ? EXIT_OK : EXIT_FAIL;
	} else
		cli_warn("out of memory");
	free(cols);
	free(vals);
	free(c);
	free(status);
	return rc;
}

static int
run_subgroups(const struct opts *o, struct mse_strata *s,
    const struct mse_absent *a, const char *name)
{
	struct mse_replicates r;
	struct mse_model *m = NULL;
	struct mse_fit *f = NULL;
	struct mse_error err;
	char *formula = NULL;
	int rc = MSE_OK;

	mse_error_clear(&err);
	memset(&r, 0, sizeof(r));
	if (mse_strata_complete(s, &err) != MSE_OK) {
		cli_error(&err, name);
		return EXIT_FAIL;
	}
	/* A search chooses the model once; the bootstrap refits it. */
	if (o->sel.method != MSE_SELECT_NONE) {
		rc = mse_select_covariates(s, a, &o->sel, &m, &f, NULL, &err);
		if (rc == MSE_OK && (formula = strdup(mse_fit_model(f))) ==
		    NULL)
		{
			rc = err.code = MSE_ENOMEM;
			snprintf(err.message, sizeof(err.message),
			    "out of memory");
		}
		mse_model_free(m);
		mse_fit_free(f);
	}
	if (rc == MSE_OK)
		rc = mse_covariates_replicates(s, formula != NULL ? formula :
		    o->model, a, NULL, &o->boot, &r, &err);
	free(formula);
	if (rc == MSE_EPARSE)
		option_error("--model", &err);
	else if (rc != MSE_OK)
		cli_error(&err, name);
	if (rc != MSE_OK)
		return EXIT_FAIL;
	rc = emit_subgroups(o, s, &r);
	mse_replicates_free(&r);
	return rc;
}

/* Beyond MSE_DENSE_LISTS a table keeps its seen patterns alone (mse.h):
 * a method that tabulates all 2^k cells is refused, with what to do. */
static void
check_many_lists(const struct opts *o, size_t k, const char *name)
{
	if (k <= MSE_DENSE_LISTS || o->method == METHOD_LCM ||
	    o->method == MSE_CHAO || o->method == MSE_ZELTERMAN)
		return;
	cli_warn("%s: %zu lists: -m %s tabulates all 2^k cells of the "
	    "table, which it can do for at most %d lists; -m lcm (the "
	    "latent-class model) and the closed forms chao and zelterman "
	    "work on the seen patterns alone, or keep at most %d lists with "
	    "--lists A,B,...", name, k, o->method_name, MSE_DENSE_LISTS,
	    MSE_DENSE_LISTS);
	exit(EXIT_FAIL);
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
	check_many_lists(o, mse_strata_lists(s), name);
	warn_long(o, mse_strata_lists(s));
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
	else if (o->trend != NULL && cli_set_trend(o->trend,
	    (const char *const *)o->covariates, o->ncov, s, &err) != MSE_OK)
		cli_error(&err, name);
	else if (o->sel.method == SELECT_PATH)
		rc = run_path(o, s, a, name);
	else if (o->method == METHOD_LCM)
		rc = bayes_run_by(&o->bayes, s, name, o->level, o->format,
		    o->digits, o->output);
	else if (o->nsub > 0)
		rc = run_subgroups(o, s, a, name);
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
	size_t nrows = 1, i;
	int rc;

	if (o->imputation != NULL)
		return bayes_run_imputed(&o->bayes, o->file, o->delimiter,
		    o->by, o->nby, o->imputation, o->lists, o->level,
		    o->format, o->digits, o->output);
	if (o->nby > 0 || o->ncov > 0 || o->absent != NULL ||
	    o->sel.method == SELECT_PATH)
		return run_strata(o);
	t = cli_read_data(o->file, o->delimiter, o->lists, &name, &fr);
	if (t == NULL && fr == NULL)
		return EXIT_FAIL;
	if (t != NULL)
		check_many_lists(o, mse_table_lists(t), name);
	if (BAYES(o)) {
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
	if (t != NULL)
		warn_long(o, mse_table_lists(t));
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
		rc = EXIT_FAIL;
	} else if (rows[0].has_boot && o->replicates_out != NULL &&
	    write_replicates(&rows[0].boot, o->replicates_out) != 0)
		rc = EXIT_FAIL;
	else if (emit(o, rows, nrows, &out) != 0)
		rc = EXIT_FAIL;
	else
		rc = out_finish(&out, o->output) == 0 ? EXIT_OK : EXIT_FAIL;
	for (i = 0; i < MSE_CLOSEDP_MODELS; i++)
		result_free(&rows[i]);
	return rc;
}

int
main(int argc, char **argv)
{
	struct mse_fit_options search_fit;
	struct opts o;
	int rc;

	memset(&o, 0, sizeof(o));
	o.bar.shown = -1;	/* no bar drawn yet */
	o.method = LOGLINEAR;
	o.method_name = "loglinear";
	o.ci = MSE_CI_LOGNORMAL;
	o.level = 0.95;
	o.format = -1;
	mse_select_options_init(&o.sel);
	mse_bootstrap_options_init(&o.boot);
	o.closedp = -1;
	/* One thread per processor (the library's default is one). */
	o.boot.threads = MSE_THREADS_AUTO;
	cli_init(argv[0]);
	bayes_init(&o.bayes);
	parse_args(argc, argv, &o);
	/* -m lcm's rounds and -m dga's MCMC rounds spend --max-seconds
	 * sampling and then report what they reached (dga's sums over every
	 * graph, on five lists or fewer, take no time to speak of); elsewhere
	 * it is a deadline that writes nothing. */
	if (bayes_rounds(&o.bayes, o.method))
		o.bayes.max_seconds = o.max_seconds;
	else
		cli_deadline(o.max_seconds);
	o.boot.level = o.level;
	if (o.ci == CI_BOOTSTRAP && cli_progress_init(&o.bar, "bootstrap")) {
		o.boot.progress = cli_progress_update;
		o.boot.progress_arg = &o.bar;
	} else if (SEARCH(&o) && !BAYES(&o) &&
	    cli_progress_init(&o.bar, "model search")) {
		/* The exhaustive search's models (the bootstrap has its
		 * own bar, and its replicates' searches report nothing). */
		mse_fit_options_init(&search_fit);
		search_fit.progress = cli_progress_update;
		search_fit.progress_arg = &o.bar;
		o.sel.fit = &search_fit;
	}
	rc = run(&o);
	cli_progress_end(&o.bar);
	cli_split_free(o.by);
	cli_split_free(o.covariates);
	cli_split_free(o.subgroups);
	return rc;
}
