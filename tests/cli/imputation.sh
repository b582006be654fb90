#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# imputation.sh - mse-fit -m lcm --imputation (issue 15, item 3): imputed
# versions of a table, their posterior draws pooled by Zhou & Reiter's
# (2010) mixing rule (TAP).
. "${top_srcdir:-.}/tests/cli/tap.sh"
fit=$builddir/cli/mse-fit
data=$srcdir/data
cd "$tmp" || exit 99

# col FILE ROWKIND NAME: column NAME of the rows whose `row' is ROWKIND
# (or of every row when ROWKIND is -).
col() {
	awk -F, -v k="$2" -v n="$3" 'NR == 1 { for (i = 1; i <= NF; i++)
		c[$i] = i; next } k == "-" || $c["row"] == k { print $c[n] }' "$1"
}

# Congenital three times (identical versions), and Congenital with one
# other version whose counts are 1.3 times as large.
awk -F, 'NR == 1 { print $0 ",imp"; next }
    { for (i = 1; i <= 3; i++) print $0 "," i }' "$data/Congenital.csv" \
    >same.csv
awk -F, 'BEGIN { OFS = "," } NR == 1 { print $0, "imp"; next }
    { print $0, "a"; $NF = int($NF * 1.3); print $0, "b" }' \
    "$data/Congenital.csv" >diff.csv
awk -F, 'NR == 1 || $NF == "b"' diff.csv | cut -d, -f1-6 >b.csv
awk -F, 'NR == 1 { print $0 ",imp"; next } { print $0 ",1" }' \
    "$data/Congenital.csv" >one.csv

# 1. The first version's row is the plain fit of its table (same seeds),
# and one version pools to itself.
"$fit" -m lcm -f csv "$data/Congenital.csv" >plain.csv 2>/dev/null &&
    "$fit" -m lcm --imputation imp -f csv one.csv >one.out 2>err
rc=$?
cols="estimate se lower upper median rhat ess_bulk ess_tail ppp status"
for c in $cols; do
	[ "$(col plain.csv - "$c")" = "$(col one.out imputation "$c")" ] ||
	    rc=1
done
for c in estimate lower upper median; do
	[ "$(col one.out pooled "$c")" = "$(col one.out imputation "$c")" ] ||
	    rc=1
done
# the sd: the same draws, summed in another order
awk -v a="$(col one.out pooled se)" -v b="$(col one.out imputation se)" \
    'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d <= 1e-9 * a) }' || rc=1
[ "$(col one.out pooled status)" = ok ] || rc=1
ok $rc "one version: its row is the plain fit, and the pool is itself" err

# 2. Identical versions: the pool is the union of their draws, so the
# same posterior as one table's, within Monte Carlo error (sd 32, each
# fit's ESS at least 400: 2% of N is several Monte Carlo s.e.).
"$fit" -m lcm --imputation imp -f csv same.csv >same.out 2>err
rc=$?
[ "$(col same.out imputation status | sort -u)" = ok ] || rc=1
[ "$(col same.out pooled status)" = ok ] || rc=1
[ "$(col same.out pooled observed)" = 537 ] || rc=1
for c in estimate median lower upper; do
	awk -v a="$(col plain.csv - "$c")" -v b="$(col same.out pooled "$c")" \
	    'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d <= 0.02 * a) }' ||
	    rc=1
done
# the first version is the plain fit itself
[ "$(col same.out imputation median | head -n 1)" = \
    "$(col plain.csv - median)" ] || rc=1
ok $rc "identical versions pool to one table's posterior" err

# 3. Different versions: every quantile of the mixture lies between the
# versions' (its cdf is their average), and the mean is their mean.
"$fit" -m lcm --imputation imp -f csv diff.csv >diff.out 2>err &&
    "$fit" -m lcm --seed 5 -f csv b.csv >b.out 2>>err
rc=$?
for c in lower median upper; do
	col diff.out imputation "$c" | sort -n >q
	lo=$(head -n 1 q) hi=$(tail -n 1 q) p=$(col diff.out pooled "$c")
	awk -v l="$lo" -v h="$hi" -v p="$p" 'BEGIN { exit !(l < h &&
	    l <= p && p <= h) }' || rc=1
