# bad input bad-empty
tool: mse-check
args: tests/data/bad-empty.csv
exit: 1
