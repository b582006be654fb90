# a formula with an empty term
args: -M 'A: + C' data/Western.csv
exit: 1
