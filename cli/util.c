/* SPDX-License-Identifier: GPL-3.0-or-later */
/* util.c - messages, option values, table formats and atomic output. */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gsl/gsl_errno.h>

#include "util.h"

const char *progname = "mse";

void
cli_init(const char *argv0)
{
	const char *slash = argv0 != NULL ? strrchr(argv0, '/') : NULL;

	if (argv0 != NULL)
		progname = slash != NULL ? slash + 1 : argv0;
	/* lib/ never touches GSL's process-wide handler; GSL's default one
	 * aborts, so every tool turns it off and checks statuses. */
	gsl_set_error_handler_off();
}

void
cli_warn(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* prog: file:line:col: message, or prog: file: message. */
void
cli_error(const struct mse_error *err, const char *file)
{
	const char *f = err->file[0] != '\0' ? err->file : file;

	if (f != NULL && err->line > 0)
		cli_warn("%s:%ld:%ld: %s", f, err->line, err->column,
		    err->message);
	else if (f != NULL)
		cli_warn("%s: %s", f, err->message);
	else
		cli_warn("%s", err->message);
}

void
cli_usage_error(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry '%s --help' for more information.\n",
	    progname);
	exit(EXIT_USAGE);
}

void
cli_version(void)
{
	printf("%s (%s) %s\nlibmse %s\n", progname, PACKAGE_NAME,
	    PACKAGE_VERSION, mse_version());
}

int
cli_parse_format(const char *s)
{
	static const char *const names[] = { "text", "csv", "tsv", "json" };
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(s, names[i]) == 0)
			return (int)i;
	cli_usage_error("--format: '%s' is not one of text, csv, tsv, json",
	    s);
}

int
cli_parse_digits(const char *s)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < 1 || v > 17)
		cli_usage_error("--digits: '%s' is not a whole number from 1 "
		    "to 17", s);
	return (int)v;
}

double
cli_parse_level(const char *s)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (errno != 0 || end == s || *end != '\0' || !(v > 0 && v < 1))
		cli_usage_error("--level: '%s' is not a number between 0 and "
		    "1 (such as 0.95)", s);
	return v;
}

int
cli_parse_delimiter(const char *s)
{
	if (strcmp(s, ",") == 0 || strcmp(s, "comma") == 0)
		return ',';
	if (strcmp(s, ";") == 0 || strcmp(s, "semicolon") == 0)
		return ';';
	if (strcmp(s, "\t") == 0 || strcmp(s, "tab") == 0 ||
	    strcmp(s, "\\t") == 0)
		return '\t';
	cli_usage_error("--delimiter: '%s' is not ',', ';' or 'tab'", s);
}

/* Text for people on a terminal, CSV for pipes and files. */
int
cli_default_format(const char *output)
{
	return output == NULL && isatty(STDOUT_FILENO) ? FMT_TEXT : FMT_CSV;
}

void
out_printf(struct outbuf *o, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (o->failed)
		return;
	for (;;) {
		size_t room = o->cap - o->len;

		va_start(ap, fmt);
		n = vsnprintf(o->buf != NULL ? o->buf + o->len : NULL, room,
		    fmt, ap);
		va_end(ap);
		if (n < 0) {
			o->failed = 1;
			return;
		}
		if ((size_t)n < room) {
			o->len += (size_t)n;
			return;
		}
		if (o->cap > ((size_t)-1) / 2 - (size_t)n) {
			o->failed = 1;
			return;
		}
		room = o->cap * 2 + (size_t)n + 256;
		char *p = realloc(o->buf, room);
		if (p == NULL) {
			o->failed = 1;
			return;
		}
		o->buf = p;
		o->cap = room;
	}
}

/* A number for output: whole numbers below 1e15 in full; others with the
 * given significant digits or, with digits 0, the shortest form that reads
 * back to the same double.  No exponent between 1e-4 and 1e15. */
static void
format_number(double v, int digits, char *buf, size_t size)
{
	int plain = fabs(v) >= 1e-4 && fabs(v) < 1e15;
	int p;

	if (!isfinite(v)) {
		snprintf(buf, size, "%s", isnan(v) ? "nan" : v > 0 ? "inf" :
		    "-inf");
		return;
	}
	if (v == floor(v) && fabs(v) < 1e15) {
		snprintf(buf, size, "%.0f", v);
		return;
	}
	if (digits > 0) {
		snprintf(buf, size, "%.*g", digits, v);
		if (plain && strchr(buf, 'e') != NULL)
			snprintf(buf, size, "%.0f", strtod(buf, NULL));
		return;
	}
	for (p = 1; p <= 17; p++) {
		snprintf(buf, size, "%.*g", p, v);
		if (plain && strchr(buf, 'e') != NULL)
			continue;
		if (strtod(buf, NULL) == v)
			return;
	}
	snprintf(buf, size, "%.17g", v);
}

