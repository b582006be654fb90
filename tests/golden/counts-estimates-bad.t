# mse-counts: estimates with text for a number
tool: mse-counts
args: -q -e tests/data/estimates-bad-number.csv data/kom-annual.csv
exit: 1
