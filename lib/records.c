/* SPDX-License-Identifier: GPL-3.0-or-later */
/* records.c - person and report records into capture histories. */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "mse_private.h"

/*
 * The persons, in the order they were met, as records in one arena of
 * 32-bit words (about 20 bytes a person with a short id):
 *	pattern | id length << 30 (3 and over: the length follows)
 *	stratum (an index into svals)
 *	with stratum columns, the line its values were first read on, in
 *	two words (low, high)
 *	the length, if 4095 or more
 *	the joined ids (msei_join), padded to a whole word
 * Ids are found through an open-addressing table of 32-bit slots, each
 * 0 (empty) or 1 + a record's offset in words: the arena may grow to
 * 2^32 - 2 words (16 GiB).
 */
#if MSE_MAX_LISTS > 30
#error "a person's pattern is kept in 30 bits"
#endif
#define PAT_BITS 30
#define PAT_MASK ((UINT32_C(1) << PAT_BITS) - 1)
#define LEN_ESC 3u

enum { ROLE_NONE, ROLE_ID = 1, ROLE_BY = 2, ROLE_LIST = 4, ROLE_RB = 8 };

struct rreader {
	const struct mse_records_spec *spec;
	const char *file;
	struct mse_error *err;
	size_t ncols;
	size_t *idcol, *bycol;
	long rbcol;
	size_t listcol[MSE_MAX_LISTS];
	char *names[MSE_MAX_LISTS];
	size_t k;
	/* strata met so far: joined values -> index, and their values */
	struct msei_map smap;
	char ***svals;
	size_t ns, scap;
	/* persons: records (above) and the table of their ids */
	uint32_t *arena;
	size_t alen, acap;	/* in words */
	size_t hdr;		/* words before the length or the ids */
	uint32_t *slot;
	size_t nslot, np;
	uint64_t ahead[64];	/* the hashes of the rows looked ahead */
	char *akey;
	size_t akeycap;
	char *key;
	size_t keycap;
	const char **tmp;
};

static int
perr(struct rreader *r, long line, long col, const char *fmt, const char *a,
    const char *b)
{
	return msei_error_at(r->err, MSE_EPARSE, r->file, line, col, fmt, a,
	    b);
}

static int
need_column(struct rreader *r, const struct msei_field *f, size_t nf,
    const char *name, const char *what, size_t *out)
{
	char b[64], hint[160];
	long c = msei_field_find(f, nf, name);

	if (c < 0)
		return msei_error_at(r->err, MSE_EPARSE, r->file, f[0].line,
		    1, "no %s column '%s' in the header%s", what,
		    msei_snip(name, b, sizeof(b)), msei_field_hint(name, f, nf,
		    hint, sizeof(hint)));
	*out = (size_t)c;
	return MSE_OK;
}

static int
check_names(struct rreader *r, const struct msei_field *f, size_t nf)
{
	char b1[64], b2[32];
	size_t i, j;

	for (i = 0; i < nf; i++) {
		if (f[i].text[0] == '\0')
			return perr(r, f[i].line, f[i].col, "empty column "
			    "name%s%s", "", "");
		for (j = 0; j < i; j++)
			if (strcmp(f[j].text, f[i].text) == 0) {
				snprintf(b2, sizeof(b2), "%zu", j + 1);
				return perr(r, f[i].line, f[i].col, "duplicate "
				    "column name '%s' (also column %s)",
				    msei_snip(f[i].text, b1, sizeof(b1)), b2);
			}
	}
	return MSE_OK;
}

/* The id, stratum and reported-by columns. */
static int
key_columns(struct rreader *r, const struct msei_field *f, size_t nf,
    unsigned char *role)
{
	const struct mse_records_spec *sp = r->spec;
	size_t i, c;
	int rc = MSE_OK;

	for (i = 0; i < sp->nid && rc == MSE_OK; i++)
		if ((rc = need_column(r, f, nf, sp->id[i], "id",
		    &r->idcol[i])) == MSE_OK)
			role[r->idcol[i]] |= ROLE_ID;
	for (i = 0; i < sp->nby && rc == MSE_OK; i++)
		if ((rc = need_column(r, f, nf, sp->by[i], "stratum",
		    &r->bycol[i])) == MSE_OK)
			role[r->bycol[i]] |= ROLE_BY;
	r->rbcol = -1;
	if (rc == MSE_OK && sp->reported_by != NULL &&
	    (rc = need_column(r, f, nf, sp->reported_by, "reported-by",
	    &c)) == MSE_OK) {
		if (role[c] != ROLE_NONE)
			return perr(r, f[c].line, f[c].col, "the reported-by "
			    "column '%s' is also an id or stratum column%s",
			    f[c].text, "");
		r->rbcol = (long)c;
		role[c] = ROLE_RB;
	}
	return rc;
}

