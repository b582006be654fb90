# bad input bad-invalid-utf8
tool: mse-check
args: tests/data/bad-invalid-utf8.csv
exit: 1
