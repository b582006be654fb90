/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_csvread.c - unit tests of the mse-data(5) CSV reader (csvread.c). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include <mse.h>
#include "tap.h"

/* A string literal and its length, NUL bytes included. */
#define S(x) (x), sizeof(x) - 1

/* 2^53 (IEEE 754 binary64), the largest count of mse-data(5). */
#define TWO53 9007199254740992.0

/*
 * Known faults of lib/csvread.c, reported to the lead.  While a reason is
 * set, the assertions that need the fix are TAP TODO (XFAIL).  Once the
 * library is fixed they XPASS, which fails make check: define the reason
 * as NULL then, and they become ordinary assertions.
 */
#define BUG_EMPTY_EOF NULL
#define BUG_MISSING NULL
#define BUG_SPACE NULL

/* An assertion that a known library fault may fail (see above). */
static int
todo_int(const char *reason, long got, long want, const char *desc)
{
	if (reason == NULL)
		return is_int(got, want, "%s", desc);
	tap_count++;
	printf("%sok %d - %s # TODO %s\n", got == want ? "" : "not ",
	    tap_count, desc, reason);
	if (got != want)
		printf("# got %ld, want %ld\n", got, want);
	return got == want;
}

/*
 * A bad input: the code is always MSE_EPARSE.  line and col are where the
 * fault is, by mse-data(5) "Errors": 1-based, columns in characters, at
 * the offending field's first character or where a missing field would
 * start; each was counted by hand from the text.  msg is a substring of
 * the message.
 */
struct bad {
	const char *what;
	const char *text;
	size_t len;
	int delim;
	long line, col;
	const char *msg;
	const char *todo;	/* a known fault of the column, or NULL */
};

