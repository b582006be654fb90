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

/* MSE_VERSION_STRING, _MAJOR, _MINOR, _PATCH and _NUMBER, from configure. */
#include "mse_version.h"

/* The largest number of lists a table may have.  Up to MSE_DENSE_LISTS a
 * table holds all 2^k - 1 cells; beyond, only the patterns that were set
 * (a sparse table), and only what needs no more than the seen patterns
 * takes it: the latent-class model (mse_lcm_fit), the table's sums, and
 * reading and writing.  The methods that tabulate every cell (log-linear
 * models, Rcapture's, dga, Bayesian thresholding, the checks) refuse a
 * sparse table with MSE_EDOMAIN. */
#define MSE_MAX_LISTS 30
#define MSE_DENSE_LISTS 20

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

/*
 * Structs that a caller allocates and fills (the options and specs) begin
 * with size_t size, which their _init function sets to their sizeof:
 * always call it first, then change fields.  The library reads only the
 * first size bytes (fields added later keep their defaults) and refuses,
 * with MSE_EINVAL, a size of 0 or one larger than it knows.  The result
 * structs mse_error, mse_select_info, mse_bootstrap_result and
 * mse_profile have a fixed layout: new results come as new functions.
 */

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
/* The next pattern after `after' whose count is above 0, in increasing
 * order, or 0 when there is none: for (w = mse_table_next(t, 0); w != 0;
 * w = mse_table_next(t, w)) visits the seen cells of a dense or sparse
 * table alike. */
uint32_t mse_table_next(const struct mse_table *t, uint32_t after);
/* Whether the table holds all its cells (k <= MSE_DENSE_LISTS). */
int mse_table_dense(const struct mse_table *t);

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
/* The same text in a new string of its own length (free it); NULL when
 * out of memory.  mse_model_format fails (MSE_EINVAL) when size is too
 * small. */
char *mse_model_string(const struct mse_model *m, const struct mse_table *t);
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
	size_t size;		/* sizeof(struct mse_fit_options) */
	int max_iter;		/* 25, as glm.control() */
	double tol;		/* 1e-8, relative change of the deviance */
	double rank_tol;	/* 1e-11, as glm.fit's QR */
	/* Functions that fit a whole space of models (mse_modelset_fit,
	 * mse_modelset_fit_covariates, mse_by_modelset and the exhaustive
	 * search of mse_select, through its options' fit): called after
	 * each model with the models fitted and the space's size (see
	 * "Threads and progress"); NULL for none. */
	void (*progress)(void *arg, size_t done, size_t total);
	void *progress_arg;
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
double mse_fit_aicc(const struct mse_fit *f);
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
	MSE_SELECT_BIC,
	MSE_SELECT_AICC
};

enum {
	MSE_SEARCH_STEPWISE = 1,
	MSE_SEARCH_EXHAUSTIVE,
	MSE_SEARCH_DOWNHILL
};

