# bad input bad-nbcap-zero
tool: mse-check
args: tests/data/bad-nbcap-zero.csv
exit: 1
