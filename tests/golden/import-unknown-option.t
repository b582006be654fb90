# mse-import unknown option
tool: mse-import
args: --frobnicate tests/data/good-records-flags.csv
exit: 2
