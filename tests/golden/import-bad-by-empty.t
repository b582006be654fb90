# --by with an empty name
tool: mse-import
args: --by year,,gender tests/data/good-records-reports.csv
exit: 2
