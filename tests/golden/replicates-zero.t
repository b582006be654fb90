# --replicates 0
args: -c bootstrap -B 0 data/Western.csv
exit: 2
