# a list named count points to -R
tool: mse-import
args: -i id tests/data/bad-records-list-count.csv
exit: 1
