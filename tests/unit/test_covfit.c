/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_covfit.c - unit tests of covariate models and structural zeros. */
#include <config.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "mse.h"
#include "tap.h"

#define MAXV 8

static FILE *
open_src(const char *dir, const char *name)
{
	const char *top = getenv("top_srcdir");
	char path[4096];

	snprintf(path, sizeof(path), "%s/%s/%s", top ? top : ".", dir, name);
	return fopen(path, "rb");
}

static struct mse_strata *
load(const char *name, const char *const *vars, size_t nvars,
    const char *const *lists, size_t nlists)
{
	struct mse_strata_spec spec = { sizeof(spec), 0, vars, nvars,
	    lists, nlists, 0 };
	struct mse_strata *s = NULL;
	FILE *fp = open_src("data", name);

	if (fp == NULL)
		return NULL;
	if (mse_strata_read(fp, name, &spec, &s, NULL) != MSE_OK)
		s = NULL;
	fclose(fp);
	return s;
}

/* The fit options of the equivalence checks: IRLS run to 1e-12, so that
 * two parametrisations of one model meet to 1e-8. */
static struct mse_fit_options tight = { sizeof(struct mse_fit_options), 100,
    1e-12, 1e-11, NULL, NULL };

/* Covariate fit with no covariates = the plain log-linear fit. */
static void
no_covariates(const char *file, const char *formula)
{
	struct mse_strata *s = load(file, NULL, 0, NULL, 0);
	struct mse_model *m = NULL;
	struct mse_fit *sf = NULL;
	struct mse_fit *f = NULL;

	if (!ok(s != NULL && mse_fit_covariates(s, formula, NULL, NULL, &sf,
	    NULL) == MSE_OK && mse_model_parse(mse_strata_table(s, 0), formula,
	    &m, NULL) == MSE_OK && mse_fit_loglinear(mse_strata_table(s, 0), m,
	    NULL, &f, NULL) == MSE_OK, "%s %s: both fits run", file, formula))
		goto done;
	is_rel(mse_fit_stratum_estimate(sf, 1), mse_fit_estimate(f), 1e-10, "%s %s: "
	    "the same N as mse_fit_loglinear (1e-10)", file, formula);
	is_rel(mse_fit_stratum_se(sf, 1), mse_fit_se(f), 1e-10, "%s %s: the same SE",
	    file, formula);
	is_rel(mse_fit_stratum_estimate(sf, 0), mse_fit_estimate(f), 1e-10, "%s %s: "
	    "the one stratum is the total", file, formula);
	is_rel(mse_fit_deviance(sf), mse_fit_deviance(f), 1e-9, "%s %s: the "
	    "same deviance", file, formula);
	is_rel(mse_fit_aic(sf), mse_fit_aic(f), 1e-10, "%s %s: the same AIC",
	    file, formula);
	is_rel(mse_fit_bic(sf), mse_fit_bic(f), 1e-10, "%s %s: the same BIC",
	    file, formula);
	is_int(mse_fit_df(sf), mse_fit_df(f), "%s %s: the same df", file,
	    formula);
	is_int((long)mse_fit_boundary_terms(sf),
	    (long)mse_fit_boundary_terms(f), "%s %s: the same boundary terms",
	    file, formula);
done:
	mse_fit_free(sf);
	mse_fit_free(f);
	mse_model_free(m);
	mse_strata_free(s);
}

/* Every list effect crossed with every covariate: the strata are fitted
 * independently, so each is the stratum's own fit (glm.c on its table)
 * and var(total) is the sum of the variances. */
