# bad input bad-ragged-long
args: tests/data/bad-ragged-long.csv
exit: 1
