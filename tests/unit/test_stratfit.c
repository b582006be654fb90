/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_stratfit.c - unit tests of each stratum on its own (stratfit.c):
 * the by rows of tests/data/strata-reference.csv (base R glm), lists
 * dropped where they recorded nobody, the total and its variance. */
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

/* One by row: kind,file,args,stratum,model,absent,observed,estimate,se,
 * deviance,df,aic,status. */
struct ref {
	char *f[13];
	char buf[1024];
};

static int
split_ref(const char *line, struct ref *r)
{
	size_t n = 0;
	char *p;

	snprintf(r->buf, sizeof(r->buf), "%s", line);
	r->buf[strcspn(r->buf, "\r\n")] = '\0';
	for (p = r->buf; n < 13; p++) {
		r->f[n++] = p;
		p += strcspn(p, ",");
		if (*p == '\0')
			break;
		*p = '\0';
	}
	return n == 13 ? 0 : -1;
}

/* "--by a;b --lists x;y": the stratum variables and lists, split in buf. */
static void
parse_args(char *buf, char **vars, size_t *nv, char **lists, size_t *nl)
{
	char *tok, *save = NULL, *s2, *save2 = NULL, **out = vars;
	size_t *n = nv;

	*nv = *nl = 0;
	for (tok = strtok_r(buf, " ", &save); tok != NULL;
	    tok = strtok_r(NULL, " ", &save)) {
		if (strcmp(tok, "--by") == 0 || strcmp(tok, "--lists") == 0) {
			out = tok[2] == 'b' ? vars : lists;
			n = tok[2] == 'b' ? nv : nl;
			continue;
		}
		for (s2 = strtok_r(tok, ";", &save2); s2 != NULL && *n < MAXV;
		    s2 = strtok_r(NULL, ";", &save2))
			out[(*n)++] = s2;
	}
}

static struct mse_strata *
load(const char *name, char **vars, size_t nv, char **lists, size_t nl)
{
	struct mse_strata_spec spec = { sizeof(spec), 0,
	    (const char *const *)vars, nv,
	    nl ? (const char *const *)lists : NULL, nl, 0 };
	struct mse_strata *s = NULL;
	FILE *fp = open_src("data", name);

	if (fp == NULL)
		return NULL;
	if (mse_strata_read(fp, name, &spec, &s, NULL) != MSE_OK)
		s = NULL;
	fclose(fp);
	return s;
}

/* The index of "a=x;b=y" in s, or mse_strata_count(s) for "total". */
static size_t
find_stratum(const struct mse_strata *s, const char *label)
{
	const char *vals[MAXV];
	char buf[256], *p, *save = NULL;
	size_t i = 0;
	long idx;

	if (strcmp(label, "total") == 0)
		return mse_strata_count(s);
	snprintf(buf, sizeof(buf), "%s", label);
	for (p = strtok_r(buf, ";", &save); p != NULL && i < MAXV;
	    p = strtok_r(NULL, ";", &save))
		vals[i++] = strchr(p, '=') + 1;
	idx = mse_strata_find(s, vals);
	return idx < 0 ? (size_t)-1 : (size_t)idx;
}