/* The 0/1 list columns: the named ones, or every other column. */
static int
list_columns(struct rreader *r, const struct msei_field *f, size_t nf,
    unsigned char *role)
{
	const struct mse_records_spec *sp = r->spec;
	char b1[32], b2[32];
	size_t i, c, n = sp->lists != NULL ? sp->nlists : nf;
	int rc;

	for (i = 0; i < n; i++) {
		if (sp->lists == NULL && role[i] != ROLE_NONE)
			continue;
		c = i;
		if (sp->lists != NULL && (rc = need_column(r, f, nf,
		    sp->lists[i], "list", &c)) != MSE_OK)
			return rc;
		if (role[c] != ROLE_NONE)
			return perr(r, f[c].line, f[c].col, "column '%s' is "
			    "both a list and an id or stratum column%s",
			    msei_snip(f[c].text, b1, sizeof(b1)), "");
		if (r->k == MSE_MAX_LISTS) {
			snprintf(b2, sizeof(b2), "%d", MSE_MAX_LISTS);
			return perr(r, f[c].line, f[c].col, "more than %s "
			    "lists%s", b2, "");
		}
		role[c] = ROLE_LIST;
		r->listcol[r->k] = c;
		if ((r->names[r->k++] = strdup(f[c].text)) == NULL)
			return msei_error(r->err, MSE_ENOMEM, "out of memory");
	}
	if (r->k < 2) {
		snprintf(b1, sizeof(b1), "%zu", r->k);
		return perr(r, f[0].line, 1, "%s list column(s); at least 2 "
		    "lists are needed%s", b1, "");
	}
	return MSE_OK;
}

/* With a reported-by column, the lists named beforehand, if any. */
static int
known_lists(struct rreader *r)
{
	const struct mse_records_spec *sp = r->spec;
	size_t i, j;

	if (sp->nlists > MSE_MAX_LISTS)
		return msei_error(r->err, MSE_EINVAL, "%zu lists; at most %d "
		    "are supported", sp->nlists, MSE_MAX_LISTS);
	for (i = 0; sp->lists != NULL && i < sp->nlists; i++) {
		if (sp->lists[i][0] == '\0')
			return msei_error(r->err, MSE_EINVAL, "an empty list "
			    "name");
		for (j = 0; j < i; j++)
			if (strcmp(sp->lists[i], sp->lists[j]) == 0)
				return msei_error(r->err, MSE_EINVAL, "list "
				    "'%s' is named twice", sp->lists[i]);
		if ((r->names[r->k++] = strdup(sp->lists[i])) == NULL)
			return msei_error(r->err, MSE_ENOMEM, "out of memory");
	}
	return MSE_OK;
}

static int
header(struct rreader *r, const struct msei_field *f, size_t nf)
{
	unsigned char *role = msei_calloc(nf, 1);
	int rc;

	if (role == NULL)
		return msei_error(r->err, MSE_ENOMEM, "out of memory");
	r->ncols = nf;
	rc = check_names(r, f, nf);
	if (rc == MSE_OK)
		rc = key_columns(r, f, nf, role);
	if (rc == MSE_OK)
		rc = r->rbcol >= 0 ? known_lists(r) :
		    list_columns(r, f, nf, role);
	free(role);
	return rc;
}

/* A 0/1 list value: 1/0, yes/no, true/false, x/empty, in any case. */
static int
flag(const char *s, int *v)
{
	if (strcmp(s, "1") == 0 || strcasecmp(s, "yes") == 0 ||
	    strcasecmp(s, "true") == 0 || strcasecmp(s, "x") == 0)
		*v = 1;
	else if (strcmp(s, "0") == 0 || strcasecmp(s, "no") == 0 ||
	    strcasecmp(s, "false") == 0 || s[0] == '\0')
		*v = 0;
	else
		return -1;
	return 0;
}

