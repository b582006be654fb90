# mse-plot: no model has an AIC: nothing to draw
tool: mse-plot
args: -k models --script tests/data/estimates-trend.csv
exit: 1
