#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# numdiff.sh - the tolerant golden comparison end to end (TAP): golden
# cases copied from tests/golden/ with one number or one word changed run
# through tests/cli/golden.sh, which must pass a change in the 12th
# significant digit and fail one in the 6th (at the default rtol 1e-9), obey
# a case's "tolerance:" line, and allow a column padded differently.  The
# comparator's own cases are the self-tests of tests/numdiff (no operands).
set -u
: "${top_srcdir:=.}" "${top_builddir:=.}"
srcdir=$(cd "$top_srcdir" && pwd)
builddir=$(cd "$top_builddir" && pwd)
numdiff=$builddir/tests/numdiff
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

# copy NAME NEW SED-SCRIPT [TOLERANCE]: tests/golden/NAME as $tmp/NEW.*,
# with SED-SCRIPT applied to NEW.out.
copy() {
	cp "$srcdir/tests/golden/$1.t" "$tmp/$2.t" &&
	    sed "$3" "$srcdir/tests/golden/$1.out" >"$tmp/$2.out" || exit 99
	if [ $# -gt 3 ]; then
		echo "tolerance: $4" >>"$tmp/$2.t"
	fi
	cmp -s "$srcdir/tests/golden/$1.out" "$tmp/$2.out" && {
		echo "Bail out! the sed script $3 changed nothing in $1.out"
		exit 99
	}
}

# golden NEW: run the copied case through golden.sh; its exit status.
golden() {
	top_srcdir=$srcdir top_builddir=$builddir \
	    sh "$srcdir/tests/cli/golden.sh" "$tmp/$1.t" >"$tmp/$1.tap" 2>&1
}

# closed-hare.out prints M0's N as 75.43361862925417 (16 digits).
copy closed-hare d12 's/75\.43361862925417/75.43361862935417/'
golden d12
ok $? "closed-hare with N changed in the 12th digit passes at rtol 1e-9"
copy closed-hare d6 's/75\.43361862925417/75.43371862925417/'
golden d6
[ $? -ne 0 ] && grep -q '^not ok 1 - ' "$tmp/d6.tap" &&
    grep -q 'number "75.43371862925417" vs number "75.43361862925417"' \
    "$tmp/d6.tap" && grep -q '^# +M0,M0,68,75.43361862925417' "$tmp/d6.tap"
ok $? "closed-hare with N changed in the 6th digit fails, naming both numbers and showing the diff"
copy closed-hare d6tol 's/75\.43361862925417/75.43371862925417/' 1e-5
golden d6tol
ok $? "the same change passes with 'tolerance: 1e-5' in the case"
copy closed-hare d6tight 's/75\.43361862925417/75.43361862925418/' '0 0'
golden d6tight
[ $? -ne 0 ]
ok $? "'tolerance: 0 0' fails a change in the last (16th) digit"
copy closed-hare field 's/^M0,M0,68,75\.43361862925417,/M0,M0,68,75.43361862925417,1,/'
golden field
[ $? -ne 0 ] && grep -q 'field.out has [0-9]* numbers, .* has [0-9]*$' "$tmp/field.tap"
ok $? "an extra number in a row fails and the counts of numbers are shown"

# western-text.out: aligned text; "0.95" written "0.950" one space wider.
copy western-text pad 's/   0\.95  25/  0.950  25/'
golden pad
ok $? "aligned text: a column padded by one space less passes"
copy western-text word 's/  ok  /  OK  /'
golden word
[ $? -ne 0 ]
ok $? "aligned text: a changed word fails"
copy western-text nospace 's/   0\.95  25/   0.95 25/'
golden nospace
ok $? "aligned text: a run of two spaces and one space are equal"
copy western-text glued 's/   0\.95  25/   0.95,25/'
golden glued
[ $? -ne 0 ]
ok $? "aligned text: a blank replaced by a comma fails"

# The comparator's usage errors are trouble (2), not a difference (1).
"$numdiff" -r -1 "$tmp/d12.out" "$tmp/d12.out" 2>/dev/null
[ $? -eq 2 ]
ok $? "numdiff -r -1 is a usage error"
"$numdiff" "$tmp/d12.out" "$tmp/missing" 2>"$tmp/err"
[ $? -eq 2 ] && grep -q missing "$tmp/err"
ok $? "numdiff on a missing file says so and exits 2"
printf 'x 1\n' >"$tmp/a"
printf 'x 2\n' >"$tmp/b"
"$numdiff" -q "$tmp/a" "$tmp/b" >"$tmp/out"
[ $? -eq 1 ] && [ ! -s "$tmp/out" ]
ok $? "numdiff -q: exit 1 and nothing printed on a difference"

echo "1..$n"
exit $fail
