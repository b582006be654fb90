# mse-plot: overlap of a malformed capture-history table
tool: mse-plot
args: -k overlap --script tests/data/bad-count-negative.csv
exit: 1
