# bad input bad-no-count
tool: mse-check
args: tests/data/bad-no-count.csv
exit: 1
