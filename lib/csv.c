/* SPDX-License-Identifier: GPL-3.0-or-later */
/* csv.c - any CSV table with a header, read with libcsv, fields located. */
#include <config.h>

#include <csv.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mse_private.h"


struct mse_csv {
	char *file;
	size_t ncols, nrows;	/* data rows, the header excluded */
	char **cell;		/* (nrows + 1) x ncols, row 0 the header */
	long *pos;		/* line and column of each cell, 2 per cell */
	size_t cap;		/* rows allocated, the header included */
};

struct creader {
	struct mse_csv *c;
	struct mse_error *err;
	int status;
	int delim;
	long line, col, next_col;	/* the byte being fed */
	long fline, fcol;		/* the field being read */
	long qline, qcol;		/* its opening quote */
	long eline, ecol;		/* where the row ended */
	int at_start;
	/* the current row */
	char **f;
	long *fpos;
	size_t nf, capf;
};

/* msei_snip is csvread.c's. */

static void
cfail(struct creader *r, long line, long col, const char *msg)
{
	if (r->status == MSE_OK)
		r->status = msei_error_at(r->err, MSE_EPARSE, r->c->file,
		    line, col, "%s", msg);
}

static void
cfail_nomem(struct creader *r)
{
	if (r->status == MSE_OK)
		r->status = msei_error(r->err, MSE_ENOMEM, "out of memory");
}

static int
grow_row(struct creader *r)
{
	size_t n = r->capf ? 2 * r->capf : 16;
	char **f = msei_reallocarray(r->f, n, sizeof(*r->f));
	long *p;

	if (f == NULL)
		return -1;
	r->f = f;
	p = msei_reallocarray(r->fpos, n, 2 * sizeof(*r->fpos));
	if (p == NULL)
		return -1;
	r->fpos = p;
	r->capf = n;
	return 0;
}

static void
on_field(void *s, size_t len, void *data)
{
	struct creader *r = data;
	char *t;

	r->at_start = 1;
	if (r->status != MSE_OK)
		return;
	if (r->nf == r->capf && grow_row(r) != 0) {
		cfail_nomem(r);
		return;
	}
	t = malloc(len + 1);
	if (t == NULL) {
		cfail_nomem(r);
		return;
	}
	if (len > 0)
		memcpy(t, s, len);
	t[len] = '\0';
	r->f[r->nf] = t;
	r->fpos[2 * r->nf] = r->fline;
	r->fpos[2 * r->nf + 1] = r->fcol;
	r->nf++;
}

static void
drop_row(struct creader *r)
{
	size_t i;

	for (i = 0; i < r->nf; i++)
		free(r->f[i]);
	r->nf = 0;
}

/* The header: names may be empty, but two equal names are ambiguous. */
static int
check_header(struct creader *r)
{
	char b[64], msg[160];
	size_t i, j;

	for (i = 0; i < r->nf; i++)
		for (j = 0; j < i && r->f[i][0] != '\0'; j++)
			if (strcmp(r->f[i], r->f[j]) == 0) {
				snprintf(msg, sizeof(msg), "duplicate column "
				    "name '%s' (also column %zu)",
				    msei_snip(r->f[i], b, sizeof(b)), j + 1);
				cfail(r, r->fpos[2 * i], r->fpos[2 * i + 1],
				    msg);
				return -1;
			}
	return 0;
}

/* Move the row's fields into the table. */
static void
keep_row(struct creader *r)
{
	struct mse_csv *c = r->c;
	size_t rows = c->nrows + 1;	/* the header included */

	if (rows == c->cap) {
		size_t n = c->cap ? 2 * c->cap : 64;
		char **cell = NULL;
		long *pos = NULL;

		if (n <= SIZE_MAX / c->ncols)
			cell = msei_reallocarray(c->cell, n * c->ncols,
			    sizeof(*cell));
		if (cell != NULL)
			c->cell = cell;
		if (cell != NULL)
			pos = msei_reallocarray(c->pos, n * c->ncols,
			    2 * sizeof(*pos));
		if (pos == NULL) {
			cfail_nomem(r);
			return;
		}
		c->pos = pos;
		c->cap = n;
	}
	memcpy(c->cell + rows * c->ncols, r->f, c->ncols * sizeof(*r->f));
	memcpy(c->pos + 2 * rows * c->ncols, r->fpos,
	    2 * c->ncols * sizeof(*r->fpos));
	c->nrows = rows;
	r->nf = 0;
}

/* The header is row 0 of the cells; nrows counts the rows after it. */
static void
keep_header(struct creader *r)
{
	struct mse_csv *c = r->c;

	if (c->ncols > SIZE_MAX / 64) {
		cfail_nomem(r);
		return;
	}
	c->cell = msei_calloc(64 * c->ncols, sizeof(*c->cell));
	c->pos = msei_calloc(64 * c->ncols, 2 * sizeof(*c->pos));
	if (c->cell == NULL || c->pos == NULL) {
		cfail_nomem(r);
		return;
	}
	c->cap = 64;
	memcpy(c->cell, r->f, c->ncols * sizeof(*r->f));
	memcpy(c->pos, r->fpos, 2 * c->ncols * sizeof(*r->fpos));
	c->nrows = 0;
	r->nf = 0;
}

