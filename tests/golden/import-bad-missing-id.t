# a missing id column
tool: mse-import
args: -i pid -r actor tests/data/good-records-reports.csv
exit: 1
