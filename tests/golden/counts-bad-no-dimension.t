# mse-counts: bad annual counts (no-dimension)
tool: mse-counts
args: tests/data/bad-counts-no-dimension.csv
exit: 1
