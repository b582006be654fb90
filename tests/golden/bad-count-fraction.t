# bad input bad-count-fraction
args: tests/data/bad-count-fraction.csv
exit: 1
