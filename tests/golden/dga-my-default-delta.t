# dga, delta 2^-5 (dga 2.0.2: 618.911, 618, 590, 656)
args: -m dga --nmax 2537 --top 2 -f csv data/Congenital.csv
exit: 0
