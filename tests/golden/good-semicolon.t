# good input good-semicolon
args: -f csv -D 10 tests/data/good-semicolon.csv
exit: 0
