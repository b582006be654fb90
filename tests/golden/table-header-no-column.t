# mse-table: --header naming no column
tool: mse-table
args: -H nope=x tests/data/good-est-old-total.csv
exit: 1
