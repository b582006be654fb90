# bad input bad-duplicate-name
tool: mse-check
args: tests/data/bad-duplicate-name.csv
exit: 1
