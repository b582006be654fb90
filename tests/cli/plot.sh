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
    grep -q '^2016 700 420 1400 262$' "$tmp/out" &&
    grep -q '^2011 NaN NaN NaN 274$' "$tmp/out"
ok $? "mse-counts --estimates | mse-plot -k trend: band and identified" \
    "$tmp/err"

if [ $have_gp -eq 0 ]; then
	for t in png svg pdf tex dumb kinds safety-png safety-tex \
	    safety-svg safety-script; do
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

echo "1..$n"
exit $fail
