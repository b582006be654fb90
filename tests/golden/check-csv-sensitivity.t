# csv: drop and merge
tool: mse-check
args: -f csv -p sensitivity data/Western.csv
exit: 0
