# bootstrap of a fixed model, no selection
args: -f csv -D 8 -M A:E -c bootstrap -B 40 --seed 3 --threads 2 data/Western.csv
exit: 0
