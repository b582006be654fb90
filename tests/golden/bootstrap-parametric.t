# parametric bootstrap, seed 2
args: -f csv -D 8 -M A:E -c bootstrap --resample parametric -B 40 --seed 2 data/Western.csv
exit: 0
