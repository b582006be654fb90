# mse-import reads standard input
tool: mse-import
args: -f csv -i id,year -r actor -b year,gender
stdin: tests/data/good-records-reports.csv
exit: 0
