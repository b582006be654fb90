# mse-plot: an unknown terminal
tool: mse-plot
args: -k trend -t x11 tests/data/estimates-trend.csv
exit: 2
