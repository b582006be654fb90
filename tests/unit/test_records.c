/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_records.c - unit tests of the records reader (records.c): one row
 * per person or report into stratified tables, with line:column errors.
 * Expected cells and positions are counted by hand in each input. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "mse.h"
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

int
main(void)
{
	gsl_set_error_handler_off();
	records_shapes();
	records_errors();
	records_count();
	records_errors2();
	return tap_done();
}
