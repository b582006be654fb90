# bad input bad-count-exponent
tool: mse-check
args: tests/data/bad-count-exponent.csv
exit: 1
