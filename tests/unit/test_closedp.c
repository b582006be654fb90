/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_closedp.c - unit tests of Rcapture's closed-population designs. */
#include <config.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "mse.h"
#include "tap.h"

static FILE *
open_data(const char *dir, const char *name)
{
	const char *top = getenv("top_srcdir");
	char path[4096];

	snprintf(path, sizeof(path), "%s/%s/%s", top ? top : ".", dir, name);
	return fopen(path, "rb");
}

/* A capture-history table or frequency file of data/. */
static int
load(const char *name, struct mse_table **t, struct mse_freq **fr)
{
	FILE *fp = open_data("data", name);
	int rc;

	*t = NULL;
	*fr = NULL;
	if (fp == NULL)
		return -1;
	rc = mse_data_read(fp, name, 0, t, fr, NULL);
	fclose(fp);
	return rc;
}

static struct mse_table *
table(const char *name)
{
	struct mse_table *t;
	struct mse_freq *fr;

	load(name, &t, &fr);
	mse_freq_free(fr);
	return t;
}

/*
 * Rcapture 1.4-4, closedp.t(hare): the issue's table, given to 7 or more
 * significant digits; checked to 1e-6 relative (df exactly).
 */
static void
hare_issue_table(void)
{
	static const struct {
		int model;
		double n, se, dev;
		long df;
		double aic, bic;
	} ref[] = {
		{ MSE_M0, 75.43362, 3.455000, 68.51621, 61, 154.7066,
		    159.1456 },
		{ MSE_MT, 75.06620, 3.352331, 58.31416, 56, 154.5046,
		    170.0411 },
		{ MSE_MH_CHAO, 79.83712, 6.373765, 58.02332, 58, 150.2137,
		    161.3113 },
		{ MSE_MH_POISSON, 81.52705, 5.711473, 59.10716, 60, 147.2976,
		    153.9561 },
		{ MSE_MH_DARROCH, 90.40238, 11.625242, 61.60043, 60, 149.7908,
		    156.4494 },
		{ MSE_MH_GAMMA, 100.57274, 21.740997, 62.77056, 60, 150.9610,
		    157.6195 },
		{ MSE_MTH_CHAO, 79.57146, 6.253714, 47.11503, 52, 151.3054,
		    175.7200 },
		{ MSE_MTH_POISSON, 81.07928, 5.573551, 48.13651, 55, 146.3269,
		    164.0830 },
		{ MSE_MTH_DARROCH, 90.46410, 11.657852, 50.70576, 55,
		    148.8962, 166.6522 },
		{ MSE_MTH_GAMMA, 101.55387, 22.404604, 51.95634, 55, 150.1468,
		    167.9028 },
		{ MSE_MB, 81.14606, 8.261486, 67.02677, 60, 155.2172,
		    161.8757 },
		{ MSE_MBH, 74.18293, 14.594360, 63.25682, 59, 153.4472,
		    162.3253 },
	};
	struct mse_table *t = table("hare.csv");
	size_t i;

	for (i = 0; i < sizeof(ref) / sizeof(ref[0]); i++) {
		const char *m = mse_closedp_label(ref[i].model);
		struct mse_fit *f = NULL;
		struct mse_error err;

		if (!ok(t != NULL && mse_fit_closedp(t, ref[i].model, NULL,
		    &f, &err) == MSE_OK, "hare %s fits", m))
			continue;
		is_rel(mse_fit_estimate(f), ref[i].n, 1e-6, "hare %s: N "
		    "(Rcapture 1.4-4, 1e-6)", m);
		is_rel(mse_fit_se(f), ref[i].se, 1e-6, "hare %s: SE", m);
		is_rel(mse_fit_deviance(f), ref[i].dev, 1e-6, "hare %s: "
		    "deviance", m);
		is_int(mse_fit_df(f), ref[i].df, "hare %s: df", m);
		is_rel(mse_fit_aic(f), ref[i].aic, 1e-6, "hare %s: AIC", m);
		is_rel(mse_fit_bic(f), ref[i].bic, 1e-6, "hare %s: BIC", m);
		mse_fit_free(f);
	}
	mse_table_free(t);
}

