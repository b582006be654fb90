# --ci bootstrap with a closed form
args: -m chao -c bootstrap data/Western.csv
exit: 2
