# mse-plot: trend of KOM counts by group, gaps as NaN
tool: mse-plot
args: -k trend --script -o kom.pdf tests/data/kom-wide.csv
exit: 0
