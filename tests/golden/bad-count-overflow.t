# bad input bad-count-overflow
args: tests/data/bad-count-overflow.csv
exit: 1
