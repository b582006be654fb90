# bad input bad-all-zero
tool: mse-check
args: tests/data/bad-all-zero.csv
exit: 1
