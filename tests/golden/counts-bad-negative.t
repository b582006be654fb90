# mse-counts: bad annual counts (negative)
tool: mse-counts
args: tests/data/bad-counts-negative.csv
exit: 1
