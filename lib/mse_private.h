/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mse_private.h - internals shared between libmse's modules (msei_ names). */
#ifndef MSE_PRIVATE_H
#define MSE_PRIVATE_H

#include "mse.h"

#if defined(__GNUC__)
#define MSEI_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define MSEI_PRINTF(a, b)
#endif

/* Fill err (if not NULL) with code and a formatted message; return code. */
int msei_error(struct mse_error *err, int code, const char *fmt, ...)
    MSEI_PRINTF(3, 4);
/* The same, with an input position. */
int msei_error_at(struct mse_error *err, int code, const char *file,
    long line, long column, const char *fmt, ...) MSEI_PRINTF(6, 7);

/*
 * Structs a caller allocates start with size_t size, set by their _init
 * (so they can grow without breaking the ABI).  msei_sized_in copies the
 * caller's src into dst, which holds _init's defaults, reading only src's
 * first size bytes; msei_sized_out writes src into the caller's dst up to
 * dst's size.  Both refuse (MSE_EINVAL, naming the struct) a size of 0 or
 * one larger than known, sizeof the struct here.
 */
int msei_sized_in(void *dst, size_t known, const void *src, const char *name,
    struct mse_error *err);
int msei_sized_out(void *dst, const void *src, size_t known, const char *name,
    struct mse_error *err);

/* Checked n * size for allocations; NULL on overflow. */
void *msei_calloc(size_t n, size_t size);
void *msei_reallocarray(void *p, size_t n, size_t size);

/*
 * The number of bits set in x.  Without -mpopcnt, GCC's __builtin_popcount
 * is a call into libgcc (__popcountdi2); the sort of a model's terms
 * called it 330,000 times in the exhaustive search of a 5-list table.
 */
static inline int
msei_popcount(uint32_t x)
{
	x = x - ((x >> 1) & 0x55555555u);
	x = (x & 0x33333333u) + ((x >> 2) & 0x33333333u);
	return (int)((((x + (x >> 4)) & 0x0f0f0f0fu) * 0x01010101u) >> 24);
}

/* log(y!) for a count y >= 0, as gsl_sf_lngamma(y + 1) bit for bit (a
 * table below 1024, computed once). */
/* Sum of the Poisson log-probabilities of y at mu, log y! included. */
double msei_poisson_loglik(const double *y, const double *mu, size_t c);
double msei_lfact(double y);

/* The lists of t that recorded someone, into idx; the others named in
 * note ("A, B left out: recorded nobody") (stratfit.c). */
size_t msei_kept_lists(const struct mse_table *t, size_t *idx, char *note,
    size_t size);

/* A fit's AIC, BIC or AICc (which: MSE_SELECT_AIC, _BIC, _AICC) as a
 * search compares them: an AICc that is not defined is +inf, so that it
 * never wins and an all-undefined set is seen as such. */
double msei_criterion(const struct mse_fit *f, int which);

/*
 * The existence linear program of SparseMSE's checkident (exist.c).
 * A is the c x p design (row-major, 0/1) on the kept cells and terms,
 * y the c counts.  Sets *code to 0, MSE_EXIST_NOMLE, MSE_EXIST_UNIDENT or
 * both, and *tau to the LP optimum.
 */
int msei_exist_lp(const double *A, size_t c, size_t p, const double *y,
    int *code, double *tau, size_t *rankdef, struct mse_error *err);

/*
 * The thread pool (pool.c) of the bootstrap, dga and lcm: njobs
 * independent jobs job(p, i, worker) on msei_pool_workers(threads, njobs)
 * workers, worker 0 being the calling thread, which takes part.  threads
 * has the one meaning of libmse(3): 0 one worker per online processor,
 * 1 the calling thread only, n at most n; never more than the jobs (nor
 * MSEI_POOL_MAX).  Jobs are handed out in index order from a shared
 * counter, so a job must depend on its index only, not on its worker.
 * init (may be NULL) runs on each worker's own thread before its first
 * job, fini (may be NULL) on the same thread after its last, also when
 * init failed; caller is 1 only for worker 0, the calling thread.  A job
 * or init that returns a code other than MSE_OK stops the pool: no job
 * starts after it, and msei_pool_run returns the first such code (with
 * mse_strerror's text in err).  Progress counts units: one a job, or,
 * with units > 0, what the jobs pass to msei_pool_advance; progress (may
 * be NULL) is called under a lock, one thread at a time, with done
 * rising to total, and with done == total once all went well.
 */
