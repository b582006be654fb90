/* SPDX-License-Identifier: GPL-3.0-or-later */
/* util.c - messages, option values, table formats and atomic output. */
#include <config.h>

#include <errno.h>
#include <signal.h>
#include <fcntl.h>
#include <float.h>
#include <getopt.h>
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

/* At exit, flush and close stdout and check, as xz's tuklib_exit does:
 * --help to /dev/full must not exit 0.  A tool that already failed keeps
 * its own status. */
static void
close_stdout(void)
{
	int err = ferror(stdout);

	if (fclose(stdout) != 0 || err) {
		/* EBADF: a tool closed stdout itself, already checked. */
		if (errno == EBADF && !err)
			return;
		fprintf(stderr, "%s: standard output: %s\n", progname,
		    strerror(errno ? errno : EIO));
		_exit(1);
	}
}

void
cli_init(const char *argv0)
{
	atexit(close_stdout);
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
cli_read_warning(const struct mse_error *err, const char *file)
{
	if (err->code == MSE_OK && err->message[0] != '\0')
		cli_warn("%s: warning: %s", file, err->message);
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
	static const char *const names[] = { "text", "csv", "tsv", "json",
	    "md", "latex", "html" };
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(s, names[i]) == 0)
			return (int)i;
	cli_usage_error("--format: '%s' is not one of text, csv, tsv, json, "
	    "md, latex, html", s);
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
	char e17[32], d[18] = "";
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
	/* p digits read back only if v is within half an ulp (< 1.2e-16
	 * of v, when v is normal) of them: then v's digits p + 1 to 14, as %.17e shows them,
	 * are all 0 or all 9.  Other p are not tried: the same first p
	 * passes, for a fraction of the snprintf and strtod calls. */
	snprintf(e17, sizeof(e17), "%.16e", fabs(v));
	d[0] = e17[0];
	memcpy(d + 1, e17 + 2, 16);
	for (p = 1; p <= 16; p++) {
		if (p < 14 && fabs(v) >= DBL_MIN &&
		    strspn(d + p, "0") < (size_t)(14 - p) &&
		    strspn(d + p, "9") < (size_t)(14 - p))
			continue;
		snprintf(buf, size, "%.*g", p, v);
		if (plain && strchr(buf, 'e') != NULL)
			continue;
		if (strtod(buf, NULL) == v)
			return;
	}
	snprintf(buf, size, "%.17g", v);
}

/* A cell's text: its own string (never cut), or a number or na
 * formatted into buf. */
static const char *
cell_text(const struct cell *c, int digits, const char *na, char *buf,
    size_t size)
{
	switch (c->type) {
	case CELL_STR:
	case CELL_FMT:
		return c->s;
	case CELL_NUM:
		/* A number that does not exist is missing, never "nan". */
		if (!isfinite(c->v))
			return na;
		format_number(c->v, digits, buf, size);
		return buf;
	case CELL_INT:
		snprintf(buf, size, "%ld", c->i);
		return buf;
	default:
		return na;
	}
}

/* The rows of a table: all its cells, row by row, or a function that
 * makes row r's cells into buf when asked (out_table_rows), so that a
 * long table need not be held as cells. */
struct rows {
	const struct cell *cells;
	size_t ncols;
	void (*fill)(void *arg, size_t row, struct cell *c);
	void *arg;
	struct cell *buf;
};

/* Row r's ncols cells, valid until the next row is asked for. */
static const struct cell *
row_get(const struct rows *t, size_t r)
{
	if (t->fill == NULL)
		return t->cells + r * t->ncols;
	t->fill(t->arg, r, t->buf);
	return t->buf;
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
    const char *const *cols, size_t ncols, const struct rows *rows,
    size_t nrows)
{
	char delim = format == FMT_TSV ? '\t' : ',', buf[512];
	const struct cell *x;
	const char *t;
	size_t r, c;

	for (r = 0; r <= nrows; r++) {
		x = r == 0 ? NULL : row_get(rows, r - 1);
		for (c = 0; c < ncols; c++) {
			if (c > 0)
				out_printf(o, "%c", delim);
			t = r == 0 ? cols[c] : cell_text(&x[c], digits, "",
			    buf, sizeof(buf));
			if (format == FMT_TSV)
				put_tsv_field(o, t);
			else
				put_csv_field(o, t, delim);
		}
		out_printf(o, "\n");
	}
}

