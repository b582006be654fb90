# bad input bad-31-lists
args: tests/data/bad-31-lists.csv
exit: 1
