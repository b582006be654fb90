# mse-table: aligned text, 7 digits, numbers right
tool: mse-table
args: tests/data/models-western.csv
exit: 0
