/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mse-prevalence.c - prevalence per population, beside an index figure. */
#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mse.h>

#include "util.h"

#define MAXKEYS 8
#define MAXCOLS 40

struct opts {
	const char *count, *lower, *upper;
	const char *population, *popcol, *index, *keys;
	double per;
	int rank;
	int delimiter, format, digits;
	const char *output, *file;
};

/* A table read from a file, and how its rows match the input's. */
struct table {
	struct mse_csv *csv;
	const char *name;
	long inkey[MAXKEYS];	/* key columns of the input */
	long key[MAXKEYS];	/* the same keys' columns here */
	size_t nkeys;
};

struct job {
	const struct opts *o;
	struct table in, pop, idx;
	long count, lower, upper, popcol, published, status;
	long observed;		/* mse-fit's observed: the number registered */
	long idx_count, idx_prev;
	long carry[MAXCOLS];	/* input columns copied to the output */
	size_t ncarry;
};

static void
usage(void)
{
	printf("Usage: %s [OPTION]... [FILE]\n"
	    "Prevalence per 1,000 people (or --per N) from estimates or "
	    "index figures in\nFILE, or standard input when FILE is absent "
	    "or '-', with intervals carried\nthrough.  The population is "
	    "taken as known.\n\n"
	    "  -c, --count=COL         the count: estimate, victims, total or "
	    "count (the\n                          first present)\n"
	    "      --lower=COL, --upper=COL  its interval (default: lower, "
	    "upper)\n"
	    "  -p, --population=FILE   populations by key (country, region, "
	    "year), else\n                          the population column of "
	    "FILE\n"
	    "  -P, --population-column=COL  the population column (default: "
	    "population)\n"
	    "  -n, --per=N             people per rate (default 1000)\n"
	    "  -i, --index=FILE        an index table (Global Slavery Index "
	    "style): the\n                          ratio of the count to its "
	    "victims figure\n"
	    "  -k, --keys=A,B,...      match rows on these columns (default: "
	    "country,\n                          region and year where both "
	    "files have them)\n"
	    "  -r, --rank              largest prevalence first, with its "
	    "rank\n"
	    "  -d, --delimiter=C       input delimiter ',', ';' or 'tab' "
	    "(default: detect)\n"
	    "  -f, --format=FORMAT     text, csv, tsv, json, md, latex, html "
	    "(default: text\n                          on a terminal, csv "
	    "otherwise)\n"
	    "  -o, --output=FILE       write to FILE atomically\n"
	    "  -D, --digits=N          significant digits, 1-17\n"
	    "  -h, --help              show this help and exit\n"
	    "  -V, --version           show the version and exit\n\n"
	    "The column population_source names the file and line of the "
	    "population used.\nExit status: 0 success, 1 bad input, 2 usage "
	    "error.  See mse-prevalence(1).\n", progname);
}

static double
parse_per(const char *s)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (errno != 0 || end == s || *end != '\0' || !(v >= 1 && v <= 1e9) ||
	    v != floor(v))
		cli_usage_error("--per: '%s' is not a whole number from 1 to "
		    "1000000000", s);
	return v;
}

