# bad input bad-strata-count-sum (--by)
tool: mse-check
args: --by y tests/data/bad-strata-count-sum.csv
exit: 1
