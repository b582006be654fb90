#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# man-examples.sh - run every example in the man pages and check what it prints.
#
# A TAP test for automake's tap-driver.sh.  It reads the pages from
# $top_srcdir/man and runs the tools in $top_builddir/cli, from a temporary
# directory in which ./data links to $top_srcdir/data, so it never writes
# into the source tree (make distcheck makes it read-only).
#
# Conventions the pages follow (see the comment at the top of each page):
#   mse-fit.1, mse-data.5  every .Dl line in EXAMPLES that begins with
#                          "mse-" (a tool) is a command to run; so too in
#                          mse-table.1, mse-plot.1, mse-counts.1 and
#                          mse-prevalence.1 (those that run gnuplot are
#                          skipped when it is not installed);
#   mse-data.5             the first .Bd -literal block of EXAMPLES is the
#                          start of data/Western.csv;
#   libmse.3               the first .Bd -literal block of EXAMPLES is a
#                          complete C program; the first .Dl line there is
#                          what it prints.
set -u

: "${top_srcdir:=.}"
: "${top_builddir:=.}"
srcdir=$(cd "$top_srcdir" && pwd) || exit 99
builddir=$(cd "$top_builddir" && pwd) || exit 99
PATH="$builddir/cli:$PATH"
export PATH
LC_ALL=C
export LC_ALL

tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' HUP INT TERM
run="$tmp/run"
mkdir "$run" || exit 99
ln -s "$srcdir/data" "$run/data" || exit 99
if [ ! -x "$builddir/cli/mse-fit" ]; then
	echo "Bail out! $builddir/cli/mse-fit is not built"
	exit 1
fi

n=0

pass() {
	n=$((n + 1))
	echo "ok $n - $1"
}

fail() {
	n=$((n + 1))
	echo "not ok $n - $1"
	shift
	for f in "$@"; do
		[ -s "$f" ] && sed 's/^/# /' "$f"
	done
	return 0
}

skip() {
	n=$((n + 1))
	echo "ok $n # SKIP $1"
}

# Turn the mdoc escapes the examples use back into plain text.
unescape() {
	sed -e 's/\\&//g' -e 's/\\-/-/g' -e "s/\\\\(aq/'/g" \
	    -e 's/\\(ga/`/g' -e 's/\\e/\\/g'
}

# examples PAGE: the example commands of PAGE, one a line.
examples() {
	awk '/^\.Sh / { inex = ($2 == "EXAMPLES"); next }
	    inex && /^\.Dl mse-[a-z]+( |$)/ { sub(/^\.Dl /, ""); print }' "$1" |
	    unescape
}

# literal PAGE: the first .Bd -literal block of PAGE's EXAMPLES.
literal() {
	awk '/^\.Sh / { inex = ($2 == "EXAMPLES"); next }
	    inex && !done && /^\.Bd -literal/ { on = 1; next }
	    on && /^\.Ed/ { on = 0; done = 1; next }
	    on { print }' "$1" | unescape
}

# first_dl PAGE: the first .Dl line of PAGE's EXAMPLES, unescaped.
first_dl() {
	awk '/^\.Sh / { inex = ($2 == "EXAMPLES"); next }
	    inex && /^\.Dl / { sub(/^\.Dl /, ""); print; exit }' "$1" |
	    unescape
}

# field FILE NAME: the value in column NAME of the first row of FILE, which
# is csv (RFC 4180 quoting) or aligned text.
field() {
	awk -v want="$2" '
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
	NR == 1 { csv = index($0, ",") > 0 }
	!csv && /^[-=+| ]*$/ { next }
	{ k = csv ? splitcsv($0, f) : split($0, f) }
	!col { for (i = 1; i <= k; i++) if (f[i] == want) col = i; next }
	{ print f[col]; exit }' "$1"
}

