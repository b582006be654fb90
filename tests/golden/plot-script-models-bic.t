# mse-plot: models against BIC
tool: mse-plot
args: -k models --script --x bic -o models.svg tests/data/models-western.csv
exit: 0
