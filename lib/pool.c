/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pool.c - one thread pool for the bootstrap, dga and lcm: n jobs, T threads. */
#include <config.h>

#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "mse_private.h"

/* The state of one msei_pool_run, shared by its workers. */
struct msei_pool_state {
	pthread_mutex_t lock;
	size_t next;		/* the next job, under lock */
	size_t done, total;	/* progress units, under lock */
	int rc;			/* the first failure, under lock */
	int stop;		/* set once anything failed, atomic */
};

struct worker {
	struct msei_pool *p;
	size_t id;
	int caller;
};

size_t
msei_pool_workers(int threads, size_t njobs)
{
	long cpus;
	size_t n;

	if (threads == 1 || njobs <= 1)
		return 1;
	if (threads > 0)
		n = (size_t)threads;
	else {
		cpus = sysconf(_SC_NPROCESSORS_ONLN);
		n = cpus > 0 ? (size_t)cpus : 1;
	}
	if (n > njobs)
		n = njobs;
	return n > MSEI_POOL_MAX ? MSEI_POOL_MAX : n;
}

static void
fail(struct msei_pool *p, int rc)
{
	struct msei_pool_state *s = p->state;

	pthread_mutex_lock(&s->lock);
	if (s->rc == MSE_OK)
		s->rc = rc;
	__atomic_store_n(&s->stop, 1, __ATOMIC_RELAXED);
	pthread_mutex_unlock(&s->lock);
}

int
msei_pool_stopped(const struct msei_pool *p)
{
	return __atomic_load_n(&p->state->stop, __ATOMIC_RELAXED);
}

/* Progress is counted and reported under the lock: one thread at a time
 * calls the callback, and done never goes back. */
void
msei_pool_advance(struct msei_pool *p, size_t units)
{
	struct msei_pool_state *s = p->state;

	pthread_mutex_lock(&s->lock);
	s->done = units < s->total - s->done ? s->done + units : s->total;
	if (p->progress != NULL && units > 0)
		p->progress(p->progress_arg, s->done, s->total);
	pthread_mutex_unlock(&s->lock);
}

static int
next_job(struct msei_pool *p, size_t *i)
{
	struct msei_pool_state *s = p->state;
	int more;

	pthread_mutex_lock(&s->lock);
	more = !s->stop && s->next < p->njobs;
	if (more)
		*i = s->next++;
	pthread_mutex_unlock(&s->lock);
	return more;
}

static void *
worker_main(void *arg)
{
	struct worker *k = arg;
	struct msei_pool *p = k->p;
	size_t i;
	int rc = p->init != NULL ? p->init(p, k->id) : MSE_OK;

	if (rc != MSE_OK)
		fail(p, rc);
	while (rc == MSE_OK && next_job(p, &i)) {
		if ((rc = p->job(p, i, k->id)) != MSE_OK)
			fail(p, rc);
		else if (p->units == 0)
			msei_pool_advance(p, 1);
	}
	if (p->fini != NULL)
		p->fini(p, k->id, k->caller);
	return NULL;
}

/* Start workers 1 .. n - 1; a thread that cannot start only means fewer
 * workers, since no result depends on which worker runs a job. */
static size_t
start_workers(struct msei_pool *p, struct worker *k, pthread_t *th,
    size_t n)
{
	size_t i, started = 0;

	for (i = 1; i < n && !msei_pool_stopped(p); i++) {
		k[i].p = p;
		k[i].id = i;
		k[i].caller = 0;
		if (pthread_create(&th[started], NULL, worker_main, &k[i]) != 0)
			break;
		started++;
	}
	return started;
}

int
msei_pool_run(struct msei_pool *p, struct mse_error *err)
{
	size_t n = msei_pool_workers(p->threads, p->njobs), i, started;
	struct msei_pool_state s;
	struct worker *k;
	pthread_t *th;

	if (p->threads < 0)
		return msei_error(err, MSE_EINVAL, "threads must be 0 or more");
	memset(&s, 0, sizeof(s));
	s.total = p->units > 0 ? p->units : p->njobs;
	k = msei_calloc(n, sizeof(*k));
	th = msei_calloc(n, sizeof(*th));
	if (k == NULL || th == NULL || pthread_mutex_init(&s.lock, NULL)) {
		free(k);
		free(th);
		return msei_error(err, MSE_ENOMEM, "out of memory");
	}
	p->state = &s;
	started = start_workers(p, k, th, n);
	/* Worker 0 is the calling thread. */
	k[0].p = p;
	k[0].id = 0;
	k[0].caller = 1;
	worker_main(&k[0]);
	for (i = 0; i < started; i++)
		pthread_join(th[i], NULL);
	if (s.rc == MSE_OK && s.done < s.total)
		msei_pool_advance(p, s.total - s.done);
	pthread_mutex_destroy(&s.lock);
	p->state = NULL;
	free(k);
	free(th);
	if (s.rc != MSE_OK)
		return msei_error(err, s.rc, "%s", mse_strerror(s.rc));
	return MSE_OK;
}

/* ---- rounds under a time budget (mse_private.h) ------------------------- */

double
msei_seconds_since(const struct timespec *start)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - start->tv_sec) +
	    1e-9 * (double)(now.tv_nsec - start->tv_nsec);
}

/* The chains run side by side, so a round's pace is a chain's. */
long
msei_round_afford(double left, double secs, long sweeps, long thin)
{
	double per_draw = secs / (double)(sweeps > 0 ? sweeps : 1) *
	    (double)thin;

	if (!(left > 0))
		return 0;
	if (!(per_draw > 0) || left / per_draw >= (double)(LONG_MAX / 2))
		return LONG_MAX / 2;
	return (long)(left / per_draw);
}

/* The budget is kept to the variation of the pace, not overrun by a round
 * as long as all before it; below a quarter of the draws made (the least
 * growth of lcm's rounds is 1.25 times) another round is not worth it. */
long
msei_round_end(double max_seconds, const struct timespec *start,
    const struct timespec *round, long sweeps, long thin, long done,
    long want)
{
	long afford;

	if (max_seconds <= 0)
		return want;
	afford = msei_round_afford(max_seconds - msei_seconds_since(start),
	    msei_seconds_since(round), sweeps, thin);
	if ((double)afford < 0.25 * (double)done)
		return 0;
	return want - done > afford ? done + afford : want;
}