static int
model_code(const char *r)
{
	static const char *const names[] = { "M0", "Mt", "MhC", "MhP", "MhD",
	    "MhG", "MthC", "MthP", "MthD", "MthG", "Mb", "Mbh" };
	int i;

	for (i = 0; i < MSE_CLOSEDP_MODELS; i++)
		if (strcmp(r, names[i]) == 0)
			return i;
	return -1;
}

/* A fit of one row of the reference files: a table, or frequencies with
 * t (or "inf") and t0. */
static int
fit_row(const char *data, const char *t, const char *t0, int model,
    struct mse_fit **f, struct mse_error *err)
{
	struct mse_table *tab;
	struct mse_freq *fr;
	int rc;

	*f = NULL;
	if (load(data, &tab, &fr) != MSE_OK)
		return -1;
	if (tab != NULL)
		rc = mse_fit_closedp(tab, model, NULL, f, err);
	else
		rc = mse_fit_closedp_freq(fr, model, strcmp(t, "inf") == 0 ?
		    INFINITY : strtod(t, NULL), (size_t)strtoul(t0, NULL, 10),
		    NULL, f, err);
	mse_table_free(tab);
	mse_freq_free(fr);
	return rc;
}

/* Split a CSV line of plain fields in place; return the count. */
static size_t
split(char *line, char **field, size_t max)
{
	size_t n = 0;
	char *save = NULL, *tok;

	line[strcspn(line, "\r\n")] = '\0';
	for (tok = strtok_r(line, ",", &save); tok != NULL && n < max;
	    tok = strtok_r(NULL, ",", &save))
		field[n++] = tok;
	return n;
}

/* One row of closedp-reference.csv, the base-R rebuild of closedp.t and
 * closedp.0: every statistic to 1e-6 relative, df exactly, and the
 * warnings Rcapture gives (bias, zero rates, Chao's deletions).  Where R's
 * fit is not an MLE (it does not converge, or its N runs to n when refitted
 * to a tighter tolerance, or a behavioural model gives N < n), ours must
 * fail and say why. */
