/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gnuplot.h - gnuplot scripts with safely quoted text, and running them. */
#ifndef CLI_GNUPLOT_H
#define CLI_GNUPLOT_H

#include "util.h"

enum {
	GP_PNGCAIRO, GP_PNG, GP_SVG, GP_PDFCAIRO, GP_CAIROLATEX, GP_EPSLATEX,
	GP_DUMB
};

struct gp {
	int term;		/* GP_ */
	const char *output;	/* the chart's file, or NULL for stdout */
	double width, height;	/* 0: the terminal's default */
	int script;		/* print the script instead of running it */
	struct outbuf s;	/* the script */
	char *tmpdir;		/* .tex output: where gnuplot writes first */
	int tic;		/* gp_tic_text is writing: '%' doubled */
};

/* A terminal by name, or by the extension of an output file; -1 if
 * unknown.  gp_term_name is the name gnuplot knows. */
int gp_term_parse(const char *name);
int gp_term_for(const char *output);
const char *gp_term_name(int term);
/* Whether text goes through LaTeX (cairolatex, epslatex). */
int gp_latex(const struct gp *g);

/*
 * User text as a gnuplot string: single quotes, '' doubled, control
 * characters turned into spaces, LaTeX specials escaped for LaTeX
 * terminals.  gnuplot expands nothing in single quotes: no backquotes, no
 * backslashes.  Data blocks hold numbers only, because gnuplot does expand
 * backslash escapes in their double-quoted strings (gnuplot 5.4.4).
 */
void gp_text(struct gp *g, const char *s);
/* The same, for a tic label, which gnuplot reads as a format: '%' is
 * doubled, so "NGO 100%" is drawn as it is. */
void gp_tic_text(struct gp *g, const char *s);
/* A number as data: %.17g, or NaN for a missing value, which gnuplot
 * leaves out and does not join a line across. */
void gp_data_number(struct gp *g, double v);
void gp_printf(struct gp *g, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Before gp_begin: make the directory a LaTeX terminal writes into. */
int gp_prepare(struct gp *g);
/* The terminal, output, encoding and common style; 0 or -1 on error. */
int gp_begin(struct gp *g);
/* Print the script, or run gnuplot on it and write the chart atomically;
 * frees the script.  0 or -1 (a message has been printed). */
int gp_finish(struct gp *g);
/* Drop the script and anything gp_prepare made, after a failure. */
void gp_discard(struct gp *g);

/* Okabe and Ito (2008), "Color Universal Design": colours told apart
 * with every common form of colour blindness. */
#define GP_BLUE "#0072B2"
#define GP_VERMILLION "#D55E00"
#define GP_GREEN "#009E73"
#define GP_ORANGE "#E69F00"
#define GP_SKY "#56B4E9"
#define GP_PURPLE "#CC79A7"
#define GP_GREY "#999999"

#endif /* CLI_GNUPLOT_H */
