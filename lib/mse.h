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
	MSE_CI_CONDITIONAL,	/* n + exp(b0 +- z se(b0)), SparseMSE */
	MSE_CI_PROFILE		/* profile likelihood, Rcapture's closedpCI */
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

#ifdef __cplusplus
}
#endif

#endif /* MSE_H */
