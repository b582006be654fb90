/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bayes.h - mse-fit's Bayesian methods: latent classes (lcm), dga and
 * Bayesian thresholding (bayesthresh). */
#ifndef CLI_BAYES_H
#define CLI_BAYES_H

#include <getopt.h>

#include <mse.h>

/* Values of mse-fit's method beside its own. */
#define METHOD_LCM (-2)
#define METHOD_DGA (-3)
#define METHOD_BAYESTHRESH (-5)

enum {
	OPT_CLASSES = 256, OPT_ALPHA_PRIOR, OPT_SAMPLES, OPT_BURNIN, OPT_THIN,
	OPT_CHAINS, OPT_THREADS, OPT_SEED, OPT_DRAWS, OPT_LCMCR, OPT_DELTA,
	OPT_PRIOR_N, OPT_NMIN, OPT_NMAX, OPT_STEP, OPT_GRAPHS, OPT_ITERATIONS,
	OPT_POSTERIOR, OPT_TOP, OPT_PRIOR, OPT_TERMS, OPT_MAX_SWEEPS,
	OPT_DISPERSE, OPT_CACHE, OPT_START, OPT_MAX_ITERATIONS, OPT_BAYES_END
};

/* The long options, for mse-fit's getopt_long table; --seed, --threads
 * and --top are mse-fit's own, which hands them on with bayes_option. */
#define BAYES_LONGOPTS \
	{ "classes", required_argument, NULL, OPT_CLASSES }, \
	{ "alpha-prior", required_argument, NULL, OPT_ALPHA_PRIOR }, \
	{ "samples", required_argument, NULL, OPT_SAMPLES }, \
	{ "burnin", required_argument, NULL, OPT_BURNIN }, \
	{ "thin", required_argument, NULL, OPT_THIN }, \
	{ "chains", required_argument, NULL, OPT_CHAINS }, \
	{ "draws", required_argument, NULL, OPT_DRAWS }, \
	{ "lcmcr", no_argument, NULL, OPT_LCMCR }, \
	{ "delta", required_argument, NULL, OPT_DELTA }, \
	{ "prior-n", required_argument, NULL, OPT_PRIOR_N }, \
	{ "nmin", required_argument, NULL, OPT_NMIN }, \
	{ "nmax", required_argument, NULL, OPT_NMAX }, \
	{ "step", required_argument, NULL, OPT_STEP }, \
	{ "graphs", required_argument, NULL, OPT_GRAPHS }, \
	{ "iterations", required_argument, NULL, OPT_ITERATIONS }, \
	{ "posterior", required_argument, NULL, OPT_POSTERIOR }, \
	{ "prior", required_argument, NULL, OPT_PRIOR }, \
	{ "terms", required_argument, NULL, OPT_TERMS }, \
	{ "max-sweeps", required_argument, NULL, OPT_MAX_SWEEPS }, \
	{ "disperse", required_argument, NULL, OPT_DISPERSE }, \
	{ "cache", required_argument, NULL, OPT_CACHE }, \
	{ "start", required_argument, NULL, OPT_START }, \
	{ "max-iterations", required_argument, NULL, OPT_MAX_ITERATIONS }

struct bayes_opts {
	unsigned long given;	/* bit (OPT_x - OPT_CLASSES) per option */
	struct mse_lcm_options lcm;
	struct mse_dga_options dga;
	struct mse_bayesthresh_options bt;	/* mse-fit sets its threshold
						 * and max_order */
	const char *draws;
	const char *terms;	/* bayesthresh: write the terms tried */
	long max_sweeps;	/* lcm's rounds: budget a chain */
	long max_iterations;	/* dga's MCMC rounds: budget a run */
	unsigned max_seconds;	/* the rounds: mse-fit's --max-seconds */
	const char *posterior;	/* dga: write P(N | y) on its grid */
	const char *cache;	/* lcm: the cache directory, or NULL */
	long top;
};

void bayes_init(struct bayes_opts *b);
/* Take option c (one of ours: returns 1) with its value. */
int bayes_option(struct bayes_opts *b, int c, const char *arg);
/* 1 when -m lcm runs in rounds until converged (no --samples, --burnin
 * or --thin given), or -m dga's MCMC would (no --iterations or
 * --burnin): --max-seconds is then their budget, not a deadline. */
int bayes_rounds(const struct bayes_opts *b, int method);
/* Usage errors for options given without their method. */
void bayes_check(const struct bayes_opts *b, int method);
void bayes_usage(void);
const char *bayes_columns(void);
/* Fit, print, write: returns the exit status. */
int bayes_run(const struct bayes_opts *b, int method,
    const struct mse_table *t, const char *name, double level, int format,
    int digits, const char *output);

/* -m lcm --by: one model per stratum of s, and the total whose draws are
 * the strata's summed (mse_lcm_by_fit). */
int bayes_run_by(const struct bayes_opts *b, const struct mse_strata *s,
    const char *name, double level, int format, int digits,
    const char *output);

/* -m lcm --imputation COL [--by COLS]: read file's strata of by and
 * COL, fit every imputed version, pool their draws (mse_lcm_pool_fit). */
int bayes_run_imputed(const struct bayes_opts *b, const char *file,
    int delimiter, char *const *by, size_t nby, const char *imputation,
    const char *lists, double level, int format, int digits,
    const char *output);

#endif /* CLI_BAYES_H */
