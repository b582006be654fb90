#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# man3.sh - every function of lib/mse.h has a man(3) page, and the man(3)
# pages are lint-clean (TAP).
#
# A function is documented when its name is an .Nm in the NAME section or
# an .Fn or .Fo in the SYNOPSIS section of some man/*.3 page (curl's "one
# doc page per function group").  The names are those declared in
# lib/mse.h with its comments removed.  The lint check runs
# `mandoc -T lint -W warning` on each page and is skipped without mandoc.
set -u
: "${top_srcdir:=.}"
srcdir=$(cd "$top_srcdir" && pwd) || exit 99
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' HUP INT TERM
LC_ALL=C
export LC_ALL
n=0

ok() {
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
	fi
}

# The functions of mse.h: every "mse_name(" outside a comment.
awk '{ s = s $0 "\n" } END {
	while ((i = index(s, "/*")) > 0) {
		j = index(substr(s, i + 2), "*/")
		if (j == 0) break
		s = substr(s, 1, i - 1) " " substr(s, i + j + 3)
	}
	printf "%s", s
}' "$srcdir/lib/mse.h" |
    grep -o 'mse_[a-z0-9_]*[[:space:]]*(' | sed 's/[[:space:]]*($//' |
    sort -u >"$tmp/functions" || exit 99
nfun=$(wc -l <"$tmp/functions")
if [ "$nfun" -lt 100 ]; then
	echo "Bail out! only $nfun functions found in lib/mse.h"
	exit 99
fi

# The names the pages document: .Nm in NAME, .Fn and .Fo in SYNOPSIS.
for page in "$srcdir"/man/*.3; do
	awk '/^\.Sh / { sec = $2; next }
	    sec == "NAME" && $1 == ".Nm" { print $2 }
	    sec == "SYNOPSIS" && ($1 == ".Fn" || $1 == ".Fo") { print $2 }' \
	    "$page"
done | sed 's/[[:space:],]*$//' | sort -u >"$tmp/documented" || exit 99

set -- "$srcdir"/man/*.3
echo "1..$((nfun + $#))"

while IFS= read -r f; do
	if grep -qx "$f" "$tmp/documented"; then
		ok 0 "$f is in the NAME or SYNOPSIS of a man(3) page"
	else
		ok 1 "$f is in the NAME or SYNOPSIS of no man(3) page"
	fi
done <"$tmp/functions"

for page in "$@"; do
	base=${page##*/}
	if ! command -v mandoc >/dev/null 2>&1; then
		n=$((n + 1))
		echo "ok $n # SKIP mandoc -T lint $base: mandoc is not installed"
		continue
	fi
	mandoc -T lint -W warning "$page" >"$tmp/lint" 2>&1
	rc=$?
	[ -s "$tmp/lint" ] && rc=1
	ok "$rc" "mandoc -T lint -W warning $base is clean"
	[ "$rc" -ne 0 ] && sed 's/^/# /' "$tmp/lint"
done
exit 0
