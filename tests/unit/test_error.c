/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_error.c - unit tests of status codes, error reports and versions. */
#include <config.h>

#include <stdio.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "mse.h"
#include "tap.h"

int
main(void)
{
	struct mse_error err;
	struct mse_table *t;
	char buf[64];
	int code;

	gsl_set_error_handler_off();
	ok(strcmp(mse_version(), MSE_VERSION_STRING) == 0,
	    "mse_version() is MSE_VERSION_STRING");
	ok(strcmp(MSE_VERSION_STRING, PACKAGE_VERSION) == 0,
	    "the header's version is the package's (configure.ac)");
	snprintf(buf, sizeof(buf), "%d.%d.%d", MSE_VERSION_MAJOR,
	    MSE_VERSION_MINOR, MSE_VERSION_PATCH);
	ok(strcmp(buf, MSE_VERSION_STRING) == 0,
	    "MAJOR.MINOR.PATCH is MSE_VERSION_STRING: %s", buf);
	ok(MSE_VERSION_NUMBER == (MSE_VERSION_MAJOR << 16 |
	    MSE_VERSION_MINOR << 8 | MSE_VERSION_PATCH),
	    "MSE_VERSION_NUMBER is 0x%06x, 0xXXYYZZ of the parts",
	    (unsigned)MSE_VERSION_NUMBER);
	for (code = MSE_OK; code <= MSE_ENOMLE; code++)
		ok(strcmp(mse_strerror(code), "unknown error") != 0,
		    "code %d has a message: %s", code, mse_strerror(code));
	ok(strcmp(mse_strerror(999), "unknown error") == 0,
	    "an unknown code says so");
	memset(&err, 'x', sizeof(err));
	mse_error_clear(&err);
	ok(err.code == 0 && err.message[0] == '\0' && err.line == 0,
	    "mse_error_clear empties the report");
	mse_error_clear(NULL);
	ok(1, "mse_error_clear(NULL) is a no-op");
	t = mse_table_new(1, NULL, &err);
	ok(t == NULL && err.code == MSE_EINVAL, "a failing call fills the "
	    "code");
	ok(strstr(err.message, "1 lists") != NULL && err.file[0] == '\0' &&
	    err.line == 0, "and a message without a position");
	ok(mse_table_new(1, NULL, NULL) == NULL, "err may be NULL");
	ok(mse_table_parse("A,B,count\n1,0,x\n", 16, "in.csv", 0, &t,
	    &err) == MSE_EPARSE, "a parse error");
	ok(strcmp(err.file, "in.csv") == 0 && err.line == 2 &&
	    err.column == 5, "carries file, line and column (in.csv:2:5)");
	ok(strlen(err.message) < sizeof(err.message), "the message fits its "
	    "fixed buffer");
	return tap_done();
}
