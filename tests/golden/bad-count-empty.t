# bad input bad-count-empty
args: tests/data/bad-count-empty.csv
exit: 1
