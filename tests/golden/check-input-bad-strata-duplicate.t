# bad input bad-strata-duplicate (--by)
tool: mse-check
args: --by year tests/data/bad-strata-duplicate.csv
exit: 1
