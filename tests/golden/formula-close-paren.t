# a formula with an unopened parenthesis
args: -M 'A:B)' data/Western.csv
exit: 1
