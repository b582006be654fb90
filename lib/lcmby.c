/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * lcmby.c - the latent-class model in each stratum (mse-fit -m lcm --by),
 * as the HRDAG studies fit LCMCR to each stratum: a stratum's lists that
 * recorded nobody leave its table, as for every method of mse_by_fit, and
 * the total's posterior is that of the sum of independent strata.
 *
 * The strata's posteriors are independent, so a draw of the total is the
 * sum of one draw from each.  The strata may have run different numbers
 * of draws (the chains run until they converge); each is read at M evenly
 * spaced places, M the fewest draws of any stratum, its chains one after
 * the other, and the j-th draws are added.
 *
 * The cache (mse_lcm_by_fit_cache), for studies that refit hundreds of
 * strata every year when a few changed: one file a stratum, named by an
 * FNV-1a hash of its key, the text of what decides its draws (the
 * library's version and sampler revision, the options, the kept lists'
 * table).  The file begins with the key, which must match whole, so a
 * hash collision or a damaged file is a miss and the stratum is fitted
 * again.  A failure is cached too (a stratum that hits LCMCR's cap takes
 * minutes to fail).  Files are written whole under another name and
 * renamed, so a reader never sees half of one.
 */
#include <config.h>

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mse_private.h"

struct lcm_one {
	struct mse_table *t;	/* the kept lists' table */
	struct mse_lcm *m;	/* NULL: no estimate, why in reason */
	char note[256];
	char reason[256];
	int cached;		/* read from the cache */
};

struct mse_lcm_by {
	struct lcm_one *s;
	size_t n;
	double *total;		/* sorted draws of the total, or NULL */
	long ntotal;
	char reason[256];	/* why the total has no draws */
};

/* Draw j of M evenly spaced ones from m's chains, one after the other. */
static double
spaced_draw(const struct mse_lcm *m, long j, long M)
{
	long per = mse_lcm_samples(m), all = per * mse_lcm_chains(m);
	long i = (long)((double)j * (double)all / (double)M);

	return mse_lcm_draw(m, (int)(i / per), i % per);
}

static int
make_total(struct mse_lcm_by *b)
{
	long M = -1, j;
	size_t i;

	for (i = 0; i < b->n; i++) {
		long all;

		if (b->s[i].m == NULL) {
			snprintf(b->reason, sizeof(b->reason), "no total: a "
			    "stratum has no estimate");
			return MSE_OK;
		}
		all = mse_lcm_samples(b->s[i].m) * mse_lcm_chains(b->s[i].m);
		if (M < 0 || all < M)
			M = all;
	}
	if (M <= 0) {
		snprintf(b->reason, sizeof(b->reason), "no total: no draws");
		return MSE_OK;
	}
	if ((b->total = msei_calloc((size_t)M, sizeof(double))) == NULL)
		return MSE_ENOMEM;
	for (j = 0; j < M; j++)
		for (i = 0; i < b->n; i++)
			b->total[j] += spaced_draw(b->s[i].m, j, M);
	qsort(b->total, (size_t)M, sizeof(double), msei_cmp_double);
	b->ntotal = M;
	return MSE_OK;
}

/* ---- the cache ---------------------------------------------------------- */

/* The key of a stratum's fit: every option that decides the draws (not
 * threads or progress), then the table's nonzero cells. */
static char *
cache_key(const struct mse_table *t, const struct mse_lcm_options *o,
    size_t *len)
{
	uint32_t w;
	char *buf = NULL;
	FILE *f = open_memstream(&buf, len);

	if (f == NULL)
		return NULL;
	fprintf(f, "morketall lcm cache 1\nlibmse %s sampler %d\n",
	    MSE_VERSION_STRING, MSEI_LCM_REVISION);
	fprintf(f, "options %d %a %a %ld %ld %ld %d %lu %d %ld %a %a %a %a "
	    "%d\n", o->classes, o->a_alpha, o->b_alpha, o->samples,
	    o->burnin, o->thin, o->chains, o->seed, o->sampler, o->max_sweeps,
	    o->max_seconds, o->rhat_max, o->ess_min, o->start_sd, o->start);
	fprintf(f, "table of %zu lists\n", mse_table_lists(t));
	for (w = mse_table_next(t, 0); w != 0; w = mse_table_next(t, w))
		fprintf(f, "%lx %a\n", (unsigned long)w, mse_table_get(t, w));
	fputs("end of key\n", f);
	if (fclose(f) != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

static int
cache_path(const char *dir, const char *key, size_t len, char *path,
    size_t size)
{
	uint64_t h = 14695981039346656037ULL;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)key[i];
		h *= 1099511628211ULL;
	}
	return snprintf(path, size, "%s/lcm-%016llx", dir,
	    (unsigned long long)h) < (int)size ? 0 : -1;
}

