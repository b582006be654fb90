# bad input bad-list-value
args: tests/data/bad-list-value.csv
exit: 1
