# bad input bad-one-list
tool: mse-check
args: tests/data/bad-one-list.csv
exit: 1
