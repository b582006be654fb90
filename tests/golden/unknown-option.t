# unknown option
args: --frobnicate data/Western.csv
exit: 2
