/* SPDX-License-Identifier: GPL-3.0-or-later */
/* csvread.c - the capture-history CSV format of mse-data(5), with libcsv. */
#include <config.h>

#include <csv.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "mse_private.h"

/* Counts are exact in a double up to 2^53 (IEEE 754 binary64). */
#define COUNT_MAX 9007199254740992ULL
/* Longest stretch of user text quoted in a message. */
#define SNIP 40

/* Rows split at a time, so that a reader can look ahead (msei_hint_fn). */
#define BATCH 32

struct reader {
	const char *file;
	struct mse_error *err;
	int status;
	/* position of the byte being fed, and of the field being read */
	long line, col, next_col;
	long fline, fcol;
	int fquoted;		/* the field being read began with a quote */
	int at_start;
	long qline, qcol;
	/* the current row: its fields' texts, each NUL-terminated, one
	 * after another in rbuf at off[i] (pointers are set when the row
	 * ends, as rbuf may move while it grows) */
	struct msei_field *f;
	size_t *off;
	size_t nf, capf;
	char *rbuf;
	size_t rlen, rcap;
	int row_done;		/* a row ended in the last byte fed */
	/* rows split but not yet handed on: row b's fields are
	 * f[rowfs[b] .. rowfs[b + 1]), and it ends at rowel[b], rowec[b] */
	size_t nb, rowfs[BATCH + 1];
	long rowel[BATCH], rowec[BATCH];
	msei_hint_fn hint;
	int in_lib;		/* libcsv holds a row begun */
	struct csv_parser p;
	/* where the text check has come to, and whether it failed */
	long tline, tcol;
	int text_failed;
	size_t rows;		/* rows completed, the header included */
	long eline, ecol;	/* where the current row ends */
	int delim;
	/* from the header */
	size_t ncols, k;
	long count_col;
	size_t *listcol;
	char **names;		/* borrowed from the header row's fields */
	struct mse_table *t;
	long *seen;		/* frequency data: the line of each f_i */
	struct mse_table *lines;	/* line where each pattern was given
					 * (dense or sparse as r->t is) */
	/* msei_csv_parse: every row goes to this callback instead */
	msei_row_fn rowfn;
	void *ctx;
	/* frequency data (nbcap,count), when the caller accepts it */
	int allow_freq;
	long nbcap_col;		/* >= 0 in frequency mode */
	struct mse_freq *fr;
	/* a spreadsheet's export: empty columns after the last name, and
	 * rows of empty fields (";;;;"), skipped and reported */
	size_t width;		/* the header's fields, less those */
	size_t trail, blank;
	uint64_t total;		/* the counts so far, exactly */
};

/* Copy at most SNIP characters of s into buf, replacing control bytes, so
 * that input text cannot garble a terminal. */
static const char *
snip(const char *s, char *buf, size_t size)
{
	size_t i, j = 0;

	for (i = 0; s[i] != '\0' && j + 4 < size && i < SNIP; i++)
		buf[j++] = ((unsigned char)s[i] < 0x20 || s[i] == 0x7f) ?
		    '?' : s[i];
	if (s[i] != '\0' && j + 4 < size) {
		memcpy(buf + j, "...", 3);
		j += 3;
	}
	buf[j] = '\0';
	return buf;
}

const char *
msei_snip(const char *s, char *buf, size_t size)
{
	return snip(s, buf, size);
}

const char *
msei_name_hint(const char *want, const char *const *names, size_t n,
    const char *what, char *buf, size_t size)
{
	char b[64];
	size_t i, len;

	if (size == 0)
		return buf;
	buf[0] = '\0';
	for (i = 0; i < n; i++)
		if (strcasecmp(names[i], want) == 0) {
			snprintf(buf, size, "; did you mean '%s'?",
			    snip(names[i], b, sizeof(b)));
			return buf;
		}
	len = (size_t)snprintf(buf, size, "; the %s %s", what,
	    n == 1 ? "is" : "are");
	for (i = 0; i < n && len < size; i++) {
		size_t need = strlen(snip(names[i], b, sizeof(b))) + 4;

		if (len + need + 5 >= size) {
			snprintf(buf + len, size - len, ", ...");
			break;
		}
		len += (size_t)snprintf(buf + len, size - len, "%s'%s'",
		    i ? ", " : " ", b);
	}
	return buf;
}

const char *
msei_count_hint(const struct msei_field *f, size_t nf, char *buf,
    size_t size)
{
	char b[64];
	size_t i;

	for (i = 0; i < nf; i++)
		if (strcasecmp(f[i].text, "count") == 0) {
			snprintf(buf, size, "; did you mean '%s'? (the name "
			    "is lower case)", snip(f[i].text, b, sizeof(b)));
			return buf;
		}
	snprintf(buf, size, "; a table has one row per capture pattern with "
	    "its count: for records (one row per person or report), count "
	    "them with mse-import first");
	return buf;
}

int
msei_stratum_missing(const char *file, const struct msei_field *f,
    const char *column, int allowed, struct mse_error *err)
{
	char b[64];

	if (f->text[0] != '\0' && strcmp(f->text, "NA") != 0)
		return 0;
	if (allowed)
		return 1;
	msei_error_at(err, MSE_EPARSE, file, f->line, f->col, "a missing "
	    "value (empty or NA) of stratum '%s': only a covariate model "
	    "takes those, spreading them over the strata by EM",
	    msei_snip(column, b, sizeof(b)));
	return -1;
}

