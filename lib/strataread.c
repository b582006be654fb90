/* SPDX-License-Identifier: GPL-3.0-or-later */
/* strataread.c - capture-history tables with stratum columns (mse-data(5)). */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "mse_private.h"

struct sreader {
	const struct mse_strata_spec *spec;
	const char *file;
	struct mse_error *err;
	struct mse_strata *s;
	size_t ncols, k;
	long count_col;
	size_t listcol[MSE_MAX_LISTS];
	size_t *varcol;
	int ignoring;		/* some columns are summed over */
	const char **vals;	/* the current row's stratum values */
	/* the line each stratum's patterns were given on, 0 for none yet:
	 * a table a stratum (dense or sparse as the stratum's is), made as
	 * the strata are met */
	struct mse_table **seen;
	size_t nseen;
	/* the last row's stratum and its values, joined: rows of one
	 * stratum tend to come together */
	size_t last;
	char *lastkey, *key;
	size_t lastlen, lastcap, keycap;
	uint64_t total;		/* the counts so far, exactly */
};

static int
perr(struct sreader *r, long line, long col, const char *fmt, const char *a,
    const char *b)
{
	return msei_error_at(r->err, MSE_EPARSE, r->file, line, col, fmt, a,
	    b);
}

/* Column names: non-empty and distinct, as the plain table reader. */
static int
check_header(struct sreader *r, const struct msei_field *f, size_t nf)
{
	char b1[64], b2[64], hint[200];
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
	r->count_col = msei_field_find(f, nf, "count");
	if (r->count_col < 0)
		return perr(r, f[0].line, 1, "no 'count' column in the "
		    "header%s%s", msei_count_hint(f, nf, hint, sizeof(hint)),
		    "");
	return MSE_OK;
}

/* Which column is a stratum (1), a list (2), count or ignored (0). */
static int
find_columns(struct sreader *r, const struct msei_field *f, size_t nf,
    unsigned char *role)
{
	const struct mse_strata_spec *sp = r->spec;
	char b[64], hint[160];
	size_t i;
	long c;

	for (i = 0; i < sp->nvars; i++) {
		c = msei_field_find(f, nf, sp->vars[i]);
		if (c < 0 || c == r->count_col)
			return perr(r, f[0].line, 1, "no stratum column '%s' "
			    "in the header%s", msei_snip(sp->vars[i], b,
			    sizeof(b)), msei_field_hint(sp->vars[i], f, nf,
			    hint, sizeof(hint)));
		role[c] = 1;
		r->varcol[i] = (size_t)c;
	}
	for (i = 0; i < nf; i++) {
		int list = sp->lists == NULL && role[i] == 0;

		for (c = 0; sp->lists != NULL && (size_t)c < sp->nlists; c++)
			if (strcmp(sp->lists[c], f[i].text) == 0)
				list = 1;
		if (list && role[i] == 1)
			return perr(r, f[i].line, f[i].col, "column '%s' is "
			    "both a list and a stratum%s", msei_snip(f[i].text,
			    b, sizeof(b)), "");
		if (list && (long)i != r->count_col)
			role[i] = 2;
	}
	for (i = 0; sp->lists != NULL && i < sp->nlists; i++)
		if (msei_field_find(f, nf, sp->lists[i]) < 0)
			return perr(r, f[0].line, 1, "no list column '%s' in "
			    "the header%s", msei_snip(sp->lists[i], b,
			    sizeof(b)), msei_field_hint(sp->lists[i], f, nf,
			    hint, sizeof(hint)));
	return MSE_OK;
}

/* The lists, in the spec's order or the header's. */
static int
make_strata(struct sreader *r, const struct msei_field *f, size_t nf,
    const unsigned char *role)
{
	const char *names[MSE_MAX_LISTS];
	char b1[32], b2[32];
	size_t i, nl = 0;

	for (i = 0; i < nf; i++) {
		if (role[i] == 2 && nl < MSE_MAX_LISTS) {
			names[nl] = f[i].text;
			r->listcol[nl] = i;
		}
		nl += role[i] == 2;
		r->ignoring |= role[i] == 0 && (long)i != r->count_col;
	}
	if (nl < 2 || nl > MSE_MAX_LISTS) {
		snprintf(b1, sizeof(b1), "%zu", nl);
		snprintf(b2, sizeof(b2), "%d", MSE_MAX_LISTS);
		return perr(r, f[0].line, 1, nl < 2 ? "%s list column(s); at "
		    "least 2 lists are needed%.0s" : "%s lists; at most %s "
		    "are supported: merge lists or leave some out (mse-import "
		    "-m A,B=AB, -x L)", b1, b2);
	}
	for (i = 0; r->spec->lists != NULL && i < nl; i++) {
		names[i] = r->spec->lists[i];
		r->listcol[i] = (size_t)msei_field_find(f, nf, names[i]);
	}
	r->k = nl;
	r->s = mse_strata_new(nl, names, r->spec->nvars, r->spec->vars,
	    r->err);
	return r->s != NULL ? MSE_OK : r->err != NULL ? r->err->code :
	    MSE_ENOMEM;
}

