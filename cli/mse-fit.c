/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mse-fit.c - estimate a population's size from a capture-history table. */
#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	int ci_given;
	struct bayes_opts bayes;	/* -m lcm and -m dga (bayes.c) */
};

#define LOGLINEAR (-1)

static const char *const columns[] = {
	"method", "model", "observed", "estimate", "se", "lower", "upper",
	"level", "df", "deviance", "aic", "bic", "status"
};
#define NCOLS (sizeof(columns) / sizeof(columns[0]))

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
	    "  -c, --ci=KIND          lognormal (default), wald, conditional\n"
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
	    "level, df,\ndeviance, aic, bic, status.\n"
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
	if (strcmp(s, "lcm") == 0)
		return METHOD_LCM;
	if (strcmp(s, "dga") == 0)
		return METHOD_DGA;
	cli_usage_error("--method: '%s' is not one of loglinear, petersen, "
	    "chapman, chao, zelterman, lcm, dga", s);
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
	cli_usage_error("--ci: '%s' is not one of lognormal, wald, "
	    "conditional", s);
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
	if (o->bias_corrected)
		o->method = MSE_CHAO_BC;
	if (o->format < 0)
		o->format = cli_default_format(o->output);
	if (o->ci_given && (o->method == METHOD_LCM ||
	    o->method == METHOD_DGA))
		cli_usage_error("--ci does not apply to %s: its interval is the "
		    "central posterior interval", o->method_name);
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
		{ "delimiter", required_argument, NULL, 'd' },
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "digits", required_argument, NULL, 'D' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		BAYES_LONGOPTS,
		{ NULL, 0, NULL, 0 }
	};
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":m:M:l:c:L:bd:f:o:D:hV", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'm':
			o->method = parse_method(optarg);
			o->method_name = optarg;
			break;
		case 'M': o->model = optarg; break;
		case 'l': o->lists = optarg; break;
		case 'c':
			o->ci = parse_ci(optarg);
			o->ci_given = 1;
			break;
		case 'L': o->level = cli_parse_level(optarg); break;
		case 'b': o->bias_corrected = 1; break;
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
			if (bayes_option(&o->bayes, c, optarg))
				break;
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

static struct mse_table *
read_input(const struct opts *o, const char **name)
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
	rc = mse_table_read(fp, *name, o->delimiter, &t, &err);
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
};

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
		fit_status(t, f, r->status, sizeof(r->status));
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
	struct cell c[NCOLS];
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
	out_table(out, o->format, o->digits, columns, NCOLS, c, 1);
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
	case METHOD_LCM: return "lcm";
	case METHOD_DGA: return "dga";
	default: return "zelterman";
	}
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

	t = read_input(o, &name);
	if (t != NULL && o->lists != NULL)
		t = collapse(t, o->lists, name);
	if (t == NULL)
		return EXIT_FAIL;
	if (o->method == METHOD_LCM || o->method == METHOD_DGA) {
		rc = bayes_run(&o->bayes, o->method, t, name, o->level,
		    o->format, o->digits, o->output);
		mse_table_free(t);
		return rc;
	}
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
	emit(o, &r, &out);
	return out_finish(&out, o->output) == 0 ? EXIT_OK : EXIT_FAIL;
}

int
main(int argc, char **argv)
{
	struct opts o = { LOGLINEAR, "loglinear", NULL, NULL,
	    MSE_CI_LOGNORMAL, 0.95, 0, 0, -1, NULL, 0, NULL, 0, { 0 } };

	cli_init(argv[0]);
	bayes_init(&o.bayes);
	parse_args(argc, argv, &o);
	return run(&o);
}
