# mse-prevalence: an empty index table
tool: mse-prevalence
args: tests/data/bad-empty.csv
exit: 1
