#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# subgroups.sh - mse-fit --subgroups (issue 17, item 5) on the KOM-style
# records counted by year and gender (tests/data/kom-year-gender.csv):
#  - every subgroup's N against base R 4.2.2 glm with factor(year) and
#    factor(gender) (scripts/subgroups-reference.R, its output in
#    tests/data/subgroups-reference.csv), 1e-6 relative, the issue's
#    tolerance (they agree to about 1e-10);
#  - a subgroup's N is the sum of its cells' fitted values (Cruyff's
#    generate_tables), which is the sum of the --covariates strata's N
#    (observed + fitted unseen) when the model fits the subgroup's
#    observed margin: always for the total and for one covariate's levels
#    (a factor's main effect), and for year x gender when year:gender is
#    in the model; there, 1e-9 relative (the same doubles summed in
#    another order).  The observed counts are sums in every row;
#  - the same seed gives the same bytes with --threads 1 and 2;
#  - the total's interval holds the total's N.
# That the subgroups add up draw by draw is checked on every replicate by
# tests/unit/test_subgroups (the CLI prints no replicates), and the
# fitted values cell by cell against glm there too.
. "${top_srcdir:-.}/tests/cli/tap.sh"
fit=$builddir/cli/mse-fit
ref=$srcdir/tests/data/subgroups-reference.csv
kom=$srcdir/tests/data/kom-year-gender.csv

# against CASE FILE: each subgroup row of FILE (mse-fit --subgroups CSV)
# against the reference row of the same subgroup, year and gender.
against() {
	awk -F, -v c="$1" '
	FILENAME == ARGV[1] { if ($1 == c) want[$2 "|" $3 "|" $4] = $5; next }
	FNR == 1 { for (j = 1; j <= NF; j++) h[$j] = j; next }
	{
		k = ($1 == "total" ? "total" : $h["subgroup"]) "|" \
		    $h["year"] "|" $h["gender"]
		n++
		d = $h["estimate"] - want[k]; if (d < 0) d = -d
		if (!(k in want) || d > 1e-6 * want[k]) {
			print "# " k ": got " $h["estimate"] ", want " want[k]
			bad = 1
		}
	}
	END { exit bad || n != 18 }' "$ref" "$2"
}

sub() {
	"$fit" -f csv --covariates year,gender --subgroups year,gender -B 100 \
	    --seed 11 "$@" "$kom"
}

sub >"$tmp/main.csv" 2>"$tmp/main.err"
against main "$tmp/main.csv"
ok $? "main effects: the total, every year, gender and year x gender N as R glm (1e-6)" "$tmp/main.err"
sub -M 'Politiet:gender + UDI:year + year:gender' >"$tmp/int.csv" \
    2>"$tmp/int.err"
against interactions "$tmp/int.csv"
ok $? "with list x covariate terms and year:gender: every subgroup's N as R glm (1e-6)" "$tmp/int.err"

# sums STRATA SUBGROUPS KINDS: the rows of the kinds (total, year,
# gender, year:gender) against the sums of the --covariates strata.
sums() {
	awk -F, -v kinds="$3" '
FILENAME == ARGV[1] {
	if (FNR == 1) { for (j = 1; j <= NF; j++) s[$j] = j; next }
	if ($1 != "stratum") next
	ns++; sy[ns] = $s["year"]; sg[ns] = $s["gender"]
	so[ns] = $s["observed"]; se[ns] = $s["estimate"]; next
}
FNR == 1 { for (j = 1; j <= NF; j++) h[$j] = j; next }
{
	o = 0; e = 0
	for (i = 1; i <= ns; i++)
		if (($h["year"] == "" || $h["year"] == sy[i]) &&
		    ($h["gender"] == "" || $h["gender"] == sg[i])) {
			o += so[i]; e += se[i]
		}
	if ($h["observed"] != o) { print "# " $0 ": observed " o; bad = 1 }
	kind = $1 == "total" ? "total" : $h["subgroup"]
	if (index("," kinds ",", "," kind ",") == 0) next
	d = $h["estimate"] - e; if (d < 0) d = -d
	if (d > 1e-9 * e) { print "# " $0 ": want N " e; bad = 1 }
	n++
}
END { exit bad || n == 0 }' "$1" "$2"
}
"$fit" -f csv --covariates year,gender "$kom" >"$tmp/strata.csv"
sums "$tmp/strata.csv" "$tmp/main.csv" total,year,gender
ok $? "main effects: the total's, each year's and each gender's N is the sum of the --covariates strata's; every observed count is (1e-9)"
"$fit" -f csv --covariates year,gender \
    -M 'Politiet:gender + UDI:year + year:gender' "$kom" >"$tmp/strata2.csv"
sums "$tmp/strata2.csv" "$tmp/int.csv" total,year,gender,year:gender
ok $? "with year:gender in the model: every row's N is the sum of the --covariates strata's (1e-9)"

sub --threads 1 >"$tmp/t1.csv" && sub --threads 2 >"$tmp/t2.csv" &&
    cmp -s "$tmp/t1.csv" "$tmp/t2.csv"
ok $? "the same seed gives the same bytes with --threads 1 and 2"
sub --seed 12 >"$tmp/s12.csv" && ! cmp -s "$tmp/t1.csv" "$tmp/s12.csv"
ok $? "another seed gives other intervals"

awk -F, 'FNR == 1 { for (j = 1; j <= NF; j++) h[$j] = j; next }
$1 == "total" { n++; if (!($h["lower"] < $h["estimate"] &&
    $h["estimate"] < $h["upper"]) || $h["status"] != "ok") exit 1 }
END { exit n != 1 }' "$tmp/main.csv"
ok $? "the total's interval holds the total's N, status ok"
awk -F, 'FNR == 1 { for (j = 1; j <= NF; j++) h[$j] = j; next }
{ if (!($h["lower"] <= $h["estimate"] && $h["estimate"] <= $h["upper"]))
    bad = 1 }
END { exit bad }' "$tmp/main.csv" "$tmp/int.csv"
ok $? "main effects and interactions: every subgroup's interval holds its N"

tap_done
