# mse-prevalence: bad index table (ragged)
tool: mse-prevalence
args: tests/data/bad-index-ragged.csv
exit: 1
