# mse-plot: column names as titles, quoted
tool: mse-plot
args: -k trend --script tests/data/evil-trend.csv
exit: 0