static const struct bad bad_cases[] = {
	/* rows of the wrong length */
	{ "too many fields", S("A,B,count\n1,0,5,1\n"), 0, 2, 7,
	    "row has 4 fields; the header has 3", NULL },
	{ "an extra empty field", S("A,B,count\n1,0,5,\n"), 0, 2, 7,
	    "row has 4 fields; the header has 3", NULL },
	{ "an extra empty field at EOF", S("A,B,count\n1,0,5,"), 0, 2, 7,
	    "row has 4 fields; the header has 3", BUG_EMPTY_EOF },
	{ "too few fields", S("A,B,count\n1,0\n"), 0, 2, 4,
	    "row has 2 fields; the header has 3", BUG_MISSING },
	{ "one field", S("A,B,count\n1\n"), 0, 2, 2,
	    "row has 1 fields; the header has 3", BUG_MISSING },
	/* list values */
	{ "list value 2", S("A,B,count\n1,2,5\n"), 0, 2, 3,
	    "value '2' for list 'B' is not 0 or 1", NULL },
	{ "list value 01", S("A,B,count\n01,0,5\n"), 0, 2, 1,
	    "value '01' for list 'A' is not 0 or 1", NULL },
	{ "empty list value", S("A,B,count\n,1,5\n"), 0, 2, 1,
	    "value '' for list 'A' is not 0 or 1", NULL },
	{ "quoted list value 2", S("A,B,count\n\"2\",0,5\n"), 0, 2, 1,
	    "value '2' for list 'A' is not 0 or 1", NULL },
	/* counts */
	{ "negative count", S("A,B,count\n1,0,-5\n"), 0, 2, 5,
	    "count '-5' is negative", NULL },
	{ "count -0", S("A,B,count\n1,0,-0\n"), 0, 2, 5,
	    "count '-0' is negative", NULL },
	{ "fractional count", S("A,B,count\n1,0,5.5\n"), 0, 2, 5,
	    "count '5.5' is not a whole number", NULL },
	{ "count .5", S("A,B,count\n1,0,.5\n"), 0, 2, 5,
	    "count '.5' is not a whole number", NULL },
	{ "non-numeric count", S("A,B,count\n1,0,abc\n"), 0, 2, 5,
	    "count 'abc' is not a number", NULL },
	{ "hexadecimal count", S("A,B,count\n1,0,0x10\n"), 0, 2, 5,
	    "count '0x10' is not a number", NULL },
	{ "exponent count", S("A,B,count\n1,0,1e3\n"), 0, 2, 5,
	    "count '1e3' is not a number", NULL },
	{ "count with a sign", S("A,B,count\n1,0,+5\n"), 0, 2, 5,
	    "count '+5' is not a number", NULL },
	{ "count with a space", S("A,B,count\n1,0,1 000\n"), 0, 2, 5,
	    "count '1 000' is not a number", NULL },
	{ "count after a space", S("A,B,count\n1,0, x\n"), 0, 2, 6,
	    "count 'x' is not a number", BUG_SPACE },
	{ "empty last count", S("A,B,count\n1,0,\n"), 0, 2, 5,
	    "count is empty", NULL },
	{ "empty last count, CRLF", S("A,B,count\r\n1,0,\r\n"), 0, 2, 5,
	    "count is empty", NULL },
	{ "empty count at EOF", S("A,B,count\n1,0,"), 0, 2, 5,
	    "count is empty", BUG_EMPTY_EOF },
	{ "empty first count", S("count,A,B\n,1,0\n"), 0, 2, 1,
	    "count is empty", NULL },
	{ "quoted empty count", S("A,B,count\n1,0,\"\"\n"), 0, 2, 5,
	    "count is empty", NULL },
	{ "count 2^53 + 1", S("A,B,count\n1,0,9007199254740993\n"), 0,
	    2, 5, "count '9007199254740993' is too large", NULL },
	{ "count beyond 2^64", S("A,B,count\n1,0,99999999999999999999\n"),
	    0, 2, 5, "is too large (the limit is 2^53)", NULL },
	/* headers */
	{ "no count column", S("A,B,C\n1,0,1\n"), 0, 1, 1,
	    "no 'count' column", NULL },
	{ "Count is not count", S("A,B,Count\n1,0,5\n"), 0, 1, 1,
	    "no 'count' column", NULL },
	{ "one list", S("A,count\n1,5\n"), 0, 1, 1,
	    "1 list column(s); at least 2 lists are needed", NULL },
	{ "no list", S("count\n5\n"), 0, 1, 1,
	    "0 list column(s); at least 2 lists are needed", NULL },
	{ "duplicate list name", S("A,A,count\n1,0,5\n"), 0, 1, 3,
	    "duplicate column name 'A' (also column 1)", NULL },
	{ "duplicate count", S("A,B,count,count\n1,0,5,5\n"), 0, 1, 11,
	    "duplicate column name 'count' (also column 3)", NULL },
	{ "empty list name", S("A,,count\n1,0,5\n"), 0, 1, 3,
	    "empty column name", NULL },
	{ "quoted empty name", S("\"\",B,count\n1,0,5\n"), 0, 1, 1,
	    "empty column name", NULL },
	/* An empty last name is a spreadsheet's trailing column (skipped,
	 * mse-data(5)); a value under it is a field too many. */
	{ "value under an empty last name", S("A,B,count,\n1,0,5,7\n"), 0,
	    2, 7, "row has 4 fields; the header has 3", NULL },
	{ "empty last name at EOF", S("A,B,count,"), 0, 1, 1,
	    "no data rows after the header", BUG_EMPTY_EOF },
	/* whole files */
	{ "empty file", S(""), 0, 1, 1, "empty file", NULL },
	{ "blank lines only", S("\n\n\n"), 0, 1, 1, "empty file", NULL },
	{ "byte-order mark only", S("\xef\xbb\xbf"), 0, 1, 1, "empty file",
	    NULL },
	{ "header only", S("A,B,count\n"), 0, 1, 1,
	    "no data rows after the header", NULL },
	/* patterns */
	{ "all-zero pattern", S("A,B,count\n0,0,5\n"), 0, 2, 1,
	    "the all-zero pattern (seen by no list) cannot be observed",
	    NULL },
	{ "all-zero pattern, count 0", S("A,B,count\n0,0,0\n"), 0, 2, 1,
	    "all-zero pattern", NULL },
	{ "duplicate pattern", S("A,B,count\n1,0,5\n0,1,3\n1,0,4\n"), 0,
	    4, 1, "pattern 10 is given twice (lines 2 and 4)", NULL },
	{ "duplicate pattern, CRLF and a blank line",
	    S("A,B,count\r\n1,1,5\r\n\r\n1,1,0\r\n"), 0, 4, 1,
	    "pattern 11 is given twice (lines 2 and 4)", NULL },
	/* quotes */
	{ "unterminated quote", S("A,B,count\n1,0,5\n\"0,1,3\n"), 0, 3, 1,
	    "unterminated quote", NULL },
	{ "unterminated quote in the header", S("\"A,B,count\n1,0,5\n"),
	    0, 1, 1, "unterminated quote", NULL },
	{ "unterminated quoted count", S("A,B,count\n1,0,\"5\n"), 0, 2, 5,
	    "unterminated quote", NULL },
	{ "quote inside a field", S("A,B,count\n1\"x\",0,5\n"), 0, 2, 2,
	    "misplaced quote", NULL },
	{ "text after a closing quote", S("A,B,count\n1,0,\"5\"x\n"), 0, 2,
	    8, "misplaced quote", NULL },
	{ "quote inside a name", S("A,B\"x\",count\n1,0,5\n"), 0, 1, 4,
	    "misplaced quote", NULL },
	/* encoding: RFC 3629 */
	{ "overlong C0 AF", S("A,B,count\n1,0,\xc0\xaf\n"), 0, 2, 5,
	    "invalid UTF-8", NULL },
	{ "overlong E0 80 AF", S("A,B,count\n1,0,\xe0\x80\xaf\n"), 0, 2, 5,
	    "invalid UTF-8", NULL },
	{ "lone continuation byte", S("A,B,count\n1,\x80,5\n"), 0, 2, 3,
	    "invalid UTF-8", NULL },
	{ "surrogate ED A0 80", S("A,B,count\n1,0,\xed\xa0\x80\n"), 0, 2, 5,
	    "invalid UTF-8", NULL },
	{ "truncated E2 82", S("A,B,count\n1,0,\xe2\x82\n"), 0, 2, 5,
	    "invalid UTF-8", NULL },
	{ "above U+10FFFF", S("A,B,count\n1,0,\xf4\x90\x80\x80\n"), 0, 2, 5,
	    "invalid UTF-8", NULL },
	{ "byte F5", S("A,B,count\n1,0,\xf5\n"), 0, 2, 5, "invalid UTF-8",
	    NULL },
	{ "NUL byte", S("A,B,count\n1,0,5\0\n"), 0, 2, 6, "NUL byte", NULL },
	{ "NUL first", S("\0A,B,count\n1,0,5\n"), 0, 1, 1, "NUL byte",
	    NULL },
	/* positions */
	{ "CR-only lines", S("A,B,count\r1,0,5\r0,1,x\r"), 0, 3, 5,
	    "count 'x' is not a number", NULL },
	{ "CRLF lines", S("A,B,count\r\n1,0,5\r\n0,1,x\r\n"), 0, 3, 5,
	    "count 'x' is not a number", NULL },
	{ "line break in a quoted name", S("\"A\nB\",C,count\n1,0,x\n"), 0,
	    3, 5, "count 'x' is not a number", NULL },
	{ "characters, not bytes: name",
	    S("Grünerløkka,B,B,count\n1,0,0,5\n"), 0, 1, 15,
	    "duplicate column name 'B' (also column 2)", NULL },
	{ "characters, not bytes: UTF-8", S("Grünerløkka,B,\x80"), 0, 1, 15,
	    "invalid UTF-8", NULL },
	{ "characters, not bytes: quote",
	    S("\"Grünerløkka\",B\"x\",count\n1,0,5\n"), 0, 1, 16,
	    "misplaced quote", NULL },
	{ "byte-order mark is no column", S("\xef\xbb\xbf" "A,A,count\n"),
	    0, 1, 3, "duplicate column name 'A'", NULL },
	/* delimiters */
	{ "comma detected on a tab header",
	    S("a,b,c\tB\tcount\n1\t0\t5\n"), 0, 1, 1, "no 'count' column",
	    NULL },
	{ "semicolon forced on commas", S("A,B,count\n1,0,5\n"), ';', 1, 1,
	    "no 'count' column", NULL },
	{ "comma in a semicolon count", S("A;B;count\n1;0;5,0\n"), 0, 2, 5,
	    "count '5,0' is not a number", NULL },
};

