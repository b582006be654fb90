# bad input bad-count-fraction
tool: mse-check
args: tests/data/bad-count-fraction.csv
exit: 1
