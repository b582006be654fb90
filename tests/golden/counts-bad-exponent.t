# mse-counts: bad annual counts (exponent)
tool: mse-counts
args: tests/data/bad-counts-exponent.csv
exit: 1
