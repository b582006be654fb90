# bad input bad-duplicate-pattern
args: tests/data/bad-duplicate-pattern.csv
exit: 1
