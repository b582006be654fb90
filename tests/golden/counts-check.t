# mse-counts: checks of KOM's figures; the 2016 gap, 261 of 262, on stderr
tool: mse-counts
args: -f text data/kom-annual.csv
exit: 0