static void
crossed(void)
{
	static const char *const v3[] = { "Region", "Gender", "Age" };
	struct mse_strata *s = load("ScotPWID_region_gender_age.csv", v3, 3,
	    NULL, 0);
	struct mse_fit *sf = NULL;
	double var = 0;
	size_t i;

	if (!ok(s != NULL && mse_fit_covariates(s, "(S1 + S2 + S3 + S4) * "
	    "Region * Gender * Age", NULL, &tight, &sf, NULL) == MSE_OK,
	    "ScotPWID: lists x Region x Gender x Age fits"))
		goto done;
	for (i = 0; i < mse_strata_count(s); i++) {
		const struct mse_table *t = mse_strata_table(s, i);
		struct mse_model *m = NULL;
		struct mse_fit *f = NULL;

		if (mse_model_parse(t, "main", &m, NULL) == MSE_OK &&
		    mse_fit_loglinear(t, m, &tight, &f, NULL) == MSE_OK) {
			is_rel(mse_fit_stratum_estimate(sf, i), mse_fit_estimate(f),
			    1e-8, "crossed model, stratum %zu: N of its own "
			    "fit (1e-8)", i);
			/* The covariance is the last IRLS step's, as
			 * glm.fit's; the joint fit stops at another step. */
			is_rel(mse_fit_stratum_se(sf, i), mse_fit_se(f), 1e-6,
			    "crossed model, stratum %zu: SE of its own fit "
			    "(1e-6)", i);
			var += mse_fit_se(f) * mse_fit_se(f);
		} else
			ok(0, "stratum %zu fits on its own", i);
		mse_fit_free(f);
		mse_model_free(m);
	}
	is_rel(mse_fit_stratum_se(sf, i), sqrt(var), 1e-6, "crossed model: var(total) "
	    "is the sum of the strata's (1e-6)");
done:
	mse_fit_free(sf);
	mse_strata_free(s);
}

struct ref {
	char kind[16], file[64], args[128], stratum[128], model[128];
	char absent[128], status[16];
	double n, est, se, dev, aic;
	long df;
};

/* Split the reference line into its 13 fields. */
static int
parse_ref(char *line, struct ref *r)
{
	char *f[13], *p = line;
	size_t i;

	for (i = 0; i < 13; i++) {
		f[i] = p;
		p += strcspn(p, ",\n");
		if (*p == '\0' && i < 12)
			return -1;
		*p++ = '\0';
	}
	snprintf(r->kind, sizeof(r->kind), "%s", f[0]);
	snprintf(r->file, sizeof(r->file), "%s", f[1]);
	snprintf(r->args, sizeof(r->args), "%s", f[2]);
	snprintf(r->stratum, sizeof(r->stratum), "%s", f[3]);
	snprintf(r->model, sizeof(r->model), "%s", f[4]);
	snprintf(r->absent, sizeof(r->absent), "%s", f[5]);
	r->n = strtod(f[6], NULL);
	r->est = strtod(f[7], NULL);
	r->se = strtod(f[8], NULL);
	r->dev = strtod(f[9], NULL);
	r->df = strtol(f[10], NULL, 10);
	r->aic = strtod(f[11], NULL);
	snprintf(r->status, sizeof(r->status), "%s", f[12]);
	return 0;
}

/* "--covariates A;B --lists X;Y": split into vars and lists. */
static void
parse_args(char *args, char **vars, size_t *nv, char **lists, size_t *nl)
{
	char *save = NULL, *tok, **out = NULL, *s2;
	size_t *n = NULL;

	*nv = *nl = 0;
	for (tok = strtok_r(args, " ", &save); tok != NULL;
	    tok = strtok_r(NULL, " ", &save)) {
		if (strcmp(tok, "--covariates") == 0) {
			out = vars;
			n = nv;
		} else if (strcmp(tok, "--lists") == 0) {
			out = lists;
			n = nl;
		} else if (out != NULL)
			for (s2 = strtok(tok, ";"); s2 != NULL && *n < MAXV;
			    s2 = strtok(NULL, ";"))
				out[(*n)++] = s2;
	}
}

/* The stratum of a reference label "A=x;B=y", or the total. */
static size_t
find_stratum(const struct mse_strata *s, const char *label)
{
	const char *vals[MAXV];
	char buf[128], *p, *save = NULL;
	size_t i = 0;
	long idx;

	if (strcmp(label, "total") == 0 || strcmp(label, "all") == 0)
		return strcmp(label, "all") == 0 ? 0 : mse_strata_count(s);
	snprintf(buf, sizeof(buf), "%s", label);
	for (p = strtok_r(buf, ";", &save); p != NULL && i < MAXV;
	    p = strtok_r(NULL, ";", &save))
		vals[i++] = strchr(p, '=') + 1;
	idx = mse_strata_find(s, vals);
	return idx < 0 ? (size_t)-1 : (size_t)idx;
}

