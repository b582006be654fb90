# bad input bad-count-text
args: tests/data/bad-count-text.csv
exit: 1
