/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-fit.c - the in-process timings of make bench, and a process timer. */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <gsl/gsl_errno.h>

#include "mse.h"

/*
 * Every mode prints one CSV row: median,min,max,unit,cpu,rate,mem_mb.
 *   fit FILE         one main-effects fit, in microseconds per fit
 *   closed FILE      Rcapture's closedp.t: every one of the twelve models
 *                    that applies, in microseconds per call of all of them
 *   search FILE K    the exhaustive BIC search of order K, in seconds
 *   search FILE K M  the same once, up to M * 1024 models
 *   boot FILE K B T  the re-selecting bootstrap, B replicates, T threads
 *   run N CMD...     CMD as a whole process, N runs after one warm-up
 * cpu is CPU time in the row's unit (all threads, or the child's user +
 * sys); rate is fits, models or replicates per second of wall time.
 */

/* Timed batches of fits, and the time each batch should last: enough
 * batches for a median and a spread, each long enough (50 ms) that the
 * clock's resolution and a scheduler tick are small beside it. */
#define BATCHES 7
#define BATCH_SECONDS 0.05
#define SEARCH_RUNS 3

static double
now(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double
median(double *v, size_t n)
{
	qsort(v, n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void
row(double *v, size_t n, const char *unit, double cpu, double rate,
    double mem)
{
	double med = median(v, n);

	printf("%.6g,%.6g,%.6g,%s,%.6g,%.6g,%.6g\n", med, v[0], v[n - 1],
	    unit, cpu, rate, mem);
}

static struct mse_table *
load(const char *path)
{
	struct mse_table *t = NULL;
	struct mse_error err;
	FILE *fp = fopen(path, "rb");

	if (fp == NULL) {
		fprintf(stderr, "bench-fit: %s: %s\n", path, strerror(errno));
		return NULL;
	}
	if (mse_table_read(fp, path, 0, &t, &err) != MSE_OK) {
		fprintf(stderr, "bench-fit: %s\n", err.message);
		t = NULL;
	}
	fclose(fp);
	return t;
}

/* n fits of m on t; the number that failed. */
static size_t
fits(const struct mse_table *t, const struct mse_model *m, size_t n)
{
	struct mse_fit *f;
	size_t i, failed = 0;

	for (i = 0; i < n; i++) {
		if (mse_fit_loglinear(t, m, NULL, &f, NULL) != MSE_OK)
			failed++;
		mse_fit_free(f);
	}
	return failed;
}

static int
bench_fit(const char *path)
{
	struct mse_table *t = load(path);
	struct mse_model *m = t ? mse_model_new(mse_table_lists(t), NULL) :
	    NULL;
	double v[BATCHES], c0, t0, cpu = 0;
	size_t n = 1, b;

	if (m == NULL || fits(t, m, 1) != 0) {
		fprintf(stderr, "bench-fit: %s: the main-effects fit fails\n",
		    path);
		mse_model_free(m);
		mse_table_free(t);
		return 1;
	}
	/* Warm up, and find a batch size lasting about BATCH_SECONDS. */
	for (t0 = now(CLOCK_MONOTONIC); now(CLOCK_MONOTONIC) - t0 <
	    BATCH_SECONDS; n *= 2)
		fits(t, m, n);
	for (b = 0; b < BATCHES; b++) {
		t0 = now(CLOCK_MONOTONIC);
		c0 = now(CLOCK_PROCESS_CPUTIME_ID);
		fits(t, m, n);
		v[b] = (now(CLOCK_MONOTONIC) - t0) / (double)n * 1e6;
		cpu += (now(CLOCK_PROCESS_CPUTIME_ID) - c0) / (double)n * 1e6;
	}
	row(v, BATCHES, "us", cpu / BATCHES, 1e6 / median(v, BATCHES), 0);
	mse_model_free(m);
	mse_table_free(t);
	return 0;
}

/* n rounds of Rcapture's closedp.t on t: mse_fit_closedp for every model
 * that applies (with N, its SE, deviance, AIC, BIC and the asymptotic bias
 * of its notes, as closedp.t's table; no intervals, as closedp.t has none);
 * the number of models fitted in the last round. */
static size_t
closed_rounds(const struct mse_table *t, size_t n)
{
	struct mse_fit *f;
	size_t i, ok = 0;
	int m;

	for (i = 0; i < n; i++)
		for (m = 0, ok = 0; m < MSE_CLOSEDP_MODELS; m++) {
			if (!mse_closedp_applies(m, mse_table_lists(t), 0))
				continue;
			if (mse_fit_closedp(t, m, NULL, &f, NULL) == MSE_OK &&
			    isfinite(mse_fit_estimate(f)))
				ok++;
			mse_fit_free(f);
		}
	return ok;
}

static int
bench_closed(const char *path)
{
	struct mse_table *t = load(path);
	double v[BATCHES], c0, t0, cpu = 0;
	size_t n = 1, b;

	if (t == NULL || closed_rounds(t, 1) == 0) {
		fprintf(stderr, "bench-fit: %s: no closed-population model "
		    "fits\n", path);
		mse_table_free(t);
		return 1;
	}
	for (t0 = now(CLOCK_MONOTONIC); now(CLOCK_MONOTONIC) - t0 <
	    BATCH_SECONDS; n *= 2)
		closed_rounds(t, n);
	for (b = 0; b < BATCHES; b++) {
		t0 = now(CLOCK_MONOTONIC);
		c0 = now(CLOCK_PROCESS_CPUTIME_ID);
		closed_rounds(t, n);
		v[b] = (now(CLOCK_MONOTONIC) - t0) / (double)n * 1e6;
		cpu += (now(CLOCK_PROCESS_CPUTIME_ID) - c0) / (double)n * 1e6;
	}
	row(v, BATCHES, "us", cpu / BATCHES, 1e6 / median(v, BATCHES), 0);
	mse_table_free(t);
	return 0;
}

static int
bench_search(const char *path, int order, size_t max_models)
{
	struct mse_table *t = load(path);
	struct mse_select_options o;
	struct mse_select_info info;
	struct mse_model *m;
	struct mse_fit *f;
	struct mse_error err;
	double v[SEARCH_RUNS], t0, c0, cpu = 0;
	size_t r;

	if (t == NULL)
		return 1;
	mse_select_options_init(&o);
	o.method = MSE_SELECT_BIC;
	o.max_order = order;
	if (max_models > 0)
		o.max_models = max_models;
	for (r = 0; r < (max_models > 0 ? 1 : SEARCH_RUNS); r++) {
		t0 = now(CLOCK_MONOTONIC);
		c0 = now(CLOCK_PROCESS_CPUTIME_ID);
		if (mse_select(t, &o, &m, &f, &info, &err) != MSE_OK) {
			fprintf(stderr, "bench-fit: %s\n", err.message);
			mse_table_free(t);
			return 1;
		}
		v[r] = now(CLOCK_MONOTONIC) - t0;
		cpu += now(CLOCK_PROCESS_CPUTIME_ID) - c0;
		mse_model_free(m);
		mse_fit_free(f);
	}
	if (max_models > 0)
		row(v, 1, "s", cpu, (double)info.evaluated / v[0], 0);
	else
		row(v, SEARCH_RUNS, "s", cpu / SEARCH_RUNS,
		    (double)info.evaluated / median(v, SEARCH_RUNS), 0);
	mse_table_free(t);
	return 0;
}

static int
bench_boot(const char *path, int order, int replicates, int threads)
{
	struct mse_table *t = load(path);
	struct mse_select_options o;
	struct mse_bootstrap_options bo;
	struct mse_bootstrap_result r;
	struct mse_error err;
	double v, t0, c0;

	if (t == NULL)
		return 1;
	mse_select_options_init(&o);
	o.method = MSE_SELECT_BIC;
	o.max_order = order;
	mse_bootstrap_options_init(&bo);
	bo.replicates = replicates;
	bo.threads = threads;
	memset(&r, 0, sizeof(r));
	t0 = now(CLOCK_MONOTONIC);
	c0 = now(CLOCK_PROCESS_CPUTIME_ID);
	if (mse_bootstrap(t, &o, NULL, &bo, &r, &err) != MSE_OK) {
		fprintf(stderr, "bench-fit: %s\n", err.message);
		mse_table_free(t);
		return 1;
	}
	v = now(CLOCK_MONOTONIC) - t0;
	row(&v, 1, "s", now(CLOCK_PROCESS_CPUTIME_ID) - c0,
	    (double)replicates / v, 0);
	mse_bootstrap_result_free(&r);
	mse_table_free(t);
	return 0;
}

/* One run of argv with stdout on /dev/null: wall and CPU milliseconds and
 * the peak resident set in megabytes; -1 if it did not exit 0. */
static int
run_once(char **argv, double *wall, double *cpu, double *mem)
{
	struct rusage ru;
	double t0 = now(CLOCK_MONOTONIC);
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		int fd = open("/dev/null", O_WRONLY);

		if (fd >= 0)
			dup2(fd, STDOUT_FILENO);
		execvp(argv[0], argv);
		_exit(127);
	}
	if (pid < 0 || wait4(pid, &status, 0, &ru) != pid)
		return -1;
	*wall = (now(CLOCK_MONOTONIC) - t0) * 1e3;
	*cpu = (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
	    (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
	*mem = (double)ru.ru_maxrss / 1024;	/* kilobytes on Linux */
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

static int
bench_run(int runs, char **argv)
{
	double v[64], c[64], wall, cpu, mem, peak = 0;
	int i;

	if (runs < 1 || runs > 64)
		return 2;
	for (i = -1; i < runs; i++) {
		if (run_once(argv, &wall, &cpu, &mem) != 0) {
			fprintf(stderr, "bench-fit: %s failed\n", argv[0]);
			return 1;
		}
		if (i < 0)
			continue;	/* the warm-up */
		v[i] = wall;
		c[i] = cpu;
		peak = mem > peak ? mem : peak;
	}
	row(v, (size_t)runs, "ms", median(c, (size_t)runs),
	    1e3 / median(v, (size_t)runs), peak);
	return 0;
}

static long
number(const char *s)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	return errno || end == s || *end != '\0' || v < 0 || v > 100000 ?
	    -1 : v;
}

int
main(int argc, char **argv)
{
	gsl_set_error_handler_off();
	if (argc == 3 && strcmp(argv[1], "fit") == 0)
		return bench_fit(argv[2]);
	if (argc == 3 && strcmp(argv[1], "closed") == 0)
		return bench_closed(argv[2]);
	if (argc == 4 && strcmp(argv[1], "search") == 0 && number(argv[3]) > 0)
		return bench_search(argv[2], (int)number(argv[3]), 0);
	if (argc == 5 && strcmp(argv[1], "search") == 0 && number(argv[3]) > 0 &&
	    number(argv[4]) > 0)
		return bench_search(argv[2], (int)number(argv[3]),
		    (size_t)number(argv[4]) * 1024);
	if (argc == 6 && strcmp(argv[1], "boot") == 0 && number(argv[3]) > 0 &&
	    number(argv[4]) > 0 && number(argv[5]) > 0)
		return bench_boot(argv[2], (int)number(argv[3]),
		    (int)number(argv[4]), (int)number(argv[5]));
	if (argc >= 4 && strcmp(argv[1], "run") == 0 && number(argv[2]) > 0)
		return bench_run((int)number(argv[2]), argv + 3);
	fprintf(stderr, "usage: bench-fit fit FILE | closed FILE | search FILE ORDER "
	    "[KMODELS] | boot FILE ORDER B THREADS | run N CMD...\n");
	return 2;
}