static void
check_ref(struct ref *r)
{
	char *vars[MAXV], *lists[MAXV], args[128], absent[128];
	struct mse_absent *a = NULL;
	struct mse_strata *s;
	struct mse_fit *f = NULL;
	struct mse_error err;
	size_t nv, nl, i;

	snprintf(args, sizeof(args), "%s", r->args);
	parse_args(args, vars, &nv, lists, &nl);
	s = load(r->file, (const char *const *)vars, nv,
	    nl ? (const char *const *)lists : NULL, nl);
	snprintf(absent, sizeof(absent), "%s", r->absent);
	for (i = 0; absent[i] != '\0'; i++)
		absent[i] = absent[i] == ';' ? ',' : absent[i];
	if (s != NULL)
		mse_strata_complete(s, NULL);
	if (!ok(s != NULL && (absent[0] == '\0' || mse_absent_parse(s, absent,
	    &a, &err) == MSE_OK) && mse_fit_covariates(s, r->model, a, NULL,
	    &f, &err) == MSE_OK, "%s %s -M '%s' --absent '%s' fits", r->file,
	    r->args, r->model, r->absent))
		goto done;
	i = find_stratum(s, r->stratum);
	is_rel(mse_fit_stratum_observed(f, i), r->n, 0, "%s '%s' %s: n", r->file,
	    r->model, r->stratum);
	is_rel(mse_fit_stratum_estimate(f, i), r->est, 1e-6, "%s '%s' --absent '%s' "
	    "%s: N (glm, 1e-6)", r->file, r->model, r->absent, r->stratum);
	is_rel(mse_fit_stratum_se(f, i), r->se, 1e-6, "%s '%s' --absent '%s' %s: SE "
	    "(glm, 1e-6)", r->file, r->model, r->absent, r->stratum);
	if (i != mse_strata_count(s) && strcmp(r->stratum, "all") != 0)
		goto done;
	is_rel(mse_fit_deviance(f), r->dev, 1e-6, "%s '%s' --absent '%s': "
	    "deviance (glm, 1e-6)", r->file, r->model, r->absent);
	is_rel(mse_fit_aic(f), r->aic, 1e-6, "%s '%s' --absent '%s': AIC "
	    "(glm, 1e-6)", r->file, r->model, r->absent);
	is_int(mse_fit_df(f), r->df, "%s '%s' --absent '%s': df (glm)",
	    r->file, r->model, r->absent);
done:
	mse_fit_free(f);
	mse_absent_free(a);
	mse_strata_free(s);
}

/* The cov and absent rows of tests/data/strata-reference.csv (the by rows
 * are mse-fit --by's and the select rows a search's, which
 * tests/cli/strata-reference.sh checks). */
static void
reference(void)
{
	FILE *fp = open_src("tests/data", "strata-reference.csv");
	char line[1024];
	struct ref r;
	int n = 0;

	if (!ok(fp != NULL, "strata-reference.csv opens"))
		return;
	while (fgets(line, sizeof(line), fp) != NULL) {
		if (line[0] == '#' || strncmp(line, "kind,", 5) == 0 ||
		    parse_ref(line, &r) != 0 || (strcmp(r.kind, "cov") != 0 &&
		    strcmp(r.kind, "absent") != 0))
			continue;
		check_ref(&r);
		n++;
	}
	fclose(fp);
	ok(n >= 30, "checked %d reference rows", n);
}

