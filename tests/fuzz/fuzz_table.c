/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_table.c - libFuzzer target: capture-history tables, frequency data
 * and stratified tables (mse_data_parse, mse_strata_parse). */
#include <stddef.h>
#include <stdint.h>

#include <mse.h>

static const char *const vars[] = { "year" };

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mse_table *t = NULL;
	struct mse_freq *fr = NULL;
	struct mse_strata *s = NULL;
	struct mse_strata_spec spec = { sizeof(spec), 0, vars, 1, NULL,
	    0, 0 };
	struct mse_error err;
	char buf[256];
	size_t i;

	if (mse_data_parse((const char *)data, size, "fuzz", 0, &t, &fr,
	    &err) == MSE_OK) {
		if (t != NULL) {
			(void)mse_table_observed(t);
			for (i = 0; i < mse_table_lists(t); i++)
				(void)mse_table_list_total(t, i);
			(void)mse_table_format_term(t, 3, buf, sizeof(buf));
		}
		if (fr != NULL)
			(void)mse_freq_observed(fr);
	}
	mse_table_free(t);
	mse_freq_free(fr);
	if (mse_strata_parse((const char *)data, size, "fuzz", &spec, &s,
	    &err) == MSE_OK) {
		for (i = 0; i < mse_strata_count(s); i++)
			(void)mse_strata_format(s, i, buf, sizeof(buf));
	}
	mse_strata_free(s);
	return 0;
}
