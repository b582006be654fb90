# a value under an empty trailing column is still an error
args: tests/data/bad-spreadsheet-value.csv
exit: 1
