# mse-counts: bad annual counts (ragged)
tool: mse-counts
args: tests/data/bad-counts-ragged.csv
exit: 1
