# bad input bad-count-exponent
args: tests/data/bad-count-exponent.csv
exit: 1