static int
header(struct sreader *r, const struct msei_field *f, size_t nf)
{
	unsigned char *role = msei_calloc(nf, 1);
	int rc;

	if (role == NULL)
		return msei_error(r->err, MSE_ENOMEM, "out of memory");
	r->ncols = nf;
	rc = check_header(r, f, nf);
	if (rc == MSE_OK)
		rc = find_columns(r, f, nf, role);
	if (rc == MSE_OK)
		rc = make_strata(r, f, nf, role);
	free(role);
	return rc;
}

/* The pattern of a row's list fields, which must be 0 or 1. */
static int
row_pattern(struct sreader *r, const struct msei_field *f, uint32_t *w)
{
	char b1[64], b2[64];
	size_t i;

	*w = 0;
	for (i = 0; i < r->k; i++) {
		const struct msei_field *fl = &f[r->listcol[i]];

		if (strcmp(fl->text, "1") == 0)
			*w |= (uint32_t)1 << i;
		else if (strcmp(fl->text, "0") != 0)
			return perr(r, fl->line, fl->col, "value '%s' for list "
			    "'%s' is not 0 or 1 (is it a stratum column?)",
			    msei_snip(fl->text, b1,
			    sizeof(b1)), msei_snip(mse_strata_list(r->s, i), b2,
			    sizeof(b2)));
	}
	return MSE_OK;
}

/* A pattern given twice in one stratum is an error naming both lines. */
static int
check_twice(struct sreader *r, const struct msei_field *f, size_t stratum,
    uint32_t w)
{
	char pat[MSE_MAX_LISTS + 1];
	char where[256], lines[64];
	size_t first, i;

	if (stratum >= r->nseen) {
		size_t n = r->nseen ? 2 * r->nseen : 64;
		struct mse_table **p;

		while (n <= stratum)
			n *= 2;
		if ((p = msei_reallocarray(r->seen, n, sizeof(*p))) == NULL)
			return msei_error(r->err, MSE_ENOMEM, "out of memory");
		memset(p + r->nseen, 0, (n - r->nseen) * sizeof(*p));
		r->seen = p;
		r->nseen = n;
	}
	if (r->seen[stratum] == NULL && (r->seen[stratum] =
	    msei_table_new_unnamed(r->k, r->err)) == NULL)
		return r->err != NULL ? r->err->code : MSE_ENOMEM;
	if ((first = (size_t)mse_table_get(r->seen[stratum], w)) == 0)
		return mse_table_set(r->seen[stratum], w, (double)f[0].line,
		    r->err);
	for (i = 0; i < r->k; i++)
		pat[i] = (w >> i) & 1 ? '1' : '0';
	pat[r->k] = '\0';
	mse_strata_format(r->s, stratum, where, sizeof(where));
	snprintf(lines, sizeof(lines), "%zu and %ld", first, f[0].line);
	return msei_error_at(r->err, MSE_EPARSE, r->file, f[0].line,
	    f[0].col, "pattern %s is given twice in stratum %s (lines %s)",
	    pat, where, lines);
}

/* The stratum of the values in r->vals: the last row's again, or
 * interned. */
static int
row_stratum(struct sreader *r, size_t *stratum)
{
	size_t len = msei_join(r->vals, r->spec->nvars, &r->key, &r->keycap);
	size_t cap;
	char *t;
	int rc;

	if (r->key == NULL && r->spec->nvars > 0)
		return msei_error(r->err, MSE_ENOMEM, "out of memory");
	if (r->lastkey != NULL && len == r->lastlen &&
	    memcmp(r->key, r->lastkey, len) == 0) {
		*stratum = r->last;
		return MSE_OK;
	}
	if ((rc = msei_strata_intern(r->s, r->vals, stratum, r->err)) !=
	    MSE_OK)
		return rc;
	/* This row's key is the last one now: swap the buffers. */
	t = r->lastkey;
	r->lastkey = r->key;
	r->key = t;
	cap = r->lastcap;
	r->lastcap = r->keycap;
	r->keycap = cap;
	r->lastlen = len;
	r->last = *stratum;
	return MSE_OK;
}

