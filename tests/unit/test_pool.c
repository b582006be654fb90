/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_pool.c - unit tests of the thread pool of bootstrap, dga and lcm. */
#include <config.h>

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "mse_private.h"
#include "tap.h"

#define NJOBS 100
#define MAXW 64

/* What a run saw: jobs run, progress calls, and each worker's threads. */
struct seen {
	int runs[NJOBS];
	size_t calls, last, total, bad_order;
	int fail_at;		/* a job index that fails, or -1 */
	size_t after_fail;	/* jobs started after the failure */
	int failed;
	pthread_t caller;
	pthread_t init_th[MAXW], fini_th[MAXW];
	int inits[MAXW], finis[MAXW], fini_caller[MAXW];
	pthread_mutex_t lock;
};

static int
job(struct msei_pool *p, size_t i, size_t worker)
{
	struct seen *s = p->arg;

	pthread_mutex_lock(&s->lock);
	s->runs[i]++;
	if (s->failed)
		s->after_fail++;
	if ((int)i == s->fail_at)
		s->failed = 1;
	pthread_mutex_unlock(&s->lock);
	if (worker >= MAXW || !pthread_equal(pthread_self(),
	    s->init_th[worker]))
		return MSE_EINVAL;
	return (int)i == s->fail_at ? MSE_ENOCONV : MSE_OK;
}

static int
init(struct msei_pool *p, size_t worker)
{
	struct seen *s = p->arg;

	if (worker >= MAXW)
		return MSE_EINVAL;
	s->init_th[worker] = pthread_self();
	s->inits[worker]++;
	return MSE_OK;
}

static void
fini(struct msei_pool *p, size_t worker, int caller)
{
	struct seen *s = p->arg;

	if (worker >= MAXW)
		return;
	s->fini_th[worker] = pthread_self();
	s->finis[worker]++;
	s->fini_caller[worker] = caller;
}

/* Called under the pool's lock: no lock of our own. */
static void
progress(void *arg, size_t done, size_t total)
{
	struct seen *s = arg;

	if (done < s->last || done > total)
		s->bad_order++;
	s->calls++;
	s->last = done;
	s->total = total;
}

static int
run(struct seen *s, int threads, int fail_at, size_t *workers)
{
	struct msei_pool p;
	int rc;

	memset(s, 0, sizeof(*s));
	pthread_mutex_init(&s->lock, NULL);
	s->fail_at = fail_at;
	s->caller = pthread_self();
	memset(&p, 0, sizeof(p));
	p.njobs = NJOBS;
	p.threads = threads;
	p.arg = s;
	p.job = job;
	p.init = init;
	p.fini = fini;
	p.progress = progress;
	p.progress_arg = s;
	*workers = msei_pool_workers(threads, NJOBS);
	rc = msei_pool_run(&p, NULL);
	pthread_mutex_destroy(&s->lock);
	return rc;
}

/* Worker 0 is the calling thread, fini's caller flag says so, and each
 * worker's init and fini ran once, on one thread. */
static int
threads_right(const struct seen *s, size_t workers)
{
	size_t w;

	for (w = 0; w < workers && w < MAXW; w++) {
		if (s->inits[w] == 0 && w > 0)
			continue;	/* a thread that did not start */
		if (s->inits[w] != 1 || s->finis[w] != 1 ||
		    !pthread_equal(s->init_th[w], s->fini_th[w]))
			return 0;
		if ((w == 0) != pthread_equal(s->init_th[w], s->caller) ||
		    s->fini_caller[w] != (w == 0))
			return 0;
	}
	return 1;
}

static void
all_jobs(int threads)
{
	struct seen s;
	size_t workers, i, once = 0;
	int rc = run(&s, threads, -1, &workers);

	for (i = 0; i < NJOBS; i++)
		once += s.runs[i] == 1;
	ok(rc == MSE_OK && once == NJOBS, "threads %d: %zu workers, every "
	    "job ran once", threads, workers);
	ok(s.calls == NJOBS && s.bad_order == 0 && s.last == NJOBS &&
	    s.total == NJOBS, "threads %d: progress rises to done == total "
	    "(%zu calls, last %zu of %zu)", threads, s.calls, s.last,
	    s.total);
	ok(threads_right(&s, workers), "threads %d: init and fini on each "
	    "worker's thread; worker 0 is the caller's", threads);
}

static void
stops(int threads)
{
	struct seen s;
	size_t workers, i, ran = 0;
	int rc = run(&s, threads, 10, &workers);

	for (i = 0; i < NJOBS; i++)
		ran += s.runs[i];
	/* A job already handed out may still start: at most one a worker
	 * after the failure. */
	ok(rc == MSE_ENOCONV && ran < NJOBS && s.after_fail < workers,
	    "threads %d: a failing job stops the pool (%zu of %d ran)",
	    threads, ran, NJOBS);
	ok(s.bad_order == 0 && s.last < NJOBS, "threads %d: no progress to "
	    "the end after a failure", threads);
	ok(threads_right(&s, workers), "threads %d: fini still runs on every "
	    "worker after a failure", threads);
}

static void
workers(void)
{
	is_int((long)msei_pool_workers(1, 1000), 1, "threads 1: one worker");
	is_int((long)msei_pool_workers(7, 1000), 7, "threads 7: seven");
	is_int((long)msei_pool_workers(7, 3), 3, "never more than the jobs");
	is_int((long)msei_pool_workers(0, 0), 1, "no jobs: one worker");
	ok(msei_pool_workers(0, 1000) >= 1 && msei_pool_workers(0, 2) <= 2,
	    "threads 0: one per processor, capped by the jobs");
	is_int((long)msei_pool_workers(100000, 1000000), MSEI_POOL_MAX,
	    "capped at MSEI_POOL_MAX");
}

static void
refused(void)
{
	struct msei_pool p;
	struct mse_error err;

	memset(&p, 0, sizeof(p));
	p.njobs = 1;
	p.threads = -1;
	mse_error_clear(&err);
	ok(msei_pool_run(&p, &err) == MSE_EINVAL && err.code == MSE_EINVAL,
	    "threads -1 is refused: %s", err.message);
}

int
main(void)
{
	int t[] = { 1, 2, 7, 0 };
	size_t i;

	workers();
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		all_jobs(t[i]);
		stops(t[i]);
	}
	refused();
	return tap_done();
}
