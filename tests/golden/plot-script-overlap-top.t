# mse-plot: the 5 largest patterns
tool: mse-plot
args: -k overlap --script --top 5 -T Western data/Western.csv
exit: 0
