/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_exist.c - unit tests of the existence and identifiability check
 * (lib/exist.c) against SparseMSE's checkident.
 */
#include <stdint.h>
#include <stdlib.h>

#include <gsl/gsl_errno.h>

#include "mse_private.h"
#include "../tap.h"

/* Tolerance for tau*: the LP is solved in exact arithmetic, so 1e-9 is
 * loose (the brief's tolerance for every tau below). */
#define TAU_TOL 1e-9

/* Artificial_3 (Chan et al. 2019): 100:40, 010:30, 001:20, 110:6.  List
 * A is bit 0, B bit 1, C bit 2, so 100 = 1, 010 = 2, 001 = 4, 110 = 3. */
static const double art3[8] = { 0, 40, 30, 6, 20, 0, 0, 0 };

/* One row of checkident's results, design reduced by hand (as MSE's
 * check_extended_MLE):
 * the kept cells, the kept terms (intercept 0 first), the generators to
 * give mse_model_add, and the expected code, tau* and rank deficiency. */
struct exist_case {
	const char *name;
	uint32_t cells[8];
	size_t c;
	uint32_t terms[8];
	size_t p;
	uint32_t gens[3];
	size_t ngens;
	int code;
	double tau;
	size_t rankdef;
};

static const struct exist_case art3_cases[] = {
	/* AC and BC are -inf: cells 101, 011, 111 go; rank 4 of 5. */
	{ "A:B+A:C+B:C", { 1, 2, 3, 4 }, 4, { 0, 1, 2, 4, 3 }, 5,
	    { 3, 5, 6 }, 3, MSE_EXIST_UNIDENT, 6, 1 },
	{ "A:B", { 1, 2, 3, 4, 5, 6, 7 }, 7, { 0, 1, 2, 4, 3 }, 5,
	    { 3 }, 1, MSE_EXIST_NOMLE, 0, 0 },
	{ "A:C+B:C", { 1, 2, 3, 4 }, 4, { 0, 1, 2, 4 }, 4,
	    { 5, 6 }, 2, 0, 6, 0 },
	{ "main", { 1, 2, 3, 4, 5, 6, 7 }, 7, { 0, 1, 2, 4 }, 4,
	    { 0 }, 0, 0, 1.2, 0 },
	{ "A:C", { 1, 2, 3, 4, 6 }, 5, { 0, 1, 2, 4 }, 4,
	    { 5 }, 1, 0, 3, 0 },
	{ "A:B+A:C", { 1, 2, 3, 4, 6 }, 5, { 0, 1, 2, 4, 3 }, 5,
	    { 3, 5 }, 2, MSE_EXIST_NOMLE, 0, 0 },
};

/* Ned_5, copied from shared/data/Ned_5.csv: IO, K, P, R, Z, count. */
static const int ned5_rows[][6] = {
	{ 0, 0, 0, 0, 1, 632 }, { 0, 0, 0, 1, 0, 650 },
	{ 0, 0, 0, 1, 1, 2 }, { 0, 0, 1, 0, 0, 4466 },
	{ 0, 0, 1, 0, 1, 125 }, { 0, 0, 1, 1, 0, 82 },
	{ 0, 0, 1, 1, 1, 1 }, { 0, 1, 0, 0, 0, 1299 },
	{ 0, 1, 0, 0, 1, 4 }, { 0, 1, 1, 0, 0, 44 },
	{ 1, 0, 0, 0, 0, 756 }, { 1, 0, 0, 0, 1, 73 },
	{ 1, 0, 0, 1, 0, 5 }, { 1, 0, 1, 0, 0, 81 },
	{ 1, 0, 1, 0, 1, 11 }, { 1, 0, 1, 1, 0, 2 },
	{ 1, 1, 0, 0, 0, 1 },
};

/* Ned_5's stepwise model [12,13,15,24,34,35] (checkident), lists IO, K, P,
 * R, Z as bits 0..4: IO:K, IO:P, IO:Z, K:R, P:R, P:Z. */
static const uint32_t ned5_pairs[] = { 3, 5, 17, 10, 12, 20 };
#define NED5_KR 10u

/* A[r, j] = 1{terms[j] within cells[r]}, the design of SparseMSE. */
static void
build_design(const uint32_t *cells, size_t c, const uint32_t *terms,
    size_t p, double *A)
{
	size_t r, j;

	for (r = 0; r < c; r++)
		for (j = 0; j < p; j++)
			A[r * p + j] = (cells[r] & terms[j]) == terms[j];
}

/* msei_exist_lp on a hand-built Artificial_3 design, with the counts and
 * with their 0/1 support (existence depends only on it, checkident). */
