# mse-plot: trend script, band and identified (observed)
tool: mse-plot
args: -k trend --script -o trend.png tests/data/estimates-trend.csv
exit: 0
