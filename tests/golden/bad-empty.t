# bad input bad-empty
args: tests/data/bad-empty.csv
exit: 1
