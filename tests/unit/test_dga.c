/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_dga.c - unit tests of decomposable graphs (graph.c) and of the model
 * averaging over them (dga.c) against dga 2.0.2, as the R package
 * dga computes it (R 4.2.2 with dga 2.0.2, and an
 * independent C port, agreeing to 12 digits). */
#include <config.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "mse_private.h"
#include "../tap.h"

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

/* A list of lists numbered from 1, as the note writes them, to a mask. */
static uint32_t
set(const char *s)
{
	uint32_t m = 0;

	for (; *s != '\0'; s++)
		if (*s >= '1' && *s <= '9')
			m |= 1u << (*s - '1');
	return m;
}

/* The decomposable graph whose cliques are given ("12 13 24 45"). */
static int
graph(size_t k, const char *cliques, struct msei_dgraph *g)
{
	uint32_t adj[MSE_MAX_LISTS] = { 0 };
	char buf[256], *tok, *save = NULL;
	size_t a, b;

	snprintf(buf, sizeof(buf), "%s", cliques);
	for (tok = strtok_r(buf, " ", &save); tok != NULL;
	    tok = strtok_r(NULL, " ", &save)) {
		uint32_t c = set(tok);

		for (a = 0; a < k; a++)
			for (b = 0; b < k; b++)
				if (a != b && (c >> a & 1) && (c >> b & 1))
					adj[a] |= 1u << b;
	}
	return msei_graph_decompose(k, adj, g);
}

static int
count_one(void *arg, const struct msei_dgraph *g)
{
	(void)g;
	++*(long *)arg;
	return 0;
}

/* Separators as a sorted multiset, to compare with the note. */
static int
cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

static int
same_sets(const uint32_t *got, size_t n, const char *want)
{
	uint32_t w[MSE_MAX_LISTS], g[MSE_MAX_LISTS];
	char buf[256], *tok, *save = NULL;
	size_t m = 0;

	snprintf(buf, sizeof(buf), "%s", want);
	for (tok = strtok_r(buf, " ", &save); tok != NULL;
	    tok = strtok_r(NULL, " ", &save))
		w[m++] = set(tok);
	if (m != n)
		return 0;
	memcpy(g, got, n * sizeof(*g));
	qsort(g, n, sizeof(*g), cmp_u32);
	qsort(w, m, sizeof(*w), cmp_u32);
	return memcmp(g, w, n * sizeof(*g)) == 0;
}

static void
test_graphs(void)
{
	/* OEIS A058862: labelled chordal graphs on 1..7 vertices. */
	static const long want[] = { 1, 2, 8, 61, 822, 18154, 617675 };
	struct msei_dgraph g;
	size_t k;

	for (k = 1; k <= 7; k++) {
		long n = 0;

		msei_graph_foreach(k, count_one, &n);
		is_int(n, want[k - 1], "%zu lists: %ld decomposable graphs "
		    "(OEIS A058862; dga's graphs3/4/5 hold 8, 61, 822)", k,
		    want[k - 1]);
	}
	ok(graph(5, "12 13 14 45", &g) && same_sets(g.set, g.nc,
	    "12 13 14 45") && same_sets(g.sep, g.ns, "1 1 4"),
	    "the tree 12 13 14 45 has separators 1, 1, 4 (dga 2.0.2)");
	ok(graph(5, "124 13 45", &g) && same_sets(g.sep, g.ns, "1 4"),
	    "124 13 45 has separators 1, 4");
	ok(graph(5, "1 2 3 4 5", &g) && g.nc == 5 && g.ns == 0,
	    "the empty graph: 5 cliques, no separator (empty ones dropped)");
	ok(graph(5, "12345", &g) && g.nc == 1 && g.ns == 0,
	    "the complete graph: one clique");
	ok(!graph(4, "12 23 34 14", &g), "the 4-cycle is not decomposable");
	ok(graph(4, "123 134", &g) && same_sets(g.sep, g.ns, "13"),
	    "the 4-cycle with a chord: separator 13");
}

static struct mse_dga *
fit(const struct mse_table *t, double delta, double nmin, double nmax,
    double step, int graphs)
{
	struct mse_dga_options o;
	struct mse_dga *d = NULL;
	struct mse_error err;

	mse_dga_options_init(&o);
	o.delta = delta;
	o.nmin = nmin;
	o.nmax = nmax;
	o.step = step;
	o.graphs = graphs;
	if (mse_dga_fit(t, &o, &d, &err) != MSE_OK)
		printf("# %s\n", err.message);
	return d;
}

