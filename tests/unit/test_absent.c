/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_absent.c - unit tests of structural zeros (absent.c): the spec
 * "list:var=value, ..." parsed, the cells it makes absent, and refused
 * specs with the column (in characters, counted by hand) of the fault. */
#include <config.h>

#include <string.h>

#include <gsl/gsl_errno.h>

#include "mse.h"
#include "tap.h"

static void
absent(void)
{
	static const char *const vars[] = { "gender", "age" };
	const char *lists[] = { "rosa", "politi", "barnevern" };
	const char *km[] = { "mann", "voksen" }, *kb[] = { "kvinne", "barn" };
	struct mse_strata *s = mse_strata_new(3, lists, 2, vars, NULL);
	struct mse_absent *a = NULL;
	struct mse_error e;

	mse_strata_add(s, km, 2, 4, NULL, NULL);
	mse_strata_add(s, kb, 1, 3, NULL, NULL);
	ok(mse_absent_parse(s, "rosa:gender=mann, barnevern:age=voksen", &a,
	    &e) == MSE_OK, "absent: parse two items");
	ok(mse_absent_cell(a, s, 0, 1) && mse_absent_cell(a, s, 0, 7) &&
	    mse_absent_cell(a, s, 0, 4) && !mse_absent_cell(a, s, 0, 2) &&
	    !mse_absent_cell(a, s, 1, 1) && !mse_absent_cell(a, s, 1, 4) &&
	    !mse_absent_cell(a, s, 0, 0), "absent: the cells that meet an "
	    "item, and no others");
	ok(mse_absent_check(a, s, &e) == MSE_OK, "absent: no absent cell has "
	    "a count");
	mse_strata_add(s, km, 3, 1, NULL, NULL);
	is_int(mse_absent_check(a, s, &e), MSE_EDOMAIN, "absent: an absent "
	    "cell with a count is an error (%s)", e.message);
	ok(strstr(e.message, "cell 110 of stratum gender=mann, age=voksen is "
	    "declared absent but has count 1") != NULL, "absent: ... naming "
	    "the cell (rosa and politi: 110) and its stratum");
	mse_absent_free(a);
	is_int(mse_absent_parse(s, "rosa:gender=man", &a, &e), MSE_EPARSE,
	    "absent: a value no stratum has");
	is_int(mse_absent_parse(s, "gender=mann", &a, &e), MSE_EPARSE,
	    "absent: an item with no list");
	is_int(mse_absent_parse(s, "udi:gender=mann", &a, &e), MSE_EPARSE,
	    "absent: an unknown list (%s)", e.message);
	is_int(mse_absent_parse(s, "rosa:sex=mann", &a, &e), MSE_EPARSE,
	    "absent: an unknown variable");
	ok(mse_absent_parse(s, "`rosa`:politi", &a, &e) == MSE_OK &&
	    mse_absent_cell(a, s, 1, 3) && !mse_absent_cell(a, s, 1, 1),
	    "absent: lists only, backquoted names");
	mse_absent_free(a);
	mse_strata_free(s);
}

/* Parse spec on s; the status, with the error in e. */
static int
parse(const struct mse_strata *s, const char *spec, struct mse_error *e)
{
	struct mse_absent *a = NULL;
	int rc;

	mse_error_clear(e);
	rc = mse_absent_parse(s, spec, &a, e);
	if (rc != MSE_OK && a != NULL)
		rc = -1;	/* an error must return nothing */
	mse_absent_free(a);
	return rc;
}

/* Refused specs: each message says what and at which column. */
static void
absent_errors(void)
{
	static const char *const vars[] = { "kjønn", "age" };
	const char *lists[] = { "rosa", "politi", "udi" };
	const char *v[] = { "mann", "barn" };
	struct mse_strata *s = mse_strata_new(3, lists, 2, vars, NULL);
	struct mse_error e;

	if (!ok(s != NULL && mse_strata_add(s, v, 1, 2, NULL, NULL) == MSE_OK,
	    "absent: strata for the errors"))
		goto done;
	is_int(parse(s, "rosa,", &e), MSE_EPARSE, "absent: a trailing comma");
	ok(strstr(e.message, "expected a list or var=value in the absent "
	    "cells at column 6") != NULL, "absent: ... at column 6 (%s)",
	    e.message);
	is_int(parse(s, "", &e), MSE_EPARSE, "absent: an empty spec");
	is_int(parse(s, "rosa:`politi", &e), MSE_EPARSE, "absent: an "
	    "unterminated backquote");
	ok(strstr(e.message, "at column 6") != NULL, "absent: ... at column "
	    "6, the backquote (%s)", e.message);
	is_int(parse(s, "rosa:age", &e), MSE_EPARSE, "absent: a variable "
	    "without a value");
	ok(strstr(e.message, "'age' needs a value (var=value) in the absent "
	    "cells at column 6") != NULL, "absent: ... at column 6 (%s)",
	    e.message);
	is_int(parse(s, "rosa:age=", &e), MSE_EPARSE, "absent: an empty "
	    "value");
	ok(strstr(e.message, "empty value in the absent cells at column 10")
	    != NULL, "absent: ... at column 10 (%s)", e.message);
	is_int(parse(s, "rosa:age=barn`x`", &e), MSE_EPARSE, "absent: text "
	    "after a value");
	ok(strstr(e.message, "unexpected character in the absent cells at "
	    "column 14") != NULL, "absent: ... at column 14 (%s)", e.message);
	/* "rosa:kjønn=mann,udi:x": ø is two bytes but one column, so udi
	 * starts at column 17 and x at column 21. */
	is_int(parse(s, "rosa:kjønn=mann,udi:x", &e), MSE_EPARSE,
	    "absent: an unknown list after a UTF-8 name");
	ok(strstr(e.message, "unknown list 'x' in the absent cells at column "
	    "21") != NULL, "absent: ... at column 21, in characters (%s)",
	    e.message);
	is_int(parse(s, "age=barn:kjønn=mann", &e), MSE_EPARSE, "absent: an "
	    "item with conditions only");
	ok(strstr(e.message, "at column 1 names no list") != NULL, "absent: "
	    "... at column 1 (%s)", e.message);
	is_int(parse(s, "rosa:age=barn:age=barn:age=barn:age=barn", &e),
	    MSE_EPARSE, "absent: more conditions than the variables can hold");
	ok(strstr(e.message, "too many conditions") != NULL, "absent: ... "
	    "saying so (%s)", e.message);
	is_int(parse(s, "rosa:politi, udi :kjønn = mann", &e), MSE_OK,
	    "absent: spaces around names, ':' and '=' are allowed");
	ok(mse_absent_cell(NULL, s, 0, 1) == 0, "absent: no spec, no absent "
	    "cell");
	ok(mse_absent_check(NULL, s, &e) == MSE_OK, "absent: no spec checks "
	    "clean");
	mse_absent_free(NULL);
done:
	mse_strata_free(s);
}

int
main(void)
{
	gsl_set_error_handler_off();
	absent();
	absent_errors();
	return tap_done();
}
