# only one list reported anyone
tool: mse-import
args: -i id -r actor tests/data/bad-records-one-list.csv
exit: 1