static void
cell_text(const struct cell *c, int digits, const char *na, char *buf,
    size_t size)
{
	switch (c->type) {
	case CELL_STR:
		snprintf(buf, size, "%s", c->s);
		break;
	case CELL_NUM:
		/* A number that does not exist is missing, never "nan". */
		if (isfinite(c->v))
			format_number(c->v, digits, buf, size);
		else
			snprintf(buf, size, "%s", na);
		break;
	case CELL_INT:
		snprintf(buf, size, "%ld", c->i);
		break;
	default:
		snprintf(buf, size, "%s", na);
	}
}

/* Width in characters of UTF-8 text (continuation bytes do not count). */
static size_t
width(const char *s)
{
	size_t w = 0;

	for (; *s != '\0'; s++)
		w += ((unsigned char)*s & 0xc0) != 0x80;
	return w;
}

static void
put_csv_field(struct outbuf *o, const char *s, char delim)
{
	const char *p;

	if (strchr(s, delim) == NULL && strpbrk(s, "\"\r\n") == NULL) {
		out_printf(o, "%s", s);
		return;
	}
	out_printf(o, "\"");
	for (p = s; *p != '\0'; p++)
		out_printf(o, *p == '"' ? "\"\"" : "%c", *p);
	out_printf(o, "\"");
}

/* TSV cannot escape: tabs and line ends in text become spaces. */
static void
put_tsv_field(struct outbuf *o, const char *s)
{
	for (; *s != '\0'; s++)
		out_printf(o, "%c", (*s == '\t' || *s == '\r' || *s == '\n') ?
		    ' ' : *s);
}

static void
put_json_string(struct outbuf *o, const char *s)
{
	out_printf(o, "\"");
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			out_printf(o, "\\%c", c);
		else if (c < 0x20)
			out_printf(o, "\\u%04x", c);
		else
			out_printf(o, "%c", c);
	}
	out_printf(o, "\"");
}

static void
table_delimited(struct outbuf *o, int format, int digits,
    const char *const *cols, size_t ncols, const struct cell *cells,
    size_t nrows)
{
	char delim = format == FMT_TSV ? '\t' : ',', buf[512];
	size_t r, c;

	for (r = 0; r <= nrows; r++) {
		for (c = 0; c < ncols; c++) {
			if (c > 0)
				out_printf(o, "%c", delim);
			if (r == 0)
				snprintf(buf, sizeof(buf), "%s", cols[c]);
			else
				cell_text(&cells[(r - 1) * ncols + c], digits,
				    "", buf, sizeof(buf));
			if (format == FMT_TSV)
				put_tsv_field(o, buf);
			else
				put_csv_field(o, buf, delim);
		}
		out_printf(o, "\n");
	}
}

static void
table_json(struct outbuf *o, int digits, const char *const *cols,
    size_t ncols, const struct cell *cells, size_t nrows)
{
	char buf[512];
	size_t r, c;

	out_printf(o, "[");
	for (r = 0; r < nrows; r++) {
		out_printf(o, "%s\n  {", r ? "," : "");
		for (c = 0; c < ncols; c++) {
			const struct cell *x = &cells[r * ncols + c];

			out_printf(o, "%s", c ? ", " : "");
			put_json_string(o, cols[c]);
			out_printf(o, ": ");
			if (x->type == CELL_STR)
				put_json_string(o, x->s);
			else if (x->type == CELL_NA ||
			    (x->type == CELL_NUM && !isfinite(x->v)))
				out_printf(o, "null");
			else {
				cell_text(x, digits, "null", buf, sizeof(buf));
				out_printf(o, "%s", buf);
			}
		}
		out_printf(o, "}");
	}
	out_printf(o, "%s]\n", nrows ? "\n" : "");
}

/* Aligned columns for people: text left, numbers right, '-' if missing. */
static void
table_text(struct outbuf *o, int digits, const char *const *cols,
    size_t ncols, const struct cell *cells, size_t nrows)
{
	size_t r, c, w[64] = { 0 };
	char buf[512];

	if (ncols > 64)
		ncols = 64;
	for (c = 0; c < ncols; c++) {
		w[c] = width(cols[c]);
		for (r = 0; r < nrows; r++) {
			cell_text(&cells[r * ncols + c], digits, "-", buf,
			    sizeof(buf));
			if (width(buf) > w[c])
				w[c] = width(buf);
		}
	}
	for (r = 0; r <= nrows; r++) {
		for (c = 0; c < ncols; c++) {
			const struct cell *x = r ? &cells[(r - 1) * ncols + c] :
			    NULL;
			int left = x == NULL || x->type == CELL_STR;
			size_t pad;

			if (x == NULL)
				snprintf(buf, sizeof(buf), "%s", cols[c]);
			else
				cell_text(x, digits, "-", buf, sizeof(buf));
			pad = w[c] - width(buf);
			out_printf(o, "%s%*s%s%*s", c ? "  " : "",
			    left ? 0 : (int)pad, "", buf,
			    left && c + 1 < ncols ? (int)pad : 0, "");
		}
		out_printf(o, "\n");
	}
}

