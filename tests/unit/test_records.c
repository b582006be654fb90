/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_records.c - unit tests of the records reader (records.c): one row
 * per person or report into stratified tables, with line:column errors.
 * Expected cells and positions are counted by hand in each input. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "mse.h"
#include "mse_private.h"
#include "tap.h"

/* Records: parse buf; the strata (or NULL) and the error. */
static int
records(const char *buf, const struct mse_records_spec *spec,
    struct mse_strata **s, struct mse_error *err)
{
	mse_error_clear(err);
	*s = NULL;
	return mse_records_parse(buf, strlen(buf), "r.csv", spec, s, err);
}

static double
cell(const struct mse_strata *s, size_t i, uint32_t w)
{
	return mse_table_get(mse_strata_table(s, i), w);
}

static void
records_shapes(void)
{
	static const char *const id[] = { "id" };
	static const char *const by[] = { "year" };
	static const char *const idyear[] = { "id", "year" };
	struct mse_records_spec sp;
	struct mse_strata *s;
	struct mse_error e;

	mse_records_spec_init(&sp);
	ok(records("Politiet,UDI,barnevern\nyes,,x\nNo,TRUE,\n1,0,1\n"
	    "x,X,false\n", &sp, &s, &e) == MSE_OK && s != NULL &&
	    cell(s, 0, 5) == 2 && cell(s, 0, 2) == 1 && cell(s, 0, 3) == 1,
	    "records: 0/1 columns as yes/no, x/empty, true/false, 1/0");
	ok(s != NULL && strcmp(mse_strata_list(s, 2), "barnevern") == 0,
	    "records: list names pass through");
	mse_strata_free(s);
	sp.reported_by = "by";
	sp.by = by;
	sp.nby = 1;
	ok(records("year,by\n2016,Politiet\n2016,UDI; Politiet\n"
	    "2015,seksuell utnyttelse|UDI\n", &sp, &s, &e) == MSE_OK &&
	    s != NULL && mse_strata_count(s) == 2 && cell(s, 1, 1) == 1 &&
	    cell(s, 1, 3) == 1 && cell(s, 0, 6) == 1, "records: one column "
	    "naming the lists, ';' or '|', spaces trimmed");
	ok(s != NULL && mse_strata_lists(s) == 3 &&
	    strcmp(mse_strata_list(s, 2), "seksuell utnyttelse") == 0,
	    "records: lists in order of appearance, UTF-8 kept");
	mse_strata_free(s);
	sp.id = id;
	sp.nid = 1;
	ok(records("id,year,by\n7,2016,A\n8,2016,B\n7,2016,B\n9,2015,A\n",
	    &sp, &s, &e) == MSE_OK && s != NULL && cell(s, 1, 3) == 1 &&
	    cell(s, 1, 2) == 1 && cell(s, 0, 1) == 1, "records: reports "
	    "grouped by id");
	mse_strata_free(s);
	is_int(records("id,year,by\n7,2016,A\n8,2016,B\n7,2015,B\n", &sp, &s,
	    &e), MSE_EPARSE, "records: a person in two years is a conflict");
	ok(e.line == 4 && e.column == 3 && strstr(e.message, "'2015' here but "
	    "'2016' on line 2"), "records: ... naming both lines (%s)",
	    e.message);
	sp.id = idyear;
	sp.nid = 2;
	ok(records("id,year,by\n7,2016,A\n8,2016,B\n7,2015,B\n", &sp, &s, &e) ==
	    MSE_OK && s != NULL && cell(s, 0, 2) == 1 && cell(s, 1, 1) == 1,
	    "records: --id id,year counts a person once a year");
	mse_strata_free(s);
}

