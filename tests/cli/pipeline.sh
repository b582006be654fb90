#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# pipeline.sh - each producer's estimates into each consumer (TAP):
# mse-fit --by and mse-models into mse-plot, mse-counts -e and mse-table,
# asserting the data they print, not just the exit status.
set -u
: "${top_srcdir:=.}" "${top_builddir:=.}"
srcdir=$(cd "$top_srcdir" && pwd) || exit 99
bin=$(cd "$top_builddir" && pwd)/cli || exit 99
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
n=0
fail=0

ok() {
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		fail=1
		[ -s "$tmp/err" ] && sed 's/^/# /' "$tmp/err"
	fi
}

"$bin/mse-import" -i id -r reported_by -b year \
    "$srcdir/data/kom-sim-records.csv" >"$tmp/y.csv" 2>"$tmp/err" &&
    "$bin/mse-fit" --by year "$tmp/y.csv" >"$tmp/by.csv" 2>>"$tmp/err"
ok $? "mse-import | mse-fit --by year"

# The trend's data block: five years, no total row among them.
"$bin/mse-plot" -k trend --script "$tmp/by.csv" >"$tmp/gp" 2>"$tmp/err" &&
    [ "$(sed -n '/^\$data << EOD$/,/^EOD$/p' "$tmp/gp" | grep -c '^20')" \
    -eq 5 ] && grep -q '^2012 666\.11' "$tmp/gp" && ! grep -q '^total' "$tmp/gp"
ok $? "mse-fit --by year | mse-plot -k trend: five years, no total point"

# The yearly bootstrap (issue "One design, one fit") feeds the chart: five
# years and a BCa band, the total left out.
"$bin/mse-fit" --by year -s bic -c bootstrap -B 100 --seed 5 "$tmp/y.csv" \
    >"$tmp/bb.csv" 2>"$tmp/err" &&
    "$bin/mse-plot" -k trend --script "$tmp/bb.csv" >"$tmp/gp" 2>>"$tmp/err" &&
    [ "$(sed -n '/^\$data << EOD$/,/^EOD$/p' "$tmp/gp" | grep -c '^20')" \
    -eq 5 ] && [ "$(grep -c '^total,' "$tmp/bb.csv")" -eq 1 ]
ok $? "mse-fit --by year --ci bootstrap | mse-plot -k trend: five years"

# A year missing from the fit is a NaN row: a gap, not a segment.
grep -v '^stratum,2014,' "$tmp/by.csv" >"$tmp/gap.csv"
"$bin/mse-plot" -k trend --script "$tmp/gap.csv" >"$tmp/gp" 2>"$tmp/err" &&
    grep -q '^2014 NaN NaN NaN NaN NaN NaN$' "$tmp/gp"
ok $? "a missing year is a gap in the line and band"

"$bin/mse-counts" -q -f csv -e "$tmp/by.csv" "$srcdir/data/kom-annual.csv" \
    >"$tmp/c.csv" 2>"$tmp/err" && ! grep -q '^total' "$tmp/c.csv" &&
    grep -q '^2012,349,666\.11[0-9]*,' "$tmp/c.csv"
ok $? "mse-fit --by year | mse-counts -e: the years joined, no total row"

"$bin/mse-table" -f latex -c year,observed,estimate -r 0 "$tmp/by.csv" \
    >"$tmp/t.tex" 2>"$tmp/err" &&
    [ "$(grep -n 'midrule' "$tmp/t.tex" | tail -n 1 | cut -d: -f1)" -eq \
    $(($(grep -n '^-- & 2175 ' "$tmp/t.tex" | cut -d: -f1) - 1)) ]
ok $? "mse-fit --by year | mse-table -f latex: a midrule before the total"

"$bin/mse-import" -i id -r reported_by -b year,gender \
    "$srcdir/data/kom-sim-records.csv" >"$tmp/yg.csv" 2>"$tmp/err" &&
    "$bin/mse-fit" --by year,gender "$tmp/yg.csv" >"$tmp/byg.csv" 2>/dev/null
"$bin/mse-plot" -k trend --script "$tmp/byg.csv" >"$tmp/gp" 2>"$tmp/err"
[ $? -eq 1 ] && [ ! -s "$tmp/gp" ] && grep -q 'year, gender' "$tmp/err"
ok $? "mse-fit --by year,gender | mse-plot -k trend: refused, no zig-zag"

# -m lcm --imputation (issue 15): two imputed versions of each year; the
# pooled strata are the data, the versions' rows and the total summaries.
awk -F, 'BEGIN { OFS = "," } NR == 1 { print $0, "imp"; next }
    { print $0, 1; $NF = int($NF * 1.1); print $0, 2 }' "$tmp/y.csv" \
    >"$tmp/yi.csv" &&
    "$bin/mse-fit" -m lcm --by year --imputation imp --samples 200 \
    --burnin 200 --threads 1 "$tmp/yi.csv" >"$tmp/li.csv" 2>/dev/null
ok $? "mse-import | mse-fit -m lcm --by year --imputation imp"
"$bin/mse-plot" -k trend --script "$tmp/li.csv" >"$tmp/gp" 2>"$tmp/err" &&
    [ "$(sed -n '/^\$data << EOD$/,/^EOD$/p' "$tmp/gp" | grep -c '^20')" \
    -eq 5 ] && [ "$(grep -c '^stratum,' "$tmp/li.csv")" -eq 5 ] &&
    [ "$(grep -c '^imputation,' "$tmp/li.csv")" -eq 10 ]
ok $? "... | mse-plot -k trend: five pooled years, the versions left out"
"$bin/mse-table" -f latex -c year,observed,estimate -r 0 "$tmp/li.csv" \
    >"$tmp/t.tex" 2>"$tmp/err" &&
    [ "$(grep -n 'midrule' "$tmp/t.tex" | tail -n 1 | cut -d: -f1)" -eq \
    $(($(grep -n '^-- & ' "$tmp/t.tex" | cut -d: -f1) - 1)) ]
ok $? "... | mse-table -f latex: a midrule before the total"
"$bin/mse-counts" -q -f csv -e "$tmp/li.csv" "$srcdir/data/kom-annual.csv" \
    >"$tmp/c.csv" 2>"$tmp/err" && ! grep -q '^total' "$tmp/c.csv" &&
    [ "$(grep -c '^201[2-6],' "$tmp/c.csv")" -eq 5 ]
ok $? "... | mse-counts -e: the pooled years joined, one row each"

"$bin/mse-models" "$srcdir/data/Western.csv" >"$tmp/m.csv" 2>"$tmp/err" &&
    "$bin/mse-plot" -k models --script "$tmp/m.csv" >"$tmp/gp" 2>"$tmp/err" &&
    [ ! -s "$tmp/err" ] &&
    [ "$(sed -n '/^\$data << EOD$/,/^EOD$/p' "$tmp/gp" | grep -c ' 1$')" \
    -eq 1 ] && grep -q "title 'chosen (lowest AIC)'" "$tmp/gp"
ok $? "mse-models | mse-plot -k models: averages left out, one model circled"

echo "1..$n"
exit $fail
