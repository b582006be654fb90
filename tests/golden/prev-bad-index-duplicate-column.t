# mse-prevalence: bad index table (duplicate-column)
tool: mse-prevalence
args: tests/data/bad-index-duplicate-column.csv
exit: 1