/* One by row: mse_by_fit of the row's model, the row's stratum. */
static void
check_ref(struct ref *r)
{
	char *vars[MAXV], *lists[MAXV], args[128];
	const char *what = r->f[4], *where = r->f[3], *status = r->f[12];
	struct mse_by_options o;
	struct mse_strata *s;
	struct mse_by *b = NULL;
	size_t nv, nl, i;
	int rc;

	snprintf(args, sizeof(args), "%s", r->f[2]);
	parse_args(args, vars, &nv, lists, &nl);
	s = load(r->f[1], vars, nv, lists, nl);
	mse_by_options_init(&o);
	o.model = what;
	if (!ok(s != NULL && mse_by_fit(s, &o, &b, NULL) == MSE_OK, "%s %s "
	    "-M '%s': mse_by_fit runs", r->f[1], r->f[2], what))
		goto done;
	i = find_stratum(s, where);
	if (!ok(i <= mse_by_count(b), "%s: stratum %s found", r->f[1], where))
		goto done;
	rc = mse_by_status(b, i, NULL);
	if (strcmp(status, "nomle") == 0 && rc != MSE_OK) {
		/* R's fit has a fitted value below 1e-6: no MLE... */
		is_int(rc, MSE_ENOMLE, "%s '%s' %s: no MLE, as R", r->f[1],
		    what, where);
		goto done;
	}
	if (strcmp(status, "nomle") == 0)
		/* ... or the extended MLE, with the empty margins' terms
		 * at -inf, whose N is R's limit (checked below). */
		ok(mse_by_fit_of(b, i) != NULL &&
		    mse_fit_boundary_terms(mse_by_fit_of(b, i)) > 0, "%s '%s' "
		    "%s: R has no MLE; this is the extended MLE, with boundary "
		    "terms", r->f[1], what, where);
	else if (!ok(rc == MSE_OK, "%s '%s' %s: an estimate", r->f[1], what,
	    where))
		goto done;
	is_rel(mse_by_observed(b, i), strtod(r->f[6], NULL), 0, "%s '%s' "
	    "%s: n (R, exact)", r->f[1], what, where);
	is_rel(mse_by_estimate(b, i), strtod(r->f[7], NULL), 1e-6, "%s '%s' "
	    "%s: N (base R glm, 1e-6)", r->f[1], what, where);
	/* R's SE at a limit is that of wherever glm stopped: not compared
	 * (nor by tests/cli/strata-reference.sh). */
	if (strcmp(status, "nomle") != 0)
		is_rel(mse_by_se(b, i), strtod(r->f[8], NULL), 1e-6, "%s '%s' "
		    "%s: SE (base R glm, 1e-6)", r->f[1], what, where);
done:
	mse_by_free(b);
	mse_strata_free(s);
}

/* The by rows of tests/data/strata-reference.csv (scripts/
 * strata-reference.R: each stratum's own glm on the lists that recorded
 * someone in it; the total the sum, var = sum of var). */
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
		if (strncmp(line, "by,", 3) != 0 || split_ref(line, &r) != 0)
			continue;
		check_ref(&r);
		n++;
	}
	fclose(fp);
	ok(n >= 35, "checked %d by rows", n);
}

/* Strata built by hand: lists A, B, C and a variable g. */
static struct mse_strata *
hand_strata(void)
{
	static const char *const lists[] = { "A", "B", "C" };
	static const char *const vars[] = { "g" };
	static const char *const x[] = { "x" }, *const y[] = { "y" };
	struct mse_strata *s = mse_strata_new(3, lists, 1, vars, NULL);
	int rc = s != NULL ? MSE_OK : MSE_ENOMEM;

	/* x: A 30, B 20, AB 10; y: A 8, B 6, AB 4; C recorded nobody in
	 * either (so it is dropped from both). */
	if (rc == MSE_OK)
		rc = mse_strata_add(s, x, 1, 30, NULL, NULL);
	if (rc == MSE_OK)
		rc = mse_strata_add(s, x, 2, 20, NULL, NULL);
	if (rc == MSE_OK)
		rc = mse_strata_add(s, x, 3, 10, NULL, NULL);
	if (rc == MSE_OK)
		rc = mse_strata_add(s, y, 1, 8, NULL, NULL);
	if (rc == MSE_OK)
		rc = mse_strata_add(s, y, 2, 6, NULL, NULL);
	if (rc == MSE_OK)
		rc = mse_strata_add(s, y, 3, 4, NULL, NULL);
	if (rc != MSE_OK) {
		mse_strata_free(s);
		return NULL;
	}
	return s;
}

/*
 * With C dropped each stratum is two lists, where the independence model
 * is Petersen's: N = n + n10 n01 / n11 (Bishop, Fienberg & Holland 1975,
 * §6.2): x 60 + 30 x 20 / 10 = 120, y 18 + 8 x 6 / 4 = 30, total 150.
 * The model A:C over all the lists loses A:C with C.  IRLS to R's 1e-8:
 * 1e-8.
 */