static void
check_reference_row(char **x)
{
	struct mse_fit *f = NULL;
	struct mse_error err;
	int model = model_code(x[3]), rc;
	double N = strtod(x[5], NULL), bias = strtod(x[11], NULL);
	const char *note;

	mse_error_clear(&err);
	rc = fit_row(x[0], x[1], x[2], model, &f, &err);
	if (strcmp(x[12], "0") == 0) {
		/* R stopped after 25 iterations: we print no number. */
		ok(rc == MSE_ENOCONV || rc == MSE_ENOMLE, "%s t0=%s %s: R's "
		    "fit did not converge; ours fails: %s", x[0], x[2], x[3],
		    rc ? err.message : "(it fitted)");
		mse_fit_free(f);
		return;
	}
	if (N < strtod(x[4], NULL)) {
		/* Mb, Mbh: R prints an N below n (p < 0); no MLE here. */
		ok(rc == MSE_ENOMLE && strstr(err.message, "boundary") != NULL,
		    "%s %s: R's N %g is below n; ours: %s", x[0], x[3], N,
		    rc ? err.message : "(it fitted)");
		mse_fit_free(f);
		return;
	}
	if (strtod(x[15], NULL) - strtod(x[4], NULL) < 1e-3) {
		/* Refitted to a tolerance of 1e-15, R's N runs to n: the
		 * MLE does not exist, though R stops with a number. */
		ok(rc == MSE_ENOMLE && strstr(err.message, "falls to n") !=
		    NULL, "%s %s: R's N %g runs to n when refitted tightly; "
		    "ours: %s", x[0], x[3], N, rc ? err.message :
		    "(it fitted)");
		mse_fit_free(f);
		return;
	}
	if (!ok(rc == MSE_OK, "%s t0=%s %s fits", x[0], x[2], x[3])) {
		printf("# %s\n", err.message);
		return;
	}
	is_rel(mse_fit_estimate(f), N, 1e-6, "%s t0=%s %s: N (R glm "
	    "rebuild, 1e-6)", x[0], x[2], x[3]);
	is_rel(mse_fit_se(f), strtod(x[6], NULL), 1e-6, "  SE");
	is_rel(mse_fit_deviance(f), strtod(x[7], NULL), 1e-6, "  deviance");
	is_int(mse_fit_df(f), strtol(x[8], NULL, 10), "  df");
	is_rel(mse_fit_aic(f), strtod(x[9], NULL), 1e-6, "  AIC");
	is_rel(mse_fit_bic(f), strtod(x[10], NULL), 1e-6, "  BIC");
	note = mse_fit_note(f);
	ok((strstr(note, "bias is large") != NULL) == (fabs(bias) > 0.1 * N),
	    "  large-bias warning iff |bias| %g > 0.1 N: '%s'", bias, note);
	ok((strstr(note, "numerically 0") != NULL) == (x[13][0] == '1'),
	    "  zero-fitted warning iff R warns: '%s'", note);
	if (strcmp(x[14], "-") == 0)
		ok(strstr(note, "Chao's rule") == NULL, "  no eta deleted");
	else {
		char first[32];

		snprintf(first, sizeof(first), "negative %.*s",
		    (int)strcspn(x[14], " "), x[14]);
		ok(strstr(note, first) != NULL, "  Chao's rule deleted %s "
		    "first: '%s'", x[14], note);
	}
	mse_fit_free(f);
}

static void
reference_file(void)
{
	FILE *fp = open_data("tests/data", "closedp-reference.csv");
	char line[4096], *x[16];
	int rows = 0;

	if (!ok(fp != NULL, "closedp-reference.csv opens"))
		return;
	while (fgets(line, sizeof(line), fp) != NULL) {
		if (line[0] == '#' || strncmp(line, "data,", 5) == 0)
			continue;
		if (split(line, x, 16) != 16)
			continue;
		check_reference_row(x);
		rows++;
	}
	fclose(fp);
	ok(rows >= 200, "%d reference fits checked", rows);
}

/*
 * Rcapture 1.4-4, closedp.0(BBS2001, dtype = "nbcap", t = 50, t0 = 50 and
 * 20), from Rcapture's closedp.0(BBS2001, t = 50): 6
 * significant digits, so 5e-6 relative.
 */
