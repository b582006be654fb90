# dga, JSON
args: -m dga --nmax 2537 --top 1 -f json data/Congenital.csv
exit: 0
