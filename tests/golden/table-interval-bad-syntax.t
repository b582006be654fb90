# mse-table --interval needs three columns: usage error
tool: mse-table
args: -I estimate,lower tests/data/table-interval.csv
exit: 2
