# mse-plot: trend in the terminal, chosen columns
tool: mse-plot
args: -k trend --script --y kvinner,menn tests/data/kom-wide.csv
exit: 0
