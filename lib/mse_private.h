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

/* Checked n * size for allocations; NULL on overflow. */
void *msei_calloc(size_t n, size_t size);
void *msei_reallocarray(void *p, size_t n, size_t size);

/*
 * The existence linear program of SparseMSE's checkident (exist.c).
 * A is the c x p design (row-major, 0/1) on the kept cells and terms,
 * y the c counts.  Sets *code to 0, MSE_EXIST_NOMLE, MSE_EXIST_UNIDENT or
 * both, and *tau to the LP optimum.
 */
int msei_exist_lp(const double *A, size_t c, size_t p, const double *y,
    int *code, double *tau, size_t *rankdef, struct mse_error *err);

/* The margin N*_theta = sum of counts over patterns that contain theta. */
double msei_table_margin(const struct mse_table *t, uint32_t term);
/* The raw count array, indexed by pattern (entry 0 unused). */
const double *msei_table_counts(const struct mse_table *t);

/*
 * The Poisson log-linear engine (glm.c): IRLS as R's glm.fit on c cells and
 * p columns, with an optional offset.  The caller allocates beta (p), mu
 * (c) and, if wanted, cov (p x p, (X'WX)^-1 from the last WLS step).
 * Returns MSE_OK, MSE_ENOCONV, or MSE_ESINGULAR with aliased set to the
 * first aliased column.
 */
struct msei_glm {
	size_t c, p;
	const double *X;	/* c x p, row-major */
	const double *y;
	const double *offset;	/* c values, or NULL */
	double *beta, *mu, *cov;
	double deviance, loglik;
	int iter;
	size_t aliased;
};
int msei_glm_fit(struct msei_glm *g, const struct mse_fit_options *opt,
    struct mse_error *err);

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
	double *beta, *cov;	/* q, q x q */
};

struct mse_fit *msei_fit_new(size_t k, struct mse_error *err);
/* Set N, SE and the unseen cell from the intercept and its variance. */
int msei_fit_finish(struct mse_fit *f, double beta0, double var_beta0,
    struct mse_error *err);

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

/* Binomial(n, p) of the fast latent-class sampler (lcm.c). */
#include <gsl/gsl_rng.h>
unsigned msei_binomial(const gsl_rng *r, double p, unsigned n);

/* The type 7 quantile (R's default) of n sorted values (mcmcdiag.c). */
double msei_quantile7(const double *sorted, size_t n, double p);

#endif /* MSE_PRIVATE_H */
