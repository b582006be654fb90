#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# batch.sh - scripts/mse-batch on the bundled data/batch/kom (TAP):
# outputs, incremental reruns, byte-identical results (also through GNU
# parallel --sshlogin ':'), failing years (each reported, a row in the
# tables, a gap in the chart), the columns and decimals of the tables,
# the lock, and usage errors.
set -u
: "${top_srcdir:=.}" "${top_builddir:=.}"
builddir=$(cd "$top_builddir" && pwd)
srcdir=$(cd "$top_srcdir" && pwd)
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
MSE_BIN=$builddir/cli
export MSE_BIN
batch=$srcdir/scripts/mse-batch
in=$srcdir/data/batch/kom
n=0
fail=0

ok() {
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		fail=1
	fi
}

# Every output file of a run, hashed, the lock and log left out.
hashes() {
	(cd "$1" && find . -type f ! -name .lock ! -name '*.log' | sort |
	    xargs sha256sum)
}

"$batch" -l "$tmp/a.log" "$in" "$tmp/a" >"$tmp/stdout" 2>"$tmp/stderr"
rc=$?
[ $rc -eq 0 ] && [ ! -s "$tmp/stdout" ] && [ ! -s "$tmp/stderr" ]
ok $? "a run exits 0, prints nothing, and logs to the log file"
all=0
for f in estimates.csv estimates.md estimates.tex trend.png trend.svg \
    summary.md; do
	[ -s "$tmp/a/$f" ] || { echo "# no $f"; all=1; }
done
ok $all "estimates (CSV), tables (Markdown, LaTeX), charts, summary"
[ "$(grep -c '^20[0-9][0-9],total,' "$tmp/a/estimates.csv")" -eq 5 ]
ok $? "estimates.csv has a total for each of the 5 years"

hashes "$tmp/a" >"$tmp/a.sum"
ls -l --time-style=full-iso -R "$tmp/a" >"$tmp/a.ls"
"$batch" -l "$tmp/a2.log" "$in" "$tmp/a" >"$tmp/stdout"
rc=$?
[ $rc -eq 0 ] && [ "$(grep -c 'up to date' "$tmp/a2.log")" -eq 6 ] &&
    ! grep -q computing "$tmp/a2.log"
ok $? "a rerun with nothing changed recomputes nothing"
ls -l --time-style=full-iso -R "$tmp/a" | cmp -s - "$tmp/a.ls"
ok $? "a rerun leaves every file untouched"

"$batch" -l "$tmp/b.log" "$in" "$tmp/b"
hashes "$tmp/b" | cmp -s - "$tmp/a.sum"
ok $? "the same inputs give byte-identical outputs"

if command -v parallel >/dev/null 2>&1; then
	"$batch" -j 2 -S : -l "$tmp/c.log" "$in" "$tmp/c"
	rc=$?
	[ $rc -eq 0 ] && hashes "$tmp/c" | cmp -s - "$tmp/a.sum"
	ok $? "years through GNU parallel --sshlogin ':' give the same bytes"
else
	ok 0 "# SKIP GNU parallel is not installed"
fi

# One year changes: only it and the reports are recomputed.
cp -R "$in" "$tmp/in"
sed -i '$d' "$tmp/in/2014.csv"
cp -R "$tmp/a" "$tmp/d"
"$batch" -l "$tmp/d.log" "$tmp/in" "$tmp/d"
[ "$(grep -c computing "$tmp/d.log")" -eq 1 ] &&
    grep -q '2014: computing' "$tmp/d.log" &&
    grep -q 'reports: writing' "$tmp/d.log"
ok $? "a changed year is recomputed, and only it"
# ... and the configuration: every year.
echo 'level = 0.9' >>"$tmp/in/batch.conf"
"$batch" -l "$tmp/e.log" "$tmp/in" "$tmp/d"
[ "$(grep -c computing "$tmp/e.log")" -eq 5 ]
ok $? "a changed configuration recomputes every year"

