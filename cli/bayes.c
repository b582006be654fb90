/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bayes.c - mse-fit's Bayesian methods: latent classes (lcm), dga and
 * Bayesian thresholding (bayesthresh). */
#include <config.h>

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <mse.h>

#include "bayes.h"
#include "progress.h"
#include "util.h"

/* Vehtari et al. (2021): trust R-hat below 1.01, and want a bulk and a
 * tail ESS of 100 per chain, 400 for the default 4 chains. */
#define RHAT_MAX 1.01
#define ESS_MIN 400
/* -m lcm's rounds stop at this many sweeps a chain after burn-in unless
 * they converge first: Kosovo, the slowest bundled table to mix, needs
 * 320,000 (about 10 s on two threads). */
#define MAX_SWEEPS 5120000
/* -m dga's MCMC rounds stop at this many steps a run after burn-in
 * unless they converge first: 32 times the first round's 50000. */
#define MAX_ITERATIONS 1600000
/* dga's posterior (Madigan & York 1997): the mass at the top of the
 * grid should be far below 1e-6, or the grid cuts the posterior off. */
#define TOP_MAX 1e-6
/* The two MCMC runs over graphs should agree on E[N] to a twentieth of
 * a posterior standard deviation (our convention: far below the width
 * of any interval reported). */
#define RUNS_SD 0.05
/* dga's posterior predictive check: as many draws as -m lcm keeps by
 * default (4 chains of 1000), so a p-value's Monte Carlo error is at
 * most 0.5 / sqrt(4000) = 0.008. */
#define PPC_DRAWS 4000

static const char *const columns[] = {
	"method", "model", "observed", "estimate", "se", "lower", "upper",
	"level", "median", "weight", "rhat", "ess_bulk", "ess_tail",
	"acceptance", "ppp", "status"
};
#define NCOLS (sizeof(columns) / sizeof(columns[0]))

void
bayes_init(struct bayes_opts *b)
{
	memset(b, 0, sizeof(*b));
	mse_lcm_options_init(&b->lcm);
	mse_dga_options_init(&b->dga);
	mse_bayesthresh_options_init(&b->bt);
	/* The library's default for dga is the calling thread; the tool's,
	 * one thread per processor (MSE_THREADS_AUTO), as for lcm. */
	b->dga.threads = MSE_THREADS_AUTO;
	b->top = 5;
	b->max_sweeps = MAX_SWEEPS;
	b->max_iterations = MAX_ITERATIONS;
}

const char *
bayes_columns(void)
{
	return "method, model, observed, estimate, se, lower, upper, level,\n"
	    "median, weight, rhat, ess_bulk, ess_tail, acceptance, ppp, status";
}

void
bayes_usage(void)
{
	printf("\nBayesian methods (see mse-fit(1)):\n"
	    "  -m lcm                 latent classes, as LCMCR\n"
	    "      --classes=K        classes (default 10)\n"
	    "      --alpha-prior=A,B  Gamma prior on alpha (default "
	    "0.25,0.25)\n"
	    "      --samples=N --burnin=N --thin=N   per chain (1000, "
	    "10000, 10)\n"
	    "      --chains=N --threads=N            (4, one per chain)\n"
	    "      --seed=S           chain c uses S + c (default 1)\n"
	    "      --draws=FILE       write every draw of N (chain,draw,N)\n"
	    "      --lcmcr            LCMCR's own sequence of draws\n"
	    "      --disperse=SD      start the chains' classes apart: "
	    "logit-normal\n                         jitter of sd SD "
	    "(default 0: LCMCR's start)\n"
	    "      --start=HOW        alike (default: every chain at LCMCR's "
	    "start) or\n                         lists (odd chains start "
	    "with class k seen by list k)\n"
	    "      --max-sweeps=N     without --samples, --burnin or --thin: "
	    "run until\n"
	    "                         R-hat <= 1.01 and ESS >= 400, at most N "
	    "sweeps\n"
	    "                         a chain (default 5120000; --max-seconds "
	    "too)\n"
	    "      --cache=DIR        keep each fit (each stratum's with --by) "
	    "in DIR;\n                         a rerun reads back what did "
	    "not change\n"
	    "  -m dga                 model averaging over decomposable "
	    "graphs, as dga\n"
	    "      --delta=D          prior mass per cell (default 2^-k)\n"
	    "      --prior-n=P        1/N (default), uniform, negbin:A,B\n"
	    "      --nmin=N --nmax=N --step=S        the grid of N\n"
	    "      --graphs=G         all, or mcmc (default: all up to 5 "
	    "lists)\n"
	    "      --iterations=N --burnin=N --seed=S  MCMC over graphs "
	    "(--seed also\n"
	    "                         seeds the ppp draws; default 1)\n"
	    "      --max-iterations=N  without --iterations or --burnin: "
	    "run the\n"
	    "                         MCMC until R-hat <= 1.01 and ESS >= "
	    "400, at most\n"
	    "                         N steps a run (default 1600000)\n"
	    "      --threads=N        (default: one per processor)\n"
	    "      --top=N            rows for the N best graphs (default "
	    "5)\n"
	    "      --posterior=FILE   write P(N | data) on the grid "
	    "(N,probability)\n"
	    "  -m bayesthresh         Bayesian thresholding of the "
	    "interactions, as\n"
	    "                         MultipleSystemsEstimation\n"
	    "      --prior=P          proper (default: N(0, 1) on the "
	    "interactions) or\n"
	    "                         improper (flat; needs the MLE)\n"
	    "      --threshold=T      keep a term when |mean| / sd >= T "
	    "(default 2)\n"
	    "      --max-order=N      2 (default), or 3: also try "
	    "triples\n"
	    "      --samples=N --burnin=N --chains=N  per chain and fit "
	    "(10000, 1000, 4)\n"
	    "      --seed=S           chain c uses S + c (default 12345)\n"
	    "      --draws=FILE       write every draw of N of the last "
	    "fit\n"
	    "      --terms=FILE       write the terms tried "
	    "(term,order,statistic,status)\n");
}

/* ---- option values ------------------------------------------------------ */

static long
whole(const char *opt, const char *s, long min, long max)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < min || v > max)
		cli_usage_error("--%s: '%s' is not a whole number from %ld to "
		    "%ld", opt, s, min, max);
	return v;
}

/* A positive number filling s up to its end, or up to a comma. */
static int
number_ok(const char *s, int comma, double *v, char **rest)
{
	char *end;

	errno = 0;
	*v = strtod(s, &end);
	if (rest != NULL)
		*rest = end;
	return errno == 0 && end != s && isfinite(*v) && *v > 0 &&
	    *end == (comma ? ',' : '\0');
}

static double
number(const char *opt, const char *s)
{
	double v;

	if (!number_ok(s, 0, &v, NULL))
		cli_usage_error("--%s: '%s' is not a positive number", opt, s);
	return v;
}

/* "A,B": two positive numbers. */
static void
pair(const char *opt, const char *s, double *a, double *b)
{
	char *rest;

	if (!number_ok(s, 1, a, &rest) || !number_ok(rest + 1, 0, b, NULL))
		cli_usage_error("--%s: '%s' is not two positive numbers A,B",
		    opt, s);
}