/* Whether s can stand in JSON as a number (RFC 8259, section 6). */
static int
json_number(const char *s)
{
	const char *p = s + (*s == '-');
	size_t d = strspn(p, "0123456789");

	if (d == 0 || (d > 1 && *p == '0'))
		return 0;
	p += d;
	if (*p == '.') {
		if (strspn(p + 1, "0123456789") == 0)
			return 0;
		p += 1 + strspn(p + 1, "0123456789");
	}
	if (*p == 'e' || *p == 'E') {
		p += 1 + (p[1] == '+' || p[1] == '-');
		if (strspn(p, "0123456789") == 0)
			return 0;
		p += strspn(p, "0123456789");
	}
	return *p == '\0';
}

static void
table_json(struct outbuf *o, int digits, const char *const *cols,
    size_t ncols, const struct rows *rows, size_t nrows)
{
	char buf[512];
	size_t r, c;

	out_printf(o, "[");
	for (r = 0; r < nrows; r++) {
		const struct cell *row = row_get(rows, r);

		out_printf(o, "%s\n  {", r ? "," : "");
		for (c = 0; c < ncols; c++) {
			const struct cell *x = &row[c];

			out_printf(o, "%s", c ? ", " : "");
			put_json_string(o, cols[c]);
			out_printf(o, ": ");
			if (x->type == CELL_STR || (x->type == CELL_FMT &&
			    !json_number(x->s)))
				put_json_string(o, x->s);
			else if (x->type == CELL_NA ||
			    (x->type == CELL_NUM && !isfinite(x->v)))
				out_printf(o, "null");
			else
				out_printf(o, "%s", cell_text(x, digits,
				    "null", buf, sizeof(buf)));
		}
		out_printf(o, "}");
	}
	out_printf(o, "%s]\n", nrows ? "\n" : "");
}

/* Text for a terminal: control characters (C0, DEL and C1, escape
 * sequences among them) become '?', one character each as width()
 * counts them. */
static void
put_text_cell(struct outbuf *o, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	for (; *p != '\0'; p++) {
		if (*p < 0x20 || *p == 0x7f)
			out_printf(o, "?");
		else if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
			out_printf(o, "?");
			p++;
		} else
			out_printf(o, "%c", *p);
	}
}

/* Aligned columns for people: text left, numbers right, '-' if missing. */
static void
table_text(struct outbuf *o, int digits, const char *const *cols,
    size_t ncols, const struct rows *rows, size_t nrows)
{
	size_t r, c, *w = calloc(ncols + 1, sizeof(*w));
	const struct cell *row;
	char buf[512];
	const char *t;

	if (w == NULL) {
		o->failed = 1;
		return;
	}
	for (c = 0; c < ncols; c++)
		w[c] = width(cols[c]);
	for (r = 0; r < nrows; r++) {
		row = row_get(rows, r);
		for (c = 0; c < ncols; c++) {
			t = cell_text(&row[c], digits, "-", buf, sizeof(buf));
			if (width(t) > w[c])
				w[c] = width(t);
		}
	}
	for (r = 0; r <= nrows; r++) {
		row = r ? row_get(rows, r - 1) : NULL;
		for (c = 0; c < ncols; c++) {
			const struct cell *x = r ? &row[c] : NULL;
			int left = x == NULL || x->type == CELL_STR;
			size_t pad;

			t = x == NULL ? cols[c] : cell_text(x, digits, "-", buf,
			    sizeof(buf));
			pad = w[c] - width(t);
			out_printf(o, "%s%*s", c ? "  " : "", left ? 0 :
			    (int)pad, "");
			put_text_cell(o, t);
			out_printf(o, "%*s", left && c + 1 < ncols ? (int)pad :
			    0, "");
		}
		out_printf(o, "\n");
	}
	free(w);
}