const char *
msei_field_hint(const char *want, const struct msei_field *f, size_t nf,
    char *buf, size_t size)
{
	const char *names[MSE_MAX_LISTS + 64];
	size_t i, n = 0;

	for (i = 0; i < nf && n < sizeof(names) / sizeof(names[0]); i++)
		names[n++] = f[i].text;
	return msei_name_hint(want, names, n, "columns", buf, size);
}

static void
fail(struct reader *r, long line, long col, const char *fmt, const char *a,
    const char *b)
{
	if (r->status != MSE_OK)
		return;
	r->status = msei_error_at(r->err, MSE_EPARSE, r->file, line, col,
	    fmt, a, b);
}

int
msei_count_add(uint64_t *total, double count)
{
	/* count <= 2^53 (parse_count), so the sum cannot wrap first. */
	*total += (uint64_t)count;
	return *total > ((uint64_t)1 << 53) ? -1 : 0;
}

const char *const msei_total_message = "the counts add up to more than "
    "2^53 (9007199254740992), beyond which sums of counts are rounded; "
    "split the table (by stratum, say)";

static int
add_count(struct reader *r, const struct msei_field *fl, double count)
{
	if (msei_count_add(&r->total, count) == 0)
		return 0;
	fail(r, fl->line, fl->col, "%s%s", msei_total_message, "");
	return -1;
}

static void
fail_nomem(struct reader *r)
{
	if (r->status == MSE_OK)
		r->status = msei_error(r->err, MSE_ENOMEM, "out of memory");
}

/* Add a field of the current row: len bytes at s, from line and col. */
static int
add_field(struct reader *r, const void *s, size_t len, long line, long col,
    int quoted)
{
	struct msei_field *fl;

	if (r->nf == r->capf) {
		size_t n = r->capf ? 2 * r->capf : 16;
		void *p = msei_reallocarray(r->f, n, sizeof(*r->f));

		if (p == NULL)
			return -1;
		r->f = p;
		p = msei_reallocarray(r->off, n, sizeof(*r->off));
		if (p == NULL)
			return -1;
		r->off = p;
		r->capf = n;
	}
	if (len >= r->rcap - r->rlen) {
		size_t n = r->rcap ? r->rcap : 256;
		char *p;

		while (len >= n - r->rlen) {
			if (n > SIZE_MAX / 2)
				return -1;
			n *= 2;
		}
		if ((p = realloc(r->rbuf, n)) == NULL)
			return -1;
		r->rbuf = p;
		r->rcap = n;
	}
	if (len > 0)
		memcpy(r->rbuf + r->rlen, s, len);
	r->rbuf[r->rlen + len] = '\0';
	fl = &r->f[r->nf];
	fl->text = NULL;
	fl->line = line;
	fl->col = col;
	fl->quoted = quoted;
	r->off[r->nf++] = r->rlen;
	r->rlen += len + 1;
	return 0;
}

static void
on_field(void *s, size_t len, void *data)
{
	struct reader *r = data;

	r->at_start = 1;
	if (r->status != MSE_OK)
		return;
	if (add_field(r, s, len, r->fline, r->fcol, r->fquoted) != 0)
		fail_nomem(r);
}

static void
clear_row(struct reader *r)
{
	r->nf = 0;
	r->rlen = 0;
}

static void freq_header(struct reader *r);
static void freq_row(struct reader *r);

static void
header_row(struct reader *r)
{
	char b1[64], b2[64], hint[200];
	size_t i, j;

	if (r->allow_freq && r->nf == 2 &&
	    ((strcmp(r->f[0].text, "nbcap") == 0 &&
	    strcmp(r->f[1].text, "count") == 0) ||
	    (strcmp(r->f[1].text, "nbcap") == 0 &&
	    strcmp(r->f[0].text, "count") == 0))) {
		freq_header(r);
		return;
	}
	r->ncols = r->nf;
	r->count_col = -1;
	r->listcol = msei_calloc(r->nf, sizeof(*r->listcol));
	r->names = msei_calloc(r->nf, sizeof(*r->names));
	if (r->listcol == NULL || r->names == NULL) {
		fail_nomem(r);
		return;
	}
	for (i = 0; i < r->nf; i++) {
		const struct msei_field *fl = &r->f[i];

		if (fl->text[0] == '\0') {
			fail(r, fl->line, fl->col, "empty column name%s%s",
			    "", "");
			return;
		}
		for (j = 0; j < i; j++)
			if (strcmp(r->f[j].text, fl->text) == 0) {
				snprintf(b2, sizeof(b2), "%zu", j + 1);
				fail(r, fl->line, fl->col, "duplicate column "
				    "name '%s' (also column %s)",
				    snip(fl->text, b1, sizeof(b1)), b2);
				return;
			}
		if (strcmp(fl->text, "count") == 0) {
			r->count_col = (long)i;
			continue;
		}
		r->listcol[r->k] = i;
		r->names[r->k++] = fl->text;
	}
	if (r->count_col < 0) {
		fail(r, r->f[0].line, 1, "no 'count' column in the header%s%s",
		    msei_count_hint(r->f, r->nf, hint, sizeof(hint)), "");
		return;
	}
	if (r->k < 2) {
		snprintf(b1, sizeof(b1), "%zu", r->k);
		fail(r, r->f[0].line, 1, "%s list column(s); at least 2 lists "
		    "are needed%s", b1, "");
		return;
	}
	if (r->k > MSE_MAX_LISTS) {
		snprintf(b1, sizeof(b1), "%zu", r->k);
		snprintf(b2, sizeof(b2), "%d", MSE_MAX_LISTS);
		fail(r, r->f[0].line, 1, "%s lists; at most %s are supported: "
		    "merge lists or leave some out (mse-import -m A,B=AB, "
		    "-x L)", b1, b2);
		return;
	}
	r->t = mse_table_new(r->k, (const char *const *)r->names, r->err);
	r->lines = msei_table_new_unnamed(r->k, r->err);
	if (r->t == NULL || r->lines == NULL)
		fail_nomem(r);
}

