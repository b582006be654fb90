#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# many-lists.sh - issue 13's first point: main effects on a 20-list table of
# 1,000 people.  The cell seen by 18 lists has a fitted value near 1e-18,
# tiny because each list catches 10%, not because a parameter runs off to
# -inf; mse-fit said "no MLE" there.  A fit that converged as Newton's
# method does is now the certificate that the MLE exists.  Reference: base
# R 4.2.2 glm on all 2^20 - 1 patterns (scripts/many-lists-reference.R),
# N 999.789759956, deviance 2321.64981342, AIC 3448.73048041; tolerance
# 1e-9 relative (R printed 12 digits).
. "${top_srcdir:-.}/tests/cli/tap.sh"
lists=$(i=1; while [ $i -le 20 ]; do printf 'S%d=0.1,' $i; i=$((i + 1)); done)
"$builddir/cli/mse-sim" -n 1000 -l "${lists%,}" \
    -M S1:S2=0.9,S3:S4=0.7,S5:S6=-0.5 -f csv >"$tmp/k20.csv" || exit 99
"$builddir/cli/mse-fit" -f csv "$tmp/k20.csv" >"$tmp/out" 2>"$tmp/err"
rc=$?
[ $rc -eq 0 ] && awk -F, 'NR == 2 {
	n = $4 - 999.789759956; d = $10 - 2321.64981342; a = $11 - 3448.73048041
	if (n < 0) n = -n; if (d < 0) d = -d; if (a < 0) a = -a
	exit !(n < 1e-9 * 999.79 && d < 1e-9 * 2321.65 && a < 1e-9 * 3448.73 &&
	    $14 == "ok")
}' "$tmp/out"
ok $? "main effects on 20 lists: N, deviance and AIC as base R glm (1e-9), \
status ok, not 'no MLE'" "$tmp/err"
[ ! -s "$tmp/err" ]
ok $? "... with no warning: one fit of 2^20 - 1 cells is quick" "$tmp/err"
tap_done
