# bad input is located
tool: mse-models
args: tests/data/bad-list-value.csv
exit: 1