/* The structural zeros of one plain table, through mse_fit_loglinear_absent. */
static void
table_absent(void)
{
	static const uint32_t ab[] = { 3, 7, 11, 15, 19, 23, 27, 31 };
	struct mse_strata *s = load("Western.csv", NULL, 0, NULL, 0);
	const struct mse_table *t;
	struct mse_model *m = NULL;
	struct mse_fit *f = NULL, *g = NULL;
	struct mse_error err;

	if (!ok(s != NULL, "Western loads"))
		return;
	t = mse_strata_table(s, 0);
	mse_model_parse(t, "main", &m, NULL);
	ok(mse_fit_loglinear_absent(t, m, ab, 8, NULL, &f, &err) == MSE_OK,
	    "Western: the 8 cells with A and B absent");
	is_rel(mse_fit_estimate(f), 1776.1099705404, 1e-6, "Western, A:B "
	    "absent: N as base R glm with those cells left out (1e-6)");
	is_int(mse_fit_df(f), 17, "Western, A:B absent: df = 31 - 8 - 6");
	is_rel(mse_fit_fitted(f, 3), 0, 0, "Western, A:B absent: the absent "
	    "cells are fitted as 0");
	ok(mse_fit_loglinear_absent(t, m, NULL, 0, NULL, &g, NULL) == MSE_OK,
	    "Western, no absent cells: fits");
	is_rel(g != NULL ? mse_fit_estimate(g) : NAN, 2007.14175718587, 1e-6,
	    "Western, no absent cells: N as base R glm (1e-6)");
	mse_fit_free(f);
	is_int(mse_fit_loglinear_absent(t, m, (const uint32_t[]){ 1 }, 1, NULL,
	    &f, &err), MSE_EDOMAIN, "an absent cell with a count is refused "
	    "(%s)", err.message);
	mse_fit_free(f);
	mse_fit_free(g);
	mse_model_free(m);
	mse_strata_free(s);
}

static void
errors(void)
{
	static const char *const eth[] = { "eth" };
	const char *lists[] = { "A", "B", "C" }, *vars[] = { "g" };
	const char *x[] = { "x" }, *y[] = { "y" };
	struct mse_strata *s = load("spina_eth.csv", eth, 1, NULL, 0);
	struct mse_absent *a = NULL;
	struct mse_fit *f = NULL;
	struct mse_error e;

	ok(s != NULL && mse_fit_covariates(s, "S2:eth", NULL, NULL, &f, &e) ==
	    MSE_OK && mse_fit_boundary_terms(f) == 1 &&
	    strcmp(mse_fit_boundary_name(f, 0), "S2:eth=other") == 0,
	    "spina: S2 saw nobody of eth=other, so S2:eth=other is -inf");
	mse_fit_free(f);
	is_int(mse_fit_covariates(s, "S2:sex", NULL, NULL, &f, &e), MSE_EPARSE,
	    "an unknown covariate in the formula (%s)", e.message);
	mse_strata_free(s);
	s = mse_strata_new(3, lists, 1, vars, NULL);
	mse_strata_add(s, y, 0, 0, NULL, NULL);
	is_int(mse_fit_covariates(s, "main", NULL, NULL, &f, &e), MSE_EDOMAIN,
	    "no unit observed (%s)", e.message);
	mse_strata_add(s, x, 1, 10, NULL, NULL);
	mse_strata_add(s, x, 2, 10, NULL, NULL);
	mse_strata_add(s, x, 3, 5, NULL, NULL);
	mse_strata_add(s, x, 4, 10, NULL, NULL);
	mse_absent_parse(s, "A:g=y,B:g=y,C:g=y", &a, NULL);
	is_int(mse_fit_covariates(s, "main", a, NULL, &f, &e), MSE_ESINGULAR,
	    "a stratum with every cell absent (%s)", e.message);
	mse_absent_free(a);
	mse_strata_free(s);
}

static void
sums(void)
{
	double est[] = { 1, 2 }, se[] = { 3, 4 }, t, ts;

	ok(mse_estimate_sum(2, est, se, &t, &ts, NULL) == MSE_OK && t == 3 &&
	    ts == 5, "sum of estimates: 1 + 2 = 3, SE sqrt(9 + 16) = 5");
	se[1] = NAN;
	is_int(mse_estimate_sum(2, est, se, &t, &ts, NULL), MSE_EDOMAIN,
	    "sum of estimates: a missing SE is refused");
}

int
main(void)
{
	gsl_set_error_handler_off();
	no_covariates("Western.csv", "main");
	no_covariates("Western.csv", "A:E");
	no_covariates("Kosovo.csv", "EXH:ABA + OSCE:HRW");
	no_covariates("UKdat.csv", "main");
	no_covariates("Artificial_3.csv", "A:C + B:C");
	crossed();
	reference();
	table_absent();
	errors();
	sums();
	return tap_done();
}
