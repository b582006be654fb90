# TSV format
args: -f tsv -D 8 data/Western.csv
exit: 0
