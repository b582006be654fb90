# bad input bad-count-sum
tool: mse-check
args: tests/data/bad-count-sum.csv
exit: 1
