# dga, grid cut short: warning and status
args: -m dga --nmax 600 --top 0 -f csv data/Congenital.csv
exit: 0
