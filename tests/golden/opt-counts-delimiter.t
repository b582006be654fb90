# mse-counts --delimiter x
tool: mse-counts
args: -d x data/kom-annual.csv
exit: 2