static void
test_art3_lp(const struct exist_case *k)
{
	double A[8 * 8], y[8], ind[8], tau = -1;
	size_t r, rankdef = 99;
	int code = -1, rc;

	build_design(k->cells, k->c, k->terms, k->p, A);
	for (r = 0; r < k->c; r++) {
		y[r] = art3[k->cells[r]];
		ind[r] = y[r] > 0;
	}
	rc = msei_exist_lp(A, k->c, k->p, y, &code, &tau, &rankdef, NULL);
	is_int(rc, MSE_OK, "Artificial_3 %s: LP runs", k->name);
	is_int(code, k->code, "Artificial_3 %s: code %d (checkident, exact)",
	    k->name, k->code);
	is_rel(tau, k->tau, TAU_TOL, "Artificial_3 %s: tau* = %g (checkident, "
	    "rel 1e-9)", k->name, k->tau);
	is_int((long)rankdef, (long)k->rankdef, "Artificial_3 %s: rank "
	    "deficiency %zu (checkident, exact)", k->name, k->rankdef);
	rc = msei_exist_lp(A, k->c, k->p, ind, &code, NULL, NULL, NULL);
	ok(rc == MSE_OK && code == k->code, "Artificial_3 %s: the 0/1 support "
	    "gives the same code (checkident, exact)", k->name);
}

static struct mse_table *
art3_table(void)
{
	const char *names[] = { "A", "B", "C" };
	struct mse_table *t = mse_table_new(3, names, NULL);
	uint32_t w;

	for (w = 1; t != NULL && w < 8; w++)
		if (mse_table_set(t, w, art3[w], NULL) != MSE_OK) {
			mse_table_free(t);
			return NULL;
		}
	return t;
}

static struct mse_model *
make_model(size_t k, const uint32_t *gens, size_t ngens)
{
	struct mse_model *m = mse_model_new(k, NULL);
	size_t i;

	for (i = 0; m != NULL && i < ngens; i++)
		if (mse_model_add(m, gens[i], NULL) != MSE_OK) {
			mse_model_free(m);
			return NULL;
		}
	return m;
}

/* mse_model_check on Artificial_3: the reduction of MSE is done
 * by the library from the model's generators. */
static void
test_art3_check(const struct mse_table *t, const struct exist_case *k)
{
	struct mse_model *m = make_model(3, k->gens, k->ngens);
	struct mse_error err;
	int code = -1, rc;

	if (!ok(m != NULL, "Artificial_3 %s: model built", k->name))
		return;
	rc = mse_model_check(t, m, &code, &err);
	is_int(rc, MSE_OK, "Artificial_3 %s: check runs", k->name);
	is_int(code, k->code, "Artificial_3 %s: mse_model_check code %d "
	    "(checkident, exact)", k->name, k->code);
	mse_model_free(m);
}

static struct mse_table *
ned5_table(void)
{
	const char *names[] = { "IO", "K", "P", "R", "Z" };
	struct mse_table *t = mse_table_new(5, names, NULL);
	size_t i, j;
	uint32_t w;

	for (i = 0; t != NULL && i < sizeof(ned5_rows) / sizeof(*ned5_rows);
	    i++) {
		for (w = 0, j = 0; j < 5; j++)
			w |= (uint32_t)ned5_rows[i][j] << j;
		if (mse_table_set(t, w, ned5_rows[i][5], NULL) != MSE_OK) {
			mse_table_free(t);
			return NULL;
		}
	}
	return t;
}

/* Ned_5, by hand: K:R has margin 0, so its 8 cells and the term go; the
 * LP on 23 cells x 11 terms gives tau* = 0.25, code 0 (checkident). */
static void
test_ned5_lp(const struct mse_table *t)
{
	uint32_t cells[31], terms[] = { 0, 1, 2, 4, 8, 16, 3, 5, 17, 12, 20 };
	double A[31 * 11], y[31], tau = -1;
	size_t c = 0, p = sizeof(terms) / sizeof(*terms), r, rankdef = 99;
	uint32_t w;
	int code = -1, rc;

	is_rel(msei_table_margin(t, NED5_KR), 0, 0, "Ned_5: N*_KR = 0 "
	    "(checkident, exact)");
	for (w = 1; w < 32; w++)
		if ((w & NED5_KR) != NED5_KR)
			cells[c++] = w;
	is_int((long)c, 23, "Ned_5: 23 cells kept (checkident, exact)");
	build_design(cells, c, terms, p, A);
	for (r = 0; r < c; r++)
		y[r] = mse_table_get(t, cells[r]);
	rc = msei_exist_lp(A, c, p, y, &code, &tau, &rankdef, NULL);
	is_int(rc, MSE_OK, "Ned_5: LP runs");
	is_int(code, 0, "Ned_5 [12,13,15,24,34,35]: code 0 (checkident, "
	    "exact)");
	is_rel(tau, 0.25, TAU_TOL, "Ned_5 [12,13,15,24,34,35]: tau* = 0.25 "
	    "(checkident, rel 1e-9)");
	is_int((long)rankdef, 0, "Ned_5: full rank 11 (checkident, exact)");
}