static void
bbs2001(void)
{
	static const struct {
		size_t t0;
		int model;
		double n, se, dev;
		long df;
		double aic, bic;
	} ref[] = {
		{ 50, MSE_M0, 71.0079, 0.0889356, 451.563, 48, 519.517,
		    524.042 },
		{ 50, MSE_MH_CHAO, 87.2119, 10.9289, 25.0949, 41, 107.048,
		    127.412 },
		{ 50, MSE_MH_DARROCH, 71.6024, 0.794511, 92.1401, 47,
		    162.093, 168.881 },
		{ 50, MSE_MH_GAMMA, 144.800, 24.6028, 57.5306, 47, 127.484,
		    134.272 },
		{ 20, MSE_M0, 71.0593, 0.244462, 214.075, 18, 270.028,
		    274.554 },
		{ 20, MSE_MH_CHAO, 87.2035, 10.9234, 12.4030, 14, 76.3563,
		    89.9323 },
		{ 20, MSE_MH_POISSON, 71.1025, 0.322235, 170.128, 17, 228.081,
		    234.869 },
		{ 20, MSE_MH_DARROCH, 73.9901, 1.96980, 34.7334, 17, 92.6867,
		    99.4747 },
		{ 20, MSE_MH_GAMMA, 111.058, 15.9915, 18.8061, 17, 76.7593,
		    83.5473 },
	};
	struct mse_table *t;
	struct mse_freq *fr;
	struct mse_fit *f;
	struct mse_error err;
	size_t i;

	if (!ok(load("nbcap/BBS2001.csv", &t, &fr) == MSE_OK && fr != NULL,
	    "BBS2001 reads as frequency data"))
		return;
	is_int((long)mse_freq_max(fr), 36, "BBS2001: at most 36 captures");
	is_rel(mse_freq_observed(fr), 71, 0, "BBS2001: 71 species");
	for (i = 0; i < sizeof(ref) / sizeof(ref[0]); i++) {
		const char *m = mse_closedp_label(ref[i].model);

		if (!ok(mse_fit_closedp_freq(fr, ref[i].model, 50, ref[i].t0,
		    NULL, &f, &err) == MSE_OK, "BBS2001 t0=%zu %s fits",
		    ref[i].t0, m))
			continue;
		is_rel(mse_fit_estimate(f), ref[i].n, 5e-6, "BBS2001 t0=%zu "
		    "%s: N (Rcapture 1.4-4, 6 digits)", ref[i].t0, m);
		is_rel(mse_fit_se(f), ref[i].se, 5e-6, "  SE");
		is_rel(mse_fit_deviance(f), ref[i].dev, 5e-6, "  deviance");
		is_int(mse_fit_df(f), ref[i].df, "  df");
		is_rel(mse_fit_aic(f), ref[i].aic, 5e-6, "  AIC");
		is_rel(mse_fit_bic(f), ref[i].bic, 5e-6, "  BIC");
		mse_fit_free(f);
	}
	/* Rcapture: infoFit 13, did not converge with zero rates; the MLE
	 * exists (the linear program finds no direction to the boundary). */
	ok(mse_fit_closedp_freq(fr, MSE_MH_POISSON, 50, 0, NULL, &f,
	    &err) == MSE_ENOCONV && strstr(err.message, "did not converge") !=
	    NULL, "BBS2001 t0=50 Mh Poisson2: as R, no convergence: %s",
	    err.message);
	mse_freq_free(fr);
}

/*
 * Rcapture's own example output (tests/Examples/Rcapture-Ex.Rout.save of
 * the package sources, printed to 1 decimal for N and SE and 3 for the
 * deviance and AIC): catb (our cbird) with t = 11 and t0 = 11, 5; ill
 * with t = Inf.
 */
static void
printed_examples(void)
{
	static const struct {
		const char *file;
		double t;
		size_t t0;
		int model;
		double n, se, dev;
		long df;
		double aic;
	} ref[] = {
		{ "nbcap/cbird.csv", 11, 0, MSE_M0, 20.3, 1.4, 8.047, 9,
		    27.678 },
		{ "nbcap/cbird.csv", 11, 0, MSE_MH_CHAO, 22.6, 3.8, 4.939, 7,
		    28.570 },
		{ "nbcap/cbird.csv", 11, 0, MSE_MH_GAMMA, 24.7, 6.4, 5.912, 8,
		    27.544 },
		{ "nbcap/cbird.csv", 11, 5, MSE_M0, 21.3, 2.0, 2.132, 3,
		    19.150 },
		{ "nbcap/cbird.csv", 11, 5, MSE_MH_POISSON, 20.7, 1.9, 1.892,
		    2, 20.909 },
		{ "nbcap/ill.csv", INFINITY, 0, MSE_M0, 7079.9, 365.8, 61.811,
		    4, 95.971 },
		{ "nbcap/ill.csv", INFINITY, 0, MSE_MH_CHAO, 9273.5, 662.6,
		    1.534, 1, 41.695 },
		{ "nbcap/ill.csv", INFINITY, 0, MSE_MH_DARROCH, 15562.1,
		    1808.5, 7.277, 3, 43.438 },
	};
	size_t i;

	for (i = 0; i < sizeof(ref) / sizeof(ref[0]); i++) {
		const char *m = mse_closedp_label(ref[i].model);
		struct mse_table *t;
		struct mse_freq *fr;
		struct mse_fit *f = NULL;
		struct mse_error err;

		load(ref[i].file, &t, &fr);
		if (!ok(fr != NULL && mse_fit_closedp_freq(fr, ref[i].model,
		    ref[i].t, ref[i].t0, NULL, &f, &err) == MSE_OK,
		    "%s t0=%zu %s fits", ref[i].file, ref[i].t0, m)) {
			mse_freq_free(fr);
			continue;
		}
		ok(fabs(mse_fit_estimate(f) - ref[i].n) <= 0.05, "%s %s: N "
		    "%.4f rounds to %.1f (Rcapture example)", ref[i].file, m,
		    mse_fit_estimate(f), ref[i].n);
		ok(fabs(mse_fit_se(f) - ref[i].se) <= 0.05, "  SE %.4f",
		    mse_fit_se(f));
		ok(fabs(mse_fit_deviance(f) - ref[i].dev) <= 5e-4,
		    "  deviance %.5f", mse_fit_deviance(f));
		is_int(mse_fit_df(f), ref[i].df, "  df");
		ok(fabs(mse_fit_aic(f) - ref[i].aic) <= 5e-4, "  AIC %.5f",
		    mse_fit_aic(f));
		mse_fit_free(f);
		mse_freq_free(fr);
	}
}

