/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_bootstrap.c - unit tests of the re-selecting bootstrap. */
#include <config.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>

#include "mse.h"
#include "tap.h"

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

static int
run(const struct mse_table *t, int method, int order, int B, int threads,
    unsigned long seed, struct mse_bootstrap_result *r)
{
	struct mse_select_options s;
	struct mse_bootstrap_options o;

	mse_select_options_init(&s);
	s.method = method;
	s.max_order = order;
	mse_bootstrap_options_init(&o);
	o.replicates = B;
	o.threads = threads;
	o.seed = seed;
	return mse_bootstrap(t, &s, NULL, &o, r, NULL);
}

/* The same seed gives the same replicates, whatever the threads. */
static void
determinism(const struct mse_table *t)
{
	struct mse_bootstrap_result a, b, c;
	int same = 1;
	size_t i;

	ok(run(t, MSE_SELECT_BIC, 3, 60, 1, 5, &a) == MSE_OK &&
	    run(t, MSE_SELECT_BIC, 3, 60, 3, 5, &b) == MSE_OK &&
	    run(t, MSE_SELECT_BIC, 3, 60, 2, 6, &c) == MSE_OK,
	    "three bootstrap runs");
	for (i = 0; i < a.nreplicates; i++)
		same &= a.replicates[i] == b.replicates[i];
	ok(same && a.lower == b.lower && a.upper == b.upper,
	    "1 and 3 threads give identical replicates and limits");
	ok(memcmp(a.replicates, c.replicates, 60 * sizeof(double)) != 0,
	    "another seed gives other replicates");
	mse_bootstrap_result_free(&a);
	mse_bootstrap_result_free(&b);
	mse_bootstrap_result_free(&c);
}

/* R's quantile(type = 8) and the BCa z0, recomputed from the replicates
 * (SparseMSE's bcaconfvalues). */
static void
recompute(const struct mse_bootstrap_result *r)
{
	double *x = malloc(r->nreplicates * sizeof(*x)), h, g, j;
	size_t i, n = 0, below = 0;

	for (i = 0; i < r->nreplicates; i++)
		if (isfinite(r->replicates[i]))
			x[n++] = r->replicates[i];
	for (i = 1; i < n; i++)
		for (size_t k = i; k > 0 && x[k - 1] > x[k]; k--) {
			double tmp = x[k];

			x[k] = x[k - 1];
			x[k - 1] = tmp;
		}
	h = (n + 1.0 / 3) * 0.025 + 1.0 / 3;
	j = floor(h);
	g = h - j;
	is_rel(r->pct_lower, (1 - g) * x[(size_t)j - 1] + g * x[(size_t)j],
	    1e-12, "percentile lower = type-8 quantile (Hyndman & Fan 1996)");
	for (i = 0; i < n; i++)
		below += x[i] < r->estimate;
	is_rel(r->z0, gsl_cdf_ugaussian_Pinv((double)below / n), 1e-12,
	    "z0 = qnorm(share below the estimate) (note 6.5)");
	is_int((long)r->used, (long)n, "all usable replicates counted");
	free(x);
}

/* Kosovo, BIC over every order-3 model, B = 1000 (MSE's bootstrap): BCa 95 %
 * [6947.04, 18009.99], a = -0.0240.  The jackknife does not depend on the
 * random numbers: a to the note's 3 digits.  The limits are Monte Carlo:
 * the issue allows about 5 % at each end with B = 1000. */