/* Note §A.4, unit values at m = 100 (N = 637), delta 0.5: R and the C
 * port agree to 3e-12 absolute; we ask 1e-9 absolute (the values are up
 * to 3549 in size, so 3e-13 relative). */
static void
test_parts(const struct mse_table *t)
{
	struct mse_dga *d = fit(t, 0.5, 0, 2537, 1, MSE_DGA_ALL);
	struct msei_dgraph g;
	double D, MC, pr, w;

	if (!ok(d != NULL, "Congenital, delta 0.5, grid 537..2537"))
		return;
	msei_dga_parts(d, 100, &D, &MC, &pr);
	ok(fabs(D - -3549.24887161836) < 1e-9, "D(100) = -3549.24887161836");
	ok(fabs(MC - 1684.75087864153) < 1e-9, "MC(100) = 1684.75087864153");
	ok(fabs(pr - -log(637)) < 1e-12, "log prior(637) = -log 637");
	ok(fabs(msei_dga_ell(d, set("1"), 100) - 3163.90945629631) < 1e-9,
	    "l_{1}(100) = 3163.90945629631");
	ok(fabs(msei_dga_ell(d, set("5"), 100) - 3119.50524280822) < 1e-9,
	    "l_{5}(100) = 3119.50524280822");
	ok(fabs(msei_dga_ell(d, set("12345"), 100) - 1745.39693219762) < 1e-9,
	    "l_{12345}(100) = 1745.39693219762");
	graph(5, "12 13 24 45", &g);
	w = msei_dga_log_weight(d, &g, 100);
	ok(fabs(w - -104.803389752856) < 1e-9, "log w(12 13 24 45, m = 100) "
	    "= -104.803389752856 (got %.12f)", w);
	graph(5, "1 2 3 4 5", &g);
	w = msei_dga_log_weight(d, &g, 0);
	ok(fabs(w - -196.481999770854) < 1e-9, "log w(independence, m = 0) "
	    "= -196.481999770854 (got %.12f)", w);
	graph(5, "12345", &g);
	w = msei_dga_log_weight(d, &g, 0);
	ok(fabs(w - -119.983756175465) < 1e-9, "log w(complete, m = 0) = "
	    "-119.983756175465 (got %.12f)", w);
	mse_dga_free(d);
}

/* The recurrence of a chunk's weights against exp(log w - log w(j0))
 * point by point, and its two kernels against each other, bit for bit.
 * Relative 1e-10: log w here sums about ten log-gammas of up to 2e4,
 * each rounded by 4e-12, so the exact side is good to about 3e-11; the
 * recurrence's products add about 1e-16 each over 1024 / 8 steps. */
static void
test_chunks(const struct mse_table *t)
{
	static const char *const gs[] = { "12 13 24 45", "1 2 3 4 5",
		"12345", "124 13 45" };
	struct mse_dga *d = fit(t, 0.5, 0, 2537, 1, MSE_DGA_ALL);
	struct msei_dgraph g;
	double w2[1024], w4[1024], s2, s4, r0, e, worst;
	size_t i, j0, j, len;
	int rc2, rc4;

	if (!ok(d != NULL, "Congenital, delta 0.5, grid 537..2537 (2 chunks)"))
		return;
	for (i = 0; i < sizeof(gs) / sizeof(gs[0]); i++) {
		graph(5, gs[i], &g);
		for (j0 = 0; j0 < 2001; j0 += 1024) {
			len = j0 + 1024 < 2001 ? 1024 : 2001 - j0;
			rc2 = msei_dga_chunk(d, &g, j0, 0, w2, &s2);
			r0 = msei_dga_log_weight(d, &g, j0);
			for (j = 0, worst = 0, e = 0; j < len; j++) {
				double x = exp(msei_dga_log_weight(d, &g,
				    j0 + j) - r0);

				worst = fmax(worst, fabs(w2[j] - x) / x);
				e += w2[j];
			}
			ok(rc2 == 0 && worst < 1e-10 && fabs(s2 - e) <=
			    1e-10 * e, "graph %s, chunk at %zu: the recurrence "
			    "meets exp(log w) within %.2g (< 1e-10), its sum "
			    "the sum", gs[i], j0, worst);
			rc4 = msei_dga_chunk(d, &g, j0, 1, w4, &s4);
			if (rc4 == -2) {
				ok(1, "# SKIP no AVX2 kernel here");
				continue;
			}
			ok(rc4 == 0 && memcmp(w2, w4, sizeof(w2)) == 0 &&
			    memcmp(&s2, &s4, sizeof(s2)) == 0, "graph %s, "
			    "chunk at %zu: the AVX2 kernel gives the same bits",
			    gs[i], j0);
		}
	}
	mse_dga_free(d);
}

