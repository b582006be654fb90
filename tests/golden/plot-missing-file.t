# mse-plot: missing file
tool: mse-plot
args: -k trend --script data/no-such-file.csv
exit: 1
