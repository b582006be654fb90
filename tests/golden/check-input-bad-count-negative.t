# bad input bad-count-negative
tool: mse-check
args: tests/data/bad-count-negative.csv
exit: 1