/* The top graphs of dga 2.0.2 as cliques, P(g | y) and E[N | g]. */
static const struct {
	const char *cliques;
	double prob, mean;
} my_top[] = {
	{ "12 13 24 45", 0.217073, 627.5663 },
	{ "12 13 45", 0.160294, 615.8317 },
	{ "124 13 45", 0.082266, 613.7857 },
	{ "12 13 14 45", 0.065359, 610.1766 },
	{ "12 13 34 45", 0.051935, 616.5163 },
};

static void
test_top_graphs(const struct mse_dga *d)
{
	struct msei_dgraph g;
	size_t i, j;

	for (i = 0; i < 5; i++) {
		double mean, sd, med, lo, hi;
		uint32_t c[MSE_MAX_LISTS];
		size_t nc = mse_dga_graph_cliques(d, i);

		graph(5, my_top[i].cliques, &g);
		for (j = 0; j < nc; j++)
			c[j] = mse_dga_graph_clique(d, i, j);
		ok(same_sets(c, nc, my_top[i].cliques), "graph %zu is %s",
		    i + 1, my_top[i].cliques);
		ok(fabs(mse_dga_graph_prob(d, i) - my_top[i].prob) < 5e-7,
		    "P(%s | y) = %.6f (note, 6 decimals)", my_top[i].cliques,
		    my_top[i].prob);
		mse_dga_graph_summary(d, i, 0.95, &mean, &sd, &med, &lo, &hi,
		    NULL);
		ok(fabs(mean - my_top[i].mean) < 5e-5, "E[N | %s] = %.4f (note,"
		    " 4 decimals)", my_top[i].cliques, my_top[i].mean);
	}
}

/* The table: dga 2.0.2, 1/N prior, missing 0..2000. */
static void
test_madigan_york(const struct mse_table *t)
{
	struct mse_dga *d = fit(t, 0.5, 0, 2537, 1, MSE_DGA_AUTO);

	if (!ok(d != NULL && mse_dga_graphs(d) == 822, "delta 0.5: 822 "
	    "graphs"))
		return;
	/* The note gives 617.815993 (9 digits): 1e-9 relative covers its
	 * rounding; the issue asks 1e-6. */
	is_rel(mse_dga_mean(d), 617.815993, 1e-9, "E[N] = 617.815993");
	ok(fabs(mse_dga_sd(d) - 17.263) < 5e-4, "sd 17.263");
	is_rel(mse_dga_quantile(d, 0.5), 616, 0, "median 616");
	is_rel(mse_dga_quantile(d, 0.025), 588, 0, "2.5%% quantile 588");
	is_rel(mse_dga_quantile(d, 0.975), 655, 0, "97.5%% quantile 655");
	ok(fabs(mse_dga_top_mass(d) / 1.9e-20 - 1) < 0.03,
	    "P(m = 2000) = 1.9e-20");
	ok(fabs(mse_dga_log_marginal(d) - -99.2859085476) < 1e-9,
	    "log sum w = -99.2859085476");
	test_top_graphs(d);
	mse_dga_free(d);
	d = fit(t, 1.0 / 32, 0, 2537, 1, MSE_DGA_AUTO);
	if (!ok(d != NULL, "delta 2^-5"))
		return;
	/* The issue gives 618.911 (6 digits). */
	ok(fabs(mse_dga_mean(d) - 618.911) < 5e-4, "E[N] = 618.911");
	is_rel(mse_dga_quantile(d, 0.5), 618, 0, "median 618");
	is_rel(mse_dga_quantile(d, 0.025), 590, 0, "2.5%% quantile 590");
	is_rel(mse_dga_quantile(d, 0.975), 656, 0, "97.5%% quantile 656");
	mse_dga_free(d);
	/* The default delta is 2^-k. */
	d = fit(t, 0, 0, 2537, 1, MSE_DGA_AUTO);
	ok(d != NULL && mse_dga_delta(d) == 1.0 / 32 &&
	    fabs(mse_dga_mean(d) - 618.911) < 5e-4, "default delta 2^-5");
	mse_dga_free(d);
}

