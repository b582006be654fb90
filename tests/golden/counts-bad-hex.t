# mse-counts: bad annual counts (hex)
tool: mse-counts
args: tests/data/bad-counts-hex.csv
exit: 1
