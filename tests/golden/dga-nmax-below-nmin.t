# dga --nmax below --nmin
args: -m dga --nmin 900 --nmax 800 data/Congenital.csv
exit: 2