static void
prior_n(struct bayes_opts *b, const char *s)
{
	if (strcmp(s, "1/N") == 0 || strcmp(s, "1/n") == 0)
		b->dga.prior = MSE_PRIOR_N_INVERSE;
	else if (strcmp(s, "uniform") == 0)
		b->dga.prior = MSE_PRIOR_N_UNIFORM;
	else if (strncmp(s, "negbin:", 7) == 0) {
		b->dga.prior = MSE_PRIOR_N_NEGBIN;
		pair("prior-n", s + 7, &b->dga.prior_a, &b->dga.prior_b);
	} else
		cli_usage_error("--prior-n: '%s' is not one of 1/N, uniform, "
		    "negbin:A,B", s);
}

static void
option_lcm(struct bayes_opts *b, int c, const char *arg)
{
	switch (c) {
	case OPT_CLASSES:
		b->lcm.classes = (int)whole("classes", arg, 1, 1000);
		break;
	case OPT_ALPHA_PRIOR:
		pair("alpha-prior", arg, &b->lcm.a_alpha, &b->lcm.b_alpha);
		break;
	case OPT_SAMPLES:
		b->lcm.samples = whole("samples", arg, 4, 100000000);
		b->bt.samples = b->lcm.samples;
		break;
	case OPT_THIN:
		b->lcm.thin = whole("thin", arg, 1, 100000000);
		break;
	case OPT_CHAINS:
		b->lcm.chains = (int)whole("chains", arg, 1, 1024);
		b->bt.chains = b->lcm.chains;
		break;
	case OPT_DRAWS:
		b->draws = arg;
		break;
	default:
		b->lcm.sampler = MSE_LCM_LCMCR;
	}
}

static void
option_dga(struct bayes_opts *b, int c, const char *arg)
{
	switch (c) {
	case OPT_DELTA:
		b->dga.delta = number("delta", arg);
		break;
	case OPT_PRIOR_N:
		prior_n(b, arg);
		break;
	case OPT_NMIN:
		b->dga.nmin = (double)whole("nmin", arg, 1, 1000000000000L);
		break;
	case OPT_NMAX:
		b->dga.nmax = (double)whole("nmax", arg, 1, 1000000000000L);
		break;
	case OPT_STEP:
		b->dga.step = (double)whole("step", arg, 1, 1000000000);
		break;
	case OPT_GRAPHS:
		if (strcmp(arg, "all") == 0)
			b->dga.graphs = MSE_DGA_ALL;
		else if (strcmp(arg, "mcmc") == 0)
			b->dga.graphs = MSE_DGA_MCMC;
		else
			cli_usage_error("--graphs: '%s' is not all or mcmc",
			    arg);
		break;
	case OPT_ITERATIONS:
		b->dga.iterations = whole("iterations", arg, 1, 1000000000);
		break;
	case OPT_POSTERIOR:
		b->posterior = arg;
		break;
	default:
		b->top = whole("top", arg, 0, 1000000);
	}
}

int
bayes_option(struct bayes_opts *b, int c, const char *arg)
{
	if (c < OPT_CLASSES || c >= OPT_BAYES_END)
		return 0;
	b->given |= 1ul << (c - OPT_CLASSES);
	if (c == OPT_THREADS) {
		b->lcm.threads = (int)whole("threads", arg, 1, 1024);
		b->dga.threads = b->bt.threads = b->lcm.threads;
	} else if (c == OPT_SEED) {
		long v = whole("seed", arg, 0, 2147483647L);

		b->lcm.seed = b->dga.seed = b->bt.seed = (unsigned long)v;
	} else if (c == OPT_BURNIN) {
		b->lcm.burnin = whole("burnin", arg, 0, 1000000000);
		b->dga.burnin = b->bt.burnin = b->lcm.burnin;
	} else if (c == OPT_PRIOR) {
		if (strcmp(arg, "proper") == 0)
			b->bt.prior = MSE_BT_PROPER;
		else if (strcmp(arg, "improper") == 0)
			b->bt.prior = MSE_BT_IMPROPER;
		else
			cli_usage_error("--prior: '%s' is not proper or "
			    "improper", arg);
	} else if (c == OPT_TERMS)
		b->terms = arg;
	else if (c == OPT_MAX_SWEEPS)
		b->max_sweeps = whole("max-sweeps", arg, 1, 100000000000L);
	else if (c == OPT_MAX_ITERATIONS)
		b->max_iterations = whole("max-iterations", arg, 4,
		    1000000000);
	else if (c == OPT_CACHE) {
		if (*arg == '\0')
			cli_usage_error("--cache: the directory is empty");
		b->cache = arg;
	} else if (c == OPT_DISPERSE) {
		b->lcm.start_sd = number("disperse", arg);
		if (b->lcm.start_sd > 100)
			cli_usage_error("--disperse: '%s' is above 100", arg);
	} else if (c == OPT_START) {
		if (strcmp(arg, "alike") == 0)
			b->lcm.start = MSE_LCM_START_ALIKE;
		else if (strcmp(arg, "lists") == 0)
			b->lcm.start = MSE_LCM_START_LISTS;
		else
			cli_usage_error("--start: '%s' is neither 'alike' nor "
			    "'lists'", arg);
	}
	else if (c < OPT_DELTA)
		option_lcm(b, c, arg);
	else
		option_dga(b, c, arg);
	return 1;
}

/* The methods that take each option, in OPT_ order. */
enum { M_LCM = 1, M_DGA = 2, M_BT = 4 };
static const struct {
	const char *name;
	int methods;
} known[] = {
	{ "classes", M_LCM }, { "alpha-prior", M_LCM },
	{ "samples", M_LCM | M_BT }, { "burnin", M_LCM | M_DGA | M_BT },
	{ "thin", M_LCM }, { "chains", M_LCM | M_BT },
	{ "threads", M_LCM | M_DGA | M_BT }, { "seed", M_LCM | M_DGA | M_BT },
	{ "draws", M_LCM | M_BT }, { "lcmcr", M_LCM }, { "delta", M_DGA },
	{ "prior-n", M_DGA }, { "nmin", M_DGA }, { "nmax", M_DGA },
	{ "step", M_DGA }, { "graphs", M_DGA }, { "iterations", M_DGA },
	{ "posterior", M_DGA }, { "top", M_DGA }, { "prior", M_BT },
	{ "terms", M_BT }, { "max-sweeps", M_LCM }, { "disperse", M_LCM },
	{ "cache", M_LCM }, { "start", M_LCM }, { "max-iterations", M_DGA }
};
/* One entry per option: a negative array size stops the build if not. */
typedef char known_complete[sizeof(known) / sizeof(known[0]) ==
    OPT_BAYES_END - OPT_CLASSES ? 1 : -1];

/* "lcm", "lcm or dga", "lcm, dga or bayesthresh". */
static void
method_names(int mask, char *buf, size_t size)
{
	static const char *const name[] = { "lcm", "dga", "bayesthresh" };
	int i, n = 0, total = 0;
	size_t len = 0;

	for (i = 0; i < 3; i++)
		total += (mask >> i) & 1;
	buf[0] = '\0';
	for (i = 0; i < 3 && len < size; i++) {
		if (!((mask >> i) & 1))
			continue;
		len += (size_t)snprintf(buf + len, size - len, "%s%s",
		    n == 0 ? "" : n == total - 1 ? " or " : ", ", name[i]);
		n++;
	}
}

#define GIVEN(b, opt) (((b)->given >> ((opt) - OPT_CLASSES)) & 1)

