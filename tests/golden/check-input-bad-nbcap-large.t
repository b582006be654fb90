# bad input bad-nbcap-large
tool: mse-check
args: tests/data/bad-nbcap-large.csv
exit: 1
