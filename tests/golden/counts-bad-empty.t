# mse-counts: an empty file
tool: mse-counts
args: tests/data/bad-empty.csv
exit: 1
