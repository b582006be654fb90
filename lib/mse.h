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
void mse_counts_check(const struct mse_counts *c, size_t i,
    struct mse_counts_check *out);
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

#ifdef __cplusplus
}
#endif

#endif /* MSE_H */
