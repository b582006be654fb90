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
#                          "mse-fit" is a command to run;
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
	    inex && /^\.Dl mse-fit( |$)/ { sub(/^\.Dl /, ""); print }' "$1" |
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
cat "$tmp/ex1" "$tmp/ex5" >"$tmp/examples"
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
mse-fit -m dga --delta 0.5 --nmax 2537 data/Congenital.csv|estimate|617.815993|0.000001|dga 2.0.2 (methods note bayesian.md A.4); page says 617.8
mse-fit -m dga --delta 0.5 --nmax 2537 data/Congenital.csv|median|616|0|dga 2.0.2 (note A.4)
mse-fit -m dga --delta 0.5 --nmax 2537 data/Congenital.csv|lower|588|0|dga 2.0.2 (note A.4)
mse-fit -m dga --delta 0.5 --nmax 2537 data/Congenital.csv|upper|655|0|dga 2.0.2 (note A.4)
mse-fit -m dga --nmax 2537 -f text data/Congenital.csv|estimate|618.911|0.0005|dga 2.0.2 (issue 7: 618.911, 3 decimals)
mse-fit -m dga --nmax 2537 -f text data/Congenital.csv|median|618|0|dga 2.0.2 (issue 7)
mse-fit -m dga --nmax 2537 -f text data/Congenital.csv|lower|590|0|dga 2.0.2 (issue 7)
mse-fit -m dga --nmax 2537 -f text data/Congenital.csv|upper|656|0|dga 2.0.2 (issue 7)
mse-fit -m dga --nmax 60000 --step 20 data/UKdat.csv|estimate|14101.438359|14.1|dga 2.0.2 over all 18154 graphs (note A.4); MCMC within 0.1%
mse-fit -m lcm data/Congenital.csv|estimate|634.654|6.2|LCMCR's sampler (--lcmcr), 4 x 5000 draws 20 apart (scripts/lcm-reference; MC s.e. 0.6); 4 combined MC s.e. with this run's 1.4 (sd 32, ESS 495)
EOF
nval=$(wc -l <"$tmp/values")

# examples found (1), each example (nex), the Western prefix check (1),
# value checks (nval), the JSON value (1), the mse-data(5) table (1), the
# C program: compiles (1), prints 2007.14 (1), prints what the page says (1).
echo "1..$((1 + nex + 1 + nval + 1 + 1 + 1 + 3 + 3 * 2))"

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

# --- mse-fit(1): LCMCR's draws written by --draws ------------------------
f=$run/draws.csv
if [ -f "$f" ] && [ "$(sed -n '2p;11p' "$f" | tr '\n' ' ')" = "1,1,9999 1,10,10092 " ]; then
	pass "draws.csv holds LCMCR 0.4.14's draws for seed 1 (note B.5): 9999 ... 10092"
else
	fail "draws.csv does not hold LCMCR's draws 9999 ... 10092 (note B.5)" "${f}"
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

# --- mse_dga(3), mse_lcm(3): compile and run each page's C program, which
# must print its .Dl line (the dga 2.0.2 and LCMCR 0.4.14 values) ---------
c_example() {
	page=$1
	base=$(basename "$page" .3)
	literal "$page" >"$tmp/$base.c"
	first_dl "$page" >"$tmp/$base.want"
	cc=${CC:-cc}
	if ! command -v "${cc%% *}" >/dev/null 2>&1; then
		skip "$base.3: compile the example ($cc not found)"
		skip "$base.3: run the example ($cc not found)"
		skip "$base.3: output as documented ($cc not found)"
		return 0
	fi
	gsl=$(pkg-config --cflags --libs gsl 2>/dev/null) ||
	    gsl="-lgsl -lgslcblas -lm"
	# shellcheck disable=SC2086 # $cc, $gsl and the flags are word lists
	if $cc ${CFLAGS:-} -o "$tmp/$base" "$tmp/$base.c" -I"$srcdir/lib" \
	    -L"$builddir/lib/.libs" -lmse $gsl ${LDFLAGS:-} \
	    2>"$tmp/$base.cc"; then
		pass "$base.3: the example compiles"
	else
		fail "$base.3: the example does not compile" "$tmp/$base.cc"
	fi
	(cd "$run" && LD_LIBRARY_PATH="$builddir/lib/.libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" \
	    "$tmp/$base") >"$tmp/$base.out" 2>"$tmp/$base.err"
	if [ $? -eq 0 ]; then
		pass "$base.3: the example runs"
	else
		fail "$base.3: the example fails" "$tmp/$base.err"
	fi
	if cmp -s "$tmp/$base.out" "$tmp/$base.want"; then
		pass "$base.3: the example prints $(cat "$tmp/$base.want")"
	else
		fail "$base.3: the example does not print what the page says: $(cat "$tmp/$base.want")" "$tmp/$base.out"
	fi
}
c_example "$srcdir/man/mse_dga.3"
c_example "$srcdir/man/mse_lcm.3"

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
