# dga --nmax below the number observed
args: -m dga --nmax 500 data/Congenital.csv
exit: 1
