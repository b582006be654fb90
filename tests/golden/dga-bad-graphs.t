# dga --graphs with a bad value
args: -m dga --graphs some data/Congenital.csv
exit: 2