# A failing year: reported in the summary and the exit status.
cp -R "$in" "$tmp/bad"
printf 'id,year,gender,form,reported_by\n1,2013,kvinne,x\n' \
    >"$tmp/bad/2013.csv"
"$batch" -l "$tmp/f.log" "$tmp/bad" "$tmp/f" >"$tmp/stdout"
rc=$?
[ $rc -eq 1 ] && [ ! -s "$tmp/stdout" ] &&
    grep -q '| 2013 | failed | mse-import: .*2013.csv:2:' "$tmp/f/summary.md" &&
    grep -q '4 years, 1 failed\|5 years, 1 failed' "$tmp/f/summary.md"
ok $? "a failing year: exit 1, named with its message in the summary"
[ "$(grep -c ',total,' "$tmp/f/estimates.csv")" -eq 4 ] &&
    [ -s "$tmp/f/trend.png" ] && [ "$(grep -c '^2013,' "$tmp/f/estimates.csv")" -eq 1 ]
ok $? "the other years are still produced, the failed one in one row"
"$batch" -l "$tmp/f2.log" "$tmp/bad" "$tmp/f" >/dev/null
[ $? -eq 1 ] && grep -q '2013: up to date' "$tmp/f2.log"
ok $? "an unchanged failing year still fails the rerun"

# Every bad year is reported, not only the first: an input that is a
# directory (cannot be read), a ragged row, and too few lists in the last
# year; the others are still estimated.
cp -R "$in" "$tmp/bad3"
rm "$tmp/bad3/2012.csv"
mkdir "$tmp/bad3/2012.csv"
printf 'id,year,gender,form,reported_by\n1,2013,kvinne,x\n' \
    >"$tmp/bad3/2013.csv"
printf 'id,year,gender,form,reported_by\n1,2016,kvinne,x,Politiet\n' \
    >"$tmp/bad3/2016.csv"
"$batch" -l "$tmp/h.log" "$tmp/bad3" "$tmp/h" >"$tmp/stdout"
rc=$?
s=$tmp/h/summary.md
[ $rc -eq 1 ] && [ ! -s "$tmp/stdout" ] &&
    grep -q '^| 2012 | failed | mse-batch: .*2012\.csv: cannot read the input |$' "$s" &&
    grep -q '^| 2013 | failed | mse-import: .*2013\.csv:2:16: row has 4 fields; the header has 5 |$' "$s" &&
    grep -q '^| 2016 | failed | mse-import: .*2016\.csv: 1 list named in the records; at least 2 are needed |$' "$s" &&
    grep -q '^| 2014 | ok | |$' "$s" && grep -q '^| 2015 | ok | |$' "$s" &&
    grep -q '^5 years, 3 failed\.$' "$s"
ok $? "three bad years: each named with its own message, exit 1"
grep -q '2012: failed: mse-batch: .*cannot read' "$tmp/h.log" &&
    grep -q '2013: failed: mse-import' "$tmp/h.log" &&
    grep -q '2016: failed: mse-import' "$tmp/h.log"
ok $? "three bad years: each failure is in the log"
e=$tmp/h/estimates.csv
[ "$(grep -c '^2012,,,,,,,,,,,,,,,,failed,,"mse-batch: .*cannot read the input"$' "$e")" -eq 1 ] &&
    [ "$(grep -c '^2013,.*,failed,.*row has 4 fields' "$e")" -eq 1 ] &&
    [ "$(grep -c '^2016,.*,failed,' "$e")" -eq 1 ] &&
    [ "$(grep -c '^201[45],total,,loglinear,,[0-9]*,[0-9.]*,' "$e")" -eq 2 ]
ok $? "estimates.csv: a failed year is one row, status failed, no numbers"
grep -q '^| 2013 |  |  | [^|]* | [^|]* | – | – | .*| failed | ' "$tmp/h/estimates.md" &&
    grep -q '^Failed, no estimate: 2012, 2013, 2016 (see summary\.md)\.$' \
    "$tmp/h/estimates.md" &&
    grep -q 'Failed, no estimate: 2012, 2013, 2016' "$tmp/h/estimates.tex"
