/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_csv.c - unit tests of the generic CSV reader (csv.c). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include <mse.h>
#include "tap.h"

/* A string literal and its length, NUL bytes included. */
#define S(x) (x), sizeof(x) - 1

static struct mse_csv *
parse(const char *s, size_t n, struct mse_error *err)
{
	struct mse_csv *c = NULL;

	mse_error_clear(err);
	mse_csv_parse(s, n, "t.csv", 0, &c, err);
	return c;
}

/* Field text and positions, counted by hand from the literal. */
static void
test_good(void)
{
	struct mse_error err;
	struct mse_csv *c;
	long line, col;

	c = parse(S("\xef\xbb\xbf" "year;\"a;b\";note\r\n"
	    "2016; 262 ;\"two\nlines\"\r\n2017;;\"sa \"\"quoted\"\"\"\r\n"),
	    &err);
	if (!ok(c != NULL, "BOM, CRLF, semicolons, quotes: parsed")) {
		printf("# %s\n", err.message);
		return;
	}
	is_int((long)mse_csv_columns(c), 3, "3 columns");
	is_int((long)mse_csv_rows(c), 2, "2 data rows");
	ok(strcmp(mse_csv_name(c, 1), "a;b") == 0, "quoted name with ';'");
	is_int(mse_csv_find(c, "note"), 2, "find 'note'");
	is_int(mse_csv_find(c, "nothing"), -1, "find a missing name: -1");
	ok(strcmp(mse_csv_field(c, 0, 1), "262") == 0,
	    "spaces around an unquoted field are trimmed");
	ok(strcmp(mse_csv_field(c, 0, 2), "two\nlines") == 0,
	    "embedded newline kept");
	ok(strcmp(mse_csv_field(c, 1, 2), "sa \"quoted\"") == 0,
	    "doubled quotes");
	ok(mse_csv_field(c, 2, 0) == NULL && mse_csv_field(c, 0, 3) == NULL,
	    "out of range: NULL");
	mse_csv_position(c, 0, 1, &line, &col);
	ok(line == 2 && col == 7, "field 2 of row 1 at 2:7 (got %ld:%ld)",
	    line, col);
	mse_csv_position(c, 1, 0, &line, &col);
	ok(line == 4 && col == 1, "row after an embedded newline at 4:1 "
	    "(got %ld:%ld)", line, col);
	mse_csv_position(c, 1, 1, &line, &col);
	ok(line == 4 && col == 6, "empty field at 4:6 (got %ld:%ld)", line,
	    col);
	mse_csv_free(c);

	c = parse(S("a,b\n"), &err);
	ok(c != NULL && mse_csv_rows(c) == 0, "a header alone: 0 rows");
	mse_csv_free(c);
	c = parse(S("a\tb\n1\t2"), &err);
	ok(c != NULL && mse_csv_columns(c) == 2 &&
	    strcmp(mse_csv_field(c, 0, 1), "2") == 0,
	    "tab detected; no newline at the end");
	mse_csv_free(c);
	c = parse(S(",x\n1,2\n"), &err);
	ok(c != NULL && mse_csv_find(c, "") == -1,
	    "an empty name (R's row names) is allowed, never found");
	mse_csv_free(c);
	mse_csv_free(NULL);
	ok(1, "mse_csv_free(NULL) is a no-op");
}

struct bad {
	const char *what, *text;
	size_t len;
	long line, col;
	const char *msg;
};

/* Positions counted by hand from the text. */
static const struct bad bad_cases[] = {
	{ "empty input", S(""), 1, 1, "empty file" },
	{ "blank lines only", S("\n\n"), 1, 1, "empty file" },
	{ "duplicate name", S("a,b,a\n"), 1, 5, "duplicate column name 'a'" },
	{ "long row", S("a,b\n1,2,3\n"), 2, 5, "row has 3 fields" },
	{ "short row", S("a,b\n1\n"), 2, 2, "row has 1 fields" },
	{ "bad UTF-8", S("a,b\n1,\xc3(\n"), 2, 3, "invalid UTF-8" },
	{ "NUL", S("a,b\n1,\0\n"), 2, 3, "NUL byte" },
	{ "misplaced quote", S("a,b\n1,x\"y\n"), 2, 4, "misplaced quote" },
	{ "unterminated quote", S("a,b\n1,\"x\n"), 2, 3,
	    "unterminated quote" },
};

static void
test_bad(void)
{
	struct mse_error err;
	struct mse_csv *c;
	size_t i;

	for (i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++) {
		const struct bad *b = &bad_cases[i];

		c = parse(b->text, b->len, &err);
		ok(c == NULL && err.code == MSE_EPARSE && err.line == b->line &&
		    err.column == b->col && strstr(err.message, b->msg) !=
		    NULL && strcmp(err.file, "t.csv") == 0,
		    "%s: t.csv:%ld:%ld: %s (got %ld:%ld: %s)", b->what,
		    b->line, b->col, b->msg, err.line, err.column,
		    err.message);
		mse_csv_free(c);
	}
	c = NULL;
	ok(mse_csv_parse(S("a\n"), "t", '|', &c, &err) == MSE_EINVAL &&
	    c == NULL, "delimiter '|' refused");
}

static void
test_numbers(void)
{
	static const struct {
		const char *text;
		double want;	/* NAN: missing */
	} good[] = {
		{ "2007.1417571900001", 2007.1417571900001 },
		{ "-0.5", -0.5 }, { "+3", 3 }, { ".25", 0.25 }, { "5.", 5 },
		{ "1e3", 1000 }, { "2.5E-2", 0.025 }, { "1e-400", 0 },
		{ "", NAN }, { "NA", NAN }, { "nan", NAN }, { "NaN", NAN },
	};
	static const char *const bad[] = {
		"0x10", "1,5", "abc", "1e", "e5", ".", "-", "1e999",
		"infinity", "1 000",
	};
	char buf[256];
	struct mse_error err;
	struct mse_csv *c;
	double v;
	size_t i;
	int n;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		n = snprintf(buf, sizeof(buf), "x\n\"%s\"\n", good[i].text);
		c = parse(buf, (size_t)n, &err);
		ok(c != NULL && mse_csv_number(c, 0, 0, &v, NULL) == MSE_OK &&
		    (isnan(good[i].want) ? isnan(v) : v == good[i].want),
		    "number '%s' reads as %g", good[i].text, good[i].want);
		mse_csv_free(c);
	}
	c = parse(S("x,y\ninf,-inf\n"), &err);
	ok(c != NULL && mse_csv_number(c, 0, 0, &v, NULL) == MSE_OK &&
	    isinf(v) && v > 0 && mse_csv_number(c, 0, 1, &v, NULL) ==
	    MSE_OK && isinf(v) && v < 0, "inf and -inf, as mse-fit prints "
	    "them");
	mse_csv_free(c);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		n = snprintf(buf, sizeof(buf), "id,value\n1,\"%s\"\n", bad[i]);
		c = parse(buf, (size_t)n, &err);
		mse_error_clear(&err);
		ok(c != NULL && mse_csv_number(c, 0, 1, &v, &err) ==
		    MSE_EPARSE && isnan(v) && err.line == 2 &&
		    err.column == 3 && strstr(err.message, "column 'value' "
		    "is not a number") != NULL, "'%s' is not a number, at "
		    "t.csv:2:3 (%s)", bad[i], err.message);
		mse_csv_free(c);
	}
}

int
main(void)
{
	gsl_set_error_handler_off();
	test_good();
	test_bad();
	test_numbers();
	return tap_done();
}
