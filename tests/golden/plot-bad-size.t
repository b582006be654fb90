# mse-plot: a size that is not W,H
tool: mse-plot
args: -k trend -S 800x500 tests/data/estimates-trend.csv
exit: 2
