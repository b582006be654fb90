/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mse-import.c - turn person or report records into capture histories. */
#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mse.h>

#include "strataout.h"
#include "util.h"

/* A list operation, applied in command-line order. */
struct listop {
	int kind;		/* 'm' merge, 'x' drop, 'R' rename */
	const char *arg;
};

struct opts {
	char **id, **lists, **by;
	size_t nid, nlists, nby;
	const char *reported_by;
	struct listop *ops;
	size_t nops;
	int delimiter;
	int format;
	const char *output;
	const char *file;
};

static void
usage(void)
{
	printf("Usage: %s [OPTION]... [FILE]\n"
	    "Count person or report records into a capture-history table "
	    "(mse-data(5)),\nread from FILE, or standard input when FILE is "
	    "absent or '-'.\n\n"
	    "  -i, --id=COLS          rows that share these columns are one "
	    "person\n                         (default: one row per person)\n"
	    "  -r, --reported-by=COL  COL names the lists that reported the "
	    "row,\n                         separated by ';' or '|'\n"
	    "  -l, --lists=A,B,...    the 0/1 list columns (default: every "
	    "other\n                         column); with -r, the list names "
	    "allowed\n"
	    "  -b, --by=COLS          stratum columns, written first\n"
	    "  -m, --merge=A,B=AB     merge lists A and B into one list AB\n"
	    "  -x, --drop=L           leave list L out\n"
	    "  -R, --rename=OLD=NEW   rename a list\n"
	    "  -d, --delimiter=C      input delimiter ',', ';' or 'tab' "
	    "(default: detect)\n"
	    "  -f, --format=FORMAT    text, csv, tsv, json, md, latex, html "
	    "(default: text\n                         on a terminal, csv "
	    "otherwise)\n"
	    "  -o, --output=FILE      write to FILE atomically\n"
	    "  -h, --help             show this help and exit\n"
	    "  -V, --version          show the version and exit\n\n"
	    "List operations run in the order given.\n"
	    "Exit status: 0 success, 1 bad input, 2 usage error.\n"
	    "See mse-import(1) and mse-data(5).\n", progname);
}

static void
add_op(struct opts *o, int kind, const char *arg)
{
	struct listop *p = realloc(o->ops, (o->nops + 1) * sizeof(*p));

	if (p == NULL) {
		cli_warn("out of memory");
		exit(EXIT_FAIL);
	}
	o->ops = p;
	o->ops[o->nops++] = (struct listop){ kind, arg };
}

/* Check the form of the list operations before reading anything. */
static void
check_ops(const struct opts *o)
{
	size_t i, n;
	const char *eq;
	char **v;

	for (i = 0; i < o->nops; i++) {
		const char *a = o->ops[i].arg;

		eq = strrchr(a, '=');
		if (o->ops[i].kind == 'x') {
			if (a[0] == '\0')
				cli_usage_error("--drop: empty list name");
			continue;
		}
		if (eq == NULL || eq == a || eq[1] == '\0')
			cli_usage_error("--%s: '%s' is not %s",
			    o->ops[i].kind == 'm' ? "merge" : "rename", a,
			    o->ops[i].kind == 'm' ? "A,B=NEW" : "OLD=NEW");
		if (o->ops[i].kind == 'R' && strchr(a, '=') != eq)
			cli_usage_error("--rename: '%s' is not OLD=NEW", a);
		if (o->ops[i].kind == 'm') {
			char *left = strndup(a, (size_t)(eq - a));

			if (left == NULL)
				cli_usage_error("out of memory");
			v = cli_split(left, "--merge", &n);
			free(left);
			cli_split_free(v);
			if (n < 2)
				cli_usage_error("--merge: '%s' names one list; "
				    "merge two or more, as A,B=AB", a);
		}
	}
}

