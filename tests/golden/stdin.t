# reads stdin
args: -f csv -D 10 -
exit: 0
stdin: data/Western.csv