static void
records_errors(void)
{
	static const char *const known[] = { "A", "B" };
	static const char *const id[] = { "pid" };
	struct mse_records_spec sp;
	struct mse_strata *s;
	struct mse_error e;

	mse_records_spec_init(&sp);
	sp.reported_by = "by";
	is_int(records("by\nA;;B\n", &sp, &s, &e), MSE_EPARSE, "records: an "
	    "empty list name");
	ok(e.line == 2 && e.column == 3, "records: ... at 2:3 (%ld:%ld)",
	    e.line, e.column);
	is_int(records("by\n\"A; ;B\"\n", &sp, &s, &e), MSE_EPARSE,
	    "records: an empty list name in a quoted field");
	ok(e.line == 2 && e.column == 5, "records: ... at 2:5, after the "
	    "quote (%ld:%ld)", e.line, e.column);
	sp.lists = known;
	sp.nlists = 2;
	is_int(records("by\nA|C\n", &sp, &s, &e), MSE_EPARSE, "records: an "
	    "unknown list name");
	ok(e.line == 2 && e.column == 3 && strstr(e.message, "'C'"),
	    "records: ... at 2:3, named (%s)", e.message);
	sp.id = id;
	sp.nid = 1;
	is_int(records("id,by\n1,A\n", &sp, &s, &e), MSE_EPARSE, "records: a "
	    "missing id column");
	ok(e.line == 1 && strstr(e.message, "no id column 'pid'"),
	    "records: ... named (%s)", e.message);
	mse_records_spec_init(&sp);
	is_int(records("A,B\n1,maybe\n", &sp, &s, &e), MSE_EPARSE,
	    "records: a list value that is not 0/1");
	is_int(records("A,B\n0,no\n", &sp, &s, &e), MSE_EPARSE, "records: a "
	    "row on no list");
	sp.reported_by = "by";
	is_int(records("by\nA\nA\n", &sp, &s, &e), MSE_EPARSE, "records: one "
	    "list is not enough");
}

/* 0/1 columns with no id: each row is one person. */
static void
records_count(void)
{
	static const char *const named[] = { "B", "A" };
	struct mse_records_spec sp;
	struct mse_strata *s;
	struct mse_error e;
	FILE *fp;

	mse_records_spec_init(&sp);
	ok(records("A,B\n1,0\n1,0\n1,1\n0,1\n", &sp, &s, &e) == MSE_OK &&
	    s != NULL && cell(s, 0, 1) == 2 && cell(s, 0, 3) == 1 &&
	    cell(s, 0, 2) == 1 && mse_table_observed(mse_strata_table(s, 0)) ==
	    4, "records: four rows are four persons: 10 twice, 11, 01");
	mse_strata_free(s);
	sp.lists = named;
	sp.nlists = 2;
	ok(records("A,B,C\n1,0,1\n0,1,1\n", &sp, &s, &e) == MSE_OK &&
	    s != NULL && strcmp(mse_strata_list(s, 0), "B") == 0 &&
	    cell(s, 0, 2) == 1 && cell(s, 0, 1) == 1, "records: named 0/1 "
	    "columns in the order named (B first), others ignored");
	mse_strata_free(s);
	mse_records_spec_init(&sp);
	s = NULL;
	fp = tmpfile();
	if (fp != NULL) {
		fputs("A,B\n1,1\n0,1\n", fp);
		rewind(fp);
	}
	ok(fp != NULL && mse_records_read(fp, "r.csv", &sp, &s, &e) ==
	    MSE_OK && s != NULL && cell(s, 0, 3) == 1 && cell(s, 0, 2) == 1,
	    "records: read from a stream");
	if (fp != NULL)
		fclose(fp);
	mse_strata_free(s);
}

