/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mse-fit.c - estimate a population's size from a capture-history table. */
#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <mse.h>

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
};

#define CI_BOOTSTRAP CLI_CI_BOOTSTRAP

#define LOGLINEAR (-1)

static const char *const columns[] = {
	"method", "model", "observed", "estimate", "se", "lower", "upper",
	"level", "df", "deviance", "aic", "bic", "status", "selection",
	/* with --ci bootstrap only */
	"percentile_lower", "percentile_upper", "replicates", "z0",
	"acceleration"
};
#define NCOLS_BOOT (sizeof(columns) / sizeof(columns[0]))
#define NCOLS (NCOLS_BOOT - 5)

static void
usage(void)
{
	printf("Usage: %s [OPTION]... [FILE]\n"
	    "Estimate the size of a population from a capture-history table "
	    "(mse-data(5))\nread from FILE, or standard input when FILE is "
	    "absent or '-'.\n\n"
	    "  -m, --method=METHOD    loglinear (default), petersen, chapman, "
	    "chao,\n                         zelterman\n"
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
	    "bootstrap\n"
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
	    "level, df,\ndeviance, aic, bic, status, selection; with --ci "
	    "bootstrap also\npercentile_lower, percentile_upper, replicates, "
	    "z0, acceleration.\n"
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
	cli_usage_error("--method: '%s' is not one of loglinear, petersen, "
	    "chapman, chao, zelterman", s);
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
	if (o->bias_corrected && o->method != MSE_CHAO)
		cli_usage_error("--bias-corrected needs --method chao");
	if (o->sel.method != MSE_SELECT_NONE && o->model != NULL)
		cli_usage_error("--model and --select exclude each other");
	if (o->sel.method != MSE_SELECT_NONE && o->method != LOGLINEAR)
		cli_usage_error("--select needs --method loglinear");
	if (o->ci == CI_BOOTSTRAP && o->method != LOGLINEAR)
		cli_usage_error("--ci bootstrap needs --method loglinear");
	if (o->boot.top > 0 && o->sel.method != MSE_SELECT_AIC &&
	    o->sel.method != MSE_SELECT_BIC)
		cli_usage_error("--top needs --select aic or bic");
	if ((o->replicates_out != NULL || o->boot_opts) &&
	    o->ci != CI_BOOTSTRAP)
		cli_usage_error("-B, --seed, --threads, --top, --resample "
		    "and --write-replicates need --ci bootstrap");
	if (o->order_opt && o->sel.method != MSE_SELECT_AIC &&
	    o->sel.method != MSE_SELECT_BIC)
		cli_usage_error("--max-order needs --select aic or bic");
	if (o->threshold_opt && o->sel.method != MSE_SELECT_STEPWISE)
		cli_usage_error("--threshold needs --select stepwise");
	if (o->bias_corrected)
		o->method = MSE_CHAO_BC;
	if (o->format < 0)
		o->format = cli_default_format(o->output);
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
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":m:M:l:c:L:bd:f:o:D:s:B:hV", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'm':
			o->method = parse_method(optarg);
			o->method_name = optarg;
			break;
		case 'M': o->model = optarg; break;
		case 'l': o->lists = optarg; break;
		case 'c': o->ci = cli_parse_ci(optarg, 1); break;
		case 'L': o->level = cli_parse_level(optarg); break;
		case 'b': o->bias_corrected = 1; break;
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
			o->boot_opts = 1;
			o->boot.seed = (unsigned long)cli_parse_count("seed",
			    optarg, 0, 2147483647);
			break;
		case 4:
			o->boot_opts = 1;
			o->boot.threads = (int)cli_parse_count("threads", optarg, 1,
			    256);
			break;
		case 5:
			o->boot_opts = 1;
			o->boot.top = (size_t)cli_parse_count("top", optarg, 1,
			    10000000);
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
};

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
		rc = mse_fit_loglinear(t, *m, NULL, f, err);
	return rc;
}

/* --ci bootstrap: BCa in lower and upper, the percentile interval and
 * the bootstrap's own figures in extra columns. */
static int
run_bootstrap(const struct opts *o, const struct mse_table *t,
    const struct mse_model *m, struct result *r, struct mse_error *err)
{
	int rc = mse_bootstrap(t, &o->sel, m, &o->boot, &r->boot, err);

	cli_progress_done(o->boot.progress_arg);
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
		rc = mse_fit_interval(f, o->ci, o->level, &r->lower, &r->upper,
		    err);
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

static void
emit(const struct opts *o, const struct result *r, struct outbuf *out)
{
	struct cell c[NCOLS_BOOT];
	size_t i = 0;

	memset(c, 0, sizeof(c));
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
	out_table(out, o->format, o->digits, columns, r->has_boot ?
	    NCOLS_BOOT : NCOLS, c, 1);
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
	default: return "zelterman";
	}
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

static int
run(const struct opts *o)
{
	struct outbuf out = { NULL, 0, 0, 0 };
	struct mse_table *t;
	struct mse_error err;
	struct result r;
	const char *name;
	int rc;

	t = cli_read_table(o->file, o->delimiter, o->lists, &name);
	if (t == NULL)
		return EXIT_FAIL;
	memset(&r, 0, sizeof(r));
	mse_error_clear(&err);
	r.method = method_label(o->method);
	rc = o->method == LOGLINEAR ? run_loglinear(o, t, &r, &err) :
	    run_closed(o, t, &r, &err);
	mse_table_free(t);
	if (rc != MSE_OK) {
		cli_error(&err, strncmp(err.message, "--", 2) == 0 ? NULL :
		    name);
		return EXIT_FAIL;
	}
	if (r.has_boot && o->replicates_out != NULL &&
	    write_replicates(&r.boot, o->replicates_out) != 0) {
		mse_bootstrap_result_free(&r.boot);
		return EXIT_FAIL;
	}
	emit(o, &r, &out);
	mse_bootstrap_result_free(&r.boot);
	return out_finish(&out, o->output) == 0 ? EXIT_OK : EXIT_FAIL;
}

int
main(int argc, char **argv)
{
	struct opts o;
	long cores = sysconf(_SC_NPROCESSORS_ONLN);

	memset(&o, 0, sizeof(o));
	o.method = LOGLINEAR;
	o.method_name = "loglinear";
	o.ci = MSE_CI_LOGNORMAL;
	o.level = 0.95;
	o.format = -1;
	mse_select_options_init(&o.sel);
	mse_bootstrap_options_init(&o.boot);
	o.boot.threads = cores > 0 ? (int)(cores < 256 ? cores : 256) : 1;
	cli_init(argv[0]);
	parse_args(argc, argv, &o);
	o.boot.level = o.level;
	if (o.ci == CI_BOOTSTRAP)
		cli_progress_init(&o.boot.progress, &o.boot.progress_arg);
	return run(&o);
}
