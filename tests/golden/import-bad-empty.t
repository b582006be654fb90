# an empty file
tool: mse-import
args: tests/data/bad-empty.csv
exit: 1