/* Parse a count: digits only, at most 2^53. */
int
msei_csv_count(const char *file, const struct msei_field *fl, double *out,
    struct mse_error *err)
{
	struct reader rr, *r = &rr;
	const char *s = fl->text;
	unsigned long long v;
	char b[64], *end;
	size_t i;

	/* fail() reports through a reader: a scratch one, of which fail()
	 * reads only the status, the file and err (a row of a large table
	 * comes here, so the rest is not cleared). */
	r->status = MSE_OK;
	r->file = file;
	r->err = err;
	if (s[0] == '\0') {
		fail(r, fl->line, fl->col, "count is empty%s%s", "", "");
		return r->status;
	}
	for (i = 0; s[i] >= '0' && s[i] <= '9'; i++)
		;
	if (s[i] == '\0') {
		errno = 0;
		v = strtoull(s, &end, 10);
		if (errno == ERANGE || v > COUNT_MAX) {
			fail(r, fl->line, fl->col, "count '%s' is too large "
			    "(the limit is 2^53)%s", snip(s, b, sizeof(b)),
			    "");
			return r->status;
		}
		*out = (double)v;
		return MSE_OK;
	}
	if (s[0] == '-' && s[1] >= '0' && s[1] <= '9')
		fail(r, fl->line, fl->col, "count '%s' is negative%s",
		    snip(s, b, sizeof(b)), "");
	else if (s[i] == '.' && strspn(s + i + 1, "0123456789") ==
	    strlen(s + i + 1) && strspn(s + i + 1, "0") != strlen(s + i + 1))
		fail(r, fl->line, fl->col, "count '%s' is not a whole number%s",
		    snip(s, b, sizeof(b)), "");
	else if (s[i] == '.' && i > 0 && strspn(s + i + 1, "0") ==
	    strlen(s + i + 1))
		fail(r, fl->line, fl->col, "count '%s' must be written with "
		    "digits only, without a decimal point%s",
		    snip(s, b, sizeof(b)), "");
	else
		fail(r, fl->line, fl->col, "count '%s' is not a number "
		    "(digits only)%s", snip(s, b, sizeof(b)), "");
	return r->status;
}

static int
parse_count(struct reader *r, const struct msei_field *fl, double *out)
{
	int rc;

	if (r->status != MSE_OK)
		return -1;
	rc = msei_csv_count(r->file, fl, out, r->err);
	if (rc != MSE_OK)
		r->status = rc;
	return rc == MSE_OK ? 0 : -1;
}

static void
pattern_string(const struct reader *r, uint32_t w, char *buf)
{
	size_t i;

	for (i = 0; i < r->k; i++)
		buf[i] = (w >> i) & 1 ? '1' : '0';
	buf[r->k] = '\0';
}

static void
data_row(struct reader *r)
{
	char b1[64], b2[64], pat[MSE_MAX_LISTS + 1];
	uint32_t w = 0;
	double count;
	long before;
	size_t i;

	if (r->nf != r->ncols) {
		/* Point at the first extra field, or where a missing one
		 * would start. */
		long line = r->nf > r->ncols ? r->f[r->ncols].line : r->eline;
		long col = r->nf > r->ncols ? r->f[r->ncols].col : r->ecol;

		snprintf(b1, sizeof(b1), "%zu", r->nf);
		snprintf(b2, sizeof(b2), "%zu", r->ncols);
		fail(r, line, col, "row has %s fields; the header has %s", b1,
		    b2);
		return;
	}
	for (i = 0; i < r->k; i++) {
		const struct msei_field *fl = &r->f[r->listcol[i]];

		if (strcmp(fl->text, "1") == 0)
			w |= (uint32_t)1 << i;
		else if (strcmp(fl->text, "0") != 0) {
			fail(r, fl->line, fl->col, "value '%s' for list '%s' "
			    "is not 0 or 1", snip(fl->text, b1, sizeof(b1)),
			    snip(mse_table_name(r->t, i), b2, sizeof(b2)));
			return;
		}
	}
	if (parse_count(r, &r->f[r->count_col], &count) != 0 ||
	    add_count(r, &r->f[r->count_col], count) != 0)
		return;
	if (w == 0) {
		fail(r, r->f[0].line, r->f[0].col, "the all-zero pattern "
		    "(seen by no list) cannot be observed%s%s", "", "");
		return;
	}
	if ((before = (long)mse_table_get(r->lines, w)) != 0) {
		pattern_string(r, w, pat);
		snprintf(b1, sizeof(b1), "%ld and %ld", before, r->f[0].line);
		fail(r, r->f[0].line, r->f[0].col, "pattern %s is given "
		    "twice (lines %s)", pat, b1);
		return;
	}
	if (mse_table_set(r->lines, w, (double)r->f[0].line, r->err) !=
	    MSE_OK) {
		r->status = r->err ? r->err->code : MSE_ENOMEM;
		return;
	}
	if (mse_table_set(r->t, w, count, r->err) != MSE_OK)
		r->status = r->err ? r->err->code : MSE_EINVAL;
}

static int
field_empty(const struct msei_field *f)
{
	return f->text[0] == '\0' && !f->quoted;
}

