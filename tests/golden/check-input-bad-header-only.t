# bad input bad-header-only
tool: mse-check
args: tests/data/bad-header-only.csv
exit: 1