/* A fit from the cache: 1 when found (*m, or the failure's code and
 * message in e), 0 on a miss, -1 out of memory. */
static int
cache_get(const char *path, const char *key, size_t len, struct mse_lcm **m,
    int *code, struct mse_error *e)
{
	FILE *f = fopen(path, "r");
	/* "error ", a code, a reason (at most 255 bytes), "\n", NUL */
	char *have = NULL, line[300];
	int found = 0, rc, n = 0;

	if (f == NULL)
		return 0;
	if ((have = malloc(len)) == NULL) {
		fclose(f);
		return -1;
	}
	if (fread(have, 1, len, f) == len && memcmp(have, key, len) == 0 &&
	    fgets(line, sizeof(line), f) != NULL) {
		/* Options and memory are never kept (msei_lcm_fit_cached),
		 * so a file that says so is not ours: a miss. */
		if (sscanf(line, "error %d %n", code, &n) == 1 && n > 0 &&
		    *code > 0 && *code != MSE_EINVAL && *code != MSE_ENOMEM) {
			line[strcspn(line, "\n")] = '\0';
			msei_error(e, *code, "%s", line + n);
			found = 1;
		} else if (strcmp(line, "fit\n") == 0) {
			rc = msei_lcm_read(f, m);
			found = rc == MSE_OK ? 1 : rc == MSE_ENOMEM ? -1 : 0;
		}
	}
	free(have);
	fclose(f);
	return found;
}

/* Write a fit (m) or its failure (code, why) to path, whole or not at
 * all. */
static int
cache_put(const char *path, const char *key, size_t len,
    const struct mse_lcm *m, int code, const char *why)
{
	char tmp[4200];
	FILE *f;
	int fd, ok;

	snprintf(tmp, sizeof(tmp), "%s.XXXXXX", path);
	if ((fd = mkstemp(tmp)) < 0)
		return -1;
	if ((f = fdopen(fd, "w")) == NULL) {
		close(fd);
		unlink(tmp);
		return -1;
	}
	ok = fwrite(key, 1, len, f) == len;
	if (m != NULL)
		ok = ok && fputs("fit\n", f) >= 0 &&
		    msei_lcm_write(m, f) == MSE_OK;
	else
		ok = ok && fprintf(f, "error %d %s\n", code, why) > 0;
	ok = fclose(f) == 0 && ok;
	if (!ok || rename(tmp, path) != 0) {
		unlink(tmp);
		return -1;
	}
	return 0;
}

/* The cache directory, made if missing. */
int
msei_lcm_cache_dir(const char *dir, struct mse_error *err)
{
	if (mkdir(dir, 0777) != 0 && errno != EEXIST)
		return msei_error(err, MSE_EIO, "%s: cannot make the cache "
		    "directory: %s", dir, strerror(errno));
	if (access(dir, W_OK | X_OK) != 0)
		return msei_error(err, MSE_EIO, "%s: cannot write in the "
		    "cache directory: %s", dir, strerror(errno));
	return MSE_OK;
}

/*
 * mse_lcm_fit of t with the options o (whole: defaults in), read from the
 * cache in dir when there (*cached = 1), else fitted and written there;
 * dir NULL: no cache.  A cache file that cannot be written is said in
 * note (size bytes, appended to).
 */
