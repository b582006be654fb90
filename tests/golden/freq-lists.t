# --lists on frequency data
args: -m M0 -t 11 -l A,B data/nbcap/cbird.csv
exit: 2
