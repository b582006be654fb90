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
struct mse_model *mse_model_copy(const struct mse_model *m,
    struct mse_error *err);
size_t mse_model_lists(const struct mse_model *m);
int mse_model_has(const struct mse_model *m, uint32_t term);
int mse_model_remove(struct mse_model *m, uint32_t term,
    struct mse_error *err);
int mse_model_order(const struct mse_model *m);

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

/*
 * Model search (select.c) over hierarchical models with all main effects
 * and interactions up to max_order: SparseMSE's stepwise search, and AIC or
 * BIC over the whole space while it has at most max_models models, else
 * the downhill search of Silverman, Chan & Vincent (2024).
 */
enum {
	MSE_SELECT_NONE = 0,
	MSE_SELECT_STEPWISE,
	MSE_SELECT_AIC,
	MSE_SELECT_BIC
};

enum {
	MSE_SEARCH_STEPWISE = 1,
	MSE_SEARCH_EXHAUSTIVE,
	MSE_SEARCH_DOWNHILL
};

struct mse_select_options {
	int method;
	int max_order;		/* 2 */
	double threshold;	/* 0.02, stepwise */
	size_t max_models;	/* 65536: exhaustive up to this many */
	const struct mse_fit_options *fit;	/* NULL for the defaults */
};

struct mse_select_info {
	int search;		/* MSE_SEARCH_... used */
	size_t evaluated;	/* models fitted */
};

void mse_select_options_init(struct mse_select_options *o);
int mse_select(const struct mse_table *t, const struct mse_select_options *o,
    struct mse_model **model, struct mse_fit **fit,
    struct mse_select_info *info, struct mse_error *err);
int mse_models_count(size_t k, int max_order, size_t limit, size_t *count);

/* Every model of a space, fitted; failed fits are kept with a reason. */
struct mse_modelset;

int mse_modelset_fit(const struct mse_table *t, int max_order, size_t limit,
    const struct mse_fit_options *fo, struct mse_modelset **out,
    struct mse_error *err);
void mse_modelset_free(struct mse_modelset *s);
size_t mse_modelset_size(const struct mse_modelset *s);
const struct mse_model *mse_modelset_model(const struct mse_modelset *s,
    size_t i);
const struct mse_fit *mse_modelset_fit_of(const struct mse_modelset *s,
    size_t i);
int mse_modelset_status(const struct mse_modelset *s, size_t i,
    const char **reason);
size_t mse_modelset_best(const struct mse_modelset *s, int criterion);
double mse_modelset_weight(const struct mse_modelset *s, size_t i,
    int criterion);
int mse_modelset_average(const struct mse_modelset *s, int criterion,
    double *estimate, double *se, struct mse_error *err);

/*
 * Bootstrap intervals that re-run the whole model selection in every
 * replicate (Chan, Silverman & Vincent 2021), or choose among the top
 * models of the original data (Silverman, Chan & Vincent 2024): units are
 * resampled with replacement, as both R packages do, or (parametric)
 * every cell is drawn from the fitted model.  Replicates are
 * seeded one by one, so the result does not depend on the threads.
 */
struct mse_bootstrap_options {
	int replicates;		/* B, 1000 */
	unsigned long seed;	/* 1234 */
	int threads;		/* 1 */
	size_t top;		/* 0: full re-selection; N: the N best models */
	double level;		/* 0.95 */
	int parametric;		/* 0: resample the units (the R packages);
				 * 1: Poisson draws from the fitted model */
	/* Called from one thread as replicates finish (may be NULL). */
	void (*progress)(void *arg, size_t done, size_t total);
	void *progress_arg;
};

struct mse_bootstrap_result {
	double estimate;		/* on the original data */
	double lower, upper;		/* BCa, NAN when undefined */
	double pct_lower, pct_upper;	/* percentile */
	double z0, acceleration;
	size_t used;			/* replicates with an estimate */
	double *replicates;		/* all B, NAN where none; owned */
	size_t nreplicates;
	int bca;			/* MSE_OK, or why BCa is undefined */
	char bca_reason[256];
};

void mse_bootstrap_options_init(struct mse_bootstrap_options *o);
int mse_bootstrap(const struct mse_table *t,
    const struct mse_select_options *sel, const struct mse_model *fixed,
    const struct mse_bootstrap_options *o, struct mse_bootstrap_result *r,
    struct mse_error *err);
void mse_bootstrap_result_free(struct mse_bootstrap_result *r);

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

#ifdef __cplusplus
}
#endif

#endif /* MSE_H */