/* Drop what a spreadsheet adds to a CSV export: empty columns after the
 * header's last name (and the empty fields under them), and rows with
 * nothing but delimiters.  Their count makes a warning. */
static void
trim_row(struct reader *r)
{
	size_t i;

	for (i = 0; i < r->nf && field_empty(&r->f[i]); i++)
		;
	/* A row of empty fields as wide as the header, at most. */
	if (i == r->nf && r->rows > 0 && r->nf <= r->width + r->trail) {
		r->blank++;
		clear_row(r);
		return;
	}
	if (r->rows == 0) {
		while (r->nf > 1 && field_empty(&r->f[r->nf - 1])) {
			r->nf--;
			r->trail++;
		}
		r->width = r->nf;
		return;
	}
	while (r->trail > 0 && r->nf > r->width &&
	    field_empty(&r->f[r->nf - 1]))
		r->nf--;
}

/* On success, the warning of what trim_row skipped, in err with code
 * MSE_OK (libmse(3): a reader's warning). */
static void
skipped_warning(const struct reader *r)
{
	char cols[64] = "", rows[64] = "";

	if (r->status != MSE_OK || r->err == NULL ||
	    (r->trail == 0 && r->blank == 0))
		return;
	if (r->trail > 0)
		snprintf(cols, sizeof(cols), "%zu empty column%s after the "
		    "last name", r->trail, r->trail == 1 ? "" : "s");
	if (r->blank > 0)
		snprintf(rows, sizeof(rows), "%zu row%s of empty fields",
		    r->blank, r->blank == 1 ? "" : "s");
	mse_error_clear(r->err);
	snprintf(r->err->message, sizeof(r->err->message), "skipped %s%s%s "
	    "(a spreadsheet's export)", cols, cols[0] && rows[0] ? " and " :
	    "", rows);
	snprintf(r->err->file, sizeof(r->err->file), "%s", r->file);
}

/* Hand on the row of the nf fields at f, which ends at eline, ecol. */
static void
dispatch(struct reader *r, struct msei_field *f, size_t nf, long eline,
    long ecol)
{
	struct msei_field *all = r->f;

	r->f = f;
	r->nf = nf;
	r->eline = eline;
	r->ecol = ecol;
	if (r->status == MSE_OK && r->nf > 0)
		trim_row(r);
	if (r->status == MSE_OK && r->nf > 0 && r->rowfn != NULL) {
		r->status = r->rowfn(r->ctx, r->f, r->nf, r->eline, r->ecol,
		    r->rows);
		r->rows++;
	} else if (r->status == MSE_OK && r->nf > 0) {
		if (r->rows == 0)
			header_row(r);
		else if (r->nbcap_col >= 0)
			freq_row(r);
		else
			data_row(r);
		r->rows++;
	}
	r->f = all;
}

static void
set_texts(struct reader *r)
{
	size_t i;

	for (i = 0; i < r->nf; i++)
		r->f[i].text = r->rbuf + r->off[i];
}

/* Hand on the rows split so far, after the reader's look ahead. */
static void
flush(struct reader *r)
{
	size_t b;
	int stage;

	if (r->nb == 0)
		return;
	set_texts(r);
	for (stage = 0; r->hint != NULL && stage < 2; stage++)
		for (b = 0; r->status == MSE_OK && b < r->nb; b++)
			r->hint(r->ctx, r->f + r->rowfs[b], r->rowfs[b + 1] -
			    r->rowfs[b], b, stage);
	for (b = 0; r->status == MSE_OK && b < r->nb; b++)
		dispatch(r, r->f + r->rowfs[b], r->rowfs[b + 1] -
		    r->rowfs[b], r->rowel[b], r->rowec[b]);
	r->nb = 0;
	clear_row(r);
}

/* libcsv's row is complete: hand it on. */
static void
end_row(struct reader *r)
{
	r->at_start = 1;
	r->row_done = 1;
	set_texts(r);
	dispatch(r, r->f, r->nf, r->line, r->next_col);
	clear_row(r);
}

static void
on_row(int c, void *data)
{
	(void)c;
	end_row(data);
}

/* Length of the UTF-8 sequence at s (at most n bytes), or 0 if invalid:
 * no overlong forms, no surrogates, nothing above U+10FFFF (RFC 3629). */
static size_t
utf8_len(const unsigned char *s, size_t n)
{
	size_t len, i;
	unsigned long cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		len = 2;
		cp = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		len = 3;
		cp = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		len = 4;
		cp = s[0] & 0x07;
	} else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((len == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
	    (len == 4 && (cp < 0x10000 || cp > 0x10ffff)))
		return 0;
	return len;
}

/* Find the first NUL byte or invalid UTF-8 sequence in s: 0 if there is
 * none, else MSEI_TEXT_NUL or MSEI_TEXT_UTF8 with its line and column
 * (1-based, in characters; CR LF, LF and a lone CR end a line). */
int
msei_text_check(const unsigned char *s, size_t n, long *line, long *col,
    unsigned *byte)
{
	size_t i = 0, len;

	*line = 1;
	*col = 1;
	while (i < n) {
		if (s[i] == '\0')
			return MSEI_TEXT_NUL;
		len = utf8_len(s + i, n - i);
		if (len == 0) {
			if (byte != NULL)
				*byte = s[i];
			return MSEI_TEXT_UTF8;
		}
		if (s[i] == '\n' || (s[i] == '\r' && (i + 1 == n ||
		    s[i + 1] != '\n'))) {
			(*line)++;
			*col = 1;
		} else if (s[i] != '\r')
			(*col)++;
		i += len;
	}
	return 0;
}

