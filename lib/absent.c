/* SPDX-License-Identifier: GPL-3.0-or-later */
/* absent.c - structural zeros: cells of stratified tables that cannot occur. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "mse_private.h"

struct item {
	uint32_t lists;		/* the unit is on all of these */
	size_t nc;
	size_t *var;		/* and the stratum has value[i] of var[i] */
	char **value;
};

struct mse_absent {
	struct item *items;
	size_t n;
};

struct aparser {
	const struct mse_strata *s;
	const char *spec;
	size_t pos;
	struct mse_error *err;
};

/* An error at the parser's position, as a column in characters. */
static int
aerr(struct aparser *p, size_t at, const char *fmt, const char *a)
{
	char b[64];
	long col = 1;
	size_t i;

	for (i = 0; i < at && p->spec[i] != '\0'; i++)
		col += ((unsigned char)p->spec[i] & 0xc0) != 0x80;
	return msei_error(p->err, MSE_EPARSE, fmt, a != NULL ?
	    msei_snip(a, b, sizeof(b)) : "", col);
}

/* A name or value: plain up to one of ",:=", or in backquotes. */
static char *
word(struct aparser *p)
{
	const char *s = p->spec + p->pos;
	size_t len;
	char *w;

	if (*s == '`') {
		len = strcspn(s + 1, "`");
		if (s[1 + len] != '`') {
			aerr(p, p->pos, "unterminated backquote%s in the "
			    "absent cells at column %ld", NULL);
			return NULL;
		}
		w = strndup(s + 1, len);
		p->pos += len + 2;
	} else {
		len = strcspn(s, ",:=`");
		while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
			len--;
		w = strndup(s, len);
		p->pos += len;
		while (p->spec[p->pos] == ' ' || p->spec[p->pos] == '\t')
			p->pos++;
	}
	if (w == NULL)
		msei_error(p->err, MSE_ENOMEM, "out of memory");
	return w;
}

/* Whether some stratum has this value of var. */
static int
value_occurs(const struct mse_strata *s, size_t var, const char *value)
{
	size_t i;

	for (i = 0; i < mse_strata_count(s); i++)
		if (strcmp(mse_strata_value(s, i, var), value) == 0)
			return 1;
	return 0;
}

/* var=value: the condition on the stratum. */
static int
condition(struct aparser *p, struct item *it, const char *name,
    size_t start)
{
	long v = mse_strata_find_var(p->s, name);
	size_t vstart;
	char *value;

	if (v < 0)
		return aerr(p, start, "unknown stratum variable '%s' in the "
		    "absent cells at column %ld", name);
	p->pos++;
	while (p->spec[p->pos] == ' ' || p->spec[p->pos] == '\t')
		p->pos++;
	vstart = p->pos;
	if ((value = word(p)) == NULL)
		return p->err != NULL ? p->err->code : MSE_ENOMEM;
	if (value[0] == '\0' || !value_occurs(p->s, (size_t)v, value)) {
		int rc = aerr(p, vstart, value[0] == '\0' ? "empty value%s in "
		    "the absent cells at column %ld" : "no stratum has the "
		    "value '%s' in the absent cells at column %ld", value);

		free(value);
		return rc;
	}
	it->var[it->nc] = (size_t)v;
	it->value[it->nc++] = value;
	return MSE_OK;
}

/* One part of an item: a list name, or var=value. */
static int
part(struct aparser *p, struct item *it)
{
	size_t start;
	char *name;
	long l;
	int rc = MSE_OK;

	while (p->spec[p->pos] == ' ' || p->spec[p->pos] == '\t')
		p->pos++;
	start = p->pos;
	if ((name = word(p)) == NULL)
		return p->err != NULL ? p->err->code : MSE_ENOMEM;
	if (name[0] == '\0')
		rc = aerr(p, start, "expected a list or var=value%s in the "
		    "absent cells at column %ld", NULL);
	else if (p->spec[p->pos] == '=')
		rc = condition(p, it, name, start);
	else if ((l = mse_strata_find_list(p->s, name)) >= 0)
		it->lists |= (uint32_t)1 << l;
	else
		rc = aerr(p, start, mse_strata_find_var(p->s, name) >= 0 ?
		    "stratum variable '%s' needs a value (var=value) in the "
		    "absent cells at column %ld" : "unknown list '%s' in the "
		    "absent cells at column %ld", name);
	free(name);
	return rc;
}

