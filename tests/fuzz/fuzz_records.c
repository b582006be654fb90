/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_records.c - libFuzzer target: person and report records
 * (mse_records_parse) in the three layouts mse-import reads. */
#include <stddef.h>
#include <stdint.h>

#include <mse.h>

static const char *const id[] = { "id" };
static const char *const by[] = { "year" };
static const char *const lists[] = { "A", "B", "C" };

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* The first byte picks the layout; the rest is the file. */
	struct mse_records_spec spec[] = {
		{ sizeof(spec[0]), 0, NULL, 0, NULL, NULL, 0, NULL, 0 },
		{ sizeof(spec[0]), 0, id, 1, NULL, lists, 3, by, 1 },
		{ sizeof(spec[0]), 0, id, 1, "lists", NULL, 0, by, 1 },
		{ sizeof(spec[0]), ';', NULL, 0, "lists", lists, 3, NULL, 0 },
	};
	struct mse_strata *s = NULL;
	struct mse_error err;
	char buf[256];
	size_t i;

	if (size < 1)
		return 0;
	if (mse_records_parse((const char *)data + 1, size - 1, "fuzz",
	    &spec[data[0] % 4], &s, &err) == MSE_OK) {
		for (i = 0; i < mse_strata_count(s); i++)
			(void)mse_strata_format(s, i, buf, sizeof(buf));
		(void)mse_strata_sort(s, &err);
	}
	mse_strata_free(s);
	return 0;
}