static void
parse_args(int argc, char **argv, struct opts *o)
{
	static const struct option longopts[] = {
		{ "count", required_argument, NULL, 'c' },
		{ "lower", required_argument, NULL, 'L' },
		{ "upper", required_argument, NULL, 'U' },
		{ "population", required_argument, NULL, 'p' },
		{ "population-column", required_argument, NULL, 'P' },
		{ "per", required_argument, NULL, 'n' },
		{ "index", required_argument, NULL, 'i' },
		{ "keys", required_argument, NULL, 'k' },
		{ "rank", no_argument, NULL, 'r' },
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
	while ((c = getopt_long(argc, argv, ":c:p:P:n:i:k:rd:f:o:D:hV",
	    longopts, NULL)) != -1) {
		switch (c) {
		case 'c': o->count = optarg; break;
		case 'L': o->lower = optarg; break;
		case 'U': o->upper = optarg; break;
		case 'p': o->population = optarg; break;
		case 'P': o->popcol = optarg; break;
		case 'n': o->per = parse_per(optarg); break;
		case 'i': o->index = optarg; break;
		case 'k': o->keys = optarg; break;
		case 'r': o->rank = 1; break;
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
	if ((o->lower == NULL) != (o->upper == NULL))
		cli_usage_error("--lower and --upper go together");
	if (o->format < 0)
		o->format = cli_default_format(o->output);
}

static int
read_table(const char *file, int delimiter, struct table *t)
{
	struct mse_error err;
	FILE *fp;

	t->name = strcmp(file, "-") == 0 ? "<stdin>" : file;
	fp = strcmp(file, "-") == 0 ? stdin : fopen(file, "rb");
	if (fp == NULL) {
		cli_warn("%s: %s", file, strerror(errno));
		return -1;
	}
	mse_error_clear(&err);
	if (mse_csv_read(fp, t->name, delimiter, &t->csv, &err) != MSE_OK)
		cli_error(&err, t->name);
	if (fp != stdin)
		fclose(fp);
	return t->csv != NULL ? 0 : -1;
}

/* The first of names that t has; -1 if none. */
static long
first_of(const struct mse_csv *c, const char *const *names)
{
	long j;

	for (; *names != NULL; names++)
		if ((j = mse_csv_find(c, *names)) >= 0)
			return j;
	return -1;
}

/* A column an option names: it must exist. */
static long
named(const struct table *t, const char *opt, const char *col)
{
	long j = mse_csv_find(t->csv, col);

	if (j < 0)
		cli_warn("%s: --%s: no column named '%s'", t->name, opt, col);
	return j;
}

/* The keys on which other's rows match the input's: --keys, each in
 * both, else those of country, region and year that both have.  With no
 * key, other must have one row, which then serves every input row. */
static int
join_keys(const struct opts *o, const struct table *in, struct table *t)
{
	static const char *const defaults[] = { "country", "region", "year" };
	char *copy = o->keys != NULL ? strdup(o->keys) : NULL, *tok;
	char *save = NULL;
	size_t i;
	int rc = 0;

	t->nkeys = 0;
	if (o->keys != NULL && copy == NULL)
		rc = -1;
	for (tok = copy ? strtok_r(copy, ",", &save) : NULL; tok != NULL &&
	    rc == 0; tok = strtok_r(NULL, ",", &save)) {
		t->inkey[t->nkeys] = named(in, "keys", tok);
		t->key[t->nkeys] = named(t, "keys", tok);
		if (t->inkey[t->nkeys] < 0 || t->key[t->nkeys] < 0 ||
		    ++t->nkeys == MAXKEYS)
			rc = -1;
	}
	free(copy);
	for (i = 0; o->keys == NULL && i < 3; i++) {
		t->inkey[t->nkeys] = mse_csv_find(in->csv, defaults[i]);
		t->key[t->nkeys] = mse_csv_find(t->csv, defaults[i]);
		t->nkeys += t->inkey[t->nkeys] >= 0 && t->key[t->nkeys] >= 0;
	}
	if (rc == 0 && t->nkeys == 0 && mse_csv_rows(t->csv) != 1) {
		cli_warn("%s: cannot match its rows to %s's: no shared "
		    "country, region or year column (use --keys)", t->name,
		    in->name);
		rc = -1;
	}
	return rc;
}

/* The row of t matching input row r: -1 if none, -2 if two match. */
static long
match(const struct table *in, size_t r, const struct table *t)
{
	size_t i, k;
	long found = -1;

	if (t->nkeys == 0)
		return 0;
	for (i = 0; i < mse_csv_rows(t->csv); i++) {
		for (k = 0; k < t->nkeys; k++)
			if (strcmp(mse_csv_field(in->csv, r,
			    (size_t)t->inkey[k]), mse_csv_field(t->csv, i,
			    (size_t)t->key[k])) != 0)
				break;
		if (k < t->nkeys)
			continue;
		if (found >= 0) {
			long l1, l2, c;

			mse_csv_position(t->csv, (size_t)found, 0, &l1, &c);
			mse_csv_position(t->csv, i, 0, &l2, &c);
			cli_warn("%s:%ld: matches the same row of %s as line "
			    "%ld", t->name, l2, in->name, l1);
			return -2;
		}
		found = (long)i;
	}
	return found;
}

static int
is_key(const struct job *j, long col)
{
	size_t k;

	for (k = 0; k < j->pop.nkeys; k++)
		if (j->pop.inkey[k] == col)
			return 1;
	for (k = 0; k < j->idx.nkeys; k++)
		if (j->idx.inkey[k] == col)
			return 1;
	return 0;
}

/* Input columns that name a row: strata (before mse-fit's method),
 * country, region, year and the join keys. */
static void
carried_columns(struct job *j)
{
	const struct mse_csv *c = j->in.csv;
	long method = mse_csv_find(c, "method");
	size_t i;

	for (i = 0; i < mse_csv_columns(c) && j->ncarry < MAXCOLS; i++) {
		const char *n = mse_csv_name(c, i);

		if ((long)i == j->count || (long)i == j->lower ||
		    (long)i == j->upper)
			continue;
		if ((long)i < method || strcmp(n, "country") == 0 ||
		    strcmp(n, "region") == 0 || strcmp(n, "year") == 0 ||
		    strcmp(n, "level") == 0 || is_key(j, (long)i))
			j->carry[j->ncarry++] = (long)i;
	}
}

/* The count and interval columns, and where populations come from. */
static int
input_columns(struct job *j)
{
	static const char *const counts[] = { "estimate", "victims", "total",
	    "count", NULL };
	const struct opts *o = j->o;
	const char *pc = o->popcol != NULL ? o->popcol : "population";

	j->count = o->count != NULL ? named(&j->in, "count", o->count) :
	    first_of(j->in.csv, counts);
	if (j->count == -1 && o->count == NULL)
		cli_warn("%s: no estimate, victims, total or count column "
		    "(name it with --count)", j->in.name);
	j->lower = o->lower != NULL ? named(&j->in, "lower", o->lower) :
	    mse_csv_find(j->in.csv, "lower");
	j->upper = o->upper != NULL ? named(&j->in, "upper", o->upper) :
	    mse_csv_find(j->in.csv, "upper");
	j->published = mse_csv_find(j->in.csv, "prevalence_per_1000");
	j->observed = mse_csv_find(j->in.csv, "observed");
	j->status = mse_csv_find(j->in.csv, "status");
	j->popcol = j->pop.csv != NULL ? mse_csv_find(j->pop.csv, pc) :
	    mse_csv_find(j->in.csv, pc);
	if (j->popcol < 0)
		cli_warn("%s: no '%s' column: give --population FILE or a "
		    "population column", j->pop.csv != NULL ? j->pop.name :
		    j->in.name, pc);
	if (j->count < 0 || j->popcol < 0 || (o->lower != NULL &&
	    j->lower < 0) || (o->upper != NULL && j->upper < 0))
		return -1;
	if (j->lower < 0 || j->upper < 0)
		j->lower = j->upper = -1;
	return 0;
}

static int
index_columns(struct job *j)
{
	static const char *const counts[] = { "victims", "estimate", NULL };

	j->idx_count = first_of(j->idx.csv, counts);
	j->idx_prev = mse_csv_find(j->idx.csv, "prevalence_per_1000");
	if (j->idx_count < 0) {
		cli_warn("%s: no victims or estimate column", j->idx.name);
		return -1;
	}
	return 0;
}

struct result {
	double count[3], pop, prev[3], published, ivict, iprev, ratio[3];
	double registered, toreg[3];	/* estimate / registered */
	double rank;
	int unmatched;		/* no row of the population table matches */
	char narrower[64];	/* a subgroup column the table does not have */
	char source[512];
	char status[256];
};

/* A number from t's row r and column col; NaN if col < 0. */
static int
number(const struct table *t, long r, long col, double *v)
{
	struct mse_error err;

	*v = NAN;
	if (col < 0 || r < 0)
		return 0;
	mse_error_clear(&err);
	if (mse_csv_number(t->csv, (size_t)r, (size_t)col, v, &err) !=
	    MSE_OK) {
		cli_error(&err, t->name);
		return -1;
	}
	return 0;
}

/* The first problem replaces "ok"; a later one is added after "; ". */
static void
set_status(struct result *x, const char *s)
{
	size_t n = strlen(x->status);

	if (strcmp(x->status, "ok") == 0)
		snprintf(x->status, sizeof(x->status), "%s", s);
	else if (n < sizeof(x->status))
		snprintf(x->status + n, sizeof(x->status) - n, "; %s", s);
}

/* The population of input row r, and the file and line it came from. */
static int
population(const struct job *j, size_t r, struct result *x)
{
	const struct table *t = j->pop.csv != NULL ? &j->pop : &j->in;
	long row = j->pop.csv != NULL ? match(&j->in, r, &j->pop) : (long)r;
	long line, col;

	if (row == -2 || number(t, row, j->popcol, &x->pop) != 0)
		return -1;
	if (row < 0) {
		x->unmatched = 1;
		return 0;
	}
	/* A row of a subgroup (a stratum column such as gender set) needs
	 * that subgroup's population: the table's row for everyone is not
	 * its denominator.  (A table of one row and no keys serves every
	 * row, as asked.) */
	if (j->pop.csv != NULL && j->pop.nkeys > 0) {
		const struct mse_csv *c = j->in.csv;
		long method = mse_csv_find(c, "method"), rowcol =
		    mse_csv_find(c, "row"), i;

		for (i = 0; i < method; i++) {
			const char *n = mse_csv_name(c, (size_t)i);

			if (i == rowcol || is_key(j, i) ||
			    mse_csv_field(c, r, (size_t)i)[0] == '\0' ||
			    mse_csv_find(j->pop.csv, n) >= 0)
				continue;
			cli_clean(n, x->narrower, sizeof(x->narrower));
			x->pop = NAN;
			return 0;
		}
	}
	mse_csv_position(t->csv, (size_t)row, (size_t)j->popcol, &line, &col);
	snprintf(x->source, sizeof(x->source), "%s:%ld", t->name, line);
	return 0;
}

static int
compare_index(const struct job *j, size_t r, struct result *x)
{
	struct mse_error err;
	long row = match(&j->in, r, &j->idx);

	if (row == -2 || number(&j->idx, row, j->idx_count, &x->ivict) != 0 ||
	    number(&j->idx, row, j->idx_prev, &x->iprev) != 0)
		return -1;
	mse_error_clear(&err);
	if (row < 0)
		set_status(x, "no index row");
	else if (!isnan(x->count[0]) && mse_ratio(x->count, x->ivict,
	    x->ratio, &err) != MSE_OK)
		set_status(x, err.message);
	return 0;
}

static int
compute(const struct job *j, size_t r, struct result *x)
{
	struct mse_error err;

	memset(x, 0, sizeof(*x));
	/* An estimate's own status (mse-fit's) comes first. */
	snprintf(x->status, sizeof(x->status), "%s", j->status >= 0 &&
	    mse_csv_field(j->in.csv, r, (size_t)j->status)[0] != '\0' ?
	    mse_csv_field(j->in.csv, r, (size_t)j->status) : "ok");
	x->prev[0] = x->prev[1] = x->prev[2] = NAN;
	x->ratio[0] = x->ratio[1] = x->ratio[2] = NAN;
	x->toreg[0] = x->toreg[1] = x->toreg[2] = NAN;
	x->ivict = x->iprev = NAN;
	if (number(&j->in, (long)r, j->count, &x->count[0]) != 0 ||
	    number(&j->in, (long)r, j->lower, &x->count[1]) != 0 ||
	    number(&j->in, (long)r, j->upper, &x->count[2]) != 0 ||
	    number(&j->in, (long)r, j->published, &x->published) != 0 ||
	    number(&j->in, (long)r, j->observed, &x->registered) != 0 ||
	    population(j, r, x) != 0)
		return -1;
	mse_error_clear(&err);
	if (isnan(x->count[0])) {
		if (strcmp(x->status, "ok") == 0)
			set_status(x, "no estimate");
	} else if (isnan(x->pop) && x->narrower[0] != '\0') {
		char msg[160];

		snprintf(msg, sizeof(msg), "no population by %s: the table's "
		    "rows count everyone", x->narrower);
		set_status(x, msg);
	} else if (isnan(x->pop))
		set_status(x, x->unmatched ? "no matching population" :
		    "no population");
	else if (mse_prevalence(x->count, x->pop,
	    j->o->per, x->prev, &err) != MSE_OK)
		set_status(x, err.message);
	/* Estimated / registered: the number registered (observed) is a
	 * count without error, so the interval divides through. */
	if (!isnan(x->count[0]) && !isnan(x->registered) &&
	    mse_ratio(x->count, x->registered, x->toreg, &err) != MSE_OK)
		x->toreg[0] = x->toreg[1] = x->toreg[2] = NAN;
	if (j->idx.csv != NULL && compare_index(j, r, x) != 0)
		return -1;
	return 0;
}

/* The output's column names, in order. */
static size_t
out_columns(const struct job *j, const char **cols)
{
	size_t n = 0, i;

	for (i = 0; i < j->ncarry; i++)
		cols[n++] = mse_csv_name(j->in.csv, (size_t)j->carry[i]);
	cols[n++] = mse_csv_name(j->in.csv, (size_t)j->count);
	if (j->lower >= 0) {
		cols[n++] = "lower";
		cols[n++] = "upper";
	}
	cols[n++] = "population";
	cols[n++] = "per";
	cols[n++] = "prevalence";
	if (j->lower >= 0) {
		cols[n++] = "prevalence_lower";
		cols[n++] = "prevalence_upper";
	}
	if (j->published >= 0)
		cols[n++] = "published";
	if (j->observed >= 0) {
		cols[n++] = "registered";
		cols[n++] = "to_registered";
		if (j->lower >= 0) {
			cols[n++] = "to_registered_lower";
			cols[n++] = "to_registered_upper";
		}
	}
	if (j->idx.csv != NULL) {
		cols[n++] = "index_victims";
		cols[n++] = "index_prevalence";
		cols[n++] = "ratio";
		if (j->lower >= 0) {
			cols[n++] = "ratio_lower";
			cols[n++] = "ratio_upper";
		}
	}
	if (j->o->rank)
		cols[n++] = "rank";
	cols[n++] = "population_source";
	cols[n++] = "status";
	return n;
}

static void
num(struct cell *x, double v)
{
	*x = (struct cell){ isnan(v) ? CELL_NA : CELL_NUM, NULL, v, 0 };
}

static void
out_row(const struct job *j, size_t r, const struct result *x,
    struct cell *c)
{
	size_t n = 0, i, iv = j->lower >= 0 ? 3 : 1;

	for (i = 0; i < j->ncarry; i++)
		c[n++] = (struct cell){ CELL_STR, mse_csv_field(j->in.csv, r,
		    (size_t)j->carry[i]), 0, 0 };
	for (i = 0; i < iv; i++)
		num(&c[n++], x->count[i]);
	num(&c[n++], x->pop);
	num(&c[n++], j->o->per);
	for (i = 0; i < iv; i++)
		num(&c[n++], x->prev[i]);
	if (j->published >= 0)
		num(&c[n++], x->published);
	if (j->observed >= 0) {
		num(&c[n++], x->registered);
		for (i = 0; i < iv; i++)
			num(&c[n++], x->toreg[i]);
	}
	if (j->idx.csv != NULL) {
		num(&c[n++], x->ivict);
		num(&c[n++], x->iprev);
		for (i = 0; i < iv; i++)
			num(&c[n++], x->ratio[i]);
	}
	if (j->o->rank)
		num(&c[n++], x->rank);
	c[n++] = (struct cell){ CELL_STR, x->source, 0, 0 };
	c[n++] = (struct cell){ CELL_STR, x->status, 0, 0 };
}

struct order {
	double rank;
	size_t r;
};

static int
order_cmp(const void *a, const void *b)
{
	const struct order *p = a, *q = b;

	if (isnan(p->rank) != isnan(q->rank))
		return isnan(p->rank) ? 1 : -1;
	if (!isnan(p->rank) && p->rank != q->rank)
		return p->rank < q->rank ? -1 : 1;
	return p->r < q->r ? -1 : p->r > q->r;
}

/* Ranks by prevalence, and the order to print the rows in. */
static int
rank_rows(const struct job *j, struct result *x, struct order *ord,
    size_t n)
{
	double *v = calloc(n + 1, sizeof(*v)), *rk = calloc(n + 1,
	    sizeof(*rk));
	size_t r;
	int rc = -1;

	if (v != NULL && rk != NULL) {
		for (r = 0; r < n; r++)
			v[r] = x[r].prev[0];
		rc = mse_rank(v, n, rk, NULL) == MSE_OK ? 0 : -1;
	}
	for (r = 0; rc == 0 && r < n; r++) {
		x[r].rank = rk[r];
		ord[r] = (struct order){ j->o->rank ? rk[r] : NAN, r };
	}
	if (rc == 0 && j->o->rank)
		qsort(ord, n, sizeof(*ord), order_cmp);
	free(v);
	free(rk);
	return rc;
}

static int
emit(const struct job *j, struct outbuf *out)
{
	size_t n = mse_csv_rows(j->in.csv), nc, r;
	const char *cols[MAXCOLS + 24];
	struct result *x = calloc(n + 1, sizeof(*x));
	struct order *ord = calloc(n + 1, sizeof(*ord));
	struct cell *cells = NULL;
	int rc = -1;

	nc = out_columns(j, cols);
	if (x != NULL && ord != NULL)
		cells = calloc(n * nc + 1, sizeof(*cells));
	if (cells == NULL)
		cli_warn("out of memory");
	for (r = 0, rc = cells != NULL ? 0 : -1; rc == 0 && r < n; r++)
		rc = compute(j, r, &x[r]);
	if (rc == 0 && rank_rows(j, x, ord, n) != 0) {
		cli_warn("out of memory");
		rc = -1;
	}
	for (r = 0; rc == 0 && r < n; r++)
		out_row(j, ord[r].r, &x[ord[r].r], &cells[r * nc]);
	if (rc == 0)
		out_table(out, j->o->format, j->o->digits, cols, nc, cells, n);
	free(cells);
	free(ord);
	free(x);
	return rc;
}

static int
run(const struct opts *o)
{
	struct outbuf out = { NULL, 0, 0, 0 };
	struct job j;
	int rc;

	memset(&j, 0, sizeof(j));
	j.o = o;
	rc = read_table(o->file, o->delimiter, &j.in);
	if (rc == 0 && o->population != NULL)
		rc = read_table(o->population, o->delimiter, &j.pop);
	if (rc == 0 && o->index != NULL)
		rc = read_table(o->index, o->delimiter, &j.idx);
	if (rc == 0 && j.pop.csv != NULL)
		rc = join_keys(o, &j.in, &j.pop);
	if (rc == 0 && j.idx.csv != NULL)
		rc = join_keys(o, &j.in, &j.idx);
	if (rc == 0)
		rc = input_columns(&j);
	if (rc == 0 && j.idx.csv != NULL)
		rc = index_columns(&j);
	if (rc == 0) {
		carried_columns(&j);
		rc = emit(&j, &out);
	}
	if (rc == 0)
		rc = out_finish(&out, o->output);
	free(out.buf);
	mse_csv_free(j.in.csv);
	mse_csv_free(j.pop.csv);
	mse_csv_free(j.idx.csv);
	return rc == 0 ? EXIT_OK : EXIT_FAIL;
}

int
main(int argc, char **argv)
{
	struct opts o;

	memset(&o, 0, sizeof(o));
	o.per = 1000;
	o.format = -1;
	cli_init(argv[0]);
	parse_args(argc, argv, &o);
	return run(&o);
}
