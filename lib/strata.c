/* SPDX-License-Identifier: GPL-3.0-or-later */
/* strata.c - stratified tables: one capture-history table per stratum. */
#include <config.h>

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mse_private.h"

/* The most strata mse_strata_complete makes: a cross of the variables'
 * values beyond this is surely a mistake (a free-text column). */
#define COMPLETE_MAX 1000000u

struct stratum {
	char **values;
	struct mse_table *t;
};

struct incomplete {
	char **values;		/* NULL where missing */
	uint32_t pattern;
	double count;
};

struct mse_strata {
	size_t k, nvars;
	char **lists, **vars;
	struct stratum *v;
	size_t n, cap;
	struct msei_map index;	/* joined values -> stratum */
	int *trend;		/* nvars degrees, 0 for a factor; or NULL */
	/* Units with a missing value (NULL) of some variable: one row per
	 * values and pattern, their count summed. */
	struct incomplete *inc;
	size_t ninc, inccap;
	struct msei_map incindex;	/* joined values and pattern -> row */
};

/* ---- a hash map from byte strings to indices (FNV-1a, open addressing) */

#define FNV_OFFSET 14695981039346656037ULL	/* FNV-1a, 64-bit */
#define FNV_PRIME 1099511628211ULL
#define ARENA_BLOCK 65536

static uint64_t
hash_bytes(const char *s, size_t len)
{
	uint64_t h = FNV_OFFSET;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= FNV_PRIME;
	}
	return h;
}

/* Copy a key into the arena: keys are never freed one by one. */
static char *
arena_copy(struct msei_map *m, const char *key, size_t len)
{
	char *p;

	if (m->arena == NULL || m->used + len > m->block) {
		size_t size = len > ARENA_BLOCK ? len : ARENA_BLOCK;
		char **blocks = msei_reallocarray(m->blocks, m->nblocks + 1,
		    sizeof(*blocks));

		if (blocks == NULL)
			return NULL;
		m->blocks = blocks;
		if ((m->arena = malloc(size)) == NULL)
			return NULL;
		m->blocks[m->nblocks++] = m->arena;
		m->block = size;
		m->used = 0;
	}
	p = m->arena + m->used;
	if (len > 0)
		memcpy(p, key, len);
	m->used += len;
	return p;
}

static int
map_grow(struct msei_map *m)
{
	size_t cap = m->cap ? 2 * m->cap : 64, i, j;
	struct msei_slot *slots = msei_calloc(cap, sizeof(*slots));

	if (slots == NULL)
		return MSE_ENOMEM;
	for (i = 0; i < m->cap; i++) {
		if (m->slots[i].key == NULL)
			continue;
		j = m->slots[i].hash & (cap - 1);
		while (slots[j].key != NULL)
			j = (j + 1) & (cap - 1);
		slots[j] = m->slots[i];
	}
	free(m->slots);
	m->slots = slots;
	m->cap = cap;
	return MSE_OK;
}

/* Find key; if absent, add it with value val.  *found says which. */
int
msei_map_put(struct msei_map *m, const char *key, size_t len, size_t val,
    size_t *out, int *found)
{
	uint64_t h = hash_bytes(key, len);
	size_t j;

	if ((m->n + 1) * 2 > m->cap && map_grow(m) != MSE_OK)
		return MSE_ENOMEM;
	for (j = h & (m->cap - 1); m->slots[j].key != NULL;
	    j = (j + 1) & (m->cap - 1))
		if (m->slots[j].hash == h && m->slots[j].len == len &&
		    memcmp(m->slots[j].key, key, len) == 0) {
			*out = m->slots[j].val;
			*found = 1;
			return MSE_OK;
		}
	/* An empty key is stored as a non-NULL pointer all the same. */
	m->slots[j].key = len > 0 ? arena_copy(m, key, len) : "";
	if (m->slots[j].key == NULL)
		return MSE_ENOMEM;
	m->slots[j].len = len;
	m->slots[j].hash = h;
	m->slots[j].val = val;
	m->n++;
	*out = val;
	*found = 0;
	return MSE_OK;
}

int
msei_map_get(const struct msei_map *m, const char *key, size_t len,
    size_t *out)
{
	uint64_t h = hash_bytes(key, len);
	size_t j;

	if (m->cap == 0)
		return 0;
	for (j = h & (m->cap - 1); m->slots[j].key != NULL;
	    j = (j + 1) & (m->cap - 1))
		if (m->slots[j].hash == h && m->slots[j].len == len &&
		    memcmp(m->slots[j].key, key, len) == 0) {
			*out = m->slots[j].val;
			return 1;
		}
	return 0;
}