/* Seber (1982, p. 107) in Rcapture's closedp example: two occasions, so
 * only M0, Mt and Mb; printed to 1 decimal. */
static void
two_occasions(void)
{
	static const struct {
		int model;
		double n, se, dev, aic;
		long df;
	} ref[] = {
		{ MSE_M0, 2805.6, 164.1, 281.334, 308.166, 1 },
		{ MSE_MT, 2389.9, 130.4, 0, 28.831, 0 },
		{ MSE_MB, 1295.0, 17.3, 0, 28.831, 0 },
	};
	struct mse_table *t = mse_table_new(2, NULL, NULL);
	struct mse_fit *f;
	struct mse_error err;
	size_t i;

	mse_table_set(t, 3, 167, NULL);
	mse_table_set(t, 1, 781, NULL);
	mse_table_set(t, 2, 254, NULL);
	for (i = 0; i < sizeof(ref) / sizeof(ref[0]); i++) {
		const char *m = mse_closedp_label(ref[i].model);

		if (!ok(mse_fit_closedp(t, ref[i].model, NULL, &f, &err) ==
		    MSE_OK, "Seber two occasions %s fits", m))
			continue;
		ok(fabs(mse_fit_estimate(f) - ref[i].n) <= 0.05 &&
		    fabs(mse_fit_se(f) - ref[i].se) <= 0.05, "Seber %s: N "
		    "%.3f, SE %.3f (Rcapture example)", m,
		    mse_fit_estimate(f), mse_fit_se(f));
		ok(fabs(mse_fit_deviance(f) - ref[i].dev) <= 5e-4 &&
		    fabs(mse_fit_aic(f) - ref[i].aic) <= 5e-4 &&
		    mse_fit_df(f) == ref[i].df, "Seber %s: deviance %.4f, "
		    "AIC %.4f, df %ld", m, mse_fit_deviance(f),
		    mse_fit_aic(f), mse_fit_df(f));
		mse_fit_free(f);
	}
	ok(mse_fit_closedp(t, MSE_MH_CHAO, NULL, &f, &err) == MSE_EINVAL &&
	    f == NULL, "Mh needs three occasions: %s", err.message);
	ok(!mse_closedp_applies(MSE_MBH, 2, 0) &&
	    mse_closedp_applies(MSE_MB, 2, 0), "Mbh needs 3, Mb 2");
	mse_table_free(t);
}

