# bad input bad-list-value
tool: mse-check
args: tests/data/bad-list-value.csv
exit: 1
