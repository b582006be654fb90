# --absent on a cell with a count
args: --absent A:C data/Western.csv
exit: 1
