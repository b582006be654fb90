# mse-plot trend --group: a column that is not there (exit 1)
tool: mse-plot
args: -k trend --group kjonn --script tests/data/plot-est-kjonn.csv
exit: 1