static void table_any(struct outbuf *o, int format, int digits,
    const char *title, const char *caption, const char *const *cols,
    size_t ncols, const struct rows *rows, size_t nrows);

void
out_table(struct outbuf *o, int format, int digits, const char *const *cols,
    size_t ncols, const struct cell *cells, size_t nrows)
{
	struct rows rows = { cells, ncols, NULL, NULL, NULL };

	table_any(o, format, digits, NULL, NULL, cols, ncols, &rows, nrows);
}

void
out_table_rows(struct outbuf *o, int format, int digits,
    const char *const *cols, size_t ncols,
    void (*fill)(void *arg, size_t row, struct cell *c), void *arg,
    size_t nrows)
{
	struct rows rows = { NULL, ncols, fill, arg, NULL };

	if ((rows.buf = calloc(ncols + 1, sizeof(*rows.buf))) == NULL) {
		o->failed = 1;
		return;
	}
	table_any(o, format, digits, NULL, NULL, cols, ncols, &rows, nrows);
	free(rows.buf);
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

/* Make a rename durable: fsync the directory holding path.  Best effort,
 * since the file is already complete under its name (rename(2) is atomic
 * whether or not this succeeds). */
static void
sync_dir(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir;
	int fd;

	if (slash == NULL)
		dir = strdup(".");
	else if (slash == path)
		dir = strdup("/");
	else
		dir = strndup(path, (size_t)(slash - path));
	if (dir == NULL)
		return;
	fd = open(dir, O_RDONLY | O_DIRECTORY);
	if (fd >= 0) {
		(void)fsync(fd);
		close(fd);
	}
	free(dir);
}

/* The input operand, recorded by cli_operand, so that -o cannot name it. */
static const char *input_path;

/* 1 when a and b name the same existing file (st_dev and st_ino), as xz's
 * file_io.c compares its source and destination; 0 otherwise. */
int
cli_same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	if (a == NULL || b == NULL || strcmp(a, "-") == 0 ||
	    strcmp(b, "-") == 0 || stat(a, &sa) != 0 || stat(b, &sb) != 0)
		return 0;
	return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* Refuse a destination that rename(2) would wrongly replace, as xz's
 * file_io.c does: anything but a regular file, a symbolic link, a file with
 * other hard links, a read-only file, or the input.  Sets *mode to the
 * existing file's permissions, so that 0600 stays 0600. */
static int
check_destination(const char *path, mode_t *mode)
{
	struct stat st;

	if (lstat(path, &st) != 0)
		return 0;
	if (S_ISLNK(st.st_mode))
		cli_warn("%s: is a symbolic link; not following it (remove it "
		    "or name the target)", path);
	else if (!S_ISREG(st.st_mode))
		cli_warn("%s: not a regular file; refusing to replace it (use "
		    "'-o -' for standard output)", path);
	else if (st.st_nlink > 1)
		cli_warn("%s: has %lu hard links; refusing to replace it",
		    path, (unsigned long)st.st_nlink);
	else if ((st.st_mode & 0222) == 0 || access(path, W_OK) != 0)
		cli_warn("%s: Permission denied; refusing to replace a "
		    "read-only file (mode %04o)", path,
		    (unsigned)(st.st_mode & 07777));
	else if (cli_same_file(path, input_path))
		cli_warn("%s: is the input file; choose another -o", path);
	else {
		*mode = st.st_mode & 07777;
		return 0;
	}
	return -1;
}

/* Write to a temporary file beside path, flush it to disk, and rename it
 * over path, so that readers see the old file or the whole new one. */
static int
write_atomic(const struct outbuf *o, const char *path)
{
	size_t n = strlen(path);
	char *tmp;
	mode_t mask, mode;
	int fd;

	mask = umask(0);
	umask(mask);
	mode = 0666 & ~mask;
	if (check_destination(path, &mode) != 0)
		return -1;
	tmp = malloc(n + 16);
	if (tmp == NULL)
		return -1;
	memcpy(tmp, path, n);
	memcpy(tmp + n, ".XXXXXX", 8);
	/* A 255-byte name leaves no room for the suffix (NAME_MAX): use a
	 * short temporary name in the same directory. */
	if (strlen(strrchr(tmp, '/') != NULL ? strrchr(tmp, '/') + 1 : tmp) >
	    200) {
		char *slash = strrchr(tmp, '/');
		size_t d = slash != NULL ? (size_t)(slash - tmp) + 1 : 0;

		memcpy(tmp + d, ".mse-out.XXXXXX", 16);
	}
	fd = mkstemp(tmp);
	if (fd < 0) {
		cli_warn("%s: %s", path, strerror(errno));
		free(tmp);
		return -1;
	}
	if (fchmod(fd, mode) != 0 || write_all(fd, o->buf, o->len) ||
	    fsync(fd) != 0) {
		cli_warn("%s: %s", path, strerror(errno));
		close(fd);
		unlink(tmp);
		free(tmp);
		return -1;
	}
	/* The descriptor is closed once, whether close succeeds or not. */
	if (close(fd) != 0 || rename(tmp, path) != 0) {
		cli_warn("%s: %s", path, strerror(errno));
		unlink(tmp);
		free(tmp);
		return -1;
	}
	free(tmp);
	sync_dir(path);
	return 0;
}

/* --max-seconds: the message is made before the alarm, so that the
 * handler only writes and exits (async-signal-safe). */
static char deadline_msg[320];
static size_t deadline_len;

static void
on_deadline(int sig)
{
	(void)sig;
	if (write(STDERR_FILENO, deadline_msg, deadline_len) < 0)
		_exit(EXIT_FAIL);
	_exit(EXIT_FAIL);
}

void
cli_deadline(unsigned seconds)
{
	struct sigaction sa;
	int n;

	if (seconds == 0)
		return;
	n = snprintf(deadline_msg, sizeof(deadline_msg), "%s: stopped after "
	    "%u s (--max-seconds); nothing was written.  Fewer lists, a "
	    "lower --max-order or another --select is quicker\n", progname,
	    seconds);
	deadline_len = n > 0 && (size_t)n < sizeof(deadline_msg) ?
	    (size_t)n : sizeof(deadline_msg) - 1;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_deadline;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, NULL);
	alarm(seconds);
}

