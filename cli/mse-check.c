/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mse-check.c - check an estimate: lists left out, dropped and merged,
 * residuals, dependence bounds, model spread, and a verdict. */
#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <mse.h>

#include "util.h"

/* The parts, in the order printed; verdict last. */
enum { P_LOLO, P_SENS, P_CELLS, P_FIT, P_BOUNDS, P_SPREAD, P_VERDICT,
	NPARTS };
static const char *const part_name[NPARTS] = { "lolo", "sensitivity",
	"cells", "fit", "bounds", "spread", "verdict" };
static const char *const part_title[NPARTS] = {
	"1. Leave one list out (Binette & Steorts 2022)",
	"2. Lists dropped and merged",
	"3a. Fit diagnostics: cells",
	"3b. Fit diagnostics: goodness of fit",
	"4. Dependence bounds",
	"5. Model spread",
	"6. Verdict"
};

#define LOGLINEAR (-1)
#define CLOSEDP (-2)
#define REFUSED_ALL (-3)	/* -m closed */
#define BAYES_LCM (-4)
#define BAYES_DGA (-5)
#define IS_BAYES(m) ((m) == BAYES_LCM || (m) == BAYES_DGA)
/* The parts -m lcm and -m dga offer. */
#define BAYES_PARTS (1u << P_FIT | 1u << P_VERDICT)
/* As mse-fit -m lcm by default (cli/bayes.c): rounds until R-hat <= 1.01
 * and both ESS >= 400 (Vehtari et al. 2021), at most 5120000 sweeps a
 * chain; dga's check from 4000 draws (Monte Carlo error of p <= 0.008). */
#define BAYES_RHAT 1.01
#define BAYES_ESS 400
#define BAYES_MAX_SWEEPS 5120000
#define BAYES_PPC_DRAWS 4000
/* dga: the mass at the top of the grid should be far below this. */
#define BAYES_TOP_MAX 1e-6

enum { OPT_BY = 256, OPT_PART, OPT_SUBSETS, OPT_ODDS, OPT_CRITERION,
	OPT_DELTA, OPT_SEED, OPT_MAX_ORDER, OPT_THRESHOLD, OPT_ALPHA,
	OPT_MOVES, OPT_CHECK };

struct opts {
	int method;
	const char *method_name;
	int closedp;
	const char *model, *lists;
	struct mse_select_options sel;
	int ci, ci_bootstrap;
	double level;
	int bias_corrected;
	char **by;
	size_t nby;
	unsigned parts;		/* bits 1 << P_ */
	int part_given;
	int order_opt, threshold_opt, criterion_given;
	struct mse_check_options chk;
	int delimiter, format, digits;
	const char *output, *file;
	int check_only;
	const char *not_bayes;	/* an option -m lcm/dga do not take */
	int seed_given;
};

static void
usage(void)
{
	printf("Usage: %s [OPTION]... [FILE]\n"
	    "Check a population-size estimate from a capture-history table "
	    "(mse-data(5))\nread from FILE, or standard input when FILE is "
	    "absent or '-': each list\nleft out and estimated from the others, "
	    "lists dropped and merged, the fit's\nresiduals, bounds over the "
	    "lists' dependence, the spread over models, and a\nverdict.\n\n"
	    "The estimator (as mse-fit(1)):\n"
	    "  -m, --method=METHOD    loglinear (default), petersen, chapman, "
	    "chao,\n                         zelterman, or one of Rcapture's "
	    "models (M0, Mt, Mb,\n                         Mbh, Mh-chao, ..., "
	    "Mth-gamma), lcm or dga\n                         (these two: "
	    "--part fit and verdict only)\n"
	    "  -M, --model=TERMS      log-linear model, e.g. 'A:B + C:D'; "
	    "'main' (default)\n"
	    "  -s, --select=METHOD    choose the model on every table: "
	    "stepwise, aic, bic,\n                         aicc, none (default: "
	    "--model)\n"
	    "      --max-order=N      largest interaction of the search and "
	    "of the spread's\n                         models (default 2)\n"
	    "      --threshold=P      stepwise p-value threshold (default "
	    "0.02)\n"
	    "  -c, --ci=KIND          lognormal (default), wald, conditional, "
	    "profile\n"
	    "  -L, --level=P          confidence level, 0 < P < 1 (default "
	    "0.95)\n"
	    "  -b, --bias-corrected   Chao's bias-corrected lower bound "
	    "(with -m chao)\n"
	    "  -l, --lists=A,B,...    collapse the table to these lists first\n"
	    "      --by=COLS          check each stratum of these columns on "
	    "its own\n\n"
	    "The checks:\n"
	    "  -p, --part=PARTS       lolo, sensitivity, cells, fit, bounds, "
	    "spread,\n                         verdict, or all (default), "
	    "comma-separated\n"
	    "      --subsets          also every subset of 3 or more lists\n"
	    "      --max-odds-ratio=R  bounds: the k-way odds ratio from 1/R "
	    "to R\n                         (default 2)\n"
	    "      --criterion=C      spread: aic, bic or aicc (default: that "
	    "of --select\n                         bic or aicc, else aic)\n"
	    "      --delta=D          spread: models within D of the best "
	    "(default 2)\n"
	    "  -B, --replicates=N     fit: parametric bootstrap replicates "
	    "(default 999)\n"
	    "      --seed=S           fit: bootstrap seed (default 1234); "
	    "with -m lcm\n                         or dga the sampler's "
	    "(default 1, as mse-fit)\n"
	    "      --alpha=A          verdict: the fit's p-value rule "
	    "(default 0.05;\n                         with -m lcm or dga "
	    "p < A or p > 1 - A)\n"
	    "      --moves=F          verdict: a relative change that counts "
	    "(default 0.5)\n\n"
	    "Output:\n"
	    "  -d, --delimiter=C      input delimiter ',', ';' or 'tab' "
	    "(default: detect)\n"
	    "  -f, --format=FORMAT    text, csv, tsv, json, md, latex, html "
	    "(default: text\n                         on a terminal, csv "
	    "otherwise); csv and tsv write one\n                         part: "
	    "the one --part names, else the verdict\n"
	    "  -o, --output=FILE      write to FILE atomically\n"
	    "  -D, --digits=N         significant digits, 1-17 (default: 7 "
	    "in text,\n                         round-trip otherwise)\n"
	    "      --check-options    check that the options go together "
	    "(exit 0 or 2)\n                         and read no input\n"
	    "  -h, --help             show this help and exit\n"
	    "  -V, --version          show the version and exit\n\n"
	    "Exit status: 0 success, 1 bad input or no estimate on the whole "
	    "table,\n2 usage error.  See mse-check(1).\n", progname);
}