ok $? "estimates.md and .tex name the failed years"
# The chart gets the failed years with empty numbers, which mse-plot
# draws as gaps: the axis still runs from 2012 to 2016.
for y in 2012 2013 2014 2015 2016; do
	grep -q ">$y<" "$tmp/h/trend.svg" || { echo "# no $y on the axis"; false; }
done
ok $? "the chart's axis keeps the failed first and last years (gaps)"

# batch.conf chooses the columns and decimals of estimates.md and .tex.
cp -R "$in" "$tmp/cols"
printf 'columns = year,row,gender,estimate,lower,upper\ndigits = 0\n' \
    >>"$tmp/cols/batch.conf"
"$batch" -l "$tmp/i.log" "$tmp/cols" "$tmp/i"
rc=$?
m=$tmp/i/estimates.md
[ $rc -eq 0 ] &&
    [ "$(head -n 1 "$m")" = '| year | row | gender | estimate | lower | upper |' ] &&
    [ "$(grep -c '^| 20[0-9][0-9] | [a-z]* | [a-z]* | [0-9]* | [0-9]* | [0-9]* |$' "$m")" -eq 15 ] &&
    grep -q '^2016 & total &  & 1217 & 1002 & 1526 \\\\$' "$tmp/i/estimates.tex"
ok $? "columns = ... and digits = 0: those columns, whole numbers"
! tail -n +3 "$m" | grep -q '[0-9]\.[0-9]'
ok $? "digits = 0: no decimal point in estimates.md"
# A misspelt column stops the run before any year, naming the valid ones,
# and so does a bad digits.
printf 'columns = year,estimat,lower\ndigits = 18\n' >>"$tmp/cols/batch.conf"
"$batch" "$tmp/cols" "$tmp/j" >"$tmp/stdout" 2>"$tmp/stderr"
rc=$?
[ $rc -eq 1 ] && [ ! -s "$tmp/stdout" ] && [ ! -d "$tmp/j/years" ] &&
    grep -q "batch.conf:[0-9]*:1: columns: no column 'estimat' (the columns: year, row, gender, method, model, observed, estimate, se, lower, upper, level, df, deviance, aic, bic, aicc, status, selection, note)" "$tmp/stderr" &&
    grep -q "batch.conf:[0-9]*:1: digits: '18' is not a whole number of decimals from 0 to 17" "$tmp/stderr" &&
    ! grep -q computing "$tmp/stderr"
ok $? "a bad column or digits: every error, the valid columns, no year run"
# The columns mse-batch accepts are the columns estimates.csv has.
want=$(sed -n 's/.*(the columns: \(.*\))$/\1/p' "$tmp/stderr" | sed 's/, /,/g')
[ -n "$want" ] && [ "$want" = "$(head -n 1 "$tmp/a/estimates.csv")" ]
ok $? "the valid columns are estimates.csv's header"

# The lock.
flock "$tmp/a/.lock" sleep 3 &
lock=$!
sleep 0.5
"$batch" "$in" "$tmp/a" >"$tmp/stdout" 2>"$tmp/stderr"
rc=$?
wait $lock
[ $rc -eq 75 ] && [ ! -s "$tmp/stdout" ] && grep -q lock "$tmp/stderr"
ok $? "a second run while one holds the lock does nothing, exit 75"

"$batch" -p "$in" "$tmp/a" 2>/dev/null | grep -q '^| 2016 | ok'
ok $? "--print-summary prints the summary on stdout"
"$batch" >"$tmp/stdout" 2>"$tmp/stderr"
[ $? -eq 2 ] && [ ! -s "$tmp/stdout" ] && grep -q 'INDIR and OUTDIR' "$tmp/stderr"
ok $? "no operands: usage error, exit 2"
echo 'colour = red' >"$tmp/in/batch.conf"
"$batch" "$tmp/in" "$tmp/g" 2>"$tmp/stderr"
[ $? -eq 1 ] && grep -q "batch.conf:1:1: unknown key 'colour'" "$tmp/stderr"
ok $? "an unknown configuration key: FILE:LINE:COL, exit 1"