static void
parse_args(int argc, char **argv, struct opts *o)
{
	static const struct option longopts[] = {
		{ "id", required_argument, NULL, 'i' },
		{ "reported-by", required_argument, NULL, 'r' },
		{ "lists", required_argument, NULL, 'l' },
		{ "by", required_argument, NULL, 'b' },
		{ "merge", required_argument, NULL, 'm' },
		{ "drop", required_argument, NULL, 'x' },
		{ "rename", required_argument, NULL, 'R' },
		{ "delimiter", required_argument, NULL, 'd' },
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":i:r:l:b:m:x:R:d:f:o:hV",
	    longopts, NULL)) != -1) {
		switch (c) {
		case 'i':
			cli_split_free(o->id);
			o->id = cli_split(optarg, "--id", &o->nid);
			break;
		case 'r':
			if (optarg[0] == '\0')
				cli_usage_error("--reported-by: empty column "
				    "name");
			o->reported_by = optarg;
			break;
		case 'l':
			cli_split_free(o->lists);
			o->lists = cli_split(optarg, "--lists", &o->nlists);
			break;
		case 'b':
			cli_split_free(o->by);
			o->by = cli_split(optarg, "--by", &o->nby);
			break;
		case 'm': case 'x': case 'R': add_op(o, c, optarg); break;
		case 'd': o->delimiter = cli_parse_delimiter(optarg); break;
		case 'f': o->format = cli_parse_format(optarg); break;
		case 'o': o->output = optarg; break;
		case 'h': usage(); exit(EXIT_OK);
		case 'V': cli_version(); exit(EXIT_OK);
		default:
			cli_bad_option(c, argv);
		}
	}
	o->file = cli_operand(argc, argv);
	check_ops(o);
	if (o->format < 0)
		o->format = cli_default_format(o->output);
}

/* One list operation; a message naming the option on failure. */
static int
run_op(struct mse_strata *s, const struct listop *op, const char *name)
{
	const char *a = op->arg, *eq = strrchr(a, '=');
	struct mse_error err;
	char *left = NULL, **v = NULL;
	size_t n = 0, i;
	int rc;

	mse_error_clear(&err);
	if (op->kind == 'x')
		rc = mse_strata_drop(s, a, &err);
	else if ((left = strndup(a, (size_t)(eq - a))) == NULL)
		rc = MSE_ENOMEM;
	else if (op->kind == 'R')
		rc = mse_strata_rename(s, left, eq + 1, &err);
	else {
		v = cli_split(left, "--merge", &n);
		for (rc = MSE_OK, i = 1; i < n && rc == MSE_OK; i++)
			rc = mse_strata_merge(s, i == 1 ? v[0] : eq + 1, v[i],
			    eq + 1, &err);
	}
	if (rc != MSE_OK)
		cli_warn("%s: --%s %s: %s", name, op->kind == 'x' ? "drop" :
		    op->kind == 'R' ? "rename" : "merge", a, rc == MSE_ENOMEM &&
		    err.message[0] == '\0' ? "out of memory" : err.message);
	free(left);
	cli_split_free(v);
	return rc;
}

static struct mse_strata *
read_input(const struct opts *o, const char **name)
{
	struct mse_records_spec spec;
	struct mse_strata *s = NULL;
	struct mse_error err;
	FILE *fp;
	int rc;

	mse_error_clear(&err);
	*name = strcmp(o->file, "-") == 0 ? "<stdin>" : o->file;
	fp = strcmp(o->file, "-") == 0 ? stdin : fopen(o->file, "rb");
	if (fp == NULL) {
		cli_warn("%s: %s", o->file, strerror(errno));
		return NULL;
	}
	mse_records_spec_init(&spec);
	spec.delimiter = o->delimiter;
	spec.id = (const char *const *)o->id;
	spec.nid = o->nid;
	spec.reported_by = o->reported_by;
	spec.lists = (const char *const *)o->lists;
	spec.nlists = o->nlists;
	spec.by = (const char *const *)o->by;
	spec.nby = o->nby;
	spec.missing = 1;
	rc = mse_records_read(fp, *name, &spec, &s, &err);
	if (fp != stdin)
		fclose(fp);
	if (rc != MSE_OK)
		cli_error(&err, *name);
	else
		cli_read_warning(&err, *name);
	return s;
}

static int
run(const struct opts *o)
{
	struct outbuf out = { NULL, 0, 0, 0 };
	struct mse_strata *s;
	const char *name;
	size_t i;
	int rc = 0;

	s = read_input(o, &name);
	if (s == NULL)
		return EXIT_FAIL;
	for (i = 0; i < o->nops && rc == 0; i++)
		rc = run_op(s, &o->ops[i], name);
	if (rc == 0)
		rc = strata_print(&out, o->format, 0, s);
	mse_strata_free(s);
	if (rc != 0) {
		free(out.buf);
		return EXIT_FAIL;
	}
	return out_finish(&out, o->output) == 0 ? EXIT_OK : EXIT_FAIL;
}

int
main(int argc, char **argv)
{
	struct opts o;
	int rc;

	memset(&o, 0, sizeof(o));
	o.format = -1;
	cli_init(argv[0]);
	parse_args(argc, argv, &o);
	rc = run(&o);
	cli_split_free(o.id);
	cli_split_free(o.lists);
	cli_split_free(o.by);
	free(o.ops);
	return rc;
}