int
msei_lcm_fit_cached(const struct mse_table *t, const struct mse_lcm_options *o,
    const char *dir, struct mse_lcm **out, int *cached, char *note,
    size_t size, struct mse_error *e)
{
	char path[4096], *key = NULL;
	size_t len = 0;
	int rc, got = 0, code = 0;

	*out = NULL;
	*cached = 0;
	if (dir != NULL) {
		if ((key = cache_key(t, o, &len)) == NULL)
			return msei_error(e, MSE_ENOMEM, "out of memory");
		if (cache_path(dir, key, len, path, sizeof(path)) != 0) {
			free(key);
			return msei_error(e, MSE_EINVAL, "%s: the cache "
			    "directory's name is too long", dir);
		}
		got = cache_get(path, key, len, out, &code, e);
		if (got < 0) {
			free(key);
			return msei_error(e, MSE_ENOMEM, "out of memory");
		}
	}
	if (got) {
		*cached = 1;
		free(key);
		return *out != NULL ? MSE_OK : code;
	}
	rc = mse_lcm_fit(t, o, out, e);
	/* Options the library refuses, or no memory, are not the table's
	 * answer; nor is a run cut by the clock, which another run may
	 * finish. */
	if (key != NULL && rc != MSE_EINVAL && rc != MSE_ENOMEM &&
	    !(*out != NULL && mse_lcm_stop(*out) == MSE_LCM_STOP_SECONDS) &&
	    cache_put(path, key, len, *out, rc, e != NULL ? e->message : "") !=
	    0) {
		size_t n = strlen(note);

		snprintf(note + n, size - n, "%sthe cache file could not be "
		    "written: %s", n ? "; " : "", strerror(errno));
	}
	free(key);
	return rc;
}

/*
 * One stratum's fit, as mse_by fits one: its lists that recorded nobody
 * leave the table (*kept; note names them), and fewer than two is no
 * estimate; then msei_lcm_fit_cached.  Without an estimate, *m is NULL and
 * reason says why.  Returns the fit's code (MSE_OK for a stratum with
 * fewer than two lists).
 */
int
msei_lcm_fit_stratum(const struct mse_table *t,
    const struct mse_lcm_options *o, const char *dir,
    struct mse_table **kept, struct mse_lcm **m, int *cached, char *note,
    size_t nsize, char *reason, size_t rsize)
{
	size_t idx[MSE_MAX_LISTS], k;
	struct mse_error e;
	int rc;

	*m = NULL;
	*cached = 0;
	mse_error_clear(&e);
	k = msei_kept_lists(t, idx, note, nsize);
	if (k < 2) {
		snprintf(reason, rsize, "no estimate: fewer than 2 lists "
		    "recorded anyone");
		return MSE_OK;
	}
	rc = mse_table_collapse(t, idx, k, kept, &e);
	if (rc == MSE_OK)
		rc = msei_lcm_fit_cached(*kept, o, dir, m, cached, note, nsize,
		    &e);
	if (rc != MSE_OK) {
		*m = NULL;
		snprintf(reason, rsize, "%s", e.message);
	}
	return rc;
}

int
mse_lcm_fit_cache(const struct mse_table *t, const struct mse_lcm_options *o,
    const char *dir, struct mse_lcm **out, int *cached,
    struct mse_error *err)
{
	struct mse_lcm_options def;
	char note[256] = "";
	int rc;

	*out = NULL;
	*cached = 0;
	mse_lcm_options_init(&def);
	if (o != NULL && (rc = msei_sized_in(&def, sizeof(def), o,
	    "mse_lcm_options", err)) != MSE_OK)
		return rc;
	if (dir != NULL && (rc = msei_lcm_cache_dir(dir, err)) != MSE_OK)
		return rc;
	rc = msei_lcm_fit_cached(t, &def, dir, out, cached, note,
	    sizeof(note), err);
	if (rc == MSE_OK && note[0] != '\0')
		*cached = -1;
	return rc;
}

int
mse_lcm_by_fit(const struct mse_strata *s, const struct mse_lcm_options *o,
    struct mse_lcm_by **out, struct mse_error *err)
{
	return mse_lcm_by_fit_cache(s, o, NULL, out, err);
}

