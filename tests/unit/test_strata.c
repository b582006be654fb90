/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_strata.c - unit tests of strata, readers, records and absent cells. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "mse.h"
#include "tap.h"

static FILE *
open_data(const char *name)
{
	const char *top = getenv("top_srcdir");
	char path[4096];

	snprintf(path, sizeof(path), "%s/data/%s", top ? top : ".", name);
	return fopen(path, "rb");
}

static struct mse_strata *
load(const char *name, const char *const *vars, size_t nvars,
    const char *const *lists, size_t nlists)
{
	struct mse_strata_spec spec = { sizeof(spec), 0, vars, nvars,
	    lists, nlists };
	struct mse_strata *s = NULL;
	FILE *fp = open_data(name);

	if (fp == NULL)
		return NULL;
	if (mse_strata_read(fp, name, &spec, &s, NULL) != MSE_OK)
		s = NULL;
	fclose(fp);
	return s;
}

static struct mse_table *
load_table(const char *name)
{
	struct mse_table *t = NULL;
	FILE *fp = open_data(name);

	if (fp == NULL)
		return NULL;
	if (mse_table_read(fp, name, 0, &t, NULL) != MSE_OK)
		t = NULL;
	fclose(fp);
	return t;
}

/* Same lists, same counts in every cell. */
static int
same_table(const struct mse_table *a, const struct mse_table *b)
{
	uint32_t w;
	size_t i;

	if (mse_table_lists(a) != mse_table_lists(b))
		return 0;
	for (i = 0; i < mse_table_lists(a); i++)
		if (strcmp(mse_table_name(a, i), mse_table_name(b, i)) != 0)
			return 0;
	for (w = 1; w <= mse_table_cells(a); w++)
		if (mse_table_get(a, w) != mse_table_get(b, w))
			return 0;
	return 1;
}

static void
value_order(void)
{
	ok(mse_value_cmp("9", "10") < 0, "value order: 9 before 10");
	ok(mse_value_cmp("-1", "2") < 0, "value order: -1 before 2");
	ok(mse_value_cmp("2.5", "2") > 0, "value order: 2.5 after 2");
	ok(mse_value_cmp("2016", "abc") < 0, "value order: numbers first");
	ok(mse_value_cmp("Male", "Female") > 0, "value order: text bytewise");
	ok(mse_value_cmp("b", "b") == 0, "value order: equal");
}

static void
basics(void)
{
	const char *lists[] = { "A", "B" }, *vars[] = { "year", "gender" };
	const char *v1[] = { "10", "m" }, *v2[] = { "9", "k" };
	const char *v3[] = { "9", "m" }, *v4[] = { "10", "k" };
	struct mse_strata *s = mse_strata_new(2, lists, 2, vars, NULL);
	struct mse_error err;
	char buf[64];
	size_t i;

	if (!ok(s != NULL, "strata: new"))
		return;
	ok(mse_strata_add(s, v1, 1, 5, &i, NULL) == MSE_OK && i == 0,
	    "strata: add makes stratum 0");
	ok(mse_strata_add(s, v2, 3, 2, &i, NULL) == MSE_OK && i == 1,
	    "strata: add makes stratum 1");
	ok(mse_strata_add(s, v1, 1, 4, &i, NULL) == MSE_OK && i == 0,
	    "strata: add to an existing stratum");
	is_rel(mse_table_get(mse_strata_table(s, 0), 1), 9, 0,
	    "strata: counts add up (5 + 4)");
	is_int(mse_strata_add(s, v1, 0, 3, NULL, &err), MSE_EINVAL,
	    "strata: pattern 0 with a count is refused");
	is_int(mse_strata_add(s, v1, 4, 1, NULL, NULL), MSE_EINVAL,
	    "strata: a pattern beyond the lists is refused");
	ok(mse_strata_sort(s, NULL) == MSE_OK && strcmp(mse_strata_value(s,
	    0, 0), "9") == 0, "strata: sort puts year 9 first");
	is_int(mse_strata_find(s, v1), 1, "strata: found after sorting");
	ok(mse_strata_complete(s, NULL) == MSE_OK, "strata: complete");
	is_int((long)mse_strata_count(s), 4, "strata: 2 x 2 combinations");
	is_int(mse_strata_find(s, v3), 1, "strata: 9,m added in order");
	is_rel(mse_table_observed(mse_strata_table(s, (size_t)
	    mse_strata_find(s, v4))), 0, 0, "strata: the added stratum is "
	    "empty");
	mse_strata_format(s, 0, buf, sizeof(buf));
	ok(strcmp(buf, "year=9, gender=k") == 0, "strata: format '%s'", buf);
	is_int(mse_strata_find_var(s, "gender"), 1, "strata: find a variable");
	is_int(mse_strata_find_list(s, "B"), 1, "strata: find a list");
	mse_strata_free(s);
	ok(mse_strata_new(2, vars, 1, vars, NULL) == NULL, "strata: a list "
	    "and a variable may not share a name");
	mse_strata_free(NULL);
}