int
bayes_rounds(const struct bayes_opts *b, int method)
{
	return (method == METHOD_LCM && !GIVEN(b, OPT_SAMPLES) &&
	    !GIVEN(b, OPT_BURNIN) && !GIVEN(b, OPT_THIN)) ||
	    (method == METHOD_DGA && !GIVEN(b, OPT_ITERATIONS) &&
	    !GIVEN(b, OPT_BURNIN));
}

void
bayes_check(const struct bayes_opts *b, int method)
{
	int c, m = method == METHOD_LCM ? M_LCM : method == METHOD_DGA ?
	    M_DGA : method == METHOD_BAYESTHRESH ? M_BT : 0;
	char names[64];

	for (c = OPT_CLASSES; c < OPT_BAYES_END; c++) {
		int i = c - OPT_CLASSES;

		if (!(b->given & (1ul << i)) || (known[i].methods & m))
			continue;
		method_names(known[i].methods, names, sizeof(names));
		cli_usage_error("--%s needs --method %s", known[i].name,
		    names);
	}
	if (method == METHOD_LCM && GIVEN(b, OPT_MAX_SWEEPS) &&
	    !bayes_rounds(b, method))
		cli_usage_error("--max-sweeps is the budget of the rounds run "
		    "until the chains converge; with --samples, --burnin or "
		    "--thin the run is fixed: leave them out, or --max-sweeps");
	if (method == METHOD_DGA && GIVEN(b, OPT_MAX_ITERATIONS) &&
	    (GIVEN(b, OPT_ITERATIONS) || GIVEN(b, OPT_BURNIN)))
		cli_usage_error("--max-iterations is the budget of the MCMC "
		    "rounds run until the runs converge; with --iterations or "
		    "--burnin the run is fixed: leave them out, or "
		    "--max-iterations");
	if (GIVEN(b, OPT_DISPERSE) && GIVEN(b, OPT_LCMCR))
		cli_usage_error("--disperse changes LCMCR's sequence of draws: "
		    "give it or --lcmcr");
	if (GIVEN(b, OPT_START) && GIVEN(b, OPT_LCMCR) &&
	    b->lcm.start != MSE_LCM_START_ALIKE)
		cli_usage_error("--start lists changes LCMCR's sequence of "
		    "draws: give it or --lcmcr");
	if ((b->given & (1ul << (OPT_NMIN - OPT_CLASSES))) &&
	    (b->given & (1ul << (OPT_NMAX - OPT_CLASSES))) &&
	    b->dga.nmax < b->dga.nmin)
		cli_usage_error("--nmax is below --nmin");
}

/* ---- output ------------------------------------------------------------ */

/* What --cache did, on standard error (a batch's log keeps it). */
static void
cache_said(const char *dir, size_t hits, size_t fits, int unwritten)
{
	if (unwritten)
		cli_warn("warning: --cache %s: the fit could not be written "
		    "there", dir);
	cli_warn("--cache %s: %zu of %zu fit%s read from the cache, %zu "
	    "computed", dir, hits, fits, fits == 1 ? "" : "s", fits - hits);
}

struct row {
	const char *model;
	double observed, estimate, se, lower, upper, median, weight;
	double rhat, ess_bulk, ess_tail, acceptance, ppp;
	const char *status;
};

/* A number, or an empty cell when it does not apply (NaN). */
static struct cell
num(double v)
{
	struct cell c = { CELL_NA, NULL, 0, 0 };

	if (!isnan(v)) {
		c.type = CELL_NUM;
		c.v = v;
	}
	return c;
}

static void
fill(struct cell *c, const char *method, const struct row *r, double level)
{
	size_t i = 0;

	c[i++] = (struct cell){ CELL_STR, method, 0, 0 };
	c[i++] = (struct cell){ CELL_STR, r->model, 0, 0 };
	c[i++] = num(r->observed);
	c[i++] = num(r->estimate);
	c[i++] = num(r->se);
	c[i++] = num(r->lower);
	c[i++] = num(r->upper);
	c[i++] = num(isnan(r->lower) ? NAN : level);
	c[i++] = num(r->median);
	c[i++] = num(r->weight);
	c[i++] = num(r->rhat);
	c[i++] = num(r->ess_bulk);
	c[i++] = num(r->ess_tail);
	c[i++] = num(r->acceptance);
	c[i++] = num(r->ppp);
	c[i++] = (struct cell){ CELL_STR, r->status, 0, 0 };
}

static struct row
blank_row(void)
{
	struct row r;

	r.model = r.status = "";
	r.observed = r.estimate = r.se = r.lower = r.upper = r.median = NAN;
	r.weight = r.rhat = r.ess_bulk = r.ess_tail = r.acceptance = NAN;
	r.ppp = NAN;
	return r;
}

/* Append "; text" (or "text") to a status. */
static void
add_status(char *buf, size_t size, const char *text)
{
	size_t len = strlen(buf);

	if (strcmp(buf, "ok") == 0)
		len = buf[0] = '\0';
	snprintf(buf + len, size - len, "%s%s", len ? "; " : "", text);
}

/*
 * The posterior predictive p-value (mse_lcm_ppc(3), mse_dga_ppc(3)):
 * into *ppp, or, when it is not defined, an empty cell and the reason in
 * the status and on stderr.  An extreme value is not flagged here:
 * mse-check(1) gives the verdict, with its --alpha.
 */
static void
ppp_status(int rc, const struct mse_error *err, double p, double *ppp,
    const char *name, char *status, size_t size)
{
	char msg[512];

	*ppp = NAN;
	if (rc != MSE_OK) {
		snprintf(msg, sizeof(msg), "%s", err->message);
		add_status(status, size, msg);
		cli_warn("%s: warning: %s", name, msg);
		return;
	}
	*ppp = p;
}

/* ---- lcm -------------------------------------------------------------- */

static int
write_draws(const struct mse_lcm *m, const char *path)
{
	struct outbuf out = { NULL, 0, 0, 0 };
	long i;
	int c;

	out_printf(&out, "chain,draw,N\n");
	for (c = 0; c < mse_lcm_chains(m); c++)
		for (i = 0; i < mse_lcm_samples(m); i++)
			out_printf(&out, "%d,%ld,%.0f\n", c + 1, i + 1,
			    mse_lcm_draw(m, c, i));
	return out_finish(&out, path);
}

/* The chains' medians of N and mean numbers of occupied classes, for a
 * warning: "994, 999, 999, 1000; their occupied classes: 3.1, 2.0, 2.0,
 * 2.0", and when those differ by half a class or more, why that
 * matters. */
static void
chain_figures(const struct mse_lcm *m, char *buf, size_t size)
{
	size_t len = 0;
	double lo = INFINITY, hi = -INFINITY, k;
	int c;

	buf[0] = '\0';
	for (c = 0; c < mse_lcm_chains(m) && len < size; c++)
		len += (size_t)snprintf(buf + len, size - len, "%s%.0f",
		    c ? ", " : "", mse_lcm_chain_quantile(m, c, 0.5));
	for (c = 0; c < mse_lcm_chains(m) && len < size; c++) {
		k = mse_lcm_chain_classes(m, c);
		lo = fmin(lo, k);
		hi = fmax(hi, k);
		len += (size_t)snprintf(buf + len, size - len, "%s%.1f",
		    c ? ", " : "; their occupied classes: ", k);
	}
	if (hi - lo >= 0.5 && len < size)
		snprintf(buf + len, size - len, ": the chains sit in different "
		    "class structures, between which the sampler moves "
		    "rarely");
}

