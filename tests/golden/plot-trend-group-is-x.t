# mse-plot trend --group year: the x axis cannot make the groups (exit 1)
tool: mse-plot
args: -k trend --group year --script tests/data/plot-est-kjonn.csv
exit: 1
