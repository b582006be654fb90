# mse-plot trend: row column, the total left out, 2014 missing is a gap (NaN row)
tool: mse-plot
args: -k trend --script tests/data/good-est-row-gap.csv
exit: 0
