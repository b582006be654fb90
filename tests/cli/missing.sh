#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# missing.sh - covariates with missing values (issue 17, item 1): records
# whose gender is empty or NA stay missing through mse-import and into
# the covariate model, which mse-fit fits by EM with Louis's observed
# information.
#
# Reference values: scripts/em-reference.R (R 4.2.2, an EM written from
# the definition on base R's glm, Louis's covariance checked there against
# optimHess), its output in tests/data/em-reference.csv.  Each stratum's
# N, the total's, their standard errors and the AIC agree at 1e-6
# relative (the issue's tolerance for the covariate model's fits; they
# agree to about 1e-9, R's numerical gradient of N being the limit).  The
# table is data/kom-sim-records-na.csv counted by year and gender:
# mse-import -i id -r reported_by -b year,gender.
#
# The simulation check of the issue: 200 seeds of a KOM-like population
# where 15% of the genders are lost at random (mse-sim --missing); the EM
# estimate of every stratum and of the total lies within 2 of its
# standard errors of the fit to the same data before the values were lost.
. "${top_srcdir:-.}/tests/cli/tap.sh"
fit=$builddir/cli/mse-fit
import=$builddir/cli/mse-import
sim=$builddir/cli/mse-sim
ref=$srcdir/tests/data/em-reference.csv
kom=$srcdir/tests/data/kom-year-gender-na.csv

# compare CASE FILE: mse-fit's CSV against the reference rows.
compare() {
	head -n 1 "$2" | tr ',' '\n' >"$tmp/names"
	awk -F, -v c="$1" '
	FILENAME == ARGV[1] { hn[FNR] = $0; h[$0] = FNR; next }
	FILENAME == ARGV[2] { if ($1 == c) want[$2 "/" $3] = $4; next }
	FNR == 1 { next }
	{
		key = "total"
		if ($1 != "total") {
			key = ""
			for (j = 2; j < h["method"]; j++)
				key = key (key == "" ? "" : ";") hn[j] "=" $j
		} else
			got["aic/value"] = $h["aic"]
		got[key "/estimate"] = $h["estimate"]
		got[key "/se"] = $h["se"]
	}
	END {
		bad = 0; n = 0
		for (k in want) {
			n++
			d = got[k] - want[k]; if (d < 0) d = -d
			w = want[k]; if (w < 0) w = -w
			if (!(k in got) || d > 1e-6 * w) {
				print "# " k ": got " got[k] ", want " want[k]
				bad = 1
			}
		}
		exit bad || n != 23
	}' "$tmp/names" "$ref" "$2"
}

run() {
	name=$1
	shift
	"$fit" -f csv -D 17 --covariates year,gender --absent ROSA:gender=mann \
	    "$@" "$kom" >"$tmp/$name.csv" 2>"$tmp/$name.err" &&
	    compare "$name" "$tmp/$name.csv" >"$tmp/$name.cmp" 2>&1
}

run true-model -M Politiet:UDI
ok $? "EM, the true model: every N, its SE and the AIC as R's EM (1e-6)" \
    "$tmp/true-model.cmp"
run list-gender -M 'Politiet:UDI + Politiet:gender + UDI:gender +
    `Pro Sentret`:gender'
ok $? "EM with list x gender terms: as R's EM (1e-6)" "$tmp/list-gender.cmp"
run trend --trend year:2 -M 'Politiet:UDI + UDI:gender + year:gender'
ok $? "EM with a quadratic year trend: as R's EM (1e-6)" "$tmp/trend.cmp"

grep -q '427 of 2175 units (19.6%) had a missing covariate value' \
    "$tmp/true-model.csv"
ok $? "the note says how many units had a missing value" \
    "$tmp/true-model.csv"
grep -q 'fraction of missing information 0\.[0-9]* on the total, up to 0\.1[0-9]* on a stratum' \
    "$tmp/list-gender.csv"
ok $? "the note gives the fraction of missing information" \
    "$tmp/list-gender.csv"

# mse-import keeps missing as missing: an empty field or NA, and a value
# another report of the same person gives.
printf 'id;year;gender;reported_by\r\n1;2015;kvinne;Politiet\r\n' \
    >"$tmp/rec.csv"
printf '2;2015;;Politiet|UDI\r\n3;2015;NA;UDI\r\n3;2015;;ROSA\r\n' \
    >>"$tmp/rec.csv"
printf '4;2016;;Politiet\r\n4;2016;mann;UDI\r\n5;2016;Kåre;UDI\r\n' \
    >>"$tmp/rec.csv"
