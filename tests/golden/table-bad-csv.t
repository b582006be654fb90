# mse-table: a ragged row, located
tool: mse-table
args: tests/data/bad-ragged-long.csv
exit: 1
