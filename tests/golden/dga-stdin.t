# dga from standard input
args: -m dga --nmax 2537 --top 0 -f csv
stdin: data/Congenital.csv
exit: 0
