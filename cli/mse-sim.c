/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mse-sim.c - draw simulated populations for tests, demos and coverage. */
#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mse.h>

#include "strataout.h"
#include "util.h"

#define MAX_VARS 16
/* --class given at most this often. */
#define MSE_MAX_CLASSES 64

struct opts {
	double size;
	const char *lists, *model, *heterogeneity, *absent;
	const char *by[MAX_VARS], *missing[MAX_VARS];
	size_t nby, nmissing;
	unsigned long seed;
	int records, truth;
	int format;
	const char *output;
	const char *classes[MSE_MAX_CLASSES];	/* --class, one each */
	size_t nclasses;
};

enum { OPT_ABSENT = 256, OPT_MISSING };

static void
usage(void)
{
	printf("Usage: %s --size=N --lists=A=P,B=P,... [OPTION]...\n"
	    "Draw a simulated population and print what the lists saw, as a "
	    "capture-history\ntable (mse-data(5)) or as records.\n\n"
	    "  -n, --size=N           units in the population (per stratum, "
	    "times its\n                         weights)\n"
	    "  -l, --lists=A=P,...    the lists and their capture "
	    "probabilities, 0 < P < 1\n"
	    "  -M, --model=A:B=L,...  log-linear interactions (log odds "
	    "ratios)\n"
	    "  -b, --by=VAR=VALUES    a stratum variable: 2012..2016, or "
	    "a,b,c with\n                         optional weights a:0.7,b:0.3 "
	    "(repeat for more)\n"
	    "  -C, --class=W:A=P,...  a latent class: weight W, and list A's "
	    "capture\n                         probability P in it (repeat "
	    "for each class)\n"
	    "  -H, --heterogeneity=W:F,...  latent classes: weight W, capture "
	    "odds times F\n"
	    "      --absent=CELLS     cells that cannot occur, e.g. "
	    "'ROSA:gender=mann'\n"
	    "      --missing=VAR=R[,LIST=R...]  lose VAR's value (a -b variable)"
	    " with\n                         chance R, or a list's R for the "
	    "units it saw\n                         (the highest); repeat for "
	    "more\n"
	    "  -s, --seed=S           seed of the generator (default 1)\n"
	    "  -r, --records          print one row per report (id, strata, "
	    "reported_by)\n"
	    "  -t, --truth            print the true size of each stratum\n"
	    "  -f, --format=FORMAT    text, csv, tsv, json (default: text on "
	    "a terminal,\n                         csv otherwise; csv or tsv "
	    "with -r)\n"
	    "  -o, --output=FILE      write to FILE atomically\n"
	    "  -h, --help             show this help and exit\n"
	    "  -V, --version          show the version and exit\n\n"
	    "The same seed gives the same output.\n"
	    "Exit status: 0 success, 1 failure, 2 usage error.\n"
	    "See mse-sim(1).\n", progname);
}

/* A finite number, the whole of s: 1, else 0. */
static int
is_number(const char *s, double *v)
{
	char *end;

	errno = 0;
	*v = strtod(s, &end);
	return errno == 0 && end != s && *end == '\0' && isfinite(*v);
}

static double
parse_number(const char *s, const char *option)
{
	double v;

	if (!is_number(s, &v))
		cli_usage_error("%s: '%s' is not a number", option, s);
	return v;
}

static unsigned long
parse_seed(const char *s)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || s[0] == '-')
		cli_usage_error("--seed: '%s' is not a whole number", s);
	return v;
}

