# an empty formula
args: -M '' data/Western.csv
exit: 1