#define MSEI_POOL_MAX 1024
struct msei_pool_state;
struct msei_pool {
	size_t njobs;
	int threads;
	void *arg;
	int (*job)(struct msei_pool *p, size_t i, size_t worker);
	int (*init)(struct msei_pool *p, size_t worker);
	void (*fini)(struct msei_pool *p, size_t worker, int caller);
	size_t units;		/* progress total; 0: njobs */
	void (*progress)(void *arg, size_t done, size_t total);
	void *progress_arg;
	struct msei_pool_state *state;	/* pool.c's, while running */
};
size_t msei_pool_workers(int threads, size_t njobs);
int msei_pool_run(struct msei_pool *p, struct mse_error *err);
/* From a job: units of progress done; whether the pool is stopping. */
void msei_pool_advance(struct msei_pool *p, size_t units);
int msei_pool_stopped(const struct msei_pool *p);

/*
 * The bootstrap engine (bootstrap.c): B replicates and the jackknife of an
 * estimator of nout numbers over ncell cells grouped into ngroup strata
 * (group NULL: one).  start makes a thread's state (NULL: out of memory),
 * estimate fills nout numbers (NAN where there is no estimate) from the
 * cells' counts and returns MSE_OK or MSE_ENOMEM, stop frees the state.
 * fitted (ncell means, or NULL) makes the replicates parametric.
 */
struct msei_boot {
	size_t ncell, ngroup, nout;
	const double *count;
	const size_t *group;
	const double *fitted;
	void *(*start)(void *arg);
	int (*estimate)(void *state, const double *count, double *out);
	void (*stop)(void *state);
	void *arg;
};
struct msei_boot_out {
	double *out;		/* (B + nobs) x nout */
	size_t *obs, nobs;	/* the jackknife rows' cells */
};
/* The seed of replicate b (splitmix64 of seed and b, bootstrap.c): the
 * same whatever thread draws it. */
unsigned long msei_replicate_seed(unsigned long seed, size_t b);
/* A copy of the strata's names, values and trends, every count 0
 * (stratfit.c); NULL when out of memory. */
/* The strata's variables, values and incomplete rows (with their
 * counts), with empty tables (stratfit.c). */
struct mse_strata *msei_strata_copy(const struct mse_strata *s);
/* Incomplete row i's values, NULL where missing, as mse_strata_in takes
 * them; and set its count (strata.c). */
const char *const *msei_strata_incomplete_values(const struct mse_strata *s,
    size_t row);
void msei_strata_set_incomplete(struct mse_strata *s, size_t row,
    double count);
/* The covariate model by EM over the missing covariate values
 * (covfit.c); msei_fit_strata calls it when s has incomplete rows. */
int msei_fit_strata_em(const struct mse_strata *s,
    const struct mse_absent *a, const struct mse_model *m,
    const struct mse_fit_options *opt, const struct mse_fit *start,
    struct mse_fit **out, struct mse_error *err);
/* The EM's fitted value of every cell (S x 2^K, the unseen cell at 0; 0
 * for absent cells and boundary terms' cells), and (sh not NULL) for each
 * cell and incomplete row, the share rho of the cell's completed count
 * that row put there, sorted by cell; free sh->v. */
struct msei_em_share {
	size_t cell, row;
	double rho;
};
struct msei_em_shares {
	struct msei_em_share *v;
	size_t n;
};
int msei_em_cells(const struct mse_strata *s, const struct mse_absent *a,
    const struct mse_model *m, const struct mse_fit_options *opt,
    double *fitted, struct msei_em_shares *sh, struct mse_error *err);
/* BCa is not called ok below this many usable replicates. */
#define MSE_BOOT_MIN_BCA 100
/* Copy the caller's options (in) into o, checking size and values. */
int msei_boot_check(const struct mse_bootstrap_options *in,
    struct mse_bootstrap_options *o, struct mse_error *err);
int msei_boot_run(const struct msei_boot *bp,
    const struct mse_bootstrap_options *o, struct msei_boot_out *res,
    struct mse_error *err);
void msei_boot_out_free(struct msei_boot_out *res);
int msei_boot_summary(const struct msei_boot *bp,
    const struct mse_bootstrap_options *o, const struct msei_boot_out *res,
    size_t q, size_t group, struct mse_bootstrap_result *r,
    struct mse_error *err);

/* mse_modelset_fit with the table's structural zeros (select.c). */
int msei_modelset_fit(const struct mse_table *t, int max_order, size_t limit,
    const struct mse_fit_options *fo, const uint32_t *absent, size_t nabsent,
    struct mse_modelset **out, struct mse_error *err);

/* mse_model_format with k names in place of a table's (model.c). */
int msei_model_format_names(const struct mse_model *m,
    const char *const *names, size_t k, char *buf, size_t size);
