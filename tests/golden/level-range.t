# --level 1.5
args: -L 1.5 data/Western.csv
exit: 2