static void
test_ned5_check(const struct mse_table *t)
{
	struct mse_model *m = make_model(5, ned5_pairs,
	    sizeof(ned5_pairs) / sizeof(*ned5_pairs));
	struct mse_error err;
	int code = -1, rc;

	if (!ok(m != NULL, "Ned_5: model built"))
		return;
	rc = mse_model_check(t, m, &code, &err);
	is_int(rc, MSE_OK, "Ned_5: check runs");
	is_int(code, 0, "Ned_5 [12,13,15,24,34,35]: mse_model_check code 0 "
	    "(checkident, exact)");
	mse_model_free(m);
}

/* More cells' worth of terms than cells: rank 1 of 2, tau* = y (by hand:
 * x = 5 is the only table with these margins). */
static void
test_small(void)
{
	double A[] = { 1, 1 }, y[] = { 5 }, tau = -1;
	size_t rankdef = 99;
	int code = -1, rc;

	rc = msei_exist_lp(A, 1, 2, y, &code, &tau, &rankdef, NULL);
	ok(rc == MSE_OK && code == MSE_EXIST_UNIDENT, "1 cell x 2 terms: "
	    "code 2 (by hand, exact)");
	is_rel(tau, 5, TAU_TOL, "1 cell x 2 terms: tau* = 5 (by hand, "
	    "rel 1e-9)");
	is_int((long)rankdef, 1, "1 cell x 2 terms: rank deficiency 1 (by "
	    "hand, exact)");
}

/* Bad input is refused with MSE_EINVAL before GLPK sees it. */
static void
test_bad_input(void)
{
	double A[] = { 1, 1, 1, 0 }, y[] = { 3, 4 }, bad[] = { 3, -1 };
	double A2[] = { 1, 2, 1, 0 }, nan_y[] = { 3, NAN };
	struct mse_error err;
	int code = 7;

	is_int(msei_exist_lp(A, 0, 2, y, &code, NULL, NULL, &err),
	    MSE_EINVAL, "no cells: MSE_EINVAL");
	is_int(err.code, MSE_EINVAL, "no cells: err filled");
	is_int(msei_exist_lp(A, 2, 0, y, &code, NULL, NULL, NULL),
	    MSE_EINVAL, "no terms: MSE_EINVAL");
	is_int(msei_exist_lp(A, 2, 2, bad, &code, NULL, NULL, NULL),
	    MSE_EINVAL, "negative count: MSE_EINVAL");
	is_int(msei_exist_lp(A, 2, 2, nan_y, &code, NULL, NULL, NULL),
	    MSE_EINVAL, "NaN count: MSE_EINVAL");
	is_int(msei_exist_lp(A2, 2, 2, y, &code, NULL, NULL, NULL),
	    MSE_EINVAL, "design entry 2: MSE_EINVAL");
	is_int(msei_exist_lp(A, 2, 2, y, NULL, NULL, NULL, NULL),
	    MSE_EINVAL, "no code pointer: MSE_EINVAL");
	is_int(code, 7, "code untouched on failure");
	is_int(mse_model_check(NULL, NULL, &code, NULL), MSE_EINVAL,
	    "mse_model_check without a table: MSE_EINVAL");
}

/* A table of zeros leaves no cell: code 3 and MSE_EDOMAIN. */
static void
test_empty(void)
{
	struct mse_table *t = mse_table_new(3, NULL, NULL);
	struct mse_model *m = make_model(3, NULL, 0);
	struct mse_error err;
	int code = -1;

	if (ok(t != NULL && m != NULL, "empty table and main model built")) {
		is_int(mse_model_check(t, m, &code, &err), MSE_EDOMAIN,
		    "empty table: MSE_EDOMAIN");
		is_int(code, MSE_EXIST_NOMLE | MSE_EXIST_UNIDENT,
		    "empty table: code 3");
		ok(err.message[0] != '\0', "empty table: message \"%s\"",
		    err.message);
	}
	mse_model_free(m);
	mse_table_free(t);
}

int
main(void)
{
	size_t i, n = sizeof(art3_cases) / sizeof(*art3_cases);
	struct mse_table *t;

	gsl_set_error_handler_off();
	for (i = 0; i < n; i++)
		test_art3_lp(&art3_cases[i]);
	t = art3_table();
	if (ok(t != NULL, "Artificial_3 table built"))
		for (i = 0; i < n; i++)
			test_art3_check(t, &art3_cases[i]);
	mse_table_free(t);
	t = ned5_table();
	if (ok(t != NULL, "Ned_5 table built")) {
		test_ned5_lp(t);
		test_ned5_check(t);
	}
	mse_table_free(t);
	test_small();
	test_bad_input();
	test_empty();
	return tap_done();
}