void
cli_deadline_off(void)
{
	alarm(0);
}

/* Write the finished output to stdout or, atomically, to path.  The work
 * is done: --max-seconds no longer applies. */
int
out_finish(struct outbuf *o, const char *path)
{
	int rc = 0;

	cli_deadline_off();
	if (o->failed) {
		cli_warn("out of memory formatting the output");
		rc = -1;
	} else if (path != NULL && strcmp(path, "-") != 0)
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
	else
		cli_read_warning(&err, *name);
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
		/* A fit across strata names its columns itself. */
		if (mse_fit_boundary_name(f, i) != NULL)
			snprintf(term, sizeof(term), "%s",
			    mse_fit_boundary_name(f, i));
		else
			mse_table_format_term(t, mse_fit_boundary_term(f, i),
			    term, sizeof(term));
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

/* --- report formats: Markdown, LaTeX, HTML -------------------------------- */

/* Numbers (and missing values) align right in a report table's column:
 * num[c] is 1 for a column with a number and no text (num is zeroed). */
static void
numeric_columns(const struct rows *rows, size_t ncols, size_t nrows,
    int *num)
{
	const struct cell *row;
	size_t r, c;

	/* -1 once a column has text; 1 once it has a value. */
	for (r = 0; r < nrows; r++) {
		row = row_get(rows, r);
		for (c = 0; c < ncols; c++)
			if (row[c].type == CELL_STR)
				num[c] = -1;
			else if (num[c] == 0 && row[c].type != CELL_NA)
				num[c] = 1;
	}
	for (c = 0; c < ncols; c++)
		num[c] = num[c] == 1;
}

/* Markdown: a backslash before ASCII punctuation is always literal
 * (CommonMark 0.30, section 2.4); line ends and controls become spaces. */
static void
put_md(struct outbuf *o, const char *s)
{
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c < 0x20 || c == 0x7f)
			out_printf(o, " ");
		else if (strchr("\\`*_[]<>|&~#$", c) != NULL)
			out_printf(o, "\\%c", c);
		else
			out_printf(o, "%c", c);
	}
}

