# mse-counts --wide by group
tool: mse-counts
args: -q --wide -b group -f text data/kom-annual.csv
exit: 0
