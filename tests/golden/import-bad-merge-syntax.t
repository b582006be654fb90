# --merge without =NEW
tool: mse-import
args: -m Politiet,ROSA tests/data/good-records-reports.csv
exit: 2
