# good input good-bom-crlf
args: -f csv -D 10 tests/data/good-bom-crlf.csv
exit: 0