static void
dropped_list(void)
{
	struct mse_strata *s = hand_strata();
	struct mse_by_options o;
	struct mse_by *b = NULL;
	double se0, se1;

	mse_by_options_init(&o);
	o.model = "A:C";
	if (!ok(s != NULL && mse_by_fit(s, &o, &b, NULL) == MSE_OK,
	    "hand strata: mse_by_fit runs"))
		goto done;
	is_int((long)mse_by_count(b), 2, "hand strata: 2 strata");
	ok(mse_table_lists(mse_by_table(b, 0)) == 2 &&
	    strcmp(mse_table_name(mse_by_table(b, 0), 1), "B") == 0,
	    "hand strata: C leaves the stratum's table (lists A, B)");
	ok(strcmp(mse_by_note(b, 0), "C left out: recorded nobody") == 0,
	    "hand strata: the note says why ('%s')", mse_by_note(b, 0));
	ok(strcmp(mse_by_model(b, 0), "main") == 0, "hand strata: A:C goes "
	    "with C, leaving main ('%s')", mse_by_model(b, 0));
	is_rel(mse_by_estimate(b, 0), 120, 1e-8, "x: N = 60 + 30 x 20 / 10 = "
	    "120 (Petersen, 1e-8)");
	is_rel(mse_by_estimate(b, 1), 30, 1e-8, "y: N = 18 + 8 x 6 / 4 = 30 "
	    "(Petersen, 1e-8)");
	is_rel(mse_by_estimate(b, 2), mse_by_estimate(b, 0) +
	    mse_by_estimate(b, 1), 1e-14, "total: the sum of the strata's N "
	    "(1e-14)");
	is_rel(mse_by_observed(b, 2), 78, 0, "total: n = 60 + 18");
	se0 = mse_by_se(b, 0);
	se1 = mse_by_se(b, 1);
	is_rel(mse_by_se(b, 2), sqrt(se0 * se0 + se1 * se1), 1e-14, "total: "
	    "SE = sqrt of the sum of the variances, independent strata "
	    "(1e-14)");
	ok(mse_by_fit_of(b, 0) != NULL && mse_by_fit_of(b, 2) == NULL,
	    "hand strata: a stratum has its fit, the total none");
done:
	mse_by_free(b);
	mse_strata_free(s);
}

/* What each sees of a stratum as it is fitted. */
struct seen {
	size_t calls, order_ok, fits, notes;
	double est[4];
	char model[64];
};

static void
see(void *arg, const struct mse_by *b, size_t i)
{
	struct seen *v = arg;

	v->order_ok += i == v->calls;
	v->calls++;
	v->fits += mse_by_fit_of(b, i) != NULL && mse_by_table(b, i) != NULL;
	v->notes += strcmp(mse_by_note(b, i), "C left out: recorded "
	    "nobody") == 0;
	if (i < 4)
		v->est[i] = mse_by_estimate(b, i);
	if (i == 0)
		snprintf(v->model, sizeof(v->model), "%s", mse_by_model(b, i));
}

/*
 * mse_by_options' each: called once a stratum, in order, while its fit,
 * table, model and note are there; afterwards only the numbers and the
 * status stay, and the total is as without it (the hand strata, as
 * dropped_list: x 120, y 30, total 150, 1e-8).
 */
static void
each_stratum(void)
{
	struct mse_strata *s = hand_strata();
	struct mse_by_options o;
	struct mse_by *b = NULL;
	struct seen v;

	memset(&v, 0, sizeof(v));
	mse_by_options_init(&o);
	o.model = "A:C";
	o.each = see;
	o.each_arg = &v;
	if (!ok(s != NULL && mse_by_fit(s, &o, &b, NULL) == MSE_OK,
	    "each: mse_by_fit runs"))
		goto done;
	ok(v.calls == 2 && v.order_ok == 2, "each: called once a stratum, "
	    "in order (%zu calls)", v.calls);
	ok(v.fits == 2, "each: the stratum's fit and table are there");
	ok(v.notes == 2 && strcmp(v.model, "main") == 0, "each: so are its "
	    "note and model ('%s')", v.model);
	is_rel(v.est[0], 120, 1e-8, "each: x's N is 120 (Petersen, 1e-8)");
	ok(mse_by_fit_of(b, 0) == NULL && mse_by_table(b, 0) == NULL &&
	    strcmp(mse_by_model(b, 0), "") == 0 &&
	    strcmp(mse_by_note(b, 0), "") == 0, "each: afterwards the fit, "
	    "table, model and note are freed");
	is_int(mse_by_status(b, 1, NULL), MSE_OK, "each: the status stays");
	is_rel(mse_by_estimate(b, 1), 30, 1e-8, "each: y's N stays 30 "
	    "(1e-8)");
	is_rel(mse_by_estimate(b, 2), 150, 1e-8, "each: the total stays 150 "
	    "(1e-8)");
	is_rel(mse_by_observed(b, 2), 78, 0, "each: total n = 78");
done:
	mse_by_free(b);
	mse_strata_free(s);
}

