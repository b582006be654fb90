# nbcap given twice
args: -m M0 -t 5 tests/data/bad-nbcap-duplicate.csv
exit: 1