static void
records_errors2(void)
{
	static const char *const twice[] = { "A", "A" };
	static const char *const yl[] = { "year", "A" };
	static const char *const az[] = { "A", "Z" };
	static const char *const id[] = { "id" };
	static const char *const by[] = { "year" };
	struct mse_records_spec sp;
	struct mse_strata *s;
	struct mse_error e;

	mse_records_spec_init(&sp);
	is_int(records("A,B,A\n1,0,1\n", &sp, &s, &e), MSE_EPARSE,
	    "records: a column name twice");
	ok(e.line == 1 && e.column == 5 && strstr(e.message, "also column 1"),
	    "records: ... at 1:5 (%ld:%ld %s)", e.line, e.column, e.message);
	is_int(records("A,B\n1,0,1\n", &sp, &s, &e), MSE_EPARSE, "records: a "
	    "row with a field too many");
	ok(e.line == 2 && e.column == 5, "records: ... at the extra field, "
	    "2:5 (%ld:%ld)", e.line, e.column);
	ok(strcmp(e.file, "r.csv") == 0, "records: the error names the file");
	sp.lists = az;
	sp.nlists = 2;
	is_int(records("A,B\n1,0\n", &sp, &s, &e), MSE_EPARSE, "records: a "
	    "named list column that is not there");
	ok(e.line == 1 && strstr(e.message, "no list column 'Z'"),
	    "records: ... named (%s)", e.message);
	sp.lists = yl;
	sp.by = by;
	sp.nby = 1;
	is_int(records("A,year\n1,2016\n", &sp, &s, &e), MSE_EPARSE,
	    "records: a column both a list and a stratum");
	ok(e.line == 1 && e.column == 3, "records: ... at 1:3 (%ld:%ld)",
	    e.line, e.column);
	sp.lists = NULL;
	sp.nlists = 0;
	sp.reported_by = "year";
	is_int(records("year\nA\n", &sp, &s, &e), MSE_EPARSE, "records: the "
	    "reported-by column is also the stratum column");
	sp.by = NULL;
	sp.nby = 0;
	sp.reported_by = "by";
	sp.lists = twice;
	sp.nlists = 2;
	is_int(records("by\nA\n", &sp, &s, &e), MSE_EINVAL, "records: a list "
	    "named twice by the caller is an invalid argument");
	ok(strstr(e.message, "'A' is named twice") != NULL, "records: ... "
	    "saying so (%s)", e.message);
	sp.lists = NULL;
	sp.nlists = 0;
	sp.id = id;
	sp.nid = 1;
	is_int(records("id,by\n7,A\n,B\n", &sp, &s, &e), MSE_EPARSE,
	    "records: an empty id");
	ok(e.line == 3 && e.column == 1, "records: ... at 3:1 (%ld:%ld)",
	    e.line, e.column);
	ok(s == NULL, "records: nothing is returned on error");
}

/* The strata as text: lists, then each stratum's values and cells, then
 * the incomplete rows. */
static void
dump(const struct mse_strata *s, char *buf, size_t size)
{
	size_t i, j, len = 0, k = mse_strata_lists(s), nv = mse_strata_vars(s);
	uint32_t w;

#define PUT(...) do { if (len < size) len += (size_t)snprintf(buf + len, \
    size - len, __VA_ARGS__); } while (0)
	buf[0] = '\0';
	for (i = 0; i < k; i++)
		PUT("%s|", mse_strata_list(s, i));
	for (i = 0; i < mse_strata_count(s); i++) {
		PUT("\n");
		for (j = 0; j < nv; j++)
			PUT("%s,", mse_strata_value(s, i, j));
		for (w = 1; w < (uint32_t)1 << k; w++)
			PUT(" %g", cell(s, i, w));
	}
	for (i = 0; i < mse_strata_incomplete(s); i++) {
		PUT("\ninc ");
		for (j = 0; j < nv; j++) {
			const char *v = mse_strata_incomplete_value(s, i, j);

			PUT("%s,", v != NULL ? v : "NA");
		}
		PUT(" %lu %g", (unsigned long)mse_strata_incomplete_pattern(s,
		    i), mse_strata_incomplete_count(s, i));
	}
#undef PUT
}

/* Report records: ids of UTF-8 names, some quoted (with the delimiter, a
 * doubled quote or a line end inside), stratum values some missing, lists
 * named in one column; blank lines and blanks around fields. */
