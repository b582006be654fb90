# --digits 0
args: -D 0 data/Western.csv
exit: 2
