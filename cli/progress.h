/* SPDX-License-Identifier: GPL-3.0-or-later */
/* progress.h - a progress bar on standard error, only when it is a terminal. */
#ifndef CLI_PROGRESS_H
#define CLI_PROGRESS_H

struct cli_progress {
	const char *label;
	int shown;		/* percent last drawn, or -1 */
};

/* Set p up; returns 1 if a bar will be drawn (stderr is a terminal). */
int cli_progress_init(struct cli_progress *p, const char *label);
/* A callback for libmse: done is the fraction of the work done. */
void cli_progress_update(void *p, double done);
/* Erase the bar. */
void cli_progress_end(struct cli_progress *p);

#endif /* CLI_PROGRESS_H */
