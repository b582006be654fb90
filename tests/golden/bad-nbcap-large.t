# nbcap above 1000
args: -m M0 -t 5 tests/data/bad-nbcap-large.csv
exit: 1