/* Note §A.4, three lists: graph probabilities matter with delta. */
static void
test_spina(const struct mse_table *t)
{
	static const char *g[4] = { "12 3", "12 23", "12 13", "123" };
	static const double p1[4] = { 0.369883, 0.311490, 0.279469, 0.039157 };
	static const double p8[4] = { 0.722580, 0.158119, 0.116830, 0.002471 };
	struct mse_dga_options o;
	struct mse_dga *d;
	uint32_t c[3];
	size_t i, j;

	d = fit(t, 1, 0, 1626, 1, MSE_DGA_AUTO);
	if (!ok(d != NULL && mse_dga_graphs(d) == 8, "spina: 8 graphs"))
		return;
	is_rel(mse_dga_mean(d), 734.499777, 1e-9, "delta 1: E[N] = "
	    "734.499777");
	for (i = 0; i < 4; i++) {
		for (j = 0; j < mse_dga_graph_cliques(d, i); j++)
			c[j] = mse_dga_graph_clique(d, i, j);
		ok(same_sets(c, mse_dga_graph_cliques(d, i), g[i]) &&
		    fabs(mse_dga_graph_prob(d, i) - p1[i]) < 5e-7,
		    "delta 1: P(%s | y) = %.6f", g[i], p1[i]);
	}
	mse_dga_free(d);
	d = fit(t, 0.125, 0, 1626, 1, MSE_DGA_AUTO);
	is_rel(d ? mse_dga_mean(d) : NAN, 733.456250, 1e-9, "delta 1/8: "
	    "E[N] = 733.456250");
	for (i = 0; d != NULL && i < 4; i++)
		ok(fabs(mse_dga_graph_prob(d, i) - p8[i]) < 5e-7, "delta 1/8: "
		    "P(%s | y) = %.6f", g[i], p8[i]);
	mse_dga_free(d);
	/* dga's help example: negative binomial prior, missing 1..300. */
	mse_dga_options_init(&o);
	o.delta = 1;
	o.nmin = 627;
	o.nmax = 926;
	o.prior = MSE_PRIOR_N_NEGBIN;
	o.prior_a = 13.14;
	o.prior_b = 55.17;
	d = NULL;
	mse_dga_fit(t, &o, &d, NULL);
	is_rel(d ? mse_dga_mean(d) : NAN, 733.452369, 1e-9, "negative "
	    "binomial prior (13.14, 55.17): E[N] = 733.452369");
	ok(d != NULL && mse_dga_grid_size(d) == 300 &&
	    mse_dga_grid_n(d, 0) == 627, "grid N = 627..926");
	mse_dga_free(d);
}

/* Six lists (dga 2.0.2): every graph, delta 2^-6, missing 0, 20, ...,
 * 60000; then MCMC over graphs on the same grid. */
static void
test_six(const struct mse_table *t)
{
	struct mse_dga *d = fit(t, 1.0 / 64, 0, 62744, 20, MSE_DGA_ALL);
	double exact;

	if (!ok(d != NULL && mse_dga_graphs(d) == 18154, "UKdat: 18154 "
	    "graphs"))
		return;
	exact = mse_dga_mean(d);
	is_rel(exact, 14101.438359, 1e-9, "UKdat every graph: E[N] = "
	    "14101.438359");
	ok(fabs(mse_dga_graph_prob(d, 0) - 0.397131) < 5e-7, "UKdat: best "
	    "graph P = 0.397131");
	mse_dga_free(d);
	d = fit(t, 1.0 / 64, 0, 62744, 20, MSE_DGA_AUTO);
	if (!ok(d != NULL && mse_dga_mcmc(d), "UKdat, 6 lists: MCMC by "
	    "default"))
		return;
	/* The sampled graphs miss 0.06% of the posterior mass with seed 1:
	 * the estimate is within 0.1% of the exact one. */
	is_rel(mse_dga_mean(d), exact, 1e-3, "MCMC E[N] within 0.1%% of "
	    "every graph's");
	ok(fabs(mse_dga_graph_prob(d, 0) - 0.397131) < 1e-3, "MCMC: best "
	    "graph P within 0.001 of 0.397131");
	ok(mse_dga_run_acceptance(d, 0) > 0 && mse_dga_run_acceptance(d, 1)
	    > 0, "acceptance %.3f and %.3f", mse_dga_run_acceptance(d, 0),
	    mse_dga_run_acceptance(d, 1));
	is_rel(mse_dga_run_mean(d, 0), mse_dga_run_mean(d, 1), 1e-3,
	    "the two runs agree within 0.1%%");
	mse_dga_free(d);
}

