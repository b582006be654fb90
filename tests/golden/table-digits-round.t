# mse-table: --digits and --round together
tool: mse-table
args: -D 3 -r 1 data/gsi2018.csv
exit: 2