/* Order of terms: by size, then lexicographically by list (model.c). */
int msei_term_cmp(const void *a, const void *b);

/* Release the calling thread's GLPK environment (exist.c); worker
 * threads call it before they end. */
void msei_exist_thread_done(void);
/*
 * Whether the Poisson MLE exists for a real c x p design X (row-major,
 * full column rank, column 0 the intercept) and counts y (exist.c):
 * *exists 0 when a direction of the parameters sends the fitted values of
 * *zero cells with no units to 0; then *free0 has bit 1 if such a
 * direction can raise the intercept (N grows without bound) and bit 2 if
 * one can lower it (N falls to n); 0 if none moves it (N is that of the
 * extended MLE).
 */
int msei_exist_direction(const double *X, size_t c, size_t p,
    const double *y, int *exists, size_t *zero, int *free0,
    struct mse_error *err);

/* The margin N*_theta = sum of counts over patterns that contain theta. */
double msei_table_margin(const struct mse_table *t, uint32_t term);
/* The raw count array, indexed by pattern (entry 0 unused). */
const double *msei_table_counts(const struct mse_table *t);
/* A table without list names, for a reader's bookkeeping (the line each
 * pattern was given on): mse_table_name gives NULL (table.c). */
struct mse_table *msei_table_new_unnamed(size_t k, struct mse_error *err);
/* MSE_OK for a dense table; else MSE_EDOMAIN with why `what' (a method's
 * name) cannot take it: it tabulates all 2^k cells (table.c). */
int msei_table_need_dense(const struct mse_table *t, const char *what,
    struct mse_error *err);
/* test_table.c, test_lcm.c: while on, mse_table_new makes every table
 * sparse, whatever its size (table.c). */
void msei_table_sparse_always(int on);

/*
 * The Poisson log-linear engine (glm.c): IRLS as R's glm.fit on c cells and
 * p columns, with an optional offset.  The caller allocates beta (p), mu
 * (c) and, if wanted, cov (p x p, (X'WX)^-1 from the last WLS step).
 * Returns MSE_OK, MSE_ENOCONV, or MSE_ESINGULAR with aliased set to the
 * first aliased column.  With MSE_ENOCONV, beta, mu and the deviance are
 * those of the last iterate (the deviance is not finite when the steps
 * overflowed).
 */
struct msei_glm {
	size_t c, p;
	const double *X;	/* c x p, row-major */
	const double *y;
	const double *offset;	/* c values, or NULL */
	const double *beta_start;	/* p values (a warm start), or NULL */
	int mu_given;		/* mu holds the start (glm.fit's mustart) */
	double *beta, *mu, *cov;
	double deviance, loglik;
	int iter;
	size_t aliased;
	double last_step;	/* max |X (b - b_old)| of the last step */
	double var0;		/* [(X'WX)^-1]_00, always computed */
	/* internal to glm.c: the sparse rows of a 0/1 X, log mu, y log y */
	const size_t *nz, *start;
	double *logmu;
	const double *ylogy;
	int halved;		/* a step was halved (R: "algorithm stopped at
				 * boundary value") */
};
int msei_glm_fit(struct msei_glm *g, const struct mse_fit_options *opt,
    struct mse_error *err);
/* GSL's Cholesky factor (lower triangle of the row-major p x p a) and
 * solve, bit for bit, without BLAS calls (glm.c; p <= 24). */
int msei_chol_decomp(double *a, size_t p);
void msei_chol_solve(const double *a, size_t p, const double *b, double *x);

/*
 * The one log-linear design (design.c).  Its rows are the (stratum,
 * pattern) cells less the structural zeros and the cells of boundary
 * columns; its columns are the model's terms, each at every combination
 * of non-baseline levels of its covariates (treatment contrasts), the
 * intercept first.  A term's bits 0..K-1 are lists, bits K.. covariates.
 * The data are one table (spec.table) or strata (spec.strata, whose
 * variables are the covariates); structural zeros are a pattern list for
 * one table (absent, nabsent) or an mse_absent rule for strata (a).
 */
