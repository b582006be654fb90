#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# paths.sh - -o path safety for the tools that write (issue 18): odd names
# never run a command (a canary file), and -o never replaces what it must
# not (FIFO, device, directory, symlink, hard link, read-only, the input),
# keeps a 0600 file's mode, and "-o -" is standard output.
set -u
: "${top_srcdir:=.}" "${top_builddir:=.}"
builddir=$(cd "$top_builddir" && pwd)
srcdir=$(cd "$top_srcdir" && pwd)
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
n=0
fail=0
ok() {
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else
		echo "not ok $n - $2"; fail=1; fi
}
cd "$tmp" || exit 99
cp "$srcdir/data/Artificial_3.csv" in.csv
long=$(printf '%0251d' 0).csv
cp "$srcdir/data/kom-sim-records.csv" rec.csv
cp "$srcdir/data/kom-annual.csv" annual.csv
cp "$srcdir/data/gsi2018.csv" gsi.csv
printf 'year,estimate,lower,upper\n2015,900,800,1100\n2016,1000,900,1200\n' \
    >est.csv
# Every tool that writes with -o (issue 18), each on an input of its own:
# tool, then its arguments before the input, then the input ('-' for
# none: mse-sim reads nothing).
tools='mse-fit||in.csv
mse-models||in.csv
mse-describe||in.csv
mse-table||in.csv
mse-import|-i id -r reported_by|rec.csv
mse-sim|-n 100 -l A=0.3,B=0.4|-
mse-counts|-q|annual.csv
mse-prevalence||gsi.csv
mse-plot|-k trend --y estimate -t pngcairo|est.csv'
while IFS='|' read -r tool targs input; do
	prog=$builddir/cli/$tool
	# shellcheck disable=SC2086
	set -- $targs
	[ "$input" != - ] && set -- "$@" "$input"
	# Odd names are plain file names: written as given, nothing runs.
	for name in 'a b.csv' 'a;touch canary;b' 'x$(touch canary)' \
	    'x`touch canary`' '|touch canary' '-o' "$long" 'nl
touch canary'; do
		rm -f canary
		"$prog" "$@" -o "./$name" >/dev/null 2>err
		rc=$?
		case $tool:$name in
		mse-plot:*'
'*)
			# gnuplot's `set output' cannot hold a line break:
			# mse-plot refuses the name, and says so.
			[ $rc -eq 2 ] && [ ! -e "./$name" ] && [ ! -e canary ] &&
			    grep -q 'control character' err
			ok $? "$tool -o 'nl...': refused (a line break), no canary"
			continue ;;
		esac
		[ $rc -eq 0 ] && [ -f "./$name" ] && [ ! -e canary ]
		ok $? "$tool -o '$(printf '%.20s' "$name" | tr '\n' ' ')': \
written as named, no canary"
		rm -f "./$name"
	done
	# What -o must refuse, leaving it as it was.
	rm -rf d fifo link target h1 h2 ro p
	mkdir d; mkfifo fifo; echo keep >target; ln -s target link
	echo keep >h1; ln h1 h2; echo keep >ro; chmod 444 ro
	# A device of our own (as root), never /dev/null itself: a regression
	# would rename over the system's /dev/null.
	rm -f null
	mknod null c 1 3 2>/dev/null || mkfifo null
	# The input itself too, for a tool that reads one.
	own=
	[ "$input" != - ] && own=$input
	for dest in fifo link h1 ro d null $own; do
		cp "${own:-in.csv}" before
		"$prog" "$@" -o "$dest" >out 2>err
		rc=$?
		[ $rc -eq 1 ] && [ ! -s out ] && [ -s err ] && \
		    cmp -s "${own:-in.csv}" before
		ok $? "$tool -o $dest: refused with a message, exit 1"
	done
	[ -p fifo ] && [ -L link ] && [ "$(cat target)" = keep ] && \
	    [ "$(cat h2)" = keep ] && [ "$(cat ro)" = keep ]
	ok $? "$tool: FIFO, symlink target, hard link and read-only file kept"
	echo old >p; chmod 600 p
	"$prog" "$@" -o p 2>/dev/null
	[ "$(stat -c %a p)" = 600 ] && [ "$(cat p)" != old ]
	ok $? "$tool -o on a 0600 file: replaced, mode stays 0600"
	rm -f ./-
	"$prog" "$@" -o - >out 2>/dev/null
	[ -s out ] && [ ! -e ./- ]
	ok $? "$tool -o -: standard output, no file named '-'"
done <<EOF
$tools
EOF
echo "1..$n"
exit $fail
