# bad input bad-header-only
args: tests/data/bad-header-only.csv
exit: 1
