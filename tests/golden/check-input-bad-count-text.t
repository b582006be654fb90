# bad input bad-count-text
tool: mse-check
args: tests/data/bad-count-text.csv
exit: 1
