/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mse.h - the one public header of libmse, multiple-systems estimation. */
#ifndef MSE_H
#define MSE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define MSE_VERSION_STRING "0.1.0"

/* The largest number of lists a table may have: 2^20 - 1 cells. */
#define MSE_MAX_LISTS 20

/* Status codes.  MSE_OK is 0; every failure is a positive code. */
enum {
	MSE_OK = 0,
	MSE_ENOMEM,	/* out of memory */
	MSE_EINVAL,	/* invalid argument from the caller */
	MSE_EIO,	/* read error */
	MSE_EPARSE,	/* malformed input; file, line and column are set */
	MSE_EDOMAIN,	/* the estimator is undefined for these data */
	MSE_ENOCONV,	/* the iterative fit did not converge */
	MSE_ESINGULAR,	/* singular design: parameters not identifiable */
	MSE_ENOMLE	/* the maximum-likelihood estimate does not exist */
};

/* An error report.  Fixed-size buffers, so that running out of memory can
 * still be reported.  The message holds no program name. */
struct mse_error {
	int code;
	char message[256];
	char file[256];
	long line;	/* 1-based; 0 when no input position applies */
	long column;	/* 1-based, in characters; 0 when not applicable */
};

const char *mse_version(void);
const char *mse_strerror(int code);
void mse_error_clear(struct mse_error *err);

/*
 * Capture-history tables.  A pattern is a bit mask over the lists: bit i
 * (value 1u << i) is set when the unit was seen by list i, lists numbered
 * from 0 in column order.  Patterns run from 1 to 2^k - 1; pattern 0 (seen
 * by no list) is never observed.  Counts are whole numbers up to 2^53.
 */
struct mse_table;

struct mse_table *mse_table_new(size_t k, const char *const *names,
    struct mse_error *err);
void mse_table_free(struct mse_table *t);
size_t mse_table_lists(const struct mse_table *t);
uint32_t mse_table_cells(const struct mse_table *t);
const char *mse_table_name(const struct mse_table *t, size_t list);
long mse_table_find(const struct mse_table *t, const char *name);
double mse_table_get(const struct mse_table *t, uint32_t pattern);
int mse_table_set(struct mse_table *t, uint32_t pattern, double count,
    struct mse_error *err);
double mse_table_observed(const struct mse_table *t);
double mse_table_list_total(const struct mse_table *t, size_t list);
double mse_table_seen_by(const struct mse_table *t, size_t nlists);
int mse_table_format_term(const struct mse_table *t, uint32_t term,
    char *buf, size_t size);
int mse_table_collapse(const struct mse_table *t, const size_t *lists,
    size_t nlists, struct mse_table **out, struct mse_error *err);

/* Reading the CSV table format of mse-data(5).  delimiter is ',', ';',
 * '\t', or 0 to detect it from the header.  filename is used in errors. */
int mse_table_read(FILE *fp, const char *filename, int delimiter,
    struct mse_table **out, struct mse_error *err);
int mse_table_parse(const char *buf, size_t len, const char *filename,
    int delimiter, struct mse_table **out, struct mse_error *err);

/*
 * Models: hierarchical log-linear models over a table's lists, written in R
 * formula notation ("A:B + C:D", "A*B*C", "main").  Main effects are always
 * in, and every interaction's sub-interactions are added.
 */
struct mse_model;

struct mse_model *mse_model_new(size_t k, struct mse_error *err);
void mse_model_free(struct mse_model *m);
int mse_model_parse(const struct mse_table *t, const char *formula,
    struct mse_model **out, struct mse_error *err);
int mse_model_add(struct mse_model *m, uint32_t term, struct mse_error *err);
size_t mse_model_terms(const struct mse_model *m);
uint32_t mse_model_term(const struct mse_model *m, size_t i);
int mse_model_format(const struct mse_model *m, const struct mse_table *t,
    char *buf, size_t size);

/*
 * Poisson log-linear fits on all 2^k - 1 cells (zeros included), by IRLS as
 * R's glm.fit.  A term whose margin is zero is fixed at minus infinity and
 * its cells leave the fit; the fit then goes on if the existence check
 * passes (the extended MLE).  A failed fit returns its code and no object.
 */
struct mse_fit;

struct mse_fit_options {
	int max_iter;		/* 25, as glm.control() */
	double tol;		/* 1e-8, relative change of the deviance */
	double rank_tol;	/* 1e-11, as glm.fit's QR */
};

void mse_fit_options_init(struct mse_fit_options *opt);
int mse_fit_loglinear(const struct mse_table *t, const struct mse_model *m,
    const struct mse_fit_options *opt, struct mse_fit **out,
    struct mse_error *err);
void mse_fit_free(struct mse_fit *f);

