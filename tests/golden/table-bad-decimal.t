# mse-table: ';' as the decimal mark
tool: mse-table
args: -p ';' data/gsi2018.csv
exit: 2