"$import" -d ';' -i id -r reported_by -b year,gender "$tmp/rec.csv" \
    >"$tmp/rec.out" 2>"$tmp/rec.err"
cat >"$tmp/rec.want" <<'EOT'
year,gender,Politiet,UDI,ROSA,count
2015,kvinne,1,0,0,1
2016,Kåre,0,1,0,1
2016,mann,1,1,0,1
2015,NA,1,1,0,1
2015,NA,0,1,1,1
EOT
cmp -s "$tmp/rec.out" "$tmp/rec.want"
ok $? "mse-import: empty and NA stay missing; another report's value fills one" \
    "$tmp/rec.out"
printf 'id,year,gender,reported_by\n1,2015,,Politiet\n1,2015,kvinne,UDI\n1,2015,mann,ROSA\n' \
    >"$tmp/conflict.csv"
"$import" -i id -r reported_by -b year,gender "$tmp/conflict.csv" \
    >"$tmp/conflict.out" 2>"$tmp/conflict.err"
[ $? -eq 1 ] && [ ! -s "$tmp/conflict.out" ] &&
    grep -q "conflict.csv:4:.*person '1' has gender 'mann' here but 'kvinne'" \
    "$tmp/conflict.err"
ok $? "mse-import: two known values that differ are still an error" \
    "$tmp/conflict.err"

# --by cannot place them: an error at the row, with a hint; --covariates
# takes them.
"$fit" --by year,gender "$kom" >"$tmp/by.out" 2>"$tmp/by.err"
[ $? -eq 1 ] && [ ! -s "$tmp/by.out" ] &&
    grep -q "kom-year-gender-na.csv:144:6: a missing value (empty or NA) of stratum 'gender': only a covariate model" "$tmp/by.err"
ok $? "--by with a missing value: an error at file:line:column" "$tmp/by.err"

# The chain as a user runs it: a spreadsheet's export (semicolons, CRLF,
# Norwegian names, no 2014) with genders missing, into the covariate model
# with a trend, its subgroup table, a report table and a chart.
awk 'BEGIN { FS = ","; OFS = ";" }
    NR == 1 { print "id", "år", "kjønn", "utnyttelse", "meldt av"; next }
    $2 != 2014 { $1 = $1; print }' "$srcdir/data/kom-sim-records-na.csv" |
    sed 's/$/\r/' >"$tmp/rapporter.csv"
"$import" -i id,år -r 'meldt av' -b år,kjønn "$tmp/rapporter.csv" \
    >"$tmp/tabell.csv" 2>"$tmp/chain.err" &&
"$fit" --covariates år,kjønn --trend år -M 'Politiet:UDI + UDI:kjønn' \
    --absent ROSA:kjønn=mann --subgroups kjønn --within år -B 200 -f csv \
    "$tmp/tabell.csv" >"$tmp/sub.csv" 2>>"$tmp/chain.err" &&
"$builddir/cli/mse-table" -f md "$tmp/sub.csv" >"$tmp/sub.md" \
    2>>"$tmp/chain.err" &&
"$builddir/cli/mse-plot" -k trend --group kjønn -o "$tmp/sub.png" \
    "$tmp/sub.csv" 2>>"$tmp/chain.err"
[ $? -eq 0 ] && grep -q '^NA\|,NA,' "$tmp/tabell.csv" &&
    [ "$(grep -c '^subgroup,20' "$tmp/sub.csv")" -eq 12 ] &&
    ! grep -q '2014' "$tmp/sub.csv" &&
    grep -q '| subgroup | 2016 | kvinne |' "$tmp/sub.md" &&
    [ "$(od -An -tx1 -N4 "$tmp/sub.png" | tr -d ' \n')" = 89504e47 ]
ok $? "semicolons, CRLF, 'kjønn', no 2014: import, EM with a trend, subgroups, table and chart" \
    "$tmp/chain.err"

# Rates per 100,000 of each subgroup, by Statistics Norway's population
# by year and sex (data/ssb-population.csv); by hand: a rate is the
# estimate x 100000 / the population of its row.  A gender row against a
# table of everyone gets no rate.
"$fit" --covariates year,gender -M 'Politiet:UDI + UDI:gender' \
    --absent ROSA:gender=mann --subgroups gender --within year -B 200 -f csv \
    -D 17 "$kom" >"$tmp/sg.csv" 2>"$tmp/rates.err" &&
"$builddir/cli/mse-prevalence" -p "$srcdir/data/ssb-population.csv" \
    -k year,gender -n 100000 -f csv -D 17 "$tmp/sg.csv" >"$tmp/rates.csv" \
    2>>"$tmp/rates.err" &&
