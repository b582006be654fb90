# mse-table: a data row of 10^6 fields
tool: mse-table
args: tests/data/bad-million-fields.csv
exit: 1
