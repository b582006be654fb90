# mse-plot trend --group: a block, band and line per kjønn; mann's missing 2014 a NaN gap; the total left out
tool: mse-plot
args: -k trend --group kjønn --script -o trend.png tests/data/plot-est-kjonn.csv
exit: 0