void
msei_map_free(struct msei_map *m)
{
	size_t i;

	for (i = 0; i < m->nblocks; i++)
		free(m->blocks[i]);
	free(m->blocks);
	free(m->slots);
	memset(m, 0, sizeof(*m));
}

/* Join n strings into one key, each followed by a NUL, in *buf (grown as
 * needed); return its length, or 0 with *buf NULL when out of memory. */
size_t
msei_join(const char *const *v, size_t n, char **buf, size_t *cap)
{
	size_t i, len = 0, l;

	for (i = 0; i < n; i++) {
		l = strlen(v[i]) + 1;
		if (len + l > *cap) {
			size_t c = 2 * (len + l) + 64;
			char *p = realloc(*buf, c);

			if (p == NULL) {
				free(*buf);
				*buf = NULL;
				*cap = 0;
				return 0;
			}
			*buf = p;
			*cap = c;
		}
		memcpy(*buf + len, v[i], l);
		len += l;
	}
	return len;
}

/* ---- the strata object ------------------------------------------------ */

static char **
copy_names(size_t n, const char *const *names, const char *fallback)
{
	char **v = msei_calloc(n + 1, sizeof(*v));
	char buf[32];
	size_t i;

	if (v == NULL)
		return NULL;
	for (i = 0; i < n; i++) {
		const char *nm = names != NULL ? names[i] : NULL;

		if (nm == NULL) {
			snprintf(buf, sizeof(buf), "%s%zu", fallback, i + 1);
			nm = buf;
		}
		if ((v[i] = strdup(nm)) == NULL) {
			while (i > 0)
				free(v[--i]);
			free(v);
			return NULL;
		}
	}
	return v;
}

static void
free_names(char **v, size_t n)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* Names must be non-empty and distinct, lists and variables together. */
static int
check_names(size_t k, const char *const *lists, size_t nvars,
    const char *const *vars, struct mse_error *err)
{
	size_t i, j, n = k + nvars;

	for (i = 0; i < n; i++) {
		const char *a = i < k ? (lists ? lists[i] : NULL) :
		    vars[i - k];

		if (a == NULL)
			continue;
		if (a[0] == '\0')
			return msei_error(err, MSE_EINVAL, "an empty %s name",
			    i < k ? "list" : "stratum variable");
		for (j = 0; j < i; j++) {
			const char *b = j < k ? (lists ? lists[j] : NULL) :
			    vars[j - k];

			if (b != NULL && strcmp(a, b) == 0)
				return msei_error(err, MSE_EINVAL, "the name "
				    "'%s' is given twice", a);
		}
	}
	return MSE_OK;
}

struct mse_strata *
mse_strata_new(size_t k, const char *const *lists, size_t nvars,
    const char *const *vars, struct mse_error *err)
{
	struct mse_strata *s;
	size_t i;

	if (k < 2 || k > MSE_MAX_LISTS) {
		msei_error(err, MSE_EINVAL, "%zu lists; a table needs 2 to %d",
		    k, MSE_MAX_LISTS);
		return NULL;
	}
	for (i = 0; i < nvars; i++)
		if (vars == NULL || vars[i] == NULL) {
			msei_error(err, MSE_EINVAL, "a stratum variable has "
			    "no name");
			return NULL;
		}
	if (check_names(k, lists, nvars, vars, err) != MSE_OK)
		return NULL;
	s = calloc(1, sizeof(*s));
	if (s == NULL)
		goto nomem;
	s->k = k;
	s->nvars = nvars;
	s->lists = copy_names(k, lists, "L");
	s->vars = copy_names(nvars, vars, "V");
	if (s->lists == NULL || s->vars == NULL)
		goto nomem;
	return s;
nomem:
	mse_strata_free(s);
	msei_error(err, MSE_ENOMEM, "out of memory");
	return NULL;
}

static void
free_strata(struct stratum *v, size_t n, size_t nvars)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free_names(v[i].values, nvars);
		mse_table_free(v[i].t);
	}
	free(v);
}

static void
free_incomplete(struct mse_strata *s)
{
	size_t i, j;

	for (i = 0; i < s->ninc; i++) {
		for (j = 0; j < s->nvars; j++)
			free(s->inc[i].values[j]);
		free(s->inc[i].values);
	}
	free(s->inc);
	msei_map_free(&s->incindex);
	s->inc = NULL;
	s->ninc = s->inccap = 0;
}

