# mse-table: --columns names a missing column
tool: mse-table
args: -c country,nope data/gsi2018.csv
exit: 1
