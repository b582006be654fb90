# mse-counts: an index table is not annual counts
tool: mse-counts
args: data/gsi2018.csv
exit: 1
