#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# valgrind.sh - run every golden case of tests/golden/*.t under valgrind's
# memcheck (TAP): each must give zero errors and lose no memory (definite,
# indirect or possible leaks count as errors; still-reachable blocks do
# not), and exit as its case says.  Run by .ci/run, not by `make check`
# (it takes minutes).  VALGRIND_JOBS (default 2) cases run at once.
set -u
: "${top_srcdir:=.}" "${top_builddir:=.}" "${VALGRIND_JOBS:=2}"
builddir=$(cd "$top_builddir" && pwd)
srcdir=$(cd "$top_srcdir" && pwd)
command -v valgrind >/dev/null 2>&1 || { echo "1..0 # SKIP no valgrind"; exit 0; }
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
export builddir srcdir tmp

# One case: NAME.t -> "ok|not ok - NAME: reason" on stdout.
run_one() {
	t=$1
	name=$(basename "$t" .t)
	field() { sed -n "s/^$1: //p" "$t" | head -n 1; }
	args=$(field args)
	input=$(field stdin)
	want=$(field exit)
	tool=$(field tool)
	: "${want:=0}" "${tool:=mse-fit}" "${input:=/dev/null}"
	case $input in /*) ;; *) input=$srcdir/$input ;; esac
	log=$tmp/$name.vg
	(
		cd "$srcdir" || exit 99
		eval "set -- $args"
		"$builddir/libtool" --mode=execute valgrind -q \
		    --tool=memcheck --leak-check=full \
		    --errors-for-leak-kinds=definite,indirect,possible \
		    --show-leak-kinds=definite,indirect,possible \
		    --log-file="$log" "$builddir/cli/$tool" "$@" \
		    <"$input" >/dev/null 2>&1
	)
	rc=$?
	if [ "$rc" -ne "$want" ]; then
		echo "not ok - $name: exit status $rc, want $want"
	elif [ -s "$log" ]; then
		echo "not ok - $name: valgrind reports"
		sed 's/^/# /' "$log"
	else
		echo "ok - $name"
	fi
}

ls "$srcdir"/tests/golden/*.t | xargs -P "$VALGRIND_JOBS" -n 1 \
    sh -c "$(sed -n '/^run_one() {/,/^}/p' "$0"); run_one \"\$1\"" sh \
    >"$tmp/results"
n=$(grep -c '^ok\|^not ok' "$tmp/results")
awk '/^(not )?ok/ { i++; sub(/ok -/, "ok " i " -") } { print }' \
    "$tmp/results"
echo "1..$n"
! grep -q '^not ok' "$tmp/results"
