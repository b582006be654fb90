/* SPDX-License-Identifier: GPL-3.0-or-later */
/* model.c - hierarchical log-linear models and their R-style formulas. */
#include <config.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "mse_private.h"

/* Terms are bit masks over the lists; the intercept (mask 0) is implied. */
struct mse_model {
	size_t k;
	uint32_t *terms;
	size_t n, cap;
};

/* A set of terms while parsing (may hold 0, the empty term). */
struct tset {
	uint32_t *v;
	size_t n, cap;
};

struct parser {
	const struct mse_table *t;
	const char *s;
	size_t pos;
	struct mse_error *err;
	int status;
	int depth;	/* open parentheses, bounded by MODEL_MAX_DEPTH */
};

/* The parser recurses once per parenthesis, so a formula of 12,000 nested
 * parentheses would overflow the stack.  No hierarchical model over at most
 * 32 lists needs more than a few levels; 256 leaves ample room. */
#define MODEL_MAX_DEPTH 256

/* Characters that end an unquoted list name. */
#define MODEL_OPERATORS "+*:()` \t\r\n"

/* Order terms by size, then lexicographically by their list indices, so
 * that designs and printed models are stable. */
int
msei_term_cmp(const void *pa, const void *pb)
{
	uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
	int ca = msei_popcount(a), cb = msei_popcount(b);

	if (ca != cb)
		return ca < cb ? -1 : 1;
	while (a != b) {
		uint32_t la = a & -a, lb = b & -b;

		if (la != lb)
			return la < lb ? -1 : 1;
		a &= ~la;
		b &= ~lb;
	}
	return 0;
}

struct mse_model *
mse_model_new(size_t k, struct mse_error *err)
{
	struct mse_model *m;
	size_t i;

	if (k < 2 || k > MSE_DENSE_LISTS) {
		msei_error(err, k < 2 ? MSE_EINVAL : MSE_EDOMAIN, "%zu lists; "
		    "a log-linear model needs 2 to %d (it tabulates all 2^k "
		    "cells)", k, MSE_DENSE_LISTS);
		return NULL;
	}
	m = calloc(1, sizeof(*m));
	if (m == NULL) {
		msei_error(err, MSE_ENOMEM, "out of memory");
		return NULL;
	}
	m->k = k;
	for (i = 0; i < k; i++)
		if (mse_model_add(m, (uint32_t)1 << i, err) != MSE_OK) {
			mse_model_free(m);
			return NULL;
		}
	return m;
}

void
mse_model_free(struct mse_model *m)
{
	if (m == NULL)
		return;
	free(m->terms);
	free(m);
}

static int
model_has(const struct mse_model *m, uint32_t term)
{
	if (m->n == 0)
		return 0;
	return bsearch(&term, m->terms, m->n, sizeof(*m->terms),
	    msei_term_cmp) != NULL;
}

static int
model_insert(struct mse_model *m, uint32_t term)
{
	size_t i;

	if (model_has(m, term))
		return MSE_OK;
	if (m->n == m->cap) {
		size_t n = m->cap ? 2 * m->cap : 32;
		uint32_t *p = msei_reallocarray(m->terms, n, sizeof(*p));

		if (p == NULL)
			return MSE_ENOMEM;
		m->terms = p;
		m->cap = n;
	}
	for (i = m->n; i > 0 && msei_term_cmp(&m->terms[i - 1], &term) > 0; i--)
		m->terms[i] = m->terms[i - 1];
	m->terms[i] = term;
	m->n++;
	return MSE_OK;
}

/* Add a term and every non-empty subset of it (hierarchical closure). */
int
mse_model_add(struct mse_model *m, uint32_t term, struct mse_error *err)
{
	uint32_t sub;

	if (term == 0)
		return MSE_OK;
	if (term >> m->k != 0)
		return msei_error(err, MSE_EINVAL, "term %#lx names a list "
		    "beyond the %zu lists", (unsigned long)term, m->k);
	for (sub = term; sub != 0; sub = (sub - 1) & term)
		if (model_insert(m, sub) != MSE_OK)
			return msei_error(err, MSE_ENOMEM, "out of memory");
	return MSE_OK;
}

