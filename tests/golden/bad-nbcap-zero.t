# nbcap 0
args: -m M0 -t 5 tests/data/bad-nbcap-zero.csv
exit: 1
