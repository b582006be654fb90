# a person in two years without --id id,year
tool: mse-import
args: -i id -r actor -b year tests/data/good-records-reports.csv
exit: 1
