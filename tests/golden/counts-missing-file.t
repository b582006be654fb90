# mse-counts: missing file
tool: mse-counts
args: data/no-such-file.csv
exit: 1