static void
check_bad(const struct bad *b)
{
	/* Not NULL, so that the test sees the call clear it. */
	struct mse_table *t = (struct mse_table *)&t;
	struct mse_error err;
	char desc[160];
	int rc;

	mse_error_clear(&err);
	rc = mse_table_parse(b->text, b->len, "mem.csv", b->delim, &t, &err);
	is_int(rc, MSE_EPARSE, "%s: MSE_EPARSE (mse-data(5))", b->what);
	ok(t == NULL, "%s: *out is NULL", b->what);
	is_int(err.line, b->line, "%s: line %ld (by hand)", b->what,
	    b->line);
	snprintf(desc, sizeof(desc), "%s: column %ld (by hand)", b->what,
	    b->col);
	todo_int(b->todo, err.column, b->col, desc);
	if (!ok(strstr(err.message, b->msg) != NULL, "%s: message has '%s'",
	    b->what, b->msg))
		printf("# got '%s'\n", err.message);
	mse_table_free(t);
}

/* A good input with two or three lists; counts by pattern. */
struct good {
	const char *what;
	const char *text;
	size_t len;
	int delim;
	const char *names[3];	/* names[2] NULL for two lists */
	double counts[8];
};

static const struct good good_cases[] = {
	{ "comma", S("A,B,count\n1,0,5\n0,1,3\n1,1,2\n"), 0,
	    { "A", "B" }, { 0, 5, 3, 2 } },
	{ "comma, forced", S("A,B,count\n1,0,5\n0,1,3\n"), ',',
	    { "A", "B" }, { 0, 5, 3 } },
	{ "semicolon, detected", S("A;B;count\n1;0;5\n0;1;3\n"), 0,
	    { "A", "B" }, { 0, 5, 3 } },
	{ "semicolon, forced", S("A;B;count\n1;0;5\n0;1;3\n"), ';',
	    { "A", "B" }, { 0, 5, 3 } },
	{ "tab, detected", S("A\tB\tcount\n1\t0\t5\n0\t1\t3\n"), 0,
	    { "A", "B" }, { 0, 5, 3 } },
	{ "tab, forced on a header with as many commas",
	    S("a,b,c\tB\tcount\n1\t0\t5\n0\t1\t3\n"), '\t',
	    { "a,b,c", "B" }, { 0, 5, 3 } },
	{ "UTF-8 byte-order mark stripped",
	    S("\xef\xbb\xbf" "A,B,count\n1,0,5\n"), 0, { "A", "B" },
	    { 0, 5 } },
	{ "CRLF", S("A,B,count\r\n1,0,5\r\n0,1,3\r\n"), 0, { "A", "B" },
	    { 0, 5, 3 } },
	{ "CR only", S("A,B,count\r1,0,5\r0,1,3\r"), 0, { "A", "B" },
	    { 0, 5, 3 } },
	{ "no final line end", S("A,B,count\n1,0,5\n0,1,3"), 0,
	    { "A", "B" }, { 0, 5, 3 } },
	{ "quoted names with a comma and UTF-8",
	    S("\"Oslo, Grünerløkka\",\"Pro Sentret\",count\n1,0,5\n"), 0,
	    { "Oslo, Grünerløkka", "Pro Sentret" }, { 0, 5 } },
	{ "the example of mse-data(5)",
	    S("\"Politi\";UDI;\"Pro Sentret\";count\n1;0;0;120\n0;1;0;80\n"
	    "1;1;0;12\n0;0;1;40\n1;0;1;7\n"), 0,
	    { "Politi", "UDI", "Pro Sentret" }, { 0, 120, 80, 12, 40, 7 } },
	{ "doubled quotes in a name", S("\"A \"\"q\"\"\",B,count\n1,0,5\n"),
	    0, { "A \"q\"", "B" }, { 0, 5 } },
	{ "line break in a quoted name", S("\"A\nB\",C,count\n0,1,5\n"), 0,
	    { "A\nB", "C" }, { 0, 0, 5 } },
	{ "quoted values and count", S("A,B,count\n\"1\",\"1\",\"5\"\n"), 0,
	    { "A", "B" }, { 0, 0, 0, 5 } },
	{ "count column first", S("count,A,B\n5,1,0\n3,0,1\n"), 0,
	    { "A", "B" }, { 0, 5, 3 } },
	{ "count column in the middle", S("A,count,B\n1,5,0\n0,3,1\n"), 0,
	    { "A", "B" }, { 0, 5, 3 } },
	{ "blank lines ignored", S("\nA,B,count\n\n1,0,5\n\n\n0,1,3\n\n"),
	    0, { "A", "B" }, { 0, 5, 3 } },
	{ "spaces and tabs around fields trimmed",
	    S(" A , B , count \n 1 , 0 , 5 \n\t0\t,\t1\t,\t3\t\n"), 0,
	    { "A", "B" }, { 0, 5, 3 } },
	{ "explicit zero counts", S("A,B,count\n1,0,0\n0,1,3\n1,1,0\n"), 0,
	    { "A", "B" }, { 0, 0, 3, 0 } },
	{ "leading zeros: 007 is 7", S("A,B,count\n1,0,007\n0,1,000\n"), 0,
	    { "A", "B" }, { 0, 7, 0 } },
	{ "rows in any order", S("A,B,count\n1,1,2\n0,1,3\n1,0,5\n"), 0,
	    { "A", "B" }, { 0, 5, 3, 2 } },
};

