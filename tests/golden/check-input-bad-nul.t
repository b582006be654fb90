# bad input bad-nul
tool: mse-check
args: tests/data/bad-nul.csv
exit: 1
