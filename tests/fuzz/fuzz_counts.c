/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_counts.c - libFuzzer target: KOM annual counts (mse_csv_parse,
 * then mse_counts_from_csv and every check). */
#include <stddef.h>
#include <stdint.h>

#include <mse.h>

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mse_csv *csv = NULL;
	struct mse_counts *c = NULL;
	struct mse_counts_check chk;
	struct mse_error err;
	char buf[512];
	size_t i;

	if (mse_csv_parse((const char *)data, size, "fuzz", 0, &csv,
	    &err) != MSE_OK)
		return 0;
	mse_counts_check_init(&chk);
	if (mse_counts_from_csv(csv, &c, &err) == MSE_OK) {
		for (i = 0; i < mse_counts_checks(c); i++) {
			(void)mse_counts_check(c, i, &chk, &err);
			(void)mse_counts_check_format(c, i, buf, sizeof(buf));
		}
		for (i = 0; i < mse_counts_years(c); i++)
			(void)mse_counts_year(c, i);
	}
	mse_counts_free(c);
	mse_csv_free(csv);
	return 0;
}