static int
parse_method(const char *s, int *closedp)
{
	*closedp = -1;
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
	if (strcasecmp(s, "closed") == 0)
		return REFUSED_ALL;
	if ((*closedp = mse_closedp_lookup(s)) >= 0)
		return CLOSEDP;
	if (strcasecmp(s, "lcm") == 0)
		return BAYES_LCM;
	if (strcasecmp(s, "dga") == 0)
		return BAYES_DGA;
	cli_usage_error("--method: '%s' is not one of loglinear, petersen, "
	    "chapman, chao, zelterman, M0, Mt, Mb, Mbh, Mh-chao, Mh-poisson, "
	    "Mh-darroch, Mh-gamma, Mth-chao, Mth-poisson, Mth-darroch, "
	    "Mth-gamma, lcm, dga", s);
}

/* A number in [lo, hi] (open at lo when open is set). */
static double
parse_real(const char *option, const char *s, double lo, double hi, int open)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (errno != 0 || end == s || *end != '\0' || !(v >= lo && v <= hi) ||
	    (open && v == lo))
		cli_usage_error("--%s: '%s' is not a number %s %g %s %.10g",
		    option, s, open ? "above" : "from", lo, open ? "up to" :
		    "to", hi);
	return v;
}

static unsigned
parse_parts(const char *s)
{
	char **v;
	size_t n, i, j;
	unsigned bits = 0;

	v = cli_split(s, "--part", &n);
	for (i = 0; i < n; i++) {
		if (strcmp(v[i], "all") == 0) {
			bits |= (1u << NPARTS) - 1;
			continue;
		}
		for (j = 0; j < NPARTS; j++)
			if (strcmp(v[i], part_name[j]) == 0)
				break;
		if (j == NPARTS) {
			char buf[128];

			cli_usage_error("--part: '%s' is not one of lolo, "
			    "sensitivity, cells, fit, bounds, spread, verdict, "
			    "all", cli_clean(v[i], buf, sizeof(buf)));
		}
		bits |= 1u << j;
	}
	cli_split_free(v);
	return bits;
}

/*
 * The one table of refused combinations (as mse-fit's); mse-check(1)
 * lists the same rules under OPTION RULES.
 */
struct rule {
	int (*refused)(const struct opts *);
	const char *why;
};

#define RULE(name, cond) \
	static int name(const struct opts *o) { return (cond); }
#define SEARCH(o) ((o)->sel.method == MSE_SELECT_AIC || \
	(o)->sel.method == MSE_SELECT_BIC)
#define ONE_PART(b) ((b) != 0 && ((b) & ((b) - 1)) == 0)

RULE(r_all, o->method == REFUSED_ALL)
RULE(r_bayes_part, IS_BAYES(o->method) && o->part_given &&
    (o->parts & ~BAYES_PARTS) != 0)
RULE(r_bayes_opt, IS_BAYES(o->method) && o->not_bayes != NULL)
RULE(r_boot, o->ci_bootstrap)
RULE(r_model, o->model != NULL && o->method != LOGLINEAR)
RULE(r_model_select, o->model != NULL && o->sel.method != MSE_SELECT_NONE)
RULE(r_select, o->sel.method != MSE_SELECT_NONE && o->method != LOGLINEAR)
RULE(r_cond, o->ci == MSE_CI_CONDITIONAL && o->method != LOGLINEAR)
RULE(r_profile, o->ci == MSE_CI_PROFILE && o->method != LOGLINEAR &&
    o->method != CLOSEDP)
RULE(r_bias, o->bias_corrected && o->method != MSE_CHAO)
RULE(r_threshold, o->threshold_opt && o->sel.method != MSE_SELECT_STEPWISE)
RULE(r_csv, (o->format == FMT_CSV || o->format == FMT_TSV) &&
    o->part_given && !ONE_PART(o->parts))

static const struct rule rules[] = {
	{ r_all, "-m closed fits every Rcapture model; mse-check checks one "
	    "estimator: name one model (-m Mth-chao, ...)" },
	{ r_bayes_part, "-m lcm and -m dga offer --part fit and verdict "
	    "only: the other parts refit the estimator on dozens of tables, "
	    "and a Bayesian fit takes seconds to minutes each" },
	{ r_bayes_opt, "-m lcm and -m dga take none of --ci, --level, "
	    "--subsets, --max-odds-ratio, --criterion, --delta and "
	    "--replicates: they belong to the parts not offered for them" },
	{ r_boot, "--ci bootstrap is not offered: a bootstrap on every table "
	    "of the checks would take minutes; use lognormal, wald, "
	    "conditional or profile" },
	{ r_model, "--model needs --method loglinear" },
	{ r_model_select, "--model and --select exclude each other" },
	{ r_select, "--select needs --method loglinear" },
	{ r_cond, "--ci conditional needs --method loglinear" },
	{ r_profile, "--ci profile needs a fitted model: --method loglinear "
	    "or one of Rcapture's" },
	{ r_bias, "--bias-corrected needs --method chao" },
	{ r_threshold, "--threshold needs --select stepwise" },
	{ r_csv, "-f csv and tsv write one table: name one part with --part "
	    "(or use -f json, text, md, latex or html for several)" },
};