/* LaTeX: the ten special characters of text mode, and < > | which the
 * OT1 encoding would print as other glyphs. */
static void
put_latex(struct outbuf *o, const char *s, int number)
{
	static const char *const map[][2] = {
		{ "\\", "\\textbackslash{}" }, { "{", "\\{" }, { "}", "\\}" },
		{ "&", "\\&" }, { "%", "\\%" }, { "$", "\\$" }, { "#", "\\#" },
		{ "_", "\\_" }, { "~", "\\textasciitilde{}" },
		{ "^", "\\textasciicircum{}" }, { "<", "\\textless{}" },
		{ ">", "\\textgreater{}" }, { "|", "\\textbar{}" },
	};
	size_t i;

	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
			if (c == (unsigned char)map[i][0][0])
				break;
		if (i < sizeof(map) / sizeof(map[0]))
			out_printf(o, "%s", map[i][1]);
		else if (c == ' ' && number)
			out_printf(o, "\\,");	/* a thin space groups digits */
		else if (c < 0x20 || c == 0x7f)
			out_printf(o, " ");
		else
			out_printf(o, "%c", c);
	}
}

static void
put_html(struct outbuf *o, const char *s, int number)
{
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '&')
			out_printf(o, "&amp;");
		else if (c == '<')
			out_printf(o, "&lt;");
		else if (c == '>')
			out_printf(o, "&gt;");
		else if (c == '"')
			out_printf(o, "&quot;");
		else if (c == '\'')
			out_printf(o, "&#39;");
		else if (c == ' ' && number)
			out_printf(o, "&#160;");	/* no break in 9 000 */
		else if ((c < 0x20 && c != '\n') || c == 0x7f)
			out_printf(o, " ");
		else
			out_printf(o, "%c", c);
	}
}

static void
put_report(struct outbuf *o, int format, const char *s, int number)
{
	if (format == FMT_MD)
		put_md(o, s);
	else if (format == FMT_LATEX)
		put_latex(o, s, number);
	else
		put_html(o, s, number);
}

/* One cell's text; a missing value is a dash. */
static void
put_report_cell(struct outbuf *o, int format, int digits,
    const struct cell *x)
{
	char buf[512];

	if (x->type == CELL_NA) {
		out_printf(o, "%s", format == FMT_LATEX ? "--" :
		    format == FMT_HTML ? "&ndash;" : "\u2013");
		return;
	}
	put_report(o, format, cell_text(x, digits, "", buf, sizeof(buf)),
	    x->type != CELL_STR);
}

static void
table_md(struct outbuf *o, int digits, const char *const *cols,
    size_t ncols, const struct rows *rows, size_t nrows, const int *num)
{
	size_t r, c;

	for (c = 0; c < ncols; c++) {
		out_printf(o, "| ");
		put_md(o, cols[c]);
		out_printf(o, " ");
	}
	out_printf(o, "|\n");
	for (c = 0; c < ncols; c++)
		out_printf(o, "|%s", num[c] ? "---:" : ":---");
	out_printf(o, "|\n");
	for (r = 0; r < nrows; r++) {
		const struct cell *row = row_get(rows, r);

		for (c = 0; c < ncols; c++) {
			out_printf(o, "| ");
			put_report_cell(o, FMT_MD, digits, &row[c]);
			out_printf(o, " ");
		}
		out_printf(o, "|\n");
	}
}

