# --t0 1
args: -m M0 -t 11 --t0 1 data/nbcap/cbird.csv
exit: 2