/* Closed forms per stratum, and the strata that have no estimate. */
static void
methods(void)
{
	static const char *const z[] = { "z" };
	struct mse_strata *s = hand_strata();
	struct mse_by_options o;
	struct mse_by *b = NULL;
	const char *why = NULL;

	mse_by_options_init(&o);
	o.method = MSE_PETERSEN;
	if (!ok(s != NULL && mse_by_fit(s, &o, &b, NULL) == MSE_OK,
	    "Petersen by stratum runs"))
		goto done;
	ok(fabs(mse_by_estimate(b, 0) - 120) < 1e-9 && fabs(mse_by_estimate(b,
	    1) - 30) < 1e-9, "Petersen: n1 n2 / m = 40 x 30 / 10 = 120 and "
	    "12 x 10 / 4 = 30 (exact)");
	mse_by_free(b);
	b = NULL;
	/* Stratum z: only A recorded anyone. */
	mse_strata_add(s, z, 1, 5, NULL, NULL);
	o.method = MSE_BY_LOGLINEAR;
	if (!ok(mse_by_fit(s, &o, &b, NULL) == MSE_OK, "with a one-list "
	    "stratum, mse_by_fit still runs"))
		goto done;
	is_int(mse_by_status(b, 2, &why), MSE_EDOMAIN, "z: no estimate");
	ok(strstr(why, "fewer than 2 lists recorded anyone") != NULL, "z: "
	    "... saying why (%s)", why);
	ok(isnan(mse_by_estimate(b, 2)), "z: its estimate is NaN");
	is_int(mse_by_status(b, 3, &why), MSE_EDOMAIN, "total: none when a "
	    "stratum has none");
	ok(strstr(why, "1 of 3 strata have none") != NULL, "total: ... "
	    "saying so (%s)", why);
	is_rel(mse_by_observed(b, 3), 83, 0, "total: n = 60 + 18 + 5 still");
done:
	mse_by_free(b);
	mse_strata_free(s);
}

static void
errors(void)
{
	static const char *const lists[] = { "A", "B", "C" };
	static const char *const x[] = { "x" };
	struct mse_strata *s = hand_strata();
	const char *why = NULL;
	struct mse_strata *none = mse_strata_new(3, lists, 0, NULL, NULL);
	struct mse_by_options o;
	struct mse_by *b = NULL;
	struct mse_error e;

	memset(&o, 0, sizeof(o));
	is_int(mse_by_fit(s, &o, &b, &e), MSE_EINVAL, "options not "
	    "initialised are refused");
	ok(b == NULL && strstr(e.message, "mse_by_options_init") != NULL,
	    "... naming mse_by_options_init (%s)", e.message);
	mse_by_options_init(&o);
	o.model = "A:Q";
	ok(mse_by_fit(s, &o, &b, &e) != MSE_OK && b == NULL, "a model on an "
	    "unknown list is refused (%s)", e.message);
	o.model = NULL;
	if (none != NULL) {
		is_int(mse_by_fit(none, &o, &b, &e), MSE_EINVAL, "no strata "
		    "is refused");
		mse_by_free(b);
		b = NULL;
	}
	mse_strata_free(none);
	/* Stratum x gains a unit on C alone: three lists recorded someone. */
	o.method = MSE_PETERSEN;
	if (!ok(s != NULL && mse_strata_add(s, x, 4, 5, NULL, NULL) == MSE_OK &&
	    mse_by_fit(s, &o, &b, &e) == MSE_OK, "Petersen by stratum runs"))
		goto done;
	is_int(mse_by_status(b, 0, &why), MSE_EDOMAIN, "Petersen in a stratum "
	    "of three lists: no estimate there");
	ok(strstr(why, "Petersen needs two lists, and 3 recorded someone") !=
	    NULL && mse_by_status(b, 1, NULL) == MSE_OK, "... saying why (%s), "
	    "the other stratum still estimated", why);
done:
	mse_by_free(b);
	mse_strata_free(s);
}

int
main(void)
{
	gsl_set_error_handler_off();
	reference();
	dropped_list();
	each_stratum();
	methods();
	errors();
	return tap_done();
}
