# bad input bad-duplicate-name
args: tests/data/bad-duplicate-name.csv
exit: 1