enum { MSEI_COL_KEPT, MSEI_COL_BOUNDARY, MSEI_COL_STRUCTURAL };
struct msei_design_spec {
	const struct mse_table *table;
	const struct mse_strata *strata;
	const struct mse_absent *a;
	const uint32_t *absent;
	size_t nabsent;
	/* 1: no boundary rule, a term with a zero margin keeps its column
	 * and cells (a proper prior gives it a finite posterior). */
	int keep_zero_margins;
};
struct msei_design {
	const struct mse_table *t;
	const struct mse_strata *s;
	const struct mse_absent *a;
	const uint32_t *absent;
	size_t nabsent;
	size_t K, V, S;
	size_t *nlev, *lev;	/* V levels; S x V level index */
	const char ***levname;	/* V arrays of level names */
	/* A trend variable's columns are polynomial degrees 1..span - 1,
	 * poly[v][level * (span - 1) + degree - 1] their values; a factor's
	 * are its levels 1..span - 1 (span = nlev), poly[v] NULL. */
	size_t *span;
	double **poly;
	size_t p;		/* columns, the intercept first */
	uint32_t *term;
	size_t *clev;		/* p x V levels (>= 1 where the term has v) */
	int *kind;		/* MSEI_COL_... */
	size_t q, c;		/* kept columns and rows */
	size_t *col;		/* the kept columns */
	size_t *rs;		/* row -> stratum; NULL: all 0 (one table) */
	uint32_t *rw;		/* row -> pattern */
	double *X, *y;		/* c x q row-major, c */
	double *offset;		/* c values, or NULL */
	size_t nabsent_cells, nboundary;
	/* Terms of lists only: term, clev, kind and col in one block (a
	 * search makes thousands of designs), freed as one. */
	void *pool;
};
/*
 * A design whose columns are given by their values, not by terms:
 * Rcapture's closed-population columns (closedp.c) are counts of captures
 * and functions of them.  Row r is cell cell(r) with count y(r) and, when
 * offset is set, an offset; column j has value(arg, j, r) there.  No
 * boundary rule applies (Rcapture fits every column, as R's glm does).
 */
struct msei_design_cols {
	size_t c, q;
	int offset;
	const void *arg;
	void (*row)(const void *arg, size_t r, uint32_t *cell, double *y,
	    double *offset);
	double (*value)(const void *arg, size_t j, size_t r);
};
int msei_design_columns(struct msei_design *d,
    const struct msei_design_cols *sp, struct mse_error *err);
/*
 * The existence verdict on a fit (rc, w) of the kept columns (keep, or
 * all when NULL) of a design with real columns: the direction LP of
 * msei_exist_direction on tables of up to 2^14 - 1 cells, else the
 * collapse of fitted values in a fit that did not converge.  A fit whose
 * only vanishing cells hold no unit and whose intercept is held gives the
 * extended MLE: it is kept, with a note.
 */
int msei_design_extended(const struct msei_design *d,
    const unsigned char *keep, const struct msei_glm *w, int rc, char *note,
    size_t size, struct mse_error *err);
int msei_design_build(struct msei_design *d, const struct msei_design_spec *sp,
    const struct mse_model *m, struct mse_error *err);
void msei_design_free(struct msei_design *d);
const struct mse_table *msei_design_table(const struct msei_design *d,
    size_t stratum);
int msei_design_absent(const struct msei_design *d, size_t stratum,
    uint32_t w);
/* Whether column j is nonzero at [stratum, pattern] (a trend counted
 * nonzero at every value); pattern 0 is the unseen cell. */
int msei_design_value(const struct msei_design *d, size_t j, size_t stratum,
    uint32_t w);
/* x[stratum, pattern] of column j: 0/1, or a trend's polynomial. */
double msei_design_x(const struct msei_design *d, size_t j, size_t stratum,
    uint32_t w);
void msei_design_column_name(const struct msei_design *d, size_t j,
    char *buf, size_t size);
/* The existence linear program on the design's kept cells and columns. */
int msei_design_exists(const struct msei_design *d, int *code,
    struct mse_error *err);
/*
 * One fit over a design: identifiability, the IRLS engine (from start, q
 * coefficients, when not NULL: a warm start; else R's mustart y + 0.1),
 * the existence verdict, and glm.fit's zero-fit check.  w's beta, mu and
 * (want_cov) cov point into ws, which the caller reuses across fits and
 * frees with msei_design_work_free.
 */
struct msei_design_work {
	double *beta, *mu, *cov;
	size_t qcap, ccap, covcap;
	/* Fitted values by pattern of a plain table to start IRLS from
	 * (glm.fit's mustart), or NULL; used when there is no start. */
	const double *cell_start;
};
/* The fitted value of every cell at beta (S x 2^K, the unseen cell at
 * 0), 0 for absent cells and the cells of boundary terms (covfit.c). */
int msei_design_cell_fits(const struct msei_design *d, const double *beta,
    double *fitted, struct mse_error *err);
int msei_design_fit(const struct msei_design *d,
    const struct mse_fit_options *opt, const double *start, int want_cov,
    struct msei_design_work *ws, struct msei_glm *w, struct mse_error *err);
void msei_design_work_free(struct msei_design_work *ws);

/*
 * A fitted model.  Every fitting module (log-linear models, Rcapture's
 * designs, ...) fills one, so that tools and intervals treat them alike.
 */
