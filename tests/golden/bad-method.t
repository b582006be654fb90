# --method unknown
args: -m magic data/Western.csv
exit: 2
