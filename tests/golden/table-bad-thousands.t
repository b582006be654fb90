# mse-table: a digit as the group separator
tool: mse-table
args: -t 0 data/gsi2018.csv
exit: 2