/* Compare every name and every cell; report the first difference. */
static void
check_good(const struct good *g)
{
	struct mse_table *t;
	struct mse_error err;
	size_t i, k = g->names[2] != NULL ? 3 : 2;
	uint32_t w;
	int rc, same = 1;

	mse_error_clear(&err);
	rc = mse_table_parse(g->text, g->len, "mem.csv", g->delim, &t, &err);
	if (!is_int(rc, MSE_OK, "%s: parses", g->what))
		printf("# %ld:%ld: %s\n", err.line, err.column, err.message);
	if (t == NULL)
		return;
	is_int((long)mse_table_lists(t), (long)k, "%s: %zu lists", g->what,
	    k);
	for (i = 0; i < k && i < mse_table_lists(t); i++)
		if (strcmp(mse_table_name(t, i), g->names[i]) != 0)
			same = 0;
	ok(same, "%s: names as written", g->what);
	for (w = 1, same = 1; w < 8 && w <= mse_table_cells(t); w++)
		if (mse_table_get(t, w) != g->counts[w]) {
			printf("# pattern %u: got %g, want %g\n", w,
			    mse_table_get(t, w), g->counts[w]);
			same = 0;
		}
	ok(same, "%s: counts as written, exact", g->what);
	mse_table_free(t);
}