static void
kosovo(const struct mse_table *t)
{
	struct mse_bootstrap_result r;

	if (!ok(run(t, MSE_SELECT_BIC, 3, 1000, 2, 1234, &r) == MSE_OK,
	    "Kosovo BIC order 3, B = 1000"))
		return;
	is_rel(r.estimate, 10356.52, 1e-6, "point estimate 10356.52 (note 4)");
	is_rel(r.acceleration, -0.0240, 5e-3, "a = -0.0240 (note 6.6, 3 "
	    "digits)");
	is_rel(r.lower, 6947.04, 0.05, "BCa lower 6947 (MSE 1.2, MC 5 %%)");
	is_rel(r.upper, 18009.99, 0.05, "BCa upper 18010 (MSE 1.2, MC 5 %%)");
	is_int(r.bca, MSE_OK, "BCa defined");
	recompute(&r);
	mse_bootstrap_result_free(&r);
	/* Order 2: Silverman, Chan & Vincent (2024), Table 6. */
	if (!ok(run(t, MSE_SELECT_BIC, 2, 1000, 2, 1234, &r) == MSE_OK,
	    "Kosovo BIC order 2, B = 1000"))
		return;
	is_rel(r.lower, 12451, 0.05, "BCa lower 12451 (paper, MC 5 %%)");
	is_rel(r.upper, 16273, 0.05, "BCa upper 16273 (paper, MC 5 %%)");
	mse_bootstrap_result_free(&r);
}

/* UKdat_5 stepwise: a = -0.01218 (MSE's bootstrap); one replicate suffices, as
 * the acceleration comes from the jackknife alone. */
static void
stepwise_acceleration(void)
{
	struct mse_table *t = load("UKdat_5.csv");
	struct mse_bootstrap_result r;

	if (!ok(t != NULL && run(t, MSE_SELECT_STEPWISE, 2, 1, 2, 1, &r) ==
	    MSE_OK, "UKdat_5 stepwise, B = 1")) {
		mse_table_free(t);
		return;
	}
	is_rel(r.estimate, 11312.99, 1e-6, "point estimate 11312.99 (note 2)");
	is_rel(r.acceleration, -0.01218, 5e-3, "a = -0.01218 (note 6.6)");
	ok(r.bca != MSE_OK && strstr(r.bca_reason, "one side") != NULL,
	    "one replicate: BCa undefined, and says why");
	mse_bootstrap_result_free(&r);
	mse_table_free(t);
}

/* Parametric replicates: Poisson draws from the fitted model, still the
 * same whatever the threads; for a fixed model their mean is near N
 * (the MLE of N is consistent: within 3 SE / sqrt(B) of N). */
static void
parametric(void)
{
	struct mse_table *t = load("Western.csv");
	struct mse_bootstrap_options o;
	struct mse_select_options s;
	struct mse_bootstrap_result a, b;
	struct mse_model *m = NULL;
	double mean = 0;
	size_t i;

	mse_select_options_init(&s);
	mse_bootstrap_options_init(&o);
	o.parametric = 1;
	o.replicates = 400;
	if (!ok(t != NULL && mse_model_parse(t, "main", &m, NULL) == MSE_OK,
	    "Western main model"))
		goto done;
	o.threads = 1;
	ok(mse_bootstrap(t, &s, m, &o, &a, NULL) == MSE_OK, "parametric, 1 "
	    "thread");
	o.threads = 2;
	ok(mse_bootstrap(t, &s, m, &o, &b, NULL) == MSE_OK, "parametric, 2 "
	    "threads");
	ok(memcmp(a.replicates, b.replicates, 400 * sizeof(double)) == 0,
	    "the same replicates");
	for (i = 0; i < a.nreplicates; i++)
		mean += a.replicates[i] / a.nreplicates;
	ok(fabs(mean - a.estimate) < 3 * 371.48 / sqrt(400) + 0.05 *
	    a.estimate, "replicate mean %.1f near N %.1f", mean, a.estimate);
	mse_bootstrap_result_free(&a);
	mse_bootstrap_result_free(&b);
done:
	mse_model_free(m);
	mse_table_free(t);
}