/* Warnings about convergence, on stderr and in the status. */
static void
lcm_warnings(const struct mse_lcm *m, const char *name, char *status,
    size_t size)
{
	double rhat = mse_lcm_rhat(m), eb = mse_lcm_ess_bulk(m);
	double et = mse_lcm_ess_tail(m);
	char msg[512], med[512];

	snprintf(status, size, "ok");
	if (mse_lcm_stop(m) != MSE_LCM_STOP_FIXED &&
	    mse_lcm_stop(m) != MSE_LCM_STOP_CONVERGED) {
		chain_figures(m, med, sizeof(med));
		snprintf(msg, sizeof(msg), "not converged: R-hat %.3f, ESS "
		    "%.0f (tail %.0f) after %ld sweeps a chain", rhat, eb, et,
		    mse_lcm_sweeps(m));
		add_status(status, size, msg);
		cli_warn("%s: warning: %s (%s; want R-hat <= %.2f and ESS >= "
		    "%d; the chains' medians: %s); do not trust the estimate",
		    name, msg, mse_lcm_stop(m) == MSE_LCM_STOP_SWEEPS ?
		    "--max-sweeps spent" : mse_lcm_stop(m) ==
		    MSE_LCM_STOP_SECONDS ? "--max-seconds spent" : "the draws "
		    "are constant", RHAT_MAX, ESS_MIN, med);
	} else if (!(rhat <= RHAT_MAX)) {
		chain_figures(m, med, sizeof(med));
		snprintf(msg, sizeof(msg), "R-hat %.3f > %.2f", rhat,
		    RHAT_MAX);
		add_status(status, size, msg);
		if (mse_lcm_chains(m) > 1)
			cli_warn("%s: warning: %s: the chains disagree (their "
			    "medians: %s); do not trust the estimate", name,
			    msg, med);
		else
			cli_warn("%s: warning: %s: the two halves of the chain "
			    "disagree; do not trust the estimate", name, msg);
	}
	if (mse_lcm_stop(m) == MSE_LCM_STOP_FIXED &&
	    !(eb >= ESS_MIN && et >= ESS_MIN)) {
		snprintf(msg, sizeof(msg), "ESS %.0f (tail %.0f) < %d", eb, et,
		    ESS_MIN);
		add_status(status, size, msg);
		cli_warn("%s: warning: %s: too few effective draws for a "
		    "stable interval; raise --samples or --thin", name, msg);
	}
	if (mse_lcm_capped(m) > 0) {
		/* The sweeps after burn-in, all chains: those the count
		 * covers.  When the posterior's 97.5% point lies within 5%
		 * of the cap, the cap, not the data, sets the upper end of
		 * the interval (doc/lcm-mixing.md, Ned), and the status says
		 * so; below, the cut-off tail is too thin to move the
		 * interval, and only the warning tells. */
		double all = (double)mse_lcm_chains(m) *
		    (double)mse_lcm_sweeps(m);
		double cap = mse_lcm_cap(m);
		double q = mse_lcm_quantile(m, 0.975);
		char where[160];

		snprintf(msg, sizeof(msg), "N capped at 21 n in %ld of %.0f "
		    "sweeps", mse_lcm_capped(m), all);
		if (q >= 0.95 * cap) {
			add_status(status, size, msg);
			add_status(status, size, "the cap sets the upper end");
			snprintf(where, sizeof(where), "within 5%% of the cap, "
			    "%.0f: the cap, not the data, bounds N from above; "
			    "do not trust the estimate", cap);
		} else
			snprintf(where, sizeof(where), "%.0f%% below the cap, "
			    "%.0f, so the cap does not set the interval",
			    100 * (1 - q / cap), cap);
		cli_warn("%s: warning: %s: the number unseen hit LCMCR's cap "
		    "of 20 times the number seen; the posterior's 97.5%% "
		    "point, %.0f, lies %s", name, msg, q, where);
	}
}

static int
run_lcm(const struct bayes_opts *b, const struct mse_table *t,
    const char *name, double level, struct outbuf *out, int format,
    int digits)
{
	struct mse_lcm_options o = b->lcm;
	struct cli_progress pb;
	struct mse_lcm *m = NULL;

	if (bayes_rounds(b, METHOD_LCM)) {
		o.max_sweeps = b->max_sweeps;
		o.max_seconds = b->max_seconds;
		o.rhat_max = RHAT_MAX;
		o.ess_min = ESS_MIN;
	}
	struct mse_error err;
	struct cell c[NCOLS];
	char model[32], status[1024];
	struct row r = blank_row();
	double p;
	int rc, cached;

	if (cli_progress_init(&pb, "sampling")) {
		o.progress = cli_progress_update;
		o.progress_arg = &pb;
	}
	mse_error_clear(&err);
	if (mse_lcm_fit_cache(t, &o, b->cache, &m, &cached, &err) != MSE_OK) {
		cli_progress_end(&pb);
		cli_error(&err, name);
		return EXIT_FAIL;
	}
	cli_progress_end(&pb);
	if (b->cache != NULL)
		cache_said(b->cache, cached > 0, 1, cached < 0);
	lcm_warnings(m, name, status, sizeof(status));
	snprintf(model, sizeof(model), "K=%d", o.classes);
	r.model = model;
	r.observed = mse_lcm_observed(m);
	r.estimate = mse_lcm_mean(m);
	r.se = mse_lcm_sd(m);
	r.lower = mse_lcm_quantile(m, (1 - level) / 2);
	r.upper = mse_lcm_quantile(m, 1 - (1 - level) / 2);
	r.median = mse_lcm_quantile(m, 0.5);
	r.rhat = mse_lcm_rhat(m);
	r.ess_bulk = mse_lcm_ess_bulk(m);
	r.ess_tail = mse_lcm_ess_tail(m);
	mse_error_clear(&err);
	rc = mse_lcm_ppc(m, &p, NULL, NULL, &err);
	ppp_status(rc, &err, p, &r.ppp, name, status, sizeof(status));
	r.status = status;
	fill(c, "lcm", &r, level);
	out_table(out, format, digits, columns, NCOLS, c, 1);
	if (b->draws != NULL && write_draws(m, b->draws) != 0) {
		mse_lcm_free(m);
		return EXIT_FAIL;
	}
	mse_lcm_free(m);
	return EXIT_OK;
}

/* ---- dga -------------------------------------------------------------- */

/* dga's models cannot see an interaction between lists that share no
 * unit: say so before fitting (the requirement), in one line. */
static void
overlap_warnings(const struct mse_table *t, const char *name)
{
	size_t k = mse_table_lists(t), i, j, len = 0, pairs = 0;
	char buf[2048];

	buf[0] = '\0';
	for (i = 0; i < k; i++)
		for (j = i + 1; j < k; j++)
			if (mse_table_overlap(t, i, j) == 0 &&
			    len < sizeof(buf)) {
				len += (size_t)snprintf(buf + len,
				    sizeof(buf) - len, "%s%s and %s",
				    pairs++ ? ", " : "", mse_table_name(t, i),
				    mse_table_name(t, j));
			}
	if (pairs > 0)
		cli_warn("%s: warning: %zu pair%s of lists share%s no unit "
		    "(%s): the estimate rests on the prior and on the models "
		    "without %s interaction%s", name, pairs, pairs > 1 ? "s" :
		    "", pairs > 1 ? "" : "s", buf, pairs > 1 ? "their" : "its",
		    pairs > 1 ? "s" : "");
}

