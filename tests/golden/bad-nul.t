# bad input bad-nul
args: tests/data/bad-nul.csv
exit: 1
