# mse-plot: unknown option
tool: mse-plot
args: -k trend --frobnicate tests/data/estimates-trend.csv
exit: 2
