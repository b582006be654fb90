# bad input bad-ragged-short
tool: mse-check
args: tests/data/bad-ragged-short.csv
exit: 1
