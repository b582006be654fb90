# a missing reported-by column
tool: mse-import
args: -i id -r reporter tests/data/good-records-reports.csv
exit: 1
