# mse-counts: bad annual counts (fraction)
tool: mse-counts
args: tests/data/bad-counts-fraction.csv
exit: 1
