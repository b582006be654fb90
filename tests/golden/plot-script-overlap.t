# mse-plot: UpSet-style overlap of Western's lists
tool: mse-plot
args: -k overlap --script -o overlap.png data/Western.csv
exit: 0