# near GOT WANT TOL: GOT is a number within TOL of WANT.
near() {
	awk -v g="$1" -v w="$2" -v t="$3" 'BEGIN {
		if (g !~ /^-?[0-9.]+([eE][-+]?[0-9]+)?$/) exit 1
		d = g - w; if (d < 0) d = -d
		exit !(d <= t)
	}'
}

# --- collect the examples --------------------------------------------------
examples "$srcdir/man/mse-fit.1" >"$tmp/ex1" || exit 99
examples "$srcdir/man/mse-data.5" >"$tmp/ex5" || exit 99
for page in mse-table.1 mse-plot.1 mse-counts.1 mse-prevalence.1; do
	examples "$srcdir/man/$page" || exit 99
done >"$tmp/ex6"
cat "$tmp/ex1" "$tmp/ex5" "$tmp/ex6" >"$tmp/examples"
nex=$(wc -l <"$tmp/examples")
nex1=$(wc -l <"$tmp/ex1")
nex5=$(wc -l <"$tmp/ex5")

# Value checks: command, column, wanted value, tolerance, source.  The
# command must be one of the examples, written as in the page.
cat >"$tmp/values" <<'EOF'
mse-fit data/Western.csv|estimate|2007.14175719|0.00005|base R glm (scripts/glm-reference.R); page and brief say 2007.1417...
mse-fit data/Western.csv|se|371.48162343|0.05|base R glm, sqrt(m0 + m0^2 vcov[1,1]); page says 371.5
mse-fit data/Western.csv|lower|1423.304888|0.05|Chao 1987 log-normal from base R glm; page says 1423.3
mse-fit data/Western.csv|upper|2907.090974|0.05|Chao 1987 log-normal from base R glm; page says 2907.1
mse-fit -M A:E -f text data/Western.csv|estimate|2483.38392|0.05|base R glm count ~ . + A:E; page says 2483.4
mse-fit -c wald -L 0.9 data/Kosovo.csv|estimate|7394.586662|0.05|base R glm; page says 7394.6
mse-fit -c wald -L 0.9 data/Kosovo.csv|lower|7181.371868|0.05|base R glm, N - qnorm(0.95) SE; page says 7181.4
mse-fit -c wald -L 0.9 data/Kosovo.csv|upper|7607.801457|0.05|base R glm, N + qnorm(0.95) SE; page says 7607.8
mse-fit -m chapman -l LA,NG data/UKdat.csv|estimate|2839|0.0000005|exact: 95 * 568 / 19 - 1 (n1 = 94, n2 = 567, m = 18)
mse-fit -m chao -b data/UKdat.csv|estimate|15569.56198|0.05|exact: 2744 + 2492 * 2491 / (2 * 242); page says 15569.6
mse-prevalence data/gsi2018.csv|prevalence|1.7308238182896538|0.0000000005|closed form 9000 / 5199836 * 1000 (R 4.2.2); page says 1.73
mse-prevalence data/gsi2018.csv|published|1.81|0|data/gsi2018.csv, Walk Free's published rate
mse-counts -q --wide -b group -f text data/kom-annual.csv|total|274|0|data/kom-annual.csv line 2: 2011 followed up
EOF
nval=$(wc -l <"$tmp/values")

# examples found (1), each example (nex), the Western prefix check (1),
# value checks (nval), the JSON value (1), the mse-data(5) table (1), the
# C program: compiles (1), prints 2007.14 (1), prints what the page says (1).
# ... and the report tools' own checks (nrep, below).
nrep=4
echo "1..$((1 + nex + 1 + nval + 1 + 1 + 3 + nrep))"

if [ "$nex1" -gt 0 ] && [ "$nex5" -gt 0 ]; then
	pass "found $nex1 examples in mse-fit.1 and $nex5 in mse-data.5"
else
	fail "found $nex1 examples in mse-fit.1 and $nex5 in mse-data.5"
fi

