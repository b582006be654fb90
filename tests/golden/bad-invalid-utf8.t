# bad input bad-invalid-utf8
args: tests/data/bad-invalid-utf8.csv
exit: 1
