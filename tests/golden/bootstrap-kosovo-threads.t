# the same with 2 threads gives the same output
args: -f csv -D 8 -s bic --max-order 3 -c bootstrap -B 50 --seed 7 --threads 2 data/Kosovo.csv
exit: 0
