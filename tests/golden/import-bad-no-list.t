# a row on no list
tool: mse-import
args: -i person tests/data/bad-records-no-list.csv
exit: 1