void
mse_strata_free(struct mse_strata *s)
{
	if (s == NULL)
		return;
	free_strata(s->v, s->n, s->nvars);
	free_incomplete(s);
	free_names(s->lists, s->k);
	free_names(s->vars, s->nvars);
	msei_map_free(&s->index);
	free(s->trend);
	free(s);
}

size_t
mse_strata_lists(const struct mse_strata *s)
{
	return s->k;
}

const char *
mse_strata_list(const struct mse_strata *s, size_t list)
{
	return list < s->k ? s->lists[list] : NULL;
}

/*
 * Variable var as a polynomial trend of the given degree in covariate
 * models: every value must be a number, and there must be more distinct
 * values than the degree.  Degree 0 makes it a factor again.
 */
int
mse_strata_set_trend(struct mse_strata *s, const char *var, int degree,
    struct mse_error *err)
{
	long v = mse_strata_find_var(s, var);
	size_t i, j, distinct = 0;

	if (v < 0)
		return msei_error(err, MSE_EINVAL, "no stratum variable "
		    "'%s' for a trend", var);
	if (degree < 0 || degree > MSE_TREND_MAX)
		return msei_error(err, MSE_EINVAL, "trend degree %d for '%s': "
		    "it must be 1 to %d", degree, var, MSE_TREND_MAX);
	for (i = 0; degree > 0 && i < s->n; i++) {
		const char *x = s->v[i].values[v];
		char *end;
		double n = strtod(x, &end);

		if (*x == '\0' || *end != '\0' || !isfinite(n))
			return msei_error(err, MSE_EDOMAIN, "a trend needs "
			    "numbers: the value '%s' of '%s' is not one", x,
			    var);
		for (j = 0; j < i && strcmp(s->v[j].values[v], x) != 0; j++)
			;
		distinct += j == i;
	}
	if (degree > 0 && (size_t)degree >= distinct)
		return msei_error(err, MSE_EDOMAIN, "a trend of degree %d in "
		    "'%s' needs at least %d distinct values; it has %zu",
		    degree, var, degree + 1, distinct);
	if (s->trend == NULL &&
	    (s->trend = msei_calloc(s->nvars + 1, sizeof(int))) == NULL)
		return msei_error(err, MSE_ENOMEM, "out of memory");
	s->trend[v] = degree;
	return MSE_OK;
}

int
mse_strata_trend(const struct mse_strata *s, size_t var)
{
	return s->trend != NULL && var < s->nvars ? s->trend[var] : 0;
}

long
mse_strata_find_list(const struct mse_strata *s, const char *name)
{
	size_t i;

	for (i = 0; i < s->k; i++)
		if (strcmp(s->lists[i], name) == 0)
			return (long)i;
	return -1;
}

size_t
mse_strata_vars(const struct mse_strata *s)
{
	return s->nvars;
}

const char *
mse_strata_var(const struct mse_strata *s, size_t var)
{
	return var < s->nvars ? s->vars[var] : NULL;
}

long
mse_strata_find_var(const struct mse_strata *s, const char *name)
{
	size_t i;

	for (i = 0; i < s->nvars; i++)
		if (strcmp(s->vars[i], name) == 0)
			return (long)i;
	return -1;
}

size_t
mse_strata_count(const struct mse_strata *s)
{
	return s->n;
}

const char *
mse_strata_value(const struct mse_strata *s, size_t stratum, size_t var)
{
	if (stratum >= s->n || var >= s->nvars)
		return NULL;
	return s->v[stratum].values[var];
}

const struct mse_table *
mse_strata_table(const struct mse_strata *s, size_t stratum)
{
	return stratum < s->n ? s->v[stratum].t : NULL;
}

long
mse_strata_find(const struct mse_strata *s, const char *const *values)
{
	char *key = NULL;
	size_t cap = 0, len, idx;
	int found;

	len = msei_join(values, s->nvars, &key, &cap);
	if (len == 0 && s->nvars > 0)
		return -1;
	found = msei_map_get(&s->index, key != NULL ? key : "", len, &idx);
	free(key);
	return found ? (long)idx : -1;
}

/* Append a new stratum with these values and an empty table. */
static int
new_stratum(struct mse_strata *s, const char *const *values,
    struct mse_error *err)
{
	struct stratum *st;

