# -t 2.5
args: -m M0 -t 2.5 data/nbcap/cbird.csv
exit: 2