/* The merges that made SparseMSE's five-list tables from the full ones. */
static void
merge_check(const char *full, const char *const *merge, size_t n,
    const char *name, const char *five)
{
	struct mse_strata *s = load(full, NULL, 0, NULL, 0);
	struct mse_table *t = load_table(five);
	struct mse_error err;
	size_t i;
	int rc = s != NULL && t != NULL ? MSE_OK : MSE_EIO;

	for (i = 1; i < n && rc == MSE_OK; i++)
		rc = mse_strata_merge(s, i == 1 ? merge[0] : name, merge[i],
		    name, &err);
	ok(rc == MSE_OK && same_table(mse_strata_table(s, 0), t), "merge: "
	    "%s with %s merged into %s is %s (SparseMSE's table, exact)",
	    full, merge[0], name, five);
	mse_strata_free(s);
	mse_table_free(t);
}

static void
list_ops(void)
{
	static const char *const uk[] = { "PF", "NCA" };
	static const char *const ned[] = { "I", "O" };
	static const char *const no[] = { "B", "E", "F", "G" };
	static const size_t five[] = { 0, 1, 2, 3, 4 };
	struct mse_strata *s = load("UKdat.csv", NULL, 0, NULL, 0);
	struct mse_table *t = load_table("UKdat.csv"), *c = NULL;
	struct mse_error err;

	merge_check("UKdat.csv", uk, 2, "PFNCA", "UKdat_5.csv");
	merge_check("Ned.csv", ned, 2, "IO", "Ned_5.csv");
	merge_check("NewOrl.csv", no, 4, "BEFG", "NewOrl_5.csv");
	if (!ok(s != NULL && t != NULL, "UKdat loads"))
		return;
	mse_table_collapse(t, five, 5, &c, NULL);
	ok(mse_strata_drop(s, "NCA", &err) == MSE_OK && c != NULL &&
	    same_table(mse_strata_table(s, 0), c), "drop: UKdat without NCA "
	    "is the table collapsed onto the other five");
	ok(mse_strata_rename(s, "LA", "Kommuner", &err) == MSE_OK &&
	    mse_strata_find_list(s, "Kommuner") == 0 &&
	    mse_table_observed(mse_strata_table(s, 0)) ==
	    mse_table_observed(c), "rename: LA to Kommuner keeps the counts");
	is_int(mse_strata_rename(s, "NG", "GO", &err), MSE_EINVAL,
	    "rename: to a name already taken is refused");
	is_int(mse_strata_drop(s, "NCA", &err), MSE_EINVAL, "drop: an unknown "
	    "list is refused");
	ok(strstr(err.message, "no list named 'NCA'") != NULL,
	    "drop: the message names the list (%s)", err.message);
	is_int(mse_strata_merge(s, "NG", "NG", "X", &err), MSE_EINVAL,
	    "merge: a list with itself is refused");
	mse_strata_free(s);
	mse_table_free(t);
	mse_table_free(c);
}

static void
reader(void)
{
	static const char *const v3[] = { "Region", "Gender", "Age" };
	static const char *const v1[] = { "Region" };
	static const char *const l4[] = { "S1", "S2", "S3", "S4" };
	const char *ggc[] = { "GGC", "Female", "Old" };
	struct mse_strata *s = load("ScotPWID_region_gender_age.csv", v3, 3,
	    NULL, 0);
	double n = 0;
	size_t i;

	if (!ok(s != NULL, "ScotPWID with three stratum columns loads"))
		return;
	is_int((long)mse_strata_count(s), 8, "ScotPWID: 8 strata");
	is_int((long)mse_strata_lists(s), 4, "ScotPWID: 4 lists");
	for (i = 0; i < mse_strata_count(s); i++)
		n += mse_table_observed(mse_strata_table(s, i));
	is_rel(n, 5670, 0, "ScotPWID: 5670 observed in all (data/README.md)");
	is_int(mse_strata_find(s, ggc), 0, "ScotPWID: GGC, Female, Old sorts "
	    "first");
	is_rel(mse_table_observed(mse_strata_table(s, 0)), 120, 0, "ScotPWID: "
	    "120 in GGC, Female, Old (sum of its rows)");
	mse_strata_free(s);
	s = load("ScotPWID_region_gender_age.csv", v1, 1, l4, 4);
	ok(s != NULL && mse_strata_count(s) == 2 &&
	    mse_table_observed(mse_strata_table(s, 0)) == 1498 &&
	    mse_table_observed(mse_strata_table(s, 1)) == 4172, "ScotPWID by "
	    "region, summed over gender and age: 1498 and 4172");
	mse_strata_free(s);
}

