# bad input bad-one-list
args: tests/data/bad-one-list.csv
exit: 1
