#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# strata-reference.sh - mse-fit --by, --covariates and --absent against base R.
#
# A TAP test.  tests/data/strata-reference.csv (scripts/strata-reference.R,
# R 4.2.2) holds base R glm fits, one row per stratum and a total, with the
# mse-fit options that make the same fit (for kind select, the covariate
# model that R's exhaustive AIC or BIC search chose, which mse-fit
# --select must choose too).  Each row is checked against what
# mse-fit prints: observed exactly; estimate, se, deviance and AIC to 1e-6
# relative; df exactly.  R rows marked "nomle" (a fitted value below 1e-6)
# pass when mse-fit says "no MLE", or fits the extended MLE (status
# "boundary: ...") at R's limit, to 1e-6.
set -u
: "${top_srcdir:=.}" "${top_builddir:=.}"
srcdir=$(cd "$top_srcdir" && pwd) || exit 99
builddir=$(cd "$top_builddir" && pwd) || exit 99
fit=$builddir/cli/mse-fit
ref=$srcdir/tests/data/strata-reference.csv
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
n=0
fail=0
TOL=1e-6

ok() {
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		fail=1
	fi
}

# row FILE LABEL NV: the fields of the output row of that stratum, one a
# line as name=value (RFC 4180 quoting undone).
row() {
	awk -v want="$2" -v nv="$3" '
	function splitcsv(line, f,    i, c, q, cur, k) {
		k = 0; cur = ""; q = 0
		for (i = 1; i <= length(line); i++) {
			c = substr(line, i, 1)
			if (q && c == "\"" && substr(line, i + 1, 1) == "\"") {
				cur = cur c; i++
			} else if (c == "\"") {
				q = !q
			} else if (!q && c == ",") {
				f[++k] = cur; cur = ""
			} else {
				cur = cur c
			}
		}
		f[++k] = cur
		return k
	}
	NR == 1 { k = splitcsv($0, h); next }
	{
		splitcsv($0, f)
		label = ""
		# The row column of strata output comes first (mse-data(5)).
		o = h[1] == "row"
		for (i = 1; i <= nv; i++)
			label = label (i > 1 ? ";" : "") h[i + o] "=" f[i + o]
		if (nv == 0)
			label = "all"
		if (f[1] == "total")
			label = "total"
		if (label != want)
			next
		for (i = 1; i <= k; i++)
			print h[i] "=" f[i]
		exit
	}' "$1"
}

# check GOT WANT TOL: relative difference within TOL (absolute for 0).
check() {
	awk -v g="$1" -v w="$2" -v t="$3" 'BEGIN {
		if (g !~ /^-?[0-9.]+([eE][-+]?[0-9]+)?$/) exit 1
		d = g - w; if (d < 0) d = -d
		s = w < 0 ? -w : w
		exit !(s == 0 ? d <= t : d / s <= t)
	}'
}

get() {
	sed -n "s/^$1=//p" "$tmp/row" | head -n 1
}

last=
i=0
grep -v '^#' "$ref" | tail -n +2 >"$tmp/ref"
while IFS=, read -r kind file args stratum model absent obs est se dev df \
    aic status; do
	i=$((i + 1))
	key="$kind|$file|$args|$model|$absent"
	opts=$(printf '%s' "$args" | tr ';' ',')
	abs=$(printf '%s' "$absent" | tr ';' ',')
	nv=$(printf '%s\n' "$args" | awk '/--by|--covariates/ {
		split($2, a, ";"); print length(a); next } { print 0 }')
	if [ "$key" != "$last" ]; then
		# shellcheck disable=SC2086 # opts is a word list
		# A select row's model is R's choice: mse-fit makes its own.
		mflag=-M
		[ "$kind" = select ] && mflag=
		(cd "$srcdir" && "$fit" -f csv -D 17 $opts ${mflag:+-M "$model"} \
		    ${abs:+--absent "$abs"} "data/$file") >"$tmp/out" \
		    2>"$tmp/err"
		last=$key
	fi
	row "$tmp/out" "$stratum" "$nv" >"$tmp/row"
	# shellcheck disable=SC2016 # the quotes are literal, inside ""
	what="$file $args -M '$model'${abs:+ --absent '$abs'} $stratum"
	gs=$(get status)
	if [ ! -s "$tmp/row" ]; then
		ok 1 "$what: no such row"
		continue
	fi
	[ "$(get observed)" = "$obs" ]
	ok $? "$what: observed $obs"
	case $status in
	fewer)
		case $gs in "no estimate: fewer than 2 lists"*) r=0 ;;
		*) r=1 ;; esac
		ok $r "$what: fewer than 2 lists, as R ($gs)"
		continue ;;
	nomle)
		case $gs in
		"no MLE"*) ok 0 "$what: no MLE, as R"; continue ;;
		boundary*)
			check "$(get estimate)" "$est" $TOL
			ok $? "$what: extended MLE $(get estimate) = R's limit $est ($gs)"
			continue ;;
		*) ok 1 "$what: R has no MLE, mse-fit says '$gs'"; continue ;;
		esac ;;
	esac
	check "$(get estimate)" "$est" $TOL
	ok $? "$what: estimate $(get estimate) = $est (glm, $TOL)"
	check "$(get se)" "$se" $TOL
	ok $? "$what: se $(get se) = $se (glm, $TOL)"
	[ "$df" = NA ] && continue
	[ "$kind" != by ] && [ "$kind" != absent ] && [ "$stratum" != total ] &&
	    continue
	[ "$(get df)" = "$df" ]
	ok $? "$what: df $(get df) = $df"
	check "$(get deviance)" "$dev" $TOL
	ok $? "$what: deviance $(get deviance) = $dev (glm, $TOL)"
	check "$(get aic)" "$aic" $TOL
	ok $? "$what: AIC $(get aic) = $aic (glm, $TOL)"
done <"$tmp/ref"
[ "$i" -ge 80 ]
ok $? "read $i reference rows"
echo "1..$n"
exit $fail