"$builddir/cli/mse-prevalence" -p "$srcdir/data/gsi2018.csv" -k year \
    -n 100000 -f csv "$tmp/sg.csv" >"$tmp/gsi.csv" 2>>"$tmp/rates.err"
[ $? -eq 0 ] && awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next }
    $2 == 2014 && $3 == "kvinne" { d = $h["prevalence"] - \
	$h["estimate"] * 100000 / 2541600; if (d < 0) d = -d
	if (d < 1e-9 * $h["prevalence"] && $h["status"] == "ok") a = 1 }
    $2 == 2013 && $3 == "" { if ($h["population"] == 5051275) b = 1 }
    $2 == 2016 && $3 == "mann" { if ($h["status"] == "no matching population") c = 1 }
    END { exit !(a && b && c) }' "$tmp/rates.csv" &&
    grep -q '^subgroup,2016,kvinne,.*no population by gender: the table' \
    "$tmp/gsi.csv"
ok $? "rates per 100,000 by year and sex, each naming its population row; none from everyone's" \
    "$tmp/rates.err"

# A missing year, spread by EM, into mse-counts -e: each year's estimate
# joined to KOM's published count, as mse-fit printed it.
awk -F, 'BEGIN { OFS = "," } NR > 1 && NR % 7 == 0 { $1 = "NA" } { print }' \
    "$srcdir/tests/data/kom-year-gender.csv" >"$tmp/yna.csv"
"$fit" --covariates year -l "Politiet,UDI,ROSA,Pro Sentret,Frelsesarmeen" \
    -M Politiet:UDI -f csv -D 17 "$tmp/yna.csv" >"$tmp/yna-est.csv" \
    2>"$tmp/counts.err" &&
"$builddir/cli/mse-counts" -q -f csv -D 17 -e "$tmp/yna-est.csv" \
    "$srcdir/data/kom-annual.csv" >"$tmp/yna-counts.csv" 2>>"$tmp/counts.err"
[ $? -eq 0 ] && awk -F, 'FNR == 1 { for (i = 1; i <= NF; i++) h[FILENAME, $i] = i
	next }
    FILENAME == ARGV[1] && $1 == "stratum" { est[$2] = $h[ARGV[1], "estimate"]
	next }
    FILENAME == ARGV[2] && ($1 in est) { n++
	if ($h[ARGV[2], "estimate"] != est[$1] || $NF != "ok") bad = 1 }
    END { exit bad || n != 5 }' "$tmp/yna-est.csv" "$tmp/yna-counts.csv"
ok $? "a missing year spread by EM, into mse-counts -e: five years joined, estimates as fitted" \
    "$tmp/counts.err"

# The simulation check.
lists='Politiet=0.2,UDI=0.12,ROSA=0.1,Pro Sentret=0.08,Frelsesarmeen=0.05'
model='Politiet:UDI + Politiet:gender + UDI:gender'
: >"$tmp/sim.txt"
seed=1
while [ $seed -le 200 ]; do
	for m in full na; do
		if [ $m = na ]; then set -- --missing 'gender=0.15'; else set --; fi
		"$sim" -n 300 -l "$lists" -M 'Politiet:UDI=0.5' \
		    -b 'year=2014..2016' -b 'gender=kvinne:0.7,mann:0.3' "$@" \
		    -s $seed -f csv >"$tmp/s.csv" &&
		"$fit" -f csv -D 17 --covariates year,gender -M "$model" \
		    "$tmp/s.csv" >"$tmp/s.$m" || echo "seed $seed $m failed"
	done
	paste -d, "$tmp/s.full" "$tmp/s.na" | awk -F, -v s=$seed 'NR > 1 {
		n = NF / 2
		d = $7 - $(n + 7); if (d < 0) d = -d
		print s, $1, $2, $3, d, $(n + 8), (d <= 2 * $(n + 8))
	}' >>"$tmp/sim.txt"
	seed=$((seed + 1))
done
awk '$NF != 1 { bad++; print "# seed " $1 ": " $2 " " $3 " " $4 \
    " differs by " $5 ", SE " $6 } $NF == 1 { good++ }
    END { print "# " good " of " good + bad " estimates within 2 SE"
    exit !(good + bad == 1400 && bad == 0) }' "$tmp/sim.txt" \
    >"$tmp/sim.cmp"
ok $? "200 seeds, 15% of genders lost: every EM N within 2 SE of the complete data's" \
    "$tmp/sim.cmp"
tap_done
