# bad input bad-strata-empty-value (--by)
tool: mse-check
args: --by year tests/data/bad-strata-empty-value.csv
exit: 1