size_t
mse_model_terms(const struct mse_model *m)
{
	return m->n;
}

uint32_t
mse_model_term(const struct mse_model *m, size_t i)
{
	return i < m->n ? m->terms[i] : 0;
}

/* A name needs backquotes when it is not a plain formula word. */
static int
needs_quotes(const char *name)
{
	return name[0] == '\0' || strpbrk(name, "+*:()` \t\r\n") != NULL ||
	    strcmp(name, "main") == 0;
}

static int
append(char *buf, size_t size, size_t *len, const char *s)
{
	size_t n = strlen(s);

	if (*len + n + 1 > size)
		return -1;
	memcpy(buf + *len, s, n + 1);
	*len += n;
	return 0;
}

/* Append one term, its lists joined by ':' (backquoted where needed). */
static int
format_term(const char *const *names, size_t k, uint32_t a, char *buf,
    size_t size, size_t *len)
{
	size_t j;

	for (j = 0; j < k; j++) {
		const char *nm = names[j];
		int first = (a & (((uint32_t)1 << j) - 1)) == 0;
		int q = needs_quotes(nm);

		if (!(a >> j & 1))
			continue;
		if ((!first && append(buf, size, len, ":") != 0) ||
		    (q && append(buf, size, len, "`") != 0) ||
		    append(buf, size, len, nm) != 0 ||
		    (q && append(buf, size, len, "`") != 0))
			return -1;
	}
	return 0;
}

static const char *const *
table_names(const struct mse_table *t, const char **names)
{
	size_t j, k = mse_table_lists(t);

	for (j = 0; j < k && j < MSE_MAX_LISTS; j++)
		names[j] = mse_table_name(t, j);
	return names;
}

int
mse_table_format_term(const struct mse_table *t, uint32_t term, char *buf,
    size_t size)
{
	const char *names[MSE_MAX_LISTS];
	size_t len = 0;

	if (size == 0)
		return MSE_EINVAL;
	buf[0] = '\0';
	if (term == 0)
		return append(buf, size, &len, "(intercept)") == 0 ?
		    MSE_OK : MSE_EINVAL;
	return format_term(table_names(t, names), mse_table_lists(t), term,
	    buf, size, &len) == 0 ? MSE_OK : MSE_EINVAL;
}

/* Print the model by its generators (maximal interactions), e.g.
 * "A:B + C:D", or "main" for independence. */
int
msei_model_format_names(const struct mse_model *m, const char *const *names,
    size_t k, char *buf, size_t size)
{
	size_t i, j, len = 0, ngen = 0;

	if (size == 0)
		return MSE_EINVAL;
	buf[0] = '\0';
	for (i = 0; i < m->n; i++) {
		uint32_t a = m->terms[i];
		int maximal = msei_popcount(a) > 1;

		for (j = i + 1; j < m->n && maximal; j++)
			if ((m->terms[j] & a) == a)
				maximal = 0;
		if (!maximal)
			continue;
		if ((ngen++ > 0 && append(buf, size, &len, " + ") != 0) ||
		    format_term(names, k, a, buf, size, &len) != 0)
			return MSE_EINVAL;
	}
	if (ngen == 0 && append(buf, size, &len, "main") != 0)
		return MSE_EINVAL;
	return MSE_OK;
}

int
mse_model_format(const struct mse_model *m, const struct mse_table *t,
    char *buf, size_t size)
{
	const char *names[MSE_MAX_LISTS];

	return msei_model_format_names(m, table_names(t, names),
	    mse_table_lists(t), buf, size);
}

char *
msei_model_string(const struct mse_model *m, const char *const *names,
    size_t k)
{
	size_t size = 256;
	char *buf = NULL, *p;

	/* Grow until it fits: a model's text has no fixed bound. */
	for (;;) {
		p = realloc(buf, size);
		if (p == NULL) {
			free(buf);
			return NULL;
		}
		buf = p;
		if (msei_model_format_names(m, names, k, buf, size) == MSE_OK)
			return buf;
		if (size > SIZE_MAX / 2) {
			free(buf);
			return NULL;
		}
		size *= 2;
	}
}