void
out_table(struct outbuf *o, int format, int digits, const char *const *cols,
    size_t ncols, const struct cell *cells, size_t nrows)
{
	if (format == FMT_TEXT)
		table_text(o, digits ? digits : 7, cols, ncols, cells, nrows);
	else if (format == FMT_JSON)
		table_json(o, digits, cols, ncols, cells, nrows);
	else
		table_delimited(o, format, digits, cols, ncols, cells, nrows);
}

static int
write_all(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Write to a temporary file beside path, flush it to disk, and rename it
 * over path, so that readers see the old file or the whole new one. */
static int
write_atomic(const struct outbuf *o, const char *path)
{
	size_t n = strlen(path);
	char *tmp = malloc(n + 8);
	mode_t mask;
	int fd;

	if (tmp == NULL)
		return -1;
	memcpy(tmp, path, n);
	memcpy(tmp + n, ".XXXXXX", 8);
	fd = mkstemp(tmp);
	if (fd < 0) {
		cli_warn("%s: %s", path, strerror(errno));
		free(tmp);
		return -1;
	}
	mask = umask(0);
	umask(mask);
	if (fchmod(fd, 0666 & ~mask) != 0 || write_all(fd, o->buf, o->len) ||
	    fsync(fd) != 0 || close(fd) != 0 || rename(tmp, path) != 0) {
		cli_warn("%s: %s", path, strerror(errno));
		close(fd);
		unlink(tmp);
		free(tmp);
		return -1;
	}
	free(tmp);
	return 0;
}

/* Write the finished output to stdout or, atomically, to path. */
int
out_finish(struct outbuf *o, const char *path)
{
	int rc = 0;

	if (o->failed) {
		cli_warn("out of memory formatting the output");
		rc = -1;
	} else if (path != NULL)
		rc = write_atomic(o, path);
	else if (write_all(STDOUT_FILENO, o->buf != NULL ? o->buf : "",
	    o->len) != 0) {
		cli_warn("standard output: %s", strerror(errno));
		rc = -1;
	}
	free(o->buf);
	o->buf = NULL;
	o->len = o->cap = 0;
	return rc;
}

/* A progress bar on stderr, only when stderr is a terminal. */
struct progress {
	int last;
};

static void
progress_show(void *arg, size_t done, size_t total)
{
	struct progress *p = arg;
	int pct = total ? (int)(100 * done / total) : 100;
	char bar[41];

	if (pct == p->last)
		return;
	p->last = pct;
	memset(bar, '#', sizeof(bar) - 1);
	memset(bar + pct * 40 / 100, ' ', 40 - pct * 40 / 100);
	bar[40] = '\0';
	fprintf(stderr, "\r%s: [%s] %3d%%", progname, bar, pct);
	fflush(stderr);
}

void
cli_progress_init(void (**fn)(void *, size_t, size_t), void **arg)
{
	static struct progress p = { -1 };

	if (!isatty(STDERR_FILENO))
		return;
	*fn = progress_show;
	*arg = &p;
}

void
cli_progress_done(void *arg)
{
	struct progress *p = arg;

	if (p != NULL && p->last >= 0) {
		fprintf(stderr, "\r%*s\r", 60, "");
		fflush(stderr);
		p->last = -1;
	}
}

static struct mse_table *
read_input(const char *file, int delimiter, const char **name,
    struct mse_freq **fr)
{
	struct mse_error err;
	struct mse_table *t = NULL;
	FILE *fp;
	int rc;

	mse_error_clear(&err);
	*name = strcmp(file, "-") == 0 ? "<stdin>" : file;
	fp = strcmp(file, "-") == 0 ? stdin : fopen(file, "rb");
	if (fp == NULL) {
		cli_warn("%s: %s", file, strerror(errno));
		return NULL;
	}
	rc = mse_data_read(fp, *name, delimiter, &t, fr, &err);
	if (fp != stdin)
		fclose(fp);
	if (rc != MSE_OK)
		cli_error(&err, *name);
	return t;
}

/* --lists A,B,...: collapse onto the named lists, in that order. */
static struct mse_table *
collapse(struct mse_table *t, const char *spec, const char *name)
{
	size_t idx[MSE_MAX_LISTS], n = 0;
	struct mse_table *c = NULL;
	struct mse_error err;
	char *copy = strdup(spec), *tok, *save = NULL;

	mse_error_clear(&err);
	if (copy == NULL) {
		cli_warn("out of memory");
		goto done;
	}
	for (tok = strtok_r(copy, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save)) {
		long i = mse_table_find(t, tok);

		if (i < 0) {
			cli_warn("%s: --lists: no list named '%s'", name, tok);
			goto done;
		}
		if (n == MSE_MAX_LISTS) {
			cli_warn("--lists: too many lists");
			goto done;
		}
		idx[n++] = (size_t)i;
	}
	if (mse_table_collapse(t, idx, n, &c, &err) != MSE_OK)
		cli_warn("%s: --lists: %s", name, err.message);
done:
	free(copy);
	mse_table_free(t);
	return c;
}

/* Read a capture-history table from file ("-" is stdin), collapsed onto
 * the lists named in lists (comma-separated) unless that is NULL.  Errors
 * are printed; NULL then. */
struct mse_table *
cli_read_table(const char *file, int delimiter, const char *lists,
    const char **name)
{
	struct mse_table *t = read_input(file, delimiter, name, NULL);

	if (t != NULL && lists != NULL)
		t = collapse(t, lists, *name);
	return t;
}

/* The same, accepting frequency data too (*fr, with NULL returned). */
struct mse_table *
cli_read_data(const char *file, int delimiter, const char *lists,
    const char **name, struct mse_freq **fr)
{
	struct mse_table *t = read_input(file, delimiter, name, fr);

	if (t != NULL && lists != NULL)
		t = collapse(t, lists, *name);
	return t;
}

/* A whole number from lo to hi, the value of option --name. */
long
cli_parse_count(const char *name, const char *s, long lo, long hi)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < lo || v > hi)
		cli_usage_error("--%s: '%s' is not a whole number from %ld to "
		    "%ld", name, s, lo, hi);
	return v;
}

