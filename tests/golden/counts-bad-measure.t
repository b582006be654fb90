# mse-counts: --measure names no measure
tool: mse-counts
args: -q --wide -m found data/kom-annual.csv
exit: 1