static void
check_options(struct opts *o)
{
	size_t i;

	for (i = 0; i < sizeof(rules) / sizeof(rules[0]); i++)
		if (rules[i].refused(o))
			cli_usage_error("%s", rules[i].why);
	if (o->bias_corrected)
		o->method = MSE_CHAO_BC;
	if (!o->part_given)
		o->parts = (o->format == FMT_CSV || o->format == FMT_TSV) ?
		    1u << P_VERDICT : IS_BAYES(o->method) ? BAYES_PARTS :
		    (1u << NPARTS) - 1;
	o->chk.parts = 0;
	if (o->parts & (1u << P_LOLO))
		o->chk.parts |= MSE_CHECK_LOLO;
	if (o->parts & (1u << P_SENS))
		o->chk.parts |= MSE_CHECK_SENSITIVITY;
	if (o->parts & (1u << P_CELLS | 1u << P_FIT))
		o->chk.parts |= MSE_CHECK_FIT;
	if (o->parts & (1u << P_BOUNDS))
		o->chk.parts |= MSE_CHECK_BOUNDS;
	if (o->parts & (1u << P_SPREAD))
		o->chk.parts |= MSE_CHECK_SPREAD;
	if (o->parts & (1u << P_VERDICT))
		o->chk.parts |= MSE_CHECK_ALL;
	/* The spread's criterion follows --select aic, bic or aicc. */
	if (!o->criterion_given && (o->sel.method == MSE_SELECT_BIC ||
	    o->sel.method == MSE_SELECT_AICC))
		o->chk.criterion = o->sel.method;
	o->chk.ci = o->ci;
	o->chk.level = o->level;
	o->chk.max_order = o->sel.max_order;
}

static void
parse_args(int argc, char **argv, struct opts *o)
{
	static const struct option longopts[] = {
		{ "method", required_argument, NULL, 'm' },
		{ "model", required_argument, NULL, 'M' },
		{ "select", required_argument, NULL, 's' },
		{ "max-order", required_argument, NULL, OPT_MAX_ORDER },
		{ "threshold", required_argument, NULL, OPT_THRESHOLD },
		{ "ci", required_argument, NULL, 'c' },
		{ "level", required_argument, NULL, 'L' },
		{ "bias-corrected", no_argument, NULL, 'b' },
		{ "lists", required_argument, NULL, 'l' },
		{ "by", required_argument, NULL, OPT_BY },
		{ "part", required_argument, NULL, 'p' },
		{ "subsets", no_argument, NULL, OPT_SUBSETS },
		{ "max-odds-ratio", required_argument, NULL, OPT_ODDS },
		{ "criterion", required_argument, NULL, OPT_CRITERION },
		{ "delta", required_argument, NULL, OPT_DELTA },
		{ "replicates", required_argument, NULL, 'B' },
		{ "seed", required_argument, NULL, OPT_SEED },
		{ "alpha", required_argument, NULL, OPT_ALPHA },
		{ "moves", required_argument, NULL, OPT_MOVES },
		{ "delimiter", required_argument, NULL, 'd' },
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "digits", required_argument, NULL, 'D' },
		{ "check-options", no_argument, NULL, OPT_CHECK },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":m:M:s:c:L:bl:p:B:d:f:o:D:hV",
	    longopts, NULL)) != -1) {
		switch (c) {
		case 'm':
			o->method = parse_method(optarg, &o->closedp);
			o->method_name = optarg;
			break;
		case 'M': o->model = optarg; break;
		case 's': o->sel.method = cli_parse_select(optarg, 0); break;
		case OPT_MAX_ORDER:
			o->order_opt = 1;
			o->sel.max_order = (int)cli_parse_count("max-order",
			    optarg, 1, MSE_DENSE_LISTS - 1);
			break;
		case OPT_THRESHOLD:
			o->threshold_opt = 1;
			o->sel.threshold = parse_real("threshold", optarg, 0, 1,
			    0);
			break;
		case 'c':
			o->not_bayes = "--ci";
			o->ci = cli_parse_ci(optarg, 1);
			o->ci_bootstrap = o->ci == CLI_CI_BOOTSTRAP;
			break;
		case 'L':
			o->not_bayes = "--level";
			o->level = cli_parse_level(optarg);
			break;
		case 'b': o->bias_corrected = 1; break;
		case 'l': o->lists = optarg; break;
		case OPT_BY:
			cli_split_free(o->by);
			o->by = cli_split(optarg, "--by", &o->nby);
			break;
		case 'p':
			o->parts = parse_parts(optarg);
			o->part_given = 1;
			break;
		case OPT_SUBSETS:
			o->not_bayes = "--subsets";
			o->chk.subsets = 1;
			break;
		case OPT_ODDS:
			o->not_bayes = "--max-odds-ratio";
			o->chk.max_odds_ratio = parse_real("max-odds-ratio",
			    optarg, 1, 1e6, 0);
			break;
		case OPT_CRITERION:
			o->not_bayes = "--criterion";
			o->criterion_given = 1;
			if (strcasecmp(optarg, "aic") == 0)
				o->chk.criterion = MSE_SELECT_AIC;
			else if (strcasecmp(optarg, "bic") == 0)
				o->chk.criterion = MSE_SELECT_BIC;
			else if (strcasecmp(optarg, "aicc") == 0)
				o->chk.criterion = MSE_SELECT_AICC;
			else
				cli_usage_error("--criterion: '%s' is not aic, "
				    "bic or aicc", optarg);
			break;
		case OPT_DELTA:
			o->not_bayes = "--delta";
			o->chk.delta = parse_real("delta", optarg, 0, 1e6, 0);
			break;
		case 'B':
			o->not_bayes = "--replicates";
			o->chk.replicates = (int)cli_parse_count("replicates",
			    optarg, 0, 1000000);
			break;
		case OPT_SEED:
			o->seed_given = 1;
			o->chk.seed = (unsigned long)cli_parse_count("seed",
			    optarg, 0, 2147483647);
			break;
		case OPT_ALPHA:
			o->chk.alpha = parse_real("alpha", optarg, 0, 1, 1);
			if (o->chk.alpha >= 1)
				cli_usage_error("--alpha: '%s' is not a number "
				    "above 0 and below 1", optarg);
			break;
		case OPT_MOVES:
			o->chk.moves = parse_real("moves", optarg, 0, 1e6, 1);
			break;
		case 'd': o->delimiter = cli_parse_delimiter(optarg); break;
		case 'f': o->format = cli_parse_format(optarg); break;
		case 'o': o->output = optarg; break;
		case 'D': o->digits = cli_parse_digits(optarg); break;
		case OPT_CHECK: o->check_only = 1; break;
		case 'h': usage(); exit(EXIT_OK);
		case 'V': cli_version(); exit(EXIT_OK);
		default: cli_bad_option(c, argv);
		}
	}
	o->file = cli_operand(argc, argv);
	if (o->format < 0)
		o->format = cli_default_format(o->output);
	check_options(o);
	if (o->check_only)
		exit(EXIT_OK);
}

