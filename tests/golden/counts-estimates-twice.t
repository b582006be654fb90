# mse-counts: estimates with one year twice
tool: mse-counts
args: -q -e tests/data/estimates-twice.csv data/kom-annual.csv
exit: 1