	if (s->n == s->cap) {
		size_t n = s->cap ? 2 * s->cap : 16;
		void *p = msei_reallocarray(s->v, n, sizeof(*s->v));

		if (p == NULL)
			return msei_error(err, MSE_ENOMEM, "out of memory");
		s->v = p;
		s->cap = n;
	}
	st = &s->v[s->n];
	st->values = copy_names(s->nvars, values, "");
	st->t = mse_table_new(s->k, (const char *const *)s->lists, err);
	if (st->values == NULL || st->t == NULL) {
		free_names(st->values, s->nvars);
		mse_table_free(st->t);
		return msei_error(err, MSE_ENOMEM, "out of memory");
	}
	s->n++;
	return MSE_OK;
}

/* The stratum with these values, made if it is new. */
int
msei_strata_intern(struct mse_strata *s, const char *const *values,
    size_t *stratum, struct mse_error *err)
{
	char *key = NULL;
	size_t cap = 0, len;
	int found = 0, rc;

	len = msei_join(values, s->nvars, &key, &cap);
	if (key == NULL && s->nvars > 0)
		return msei_error(err, MSE_ENOMEM, "out of memory");
	rc = msei_map_put(&s->index, key != NULL ? key : "", len, s->n,
	    stratum, &found);
	free(key);
	if (rc != MSE_OK)
		return msei_error(err, MSE_ENOMEM, "out of memory");
	if (!found)
		return new_stratum(s, values, err);
	return MSE_OK;
}

int
msei_strata_add_at(struct mse_strata *s, size_t stratum, uint32_t pattern,
    double count, struct mse_error *err)
{
	const struct mse_table *t = s->v[stratum].t;

	if (pattern == 0 && count == 0)
		return MSE_OK;
	return mse_table_set(s->v[stratum].t, pattern,
	    mse_table_get(t, pattern) + count, err);
}

int
mse_strata_add(struct mse_strata *s, const char *const *values,
    uint32_t pattern, double count, size_t *stratum, struct mse_error *err)
{
	size_t i, idx;
	int rc;

	if (pattern >> s->k != 0 || (pattern == 0 && count != 0))
		return msei_error(err, MSE_EINVAL, "pattern %lu is outside "
		    "1..2^%zu-1", (unsigned long)pattern, s->k);
	for (i = 0; i < s->nvars; i++)
		if (values == NULL || values[i] == NULL)
			return msei_error(err, MSE_EINVAL, "a stratum value "
			    "is missing");
	rc = msei_strata_intern(s, values, &idx, err);
	if (rc == MSE_OK)
		rc = msei_strata_add_at(s, idx, pattern, count, err);
	if (rc == MSE_OK && stratum != NULL)
		*stratum = idx;
	return rc;
}

/* ---- units with a missing value ----------------------------------------- */

int
mse_strata_add_incomplete(struct mse_strata *s, const char *const *values,
    uint32_t pattern, double count, struct mse_error *err)
{
	const char **key;
	char pat[16], *buf = NULL;
	size_t cap = 0, len, i, row, nmiss = 0;
	struct incomplete *r;
	int found = 0, rc;

	if (pattern == 0 || pattern >> s->k != 0)
		return msei_error(err, MSE_EINVAL, "pattern %lu is outside "
		    "1..2^%zu-1", (unsigned long)pattern, s->k);
	if (!(count >= 0) || count != floor(count) ||
	    count > 9007199254740992.0)
		return msei_error(err, MSE_EINVAL, "count %g is not a whole "
		    "number in 0..2^53", count);
	for (i = 0; i < s->nvars; i++) {
		if (values != NULL && values[i] != NULL && values[i][0] == '\0')
			return msei_error(err, MSE_EINVAL, "an empty stratum "
			    "value: pass NULL for a missing one");
		nmiss += values == NULL || values[i] == NULL;
	}
	if (nmiss == 0)
		return mse_strata_add(s, values, pattern, count, NULL, err);
	if (count == 0)
		return MSE_OK;
	if ((key = msei_calloc(s->nvars + 1, sizeof(*key))) == NULL)
		return msei_error(err, MSE_ENOMEM, "out of memory");
	for (i = 0; i < s->nvars; i++)
		key[i] = values != NULL && values[i] != NULL ? values[i] : "";
	snprintf(pat, sizeof(pat), "%lu", (unsigned long)pattern);
	key[s->nvars] = pat;
	len = msei_join(key, s->nvars + 1, &buf, &cap);
	rc = buf == NULL ? MSE_ENOMEM : msei_map_put(&s->incindex, buf, len,
	    s->ninc, &row, &found);
	free(buf);
	if (rc != MSE_OK) {
		free(key);
		return msei_error(err, MSE_ENOMEM, "out of memory");
	}
	if (found) {
		free(key);
		s->inc[row].count += count;
		return MSE_OK;
	}
	if (s->ninc == s->inccap) {
		size_t n = s->inccap ? 2 * s->inccap : 16;
		void *p = msei_reallocarray(s->inc, n, sizeof(*s->inc));

		if (p == NULL) {
			free(key);
			return msei_error(err, MSE_ENOMEM, "out of memory");
		}
		s->inc = p;
		s->inccap = n;
	}
	r = &s->inc[s->ninc];
	if ((r->values = msei_calloc(s->nvars + 1, sizeof(char *))) == NULL) {
		free(key);
		return msei_error(err, MSE_ENOMEM, "out of memory");
	}
	for (i = 0; i < s->nvars; i++)
		if (key[i][0] != '\0' && (r->values[i] = strdup(key[i])) ==
		    NULL) {
			while (i > 0)
				free(r->values[--i]);
			free(r->values);
			free(key);
			return msei_error(err, MSE_ENOMEM, "out of memory");
		}
	free(key);
	r->pattern = pattern;
	r->count = count;
	s->ninc++;
	return MSE_OK;
}