static void
on_row(int ch, void *data)
{
	struct creader *r = data;
	struct mse_csv *c = r->c;
	char msg[128];

	(void)ch;
	r->at_start = 1;
	r->eline = r->line;
	r->ecol = r->next_col;
	if (r->status != MSE_OK || r->nf == 0) {
		drop_row(r);
		return;
	}
	if (c->ncols == 0) {
		if (check_header(r) != 0)
			return;
		c->ncols = r->nf;
		keep_header(r);
		return;
	}
	if (r->nf != c->ncols) {
		size_t i = r->nf > c->ncols ? c->ncols : 0;

		snprintf(msg, sizeof(msg), "row has %zu fields; the header "
		    "has %zu", r->nf, c->ncols);
		if (r->nf > c->ncols)
			cfail(r, r->fpos[2 * i], r->fpos[2 * i + 1], msg);
		else
			cfail(r, r->eline, r->ecol, msg);
		drop_row(r);
		return;
	}
	keep_row(r);
}

static int
is_eol(const unsigned char *s, size_t n, size_t i)
{
	return s[i] == '\n' || (s[i] == '\r' && (i + 1 == n ||
	    s[i + 1] != '\n'));
}

/* The whole input must be UTF-8 without NUL bytes. */
static int
check_text(struct creader *r, const unsigned char *s, size_t n)
{
	char msg[200];
	long line, col;
	unsigned byte = 0;

	switch (msei_text_check(s, n, &line, &col, &byte)) {
	case MSEI_TEXT_NUL:
		cfail(r, line, col, "NUL byte in input");
		return -1;
	case MSEI_TEXT_UTF8:
		cfail(r, line, col, msei_utf8_message(byte, msg, sizeof(msg)));
		return -1;
	}
	return 0;
}

/* Feed the bytes one at a time, so that each field knows its line and
 * column: libcsv reports only byte offsets (TOOLCHAIN.md). */
static void
feed(struct creader *r, struct csv_parser *p, const unsigned char *s,
    size_t n)
{
	size_t i;

	for (i = 0; i < n && r->status == MSE_OK; i++) {
		if ((s[i] & 0xc0) != 0x80 && s[i] != '\r' && s[i] != '\n')
			r->col = r->next_col++;
		if (r->at_start && (s[i] == '\r' || s[i] == '\n')) {
			r->fline = r->line;	/* an empty last field */
			r->fcol = r->next_col;
		} else if (r->at_start && (s[i] == ' ' || s[i] == '\t') &&
		    s[i] != r->delim) {
			/* libcsv trims spaces around unquoted fields */
		} else if (r->at_start) {
			r->fline = r->line;
			r->fcol = r->col;
			r->at_start = 0;
			if (s[i] == '"')
				r->qline = r->line, r->qcol = r->col;
		}
		if (csv_parse(p, s + i, 1, on_field, on_row, r) != 1) {
			if (csv_error(p) == CSV_ENOMEM)
				cfail_nomem(r);
			else
				cfail(r, r->line, r->col, "misplaced quote "
				    "(quote a whole field, and double quotes "
				    "inside it)");
		}
		if (is_eol(s, n, i)) {
			r->line++;
			r->next_col = 1;
		}
	}
}

static int
parse_all(struct creader *r, const unsigned char *s, size_t n)
{
	struct csv_parser p;

	if (check_text(r, s, n) != 0)
		return r->status;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
		return msei_error(r->err, MSE_ENOMEM, "out of memory");
	csv_set_delim(&p, (unsigned char)r->delim);
	feed(r, &p, s, n);
	if (r->at_start) {
		r->fline = r->line;	/* an empty field at the very end */
		r->fcol = r->next_col;
	}
	if (r->status == MSE_OK &&
	    csv_fini(&p, on_field, on_row, r) != 0 && r->status == MSE_OK)
		cfail(r, r->qline, r->qcol, "unterminated quote");
	csv_free(&p);
	if (r->status == MSE_OK && r->c->ncols == 0)
		cfail(r, 1, 1, "empty file: expected a header line");
	return r->status;
}

void
mse_csv_free(struct mse_csv *c)
{
	size_t i;

	if (c == NULL)
		return;
	if (c->cell != NULL && c->ncols > 0)
		for (i = 0; i < (c->nrows + 1) * c->ncols; i++)
			free(c->cell[i]);
	free(c->cell);
	free(c->pos);
	free(c->file);
	free(c);
}

