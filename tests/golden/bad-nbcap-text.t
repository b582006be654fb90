# nbcap not a number
args: -m M0 -t 5 tests/data/bad-nbcap-text.csv
exit: 1