const char *const *
msei_strata_incomplete_values(const struct mse_strata *s, size_t row)
{
	return row < s->ninc ? (const char *const *)s->inc[row].values : NULL;
}

void
msei_strata_set_incomplete(struct mse_strata *s, size_t row, double count)
{
	if (row < s->ninc)
		s->inc[row].count = count;
}

size_t
mse_strata_incomplete(const struct mse_strata *s)
{
	return s->ninc;
}

const char *
mse_strata_incomplete_value(const struct mse_strata *s, size_t row,
    size_t var)
{
	return row < s->ninc && var < s->nvars ? s->inc[row].values[var] :
	    NULL;
}

uint32_t
mse_strata_incomplete_pattern(const struct mse_strata *s, size_t row)
{
	return row < s->ninc ? s->inc[row].pattern : 0;
}

double
mse_strata_incomplete_count(const struct mse_strata *s, size_t row)
{
	return row < s->ninc ? s->inc[row].count : 0;
}

double
mse_strata_missing(const struct mse_strata *s)
{
	double n = 0;
	size_t i;

	for (i = 0; i < s->ninc; i++)
		n += s->inc[i].count;
	return n;
}

/* A whole decimal number, as strtod reads it to the end. */
static int
as_number(const char *s, double *v)
{
	char *end;

	if (s[0] == '\0' || strchr("+-.0123456789", s[0]) == NULL)
		return 0;
	errno = 0;
	*v = strtod(s, &end);
	return *end == '\0' && errno == 0 && isfinite(*v);
}

int
mse_value_cmp(const char *a, const char *b)
{
	double x, y;
	int na = as_number(a, &x), nb = as_number(b, &y);

	if (na && nb && x != y)
		return x < y ? -1 : 1;
	if (na != nb)
		return na ? -1 : 1;
	return strcmp(a, b);
}

/* Rebuild the index after the strata have moved. */
static int
reindex(struct mse_strata *s, struct mse_error *err)
{
	size_t i, idx;
	char *key = NULL;
	size_t cap = 0, len;
	int found, rc = MSE_OK;

	msei_map_free(&s->index);
	for (i = 0; i < s->n && rc == MSE_OK; i++) {
		len = msei_join((const char *const *)s->v[i].values, s->nvars,
		    &key, &cap);
		if (key == NULL && s->nvars > 0)
			rc = MSE_ENOMEM;
		else
			rc = msei_map_put(&s->index, key != NULL ? key : "",
			    len, i, &idx, &found);
	}
	free(key);
	return rc == MSE_OK ? MSE_OK :
	    msei_error(err, MSE_ENOMEM, "out of memory");
}

/* The strata's values as mse_value_cmp reads them, each read once: the
 * number (num[i * nvars + j]) when isnum says it is one. */
struct sortkeys {
	const struct stratum *v;
	size_t nvars;
	double *num;
	unsigned char *isnum;
};

/* mse_value_cmp of strata a and b, variable by variable. */
static int
key_cmp(const struct sortkeys *k, size_t a, size_t b)
{
	size_t j, ia = a * k->nvars, ib = b * k->nvars;
	int c;

	for (j = 0; j < k->nvars; j++, ia++, ib++) {
		if (k->isnum[ia] && k->isnum[ib] && k->num[ia] != k->num[ib])
			return k->num[ia] < k->num[ib] ? -1 : 1;
		if (k->isnum[ia] != k->isnum[ib])
			return k->isnum[ia] ? -1 : 1;
		if ((c = strcmp(k->v[a].values[j], k->v[b].values[j])) != 0)
			return c;
	}
	return 0;
}