static void
parse_args(int argc, char **argv, struct opts *o)
{
	static const struct option longopts[] = {
		{ "size", required_argument, NULL, 'n' },
		{ "lists", required_argument, NULL, 'l' },
		{ "model", required_argument, NULL, 'M' },
		{ "by", required_argument, NULL, 'b' },
		{ "heterogeneity", required_argument, NULL, 'H' },
		{ "class", required_argument, NULL, 'C' },
		{ "absent", required_argument, NULL, OPT_ABSENT },
		{ "missing", required_argument, NULL, OPT_MISSING },
		{ "seed", required_argument, NULL, 's' },
		{ "records", no_argument, NULL, 'r' },
		{ "truth", no_argument, NULL, 't' },
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":n:l:M:b:H:C:s:rtf:o:hV", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'n': o->size = parse_number(optarg, "--size"); break;
		case 'l': o->lists = optarg; break;
		case 'M': o->model = optarg; break;
		case 'b':
			if (o->nby == MAX_VARS)
				cli_usage_error("--by: at most %d variables",
				    MAX_VARS);
			o->by[o->nby++] = optarg;
			break;
		case 'H': o->heterogeneity = optarg; break;
		case 'C':
			if (o->nclasses == MSE_MAX_CLASSES)
				cli_usage_error("--class: at most %d classes",
				    MSE_MAX_CLASSES);
			o->classes[o->nclasses++] = optarg;
			break;
		case OPT_ABSENT: o->absent = optarg; break;
		case OPT_MISSING:
			if (o->nmissing == MAX_VARS)
				cli_usage_error("--missing: at most %d "
				    "variables", MAX_VARS);
			o->missing[o->nmissing++] = optarg;
			break;
		case 's': o->seed = parse_seed(optarg); break;
		case 'r': o->records = 1; break;
		case 't': o->truth = 1; break;
		case 'f': o->format = cli_parse_format(optarg); break;
		case 'o': o->output = optarg; break;
		case 'h': usage(); exit(EXIT_OK);
		case 'V': cli_version(); exit(EXIT_OK);
		default:
			cli_bad_option(c, argv);
		}
	}
	if (optind < argc)
		cli_usage_error("no operands are taken ('%s' is extra)",
		    argv[optind]);
	if (o->lists == NULL)
		cli_usage_error("--lists is required");
	if (!(o->size > 0))
		cli_usage_error("--size is required, and must be positive");
	if (o->heterogeneity != NULL && o->nclasses > 0)
		cli_usage_error("--heterogeneity and --class both make the "
		    "latent classes: give one of them");
	if (o->records && o->truth)
		cli_usage_error("--records and --truth cannot go together");
	if (o->format < 0)
		o->format = o->records ? FMT_CSV :
		    cli_default_format(o->output);
	if (o->records && o->format != FMT_CSV && o->format != FMT_TSV)
		cli_usage_error("--records writes csv or tsv");
}

/* "NAME=VALUE" at the last '=': the name (new) and the number. */
static char *
name_value(const char *item, const char *option, double *v)
{
	const char *eq = strrchr(item, '=');
	char *name;

	if (eq == NULL || eq == item || eq[1] == '\0')
		cli_usage_error("%s: '%s' is not NAME=NUMBER", option, item);
	*v = parse_number(eq + 1, option);
	if ((name = strndup(item, (size_t)(eq - item))) == NULL)
		cli_usage_error("out of memory");
	return name;
}

/* The lists and their probabilities; names gets the k names (new). */
static struct mse_sim *
make_lists(const struct opts *o, char **names, size_t *k)
{
	double prob[MSE_MAX_LISTS];
	struct mse_error err;
	struct mse_sim *m;
	size_t n, i;
	char **v = cli_split(o->lists, "--lists", &n);

	if (n > MSE_MAX_LISTS)
		cli_usage_error("--lists: %zu lists; at most %d", n,
		    MSE_MAX_LISTS);
	for (i = 0; i < n; i++)
		names[i] = name_value(v[i], "--lists", &prob[i]);
	mse_error_clear(&err);
	m = mse_sim_new(n, (const char *const *)names, prob, &err);
	*k = n;
	cli_split_free(v);
	if (m == NULL)
		cli_usage_error("--lists: %s", err.message);
	return m;
}

