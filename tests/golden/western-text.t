# aligned text format
args: -f text data/Western.csv
exit: 0
