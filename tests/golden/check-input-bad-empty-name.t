# bad input bad-empty-name
tool: mse-check
args: tests/data/bad-empty-name.csv
exit: 1