/* Designs that must agree with other fits: Mt is the independence
 * log-linear model, and M0 and Mh depend on a history only through its
 * number of captures, so the frequency design finds the same N
 * (Rcapture's closedp.t and closedp.0). */
static void
design_identities(void)
{
	const char *files[] = { "hare.csv", "lesbian.csv", "HIV.csv",
	    "Western.csv" };
	static const int fmodels[] = { MSE_M0, MSE_MH_CHAO, MSE_MH_POISSON,
	    MSE_MH_DARROCH, MSE_MH_GAMMA };
	size_t i, j;

	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		struct mse_table *t = table(files[i]);
		struct mse_model *m = NULL;
		struct mse_fit *a = NULL, *b = NULL;
		struct mse_freq *fr = NULL;

		mse_model_parse(t, "main", &m, NULL);
		ok(mse_fit_closedp(t, MSE_MT, NULL, &a, NULL) == MSE_OK &&
		    mse_fit_loglinear(t, m, NULL, &b, NULL) == MSE_OK,
		    "%s: Mt and the independence model fit", files[i]);
		if (a != NULL && b != NULL) {
			is_rel(mse_fit_estimate(a), mse_fit_estimate(b), 1e-10,
			    "%s: Mt N = independence N", files[i]);
			is_rel(mse_fit_se(a), mse_fit_se(b), 1e-8, "  SE");
			is_rel(mse_fit_deviance(a), mse_fit_deviance(b), 1e-8,
			    "  deviance");
		}
		mse_fit_free(a);
		mse_fit_free(b);
		mse_model_free(m);
		mse_freq_from_table(t, &fr, NULL);
		for (j = 0; j < sizeof(fmodels) / sizeof(fmodels[0]); j++) {
			a = b = NULL;
			mse_fit_closedp(t, fmodels[j], NULL, &a, NULL);
			mse_fit_closedp_freq(fr, fmodels[j],
			    (double)mse_table_lists(t), 0, NULL, &b, NULL);
			/* The same MLE, up to where IRLS stops (a
			 * relative change of the deviance below 1e-8). */
			ok(a != NULL && b != NULL && fabs(mse_fit_estimate(a) -
			    mse_fit_estimate(b)) <= 1e-5 * mse_fit_se(a),
			    "%s %s: the history and frequency designs give "
			    "the same N, to 1e-5 SE", files[i],
			    mse_closedp_label(fmodels[j]));
			mse_fit_free(a);
			mse_fit_free(b);
		}
		mse_freq_free(fr);
		mse_table_free(t);
	}
}

/*
 * Existence, decided by the linear program (exist.c) and not by where IRLS
 * stops: three lists and no unit seen twice give no MLE for the models in
 * which N rests on recaptures (N grows without bound), but Mb, a removal
 * model, estimates N from the first captures 5, 3, 2 alone; on BBS2001
 * (t0 = 50) Mh Chao keeps eta50, which can only send the empty cell 50 to
 * 0 and leaves N as it is (the extended MLE, R's 87.2119 to 1e-15).
 */
static void
existence(void)
{
	struct mse_table *t = mse_table_new(3, NULL, NULL);
	struct mse_freq *fr = NULL;
	struct mse_fit *f = NULL;
	struct mse_error err;
	struct mse_table *tt;

	mse_table_set(t, 1, 5, NULL);
	mse_table_set(t, 2, 3, NULL);
	mse_table_set(t, 4, 2, NULL);
	ok(mse_fit_closedp(t, MSE_M0, NULL, &f, &err) == MSE_ENOMLE &&
	    strstr(err.message, "grows without bound") != NULL, "no unit seen "
	    "twice, M0: %s", err.message);
	ok(mse_fit_closedp(t, MSE_MT, NULL, &f, &err) == MSE_ENOMLE, "no "
	    "unit seen twice, Mt: no MLE");
	mse_fit_closedp(t, MSE_MB, NULL, &f, &err);
	if (ok(f != NULL && strstr(mse_fit_note(f), "boundary") != NULL,
	    "no unit seen twice, Mb fits on the boundary"))
		is_rel(mse_fit_estimate(f), 13.280223688155, 1e-6, "  Mb: N "
		    "(base R glm, R 4.2.2: 13.2802236881553)");
	mse_fit_free(f);
	mse_table_free(t);
	load("nbcap/BBS2001.csv", &tt, &fr);
	f = NULL;
	if (fr != NULL)
		mse_fit_closedp_freq(fr, MSE_MH_CHAO, 50, 0, NULL, &f, &err);
	ok(f != NULL && strstr(mse_fit_note(f), "extended MLE") != NULL,
	    "BBS2001 t0=50 Mh Chao: on the boundary, N kept: %s",
	    f != NULL ? mse_fit_note(f) : err.message);
	mse_fit_free(f);
	mse_freq_free(fr);
}

