/* SPDX-License-Identifier: GPL-3.0-or-later */
/* progress.c - a progress bar on standard error, only when it is a terminal. */
#include <config.h>

#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "progress.h"
#include "util.h"

/* Bar width in characters: with the label and the percentage it fits in
 * 80 columns. */
#define WIDTH 40

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int
cli_progress_init(struct cli_progress *p, const char *label)
{
	p->label = label;
	p->shown = -1;
	p->start = p->drawn = now();
	return isatty(STDERR_FILENO);
}

void
cli_progress_update(void *arg, size_t done, size_t total)
{
	struct cli_progress *p = arg;
	int pct = total == 0 || done >= total ? 100 :
	    (int)(100.0 * (double)done / (double)total);
	int i, fill = pct * WIDTH / 100;
	double t = now(), elapsed = t - p->start, left;

	/* Redrawn when the percentage moves, or each second for the time
	 * left. */
	if (pct == p->shown && t - p->drawn < 1)
		return;
	p->shown = pct;
	p->drawn = t;
	fprintf(stderr, "\r%s: %s [", progname, p->label);
	for (i = 0; i < WIDTH; i++)
		fputc(i < fill ? '#' : ' ', stderr);
	fprintf(stderr, "] %3d%%", pct);
	if (elapsed >= 1 && done > 0 && done < total) {
		left = elapsed * (double)(total - done) / (double)done;
		if (left < 3600)
			fprintf(stderr, " %2d:%02d left", (int)left / 60,
			    (int)left % 60);
		else
			fprintf(stderr, " %dh%02d left", (int)(left / 3600),
			    (int)left % 3600 / 60);
	}
	fprintf(stderr, "\033[K");
	fflush(stderr);
}

void
cli_progress_end(struct cli_progress *p)
{
	if (p == NULL)
		return;
	if (p->shown >= 0)
		fprintf(stderr, "\r\033[K");
	fflush(stderr);
	p->shown = -1;
}
