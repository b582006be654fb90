# mse-counts reads stdin
tool: mse-counts
args: -q -
exit: 0
stdin: data/kom-annual.csv
