# mse-counts: bad annual counts (overflow)
tool: mse-counts
args: tests/data/bad-counts-overflow.csv
exit: 1
