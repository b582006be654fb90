# dga, uniform prior on N, aligned text
args: -m dga --prior-n uniform --nmax 2537 --top 1 -f text data/Congenital.csv
exit: 0