int
mse_csv_parse(const char *buf, size_t len, const char *filename,
    int delimiter, struct mse_csv **out, struct mse_error *err)
{
	const unsigned char *s = (const unsigned char *)buf;
	struct creader r;

	*out = NULL;
	if (delimiter != 0 && delimiter != ',' && delimiter != ';' &&
	    delimiter != '\t')
		return msei_error(err, MSE_EINVAL,
		    "the delimiter must be ',', ';' or a tab");
	memset(&r, 0, sizeof(r));
	r.c = calloc(1, sizeof(*r.c));
	if (r.c == NULL ||
	    (r.c->file = strdup(filename != NULL ? filename : "<input>")) ==
	    NULL) {
		mse_csv_free(r.c);
		return msei_error(err, MSE_ENOMEM, "out of memory");
	}
	r.err = err;
	r.line = r.next_col = r.at_start = 1;
	/* A UTF-8 byte-order mark is not part of the first column name. */
	if (len >= 3 && s[0] == 0xef && s[1] == 0xbb && s[2] == 0xbf)
		s += 3, len -= 3;
	r.delim = delimiter != 0 ? delimiter :
	    msei_detect_delimiter((const char *)s, len);
	if (parse_all(&r, s, len) == MSE_OK)
		*out = r.c;
	else
		mse_csv_free(r.c);
	drop_row(&r);
	free(r.f);
	free(r.fpos);
	return r.status;
}

int
mse_csv_read(FILE *fp, const char *filename, int delimiter,
    struct mse_csv **out, struct mse_error *err)
{
	size_t len;
	char *buf;
	int rc;

	*out = NULL;
	rc = msei_read_all(fp, filename, &buf, &len, err);
	if (rc != MSE_OK)
		return rc;
	rc = mse_csv_parse(buf, len, filename, delimiter, out, err);
	free(buf);
	return rc;
}

const char *
mse_csv_file(const struct mse_csv *c)
{
	return c->file;
}

size_t
mse_csv_columns(const struct mse_csv *c)
{
	return c->ncols;
}

size_t
mse_csv_rows(const struct mse_csv *c)
{
	return c->nrows;
}

const char *
mse_csv_name(const struct mse_csv *c, size_t col)
{
	return col < c->ncols ? c->cell[col] : NULL;
}

long
mse_csv_find(const struct mse_csv *c, const char *name)
{
	size_t i;

	if (name == NULL || name[0] == '\0')
		return -1;
	for (i = 0; i < c->ncols; i++)
		if (strcmp(c->cell[i], name) == 0)
			return (long)i;
	return -1;
}

const char *
mse_csv_field(const struct mse_csv *c, size_t row, size_t col)
{
	if (row >= c->nrows || col >= c->ncols)
		return NULL;
	return c->cell[(row + 1) * c->ncols + col];
}

void
mse_csv_position(const struct mse_csv *c, size_t row, size_t col,
    long *line, long *column)
{
	size_t i = (row + 1) * c->ncols + col;

	if (row >= c->nrows || col >= c->ncols) {
		*line = *column = 0;
		return;
	}
	*line = c->pos[2 * i];
	*column = c->pos[2 * i + 1];
}

/* A missing value: empty, NA, or nan as mse-fit prints no number. */
int
mse_csv_missing(const char *s)
{
	return s[0] == '\0' || strcmp(s, "NA") == 0 ||
	    strcmp(s, "nan") == 0 || strcmp(s, "NaN") == 0;
}

/* Decimal notation only: [+-] digits [. digits] [e [+-] digits], or inf,
 * so that hexadecimal and "infinity" spellings of strtod are refused. */
int
msei_decimal_syntax(const char *s)
{
	const char *p = s + (*s == '+' || *s == '-');
	size_t d = strspn(p, "0123456789"), f = 0;

	if (strcmp(p, "inf") == 0)
		return 1;
	p += d;
	if (*p == '.') {
		f = strspn(p + 1, "0123456789");
		p += 1 + f;
	}
	if (d + f == 0)
		return 0;
	if (*p == 'e' || *p == 'E') {
		p++;
		p += *p == '+' || *p == '-';
		if (strspn(p, "0123456789") == 0)
			return 0;
		p += strspn(p, "0123456789");
	}
	return *p == '\0';
}

int
mse_csv_number(const struct mse_csv *c, size_t row, size_t col, double *v,
    struct mse_error *err)
{
	const char *s = mse_csv_field(c, row, col);
	char b1[64], b2[64];
	long line, column;
	char *end;

	*v = NAN;
	if (s == NULL)
		return msei_error(err, MSE_EINVAL, "no field %zu of row %zu",
		    col + 1, row + 1);
	if (mse_csv_missing(s))
		return MSE_OK;
	errno = 0;
	if (msei_decimal_syntax(s)) {
		*v = strtod(s, &end);
		/* An underflow is as near zero as a double can be. */
		if (*end == '\0' && !(errno == ERANGE && isinf(*v)))
			return MSE_OK;
	}
	*v = NAN;
	mse_csv_position(c, row, col, &line, &column);
	return msei_error_at(err, MSE_EPARSE, c->file, line, column,
	    "'%s' in column '%s' is not a number",
	    msei_snip(s, b1, sizeof(b1)),
	    msei_snip(mse_csv_name(c, col), b2, sizeof(b2)));
}