double mse_fit_observed(const struct mse_fit *f);
double mse_fit_unseen(const struct mse_fit *f);
double mse_fit_estimate(const struct mse_fit *f);
double mse_fit_se(const struct mse_fit *f);
double mse_fit_intercept(const struct mse_fit *f);
double mse_fit_intercept_se(const struct mse_fit *f);
double mse_fit_loglik(const struct mse_fit *f);
double mse_fit_deviance(const struct mse_fit *f);
long mse_fit_df(const struct mse_fit *f);
size_t mse_fit_params(const struct mse_fit *f);
double mse_fit_aic(const struct mse_fit *f);
double mse_fit_bic(const struct mse_fit *f);
int mse_fit_iterations(const struct mse_fit *f);
double mse_fit_fitted(const struct mse_fit *f, uint32_t pattern);
size_t mse_fit_boundary_terms(const struct mse_fit *f);
uint32_t mse_fit_boundary_term(const struct mse_fit *f, size_t i);

/*
 * Existence and identifiability (Fienberg & Rinaldo 2012; SparseMSE's
 * checkident): code 0 fine, bit 1 (MSE_EXIST_NOMLE) the MLE does not exist,
 * bit 2 (MSE_EXIST_UNIDENT) the parameters are not identifiable.
 */
#define MSE_EXIST_NOMLE 1
#define MSE_EXIST_UNIDENT 2
int mse_model_check(const struct mse_table *t, const struct mse_model *m,
    int *code, struct mse_error *err);

/* Intervals. */
enum {
	MSE_CI_LOGNORMAL = 0,	/* Chao (1987) */
	MSE_CI_WALD,		/* N +- z SE */
	MSE_CI_CONDITIONAL	/* n + exp(b0 +- z se(b0)), SparseMSE */
};

int mse_fit_interval(const struct mse_fit *f, int kind, double level,
    double *lower, double *upper, struct mse_error *err);
int mse_interval(double observed, double estimate, double se, int kind,
    double level, double *lower, double *upper, struct mse_error *err);

/* Closed-form estimators. */
enum {
	MSE_PETERSEN = 0,	/* Lincoln-Petersen, two lists */
	MSE_CHAPMAN,		/* Chapman, Seber's variance, two lists */
	MSE_CHAO,		/* Chao's lower bound */
	MSE_CHAO_BC,		/* Chao's bias-corrected lower bound */
	MSE_ZELTERMAN		/* Zelterman */
};

int mse_closed_estimate(const struct mse_table *t, int method,
    double *estimate, double *se, struct mse_error *err);

/*
 * Bayesian model averaging over decomposable graphical models (Madigan &
 * York 1997), as the R package dga 2.0.2: a hyper-Dirichlet prior on each
 * graph's cell probabilities, a prior on N, and the exact joint posterior
 * of (graph, N) on the grid N = n, n + step, ..., nmax.  The graphs are
 * every decomposable graph on the k lists (the default for k <= 5), or a
 * sample by MCMC over decomposable graphs (Giudici & Green 1999; the
 * default for k >= 6), two runs from opposite ends of the graph space.
 */
enum {
	MSE_PRIOR_N_INVERSE = 0,	/* p(N) proportional to 1/N (dga) */
	MSE_PRIOR_N_UNIFORM,		/* p(N) constant on the grid */
	MSE_PRIOR_N_NEGBIN		/* negative binomial, mean a b */
};

enum {
	MSE_DGA_AUTO = 0,	/* every graph for k <= 5, MCMC beyond */
	MSE_DGA_ALL,		/* every graph; k <= 6 */
	MSE_DGA_MCMC		/* MCMC over decomposable graphs */
};

struct mse_dga_options {
	double delta;		/* prior mass per cell; 0 means 2^-k */
	double nmin;		/* bottom of the grid; 0 means n */
	double nmax;		/* top of the grid; 0 means max(n+2000, 21n) */
	double step;		/* grid step, a whole number; 1 */
	int prior;		/* MSE_PRIOR_N_* */
	double prior_a, prior_b;	/* negative binomial size and scale */
	int graphs;		/* MSE_DGA_* */
	unsigned long seed;	/* MCMC: run r uses seed + r */
	long iterations;	/* MCMC steps per run after burn-in; 50000 */
	long burnin;		/* MCMC steps per run discarded; 5000 */
	int threads;		/* for every graph; 0 or 1: the caller's */
	/* Called now and then with the fraction of work done (0 to 1). */
	void (*progress)(void *arg, double done);
	void *progress_arg;
};

struct mse_dga;

void mse_dga_options_init(struct mse_dga_options *opt);
int mse_dga_fit(const struct mse_table *t, const struct mse_dga_options *opt,
    struct mse_dga **out, struct mse_error *err);
void mse_dga_free(struct mse_dga *d);

