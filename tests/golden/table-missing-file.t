# mse-table: missing file
tool: mse-table
args: data/no-such-file.csv
exit: 1
