#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# plot.sh - mse-plot renders every terminal, and no text from data runs.
#
# A TAP test.  The rendering and safety checks need gnuplot and are skipped,
# not failed, without it (CI installs gnuplot-nox with scripts/install-deps);
# the SVG check also needs xmllint (libxml2-utils).  gnuplot runs from a
# scratch directory, so that a command smuggled in a label would leave a
# file there, or at the absolute path it names.
set -u
: "${top_srcdir:=.}" "${top_builddir:=.}"
srcdir=$(cd "$top_srcdir" && pwd) || exit 99
builddir=$(cd "$top_builddir" && pwd) || exit 99
plot=$builddir/cli/mse-plot
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
		[ -n "${3:-}" ] && [ -s "$3" ] && sed 's/^# */# /;s/^/# /' "$3"
	fi
}

skip() {
	n=$((n + 1))
	echo "ok $n # SKIP $1"
}

data=$srcdir/tests/data
gp=${GNUPLOT:-gnuplot}
have_gp=0
command -v "$gp" >/dev/null 2>&1 && have_gp=1
have_xmllint=0
command -v xmllint >/dev/null 2>&1 && have_xmllint=1

# --- without gnuplot ------------------------------------------------------
GNUPLOT=$tmp/no-such-gnuplot "$plot" -k trend -o "$tmp/none.png" \
    "$data/estimates-trend.csv" >"$tmp/out" 2>"$tmp/err"
rc=$?
[ $rc -eq 1 ] && [ ! -e "$tmp/none.png" ] && [ ! -s "$tmp/out" ] &&
    grep -q 'not found. Install gnuplot (Debian: apt-get install gnuplot-nox)' \
    "$tmp/err" && grep -q -- '--script' "$tmp/err"
ok $? "gnuplot missing: exit 1, no file, and how to get it" "$tmp/err"

GNUPLOT=$tmp/no-such-gnuplot "$plot" -k trend --script \
    "$data/estimates-trend.csv" >"$tmp/out" 2>"$tmp/err"
[ $? -eq 0 ] && grep -q '^plot \$data' "$tmp/out"
ok $? "--script needs no gnuplot" "$tmp/err"

echo keep >"$tmp/keep.png"
GNUPLOT=false "$plot" -k trend -o "$tmp/keep.png" \
    "$data/estimates-trend.csv" >/dev/null 2>"$tmp/err"
[ $? -eq 1 ] && [ "$(cat "$tmp/keep.png")" = keep ] &&
    grep -q 'failed (exit status 1); nothing written' "$tmp/err" &&
    [ "$(find "$tmp" -name '.mse-plot-*' | wc -l)" -eq 0 ]
ok $? "gnuplot failing: exit 1, the old file kept" "$tmp/err"

GNUPLOT=false "$plot" -k trend -o "$tmp/keep.tex" \
    "$data/estimates-trend.csv" >/dev/null 2>"$tmp/err"
[ $? -eq 1 ] && [ ! -e "$tmp/keep.tex" ] &&
    [ "$(find "$tmp" -name '.mse-plot-*' | wc -l)" -eq 0 ]
ok $? "gnuplot failing on .tex: no file, no temporary directory" "$tmp/err"

# KOM's counts joined to yearly estimates, then drawn: the estimate with its
# band, and the number identified from the joined column.
"$builddir/cli/mse-counts" -q -e "$data/estimates-trend.csv" \
    "$srcdir/data/kom-annual.csv" | "$plot" -k trend --script >"$tmp/out" \
    2>"$tmp/err"
[ $? -eq 0 ] && grep -q "using 1:3:4 with filledcurves" "$tmp/out" &&
    grep -q "using 1:5 .* title 'identified'" "$tmp/out" &&
    grep -q '^2016 700 420 1400 262 NaN NaN$' "$tmp/out" &&
    grep -q '^2011 NaN NaN NaN 274 NaN NaN$' "$tmp/out"
ok $? "mse-counts --estimates | mse-plot -k trend: band and identified" \
    "$tmp/err"

