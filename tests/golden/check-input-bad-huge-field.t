# bad input bad-huge-field
tool: mse-check
args: tests/data/bad-huge-field.csv
exit: 1
