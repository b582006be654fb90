/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_model.c - unit tests of hierarchical models and formulas (model.c). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include <mse.h>
#include "tap.h"

/*
 * Known faults of lib/model.c, reported to the lead.  While a reason is
 * set, the assertions that need the fix are TAP TODO (XFAIL).  Once the
 * library is fixed they XPASS, which fails make check: define the reason
 * as NULL then, and they become ordinary assertions.
 */
#define BUG_BQ_MAIN NULL
#define BUG_BQ_COL NULL
#define BUG_BYTES NULL

/* Lists of the Western table (shared/data/Western.csv): A to E, so term
 * masks are A 1, B 2, C 4, D 8, E 16. */
static const char *const western[] = { "A", "B", "C", "D", "E" };

/* Names that need backquotes (a space, the keyword), and UTF-8 that does
 * not: masks P 1, Po 2, U 4, M 8, G 16. */
static const char *const oslo[] = { "Pro Sentret", "Politi", "UDI", "main",
	"Grünerløkka" };

/* A passing or failing assertion; the failure is TODO while reason is
 * set (see above). */
static int
todo_ok(const char *reason, int pass, const char *desc)
{
	if (reason == NULL)
		return ok(pass, "%s", desc);
	tap_count++;
	printf("%sok %d - %s # TODO %s\n", pass ? "" : "not ", tap_count,
	    desc, reason);
	return pass;
}

/* Do the model's terms equal want[0..n-1], in that order? */
static int
terms_are(const struct mse_model *m, const uint32_t *want, size_t n)
{
	size_t i;

	if (mse_model_terms(m) != n)
		return 0;
	for (i = 0; i < n; i++)
		if (mse_model_term(m, i) != want[i])
			return 0;
	return 1;
}

static void
print_terms(const struct mse_model *m)
{
	size_t i;

	printf("# terms:");
	for (i = 0; i < mse_model_terms(m); i++)
		printf(" %lu", (unsigned long)mse_model_term(m, i));
	printf("\n");
}

static void
test_new_add(void)
{
	static const uint32_t main4[] = { 1, 2, 4, 8 },
	    abc[] = { 1, 2, 4, 8, 3, 5, 6, 7 };
	struct mse_error err;
	struct mse_model *m;

	mse_error_clear(&err);
	ok(mse_model_new(1, &err) == NULL && err.code == MSE_EINVAL,
	    "new: 1 list gives NULL and MSE_EINVAL (mse.h: 2 to 20)");
	mse_error_clear(&err);
	ok(mse_model_new(MSE_DENSE_LISTS + 1, &err) == NULL &&
	    err.code == MSE_EDOMAIN, "new: 21 lists give NULL and MSE_EDOMAIN");
	m = mse_model_new(4, &err);
	if (!ok(m != NULL, "new: 4 lists"))
		return;
	ok(terms_are(m, main4, 4), "new: exactly the 4 main effects "
	    "(libmse(3): the independence model)");
	is_int(mse_model_add(m, 7, &err), MSE_OK, "add: A:B:C");
	if (!ok(terms_are(m, abc, 8), "add: A:B:C brings A:B, A:C, B:C "
	    "(libmse(3): hierarchical), 8 terms in order"))
		print_terms(m);
	is_int(mse_model_add(m, 7, &err), MSE_OK, "add: A:B:C again");
	is_int(mse_model_add(m, 0, &err), MSE_OK, "add: the intercept (0)");
	ok(terms_are(m, abc, 8), "add: again and 0 change nothing");
	mse_error_clear(&err);
	is_int(mse_model_add(m, 16, &err), MSE_EINVAL,
	    "add: list 4 of 4 is MSE_EINVAL");
	is_int(mse_model_add(m, UINT32_MAX, NULL), MSE_EINVAL,
	    "add: 2^32 - 1 on 4 lists is MSE_EINVAL, err NULL");
	ok(terms_are(m, abc, 8), "add: a refused term changes nothing");
	is_int((long)mse_model_term(m, 8), 0, "term: index 8 of 8 gives 0");
	mse_model_free(m);
	mse_model_free(NULL);
	ok(1, "free(NULL) is a no-op (STYLE.md)");
}

