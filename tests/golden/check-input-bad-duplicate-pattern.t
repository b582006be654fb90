# bad input bad-duplicate-pattern
tool: mse-check
args: tests/data/bad-duplicate-pattern.csv
exit: 1