static void
dga_warnings(const struct mse_dga *d, const char *name, char *status,
    size_t size)
{
	double top = mse_dga_top_mass(d), gap;
	char msg[512];

	snprintf(status, size, "ok");
	if (!(top < TOP_MAX)) {
		size_t g = mse_dga_grid_size(d);

		snprintf(msg, sizeof(msg), "P(N = %.0f) = %.2g at the top of "
		    "the grid", mse_dga_grid_n(d, g - 1), top);
		add_status(status, size, msg);
		cli_warn("%s: warning: %s: the grid cuts the posterior off; "
		    "raise --nmax", name, msg);
	}
	if (!mse_dga_mcmc(d))
		return;
	if (mse_dga_stop(d) == MSE_DGA_STOP_ITERATIONS ||
	    mse_dga_stop(d) == MSE_DGA_STOP_SECONDS) {
		snprintf(msg, sizeof(msg), "not converged: R-hat %.3f, ESS "
		    "%.0f (tail %.0f) after %ld steps a run", mse_dga_rhat(d),
		    mse_dga_ess_bulk(d), mse_dga_ess_tail(d),
		    mse_dga_iterations(d));
		add_status(status, size, msg);
		cli_warn("%s: warning: %s (%s spent; want R-hat "
		    "<= %.2f and ESS >= %d of E(N | graph) over the graphs "
		    "visited); the runs may have missed graphs that matter",
		    name, msg, mse_dga_stop(d) == MSE_DGA_STOP_SECONDS ?
		    "--max-seconds" : "--max-iterations", RHAT_MAX, ESS_MIN);
	} else if (mse_dga_stop(d) == MSE_DGA_STOP_FIXED &&
	    !(mse_dga_rhat(d) <= RHAT_MAX) && !isnan(mse_dga_rhat(d))) {
		snprintf(msg, sizeof(msg), "R-hat %.3f > %.2f",
		    mse_dga_rhat(d), RHAT_MAX);
		add_status(status, size, msg);
		cli_warn("%s: warning: %s: the two runs visit the graphs in "
		    "different proportions; raise --iterations, or leave it "
		    "out to run until they agree", name, msg);
	}
	gap = fabs(mse_dga_run_mean(d, 0) - mse_dga_run_mean(d, 1));
	if (!(gap <= RUNS_SD * mse_dga_sd(d))) {
		snprintf(msg, sizeof(msg), "the two MCMC runs differ by %.3g",
		    gap);
		add_status(status, size, msg);
		cli_warn("%s: warning: %s (%.2g posterior sd): they found "
		    "different graphs; raise --iterations", name, msg,
		    gap / mse_dga_sd(d));
	}
}

/* One row per graph, the best first: its posterior probability and the
 * posterior of N given it. */
static int
graph_row(const struct mse_dga *d, const struct mse_table *t, size_t i,
    double level, struct row *r, char *model, size_t size)
{
	struct mse_model *m = NULL;
	struct mse_error err;

	if (mse_dga_graph_model(d, i, &m, &err) != MSE_OK ||
	    mse_dga_graph_summary(d, i, level, &r->estimate, &r->se,
	    &r->median, &r->lower, &r->upper, &err) != MSE_OK) {
		mse_model_free(m);
		cli_error(&err, NULL);
		return -1;
	}
	mse_model_format(m, t, model, size);
	mse_model_free(m);
	r->model = model;
	r->observed = mse_dga_observed(d);
	r->weight = mse_dga_graph_prob(d, i);
	r->status = "";
	return 0;
}

/* Room for the name of one row's model. */
#define MODEL_LEN 1024

/* The rows: the average, the best graphs, and with MCMC the two runs;
 * models holds MODEL_LEN bytes per row.  Returns the rows, or -1. */
static int
dga_rows(const struct mse_dga *d, const struct mse_table *t, size_t top,
    double level, double ppp, const char *status, struct cell *c,
    char *models)
{
	size_t ng = mse_dga_graphs(d), i, nr = 0;
	struct row r = blank_row();
	int run;

	r.model = "average";
	r.observed = mse_dga_observed(d);
	r.estimate = mse_dga_mean(d);
	r.se = mse_dga_sd(d);
	r.lower = mse_dga_quantile(d, (1 - level) / 2);
	r.upper = mse_dga_quantile(d, 1 - (1 - level) / 2);
	r.median = mse_dga_quantile(d, 0.5);
	r.weight = 1;
	r.ppp = ppp;
	r.status = status;
	if (mse_dga_mcmc(d)) {
		r.rhat = mse_dga_rhat(d);
		r.ess_bulk = mse_dga_ess_bulk(d);
		r.ess_tail = mse_dga_ess_tail(d);
	}
	fill(c + NCOLS * nr++, "dga", &r, level);
	for (i = 0; i < ng && i < top; i++, nr++) {
		r = blank_row();
		if (graph_row(d, t, i, level, &r, models + nr * MODEL_LEN,
		    MODEL_LEN) != 0)
			return -1;
		fill(c + NCOLS * nr, "dga", &r, level);
	}
	for (run = 0; mse_dga_mcmc(d) && run < 2; run++, nr++) {
		r = blank_row();
		snprintf(models + nr * MODEL_LEN, MODEL_LEN, "run %d",
		    run + 1);
		r.model = models + nr * MODEL_LEN;
		r.estimate = mse_dga_run_mean(d, run);
		r.acceptance = mse_dga_run_acceptance(d, run);
		fill(c + NCOLS * nr, "dga", &r, level);
	}
	return (int)nr;
}

/* --posterior: P(N | y) on dga's grid, N,probability, for mse-plot -k
 * posterior (which marks the median and interval as mse-fit's). */
static int
write_posterior(const struct mse_dga *d, const char *path)
{
	struct outbuf out = { NULL, 0, 0, 0 };
	size_t i;

	out_printf(&out, "N,probability\n");
	for (i = 0; i < mse_dga_grid_size(d); i++)
		out_printf(&out, "%.0f,%.17g\n", mse_dga_grid_n(d, i),
		    mse_dga_grid_prob(d, i));
	return out_finish(&out, path);
}

static int
run_dga(const struct bayes_opts *b, const struct mse_table *t,
    const char *name, double level, struct outbuf *out, int format,
    int digits)
{
	struct mse_dga_options o = b->dga;
	size_t top = (size_t)b->top, rows;
	struct cli_progress pb;
	struct mse_dga *d = NULL;
	struct mse_error err;
	struct cell *c;
	char status[1024], *models;
	double p, ppp;
	int nr = -1, rc;

	/* Without --iterations or --burnin the MCMC over graphs (if the
	 * table takes it) runs in rounds until it converges, or until
	 * --max-iterations or --max-seconds is spent. */
	if (bayes_rounds(b, METHOD_DGA)) {
		o.max_iterations = b->max_iterations;
		o.max_seconds = b->max_seconds;
	}
	overlap_warnings(t, name);
	if (cli_progress_init(&pb, "averaging")) {
		o.progress = cli_progress_update;
		o.progress_arg = &pb;
	}
	mse_error_clear(&err);
	if (mse_dga_fit(t, &o, &d, &err) != MSE_OK) {
		cli_progress_end(&pb);
		cli_error(&err, name);
		return EXIT_FAIL;
	}
	cli_progress_end(&pb);
	if (b->posterior != NULL && write_posterior(d, b->posterior) != 0) {
		mse_dga_free(d);
		return EXIT_FAIL;
	}
	dga_warnings(d, name, status, sizeof(status));
	mse_error_clear(&err);
	rc = mse_dga_ppc(d, PPC_DRAWS, o.seed, &p, NULL, NULL, &err);
	ppp_status(rc, &err, p, &ppp, name, status, sizeof(status));
	if (top > mse_dga_graphs(d))
		top = mse_dga_graphs(d);
	rows = top + 3;
	c = calloc(rows * NCOLS, sizeof(*c));
	models = calloc(rows, MODEL_LEN);
	if (c != NULL && models != NULL)
		nr = dga_rows(d, t, top, level, ppp, status, c, models);
	else
		cli_warn("out of memory");
	if (nr > 0)
		out_table(out, format, digits, columns, NCOLS, c, (size_t)nr);
	free(c);
	free(models);
	mse_dga_free(d);
	return nr > 0 ? EXIT_OK : EXIT_FAIL;
}

