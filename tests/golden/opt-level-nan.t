# --level nan
args: -L nan data/Western.csv
exit: 2
