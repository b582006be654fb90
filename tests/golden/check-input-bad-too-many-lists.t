# bad input bad-too-many-lists
tool: mse-check
args: tests/data/bad-too-many-lists.csv
exit: 1
