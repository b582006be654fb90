# mse-plot: models without an AIC or BIC column
tool: mse-plot
args: -k models --script data/gsi2018.csv
exit: 1
