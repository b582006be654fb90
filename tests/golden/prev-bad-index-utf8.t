# mse-prevalence: bad index table (utf8)
tool: mse-prevalence
args: tests/data/bad-index-utf8.csv
exit: 1
