# two operands
args: data/Western.csv data/Kosovo.csv
exit: 2
