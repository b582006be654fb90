#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# batch-conf-fuzz.sh - mse-batch's configuration reader under random input
# (issue 18: batch.conf is read by the shell script itself, so libFuzzer
# cannot reach it; this drives it instead).  300 configurations, each a
# valid batch.conf with lines mutated from a seeded stream: values with
# $( ), backquotes, ;, |, quotes, backslashes, globs, control bytes, long
# runs and odd keys.  Every run must end with status 0, 1 or 2, write
# nothing outside its output directory, leave no canary, and print no
# shell error (syntax error, unbound variable, bad substitution, command
# not found): a value is data, never code.
. "${top_srcdir:-.}/tests/cli/tap.sh"
export MSE_BIN=$builddir/cli
batch=$srcdir/scripts/mse-batch
cd "$tmp" || exit 99
mkdir in
cp "$srcdir/data/batch/kom/2012.csv" in/
base=$srcdir/data/batch/kom/batch.conf
# The pieces values are made of, one per line, and the keys.
printf '%s\n' '$(touch canary)' '`touch canary`' ';touch canary' \
    '|touch canary' '"' "'" '\' '*' '?' '[' ']' '{' '}' '~' '$HOME' \
    '${x}' '%s' '%n' "$(printf '\t')" '=' '#' '==' '-o' '--help' 0 -1 \
    1e400 nan records table bootstrap bic stepwise aic year,gender \
    kvinne ';;' "$(printf '\001')" "$(printf '\033[31m')" 'æøå' >"$tmp/bits"
printf '%s\n' input id reported_by lists strata method model select ci \
    replicates level seed absent title columns digits bogus Input 9x \
    >"$tmp/keys"
bad=0 runs=0
for i in $(seq 1 300); do
	awk -v seed="$i" -v bitsfile="$tmp/bits" -v keysfile="$tmp/keys" '
	BEGIN {
		srand(seed)
		while ((getline line < bitsfile) > 0)
			bits[++n] = line
		while ((getline line < keysfile) > 0)
			keys[++nk] = line
	}
	function junk(   s, k, j) {
		s = ""
		k = 1 + int(rand() * 4)
		for (j = 0; j < k; j++)
			s = s bits[1 + int(rand() * n)]
		if (rand() < 0.05)
			while (length(s) < 3000)
				s = s s
		return s
	}
	{
		r = rand()
		if (r < 0.15)
			print keys[1 + int(rand() * nk)] " = " junk()
		else if (r < 0.25)
			print junk()
		else if (r < 0.35)
			print $0 junk()
		else
			print
	}
	END {
		if (rand() < 0.5)
			print keys[1 + int(rand() * nk)] "=" junk()
	}' "$base" >in/batch.conf
	rm -rf out canary
	"$batch" -n in out >out.txt 2>err.txt
	rc=$?
	runs=$((runs + 1))
	if [ $rc -gt 2 ] || [ -e canary ] || [ -e in/canary ] ||
	    grep -Eq 'syntax error|unbound variable|bad substitution|command not found|line [0-9]+:' err.txt; then
		bad=$((bad + 1))
		echo "# config $i: exit $rc"
		sed 's/^/#   /' err.txt | head -n 5
		sed 's/^/#   conf: /' in/batch.conf | head -n 20
	fi
done
[ $bad -eq 0 ] && [ $runs -eq 300 ]
ok $? "300 mutated batch.conf files: status 0, 1 or 2, no canary, no shell error"
tap_done
