# mse-counts: --dimension with no categories
tool: mse-counts
args: -q --wide -b age data/kom-annual.csv
exit: 1
