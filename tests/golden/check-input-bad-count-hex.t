# bad input bad-count-hex
tool: mse-check
args: tests/data/bad-count-hex.csv
exit: 1
