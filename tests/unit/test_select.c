/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_select.c - unit tests of model spaces and searches (select.c). */
#include <config.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "mse.h"
#include "tap.h"

/* Reference values: SparseMSE 2.0.1 and MultipleSystemsEstimation 1.2.0, which
 * reproduced SparseMSE 2.0.1 and MultipleSystemsEstimation 1.2.0 with R
 * 4.2.2; N to 1e-6 relative (the note prints 2 decimals: 5e-7 of 10^4),
 * BIC to 1e-6. */

static struct mse_table *
load(const char *name)
{
	const char *top = getenv("top_srcdir");
	struct mse_table *t = NULL;
	char path[4096];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/data/%s", top ? top : ".", name);
	fp = fopen(path, "rb");
	if (fp == NULL)
		return NULL;
	if (mse_table_read(fp, name, 0, &t, NULL) != MSE_OK)
		t = NULL;
	fclose(fp);
	return t;
}

static void
check_select(const char *file, int method, int order, double n, double bic,
    const char *model, int search, size_t evaluated)
{
	struct mse_table *t = load(file);
	struct mse_select_options o;
	struct mse_select_info info;
	struct mse_model *m = NULL;
	struct mse_fit *f = NULL;
	struct mse_error err;
	char buf[1024];

	mse_select_options_init(&o);
	o.method = method;
	o.max_order = order;
	if (!ok(t != NULL && mse_select(t, &o, &m, &f, &info, &err) == MSE_OK,
	    "%s: selection %d, order %d runs", file, method, order)) {
		mse_table_free(t);
		return;
	}
	/* The note prints N to 2 decimals: half a unit of the last one. */
	is_rel(mse_fit_estimate(f), n, fmax(1e-6, 0.0051 / n), "%s: N %.2f "
	    "(note, to its last decimal)", file, n);
	if (bic > 0)
		is_rel(mse_fit_bic(f), bic, 1e-6, "%s: BIC %.4f (note, 1e-6)",
		    file, bic);
	if (model != NULL) {
		mse_model_format(m, t, buf, sizeof(buf));
		ok(strcmp(buf, model) == 0, "%s: model %s (got %s)", file,
		    model, buf);
	}
	is_int(info.search, search, "%s: search kind", file);
	if (evaluated > 0)
		is_int((long)info.evaluated, (long)evaluated, "%s: %zu models "
		    "evaluated (note)", file, evaluated);
	mse_model_free(m);
	mse_fit_free(f);
	mse_table_free(t);
}

/* Section 2: the stepwise search of both packages. */
static void
stepwise(void)
{
	check_select("Western.csv", MSE_SELECT_STEPWISE, 2, 2483.38392, 0,
	    "A:E", MSE_SEARCH_STEPWISE, 0);
	check_select("UKdat_5.csv", MSE_SELECT_STEPWISE, 2, 11312.99, 0,
	    "LA:NG + LA:PFNCA + NG:GO + NG:GP + PFNCA:GP + GO:GP",
	    MSE_SEARCH_STEPWISE, 0);
	check_select("UKdat.csv", MSE_SELECT_STEPWISE, 2, 11417.99, 0, NULL,
	    MSE_SEARCH_STEPWISE, 0);
	check_select("Ned_5.csv", MSE_SELECT_STEPWISE, 2, 121521.61, 0,
	    "IO:K + IO:P + IO:Z + K:R + P:R + P:Z", MSE_SEARCH_STEPWISE, 0);
	check_select("Ned.csv", MSE_SELECT_STEPWISE, 2, 111139.37, 0, NULL,
	    MSE_SEARCH_STEPWISE, 0);
	check_select("NewOrl.csv", MSE_SELECT_STEPWISE, 2, 1183.69, 0, "D:E",
	    MSE_SEARCH_STEPWISE, 0);
	check_select("NewOrl_5.csv", MSE_SELECT_STEPWISE, 2, 1034.15, 0,
	    "main", MSE_SEARCH_STEPWISE, 0);
	check_select("Kosovo.csv", MSE_SELECT_STEPWISE, 2, 14341.66, 0,
	    "EXH:ABA + EXH:OSCE + EXH:HRW + ABA:OSCE + OSCE:HRW",
	    MSE_SEARCH_STEPWISE, 0);
	check_select("Artificial_3.csv", MSE_SELECT_STEPWISE, 2, 539.09, 0,
	    "main", MSE_SEARCH_STEPWISE, 0);
}

