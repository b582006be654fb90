/* SPDX-License-Identifier: GPL-3.0-or-later */
/* numdiff.c - compare two text files: numbers within a tolerance, the rest
 * exactly; the comparator of the golden tests (tests/cli/golden.sh). */

/*
 * Usage: numdiff [-q] [-r RTOL] [-a ATOL] WANT GOT
 *        numdiff            (no operands: run the self-tests, TAP)
 *
 * Both files are cut into tokens:
 *   number      [+-]? (D+ (. D+)? | . D+) ([eE] [+-]? D+)?, or inf,
 *               infinity or nan in any case, as a word of its own.  A number
 *               does not start right after a letter, digit, '_' or '.', so
 *               "L1", "UKdat_5", "x2" and the last part of "0.1.0" are
 *               text; a sign belongs to the number only under the same rule,
 *               so "2019-2020" is 2019, "-", 2020.  The exponent and the
 *               fraction are taken only when digits follow: "5." is the
 *               number 5 and the text ".".
 *   blank       a run of spaces and tabs.  Two blanks are equal whatever
 *               their lengths, so aligned text output may pad a column by
 *               one more or one less space when a number gains or loses a
 *               digit.  A blank still never equals no blank.
 *   newline     "\n", compared exactly (the lines must correspond).
 *   text        anything else (words, "L1:L2", ",", "\"status\":", "\r"),
 *               compared byte for byte.
 * The files are equal when they have the same sequence of token kinds, the
 * same text, and numbers a (WANT) and b (GOT) with
 *   a == b, or both nan, or |a - b| <= rtol * max(|a|, |b|) + atol
 * (an infinity equals only the same infinity).  Numbers are converted with
 * strtod in the C locale, so the comparison is exact to the double.
 *
 * Exit status: 0 equal, 1 different, 2 usage or I/O trouble.  On a
 * difference it prints the first differing token of each file with line and
 * column, and the count of numbers in each file.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"

enum nd_kind { ND_END, ND_NUM, ND_BLANK, ND_NL, ND_TEXT };

struct nd_token {
	enum nd_kind kind;
	const char *s;		/* into the buffer, not NUL-terminated */
	size_t len;
	double v;		/* ND_NUM only */
	long line, col;
};

struct nd_scan {
	const char *p, *end;
	char prev;		/* the byte before p, or '\n' at the start */
	long line, col;
};

/* The result of a comparison: the first pair of tokens that differ. */
struct nd_result {
	int equal;
	struct nd_token a, b;
	long nums_a, nums_b;
	int trouble;		/* a number too long to convert: out of memory */
};

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int
is_word(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    is_digit(c) || c == '_';
}

/* Does the case-insensitive word w (lower case) start at p, not followed by
 * a word byte?  Returns its length or 0. */
static size_t
word_at(const char *p, const char *end, const char *w)
{
	size_t n = strlen(w), i;

	if ((size_t)(end - p) < n)
		return 0;
	for (i = 0; i < n; i++)
		if ((p[i] | 0x20) != w[i])
			return 0;
	if (p + n < end && is_word(p[n]))
		return 0;
	return n;
}

static size_t
digits_at(const char *p, const char *end)
{
	const char *q = p;

	while (q < end && is_digit(*q))
		q++;
	return (size_t)(q - p);
}

/* The length of the number starting at p, or 0 when none starts there. */
static size_t
number_at(const char *p, const char *end, char prev)
{
	const char *q = p;
	size_t n;

	if (is_word(prev) || prev == '.')
		return 0;
	if (q < end && (*q == '-' || *q == '+'))
		q++;
	if ((n = word_at(q, end, "infinity")) || (n = word_at(q, end, "inf")) ||
	    (n = word_at(q, end, "nan")))
		return (size_t)(q + n - p);
	n = digits_at(q, end);
	q += n;
	if (q + 1 < end && *q == '.' && is_digit(q[1]))
		q += 1 + digits_at(q + 1, end);
	else if (n == 0)
		return 0;
	if (q < end && (*q == 'e' || *q == 'E')) {
		const char *e = q + 1;

		if (e < end && (*e == '-' || *e == '+'))
			e++;
		if ((n = digits_at(e, end)) > 0)
			q = e + n;
	}
	return (size_t)(q - p);
}