/* ---- bayesthresh ---------------------------------------------------- */

static const char *
bt_status_name(int st)
{
	switch (st) {
	case MSE_BT_KEPT: return "kept";
	case MSE_BT_DROPPED: return "dropped";
	case MSE_BT_MINUS_INF: return "-inf";
	default: return "untried";
	}
}

/* --terms: every term tried, its order, statistic and fate. */
static int
write_terms(const struct mse_bayesthresh *b, const struct mse_table *t,
    const char *path)
{
	struct outbuf out = { NULL, 0, 0, 0 };
	char name[1024];
	size_t i;

	out_printf(&out, "term,order,statistic,status\n");
	for (i = 0; i < mse_bayesthresh_terms(b); i++) {
		uint32_t w = mse_bayesthresh_term(b, i);
		double st = mse_bayesthresh_statistic(b, i);
		int order = 0;

		for (; w != 0; w &= w - 1)
			order++;
		mse_table_format_term(t, mse_bayesthresh_term(b, i), name,
		    sizeof(name));
		out_printf(&out, "%s,%d,", name, order);
		if (!isnan(st))
			out_printf(&out, "%.17g", st);
		out_printf(&out, ",%s\n", bt_status_name(
		    mse_bayesthresh_status(b, i)));
	}
	return out_finish(&out, path);
}

static int
write_bt_draws(const struct mse_bayesthresh *b, const char *path)
{
	struct outbuf out = { NULL, 0, 0, 0 };
	long i;
	int c;

	out_printf(&out, "chain,draw,N\n");
	for (c = 0; c < mse_bayesthresh_chains(b); c++)
		for (i = 0; i < mse_bayesthresh_samples(b); i++)
			out_printf(&out, "%d,%ld,%.17g\n", c + 1, i + 1,
			    mse_bayesthresh_draw(b, c, i));
	return out_finish(&out, path);
}

/* The status: convergence first (warned on stderr), then the terms at
 * -inf and a fall back to order 2. */
static void
bt_status(const struct mse_bayesthresh *b, const struct mse_table *t,
    const char *name, char *status, size_t size)
{
	double rhat = mse_bayesthresh_rhat(b);
	double eb = mse_bayesthresh_ess_bulk(b), et = mse_bayesthresh_ess_tail(b);
	char msg[512], term[256];
	size_t i, len = 0;

	snprintf(status, size, "ok");
	if (!(rhat <= RHAT_MAX && eb >= ESS_MIN && et >= ESS_MIN)) {
		snprintf(msg, sizeof(msg), "not converged: R-hat %.3f, ESS "
		    "%.0f (tail %.0f); want R-hat <= %.2f and ESS >= %d", rhat,
		    eb, et, RHAT_MAX, ESS_MIN);
		add_status(status, size, msg);
		cli_warn("%s: warning: %s; do not trust the estimate; raise "
		    "--samples", name, msg);
	}
	msg[0] = '\0';
	for (i = 0; i < mse_bayesthresh_terms(b); i++) {
		if (mse_bayesthresh_status(b, i) != MSE_BT_MINUS_INF ||
		    len >= sizeof(msg))
			continue;
		mse_table_format_term(t, mse_bayesthresh_term(b, i), term,
		    sizeof(term));
		len += (size_t)snprintf(msg + len, sizeof(msg) - len,
		    "%s%s=-inf", len ? ", " : "boundary: ", term);
	}
	if (len > 0)
		add_status(status, size, msg);
	if (mse_bayesthresh_reverted(b)) {
		snprintf(msg, sizeof(msg), "reverted to order 2: the model "
		    "with the eligible triples has no MLE");
		add_status(status, size, msg);
		cli_warn("%s: warning: %s (improper prior); the triples were "
		    "not tried", name, msg);
	}
}

static int
run_bt(const struct bayes_opts *b, const struct mse_table *t,
    const char *name, double level, struct outbuf *out, int format,
    int digits)
{
	struct mse_bayesthresh_options o = b->bt;
	struct cli_progress pb;
	struct mse_bayesthresh *m = NULL;
	struct mse_model *model = NULL;
	struct mse_error err;
	struct cell c[NCOLS];
	char status[2048], *text = NULL;
	struct row r = blank_row();
	int rc = EXIT_OK;

	if (cli_progress_init(&pb, "sampling")) {
		o.progress = cli_progress_update;
		o.progress_arg = &pb;
	}
	mse_error_clear(&err);
	if (mse_bayesthresh_fit(t, &o, &m, &err) != MSE_OK ||
	    mse_bayesthresh_model(m, &model, &err) != MSE_OK ||
	    (text = mse_model_string(model, t)) == NULL) {
		cli_progress_end(&pb);
		if (err.message[0] == '\0')
			snprintf(err.message, sizeof(err.message), "out of "
			    "memory");
		cli_error(&err, name);
		mse_model_free(model);
		mse_bayesthresh_free(m);
		return EXIT_FAIL;
	}
	cli_progress_end(&pb);
	bt_status(m, t, name, status, sizeof(status));
	r.model = text;
	r.observed = mse_bayesthresh_observed(m);
	r.estimate = r.median = mse_bayesthresh_quantile(m, 0.5);
	r.se = mse_bayesthresh_sd(m);
	r.lower = mse_bayesthresh_quantile(m, (1 - level) / 2);
	r.upper = mse_bayesthresh_quantile(m, 1 - (1 - level) / 2);
	r.rhat = mse_bayesthresh_rhat(m);
	r.ess_bulk = mse_bayesthresh_ess_bulk(m);
	r.ess_tail = mse_bayesthresh_ess_tail(m);
	r.acceptance = mse_bayesthresh_acceptance(m);
	r.status = status;
	fill(c, "bayesthresh", &r, level);
	out_table(out, format, digits, columns, NCOLS, c, 1);
	if ((b->draws != NULL && write_bt_draws(m, b->draws) != 0) ||
	    (b->terms != NULL && write_terms(m, t, b->terms) != 0))
		rc = EXIT_FAIL;
	free(text);
	mse_model_free(model);
	mse_bayesthresh_free(m);
	return rc;
}