/* Section 4: BIC over the whole space. */
static void
bic(void)
{
	check_select("UKdat_5.csv", MSE_SELECT_BIC, 2, 22991.33, 196.5398,
	    "LA:NG + LA:PFNCA + NG:PFNCA + NG:GP + PFNCA:GO",
	    MSE_SEARCH_EXHAUSTIVE, 1024);
	check_select("UKdat_5.csv", MSE_SELECT_BIC, 3, 25311.29, 195.8791,
	    "NG:GP + PFNCA:GO + LA:NG:PFNCA", MSE_SEARCH_EXHAUSTIVE, 6212);
	check_select("UKdat_5.csv", MSE_SELECT_BIC, 4, 25311.29, 195.8791,
	    NULL, MSE_SEARCH_EXHAUSTIVE, 6893);
	check_select("Kosovo.csv", MSE_SELECT_BIC, 3, 10356.52, 203.0296,
	    "EXH:HRW + OSCE:HRW + EXH:ABA:OSCE", MSE_SEARCH_EXHAUSTIVE, 113);
	check_select("Kosovo.csv", MSE_SELECT_BIC, 2, 14341.66, 0,
	    "EXH:ABA + EXH:OSCE + EXH:HRW + ABA:OSCE + OSCE:HRW",
	    MSE_SEARCH_EXHAUSTIVE, 64);
	check_select("NewOrl_5.csv", MSE_SELECT_BIC, 4, 1034.15, 0, "main",
	    MSE_SEARCH_EXHAUSTIVE, 6893);
}

/* Section 5: the downhill search, forced by a space limit of 1 model. */
static void
downhill_case(const char *file, int order, double n, double bic,
    size_t evaluated)
{
	struct mse_table *t = load(file);
	struct mse_select_options o;
	struct mse_select_info info;
	struct mse_model *m = NULL;
	struct mse_fit *f = NULL;

	mse_select_options_init(&o);
	o.method = MSE_SELECT_BIC;
	o.max_order = order;
	o.max_models = 1;
	if (!ok(t != NULL && mse_select(t, &o, &m, &f, &info, NULL) ==
	    MSE_OK, "%s downhill, order %d, runs", file, order)) {
		mse_table_free(t);
		return;
	}
	is_int(info.search, MSE_SEARCH_DOWNHILL, "%s: downhill used", file);
	is_rel(mse_fit_estimate(f), n, fmax(1e-6, 0.0051 / n), "%s downhill: "
	    "N %.2f (note 5, to its last decimal)", file, n);
	if (bic > 0)
		is_rel(mse_fit_bic(f), bic, 1e-6, "%s downhill: BIC %.4f (note "
		    "5, 1e-6)", file, bic);
	if (evaluated > 0)
		is_int((long)info.evaluated, (long)evaluated, "%s downhill: "
		    "%zu models evaluated (note 5, exact)", file, evaluated);
	mse_model_free(m);
	mse_fit_free(f);
	mse_table_free(t);
}

