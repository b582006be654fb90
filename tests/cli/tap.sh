# SPDX-License-Identifier: GPL-3.0-or-later
# tap.sh - the preamble the TAP scripts of tests/cli/ source: srcdir and
# builddir from the harness, a temporary directory removed at exit, and
# ok STATUS DESCRIPTION [FILE], which prints FILE as a TAP comment on a
# failure.  A script ends with tap_done.
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
	if [ "$1" -eq 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		fail=1
		if [ -n "${3:-}" ] && [ -s "$3" ]; then
			sed 's/^/# /' "$3"
		fi
	fi
}

tap_done() {
	echo "1..$n"
	exit $fail
}
