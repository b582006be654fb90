#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# path.sh - mse-fit --select path (issue 17, the search path of the
# trafficking studies) against base R 4.2.2's step() called as model_search
# in M. Cruyff's R package mse calls it (scripts/path-reference.R, its
# output in tests/data/path-reference.csv): the same steps in the same
# order, and each step's AIC, AICc, BIC and N at 1e-6 relative (they agree
# to about 1e-12).  Cases: UKdat_5 and Western (a pair at -inf: R's glm
# runs it off towards -inf and counts it, as the boundary rule does), and
# the KOM-style records by year, year a factor and a quadratic trend.
. "${top_srcdir:-.}/tests/cli/tap.sh"
fit=$builddir/cli/mse-fit
ref=$srcdir/tests/data/path-reference.csv

# compare CASE FILE: FILE is mse-fit -s path's CSV; R's list names L1..L5
# of the KOM cases are the lists in order.
compare() {
	awk -F, -v c="$1" '
	BEGIN { split("Politiet,UDI,ROSA,Pro Sentret,Frelsesarmeen", nm, ",") }
	function near(a, b) { d = a - b; if (d < 0) d = -d
		return d <= 1e-6 * (b < 0 ? -b : b) }
	FILENAME == ARGV[1] { if ($1 != c) next
		ch = $3; for (i = 1; i <= 5; i++) gsub("L" i, nm[i], ch)
		want[$2] = ch "|" $4 "|" $5 "|" $6 "|" $7; nw++; next }
	FNR == 1 { for (j = 1; j <= NF; j++) h[$j] = j; next }
	{ ng++; split(want[$h["step"]], w, "|")
		if (w[1] != $h["change"] || !near($h["aic"], w[2]) ||
		    !near($h["aicc"], w[3]) || !near($h["bic"], w[4]) ||
		    !near($h["estimate"], w[5])) {
			print "# step " $h["step"] ": got " $h["change"] " " \
			    $h["aic"] " " $h["estimate"] ", want " \
			    want[$h["step"]]
			bad = 1
		}
	}
	END { if (ng != nw) print "# " ng " steps, R has " nw
		exit bad || ng != nw || nw < 3 }' "$ref" "$2"
}

"$fit" -f csv -D 17 -s path "$srcdir/data/UKdat_5.csv" >"$tmp/u.csv" \
    2>"$tmp/err" && compare ukdat5 "$tmp/u.csv" >"$tmp/log"
ok $? "UKdat_5: the path of R's step(), step for step (1e-6)" "$tmp/log"
"$fit" -f csv -D 17 -s path "$srcdir/data/Western.csv" >"$tmp/w.csv" \
    2>"$tmp/err" && compare western "$tmp/w.csv" >"$tmp/log"
ok $? "Western, with pairs at -inf: as R (1e-6)" "$tmp/log"
# The KOM records by year, lists in the order of R's L1..L5.
kom=$srcdir/tests/data/kom-year-gender.csv
lists="Politiet,UDI,ROSA,Pro Sentret,Frelsesarmeen"
"$fit" -f csv -D 17 -s path --covariates year --lists "$lists" "$kom" \
    >"$tmp/k.csv" 2>"$tmp/err" && compare kom-year "$tmp/k.csv" >"$tmp/log"
ok $? "by year, year a factor: list x year terms on the path as R (1e-6)" "$tmp/log"
"$fit" -f csv -D 17 -s path --covariates year --trend year:2 \
    --lists "$lists" "$kom" >"$tmp/t.csv" 2>"$tmp/err" &&
    compare kom-trend "$tmp/t.csv" >"$tmp/log"
ok $? "year as a quadratic trend (model_search's degree_year = 2) as R (1e-6)" "$tmp/log"
awk -F, 'NR == 1 { for (j = 1; j <= NF; j++) h[$j] = j; next }
    { p[$h["phase"]]++; if ($h["delta_bic"] == 0) b++ }
    END { exit !(p["bic"] >= 2 && p["aic"] >= 1 && p["penalty 1"] >= 1 &&
	b == 1) }' "$tmp/u.csv"
ok $? "the phases are named, and one step has the smallest BIC (delta 0)" "$tmp/u.csv"

# Refusals, with the reason.
"$fit" -s path --by year --lists "$lists" "$kom" >"$tmp/out" 2>"$tmp/err"
[ $? -eq 2 ] && [ ! -s "$tmp/out" ] && grep -q 'one search path' "$tmp/err"
ok $? "--select path with --by: a usage error that says why" "$tmp/err"
"$fit" -s path -c bootstrap "$srcdir/data/UKdat_5.csv" >"$tmp/out" \
    2>"$tmp/err"
[ $? -eq 2 ] && [ ! -s "$tmp/out" ] && grep -q 'fit the step' "$tmp/err"
ok $? "--select path with --ci bootstrap: refused, fit the step's model" "$tmp/err"
tap_done