/* Section 1: the sizes of the spaces, and section 4's valid models. */
static void
spaces(void)
{
	static const struct { size_t k; int order; size_t n; } sz[] = {
		{ 2, 1, 1 }, { 3, 2, 8 }, { 4, 2, 64 }, { 4, 3, 113 },
		{ 5, 2, 1024 }, { 5, 3, 6212 }, { 5, 4, 6893 },
		{ 6, 2, 32768 },
	};
	static const struct { const char *f; int order; size_t ok, nomle,
	    unident; } valid[] = {
		{ "NewOrl_5.csv", 4, 6327, 340, 226 },
		{ "Ned_5.csv", 3, 6083, 121, 8 },
		{ "UKdat_5.csv", 3, 6084, 128, 0 },
		{ "UKdat_5.csv", 4, 6519, 0, 0 },
	};
	size_t i, j, n;

	for (i = 0; i < sizeof(sz) / sizeof(sz[0]); i++) {
		ok(mse_models_count(sz[i].k, sz[i].order, 1000000, &n) ==
		    MSE_OK, "count k = %zu, order %d", sz[i].k, sz[i].order);
		is_int((long)n, (long)sz[i].n, "k = %zu, order <= %d: %zu "
		    "models (note 1, exact)", sz[i].k, sz[i].order, sz[i].n);
	}
	for (i = 0; i < sizeof(valid) / sizeof(valid[0]); i++) {
		struct mse_table *t = load(valid[i].f);
		struct mse_modelset *s = NULL;
		size_t c[3] = { 0, 0, 0 };

		if (!ok(t != NULL && mse_modelset_fit(t, valid[i].order, 0,
		    NULL, &s, NULL) == MSE_OK, "%s order %d: all models fit",
		    valid[i].f, valid[i].order)) {
			mse_table_free(t);
			continue;
		}
		for (j = 0; j < mse_modelset_size(s); j++) {
			int st = mse_modelset_status(s, j, NULL);

			c[st == MSE_OK ? 0 : st == MSE_ENOMLE ? 1 : 2]++;
		}
		is_int((long)c[0], (long)valid[i].ok, "%s order %d: %zu valid "
		    "(note 4, exact)", valid[i].f, valid[i].order,
		    valid[i].ok);
		if (valid[i].nomle + valid[i].unident > 0) {
			is_int((long)c[1], (long)valid[i].nomle, "%s: %zu "
			    "without an MLE (note 4)", valid[i].f,
			    valid[i].nomle);
			is_int((long)c[2], (long)valid[i].unident, "%s: %zu "
			    "not identifiable (note 4)", valid[i].f,
			    valid[i].unident);
		}
		mse_modelset_free(s);
		mse_table_free(t);
	}
}

/* Weights sum to 1, and the average and its unconditional SE follow
 * Buckland, Burnham & Augustin (1997), recomputed here from the parts. */
static void
averaging(void)
{
	struct mse_table *t = load("Kosovo.csv");
	struct mse_modelset *s = NULL;
	double sum = 0, nbar = 0, u = 0, est, se;
	size_t i;

	if (!ok(t != NULL && mse_modelset_fit(t, 2, 0, NULL, &s, NULL) ==
	    MSE_OK, "Kosovo order 2 set")) {
		mse_table_free(t);
		return;
	}
	for (i = 0; i < mse_modelset_size(s); i++) {
		const struct mse_fit *f = mse_modelset_fit_of(s, i);
		double w = mse_modelset_weight(s, i, MSE_SELECT_BIC);

		sum += w;
		if (f != NULL)
			nbar += w * mse_fit_estimate(f);
	}
	for (i = 0; i < mse_modelset_size(s); i++) {
		const struct mse_fit *f = mse_modelset_fit_of(s, i);
		double d, v;

		if (f == NULL)
			continue;
		d = mse_fit_estimate(f) - nbar;
		v = mse_fit_se(f);
		u += mse_modelset_weight(s, i, MSE_SELECT_BIC) *
		    sqrt(v * v + d * d);
	}
	is_rel(sum, 1, 1e-12, "BIC weights sum to 1");
	ok(mse_modelset_average(s, MSE_SELECT_BIC, &est, &se, NULL) ==
	    MSE_OK, "average runs");
	is_rel(est, nbar, 1e-12, "average = sum of w N (Buckland eq. 8)");
	is_rel(se, u, 1e-12, "unconditional SE (Buckland eq. 9)");
	is_rel(mse_fit_estimate(mse_modelset_fit_of(s, mse_modelset_best(s,
	    MSE_SELECT_BIC))), 14341.66, 1e-6, "best by BIC: 14341.66 "
	    "(issue #3)");
	mse_modelset_free(s);
	mse_table_free(t);
}

