#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# golden.sh - run the declarative golden cases of tests/golden/*.t (TAP).
#
# A case NAME.t holds "args: ..." (shell words), optionally "stdin: FILE"
# (relative to the source tree), "exit: N", "tool: PROG" (default mse-fit)
# and "tolerance: RTOL [ATOL]".  NAME.out and NAME.err are the expected
# stdout and stderr (absent means empty).  Cases run from the top of the
# source tree, so file names in messages are stable.
#
# Output is compared with tests/numdiff (see tests/numdiff.c): text exactly,
# numbers (in CSV, JSON, aligned text and inside messages) within
#   |want - got| <= RTOL * max(|want|, |got|) + ATOL,
# and a run of spaces or tabs equals any other run of spaces or tabs, so an
# aligned text table may pad a column differently when a number gains or
# loses a digit (a blank never equals no blank).  Both files must hold the
# same count of numbers.  The default is RTOL 1e-9, ATOL 1e-12: the fits
# agree with the R references (glm, Rcapture, SparseMSE, dga) to about
# 1e-12, and a change of engine (warm starts, another order of summation)
# or another libm moves the last digits of the 17 printed; 1e-9 still
# catches any change a user could see.  A case states its own tolerance
# when it needs one (the seeded MCMC cases: 1e-6).  The exit status must be
# equal.  scripts/update-golden rewrites the .out and .err files.
#
# With operands (golden.sh CASE.t ...), only those cases run, and not the
# checks of -o and threads at the end (tests/cli/numdiff.sh uses this).
set -u
: "${top_srcdir:=.}" "${top_builddir:=.}"
builddir=$(cd "$top_builddir" && pwd)
srcdir=$(cd "$top_srcdir" && pwd)
numdiff=$builddir/tests/numdiff
default_rtol=1e-9
default_atol=1e-12
if [ ! -x "$numdiff" ]; then
	echo "Bail out! $numdiff is not built (make check builds it)"
	exit 99
fi
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
	fi
}

field() {
	sed -n "s/^$1: //p" "$2" | head -n 1
}

run_case() {
	t=$1
	name=$(basename "$t" .t)
	dir=$(dirname "$t")
	args=$(field args "$t")
	input=$(field stdin "$t")
	want_rc=$(field exit "$t")
	tool=$(field tool "$t")
	: "${want_rc:=0}" "${tool:=mse-fit}" "${input:=/dev/null}"
	case $input in /*) ;; *) input=$srcdir/$input ;; esac
	(
		cd "$srcdir" || exit 99
		eval "set -- $args"
		"$builddir/cli/$tool" "$@" <"$input" >"$tmp/out" 2>"$tmp/err"
	)
	rc=$?
	tol=$(field tolerance "$t")
	set -f
	set -- $tol
	set +f
	rtol=${1:-$default_rtol}
	atol=${2:-$default_atol}
	[ -f "$dir/$name.out" ] && want_out=$dir/$name.out || want_out=/dev/null
	[ -f "$dir/$name.err" ] && want_err=$dir/$name.err || want_err=/dev/null
	"$numdiff" -r "$rtol" -a "$atol" "$want_out" "$tmp/out" >"$tmp/diff" 2>&1
	d1=$?
	"$numdiff" -r "$rtol" -a "$atol" "$want_err" "$tmp/err" >>"$tmp/diff" 2>&1
	d2=$?
	[ "$rc" -eq "$want_rc" ] && [ $d1 -eq 0 ] && [ $d2 -eq 0 ]
	ok $? "$name: $(sed -n 's/^# //p' "$t" | head -n 1)"
	if [ "$rc" -ne "$want_rc" ]; then
		echo "# exit status $rc, want $want_rc"
	fi
	# On a difference: numdiff's first differing token, then the diff.
	[ $d1 -eq 0 ] || diff -u "$want_out" "$tmp/out" >>"$tmp/diff" 2>&1
	[ $d2 -eq 0 ] || diff -u "$want_err" "$tmp/err" >>"$tmp/diff" 2>&1
	sed 's/^/# /' "$tmp/diff"
}

if [ $# -gt 0 ]; then
	for t in "$@"; do
		case $t in /*) ;; *) t=$(pwd)/$t ;; esac
		run_case "$t"
	done
	echo "1..$n"
	exit $fail
fi
for t in "$srcdir"/tests/golden/*.t; do
	run_case "$t"
done

# -o writes the same bytes as stdout, atomically, and a failed run leaves
# an existing file untouched and no temporary file behind.
fit=$builddir/cli/mse-fit
"$fit" -f csv "$srcdir/data/Western.csv" >"$tmp/stdout.csv"
"$fit" -o "$tmp/o.csv" "$srcdir/data/Western.csv"
cmp -s "$tmp/stdout.csv" "$tmp/o.csv"
ok $? "-o FILE holds what stdout would"
echo keep >"$tmp/keep.csv"
"$fit" -o "$tmp/keep.csv" "$srcdir/tests/data/bad-ragged-long.csv" \
    2>/dev/null
[ $? -eq 1 ] && [ "$(cat "$tmp/keep.csv")" = keep ]
ok $? "-o leaves the old file on bad input"
[ "$(find "$tmp" -name 'keep.csv.*' | wc -l)" -eq 0 ]
ok $? "-o leaves no temporary file"
"$fit" -o "$tmp/none/x.csv" "$srcdir/data/Western.csv" 2>"$tmp/err"
[ $? -eq 1 ] && grep -q "x.csv" "$tmp/err"
ok $? "-o into a missing directory fails with a message"

# -m lcm: the same draws whatever the number of threads (issue 7), and
# --draws writes a header and one line per draw.
for th in 1 4; do
	"$fit" -m lcm --samples 50 --burnin 100 --thin 2 --seed 9 \
	    --threads $th --draws "$tmp/draws$th.csv" "$srcdir/data/HAV.csv" \
	    >"$tmp/lcm$th.csv" 2>/dev/null
done
cmp -s "$tmp/draws1.csv" "$tmp/draws4.csv" &&
    cmp -s "$tmp/lcm1.csv" "$tmp/lcm4.csv" &&
    [ "$(wc -l <"$tmp/draws1.csv")" -eq 201 ] &&
    [ "$(head -n 1 "$tmp/draws1.csv")" = "chain,draw,N" ]
ok $? "-m lcm: the same 200 draws and table on 1 and 4 threads"

# -m dga: the same table whatever the number of threads.
for th in 1 3; do
	"$fit" -m dga --nmax 12744 --threads $th "$srcdir/data/UKdat_5.csv" \
	    >"$tmp/dga$th.csv" 2>/dev/null
done
cmp -s "$tmp/dga1.csv" "$tmp/dga3.csv" && [ -s "$tmp/dga1.csv" ]
ok $? "-m dga: the same table on 1 and 3 threads"

echo "1..$n"
exit $fail
