# mse-table --interval names a missing column
tool: mse-table
args: -I estimate,lower,nope tests/data/table-interval.csv
exit: 1