/* ---- output tables ------------------------------------------------------- */

/* A table being built: columns, then cells row by row. */
struct tab {
	const char *cols[64];
	size_t ncols;
	struct cell *c;
	size_t n, cap;		/* cells */
	char **strings;		/* owned texts of the cells */
	size_t nstr, capstr;
};

static void
oom(void)
{
	cli_warn("out of memory");
	exit(EXIT_FAIL);
}

static void
tab_cell(struct tab *t, struct cell c)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 64;
		if ((t->c = realloc(t->c, t->cap * sizeof(*t->c))) == NULL)
			oom();
	}
	t->c[t->n++] = c;
}

/* A text made here, kept until the table is freed (the checks' own
 * texts are freed before the tables are printed). */
static void
tab_fmt(struct tab *t, const char *fmt, ...) __attribute__((format(printf,
    2, 3)));
static void
tab_fmt(struct tab *t, const char *fmt, ...)
{
	va_list ap;
	char *s;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || (s = malloc((size_t)n + 1)) == NULL)
		oom();
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	if (t->nstr == t->capstr) {
		t->capstr = t->capstr ? 2 * t->capstr : 16;
		if ((t->strings = realloc(t->strings, t->capstr *
		    sizeof(*t->strings))) == NULL)
			oom();
	}
	t->strings[t->nstr++] = s;
	tab_cell(t, (struct cell){ CELL_STR, s, 0, 0 });
}

static void
tab_str(struct tab *t, const char *s)
{
	tab_fmt(t, "%s", s != NULL ? s : "");
}

static void
tab_num(struct tab *t, double v)
{
	tab_cell(t, isnan(v) ? (struct cell){ CELL_NA, NULL, 0, 0 } :
	    (struct cell){ CELL_NUM, NULL, v, 0 });
}

static void
tab_int(struct tab *t, long v)
{
	tab_cell(t, (struct cell){ CELL_INT, NULL, 0, v });
}

static void
tab_na(struct tab *t)
{
	tab_cell(t, (struct cell){ CELL_NA, NULL, 0, 0 });
}

static void
tab_free(struct tab *t)
{
	size_t i;

	for (i = 0; i < t->nstr; i++)
		free(t->strings[i]);
	free(t->strings);
	free(t->c);
	memset(t, 0, sizeof(*t));
}

/* ---- one stratum's parts into the tables --------------------------------- */

struct run {
	const struct opts *o;
	const struct mse_strata *s;	/* NULL without --by */
	const char *const *lists;	/* the input's lists */
	size_t k;
	struct tab tab[NPARTS];
	struct tab summary;		/* LOLO's summary, for JSON */
	char lolo_caption[1024];
	size_t strata_failed;
};

static void
strata_cols(struct run *r, struct tab *t)
{
	size_t j;

	if (r->s == NULL)
		return;
	for (j = 0; j < mse_strata_vars(r->s); j++)
		t->cols[t->ncols++] = mse_strata_var(r->s, j);
}

static void
strata_vals(struct run *r, struct tab *t, size_t i)
{
	size_t j;

	if (r->s == NULL)
		return;
	for (j = 0; j < mse_strata_vars(r->s); j++)
		tab_str(t, mse_strata_value(r->s, i, j));
}

static void
columns(struct run *r)
{
	static const char *const c[NPARTS][16] = {
		{ "list", "size", "seen_by_others", "estimate", "se", "lower",
		  "upper", "covered", "log_ratio", "model", "status", NULL },
		{ "change", "lists", "k", "observed", "estimate", "se",
		  "lower", "upper", "log_ratio", "model", "status", NULL },
		{ "observed", "fitted", "pearson", "deviance", NULL },
		{ "model", "deviance", "df", "p_chisq", "cells",
		  "cells_below_5", "min_fitted", "sparse", "p_bootstrap",
		  "replicates_used", "status", NULL },
		{ "max_odds_ratio", "order", "lower", "no_interaction",
		  "upper", "status", NULL },
		{ "criterion", "delta", "models", "within", "lower", "upper",
		  "average", "average_se", "best", "best_model", "selected",
		  "status", NULL },
		{ "check", "flagged", "value", "result", "reading", NULL }
	};
	static const char *const bayes_fit[] = { "model", "discrepancy",
		"t_observed", "t_replicated", "draws", "ppp", "status", NULL };
	size_t p, j;

	strata_cols(r, &r->summary);
	r->summary.cols[r->summary.ncols++] = "lists_estimated";
	r->summary.cols[r->summary.ncols++] = "median_abs_log_ratio";
	r->summary.cols[r->summary.ncols++] = "coverage";
	for (p = 0; p < NPARTS; p++) {
		struct tab *t = &r->tab[p];

		strata_cols(r, t);
		if (p == P_CELLS)
			for (j = 0; j < r->k; j++)
				t->cols[t->ncols++] = r->lists[j];
		if (p == P_FIT && IS_BAYES(r->o->method))
			for (j = 0; bayes_fit[j] != NULL; j++)
				t->cols[t->ncols++] = bayes_fit[j];
		else
			for (j = 0; c[p][j] != NULL; j++)
				t->cols[t->ncols++] = c[p][j];
	}
}

static const char *
status_of(int status, const char *reason)
{
	if (status == MSE_OK)
		return reason[0] ? reason : "ok";
	return reason[0] ? reason : mse_strerror(status);
}