/* The length of a text token at p: bytes up to the next blank, newline or
 * number start.  A word ("L1", "inference") is taken whole. */
static size_t
text_at(const char *p, const char *end, char prev)
{
	const char *q = p;

	while (q < end && *q != ' ' && *q != '\t' && *q != '\n') {
		if (q > p && number_at(q, end, q[-1]))
			break;
		if (q == p && number_at(q, end, prev))
			break;
		if (is_word(*q))
			while (q + 1 < end && is_word(q[1]))
				q++;
		q++;
	}
	return (size_t)(q - p);
}

/* Convert the number token t.  Returns 0, or -1 out of memory. */
static int
convert(struct nd_token *t)
{
	char buf[128], *s = buf, *endp;

	if (t->len >= sizeof(buf) && (s = malloc(t->len + 1)) == NULL)
		return -1;
	memcpy(s, t->s, t->len);
	s[t->len] = '\0';
	errno = 0;
	t->v = strtod(s, &endp);
	/* ERANGE is fine: an overflow is +-HUGE_VAL (inf), an underflow the
	 * nearest small number; both compare as the printed text means. */
	if (s != buf)
		free(s);
	return 0;
}

/* The next token of sc. */
static int
next_token(struct nd_scan *sc, struct nd_token *t)
{
	const char *p = sc->p, *q;
	size_t n;

	t->s = p;
	t->line = sc->line;
	t->col = sc->col;
	if (p >= sc->end) {
		t->kind = ND_END;
		t->len = 0;
		return 0;
	}
	if (*p == '\n') {
		t->kind = ND_NL;
		n = 1;
	} else if (*p == ' ' || *p == '\t') {
		for (q = p; q < sc->end && (*q == ' ' || *q == '\t'); q++)
			;
		t->kind = ND_BLANK;
		n = (size_t)(q - p);
	} else if ((n = number_at(p, sc->end, sc->prev)) > 0) {
		t->kind = ND_NUM;
	} else {
		t->kind = ND_TEXT;
		n = text_at(p, sc->end, sc->prev);
	}
	t->len = n;
	sc->p = p + n;
	sc->prev = p[n - 1];
	if (t->kind == ND_NL) {
		sc->line++;
		sc->col = 1;
	} else {
		sc->col += (long)n;
	}
	return t->kind == ND_NUM ? convert(t) : 0;
}

static double
max_abs(double a, double b)
{
	return fabs(a) > fabs(b) ? fabs(a) : fabs(b);
}

static int
num_equal(double a, double b, double rtol, double atol)
{
	if (isnan(a) || isnan(b))
		return isnan(a) && isnan(b);
	if (a == b)
		return 1;
	if (isinf(a) || isinf(b))
		return 0;
	return fabs(a - b) <= rtol * max_abs(a, b) + atol;
}

static int
token_equal(const struct nd_token *a, const struct nd_token *b, double rtol,
    double atol)
{
	if (a->kind != b->kind)
		return 0;
	switch (a->kind) {
	case ND_NUM:
		return num_equal(a->v, b->v, rtol, atol);
	case ND_TEXT:
	case ND_NL:
		return a->len == b->len && memcmp(a->s, b->s, a->len) == 0;
	default:
		return 1;	/* two ends, or two blanks */
	}
}

static void
scan_init(struct nd_scan *sc, const char *s, size_t len)
{
	sc->p = s;
	sc->end = s + len;
	sc->prev = '\n';
	sc->line = 1;
	sc->col = 1;
}

/* Count the numbers left in sc. */
static long
count_rest(struct nd_scan *sc, int *trouble)
{
	struct nd_token t;
	long n = 0;

	for (;;) {
		if (next_token(sc, &t) != 0)
			*trouble = 1;
		if (t.kind == ND_END)
			return n;
		n += t.kind == ND_NUM;
	}
}