static int
flags_pattern(struct rreader *r, const struct msei_field *f, uint32_t *w)
{
	char b1[64], b2[64];
	size_t i;
	int v;

	for (i = 0; i < r->k; i++) {
		const struct msei_field *fl = &f[r->listcol[i]];

		if (flag(fl->text, &v) != 0)
			return perr(r, fl->line, fl->col, "value '%s' for list "
			    "'%s' is not 1/0, yes/no, true/false or x/empty",
			    msei_snip(fl->text, b1, sizeof(b1)),
			    msei_snip(r->names[i], b2, sizeof(b2)));
		*w |= (uint32_t)v << i;
	}
	return MSE_OK;
}

/* The index of list name (len bytes), added if the lists are open. */
static int
list_index(struct rreader *r, const char *name, size_t len, long line,
    long col, size_t *out)
{
	char b[64], buf[256];
	size_t i;

	for (i = 0; i < r->k; i++)
		if (strlen(r->names[i]) == len &&
		    memcmp(r->names[i], name, len) == 0) {
			*out = i;
			return MSE_OK;
		}
	snprintf(buf, sizeof(buf), "%.*s", (int)(len < 200 ? len : 200),
	    name);
	if (r->spec->lists != NULL)
		return perr(r, line, col, "unknown list '%s' (not one of the "
		    "lists named)%s", msei_snip(buf, b, sizeof(b)), "");
	if (r->k == MSE_MAX_LISTS) {
		snprintf(b, sizeof(b), "%d", MSE_MAX_LISTS);
		return perr(r, line, col, "list '%s' is one more than the %s "
		    "supported", buf, b);
	}
	if ((r->names[r->k] = strndup(name, len)) == NULL)
		return msei_error(r->err, MSE_ENOMEM, "out of memory");
	*out = r->k++;
	return MSE_OK;
}

/* "Politiet; UDI|ROSA": names separated by ';' or '|', spaces trimmed. */
static int
named_pattern(struct rreader *r, const struct msei_field *fl, uint32_t *w)
{
	const char *s = fl->text, *a, *b;
	char buf[64];
	long col = fl->col + fl->quoted;
	size_t idx = 0, i;
	int rc;

	for (;;) {
		a = s;
		while (*a == ' ' || *a == '\t')
			a++;
		b = a + strcspn(a, ";|");
		for (i = 0; s + i < a; i++)
			col += ((unsigned char)s[i] & 0xc0) != 0x80;
		s = b;
		while (b > a && (b[-1] == ' ' || b[-1] == '\t'))
			b--;
		if (b == a)
			return perr(r, fl->line, col, "empty list name in "
			    "'%s'%s", msei_snip(fl->text, buf, sizeof(buf)),
			    "");
		if ((rc = list_index(r, a, (size_t)(b - a), fl->line, col,
		    &idx)) != MSE_OK)
			return rc;
		*w |= (uint32_t)1 << idx;
		for (; a < s; a++)
			col += ((unsigned char)*a & 0xc0) != 0x80;
		if (*s == '\0')
			return MSE_OK;
		s++;
		col++;
	}
}

static int intern_values(struct rreader *r, size_t *out);

/* The stratum of a row's values, interned by their joined key. */
static int
row_stratum(struct rreader *r, const struct msei_field *f, size_t *out)
{
	size_t i;

	for (i = 0; i < r->spec->nby; i++) {
		const struct msei_field *fl = &f[r->bycol[i]];

		int miss = msei_stratum_missing(r->file, fl, r->spec->by[i],
		    r->spec->missing, r->err);

		if (miss < 0)
			return MSE_EPARSE;
		r->tmp[i] = miss ? "" : fl->text;	/* "": missing */
	}
	return intern_values(r, out);
}

/* The stratum of the values in r->tmp ("" for a missing one), interned
 * by their joined key. */
static int
intern_values(struct rreader *r, size_t *out)
{
	size_t i, len;
	int found;

	len = msei_join(r->tmp, r->spec->nby, &r->key, &r->keycap);
	if ((r->key == NULL && r->spec->nby > 0) ||
	    msei_map_put(&r->smap, r->key != NULL ? r->key : "", len, r->ns,
	    out, &found) != MSE_OK)
		return msei_error(r->err, MSE_ENOMEM, "out of memory");
	if (found)
		return MSE_OK;
	if (r->ns == r->scap) {
		size_t n = r->scap ? 2 * r->scap : 16;
		char ***p = msei_reallocarray(r->svals, n, sizeof(*p));

		if (p == NULL)
			return msei_error(r->err, MSE_ENOMEM, "out of memory");
		r->svals = p;
		r->scap = n;
	}
	r->svals[r->ns] = msei_calloc(r->spec->nby + 1, sizeof(char *));
	if (r->svals[r->ns] == NULL)
		return msei_error(r->err, MSE_ENOMEM, "out of memory");
	r->ns++;
	for (i = 0; i < r->spec->nby; i++)
		if (r->tmp[i][0] != '\0' && (r->svals[r->ns - 1][i] =
		    strdup(r->tmp[i])) == NULL)
			return msei_error(r->err, MSE_ENOMEM, "out of memory");
	return MSE_OK;
}

