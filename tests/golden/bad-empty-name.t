# bad input bad-empty-name
args: tests/data/bad-empty-name.csv
exit: 1
