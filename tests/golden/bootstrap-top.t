# bootstrap choosing among the 5 best models
args: -f csv -D 8 -s bic --top 5 -c bootstrap -B 40 --seed 3 data/Kosovo.csv
exit: 0
