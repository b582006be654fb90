# bad input bad-million-fields
tool: mse-check
args: tests/data/bad-million-fields.csv
exit: 1
