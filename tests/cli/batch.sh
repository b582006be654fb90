#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# batch.sh - scripts/mse-batch on the bundled data/batch/kom (TAP):
# outputs, incremental reruns, byte-identical results (also through GNU
# parallel --sshlogin ':'), a failing year, the lock, and usage errors.
set -u
: "${top_srcdir:=.}" "${top_builddir:=.}"
builddir=$(cd "$top_builddir" && pwd)
srcdir=$(cd "$top_srcdir" && pwd)
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
MSE_BIN=$builddir/cli
export MSE_BIN
batch=$srcdir/scripts/mse-batch
in=$srcdir/data/batch/kom
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

# Every output file of a run, hashed, the lock and log left out.
hashes() {
	(cd "$1" && find . -type f ! -name .lock ! -name '*.log' | sort |
	    xargs sha256sum)
}

"$batch" -l "$tmp/a.log" "$in" "$tmp/a" >"$tmp/stdout" 2>"$tmp/stderr"
rc=$?
[ $rc -eq 0 ] && [ ! -s "$tmp/stdout" ] && [ ! -s "$tmp/stderr" ]
ok $? "a run exits 0, prints nothing, and logs to the log file"
all=0
for f in estimates.csv estimates.md estimates.tex trend.png trend.svg \
    summary.md; do
	[ -s "$tmp/a/$f" ] || { echo "# no $f"; all=1; }
done
ok $all "estimates (CSV), tables (Markdown, LaTeX), charts, summary"
[ "$(grep -c '^20[0-9][0-9],total,' "$tmp/a/estimates.csv")" -eq 5 ]
ok $? "estimates.csv has a total for each of the 5 years"

hashes "$tmp/a" >"$tmp/a.sum"
ls -l --time-style=full-iso -R "$tmp/a" >"$tmp/a.ls"
"$batch" -l "$tmp/a2.log" "$in" "$tmp/a" >"$tmp/stdout"
rc=$?
[ $rc -eq 0 ] && [ "$(grep -c 'up to date' "$tmp/a2.log")" -eq 6 ] &&
    ! grep -q computing "$tmp/a2.log"
ok $? "a rerun with nothing changed recomputes nothing"
ls -l --time-style=full-iso -R "$tmp/a" | cmp -s - "$tmp/a.ls"
ok $? "a rerun leaves every file untouched"

"$batch" -l "$tmp/b.log" "$in" "$tmp/b"
hashes "$tmp/b" | cmp -s - "$tmp/a.sum"
ok $? "the same inputs give byte-identical outputs"

if command -v parallel >/dev/null 2>&1; then
	"$batch" -j 2 -S : -l "$tmp/c.log" "$in" "$tmp/c"
	rc=$?
	[ $rc -eq 0 ] && hashes "$tmp/c" | cmp -s - "$tmp/a.sum"
	ok $? "years through GNU parallel --sshlogin ':' give the same bytes"
else
	ok 0 "# SKIP GNU parallel is not installed"
fi

# One year changes: only it and the reports are recomputed.
cp -R "$in" "$tmp/in"
sed -i '$d' "$tmp/in/2014.csv"
cp -R "$tmp/a" "$tmp/d"
"$batch" -l "$tmp/d.log" "$tmp/in" "$tmp/d"
[ "$(grep -c computing "$tmp/d.log")" -eq 1 ] &&
    grep -q '2014: computing' "$tmp/d.log" &&
    grep -q 'reports: writing' "$tmp/d.log"
ok $? "a changed year is recomputed, and only it"
# ... and the configuration: every year.
echo 'level = 0.9' >>"$tmp/in/batch.conf"
"$batch" -l "$tmp/e.log" "$tmp/in" "$tmp/d"
[ "$(grep -c computing "$tmp/e.log")" -eq 5 ]
ok $? "a changed configuration recomputes every year"

# A failing year: reported in the summary and the exit status.
cp -R "$in" "$tmp/bad"
printf 'id,year,gender,form,reported_by\n1,2013,kvinne,x\n' \
    >"$tmp/bad/2013.csv"
"$batch" -l "$tmp/f.log" "$tmp/bad" "$tmp/f" >"$tmp/stdout"
rc=$?
[ $rc -eq 1 ] && [ ! -s "$tmp/stdout" ] &&
    grep -q '| 2013 | failed | mse-import: .*2013.csv:2:' "$tmp/f/summary.md" &&
    grep -q '4 years, 1 failed\|5 years, 1 failed' "$tmp/f/summary.md"
ok $? "a failing year: exit 1, named with its message in the summary"
[ "$(grep -c ',total,' "$tmp/f/estimates.csv")" -eq 4 ] &&
    [ -s "$tmp/f/trend.png" ] && ! grep -q '^2013,' "$tmp/f/estimates.csv"
ok $? "the other years are still produced"
"$batch" -l "$tmp/f2.log" "$tmp/bad" "$tmp/f" >/dev/null
[ $? -eq 1 ] && grep -q '2013: up to date' "$tmp/f2.log"
ok $? "an unchanged failing year still fails the rerun"

# The lock.
flock "$tmp/a/.lock" sleep 3 &
lock=$!
sleep 0.5
"$batch" "$in" "$tmp/a" >"$tmp/stdout" 2>"$tmp/stderr"
rc=$?
wait $lock
[ $rc -eq 75 ] && [ ! -s "$tmp/stdout" ] && grep -q lock "$tmp/stderr"
ok $? "a second run while one holds the lock does nothing, exit 75"

"$batch" -p "$in" "$tmp/a" 2>/dev/null | grep -q '^| 2016 | ok'
ok $? "--print-summary prints the summary on stdout"
"$batch" >"$tmp/stdout" 2>"$tmp/stderr"
[ $? -eq 2 ] && [ ! -s "$tmp/stdout" ] && grep -q 'INDIR and OUTDIR' "$tmp/stderr"
ok $? "no operands: usage error, exit 2"
echo 'colour = red' >"$tmp/in/batch.conf"
"$batch" "$tmp/in" "$tmp/g" 2>"$tmp/stderr"
[ $? -eq 1 ] && grep -q "batch.conf:1:1: unknown key 'colour'" "$tmp/stderr"
ok $? "an unknown configuration key: FILE:LINE:COL, exit 1"

# Each example of mse-batch(1), run from a directory where data/ is the
# source tree's: it exits 0, and only -p prints anything.
mkdir "$tmp/man"
ln -s "$srcdir/data" "$tmp/man/data"
awk '/^\.Sh / { inex = ($2 == "EXAMPLES"); next }
    inex && /^\.Dl mse-batch / { sub(/^\.Dl /, ""); print }' \
    "$srcdir/man/mse-batch.1" | sed 's/\\-/-/g' >"$tmp/examples"
[ -s "$tmp/examples" ]
ok $? "mse-batch(1) has examples"
while IFS= read -r cmd; do
	case $cmd in
	*" -S "*|*" -j "*)
		if ! command -v parallel >/dev/null 2>&1; then
			ok 0 "# SKIP $cmd: GNU parallel is not installed"
			continue
		fi ;;
	esac
	(cd "$tmp/man" && PATH=$srcdir/scripts:$PATH &&
	    eval "$cmd") >"$tmp/stdout" 2>/dev/null
	rc=$?
	case $cmd in
	*" -p "*) grep -q '^| 2016 | ok' "$tmp/stdout" ;;
	*) [ ! -s "$tmp/stdout" ] ;;
	esac
	[ $? -eq 0 ] && [ $rc -eq 0 ]
	ok $? "mse-batch(1) example: $cmd"
done <"$tmp/examples"

echo "1..$n"
exit $fail
