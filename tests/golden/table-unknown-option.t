# mse-table: unknown option
tool: mse-table
args: --frobnicate data/gsi2018.csv
exit: 2