struct mse_fit {
	size_t k;
	uint32_t cells;		/* 2^k - 1 */
	double n;		/* observed */
	double beta0, var_beta0;
	double estimate, se;
	double loglik, deviance;
	long df;
	size_t p;		/* parameters, -inf terms included */
	int iter;
	double *fitted;		/* by pattern, [0] = the unseen cell */
	uint32_t *boundary;	/* terms fixed at -inf */
	size_t nboundary;
	/* The design of the fit, kept for profile intervals and refits. */
	size_t c, q;		/* fitted rows and columns */
	uint32_t *cell;		/* the pattern of each row */
	uint32_t *terms;	/* log-linear term of each column, or NULL */
	double *X, *y, *offset;	/* c x q, c, c (offset may be NULL) */
	double *beta, *cov;	/* q, q x q (cov NULL for log-linear fits) */
	/* Rcapture's closed-population designs (closedp.c); zero otherwise.
	 * X then holds the full design, and keep which columns the Chao
	 * rule left in (NULL: all); beta and cov are 0 for the others. */
	int closedp;		/* 1 for a closedp design */
	int model;		/* MSE_M0, ... */
	size_t nexempt;		/* Chao rule: leading columns never deleted */
	unsigned char *keep;	/* q flags, or NULL */
	double occasions;	/* t; INFINITY for continuous time */
	char note[1024];	/* warnings of the fit, "" if none */
	size_t nabsent;		/* structural zeros left out */
	/* A fit across strata (mse_fit_covariates); S is 0 for one table. */
	size_t S;
	double *sn, *sest, *sse;	/* S + 1: the strata, then the total */
	char *formula;		/* the model as fitted, or NULL */
	char **bname;		/* nboundary column names, or NULL */
	/* Missing covariate values (EM, covfit.c): the units with one, the
	 * fraction of missing information on N and the EM's iterations. */
	double nmissing, *sfmi;	/* sfmi: S + 1, as sest */
	int em_iter;
};

struct mse_fit *msei_fit_new(size_t k, struct mse_error *err);
/* A fit of one table (sp->table and sp->absent) or across strata (with the
 * design's covariates).  IRLS starts from the fitted values cells (by
 * pattern, as mse_fit's; a nested model's fit, say) when not NULL, else
 * from R's start, y + 0.1 (glm.c, covfit.c). */
int msei_fit_table(const struct msei_design_spec *sp,
    const struct mse_model *m, const struct mse_fit_options *opt,
    const double *cells, int want_cov, struct mse_fit **out,
    struct mse_error *err);
/* mse_fit_loglinear_absent, with IRLS started from the fitted values
 * cells (by pattern) when not NULL (covfit.c). */
int msei_fit_loglinear_from(const struct mse_table *t,
    const struct mse_model *m, const uint32_t *absent, size_t nabsent,
    const struct mse_fit_options *opt, const double *cells,
    struct mse_fit **out, struct mse_error *err);
/* start (or NULL): a fit of the same model whose coefficients are the
 * warm start, used only when this design keeps the same columns. */
int msei_fit_strata(const struct mse_strata *s, const struct mse_absent *a,
    const struct mse_model *m, const struct mse_fit_options *opt,
    const struct mse_fit *start, struct mse_fit **out,
    struct mse_error *err);
/* The model of a covariate formula over the lists and covariates. */
int msei_covariates_model(const struct mse_strata *s, const char *formula,
    struct mse_model **m, struct mse_error *err);
/* Move a one-table design and its fit into f (glm.c). */
int msei_fit_from_design(struct mse_fit *f, struct msei_design *d,
    const struct msei_glm *w, struct msei_design_work *ws,
    struct mse_error *err);
/* Drop the design a fit keeps for refits, when only its numbers are
 * wanted (a model set of thousands of fits). */
void msei_fit_slim(struct mse_fit *f);
/* Set N, SE and the unseen cell from the intercept and its variance. */
int msei_fit_finish(struct mse_fit *f, double beta0, double var_beta0,
    struct mse_error *err);

/*
 * The CSV scanner of csvread.c, for the other readers (strata, records).
 * A field's text is NUL-terminated; line and col (1-based, in characters)
 * are where it starts, at its opening quote if it is quoted.  fn gets each non-blank row, the header (row 0)
 * included, with where the row ends (for a missing last field), and
 * returns MSE_OK or a status it has put in err.
 */
struct msei_field {
	char *text;
	long line, col;
	int quoted;		/* col is the opening quote's */
};
typedef int (*msei_row_fn)(void *ctx, const struct msei_field *f, size_t nf,
    long eline, long ecol, size_t row);