/* A header of n lists L1..Ln and a count, and one row of list n alone. */
static char *
wide_table(size_t n)
{
	size_t i, size = 8 * n + 32, len = 0;
	char *s = malloc(size);

	if (s == NULL)
		return NULL;
	for (i = 0; i < n; i++)
		len += snprintf(s + len, size - len, "L%zu,", i + 1);
	len += snprintf(s + len, size - len, "count\n");
	for (i = 0; i + 1 < n; i++)
		len += snprintf(s + len, size - len, "0,");
	snprintf(s + len, size - len, "1,4\n");
	return s;
}

static void
test_limits(void)
{
	static const char max[] = "A,B,count\n1,0,9007199254740992\n";
	struct mse_table *t;
	struct mse_error err;
	char *s;

	is_int(mse_table_parse(max, strlen(max), "mem.csv", 0, &t, NULL),
	    MSE_OK, "count 2^53 = 9007199254740992 accepted (mse-data(5))");
	if (t != NULL)
		is_rel(mse_table_get(t, 1), TWO53, 0,
		    "count 2^53 read exactly (tolerance 0)");
	mse_table_free(t);
	s = wide_table(MSE_DENSE_LISTS);
	is_int(s ? mse_table_parse(s, strlen(s), "mem.csv", 0, &t, &err) :
	    -1, MSE_OK, "20 lists accepted, dense (mse-data(5))");
	if (t != NULL)
		is_rel(mse_table_get(t, (uint32_t)1 << 19), 4, 0,
		    "20 lists: pattern 2^19 (list 20 alone) is 4, exact");
	ok(t != NULL && mse_table_dense(t), "20 lists: a dense table");
	mse_table_free(t);
	free(s);
	s = wide_table(MSE_MAX_LISTS);
	is_int(s ? mse_table_parse(s, strlen(s), "mem.csv", 0, &t, &err) :
	    -1, MSE_OK, "30 lists accepted, sparse (mse-data(5): at most "
	    "30)");
	if (t != NULL)
		is_rel(mse_table_get(t, (uint32_t)1 << 29), 4, 0,
		    "30 lists: pattern 2^29 (list 30 alone) is 4, exact");
	ok(t != NULL && !mse_table_dense(t), "30 lists: a sparse table");
	mse_table_free(t);
	free(s);
	s = wide_table(MSE_MAX_LISTS + 1);
	mse_error_clear(&err);
	is_int(s ? mse_table_parse(s, strlen(s), "mem.csv", 0, &t, &err) :
	    -1, MSE_EPARSE, "31 lists: MSE_EPARSE (mse-data(5))");
	ok(t == NULL, "31 lists: *out is NULL");
	ok(err.line == 1 && err.column == 1, "31 lists: at 1:1 (header)");
	ok(strstr(err.message, "31 lists; at most 30") != NULL,
	    "31 lists: message has '31 lists; at most 30'");
	free(s);
}