/* booktabs rules (Fear, "Publication quality tables in LaTeX"). */
static void
table_latex(struct outbuf *o, int digits, const char *const *cols,
    size_t ncols, const struct rows *rows, size_t nrows, const int *num)
{
	size_t r, c;

	out_printf(o, "\\begin{tabular}{");
	for (c = 0; c < ncols; c++)
		out_printf(o, "%c", num[c] ? 'r' : 'l');
	out_printf(o, "}\n\\toprule\n");
	for (c = 0; c < ncols; c++) {
		out_printf(o, "%s", c ? " & " : "");
		put_latex(o, cols[c], 0);
	}
	out_printf(o, " \\\\\n\\midrule\n");
	for (r = 0; r < nrows; r++) {
		const struct cell *row = row_get(rows, r);

		for (c = 0; c < ncols; c++) {
			out_printf(o, "%s", c ? " & " : "");
			put_report_cell(o, FMT_LATEX, digits, &row[c]);
		}
		out_printf(o, " \\\\\n");
	}
	out_printf(o, "\\bottomrule\n\\end{tabular}\n");
}

static void
table_html(struct outbuf *o, int digits, const char *const *cols,
    size_t ncols, const struct rows *rows, size_t nrows, const int *num)
{
	size_t r, c;

	out_printf(o, "<thead>\n<tr>");
	for (c = 0; c < ncols; c++) {
		out_printf(o, "<th%s>", num[c] ?
		    " style=\"text-align: right\"" : "");
		put_html(o, cols[c], 0);
		out_printf(o, "</th>");
	}
	out_printf(o, "</tr>\n</thead>\n<tbody>\n");
	for (r = 0; r < nrows; r++) {
		const struct cell *row = row_get(rows, r);

		out_printf(o, "<tr>");
		for (c = 0; c < ncols; c++) {
			out_printf(o, "<td%s>", num[c] ?
			    " style=\"text-align: right\"" : "");
			put_report_cell(o, FMT_HTML, digits, &row[c]);
			out_printf(o, "</td>");
		}
		out_printf(o, "</tr>\n");
	}
	out_printf(o, "</tbody>\n");
}

/* A title (in bold) and a caption (a paragraph) around a Markdown table. */
static void
report_md(struct outbuf *o, int digits, const char *title,
    const char *caption, const char *const *cols, size_t ncols,
    const struct rows *rows, size_t nrows, const int *num)
{
	if (title != NULL) {
		out_printf(o, "**");
		put_md(o, title);
		out_printf(o, "**\n\n");
	}
	table_md(o, digits, cols, ncols, rows, nrows, num);
	if (caption != NULL) {
		out_printf(o, "\n");
		put_md(o, caption);
		out_printf(o, "\n");
	}
}

/* A table environment, with the title as its caption and the caption as
 * a note below, when either is given; a bare tabular otherwise. */
static void
report_latex(struct outbuf *o, int digits, const char *title,
    const char *caption, const char *const *cols, size_t ncols,
    const struct rows *rows, size_t nrows, const int *num)
{
	int wrap = title != NULL || caption != NULL;

	if (wrap)
		out_printf(o, "\\begin{table}[htbp]\n\\centering\n");
	if (title != NULL) {
		out_printf(o, "\\caption{");
		put_latex(o, title, 0);
		out_printf(o, "}\n");
	}
	table_latex(o, digits, cols, ncols, rows, nrows, num);
	if (caption != NULL) {
		out_printf(o, "\\par\\smallskip\n{\\footnotesize ");
		put_latex(o, caption, 0);
		out_printf(o, "}\n");
	}
	if (wrap)
		out_printf(o, "\\end{table}\n");
}