int msei_csv_parse(const char *buf, size_t len, const char *filename,
    int delimiter, msei_row_fn fn, void *ctx, struct mse_error *err);
/* The same, read from fp in chunks of chunk bytes (0: the default), not
 * all held in memory at once.  hint, if not NULL, sees rows before fn
 * does, a few dozen at a time, in two passes (stage 0 and 1, i the row's
 * place in them): a reader may look ahead (prefetch), but must not fail
 * or keep anything of the rows. */
typedef void (*msei_hint_fn)(void *ctx, const struct msei_field *f,
    size_t nf, size_t i, int stage);
int msei_csv_stream(FILE *fp, const char *filename, int delimiter,
    size_t chunk, msei_row_fn fn, msei_hint_fn hint, void *ctx,
    struct mse_error *err);
/* mse_records_read in chunks of chunk bytes (records.c), for tests. */
int msei_records_read_chunked(FILE *fp, const char *filename,
    const struct mse_records_spec *spec, size_t chunk,
    struct mse_strata **out, struct mse_error *err);
/* The index of the field that is exactly name, or -1. */
long msei_field_find(const struct msei_field *f, size_t nf,
    const char *name);
/* A count field: digits only, 0..2^53, with the table reader's messages. */
int msei_csv_count(const char *file, const struct msei_field *fl,
    double *out, struct mse_error *err);
/* The first NUL byte or invalid UTF-8 in s, with its line and column
 * (csvread.c); the delimiter of a header line, as mse-data(5) says. */
enum { MSEI_TEXT_NUL = 1, MSEI_TEXT_UTF8 };
int msei_text_check(const unsigned char *s, size_t n, long *line, long *col,
    unsigned *byte);
/* "invalid UTF-8 (byte 0xF8)", with the iconv command for a byte that
 * Windows-1252 would be. */
const char *msei_utf8_message(unsigned byte, char *buf, size_t size);
int msei_detect_delimiter(const char *s, size_t n);
/* Read all of fp into a new buffer (the caller frees it). */
int msei_read_all(FILE *fp, const char *filename, char **out, size_t *len,
    struct mse_error *err);
/* Copy at most 40 characters of s into buf, control bytes replaced, for
 * quoting input text in messages. */
const char *msei_snip(const char *s, char *buf, size_t size);
/* A hint for a name that is not among names (what: "columns", "lists"):
 * "; did you mean 'X'?" for a match but for case, else "; the columns
 * are 'a', 'b', ..." as far as size allows.  Returns buf. */
const char *msei_name_hint(const char *want, const char *const *names,
    size_t n, const char *what, char *buf, size_t size);
/* fo in buf without its progress callback, for the fits of a bootstrap's
 * replicates, which run on many threads at once. */
const struct mse_fit_options *msei_fit_quiet(const struct mse_fit_options *fo,
    struct mse_fit_options *buf);
/* glm.fit's test for "fitted rates numerically 0 occurred" (needs
 * <float.h>). */
#define MSEI_ZERO_RATE (10 * DBL_EPSILON)
/* The kept columns (keep[j], or all when keep is NULL) of the c x q
 * row-major X, packed into Xk; their number. */
size_t msei_pack_columns(const double *X, size_t c, size_t q,
    const unsigned char *keep, double *Xk);
/* A copy in sel of the caller's selection options (of any size), whose
 * fit options, copied into fit, report no progress: the searches of a
 * bootstrap's replicates run on many threads. */
int msei_select_quiet(const struct mse_select_options *in,
    struct mse_select_options *sel, struct mse_fit_options *fit,
    struct mse_error *err);
/* mse_select that keeps, when its exhaustive search takes the fast path,
 * every model's coefficients (*starts, NULL otherwise; the caller frees
 * it), and mse_select starting each model's fit from them (select.c). */
int msei_select_starts(const struct mse_table *t,
    const struct mse_select_options *o, double **starts,
    struct mse_error *err);
int msei_select_warm(const struct mse_table *t,
    const struct mse_select_options *o, const double *starts,
    struct mse_model **model, struct mse_fit **fit, struct mse_error *err);
/* A model's text over names, in a new string of its own length. */
char *msei_model_string(const struct mse_model *m, const char *const *names,
    size_t k);
/* Add a parsed count (a whole number up to 2^53) to an exact total; -1
 * once the total passes 2^53, with msei_total_message to say so. */
int msei_count_add(uint64_t *total, double count);
extern const char *const msei_total_message;
/* Why a header has no count column: "Count" for "count", or records. */
const char *msei_count_hint(const struct msei_field *f, size_t nf,
    char *buf, size_t size);