# --- run every example -----------------------------------------------------
i=0
while IFS= read -r cmd; do
	i=$((i + 1))
	printf '%s\t%s\n' "$i" "$cmd" >>"$tmp/index"
	out=$(printf '%s\n' "$cmd" |
	    sed -n -e 's/.* -o *\([^ ]*\).*/\1/p' \
	    -e 's/.* --output[= ]\([^ ]*\).*/\1/p')
	[ -n "$out" ] && rm -f "$run/$out"
	case $cmd in
	*mse-plot*--script*) out= ;;	# -o names the file the script makes
	*mse-plot*)
		if ! command -v "${GNUPLOT:-gnuplot}" >/dev/null 2>&1; then
			skip "$cmd: gnuplot is not installed"
			continue
		fi ;;
	esac
	(cd "$run" && sh -c "$cmd") >"$tmp/out.$i" 2>"$tmp/err.$i" </dev/null
	rc=$?
	if [ "$rc" -ne 0 ]; then
		fail "$cmd: exit status $rc" "$tmp/err.$i"
	elif [ -n "$out" ]; then
		if [ -s "$run/$out" ]; then
			cp "$run/$out" "$tmp/out.$i"
			pass "$cmd: wrote $out"
		else
			fail "$cmd: $out missing or empty" "$tmp/err.$i"
		fi
	elif [ -s "$tmp/out.$i" ]; then
		pass "$cmd"
	else
		fail "$cmd: no output" "$tmp/err.$i"
	fi
done <"$tmp/examples"

# output CMD: the file holding what example CMD printed, or nothing.
output() {
	awk -F '\t' -v c="$1" -v d="$tmp" \
	    '$2 == c { print d "/out." $1; exit }' "$tmp/index"
}

# --- check values ----------------------------------------------------------
f=$(output "mse-fit data/Western.csv")
got=$( [ -n "$f" ] && field "$f" estimate)
case $got in
2007.1417*)
	pass "mse-fit data/Western.csv: estimate $got starts with 2007.1417 (base R glm)" ;;
*)
	fail "mse-fit data/Western.csv: estimate '$got' does not start with 2007.1417 (base R glm)" ;;
esac

while IFS='|' read -r cmd col want tol src; do
	f=$(output "$cmd")
	if [ -z "$f" ]; then
		fail "$cmd: not an example in the pages"
		continue
	fi
	got=$(field "$f" "$col")
	if near "$got" "$want" "$tol"; then
		pass "$cmd: $col $got = $want +- $tol ($src)"
	else
		fail "$cmd: $col '$got', want $want +- $tol ($src)" "$f"
	fi
done <"$tmp/values"

cmd="mse-fit -f json -o western.json data/Western.csv"
f=$(output "$cmd")
if [ -n "$f" ] && grep -q '"estimate" *: *2007\.1417' "$f"; then
	pass "$cmd: JSON estimate 2007.1417... (base R glm)"
else
	fail "$cmd: no JSON estimate 2007.1417... (base R glm)" "${f:-/dev/null}"
fi

# --- the report tools: what the pages say their examples print ------------
cmd="mse-counts data/kom-annual.csv"
i=$(awk -F '\t' -v c="$cmd" '$2 == c { print $1; exit }' "$tmp/index")
if [ -n "$i" ] && grep -q '2016 group: 261 of 262 (followed_up' "$tmp/err.$i"; then
	pass "$cmd: reports the 2016 gap, 261 of 262 (data/kom-annual.csv)"
else
	fail "$cmd: does not report '2016 group: 261 of 262'" "$tmp/err.${i:-none}"
fi
cmd="mse-counts -q --wide data/kom-annual.csv | mse-prevalence -c total -n 100000 -p data/gsi2018.csv -i data/gsi2018.csv -f text"
f=$(output "$cmd")
row=$( [ -n "$f" ] && grep '^2016 ' "$f")
# closed forms: 262 / 5199836 * 1e5 = 5.038620 and 262 / 9000 = 0.02911111
case $row in
*" 5.03862 "*" 0.02911111 "*)
	pass "$cmd: 2016 is 5.03862 per 100,000 and 0.0291111 of the index (262 / 5199836, 262 / 9000)" ;;
