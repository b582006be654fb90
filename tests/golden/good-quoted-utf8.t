# good input good-quoted-utf8
args: -f csv -D 10 tests/data/good-quoted-utf8.csv
exit: 0
