# bad input bad-million-columns
tool: mse-check
args: tests/data/bad-million-columns.csv
exit: 1