static char *
make_records(size_t rows, char delim, const char *eol, int bom)
{
	static const char *const names[] = { "Åse Ødegård", "Bjørn", "Ola",
	    "Kari Nordmann", "Ægir", "Øystein", "Tōkyō", "😀 emoji" };
	static const char *const lists[] = { "Politiet", "UDI", "ROSA",
	    "Politiet; UDI", "UDI|ROSA", " barnevern ", "Politiet|ROSA" };
	size_t cap = rows * 96 + 256, len = 0, i;
	char *b = malloc(cap), d[2] = { delim, 0 };

	if (b == NULL)
		return NULL;
	len += (size_t)snprintf(b + len, cap - len, "%sid%syear%sgender%sby%s",
	    bom ? "\xef\xbb\xbf" : "", d, d, d, eol);
	for (i = 0; i < rows; i++) {
		size_t p = (i * 7919) % (rows / 3 + 1);	/* a person */
		const char *nm = names[p % 8];
		const char *year[] = { "2012", "2013", "NA", "", "2016" };
		const char *gender = p % 5 == 3 ? "" : p % 2 ? "mann" : "kvinne";
		const char *q;

		if (p % 11 == 4)
			len += (size_t)snprintf(b + len, cap - len,
			    "\"%s, \"\"%zu\"\"\"", nm, p);
		else if (p % 13 == 6)
			len += (size_t)snprintf(b + len, cap - len,
			    "\"%s%s%zu\"", nm, eol, p);
		else
			len += (size_t)snprintf(b + len, cap - len, "%s%s%zu",
			    i % 3 ? "" : "  ", nm, p);
		/* A list name with the delimiter in it is quoted. */
		q = strchr(lists[(i + p) % 7], delim) != NULL ? "\"" : "";
		len += (size_t)snprintf(b + len, cap - len,
		    "%s%s%s%s %s%s%s%s%s%s", d, year[p % 5], d, gender, d, q,
		    lists[(i + p) % 7], q, i % 4 ? "" : " ", eol);
		if (i % 17 == 5)
			len += (size_t)snprintf(b + len, cap - len, "%s  %s",
			    eol, eol);
	}
	return b;
}

/* Read buf from a stream in chunks of chunk bytes. */
static int
chunked(const char *buf, size_t chunk, const struct mse_records_spec *sp,
    struct mse_strata **s, struct mse_error *err)
{
	FILE *fp = fmemopen((void *)buf, strlen(buf), "rb");
	int rc;

	mse_error_clear(err);
	*s = NULL;
	if (fp == NULL)
		return -1;
	rc = msei_records_read_chunked(fp, "r.csv", sp, chunk, s, err);
	fclose(fp);
	return rc;
}

/* Streamed in chunks of any size, records read as from one buffer: rows,
 * fields, UTF-8 characters, CR LF pairs and quoted line ends straddling
 * two chunks, and the same errors at the same places. */