static void
errors_and_names(void)
{
	struct mse_freq *fr = mse_freq_new(NULL);
	struct mse_fit *f = NULL;
	struct mse_error err;
	int m;

	for (m = 0; m < MSE_CLOSEDP_MODELS; m++)
		is_int(mse_closedp_lookup(mse_closedp_name(m)), m, "lookup %s",
		    mse_closedp_name(m));
	is_int(mse_closedp_lookup("mth-GAMMA"), MSE_MTH_GAMMA, "lookup "
	    "ignores case");
	is_int(mse_closedp_lookup("Mx"), -1, "unknown name");
	ok(mse_closedp_name(MSE_CLOSEDP_MODELS) == NULL, "no name past the "
	    "end");
	mse_freq_set(fr, 1, 10, NULL);
	mse_freq_set(fr, 2, 4, NULL);
	mse_freq_set(fr, 5, 1, NULL);
	ok(mse_fit_closedp_freq(fr, MSE_MT, 6, 0, NULL, &f, &err) ==
	    MSE_EINVAL && f == NULL, "Mt on frequencies: %s", err.message);
	ok(mse_fit_closedp_freq(fr, MSE_M0, 4, 0, NULL, &f, &err) ==
	    MSE_EDOMAIN, "fewer occasions than captures: %s", err.message);
	ok(mse_fit_closedp_freq(fr, MSE_M0, 2.5, 0, NULL, &f, &err) ==
	    MSE_EINVAL, "fractional occasions: %s", err.message);
	ok(mse_fit_closedp_freq(fr, MSE_MH_CHAO, 6, 2, NULL, &f, &err) ==
	    MSE_EINVAL, "Mh with t0 = 2: %s", err.message);
	ok(mse_fit_closedp_freq(fr, MSE_M0, 6, 7, NULL, &f, &err) ==
	    MSE_EINVAL, "t0 above t: %s", err.message);
	ok(mse_fit_closedp_freq(fr, MSE_M0, 6, 2, NULL, &f, &err) ==
	    MSE_OK && mse_fit_df(f) == 0, "M0 with t0 = 2 is saturated");
	mse_fit_free(f);
	ok(mse_freq_set(fr, 0, 1, &err) == MSE_EINVAL, "nbcap 0: %s",
	    err.message);
	ok(mse_freq_set(fr, 3, 1.5, &err) == MSE_EINVAL, "fractional count: "
	    "%s", err.message);
	mse_freq_set(fr, 5, 0, NULL);
	is_int((long)mse_freq_max(fr), 2, "max drops when f_5 is set to 0");
	mse_freq_free(fr);
	fr = mse_freq_new(NULL);
	ok(mse_fit_closedp_freq(fr, MSE_M0, 5, 0, NULL, &f, &err) ==
	    MSE_EDOMAIN, "no units: %s", err.message);
	mse_freq_free(fr);
}

int
main(void)
{
	gsl_set_error_handler_off();
	hare_issue_table();
	reference_file();
	bbs2001();
	printed_examples();
	two_occasions();
	design_identities();
	existence();
	errors_and_names();
	return tap_done();
}