static void
errors(const struct mse_table *t)
{
	struct mse_bootstrap_options o;
	struct mse_select_options s;
	struct mse_bootstrap_result r;
	struct mse_error err;

	mse_select_options_init(&s);
	s.method = MSE_SELECT_BIC;
	mse_bootstrap_options_init(&o);
	o.replicates = 0;
	is_int(mse_bootstrap(t, &s, NULL, &o, &r, &err), MSE_EINVAL,
	    "0 replicates refused");
	o.replicates = 10;
	o.level = 1.5;
	is_int(mse_bootstrap(t, &s, NULL, &o, &r, &err), MSE_EINVAL,
	    "level 1.5 refused");
	s.method = MSE_SELECT_NONE;
	o.level = 0.95;
	is_int(mse_bootstrap(t, &s, NULL, &o, &r, &err), MSE_EINVAL,
	    "neither a model nor a selection");
	s.method = MSE_SELECT_BIC;
	o.threads = -1;
	is_int(mse_bootstrap(t, &s, NULL, &o, &r, &err), MSE_EINVAL,
	    "threads -1 refused");
	mse_bootstrap_options_init(&o);
	o.size = 0;
	is_int(mse_bootstrap(t, &s, NULL, &o, &r, &err), MSE_EINVAL,
	    "options of size 0 refused: %s", err.message);
	o.size = sizeof(o) + 16;
	is_int(mse_bootstrap(t, &s, NULL, &o, &r, &err), MSE_EINVAL,
	    "options larger than the library knows refused");
	mse_bootstrap_options_init(&o);
	s.size = 0;
	is_int(mse_bootstrap(t, &s, NULL, &o, &r, &err), MSE_EINVAL,
	    "selection options of size 0 refused");
}

struct prog {
	size_t calls, last, total, back;
};

static void
on_progress(void *arg, size_t done, size_t total)
{
	struct prog *p = arg;

	p->back += done < p->last || done > total;
	p->calls++;
	p->last = done;
	p->total = total;
}

/* One call a replicate or jackknife row, done rising to total, and the
 * same replicates on 1 thread and on auto (0); a struct of the size of
 * an older, shorter mse_bootstrap_options still works. */
static void
progress_threads(const struct mse_table *t)
{
	struct mse_bootstrap_options o;
	struct mse_select_options s;
	struct mse_bootstrap_result a, b;
	struct mse_model *m = NULL;
	struct prog p;
	size_t B = 50;
	int rc;

	memset(&p, 0, sizeof(p));
	mse_select_options_init(&s);
	mse_bootstrap_options_init(&o);
	o.replicates = (int)B;
	o.progress = on_progress;
	o.progress_arg = &p;
	if (!ok(mse_model_parse(t, "main", &m, NULL) == MSE_OK, "Kosovo main"))
		return;
	rc = mse_bootstrap(t, &s, m, &o, &a, NULL);
	ok(rc == MSE_OK && p.calls > B && p.calls == p.total &&
	    p.last == p.total && p.back == 0, "1 thread: progress %zu calls, "
	    "done rising to total %zu", p.calls, p.total);
	o.threads = 0;
	o.progress = NULL;
	ok(mse_bootstrap(t, &s, m, &o, &b, NULL) == MSE_OK &&
	    memcmp(a.replicates, b.replicates, B * sizeof(double)) == 0 &&
	    a.lower == b.lower && a.upper == b.upper, "threads 0 (one per "
	    "processor): the same replicates and limits");
	mse_bootstrap_result_free(&b);
	/* Everything up to and including level, as an older caller. */
	o.size = offsetof(struct mse_bootstrap_options, parametric);
	o.threads = 2;
	ok(mse_bootstrap(t, &s, m, &o, &b, NULL) == MSE_OK &&
	    memcmp(a.replicates, b.replicates, B * sizeof(double)) == 0,
	    "a shorter size is read as far as it goes");
	mse_bootstrap_result_free(&a);
	mse_bootstrap_result_free(&b);
	mse_model_free(m);
}

int
main(void)
{
	struct mse_table *t;

	gsl_set_error_handler_off();
	t = load("Kosovo.csv");
	if (!ok(t != NULL, "Kosovo loads"))
		return tap_done();
	determinism(t);
	kosovo(t);
	stepwise_acceleration();
	parametric();
	errors(t);
	progress_threads(t);
	mse_table_free(t);
	return tap_done();
}
