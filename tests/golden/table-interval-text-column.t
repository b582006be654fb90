# mse-table --interval names a text column
tool: mse-table
args: -I estimate,row,upper tests/data/table-interval.csv
exit: 1
