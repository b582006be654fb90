#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# install.sh - make install into a temporary prefix (TAP): the installed
# tools find libmse, the installed mse-batch runs the crontab line under
# cron's environment (env -i PATH=/usr/bin:/bin) by its absolute path, the
# example data is under $(datadir)/morketall, and libmse(3)'s example
# builds and runs through pkg-config against the installed prefix.
# It relinks the build tree for the prefix and back, so Makefile.am runs
# it after every other test.
set -u
: "${top_srcdir:=.}" "${top_builddir:=.}"
builddir=$(cd "$top_builddir" && pwd)
srcdir=$(cd "$top_srcdir" && pwd)
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"; make -s -C "$builddir" all >/dev/null 2>&1' EXIT
p=$tmp/p
n=0
fail=0
ok() {
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fail=1; fi
}

make -s -C "$builddir" install prefix="$p" >"$tmp/install.log" 2>&1
ok $? "make install prefix=TMP"
env -i PATH=/usr/bin:/bin "$p/bin/mse-fit" --version >"$tmp/v" 2>&1 &&
    grep -q '^libmse ' "$tmp/v"
ok $? "an installed tool finds libmse.so.0 under env -i PATH=/usr/bin:/bin"
[ -s "$p/share/morketall/Western.csv" ] &&
    [ -s "$p/share/morketall/batch/kom/batch.conf" ] &&
    [ -s "$p/share/morketall/batch/kom/2016.csv" ]
ok $? "example data under \$(datadir)/morketall, data/batch/kom included"

# The README's crontab line, with the installed absolute path, twice.
cp -R "$p/share/morketall/batch/kom" "$tmp/in"
(cd / && env -i PATH=/usr/bin:/bin "$p/bin/mse-batch" \
    -l "$tmp/batch.log" "$tmp/in" "$tmp/out") >"$tmp/stdout" 2>"$tmp/stderr"
rc=$?
[ $rc -eq 0 ] && [ ! -s "$tmp/stdout" ] && [ ! -s "$tmp/stderr" ] &&
    [ "$(grep -c '| ok |' "$tmp/out/summary.md")" -eq 5 ] &&
    [ -s "$tmp/out/trend.png" ]
ok $? "installed mse-batch under cron's environment: 5 years ok, nothing printed"
(cd / && env -i PATH=/usr/bin:/bin "$p/bin/mse-batch" \
    -l "$tmp/batch2.log" "$tmp/in" "$tmp/out") >/dev/null 2>&1
[ $? -eq 0 ] && [ "$(grep -c 'up to date' "$tmp/batch2.log")" -eq 6 ]
ok $? "the second cron run recomputes nothing"

# libmse(3)'s example through pkg-config against the prefix.
sed -n '/^\.Sh EXAMPLES/,/^\.Sh SEE/p' "$srcdir/man/libmse.3" |
    sed -n '/^\.Bd -literal/,/^\.Ed/p' | sed -e '1d' -e '$d' \
    -e 's/\\e/\\/g' >"$tmp/ex.c"
# shellcheck disable=SC2046
# CFLAGS is the build's sanitizer flags (AM_TESTS_ENVIRONMENT), empty in
# an ordinary build: a library built with ASan needs a program that is too.
# shellcheck disable=SC2086
PKG_CONFIG_PATH=$p/lib/pkgconfig ${CC:-cc} ${CFLAGS:-} -o "$tmp/ex" "$tmp/ex.c" \
    $(PKG_CONFIG_PATH=$p/lib/pkgconfig pkg-config --cflags --libs libmse) \
    2>"$tmp/cc.err"
ok $? "libmse(3)'s example links with pkg-config --cflags --libs libmse alone"
mkdir "$tmp/run" && ln -s "$p/share/morketall" "$tmp/run/data"
(cd "$tmp/run" && LD_LIBRARY_PATH=$p/lib "$tmp/ex") >"$tmp/ex.out" 2>&1
grep -q '^N = 2007.14, SE 371.48' "$tmp/ex.out"
ok $? "it runs on the installed data and prints N = 2007.14 (libmse(3))"

echo "1..$n"
exit $fail
