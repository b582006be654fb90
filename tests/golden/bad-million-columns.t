# bad input: a header of 10^6 empty column names
args: tests/data/bad-million-columns.csv
exit: 1
