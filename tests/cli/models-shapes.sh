#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# models-shapes.sh - mse-models with --by, --covariates and --absent (TAP).
#
# The references are mse-models and mse-fit themselves on the same data in
# another shape, each checked against base R elsewhere:
# - --by: each stratum's averages equal mse-models on that stratum's own
#   table (built here with awk), at 1e-9 relative; the totals are the sum
#   of the strata's averages with var = sum of var, at 1e-12;
# - --covariates: every model row equals mse-fit --covariates -M of that
#   model (tests/cli/strata-reference.sh checks those fits against R's
#   glm), and the best BIC model is the one mse-fit --select bic chooses
#   (checked against R's exhaustive search there), at 1e-9;
# - --absent: every model row equals mse-fit --absent -M of that model, at
#   1e-9;
# - a stratum where fewer than 2 lists recorded anyone keeps its reason,
#   and the totals say they have no estimate;
# - refused pairs exit 2 with a reason and no output.
set -u
: "${top_srcdir:=.}" "${top_builddir:=.}"
srcdir=$(cd "$top_srcdir" && pwd) || exit 99
builddir=$(cd "$top_builddir" && pwd) || exit 99
models=$builddir/cli/mse-models
fit=$builddir/cli/mse-fit
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

# total: the estimate of mse-fit's total row (by the header's names).
total() {
	awk -F, 'NR == 1 { for (j = 1; j <= NF; j++) h[$j] = j; next }
	    $1 == "total" { print $h["estimate"]; exit }'
}

# close GOT WANT TOL
close() {
	awk -v g="$1" -v w="$2" -v t="$3" 'BEGIN {
		if (g == "" || w == "") exit 1
		d = g - w; if (d < 0) d = -d; s = w < 0 ? -w : w
		exit !(d <= t * s) }'
}

scot=$srcdir/data/ScotPWID_region_gender_age.csv

# --by Region: each stratum against its own table.
"$models" -f csv --by Region -l S1,S2,S3,S4 "$scot" >"$tmp/by.csv"
ok $? "--by Region runs"
for r in GGC Rest; do
	awk -F, -v r="$r" 'NR == 1 { print "S1,S2,S3,S4,count"; next }
	    $5 == r { c[$1 "," $2 "," $3 "," $4] += $8 }
	    END { for (k in c) print k "," c[k] }' "$scot" >"$tmp/$r.csv"
	"$models" -f csv "$tmp/$r.csv" >"$tmp/$r.out"
	for w in AIC BIC AICc; do
		got=$(awk -F, -v r="$r" -v w="($w " '$1 == "average" && $2 == r &&
		    index($3, w) { print $10 }' "$tmp/by.csv")
		want=$(awk -F, -v w="($w " '$1 == "average" && index($2, w) {
		    print $9 }' "$tmp/$r.out")
		close "$got" "$want" 1e-9
		ok $? "--by: $r's $w average $got = mse-models on its table $want"
	done
done
for w in AIC BIC AICc; do
	sum=$(awk -F, -v w="($w " '$1 == "average" && index($3, w) {
	    s += $10; v += $11 * $11 } END { printf "%.17g %.17g", s, sqrt(v) }' \
	    "$tmp/by.csv")
	got=$(awk -F, -v w=" $w " '$1 == "total" && index($3, w) {
	    printf "%s %s", $10, $11 }' "$tmp/by.csv")
	close "${got% *}" "${sum% *}" 1e-12 && close "${got#* }" "${sum#* }" 1e-12
	ok $? "--by: the $w total $got = the sum of the averages, var = sum of var"
done

# --covariates: model rows are mse-fit's fits of those models.
"$models" -f csv --covariates Gender -l S1,S2,S3,S4 "$scot" >"$tmp/cov.csv"
ok $? "--covariates Gender runs"
i=0
while IFS=, read -r kind model est; do
	i=$((i + 1))
	[ $i -le 4 ] || break
	want=$("$fit" -f csv --covariates Gender -l S1,S2,S3,S4 -M "$model" \
	    "$scot" | total)
	close "$est" "$want" 1e-9
	ok $? "--covariates: $model: $est = mse-fit -M ($want)"
done <<EOT
$(awk -F, 'NR > 1 && $1 == "model" && $9 != "" { print $1 "," $2 "," $9 }' \
    "$tmp/cov.csv")
EOT
best=$(awk -F, 'NR > 1 && $1 == "model" { print $9; exit }' "$tmp/cov.csv")
sel=$("$fit" -f csv --covariates Gender -l S1,S2,S3,S4 -s bic "$scot" | total)
close "$best" "$sel" 1e-9
ok $? "--covariates: the best BIC model ($best) is mse-fit --select bic's ($sel)"

# --absent: model rows are mse-fit --absent's fits.
west=$srcdir/data/Western.csv
"$models" -f csv --absent A:B "$west" >"$tmp/abs.csv"
ok $? "--absent A:B runs"
i=0
while IFS=, read -r kind model est; do
	i=$((i + 1))
	[ $i -le 4 ] || break
	want=$("$fit" -f csv --absent A:B -M "$model" "$west" |
	    awk -F, 'NR == 2 { for (j = 1; j <= NF; j++) if (h[j] == "estimate")
	    print $j } NR == 1 { for (j = 1; j <= NF; j++) h[j] = $j }')
	close "$est" "$want" 1e-9
	ok $? "--absent: $model: $est = mse-fit --absent -M ($want)"
done <<EOT
$(awk -F, 'NR > 1 && $1 == "model" && $9 != "" { print $1 "," $2 "," $9 }' \
    "$tmp/abs.csv")
EOT

# A stratum where one list recorded everyone.
printf 'A,B,C,g,count\n1,0,0,x,5\n0,1,0,x,4\n1,1,0,x,2\n0,0,1,x,3\n1,0,0,y,5\n' \
    >"$tmp/few.csv"
"$models" -f csv --by g "$tmp/few.csv" >"$tmp/few.out"
rc=$?
grep -q '^average,y,.*fewer than 2 lists recorded anyone' "$tmp/few.out" &&
    grep -q '^total,,.*no estimate' "$tmp/few.out" && [ $rc -eq 0 ]
ok $? "--by: a stratum with one list keeps its reason; the totals have none"

# Refused pairs.
"$models" --by g --covariates g "$tmp/few.csv" >"$tmp/out" 2>"$tmp/err"
[ $? -eq 2 ] && [ ! -s "$tmp/out" ] && grep -q 'cannot go together' "$tmp/err"
ok $? "--by with --covariates: exit 2 with the reason"
"$models" --covariates g -c conditional "$tmp/few.csv" >"$tmp/out" 2>"$tmp/err"
[ $? -eq 2 ] && [ ! -s "$tmp/out" ] && grep -q "log f0" "$tmp/err"
ok $? "--covariates with --ci conditional: exit 2 with the reason"

echo "1..$n"
exit $fail
