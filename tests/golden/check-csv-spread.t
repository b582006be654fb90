# csv: model spread
tool: mse-check
args: -f csv -p spread data/Western.csv
exit: 0
