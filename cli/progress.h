/* SPDX-License-Identifier: GPL-3.0-or-later */
/* progress.h - a progress bar on standard error, only when it is a terminal. */
#ifndef CLI_PROGRESS_H
#define CLI_PROGRESS_H

#include <stddef.h>

struct cli_progress {
	const char *label;
	int shown;		/* percent last drawn, or -1 */
	double start;		/* when it began (CLOCK_MONOTONIC, s) */
	double drawn;		/* when it was last drawn */
};

/* Set p up; returns 1 if a bar will be drawn (stderr is a terminal). */
int cli_progress_init(struct cli_progress *p, const char *label);
/* The callback of libmse's bootstrap, mse_dga_fit, mse_lcm_fit and the
 * model-space fits (mse_fit_options), with p as progress_arg: done of
 * total units, with the time left once a second has passed. */
void cli_progress_update(void *p, size_t done, size_t total);
/* Erase the bar (p may be NULL). */
void cli_progress_end(struct cli_progress *p);

#endif /* CLI_PROGRESS_H */