# --- the charts that cannot mislead (issue "The pipeline composes") ------
# block FILE NAME: the lines of data block NAME in gnuplot script FILE.
block() {
	awk -v b="$2 << EOD" '$0 == b { on = 1; next }
	    on && $0 == "EOD" { exit } on { print }' "$1"
}
kj=$data/plot-est-kjonn.csv

# mse-fit --by year,gender: one line per gender with --group, refused
# without it (one line would zig-zag between the genders).
bin=$builddir/cli
"$bin/mse-import" -i id,year -r reported_by -b year,gender \
    "$srcdir/data/kom-sim-records.csv" 2>"$tmp/err" |
    "$bin/mse-fit" --by year,gender >"$tmp/yg.csv" 2>>"$tmp/err"
"$plot" -k trend --script "$tmp/yg.csv" >"$tmp/out" 2>"$tmp/err"
[ $? -eq 1 ] && [ ! -s "$tmp/out" ] && grep -q -- '--group gender' "$tmp/err"
ok $? "year,gender without --group: exit 1, the message names --group" \
    "$tmp/err"
"$plot" -k trend --group gender --script "$tmp/yg.csv" >"$tmp/gp" \
    2>"$tmp/err"
[ $? -eq 0 ] && [ "$(block "$tmp/gp" '$group1' | wc -l)" -eq 5 ] &&
    [ "$(block "$tmp/gp" '$group2' | wc -l)" -eq 5 ] &&
    ! grep -q '^\$data' "$tmp/gp" && ! grep -q '^4264' "$tmp/gp" &&
    [ "$(grep -c "using 1:2 with linespoints" "$tmp/gp")" -eq 2 ] &&
    grep -q "title 'kvinne: estimated'" "$tmp/gp" &&
    grep -q "title 'mann: 95% interval'" "$tmp/gp"
ok $? "mse-fit --by year,gender | mse-plot --group gender: a block, band and line per group, no total" "$tmp/err"

"$plot" -k trend --group kjønn --script "$kj" >"$tmp/gp" 2>"$tmp/err"
[ $? -eq 0 ] && block "$tmp/gp" '$group2' >"$tmp/b2" &&
    [ "$(sed -n 3p "$tmp/b2")" = "2014 NaN NaN NaN NaN NaN NaN" ] &&
    [ "$(wc -l <"$tmp/b2")" -eq 5 ] &&
    ! block "$tmp/gp" '$group1' | cut -d' ' -f1-5 | grep -q NaN &&
    [ "$(grep -c 'with filledcurves' "$tmp/gp")" -eq 2 ]
ok $? "--group kjønn: mann's missing 2014 is a NaN gap in its block only" \
    "$tmp/err"

# A year between two gaps (or alone) has an interval no band can draw: it
# is repeated in two more columns and drawn as an error bar (issue 14).
printf 'year,estimate,lower,upper\n2012,900,800,1100\n2013,,,\n2014,1000,900,1200\n2015,1050,950,1300\n' \
    >"$tmp/iso.csv"
"$plot" -k trend --script "$tmp/iso.csv" >"$tmp/gp" 2>"$tmp/err"
[ $? -eq 0 ] && grep -q '^2012 900 800 1100 NaN 800 1100$' "$tmp/gp" &&
    grep -q '^2014 1000 900 1200 NaN NaN NaN$' "$tmp/gp" &&
    grep -q 'using 1:2:6:7 with yerrorbars' "$tmp/gp"
ok $? "trend: 2012, alone before a gap, gets an error bar; 2014-2015 a band" \
    "$tmp/err"

# dga's posterior on its grid: bars, and the median and interval marks
# that mse-fit prints (dga 2.0.2's example: 616, 588 to 655).
"$bin/mse-fit" -m dga --delta 0.5 --nmax 2537 --posterior "$tmp/post.csv" \
    -f csv -o "$tmp/dga.csv" "$srcdir/data/Congenital.csv" 2>"$tmp/err" &&
    "$plot" -k posterior --script "$tmp/post.csv" >"$tmp/gp" 2>>"$tmp/err"
