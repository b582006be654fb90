# --merge of an unknown list
tool: mse-import
args: -i id -r actor -m Politiet,KRIPOS=PK tests/data/good-records-reports.csv
exit: 1
