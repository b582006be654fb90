# bad input bad-cr-only
tool: mse-check
args: tests/data/bad-cr-only.csv
exit: 1
