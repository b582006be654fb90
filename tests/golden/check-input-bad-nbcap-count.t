# bad input bad-nbcap-count
tool: mse-check
args: tests/data/bad-nbcap-count.csv
exit: 1