#if defined(__GNUC__)
#define PREFETCH(p) __builtin_prefetch(p)
#else
#define PREFETCH(p) ((void)(p))
#endif

static uint64_t
hash_key(const char *s, size_t len)
{
	uint64_t h = UINT64_C(14695981039346656037);	/* FNV-1a */
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= UINT64_C(1099511628211);
	}
	h ^= h >> 29;			/* spread the bits into the low ones */
	h *= UINT64_C(0xbf58476d1ce4e5b9);
	return h ^ (h >> 32);
}

static uint32_t
rec_pattern(const uint32_t *p)
{
	return p[0] & PAT_MASK;
}

static size_t
rec_stratum(const uint32_t *p)
{
	return p[1];
}

static long
rec_line(const struct rreader *r, const uint32_t *p)
{
	return r->hdr > 2 ? (long)((uint64_t)p[2] | (uint64_t)p[3] << 32) : 0;
}

static size_t
rec_len(const struct rreader *r, const uint32_t *p)
{
	size_t len = p[0] >> PAT_BITS;

	return len < LEN_ESC ? len : p[r->hdr];
}

static const char *
rec_key(const struct rreader *r, const uint32_t *p)
{
	return (const char *)(p + r->hdr + (p[0] >> PAT_BITS >= LEN_ESC));
}

/* Words of the record at p, to step to the next one. */
static size_t
rec_words(const struct rreader *r, const uint32_t *p)
{
	return r->hdr + (p[0] >> PAT_BITS >= LEN_ESC) +
	    (rec_len(r, p) + 3) / 4;
}

/* Place the record at word offset off in the table (known absent). */
static void
slot_put(uint32_t *slot, size_t mask, uint64_t h, size_t off)
{
	size_t j;

	for (j = (size_t)h & mask; slot[j] != 0; j = (j + 1) & mask)
		;
	slot[j] = (uint32_t)(off + 1);
}

/* Double the table, its records placed again. */
static int
grow_slots(struct rreader *r)
{
	size_t n = r->nslot ? 2 * r->nslot : 1024, off, i;
	uint32_t *slot = msei_calloc(n, sizeof(*slot));

	uint64_t h[32];
	size_t at[32], b, nb;

	if (slot == NULL)
		return -1;
	/* 32 records at a time: their slots are fetched into the cache
	 * together before they are filled. */
	for (off = 0, i = 0; i < r->np; i += nb) {
		for (nb = 0; nb < 32 && i + nb < r->np; nb++) {
			const uint32_t *p = r->arena + off;

			h[nb] = hash_key(rec_key(r, p), rec_len(r, p));
			at[nb] = off;
			PREFETCH(&slot[h[nb] & (n - 1)]);
			off += rec_words(r, p);
		}
		for (b = 0; b < nb; b++)
			slot_put(slot, n - 1, h[b], at[b]);
	}
	free(r->slot);
	r->slot = slot;
	r->nslot = n;
	return 0;
}

/* A new person's record at the arena's end; NULL when out of memory. */
static uint32_t *
new_person(struct rreader *r, const char *key, size_t len, size_t stratum,
    uint32_t w, long line)
{
	size_t words = r->hdr + (len >= LEN_ESC) + (len + 3) / 4;
	uint32_t *p;

	if (words > (size_t)UINT32_MAX - 1 - r->alen)
		return NULL;
	if (r->acap - r->alen < words) {
		size_t n = r->acap ? 2 * r->acap : 4096;
		uint32_t *a;

		while (n - r->alen < words)
			n *= 2;
		if ((a = msei_reallocarray(r->arena, n, sizeof(*a))) == NULL)
			return NULL;
		r->arena = a;
		r->acap = n;
	}
	p = r->arena + r->alen;
	p[0] = w | (uint32_t)(len < LEN_ESC ? len : LEN_ESC) << PAT_BITS;
	p[1] = (uint32_t)stratum;
	if (r->hdr > 2) {
		p[2] = (uint32_t)((uint64_t)line & UINT32_MAX);
		p[3] = (uint32_t)((uint64_t)line >> 32);
	}
	if (len >= LEN_ESC)
		p[r->hdr] = (uint32_t)len;
	p[words - 1] = 0;	/* the padding */
	if (len > 0)
		memcpy((char *)(p + r->hdr + (len >= LEN_ESC)), key, len);
	r->alen += words;
	r->np++;
	return p;
}

