# --t0 above the occasions
args: -m M0 -t 11 --t0 12 data/nbcap/cbird.csv
exit: 1
