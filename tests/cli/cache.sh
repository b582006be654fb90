#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# cache.sh - mse-fit -m lcm --cache (issue 15, item 3): each fit kept by a
# hash of its table and options, read back bit for bit, so a rerun samples
# only the strata that changed; and mse-batch's use of it (TAP).
. "${top_srcdir:-.}/tests/cli/tap.sh"
fit=$builddir/cli/mse-fit
data=$srcdir/data
cd "$tmp" || exit 99

# A short fixed run: the cache keeps whatever the options give.
run="-m lcm --samples 100 --burnin 200 --chains 2 -f csv"
by="--by Region,Gender,Age"
src=$data/ScotPWID_region_gender_age.csv

# said FILE: "H C" from mse-fit's "H of N fits read from the cache, C
# computed".
said() {
	sed -n 's/.*: \([0-9]*\) of [0-9]* fits\{0,1\} read from the cache, \([0-9]*\) computed$/\1 \2/p' "$1"
}

# 1. The first run computes every stratum and equals a run without the
# cache; the second reads every one back, to the same bytes.
# shellcheck disable=SC2086 # word splitting of the options is meant
"$fit" $run $by "$src" >plain.csv 2>plain.err
# shellcheck disable=SC2086
"$fit" $run $by --cache c "$src" >first.csv 2>first.err
rc=$?
# shellcheck disable=SC2086
"$fit" $run $by --cache c "$src" >second.csv 2>second.err || rc=1
cmp -s plain.csv first.csv || rc=1
cmp -s first.csv second.csv || rc=1
[ "$(said first.err)" = "0 8" ] || rc=1
[ "$(said second.err)" = "8 0" ] || rc=1
[ "$(ls c | wc -l)" -eq 8 ] || rc=1
# the warnings of a fit read back are the fit's own
grep -v 'read from the cache' first.err >w1
grep -v 'read from the cache' second.err >w2
cmp -s w1 w2 || rc=1
ok $rc "--by: the first run fits 8 strata, the second reads all 8 back, the same bytes as without the cache" second.err

# 2. One stratum changed: only it is sampled again, and the output is
# that of a fresh run on the changed data.
awk -F, 'BEGIN { OFS = "," } NR == 2 { $NF = $NF + 5 } { print }' "$src" \
    >changed.csv
# shellcheck disable=SC2086
"$fit" $run $by --cache c changed.csv >c1.csv 2>c1.err
rc=$?
# shellcheck disable=SC2086
"$fit" $run $by changed.csv >c0.csv 2>/dev/null || rc=1
cmp -s c0.csv c1.csv || rc=1
[ "$(said c1.err)" = "7 1" ] || rc=1
ok $rc "one stratum's counts changed: 7 read back, 1 computed, as a fresh run" c1.err

# 3. Other options are another key: a new seed samples every stratum.
# shellcheck disable=SC2086
"$fit" $run $by --seed 7 --cache c "$src" >seed.csv 2>seed.err
rc=$?
[ "$(said seed.err)" = "0 8" ] || rc=1
cmp -s seed.csv first.csv && rc=1
# threads are not part of the key
# shellcheck disable=SC2086
"$fit" $run $by --threads 1 --cache c "$src" >thr.csv 2>thr.err || rc=1
[ "$(said thr.err)" = "8 0" ] || rc=1
cmp -s thr.csv first.csv || rc=1
ok $rc "a new seed is a new key; the number of threads is not" seed.err

# 4. A damaged or foreign file is a miss: the stratum is fitted again and
# the file rewritten.  The victim is one of seed 1's files (the options
# line's eighth number).
victim=
for f in c/*; do
	[ "$(sed -n '3p' "$f" | cut -d' ' -f9)" = 1 ] && { victim=$f; break; }
done
head -c 200 "$victim" >cut.tmp && mv cut.tmp "$victim"
# shellcheck disable=SC2086
"$fit" $run $by --cache c "$src" >cut.csv 2>cut.err
rc=$?
cmp -s cut.csv first.csv || rc=1
[ "$(said cut.err)" = "7 1" ] || rc=1
[ "$(wc -c <"$victim")" -gt 200 ] || rc=1
ok $rc "a damaged cache file is fitted again and rewritten" cut.err

# 5. One table, and imputed versions: the same cache.
# shellcheck disable=SC2086
"$fit" $run --cache one "$data/Congenital.csv" >o1.csv 2>o1.err &&
    "$fit" $run --cache one "$data/Congenital.csv" >o2.csv 2>o2.err
rc=$?
cmp -s o1.csv o2.csv || rc=1
[ "$(said o1.err)" = "0 1" ] && [ "$(said o2.err)" = "1 0" ] || rc=1
awk -F, 'NR == 1 { print $0 ",imp"; next } { print $0 ",a"; print $0 ",b" }' \
    "$data/Congenital.csv" >imp.csv
# shellcheck disable=SC2086
"$fit" $run --imputation imp --cache one imp.csv >i1.csv 2>i1.err &&
    "$fit" $run --imputation imp --cache one imp.csv >i2.csv 2>i2.err ||
    rc=1
cmp -s i1.csv i2.csv || rc=1
[ "$(said i2.err)" = "2 0" ] || rc=1
ok $rc "one table and --imputation: read back the second time" i2.err

# 6. Usage: not without -m lcm, not an empty directory, and a directory
# that cannot be made is an error before any output.
"$fit" -s bic --cache c "$data/UKdat_5.csv" >u.out 2>u.err
rc=$?
[ $rc -eq 2 ] && grep -q -e '--cache needs --method lcm' u.err && [ ! -s u.out ]
rc1=$?
# shellcheck disable=SC2086
"$fit" $run --cache '' "$data/Congenital.csv" >u.out 2>u.err
[ $? -eq 2 ] && [ ! -s u.out ] || rc1=1
: >plainfile
# shellcheck disable=SC2086
"$fit" $run --cache plainfile/sub -o out.csv "$data/Congenital.csv" 2>u.err
[ $? -eq 1 ] && grep -q 'cannot make the cache directory' u.err &&
    [ ! -e out.csv ] || rc1=1
ok $rc1 "usage: -m lcm only, a directory named, one that cannot be made fails before output" u.err

# 7. mse-batch keeps an lcm year's strata: a year whose input changed in
# one stratum recomputes that stratum only.
mkdir -p in
cp "$src" in/2020.csv
cat >in/batch.conf <<'CONF'
input = table
strata = Region,Gender,Age
method = lcm
CONF
export PATH="$builddir/cli:$PATH"
batch=$srcdir/scripts/mse-batch
rc=0
"$batch" -l b1.log in out >/dev/null 2>&1 || rc=1
[ "$(ls out/cache | wc -l)" -eq 8 ] || rc=1
awk -F, 'BEGIN { OFS = "," } NR == 3 { $NF = $NF + 3 } { print }' "$src" \
    >in/2020.csv
"$batch" -l b2.log in out >/dev/null 2>&1 || rc=1
grep -q '2020: done (7 of 8 fits read from the cache, 1 computed)' b2.log ||
    rc=1
ok $rc "mse-batch: method = lcm keeps each stratum; a changed stratum alone is refitted" b2.log

tap_done