int
bayes_run(const struct bayes_opts *b, int method, const struct mse_table *t,
    const char *name, double level, int format, int digits,
    const char *output)
{
	struct outbuf out = { NULL, 0, 0, 0 };
	int rc;

	rc = method == METHOD_LCM ?
	    run_lcm(b, t, name, level, &out, format, digits) :
	    method == METHOD_DGA ?
	    run_dga(b, t, name, level, &out, format, digits) :
	    run_bt(b, t, name, level, &out, format, digits);
	if (rc != EXIT_OK) {
		free(out.buf);
		return rc;
	}
	return out_finish(&out, output) == 0 ? EXIT_OK : EXIT_FAIL;
}

/* ---- -m lcm --by: one latent-class model per stratum -------------------- */

/* A stratum's row: its fit, or why it has none. */
static void
lcm_by_row(const struct mse_lcm *m, const char *why, const char *where,
    double level, const char *model, char *status, size_t size,
    struct row *r)
{
	struct mse_error err;
	double p = NAN;
	int rc;

	*r = blank_row();
	r->model = model;
	if (m == NULL) {
		snprintf(status, size, "%s", why);
		r->status = status;
		return;
	}
	lcm_warnings(m, where, status, size);
	r->observed = mse_lcm_observed(m);
	r->estimate = mse_lcm_mean(m);
	r->se = mse_lcm_sd(m);
	r->lower = mse_lcm_quantile(m, (1 - level) / 2);
	r->upper = mse_lcm_quantile(m, 1 - (1 - level) / 2);
	r->median = mse_lcm_quantile(m, 0.5);
	r->rhat = mse_lcm_rhat(m);
	r->ess_bulk = mse_lcm_ess_bulk(m);
	r->ess_tail = mse_lcm_ess_tail(m);
	mse_error_clear(&err);
	rc = mse_lcm_ppc(m, &p, NULL, NULL, &err);
	ppp_status(rc, &err, p, &r->ppp, where, status, size);
	r->status = status;
}

int
bayes_run_by(const struct bayes_opts *b, const struct mse_strata *s,
    const char *name, double level, int format, int digits,
    const char *output)
{
	struct mse_lcm_options o = b->lcm;
	struct outbuf out = { NULL, 0, 0, 0 };
	struct mse_lcm_by *by = NULL;
	struct mse_error err;
	size_t n, V = mse_strata_vars(s), nc = 1 + V + NCOLS, i, j;
	const char **cols = NULL;
	struct cell *c = NULL;
	char (*status)[1024] = NULL, model[32], where[512];
	double observed = 0, worst_rhat = 0, least_bulk = INFINITY;
	double least_tail = INFINITY;
	const char *why;
	int rc = EXIT_FAIL, all_ok = 1;

	if (bayes_rounds(b, METHOD_LCM)) {
		o.max_sweeps = b->max_sweeps;
		o.max_seconds = b->max_seconds;
		o.rhat_max = RHAT_MAX;
		o.ess_min = ESS_MIN;
	}
	mse_error_clear(&err);
	if (mse_lcm_by_fit_cache(s, &o, b->cache, &by, &err) != MSE_OK) {
		cli_error(&err, name);
		return EXIT_FAIL;
	}
	n = mse_lcm_by_count(by);
	if (b->cache != NULL) {
		size_t hits = 0;

		for (i = 0; i < n; i++)
			hits += mse_lcm_by_cached(by, i) != 0;
		cache_said(b->cache, hits, n, 0);
	}
	cols = calloc(nc, sizeof(*cols));
	c = calloc((n + 1) * nc, sizeof(*c));
	status = calloc(n + 1, sizeof(*status));
	if (cols == NULL || c == NULL || status == NULL) {
		cli_warn("out of memory");
		goto done;
	}
	snprintf(model, sizeof(model), "K=%d", o.classes);
	cols[0] = "row";
	for (j = 0; j < V; j++)
		cols[1 + j] = mse_strata_var(s, j);
	for (j = 0; j < NCOLS; j++)
		cols[1 + V + j] = columns[j];
	for (i = 0; i <= n; i++) {
		struct cell *x = c + i * nc;
		struct row r;

		x[0] = (struct cell){ CELL_STR, i < n ? "stratum" : "total", 0,
			0 };
		for (j = 0; j < V; j++)
			x[1 + j] = (struct cell){ CELL_STR, i < n ?
			    mse_strata_value(s, i, j) : "", 0, 0 };
		if (i < n) {
			const struct mse_lcm *m = mse_lcm_by_fit_of(by, i,
			    &why);
			char sname[256];

			mse_strata_format(s, i, sname, sizeof(sname));
			snprintf(where, sizeof(where), "%s: stratum %s", name,
			    sname);
			if (m == NULL)
				cli_warn("%s: %s", where, why);
			lcm_by_row(m, why, where, level, model, status[i],
			    sizeof(status[i]), &r);
			if (m != NULL) {
				observed += mse_lcm_observed(m);
				worst_rhat = fmax(worst_rhat, r.rhat);
				least_bulk = fmin(least_bulk, r.ess_bulk);
				least_tail = fmin(least_tail, r.ess_tail);
			}
			all_ok &= m != NULL && strcmp(status[i], "ok") == 0;
		} else {
			r = blank_row();
			r.model = model;
			if (mse_lcm_by_total_draws(by, &why) > 0) {
				r.observed = observed;
				r.estimate = mse_lcm_by_total_mean(by);
				r.se = mse_lcm_by_total_sd(by);
				r.lower = mse_lcm_by_total_quantile(by,
				    (1 - level) / 2);
				r.upper = mse_lcm_by_total_quantile(by,
				    1 - (1 - level) / 2);
				r.median = mse_lcm_by_total_quantile(by, 0.5);
				/* The strata's worst, each its own chains. */
				r.rhat = worst_rhat;
				r.ess_bulk = least_bulk;
				r.ess_tail = least_tail;
				snprintf(status[i], sizeof(status[i]), "%s",
				    all_ok ? "ok" : "a stratum is not ok: see "
				    "its row");
			} else
				snprintf(status[i], sizeof(status[i]), "%s",
				    why);
			r.status = status[i];
		}
		fill(x + 1 + V, "lcm", &r, level);
	}
	out_table(&out, format, digits, cols, nc, c, n + 1);
	rc = out_finish(&out, output) == 0 ? EXIT_OK : EXIT_FAIL;
done:
	free(cols);
	free(c);
	free(status);
	mse_lcm_by_free(by);
	return rc;
}

/* ---- -m lcm --imputation: imputed versions of the table, pooled -------- */

/* Whether every fit of the pool is ok: the pooled row's status, which
 * names the versions that are not ("imputations 1 3", no comma, for
 * the CSV's sake). */
static void
pool_status(const struct mse_lcm_pool *p, size_t g, char (*status)[1024],
    const struct mse_strata *s, size_t iv, char *buf, size_t size)
{
	size_t i, n = mse_lcm_pool_imputations(p), len, bad = 0;
	const char *why;

	if (mse_lcm_pool_draws(p, g, &why) == 0) {
		snprintf(buf, size, "%s", why);
		return;
	}
	for (i = 0; i < n; i++)
		bad += strcmp(status[i], "ok") != 0;
	if (bad == 0) {
		snprintf(buf, size, "ok");
		return;
	}
	len = (size_t)snprintf(buf, size, "not ok: imputation%s", bad > 1 ?
	    "s" : "");
	for (i = 0; i < n && len < size; i++)
		if (strcmp(status[i], "ok") != 0)
			len += (size_t)snprintf(buf + len, size - len, " %s",
			    mse_strata_value(s, mse_lcm_pool_stratum(p, g, i),
			    iv));
	if (len < size)
		snprintf(buf + len, size - len, " (see %s)", bad > 1 ?
		    "their rows" : "its row");
}