const char *
msei_utf8_message(unsigned byte, char *buf, size_t size)
{
	snprintf(buf, size, "invalid UTF-8 (byte 0x%02X)%s", byte & 0xff,
	    byte >= 0x80 ? ": the file is probably Windows-1252 or Latin-1 "
	    "(a spreadsheet's CSV); convert it with iconv -f WINDOWS-1252 "
	    "-t UTF-8" : "");
	return buf;
}

/* The delimiter of the header line: the most frequent of , ; and tab
 * outside quotes, comma on a tie. */
int
msei_detect_delimiter(const char *s, size_t n)
{
	size_t i, comma = 0, semi = 0, tab = 0;
	int quoted = 0;

	for (i = 0; i < n; i++) {
		if (s[i] == '"')
			quoted = !quoted;
		else if (!quoted && (s[i] == '\n' || s[i] == '\r'))
			break;
		else if (!quoted && s[i] == ',')
			comma++;
		else if (!quoted && s[i] == ';')
			semi++;
		else if (!quoted && s[i] == '\t')
			tab++;
	}
	if (semi > comma && semi >= tab)
		return ';';
	if (tab > comma && tab > semi)
		return '\t';
	return ',';
}

/* A text error outranks any other (the whole input is checked before it
 * is read as CSV), so it replaces an error already made. */
static void
text_fail(struct reader *r, long line, long col, const char *msg)
{
	r->status = msei_error_at(r->err, MSE_EPARSE, r->file, line, col,
	    "%s", msg);
	r->text_failed = 1;
}

/* Check s[0..n) for NUL bytes and invalid UTF-8, going on from the line
 * and column where the last piece ended (r->tline, r->tcol).  Unless it
 * is the end of the input, n ends neither within a character nor just
 * after a CR (text_safe). */
static void
text_chunk(struct reader *r, const unsigned char *s, size_t n)
{
	char msg[200];
	size_t i = 0, len;
	long line = r->tline, col = r->tcol;

	while (i < n) {
		if (s[i] >= 0x80) {
			if ((len = utf8_len(s + i, n - i)) == 0) {
				text_fail(r, line, col, msei_utf8_message(s[i],
				    msg, sizeof(msg)));
				return;
			}
			col++;
			i += len;
			continue;
		}
		if (s[i] == '\0') {
			text_fail(r, line, col, "NUL byte in input");
			return;
		}
		if (s[i] == '\n' || (s[i] == '\r' && (i + 1 == n ||
		    s[i + 1] != '\n'))) {
			line++;
			col = 1;
		} else if (s[i] != '\r')
			col++;
		i++;
	}
	r->tline = line;
	r->tcol = col;
}

/* How much of s[0..n), more of which is to come, can be checked and
 * scanned now: not a character whose last bytes are still to come, nor
 * a CR that may be the first half of a CR LF. */
static size_t
text_safe(const unsigned char *s, size_t n)
{
	size_t j, need;

	for (j = 1; j <= 3 && j <= n; j++) {
		if ((s[n - j] & 0xc0) == 0x80)
			continue;
		if (s[n - j] >= 0xc0) {
			need = s[n - j] >= 0xf0 ? 4 : s[n - j] >= 0xe0 ? 3 : 2;
			if (j < need)
				n -= j;
		}
		break;
	}
	if (n > 0 && s[n - 1] == '\r')
		n--;
	return n;
}


/* Advance the position past byte i, which is at s[i]; a CR LF pair is one
 * line end, and continuation bytes do not start a column. */
static void
advance(struct reader *r, const unsigned char *s, size_t n, size_t i)
{
	if (s[i] == '\n' || (s[i] == '\r' && (i + 1 == n ||
	    s[i + 1] != '\n'))) {
		r->line++;
		r->next_col = 1;
	}
}

/* Feed the bytes from s[i] one at a time to libcsv, so that every field
 * and error can be given its line and column (libcsv reports only byte
 * offsets), until a row ends; return where it stopped. */
static size_t
feed(struct reader *r, const unsigned char *s, size_t n, size_t i)
{
	r->row_done = 0;
	r->in_lib = 1;
	for (; i < n && r->status == MSE_OK; i++) {
		if ((s[i] & 0xc0) != 0x80 && s[i] != '\r' && s[i] != '\n')
			r->col = r->next_col++;
		if (r->at_start && (s[i] == '\r' || s[i] == '\n')) {
			/* An empty last field sits where the line ends. */
			r->fline = r->line;
			r->fcol = r->next_col;
			r->fquoted = 0;
		} else if (r->at_start && (s[i] == ' ' || s[i] == '\t') &&
		    s[i] != r->delim) {
			/* libcsv trims spaces around unquoted fields. */
		} else if (r->at_start) {
			r->fline = r->line;
			r->fcol = r->col;
			r->at_start = 0;
			r->fquoted = s[i] == '"';
			if (s[i] == '"') {
				r->qline = r->line;
				r->qcol = r->col;
			}
		}
		if (csv_parse(&r->p, s + i, 1, on_field, on_row, r) != 1) {
			if (csv_error(&r->p) == CSV_ENOMEM)
				fail_nomem(r);
			else
				fail(r, r->line, r->col, "misplaced quote "
				    "(quote a whole field, and double quotes "
				    "inside it)%s%s", "", "");
		}
		advance(r, s, n, i);
		if (r->row_done) {
			r->in_lib = 0;
			return i + 1;
		}
	}
	return i;
}

