#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# long.sh - long work on many lists (issue 18): mse-fit says up front when
# a request is large for its number of lists, and --max-seconds stops
# mse-fit and mse-models with a message, exit 1 and nothing written.
. "${top_srcdir:-.}/tests/cli/tap.sh"
fit=$builddir/cli/mse-fit
models=$builddir/cli/mse-models

# 16 lists that each see a fifth of 5,000 people: -m closed takes about
# 30 s on it (12 designs of 65,535 cells).
lists=$(i=1; while [ $i -le 16 ]; do printf 'L%d=0.2,' $i; i=$((i + 1)); done)
"$builddir/cli/mse-sim" -n 5000 -l "${lists%,}" -f csv >"$tmp/k16.csv" ||
    exit 99
"$fit" -m closed --max-seconds 1 -o "$tmp/out.csv" "$tmp/k16.csv" \
    >"$tmp/out" 2>"$tmp/err"
rc=$?
[ $rc -eq 1 ] && [ ! -s "$tmp/out" ] && [ ! -e "$tmp/out.csv" ] &&
    grep -q 'warning: Rcapture.s models on 16 lists' "$tmp/err" &&
    grep -q 'stopped after 1 s (--max-seconds); nothing was written' \
    "$tmp/err" && [ -z "$(ls "$tmp" | grep -v '^k16.csv$\|^out$\|^err$')" ]
ok $? "mse-fit -m closed on 16 lists: a warning first, then stopped by \
--max-seconds 1: exit 1, no output, no temporary file" "$tmp/err"

# UKdat in 20 strata: 20 spaces of 32,768 models, about a minute.
awk -F, 'NR == 1 { print "s," $0; next }
    { for (i = 1; i <= 20; i++) print i "," $0 }' "$srcdir/data/UKdat.csv" \
    >"$tmp/uk20.csv"
"$models" --by s --max-seconds 1 "$tmp/uk20.csv" >"$tmp/out" 2>"$tmp/err"
[ $? -eq 1 ] && [ ! -s "$tmp/out" ] && grep -q 'stopped after 1 s' "$tmp/err"
ok $? "mse-models on 20 strata of UKdat (about a minute): stopped by \
--max-seconds 1" "$tmp/err"

"$fit" -f csv --max-seconds 60 "$srcdir/data/Western.csv" >"$tmp/out" \
    2>"$tmp/err"
[ $? -eq 0 ] && [ ! -s "$tmp/err" ] && grep -q '^loglinear,main' "$tmp/out"
ok $? "mse-fit --max-seconds 60 on Western: no warning, the estimate" \
    "$tmp/err"

"$fit" -s stepwise --check-options --max-seconds 0 2>"$tmp/err"
[ $? -eq 2 ] && grep -q 'max-seconds' "$tmp/err"
ok $? "--max-seconds 0 is a usage error" "$tmp/err"

# Long work shows progress with the time left on a terminal (script(1)
# gives it one), and nothing when standard error is not a terminal.
if command -v script >/dev/null 2>&1; then
	script -qc "'$models' --by s --max-seconds 3 -o '$tmp/m.csv' \
	    '$tmp/uk20.csv'" /dev/null >"$tmp/tty" 2>&1 </dev/null
	tr '\r' '\n' <"$tmp/tty" |
	    grep -q 'fitting models \[#*  *\] *[0-9]*% *[0-9]*:[0-9][0-9] left'
	ok $? "mse-models on a terminal: a bar with the time left" "$tmp/tty"
else
	n=$((n + 1)); echo "ok $n # SKIP script(1) is not installed"
fi
"$models" --max-order 3 "$srcdir/data/UKdat_5.csv" >/dev/null 2>"$tmp/err"
[ $? -eq 0 ] && [ ! -s "$tmp/err" ]
ok $? "mse-models without a terminal: nothing on standard error" "$tmp/err"
tap_done
