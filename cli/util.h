/* SPDX-License-Identifier: GPL-3.0-or-later */
/* util.h - shared helpers of the mse-* tools: messages, tables, output. */
#ifndef CLI_UTIL_H
#define CLI_UTIL_H

#include <stddef.h>

#include <mse.h>

/* Exit codes, documented in every tool's man page. */
#define EXIT_OK 0
#define EXIT_FAIL 1
#define EXIT_USAGE 2

enum { FMT_TEXT, FMT_CSV, FMT_TSV, FMT_JSON };

/* --ci bootstrap is not a kind of mse_fit_interval: the tool refits. */
#define CLI_CI_BOOTSTRAP 100

/* One value of an output table: a string, a number, or missing. */
enum { CELL_NA, CELL_STR, CELL_NUM, CELL_INT };
struct cell {
	int type;
	const char *s;
	double v;
	long i;
};

/* A growing output buffer: everything is formatted before anything is
 * written, so that a failed run leaves no partial output. */
struct outbuf {
	char *buf;
	size_t len, cap;
	int failed;
};

extern const char *progname;

void cli_init(const char *argv0);
void cli_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void cli_error(const struct mse_error *err, const char *file);
/* A reader's warning on success (err->code MSE_OK with a message), as
 * prog: file: warning: message. */
void cli_read_warning(const struct mse_error *err, const char *file);
/* --max-seconds: after seconds (0: never), say so on stderr and exit 1
 * with nothing written; out_finish turns it off before it writes. */
void cli_deadline(unsigned seconds);
void cli_deadline_off(void);
void cli_usage_error(const char *fmt, ...)
    __attribute__((format(printf, 1, 2), noreturn));
void cli_version(void);

int cli_parse_format(const char *s);
int cli_parse_digits(const char *s);
double cli_parse_level(const char *s);
int cli_parse_delimiter(const char *s);
void cli_bad_option(int c, char **argv) __attribute__((noreturn));
const char *cli_operand(int argc, char **argv);
/* 1 when a and b name the same existing file (st_dev, st_ino); "-" is
 * never the same file.  out_finish refuses -o naming cli_operand's file. */
int cli_same_file(const char *a, const char *b);
long cli_parse_count(const char *name, const char *s, long lo, long hi);
int cli_parse_ci(const char *s, int bootstrap);
int cli_default_format(const char *output);

void out_printf(struct outbuf *o, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void out_table(struct outbuf *o, int format, int digits,
    const char *const *cols, size_t ncols, const struct cell *cells,
    size_t nrows);
/* The same table, its rows made one at a time by fill (row r's ncols
 * cells into c, valid until the next call): a long table need not be
 * held as cells.  fill may be asked for a row more than once. */
void out_table_rows(struct outbuf *o, int format, int digits,
    const char *const *cols, size_t ncols,
    void (*fill)(void *arg, size_t row, struct cell *c), void *arg,
    size_t nrows);
int out_finish(struct outbuf *o, const char *path);
/* For tools that write their own JSON: a quoted, escaped string, and a
 * number as the table formats print it (null if not finite). */
void out_json_string(struct outbuf *o, const char *s);
void out_json_number(struct outbuf *o, double v, int digits);

struct mse_table *cli_read_table(const char *file, int delimiter,
    const char *lists, const char **name);
struct mse_table *cli_read_data(const char *file, int delimiter,
    const char *lists, const char **name, struct mse_freq **fr);

void cli_fit_status(const struct mse_table *t, const struct mse_fit *f,
    char *buf, size_t size);
/* --select's value: an MSE_SELECT_..., or with path set also
 * CLI_SELECT_PATH (mse-fit's search path). */
#define CLI_SELECT_PATH 100
int cli_parse_select(const char *s, int path);
/* Apply --trend VAR[:DEGREE] to s (usage errors exit 2). */
int cli_set_trend(const char *spec, const char *const *covariates,
    size_t ncov, struct mse_strata *s, struct mse_error *err);
/* missing: an empty or NA value of a variable is missing (the covariate
 * model's EM takes such units); otherwise it is an error. */
/* Append to note what EM did with missing covariate values, if any. */
void cli_missing_note(const struct mse_fit *f, char *note, size_t size);
struct mse_strata *cli_read_strata(const char *file, int delimiter,
    const char *const *vars, size_t nvars, const char *lists, int missing,
    const char **name);

/* "a,b,c" into a NULL-terminated array; an empty item is a usage error. */
char **cli_split(const char *s, const char *option, size_t *n);
void cli_split_free(char **v);

/* Report formats: Markdown pipe tables, LaTeX booktabs, HTML tables. */
enum { FMT_MD = FMT_JSON + 1, FMT_LATEX, FMT_HTML };
/* A number already formatted as text (by mse-table): printed as it is,
 * and aligned and typed as a number. */
enum { CELL_FMT = CELL_INT + 1 };
/* out_table with a title above the table and a caption below it, for the
 * text, md, latex and html formats (NULL for none). */
/* s with control characters as '?', in buf, for a message. */
const char *cli_clean(const char *s, char *buf, size_t size);
void out_table_titled(struct outbuf *o, int format, int digits,
    const char *title, const char *caption, const char *const *cols,
    size_t ncols, const struct cell *cells, size_t nrows);

#endif /* CLI_UTIL_H */