/* Compare a (want) with b (got). */
static void
nd_compare(const char *a, size_t alen, const char *b, size_t blen,
    double rtol, double atol, struct nd_result *r)
{
	struct nd_scan sa, sb;

	memset(r, 0, sizeof(*r));
	scan_init(&sa, a, alen);
	scan_init(&sb, b, blen);
	r->equal = 1;
	for (;;) {
		if (next_token(&sa, &r->a) != 0 || next_token(&sb, &r->b) != 0)
			r->trouble = 1;
		r->nums_a += r->a.kind == ND_NUM;
		r->nums_b += r->b.kind == ND_NUM;
		if (!token_equal(&r->a, &r->b, rtol, atol)) {
			r->equal = 0;
			break;
		}
		if (r->a.kind == ND_END)
			return;
	}
	r->nums_a += count_rest(&sa, &r->trouble);
	r->nums_b += count_rest(&sb, &r->trouble);
}

/* Print token t for a message: its kind and its bytes, escaped. */
static void
print_token(FILE *f, const struct nd_token *t)
{
	size_t i, n = t->len > 60 ? 60 : t->len;

	switch (t->kind) {
	case ND_END:
		fputs("end of file", f);
		return;
	case ND_NL:
		fputs("end of line", f);
		return;
	case ND_BLANK:
		fputs("blank", f);
		return;
	case ND_NUM:
		fputs("number ", f);
		break;
	case ND_TEXT:
		fputs("text ", f);
		break;
	}
	fputc('"', f);
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)t->s[i];

		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c < 0x20 || c == 0x7f)
			fprintf(f, "\\x%02x", c);
		else
			fputc(c, f);
	}
	fputs(n < t->len ? "...\"" : "\"", f);
}

static void
report(FILE *f, const char *fa, const char *fb, const struct nd_result *r,
    double rtol, double atol)
{
	fprintf(f, "numdiff: first difference at %s:%ld:%ld and %s:%ld:%ld: ",
	    fa, r->a.line, r->a.col, fb, r->b.line, r->b.col);
	print_token(f, &r->a);
	fputs(" vs ", f);
	print_token(f, &r->b);
	if (r->a.kind == ND_NUM && r->b.kind == ND_NUM) {
		double d = fabs(r->a.v - r->b.v);
		double m = max_abs(r->a.v, r->b.v);

		fprintf(f, ": differ by %.3g (relative %.3g) > rtol %g, "
		    "atol %g", d, m > 0 ? d / m : d, rtol, atol);
	}
	fputc('\n', f);
	if (r->nums_a != r->nums_b)
		fprintf(f, "numdiff: %s has %ld numbers, %s has %ld\n", fa,
		    r->nums_a, fb, r->nums_b);
}

/* Read all of path into a new buffer.  Returns NULL with errno set. */
static char *
read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL, *nb;
	size_t cap = 0, n = 0, got;

	if (f == NULL)
		return NULL;
	do {
		if (n == cap) {
			if (cap > ((size_t)-1) / 2 - 4096 ||
			    (nb = realloc(buf, cap = 2 * cap + 4096)) == NULL) {
				free(buf);
				fclose(f);
				errno = ENOMEM;
				return NULL;
			}
			buf = nb;
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
	} while (got > 0);
	if (ferror(f)) {
		free(buf);
		fclose(f);
		errno = EIO;
		return NULL;
	}
	fclose(f);
	*len = n;
	return buf;
}

/* Parse a tolerance: a finite number >= 0. */
static int
parse_tol(const char *s, double *v)
{
	char *end;

	errno = 0;
	*v = strtod(s, &end);
	return end != s && *end == '\0' && errno == 0 && isfinite(*v) &&
	    *v >= 0 ? 0 : -1;
}

/* --- self-tests (no operands) ------------------------------------------ */

static int
same(const char *a, const char *b, double rtol, double atol)
{
	struct nd_result r;

	nd_compare(a, strlen(a), b, strlen(b), rtol, atol, &r);
	return r.equal && !r.trouble;
}

static long
numbers_in(const char *a)
{
	struct nd_result r;

	nd_compare(a, strlen(a), a, strlen(a), 0, 0, &r);
	return r.equal ? r.nums_a : -1;
}

