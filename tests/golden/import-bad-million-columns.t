# mse-import: a header of 10^6 empty column names
tool: mse-import
args: tests/data/bad-million-columns.csv
exit: 1
