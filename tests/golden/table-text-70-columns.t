# mse-table: -f text with 70 columns prints all 70 (util.c aligned only 64 and dropped the rest)
tool: mse-table
args: -f text tests/data/good-table-70-columns.csv
exit: 0
