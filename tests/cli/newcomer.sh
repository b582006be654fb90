#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# newcomer.sh - a newcomer's session, replayed from scratch without a hand
# edit between the steps (issue "The pipeline composes"): KOM-style
# records as a spreadsheet saves them (semicolons, CRLF, a byte-order
# mark, Norwegian headers, an empty column and a blank row), counted by
# year, estimated by year with a re-selecting bootstrap, drawn, tabled for
# a report with Norwegian headers, and recomputed by mse-batch from cron's
# environment, twice, then with one year broken.  The README's tour is
# this session.
. "${top_srcdir:-.}/tests/cli/tap.sh"
bin=$builddir/cli
cd "$tmp" || exit 99

# The records: data/kom-sim-records.csv as a Norwegian spreadsheet saves
# it (data/README.md gives its true sizes).
{
	printf '\357\273\277'
	awk 'BEGIN { FS = ","; OFS = ";" }
	    NR == 1 { print "id", "år", "kjønn", "utnyttelse", "meldt av", ""
		next }
	    { $1 = $1; print $0, "" }
	    NR == 200 { print ";;;;;" }' "$srcdir/data/kom-sim-records.csv" |
	    sed 's/$/\r/'
} >rapporter.csv

# 1. Count each person once a year.
"$bin/mse-import" -i id,år -r 'meldt av' -b år rapporter.csv >tabell.csv \
    2>err
[ $? -eq 0 ] && [ "$(head -n 1 tabell.csv)" = \
    "år,Politiet,UDI,ROSA,Pro Sentret,Frelsesarmeen,count" ] &&
    grep -q 'warning: skipped 1 empty column after the last name and 1 row of empty fields' err
ok $? "mse-import: semicolons, CRLF, BOM, 'år' and 'meldt av'; the \
spreadsheet's empty column and row skipped with a warning" err

# 2. Each year and the total, with a bootstrap that repeats the BIC search.
"$bin/mse-fit" --by år -s bic -c bootstrap -B 100 --seed 1 tabell.csv \
    >anslag.csv 2>err
[ $? -eq 0 ] && [ "$(grep -c '^stratum,20' anslag.csv)" -eq 5 ] &&
    awk -F, '$1 == "total" && $6 + 0 > 4000 && $8 < $6 && $9 > $6 &&
	$16 == "ok" { t = 1 } END { exit !t }' anslag.csv
ok $? "mse-fit --by år --ci bootstrap: five years and a total whose \
interval holds it" err

# 3. The trend, with the total row left out; a posterior from one year.
"$bin/mse-plot" -k trend -T 'Anslått antall ofre' -o trend.png anslag.csv \
    2>err
[ $? -eq 0 ] && [ "$(od -An -tx1 -N4 trend.png | tr -d ' \n')" = 89504e47 ]
ok $? "mse-plot -k trend: a PNG of the years, the total left out" err
awk -F, 'NR == 1 || $1 == 2016' tabell.csv | cut -d, -f2- >t2016.csv
"$bin/mse-fit" -m lcm --samples 2000 --burnin 500 --seed 1 --draws \
    trekk.csv t2016.csv >lcm.csv 2>err &&
    "$bin/mse-plot" -k posterior -o posterior.png trekk.csv 2>>err
[ $? -eq 0 ] && [ "$(od -An -tx1 -N4 posterior.png | tr -d ' \n')" = \
    89504e47 ]
ok $? "mse-fit -m lcm --draws | mse-plot -k posterior: a PNG" err

# 4. A LaTeX table for the report, with Norwegian headers and the interval
# in the estimate's cell.
"$bin/mse-table" -f latex -c år,observed,estimate,lower,upper \
    -I estimate,lower,upper=Anslag -H observed=Identifisert,år=År \
    -t ' ' -p , -r 0 anslag.csv >tabell.tex 2>err
[ $? -eq 0 ] && grep -q 'År & Identifisert & Anslag' tabell.tex &&
    grep -q '\\midrule' tabell.tex && grep -q '(.*--.*)' tabell.tex
ok $? "mse-table -f latex: Norwegian headers, 'estimate (lower--upper)', a \
rule before the total" err

# 4b. The estimates checked, year by year (issue 16): six verdict lines
# for each of the five years.
"$bin/mse-check" --by år -p verdict -f csv -o sjekk.csv tabell.csv 2>err
[ $? -eq 0 ] && [ "$(grep -c '^20[0-9][0-9],' sjekk.csv)" -eq 30 ]
ok $? "mse-check --by år: a verdict of six checks for each year" err

# 5. The yearly job from cron's environment: mse-batch by its absolute
# path, its tools beside it, PATH=/usr/bin:/bin and nothing else.
mkdir -p job/bin inn
cp "$srcdir/scripts/mse-batch" job/bin/
for t in mse-import mse-fit mse-table mse-plot; do
	ln -s "$bin/$t" "job/bin/$t"
done
for y in 2012 2013 2014 2015 2016; do
	awk -F';' -v y="$y" 'NR == 1 || $2 == y' rapporter.csv >"inn/$y.csv"
done
printf 'input = records\nid = id\nreported_by = meldt av\nselect = bic\n' \
    >inn/batch.conf
cron() {
	env -i PATH=/usr/bin:/bin "$tmp/job/bin/mse-batch" -l "$tmp/$1" \
	    "$tmp/inn" "$tmp/ut" >"$tmp/cron.out" 2>&1
}
cron batch1.log
rc=$?
[ $rc -eq 0 ] && [ ! -s cron.out ] &&
    [ "$(grep -c '| ok |' ut/summary.md)" -eq 5 ] && [ -s ut/trend.png ]
ok $? "mse-batch from cron: five years ok, a chart, nothing printed" \
    batch1.log
cron batch2.log
[ $? -eq 0 ] && [ "$(grep -c 'up to date' batch2.log)" -eq 6 ]
ok $? "mse-batch again: nothing to recompute" batch2.log
printf 'id;år;kjønn\r\n1;2014\r\n' >inn/2014.csv
cron batch3.log
rc=$?
[ $rc -eq 1 ] && [ ! -s cron.out ] &&
    grep -q '| 2014 | failed | mse-import: .*2014.csv:' ut/summary.md &&
    [ "$(grep -c '| ok |' ut/summary.md)" -eq 4 ] &&
    grep -q '^2014,.*failed' ut/estimates.csv
ok $? "mse-batch with 2014 broken: exit 1, 2014 failed with its message, \
the other years kept, nothing printed" batch3.log
tap_done
