# --id id,year counts a person once a year
tool: mse-import
args: -f csv -i id,year -r actor -b year tests/data/good-records-reports.csv
exit: 0
