# --replicates 1e3
args: -c bootstrap -B 1e3 data/Western.csv
exit: 2
