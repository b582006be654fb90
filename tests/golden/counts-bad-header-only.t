# mse-counts: bad annual counts (header-only)
tool: mse-counts
args: tests/data/bad-counts-header-only.csv
exit: 1
