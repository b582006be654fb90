# --replicates -1
args: -c bootstrap -B -1 data/Western.csv
exit: 2
