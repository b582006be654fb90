# mse-plot: text where a number is needed, located
tool: mse-plot
args: -k trend --script tests/data/estimates-bad-number.csv
exit: 1
