# mse-import: CR-only line ends, id read as a list, located
tool: mse-import
args: tests/data/bad-records-cr-only.csv
exit: 1