char *
mse_model_string(const struct mse_model *m, const struct mse_table *t)
{
	const char *names[MSE_MAX_LISTS];

	if (m == NULL || t == NULL)
		return NULL;
	return msei_model_string(m, table_names(t, names),
	    mse_table_lists(t));
}

/* ---- formula parsing -------------------------------------------------- */

static int
tset_add(struct tset *s, uint32_t term)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (s->v[i] == term)
			return 0;
	if (s->n == s->cap) {
		size_t n = s->cap ? 2 * s->cap : 8;
		uint32_t *p = msei_reallocarray(s->v, n, sizeof(*p));

		if (p == NULL)
			return -1;
		s->v = p;
		s->cap = n;
	}
	s->v[s->n++] = term;
	return 0;
}

/* Set col to the column (in characters) of byte offset pos. */
static long
column_at(const char *s, size_t pos)
{
	long col = 1;
	size_t i;

	for (i = 0; i < pos && s[i] != '\0'; i++)
		col += ((unsigned char)s[i] & 0xc0) != 0x80;
	return col;
}

/* Report an error at the current position, a column in characters. */
static int
perr(struct parser *p, const char *fmt, const char *a)
{
	if (p->status == MSE_OK)
		p->status = msei_error(p->err, MSE_EPARSE, fmt, a,
		    column_at(p->s, p->pos));
	return -1;
}

static int
nomem(struct parser *p)
{
	if (p->status == MSE_OK)
		p->status = msei_error(p->err, MSE_ENOMEM, "out of memory");
	return -1;
}

static void
skip_space(struct parser *p)
{
	while (p->s[p->pos] == ' ' || p->s[p->pos] == '\t' ||
	    p->s[p->pos] == '\n' || p->s[p->pos] == '\r')
		p->pos++;
}

static int parse_sum(struct parser *p, struct tset *out);

/* The words from start up to the next operator, when they hold a space:
 * "Pro Sentret" in "Pro Sentret:ROSA".  Returns their length, or 0. */
static size_t
spaced_name(const char *s, size_t start)
{
	size_t i = start, end = start;
	int space = 0;

	while (s[i] != '\0' && strchr("+*:()`", s[i]) == NULL) {
		if (strchr(" \t\r\n", s[i]) == NULL) {
			space |= end != start && end != i;
			end = i + 1;
		}
		i++;
	}
	return space ? end - start : 0;
}

/* An unknown name: say how to quote a name with a space, or name the list
 * that differs only in case. */
static int
unknown_list(struct parser *p, size_t start, const char *name, int quoted)
{
	size_t n = quoted ? 0 : spaced_name(p->s, start), i;
	long col = column_at(p->s, quoted ? start - 1 : start);
	const char *names[MSE_MAX_LISTS];
	char hint[160];

	p->pos = quoted ? start - 1 : start;
	if (p->status != MSE_OK)
		return -1;
	if (n > 0 && n < 200) {
		p->status = msei_error(p->err, MSE_EPARSE, "unknown list "
		    "'%s' in the model at column %ld; a name with a space "
		    "goes in backquotes, as in -M '`%.*s`' (see mse-fit(1))",
		    name, col, (int)n, p->s + start);
		return -1;
	}
	for (i = 0; i < mse_table_lists(p->t) && i < MSE_MAX_LISTS; i++)
		names[i] = mse_table_name(p->t, i);
	p->status = msei_error(p->err, MSE_EPARSE, "unknown list '%s' in the "
	    "model at column %ld%s", name, col, msei_name_hint(name, names, i,
	    "lists", hint, sizeof(hint)));
	return -1;
}

/* Text after a complete term: when a name follows a space ("A B"), the user
 * meant one name with a space in it. */
static void
trailing_error(struct parser *p, const char *what)
{
	size_t back = p->pos, n;

	while (back > 0 && strchr(" \t\r\n", p->s[back - 1]) != NULL)
		back--;
	if (back < p->pos && (isalnum((unsigned char)p->s[p->pos]) ||
	    (unsigned char)p->s[p->pos] >= 0x80)) {
		while (back > 0 && strchr(MODEL_OPERATORS, p->s[back - 1]) ==
		    NULL)
			back--;
		n = spaced_name(p->s, back);
		if (n > 0 && n < 200 && p->status == MSE_OK) {
			p->status = msei_error(p->err, MSE_EPARSE, "%s in the "
			    "model at column %ld; a name with a space goes in "
			    "backquotes, as in -M '`%.*s`' (see mse-fit(1))",
			    what, column_at(p->s, p->pos), (int)n, p->s + back);
			return;
		}
	}
	perr(p, "%s in the model at column %ld", what);
}