/* "A:B" over the simulation's list names. */
static uint32_t
term_mask(const char *term, const char *const *lists, size_t k)
{
	const char *p = term, *e;
	uint32_t t = 0;
	size_t j;

	for (;;) {
		e = p + strcspn(p, ":");
		for (j = 0; j < k; j++)
			if (strlen(lists[j]) == (size_t)(e - p) &&
			    strncmp(lists[j], p, (size_t)(e - p)) == 0)
				break;
		if (j == k)
			cli_usage_error("--model: '%.*s' is not one of the "
			    "lists", (int)(e - p), p);
		t |= (uint32_t)1 << j;
		if (*e == '\0')
			return t;
		p = e + 1;
	}
}

static void
add_model(struct mse_sim *m, const struct opts *o, const char *const *lists,
    size_t k)
{
	struct mse_error err;
	size_t n, i;
	char **v, *term;
	double lambda;

	if (o->model == NULL)
		return;
	v = cli_split(o->model, "--model", &n);
	for (i = 0; i < n; i++) {
		term = name_value(v[i], "--model", &lambda);
		mse_error_clear(&err);
		if (mse_sim_interaction(m, term_mask(term, lists, k), lambda,
		    &err) != MSE_OK)
			cli_usage_error("--model: '%s': %s", v[i], err.message);
		free(term);
	}
	cli_split_free(v);
}

static void
add_classes(struct mse_sim *m, const struct opts *o)
{
	struct mse_error err;
	size_t n, i;
	char **v, *colon, *end;
	double w, f;

	if (o->heterogeneity == NULL)
		return;
	v = cli_split(o->heterogeneity, "--heterogeneity", &n);
	for (i = 0; i < n; i++) {
		colon = strchr(v[i], ':');
		if (colon == NULL)
			cli_usage_error("--heterogeneity: '%s' is not "
			    "WEIGHT:FACTOR", v[i]);
		*colon = '\0';
		w = parse_number(v[i], "--heterogeneity");
		errno = 0;
		f = strtod(colon + 1, &end);
		if (errno != 0 || end == colon + 1 || *end != '\0')
			cli_usage_error("--heterogeneity: '%s' is not a "
			    "number", colon + 1);
		mse_error_clear(&err);
		if (mse_sim_class(m, w, f, &err) != MSE_OK)
			cli_usage_error("--heterogeneity: %s", err.message);
	}
	cli_split_free(v);
}

/* --class W:A=P,B=P,...: weight W, and list A's capture probability P
 * in the class (the lists not named keep their --lists probability). */
static void
add_class_probs(struct mse_sim *m, const char *spec,
    const char *const *lists, size_t k)
{
	double prob[MSE_MAX_LISTS], w, p;
	struct mse_error err;
	char *copy, *colon, **v, *name, bad[320] = "";
	size_t n, i, j;

	if ((copy = strdup(spec)) == NULL)
		cli_usage_error("out of memory");
	if ((colon = strchr(copy, ':')) != NULL)
		*colon = '\0';
	if (colon == NULL || !is_number(copy, &w)) {
		free(copy);
		cli_usage_error("--class: '%s' is not WEIGHT:LIST=P,...", spec);
	}
	for (j = 0; j < k; j++)
		prob[j] = NAN;
	v = cli_split(colon + 1, "--class", &n);
	for (i = 0; i < n && bad[0] == '\0'; i++) {
		const char *eq = strrchr(v[i], '=');

		if (eq == NULL || eq == v[i] || !is_number(eq + 1, &p)) {
			snprintf(bad, sizeof(bad), "'%s' is not NAME=NUMBER",
			    v[i]);
			break;
		}
		name = v[i];
		for (j = 0; j < k && (strncmp(lists[j], name, (size_t)(eq -
		    name)) != 0 || lists[j][eq - name] != '\0'); j++)
			;
		if (j == k)
			snprintf(bad, sizeof(bad), "'%.*s' is not one of the "
			    "lists", (int)(eq - name), name);
		else
			prob[j] = p;
	}
	/* Freed before a usage error exits: valgrind sees no leak. */
	cli_split_free(v);
	free(copy);
	if (bad[0] != '\0')
		cli_usage_error("--class: %s", bad);
	mse_error_clear(&err);
	if (mse_sim_class_probs(m, w, prob, &err) != MSE_OK)
		cli_usage_error("--class: '%s': %s", spec, err.message);
}

