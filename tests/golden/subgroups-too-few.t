# 30 replicates: a 95% percentile interval needs 40 (one beyond each limit); every row says so and has no interval
args: -f csv -D 10 --covariates year,gender --subgroups gender -B 30 tests/data/kom-year-gender.csv
exit: 0