static void
self_test_numbers(void)
{
	ok(same("N 14025.841966187973\n", "N 14025.841966187973\n", 0, 0),
	    "identical bytes are equal at zero tolerance");
	ok(same("x,14025.841966187973\n", "x,14025.84196618812\n", 1e-9, 1e-12),
	    "a change in the 14th digit passes at rtol 1e-9");
	ok(same("x,1234.56789012\n", "x,1234.56789013\n", 1e-9, 1e-12),
	    "a change in the 12th digit passes at rtol 1e-9");
	ok(!same("x,1000\n", "x,1000.00001\n", 1e-9, 1e-12),
	    "1e-8 relative off fails at rtol 1e-9");
	ok(same("x,1000\n", "x,1000.00001\n", 1e-6, 0),
	    "1e-8 relative off passes at rtol 1e-6");
	ok(!same("x,1234.56\n", "x,1234.57\n", 1e-6, 0),
	    "a change in the 6th digit fails at rtol 1e-6");
	ok(same("0\n", "1e-13\n", 1e-9, 1e-12) && !same("0\n", "1e-11\n",
	    1e-9, 1e-12), "atol 1e-12 decides near zero");
	ok(!same("0\n", "1e-300\n", 1e-9, 0), "zero atol: 0 and 1e-300 differ");
	ok(same("-1.5e-3 12 1e+300\n", "-0.0015 12.0 1E300\n", 0, 0),
	    "the same values in other spellings are equal");
	ok(!same("-1.5\n", "1.5\n", 1e-9, 1e-12), "the sign counts");
	ok(same("nan inf -inf NaN Inf\n", "NAN INF -Infinity nan inf\n", 0, 0),
	    "nan equals nan, inf equals inf of the same sign");
	ok(!same("inf\n", "-inf\n", 1, 1) && !same("inf\n", "1e308\n", 1, 1) &&
	    !same("nan\n", "0\n", 1, 1) && !same("0\n", "nan\n", 1, 1),
	    "inf differs from -inf and from finite numbers; nan from numbers");
	ok(same("2e400\n", "inf\n", 0, 0), "an overflowing number is inf");
	ok(same("x,123456789012345678901234567890123456789012345678901234567890"
	    "123456789012345678901234567890123456789012345678901234567890\n",
	    "x,1.2345678901234567890123456789e119\n", 1e-15, 0),
	    "a 120-digit number converts");
}

static void
self_test_text(void)
{
	ok(!same("status ok\n", "status OK\n", 1, 1), "a text change fails");
	ok(!same("a,1,2\n", "a,1,2,3\n", 1, 1),
	    "a different count of numbers fails");
	ok(!same("a,1\nb,2\n", "a,1,b,2\n", 1, 1), "lines must correspond");
	ok(!same("1\n", "1", 0, 0), "a missing final newline fails");
	ok(same("a   537  619.36\n", "a  5370   619.36\n", 1e-9, 0) == 0,
	    "blank runs are equal, but 537 is not 5370");
	ok(same("dga  537  619.3646  ok\n", "dga   537  619.3646 ok\n", 0, 0),
	    "runs of spaces of other lengths are equal");
	ok(same("a\t1\n", "a  1\n", 0, 0), "a tab and spaces are both blank");
	ok(!same("a 1\n", "a1\n", 0, 0) && !same("a,1\n", "a, 1\n", 0, 0),
	    "a blank never equals no blank");
	ok(!same("L1:L2\n", "L1:L3\n", 1, 1) && numbers_in("L1:L2 UKdat_5") ==
	    0, "digits inside words are text: L1:L2, UKdat_5");
	ok(numbers_in("information inference nano Inf") == 1,
	    "inf and nan inside words are text");
	ok(numbers_in("mse-fit R-hat 1.648 > 1.01; ESS 7 (tail 25)") == 4,
	    "numbers in a message: 1.648, 1.01, 7, 25");
	ok(!same("R-hat 1.648 > 1.01\n", "R-hat 1.649 > 1.01\n", 1e-9, 0),
	    "a number embedded in a message is compared");
	ok(!same("2019-2020\n", "2019+2020\n", 1, 1) &&
	    numbers_in("2019-2020") == 2,
	    "a minus after a number is text: 2019-2020 holds two numbers");
	ok(numbers_in("version 0.1.0.") == 1 && !same("0.1.0\n", "0.1.1\n",
	    1, 1), "0.1.0 is 0.1, text .0: its last part is exact");
	ok(numbers_in("N = 2483.") == 1 && !same("N = 2483.\n", "N = 2483\n",
	    1, 1), "a full stop after a number is text");
	ok(numbers_in("1e 1e+ 1e-3") == 3 && !same("1e\n", "1\n", 1, 1),
	    "an exponent needs digits: 1e is 1 and text e");
}