int
mse_lcm_by_fit_cache(const struct mse_strata *s,
    const struct mse_lcm_options *o, const char *dir,
    struct mse_lcm_by **out, struct mse_error *err)
{
	struct mse_lcm_options def;
	struct mse_lcm_by *b;
	size_t i;
	int rc = MSE_OK;

	*out = NULL;
	if (mse_strata_count(s) == 0)
		return msei_error(err, MSE_EINVAL, "no strata");
	/* The options whole, defaults in, for the cache's key. */
	mse_lcm_options_init(&def);
	if (o != NULL && (rc = msei_sized_in(&def, sizeof(def), o,
	    "mse_lcm_options", err)) != MSE_OK)
		return rc;
	o = &def;
	if (dir != NULL && (rc = msei_lcm_cache_dir(dir, err)) != MSE_OK)
		return rc;
	if ((b = msei_calloc(1, sizeof(*b))) == NULL ||
	    (b->s = msei_calloc(mse_strata_count(s), sizeof(*b->s))) ==
	    NULL) {
		free(b);
		return msei_error(err, MSE_ENOMEM, "out of memory");
	}
	b->n = mse_strata_count(s);
	for (i = 0; i < b->n && rc != MSE_ENOMEM; i++) {
		struct lcm_one *r = &b->s[i];

		rc = msei_lcm_fit_stratum(mse_strata_table(s, i), o, dir,
		    &r->t, &r->m, &r->cached, r->note, sizeof(r->note),
		    r->reason, sizeof(r->reason));
		if (rc == MSE_EINVAL) {
			/* The options, not the stratum: every stratum would
			 * say the same. */
			msei_error(err, rc, "%s", r->reason);
			mse_lcm_by_free(b);
			return rc;
		}
	}
	if (rc == MSE_ENOMEM || make_total(b) != MSE_OK) {
		mse_lcm_by_free(b);
		return msei_error(err, MSE_ENOMEM, "out of memory");
	}
	*out = b;
	return MSE_OK;
}

void
mse_lcm_by_free(struct mse_lcm_by *b)
{
	size_t i;

	if (b == NULL)
		return;
	for (i = 0; i < b->n; i++) {
		mse_lcm_free(b->s[i].m);
		mse_table_free(b->s[i].t);
	}
	free(b->s);
	free(b->total);
	free(b);
}

size_t
mse_lcm_by_count(const struct mse_lcm_by *b)
{
	return b->n;
}

const struct mse_lcm *
mse_lcm_by_fit_of(const struct mse_lcm_by *b, size_t i, const char **reason)
{
	if (i >= b->n)
		return NULL;
	if (reason != NULL)
		*reason = b->s[i].reason;
	return b->s[i].m;
}

const char *
mse_lcm_by_note(const struct mse_lcm_by *b, size_t i)
{
	return i < b->n ? b->s[i].note : "";
}

int
mse_lcm_by_cached(const struct mse_lcm_by *b, size_t i)
{
	return i < b->n && b->s[i].cached;
}

long
mse_lcm_by_total_draws(const struct mse_lcm_by *b, const char **reason)
{
	if (reason != NULL)
		*reason = b->reason;
	return b->ntotal;
}

/* The total's posterior mean, sd and quantile p (type 7, as R's
 * quantile() and mse_lcm_quantile); NaN without draws. */
double
mse_lcm_by_total_mean(const struct mse_lcm_by *b)
{
	double s = 0;
	long j;

	if (b->ntotal == 0)
		return NAN;
	for (j = 0; j < b->ntotal; j++)
		s += b->total[j];
	return s / (double)b->ntotal;
}

double
mse_lcm_by_total_sd(const struct mse_lcm_by *b)
{
	double mean = mse_lcm_by_total_mean(b), s = 0;
	long j;

	if (b->ntotal < 2)
		return NAN;
	for (j = 0; j < b->ntotal; j++)
		s += (b->total[j] - mean) * (b->total[j] - mean);
	return sqrt(s / (double)(b->ntotal - 1));
}

double
mse_lcm_by_total_quantile(const struct mse_lcm_by *b, double p)
{
	if (b->ntotal == 0 || !(p >= 0 && p <= 1))
		return NAN;
	return msei_quantile7(b->total, (size_t)b->ntotal, p);
}