static int
data(struct sreader *r, const struct msei_field *f, size_t nf, long eline,
    long ecol)
{
	char b1[32], b2[32];
	size_t i, stratum;
	double count;
	uint32_t w;
	int rc, incomplete = 0;

	if (nf != r->ncols) {
		snprintf(b1, sizeof(b1), "%zu", nf);
		snprintf(b2, sizeof(b2), "%zu", r->ncols);
		return perr(r, nf > r->ncols ? f[r->ncols].line : eline,
		    nf > r->ncols ? f[r->ncols].col : ecol, "row has %s "
		    "fields; the header has %s", b1, b2);
	}
	for (i = 0; i < r->spec->nvars; i++) {
		const struct msei_field *fl = &f[r->varcol[i]];

		int miss = msei_stratum_missing(r->file, fl,
		    r->spec->vars[i], r->spec->missing, r->err);

		if (miss < 0)
			return MSE_EPARSE;
		r->vals[i] = miss ? NULL : fl->text;
		incomplete |= miss;
	}
	if ((rc = row_pattern(r, f, &w)) != MSE_OK ||
	    (rc = msei_csv_count(r->file, &f[r->count_col], &count,
	    r->err)) != MSE_OK)
		return rc;
	if (msei_count_add(&r->total, count) != 0)
		return perr(r, f[r->count_col].line, f[r->count_col].col,
		    "%s%s", msei_total_message, "");
	if (w == 0 && r->ignoring)
		return MSE_OK;
	if (w == 0)
		return perr(r, f[0].line, f[0].col, "the all-zero pattern "
		    "(seen by no list) cannot be observed%s%s", "", "");
	if (incomplete)
		return mse_strata_add_incomplete(r->s, r->vals, w, count,
		    r->err);
	rc = row_stratum(r, &stratum);
	if (rc == MSE_OK && !r->ignoring)
		rc = check_twice(r, f, stratum, w);
	if (rc == MSE_OK)
		rc = msei_strata_add_at(r->s, stratum, w, count, r->err);
	return rc;
}

static int
on_row(void *ctx, const struct msei_field *f, size_t nf, long eline,
    long ecol, size_t row)
{
	struct sreader *r = ctx;

	return row == 0 ? header(r, f, nf) : data(r, f, nf, eline, ecol);
}

void
mse_strata_spec_init(struct mse_strata_spec *spec)
{
	memset(spec, 0, sizeof(*spec));
	spec->size = sizeof(*spec);
}

/* From fp when buf is NULL, else from buf. */
static int
strata_read(FILE *fp, const char *buf, size_t len, const char *filename,
    const struct mse_strata_spec *in, struct mse_strata **out,
    struct mse_error *err)
{
	struct mse_strata_spec copy;
	const struct mse_strata_spec *spec;
	struct sreader r;
	size_t n;
	int rc;

	*out = NULL;
	mse_strata_spec_init(&copy);
	if ((rc = msei_sized_in(&copy, sizeof(copy), in, "mse_strata_spec", err)) !=
	    MSE_OK)
		return rc;
	spec = &copy;
	memset(&r, 0, sizeof(r));
	r.spec = spec;
	r.file = filename != NULL ? filename : "<input>";
	r.err = err;
	r.varcol = msei_calloc(spec->nvars + 1, sizeof(*r.varcol));
	r.vals = msei_calloc(spec->nvars + 1, sizeof(*r.vals));
	if (r.varcol == NULL || r.vals == NULL)
		rc = msei_error(err, MSE_ENOMEM, "out of memory");
	else if (buf == NULL)
		rc = msei_csv_stream(fp, r.file, spec->delimiter, 0, on_row,
		    NULL, &r, err);
	else
		rc = msei_csv_parse(buf, len, r.file, spec->delimiter, on_row,
		    &r, err);
	if (rc == MSE_OK)
		rc = mse_strata_sort(r.s, err);
	if (rc == MSE_OK) {
		*out = r.s;
		r.s = NULL;
	}
	mse_strata_free(r.s);
	for (n = 0; n < r.nseen; n++)
		mse_table_free(r.seen[n]);
	free(r.seen);
	free(r.key);
	free(r.lastkey);
	free(r.varcol);
	free(r.vals);
	return rc;
}

int
mse_strata_parse(const char *buf, size_t len, const char *filename,
    const struct mse_strata_spec *spec, struct mse_strata **out,
    struct mse_error *err)
{
	return strata_read(NULL, buf != NULL ? buf : "", len, filename, spec,
	    out, err);
}

int
mse_strata_read(FILE *fp, const char *filename,
    const struct mse_strata_spec *spec, struct mse_strata **out,
    struct mse_error *err)
{
	return strata_read(fp, NULL, 0, filename, spec, out, err);
}