/* A stable merge sort of the indices; qsort has no context argument for
 * the keys, and lib/ keeps no writable global state. */
static void
merge_sort(const struct sortkeys *k, size_t *v, size_t *tmp, size_t n)
{
	size_t h = n / 2, i = 0, j = h, o = 0;

	if (n < 2)
		return;
	merge_sort(k, v, tmp, h);
	merge_sort(k, v + h, tmp, n - h);
	while (i < h && j < n)
		tmp[o++] = key_cmp(k, v[j], v[i]) < 0 ? v[j++] : v[i++];
	while (i < h)
		tmp[o++] = v[i++];
	while (j < n)
		tmp[o++] = v[j++];
	memcpy(v, tmp, n * sizeof(*v));
}

int
mse_strata_sort(struct mse_strata *s, struct mse_error *err)
{
	struct sortkeys k = { s->v, s->nvars, NULL, NULL };
	struct stratum *copy = NULL;
	size_t *idx = NULL, *tmp = NULL, i, j, n = s->n * s->nvars;
	int rc = MSE_OK;

	if (s->n < 2)
		return MSE_OK;
	if (s->nvars > 0 && s->n > SIZE_MAX / s->nvars)
		return msei_error(err, MSE_ENOMEM, "out of memory");
	k.num = msei_calloc(n, sizeof(*k.num));
	k.isnum = msei_calloc(n, 1);
	idx = msei_calloc(s->n, sizeof(*idx));
	tmp = msei_calloc(s->n, sizeof(*tmp));
	copy = msei_calloc(s->n, sizeof(*copy));
	if (k.num == NULL || k.isnum == NULL || idx == NULL || tmp == NULL ||
	    copy == NULL)
		rc = msei_error(err, MSE_ENOMEM, "out of memory");
	for (i = 0; rc == MSE_OK && i < s->n; i++) {
		idx[i] = i;
		for (j = 0; j < s->nvars; j++)
			k.isnum[i * s->nvars + j] = (unsigned char)as_number(
			    s->v[i].values[j], &k.num[i * s->nvars + j]);
	}
	if (rc == MSE_OK) {
		merge_sort(&k, idx, tmp, s->n);
		memcpy(copy, s->v, s->n * sizeof(*copy));
		for (i = 0; i < s->n; i++)
			s->v[i] = copy[idx[i]];
	}
	free(k.num);
	free(k.isnum);
	free(idx);
	free(tmp);
	free(copy);
	return rc == MSE_OK ? reindex(s, err) : rc;
}

static int
value_qcmp(const void *a, const void *b)
{
	return mse_value_cmp(*(char *const *)a, *(char *const *)b);
}

/* The distinct values of variable var, sorted, as borrowed pointers. */
static int
levels(const struct mse_strata *s, size_t var, const char ***out, size_t *n)
{
	struct msei_map seen = { 0 };
	const char **v = msei_calloc(s->n + s->ninc + 1, sizeof(*v));
	size_t i, idx;
	int found, rc = MSE_OK;

	*n = 0;
	if (v == NULL)
		return MSE_ENOMEM;
	/* A value only units with a missing value have is a level too. */
	for (i = 0; i < s->n + s->ninc && rc == MSE_OK; i++) {
		const char *x = i < s->n ? s->v[i].values[var] :
		    s->inc[i - s->n].values[var];

		if (x == NULL)
			continue;

		rc = msei_map_put(&seen, x, strlen(x), *n, &idx, &found);
		if (rc == MSE_OK && !found)
			v[(*n)++] = x;
	}
	msei_map_free(&seen);
	qsort(v, *n, sizeof(*v), value_qcmp);
	*out = v;
	return rc;
}

/* Every combination of the levels, in odometer order (last fastest). */
static int
add_crossing(struct mse_strata *s, const char ***lv, const size_t *nl,
    struct mse_error *err)
{
	size_t *at = msei_calloc(s->nvars + 1, sizeof(*at)), j, idx;
	const char **vals = msei_calloc(s->nvars + 1, sizeof(*vals));
	int rc = MSE_OK;

	if (at == NULL || vals == NULL)
		rc = msei_error(err, MSE_ENOMEM, "out of memory");
	while (rc == MSE_OK) {
		for (j = 0; j < s->nvars; j++)
			vals[j] = lv[j][at[j]];
		rc = msei_strata_intern(s, vals, &idx, err);
		for (j = s->nvars; j > 0; j--) {
			if (++at[j - 1] < nl[j - 1])
				break;
			at[j - 1] = 0;
		}
		if (j == 0)
			break;
	}
	free(at);
	free(vals);
	return rc;
}