static void
add_lolo(struct run *r, const struct mse_check *c, size_t si)
{
	struct tab *t = &r->tab[P_LOLO];
	size_t i;

	for (i = 0; i < mse_check_rows(c, MSE_CHECK_LOLO); i++) {
		const struct mse_check_row *x = mse_check_row(c, MSE_CHECK_LOLO,
		    i);

		strata_vals(r, t, si);
		tab_str(t, x->label);
		tab_num(t, x->truth);
		tab_num(t, x->observed);
		tab_num(t, x->estimate);
		tab_num(t, x->se);
		tab_num(t, x->lower);
		tab_num(t, x->upper);
		if (x->covered < 0)
			tab_na(t);
		else
			tab_str(t, x->covered ? "yes" : "no");
		tab_num(t, x->log_ratio);
		tab_str(t, x->model);
		tab_str(t, status_of(x->status, x->reason));
	}
}

static void
add_sens(struct run *r, const struct mse_check *c, size_t si)
{
	static const char *const kind[] = { "none", "drop", "merge",
		"subset" };
	struct tab *t = &r->tab[P_SENS];
	size_t i;

	for (i = 0; i < mse_check_rows(c, MSE_CHECK_SENSITIVITY); i++) {
		const struct mse_check_row *x = mse_check_row(c,
		    MSE_CHECK_SENSITIVITY, i);

		strata_vals(r, t, si);
		tab_str(t, kind[x->kind == MSE_CHECK_ROW_FULL ? 0 :
		    x->kind - 1]);
		tab_str(t, x->label);
		tab_int(t, (long)x->lists);
		tab_num(t, x->observed);
		tab_num(t, x->estimate);
		tab_num(t, x->se);
		tab_num(t, x->lower);
		tab_num(t, x->upper);
		tab_num(t, x->log_ratio);
		tab_str(t, x->model);
		tab_str(t, status_of(x->status, x->reason));
	}
}

/* The cells, with a 0/1 column for each of the input's lists (a list
 * that recorded nobody in the stratum is 0 throughout). */
static void
add_cells(struct run *r, const struct mse_check *c, size_t si)
{
	const struct mse_table *tt = mse_check_table(c);
	struct tab *t = &r->tab[P_CELLS];
	size_t i, j, l;

	for (i = 0; i < mse_check_cells(c); i++) {
		const struct mse_check_cell *x = mse_check_cell(c, i);

		strata_vals(r, t, si);
		for (j = 0; j < r->k; j++) {
			long on = 0;

			for (l = 0; l < mse_table_lists(tt); l++)
				if (strcmp(mse_table_name(tt, l),
				    r->lists[j]) == 0)
					on = (long)(x->pattern >> l & 1);
			tab_int(t, on);
		}
		tab_num(t, x->observed);
		tab_num(t, x->fitted);
		tab_num(t, x->pearson);
		tab_num(t, x->deviance);
	}
}

static void
add_fit(struct run *r, const struct mse_check *c, size_t si)
{
	const struct mse_check_gof *g = mse_check_gof(c);
	const struct mse_check_row *full = mse_check_row(c,
	    MSE_CHECK_SENSITIVITY, 0);
	struct tab *t = &r->tab[P_FIT];

	strata_vals(r, t, si);
	tab_str(t, full != NULL ? full->model : "");
	if (mse_check_cells(c) == 0) {
		size_t j;

		for (j = 0; j < 9; j++)
			tab_na(t);
		tab_str(t, status_of(g->status, g->reason));
		return;
	}
	tab_num(t, g->deviance);
	tab_int(t, g->df);
	tab_num(t, g->p);
	tab_int(t, (long)g->cells);
	tab_int(t, (long)g->small);
	tab_num(t, g->min_fitted);
	tab_str(t, g->sparse ? "yes" : "no");
	tab_num(t, g->p_boot);
	if (isnan(g->p_boot))
		tab_na(t);
	else
		tab_int(t, (long)g->used);
	if (g->status != MSE_OK)
		tab_str(t, status_of(g->status, g->reason));
	else if (g->sparse)
		tab_fmt(t, "expected counts too small for the chi-squared "
		    "test (%zu of %zu below 5, smallest %.3g): use p_bootstrap",
		    g->small, g->cells, g->min_fitted);
	else
		tab_str(t, "ok");
}

static void
add_bounds(struct run *r, const struct mse_check *c, size_t si)
{
	const struct mse_check_bounds *b = mse_check_bounds(c);
	struct tab *t = &r->tab[P_BOUNDS];

	strata_vals(r, t, si);
	tab_num(t, b->odds_ratio);
	tab_int(t, b->order);
	tab_num(t, b->lower);
	tab_num(t, b->at_one);
	tab_num(t, b->upper);
	tab_str(t, status_of(b->status, b->reason));
}

static void
add_spread(struct run *r, const struct mse_check *c, size_t si)
{
	const struct mse_check_spread *sp = mse_check_spread(c);
	struct tab *t = &r->tab[P_SPREAD];

	strata_vals(r, t, si);
	tab_str(t, sp->criterion == MSE_SELECT_AIC ? "aic" :
	    sp->criterion == MSE_SELECT_AICC ? "aicc" : "bic");
	tab_num(t, sp->delta);
	tab_int(t, (long)sp->models);
	tab_int(t, (long)sp->within);
	tab_num(t, sp->lower);
	tab_num(t, sp->upper);
	tab_num(t, sp->average);
	tab_num(t, sp->average_se);
	tab_num(t, sp->best);
	tab_str(t, sp->best_model);
	tab_num(t, sp->selected);
	tab_str(t, status_of(sp->status, sp->reason));
}

static void
add_verdict(struct run *r, const struct mse_check *c, size_t si)
{
	struct tab *t = &r->tab[P_VERDICT];
	size_t i;

	for (i = 0; i < mse_check_verdicts(c); i++) {
		const struct mse_check_verdict *v = mse_check_verdict(c, i);

		strata_vals(r, t, si);
		tab_str(t, v->check);
		if (v->status != MSE_OK)
			tab_na(t);
		else
			tab_str(t, v->flagged ? "yes" : "no");
		tab_num(t, v->value);
		tab_str(t, v->result);
		tab_str(t, v->reading);
	}
}

static void
add_all(struct run *r, const struct mse_check *c, size_t si)
{
	add_lolo(r, c, si);
	add_sens(r, c, si);
	add_cells(r, c, si);
	add_fit(r, c, si);
	add_bounds(r, c, si);
	add_spread(r, c, si);
	add_verdict(r, c, si);
}