/* The person with this key, added if new: *found says which. */
static uint32_t *
find_person(struct rreader *r, const char *key, size_t len, size_t stratum,
    uint32_t w, long line, int *found)
{
	uint64_t h;
	size_t j, mask;
	uint32_t *p;

	if ((r->np + 1) * 2 > r->nslot && grow_slots(r) != 0)
		return NULL;
	h = hash_key(key, len);
	mask = r->nslot - 1;
	for (j = (size_t)h & mask; r->slot[j] != 0; j = (j + 1) & mask) {
		p = r->arena + r->slot[j] - 1;
		if (rec_len(r, p) == len &&
		    memcmp(rec_key(r, p), key, len) == 0) {
			*found = 1;
			return p;
		}
	}
	*found = 0;
	if ((p = new_person(r, key, len, stratum, w, line)) != NULL)
		r->slot[j] = (uint32_t)(p - r->arena + 1);
	return p;
}

/* A person met again in another stratum: name both lines. */
static int
conflict(struct rreader *r, const struct msei_field *f, const uint32_t *p,
    size_t stratum)
{
	char id[64], var[64], here[64], there[64], msg[200];
	size_t i, j, len = 0, ps = rec_stratum(p);

	for (i = 0; i < r->spec->nid && len + 1 < sizeof(msg); i++)
		len += (size_t)snprintf(msg + len, sizeof(msg) - len, "%s%s",
		    i ? "," : "", f[r->idcol[i]].text);
	msei_snip(msg, id, sizeof(id));
	for (j = 0; j + 1 < r->spec->nby; j++)
		if (r->svals[stratum][j] != NULL &&
		    r->svals[ps][j] != NULL &&
		    strcmp(r->svals[stratum][j], r->svals[ps][j]) != 0)
			break;
	msei_snip(r->spec->by[j], var, sizeof(var));
	msei_snip(r->svals[stratum][j], here, sizeof(here));
	msei_snip(r->svals[ps][j], there, sizeof(there));
	snprintf(msg, sizeof(msg), "'%s' here but '%s' on line %ld", here,
	    there, rec_line(r, p));
	return msei_error_at(r->err, MSE_EPARSE, r->file,
	    f[r->bycol[j]].line, f[r->bycol[j]].col, "person '%s' has %s %s",
	    id, var, msg);
}

/* A person met again with other values: the values either row gives
 * (one may be missing where the other is not), or a conflict. */
static int
merge_values(struct rreader *r, const struct msei_field *f, uint32_t *p,
    size_t stratum)
{
	size_t i, m, ps = rec_stratum(p);
	int rc;

	for (i = 0; i < r->spec->nby; i++) {
		const char *a = r->svals[ps][i];
		const char *b = r->svals[stratum][i];

		if (a != NULL && b != NULL && strcmp(a, b) != 0)
			return conflict(r, f, p, stratum);
		r->tmp[i] = a != NULL ? a : b != NULL ? b : "";
	}
	if ((rc = intern_values(r, &m)) != MSE_OK)
		return rc;
	p[1] = (uint32_t)m;
	return MSE_OK;
}

/* Fold the row into its person: the union of the lists. */
static int
add_row(struct rreader *r, const struct msei_field *f, size_t stratum,
    uint32_t w)
{
	uint32_t *p;
	size_t len;
	int found = 0, rc;

	if (stratum > UINT32_MAX)
		return msei_error(r->err, MSE_ENOMEM, "out of memory");
	if (r->spec->nid == 0) {
		if (new_person(r, NULL, 0, stratum, w, f[0].line) == NULL)
			return msei_error(r->err, MSE_ENOMEM, "out of memory");
		return MSE_OK;
	}
	for (len = 0; len < r->spec->nid; len++)
		r->tmp[len] = f[r->idcol[len]].text;
	len = msei_join(r->tmp, r->spec->nid, &r->key, &r->keycap);
	if (r->key == NULL || (p = find_person(r, r->key, len, stratum, w,
	    f[0].line, &found)) == NULL)
		return msei_error(r->err, MSE_ENOMEM, "out of memory");
	if (!found)
		return MSE_OK;
	if (rec_stratum(p) != stratum &&
	    (rc = merge_values(r, f, p, stratum)) != MSE_OK)
		return rc;
	p[0] |= w;
	return MSE_OK;
}

