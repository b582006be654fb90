#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# check.sh - mse-check (issue 16) beyond its golden cases (TAP): the KOM
# records through mse-import, the six parts and their run time, the values
# mse-check(1) quotes, -o, and mse-plot -k sensitivity with hostile list
# names.
. "${top_srcdir:-.}/tests/cli/tap.sh"
check=$builddir/cli/mse-check
import=$builddir/cli/mse-import
plot=$builddir/cli/mse-plot
data=$srcdir/data

# now_ms: milliseconds since the epoch (GNU date), or empty.
now_ms() {
	date +%s%3N 2>/dev/null | grep -E '^[0-9]+$'
}

# parts FILE: 0 when FILE holds the six parts' titles.
parts() {
	for p in '1. Leave one list out' '2. Lists dropped and merged' \
	    '3a. Fit diagnostics: cells' '3b. Fit diagnostics: goodness' \
	    '4. Dependence bounds' '5. Model spread' '6. Verdict'; do
		grep -q "^$p" "$1" || return 1
	done
}

# The issue's done criterion: both runs print the six parts.  The time is
# printed; the test allows 10 s (a loaded CI machine), the issue asks for
# under a second on this one.
t0=$(now_ms)
"$check" -f text "$data/UKdat.csv" >"$tmp/uk.txt" 2>"$tmp/err"
rc=$?
t1=$(now_ms)
[ $rc -eq 0 ] && parts "$tmp/uk.txt" && [ ! -s "$tmp/err" ]
ok $? "mse-check data/UKdat.csv prints the six parts" "$tmp/err"
if [ -n "$t0" ] && [ -n "$t1" ]; then
	echo "# mse-check data/UKdat.csv: $((t1 - t0)) ms"
	[ $((t1 - t0)) -lt 10000 ]
	ok $? "UKdat within 10 s ($((t1 - t0)) ms)"
fi
t0=$(now_ms)
"$import" -i id,year -r reported_by -b year "$data/kom-sim-records.csv" |
    "$check" --by year -f text >"$tmp/kom.txt" 2>"$tmp/err"
rc=$?
t1=$(now_ms)
[ $rc -eq 0 ] && parts "$tmp/kom.txt" && [ ! -s "$tmp/err" ] &&
    [ "$(grep -c '^\[year=20' "$tmp/kom.txt")" -eq 30 ]
ok $? "KOM records --by year: the six parts, 6 verdict lines a year" \
    "$tmp/err"
if [ -n "$t0" ] && [ -n "$t1" ]; then
	echo "# mse-import | mse-check --by year: $((t1 - t0)) ms"
	[ $((t1 - t0)) -lt 10000 ]
	ok $? "KOM records within 10 s ($((t1 - t0)) ms)"
fi

# field CSV ROWKEY COLUMN: the value of COLUMN in the row whose first two
# columns are ROWKEY ("drop,PF"); plain CSV without quotes in those rows.
field() {
	awk -F, -v key="$2" -v col="$3" '
		NR == 1 { for (i = 1; i <= NF; i++) if ($i == col) c = i; next }
		$1 "," $2 == key || $1 == key { print $c; exit }' "$1"
}
# near GOT WANT TOL: |GOT - WANT| <= TOL.
near() {
	awk -v g="$1" -v w="$2" -v t="$3" 'BEGIN {
		d = g - w; if (d < 0) d = -d; exit !(g != "" && d <= t) }'
}

# The values mse-check(1) quotes (rounded there, so to half a unit).
"$check" -p sensitivity -f csv "$data/UKdat.csv" >"$tmp/s.csv"
near "$(field "$tmp/s.csv" none, estimate)" 12214 0.5 &&
    near "$(field "$tmp/s.csv" drop,PF estimate)" 18039 0.5
