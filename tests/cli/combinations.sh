#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# combinations.sh - every method x data shape x interval of mse-fit (TAP).
#
# Each cell either gives numbers or is refused by the rule table with a
# reason (exit 2 and a message on stderr).  For every cell that runs:
# - no row says "ok" with an empty estimate, lower or upper bound;
# - the fixed-model point fits (method "fixed") match base R's glm,
#   tests/data/strata-reference.csv (scripts/strata-reference.R, R 4.2.2),
#   at 1e-6 relative, the tolerance of tests/cli/strata-reference.sh;
# - the selection methods' total estimate equals the fixed-model fit of the
#   model they chose, at 1e-9 (the same fit), and with covariates the model
#   R's exhaustive AIC or BIC search chose (strata-reference.csv, kind
#   select), at 1e-6;
# - bootstrap cells give the same bytes on 1 and 2 threads with the same
#   seed, and every interval (the total's too) contains its estimate.
# The cells that are refused are listed in mse-fit(1), OPTION RULES.
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

ok() {
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		fail=1
	fi
}

cd "$srcdir" || exit 99
scot=data/ScotPWID_region_gender_age.csv
[ -f "$scot" ] || scot=tests/data/ScotPWID_region_gender_age.csv
west=data/Western.csv

# The data shapes: input file and options.  The covariate shapes use
# Gender with four lists, which the R reference fits too.
shape_args() {
	case $1 in
	plain) echo "$west" ;;
	by) echo "--by Region --lists S1,S2,S3,S4 $scot" ;;
	cov) echo "--covariates Gender --lists S1,S2,S3,S4 $scot" ;;
	absent) echo "--absent A:B $west" ;;
	covabsent) echo "--covariates Gender --lists S1,S2,S3,S4 --absent S1:S2:S3:S4:Gender=Female $scot" ;;
	# 25 lists: a sparse table (mse.h MSE_DENSE_LISTS), plain and by
	# stratum.  A method that needs all 2^k cells is refused after
	# reading (exit 1), with the methods that work.
	many) echo "tests/data/sim-25-lists.csv" ;;
	manyby) echo "--by year,kjønn tests/data/sim-25-lists-by.csv" ;;
	esac
}

method_args() {
	case $1 in
	# The R reference's covariate fit has S3:Gender (strata-reference.R).
	fixed) case $2 in cov | covabsent) echo "-M S3:Gender" ;; esac ;;
	stepwise) echo "-s stepwise" ;;
	aic) echo "-s aic" ;;
	bic) echo "-s bic" ;;
	closed) echo "-m Mt" ;;
	lcm) echo "-m lcm --samples 200 --burnin 200 --seed 3" ;;
	# Half the chains started in another class structure.
	lcm-apart) echo "-m lcm --start lists --samples 200 --burnin 200 --seed 3" ;;
	dga) echo "-m dga" ;;
	# The MCMC over graphs, in rounds until its two runs agree.
	dga-mcmc) echo "-m dga --graphs mcmc --max-iterations 200000" ;;
	bayesthresh) echo "-m bayesthresh --samples 1000 --burnin 200" ;;
	esac
}

# The CSV column named $2 of file $1, row by row (no quoted commas in the
# numeric columns read here).
column() {
	awk -F, -v want="$2" 'NR == 1 { for (i = 1; i <= NF; i++)
	    if ($i == want) c = i; next } c { print $c }' "$1"
}

# No row says ok with an empty estimate or bound.
no_empty_ok() {
	awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next }
	    { line = $0; gsub(/"[^"]*"/, "Q", line); split(line, f, ",")
	      st = f[h["status"]]
	      if (st ~ /^ok/ && (f[h["estimate"]] == "" ||
	          ("lower" in h && f[h["lower"]] == "") ||
	          ("upper" in h && f[h["upper"]] == ""))) bad = 1 }
	    END { exit bad }' "$1"
}

# Every interval contains its estimate (rows that have all three).
contains() {
	awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next }
	    { line = $0; gsub(/"[^"]*"/, "Q", line); split(line, f, ",")
	      e = f[h["estimate"]]; l = f[h["lower"]]; u = f[h["upper"]]
	      if (e != "" && l != "" && u != "" && !(l + 0 <= e + 0 &&
	          e + 0 <= u + 0)) bad = 1; rows += (e != "") }
	    END { exit bad || rows == 0 }' "$1"
}

# Fixed-model estimates against base R, 1e-6 relative.
against_r() {
	shape=$1 out=$2
	case $shape in
	plain) want=$(awk -F, '$1 == "absent" && $6 == "" && $5 == "main" { print $8 }' "$ref") ;;
	absent) want=$(awk -F, '$1 == "absent" && $6 == "A:B" && $5 == "main" { print $8 }' "$ref") ;;
	by) want=$(awk -F, '$1 == "by" && $3 ~ /--by Region --lists/ { print $8 }' "$ref") ;;
	cov) want=$(awk -F, '$1 == "cov" && $3 ~ /--covariates Gender/ { print $8 }' "$ref") ;;
	*) return 0 ;;
	esac
	got=$(column "$out" estimate | head -n "$(echo "$want" | wc -l)")
	[ -n "$want" ] || return 1
	echo "$want" >"$tmp/want"
	echo "$got" >"$tmp/got"
	# The R rows list the strata then the total, as mse-fit does.
	paste -d' ' "$tmp/want" "$tmp/got" | awk '{ d = $1 - $2; if (d < 0)
	    d = -d; if ($2 == "" || d > 1e-6 * ($1 < 0 ? -$1 : $1)) bad = 1 }
	    END { exit bad }'
}

