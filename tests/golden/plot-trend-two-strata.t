# mse-plot trend: year and kjønn strata without --group refused (exit 1), not one zig-zag line
tool: mse-plot
args: -k trend --script tests/data/plot-est-kjonn.csv
exit: 1