/* A list name, plain or in backquotes; "main" alone is the empty term. */
static int
parse_name(struct parser *p, struct tset *out)
{
	size_t start, end;
	char name[256];
	int quoted = p->s[p->pos] == '`';
	long idx;

	if (quoted) {
		start = ++p->pos;
		while (p->s[p->pos] != '`' && p->s[p->pos] != '\0')
			p->pos++;
		if (p->s[p->pos] != '`') {
			p->pos = start - 1;
			return perr(p, "unterminated backquote%s in the model "
			    "at column %ld", "");
		}
		end = p->pos++;
	} else {
		start = p->pos;
		while (p->s[p->pos] != '\0' &&
		    strchr(MODEL_OPERATORS, p->s[p->pos]) == NULL)
			p->pos++;
		end = p->pos;
	}
	if (end == start) {
		if (p->s[p->pos] == '\0')
			return perr(p, "model ends too early%s at column %ld",
			    "");
		return perr(p, "expected a list name in the model%s at "
		    "column %ld", "");
	}
	if (end - start >= sizeof(name)) {
		p->pos = start;
		return perr(p, "list name too long%s in the model at column "
		    "%ld", "");
	}
	memcpy(name, p->s + start, end - start);
	name[end - start] = '\0';
	idx = mse_table_find(p->t, name);
	if (idx < 0 && !quoted && strcmp(name, "main") == 0)
		return tset_add(out, 0) == 0 ? 0 : nomem(p);
	if (idx < 0)
		return unknown_list(p, start, name, quoted);
	return tset_add(out, (uint32_t)1 << idx) == 0 ? 0 : nomem(p);
}

static int
parse_atom(struct parser *p, struct tset *out)
{
	skip_space(p);
	if (p->s[p->pos] == '(') {
		size_t open = p->pos++;
		int rc;

		if (p->depth >= MODEL_MAX_DEPTH) {
			p->pos = open;
			return perr(p, "parentheses nested deeper than 256%s in "
			    "the model at column %ld; write the terms without "
			    "the extra parentheses", "");
		}
		p->depth++;
		rc = parse_sum(p, out);
		p->depth--;
		if (rc != 0)
			return -1;
		skip_space(p);
		if (p->s[p->pos] != ')') {
			if (p->s[p->pos] != '\0') {
				trailing_error(p, "unexpected character");
				return -1;
			}
			p->pos = open;
			return perr(p, "unbalanced parenthesis%s in the model "
			    "at column %ld", "");
		}
		p->pos++;
		return 0;
	}
	return parse_name(p, out);
}

/* X:Y is every union of a term of X with a term of Y. */
static int
parse_colon(struct parser *p, struct tset *out)
{
	struct tset rhs = { 0 }, res;
	size_t i, j;

	if (parse_atom(p, out) != 0)
		return -1;
	for (;;) {
		skip_space(p);
		if (p->s[p->pos] != ':') {
			free(rhs.v);
			return 0;
		}
		p->pos++;
		rhs.n = 0;
		if (parse_atom(p, &rhs) != 0)
			break;
		memset(&res, 0, sizeof(res));
		for (i = 0; i < out->n; i++)
			for (j = 0; j < rhs.n; j++)
				if (tset_add(&res, out->v[i] | rhs.v[j]) != 0) {
					free(res.v);
					free(rhs.v);
					return nomem(p);
				}
		free(out->v);
		*out = res;
	}
	free(rhs.v);
	return -1;
}

