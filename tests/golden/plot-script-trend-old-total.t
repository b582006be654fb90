# mse-plot trend: the old --by shape, the total row not a point
tool: mse-plot
args: -k trend --script tests/data/good-est-old-total.csv
exit: 0