int
mse_strata_complete(struct mse_strata *s, struct mse_error *err)
{
	const char ***lv;
	size_t *nl, j;
	double cells = 1;
	int rc = MSE_OK;

	if (s->nvars == 0 || s->n == 0)
		return MSE_OK;
	lv = msei_calloc(s->nvars, sizeof(*lv));
	nl = msei_calloc(s->nvars, sizeof(*nl));
	if (lv == NULL || nl == NULL)
		rc = MSE_ENOMEM;
	for (j = 0; j < s->nvars && rc == MSE_OK; j++) {
		rc = levels(s, j, &lv[j], &nl[j]);
		cells *= (double)nl[j];
	}
	if (rc != MSE_OK)
		rc = msei_error(err, MSE_ENOMEM, "out of memory");
	else if (cells > COMPLETE_MAX)
		rc = msei_error(err, MSE_EDOMAIN, "the combinations of the "
		    "stratum values number %.0f; at most %u are supported",
		    cells, COMPLETE_MAX);
	else
		rc = add_crossing(s, lv, nl, err);
	for (j = 0; lv != NULL && j < s->nvars; j++)
		free(lv[j]);
	free(lv);
	free(nl);
	return rc == MSE_OK ? mse_strata_sort(s, err) : rc;
}

int
mse_strata_format(const struct mse_strata *s, size_t stratum, char *buf,
    size_t size)
{
	size_t j, len = 0;
	int n;

	if (size == 0 || stratum >= s->n)
		return MSE_EINVAL;
	buf[0] = '\0';
	if (s->nvars == 0) {
		snprintf(buf, size, "all");
		return MSE_OK;
	}
	for (j = 0; j < s->nvars && len < size; j++) {
		n = snprintf(buf + len, size - len, "%s%s=%s", j ? ", " : "",
		    s->vars[j], s->v[stratum].values[j]);
		if (n < 0)
			return MSE_EINVAL;
		len += (size_t)n;
	}
	return len < size ? MSE_OK : MSE_EINVAL;
}

/* ---- list operations --------------------------------------------------- */

/* The incomplete rows on k2 new lists (as remap): added again, so rows
 * that now share their pattern are one. */
static int
remap_incomplete(struct mse_strata *s, size_t k2, const uint32_t *mask,
    struct mse_error *err)
{
	struct incomplete *old = s->inc;
	struct msei_map oldindex = s->incindex;
	size_t nold = s->ninc, i, j, k = s->k;
	int rc = MSE_OK;

	if (nold == 0)
		return MSE_OK;
	s->inc = NULL;
	s->ninc = s->inccap = 0;
	memset(&s->incindex, 0, sizeof(s->incindex));
	s->k = k2;
	for (i = 0; i < nold && rc == MSE_OK; i++) {
		uint32_t v = 0;

		for (j = 0; j < k2; j++)
			v |= (uint32_t)((old[i].pattern & mask[j]) != 0) << j;
		if (v != 0)
			rc = mse_strata_add_incomplete(s, (const char *const *)
			    old[i].values, v, old[i].count, err);
	}
	s->k = k;
	if (rc != MSE_OK) {
		free_incomplete(s);
		s->inc = old;
		s->ninc = s->inccap = nold;
		s->incindex = oldindex;
		return rc;
	}
	for (i = 0; i < nold; i++) {
		for (j = 0; j < s->nvars; j++)
			free(old[i].values[j]);
		free(old[i].values);
	}
	free(old);
	msei_map_free(&oldindex);
	return MSE_OK;
}

/* Rebuild every table on k2 new lists: new list j holds the units on any
 * of the old lists in mask[j]; units on none of them leave. */
