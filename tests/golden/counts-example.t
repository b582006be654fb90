# mse-counts(1), mse-data(5) example: mse-counts data/kom-annual.csv
tool: mse-counts
args: data/kom-annual.csv
exit: 0