/* ---- printing ------------------------------------------------------------ */

static size_t
rows_of(const struct tab *t)
{
	return t->ncols ? t->n / t->ncols : 0;
}

/* The verdict as text a report can quote: one paragraph per check. */
static void
verdict_text(struct run *r, struct outbuf *out)
{
	const struct tab *t = &r->tab[P_VERDICT];
	size_t nv = r->s != NULL ? mse_strata_vars(r->s) : 0, i, j;
	char buf[2048];

	out_printf(out, "%s\n", part_title[P_VERDICT]);
	for (i = 0; i < rows_of(t); i++) {
		const struct cell *c = &t->c[i * t->ncols];

		out_printf(out, "\n%s", r->o->format == FMT_MD ? "- " : "");
		for (j = 0; j < nv; j++) {
			out_printf(out, "%s", j ? ", " : "[");
			out_printf(out, "%s=", cli_clean(t->cols[j], buf,
			    sizeof(buf)));
			out_printf(out, "%s%s", cli_clean(c[j].s, buf,
			    sizeof(buf)), j + 1 == nv ? "] " : "");
		}
		/* List names from the data may hold control characters. */
		out_printf(out, "%s: %s\n", c[nv].s, cli_clean(c[nv + 4].s,
		    buf, sizeof(buf)));
	}
}

static void
print_json(struct run *r, struct outbuf *out)
{
	size_t p, first = 1;

	out_printf(out, "{");
	for (p = 0; p < NPARTS; p++) {
		if (!(r->o->parts & (1u << p)))
			continue;
		out_printf(out, "%s\n", first ? "" : ",");
		first = 0;
		out_json_string(out, part_name[p]);
		out_printf(out, ": ");
		out_table(out, FMT_JSON, r->o->digits, r->tab[p].cols,
		    r->tab[p].ncols, r->tab[p].c, rows_of(&r->tab[p]));
		/* out_table ends its array with a newline. */
		if (out->len > 0 && out->buf[out->len - 1] == '\n')
			out->len--;
		if (p != P_LOLO)
			continue;
		out_printf(out, ",\n");
		out_json_string(out, "lolo_summary");
		out_printf(out, ": ");
		out_table(out, FMT_JSON, r->o->digits, r->summary.cols,
		    r->summary.ncols, r->summary.c, rows_of(&r->summary));
		if (out->len > 0 && out->buf[out->len - 1] == '\n')
			out->len--;
	}
	out_printf(out, "\n}\n");
}

static int
print(struct run *r)
{
	struct outbuf out = { NULL, 0, 0, 0 };
	const struct opts *o = r->o;
	size_t p, first = 1;

	if (o->format == FMT_JSON)
		print_json(r, &out);
	for (p = 0; o->format != FMT_JSON && p < NPARTS; p++) {
		if (!(o->parts & (1u << p)))
			continue;
		if (o->format == FMT_CSV || o->format == FMT_TSV) {
			out_table(&out, o->format, o->digits, r->tab[p].cols,
			    r->tab[p].ncols, r->tab[p].c, rows_of(&r->tab[p]));
			continue;
		}
		if (!first)
			out_printf(&out, "\n");
		first = 0;
		if (p == P_VERDICT && (o->format == FMT_TEXT ||
		    o->format == FMT_MD)) {
			verdict_text(r, &out);
			continue;
		}
		out_table_titled(&out, o->format, o->digits, part_title[p],
		    p == P_LOLO && r->lolo_caption[0] ? r->lolo_caption : NULL,
		    r->tab[p].cols, r->tab[p].ncols, r->tab[p].c,
		    rows_of(&r->tab[p]));
	}
	return out_finish(&out, o->output) == 0 ? EXIT_OK : EXIT_FAIL;
}

/* ---- running ------------------------------------------------------------- */

static void
estimator(const struct opts *o, struct mse_by_options *bo)
{
	mse_by_options_init(bo);
	bo->method = o->method == LOGLINEAR ? MSE_BY_LOGLINEAR :
	    o->method == CLOSEDP ? MSE_BY_CLOSEDP : o->method;
	bo->closedp = o->closedp;
	bo->model = o->model;
	bo->sel = &o->sel;
}

/* The LOLO summary of one stratum: a line under the table, and a row. */
static void
lolo_caption(struct run *r, const struct mse_check *c, size_t si,
    const char *where)
{
	size_t len = strlen(r->lolo_caption), used;
	double med, cov;
	int rc = mse_check_lolo_summary(c, &med, &cov, &used);

	strata_vals(r, &r->summary, si);
	tab_int(&r->summary, (long)used);
	tab_num(&r->summary, med);
	tab_num(&r->summary, cov);
	if (len + 1 >= sizeof(r->lolo_caption))
		return;
	if (rc != MSE_OK)
		snprintf(r->lolo_caption + len, sizeof(r->lolo_caption) - len,
		    "%s%s%sno list's size could be estimated from the others",
		    len ? "\n" : "", where, where[0] ? ": " : "");
	else
		snprintf(r->lolo_caption + len, sizeof(r->lolo_caption) - len,
		    "%s%s%smedian |log(estimate / size)| = %.4g over %zu "
		    "lists; coverage %.4g", len ? "\n" : "", where,
		    where[0] ? ": " : "", med, used, cov);
}

/* ---- -m lcm and -m dga ---------------------------------------------------- */

/* What a Bayesian fit gives the check. */
struct bayes {
	char model[64];
	double p, tobs, trep;
	long draws;
	int ppc_rc;
	char ppc_why[320];
	int conv_rc;			/* MSE_OK, or no convergence check */
	int conv_flag;
	double conv_value;
	char conv_result[256], conv_reading[512];
};

