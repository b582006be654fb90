# bootstrap, 50 replicates, seed 7, one thread
args: -f csv -D 8 -s bic --max-order 3 -c bootstrap -B 50 --seed 7 --threads 1 data/Kosovo.csv
exit: 0
