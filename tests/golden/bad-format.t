# --format xml
args: -f xml data/Western.csv
exit: 2
