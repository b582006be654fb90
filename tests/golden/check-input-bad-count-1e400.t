# bad input bad-count-1e400
tool: mse-check
args: tests/data/bad-count-1e400.csv
exit: 1