# The selection's total against a fixed fit of the model it printed.
refit_same() {
	shape=$1 out=$2
	model=$(column "$out" model | tail -n 1)
	got=$(column "$out" estimate | tail -n 1)
	# shellcheck disable=SC2046
	"$fit" -f csv -M "$model" $(shape_args $shape) >"$tmp/refit" \
	    2>/dev/null || return 1
	want=$(column "$tmp/refit" estimate | tail -n 1)
	awk -v g="$got" -v w="$want" 'BEGIN { d = g - w; if (d < 0) d = -d
	    exit !(g != "" && d <= 1e-9 * w) }'
}

# With covariates, the search's total against R's (kind select).
select_against_r() {
	crit=$1 out=$2
	want=$(awk -F, -v a="--covariates Gender --lists S1;S2;S3;S4 --select $crit" \
	    '$1 == "select" && $3 == a && $4 == "total" { print $8 }' "$ref")
	got=$(column "$out" estimate | tail -n 1)
	awk -v g="$got" -v w="$want" 'BEGIN { d = g - w; if (d < 0) d = -d
	    exit !(g != "" && w != "" && d <= 1e-6 * w) }'
}

for shape in plain by cov absent covabsent many manyby; do
	for method in fixed stepwise aic bic closed lcm lcm-apart dga dga-mcmc \
	    bayesthresh; do
		cis="lognormal wald conditional profile bootstrap"
		# The Bayesian methods' own interval is the posterior's; a
		# --ci for them is refused.
		case $method in lcm* | dga* | bayesthresh) cis="$cis posterior" ;; esac
		for ci in $cis; do
			cell="$method x $shape x $ci"
			extra=
			[ "$ci" = bootstrap ] && extra="-B 100 --seed 11 --threads 1"
			cio="-c $ci"
			[ "$ci" = posterior ] && cio=
			# shellcheck disable=SC2046
			"$fit" -f csv $(method_args $method $shape) $cio $extra \
			    $(shape_args $shape) >"$tmp/out" 2>"$tmp/err"
			rc=$?
			if [ $rc -eq 2 ]; then
				[ ! -s "$tmp/out" ] && grep -q . "$tmp/err" &&
				    ! grep -q 'yet' "$tmp/err"
				ok $? "$cell: refused with a reason: $(head -n 1 \
				    "$tmp/err" | cut -c1-100)"
				continue
			fi
			if [ $rc -eq 1 ] && case $shape in many*) true ;;
			    *) false ;; esac; then
				[ ! -s "$tmp/out" ] &&
				    grep -q 'at most 20 lists; -m lcm' "$tmp/err"
				ok $? "$cell: 25 lists refused, with the methods that work"
				continue
			fi
			[ $rc -eq 0 ] && no_empty_ok "$tmp/out"
			ok $? "$cell: runs (exit $rc), no ok row with an empty number"
			if [ "$method" = fixed ] && [ "$ci" = lognormal ] &&
			    [ $rc -eq 0 ]; then
				against_r $shape "$tmp/out"
				ok $? "$cell: estimates match base R glm at 1e-6"
			fi
			case $method:$shape:$ci:$rc in
			# --by chooses a model per stratum: strata-reference.sh
			# checks those fits.
			stepwise:by:* | aic:by:* | bic:by:*) ;;
			stepwise:*:lognormal:0 | aic:*:lognormal:0 | bic:*:lognormal:0)
				refit_same $shape "$tmp/out"
				ok $? "$cell: the total is the fixed fit of the chosen model (1e-9)"
				;;
			esac
			case $method:$shape:$ci:$rc in
			aic:cov:lognormal:0 | bic:cov:lognormal:0)
				select_against_r $method "$tmp/out"
				ok $? "$cell: R's exhaustive $method search chose the same model (1e-6)"
				;;
			esac
			if [ "$ci" = bootstrap ] && [ $rc -eq 0 ]; then
				# shellcheck disable=SC2046
				"$fit" -f csv $(method_args $method $shape) $cio \
				    -B 100 --seed 11 --threads 2 $(shape_args $shape) \
				    >"$tmp/out2" 2>/dev/null
				cmp -s "$tmp/out" "$tmp/out2"
				ok $? "$cell: the same bytes on 1 and 2 threads"
				contains "$tmp/out"
				ok $? "$cell: every interval, the total's too, holds its estimate"
			fi
		done
	done
done

echo "1..$n"
exit $fail