static void
test_api(void)
{
	static const char good[] = "A,B,count\n1,0,5\n0,1,3\n";
	struct mse_table *t, *u;
	struct mse_error err;
	FILE *fp;

	mse_error_clear(&err);
	is_int(mse_table_parse(good, strlen(good), "mem.csv", '|', &t, &err),
	    MSE_EINVAL, "delimiter '|' is MSE_EINVAL (mse.h)");
	ok(t == NULL, "delimiter '|': *out is NULL");
	is_int(mse_table_parse(S("A,B\n"), "mem.csv", 0, &t, NULL),
	    MSE_EPARSE, "err NULL: a bad input still gives MSE_EPARSE");
	mse_table_parse(S("A,A,count\n"), "mem.csv", 0, &t, &err);
	ok(strcmp(err.file, "mem.csv") == 0, "err.file is the file name");
	mse_table_parse(S("A,A,count\n"), NULL, 0, &t, &err);
	ok(strcmp(err.file, "<input>") == 0, "err.file is <input> for NULL");
	fp = tmpfile();
	if (fp == NULL || fwrite(good, 1, strlen(good), fp) != strlen(good)) {
		ok(0, "tmpfile");
		return;
	}
	rewind(fp);
	is_int(mse_table_read(fp, "tmp.csv", 0, &u, &err), MSE_OK,
	    "mse_table_read reads a stream");
	fclose(fp);
	mse_table_parse(good, strlen(good), "mem.csv", 0, &t, &err);
	ok(t != NULL && u != NULL && mse_table_get(u, 1) == 5 &&
	    mse_table_get(u, 2) == 3 && mse_table_get(t, 1) == 5,
	    "mse_table_read and mse_table_parse agree");
	mse_table_free(t);
	mse_table_free(u);
}

/* A spreadsheet's export (mse-data(5)): the empty columns after the last
 * name and the rows of delimiters are skipped, and said in err with code
 * MSE_OK; the counts are those of the plain table. */
static void
test_spreadsheet(void)
{
	static const char in[] = "A;B;count;;\r\n1;0;5;;\r\n0;1;4;;\r\n"
	    ";;;;\r\n1;1;2;;\r\n;;;;\r\n";
	struct mse_table *t = NULL;
	struct mse_error e;

	mse_error_clear(&e);
	ok(mse_table_parse(in, sizeof(in) - 1, "x.csv", 0, &t, &e) == MSE_OK &&
	    t != NULL && mse_table_lists(t) == 2 && mse_table_get(t, 1) == 5 &&
	    mse_table_get(t, 2) == 4 && mse_table_get(t, 3) == 2,
	    "spreadsheet export: read as the 2-list table (counts by hand)");
	ok(e.code == MSE_OK && e.line == 0 && strstr(e.message, "skipped 2 "
	    "empty columns after the last name and 2 rows of empty fields") !=
	    NULL, "spreadsheet export: the warning says what was skipped (%s)",
	    e.message);
	mse_table_free(t);
	t = NULL;
	mse_error_clear(&e);
	ok(mse_table_parse("A,B,count\n1,0,5\n", 16, "y.csv", 0, &t, &e) ==
	    MSE_OK && e.message[0] == '\0', "a plain table: no warning");
	mse_table_free(t);
}

int
main(void)
{
	size_t i;

	gsl_set_error_handler_off();
	for (i = 0; i < sizeof(good_cases) / sizeof(good_cases[0]); i++)
		check_good(&good_cases[i]);
	for (i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++)
		check_bad(&bad_cases[i]);
	test_limits();
	test_api();
	test_spreadsheet();
	return tap_done();
}
