# mse-import: a NUL byte
tool: mse-import
args: tests/data/bad-records-nul.csv
exit: 1