static int
item(struct aparser *p, struct item *it)
{
	size_t start = p->pos, nv = mse_strata_vars(p->s);
	int rc;

	it->var = msei_calloc(nv + 1, sizeof(*it->var));
	it->value = msei_calloc(nv + 1, sizeof(*it->value));
	if (it->var == NULL || it->value == NULL)
		return msei_error(p->err, MSE_ENOMEM, "out of memory");
	for (;;) {
		if (it->nc > nv)
			return aerr(p, p->pos, "too many conditions%s in the "
			    "absent cells at column %ld", NULL);
		if ((rc = part(p, it)) != MSE_OK)
			return rc;
		if (p->spec[p->pos] != ':')
			break;
		p->pos++;
	}
	if (p->spec[p->pos] != ',' && p->spec[p->pos] != '\0')
		return aerr(p, p->pos, "unexpected character%s in the absent "
		    "cells at column %ld", NULL);
	if (it->lists == 0)
		return aerr(p, start, "the absent cell%s at column %ld names "
		    "no list", NULL);
	return MSE_OK;
}

int
mse_absent_parse(const struct mse_strata *s, const char *spec,
    struct mse_absent **out, struct mse_error *err)
{
	struct aparser p = { s, spec, 0, err };
	struct mse_absent *a;
	size_t n = 1, i;
	int rc = MSE_OK;

	*out = NULL;
	for (i = 0; spec[i] != '\0'; i++)
		n += spec[i] == ',';
	a = calloc(1, sizeof(*a));
	if (a == NULL || (a->items = msei_calloc(n, sizeof(*a->items))) ==
	    NULL) {
		free(a);
		return msei_error(err, MSE_ENOMEM, "out of memory");
	}
	for (;;) {
		rc = item(&p, &a->items[a->n++]);
		if (rc != MSE_OK || spec[p.pos] == '\0')
			break;
		p.pos++;
	}
	if (rc != MSE_OK) {
		mse_absent_free(a);
		return rc;
	}
	*out = a;
	return MSE_OK;
}

void
mse_absent_free(struct mse_absent *a)
{
	size_t i, j;

	if (a == NULL)
		return;
	for (i = 0; i < a->n; i++) {
		for (j = 0; j < a->items[i].nc; j++)
			free(a->items[i].value[j]);
		free(a->items[i].var);
		free(a->items[i].value);
	}
	free(a->items);
	free(a);
}

int
mse_absent_cell(const struct mse_absent *a, const struct mse_strata *s,
    size_t stratum, uint32_t pattern)
{
	size_t i, j;

	if (a == NULL || pattern == 0)
		return 0;
	for (i = 0; i < a->n; i++) {
		const struct item *it = &a->items[i];

		if ((pattern & it->lists) != it->lists)
			continue;
		for (j = 0; j < it->nc; j++)
			if (strcmp(mse_strata_value(s, stratum, it->var[j]),
			    it->value[j]) != 0)
				break;
		if (j == it->nc)
			return 1;
	}
	return 0;
}

int
mse_absent_check(const struct mse_absent *a, const struct mse_strata *s,
    struct mse_error *err)
{
	char cell[MSE_MAX_LISTS + 1], where[256];
	size_t i, j, k = mse_strata_lists(s);
	uint32_t w, cells = ((uint32_t)1 << k) - 1;
	double c;

	for (i = 0; a != NULL && i < mse_strata_count(s); i++)
		for (w = 1; w <= cells; w++) {
			c = mse_table_get(mse_strata_table(s, i), w);
			if (c == 0 || !mse_absent_cell(a, s, i, w))
				continue;
			for (j = 0; j < k; j++)
				cell[j] = (w >> j & 1) ? '1' : '0';
			cell[k] = '\0';
			where[0] = '\0';
			if (mse_strata_vars(s) > 0) {
				memcpy(where, " of stratum ", 13);
				mse_strata_format(s, i, where + 12,
				    sizeof(where) - 12);
			}
			return msei_error(err, MSE_EDOMAIN, "cell %s%s is "
			    "declared absent but has count %.0f", cell, where,
			    c);
		}
	return MSE_OK;
}
