# bad input bad-too-many-lists
args: tests/data/bad-too-many-lists.csv
exit: 1
