# a missing stratum column
tool: mse-import
args: -i id -r actor -b year,age tests/data/good-records-reports.csv
exit: 1
