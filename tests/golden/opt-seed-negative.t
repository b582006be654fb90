# --seed -1
args: -c bootstrap --seed -1 data/Western.csv
exit: 2
