# mse-table: -f text with 70 columns is refused, not cut at 64
tool: mse-table
args: -f text tests/data/bad-table-70-columns.csv
exit: 1