int
bayes_run_imputed(const struct bayes_opts *b, const char *file,
    int delimiter, char *const *by, size_t nby, const char *imputation,
    const char *lists, double level, int format, int digits,
    const char *output)
{
	struct mse_lcm_options o = b->lcm;
	struct outbuf out = { NULL, 0, 0, 0 };
	struct mse_lcm_pool *p = NULL;
	struct mse_strata *s = NULL;
	struct mse_error err;
	const char **vars = NULL, **cols = NULL, *name, *why;
	size_t V, nc, ng, ni, g, i, j, nrows, r = 0;
	struct cell *c = NULL;
	char (*status)[1024] = NULL, model[32], where[512], sname[256];
	double worst_rhat = 0, least_bulk = INFINITY, least_tail = INFINITY;
	int rc = EXIT_FAIL, all_ok = 1;

	if (bayes_rounds(b, METHOD_LCM)) {
		o.max_sweeps = b->max_sweeps;
		o.max_seconds = b->max_seconds;
		o.rhat_max = RHAT_MAX;
		o.ess_min = ESS_MIN;
	}
	if ((vars = calloc(nby + 1, sizeof(*vars))) == NULL) {
		cli_warn("out of memory");
		return EXIT_FAIL;
	}
	for (j = 0; j < nby; j++)
		vars[j] = by[j];
	vars[nby] = imputation;
	s = cli_read_strata(file, delimiter, vars, nby + 1, lists, 0,
	    &name);
	free(vars);
	if (s == NULL)
		return EXIT_FAIL;
	mse_error_clear(&err);
	if (mse_lcm_pool_fit_cache(s, nby, &o, b->cache, &p, &err) !=
	    MSE_OK) {
		cli_error(&err, name);
		mse_strata_free(s);
		return EXIT_FAIL;
	}
	ng = mse_lcm_pool_groups(p);
	ni = mse_lcm_pool_imputations(p);
	if (b->cache != NULL) {
		size_t hits = 0, gi, ii;

		for (gi = 0; gi < ng; gi++)
			for (ii = 0; ii < ni; ii++)
				hits += mse_lcm_pool_cached(p, gi, ii) != 0;
		cache_said(b->cache, hits, ng * ni, 0);
	}
	V = nby;
	nc = 1 + V + NCOLS + 1;
	/* each group's imputations and pool, and with --by the total */
	nrows = ng * (ni + 1) + (nby > 0);
	cols = calloc(nc, sizeof(*cols));
	c = calloc(nrows * nc, sizeof(*c));
	status = calloc(nrows, sizeof(*status));
	if (cols == NULL || c == NULL || status == NULL) {
		cli_warn("out of memory");
		goto done;
	}
	snprintf(model, sizeof(model), "K=%d", o.classes);
	cols[0] = "row";
	for (j = 0; j < V; j++)
		cols[1 + j] = mse_strata_var(s, j);
	for (j = 0; j < NCOLS; j++)
		cols[1 + V + j] = columns[j];
	cols[nc - 1] = mse_strata_var(s, nby);
	for (g = 0; g <= ng; g++) {
		size_t first = r;
		size_t s0 = mse_lcm_pool_stratum(p, g < ng ? g : 0, 0);
		struct row row;
		struct cell *x;

		if (g == ng && nby == 0)
			break;
		for (i = 0; g < ng && i < ni; i++, r++) {
			size_t st = mse_lcm_pool_stratum(p, g, i);
			const struct mse_lcm *m = mse_lcm_pool_fit_of(p, g, i,
			    &why);

			x = c + r * nc;
			x[0] = (struct cell){ CELL_STR, "imputation", 0, 0 };
			for (j = 0; j < V; j++)
				x[1 + j] = (struct cell){ CELL_STR,
				    mse_strata_value(s, st, j), 0, 0 };
			mse_strata_format(s, st, sname, sizeof(sname));
			snprintf(where, sizeof(where), "%s: %s", name, sname);
			if (m == NULL)
				cli_warn("%s: %s", where, why);
			lcm_by_row(m, why, where, level, model, status[r],
			    sizeof(status[r]), &row);
			if (m != NULL) {
				worst_rhat = fmax(worst_rhat, row.rhat);
				least_bulk = fmin(least_bulk, row.ess_bulk);
				least_tail = fmin(least_tail, row.ess_tail);
			}
			all_ok &= m != NULL && strcmp(status[r], "ok") == 0;
			fill(x + 1 + V, "lcm", &row, level);
			x[nc - 1] = (struct cell){ CELL_STR,
			    mse_strata_value(s, st, nby), 0, 0 };
		}
		x = c + r * nc;
		row = blank_row();
		row.model = model;
		x[0] = (struct cell){ CELL_STR, g == ng ? "total" : nby > 0 ?
		    "stratum" : "pooled", 0, 0 };
		for (j = 0; j < V; j++)
			x[1 + j] = (struct cell){ CELL_STR, g < ng ?
			    mse_strata_value(s, s0, j) : "", 0, 0 };
		if (mse_lcm_pool_draws(p, g, &why) > 0) {
			row.observed = mse_lcm_pool_observed(p, g);
			row.estimate = mse_lcm_pool_mean(p, g);
			row.se = mse_lcm_pool_sd(p, g);
			row.lower = mse_lcm_pool_quantile(p, g, (1 - level) / 2);
			row.upper = mse_lcm_pool_quantile(p, g,
			    1 - (1 - level) / 2);
			row.median = mse_lcm_pool_quantile(p, g, 0.5);
		}
		if (g < ng) {
			/* The imputations' worst, each its own chains. */
			double wr = 0, lb = INFINITY, lt = INFINITY;

			for (i = 0; i < ni; i++) {
				const struct mse_lcm *m = mse_lcm_pool_fit_of(p,
				    g, i, NULL);

				if (m == NULL)
					continue;
				wr = fmax(wr, mse_lcm_rhat(m));
				lb = fmin(lb, mse_lcm_ess_bulk(m));
				lt = fmin(lt, mse_lcm_ess_tail(m));
			}
			pool_status(p, g, status + first, s, nby, status[r],
			    sizeof(status[r]));
			if (mse_lcm_pool_draws(p, g, NULL) > 0) {
				row.rhat = wr;
				row.ess_bulk = lb;
				row.ess_tail = lt;
			}
		} else {
			if (mse_lcm_pool_draws(p, g, NULL) > 0) {
				row.rhat = worst_rhat;
				row.ess_bulk = least_bulk;
				row.ess_tail = least_tail;
				snprintf(status[r], sizeof(status[r]), "%s",
				    all_ok ? "ok" : "not ok: a stratum's "
				    "imputation is not ok (see its row)");
			} else
				snprintf(status[r], sizeof(status[r]), "%s",
				    why);
		}
		row.status = status[r];
		fill(x + 1 + V, "lcm", &row, level);
		x[nc - 1] = (struct cell){ CELL_STR, "", 0, 0 };
		r++;
	}
	out_table(&out, format, digits, cols, nc, c, r);
	rc = out_finish(&out, output) == 0 ? EXIT_OK : EXIT_FAIL;
done:
	free(cols);
	free(c);
	free(status);
	mse_lcm_pool_free(p);
	mse_strata_free(s);
	return rc;
}
