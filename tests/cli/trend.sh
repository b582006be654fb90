#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# trend.sh - mse-fit --trend (issue 17, year as a trend): the covariate
# model with year as orthogonal polynomials, against base R 4.2.2 glm with
# poly(year, d) on the full table (scripts/trend-reference.R, its output
# in tests/data/trend-reference.csv): each stratum's N, the total and the
# deviance at 1e-6 relative, the issue's tolerance (they agree to about
# 1e-12).  The table is the KOM-style records counted by year and gender
# (mse-import -i id -r reported_by -b year,gender), and the same without
# 2014, where the trend must use the years' values, not their ranks.
# Then the refusals, and the trend with selection and the bootstrap.
. "${top_srcdir:-.}/tests/cli/tap.sh"
fit=$builddir/cli/mse-fit
ref=$srcdir/tests/data/trend-reference.csv
lists="Politiet,UDI,ROSA,Pro Sentret,Frelsesarmeen"
kom=$srcdir/tests/data/kom-year-gender.csv

# compare CASE FILE: mse-fit's CSV (FILE) against the reference rows;
# a stratum is keyed by its columns before "method", as year=...;gender=...
compare() {
	head -n 1 "$2" | tr ',' '\n' >"$tmp/names"
	awk -F, -v c="$1" '
	FILENAME == ARGV[1] { hn[FNR] = $0; h[$0] = FNR; next }
	FILENAME == ARGV[2] { if ($1 == c) want[$2] = $3; next }
	FNR == 1 { next }
	$1 == "total" { got["total"] = $h["estimate"];
		got["deviance"] = $h["deviance"]; next }
	{
		key = ""
		for (j = 2; j < h["method"]; j++)
			key = key (key == "" ? "" : ";") hn[j] "=" $j
		got[key] = $h["estimate"]
	}
	END {
		bad = 0; n = 0
		for (k in want) {
			n++
			d = got[k] - want[k]; if (d < 0) d = -d
			if (!(k in got) || d > 1e-6 * want[k]) {
				print "# " k ": got " got[k] ", want " want[k]
				bad = 1
			}
		}
		exit bad || n < 4
	}' "$tmp/names" "$ref" "$2"
}

run() {
	name=$1
	shift
	"$fit" -f csv -D 17 --lists "$lists" "$@" >"$tmp/$name.csv" \
	    2>"$tmp/$name.err" && compare "$name" "$tmp/$name.csv"
}

run year-linear --covariates year --trend year -M Politiet:year "$kom"
ok $? "linear trend: each year's N, the total and the deviance as R's poly(year, 1) (1e-6)"
run year-quadratic --covariates year --trend year:2 \
    -M 'Politiet:year + UDI:year + Politiet:UDI' "$kom"
ok $? "quadratic trend with list x year terms: as R's poly(year, 2) (1e-6)"
run year-gender --covariates year,gender --trend year:2 \
    -M 'Politiet:gender + UDI:year' "$kom"
ok $? "a trend beside a factor (gender): each year x gender N as R (1e-6)"
grep -v '^2014,' "$kom" >"$tmp/no2014.csv"
run missing-year --covariates year --trend year:2 -M Politiet:year \
    "$tmp/no2014.csv"
ok $? "2014 missing: the trend uses the years' values, as R's poly(year) (1e-6)"

# Refusals: each with exit status and message.
refused() {
	want=$1
	shift
	"$fit" -f csv --lists "$lists" "$@" "$kom" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	[ $rc -eq "$want" ] && [ ! -s "$tmp/out" ] && [ -s "$tmp/err" ]
}
refused 2 --trend year
ok $? "--trend without --covariates: a usage error (exit 2)" "$tmp/err"
grep -q 'trend needs --covariates' "$tmp/err"
ok $? "... which says why" "$tmp/err"
refused 2 --covariates year --trend gender
ok $? "--trend on a column that is not a covariate: exit 2" "$tmp/err"
refused 2 --covariates year --trend year:0
ok $? "--trend degree 0: exit 2" "$tmp/err"
refused 1 --covariates year,gender --trend gender
ok $? "--trend on a column of words: exit 1" "$tmp/err"
grep -q "value 'kvinne' of 'gender' is not one" "$tmp/err"
ok $? "... naming the value" "$tmp/err"
refused 1 --covariates year --trend year:5
ok $? "degree 5 on five years: exit 1, too few values" "$tmp/err"

# The trend goes with selection and with the bootstrap.
"$fit" -f csv --lists "$lists" --covariates year --trend year:2 -s bic \
    "$kom" >"$tmp/bic.csv" 2>"$tmp/err"
ok $? "--trend with --select bic runs" "$tmp/err"
"$fit" -f csv --lists "$lists" --covariates year --trend year \
    -M Politiet:year -c bootstrap -B 60 --seed 3 --threads 1 "$kom" \
    >"$tmp/b1.csv" 2>"$tmp/err" &&
"$fit" -f csv --lists "$lists" --covariates year --trend year \
    -M Politiet:year -c bootstrap -B 60 --seed 3 --threads 2 "$kom" \
    >"$tmp/b2.csv" 2>>"$tmp/err" && cmp -s "$tmp/b1.csv" "$tmp/b2.csv" &&
    awk -F, 'NR == 1 { for (j = 1; j <= NF; j++) h[$j] = j; next }
	$1 == "total" && $h["lower"] < $h["estimate"] &&
	    $h["estimate"] < $h["upper"] { t = 1 } END { exit !t }' "$tmp/b1.csv"
ok $? "--trend with the bootstrap: same bytes at 1 and 2 threads, a total interval around the total" "$tmp/err"
# mse-models takes --trend too: its row of a model is mse-fit's total.
"$builddir/cli/mse-models" -f csv --lists "$lists" --covariates year \
    --trend year "$kom" >"$tmp/models.csv" 2>"$tmp/err" &&
    awk -F, -v w="$(awk -F, '$1 == "total" { print $6 }' \
    "$tmp/year-linear.csv")" '
	NR == 1 { for (j = 1; j <= NF; j++) h[$j] = j; next }
	$h["model"] == "Politiet:year" { d = $h["estimate"] - w
		if (d < 0) d = -d; t = d < 1e-9 * w } END { exit !t }' \
    "$tmp/models.csv"
ok $? "mse-models --trend: the model Politiet:year has mse-fit --trend's total (1e-9)" "$tmp/err"
tap_done
