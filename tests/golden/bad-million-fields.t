# bad input: a data row of 10^6 fields
args: tests/data/bad-million-fields.csv
exit: 1
