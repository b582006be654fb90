# mse-table --digits 99
tool: mse-table
args: -D 99 data/Western.csv
exit: 2
