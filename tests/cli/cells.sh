#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# cells.sh - text cells of the tools' tables (issue 18): a cell longer than
# 511 bytes is written whole (it was cut, even inside a UTF-8 character),
# and -f text turns control characters, escape sequences among them, into
# '?' so that a list name cannot drive the terminal.
. "${top_srcdir:-.}/tests/cli/tap.sh"
describe=$builddir/cli/mse-describe
fit=$builddir/cli/mse-fit

# A list name of 400 'Ø' (800 bytes).
long=$(i=0; while [ $i -lt 400 ]; do printf 'Ø'; i=$((i + 1)); done)
printf '%s,B,count\n1,0,5\n0,1,4\n1,1,2\n' "$long" >"$tmp/long.csv"
for f in csv tsv json text md latex html; do
	"$describe" -f "$f" "$tmp/long.csv" >"$tmp/out" 2>"$tmp/err"
	[ $? -eq 0 ] && grep -q "$long" "$tmp/out"
	ok $? "mse-describe -f $f: an 800-byte list name is written whole"
done

esc=$(printf 'A\033[31mRED')
printf '%s,B\001x,C,count\n1,0,0,5\n0,1,0,4\n1,1,0,2\n0,0,1,3\n1,0,1,2\n0,1,1,1\n' \
    "$esc" >"$tmp/esc.csv"
ctl=$(printf '\001\033')
"$describe" -f text "$tmp/esc.csv" >"$tmp/out" 2>"$tmp/err"
[ $? -eq 0 ] && ! grep -q "[$ctl]" "$tmp/out" &&
    grep -q 'A?\[31mRED' "$tmp/out" && grep -q 'B?x' "$tmp/out"
ok $? "mse-describe -f text: ESC and ^A in list names are shown as '?'"
"$fit" -f text -M "\`$esc\`:\`$(printf 'B\001x')\`" "$tmp/esc.csv" \
    >"$tmp/out" 2>"$tmp/err"
[ $? -eq 0 ] && ! grep -q "[$ctl]" "$tmp/out" && grep -q 'A?\[31mRED' "$tmp/out"
ok $? "mse-fit -f text: a model naming them prints no control character"
"$describe" -f csv "$tmp/esc.csv" >"$tmp/out" 2>"$tmp/err"
[ $? -eq 0 ] && grep -qF "$esc" "$tmp/out"
ok $? "mse-describe -f csv: the data keep their bytes (only text cleans)"

# A model's text has no fixed length: four lists of 251-byte names, all
# pairs, is a 3,045-byte model (it was cut at 1,023 bytes, or 511).
i=0 names=
while [ $i -lt 4 ]; do
	names="$names${names:+,}L$i$(printf '%0250d' 0)"
	i=$((i + 1))
done
{
	printf '%s,count\n' "$names"
	w=1
	while [ $w -lt 16 ]; do
		printf '%d,%d,%d,%d,%d\n' $((w & 1)) $((w >> 1 & 1)) \
		    $((w >> 2 & 1)) $((w >> 3 & 1)) $((w + 3))
		w=$((w + 1))
	done
} >"$tmp/wide.csv"
model=$(echo "$names" | awk -F, '{ for (i = 1; i <= NF; i++)
	for (j = i + 1; j <= NF; j++) printf "%s%s:%s", n++ ? " + " : "",
	    $i, $j }')
"$fit" -f csv -M "$model" "$tmp/wide.csv" >"$tmp/out" 2>"$tmp/err"
[ $? -eq 0 ] && [ "$(sed -n 2p "$tmp/out" | cut -d, -f2)" = "$model" ]
ok $? "mse-fit: a ${#model}-byte model is written whole"
"$builddir/cli/mse-models" -f csv "$tmp/wide.csv" >"$tmp/out" 2>"$tmp/err"
[ $? -eq 0 ] && grep -qF ",$model," "$tmp/out"
ok $? "mse-models: the all-pairs model of the same table, whole"
tap_done