static int
is_blank(const struct reader *r, unsigned char c)
{
	return (c == ' ' || c == '\t') && c != r->delim;
}

/* A line s[0..n) without quotes (its end not included), split into
 * fields as libcsv does: blanks around a field trimmed, an empty field at
 * its delimiter or at the line's end.  0 for a line of blanks, no row. */
static int
simple_row(struct reader *r, const unsigned char *s, size_t n)
{
	long col = r->next_col, fcol;
	size_t i = 0, a, b, e;

	for (a = 0; a < n && is_blank(r, s[a]); a++)
		;
	if (a == n) {
		r->next_col += (long)n;
		return 0;
	}
	for (;;) {
		for (a = i; a < n && is_blank(r, s[a]); a++)
			col++;
		fcol = col;
		for (b = a; b < n && s[b] != r->delim; b++)
			col += (s[b] & 0xc0) != 0x80;
		for (e = b; e > a && (s[e - 1] == ' ' || s[e - 1] == '\t'); e--)
			;
		if (add_field(r, s + a, e - a, r->line, fcol, 0) != 0) {
			fail_nomem(r);
			return 0;
		}
		if (b == n)
			break;
		col++;
		i = b + 1;
	}
	r->next_col = col;
	return 1;
}

/* Scan s[0..n): lines without quotes split directly, the rest fed to
 * libcsv.  Unless final, a line whose end has not come yet waits: return
 * where the scan stopped. */
static size_t
scan(struct reader *r, const unsigned char *s, size_t n, int final)
{
	size_t i = 0, e;

	while (i < n && r->status == MSE_OK) {
		if (r->in_lib) {
			i = feed(r, s, n, i);
			continue;
		}
		if (s[i] == '\r' || s[i] == '\n') {
			/* A blank line, or the LF of a CR LF. */
			advance(r, s, n, i++);
			continue;
		}
		for (e = i; e < n && s[e] != '\n' && s[e] != '\r' &&
		    s[e] != '"'; e++)
			;
		if (e < n && s[e] == '"') {
			flush(r);
			i = feed(r, s, n, i);
			continue;
		}
		if (e == n && !final)
			break;
		if (simple_row(r, s + i, e - i) && r->status == MSE_OK) {
			r->rowel[r->nb] = r->line;
			r->rowec[r->nb++] = r->next_col;
			r->rowfs[r->nb] = r->nf;
			if (r->nb == BATCH)
				flush(r);
		}
		if (e < n)
			advance(r, s, n, e++);
		i = e;
	}
	flush(r);
	return i;
}

static void
reader_free(struct reader *r)
{
	clear_row(r);
	free(r->f);
	free(r->off);
	free(r->rbuf);
	free(r->listcol);
	free(r->names);
	free(r->seen);
	mse_table_free(r->lines);
	r->lines = NULL;
	mse_freq_free(r->fr);
}

/* The input: a buffer in memory, or a stream read in chunks of chunk
 * bytes (more when a line is longer) into buf. */
struct input {
	FILE *fp;
	const unsigned char *s;
	unsigned char *buf;
	size_t cap, beg, chk, end, chunk;
	int eof, ioerr;
	size_t hpos;		/* how far the header line has been looked for */
	int hquoted;
};

/* Whether the input holds the whole header line as msei_detect_delimiter
 * reads it: up to a CR or LF outside quotes. */
static int
header_complete(struct input *in)
{
	for (; in->hpos < in->end; in->hpos++)
		if (in->s[in->hpos] == '"')
			in->hquoted = !in->hquoted;
		else if (!in->hquoted && (in->s[in->hpos] == '\n' ||
		    in->s[in->hpos] == '\r'))
			return 1;
	return 0;
}

#define CHUNK_DEFAULT 65536

/* Read more of the stream, keeping s[beg..end). */
static int
fill(struct input *in)
{
	size_t got, want = in->chunk;

	if (in->beg > 0) {
		memmove(in->buf, in->buf + in->beg, in->end - in->beg);
		in->chk -= in->beg;
		in->end -= in->beg;
		in->beg = 0;
	}
	if (in->cap - in->end < want) {
		size_t cap = in->cap ? in->cap : want;
		unsigned char *p;

		while (cap - in->end < want) {
			if (cap > SIZE_MAX / 2)
				return -1;
			cap *= 2;
		}
		if ((p = realloc(in->buf, cap)) == NULL)
			return -1;
		in->buf = p;
		in->cap = cap;
	}
	in->s = in->buf;
	got = fread(in->buf + in->end, 1, want, in->fp);
	in->end += got;
	if (got < want) {
		in->eof = feof(in->fp) || ferror(in->fp);
		in->ioerr = ferror(in->fp);
	}
	return 0;
}

