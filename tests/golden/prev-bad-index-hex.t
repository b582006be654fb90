# mse-prevalence: bad index table (hex)
tool: mse-prevalence
args: tests/data/bad-index-hex.csv
exit: 1