[ $? -eq 0 ] && [ "$(sed -n 2p "$tmp/dga.csv" | cut -d, -f6,7,9)" = \
    588,655,616 ] && grep -q "title 'posterior median: 616'" "$tmp/gp" &&
    grep -q "title '95% central interval: 588 to 655'" "$tmp/gp" &&
    grep -q 'using 1:2 with boxes' "$tmp/gp"
ok $? "mse-fit -m dga --posterior | mse-plot -k posterior: mse-fit's median \
and interval" "$tmp/err"

# The estimate and interval of the fit that wrote the replicates.
"$bin/mse-fit" --ci bootstrap -B 40 --threads 1 --write-replicates \
    "$tmp/reps.csv" -o "$tmp/fit.csv" "$srcdir/data/Western.csv" 2>"$tmp/err"
"$plot" -k bootstrap --fit "$tmp/fit.csv" --script "$tmp/reps.csv" \
    >"$tmp/gp" 2>>"$tmp/err"
est=$(awk -F, 'NR == 2 { print $4 }' "$tmp/fit.csv")
lo=$(awk -F, 'NR == 2 { print $6 }' "$tmp/fit.csv")
[ -n "$est" ] && [ "$(block "$tmp/gp" '$estimate')" = "$est" ] &&
    [ "$(block "$tmp/gp" '$interval' | head -n 1)" = "$lo" ] &&
    grep -q "vectors nohead .* title 'estimate: " "$tmp/gp" &&
    grep -q "title '95% BCa interval: [0-9]* to [0-9]*'" "$tmp/gp"
ok $? "mse-fit --write-replicates | mse-plot -k bootstrap --fit: estimate and BCa interval lines" "$tmp/err"

# The posterior median and interval are mse-fit's (type 7 quantiles).
"$bin/mse-fit" -m lcm --chains 2 --samples 300 --burnin 500 --threads 1 \
    --draws "$tmp/draws.csv" -f csv "$srcdir/data/Western.csv" \
    >"$tmp/lcm.csv" 2>/dev/null
"$plot" -k posterior --script "$tmp/draws.csv" >"$tmp/gp" 2>"$tmp/err"
med=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i }
    NR == 2 { print $c["median"] }' "$tmp/lcm.csv")
[ -n "$med" ] && [ "$(block "$tmp/gp" '$estimate')" = "$med" ] &&
    grep -q "title 'posterior median: " "$tmp/gp" &&
    grep -q "title '95% central interval: " "$tmp/gp" &&
    grep -q "title '600 draws, 2 chains'" "$tmp/gp" &&
    [ "$(block "$tmp/gp" '$data' | wc -l)" -eq 600 ]
ok $? "mse-fit -m lcm --draws | mse-plot -k posterior: mse-fit's median" \
    "$tmp/err"

"$plot" -k lists --script "$data/plot-lists-norsk.csv" >"$tmp/gp" \
    2>"$tmp/err" &&
    grep -q '^set xtics rotate by 45 right$' "$tmp/gp" &&
    grep -q "^set xtics ('Politiet og påtalemyndigheten' 0," "$tmp/gp" &&
    "$plot" -k lists --script "$srcdir/data/UKdat.csv" >"$tmp/gp2" &&
    ! grep -q 'rotate' "$tmp/gp2"
ok $? "lists: long names turned 45 degrees; short ones (UKdat) are not" \
    "$tmp/err"

if [ $have_gp -eq 0 ]; then
	for t in png svg pdf tex dumb kinds safety-png safety-tex \
	    safety-svg safety-script new-kinds tex-pipe-dir percent-png \
	    percent-tex; do
		skip "$t: gnuplot ($gp) is not installed"
	done
	echo "1..$n"
	exit $fail
fi

# --- rendering ------------------------------------------------------------
"$plot" -k trend -o "$tmp/t.png" "$data/estimates-trend.csv" 2>"$tmp/err"
[ $? -eq 0 ] && [ "$(od -An -tx1 -N8 "$tmp/t.png" | tr -d ' \n')" = \
    89504e470d0a1a0a ]
ok $? "trend .png: the PNG signature (RFC 2083)" "$tmp/err"

"$plot" -k trend -o "$tmp/t.svg" "$data/estimates-trend.csv" 2>"$tmp/err"
if [ $? -ne 0 ]; then
	ok 1 "trend .svg: written" "$tmp/err"