done
awk -v m="$(col diff.out pooled estimate)" \
    -v a="$(col diff.out imputation estimate | head -n 1)" \
    -v b="$(col diff.out imputation estimate | tail -n 1)" \
    'BEGIN { d = m - (a + b) / 2; exit !(d < 1 && d > -1) }' || rc=1
# seeds: version b's chains go on from a's (seed 1 + 4 chains = 5)
[ "$(col diff.out imputation median | tail -n 1)" = \
    "$(col b.out - median)" ] || rc=1
ok $rc "different versions: the pool's quantiles lie between theirs" err

# 4. A version whose chains are not ok makes the pool not ok, with the
# figures on its own row.
"$fit" -m lcm --imputation imp --samples 40 --burnin 20 -f csv same.csv \
    >bad.out 2>err
rc=$?
case $(col bad.out pooled status) in
"not ok: imputations 1 2 3 (see their rows)") ;;
*) rc=1 ;;
esac
col bad.out imputation status | grep -q 'ESS [0-9]* (tail [0-9]*) < 400' ||
    rc=1
grep -q 'warning: ESS' err || rc=1
ok $rc "a version not ok: the pool is not ok, and says which" bad.out

# 5. With --by: each stratum pooled over its versions, and a total.
"$fit" -m lcm --by eth --imputation imp --samples 300 --burnin 300 \
    --threads 1 -f csv "$srcdir/tests/data/good-imputed-eth.csv" \
    >by.out 2>err
rc=$?
[ "$(col by.out - row | tr '\n' ' ')" = "imputation imputation imputation \
stratum imputation imputation imputation stratum total " ] || rc=1
[ "$(head -n 1 by.out | cut -d, -f1-3)" = "row,eth,method" ] || rc=1
[ "$(head -n 1 by.out | awk -F, '{ print $NF }')" = imp ] || rc=1
[ "$(col by.out imputation imp | tr '\n' ' ')" = "1 2 3 1 2 3 " ] || rc=1
# observed: the versions' mean; the total adds the strata
[ "$(col by.out total observed)" = 619 ] || rc=1
# the total's median lies near the sum of the strata's
awk -v t="$(col by.out total median)" \
    -v s="$(col by.out stratum median | awk '{ s += $1 } END { print s }')" \
    'BEGIN { d = t - s; if (d < 0) d = -d; exit !(d < 0.05 * s) }' || rc=1
ok $rc "--by: the strata pooled, and the total" by.out

# 6. Every output format.
for f in text csv tsv json md latex html; do
	"$fit" -m lcm --imputation imp --samples 100 --burnin 100 -f "$f" \
	    one.csv >out.$f 2>/dev/null && grep -q pooled out.$f
	ok $? "-f $f"
done

# 7. Bad input: a version without a stratum, or no such column; a usage
# error for the combinations refused.
grep -v ',afro-american,[0-9]*,3$' \
    "$srcdir/tests/data/good-imputed-eth.csv" >miss.csv
"$fit" -m lcm --by eth --imputation imp miss.csv >miss.out 2>err
[ $? -eq 1 ] && [ ! -s miss.out ] &&
    grep -q 'imputation imp=3 has no rows where eth=afro-american' err
ok $? "a version without a stratum: exit 1, no output, which one" err
"$fit" -m lcm --imputation nosuch one.csv >x.out 2>err
[ $? -eq 1 ] && [ ! -s x.out ] && grep -q "one.csv:1:1: .*'nosuch'" err
ok $? "no such column: exit 1, file:line:column" err
for args in "-m dga" "-m loglinear" "-m lcm --draws d.csv" \
    "-m lcm --by imp" "-m bayesthresh" "-m lcm --covariates eth"; do
	# shellcheck disable=SC2086
	"$fit" $args --imputation imp one.csv >x.out 2>err
	[ $? -eq 2 ] && [ ! -s x.out ] && [ -s err ]
	ok $? "refused: $args --imputation" err
done
"$fit" -m lcm --imputation imp --check-options >x.out 2>err
ok $? "--check-options: -m lcm --imputation goes" err

tap_done
