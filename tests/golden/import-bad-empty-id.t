# an empty id
tool: mse-import
args: -i id -r actor tests/data/bad-records-empty-id.csv
exit: 1