/* X*Y is X + Y + X:Y. */
static int
parse_star(struct parser *p, struct tset *out)
{
	struct tset rhs = { 0 };
	size_t i, j, n;

	if (parse_colon(p, out) != 0)
		return -1;
	for (;;) {
		skip_space(p);
		if (p->s[p->pos] != '*')
			break;
		p->pos++;
		rhs.n = 0;
		if (parse_colon(p, &rhs) != 0) {
			free(rhs.v);
			return -1;
		}
		n = out->n;
		for (i = 0; i < n; i++)
			for (j = 0; j < rhs.n; j++)
				if (tset_add(out, out->v[i] | rhs.v[j]) != 0)
					goto oom;
		for (j = 0; j < rhs.n; j++)
			if (tset_add(out, rhs.v[j]) != 0)
				goto oom;
	}
	free(rhs.v);
	return 0;
oom:
	free(rhs.v);
	return nomem(p);
}

/* X + Y is the union; each side is parsed into a set of its own. */
static int
parse_sum(struct parser *p, struct tset *out)
{
	struct tset rhs = { 0 };
	size_t j;
	int rc = 0;

	if (parse_star(p, out) != 0)
		return -1;
	for (;;) {
		skip_space(p);
		if (p->s[p->pos] != '+')
			break;
		p->pos++;
		rhs.n = 0;
		if (parse_star(p, &rhs) != 0) {
			rc = -1;
			break;
		}
		for (j = 0; j < rhs.n && rc == 0; j++)
			if (tset_add(out, rhs.v[j]) != 0)
				rc = nomem(p);
	}
	free(rhs.v);
	return rc;
}

int
mse_model_parse(const struct mse_table *t, const char *formula,
    struct mse_model **out, struct mse_error *err)
{
	struct parser p = { t, formula, 0, err, MSE_OK, 0 };
	struct tset terms = { 0 };
	struct mse_model *m;
	size_t i;

	*out = NULL;
	m = mse_model_new(mse_table_lists(t), err);
	if (m == NULL)
		return err != NULL ? err->code : MSE_ENOMEM;
	if (parse_sum(&p, &terms) == 0) {
		skip_space(&p);
		if (p.s[p.pos] == ')')
			perr(&p, "unbalanced parenthesis%s in the model at "
			    "column %ld", "");
		else if (p.s[p.pos] != '\0')
			trailing_error(&p, "unexpected character");
	}
	for (i = 0; p.status == MSE_OK && i < terms.n; i++)
		p.status = mse_model_add(m, terms.v[i], err);
	free(terms.v);
	if (p.status != MSE_OK) {
		mse_model_free(m);
		return p.status;
	}
	*out = m;
	return MSE_OK;
}

struct mse_model *
mse_model_copy(const struct mse_model *m, struct mse_error *err)
{
	struct mse_model *c = calloc(1, sizeof(*c));

	if (c == NULL || (c->terms = msei_calloc(m->n, sizeof(*c->terms))) ==
	    NULL) {
		free(c);
		msei_error(err, MSE_ENOMEM, "out of memory");
		return NULL;
	}
	c->k = m->k;
	c->n = c->cap = m->n;
	memcpy(c->terms, m->terms, m->n * sizeof(*c->terms));
	return c;
}

size_t
mse_model_lists(const struct mse_model *m)
{
	return m->k;
}

int
mse_model_has(const struct mse_model *m, uint32_t term)
{
	return term == 0 || model_has(m, term);
}

/* Remove a generator: an interaction that no other term contains, so that
 * the model stays hierarchical.  Main effects always stay. */
int
mse_model_remove(struct mse_model *m, uint32_t term, struct mse_error *err)
{
	size_t i, at = m->n;

	for (i = 0; i < m->n; i++) {
		if (m->terms[i] == term)
			at = i;
		else if ((m->terms[i] & term) == term)
			return msei_error(err, MSE_EINVAL, "term is contained "
			    "in a larger one and cannot be removed alone");
	}
	if (at == m->n || msei_popcount(term) < 2)
		return msei_error(err, MSE_EINVAL, "no such interaction in "
		    "the model");
	memmove(m->terms + at, m->terms + at + 1,
	    (m->n - at - 1) * sizeof(*m->terms));
	m->n--;
	return MSE_OK;
}

/* The size of the largest term: 1 for independence. */
int
mse_model_order(const struct mse_model *m)
{
	size_t i;
	int o = 0;

	for (i = 0; i < m->n; i++)
		if (msei_popcount(m->terms[i]) > o)
			o = msei_popcount(m->terms[i]);
	return o;
}
