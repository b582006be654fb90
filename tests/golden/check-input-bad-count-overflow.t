# bad input bad-count-overflow
tool: mse-check
args: tests/data/bad-count-overflow.csv
exit: 1
