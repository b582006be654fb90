# mse-plot: ranked prevalence bars from an index table
tool: mse-plot
args: -k prevalence --script -o prev.png tests/data/index-fictional.csv
exit: 0
