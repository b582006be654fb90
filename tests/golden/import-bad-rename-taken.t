# --rename to a name taken
tool: mse-import
args: -i id -r actor -R UDI=ROSA tests/data/good-records-reports.csv
exit: 1