static void
bayes_lcm_conv(const struct mse_lcm *m, struct bayes *b)
{
	double rh = mse_lcm_rhat(m), eb = mse_lcm_ess_bulk(m);
	double et = mse_lcm_ess_tail(m);

	b->conv_value = rh;
	if (mse_lcm_stop(m) == MSE_LCM_STOP_UNDEFINED || isnan(rh)) {
		b->conv_rc = MSE_EDOMAIN;
		snprintf(b->conv_result, sizeof(b->conv_result), "the draws "
		    "of N are constant: no R-hat or ESS");
		return;
	}
	b->conv_flag = !(rh <= BAYES_RHAT && eb >= BAYES_ESS &&
	    et >= BAYES_ESS);
	snprintf(b->conv_result, sizeof(b->conv_result), "R-hat %.4g, ESS "
	    "%.0f (tail %.0f) after %ld sweeps a chain", rh, eb, et,
	    mse_lcm_sweeps(m));
	snprintf(b->conv_reading, sizeof(b->conv_reading), "%s (R-hat %.4g, "
	    "bulk ESS %.0f, tail ESS %.0f; want R-hat <= %.2f and ESS >= %d).",
	    b->conv_flag ? "The chains did not converge: do not trust the "
	    "estimate or the posterior predictive p-value" : "The chains "
	    "converged", rh, eb, et, BAYES_RHAT, BAYES_ESS);
}

static int
bayes_lcm(const struct opts *o, const struct mse_table *t, struct bayes *b,
    struct mse_error *err)
{
	struct mse_lcm_options lo;
	struct mse_lcm *m = NULL;
	struct mse_error perr;
	int rc;

	mse_lcm_options_init(&lo);
	lo.seed = o->seed_given ? o->chk.seed : lo.seed;
	lo.max_sweeps = BAYES_MAX_SWEEPS;
	lo.rhat_max = BAYES_RHAT;
	lo.ess_min = BAYES_ESS;
	if ((rc = mse_lcm_fit(t, &lo, &m, err)) != MSE_OK)
		return rc;
	snprintf(b->model, sizeof(b->model), "lcm K=%d", lo.classes);
	mse_error_clear(&perr);
	b->ppc_rc = mse_lcm_ppc(m, &b->p, &b->tobs, &b->trep, &perr);
	snprintf(b->ppc_why, sizeof(b->ppc_why), "%s", perr.message);
	b->draws = (long)mse_lcm_chains(m) * mse_lcm_samples(m);
	bayes_lcm_conv(m, b);
	mse_lcm_free(m);
	return MSE_OK;
}

static int
bayes_dga(const struct opts *o, const struct mse_table *t, struct bayes *b,
    struct mse_error *err)
{
	struct mse_dga_options go;
	struct mse_dga *d = NULL;
	struct mse_error perr;
	double top;
	int rc;

	mse_dga_options_init(&go);
	go.threads = MSE_THREADS_AUTO;
	go.seed = o->seed_given ? o->chk.seed : go.seed;
	if ((rc = mse_dga_fit(t, &go, &d, err)) != MSE_OK)
		return rc;
	snprintf(b->model, sizeof(b->model), "dga average");
	mse_error_clear(&perr);
	b->draws = BAYES_PPC_DRAWS;
	b->ppc_rc = mse_dga_ppc(d, BAYES_PPC_DRAWS, go.seed, &b->p, &b->tobs,
	    &b->trep, &perr);
	snprintf(b->ppc_why, sizeof(b->ppc_why), "%s", perr.message);
	top = mse_dga_top_mass(d);
	b->conv_value = top;
	b->conv_flag = !(top < BAYES_TOP_MAX);
	snprintf(b->conv_result, sizeof(b->conv_result), "P(N = %.0f) = %.3g "
	    "at the top of the grid", mse_dga_grid_n(d,
	    mse_dga_grid_size(d) - 1), top);
	snprintf(b->conv_reading, sizeof(b->conv_reading), "%s (P(N = %.0f) "
	    "= %.3g; want < %g).", b->conv_flag ? "The grid of N cuts the "
	    "posterior off: do not trust the estimate" : "The grid of N "
	    "holds the posterior", mse_dga_grid_n(d, mse_dga_grid_size(d) -
	    1), top, BAYES_TOP_MAX);
	mse_dga_free(d);
	return MSE_OK;
}

/* The verdict on the posterior predictive p-value: flagged below alpha
 * (the observed cells are more discrepant than nearly every replicate)
 * or above 1 - alpha (closer than nearly every replicate). */
static void
bayes_verdict_fit(struct run *r, const struct bayes *b, size_t si)
{
	struct tab *t = &r->tab[P_VERDICT];
	double a = r->o->chk.alpha, p = b->p;
	int lo = p < a, hi = p > 1 - a;

	strata_vals(r, t, si);
	tab_str(t, "fit");
	if (b->ppc_rc != MSE_OK) {
		tab_na(t);
		tab_na(t);
		tab_str(t, b->ppc_why);
		tab_fmt(t, "No posterior predictive p-value: %s.", b->ppc_why);
		return;
	}
	tab_str(t, lo || hi ? "yes" : "no");
	tab_num(t, p);
	tab_fmt(t, "posterior predictive p = %.3g (Freeman-Tukey, %ld "
	    "draws)", p, b->draws);
	if (lo)
		tab_fmt(t, "The model does not fit the observed cells: its own "
		    "replicated tables are as far from its expected counts in "
		    "only %.3g%% of posterior draws (p = %.3g < %g).", 100 * p,
		    p, a);
	else if (hi)
		tab_fmt(t, "The observed cells sit closer to the model's "
		    "expected counts than nearly all its own replicates (p = "
		    "%.3g > 1 - %g): the model may be overfitting them.", p, a);
	else
		tab_fmt(t, "No evidence that the model misfits the observed "
		    "cells (p = %.3g, from %g to %g), which says nothing of "
		    "the unseen cell.", p, a, 1 - a);
}

static void
add_bayes(struct run *r, const struct bayes *b, size_t si)
{
	struct tab *t = &r->tab[P_FIT];

	strata_vals(r, t, si);
	tab_str(t, b->model);
	tab_str(t, "Freeman-Tukey");
	tab_num(t, b->tobs);
	tab_num(t, b->trep);
	tab_int(t, b->draws);
	tab_num(t, b->p);
	tab_str(t, b->ppc_rc == MSE_OK ? "ok" : b->ppc_why);
	bayes_verdict_fit(r, b, si);
	t = &r->tab[P_VERDICT];
	strata_vals(r, t, si);
	tab_str(t, r->o->method == BAYES_LCM ? "convergence" : "grid");
	if (b->conv_rc != MSE_OK) {
		tab_na(t);
		tab_na(t);
		tab_str(t, b->conv_result);
		tab_fmt(t, "No convergence check: %s.", b->conv_result);
		return;
	}
	tab_str(t, b->conv_flag ? "yes" : "no");
	tab_num(t, b->conv_value);
	tab_str(t, b->conv_result);
	tab_str(t, b->conv_reading);
}

