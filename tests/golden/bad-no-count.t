# bad input bad-no-count
args: tests/data/bad-no-count.csv
exit: 1