ok $? "mse-check(1): UKdat N = 12214, 18039 with PF dropped (page)"
"$check" -p bounds -f csv "$data/HAV.csv" >"$tmp/b.csv"
# 271 + 28 * 69 * 55 * 63 / (21 * 17 * 18) = 1312.7647 (by hand), times
# 2 and 1/2 for the unseen.
near "$(field "$tmp/b.csv" 2 no_interaction)" 1312.7647 0.0001 &&
    near "$(field "$tmp/b.csv" 2 lower)" 791.8824 0.0001 &&
    near "$(field "$tmp/b.csv" 2 upper)" 2354.5294 0.0001
ok $? "mse-check(1): HAV bounds 791.88 to 2354.53, 1312.76 at odds \
ratio 1 (by hand, 1e-4)"
"$check" -s bic -p sensitivity -f csv "$data/Kosovo.csv" >"$tmp/k.csv"
near "$(field "$tmp/k.csv" none, estimate)" 14342 0.5 &&
    near "$(field "$tmp/k.csv" drop,HRW estimate)" 22301 0.5
ok $? "mse-check(1): Kosovo -s bic 14342, 22301 with HRW dropped \
(page; 14341.66 is MSE 1.2's BIC model)"

# Merging PF and NCA (mse_table_merge, as mse-import -m) gives UKdat_5
# (test_check compares the tables cell by cell), so the merge row is
# mse-fit's estimate on UKdat_5.
"$builddir/cli/mse-fit" -f csv "$data/UKdat_5.csv" >"$tmp/f5.csv"
near "$(field "$tmp/s.csv" merge,PF+NCA estimate)" \
    "$(field "$tmp/f5.csv" loglinear estimate)" 1e-6
ok $? "the PF+NCA merge row is mse-fit's estimate on UKdat_5 (1e-6)"

# -o: the same bytes as stdout; a failed run leaves the old file.
"$check" -f json -o "$tmp/o.json" "$data/HAV.csv" &&
    "$check" -f json "$data/HAV.csv" | cmp -s - "$tmp/o.json"
ok $? "-o FILE holds what stdout would"
echo keep >"$tmp/keep"
"$check" -o "$tmp/keep" "$srcdir/tests/data/bad-ragged-long.csv" 2>/dev/null
[ $? -eq 1 ] && [ "$(cat "$tmp/keep")" = keep ]
ok $? "-o leaves the old file on bad input"

# The sensitivity chart: a PNG, and list names from the data run nothing.
if command -v "${GNUPLOT:-gnuplot}" >/dev/null 2>&1; then
	"$check" -p sensitivity -f csv "$data/UKdat.csv" |
	    "$plot" -k sensitivity -o "$tmp/s.png" 2>"$tmp/err" &&
	    [ "$(od -An -tx1 -N8 "$tmp/s.png" | tr -d ' \n')" = \
	    89504e470d0a1a0a ] && [ ! -s "$tmp/err" ]
	ok $? "mse-plot -k sensitivity draws a PNG, gnuplot silent" "$tmp/err"
	mkdir "$tmp/s" &&
	(cd "$tmp/s" && "$check" -p sensitivity -f csv \
	    "$srcdir/tests/data/evil-lists.csv" |
	    "$plot" -k sensitivity -o out.png) 2>"$tmp/err"
	[ "$(find "$tmp" -name 'pwned*' | wc -l)" -eq 0 ] &&
	    [ -s "$tmp/s/out.png" ]
	ok $? "sensitivity chart: backquotes and system() in list names run \
nothing" "$tmp/err"
else
	n=$((n + 1)); echo "ok $n # SKIP gnuplot is not installed"
	n=$((n + 1)); echo "ok $n # SKIP gnuplot is not installed"
fi
"$check" --by eth -p sensitivity -f csv "$data/spina_eth.csv" 2>/dev/null |
    "$plot" -k sensitivity -s >/dev/null 2>"$tmp/err"
[ $? -eq 1 ] && grep -q 'one stratum at a time' "$tmp/err"
ok $? "sensitivity chart: several strata refused, with the reason" "$tmp/err"

tap_done