static int
data(struct rreader *r, const struct msei_field *f, size_t nf, long eline,
    long ecol)
{
	char b1[32], b2[32];
	size_t stratum, i;
	uint32_t w = 0;
	int rc;

	if (nf != r->ncols) {
		snprintf(b1, sizeof(b1), "%zu", nf);
		snprintf(b2, sizeof(b2), "%zu", r->ncols);
		return perr(r, nf > r->ncols ? f[r->ncols].line : eline,
		    nf > r->ncols ? f[r->ncols].col : ecol, "row has %s "
		    "fields; the header has %s", b1, b2);
	}
	for (i = 0; i < r->spec->nid; i++)
		if (f[r->idcol[i]].text[0] == '\0')
			return perr(r, f[r->idcol[i]].line, f[r->idcol[i]].col,
			    "empty value in id column '%s'%s",
			    msei_snip(r->spec->id[i], b1, sizeof(b1)), "");
	rc = r->rbcol >= 0 ? named_pattern(r, &f[r->rbcol], &w) :
	    flags_pattern(r, f, &w);
	if (rc != MSE_OK)
		return rc;
	if (w == 0)
		return perr(r, f[0].line, f[0].col, "no list reported this "
		    "row%s%s", "", "");
	if ((rc = row_stratum(r, f, &stratum)) != MSE_OK)
		return rc;
	return add_row(r, f, stratum, w);
}

/* Look ahead at the rows to come (msei_hint_fn): stage 0 fetches the
 * slot of row i's id into the cache, stage 1 the record it points to, so
 * that the rows' look-ups wait for memory together, not one by one. */
static void
hint_row(void *ctx, const struct msei_field *f, size_t nf, size_t i,
    int stage)
{
	struct rreader *r = ctx;
	size_t len, j;
	uint32_t v;

	if (r->ncols == 0 || nf != r->ncols || r->spec->nid == 0 ||
	    r->nslot == 0 || i >= sizeof(r->ahead) / sizeof(r->ahead[0]))
		return;
	if (stage == 0) {
		for (j = 0; j < r->spec->nid; j++)
			r->tmp[j] = f[r->idcol[j]].text;
		len = msei_join(r->tmp, r->spec->nid, &r->akey, &r->akeycap);
		r->ahead[i] = r->akey != NULL ? hash_key(r->akey, len) : 0;
		PREFETCH(&r->slot[r->ahead[i] & (r->nslot - 1)]);
	} else if ((v = r->slot[r->ahead[i] & (r->nslot - 1)]) != 0)
		PREFETCH(r->arena + v - 1);
}

static int
on_row(void *ctx, const struct msei_field *f, size_t nf, long eline,
    long ecol, size_t row)
{
	struct rreader *r = ctx;

	return row == 0 ? header(r, f, nf) : data(r, f, nf, eline, ecol);
}

/* The persons, counted into their strata's tables. */
static int
build(struct rreader *r, struct mse_strata **out)
{
	struct mse_strata *s;
	const uint32_t *p;
	size_t i, j, *sidx;
	int rc = MSE_OK;

	if (r->k < 2)
		return msei_error_at(r->err, MSE_EPARSE, r->file, 0, 0,
		    "%zu list%s named in the records; at least 2 are needed",
		    r->k, r->k == 1 ? "" : "s");
	s = mse_strata_new(r->k, (const char *const *)r->names, r->spec->nby,
	    r->spec->by, r->err);
	if (s == NULL)
		return r->err != NULL ? r->err->code : MSE_ENOMEM;
	sidx = msei_calloc(r->ns + 1, sizeof(*sidx));
	if (sidx == NULL)
		rc = msei_error(r->err, MSE_ENOMEM, "out of memory");
	/* Values with one missing are no stratum: their persons are
	 * incomplete rows. */
	for (i = 0; i < r->ns && rc == MSE_OK; i++) {
		for (j = 0; j < r->spec->nby && r->svals[i][j] != NULL; j++)
			;
		sidx[i] = SIZE_MAX;
		if (j == r->spec->nby)
			rc = msei_strata_intern(s, (const char *const *)
			    r->svals[i], &sidx[i], r->err);
	}
	for (i = 0, p = r->arena; i < r->np && rc == MSE_OK; i++) {
		size_t st = rec_stratum(p);

		rc = sidx[st] != SIZE_MAX ? msei_strata_add_at(s, sidx[st],
		    rec_pattern(p), 1, r->err) : mse_strata_add_incomplete(s,
		    (const char *const *)r->svals[st], rec_pattern(p), 1,
		    r->err);
		p += rec_words(r, p);
	}
	free(sidx);
	if (rc == MSE_OK)
		rc = mse_strata_sort(s, r->err);
	if (rc != MSE_OK) {
		mse_strata_free(s);
		return rc;
	}
	*out = s;
	return MSE_OK;
}

