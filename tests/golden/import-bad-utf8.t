# invalid UTF-8
tool: mse-import
args: tests/data/bad-invalid-utf8.csv
exit: 1
