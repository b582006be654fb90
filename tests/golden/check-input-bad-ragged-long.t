# bad input bad-ragged-long
tool: mse-check
args: tests/data/bad-ragged-long.csv
exit: 1