/* An interval kind; "bootstrap" only where the tool allows it. */
int
cli_parse_ci(const char *s, int bootstrap)
{
	if (strcmp(s, "lognormal") == 0)
		return MSE_CI_LOGNORMAL;
	if (strcmp(s, "wald") == 0)
		return MSE_CI_WALD;
	if (strcmp(s, "conditional") == 0)
		return MSE_CI_CONDITIONAL;
	if (strcmp(s, "profile") == 0)
		return MSE_CI_PROFILE;
	if (bootstrap && strcmp(s, "bootstrap") == 0)
		return CLI_CI_BOOTSTRAP;
	cli_usage_error("--ci: '%s' is not one of lognormal, wald, "
	    "conditional, profile%s", s, bootstrap ? ", bootstrap" : "");
}

/* "boundary: A:B=-inf, C:D=-inf" for an extended MLE, else "ok". */
void
cli_fit_status(const struct mse_table *t, const struct mse_fit *f, char *buf,
    size_t size)
{
	size_t i, len;
	char term[256];

	if (mse_fit_boundary_terms(f) == 0) {
		snprintf(buf, size, "ok");
		return;
	}
	len = (size_t)snprintf(buf, size, "boundary: ");
	for (i = 0; i < mse_fit_boundary_terms(f) && len < size; i++) {
		mse_table_format_term(t, mse_fit_boundary_term(f, i), term,
		    sizeof(term));
		len += (size_t)snprintf(buf + len, size - len, "%s%s=-inf",
		    i ? ", " : "", term);
	}
}

static void
split_nomem(void)
{
	cli_warn("out of memory");
	exit(EXIT_FAIL);
}

/* Split an option's value "a,b,c" into a new array of new strings (NULL
 * terminated); an empty item is a usage error naming the option. */
char **
cli_split(const char *s, const char *option, size_t *n)
{
	char **v = NULL;
	const char *p = s, *e;
	size_t cap = 0;

	*n = 0;
	for (;;) {
		e = p + strcspn(p, ",");
		if (e == p)
			cli_usage_error("%s: empty name in '%s'", option, s);
		if (*n + 2 > cap) {
			char **q = realloc(v, (cap = 2 * cap + 8) *
			    sizeof(*v));

			if (q == NULL)
				split_nomem();
			v = q;
		}
		v[*n] = strndup(p, (size_t)(e - p));
		if (v[(*n)++] == NULL)
			split_nomem();
		v[*n] = NULL;
		if (*e == '\0')
			return v;
		p = e + 1;
	}
}

void
cli_split_free(char **v)
{
	size_t i;

	for (i = 0; v != NULL && v[i] != NULL; i++)
		free(v[i]);
	free(v);
}

void
out_json_string(struct outbuf *o, const char *s)
{
	put_json_string(o, s);
}

void
out_json_number(struct outbuf *o, double v, int digits)
{
	char buf[64];

	if (!isfinite(v)) {
		out_printf(o, "null");
		return;
	}
	format_number(v, digits, buf, sizeof(buf));
	out_printf(o, "%s", buf);
}