/* <caption> above, the caption in <tfoot>. */
static void
report_html(struct outbuf *o, int digits, const char *title,
    const char *caption, const char *const *cols, size_t ncols,
    const struct rows *rows, size_t nrows, const int *num)
{
	out_printf(o, "<table>\n");
	if (title != NULL) {
		out_printf(o, "<caption>");
		put_html(o, title, 0);
		out_printf(o, "</caption>\n");
	}
	table_html(o, digits, cols, ncols, rows, nrows, num);
	if (caption != NULL) {
		out_printf(o, "<tfoot>\n<tr><td colspan=\"%zu\">", ncols);
		put_html(o, caption, 0);
		out_printf(o, "</td></tr>\n</tfoot>\n");
	}
	out_printf(o, "</table>\n");
}

void
out_table_titled(struct outbuf *o, int format, int digits,
    const char *title, const char *caption, const char *const *cols,
    size_t ncols, const struct cell *cells, size_t nrows)
{
	struct rows rows = { cells, ncols, NULL, NULL, NULL };

	table_any(o, format, digits, title, caption, cols, ncols, &rows,
	    nrows);
}

static void
table_any(struct outbuf *o, int format, int digits, const char *title,
    const char *caption, const char *const *cols, size_t ncols,
    const struct rows *rows, size_t nrows)
{
	int *num;

	if (format != FMT_MD && format != FMT_LATEX && format != FMT_HTML) {
		if (format == FMT_TEXT && title != NULL)
			out_printf(o, "%s\n\n", title);
		if (format == FMT_TEXT)
			table_text(o, digits ? digits : 7, cols, ncols, rows,
			    nrows);
		else if (format == FMT_JSON)
			table_json(o, digits, cols, ncols, rows, nrows);
		else
			table_delimited(o, format, digits, cols, ncols, rows,
			    nrows);
		if (format == FMT_TEXT && caption != NULL)
			out_printf(o, "\n%s\n", caption);
		return;
	}
	num = calloc(ncols + 1, sizeof(*num));
	if (num == NULL) {
		o->failed = 1;
		return;
	}
	numeric_columns(rows, ncols, nrows, num);
	digits = digits ? digits : 7;
	if (format == FMT_MD)
		report_md(o, digits, title, caption, cols, ncols, rows, nrows,
		    num);
	else if (format == FMT_LATEX)
		report_latex(o, digits, title, caption, cols, ncols, rows,
		    nrows, num);
	else
		report_html(o, digits, title, caption, cols, ncols, rows,
		    nrows, num);
	free(num);
}

/* Text from a file for a message: control characters become '?', so that
 * input cannot garble a terminal (as lib/ does for the text it quotes). */
const char *
cli_clean(const char *s, char *buf, size_t size)
{
	size_t i;

	for (i = 0; s[i] != '\0' && i + 1 < size; i++)
		buf[i] = ((unsigned char)s[i] < 0x20 || s[i] == 0x7f) ? '?' :
		    s[i];
	buf[i] = '\0';
	return buf;
}

/* The getopt_long results every tool treats alike: a missing value (':',
 * with a leading ':' in the option string) and an unknown option. */
void
cli_bad_option(int c, char **argv)
{
	if (c == ':')
		cli_usage_error("option '%s' needs a value", argv[optind - 1]);
	cli_usage_error("unknown option '%s'", argv[optind - 1]);
}

/* The one operand, the input file: "-" (standard input) when absent. */
const char *
cli_operand(int argc, char **argv)
{
	if (argc - optind > 1)
		cli_usage_error("one input file at most ('%s' is extra)",
		    argv[optind + 1]);
	input_path = optind < argc ? argv[optind] : "-";
	return input_path;
}

void
cli_missing_note(const struct mse_fit *f, char *note, size_t size)
{
	size_t len = strlen(note), i, S = mse_fit_strata(f);
	double top = 0;

	for (i = 0; i < S; i++)
		top = fmax(top, mse_fit_missing_information(f, i));
	if (mse_fit_missing(f) > 0 && len < size)
		snprintf(note + len, size - len, "%s%.0f of %.0f units "
		    "(%.1f%%) had a missing covariate value, spread by EM; "
		    "fraction of missing information %.3f on the total, up "
		    "to %.3f on a stratum", len > 0 ? "; " : "",
		    mse_fit_missing(f), mse_fit_observed(f),
		    100 * mse_fit_missing(f) / mse_fit_observed(f),
		    mse_fit_missing_information(f, S), top);
}

