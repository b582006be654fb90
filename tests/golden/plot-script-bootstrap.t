# mse-plot: histogram of 200 replicates
tool: mse-plot
args: -k bootstrap --script --bins 20 -o boot.png tests/data/bootstrap-western.csv
exit: 0
