# a formula ending in +
args: -M 'A:B +' data/Western.csv
exit: 1
