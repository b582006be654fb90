/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tap.h - a tiny TAP producer for the unit tests, after gsl_test_rel. */
#ifndef TAP_H
#define TAP_H

#include <math.h>
#include <stdarg.h>
#include <stdio.h>

static int tap_count;
static int tap_failed;

static void __attribute__((unused))
tap_vok(int pass, const char *fmt, va_list ap)
{
	tap_count++;
	if (!pass)
		tap_failed++;
	printf("%sok %d - ", pass ? "" : "not ", tap_count);
	vprintf(fmt, ap);
	printf("\n");
	fflush(stdout);
}

static int __attribute__((unused))
ok(int pass, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tap_vok(pass, fmt, ap);
	va_end(ap);
	return pass;
}

/* Pass when got is within relative tolerance tol of want (absolute when
 * want is 0), as gsl_test_rel. */
static int __attribute__((unused))
is_rel(double got, double want, double tol, const char *fmt, ...)
{
	va_list ap;
	double d = want == 0 ? fabs(got) : fabs(got - want) / fabs(want);
	int pass = isfinite(got) && d <= tol;

	va_start(ap, fmt);
	tap_vok(pass, fmt, ap);
	va_end(ap);
	if (!pass)
		printf("# got %.17g, want %.17g (rel %.3g > %.3g)\n", got,
		    want, d, tol);
	return pass;
}

static int __attribute__((unused))
is_int(long got, long want, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tap_vok(got == want, fmt, ap);
	va_end(ap);
	if (got != want)
		printf("# got %ld, want %ld\n", got, want);
	return got == want;
}

/* Print the plan at the end and return the exit status. */
static int __attribute__((unused))
tap_done(void)
{
	printf("1..%d\n", tap_count);
	return tap_failed ? 1 : 0;
}

#endif /* TAP_H */