/* MCMC on five lists against the exact answer. */
static void
test_mcmc_five(const struct mse_table *t)
{
	struct mse_dga *d = fit(t, 0.5, 0, 2537, 1, MSE_DGA_MCMC);

	if (!ok(d != NULL && mse_dga_mcmc(d), "Congenital by MCMC"))
		return;
	is_rel(mse_dga_mean(d), 617.815993, 1e-3, "MCMC E[N] within 0.1%% "
	    "of 617.815993");
	ok(fabs(mse_dga_graph_prob(d, 0) - 0.217073) < 2e-3, "MCMC: best "
	    "graph P within 0.002 of 0.217073");
	ok(mse_dga_run_distance(d) >= 0 && mse_dga_run_distance(d) <= 1,
	    "run distance %.3f in [0, 1]", mse_dga_run_distance(d));
	mse_dga_free(d);
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

/* The same posterior on 1, 2 and auto (0) threads, bit for bit: the grid
 * is summed in the same blocks; progress rises to done == total. */
static void
test_threads(const struct mse_table *t)
{
	struct mse_dga_options o;
	struct mse_dga *d[3] = { NULL, NULL, NULL };
	struct prog pr;
	int th[3] = { 1, 2, 0 }, same = 1, i;
	size_t j;

	memset(&pr, 0, sizeof(pr));
	for (i = 0; i < 3; i++) {
		mse_dga_options_init(&o);
		o.graphs = MSE_DGA_ALL;
		o.threads = th[i];
		o.nmax = 20000;
		o.progress = on_progress;
		o.progress_arg = &pr;
		if (mse_dga_fit(t, &o, &d[i], NULL) != MSE_OK)
			same = 0;
	}
	for (i = 1; same && i < 3; i++) {
		same = mse_dga_grid_size(d[i]) == mse_dga_grid_size(d[0]) &&
		    mse_dga_mean(d[i]) == mse_dga_mean(d[0]);
		for (j = 0; same && j < mse_dga_grid_size(d[0]); j++)
			same = mse_dga_grid_prob(d[i], j) ==
			    mse_dga_grid_prob(d[0], j);
	}
	ok(same, "threads 1, 2 and 0 give the same posterior, bit for bit");
	ok(pr.calls > 3 && pr.back <= 2 && pr.last == pr.total,
	    "progress rises to done == total on each fit (%zu calls)",
	    pr.calls);
	for (i = 0; i < 3; i++)
		mse_dga_free(d[i]);
}

static void
test_errors(const struct mse_table *t, const struct mse_table *uk7)
{
	struct mse_dga_options o;
	struct mse_dga *d = NULL;
	struct mse_error err;

	mse_dga_options_init(&o);
	o.nmax = 500;
	is_int(mse_dga_fit(t, &o, &d, &err), MSE_EINVAL, "nmax below n");
	mse_dga_options_init(&o);
	o.delta = -1;
	is_int(mse_dga_fit(t, &o, &d, &err), MSE_EINVAL, "negative delta");
	mse_dga_options_init(&o);
	o.prior = MSE_PRIOR_N_NEGBIN;
	is_int(mse_dga_fit(t, &o, &d, &err), MSE_EINVAL, "negbin needs a, b");
	mse_dga_options_init(&o);
	o.step = 1.5;
	is_int(mse_dga_fit(t, &o, &d, &err), MSE_EINVAL, "fractional step");
	mse_dga_options_init(&o);
	o.nmax = 1e13;
	is_int(mse_dga_fit(t, &o, &d, &err), MSE_EINVAL, "grid too large");
	mse_dga_options_init(&o);
	o.graphs = MSE_DGA_ALL;
	is_int(uk7 ? mse_dga_fit(uk7, &o, &d, &err) : -1, MSE_EINVAL,
	    "every graph on 8 lists is refused");
	mse_dga_options_init(&o);
	o.threads = -1;
	is_int(mse_dga_fit(t, &o, &d, &err), MSE_EINVAL, "negative threads");
	mse_dga_options_init(&o);
	o.size = 0;
	is_int(mse_dga_fit(t, &o, &d, &err), MSE_EINVAL, "size 0 is refused: "
	    "%s", err.message);
	mse_dga_options_init(&o);
	o.size = sizeof(o) + 8;
	is_int(mse_dga_fit(t, &o, &d, &err), MSE_EINVAL, "a size larger than "
	    "the library knows is refused");
	ok(d == NULL, "no object on failure");
}

/* MCMC in rounds (max_iterations): UKdat's runs go on, doubling their
 * steps, until the R-hat and ESS of their traces of E(N | graph) meet
 * 1.01 and 400; a budget of one round is the fixed run, draw for draw;
 * the exact answer is test_six's. */
static struct mse_dga *
fit_budget(const struct mse_table *t, long iterations, long max_iterations,
    double rhat_max, double max_seconds)
{
	struct mse_dga_options o;
	struct mse_dga *d = NULL;
	struct mse_error err;

	mse_dga_options_init(&o);
	o.delta = 1.0 / 64;
	o.nmax = 62744;
	o.step = 20;
	o.graphs = MSE_DGA_MCMC;
	o.iterations = iterations;
	o.max_iterations = max_iterations;
	o.rhat_max = rhat_max;
	o.max_seconds = max_seconds;
	if (mse_dga_fit(t, &o, &d, &err) != MSE_OK)
		printf("# %s\n", err.message);
	return d;
}

static struct mse_dga *
fit_rounds(const struct mse_table *t, long iterations, long max_iterations)
{
	return fit_budget(t, iterations, max_iterations, 1.01, 0);
}

static void
test_rounds(const struct mse_table *t)
{
	struct mse_dga *fixed = fit_rounds(t, 20000, 0);
	struct mse_dga *one = fit_rounds(t, 20000, 20000);
	struct mse_dga *d = fit_rounds(t, 20000, 1600000);
	long steps;

	if (!ok(fixed != NULL && one != NULL && d != NULL, "rounds: UKdat "
	    "runs"))
		goto out;
	ok(mse_dga_stop(fixed) == MSE_DGA_STOP_FIXED &&
	    mse_dga_iterations(fixed) == 20000 &&
	    isfinite(mse_dga_rhat(fixed)) && mse_dga_ess_bulk(fixed) > 0,
	    "rounds: a fixed run stops after its 20000 steps, with R-hat "
	    "%.3f and ESS %.0f", mse_dga_rhat(fixed),
	    mse_dga_ess_bulk(fixed));
	ok(mse_dga_mean(one) == mse_dga_mean(fixed) &&
	    mse_dga_rhat(one) == mse_dga_rhat(fixed) &&
	    mse_dga_run_acceptance(one, 1) ==
	    mse_dga_run_acceptance(fixed, 1), "rounds: a budget of one "
	    "round is the fixed run, to the last bit");
	ok(mse_dga_stop(one) == (mse_dga_rhat(one) <= 1.01 &&
	    mse_dga_ess_bulk(one) >= 400 && mse_dga_ess_tail(one) >= 400 ?
	    MSE_DGA_STOP_CONVERGED : MSE_DGA_STOP_ITERATIONS), "rounds: "
	    "a spent budget is told from convergence");
	steps = mse_dga_iterations(d);
	ok(mse_dga_stop(d) == MSE_DGA_STOP_CONVERGED &&
	    mse_dga_rhat(d) <= 1.01 && mse_dga_ess_bulk(d) >= 400 &&
	    mse_dga_ess_tail(d) >= 400 && steps > 20000 && steps % 20000 ==
	    0 && ((steps / 20000) & (steps / 20000 - 1)) == 0, "rounds: "
	    "UKdat converges after %ld steps a run (R-hat %.4f, ESS %.0f, "
	    "tail %.0f)", steps, mse_dga_rhat(d), mse_dga_ess_bulk(d),
	    mse_dga_ess_tail(d));
	is_rel(mse_dga_mean(d), 14101.438359, 1e-3, "rounds: E[N] %.2f "
	    "within 0.1%% of every graph's 14101.438359", mse_dga_mean(d));
	is_rel(mse_dga_run_mean(d, 0), mse_dga_run_mean(d, 1), 1e-4,
	    "rounds: the two runs agree within 0.01%%");
	mse_dga_free(d);
	/* Past 2^20 steps a run the traces are thinned (every other step
	 * from there, every fourth beyond 2^21): a target R-hat no run
	 * meets takes the rounds to the budget of 2200000, and the
	 * diagnostics stay defined. */
	d = fit_budget(t, 1000, 2200000, 1.0000001, 0);
	ok(d != NULL && mse_dga_stop(d) == MSE_DGA_STOP_ITERATIONS &&
	    mse_dga_iterations(d) == 2200000 && isfinite(mse_dga_rhat(d)) &&
	    mse_dga_rhat(d) < 1.1 && mse_dga_ess_bulk(d) > 400, "rounds: "
	    "2200000 steps a run, traced thinned: R-hat %.5f, ESS %.0f",
	    d ? mse_dga_rhat(d) : NAN, d ? mse_dga_ess_bulk(d) : NAN);
	if (d != NULL)
		is_rel(mse_dga_mean(d), 14101.438359, 1e-3, "rounds: E[N] "
		    "%.2f after them within 0.1%% of every graph's",
		    mse_dga_mean(d));
	mse_dga_free(d);
	/* A time budget spent in the first round stops the runs after it,
	 * with what they reached (as mse_lcm's rounds). */
	d = fit_budget(t, 20000, 1600000, 1.0000001, 1e-9);
	ok(d != NULL && mse_dga_stop(d) == MSE_DGA_STOP_SECONDS &&
	    mse_dga_iterations(d) == 20000 && isfinite(mse_dga_mean(d)),
	    "rounds: a time budget spent stops after the first round (%ld "
	    "steps a run)", d ? mse_dga_iterations(d) : -1L);
	mse_dga_free(d);
	d = fit_budget(t, 20000, 1600000, 1.01, -1);
	ok(d == NULL, "rounds: a negative time budget is refused");
	d = fit_rounds(t, 20000, -1);
	ok(d == NULL, "rounds: a negative budget is refused");
	{
		struct mse_dga_options o;
		struct mse_dga *e = NULL;

		mse_dga_options_init(&o);
		o.rhat_max = 1;
		is_int(mse_dga_fit(t, &o, &e, NULL), MSE_EINVAL, "rounds: "
		    "an R-hat target of 1 is refused");
		mse_dga_options_init(&o);
		o.graphs = MSE_DGA_ALL;
		o.nmax = 20000;
		o.max_iterations = 100000;
		if (ok(mse_dga_fit(t, &o, &e, NULL) == MSE_OK, "rounds: every "
		    "graph ignores the budget")) {
			ok(isnan(mse_dga_rhat(e)) && isnan(mse_dga_ess_bulk(e))
			    && mse_dga_iterations(e) == -1 &&
			    mse_dga_stop(e) == MSE_DGA_STOP_FIXED, "rounds: "
			    "without MCMC no R-hat, ESS or steps");
			mse_dga_free(e);
		}
	}
out:
	mse_dga_free(fixed);
	mse_dga_free(one);
	mse_dga_free(d);
}

int
main(void)
{
	struct mse_table *my = load("Congenital.csv");
	struct mse_table *sp = load("dga_MY_spina.csv");
	struct mse_table *uk = load("UKdat.csv");
	struct mse_table *no = load("NewOrl.csv");

	gsl_set_error_handler_off();
	if (my == NULL || sp == NULL || uk == NULL || no == NULL) {
		printf("Bail out! data/ not found (top_srcdir)\n");
		return 1;
	}
	test_graphs();
	test_parts(my);
	test_chunks(my);
	test_madigan_york(my);
	test_spina(sp);
	test_six(uk);
	test_mcmc_five(my);
	test_rounds(uk);
	test_threads(my);
	test_errors(my, no);
	mse_table_free(my);
	mse_table_free(sp);
	mse_table_free(uk);
	mse_table_free(no);
	return tap_done();
}
