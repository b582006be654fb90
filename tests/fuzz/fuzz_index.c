/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_index.c - libFuzzer target: index and estimate tables read by the
 * report tools (mse_csv_parse, mse_csv_number on every field). */
#include <stddef.h>
#include <stdint.h>

#include <mse.h>

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mse_csv *csv = NULL;
	struct mse_error err;
	size_t r, c;
	long line, col;
	double v;

	if (mse_csv_parse((const char *)data, size, "fuzz", 0, &csv,
	    &err) != MSE_OK)
		return 0;
	for (c = 0; c < mse_csv_columns(csv); c++)
		(void)mse_csv_find(csv, mse_csv_name(csv, c));
	for (r = 0; r < mse_csv_rows(csv); r++)
		for (c = 0; c < mse_csv_columns(csv); c++) {
			mse_csv_position(csv, r, c, &line, &col);
			(void)mse_csv_missing(mse_csv_field(csv, r, c));
			(void)mse_csv_number(csv, r, c, &v, &err);
		}
	mse_csv_free(csv);
	return 0;
}
