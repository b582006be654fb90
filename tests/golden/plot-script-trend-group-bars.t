# mse-plot trend --group --bars: error bars per group, from stdin
tool: mse-plot
args: -k trend --group kjønn --bars --script
stdin: tests/data/plot-est-kjonn.csv
exit: 0