static void
self_test_formats(void)
{
	const char *j1 = "[\n  {\"method\": \"dga\", \"observed\": 537, "
	    "\"estimate\": 618.9107147654981, \"rhat\": null, \"status\": "
	    "\"ok\"}\n]\n";
	const char *j2 = "[\n  {\"method\": \"dga\", \"observed\": 537, "
	    "\"estimate\": 618.9107147655, \"rhat\": null, \"status\": "
	    "\"ok\"}\n]\n";
	const char *j3 = "[\n  {\"method\": \"dga\", \"observed\": 537, "
	    "\"estimate\": 618.9107147655, \"rhat\": 1, \"status\": "
	    "\"ok\"}\n]\n";
	struct nd_result r;

	ok(same(j1, j2, 1e-9, 1e-12), "JSON: a number off in the 13th digit "
	    "passes");
	ok(!same(j1, j3, 1, 1), "JSON: null is text, not a number");
	ok(numbers_in(j1) == 2, "JSON: two numbers");
	ok(same("a,b\n1,-2.5e-3\n", "a,b\n1,-0.0025\n", 0, 0) &&
	    !same("a,,b\n", "a,b\n", 1, 1), "CSV: fields and empty fields");
	ok(same("a\r\n1\r\n", "a\r\n1\r\n", 0, 0) && !same("a\r\n", "a\n", 1,
	    1), "CRLF is compared exactly");
	ok(same("", "", 0, 0) && !same("", "\n", 1, 1), "empty files");
	nd_compare("a 1\nb 2\n", 8, "a 1\nb 3\n", 8, 0, 0, &r);
	ok(!r.equal && r.a.line == 2 && r.a.col == 3 && r.b.v == 3,
	    "the first difference is found at line 2, column 3");
	nd_compare("a 1 2\n", 6, "a 1\n", 4, 0, 0, &r);
	ok(!r.equal && r.nums_a == 2 && r.nums_b == 1,
	    "the numbers of each file are counted");
}

static int
self_test(void)
{
	self_test_numbers();
	self_test_text();
	self_test_formats();
	return tap_done();
}

static int
usage(void)
{
	fputs("usage: numdiff [-q] [-r RTOL] [-a ATOL] WANT GOT\n"
	    "       numdiff   (no operands: self-tests)\n", stderr);
	return 2;
}

int
main(int argc, char **argv)
{
	double rtol = 1e-9, atol = 1e-12;
	int i, quiet = 0;
	char *a, *b;
	size_t alen, blen;
	struct nd_result r;

	if (argc == 1)
		return self_test();
	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1] != '\0'; i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		} else if (strcmp(argv[i], "-q") == 0) {
			quiet = 1;
		} else if ((strcmp(argv[i], "-r") == 0 ||
		    strcmp(argv[i], "-a") == 0) && i + 1 < argc) {
			if (parse_tol(argv[i + 1], argv[i][1] == 'r' ? &rtol :
			    &atol) != 0) {
				fprintf(stderr, "numdiff: %s %s: not a "
				    "tolerance (a number >= 0)\n", argv[i],
				    argv[i + 1]);
				return 2;
			}
			i++;
		} else {
			return usage();
		}
	}
	if (argc - i != 2)
		return usage();
	if ((a = read_file(argv[i], &alen)) == NULL) {
		fprintf(stderr, "numdiff: %s: %s\n", argv[i], strerror(errno));
		return 2;
	}
	if ((b = read_file(argv[i + 1], &blen)) == NULL) {
		fprintf(stderr, "numdiff: %s: %s\n", argv[i + 1],
		    strerror(errno));
		free(a);
		return 2;
	}
	nd_compare(a, alen, b, blen, rtol, atol, &r);
	if (r.trouble) {
		fputs("numdiff: out of memory\n", stderr);
		free(a);
		free(b);
		return 2;
	}
	if (!r.equal && !quiet)
		report(stdout, argv[i], argv[i + 1], &r, rtol, atol);
	free(a);
	free(b);
	return r.equal ? 0 : 1;
}
