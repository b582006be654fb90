# frequency data with the default method
args: -t 11 data/nbcap/cbird.csv
exit: 2
