# dga, lists without a unit in common: warning before fitting
args: -m dga --top 1 -f csv data/Western.csv
exit: 0
