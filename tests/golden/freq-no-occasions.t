# frequency data without -t
args: -m closed data/nbcap/cbird.csv
exit: 2
