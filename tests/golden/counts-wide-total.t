# mse-counts --wide: totals of the measure new
tool: mse-counts
args: -q --wide -m new data/kom-annual.csv
exit: 0
