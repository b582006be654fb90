#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# completion.sh - completion/morketall.bash (TAP): every tool is completed,
# its option list is the one its --help prints (both ways, value or not,
# short form included), file options complete file names, the --format
# words are the ones --help names, and a few completions by hand.
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
	if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fail=1; fi
}
tools="mse-fit mse-models mse-import mse-sim mse-describe mse-table mse-plot
mse-counts mse-prevalence mse-batch mse-check"
tool_path() {
	[ "$1" = mse-batch ] && echo "$srcdir/scripts/mse-batch" ||
	    echo "$builddir/cli/$1"
}

# The options of a --help text, one per line, as the completion writes
# them: S:NAME for -S, --NAME, and = when it takes a value.  An option line
# starts with at most 8 blanks and a '-' (deeper lines continue the text
# before them); its options come before the first run of two spaces.
help_options() {
	awk '/^[ \t]?[ \t]?[ \t]?[ \t]?[ \t]?[ \t]?[ \t]?[ \t]?-/ {
		line = $0
		sub(/^[ \t]+/, "", line)
		sub(/  .*/, "", line)
		n = split(line, w, / /)
		short = ""
		for (i = 1; i <= n; i++) {
			if (w[i] ~ /^-[A-Za-z0-9],$/) {
				short = substr(w[i], 2, 1)
				continue
			}
			if (w[i] ~ /^--[a-z0-9]/) {
				name = substr(w[i], 3)
				val = name ~ /=/ ? "=" : ""
				sub(/[=,].*/, "", name)
				print (short != "" ? short ":" : "") name val
			}
			short = ""
		}
	}' | sort -u
}

# shellcheck source=/dev/null
. "$srcdir/completion/morketall.bash" 2>"$tmp/err"
[ $? -eq 0 ] && [ ! -s "$tmp/err" ]
ok $? "the completion file sources cleanly in bash"

for t in $tools; do
	complete -p "$t" 2>/dev/null | grep -q -- "-F _mse_complete $t\$"
	ok $? "$t: complete -p names _mse_complete"
	"$(tool_path "$t")" --help | help_options >"$tmp/help"
	_mse_options "$t" | sort -u >"$tmp/comp"
	if [ -s "$tmp/help" ] && cmp -s "$tmp/help" "$tmp/comp"; then
		ok 0 "$t: the completion's options are --help's, both ways"
	else
		ok 1 "$t: the completion's options are --help's, both ways"
		diff "$tmp/help" "$tmp/comp" | sed 's/^/# /'
	fi
	# Every option whose value --help calls FILE completes file names.
	bad=0
	for o in $("$(tool_path "$t")" --help | grep -o -e '--[a-z-]*=FILE' |
	    sed 's/^--//; s/=FILE$//'); do
		_mse_values "$t" "$o" >/dev/null
		[ $? -eq 1 ] || { echo "# $t --$o: not file names"; bad=1; }
	done
	ok $bad "$t: options that take a FILE complete file names"
	# The words of --format are the ones --help lists on its line.
	if grep -q '^f:format=$' "$tmp/comp"; then
		want=$("$(tool_path "$t")" --help | grep -e '--format=FORMAT' |
		    sed 's/.*--format=FORMAT *//; s/ *(default[^)]*)\{0,1\}//g' |
		    tr -d ',' | tr ' ' '\n' | grep . | sort | tr '\n' ' ')
		got=$(_mse_values "$t" format | tr ' ' '\n' | sort | tr '\n' ' ')
		[ -n "$want" ] && [ "$want" = "$got" ]
		ok $? "$t: --format completes $want"
	fi
done

# COMPREPLY for a command line whose last word is being completed.
reply() {
	COMP_WORDS=("$@")
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMPREPLY=()
	_mse_complete
	printf '%s\n' "${COMPREPLY[*]}"
}
# check WANT WORD...: the words offered, in any order, are WANT's.
check() {
	local want=$1 got
	shift
	got=$(reply "$@")
	[ "$(printf '%s\n' $got | sort)" = "$(printf '%s\n' $want | sort)" ]
	ok $? "[$*] completes to '$want'${got:+ (got '$got')}"
}
check '--format' mse-fit --form
check '--select --seed' mse-fit --se
check 'text csv tsv json md latex html' mse-fit --format ''
check 'json' mse-fit -f j
check 'json' mse-fit --format = j
check '--format=md' mse-fit --format=m
check 'Mh-chao Mh-poisson Mh-darroch Mh-gamma' mse-fit -m Mh
check 'bootstrap' mse-fit --ci b
check 'aic aicc' mse-fit -s a
check 'lognormal wald conditional' mse-models --ci ''
check 'text csv tsv json' mse-sim --format ''
check 'trend' mse-plot --kind t
check 'sensitivity spread' mse-check --part s
check 'Mt Mth-chao Mth-poisson Mth-darroch Mth-gamma' mse-check -m Mt
check 'pngcairo png' mse-plot -t png
check '--interval' mse-table --int
check '--config' mse-batch --con
check '' mse-fit --seed ''
check '--digits' mse-fit -D 3 --dig
mkdir "$tmp/dir" && : >"$tmp/dir/est.csv" && : >"$tmp/dir/estimates.csv"
mkdir "$tmp/dir/indir"
cd "$tmp/dir" || exit 99
check 'est.csv estimates.csv' mse-counts -e est
check 'est.csv estimates.csv' mse-fit es
check 'indir' mse-batch -p i
cd / || exit 99
echo "1..$n"
exit $fail
