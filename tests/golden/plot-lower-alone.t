# mse-plot: --lower without --upper
tool: mse-plot
args: -k trend --lower lower tests/data/estimates-trend.csv
exit: 2
