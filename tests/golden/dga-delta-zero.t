# dga --delta 0
args: -m dga --delta 0 data/Congenital.csv
exit: 2
