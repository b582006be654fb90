# --threads 0
args: -c bootstrap --threads 0 data/Western.csv
exit: 2