double mse_dga_observed(const struct mse_dga *d);
double mse_dga_delta(const struct mse_dga *d);
double mse_dga_mean(const struct mse_dga *d);
double mse_dga_sd(const struct mse_dga *d);
double mse_dga_quantile(const struct mse_dga *d, double p);
double mse_dga_top_mass(const struct mse_dga *d);
double mse_dga_log_marginal(const struct mse_dga *d);
size_t mse_dga_grid_size(const struct mse_dga *d);
double mse_dga_grid_n(const struct mse_dga *d, size_t i);
double mse_dga_grid_prob(const struct mse_dga *d, size_t i);

/* Graphs with a posterior weight, most probable first. */
size_t mse_dga_graphs(const struct mse_dga *d);
double mse_dga_graph_prob(const struct mse_dga *d, size_t i);
size_t mse_dga_graph_cliques(const struct mse_dga *d, size_t i);
uint32_t mse_dga_graph_clique(const struct mse_dga *d, size_t i, size_t j);
int mse_dga_graph_model(const struct mse_dga *d, size_t i,
    struct mse_model **out, struct mse_error *err);
int mse_dga_graph_summary(const struct mse_dga *d, size_t i, double level,
    double *mean, double *sd, double *median, double *lower, double *upper,
    struct mse_error *err);

/* MCMC over graphs: 1 if the graphs were sampled; per run (0, 1) the
 * acceptance rate and the posterior mean of N; the total variation
 * distance between the two runs' graph frequencies. */
int mse_dga_mcmc(const struct mse_dga *d);
double mse_dga_run_acceptance(const struct mse_dga *d, int run);
double mse_dga_run_mean(const struct mse_dga *d, int run);
double mse_dga_run_distance(const struct mse_dga *d);

/* The number of units seen by both list i and list j. */
double mse_table_overlap(const struct mse_table *t, size_t i, size_t j);

/*
 * The latent-class model of LCMCR 0.4.14 (Manrique-Vallier 2016): a
 * truncated stick-breaking Dirichlet process mixture of K classes of
 * independent lists, sampled by Gibbs with data augmentation, several
 * chains on threads.  Chain c uses seed + c, whatever the thread count.
 * Both samplers use GSL's taus2, LCMCR's generator.  The default draws
 * from the same conditionals as LCMCR with fewer and cheaper draws;
 * MSE_LCM_LCMCR runs LCMCR's own sequence of draws, so that chain c
 * reproduces lcmCR(seed = seed + c) draw for draw.
 */
enum {
	MSE_LCM_FAST = 0,
	MSE_LCM_LCMCR
};

struct mse_lcm_options {
	int classes;		/* K, 10 */
	double a_alpha, b_alpha;	/* Gamma prior on alpha; 0.25, 0.25 */
	long samples;		/* draws kept per chain; 1000 */
	long burnin;		/* sweeps discarded per chain; 10000 */
	long thin;		/* sweeps per kept draw; 10 */
	int chains;		/* 4 */
	int threads;		/* 0: one per chain */
	unsigned long seed;	/* chain c uses seed + c */
	int sampler;		/* MSE_LCM_* */
	void (*progress)(void *arg, double done);
	void *progress_arg;
};

struct mse_lcm;

void mse_lcm_options_init(struct mse_lcm_options *opt);
int mse_lcm_fit(const struct mse_table *t, const struct mse_lcm_options *opt,
    struct mse_lcm **out, struct mse_error *err);
void mse_lcm_free(struct mse_lcm *m);

double mse_lcm_observed(const struct mse_lcm *m);
double mse_lcm_mean(const struct mse_lcm *m);
double mse_lcm_sd(const struct mse_lcm *m);
double mse_lcm_quantile(const struct mse_lcm *m, double p);
int mse_lcm_chains(const struct mse_lcm *m);
long mse_lcm_samples(const struct mse_lcm *m);
/* Draw i of chain c (the number N), in the order drawn. */
double mse_lcm_draw(const struct mse_lcm *m, int chain, long i);
double mse_lcm_chain_quantile(const struct mse_lcm *m, int chain, double p);
/* Draws that hit LCMCR's cap on the unseen, N = 21 n. */
long mse_lcm_capped(const struct mse_lcm *m);
double mse_lcm_rhat(const struct mse_lcm *m);
double mse_lcm_ess_bulk(const struct mse_lcm *m);
double mse_lcm_ess_tail(const struct mse_lcm *m);

/*
 * Convergence diagnostics of Vehtari et al. (2021) for `chains` chains of
 * n draws each, chain after chain: rank-normalised split R-hat (the larger
 * of bulk and folded), bulk ESS and tail ESS (the smaller of the 5% and
 * 95% quantile ESS).  Any output pointer may be NULL.
 */
int mse_mcmc_diagnose(const double *draws, size_t chains, size_t n,
    double *rhat, double *ess_bulk, double *ess_tail,
    struct mse_error *err);

#ifdef __cplusplus
}
#endif

#endif /* MSE_H */
