# bad input bad-count-empty
tool: mse-check
args: tests/data/bad-count-empty.csv
exit: 1