struct mse_select_options {
	size_t size;		/* sizeof(struct mse_select_options) */
	int method;
	int max_order;		/* 2 */
	double threshold;	/* 0.02, stepwise */
	size_t max_models;	/* 65536: exhaustive up to this many */
	const struct mse_fit_options *fit;	/* NULL for the defaults */
	/* Structural zeros of the table (mse_fit_loglinear_absent): every
	 * model of the search is fitted without these patterns. */
	const uint32_t *absent;
	size_t nabsent;
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
/*
 * The same searches (AIC or BIC; stepwise is refused) over one model
 * across strata (mse_fit_covariates): the strata's variables are
 * covariates whose main effects are always in, and the candidate terms
 * are the list interactions and the interactions of lists with one
 * covariate, up to max_order.  The model runs over the K lists, then the
 * V covariates; mse_fit_model(*fit) prints it.
 */
struct mse_strata;
struct mse_absent;
int mse_select_covariates(const struct mse_strata *s,
    const struct mse_absent *a, const struct mse_select_options *o,
    struct mse_model **model, struct mse_fit **fit,
    struct mse_select_info *info, struct mse_error *err);

/* Every model of a space, fitted; failed fits are kept with a reason. */
struct mse_modelset;

int mse_modelset_fit(const struct mse_table *t, int max_order, size_t limit,
    const struct mse_fit_options *fo, struct mse_modelset **out,
    struct mse_error *err);
/*
 * The search path of the UNODC trafficking studies (model_search in M.
 * Cruyff's R package mse): R's step() from main effects over every pair
 * of variables (lists, then covariates) under BIC, then adding only under
 * AIC, then adding only with penalty 1; one fitted model per step, the
 * first the main effects.  mse_path_phase says under which penalty a step
 * was taken; mse_path_change returns +1 (term added), -1 (dropped) or 0.
 */
enum { MSE_PATH_BIC = 1, MSE_PATH_AIC, MSE_PATH_K1 };
struct mse_path;
int mse_select_path(const struct mse_table *t,
    const struct mse_select_options *o, struct mse_path **out,
    struct mse_error *err);
int mse_select_path_covariates(const struct mse_strata *s,
    const struct mse_absent *a, const struct mse_select_options *o,
    struct mse_path **out, struct mse_error *err);
void mse_path_free(struct mse_path *p);
size_t mse_path_steps(const struct mse_path *p);
const struct mse_model *mse_path_model(const struct mse_path *p, size_t i);
const struct mse_fit *mse_path_fit(const struct mse_path *p, size_t i);
int mse_path_phase(const struct mse_path *p, size_t i);
int mse_path_change(const struct mse_path *p, size_t i, uint32_t *term);

/* Every model of the space of mse_select_covariates, fitted. */
int mse_modelset_fit_covariates(const struct mse_strata *s,
    const struct mse_absent *a, int max_order, size_t limit,
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
 * Threads and progress, the same for the bootstrap, mse_dga_fit and
 * mse_lcm_fit.  threads: 0 (MSE_THREADS_AUTO) one per online processor,
 * 1 the calling thread only, n at most n; never more than there are
 * replicates, graph blocks or chains.  The calling thread always takes
 * part.  Results do not depend on the threads.  progress (may be NULL) is
 * called with progress_arg, one thread at a time, with done rising to
 * total (the last call has done == total when the work succeeds).
 */
#define MSE_THREADS_AUTO 0

/*
 * Bootstrap intervals that re-run the whole model selection in every
 * replicate (Chan, Silverman & Vincent 2021), or choose among the top
 * models of the original data (Silverman, Chan & Vincent 2024): units are
 * resampled with replacement, as both R packages do, or (parametric)
 * every cell is drawn from the fitted model.  Replicates are
 * seeded one by one, so the result does not depend on the threads.
 */
struct mse_bootstrap_options {
	size_t size;		/* sizeof(struct mse_bootstrap_options) */
	int replicates;		/* B, 1000 */
	unsigned long seed;	/* 1234 */
	int threads;		/* MSE_THREADS_*, 1 */
	size_t top;		/* 0: full re-selection; N: the N best models */
	double level;		/* 0.95 */
	int parametric;		/* 0: resample the units (the R packages);
				 * 1: Poisson draws from the fitted model */
	void (*progress)(void *arg, size_t done, size_t total);
	void *progress_arg;	/* see "Threads and progress" above */
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
	MSE_CI_CONDITIONAL,	/* n + exp(b0 +- z se(b0)), SparseMSE */
	MSE_CI_PROFILE		/* profile likelihood, Rcapture's closedpCI */
};

int mse_fit_interval(const struct mse_fit *f, int kind, double level,
    double *lower, double *upper, struct mse_error *err);
/* 1 if the interval kind is defined for the fit, else 0 and *reason
 * (if not NULL) says why; mse_fit_interval then fails with that reason. */
int mse_fit_has_interval(const struct mse_fit *f, int kind,
    const char **reason);
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
 * Stratified tables (strata.c): one capture-history table per stratum, all
 * over the same lists.  A stratum is named by its values of the stratum
 * variables (year, gender, ...); with no variables there is one stratum.
 * Strata are numbered in the order they were added, until sorted.
 */
struct mse_strata;

struct mse_strata *mse_strata_new(size_t k, const char *const *lists,
    size_t nvars, const char *const *vars, struct mse_error *err);
void mse_strata_free(struct mse_strata *s);
size_t mse_strata_lists(const struct mse_strata *s);
const char *mse_strata_list(const struct mse_strata *s, size_t list);
long mse_strata_find_list(const struct mse_strata *s, const char *name);
size_t mse_strata_vars(const struct mse_strata *s);
const char *mse_strata_var(const struct mse_strata *s, size_t var);
long mse_strata_find_var(const struct mse_strata *s, const char *name);
/*
 * A numeric variable as a trend: in covariate models (mse_fit_covariates
 * and what takes strata with covariates) its main effect and every term
 * with it are orthogonal polynomials of its value up to degree (as R's
 * poly(x, degree)), not a factor.  Set it after the strata are filled;
 * degree 0 makes it a factor again.
 */
#define MSE_TREND_MAX 10
int mse_strata_set_trend(struct mse_strata *s, const char *var, int degree,
    struct mse_error *err);
int mse_strata_trend(const struct mse_strata *s, size_t var);
size_t mse_strata_count(const struct mse_strata *s);
const char *mse_strata_value(const struct mse_strata *s, size_t stratum,
    size_t var);
const struct mse_table *mse_strata_table(const struct mse_strata *s,
    size_t stratum);
long mse_strata_find(const struct mse_strata *s, const char *const *values);
/* Add count to a pattern of the stratum with these values, creating the
 * stratum if needed (pattern 0 with count 0 only creates it). */
int mse_strata_add(struct mse_strata *s, const char *const *values,
    uint32_t pattern, double count, size_t *stratum, struct mse_error *err);
/*
 * Units with a missing value of some variable (values[v] NULL), which no
 * stratum can hold: kept as incomplete rows, one per values and pattern,
 * for the covariate model's EM (mse_fit_covariates).  Values with none
 * missing go to their stratum as mse_strata_add.  mse_strata_missing is
 * the number of such units.
 */
int mse_strata_add_incomplete(struct mse_strata *s,
    const char *const *values, uint32_t pattern, double count,
    struct mse_error *err);
size_t mse_strata_incomplete(const struct mse_strata *s);
const char *mse_strata_incomplete_value(const struct mse_strata *s,
    size_t row, size_t var);
uint32_t mse_strata_incomplete_pattern(const struct mse_strata *s,
    size_t row);
double mse_strata_incomplete_count(const struct mse_strata *s, size_t row);
double mse_strata_missing(const struct mse_strata *s);
/* Sort the strata by their values, variable by variable; values that are
 * numbers sort as numbers, before text, which sorts bytewise. */
int mse_strata_sort(struct mse_strata *s, struct mse_error *err);
int mse_value_cmp(const char *a, const char *b);
/* Add every combination of the variables' values that is missing, with
 * no counts, and sort. */
int mse_strata_complete(struct mse_strata *s, struct mse_error *err);
/* "year=2014, gender=mann" (or "all" with no variables). */
int mse_strata_format(const struct mse_strata *s, size_t stratum, char *buf,
    size_t size);
/* List operations, on every stratum.  merge: a unit is on the new list
 * when it is on a or b; the new list takes a's place.  drop: units seen
 * only by the dropped list leave the table. */
int mse_strata_merge(struct mse_strata *s, const char *a, const char *b,
    const char *name, struct mse_error *err);
int mse_strata_drop(struct mse_strata *s, const char *list,
    struct mse_error *err);
int mse_strata_rename(struct mse_strata *s, const char *from, const char *to,
    struct mse_error *err);

/* Reading a table with stratum columns (mse-data(5)).  vars names the
 * stratum columns.  With lists NULL every other column but count is a
 * list; otherwise only the named columns are lists, the other columns are
 * summed over and rows on none of the lists are left out. */
struct mse_strata_spec {
	size_t size;			/* sizeof(struct mse_strata_spec) */
	int delimiter;			/* as mse_table_read */
	const char *const *vars;
	size_t nvars;
	const char *const *lists;	/* or NULL */
	size_t nlists;
	int missing;	/* an empty or NA stratum value is missing: the row
			 * is incomplete (mse_strata_add_incomplete);
			 * otherwise it is an error */
};
void mse_strata_spec_init(struct mse_strata_spec *spec);
int mse_strata_read(FILE *fp, const char *filename,
    const struct mse_strata_spec *spec, struct mse_strata **out,
    struct mse_error *err);
int mse_strata_parse(const char *buf, size_t len, const char *filename,
    const struct mse_strata_spec *spec, struct mse_strata **out,
    struct mse_error *err);

/*
 * Records (records.c, mse-data(5)): one row per person or per report,
 * into a stratified table.  The lists come from 0/1 columns (lists names
 * them; NULL means every column that is not an id or stratum column) or
 * from one column naming the lists that reported the row, separated by
 * ';' or '|' (lists then names the lists allowed, in order; NULL means
 * every name met, in order of appearance).  With id columns, the rows
 * that share their values are one person, whose lists are the union of
 * the rows' and whose stratum values must agree.
 */
struct mse_records_spec {
	size_t size;			/* sizeof(struct mse_records_spec) */
	int delimiter;			/* as mse_table_read */
	const char *const *id;		/* key columns, or NULL */
	size_t nid;
	const char *reported_by;	/* or NULL for 0/1 columns */
	const char *const *lists;	/* or NULL */
	size_t nlists;
	const char *const *by;		/* stratum columns */
	size_t nby;
	int missing;	/* as mse_strata_spec's: a person's value is the
			 * one any of its rows gives */
};
void mse_records_spec_init(struct mse_records_spec *spec);
int mse_records_read(FILE *fp, const char *filename,
    const struct mse_records_spec *spec, struct mse_strata **out,
    struct mse_error *err);
int mse_records_parse(const char *buf, size_t len, const char *filename,
    const struct mse_records_spec *spec, struct mse_strata **out,
    struct mse_error *err);

/*
 * Structural zeros (absent.c): cells that cannot occur, such as
 * "rosa:gender=mann,barnevern:age=voksen".  Each comma-separated item
 * joins with ':' list names (the unit is on that list) and var=value
 * conditions (the stratum has that value); a cell is absent when it meets
 * every part of some item.  Absent cells leave the likelihood.
 */
struct mse_absent;

int mse_absent_parse(const struct mse_strata *s, const char *spec,
    struct mse_absent **out, struct mse_error *err);
void mse_absent_free(struct mse_absent *a);
int mse_absent_cell(const struct mse_absent *a, const struct mse_strata *s,
    size_t stratum, uint32_t pattern);
/* MSE_EDOMAIN, with a message, if an absent cell has a positive count. */
int mse_absent_check(const struct mse_absent *a, const struct mse_strata *s,
    struct mse_error *err);

/* A log-linear fit with structural zeros: the given patterns leave the
 * likelihood (fitted as 0); otherwise as mse_fit_loglinear. */
int mse_fit_loglinear_absent(const struct mse_table *t,
    const struct mse_model *m, const uint32_t *absent, size_t nabsent,
    const struct mse_fit_options *opt, struct mse_fit **out,
    struct mse_error *err);

/*
 * One log-linear model across strata (covfit.c): the stratum variables
 * are covariates, each a factor with treatment contrasts (its first value
 * in mse_value_cmp order is the baseline).  The formula runs over list
 * and covariate names ("politi:udi + rosa:gender"); list and covariate
 * main effects are always in, and terms are closed hierarchically.  The
 * cells are every stratum of s and every pattern but the absent ones.
 */
int mse_fit_covariates(const struct mse_strata *s, const char *formula,
    const struct mse_absent *a, const struct mse_fit_options *opt,
    struct mse_fit **out, struct mse_error *err);
/*
 * With units whose covariate value is missing (mse_strata_add_incomplete)
 * the model is fitted by EM, the values missing at random: the units with
 * one, the fraction of missing information on a stratum's N (stratum as
 * mse_fit_stratum_estimate; 1 - the complete data's variance of N over the
 * observed data's, by Louis's method) and the EM's iterations; 0 for a fit
 * without.  The log-likelihood is then the
 * observed data's, less the missingness mechanism's part (the same for
 * every model of the data); the deviance and df are those of the table EM
 * completes.
 */
double mse_fit_missing(const struct mse_fit *f);
double mse_fit_missing_information(const struct mse_fit *f,
    size_t stratum);
int mse_fit_em_iterations(const struct mse_fit *f);
/*
 * The strata of a fit: mse_strata_count(s) for mse_fit_covariates, 1 for
 * a fit of one table.  Stratum i < mse_fit_strata(f); i == mse_fit_strata(f)
 * is the total, with var(total) from the joint covariance (for one table,
 * stratum 0 and the total are the fit's N).  NAN beyond.
 */
size_t mse_fit_strata(const struct mse_fit *f);
double mse_fit_stratum_observed(const struct mse_fit *f, size_t i);
double mse_fit_stratum_estimate(const struct mse_fit *f, size_t i);
double mse_fit_stratum_se(const struct mse_fit *f, size_t i);
/* The model as fitted ("main + a:gender"): for mse_fit_covariates; NULL
 * for a fit of one table (format its model with mse_model_format). */
const char *mse_fit_model(const struct mse_fit *f);
/* Cells declared absent (structural zeros) and left out of the fit. */
size_t mse_fit_absent_cells(const struct mse_fit *f);
/* The name of boundary column i ("a:b:gender=f") of mse_fit_covariates;
 * NULL for a fit of one table (format mse_fit_boundary_term(f, i) with
 * mse_table_format_term). */
const char *mse_fit_boundary_name(const struct mse_fit *f, size_t i);

/*
 * Each stratum on its own (stratfit.c), as mse-fit --by: a stratum's
 * lists that recorded nobody leave its table (and the model's terms on
 * them), its structural zeros are mapped onto the lists kept, and the
 * model is fixed or chosen in each stratum.  The total is the sum of the
 * strata's estimates, with var = sum of var; index mse_by_count(b) is the
 * total in the getters.  A stratum without an estimate keeps its reason.
 */
#define MSE_BY_LOGLINEAR (-1)
#define MSE_BY_CLOSEDP (-2)
struct mse_by;
struct mse_by_options {
	size_t size;		/* sizeof(struct mse_by_options) */
	int method;		/* MSE_BY_LOGLINEAR, MSE_BY_CLOSEDP, or a
				 * closed form (MSE_PETERSEN, ...) */
	int closedp;		/* with MSE_BY_CLOSEDP: MSE_M0, ... */
	const char *model;	/* over all the lists; NULL: main effects */
	const struct mse_select_options *sel;	/* NULL: the model */
	const struct mse_absent *absent;	/* NULL: none */
	const struct mse_fit_options *fit;	/* NULL: the defaults */
	/* NULL, or called by mse_by_fit once stratum i is fitted, strata
	 * in order, while the getters show its fit, table, model, note and
	 * search.  When it returns they are freed (the getters then give
	 * NULL or ""): only the status, reason, observed, estimate and se
	 * stay, so that a caller can use each stratum and keep little.
	 * mse_by_bootstrap does not call it. */
	void (*each)(void *arg, const struct mse_by *b, size_t i);
	void *each_arg;
};

void mse_by_options_init(struct mse_by_options *o);
int mse_by_fit(const struct mse_strata *s, const struct mse_by_options *o,
    struct mse_by **out, struct mse_error *err);
void mse_by_free(struct mse_by *b);
/* Stratum i's model set (mse_modelset_fit) on the lists that recorded
 * someone in it, with its structural zeros (o->absent); *table gets that
 * table, which the caller frees, to format the models with. */
int mse_by_modelset(const struct mse_strata *s, size_t i,
    const struct mse_by_options *o, int max_order, size_t limit,
    struct mse_modelset **out, struct mse_table **table,
    struct mse_error *err);
size_t mse_by_count(const struct mse_by *b);
int mse_by_status(const struct mse_by *b, size_t i, const char **reason);
const struct mse_fit *mse_by_fit_of(const struct mse_by *b, size_t i);
const struct mse_table *mse_by_table(const struct mse_by *b, size_t i);
const char *mse_by_model(const struct mse_by *b, size_t i);
const char *mse_by_note(const struct mse_by *b, size_t i);
const struct mse_select_info *mse_by_select_info(const struct mse_by *b,
    size_t i);
double mse_by_observed(const struct mse_by *b, size_t i);
double mse_by_estimate(const struct mse_by *b, size_t i);
double mse_by_se(const struct mse_by *b, size_t i);
/* The re-selecting bootstrap over strata: each replicate resamples every
 * stratum's units and re-runs the fit or the selection in each; r has
 * mse_strata_count(s) + 1 results, the total's from the replicates'
 * totals.  A result whose interval is undefined says why in bca_reason. */
int mse_by_bootstrap(const struct mse_strata *s,
    const struct mse_by_options *o, const struct mse_bootstrap_options *bo,
    struct mse_bootstrap_result *r, struct mse_error *err);
/* The same for one covariate model across strata (mse_fit_covariates):
 * every replicate refits the formula's model, or with sel (not NULL)
 * re-runs mse_select_covariates; r has mse_strata_count(s) + 1. */
int mse_covariates_bootstrap(const struct mse_strata *s, const char *formula,
    const struct mse_select_options *sel, const struct mse_absent *a,
    const struct mse_fit_options *fo,
    const struct mse_bootstrap_options *bo, struct mse_bootstrap_result *r,
    struct mse_error *err);

/*
 * Subgroup tables (subgroups.c), as Cruyff's boot_mse for the UNODC
 * studies: one parametric bootstrap of one covariate model.  Every
 * replicate draws the whole table, every stratum's cells with the unseen
 * ones, as one multinomial of size floor(N) (N the model's total, as R's
 * rmultinom truncates it) with probabilities the fitted values / N
 * (absent and boundary cells 0), refits the formula's model to the
 * observed cells, and keeps every stratum's N as the sum of its fitted
 * values, the unseen cell's included (Cruyff's generate_tables; the same
 * as mse_fit_stratum_estimate's observed + fitted unseen when the model
 * fits the stratum's observed margin).  estimate[b * S + i] is stratum
 * i's N in replicate b; a replicate whose refit fails is NAN throughout, and
 * reason says why the first one failed.  Replicate b is seeded from
 * (seed, b) alone: the same seed gives the same numbers for any threads.
 * bo->parametric is implied; bo->top must be 0.
 */
struct mse_replicates {
	size_t B, S;		/* replicates, strata */
	double *estimate;	/* B x S, row-major; owned */
	size_t used;		/* replicates with an estimate */
	double *point;		/* S + 1: each stratum's N (its fitted values'
				 * sum), then the total */
	double *observed;	/* S + 1: each stratum's observed, the total */
	double *fitted;		/* S x 2^K: every cell's fitted value,
				 * [i * 2^K + pattern], pattern 0 unseen */
	char reason[256];	/* "" when every replicate has an estimate */
	char *model;		/* the model as fitted ("main + a:gender") */
};
int mse_covariates_replicates(const struct mse_strata *s, const char *formula,
    const struct mse_absent *a, const struct mse_fit_options *fo,
    const struct mse_bootstrap_options *bo, struct mse_replicates *r,
    struct mse_error *err);
void mse_replicates_free(struct mse_replicates *r);
/* Whether stratum has the given values: values has mse_strata_vars(s)
 * entries, NULL for any value. */
int mse_strata_in(const struct mse_strata *s, size_t stratum,
    const char *const *values);
/* The sum of x[i] over the strata i with the given values (a subgroup);
 * *nstrata (may be NULL) gets how many. */
double mse_subgroup_sum(const struct mse_strata *s, const char *const *values,
    const double *x, size_t *nstrata);
/* A subgroup's percentile interval from the replicates' sums, R's
 * quantile type 7 as Cruyff's ci_95; MSE_ENOMLE, with the reason, when
 * fewer than 2 / (1 - level) replicates have an estimate. */
int mse_subgroup_interval(const struct mse_strata *s,
    const char *const *values, const struct mse_replicates *r, double level,
    double *lower, double *upper, struct mse_error *err);

/* The sum of independent estimates: var(total) = sum of var. */
int mse_estimate_sum(size_t n, const double *estimate, const double *se,
    double *total, double *total_se, struct mse_error *err);

/*
 * Simulated populations (sim.c).  Each stratum's units fall in the 2^k
 * cells (pattern 0 included) with probabilities proportional to
 * exp(sum of logit(p_i) over the lists i of the pattern + sum of the
 * interactions lambda_t over the terms t within it); with latent classes,
 * a unit of class c has log f_c added to every list's effect.  Absent
 * cells have probability 0.  A stratum's size is round(size * the product
 * of its values' weights).  The generator is GSL's mt19937 seeded with
 * seed: the same seed gives the same population.
 */
struct mse_sim;

struct mse_sim *mse_sim_new(size_t k, const char *const *lists,
    const double *prob, struct mse_error *err);
void mse_sim_free(struct mse_sim *m);
int mse_sim_interaction(struct mse_sim *m, uint32_t term, double lambda,
    struct mse_error *err);
int mse_sim_class(struct mse_sim *m, double weight, double factor,
    struct mse_error *err);
/* A latent class with its own capture probabilities: prob has k
 * entries, NaN for the list's own. */
int mse_sim_class_probs(struct mse_sim *m, double weight, const double *prob,
    struct mse_error *err);
int mse_sim_var(struct mse_sim *m, const char *name, size_t nvalues,
    const char *const *values, const double *weights,
    struct mse_error *err);
int mse_sim_absent(struct mse_sim *m, const char *spec,
    struct mse_error *err);
/* Units lose their value of stratum variable var at random (MAR: the
 * chance depends on what the lists saw): with chance rate, or the highest
 * list_rate[j] (k values, NAN for none; or NULL) of the lists j that saw
 * the unit when that is higher.  They become incomplete rows
 * (mse_strata_add_incomplete). */
int mse_sim_missing(struct mse_sim *m, const char *var, double rate,
    const double *list_rate, struct mse_error *err);
size_t mse_sim_strata(const struct mse_sim *m);
/* Draw a population; truth (mse_sim_strata entries, or NULL) gets each
 * stratum's true size. */
int mse_sim_run(const struct mse_sim *m, double size, unsigned long seed,
    struct mse_strata **out, double *truth, struct mse_error *err);

/*
 * Frequency data: f_i, the number of units caught exactly i times, for
 * i = 1, 2, ... (Rcapture's "nbcap" data).  Counts are whole numbers up to
 * 2^53; i runs up to MSE_FREQ_MAX.
 */
#define MSE_FREQ_MAX 1000
struct mse_freq;

struct mse_freq *mse_freq_new(struct mse_error *err);
void mse_freq_free(struct mse_freq *fr);
int mse_freq_set(struct mse_freq *fr, size_t i, double count,
    struct mse_error *err);
double mse_freq_get(const struct mse_freq *fr, size_t i);
size_t mse_freq_max(const struct mse_freq *fr);
double mse_freq_observed(const struct mse_freq *fr);
int mse_freq_from_table(const struct mse_table *t, struct mse_freq **out,
    struct mse_error *err);

/* Read either form of mse-data(5): a capture-history table, or, when the
 * header is "nbcap" and "count", frequency data.  Exactly one of *table
 * and *freq is set on success; freq may be NULL to accept tables only. */
int mse_data_read(FILE *fp, const char *filename, int delimiter,
    struct mse_table **table, struct mse_freq **freq, struct mse_error *err);
int mse_data_parse(const char *buf, size_t len, const char *filename,
    int delimiter, struct mse_table **table, struct mse_freq **freq,
    struct mse_error *err);

/*
 * Rcapture's closed-population models (Baillargeon & Rivest 2007, J. Stat.
 * Software 19(5); Rivest & Baillargeon 2007): designs over the 2^k - 1
 * cells of a table, its lists taken as capture occasions, or over the
 * frequencies f_1 ... f_t0, fitted by the log-linear engine.
 */
enum {
	MSE_M0 = 0,		/* one capture probability */
	MSE_MT,			/* one per occasion (independence) */
	MSE_MH_CHAO,		/* heterogeneity: Chao's lower bound */
	MSE_MH_POISSON,		/* heterogeneity: Poisson2, 2^f - 1 */
	MSE_MH_DARROCH,		/* heterogeneity: Darroch, f^2 / 2 */
	MSE_MH_GAMMA,		/* heterogeneity: Gamma3.5 */
	MSE_MTH_CHAO,		/* time and heterogeneity */
	MSE_MTH_POISSON,
	MSE_MTH_DARROCH,
	MSE_MTH_GAMMA,
	MSE_MB,			/* behavioural response */
	MSE_MBH,		/* behaviour and heterogeneity */
	MSE_CLOSEDP_MODELS	/* the number of models */
};

/* "Mh-chao" and Rcapture's row label "Mh Chao (LB)"; NULL if unknown. */
const char *mse_closedp_name(int model);
const char *mse_closedp_label(int model);
/* The model named name (as mse_closedp_name, any case), or -1. */
int mse_closedp_lookup(const char *name);
/* Whether model can be fitted on t occasions (frequency: only M0, Mh). */
int mse_closedp_applies(int model, size_t t, int frequency);

int mse_fit_closedp(const struct mse_table *t, int model,
    const struct mse_fit_options *opt, struct mse_fit **out,
    struct mse_error *err);
/* occasions: t, or INFINITY for captures in continuous time; t0: fit
 * f_1 ... f_t0 only (0: all, up to t or, with t infinite, the largest i
 * with f_i > 0). */
int mse_fit_closedp_freq(const struct mse_freq *fr, int model,
    double occasions, size_t t0, const struct mse_fit_options *opt,
    struct mse_fit **out, struct mse_error *err);

/* What the fit had to do or warn about (Chao's rule, fitted values at 0,
 * a large asymptotic bias, ...), "" if nothing. */
const char *mse_fit_note(const struct mse_fit *f);

/*
 * The profile-likelihood interval (Rcapture's closedpCI; Cormack 1992):
 * the multinomial likelihood of N, profiled by fitting the model to the
 * table completed with N - n in the unobserved cell.
 */
struct mse_profile {
	double estimate;	/* Nmax, where the profile is highest */
	double loglik;		/* the profile log-likelihood there */
	double lower, upper;	/* the bounds; see the flags */
	int lower_at_n;		/* no bound above n: lower is n */
	int upper_open;		/* no bound below limit: upper is NaN */
	double limit;		/* the end of the search, 3 N */
	int evaluations;	/* fits of the completed table */
	int unconverged;	/* of which stopped after max_iter (their
				 * last deviance is used, as R's glm does) */
};

int mse_fit_profile(const struct mse_fit *f, double level,
    struct mse_profile *out, struct mse_error *err);
/* The profile log-likelihood at N >= n, up to a constant. */
int mse_fit_profile_loglik(const struct mse_fit *f, double N,
    double *loglik, struct mse_error *err);

/* Descriptive statistics (Rcapture's descriptive): units first and last
 * seen by each list, in column order, and units seen by both of two. */
double mse_table_first_seen(const struct mse_table *t, size_t list);
double mse_table_last_seen(const struct mse_table *t, size_t list);
double mse_table_overlap(const struct mse_table *t, size_t a, size_t b);

/*
 * Any CSV table with a header line (for the report tools): fields are kept
 * as text with their line and column.  Column names may be empty but not
 * repeated; every row has as many fields as the header; UTF-8 only.
 * delimiter is ',', ';', '\t', or 0 to detect it from the header.
 */
struct mse_csv;

int mse_csv_read(FILE *fp, const char *filename, int delimiter,
    struct mse_csv **out, struct mse_error *err);
int mse_csv_parse(const char *buf, size_t len, const char *filename,
    int delimiter, struct mse_csv **out, struct mse_error *err);
void mse_csv_free(struct mse_csv *c);
const char *mse_csv_file(const struct mse_csv *c);
size_t mse_csv_columns(const struct mse_csv *c);
size_t mse_csv_rows(const struct mse_csv *c);
const char *mse_csv_name(const struct mse_csv *c, size_t col);
long mse_csv_find(const struct mse_csv *c, const char *name);
const char *mse_csv_field(const struct mse_csv *c, size_t row, size_t col);
void mse_csv_position(const struct mse_csv *c, size_t row, size_t col,
    long *line, long *column);
/* Empty, NA, nan and NaN stand for a missing value. */
int mse_csv_missing(const char *field);
/* A decimal number, or NaN for a missing value; anything else is an
 * MSE_EPARSE error at the field. */
int mse_csv_number(const struct mse_csv *c, size_t row, size_t col,
    double *v, struct mse_error *err);

/*
 * Annual counts in the long format of mse-data(5) (as KOM publishes them):
 * year,measure,dimension,category,count[,source,note].  Facts of the
 * dimension "total" are each year's totals; the other dimensions break a
 * total down by category, except the category "distinct", which counts
 * distinct values (such as nationalities) and is not part of a total.
 */
struct mse_counts;

enum {
	MSE_COUNTS_OK = 0,	/* the categories add up to the total */
	MSE_COUNTS_GAP,		/* they add up to less than the total */
	MSE_COUNTS_OVER,	/* they add up to more than the total */
	MSE_COUNTS_NOTOTAL	/* the year has no total to check against */
};

/* One year's breakdown of one measure by one dimension, checked against
 * the year's total.  The strings are borrowed from the counts. */
struct mse_counts_check {
	size_t size;		/* sizeof(struct mse_counts_check) */
	long year;
	const char *measure, *dimension;
	double sum;		/* of the categories given */
	double total;		/* NaN when the year has no total */
	size_t given;		/* categories given this year */
	const char *missing;	/* categories given in other years only,
				 * ", "-separated; "" when none */
	int status;		/* MSE_COUNTS_OK, _GAP, _OVER, _NOTOTAL */
	long line, column;	/* of the first category's count */
};

int mse_counts_read(FILE *fp, const char *filename, int delimiter,
    struct mse_counts **out, struct mse_error *err);
int mse_counts_from_csv(const struct mse_csv *csv, struct mse_counts **out,
    struct mse_error *err);
void mse_counts_free(struct mse_counts *c);
size_t mse_counts_years(const struct mse_counts *c);
long mse_counts_year(const struct mse_counts *c, size_t i);
size_t mse_counts_measures(const struct mse_counts *c);
const char *mse_counts_measure(const struct mse_counts *c, size_t i);
size_t mse_counts_categories(const struct mse_counts *c,
    const char *measure, const char *dimension);
const char *mse_counts_category(const struct mse_counts *c,
    const char *measure, const char *dimension, size_t i);
double mse_counts_get(const struct mse_counts *c, long year,
    const char *measure, const char *dimension, const char *category);
double mse_counts_total(const struct mse_counts *c, long year,
    const char *measure);
size_t mse_counts_checks(const struct mse_counts *c);
/* out->size set by mse_counts_check_init: fields beyond it are left. */
void mse_counts_check_init(struct mse_counts_check *out);
int mse_counts_check(const struct mse_counts *c, size_t i,
    struct mse_counts_check *out, struct mse_error *err);
int mse_counts_check_format(const struct mse_counts *c, size_t i,
    char *buf, size_t size);

/* The dark figure: an estimate and its interval (est[0..2]) minus the
 * number identified, which is a count without error. */
int mse_dark_figure(const double est[3], double identified, double out[3],
    struct mse_error *err);

/*
 * Prevalence: count[0..2] (an estimate and its interval; the bounds may be
 * NaN) per `per' people of a population taken as known.  mse_ratio divides
 * an estimate and its interval by a reference figure.  mse_rank ranks
 * values from the largest (1), ties sharing the best rank (1, 2, 2, 4);
 * NaN values get NaN.
 */
int mse_prevalence(const double count[3], double population, double per,
    double out[3], struct mse_error *err);
int mse_ratio(const double est[3], double reference, double out[3],
    struct mse_error *err);
int mse_rank(const double *v, size_t n, double *rank,
    struct mse_error *err);

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
	size_t size;		/* sizeof(struct mse_dga_options) */
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
	int threads;		/* every graph: MSE_THREADS_*, 1 */
	void (*progress)(void *arg, size_t done, size_t total);
	void *progress_arg;	/* see "Threads and progress"; with
				 * rounds, each round counts from 0 */
	/* MCMC rounds: with max_iterations > 0 the two runs go on,
	 * doubling their steps, until the split R-hat of the trace of
	 * E(N | graph) over the graphs they visit is <= rhat_max and its
	 * bulk and tail ESS >= ess_min, or they have made max_iterations
	 * steps after burn-in; 0 (the default): one round of
	 * `iterations`. */
	long max_iterations;
	double rhat_max;	/* 1.01 */
	double ess_min;		/* 400 */
	/* With rounds, a budget of seconds too (0: none), kept as
	 * mse_lcm_options' max_seconds is; the result then depends on the
	 * machine. */
	double max_seconds;
};

/* Why the MCMC runs stopped (mse_dga_stop). */
enum {
	MSE_DGA_STOP_FIXED = 0,	/* one round of `iterations` steps */
	MSE_DGA_STOP_CONVERGED,	/* R-hat and both ESS met their targets */
	MSE_DGA_STOP_ITERATIONS,	/* max_iterations spent first */
	MSE_DGA_STOP_ONE_GRAPH,	/* every step after burn-in on one graph */
	MSE_DGA_STOP_SECONDS	/* max_seconds spent first */
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
/* MCMC: the split R-hat and bulk and tail ESS of the two runs' traces of
 * E(N | graph) after burn-in, why the runs stopped (MSE_DGA_STOP_*), and
 * the steps a run made after burn-in (NaN or -1 without MCMC). */
double mse_dga_rhat(const struct mse_dga *d);
double mse_dga_ess_bulk(const struct mse_dga *d);
double mse_dga_ess_tail(const struct mse_dga *d);
int mse_dga_stop(const struct mse_dga *d);
long mse_dga_iterations(const struct mse_dga *d);
/* The same check for dga, from `draws` draws of (graph, N) from their
 * joint posterior and of the cell probabilities from the graph's
 * hyper-Dirichlet posterior given the completed table; the draws come
 * from taus2 seeded with seed, on the calling thread.  See mse_dga(3). */
int mse_dga_ppc(const struct mse_dga *d, long draws, unsigned long seed,
    double *p, double *tobs, double *trep, struct mse_error *err);


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
	size_t size;		/* sizeof(struct mse_lcm_options) */
	int classes;		/* K, 10 */
	double a_alpha, b_alpha;	/* Gamma prior on alpha; 0.25, 0.25 */
	long samples;		/* draws kept per chain; 1000 */
	long burnin;		/* sweeps discarded per chain; 10000 */
	long thin;		/* sweeps per kept draw; 10 */
	int chains;		/* 4 */
	int threads;		/* MSE_THREADS_*, 0: one per processor */
	unsigned long seed;	/* chain c uses seed + c */
	int sampler;		/* MSE_LCM_* */
	void (*progress)(void *arg, size_t done, size_t total);
	void *progress_arg;	/* see "Threads and progress"; with rounds,
				 * each round counts from 0 to its sweeps */
	/* Rounds: with max_sweeps > 0 the chains run on, doubling their
	 * draws, until the split R-hat of N is <= rhat_max and its bulk and
	 * tail ESS >= ess_min, or max_sweeps sweeps a chain (after burn-in)
	 * or max_seconds (0: no limit; then the result depends on the
	 * machine) are spent; rounds after the first are cut to what the
	 * time left affords.  0 (the default): one round of `samples`. */
	long max_sweeps;
	double max_seconds;
	double rhat_max;	/* 1.01 */
	double ess_min;		/* 400 */
	/* Over-dispersed starts (not with MSE_LCM_LCMCR): chain c's
	 * lambda_jk start at logit^-1(logit(share of list j) + e), e ~
	 * N(0, start_sd^2) from its own generator; 0 (the default):
	 * LCMCR's start, every class alike. */
	double start_sd;
	/* Where the chains start (not with MSE_LCM_LCMCR): MSE_LCM_START_ALIKE
	 * (the default), every chain at LCMCR's start; MSE_LCM_START_LISTS,
	 * the odd chains (1, 3, ...) in another class structure, class k <
	 * min(K, lists) seen by list k with probability 0.9 and by every
	 * other list j with a fifth of list j's share, so that R-hat can see
	 * a structure that chains started alike never reach. */
	int start;
};

enum {
	MSE_LCM_START_ALIKE = 0,
	MSE_LCM_START_LISTS
};

/* Why the chains stopped (mse_lcm_stop). */
enum {
	MSE_LCM_STOP_FIXED = 0,	/* one round of `samples` draws */
	MSE_LCM_STOP_CONVERGED,	/* R-hat and both ESS met their targets */
	MSE_LCM_STOP_SWEEPS,	/* max_sweeps spent first */
	MSE_LCM_STOP_SECONDS,	/* max_seconds spent first */
	MSE_LCM_STOP_UNDEFINED	/* constant draws: no diagnostics */
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
double mse_lcm_chain_classes(const struct mse_lcm *m, int chain);
/* Sweeps that hit LCMCR's cap on the unseen, N = 21 n, and that N. */
long mse_lcm_capped(const struct mse_lcm *m);
double mse_lcm_cap(const struct mse_lcm *m);
double mse_lcm_rhat(const struct mse_lcm *m);
double mse_lcm_ess_bulk(const struct mse_lcm *m);
double mse_lcm_ess_tail(const struct mse_lcm *m);
int mse_lcm_stop(const struct mse_lcm *m);
/* Sweeps a chain ran after burn-in (samples x thin). */
long mse_lcm_sweeps(const struct mse_lcm *m);
/*
 * Posterior predictive check of the observed cells (Gelman, Meng & Stern
 * 1996; as conting's bayespval, Overstall & King 2014): for every kept
 * draw, a table Multinomial(N; pi) over the 2^k cells less its all-zero
 * cell, and the Freeman-Tukey discrepancy sum_{x != 0} (sqrt(y_x) -
 * sqrt(N pi_x))^2 of it and of the data.  p = the share of draws whose
 * replicate is at least as discrepant; tobs and trep (may be NULL) the
 * discrepancies' posterior means.  MSE_EDOMAIN, p NaN and the reason in
 * err when there is no p-value (more than 12 lists).
 */
int mse_lcm_ppc(const struct mse_lcm *m, double *p, double *tobs,
    double *trep, struct mse_error *err);

/*
 * Bayesian thresholding (Silverman 2020), as MultipleSystemsEstimation
 * 1.2.0's estimate_population_bayesthresh: a Poisson log-linear model on
 * all 2^k - 1 cells with every pairwise interaction, flat priors on the
 * intercept and main effects, and N(0, v) priors on the interactions
 * (MSE_BT_PROPER) or flat ones (MSE_BT_IMPROPER: the all-pairs model
 * must then pass the existence check, and a term with a zero margin is
 * fixed at -inf with its cells out of the data).  Interactions whose
 * |posterior mean| / posterior sd is below the threshold are dropped;
 * with max_order 3 a triple whose three pairs are kept is tried the same
 * way; the last model's posterior of N = n + exp(intercept) is reported.
 * Each fit runs `chains` chains (chain c seeded seed + c, on threads);
 * the results do not depend on the threads.
 */
enum {
	MSE_BT_PROPER = 0,
	MSE_BT_IMPROPER
};

enum {
	/* Independence Metropolis-Hastings from a multivariate t around
	 * the posterior mode, mixed with random-walk steps (the default). */
	MSE_BT_INDEPENDENCE = 0,
	/* MCMCpack's MCMCpoisson: random-walk Metropolis with proposal
	 * covariance tune^2 (H + prior precision)^-1, from the package's
	 * start, as the R package runs it. */
	MSE_BT_RANDOM_WALK
};

/* What became of a term that was tried. */
enum {
	MSE_BT_DROPPED = 0,	/* statistic below the threshold */
	MSE_BT_KEPT,		/* statistic at or above it */
	MSE_BT_MINUS_INF,	/* zero margin, improper prior: -inf */
	MSE_BT_UNTRIED		/* an eligible triple the model could not
				 * take (existence check: reverted to
				 * order 2) */
};

struct mse_bayesthresh_options {
	size_t size;		/* sizeof(struct mse_bayesthresh_options) */
	int prior;		/* MSE_BT_PROPER */
	double prior_variance;	/* v, 1 */
	double threshold;	/* 2 */
	int max_order;		/* 2 or 3; 2 */
	long samples;		/* draws kept per chain; 10000 */
	long burnin;		/* draws discarded per chain; 1000 */
	int chains;		/* 4 */
	int threads;		/* MSE_THREADS_*, 0: one per processor */
	unsigned long seed;	/* chain c uses seed + c; 12345 */
	int sampler;		/* MSE_BT_*; MSE_BT_INDEPENDENCE */
	double tune;		/* random walk's scale; 1.1 (MCMCpack) */
	void (*progress)(void *arg, size_t done, size_t total);
	void *progress_arg;	/* see "Threads and progress" */
};

struct mse_bayesthresh;

void mse_bayesthresh_options_init(struct mse_bayesthresh_options *opt);
int mse_bayesthresh_fit(const struct mse_table *t,
    const struct mse_bayesthresh_options *opt, struct mse_bayesthresh **out,
    struct mse_error *err);
void mse_bayesthresh_free(struct mse_bayesthresh *b);

double mse_bayesthresh_observed(const struct mse_bayesthresh *b);
double mse_bayesthresh_mean(const struct mse_bayesthresh *b);
double mse_bayesthresh_sd(const struct mse_bayesthresh *b);
double mse_bayesthresh_quantile(const struct mse_bayesthresh *b, double p);
/* Monte Carlo standard error of a quantile of N, by batch means (20
 * batches per chain). */
double mse_bayesthresh_quantile_mcse(const struct mse_bayesthresh *b,
    double p);
int mse_bayesthresh_chains(const struct mse_bayesthresh *b);
long mse_bayesthresh_samples(const struct mse_bayesthresh *b);
double mse_bayesthresh_draw(const struct mse_bayesthresh *b, int chain,
    long i);
/* Diagnostics of N (mse_mcmc_diagnose): the worst over the fits made
 * (R-hat the largest, ESS the smallest); the rate of accepted proposals
 * the smallest. */
double mse_bayesthresh_rhat(const struct mse_bayesthresh *b);
double mse_bayesthresh_ess_bulk(const struct mse_bayesthresh *b);
double mse_bayesthresh_ess_tail(const struct mse_bayesthresh *b);
double mse_bayesthresh_acceptance(const struct mse_bayesthresh *b);
/* Fits made (2, or 3 with triples tried). */
int mse_bayesthresh_fits(const struct mse_bayesthresh *b);
/* The terms tried, pairs then triples, each by its bit mask: its
 * statistic (NAN when -inf or untried) and status (MSE_BT_...). */
size_t mse_bayesthresh_terms(const struct mse_bayesthresh *b);
uint32_t mse_bayesthresh_term(const struct mse_bayesthresh *b, size_t i);
double mse_bayesthresh_statistic(const struct mse_bayesthresh *b, size_t i);
int mse_bayesthresh_status(const struct mse_bayesthresh *b, size_t i);
/* 1 when max_order 3 fell back to 2: the triples' model failed the
 * existence check (improper prior). */
int mse_bayesthresh_reverted(const struct mse_bayesthresh *b);
/* The final model (its -inf terms included); the caller frees it. */
int mse_bayesthresh_model(const struct mse_bayesthresh *b,
    struct mse_model **out, struct mse_error *err);

/*
 * Convergence diagnostics of Vehtari et al. (2021) for `chains` chains of
 * n draws each, chain after chain: rank-normalised split R-hat (the larger
 * of bulk and folded), bulk ESS and tail ESS (the smaller of the 5% and
 * 95% quantile ESS).  Any output pointer may be NULL.
 */
int mse_mcmc_diagnose(const double *draws, size_t chains, size_t n,
    double *rhat, double *ess_bulk, double *ess_tail,
    struct mse_error *err);

/*
 * Checks of an estimate (check.c), as mse-check(1): each list left out
 * and estimated from the others (Binette & Steorts 2022), the estimate
 * with lists dropped, merged or subset, per-cell residuals and the
 * deviance goodness of fit, bounds over the highest-order interaction's
 * odds ratio, the spread over well-supported models, and a verdict.  The
 * estimator is an mse_by_options (method, model, selection) applied to
 * one table; every table a check makes is fitted the same way.
 */
#define MSE_CHECK_LOLO		0x01u	/* leave one list out */
#define MSE_CHECK_SENSITIVITY	0x02u	/* drop, merge, subsets */
#define MSE_CHECK_FIT		0x04u	/* residuals and goodness of fit */
#define MSE_CHECK_BOUNDS	0x08u	/* dependence bounds */
#define MSE_CHECK_SPREAD	0x10u	/* model spread */
#define MSE_CHECK_ALL		0x1fu

struct mse_check_options {
	size_t size;		/* sizeof(struct mse_check_options) */
	const struct mse_by_options *fit;	/* NULL: main effects */
	unsigned parts;		/* MSE_CHECK_* bits; MSE_CHECK_ALL */
	int ci;			/* MSE_CI_*; MSE_CI_LOGNORMAL */
	double level;		/* 0.95 */
	int subsets;		/* 1: every subset of 3 or more lists too */
	double max_odds_ratio;	/* R >= 1 of the bounds; 2 */
	int criterion;		/* MSE_SELECT_AIC or _BIC: the spread; AIC */
	double delta;		/* the spread's criterion window; 2 */
	int max_order;		/* the spread's model space; 2 */
	size_t max_models;	/* ... fitted while at most this many; 65536 */
	int replicates;		/* parametric bootstrap of the fit; 999 */
	unsigned long seed;	/* its seed; 1234 */
	double alpha;		/* the fit's p-value rule; 0.05 */
	double moves;		/* the verdict's relative change; 0.5 */
};

enum {
	MSE_CHECK_ROW_FULL = 0,	/* the estimate on the whole table */
	MSE_CHECK_ROW_LOLO,	/* list label estimated from the others */
	MSE_CHECK_ROW_DROP,	/* list label dropped */
	MSE_CHECK_ROW_MERGE,	/* the two lists of label merged */
	MSE_CHECK_ROW_SUBSET	/* only the lists of label */
};

/* One estimate of a check.  status is MSE_OK when there is an estimate;
 * else reason says why and the numbers are NaN.  A missing interval is
 * NaN with its reason.  LOLO rows: truth is |L|, covered 1 or 0 (-1 when
 * there is no interval), log_ratio log(estimate / truth); other rows:
 * log_ratio is log(estimate / the whole table's estimate). */
struct mse_check_row {
	int kind;
	const char *label;
	const char *model;	/* as fitted; "" for a closed form */
	size_t lists;		/* lists of the table fitted */
	double observed, estimate, se, lower, upper;
	double truth;
	int covered;
	double log_ratio;
	int status;
	const char *reason;	/* "" when nothing to say */
};

/* A cell of the fit: Pearson (y - mu) / sqrt(mu) and deviance
 * sign(y - mu) sqrt(2 (y log(y / mu) - y + mu)) residuals; cells of a
 * boundary term (fitted 0) have residuals 0 and boundary 1. */
struct mse_check_cell {
	uint32_t pattern;
	double observed, fitted, pearson, deviance;
	int boundary;
};

struct mse_check_gof {
	int status;		/* MSE_OK, or why there is no test */
	const char *reason;
	double deviance;
	long df;
	double p;		/* chi-squared; NaN when df < 1 */
	int sparse;		/* Cochran's rule fails: use p_boot */
	size_t small;		/* fitted cells below 5 */
	size_t cells;		/* fitted cells */
	double min_fitted;
	double p_boot;		/* parametric bootstrap; NaN if not run */
	size_t used;		/* replicates with a fit */
	size_t replicates;
};

struct mse_check_bounds {
	int status;
	const char *reason;
	double odds_ratio;	/* R */
	double lower, upper;	/* N at odds ratio 1/R and R */
	double at_one;		/* N without the highest-order interaction */
	int order;		/* the interaction's order, the lists */
};

struct mse_check_spread {
	int status;
	const char *reason;
	int criterion;
	double delta;
	size_t models;		/* models with a fit */
	size_t within;		/* ... within delta of the best */
	double lower, upper;	/* range of N over those */
	double average, average_se;	/* model-averaged (all models) */
	double best;		/* N of the best model */
	const char *best_model;
	double selected;	/* the estimator's N on the whole table */
};

/* One check's result: the figure a rule applies to, whether the rule's
 * condition holds (flagged), the result and a plain-language reading. */
struct mse_check_verdict {
	const char *check;	/* lolo, drop, merge, fit, bounds, spread */
	int status;		/* MSE_OK, or why the check has no result */
	double value;
	int flagged;
	const char *result;
	const char *reading;
};

struct mse_check;

void mse_check_options_init(struct mse_check_options *o);
int mse_check_run(const struct mse_table *t,
    const struct mse_check_options *o, struct mse_check **out,
    struct mse_error *err);
void mse_check_free(struct mse_check *c);
/* The table the checks used: t less its lists that recorded nobody. */
const struct mse_table *mse_check_table(const struct mse_check *c);
/* Rows of MSE_CHECK_LOLO or MSE_CHECK_SENSITIVITY (the latter starts
 * with the whole table's row). */
size_t mse_check_rows(const struct mse_check *c, unsigned part);
const struct mse_check_row *mse_check_row(const struct mse_check *c,
    unsigned part, size_t i);
/* LOLO: the median |log(estimate / truth)| and the share of intervals
 * that cover, over the lists with an estimate (*used of them). */
int mse_check_lolo_summary(const struct mse_check *c, double *median,
    double *coverage, size_t *used);
size_t mse_check_cells(const struct mse_check *c);
const struct mse_check_cell *mse_check_cell(const struct mse_check *c,
    size_t i);
const struct mse_check_gof *mse_check_gof(const struct mse_check *c);
const struct mse_check_bounds *mse_check_bounds(const struct mse_check *c);
const struct mse_check_spread *mse_check_spread(const struct mse_check *c);
size_t mse_check_verdicts(const struct mse_check *c);
const struct mse_check_verdict *mse_check_verdict(const struct mse_check *c,
    size_t i);
/* Lists a and b of t merged into one list named by their names, in a's
 * place, as mse_strata_merge and mse-import -M do. */
int mse_table_merge(const struct mse_table *t, size_t a, size_t b,
    struct mse_table **out, struct mse_error *err);
/* The bounds alone: N with the k-way interaction's odds ratio psi, for
 * a table of k lists with every cell positive (else MSE_EDOMAIN). */
int mse_table_odds_estimate(const struct mse_table *t, double psi,
    double *estimate, struct mse_error *err);

/*
 * The latent-class model in each stratum (lcmby.c), as mse-fit -m lcm
 * --by: each stratum's lists that recorded nobody leave its table, as in
 * mse_by_fit, and mse_lcm_fit runs on the rest with the options o.  The
 * total's draws are sums of one draw of each stratum, the strata's draws
 * read at evenly spaced places when their numbers differ; a stratum
 * without an estimate leaves the total without draws (reason says why).
 */
struct mse_lcm_by;
int mse_lcm_by_fit(const struct mse_strata *s, const struct mse_lcm_options *o,
    struct mse_lcm_by **out, struct mse_error *err);
void mse_lcm_by_free(struct mse_lcm_by *b);
size_t mse_lcm_by_count(const struct mse_lcm_by *b);
const struct mse_lcm *mse_lcm_by_fit_of(const struct mse_lcm_by *b, size_t i,
    const char **reason);
const char *mse_lcm_by_note(const struct mse_lcm_by *b, size_t i);
/* mse_lcm_fit with a cache in the directory dir (made if missing): a
 * table and options (threads and progress aside) fitted before by this
 * version of the library are read back, bit for bit, not fitted again;
 * a table fitted is written there.  *cached is 1 when read from the
 * cache, 0 when fitted and written, -1 when fitted but the cache file
 * could not be written.  A run cut short by max_seconds is not kept. */
int mse_lcm_fit_cache(const struct mse_table *t,
    const struct mse_lcm_options *o, const char *dir, struct mse_lcm **out,
    int *cached, struct mse_error *err);
/* mse_lcm_by_fit with a cache in the directory dir (made if missing):
 * a stratum whose kept lists' table and options (threads and progress
 * aside) were fitted before by this version of the library is read back,
 * not fitted; every stratum fitted is written there.  dir NULL: no cache.
 * mse_lcm_by_cached says whether stratum i was read from the cache. */
int mse_lcm_by_fit_cache(const struct mse_strata *s,
    const struct mse_lcm_options *o, const char *dir,
    struct mse_lcm_by **out, struct mse_error *err);
int mse_lcm_by_cached(const struct mse_lcm_by *b, size_t i);
long mse_lcm_by_total_draws(const struct mse_lcm_by *b, const char **reason);
double mse_lcm_by_total_mean(const struct mse_lcm_by *b);
double mse_lcm_by_total_sd(const struct mse_lcm_by *b);
double mse_lcm_by_total_quantile(const struct mse_lcm_by *b, double p);

/*
 * The latent-class model on imputed versions of one table (lcmpool.c),
 * as mse-fit -m lcm --imputation: variable `imputation' of s numbers the
 * imputed versions, the others (if any) are strata.  Each stratum of
 * each imputation is fitted as by mse_lcm_by_fit, imputation i with the
 * seeds o->seed + i * o->chains + c; the pool of a stratum (group g) is
 * M evenly spaced draws of each imputation's posterior, M the fewest
 * draws of any fit (Zhou & Reiter 2010's mixing rule), and group
 * mse_lcm_pool_groups(p) is the total, imputation by imputation the sum
 * of the strata's draws.
 */
struct mse_lcm_pool;
int mse_lcm_pool_fit(const struct mse_strata *s, size_t imputation,
    const struct mse_lcm_options *o, struct mse_lcm_pool **out,
    struct mse_error *err);
/* The same with the cache of mse_lcm_by_fit_cache in dir (NULL: none);
 * mse_lcm_pool_cached says whether fit i of group g was read from it. */
int mse_lcm_pool_fit_cache(const struct mse_strata *s, size_t imputation,
    const struct mse_lcm_options *o, const char *dir,
    struct mse_lcm_pool **out, struct mse_error *err);
int mse_lcm_pool_cached(const struct mse_lcm_pool *p, size_t g, size_t i);
void mse_lcm_pool_free(struct mse_lcm_pool *p);
size_t mse_lcm_pool_groups(const struct mse_lcm_pool *p);
size_t mse_lcm_pool_imputations(const struct mse_lcm_pool *p);
size_t mse_lcm_pool_stratum(const struct mse_lcm_pool *p, size_t g, size_t i);
const struct mse_lcm *mse_lcm_pool_fit_of(const struct mse_lcm_pool *p,
    size_t g, size_t i, const char **reason);
const char *mse_lcm_pool_note(const struct mse_lcm_pool *p, size_t g,
    size_t i);
long mse_lcm_pool_draws(const struct mse_lcm_pool *p, size_t g,
    const char **reason);
double mse_lcm_pool_draw(const struct mse_lcm_pool *p, size_t g, size_t i,
    long j);
double mse_lcm_pool_observed(const struct mse_lcm_pool *p, size_t g);
double mse_lcm_pool_mean(const struct mse_lcm_pool *p, size_t g);
double mse_lcm_pool_sd(const struct mse_lcm_pool *p, size_t g);
double mse_lcm_pool_quantile(const struct mse_lcm_pool *p, size_t g,
    double q);

#ifdef __cplusplus
}
#endif

#endif /* MSE_H */
