# a spreadsheet export: empty trailing columns and a ;;;; row, skipped with a warning
args: -f csv tests/data/good-spreadsheet-export.csv
exit: 0
