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
#   mse-models.1           every .Dl line in EXAMPLES that begins with
#                          "mse-models" is a command to run;
#   mse-import.1,          every .Dl line in EXAMPLES that begins with
#   mse-sim.1, mse.7       "mse-" and a tool's name is a command to run
#                          (pipes included);
#   mse-table.1, mse-plot.1, mse-counts.1, mse-prevalence.1 and
#                          mse-check.1: the same
#                          (those that run gnuplot are skipped when it is
#                          not installed);
#   mse-data.5             the first .Bd -literal block of EXAMPLES is the
#                          start of data/Western.csv;
#   libmse.3               the first .Bd -literal block of EXAMPLES is a
#                          complete C program; the first .Dl line there is
#                          what it prints.
#   mse-describe.1, mse.7  every .Dl line in EXAMPLES that begins with
#                          "mse-fit" or "mse-describe" is a command to run;
#   mse_fit_closedp.3      as libmse.3.
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
for tool in mse-fit mse-models; do
	if [ ! -x "$builddir/cli/$tool" ]; then
		echo "Bail out! $builddir/cli/$tool is not built"
		exit 1
	fi
done

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

# examples PAGE TOOL: the example commands of PAGE that run TOOL, one a
# line.
examples() {
	awk -v tool="$2" '/^\.Sh / { inex = ($2 == "EXAMPLES"); next }
	    inex && $1 == ".Dl" && $2 == tool { sub(/^\.Dl /, ""); print }' \
	    "$1" | unescape
}