elif [ $have_xmllint -eq 1 ]; then
	xmllint --noout "$tmp/t.svg" 2>"$tmp/err" && grep -q '<svg' "$tmp/t.svg"
	ok $? "trend .svg: well-formed XML (xmllint)" "$tmp/err"
else
	skip "trend .svg: xmllint is not installed"
fi

"$plot" -k trend -o "$tmp/t.pdf" "$data/estimates-trend.csv" 2>"$tmp/err"
[ $? -eq 0 ] && [ "$(head -c 5 "$tmp/t.pdf")" = "%PDF-" ]
ok $? "trend .pdf: starts %PDF-" "$tmp/err"

mkdir "$tmp/figs"
(cd "$tmp" && "$plot" -k trend -o figs/t.tex "$data/estimates-trend.csv") \
    2>"$tmp/err"
[ $? -eq 0 ] && [ -s "$tmp/figs/t.tex" ] &&
    [ "$(head -c 5 "$tmp/figs/t.pdf")" = "%PDF-" ] &&
    grep -q 'includegraphics.*{figs/t}' "$tmp/figs/t.tex" &&
    [ "$(find "$tmp" -name '.mse-plot-*' | wc -l)" -eq 0 ]
ok $? "trend .tex: the .tex includes figs/t, the .pdf beside it" "$tmp/err"

"$plot" -k trend -o - "$data/estimates-trend.csv" >"$tmp/out" 2>"$tmp/err"
[ $? -eq 0 ] && grep -q 'year' "$tmp/out" && grep -q '2016' "$tmp/out"
ok $? "trend -o -: a text chart on stdout" "$tmp/err"

rc=0
for k in "models $data/models-western.csv" \
    "overlap $srcdir/data/Western.csv" "lists $srcdir/data/UKdat.csv" \
    "bootstrap $data/bootstrap-western.csv" \
    "prevalence $data/index-fictional.csv"; do
	set -- $k
	"$plot" -k "$1" -o "$tmp/k-$1.png" "$2" 2>>"$tmp/err" &&
	    [ "$(od -An -tx1 -N8 "$tmp/k-$1.png" | tr -d ' \n')" = \
	    89504e470d0a1a0a ] || rc=1
done
ok $rc "models, overlap, lists, bootstrap, prevalence: PNGs" "$tmp/err"

# The charts changed for issue "The pipeline composes", as PNGs.
rc=0
: >"$tmp/err"
for k in "trend --group kjønn $kj" "trend --group kjønn --bars $kj" \
    "bootstrap --fit $data/plot-fit-norsk.csv $data/plot-boot-norsk.csv" \
    "posterior $data/plot-draws-norsk.csv" \
    "lists $data/plot-lists-norsk.csv"; do
	set -- $k
	png=$tmp/new-$1-$#.png
	"$plot" -k "$@" -o "$png" 2>>"$tmp/err" && [ -s "$png" ] &&
	    [ "$(od -An -tx1 -N8 "$png" | tr -d ' \n')" = \
	    89504e470d0a1a0a ] || rc=1
done
[ $rc -eq 0 ] && [ ! -s "$tmp/err" ]
ok $? "trend --group, bootstrap --fit, posterior, long list names: PNGs, gnuplot silent" "$tmp/err"

