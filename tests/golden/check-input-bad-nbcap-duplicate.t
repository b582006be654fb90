# bad input bad-nbcap-duplicate
tool: mse-check
args: tests/data/bad-nbcap-duplicate.csv
exit: 1
