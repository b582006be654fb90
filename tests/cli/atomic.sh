#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# atomic.sh - -o under SIGKILL and under concurrent writers (TAP).
#
# 1. mse-sim -o writes a 4 MB file (0.2 s); it is killed with SIGKILL
#    40 times, after 0, 3, 6, ... 117 % of the time a whole run takes, so
#    kills land before, during and after the write.  Each time the file must be the old one or the complete
#    new one, byte for byte; a kill between mkstemp and rename may leave a
#    temporary file, which must be named FILE.XXXXXX (documented in
#    mse-fit(1)) and is removed here.  mse-fit with a bootstrap is killed
#    the same way.
# 2. Two runs write the same -o file at once, ten times: both succeed and
#    the file is one of the two complete results.
set -u
: "${top_srcdir:=.}" "${top_builddir:=.}"
builddir=$(cd "$top_builddir" && pwd)
srcdir=$(cd "$top_srcdir" && pwd)
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
sim=$builddir/cli/mse-sim
fit=$builddir/cli/mse-fit
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

simrun() {
	"$sim" -n 300000 -l 'A=0.5,B=0.5,C=0.5' -r -s "$@"
}
fitrun() {
	"$fit" -s aic --ci bootstrap -B 20 --threads 1 --seed "$@" \
	    "$srcdir/data/UKdat_5.csv"
}
# The same, as the process itself: run in the background, $! is then the
# tool's pid, so that kill -9 kills the writer.  (A background function
# is a subshell: killing it left the tool running on, to rename its file
# over a later test's, which is how test 3 saw "neither result" now and
# then on a loaded machine.)
simrun_exec() {
	exec "$sim" -n 300000 -l 'A=0.5,B=0.5,C=0.5' -r -s "$@"
}
fitrun_exec() {
	exec "$fit" -s aic --ci bootstrap -B 20 --threads 1 --seed "$@" \
	    "$srcdir/data/UKdat_5.csv"
}

# kill_test NAME RUN: old and new are the references of seeds 1 and 2.
kill_test() {
	name=$1
	run=$2
	$run 1 -o "$tmp/old" || return 1
	t0=$(date +%s%N)
	$run 2 -o "$tmp/new" || return 1
	ms=$((($(date +%s%N) - t0) / 1000000))
	cmp -s "$tmp/old" "$tmp/new" && return 1
	bad=0 olds=0 news=0 strays=0
	i=0
	while [ $i -lt 40 ]; do
		d=$(awk -v i=$i -v ms="$ms" \
		    'BEGIN { printf "%.3f", i * ms * 1.2 / 40 / 1000 }')
		cp "$tmp/old" "$tmp/out"
		${run}_exec 2 -o "$tmp/out" 2>/dev/null &
		pid=$!
		sleep "$d"
		kill -9 $pid 2>/dev/null
		wait $pid 2>/dev/null
		if cmp -s "$tmp/out" "$tmp/old"; then
			olds=$((olds + 1))
		elif cmp -s "$tmp/out" "$tmp/new"; then
			news=$((news + 1))
		else
			echo "# $name: after $d s the file is neither"
			bad=1
		fi
		for f in "$tmp"/out?*; do
			[ -e "$f" ] || continue
			case ${f#"$tmp"/} in
			out.??????) strays=$((strays + 1)) ;;
			*) echo "# $name: unexpected file $f"; bad=1 ;;
			esac
			rm -f "$f"
		done
		i=$((i + 1))
	done
	echo "# $name: 40 kills: $olds old, $news new, $strays temporary files"
	return $bad
}

kill_test mse-sim simrun
ok $? "SIGKILL during mse-sim -o leaves the old file or the whole new one"
kill_test mse-fit fitrun
ok $? "SIGKILL during mse-fit -o (bootstrap) leaves the old or the new file"

# Concurrent writers.
simrun 1 -o "$tmp/a"
simrun 2 -o "$tmp/b"
bad=0
i=0
while [ $i -lt 10 ]; do
	rm -f "$tmp/out"
	simrun 1 -o "$tmp/out" & p1=$!
	simrun 2 -o "$tmp/out" & p2=$!
	wait $p1; r1=$?
	wait $p2; r2=$?
	if [ $r1 -ne 0 ] || [ $r2 -ne 0 ]; then
		echo "# run $i: exit statuses $r1 and $r2"
		bad=1
	elif ! cmp -s "$tmp/out" "$tmp/a" && ! cmp -s "$tmp/out" "$tmp/b"; then
		echo "# run $i: the file is neither result"
		bad=1
	fi
	for f in "$tmp"/out.*; do
		[ -e "$f" ] || continue
		echo "# run $i: left $f"
		bad=1
	done
	i=$((i + 1))
done
ok $bad "two concurrent writers both succeed and leave one whole result"

echo "1..$n"
exit $fail
