# Mt on frequency data
args: -m Mt -t 11 data/nbcap/cbird.csv
exit: 2
