# bad input bad-count-hex
args: tests/data/bad-count-hex.csv
exit: 1