# --- safety: labels from data never run a command -------------------------
s=$tmp/scratch
mkdir "$s"
# Labels naming absolute paths too, in case a command ran elsewhere.
{
	echo 'model,estimate,lower,upper,aic,bic,chosen'
	printf '"`touch %s/pwned-abs`",1,0,2,1,2,1\n' "$s"
	printf '"x\nsystem(""touch %s/pwned-abs2"")",2,1,3,2,3,0\n' "$s"
} >"$tmp/abs.csv"
run_all() {	# terminal extension
	"$plot" -k models -o "out.$1" -T '`touch pwned-title`' \
	    -X "x
system('touch pwned-xlabel')" "$data/evil-models.csv" &&
	"$plot" -k models -o "abs.$1" "$tmp/abs.csv" &&
	"$plot" -k prevalence --label model --y estimate -o "p.$1" \
	    "$data/evil-models.csv" &&
	"$plot" -k overlap -o "o.$1" "$data/evil-lists.csv" &&
	"$plot" -k lists -o "l.$1" "$data/evil-lists.csv" &&
	"$plot" -k trend -o "t.$1" "$data/evil-trend.csv"
}
for ext in png tex svg; do
	(cd "$s" && run_all "$ext") >"$tmp/out" 2>"$tmp/err"
	rc=$?
	[ $rc -eq 0 ] && [ "$(find "$tmp" -name 'pwned*' | wc -l)" -eq 0 ]
	d="backquotes, line breaks, system() and quotes in labels, titles"
	ok $? "safety .$ext: $d and list names run nothing" "$tmp/err"
	if [ "$ext" = tex ]; then
		grep -q 'textbackslash{}input\\{/etc/passwd\\}' "$s/out.tex" &&
		    ! grep -q '[^{]\\input{' "$s/out.tex"
		d="LaTeX commands in labels are escaped"
		ok $? "safety .tex: $d" "$s/out.tex"
	fi
	if [ "$ext" = svg ] && [ $have_xmllint -eq 1 ]; then
		xmllint --noout "$s/out.svg" 2>"$tmp/err"
		d="still well-formed with <b>&amp; in a label"
		ok $? "safety .svg: $d" "$tmp/err"
	elif [ "$ext" = svg ]; then
		skip "safety .svg: xmllint is not installed"
	fi
done

# A report author runs the printed script with gnuplot by hand.
(cd "$s" && "$plot" -k models --script -o script.png -T '`touch pwned-s`' \
    "$data/evil-models.csv" >script.gp && "$gp" script.gp &&
    "$plot" -k overlap --script -o - "$data/evil-lists.csv" >script2.gp &&
    "$gp" script2.gp >/dev/null) 2>"$tmp/err"
[ $? -eq 0 ] && [ -s "$s/script.png" ] &&
    [ "$(find "$tmp" -name 'pwned*' | wc -l)" -eq 0 ]
ok $? "safety --script: the scripts, run by gnuplot, run nothing" "$tmp/err"

# --- issue 18: a .tex in a directory named like a pipe; '%' in tics ---------
# The LaTeX terminal writes into a temporary directory beside the output;
# its `set output' path lacked "./", so a directory named '|cmd' ran cmd.
mkdir -p "$tmp/pipe/|touch canary;true "
(cd "$tmp/pipe" && "$plot" -k trend -o '|touch canary;true /fig.tex' \
    "$data/estimates-trend.csv") 2>"$tmp/err"
[ $? -eq 0 ] && [ ! -e "$tmp/pipe/canary" ] && \
    [ -s "$tmp/pipe/|touch canary;true /fig.tex" ] && \
    [ -s "$tmp/pipe/|touch canary;true /fig.pdf" ]
ok $? "tex-pipe-dir: a .tex under a directory named '|touch ...' is \
written there, and nothing runs" "$tmp/err"
# gnuplot reads tic labels as formats: 'Police%s' was drawn as
# 'Police0.000000' and 'NGO 100%' stopped gnuplot ("Bad format
# character").
printf 'Police%%s,NGO 100%%,count\n1,0,10\n0,1,12\n1,1,3\n' >"$tmp/pct.csv"
"$plot" -k lists -o "$tmp/pct.png" "$tmp/pct.csv" 2>"$tmp/err" && \
    [ ! -s "$tmp/err" ] && "$plot" -k lists --script "$tmp/pct.csv" |
    grep -q "^set xtics ('Police%%s' 0, 'NGO 100%%' 1)"
ok $? "percent-png: '%' in list names is doubled in the tics and drawn" \
    "$tmp/err"
"$plot" -k lists -o "$tmp/pct.tex" "$tmp/pct.csv" 2>"$tmp/err" && \
    grep -q 'Police\\%s' "$tmp/pct.tex" && grep -q 'NGO 100\\%' "$tmp/pct.tex"
ok $? "percent-tex: '%' in list names reaches LaTeX as \\%" "$tmp/err"

echo "1..$n"
exit $fail