# examples_any PAGE: the example commands of PAGE that run any mse- tool.
examples_any() {
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

# field FILE NAME[@KEY]: the value in column NAME of the first row of FILE,
# or of the row whose first column is KEY.  FILE is csv (RFC 4180 quoting)
# or aligned text, whose columns start where their names start in the
# header line, so that a value may hold spaces.
field() {
	awk -v spec="$2" '
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
	function trim(x) {
		sub(/^ +/, "", x); sub(/ +$/, "", x)
		return x
	}
	function splittext(line, f,    i) {
		for (i = 1; i < nh; i++)
			f[i] = trim(substr(line, start[i], start[i + 1] - start[i]))
		f[nh] = trim(substr(line, start[nh]))
		return nh
	}
	BEGIN {
		want = spec; key = ""
		if ((at = index(spec, "@")) > 0) {
			want = substr(spec, 1, at - 1); key = substr(spec, at + 1)
		}
	}
	NR == 1 { csv = index($0, ",") > 0 }
	!csv && /^[-=+| ]*$/ { next }
	!col && !csv {
		nh = 0
		for (i = 1; i <= length($0); i++)
			if (substr($0, i, 1) != " " &&
			    (i == 1 || substr($0, i - 1, 1) == " "))
				start[++nh] = i
	}
	{ k = csv ? splitcsv($0, f) : splittext($0, f) }
	!col { for (i = 1; i <= k; i++) if (f[i] == want) col = i
	    kc = f[1] == "row" ? 2 : 1; next }
	# Strata output (mse-data(5)): the key is the first stratum column,
	# and "total" is the row whose row column says so.
	key == "" || f[kc] == key || (kc == 2 && key == "total" &&
	    f[1] == "total") { print f[col]; exit }' "$1"
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
examples_any "$srcdir/man/mse-fit.1" >"$tmp/ex1" || exit 99
examples "$srcdir/man/mse-models.1" mse-models >"$tmp/exm" || exit 99
examples "$srcdir/man/mse-data.5" mse-fit >"$tmp/ex5" || exit 99
for page in mse-import.1 mse-sim.1 mse-describe.1 mse.7 mse-table.1 \
    mse-plot.1 mse-counts.1 mse-prevalence.1 mse-check.1; do
	examples_any "$srcdir/man/$page" || exit 99
done >"$tmp/exmore"
cat "$tmp/ex1" "$tmp/exm" "$tmp/ex5" "$tmp/exmore" >"$tmp/examples"
nex=$(wc -l <"$tmp/examples")
nexd=$(wc -l <"$tmp/exd")
nex7=$(wc -l <"$tmp/ex7")
nex1=$(wc -l <"$tmp/ex1")
nexm=$(wc -l <"$tmp/exm")
nex5=$(wc -l <"$tmp/ex5")

# Value checks: command, column, wanted value, tolerance, source.  The
# command must be one of the examples, written as in the page.  The column
# is NAME for the first row, or NAME@KEY for the row whose first column
# (the model) is KEY.  "Methods note" is the project's note on model
# selection and intervals (shared/methods/selection-and-intervals.md),
# whose numbers were computed with SparseMSE 2.0.1 and
# MultipleSystemsEstimation (MSE) 1.2.0 in R 4.2.2.
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
mse-fit -s stepwise data/UKdat_5.csv|estimate|11312.99|0.005|SparseMSE and MSE stepwise, SparseMSE 2.0.1 stepwisefit, MSE 1.2 estimate_population_stepwise; page says 11313.0
mse-fit -s stepwise data/UKdat_5.csv|bic|198.6047|0.00005|MSE BIC of the stepwise model, MSE 1.2 estimate_population_bic
mse-fit -s bic --max-order 3 -f text data/Kosovo.csv|estimate|10356.52|0.005|MSE estimate_population_bic, order 3, MSE 1.2 estimate_population_bic; page says 10356.5
mse-fit -s bic --max-order 3 -f text data/Kosovo.csv|bic|203.0296|0.00005|MSE BIC of [123,14,34], MSE 1.2 estimate_population_bic; page says 203.03
mse-fit -s bic --max-order 3 -c bootstrap -B 200 --seed 1 data/Kosovo.csv|estimate|10356.52|0.005|the point estimate is the BIC winner, MSE 1.2 estimate_population_bic and vary_ntop_bca
mse-fit -s bic --max-order 3 -c bootstrap -B 200 --seed 1 data/Kosovo.csv|replicates|200|0|-B 200, and every Kosovo replicate has an estimate
mse-fit -s bic --max-order 3 -c bootstrap -B 200 --seed 1 data/Kosovo.csv|acceleration|-0.0240|0.00005|MSE jackknife acceleration, MSE 1.2 bcaconfvalues (no Monte Carlo error)
mse-fit -s bic --max-order 3 -c bootstrap -B 200 --seed 1 data/Kosovo.csv|lower|6947.04|800|MSE BCa at B = 1000, MSE 1.2 bcaconfvalues; the tolerance covers seeds 1-20 at B = 200 (6990 to 7538); page says about 7300
mse-fit -s bic --max-order 3 -c bootstrap -B 200 --seed 1 data/Kosovo.csv|upper|18009.99|2000|MSE BCa at B = 1000, MSE 1.2 bcaconfvalues; the tolerance covers seeds 1-20 at B = 200 (16833 to 19179); page says about 16800
mse-fit --by Region -l S1,S2,S3,S4 data/ScotPWID_region_gender_age.csv|estimate@GGC|9143.37964966264|0.05|base R glm (tests/data/strata-reference.csv); page says 9143.4
mse-fit --by Region -l S1,S2,S3,S4 data/ScotPWID_region_gender_age.csv|estimate@Rest|13642.9299372479|0.05|base R glm (tests/data/strata-reference.csv); page says 13642.9
mse-fit --by Region -l S1,S2,S3,S4 data/ScotPWID_region_gender_age.csv|estimate@total|22786.3095868845|0.05|sum of the base R glm fits; page says 22786.3
mse-fit --covariates Region,Gender,Age -M 'S1:Gender + S3:Age + S4:Region + S3:S4' data/ScotPWID_region_gender_age.csv|estimate@total|19877.4917971374|0.05|base R glm with factors (tests/data/strata-reference.csv); page says 19877.5
mse-fit --covariates eth --absent S2:eth=other data/spina_eth.csv|estimate@total|756.75748212981|0.05|base R glm, absent cells left out with subset= (tests/data/strata-reference.csv); page says 756.8
mse-models --top 3 data/Kosovo.csv|estimate|14341.66|0.005|the order-2 BIC winner [12,13,14,23,34] of MSE, MSE 1.2 estimate_population_bic and downhill_fit
mse-models --top 3 data/Kosovo.csv|bic_weight|0.985|0.0005|page says 0.985
mse-models -f text --sort none data/Artificial_3.csv|estimate|539.09|0.005|SparseMSE main effects, SparseMSE 2.0.1 stepwisefit, MSE 1.2 estimate_population_stepwise; page says 539.09
mse-models -f text --sort none data/Artificial_3.csv|estimate@A:C + B:C|296|0.0005|exact: 96 + 200, SparseMSE 2.0.1 checkident
mse-models --max-order 3 --top 5 -f text data/Kosovo.csv|bic|203.0296|0.00005|MSE [123,14,34], MSE 1.2 estimate_population_bic
mse-models --max-order 3 --top 5 -f text data/Kosovo.csv|estimate@EXH:ABA:OSCE + EXH:OSCE:HRW|12740.97|0.005|MSE [123,134], MSE 1.2 estimate_population_bic; page says 12741
mse-models --max-order 3 --top 5 -f text data/Kosovo.csv|bic@EXH:ABA:OSCE + EXH:OSCE:HRW|203.1134|0.00005|MSE [123,134], MSE 1.2 estimate_population_bic
mse-models --max-order 3 --top 5 -f text data/Kosovo.csv|estimate@EXH:ABA + ABA:OSCE + EXH:OSCE:HRW|18393.31|0.005|MSE [134,12,23], MSE 1.2 estimate_population_bic; page says 18393
mse-models --max-order 3 --top 5 -f text data/Kosovo.csv|bic@EXH:ABA + ABA:OSCE + EXH:OSCE:HRW|203.9573|0.00005|MSE [134,12,23], MSE 1.2 estimate_population_bic
mse-fit -m closed -f text data/hare.csv|estimate|75.43362|0.000005|Rcapture 1.4-4 closedp.t(hare), M0 (the issue's table); page says 75.4
mse-fit -m Mth-poisson -c profile data/hare.csv|estimate|81.079281407645|0.000001|R glm rebuild (scripts/closedp-reference.R); Rcapture 81.07928; page says 81.1
mse-fit -m Mth-poisson -c profile data/hare.csv|lower|71.821662336109|0.00001|R glm + uniroot rebuild (tests/data/profile-reference.csv); Rcapture example 71.8
mse-fit -m Mth-poisson -c profile data/hare.csv|upper|93.846724727207|0.00001|R rebuild; Rcapture example 93.8
mse-fit -m Mth-poisson -c profile data/hare.csv|profile_estimate|80.078321588109|0.00001|R rebuild; Rcapture example 80.1
mse-fit -m closed -t 50 --t0 20 data/nbcap/BBS2001.csv|estimate|71.0593|0.00005|Rcapture closedp.0(BBS2001, t = 50, t0 = 20), M0 (Rcapture 1.4-4)
mse-fit -m Mh-chao -t inf data/nbcap/ill.csv|estimate|9273.5109289617|0.000001|R rebuild; Rcapture example output 9273.5
mse-fit -m closed -t 11 data/nbcap/cbird.csv|estimate|20.341613119298|0.000001|R rebuild; Rcapture example output (catb) 20.3
mse-prevalence data/gsi2018.csv|prevalence|1.7308238182896538|0.0000000005|closed form 9000 / 5199836 * 1000 (R 4.2.2); page says 1.73
mse-prevalence data/gsi2018.csv|published|1.81|0|data/gsi2018.csv, Walk Free's published rate
mse-counts -q --wide -b group -f text data/kom-annual.csv|total|274|0|data/kom-annual.csv line 2: 2011 followed up
mse-fit -m dga --delta 0.5 --nmax 2537 data/Congenital.csv|estimate|617.815993|0.000001|dga 2.0.2 (the dga 2.0.2 example); page says 617.8
mse-fit -m dga --delta 0.5 --nmax 2537 data/Congenital.csv|median|616|0|dga 2.0.2 (dga 2.0.2)
mse-fit -m dga --delta 0.5 --nmax 2537 data/Congenital.csv|lower|588|0|dga 2.0.2 (dga 2.0.2)
mse-fit -m dga --delta 0.5 --nmax 2537 data/Congenital.csv|upper|655|0|dga 2.0.2 (dga 2.0.2)
mse-fit -m dga --nmax 2537 -f text data/Congenital.csv|estimate|618.911|0.0005|dga 2.0.2 (issue 7: 618.911, 3 decimals)
mse-fit -m dga --nmax 2537 -f text data/Congenital.csv|median|618|0|dga 2.0.2 (issue 7)
mse-fit -m dga --nmax 2537 -f text data/Congenital.csv|lower|590|0|dga 2.0.2 (issue 7)
mse-fit -m dga --nmax 2537 -f text data/Congenital.csv|upper|656|0|dga 2.0.2 (issue 7)
mse-fit -m dga --nmax 60000 --step 20 data/UKdat.csv|estimate|14101.438359|14.1|dga 2.0.2 over all 18154 graphs (dga 2.0.2); MCMC within 0.1%
mse-fit -m lcm data/Congenital.csv|estimate|634.654|6.2|LCMCR's sampler (--lcmcr), 4 x 5000 draws 20 apart (scripts/lcm-reference; MC s.e. 0.6); 4 combined MC s.e. with this run's 1.4 (sd 32, ESS 495)
EOF
nval=$(wc -l <"$tmp/values")

# Text checks: command, column (as above), the exact text wanted, source.
cat >"$tmp/texts" <<'EOF'
mse-fit -s stepwise data/UKdat_5.csv|selection|stepwise p < 0.02, 7 fits|six pairs enter, SparseMSE 2.0.1 stepwisefit, MSE 1.2 estimate_population_stepwise
mse-fit -s stepwise data/UKdat_5.csv|model|LA:NG + LA:PFNCA + NG:GO + NG:GP + PFNCA:GP + GO:GP|the pairs of SparseMSE and MSE, SparseMSE 2.0.1 stepwisefit, MSE 1.2 estimate_population_stepwise
mse-fit -s bic --max-order 3 -f text data/Kosovo.csv|selection|bic exhaustive, 113 models, order <= 3|113 models of 4 lists up to order 3, MSE 1.2's model space
mse-fit -s bic --max-order 3 -f text data/Kosovo.csv|model|EXH:HRW + OSCE:HRW + EXH:ABA:OSCE|MSE [123,14,34], MSE 1.2 estimate_population_bic; page names it
mse-models --top 3 data/Kosovo.csv|model|EXH:ABA + EXH:OSCE + EXH:HRW + ABA:OSCE + OSCE:HRW|MSE [12,13,14,23,34], MSE 1.2 estimate_population_bic; page says every pair but ABA:HRW
mse-models -f text --sort none data/Artificial_3.csv|model|main|the enumeration begins with the independence model (page)
EOF
ntext=$(wc -l <"$tmp/texts")

# Count checks: command, an extended regular expression (without "|"), how
# many lines of the output match it, source.
cat >"$tmp/counts" <<'EOF'
mse-models -f text --sort none data/Artificial_3.csv| no MLE: |3|A:B, A:B + A:C and A:B + B:C: Chan, Silverman and Vincent (2019) Table 2, SparseMSE 2.0.1 checkident
mse-models -f text --sort none data/Artificial_3.csv| not identifiable: |1|all three pairs: Chan, Silverman and Vincent (2019) Table 2, SparseMSE 2.0.1 checkident
mse-models -f text --sort none data/Artificial_3.csv| boundary: |3|B:C, A:C and A:C + B:C have a term at -inf, SparseMSE 2.0.1 checkident
mse-models --top 3 data/Kosovo.csv|^average,average [(][AB]IC weights[)],|2|the two model averages, row = average (page; mse-data(5))
mse-models --max-order 3 --top 5 -f text data/Kosovo.csv|^model  *EXH|5|--top 5 lists five models, row = model (page)
EOF
ncount=$(wc -l <"$tmp/counts")

# examples found (1), each example (nex), the Western prefix check (1),
# value checks (nval), text checks (ntext), count checks (ncount), the JSON
# value (1), the mse-data(5) table (1), the C program: compiles (1), prints
# 2007.14 (1), prints what the page says (1).
# mse-describe(1): 4 value checks; mse_fit_closedp(3): 3 like libmse(3).
# The report tools add their own checks (nrep, at the end); the C
# examples of mse_dga(3), mse_lcm(3), mse_bayesthresh(3) and
# mse_bootstrap(3) 3 each.
nrep=4
echo "1..$((1 + nex + 1 + nval + ntext + ncount + 1 + 1 + 3 + 4 + 3 + nrep + 1 + 3 * 4))"

found="found $nex1 examples in mse-fit.1, $nexm in mse-models.1 and $nex5 in mse-data.5"
if [ "$nex1" -gt 0 ] && [ "$nexm" -gt 0 ] && [ "$nex5" -gt 0 ]; then
	pass "$found"
else
	fail "$found"
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

while IFS='|' read -r cmd col want src; do
	f=$(output "$cmd")
	if [ -z "$f" ]; then
		fail "$cmd: not an example in the pages"
		continue
	fi
	got=$(field "$f" "$col")
	if [ "$got" = "$want" ]; then
		pass "$cmd: $col is '$want' ($src)"
	else
		fail "$cmd: $col '$got', want '$want' ($src)" "$f"
	fi
done <"$tmp/texts"

while IFS='|' read -r cmd re want src; do
	f=$(output "$cmd")
	if [ -z "$f" ]; then
		fail "$cmd: not an example in the pages"
		continue
	fi
	got=$(grep -Ec -- "$re" "$f")
	if [ "$got" -eq "$want" ]; then
		pass "$cmd: $want lines match '$re' ($src)"
	else
		fail "$cmd: $got lines match '$re', want $want ($src)" "$f"
	fi
done <"$tmp/counts"

cmd="mse-fit -f json -o western.json data/Western.csv"
f=$(output "$cmd")
if [ -n "$f" ] && grep -q '"estimate" *: *2007\.1417' "$f"; then
	pass "$cmd: JSON estimate 2007.1417... (base R glm)"
else
	fail "$cmd: no JSON estimate 2007.1417... (base R glm)" "${f:-/dev/null}"
fi

# --- mse-describe(1): what the examples print --------------------------------
# check CMD DESC PATTERN: the output of example CMD matches grep -E PATTERN
# (with ERR, its standard error).
check() {
	f=$(output "$1")
	[ -n "$f" ] && [ "${4:-}" = err ] && f=${f%/out.*}/err.${f##*/out.}
	if [ -n "$f" ] && grep -Eq "$3" "$f"; then
		pass "$1: $2"
	else
		fail "$1: $2 (no line matches '$3')" "${f:-/dev/null}"
	fi
}
check "mse-describe -f text data/hare.csv" \
    "i = 1: f 25, u 16, v 3, n 16 (Rcapture descriptive(hare))" \
    '^1 +c1 +25 +16 +3 +16$'
check "mse-describe -f text data/hare.csv" \
    "25 of 68 seen by one list only" '^Seen by one list only: 25 of 68 '
check "mse-describe data/Artificial_3.csv" \
    "warns on stderr that A and C do not overlap" \
    '^mse-describe: warning: lists A and C have no unit in common$' err
f=$(output "mse-describe -f json data/NewOrl.csv")
got=$( [ -n "$f" ] && grep -c 'no unit in common' "$f")
if [ "$got" = 18 ]; then
	pass "mse-describe -f json data/NewOrl.csv: 18 pairs without overlap"
else
	fail "mse-describe -f json data/NewOrl.csv: '$got' pairs without overlap, want 18" "${f:-/dev/null}"
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

# --- mse_dga(3), mse_lcm(3), mse_bootstrap(3): compile and run each page's
# C program, which must print its .Dl line (the dga 2.0.2 and LCMCR 0.4.14
# values; for mse_bootstrap(3) libmse's own, 1 and 2 threads alike) -------
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
	    -I"$builddir/lib" -L"$builddir/lib/.libs" -lmse $gsl ${LDFLAGS:-} \
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
c_example "$srcdir/man/mse_bayesthresh.3"
c_example "$srcdir/man/mse_bootstrap.3"

# --- libmse(3), mse_fit_closedp(3): compile and run the C programs ---------
cc=${CC:-cc}
gsl=$(pkg-config --cflags --libs gsl 2>/dev/null) || gsl="-lgsl -lgslcblas -lm"

# program PAGE NAME WANT: compile the page's program, run it in $run, and
# check that it prints WANT (grep -E) and what the page says it prints.
program() {
	literal "$srcdir/man/$1" >"$tmp/$2.c"
	first_dl "$srcdir/man/$1" >"$tmp/$2.want"
	if ! command -v "${cc%% *}" >/dev/null 2>&1; then
		skip "$1: compile the example ($cc not found)"
		skip "$1: run the example ($cc not found)"
		skip "$1: output as documented ($cc not found)"
		return
	fi
	# shellcheck disable=SC2086 # $cc, $gsl and the flags are word lists
	if $cc ${CFLAGS:-} -o "$tmp/$2" "$tmp/$2.c" -I"$srcdir/lib" \
	    -I"$builddir/lib" -L"$builddir/lib/.libs" -lmse $gsl ${LDFLAGS:-} \
	    2>"$tmp/$2.cc"; then
		pass "$1: the example compiles"
	else
		fail "$1: the example does not compile" "$tmp/$2.cc"
	fi
	(cd "$run" && LD_LIBRARY_PATH="$builddir/lib/.libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" \
	    "$tmp/$2") >"$tmp/$2.out" 2>"$tmp/$2.err"
	rc=$?
	if [ "$rc" -eq 0 ] && grep -Eq "$3" "$tmp/$2.out"; then
		pass "$1: the example prints $3"
	else
		fail "$1: the example (exit $rc) does not print $3" "$tmp/$2.out" "$tmp/$2.err"
	fi
	if [ "$rc" -eq 0 ] && cmp -s "$tmp/$2.out" "$tmp/$2.want"; then
		pass "$1: the example prints what the page says"
	else
		fail "$1: the example does not print what the page says: $(cat "$tmp/$2.want")" "$tmp/$2.out"
	fi
}
# Western independence: base R glm; hare Mth Poisson2: Rcapture 1.4-4
# (N 81.07928; closedpCI.t example: 71.8 to 93.8).
program libmse.3 western '2007\.14'
program mse_fit_closedp.3 hare 'N = 81\.1, profile 71\.8 to 93\.8'
