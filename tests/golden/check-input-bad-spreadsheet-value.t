# bad input bad-spreadsheet-value
tool: mse-check
args: tests/data/bad-spreadsheet-value.csv
exit: 1