static void
records_chunks(void)
{
	static const char *const id[] = { "id" };
	static const char *const by[] = { "year", "gender" };
	static const size_t sizes[] = { 1, 2, 3, 4, 5, 7, 13, 64, 1000, 0 };
	static const struct {
		char delim;
		const char *eol;
		int bom;
	} kinds[] = { { ',', "\n", 0 }, { ';', "\r\n", 1 },
	    { '\t', "\r", 0 } };
	struct mse_records_spec sp;
	struct mse_strata *s, *t;
	struct mse_error e, f;
	size_t i, j, n = 300000;
	char *want = malloc(n), *got = malloc(n), *in;
	int same;

	mse_records_spec_init(&sp);
	sp.id = id;
	sp.nid = 1;
	sp.by = by;
	sp.nby = 2;
	sp.reported_by = "by";
	sp.missing = 1;
	for (i = 0; want != NULL && got != NULL &&
	    i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		in = make_records(i == 0 ? 3000 : 400, kinds[i].delim,
		    kinds[i].eol, kinds[i].bom);
		ok(in != NULL && records(in, &sp, &s, &e) == MSE_OK,
		    "chunks %zu: the whole buffer reads", i);
		if (s == NULL)
			printf("# %s at %ld:%ld\n", e.message, e.line,
			    e.column);
		if (s != NULL)
			dump(s, want, n);
		for (j = 0, same = s != NULL; same && j < sizeof(sizes) /
		    sizeof(sizes[0]); j++) {
			if (i > 0 && sizes[j] == 1000)
				continue;
			same = chunked(in, sizes[j], &sp, &t, &f) == MSE_OK;
			if (same)
				dump(t, got, n);
			same = same && strcmp(want, got) == 0;
			if (!same)
				printf("# chunk %zu: %s\n", sizes[j],
				    f.message);
			mse_strata_free(t);
		}
		ok(same, "chunks %zu: every chunk size reads the same strata",
		    i);
		mse_strata_free(s);
		free(in);
	}
	free(want);
	free(got);
}

/* An error read in chunks is the one read from the whole buffer: the
 * same message at the same line and column. */
static void
chunk_error(const char *in, const struct mse_records_spec *sp,
    const char *what)
{
	static const size_t sizes[] = { 1, 2, 3, 5, 8, 0 };
	struct mse_strata *s;
	struct mse_error e, f;
	size_t j;
	int same = 1;

	int rc = records(in, sp, &s, &e);

	ok(rc != MSE_OK, "chunk errors: %s: fails (%s at %ld:%ld)", what,
	    e.message, e.line, e.column);
	for (j = 0; j < sizeof(sizes) / sizeof(sizes[0]); j++)
		if (chunked(in, sizes[j], sp, &s, &f) != e.code ||
		    strcmp(e.message, f.message) != 0 || e.line != f.line ||
		    e.column != f.column || s != NULL) {
			printf("# chunk %zu: %s at %ld:%ld\n", sizes[j],
			    f.message, f.line, f.column);
			same = 0;
		}
	ok(same, "chunk errors: %s: the same in chunks", what);
}

static void
records_chunk_errors(void)
{
	static const char *const id[] = { "id" };
	static const char *const by[] = { "year" };
	struct mse_records_spec sp;

	mse_records_spec_init(&sp);
	sp.id = id;
	sp.nid = 1;
	sp.by = by;
	sp.nby = 1;
	sp.reported_by = "by";
	chunk_error("id,year,by\r\nÅse,2016,UDI\r\nBjørn,2015,ROSA\r\n"
	    "Ægir,2014,UDI\r\nÅse,2015,ROSA\r\n", &sp, "a late conflict");
	chunk_error("id,year,by\nÅse,2016,UDI\nB\"jørn,2015,ROSA\n"
	    "Ægir,2014,UDI\n", &sp, "a misplaced quote");
	chunk_error("id,year,by\nÅse,2016,UDI\nB\"jørn,2015,ROSA\n"
	    "Ægir,2014,U\xc3" "DI\n", &sp, "bad UTF-8 after a misplaced "
	    "quote");
	chunk_error("id,year,by\nÅse,2016,UDI\nBjørn,2016\nÆgir,2014,"
	    "U\xe2\x82", &sp, "a row short, then a cut character");
	chunk_error("id,year,by\nÅse,2016,UDI\n\"Bjørn\nØ,2015,ROSA\n",
	    &sp, "an unterminated quote");
	chunk_error("id,year,by\nÅse,2016,UDI\nBjørn,2015,ROSA,x\n", &sp,
	    "a row too long");
}

int
main(void)
{
	gsl_set_error_handler_off();
	records_shapes();
	records_errors();
	records_count();
	records_errors2();
	records_chunks();
	records_chunk_errors();
	return tap_done();
}