/* A stratified table (mse-data(5)) with these stratum variables, from
 * file or standard input ("-"); NULL after a message. */
struct mse_strata *
cli_read_strata(const char *file, int delimiter, const char *const *vars,
    size_t nvars, const char *lists, int missing, const char **name)
{
	struct mse_strata_spec spec;
	struct mse_strata *s = NULL;
	struct mse_error err;
	FILE *fp;
	int rc;

	mse_error_clear(&err);
	*name = strcmp(file, "-") == 0 ? "<stdin>" : file;
	fp = strcmp(file, "-") == 0 ? stdin : fopen(file, "rb");
	if (fp == NULL) {
		cli_warn("%s: %s", file, strerror(errno));
		return NULL;
	}
	mse_strata_spec_init(&spec);
	spec.delimiter = delimiter;
	spec.vars = vars;
	spec.nvars = nvars;
	spec.missing = missing;
	if (lists != NULL)
		spec.lists = (const char *const *)cli_split(lists, "--lists",
		    &spec.nlists);
	rc = mse_strata_read(fp, *name, &spec, &s, &err);
	cli_split_free((char **)spec.lists);
	if (fp != stdin)
		fclose(fp);
	if (rc != MSE_OK)
		cli_error(&err, *name);
	else
		cli_read_warning(&err, *name);
	return s;
}

/* --trend VAR[:DEGREE]: VAR one of the covariates, DEGREE 1 to
 * MSE_TREND_MAX (usage errors); the values must be numbers (an input
 * error, in err). */
int
cli_set_trend(const char *spec, const char *const *covariates, size_t ncov,
    struct mse_strata *s, struct mse_error *err)
{
	char var[256];
	const char *colon = strrchr(spec, ':');
	size_t len = colon != NULL ? (size_t)(colon - spec) : strlen(spec), i;
	long degree = 1;

	if (len == 0 || len >= sizeof(var))
		cli_usage_error("--trend: '%s' is not COLUMN or COLUMN:DEGREE",
		    spec);
	memcpy(var, spec, len);
	var[len] = '\0';
	if (colon != NULL) {
		char *end;

		errno = 0;
		degree = strtol(colon + 1, &end, 10);
		if (colon[1] == '\0' || *end != '\0' || errno != 0 ||
		    degree < 1 || degree > MSE_TREND_MAX)
			cli_usage_error("--trend: degree '%s' is not a whole "
			    "number from 1 to %d", colon + 1, MSE_TREND_MAX);
	}
	for (i = 0; i < ncov && strcmp(covariates[i], var) != 0; i++)
		;
	if (i == ncov)
		cli_usage_error("--trend: '%s' is not one of the --covariates",
		    var);
	return mse_strata_set_trend(s, var, (int)degree, err);
}

/* --select: none, stepwise, aic, bic, aicc, and with path set, path
 * (CLI_SELECT_PATH); anything else is a usage error. */
int
cli_parse_select(const char *s, int path)
{
	if (strcasecmp(s, "none") == 0)
		return MSE_SELECT_NONE;
	if (strcasecmp(s, "stepwise") == 0)
		return MSE_SELECT_STEPWISE;
	if (strcasecmp(s, "aic") == 0)
		return MSE_SELECT_AIC;
	if (strcasecmp(s, "bic") == 0)
		return MSE_SELECT_BIC;
	if (strcasecmp(s, "aicc") == 0)
		return MSE_SELECT_AICC;
	if (path && strcasecmp(s, "path") == 0)
		return CLI_SELECT_PATH;
	cli_usage_error("--select: '%s' is not one of stepwise, aic, bic, "
	    "aicc, %snone", s, path ? "path, " : "");
}
