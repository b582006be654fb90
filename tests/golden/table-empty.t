# mse-table: an empty file
tool: mse-table
args: tests/data/bad-empty.csv
exit: 1