static int
remap(struct mse_strata *s, size_t k2, const char *const *names,
    const uint32_t *mask, struct mse_error *err)
{
	struct mse_table **nt = msei_calloc(s->n + 1, sizeof(*nt));
	uint32_t w, v;
	char **nl = copy_names(k2, names, "L");
	size_t i, j;
	int rc = MSE_OK;

	if (nt == NULL || nl == NULL)
		rc = msei_error(err, MSE_ENOMEM, "out of memory");
	for (i = 0; i < s->n && rc == MSE_OK; i++) {
		nt[i] = mse_table_new(k2, names, err);
		if (nt[i] == NULL) {
			rc = err != NULL ? err->code : MSE_ENOMEM;
			break;
		}
		for (w = mse_table_next(s->v[i].t, 0); w != 0 && rc == MSE_OK;
		    w = mse_table_next(s->v[i].t, w)) {
			double c = mse_table_get(s->v[i].t, w);

			for (v = 0, j = 0; j < k2; j++)
				v |= (uint32_t)((w & mask[j]) != 0) << j;
			if (c > 0 && v != 0)
				rc = mse_table_set(nt[i], v,
				    mse_table_get(nt[i], v) + c, err);
		}
	}
	if (rc == MSE_OK)
		rc = remap_incomplete(s, k2, mask, err);
	if (rc == MSE_OK) {
		for (i = 0; i < s->n; i++) {
			mse_table_free(s->v[i].t);
			s->v[i].t = nt[i];
		}
		free_names(s->lists, s->k);
		s->lists = nl;
		s->k = k2;
		nl = NULL;
	} else
		for (i = 0; nt != NULL && i < s->n; i++)
			mse_table_free(nt[i]);
	free(nt);
	free_names(nl, k2);
	return rc;
}

static int
need_list(const struct mse_strata *s, const char *name, size_t *idx,
    struct mse_error *err)
{
	long i = name != NULL ? mse_strata_find_list(s, name) : -1;

	if (i < 0)
		return msei_error(err, MSE_EINVAL, "no list named '%s'",
		    name != NULL ? name : "");
	*idx = (size_t)i;
	return MSE_OK;
}

/* A new name must be non-empty and not another list's or a variable's. */
static int
free_name(const struct mse_strata *s, const char *name, size_t skip1,
    size_t skip2, struct mse_error *err)
{
	long i;

	if (name == NULL || name[0] == '\0')
		return msei_error(err, MSE_EINVAL, "the new name is empty");
	i = mse_strata_find_list(s, name);
	if ((i >= 0 && (size_t)i != skip1 && (size_t)i != skip2) ||
	    mse_strata_find_var(s, name) >= 0)
		return msei_error(err, MSE_EINVAL, "the name '%s' is already "
		    "taken", name);
	return MSE_OK;
}

int
mse_strata_merge(struct mse_strata *s, const char *a, const char *b,
    const char *name, struct mse_error *err)
{
	const char *names[MSE_MAX_LISTS];
	uint32_t mask[MSE_MAX_LISTS];
	size_t ia = 0, ib = 0, i, n = 0;
	int rc;

	if ((rc = need_list(s, a, &ia, err)) != MSE_OK ||
	    (rc = need_list(s, b, &ib, err)) != MSE_OK)
		return rc;
	if (ia == ib)
		return msei_error(err, MSE_EINVAL, "list '%s' is named twice",
		    a);
	if (s->k == 2)
		return msei_error(err, MSE_EINVAL, "merging '%s' and '%s' "
		    "would leave one list; at least 2 are needed", a, b);
	if ((rc = free_name(s, name, ia, ib, err)) != MSE_OK)
		return rc;
	for (i = 0; i < s->k; i++) {
		if (i == ib)
			continue;
		names[n] = i == ia ? name : s->lists[i];
		mask[n++] = i == ia ? ((uint32_t)1 << ia | (uint32_t)1 << ib) :
		    (uint32_t)1 << i;
	}
	return remap(s, n, names, mask, err);
}

int
mse_strata_drop(struct mse_strata *s, const char *list,
    struct mse_error *err)
{
	const char *names[MSE_MAX_LISTS];
	uint32_t mask[MSE_MAX_LISTS];
	size_t idx = 0, i, n = 0;
	int rc;

	if ((rc = need_list(s, list, &idx, err)) != MSE_OK)
		return rc;
	if (s->k == 2)
		return msei_error(err, MSE_EINVAL, "dropping '%s' would leave "
		    "one list; at least 2 are needed", list);
	for (i = 0; i < s->k; i++)
		if (i != idx) {
			names[n] = s->lists[i];
			mask[n++] = (uint32_t)1 << i;
		}
	return remap(s, n, names, mask, err);
}

int
mse_strata_rename(struct mse_strata *s, const char *from, const char *to,
    struct mse_error *err)
{
	const char *names[MSE_MAX_LISTS];
	uint32_t mask[MSE_MAX_LISTS];
	size_t idx = 0, i;
	int rc;

	if ((rc = need_list(s, from, &idx, err)) != MSE_OK ||
	    (rc = free_name(s, to, idx, idx, err)) != MSE_OK)
		return rc;
	for (i = 0; i < s->k; i++) {
		names[i] = i == idx ? to : s->lists[i];
		mask[i] = (uint32_t)1 << i;
	}
	return remap(s, s->k, names, mask, err);
}
