# one row per report, grouped by id
tool: mse-import
args: -f csv -i id,year -r actor -b year,gender tests/data/good-records-reports.csv
exit: 0