static void
rreader_free(struct rreader *r)
{
	size_t i, j;

	for (i = 0; i < r->ns; i++) {
		for (j = 0; j < r->spec->nby; j++)
			free(r->svals[i][j]);
		free(r->svals[i]);
	}
	free(r->svals);
	for (i = 0; i < r->k; i++)
		free(r->names[i]);
	msei_map_free(&r->smap);
	free(r->arena);
	free(r->slot);
	free(r->key);
	free(r->akey);
	free(r->tmp);
	free(r->idcol);
	free(r->bycol);
}

void
mse_records_spec_init(struct mse_records_spec *spec)
{
	memset(spec, 0, sizeof(*spec));
	spec->size = sizeof(*spec);
}

/* From fp in chunks of chunk bytes (0: the default) when buf is NULL,
 * else from buf. */
static int
records_read(FILE *fp, const char *buf, size_t len, size_t chunk,
    const char *filename, const struct mse_records_spec *in,
    struct mse_strata **out, struct mse_error *err)
{
	struct mse_records_spec copy;
	const struct mse_records_spec *spec;
	struct rreader r;
	size_t n;
	int rc;

	*out = NULL;
	mse_records_spec_init(&copy);
	if ((rc = msei_sized_in(&copy, sizeof(copy), in, "mse_records_spec", err)) !=
	    MSE_OK)
		return rc;
	spec = &copy;
	n = spec->nid > spec->nby ? spec->nid : spec->nby;
	memset(&r, 0, sizeof(r));
	r.spec = spec;
	r.file = filename != NULL ? filename : "<input>";
	r.err = err;
	r.hdr = spec->nby > 0 ? 4 : 2;
	r.idcol = msei_calloc(spec->nid + 1, sizeof(*r.idcol));
	r.bycol = msei_calloc(spec->nby + 1, sizeof(*r.bycol));
	r.tmp = msei_calloc(n + 1, sizeof(*r.tmp));
	if (r.idcol == NULL || r.bycol == NULL || r.tmp == NULL)
		rc = msei_error(err, MSE_ENOMEM, "out of memory");
	else if (buf == NULL)
		rc = msei_csv_stream(fp, r.file, spec->delimiter, chunk,
		    on_row, hint_row, &r, err);
	else
		rc = msei_csv_parse(buf, len, r.file, spec->delimiter, on_row,
		    &r, err);
	/* The table of ids is no longer needed. */
	free(r.slot);
	r.slot = NULL;
	if (rc == MSE_OK)
		rc = build(&r, out);
	rreader_free(&r);
	return rc;
}

int
mse_records_parse(const char *buf, size_t len, const char *filename,
    const struct mse_records_spec *spec, struct mse_strata **out,
    struct mse_error *err)
{
	return records_read(NULL, buf != NULL ? buf : "", len, 0, filename,
	    spec, out, err);
}

int
mse_records_read(FILE *fp, const char *filename,
    const struct mse_records_spec *spec, struct mse_strata **out,
    struct mse_error *err)
{
	return records_read(fp, NULL, 0, 0, filename, spec, out, err);
}

/* mse_records_read in chunks of chunk bytes, for the tests of rows and
 * characters that straddle two chunks. */
int
msei_records_read_chunked(FILE *fp, const char *filename,
    const struct mse_records_spec *spec, size_t chunk,
    struct mse_strata **out, struct mse_error *err)
{
	return records_read(fp, NULL, 0, chunk, filename, spec, out, err);
}
