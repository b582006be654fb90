/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_formula.c - libFuzzer target: model formulas (mse_model_parse)
 * over a fixed four-list table, and structural zeros (mse_absent_parse). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <mse.h>

static const char table[] = "A,B,C,Dee,count\n"
    "1,0,0,0,5\n0,1,0,0,4\n0,0,1,0,3\n0,0,0,1,2\n1,1,0,0,1\n";
static const char records[] = "A,B,sex\n1,0,f\n0,1,m\n1,1,f\n";

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const by[] = { "sex" };
	struct mse_records_spec spec = { sizeof(spec), 0, NULL, 0,
	    NULL, NULL, 0, by, 1, 0 };
	struct mse_table *t = NULL;
	struct mse_strata *s = NULL;
	struct mse_model *m = NULL;
	struct mse_absent *a = NULL;
	struct mse_error err;
	char buf[1024];
	char *f;

	/* Formulas are C strings: the input up to its first NUL. */
	f = malloc(size + 1);
	if (f == NULL)
		return 0;
	memcpy(f, data, size);
	f[size] = '\0';
	if (mse_table_parse(table, sizeof(table) - 1, "t", 0, &t,
	    &err) != MSE_OK)
		abort();
	if (mse_model_parse(t, f, &m, &err) == MSE_OK)
		(void)mse_model_format(m, t, buf, sizeof(buf));
	if (mse_records_parse(records, sizeof(records) - 1, "r", &spec, &s,
	    &err) != MSE_OK)
		abort();
	if (mse_absent_parse(s, f, &a, &err) == MSE_OK)
		(void)mse_absent_check(a, s, &err);
	mse_absent_free(a);
	mse_model_free(m);
	mse_strata_free(s);
	mse_table_free(t);
	free(f);
	return 0;
}
