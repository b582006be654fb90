# records from a spreadsheet: empty trailing columns and a blank row
tool: mse-import
args: -i id -r meldt_av tests/data/good-records-spreadsheet.csv
exit: 0
