# json output
tool: mse-import
args: -f json -i id -r actor tests/data/good-records-reports.csv
exit: 0
