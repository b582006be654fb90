# mse-plot: --y names a missing column
tool: mse-plot
args: -k trend --script --y nope tests/data/estimates-trend.csv
exit: 1
