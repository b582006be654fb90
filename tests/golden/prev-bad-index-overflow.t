# mse-prevalence: bad index table (overflow)
tool: mse-prevalence
args: tests/data/bad-index-overflow.csv
exit: 1