/* Parse buf as a stratified table; the status, and the error. */
static int
parse(const char *buf, const char *const *vars, size_t nvars,
    struct mse_strata **s, struct mse_error *err)
{
	struct mse_strata_spec spec = { sizeof(spec), 0, vars, nvars,
	    NULL, 0 };

	mse_error_clear(err);
	return mse_strata_parse(buf, strlen(buf), "t.csv", &spec, s, err);
}

static void
reader_errors(void)
{
	static const char *const year[] = { "year" };
	struct mse_strata *s = NULL;
	struct mse_error e;

	is_int(parse("A,B,count\n1,0,3\n", year, 1, &s, &e), MSE_EPARSE,
	    "reader: a missing stratum column");
	ok(e.line == 1 && strstr(e.message, "no stratum column 'year'"),
	    "reader: ... is named, on line 1 (%s)", e.message);
	is_int(parse("year,A,B,count\n1,1,0,3\n2,1,0,4\n1,1,0,5\n", year, 1,
	    &s, &e), MSE_EPARSE, "reader: a pattern twice in one stratum");
	ok(e.line == 4 && strstr(e.message, "lines 2 and 4"), "reader: ... "
	    "names both lines (%s)", e.message);
	is_int(parse("year,A,B,count\n,1,0,3\n", year, 1, &s, &e), MSE_EPARSE,
	    "reader: an empty stratum value");
	ok(e.line == 2 && e.column == 1, "reader: ... at 2:1");
	is_int(parse("year,A,B,count\n1,1,2,3\n", year, 1, &s, &e), MSE_EPARSE,
	    "reader: a list value 2");
	ok(e.line == 2 && e.column == 5, "reader: ... at 2:5 (%ld:%ld)",
	    e.line, e.column);
	is_int(parse("year,A,B,count\n1,1,0,x\n", year, 1, &s, &e), MSE_EPARSE,
	    "reader: a bad count");
	is_int(parse("year,A,count\n1,1,3\n", year, 1, &s, &e), MSE_EPARSE,
	    "reader: one list");
	is_int(parse("year,A,B,count\n1,1,0,3\n2,1,0,4\n", year, 1, &s, &e),
	    MSE_OK, "reader: the same pattern in two strata");
	mse_strata_free(s);
}

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

static void
absent(void)
{
	static const char *const vars[] = { "gender", "age" };
	const char *lists[] = { "rosa", "politi", "barnevern" };
	const char *km[] = { "mann", "voksen" }, *kb[] = { "kvinne", "barn" };
	struct mse_strata *s = mse_strata_new(3, lists, 2, vars, NULL);
	struct mse_absent *a = NULL;
	struct mse_error e;

	mse_strata_add(s, km, 2, 4, NULL, NULL);
	mse_strata_add(s, kb, 1, 3, NULL, NULL);
	ok(mse_absent_parse(s, "rosa:gender=mann, barnevern:age=voksen", &a,
	    &e) == MSE_OK, "absent: parse two items");
	ok(mse_absent_cell(a, s, 0, 1) && mse_absent_cell(a, s, 0, 7) &&
	    mse_absent_cell(a, s, 0, 4) && !mse_absent_cell(a, s, 0, 2) &&
	    !mse_absent_cell(a, s, 1, 1) && !mse_absent_cell(a, s, 1, 4) &&
	    !mse_absent_cell(a, s, 0, 0), "absent: the cells that meet an "
	    "item, and no others");
	ok(mse_absent_check(a, s, &e) == MSE_OK, "absent: no absent cell has "
	    "a count");
	mse_strata_add(s, km, 3, 1, NULL, NULL);
	is_int(mse_absent_check(a, s, &e), MSE_EDOMAIN, "absent: an absent "
	    "cell with a count is an error (%s)", e.message);
	mse_absent_free(a);
	is_int(mse_absent_parse(s, "rosa:gender=man", &a, &e), MSE_EPARSE,
	    "absent: a value no stratum has");
	is_int(mse_absent_parse(s, "gender=mann", &a, &e), MSE_EPARSE,
	    "absent: an item with no list");
	is_int(mse_absent_parse(s, "udi:gender=mann", &a, &e), MSE_EPARSE,
	    "absent: an unknown list (%s)", e.message);
	is_int(mse_absent_parse(s, "rosa:sex=mann", &a, &e), MSE_EPARSE,
	    "absent: an unknown variable");
	ok(mse_absent_parse(s, "`rosa`:politi", &a, &e) == MSE_OK &&
	    mse_absent_cell(a, s, 1, 3) && !mse_absent_cell(a, s, 1, 1),
	    "absent: lists only, backquoted names");
	mse_absent_free(a);
	mse_strata_free(s);
}

int
main(void)
{
	gsl_set_error_handler_off();
	value_order();
	basics();
	list_ops();
	reader();
	reader_errors();
	records_shapes();
	records_errors();
	absent();
	return tap_done();
}
