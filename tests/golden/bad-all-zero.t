# bad input bad-all-zero
args: tests/data/bad-all-zero.csv
exit: 1