/* The most values a range a..b makes. */
#define RANGE_MAX 10000

/* a..b, whole numbers: the values a, a+1, ..., b. */
static int
range(const char *s, char ***values, size_t *n)
{
	char *end, buf[32];
	long a, b, i;

	errno = 0;
	a = strtol(s, &end, 10);
	if (end == s || strncmp(end, "..", 2) != 0)
		return 0;
	s = end + 2;
	b = strtol(s, &end, 10);
	if (end == s || *end != '\0' || errno != 0)
		return 0;
	if (b < a || b - a >= RANGE_MAX)
		cli_usage_error("--by: %ld..%ld is not a range of 1 to %d "
		    "values", a, b, RANGE_MAX);
	*n = (size_t)(b - a + 1);
	*values = calloc(*n + 1, sizeof(char *));
	if (*values == NULL)
		cli_usage_error("out of memory");
	for (i = a; i <= b; i++) {
		snprintf(buf, sizeof(buf), "%ld", i);
		if (((*values)[i - a] = strdup(buf)) == NULL)
			cli_usage_error("out of memory");
	}
	return 1;
}

/* "a:0.7,b:0.3": values with optional weights after the last ':'. */
static double *
weights(char **values, size_t n)
{
	double *w = calloc(n + 1, sizeof(double));
	char *colon, *end;
	size_t i;

	if (w == NULL)
		cli_usage_error("out of memory");
	for (i = 0; i < n; i++) {
		w[i] = 1;
		colon = strrchr(values[i], ':');
		if (colon == NULL || colon == values[i])
			continue;
		errno = 0;
		w[i] = strtod(colon + 1, &end);
		if (errno != 0 || end == colon + 1 || *end != '\0')
			cli_usage_error("--by: '%s' has a weight that is not "
			    "a number", values[i]);
		*colon = '\0';
	}
	return w;
}

static void
add_var(struct mse_sim *m, const char *spec)
{
	const char *eq = strchr(spec, '=');
	struct mse_error err;
	char *name, **values;
	double *w = NULL;
	size_t n;

	if (eq == NULL || eq == spec || eq[1] == '\0')
		cli_usage_error("--by: '%s' is not VAR=VALUES", spec);
	if ((name = strndup(spec, (size_t)(eq - spec))) == NULL)
		cli_usage_error("out of memory");
	if (!range(eq + 1, &values, &n)) {
		values = cli_split(eq + 1, "--by", &n);
		w = weights(values, n);
	}
	mse_error_clear(&err);
	if (mse_sim_var(m, name, n, (const char *const *)values, w, &err) !=
	    MSE_OK)
		cli_usage_error("--by: %s", err.message);
	free(name);
	free(w);
	cli_split_free(values);
}

/* --missing VAR=RATE[,LIST=RATE...]: VAR's values are lost with chance
 * RATE, or with a list's rate for the units that list saw. */
