# mse-counts --estimates: dark figure and ratio with intervals
tool: mse-counts
args: -q -e tests/data/estimates-trend.csv data/kom-annual.csv
exit: 0
