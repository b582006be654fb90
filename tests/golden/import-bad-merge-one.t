# --merge of one list
tool: mse-import
args: -m Politiet=P tests/data/good-records-reports.csv
exit: 2
