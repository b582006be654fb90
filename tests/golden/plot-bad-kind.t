# mse-plot: an unknown kind
tool: mse-plot
args: -k pie tests/data/estimates-trend.csv
exit: 2
