# --select and --model together
args: -s bic -M A:B data/Western.csv
exit: 2
