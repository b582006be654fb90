# -t with a capture-history table
args: -m M0 -t 6 data/hare.csv
exit: 2
