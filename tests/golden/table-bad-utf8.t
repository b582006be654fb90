# mse-table: invalid UTF-8, located
tool: mse-table
args: tests/data/bad-invalid-utf8.csv
exit: 1