*)
	fail "$cmd: 2016 row '$row', want 5.03862 per 100,000 and ratio 0.02911111" "${f:-/dev/null}" ;;
esac
cmd="mse-fit data/Western.csv | mse-table -f latex -c model,estimate,lower,upper -r 1 -T 'Western: independence model' -C 'Source: SparseMSE'"
f=$(output "$cmd")
if [ -n "$f" ] && grep -q '^main & 2007.1 & 1423.3 & 2907.1 \\\\$' "$f" &&
    grep -q '^\\toprule$' "$f" && grep -q '^\\caption{Western: independence model}$' "$f"; then
	pass "$cmd: a booktabs table with 2007.1 (1423.3, 2907.1), as base R glm rounds"
else
	fail "$cmd: not the booktabs table the page describes" "${f:-/dev/null}"
fi
cmd="mse-table -t ' ' -p , -c country,victims,population,prevalence_per_1000 data/gsi2018.csv"
f=$(output "$cmd")
if [ -n "$f" ] && grep -q 'Norway  *9 000  *5 199 836  *1,81' "$f"; then
	pass "$cmd: Norwegian style, 9 000 and 1,81"
else
	fail "$cmd: no '9 000 ... 5 199 836 ... 1,81'" "${f:-/dev/null}"
fi

# --- mse-data(5): the table shown is the start of data/Western.csv ---------
literal "$srcdir/man/mse-data.5" >"$tmp/table"
lines=$(wc -l <"$tmp/table")
head -n "$lines" "$srcdir/data/Western.csv" >"$tmp/head"
if [ "$lines" -gt 1 ] && cmp -s "$tmp/table" "$tmp/head"; then
	pass "mse-data.5: the table shown is the first $lines lines of data/Western.csv"
else
	diff "$tmp/table" "$tmp/head" >"$tmp/diff"
	fail "mse-data.5: the table shown is not the start of data/Western.csv" "$tmp/diff"
fi

# --- libmse(3): compile and run the C program ------------------------------
literal "$srcdir/man/libmse.3" >"$tmp/western.c"
first_dl "$srcdir/man/libmse.3" >"$tmp/want"
cc=${CC:-cc}
if ! command -v "${cc%% *}" >/dev/null 2>&1; then
	skip "libmse.3: compile the example ($cc not found)"
	skip "libmse.3: run the example ($cc not found)"
	skip "libmse.3: output as documented ($cc not found)"
	exit 0
fi
gsl=$(pkg-config --cflags --libs gsl 2>/dev/null) || gsl="-lgsl -lgslcblas -lm"
# shellcheck disable=SC2086 # $cc, $gsl and the flags are word lists
if $cc ${CFLAGS:-} -o "$tmp/western" "$tmp/western.c" -I"$srcdir/lib" \
    -L"$builddir/lib/.libs" -lmse $gsl ${LDFLAGS:-} 2>"$tmp/cc.err"; then
	pass "libmse.3: the example compiles"
else
	fail "libmse.3: the example does not compile" "$tmp/cc.err"
fi
(cd "$run" && LD_LIBRARY_PATH="$builddir/lib/.libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" \
    "$tmp/western") >"$tmp/c.out" 2>"$tmp/c.err"
rc=$?
if [ "$rc" -eq 0 ] && grep -q '2007\.14' "$tmp/c.out"; then
	pass "libmse.3: the example prints 2007.14 (base R glm)"
else
	fail "libmse.3: the example (exit $rc) does not print 2007.14 (base R glm)" "$tmp/c.out" "$tmp/c.err"
fi
if [ "$rc" -eq 0 ] && cmp -s "$tmp/c.out" "$tmp/want"; then
	pass "libmse.3: the example prints what the page says"
else
	fail "libmse.3: the example does not print what the page says: $(cat "$tmp/want")" "$tmp/c.out"
fi