# Each example of mse-batch(1), run from a directory where data/ is the
# source tree's: it exits 0, and only -p prints anything.
mkdir "$tmp/man"
ln -s "$srcdir/data" "$tmp/man/data"
awk '/^\.Sh / { inex = ($2 == "EXAMPLES"); next }
    inex && /^\.Dl mse-batch / { sub(/^\.Dl /, ""); print }' \
    "$srcdir/man/mse-batch.1" | sed 's/\\-/-/g' >"$tmp/examples"
[ -s "$tmp/examples" ]
ok $? "mse-batch(1) has examples"
while IFS= read -r cmd; do
	case $cmd in
	*" -S "*|*" -j "*)
		if ! command -v parallel >/dev/null 2>&1; then
			ok 0 "# SKIP $cmd: GNU parallel is not installed"
			continue
		fi ;;
	esac
	(cd "$tmp/man" && PATH=$srcdir/scripts:$PATH &&
	    eval "$cmd") >"$tmp/stdout" 2>/dev/null
	rc=$?
	case $cmd in
	*" -p "*) grep -q '^| 2016 | ok' "$tmp/stdout" ;;
	*) [ ! -s "$tmp/stdout" ] ;;
	esac
	[ $? -eq 0 ] && [ $rc -eq 0 ]
	ok $? "mse-batch(1) example: $cmd"
done <"$tmp/examples"

# --- issue 18: the input a year is computed from, and line breaks --------
# A year is computed from a copy of its input, read once; its messages
# still name the input itself, not the copy.
mkdir -p "$tmp/nl/in"
cp "$in/batch.conf" "$in/2012.csv" "$tmp/nl/in/"
printf 'id,year,gender,form,reported_by\n1,2013,kvinne,x,Politiet\n2,2013\n' \
    >"$tmp/nl/in/2013.csv"
"$batch" -l "$tmp/nl.log" "$tmp/nl/in" "$tmp/nl/out" >/dev/null 2>&1
grep -q "| 2013 | failed | mse-import: $tmp/nl/in/2013.csv:3:" \
    "$tmp/nl/out/summary.md" && ! grep -rq '/mse-batch\.' "$tmp/nl/out"
ok $? "a failed year's message names its input file, not the copy read"

# A stratum value that holds a line break (a quoted CSV field) survives
# the merge into estimates.csv: the year goes before each record only.
awk 'NR == 1 { print; next }
    { gsub(/,kvinne,/, ",\"kvin\nne\","); print }' "$in/2012.csv" \
    >"$tmp/nl/in/2012.csv"
rm -f "$tmp/nl/in/2013.csv"
"$batch" -l "$tmp/nl2.log" "$tmp/nl/in" "$tmp/nl/out2" >/dev/null 2>&1
awk '/^2012,/ { n++ } END { exit !(n == 3) }' \
    "$tmp/nl/out2/estimates.csv" && ! grep -q '^2012,ne"' \
    "$tmp/nl/out2/estimates.csv" && grep -q '^ne"' "$tmp/nl/out2/estimates.csv"
ok $? "a stratum value with a line break: one year prefix per record"

# On a terminal with -l, the years' progress goes to the terminal, and
# nothing else does (script(1) gives it one).
if command -v script >/dev/null 2>&1; then
	script -qc "'$batch' -l '$tmp/tty.log' '$in' '$tmp/tty'" /dev/null \
	    >"$tmp/tty.out" 2>&1 </dev/null
	tr '\r' '\n' <"$tmp/tty.out" | grep -q 'year 2016, 5 of 5' &&
	    ! grep -q 'computing' "$tmp/tty.out" && grep -q computing "$tmp/tty.log"
	ok $? "mse-batch -l on a terminal: the years' progress, the log apart"
