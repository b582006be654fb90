# mse-plot: models against AIC, A:E chosen
tool: mse-plot
args: -k models --script -o models.png tests/data/models-western.csv
exit: 0