/* A stratum value that is missing: empty or NA (csvread.c).  With
 * allowed 0 it is an error, at the field, naming the stratum column:
 * msei_stratum_missing returns 1 for a missing value, 0 for a value, or
 * -1 after setting err. */
int msei_stratum_missing(const char *file, const struct msei_field *f,
    const char *column, int allowed, struct mse_error *err);
const char *msei_field_hint(const char *want, const struct msei_field *f,
    size_t nf, char *buf, size_t size);

/*
 * A hash map from byte strings to indices (strata.c), for strata and
 * person ids.  Keys are copied into an arena freed with the map.
 */
struct msei_slot {
	const char *key;
	size_t len;
	uint64_t hash;
	size_t val;
};
struct msei_map {
	struct msei_slot *slots;
	size_t n, cap;
	char **blocks, *arena;
	size_t nblocks, block, used;
};
int msei_map_put(struct msei_map *m, const char *key, size_t len, size_t val,
    size_t *out, int *found);
int msei_map_get(const struct msei_map *m, const char *key, size_t len,
    size_t *out);
void msei_map_free(struct msei_map *m);
/* Join strings, each with its NUL, into *buf (grown); the length. */
size_t msei_join(const char *const *v, size_t n, char **buf, size_t *cap);

/* The stratum with these values, made (with an empty table) if new. */
int msei_strata_intern(struct mse_strata *s, const char *const *values,
    size_t *stratum, struct mse_error *err);
int msei_strata_add_at(struct mse_strata *s, size_t stratum,
    uint32_t pattern, double count, struct mse_error *err);

/*
 * Fit a c x q design (closedp.c) with the engine and, when nexempt > 0,
 * Chao's rule (Rcapture's Chao.neg): while a coefficient after the first
 * nexempt is negative, delete the first such column and refit.  On entry
 * w holds the full design (w->X, w->p = q) and room for beta (q), cov
 * (q x q) and mu (c); on return beta and cov are expanded to q with 0 for
 * deleted columns, and keep (q flags) says which are left; after
 * MSE_ENOCONV they hold the last iterate of the last fit.  What happened
 * along the way (deleted columns, discarded fits) is appended to note.
 * names (q strings, or NULL) name the columns in the note.
 */
int msei_chao_fit(struct msei_glm *w, size_t nexempt,
    const char *const *names, unsigned char *keep, char *note, size_t size,
    const struct mse_fit_options *opt, struct mse_error *err);
/* Append ", "-separated text to a note (truncated with "..."). */
void msei_note(char *note, size_t size, const char *fmt, ...)
    MSEI_PRINTF(3, 4);
int msei_decimal_syntax(const char *s);
/* ---- decomposable graphs (graph.c) ------------------------------------ */

/* A decomposable graph on k <= MSE_MAX_LISTS vertices as its cliques, in
 * a running-intersection order, and the separators of a junction tree with
 * their multiplicity (empty ones left out), all as bit masks. */
struct msei_dgraph {
	uint8_t nc, ns;
	uint32_t set[MSE_MAX_LISTS];	/* cliques */
	uint32_t sep[MSE_MAX_LISTS];	/* separators */
};

/* Enumeration tests every edge set: up to k = 7 (2^21 sets). */
#define MSEI_ENUM_MAX 7

int msei_graph_decompose(size_t k, const uint32_t *adj,
    struct msei_dgraph *g);
int msei_graph_chordal(size_t k, const uint32_t *adj);
void msei_graph_from_edges(size_t k, const uint32_t *edges, uint32_t *adj);
int msei_graph_foreach(size_t k,
    int (*fn)(void *, const struct msei_dgraph *), void *arg);
int msei_graph_enumerate(size_t k, struct msei_dgraph **out, size_t *count,
    struct mse_error *err);

/* Test hooks of dga.c: the parts of log w(g, m) at grid point j. */
void msei_dga_parts(const struct mse_dga *d, size_t j, double *D, double *MC,
    double *prior);
double msei_dga_ell(struct mse_dga *d, uint32_t A, size_t j);
double msei_dga_log_weight(struct mse_dga *d, const struct msei_dgraph *g,
    size_t j);
int msei_dga_chunk(struct mse_dga *d, const struct msei_dgraph *g, size_t j0,
    int wide, double *w, double *sum);

/* A latent-class fit as text and back, bit for bit (lcm.c), for the cache
 * of mse_lcm_by_fit_cache (lcmby.c).  MSEI_LCM_REVISION is part of every
 * cache key: raise it whenever a seed's draws change (a new move of the
 * sampler, say), so that no cache gives back the old sampler's draws. */