/* One table's Bayesian fit: 0, 1 when it failed in a stratum, -1 when
 * it failed on the whole table (an error, no output). */
static int
check_bayes(struct run *r, const struct mse_table *t, size_t si,
    const char *name)
{
	struct mse_error err;
	struct bayes b;
	char where[512] = "";
	int rc;

	memset(&b, 0, sizeof(b));
	b.p = b.tobs = b.trep = NAN;
	mse_error_clear(&err);
	rc = r->o->method == BAYES_LCM ? bayes_lcm(r->o, t, &b, &err) :
	    bayes_dga(r->o, t, &b, &err);
	if (rc == MSE_OK) {
		add_bayes(r, &b, si);
		return 0;
	}
	if (r->s == NULL) {
		cli_error(&err, name);
		return -1;
	}
	mse_strata_format(r->s, si, where, sizeof(where));
	cli_warn("%s: stratum %s: %s", name, where, err.message);
	snprintf(b.model, sizeof(b.model), "%s", r->o->method == BAYES_LCM ?
	    "lcm" : "dga average");
	b.ppc_rc = rc;
	snprintf(b.ppc_why, sizeof(b.ppc_why), "no estimate: %s",
	    err.message);
	b.conv_rc = rc;
	snprintf(b.conv_result, sizeof(b.conv_result), "no estimate");
	add_bayes(r, &b, si);
	return 1;
}

/* One table's checks; 0, or 1 when its whole-table estimate failed. */
static int
check_one(struct run *r, const struct mse_table *t, size_t si,
    const char *name)
{
	struct mse_by_options bo;
	struct mse_check *c = NULL;
	struct mse_check_options co = r->o->chk;
	const struct mse_check_row *full;
	struct mse_error err;
	char where[512] = "";
	int failed;

	if (IS_BAYES(r->o->method))
		return check_bayes(r, t, si, name);
	estimator(r->o, &bo);
	co.fit = &bo;
	mse_error_clear(&err);
	if (r->s != NULL)
		mse_strata_format(r->s, si, where, sizeof(where));
	if (mse_check_run(t, &co, &c, &err) != MSE_OK) {
		if (err.code == MSE_EPARSE && r->o->model != NULL &&
		    err.line == 0)
			cli_warn("--model: %s", err.message);
		else if (r->s != NULL)
			cli_warn("%s: stratum %s: %s", name, where,
			    err.message);
		else
			cli_error(&err, name);
		return -1;
	}
	full = mse_check_row(c, MSE_CHECK_SENSITIVITY, 0);
	if (full->status != MSE_OK) {
		if (r->s != NULL)
			cli_warn("%s: stratum %s: %s", name, where,
			    full->reason);
		else
			cli_warn("%s: %s", name, full->reason);
	}
	failed = full->status != MSE_OK;
	add_all(r, c, si);
	lolo_caption(r, c, si, where);
	mse_check_free(c);
	return failed;
}

static int
run(const struct opts *o)
{
	struct run r;
	struct mse_strata *s = NULL;
	struct mse_table *t = NULL;
	const char *name, *names[MSE_MAX_LISTS];
	size_t i, j, failed = 0, n = 1;
	int rc = EXIT_OK, x;

	memset(&r, 0, sizeof(r));
	r.o = o;
	if (o->nby > 0) {
		s = cli_read_strata(o->file, o->delimiter,
		    (const char *const *)o->by, o->nby, o->lists, 0, &name);
		if (s == NULL)
			return EXIT_FAIL;
		r.s = s;
		r.k = mse_strata_lists(s);
		for (j = 0; j < r.k; j++)
			names[j] = mse_strata_list(s, j);
		n = mse_strata_count(s);
	} else {
		struct mse_freq *fr = NULL;

		t = cli_read_data(o->file, o->delimiter, o->lists, &name, &fr);
		if (fr != NULL) {
			/* Frequencies say how often, not by which list. */
			mse_freq_free(fr);
			cli_warn("%s: frequency data (nbcap,count) have no "
			    "lists to leave out, drop or merge; mse-check "
			    "needs a capture-history table (mse-data(5))",
			    name);
			return EXIT_FAIL;
		}
		if (t == NULL)
			return EXIT_FAIL;
		r.k = mse_table_lists(t);
		for (j = 0; j < r.k; j++)
			names[j] = mse_table_name(t, j);
	}
	r.lists = names;
	columns(&r);
	for (i = 0; i < n && rc == EXIT_OK; i++) {
		x = check_one(&r, s != NULL ? mse_strata_table(s, i) : t, i,
		    name);
		if (x < 0)
			rc = EXIT_FAIL;
		failed += x > 0;
	}
	/* Without --by, no estimate on the table is a failure (as mse-fit);
	 * with --by, only when no stratum has one. */
	if (rc == EXIT_OK && failed == n)
		rc = EXIT_FAIL;
	if (rc == EXIT_OK)
		rc = print(&r);
	for (i = 0; i < NPARTS; i++)
		tab_free(&r.tab[i]);
	tab_free(&r.summary);
	mse_table_free(t);
	mse_strata_free(s);
	return rc;
}

int
main(int argc, char **argv)
{
	struct opts o;
	int rc;

	memset(&o, 0, sizeof(o));
	o.method = LOGLINEAR;
	o.method_name = "loglinear";
	o.closedp = -1;
	o.ci = MSE_CI_LOGNORMAL;
	o.level = 0.95;
	o.format = -1;
	mse_select_options_init(&o.sel);
	mse_check_options_init(&o.chk);
	cli_init(argv[0]);
	parse_args(argc, argv, &o);
	rc = run(&o);
	cli_split_free(o.by);
	return rc;
}