static void
add_missing(struct mse_sim *m, const char *spec, char *const *lists,
    size_t k)
{
	double rate = 0, lr[MSE_MAX_LISTS];
	size_t n = 0, i, j;
	char **v = cli_split(spec, "--missing", &n), bad[320] = "";
	struct mse_error err;

	mse_error_clear(&err);
	for (j = 0; j < MSE_MAX_LISTS; j++)
		lr[j] = NAN;
	for (i = 0; i < n && bad[0] == '\0'; i++) {
		char *eq = strrchr(v[i], '=');
		double x = 0;
		long l = -1;

		if (eq == NULL || eq == v[i]) {
			snprintf(bad, sizeof(bad), "'%s' is not NAME=RATE",
			    v[i]);
			break;
		}
		*eq = '\0';
		for (j = 0; i > 0 && j < k; j++)
			if (strcmp(lists[j], v[i]) == 0)
				l = (long)j;
		if (i > 0 && l < 0)
			snprintf(bad, sizeof(bad), "'%s' is not a list (after "
			    "VAR=RATE come LIST=RATE items)", v[i]);
		else if (!is_number(eq + 1, &x))
			snprintf(bad, sizeof(bad), "'%s' is not a number",
			    eq + 1);
		else if (i > 0)
			lr[l] = x;
		else
			rate = x;
	}
	if (bad[0] == '\0' && (n == 0 || mse_sim_missing(m, v[0], rate, lr,
	    &err) != MSE_OK))
		snprintf(bad, sizeof(bad), "%s", n == 0 ? "empty" :
		    err.message);
	/* Freed before a usage error exits: valgrind sees no leak. */
	cli_split_free(v);
	if (bad[0] != '\0')
		cli_usage_error("--missing: %s", bad);
}

static struct mse_sim *
make_sim(const struct opts *o)
{
	char *lists[MSE_MAX_LISTS];
	struct mse_error err;
	struct mse_sim *m;
	size_t i, k = 0;

	m = make_lists(o, lists, &k);
	for (i = 0; i < o->nclasses; i++)
		add_class_probs(m, o->classes[i], (const char *const *)lists,
		    k);
	add_model(m, o, (const char *const *)lists, k);
	for (i = 0; i < o->nmissing; i++)
		add_missing(m, o->missing[i], lists, k);
	for (i = 0; i < k; i++)
		free(lists[i]);
	add_classes(m, o);
	for (i = 0; i < o->nby; i++)
		add_var(m, o->by[i]);
	mse_error_clear(&err);
	if (o->absent != NULL && mse_sim_absent(m, o->absent, &err) != MSE_OK)
		cli_usage_error("--absent: %s", err.message);
	return m;
}

/* A CSV or TSV field, quoted (CSV) or cleaned (TSV) as util.c does. */
static void
put_field(struct outbuf *out, const char *s, int tsv)
{
	const char *p;

	if (tsv || strpbrk(s, ",\"\r\n") == NULL) {
		for (p = s; *p != '\0'; p++)
			out_printf(out, "%c", tsv && (*p == '\t' ||
			    *p == '\r' || *p == '\n') ? ' ' : *p);
		return;
	}
	out_printf(out, "\"");
	for (p = s; *p != '\0'; p++)
		out_printf(out, *p == '"' ? "\"\"" : "%c", *p);
	out_printf(out, "\"");
}

/* The reports of one person of stratum i seen by the lists in w. */
static void
print_person(struct outbuf *out, const struct mse_strata *s, size_t i,
    int inc, uint32_t w, unsigned long long id, int tsv)
{
	size_t j, l, nv = mse_strata_vars(s);
	const char *d = tsv ? "\t" : ",";

	for (l = 0; l < mse_strata_lists(s); l++) {
		if (!(w >> l & 1))
			continue;
		out_printf(out, "%llu", id);
		for (j = 0; j < nv; j++) {
			out_printf(out, "%s", d);
			if (!inc)
				put_field(out, mse_strata_value(s, i, j), tsv);
			else if (mse_strata_incomplete_value(s, i, j) != NULL)
				put_field(out, mse_strata_incomplete_value(s,
				    i, j), tsv);
		}
		out_printf(out, "%s", d);
		put_field(out, mse_strata_list(s, l), tsv);
		out_printf(out, "\n");
	}
}

