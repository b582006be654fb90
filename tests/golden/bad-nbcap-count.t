# fractional count in frequency data
args: -m M0 -t 5 tests/data/bad-nbcap-count.csv
exit: 1
