# mse-counts: bad annual counts (nul)
tool: mse-counts
args: tests/data/bad-counts-nul.csv
exit: 1
