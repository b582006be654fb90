/* SPDX-License-Identifier: GPL-3.0-or-later */
/* strataout.h - printing stratified capture-history tables (mse-data(5)). */
#ifndef CLI_STRATAOUT_H
#define CLI_STRATAOUT_H

#include <mse.h>

#include "util.h"

/* The stratum columns, the lists, then count; one row per stratum and
 * pattern with a positive count, strata in their order, patterns from 1
 * up (the first list varies fastest). */
int strata_print(struct outbuf *out, int format, int digits,
    const struct mse_strata *s);

#endif /* CLI_STRATAOUT_H */