fi

# select = path is a search path, not one estimate a year: refused up
# front, naming the line, and no year is run.
mkdir -p "$tmp/pathconf" && cp "$in"/*.csv "$tmp/pathconf/" &&
    sed 's/^select = .*/select = path/' "$in/batch.conf" \
    >"$tmp/pathconf/batch.conf"
"$batch" "$tmp/pathconf" "$tmp/pathout" >"$tmp/stdout" 2>"$tmp/stderr"
[ $? -eq 1 ] && [ ! -d "$tmp/pathout/years" ] &&
    grep -q "batch.conf:[0-9]*:1: select: 'path' prints a search path" \
    "$tmp/stderr"
ok $? "select = path: refused with the line and the reason, no year run"

# covariates = yes: one model across the genders each year, which takes
# the records whose gender is missing (data/kom-sim-records-na.csv) by
# EM; with covariates = no the same years stop at the first missing value.
mkdir -p "$tmp/na"
for y in 2012 2013 2014 2015 2016; do
	awk -F, -v y=$y 'NR == 1 || $2 == y' \
	    "$srcdir/data/kom-sim-records-na.csv" >"$tmp/na/$y.csv"
done
cat >"$tmp/na/batch.conf" <<'EOT'
input = records
id = id
reported_by = reported_by
strata = gender
covariates = yes
model = Politiet:UDI
absent = ROSA:gender=mann
EOT
"$batch" "$tmp/na" "$tmp/naout" >"$tmp/stdout" 2>"$tmp/stderr"
[ $? -eq 0 ] && [ "$(grep -c '^20[0-9]*,total,' \
    "$tmp/naout/estimates.csv")" -eq 5 ] &&
    grep -q 'had a missing covariate value, spread by EM' \
    "$tmp/naout/estimates.csv"
ok $? "covariates = yes: every year fitted by EM over its missing genders"
sed 's/^covariates = yes/covariates = no/' "$tmp/na/batch.conf" \
    >"$tmp/na/b2.conf"
"$batch" -c "$tmp/na/b2.conf" "$tmp/na" "$tmp/naout2" >"$tmp/stdout" \
    2>"$tmp/stderr"
[ $? -eq 1 ] && grep -q "missing value (empty or NA) of stratum 'gender'" \
    "$tmp/stderr"
ok $? "covariates = no: a year with a missing gender fails, saying why"
sed 's/^covariates = yes/covariates = maybe/' "$tmp/na/batch.conf" \
    >"$tmp/na/b3.conf"
"$batch" -c "$tmp/na/b3.conf" "$tmp/na" "$tmp/naout3" >"$tmp/stdout" \
    2>"$tmp/stderr"
[ $? -eq 1 ] && grep -q "b3.conf:5:1: covariates: 'maybe' must be 'yes'" \
    "$tmp/stderr"
ok $? "covariates = maybe: a configuration error at its line"

# A year that succeeds with warnings: each is logged under the year
# (data/Artificial_3.csv: lists A and C, B and C share no unit, which
# mse-fit -m dga warns of).
mkdir "$tmp/warn"
cp "$srcdir/data/Artificial_3.csv" "$tmp/warn/2020.csv"
printf 'method = dga\n' >"$tmp/warn/batch.conf"
"$batch" -l "$tmp/warn.log" "$tmp/warn" "$tmp/warnout" >"$tmp/stdout" \
    2>"$tmp/stderr"
[ $? -eq 0 ] && grep -q '2020: done$' "$tmp/warn.log" &&
    grep -q '2020: warning: 2 pairs of lists share no unit (A and C, B and C)' \
    "$tmp/warn.log" && [ ! -s "$tmp/stdout" ] && [ ! -s "$tmp/stderr" ]
ok $? "a year done with warnings: each in the log under the year"

echo "1..$n"
exit $fail
