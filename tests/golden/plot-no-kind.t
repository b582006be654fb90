# mse-plot: --kind is required
tool: mse-plot
args: tests/data/estimates-trend.csv
exit: 2