#define MSEI_LCM_REVISION 5
int msei_lcm_write(const struct mse_lcm *m, FILE *f);
int msei_lcm_read(FILE *f, struct mse_lcm **out);
/* The cache itself (lcmby.c): its directory made if missing, and a fit
 * read from it or fitted and written to it (o whole, defaults in). */
int msei_lcm_cache_dir(const char *dir, struct mse_error *err);
int msei_lcm_fit_cached(const struct mse_table *t,
    const struct mse_lcm_options *o, const char *dir, struct mse_lcm **out,
    int *cached, char *note, size_t size, struct mse_error *e);
/* One stratum's fit of mse_lcm_by_fit_cache and mse_lcm_pool_fit_cache:
 * the lists that recorded nobody left out (*kept), then the fit above;
 * without an estimate, *m is NULL and reason says why (lcmby.c). */
int msei_lcm_fit_stratum(const struct mse_table *t,
    const struct mse_lcm_options *o, const char *dir,
    struct mse_table **kept, struct mse_lcm **m, int *cached, char *note,
    size_t nsize, char *reason, size_t rsize);

/* Binomial(n, p) of the fast latent-class sampler (lcm.c). */
#include <gsl/gsl_rng.h>
unsigned msei_binomial(const gsl_rng *r, double p, unsigned n);
/* The split-merge move of lcm.c alone (swaps: and the label swaps), for
 * its test. */
int msei_lcm_split_merge_run(const struct mse_table *t, int K, long n0,
    double alpha, int swaps, unsigned long seed, long moves,
    void (*visit)(void *arg, const unsigned *czk, const unsigned *c0k,
    size_t M, size_t K), void *arg);
/* Rounds under a time budget (pool.c), lcm.c's chains and dga.c's MCMC
 * runs: seconds since *start (CLOCK_MONOTONIC); the draws a chain that
 * `left' seconds afford at the pace of a round of `sweeps' sweeps a
 * chain that took `secs' seconds, `thin' sweeps a draw (at most LONG_MAX
 * / 2); and the end of the next round: after `done' draws a chain, the
 * last round of `sweeps' sweeps begun at *round, the fit at *start,
 * `want' cut to what the rest of max_seconds affords, or 0 (stop) when
 * that is under a quarter of `done'; `want' itself when max_seconds is
 * 0. */
struct timespec;
double msei_seconds_since(const struct timespec *start);
long msei_round_afford(double left, double secs, long sweeps, long thin);
long msei_round_end(double max_seconds, const struct timespec *start,
    const struct timespec *round, long sweeps, long thin, long done,
    long want);
/* The collapsed move of the unseen alone, from the seen units' classes czk
 * (M x K, patterns in LCMCR's order) and no unseen, `moves' times, visit
 * called with the unseen units' class counts after each (the test of
 * test_lcm.c). */
int msei_lcm_unseen_run(const struct mse_table *t, int K,
    const unsigned *czk, double alpha, unsigned long seed, long moves,
    void (*visit)(void *arg, const unsigned *c0k, size_t K), void *arg);

/* The posterior predictive check (ppc.c): running counts over draws. */
struct msei_ppc {
	long draws, hits;	/* draws, and those with T(rep) >= T(obs) */
	double tobs, trep;	/* sums of the discrepancies */
	const char *why;	/* not NULL: why there is no p-value */
};
/* dga's check tabulates all 2^k cells per draw: at most 2^12 of them
 * (lcm's goes over the seen cells beyond that). */
#define MSEI_PPC_MAX_LISTS 12
void msei_ppc_count(struct msei_ppc *s, double tobs, double trep);
/* For test_lcm.c: lcm's check over the seen cells alone at any number of
 * lists (on != 0), as it is beyond MSEI_PPC_MAX_LISTS; not thread-safe. */
void msei_lcm_ppc_sparse(int on);
double msei_ppc_ft(const double *y, const double *pi, double N,
    size_t cells);
void msei_ppc_draw(const gsl_rng *r, const double *y, const double *pi,
    double N, size_t cells, unsigned *rep, double *yrep, struct msei_ppc *s);
void msei_ppc_add(struct msei_ppc *a, const struct msei_ppc *b);
int msei_ppc_result(const struct msei_ppc *s, double *p, double *tobs,
    double *trep, struct mse_error *err);
double msei_log_gamma_draw(const gsl_rng *r, double shape);

/* The type 7 quantile (R's default) of n sorted values (mcmcdiag.c). */
double msei_quantile7(const double *sorted, size_t n, double p);
/* qsort's comparison of doubles, ascending (mcmcdiag.c). */
int msei_cmp_double(const void *a, const void *b);

#endif /* MSE_PRIVATE_H */
