# bad input bad-count-negative
args: tests/data/bad-count-negative.csv
exit: 1
