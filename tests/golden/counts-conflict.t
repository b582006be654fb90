# mse-counts: one fact given twice, differently
tool: mse-counts
args: tests/data/counts-conflict.csv
exit: 1