/* One row per report: id, the stratum values, the list. */
static void
print_records(struct outbuf *out, const struct mse_strata *s, int tsv)
{
	size_t i, j, nv = mse_strata_vars(s);
	uint32_t w;
	unsigned long long id = 0;
	double c, u;

	out_printf(out, "id");
	for (j = 0; j < nv; j++) {
		out_printf(out, "%s", tsv ? "\t" : ",");
		put_field(out, mse_strata_var(s, j), tsv);
	}
	out_printf(out, "%sreported_by\n", tsv ? "\t" : ",");
	for (i = 0; i < mse_strata_count(s); i++) {
		const struct mse_table *t = mse_strata_table(s, i);

		for (w = mse_table_next(t, 0); w != 0;
		    w = mse_table_next(t, w)) {
			c = mse_table_get(t, w);
			for (u = 0; u < c; u++)
				print_person(out, s, i, 0, w, ++id, tsv);
		}
	}
	/* Units with a missing value: an empty field. */
	for (i = 0; i < mse_strata_incomplete(s); i++) {
		c = mse_strata_incomplete_count(s, i);
		for (u = 0; u < c; u++)
			print_person(out, s, i, 1,
			    mse_strata_incomplete_pattern(s, i), ++id, tsv);
	}
}

static int
print_truth(struct outbuf *out, const struct opts *o,
    const struct mse_strata *s, const double *truth)
{
	size_t i, j, nv = mse_strata_vars(s), n = mse_strata_count(s);
	const char **cols = calloc(nv + 1, sizeof(*cols));
	struct cell *c = calloc((nv + 1) * n, sizeof(*c));

	if (cols == NULL || c == NULL) {
		free(cols);
		free(c);
		cli_warn("out of memory");
		return -1;
	}
	for (j = 0; j < nv; j++)
		cols[j] = mse_strata_var(s, j);
	cols[nv] = "size";
	for (i = 0; i < n; i++) {
		for (j = 0; j < nv; j++)
			c[i * (nv + 1) + j] = (struct cell){ CELL_STR,
			    mse_strata_value(s, i, j), 0, 0 };
		c[i * (nv + 1) + nv] = (struct cell){ CELL_NUM, NULL, truth[i],
		    0 };
	}
	out_table(out, o->format, 0, cols, nv + 1, c, n);
	free(cols);
	free(c);
	return 0;
}

static int
run(const struct opts *o)
{
	struct outbuf out = { NULL, 0, 0, 0 };
	struct mse_strata *s = NULL;
	struct mse_sim *m = make_sim(o);
	struct mse_error err;
	double *truth = calloc(mse_sim_strata(m) + 1, sizeof(double));
	int rc;

	mse_error_clear(&err);
	if (truth == NULL) {
		cli_warn("out of memory");
		mse_sim_free(m);
		return EXIT_FAIL;
	}
	rc = mse_sim_run(m, o->size, o->seed, &s, truth, &err);
	mse_sim_free(m);
	if (rc == MSE_EPARSE)
		cli_usage_error("--absent: %s", err.message);
	else if (rc == MSE_EINVAL)
		cli_usage_error("%s", err.message);
	else if (rc != MSE_OK) {
		cli_error(&err, NULL);
		free(truth);
		return EXIT_FAIL;
	}
	if (o->truth)
		rc = print_truth(&out, o, s, truth);
	else if (o->records)
		print_records(&out, s, o->format == FMT_TSV);
	else
		rc = strata_print(&out, o->format, 0, s);
	free(truth);
	mse_strata_free(s);
	if (rc != 0) {
		free(out.buf);
		return EXIT_FAIL;
	}
	return out_finish(&out, o->output) == 0 ? EXIT_OK : EXIT_FAIL;
}

int
main(int argc, char **argv)
{
	struct opts o;

	memset(&o, 0, sizeof(o));
	o.seed = 1;
	o.format = -1;
	cli_init(argv[0]);
	parse_args(argc, argv, &o);
	return run(&o);
}
