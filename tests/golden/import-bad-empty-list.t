# an empty list name
tool: mse-import
args: -r reported_by tests/data/bad-records-empty-list.csv
exit: 1