/* Terms by size, then lexicographically by list index (model.c). */
static void
test_order(void)
{
	static const uint32_t pairs[] = { 12, 10, 6, 9, 5, 3 },
	    want[] = { 1, 2, 4, 8, 3, 5, 9, 6, 10, 12 },
	    all[] = { 1, 2, 4, 8, 3, 5, 9, 6, 10, 12, 7, 11, 13, 14, 15 };
	struct mse_model *m = mse_model_new(4, NULL);
	size_t i;

	if (m == NULL) {
		ok(0, "order: new");
		return;
	}
	for (i = 0; i < 6; i++)
		mse_model_add(m, pairs[i], NULL);
	if (!ok(terms_are(m, want, 10), "order: pairs added C:D first come "
	    "A:B, A:C, A:D, B:C, B:D, C:D"))
		print_terms(m);
	mse_model_add(m, 15, NULL);
	if (!ok(terms_are(m, all, 15), "order: then A:B:C, A:B:D, A:C:D, "
	    "B:C:D, A:B:C:D"))
		print_terms(m);
	mse_model_free(m);
}

/* A formula, its formatted generators, and every term in order (mse-fit(1)
 * -M: R's formula notation; expected terms worked out by hand). */
struct parse_case {
	const char *formula;
	const char *format;
	size_t n;
	uint32_t terms[16];
};

#define MAIN5 1, 2, 4, 8, 16

static const struct parse_case western_cases[] = {
	{ "main", "main", 5, { MAIN5 } },
	{ "A:E", "A:E", 6, { MAIN5, 17 } },
	{ "A:B + C:D", "A:B + C:D", 7, { MAIN5, 3, 12 } },
	{ "A*B*C", "A:B:C", 9, { MAIN5, 3, 5, 6, 7 } },
	{ "(A+B):C", "A:C + B:C", 7, { MAIN5, 5, 6 } },
	{ "A*B + C:D:E", "A:B + C:D:E", 10, { MAIN5, 3, 12, 20, 24, 28 } },
	{ "A + B:C", "B:C", 6, { MAIN5, 6 } },
	{ "A:B + C", "A:B", 6, { MAIN5, 3 } },
	{ "(A:B + C:D):E", "A:B:E + C:D:E", 13,
	    { MAIN5, 3, 17, 18, 12, 20, 24, 19, 28 } },
	{ "A:(B + C:D)", "A:B + A:C:D", 10, { MAIN5, 3, 5, 9, 12, 13 } },
	{ " \tA :\n B\r+ C:D  ", "A:B + C:D", 7, { MAIN5, 3, 12 } },
	{ "A:B+C:D", "A:B + C:D", 7, { MAIN5, 3, 12 } },
	{ "A", "main", 5, { MAIN5 } },
	{ "A+B+C+D+E", "main", 5, { MAIN5 } },
	{ "(((A:B)))", "A:B", 6, { MAIN5, 3 } },
	{ "`A`:`B`", "A:B", 6, { MAIN5, 3 } },
	{ "A:A", "main", 5, { MAIN5 } },
	{ "main + A:B", "A:B", 6, { MAIN5, 3 } },
	{ "A:B:C + A:B", "A:B:C", 9, { MAIN5, 3, 5, 6, 7 } },
	{ "B:A", "A:B", 6, { MAIN5, 3 } },
};

static const struct parse_case oslo_cases[] = {
	{ "`Pro Sentret`:Politi", "`Pro Sentret`:Politi", 6, { MAIN5, 3 } },
	{ "Politi:`main`", "Politi:`main`", 6, { MAIN5, 10 } },
	{ "`Pro Sentret`*UDI*`main`", "`Pro Sentret`:UDI:`main`", 9,
	    { MAIN5, 5, 9, 12, 13 } },
	{ "`Pro Sentret`:Politi + UDI:`main`",
	    "`Pro Sentret`:Politi + UDI:`main`", 7, { MAIN5, 3, 12 } },
	{ "Grünerløkka:UDI", "UDI:Grünerløkka", 6, { MAIN5, 20 } },
	/* With a list named main, "main" alone is that list's main effect:
	 * the same independence model. */
	{ "main", "main", 5, { MAIN5 } },
};

/* The formula with tabs and line ends escaped, for a one-line TAP
 * description. */
static const char *
show(const char *s, char *buf, size_t size)
{
	size_t i, j = 0;

	for (i = 0; s[i] != '\0' && j + 3 < size; i++) {
		const char *e = s[i] == '\t' ? "\\t" : s[i] == '\n' ? "\\n" :
		    s[i] == '\r' ? "\\r" : NULL;

		if (e != NULL) {
			memcpy(buf + j, e, 2);
			j += 2;
		} else
			buf[j++] = s[i];
	}
	buf[j] = '\0';
	return buf;
}

