# issue 18: a stratified table whose counts add up past 2^53
args: --by y tests/data/bad-strata-count-sum.csv
exit: 1