/* The whole reading: BOM, delimiter, the text check, the rows. */
static int
run(struct reader *r, struct input *in, int delim)
{
	size_t safe;

	while (!in->eof && (in->end < 3 || !header_complete(in)))
		if (fill(in) != 0)
			goto nomem;
	/* A UTF-8 byte-order mark is not part of the first column name. */
	if (in->end - in->beg >= 3 && in->s[in->beg] == 0xef &&
	    in->s[in->beg + 1] == 0xbb && in->s[in->beg + 2] == 0xbf)
		in->beg += 3;
	in->chk = in->beg;
	if (delim == 0)
		delim = msei_detect_delimiter((const char *)in->s + in->beg,
		    in->end - in->beg);
	if (csv_init(&r->p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL)
	    != 0)
		return msei_error(r->err, MSE_ENOMEM, "out of memory");
	csv_set_delim(&r->p, (unsigned char)delim);
	r->delim = delim;
	r->tline = r->tcol = 1;
	for (;;) {
		safe = in->eof ? in->end : in->chk + text_safe(in->s + in->chk,
		    in->end - in->chk);
		if (!r->text_failed)
			text_chunk(r, in->s + in->chk, safe - in->chk);
		in->chk = safe;
		if (r->status == MSE_OK)
			in->beg += scan(r, in->s + in->beg, safe - in->beg,
			    in->eof);
		else
			in->beg = safe;
		if (in->eof)
			break;
		if (fill(in) != 0) {
			csv_free(&r->p);
			goto nomem;
		}
	}
	if (r->status == MSE_OK && r->at_start) {
		/* An empty last field sits where the input ends. */
		r->fline = r->line;
		r->fcol = r->next_col;
		r->fquoted = 0;
	}
	if (r->status == MSE_OK &&
	    csv_fini(&r->p, on_field, on_row, r) != 0 && r->status == MSE_OK)
		fail(r, r->qline, r->qcol, "unterminated quote%s%s", "", "");
	csv_free(&r->p);
	if (r->status == MSE_OK && r->rows == 0)
		fail(r, 1, 1, "empty file: expected a header and data%s%s",
		    "", "");
	if (r->status == MSE_OK && r->rows == 1)
		fail(r, 1, 1, "no data rows after the header%s%s", "", "");
	if (in->ioerr)
		r->status = msei_error_at(r->err, MSE_EIO, r->file, 0, 0,
		    "read error");
	return r->status;
nomem:
	r->status = msei_error(r->err, MSE_ENOMEM, "out of memory");
	return r->status;
}

/* Read from fp in chunks of chunk bytes (0: the default), or from the
 * buffer s of n bytes when fp is NULL. */
static int
read_input(struct reader *r, FILE *fp, const char *s, size_t n,
    size_t chunk, int delim)
{
	struct input in;
	int rc;

	memset(&in, 0, sizeof(in));
	in.fp = fp;
	in.chunk = chunk > 0 ? chunk : CHUNK_DEFAULT;
	/* Never a null pointer, not even for empty input. */
	in.s = (const unsigned char *)"";
	if (fp == NULL && s != NULL) {
		in.s = (const unsigned char *)s;
		in.end = n;
	}
	in.eof = fp == NULL;
	rc = run(r, &in, delim);
	free(in.buf);
	return rc;
}

static void
reader_init(struct reader *r, const char *filename, struct mse_error *err)
{
	memset(r, 0, sizeof(*r));
	r->file = filename != NULL ? filename : "<input>";
	r->err = err;
	r->line = 1;
	r->next_col = 1;
	r->at_start = 1;
	r->nbcap_col = -1;
}

static int
bad_delimiter(int delimiter, struct mse_error *err)
{
	if (delimiter != 0 && delimiter != ',' && delimiter != ';' &&
	    delimiter != '\t')
		return msei_error(err, MSE_EINVAL,
		    "the delimiter must be ',', ';' or a tab");
	return MSE_OK;
}

/* A capture-history table or frequencies, from fp or from buf. */
static int
data_read(FILE *fp, const char *buf, size_t len, const char *filename,
    int delimiter, struct mse_table **out, struct mse_freq **freq,
    struct mse_error *err)
{
	struct reader r;
	int rc;

	*out = NULL;
	if (freq != NULL)
		*freq = NULL;
	if ((rc = bad_delimiter(delimiter, err)) != MSE_OK)
		return rc;
	reader_init(&r, filename, err);
	r.allow_freq = freq != NULL;
	read_input(&r, fp, buf, len, 0, delimiter);
	if (r.status == MSE_OK && r.fr != NULL) {
		*freq = r.fr;
		r.fr = NULL;
	} else if (r.status == MSE_OK) {
		*out = r.t;
		r.t = NULL;
	}
	skipped_warning(&r);
	mse_table_free(r.t);
	reader_free(&r);
	return r.status;
}

int
mse_table_parse(const char *buf, size_t len, const char *filename,
    int delimiter, struct mse_table **out, struct mse_error *err)
{
	return mse_data_parse(buf, len, filename, delimiter, out, NULL, err);
}

int
mse_data_parse(const char *buf, size_t len, const char *filename,
    int delimiter, struct mse_table **out, struct mse_freq **freq,
    struct mse_error *err)
{
	return data_read(NULL, buf, len, filename, delimiter, out, freq, err);
}

/* Scan a CSV text as mse_table_parse does (UTF-8 and NUL checks, BOM,
 * delimiter detection, positions), handing every non-blank row, the header
 * included, to fn.  fn returns MSE_OK or a status it has reported.  From
 * fp, read in chunks of chunk bytes (0: the default), when buf is NULL. */
static int
csv_scan(FILE *fp, const char *buf, size_t len, const char *filename,
    int delimiter, size_t chunk, msei_row_fn fn, msei_hint_fn hint,
    void *ctx, struct mse_error *err)
{
	struct reader r;
	int rc;

	if ((rc = bad_delimiter(delimiter, err)) != MSE_OK)
		return rc;
	reader_init(&r, filename, err);
	r.rowfn = fn;
	r.hint = hint;
	r.ctx = ctx;
	read_input(&r, fp, buf, len, chunk, delimiter);
	skipped_warning(&r);
	reader_free(&r);
	return r.status;
}

