#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# bad-output.sh - every failing golden case (exit 1 or 2) run again with
# -o FILE: the same exit status, empty stdout, and no FILE nor temporary
# file left in the output directory (TAP).  Cases that already name an
# output (-o, --output, --write-replicates) are left to golden.sh.
set -u
: "${top_srcdir:=.}" "${top_builddir:=.}"
builddir=$(cd "$top_builddir" && pwd)
srcdir=$(cd "$top_srcdir" && pwd)
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
n=0
fail=0

for t in "$srcdir"/tests/golden/*.t; do
	name=$(basename "$t" .t)
	args=$(sed -n 's/^args: //p' "$t" | head -n 1)
	want=$(sed -n 's/^exit: //p' "$t" | head -n 1)
	tool=$(sed -n 's/^tool: //p' "$t" | head -n 1)
	input=$(sed -n 's/^stdin: //p' "$t" | head -n 1)
	: "${want:=0}" "${tool:=mse-fit}" "${input:=/dev/null}"
	[ "$want" -ne 0 ] || continue
	out=out
	[ "$tool" = mse-plot ] && out=out.png
	case " $args" in *" -o"*|*--output*|*--write-replicates*) continue ;; esac
	case $input in /*) ;; *) input=$srcdir/$input ;; esac
	rm -rf "$tmp/o"
	mkdir "$tmp/o"
	(
		cd "$srcdir" || exit 99
		eval "set -- $args"
		"$builddir/cli/$tool" -o "$tmp/o/$out" "$@" <"$input" \
		    >"$tmp/stdout" 2>/dev/null
	)
	rc=$?
	n=$((n + 1))
	left=$(ls -A "$tmp/o")
	if [ "$rc" -eq "$want" ] && [ ! -s "$tmp/stdout" ] && [ -z "$left" ]
	then
		echo "ok $n - $name: exit $rc, no output, no -o file"
	else
		echo "not ok $n - $name: exit $rc (want $want), left '$left'"
		fail=1
	fi
done
# --help and --version to a full device: stdout is closed and checked at
# exit, as xz's tuklib_exit (issue 18; both exited 0 before).
if [ -w /dev/full ]; then
	for tool in mse-fit mse-models mse-describe mse-table mse-plot \
	    mse-sim mse-import mse-prevalence mse-counts; do
		for opt in --help --version; do
			"$top_builddir/cli/$tool" $opt >/dev/full 2>"$tmp/err"
			rc=$?
			n=$((n + 1))
			if [ $rc -eq 1 ] && grep -q 'standard output' "$tmp/err"
			then
				echo "ok $n - $tool $opt >/dev/full: exit 1"
			else
				echo "not ok $n - $tool $opt >/dev/full: exit $rc"
				fail=1
			fi
		done
	done
fi
echo "1..$n"
exit $fail
