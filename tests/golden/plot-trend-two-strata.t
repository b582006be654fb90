# mse-plot trend: year and gender strata refused, not one zig-zag line
tool: mse-plot
args: -k trend --script tests/data/good-est-two-strata.csv
exit: 1
