# JSON format
args: -f json -D 8 data/Western.csv
exit: 0