/* Parse, compare the terms and the format, then parse the format again:
 * it must give the same model (the round trip). */
static void
check_parse(const struct mse_table *t, const struct parse_case *c)
{
	struct mse_model *m, *r;
	struct mse_error err;
	char buf[256], f[128];

	show(c->formula, f, sizeof(f));
	mse_error_clear(&err);
	if (!is_int(mse_model_parse(t, c->formula, &m, &err), MSE_OK,
	    "parse '%s'", f))
		printf("# %s\n", err.message);
	if (m == NULL)
		return;
	if (!ok(terms_are(m, c->terms, c->n), "'%s': %zu terms in order "
	    "(by hand)", f, c->n))
		print_terms(m);
	is_int(mse_model_format(m, t, buf, sizeof(buf)), MSE_OK,
	    "'%s': formats", f);
	ok(strcmp(buf, c->format) == 0, "'%s': formats as '%s' (got '%s')",
	    f, c->format, buf);
	mse_model_parse(t, buf, &r, &err);
	ok(r != NULL && terms_are(r, c->terms, c->n),
	    "'%s': '%s' parses back to the same model", f, buf);
	mse_model_free(r);
	mse_model_free(m);
}

/* An error: MSE_EPARSE, *out NULL, a message naming the fault, and the
 * message ending "at column N", N 1-based in characters (by hand). */
static void
check_error(const struct mse_table *t, const char *formula,
    const char *msg, long col, const char *todo)
{
	/* Not NULL, so that the test sees the call clear it. */
	struct mse_model *m = (struct mse_model *)&m;
	struct mse_error err;
	char end[32], desc[200], f[64];
	const char *at;
	size_t e;

	show(formula, f, sizeof(f));
	mse_error_clear(&err);
	is_int(mse_model_parse(t, formula, &m, &err), MSE_EPARSE,
	    "'%s': MSE_EPARSE", f);
	ok(m == NULL && err.code == MSE_EPARSE, "'%s': *out NULL, err.code "
	    "set", f);
	if (!ok(strstr(err.message, msg) != NULL, "'%s': message has '%s'",
	    f, msg))
		printf("# got '%s'\n", err.message);
	snprintf(end, sizeof(end), "at column %ld", col);
	e = strlen(end);
	at = strstr(err.message, end);
	/* A hint on how to fix it may follow the position, after "; ". */
	snprintf(desc, sizeof(desc), "'%s': message ends '%s' (or a hint "
	    "follows)", f, end);
	if (!todo_ok(todo, at != NULL && (at[e] == '\0' || at[e] == ';'),
	    desc))
		printf("# got '%s'\n", err.message);
	mse_model_free(m);
}

static void
test_errors(const struct mse_table *w, const struct mse_table *o)
{
	char longname[301];

	check_error(w, "A:F", "unknown list 'F'", 3, NULL);
	check_error(w, "A + `B C`", "unknown list 'B C'", 5, BUG_BQ_COL);
	check_error(w, "(A:B", "unbalanced parenthesis", 1, NULL);
	check_error(w, "A:B)", "unbalanced parenthesis", 4, NULL);
	check_error(w, "((A:B)", "unbalanced parenthesis", 1, NULL);
	check_error(w, "A:", "ends too early", 3, NULL);
	check_error(w, "A*", "ends too early", 3, NULL);
	check_error(w, "A +", "ends too early", 4, NULL);
	check_error(w, "", "ends too early", 1, NULL);
	check_error(w, "   ", "ends too early", 4, NULL);
	check_error(w, "`A", "unterminated backquote", 1, NULL);
	check_error(w, "A:B $", "unexpected character", 5, NULL);
	check_error(w, "A B", "unexpected character", 3, NULL);
	check_error(w, "+A", "expected a list name", 1, NULL);
	check_error(w, "A::B", "expected a list name", 3, NULL);
	check_error(w, "()", "expected a list name", 2, NULL);
	check_error(o, "Grünerløkka:X", "unknown list 'X'", 13, BUG_BYTES);
	check_error(o, "Pro Sentret", "unknown list 'Pro'", 1, NULL);
	check_error(w, "A:b", "did you mean 'B'?", 3, NULL);
	check_error(w, "A B", "a name with a space goes in backquotes, as in "
	    "-M '`A B`'", 3, NULL);
	check_error(o, "Pro Sentret", "goes in backquotes, as in -M '`Pro "
	    "Sentret`'", 1, NULL);
	memset(longname, 'x', 300);
	longname[300] = '\0';
	check_error(w, longname, "list name too long", 1, NULL);
}

