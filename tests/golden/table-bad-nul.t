# mse-table: a NUL byte
tool: mse-table
args: tests/data/bad-nul.csv
exit: 1
