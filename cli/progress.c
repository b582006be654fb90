/* SPDX-License-Identifier: GPL-3.0-or-later */
/* progress.c - a progress bar on standard error, only when it is a terminal. */
#include <config.h>

#include <stdio.h>
#include <unistd.h>

#include "progress.h"
#include "util.h"

/* Bar width in characters: with the label and the percentage it fits in
 * 80 columns. */
#define WIDTH 40

int
cli_progress_init(struct cli_progress *p, const char *label)
{
	p->label = label;
	p->shown = -1;
	return isatty(STDERR_FILENO);
}

void
cli_progress_update(void *arg, size_t done, size_t total)
{
	struct cli_progress *p = arg;
	int pct = total == 0 || done >= total ? 100 :
	    (int)(100.0 * (double)done / (double)total);
	int i, fill = pct * WIDTH / 100;

	if (pct == p->shown)
		return;
	p->shown = pct;
	fprintf(stderr, "\r%s: %s [", progname, p->label);
	for (i = 0; i < WIDTH; i++)
		fputc(i < fill ? '#' : ' ', stderr);
	fprintf(stderr, "] %3d%%", pct);
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
