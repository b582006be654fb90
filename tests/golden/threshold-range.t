# --threshold 2
args: -s stepwise --threshold 2 data/Western.csv
exit: 2
