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

#endif /* MSE_PRIVATE_H */