/* Issue 18: 12,000 nested parentheses (a 24 KB formula) overflowed the
 * stack in parse_atom/parse_sum (SIGSEGV).  256 levels parse; deeper is
 * MSE_EPARSE with a message. */
static void
test_deep(const struct mse_table *w)
{
	static char f[24002];
	struct mse_model *m = NULL;
	struct mse_error err;
	size_t d;

	for (d = 0; d < 12000; d++) {
		f[d] = '(';
		f[12001 + d] = ')';
	}
	f[12000] = 'A';
	f[24001] = '\0';
	mse_error_clear(&err);
	is_int(mse_model_parse(w, f, &m, &err), MSE_EPARSE,
	    "12,000 nested parentheses: MSE_EPARSE, no crash");
	if (!ok(strstr(err.message, "nested deeper than 256") != NULL,
	    "12,000 nested parentheses: message says 'nested deeper than "
	    "256'"))
		printf("# got '%s'\n", err.message);
	mse_model_free(m);
	memmove(f + 256, f + 12000, 257);
	memset(f + 256 + 1, ')', 256);
	f[256 + 1 + 256] = '\0';
	m = NULL;
	is_int(mse_model_parse(w, f, &m, &err), MSE_OK,
	    "256 nested parentheses parse");
	mse_model_free(m);
}

/* Backquotes make a name, so `main` is not the keyword (R's rule for
 * backquoted symbols); Western has no list main. */
static void
test_bq_main(const struct mse_table *w)
{
	struct mse_model *m;
	struct mse_error err;

	mse_error_clear(&err);
	todo_ok(BUG_BQ_MAIN, mse_model_parse(w, "`main`", &m, &err) ==
	    MSE_EPARSE && strstr(err.message, "unknown list 'main'") != NULL,
	    "'`main`' on lists A to E: MSE_EPARSE, unknown list 'main'");
	mse_model_free(m);
}

static void
test_format(const struct mse_table *w)
{
	struct mse_model *m = mse_model_new(5, NULL);
	char buf[8];

	if (m == NULL) {
		ok(0, "format: new");
		return;
	}
	is_int(mse_model_format(m, w, buf, 5), MSE_OK,
	    "format: 'main' fits in 5 bytes");
	is_int(mse_model_format(m, w, buf, 4), MSE_EINVAL,
	    "format: 'main' in 4 bytes is MSE_EINVAL (libmse(3))");
	is_int(mse_model_format(m, w, buf, 0), MSE_EINVAL,
	    "format: size 0 is MSE_EINVAL");
	mse_model_add(m, 3, NULL);
	mse_model_add(m, 12, NULL);
	is_int(mse_model_format(m, w, buf, sizeof(buf)), MSE_EINVAL,
	    "format: 'A:B + C:D' in 8 bytes is MSE_EINVAL");
	{
		char *str = mse_model_string(m, w);

		ok(str != NULL && strcmp(str, "A:B + C:D") == 0,
		    "string: 'A:B + C:D', whole, in its own string");
		free(str);
	}
	mse_model_free(m);
}

int
main(void)
{
	struct mse_table *w, *o;
	size_t i;

	gsl_set_error_handler_off();
	/* tap.h's is_rel has no use here: no model quantity is real. */
	(void)is_rel;
	w = mse_table_new(5, western, NULL);
	o = mse_table_new(5, oslo, NULL);
	if (w == NULL || o == NULL)
		return 1;
	test_new_add();
	test_order();
	for (i = 0; i < sizeof(western_cases) / sizeof(western_cases[0]); i++)
		check_parse(w, &western_cases[i]);
	for (i = 0; i < sizeof(oslo_cases) / sizeof(oslo_cases[0]); i++)
		check_parse(o, &oslo_cases[i]);
	test_errors(w, o);
	test_bq_main(w);
	test_deep(w);
	test_format(w);
	mse_table_free(w);
	mse_table_free(o);
	return tap_done();
}
