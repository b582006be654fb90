# dga on three of the five lists (--lists)
args: -m dga -l L1,L2,L4 --nmax 2537 --top 2 -f csv data/Congenital.csv
exit: 0