/* Option structs not from their _init are refused (mse.h: size). */
static void
sizes(void)
{
	struct mse_table *t = load("Western.csv");
	struct mse_select_options o;
	struct mse_fit_options fo;
	struct mse_model *m = NULL;
	struct mse_fit *f = NULL;
	struct mse_error err;

	mse_select_options_init(&o);
	o.method = MSE_SELECT_BIC;
	o.size = 0;
	is_int(t ? mse_select(t, &o, &m, &f, NULL, &err) : -1, MSE_EINVAL,
	    "select options of size 0 refused: %s", err.message);
	o.size = sizeof(o) + 1;
	is_int(t ? mse_select(t, &o, &m, &f, NULL, &err) : -1, MSE_EINVAL,
	    "select options larger than known refused");
	mse_fit_options_init(&fo);
	fo.size = 0;
	is_int(t && mse_model_parse(t, "main", &m, NULL) == MSE_OK ?
	    mse_fit_loglinear(t, m, &fo, &f, &err) : -1, MSE_EINVAL,
	    "fit options of size 0 refused");
	ok(f == NULL, "no fit on failure");
	mse_model_free(m);
	mse_table_free(t);
}

/* The search path of Cruyff's model_search on UKdat_5, as base R 4.2.2's
 * step() takes it (scripts/path-reference.R): BIC adds LA:NG, NG:GP,
 * PFNCA:GP, LA:PFNCA and GO:GP (BIC 197.494964756439, N 12262.4124205469),
 * AIC then NG:GO and LA:GP, penalty 1 NG:PFNCA; N at 1e-9. */
static void
path_case(void)
{
	static const char *const want[] = { "", "LA:NG", "NG:GP", "PFNCA:GP",
		"LA:PFNCA", "GO:GP", "NG:GO", "LA:GP", "NG:PFNCA" };
	static const int phase[] = { MSE_PATH_BIC, MSE_PATH_BIC, MSE_PATH_BIC,
		MSE_PATH_BIC, MSE_PATH_BIC, MSE_PATH_BIC, MSE_PATH_AIC,
		MSE_PATH_AIC, MSE_PATH_K1 };
	struct mse_table *t = load("UKdat_5.csv");
	struct mse_select_options o;
	struct mse_path *p = NULL;
	size_t i, n = sizeof(want) / sizeof(*want), same = 0;
	char buf[64];

	mse_select_options_init(&o);
	if (!ok(t != NULL && mse_select_path(t, &o, &p, NULL) == MSE_OK,
	    "UKdat_5: the search path runs")) {
		mse_table_free(t);
		return;
	}
	is_int((long)mse_path_steps(p), (long)n, "UKdat_5: 9 steps, as R");
	for (i = 0; i < n && i < mse_path_steps(p); i++) {
		uint32_t term = 0;
		int ch = mse_path_change(p, i, &term);

		buf[0] = '\0';
		if (ch != 0)
			mse_table_format_term(t, term, buf, sizeof(buf));
		same += strcmp(buf, want[i]) == 0 && (ch > 0) == (i > 0) &&
		    mse_path_phase(p, i) == phase[i];
	}
	is_int((long)same, (long)n, "UKdat_5: each step adds R's pair in "
	    "R's run");
	if (mse_path_steps(p) > 5) {
		is_rel(mse_fit_bic(mse_path_fit(p, 5)), 197.494964756439, 1e-9,
		    "UKdat_5: BIC's last step, BIC 197.494964756439 (R, 1e-9)");
		is_rel(mse_fit_estimate(mse_path_fit(p, 5)), 12262.4124205469,
		    1e-9, "UKdat_5: its N 12262.4124205469 (R, 1e-9)");
	}
	ok(mse_path_change(p, n, NULL) == 0 && mse_path_fit(p, n) == NULL,
	    "a step past the end: none");
	mse_path_free(p);
	mse_table_free(t);
}

int
main(void)
{
	gsl_set_error_handler_off();
	path_case();
	sizes();
	stepwise();
	bic();
	downhill_case("Kosovo.csv", 3, 10356.52, 203.0296, 31);
	downhill_case("Kosovo.csv", 2, 14341.66, 0, 0);
	downhill_case("UKdat_5.csv", 2, 12262.41, 197.4950, 52);
	downhill_case("UKdat_5.csv", 4, 12262.41, 197.4950, 0);
	downhill_case("UKdat.csv", 2, 12349.59, 0, 0);
	downhill_case("Western.csv", 4, 2483.38392, 0, 0);
	spaces();
	averaging();
	return tap_done();
}