int
msei_csv_parse(const char *buf, size_t len, const char *filename,
    int delimiter, msei_row_fn fn, void *ctx, struct mse_error *err)
{
	return csv_scan(NULL, buf, len, filename, delimiter, 0, fn, NULL, ctx,
	    err);
}

int
msei_csv_stream(FILE *fp, const char *filename, int delimiter, size_t chunk,
    msei_row_fn fn, msei_hint_fn hint, void *ctx, struct mse_error *err)
{
	return csv_scan(fp, NULL, 0, filename, delimiter, chunk, fn, hint,
	    ctx, err);
}

/* Read the whole of fp into a new buffer. */
int
msei_read_all(FILE *fp, const char *filename, char **out, size_t *outlen,
    struct mse_error *err)
{
	size_t len = 0, cap = 0, got;
	char *buf = NULL, *p;

	*out = NULL;
	*outlen = 0;
	do {
		if (cap - len < 65536) {
			if (cap > SIZE_MAX / 2 - 65536)
				goto nomem;
			cap = cap * 2 + 65536;
			p = realloc(buf, cap);
			if (p == NULL)
				goto nomem;
			buf = p;
		}
		got = fread(buf + len, 1, cap - len, fp);
		len += got;
	} while (got > 0);
	if (ferror(fp)) {
		free(buf);
		return msei_error_at(err, MSE_EIO, filename, 0, 0,
		    "read error");
	}
	*out = buf;
	*outlen = len;
	return MSE_OK;
nomem:
	free(buf);
	return msei_error(err, MSE_ENOMEM, "out of memory");
}

int
mse_table_read(FILE *fp, const char *filename, int delimiter,
    struct mse_table **out, struct mse_error *err)
{
	return mse_data_read(fp, filename, delimiter, out, NULL, err);
}

int
mse_data_read(FILE *fp, const char *filename, int delimiter,
    struct mse_table **out, struct mse_freq **freq, struct mse_error *err)
{
	return data_read(fp, NULL, 0, filename, delimiter, out, freq, err);
}

/*
 * Frequency data (mse-data(5)): a header "nbcap,count" in either order,
 * then one row per number of captures i >= 1 with the number of units
 * caught exactly i times.
 */
static void
freq_header(struct reader *r)
{
	r->nbcap_col = strcmp(r->f[0].text, "nbcap") == 0 ? 0 : 1;
	r->count_col = 1 - r->nbcap_col;
	r->ncols = 2;
	r->fr = mse_freq_new(r->err);
	r->seen = msei_calloc(MSE_FREQ_MAX + 1, sizeof(*r->seen));
	if (r->fr == NULL || r->seen == NULL)
		fail_nomem(r);
}

/* Parse a number of captures: digits only, 1 to MSE_FREQ_MAX. */
static int
parse_nbcap(struct reader *r, const struct msei_field *fl, size_t *out)
{
	const char *s = fl->text;
	char b1[64], b2[64];
	unsigned long v;

	if (s[0] == '\0' || strspn(s, "0123456789") != strlen(s)) {
		fail(r, fl->line, fl->col, "nbcap '%s' is not a whole number "
		    "(digits only)%s", snip(s, b1, sizeof(b1)), "");
		return -1;
	}
	errno = 0;
	v = strtoul(s, NULL, 10);
	if (v == 0) {
		fail(r, fl->line, fl->col, "nbcap '%s' must be at least 1: "
		    "units caught no time are never observed%s",
		    snip(s, b1, sizeof(b1)), "");
		return -1;
	}
	if (errno == ERANGE || v > MSE_FREQ_MAX) {
		snprintf(b2, sizeof(b2), "%d", MSE_FREQ_MAX);
		fail(r, fl->line, fl->col, "nbcap '%s' is too large (the "
		    "limit is %s)", snip(s, b1, sizeof(b1)), b2);
		return -1;
	}
	*out = (size_t)v;
	return 0;
}

static void
freq_row(struct reader *r)
{
	char b1[64], b2[64];
	double count;
	size_t i;

	if (r->nf != r->ncols) {
		long line = r->nf > r->ncols ? r->f[r->ncols].line : r->eline;
		long col = r->nf > r->ncols ? r->f[r->ncols].col : r->ecol;

		snprintf(b1, sizeof(b1), "%zu", r->nf);
		snprintf(b2, sizeof(b2), "%zu", r->ncols);
		fail(r, line, col, "row has %s fields; the header has %s", b1,
		    b2);
		return;
	}
	if (parse_nbcap(r, &r->f[r->nbcap_col], &i) != 0 ||
	    parse_count(r, &r->f[r->count_col], &count) != 0 ||
	    add_count(r, &r->f[r->count_col], count) != 0)
		return;
	if (r->seen[i] != 0) {
		snprintf(b1, sizeof(b1), "%zu", i);
		snprintf(b2, sizeof(b2), "%ld and %ld", r->seen[i],
		    r->f[0].line);
		fail(r, r->f[0].line, r->f[0].col, "nbcap %s is given twice "
		    "(lines %s)", b1, b2);
		return;
	}
	r->seen[i] = r->f[0].line;
	if (mse_freq_set(r->fr, i, count, r->err) != MSE_OK)
		r->status = r->err ? r->err->code : MSE_EINVAL;
}

/* The index of the field holding exactly name, or -1 (the header's
 * columns, for the readers built on msei_csv_parse). */
long
msei_field_find(const struct msei_field *f, size_t nf, const char *name)
{
	size_t i;

	for (i = 0; i < nf; i++)
		if (strcmp(f[i].text, name) == 0)
			return (long)i;
	return -1;
}
