# bad input bad-ragged-short
args: tests/data/bad-ragged-short.csv
exit: 1
