# mse-plot: an output whose format cannot be told
tool: mse-plot
args: -k trend -o chart.jpg tests/data/estimates-trend.csv
exit: 2
