# bad input bad-nbcap-text
tool: mse-check
args: tests/data/bad-nbcap-text.csv
exit: 1
