# mse-table: CSV rounded to 2 decimals
tool: mse-table
args: -f csv -r 2 tests/data/models-western.csv
exit: 0
